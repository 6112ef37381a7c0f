-- A settlement's note names the requester, the approver and the escalation before the operator's
-- own note of up to 2,000 characters. (The order application's V31 did this before the ledger
-- became a library table; repeating it there changes nothing.)
-- H2 rebuilds a table to change a column's type, so the append-only trigger is put back after.
DROP TRIGGER ledger_entry_append_only;
ALTER TABLE ledger_entry ALTER COLUMN note SET DATA TYPE VARCHAR(4000);
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE, DELETE ON ledger_entry
    FOR EACH ROW CALL 'dev.amends.activities.db.AppendOnlyTrigger';
