-- A settlement's note names the requester, the approver and the escalation before the operator's
-- own note of up to 2,000 characters. (The order application's V31 did this before the ledger
-- became a library table; repeating it there changes nothing.)
ALTER TABLE ledger_entry ALTER COLUMN note SET DATA TYPE VARCHAR(4000);
