-- The application's rights on amends' tables, given after every migration to the group role
-- amends_application when it exists (a deployment creates it, NOLOGIN, and makes the application's
-- login a member; docs/operations.md). Migrations run as the owner of the schema; the application
-- may read and write escalations and alerts, and only read and append to the effect ledger: it can
-- neither update a ledger row nor disable, drop or replace the triggers that keep it append-only,
-- which only the owner can.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'amends_application') THEN
    RETURN;
  END IF;
  EXECUTE format('GRANT USAGE ON SCHEMA %I TO amends_application', current_schema());
  GRANT SELECT, INSERT, UPDATE ON escalation, alert TO amends_application;
  GRANT SELECT, INSERT ON ledger_entry TO amends_application;
  REVOKE UPDATE, DELETE, TRUNCATE, TRIGGER, REFERENCES ON ledger_entry FROM amends_application;
  EXECUTE format('GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA %I TO amends_application',
                 current_schema());
END
$$;
