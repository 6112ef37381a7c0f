-- One row per finished reconciler run: its report, and the chain head it saw. Later runs hold the
-- chain to these heads (anchors), so a ledger rewritten or cut short after a run is caught.
CREATE TABLE reconcile_run (
    run_id         VARCHAR(200)  PRIMARY KEY,
    status         VARCHAR(20)   NOT NULL,
    started_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    finished_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    chain_intact   BOOLEAN       NOT NULL,
    head_seq       BIGINT        NOT NULL,
    head_hash      CHAR(64)      NOT NULL,
    drifts_found   INTEGER       NOT NULL,
    actions_taken  INTEGER       NOT NULL,
    report         TEXT          NOT NULL
);
CREATE INDEX reconcile_run_finished ON reconcile_run (finished_at);
