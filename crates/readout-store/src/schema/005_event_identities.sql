-- Version 5: every actor of an event across articles as the matching compares it (its
-- country or group code, and for a person the last word of the name, case-folded), with
-- the name shown for it, so that a later run reads back the key that decides which
-- reports are the event. `story_event_actors` keeps the codes for `--actor CODE`.
CREATE TABLE story_event_names (
    story_event_id INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('source', 'target')),
    -- '' when the actor has no code (a person the coder could not place).
    code TEXT NOT NULL,
    -- '' when the actor is not a person.
    person TEXT NOT NULL,
    name TEXT NOT NULL,
    PRIMARY KEY (story_event_id, role, code, person)
) WITHOUT ROWID;

-- The events stored before: one row per code of the actors they showed. Their names were
-- joined without saying which code each belonged to; a side of one code and one name is
-- paired, any other shows its codes.
INSERT OR IGNORE INTO story_event_names (story_event_id, role, code, person, name)
SELECT a.story_event_id, a.role, a.code, '',
       CASE WHEN (SELECT count(*) FROM story_event_actors b
                  WHERE b.story_event_id = a.story_event_id AND b.role = a.role) = 1
                 AND instr(n.names, '; ') = 0 AND n.names <> ''
            THEN n.names ELSE a.code END
FROM story_event_actors a
JOIN (SELECT id, 'source' AS role, source_names AS names FROM story_events
      UNION ALL
      SELECT id, 'target', target_names FROM story_events) n
  ON n.id = a.story_event_id AND n.role = a.role;
