-- History is never rewritten: the database itself refuses UPDATE, DELETE and TRUNCATE of story
-- events (amends_refuse_rewrite() comes from V10).
CREATE TRIGGER story_event_append_only BEFORE UPDATE OR DELETE ON story_event
    FOR EACH ROW EXECUTE FUNCTION amends_refuse_rewrite();
CREATE TRIGGER story_event_no_truncate BEFORE TRUNCATE ON story_event
    FOR EACH STATEMENT EXECUTE FUNCTION amends_refuse_rewrite();
