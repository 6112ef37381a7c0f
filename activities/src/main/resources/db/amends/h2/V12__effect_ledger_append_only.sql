-- H2 has no TRUNCATE trigger; TRUNCATE of a table that a foreign key (corrects_seq) refers to is
-- refused by H2 itself.
CREATE TRIGGER ledger_entry_append_only BEFORE UPDATE, DELETE ON ledger_entry
    FOR EACH ROW CALL 'dev.amends.activities.db.AppendOnlyTrigger';
