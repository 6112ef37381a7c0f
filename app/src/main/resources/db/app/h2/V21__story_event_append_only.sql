-- History is never rewritten: the database itself refuses UPDATE and DELETE of a story event.
-- H2 has no TRUNCATE trigger; the embedded default's database lives in memory only.
CREATE TRIGGER story_event_append_only BEFORE UPDATE, DELETE ON story_event
    FOR EACH ROW CALL 'dev.amends.activities.db.AppendOnlyTrigger';
