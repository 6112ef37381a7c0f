-- Tables whose rows are history (the effect ledger, story events) refuse UPDATE, DELETE and
-- TRUNCATE in the database itself, whatever the code does. Each such table installs it with:
--   CREATE TRIGGER t_append_only BEFORE UPDATE OR DELETE ON t
--     FOR EACH ROW EXECUTE FUNCTION amends_refuse_rewrite();
--   CREATE TRIGGER t_no_truncate BEFORE TRUNCATE ON t
--     FOR EACH STATEMENT EXECUTE FUNCTION amends_refuse_rewrite();
CREATE FUNCTION amends_refuse_rewrite() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END
$$;
