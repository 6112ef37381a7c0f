-- The effect ledger: the RML-3 record of what amends did to shared history (charges) and of
-- every forward correction (refunds, operator settlements). Append-only and hash-chained: each
-- entry's hash covers its canonical encoding plus the previous entry's hash, so a changed,
-- removed, reordered or forged row breaks the chain where it happened.
CREATE TABLE ledger_entry (
    seq              BIGINT        PRIMARY KEY,           -- 1, 2, 3 ... without gaps
    saga_id          VARCHAR(200)  NOT NULL,              -- the workflow id
    step             VARCHAR(100)  NOT NULL,
    kind             VARCHAR(10)   NOT NULL,              -- EFFECT or CORRECTION
    phase            VARCHAR(20)   NOT NULL,              -- INTENDED, CONFIRMED, REFUSED, ...
    corrects_seq     BIGINT        REFERENCES ledger_entry (seq),
    external_system  VARCHAR(50)   NOT NULL,
    external_ref     VARCHAR(100),                        -- the system's own reference
    amount_minor     BIGINT        NOT NULL,
    currency         VARCHAR(3)    NOT NULL,
    call_key         VARCHAR(300)  NOT NULL,              -- idempotency key of the external call
    idempotency_key  VARCHAR(400)  NOT NULL UNIQUE,       -- of this entry: an append happens once
    recorded_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    note             VARCHAR(2000),
    prev_hash        CHAR(64)      NOT NULL UNIQUE,       -- one successor per entry: no fork
    hash             CHAR(64)      NOT NULL,
    CONSTRAINT ledger_entry_kind CHECK (kind IN ('EFFECT', 'CORRECTION')),
    CONSTRAINT ledger_entry_correction_names_its_entry
        CHECK ((kind = 'CORRECTION' AND corrects_seq IS NOT NULL AND corrects_seq < seq)
            OR (kind = 'EFFECT' AND corrects_seq IS NULL))
);
CREATE INDEX ledger_entry_call ON ledger_entry (call_key);
CREATE INDEX ledger_entry_reference ON ledger_entry (external_system, external_ref);
CREATE INDEX ledger_entry_corrects ON ledger_entry (corrects_seq);

