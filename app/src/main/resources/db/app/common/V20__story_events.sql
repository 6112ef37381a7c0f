-- A Story's append-only stream of events (seeds 002 and 004): its state is the fold of its
-- events. Only the story's writer workflow appends, one write at a time; the primary key still
-- makes sure two appends can never both take a revision, and the idempotency key that a retried
-- write appends nothing twice. V21 makes the table refuse UPDATE and DELETE in the database.
CREATE TABLE story_event (
    story_id         VARCHAR(100)   NOT NULL,
    revision         BIGINT         NOT NULL,            -- 1, 2, 3 ... per story, no gaps
    kind             VARCHAR(20)    NOT NULL,
    field            VARCHAR(20),                        -- null for a rollback marker
    new_value        VARCHAR(20000),                     -- null clears the field
    idempotency_key  VARCHAR(300)   NOT NULL,            -- edit/<undoId>, undo/<undoId>/<field>, ...
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (story_id, revision),
    CONSTRAINT story_event_once UNIQUE (story_id, idempotency_key),
    CONSTRAINT story_event_revision CHECK (revision >= 1),
    CONSTRAINT story_event_kind CHECK (kind IN ('EDIT', 'UNDO', 'ROLLBACK', 'ROLLBACK_MARKER')),
    CONSTRAINT story_event_marker_has_no_field
        CHECK ((kind = 'ROLLBACK_MARKER' AND field IS NULL) OR (kind <> 'ROLLBACK_MARKER' AND field IS NOT NULL))
);

-- Every undo id the API handed out. POST /undo/{undoId} names no story, and an id whose writer
-- has finished must still answer 410 after its TTL, not 404.
CREATE TABLE story_undo (
    undo_id         VARCHAR(100)  PRIMARY KEY,
    story_id        VARCHAR(100)  NOT NULL,
    field           VARCHAR(20)   NOT NULL,
    posted_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    commits_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    undoable_until  TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The first answer to an undo of each id: a repeated undo gets it again, even once the writer
-- has forgotten the edit.
CREATE TABLE story_undo_answer (
    undo_id      VARCHAR(100)  PRIMARY KEY REFERENCES story_undo (undo_id),
    status       VARCHAR(30)   NOT NULL,
    restored     VARCHAR(200)  NOT NULL,                 -- fields, comma-separated
    kept         VARCHAR(200)  NOT NULL,
    revision     BIGINT        NOT NULL,
    answered_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
