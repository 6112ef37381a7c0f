-- What the console shows beside the events and the runs, and they do not say themselves.
--
-- Who asked for each story write: the events name their write by its idempotency key
-- (edit/<undoId>, undo/<undoId>/<field>, rollback/<requestId>/...), not the person. One row per
-- write, the first asker's; a repeated write (same key) keeps it.
CREATE TABLE story_author (
    story_id    VARCHAR(128)  NOT NULL,
    write_key   VARCHAR(200)  NOT NULL,                  -- edit/<undoId>, undo/<undoId>, rollback/<requestId>
    asked_by    VARCHAR(200)  NOT NULL,
    asked_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (story_id, write_key)
);

-- Every walk of the effect ledger's chain an admin started from the console: when, by whom, and
-- what it found. Reconciler runs keep their own walks in reconcile_run.
CREATE TABLE ledger_verification (
    verification_id  VARCHAR(36)   PRIMARY KEY,
    verified_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    verified_by      VARCHAR(200)  NOT NULL,
    intact           BOOLEAN       NOT NULL,
    entries_checked  BIGINT        NOT NULL,
    head_seq         BIGINT        NOT NULL,
    broken_at_seq    BIGINT,
    problem          VARCHAR(2000)
);
CREATE INDEX ledger_verification_at ON ledger_verification (verified_at);
