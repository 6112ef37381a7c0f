-- The sandbox external systems keep their world in the database, not in worker memory, so a
-- worker crash cannot erase what they did. Each call is stored under its idempotency key; a
-- repeated key returns the stored result.

-- The payment provider's own records: charges and refunds.
CREATE TABLE sandbox_payment (
    payment_id       VARCHAR(100) PRIMARY KEY,
    idempotency_key  VARCHAR(300) NOT NULL UNIQUE,
    order_id         VARCHAR(200) NOT NULL,
    kind             VARCHAR(10)  NOT NULL,      -- CHARGE or REFUND
    charge_id        VARCHAR(100),               -- the charge a refund reverses
    card_token       VARCHAR(100),
    amount_minor     BIGINT       NOT NULL,
    currency         VARCHAR(3)   NOT NULL,
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sandbox_payment_charge ON sandbox_payment (charge_id);

-- Stock reservations, shipments and mails: one row per effect, and one per undo of it.
CREATE TABLE sandbox_effect (
    idempotency_key  VARCHAR(300) PRIMARY KEY,
    system           VARCHAR(20)  NOT NULL,      -- stock, shipping, mail
    order_id         VARCHAR(200) NOT NULL,
    kind             VARCHAR(10)  NOT NULL,      -- DO or UNDO
    reference        VARCHAR(100) NOT NULL,
    undoes_key       VARCHAR(300),               -- for an UNDO: the key of the effect it reverses
    detail           VARCHAR(2000),
    created_at       TIMESTAMP WITH TIME ZONE NOT NULL
);
CREATE INDEX sandbox_effect_order ON sandbox_effect (order_id);

-- Faults an operator has healed: a blocked undo of this system for this order now succeeds.
CREATE TABLE sandbox_heal (
    system     VARCHAR(20)  NOT NULL,
    order_id   VARCHAR(200) NOT NULL,
    healed_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (system, order_id)
);
