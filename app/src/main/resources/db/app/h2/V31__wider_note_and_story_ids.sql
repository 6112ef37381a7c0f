-- A settlement's note names the requester, the approver and the escalation before the operator's
-- own note of up to 2,000 characters; story ids follow the one rule for ids, up to 128.
-- H2 rebuilds a table to change a column's type, so the append-only triggers are put back after.
DROP TRIGGER ledger_entry_append_only;
ALTER TABLE ledger_entry ALTER COLUMN note SET DATA TYPE VARCHAR(4000);
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE, DELETE ON ledger_entry
    FOR EACH ROW CALL 'dev.amends.activities.db.AppendOnlyTrigger';
DROP TRIGGER story_event_append_only;
ALTER TABLE story_event ALTER COLUMN story_id SET DATA TYPE VARCHAR(128);
CREATE TRIGGER story_event_append_only BEFORE UPDATE, DELETE ON story_event
    FOR EACH ROW CALL 'dev.amends.activities.db.AppendOnlyTrigger';
ALTER TABLE story_undo ALTER COLUMN story_id SET DATA TYPE VARCHAR(128);
