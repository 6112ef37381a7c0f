-- The application's rights on its own tables, beside amends' (afterMigrate__amends_grants.sql):
-- story events, reconciler runs (whose heads are the ledger's anchors), who asked for each story
-- write and the console's chain verifications are only read and appended to; story undo requests
-- and the sandboxes' tables are read and written.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'amends_application') THEN
    RETURN;
  END IF;
  GRANT SELECT, INSERT ON story_event, reconcile_run, story_author, ledger_verification
    TO amends_application;
  REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES
    ON story_event, reconcile_run, story_author, ledger_verification FROM amends_application;
  GRANT SELECT, INSERT, UPDATE ON story_undo, story_undo_answer TO amends_application;
  GRANT SELECT, INSERT, UPDATE, DELETE ON sandbox_payment, sandbox_effect, sandbox_heal
    TO amends_application;
END
$$;
