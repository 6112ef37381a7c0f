-- A settlement's note names the requester, the approver and the escalation before the operator's
-- own note of up to 2,000 characters; story ids follow the one rule for ids, up to 128.
ALTER TABLE ledger_entry ALTER COLUMN note SET DATA TYPE VARCHAR(4000);
ALTER TABLE story_event ALTER COLUMN story_id SET DATA TYPE VARCHAR(128);
ALTER TABLE story_undo ALTER COLUMN story_id SET DATA TYPE VARCHAR(128);
