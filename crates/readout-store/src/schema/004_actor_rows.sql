-- Version 4: the actor codes of events, and of events across articles, as rows of their
-- own, so that `--actor CODE` is an indexed lookup of a whole code rather than a pattern
-- over space-joined text. The joined columns (`source_codes`, `target_codes`) stay, for
-- display only.
CREATE TABLE event_actors (
    article_id TEXT NOT NULL,
    event TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('source', 'target')),
    code TEXT NOT NULL,
    PRIMARY KEY (article_id, event, role, code)
) WITHOUT ROWID;
CREATE INDEX event_actors_code ON event_actors (code, article_id, event);

CREATE TABLE story_event_actors (
    story_event_id INTEGER NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('source', 'target')),
    code TEXT NOT NULL,
    PRIMARY KEY (story_event_id, role, code)
) WITHOUT ROWID;
CREATE INDEX story_event_actors_code ON story_event_actors (code, story_event_id);

-- The events stored before: their space-joined codes split into rows, one code at a time.
WITH RECURSIVE split (article_id, event, role, rest, code) AS (
    SELECT article_id, event, role, codes || ' ', NULL
    FROM (SELECT article_id, event, 'source' AS role, source_codes AS codes FROM events
          UNION ALL
          SELECT article_id, event, 'target', target_codes FROM events)
    UNION ALL
    SELECT article_id, event, role, substr(rest, instr(rest, ' ') + 1),
           substr(rest, 1, instr(rest, ' ') - 1)
    FROM split WHERE rest <> ''
)
INSERT OR IGNORE INTO event_actors (article_id, event, role, code)
SELECT article_id, event, role, code FROM split WHERE code <> '';

WITH RECURSIVE split (story_event_id, role, rest, code) AS (
    SELECT id, role, codes || ' ', NULL
    FROM (SELECT id, 'source' AS role, source_codes AS codes FROM story_events
          UNION ALL
          SELECT id, 'target', target_codes FROM story_events)
    UNION ALL
    SELECT story_event_id, role, substr(rest, instr(rest, ' ') + 1),
           substr(rest, 1, instr(rest, ' ') - 1)
    FROM split WHERE rest <> ''
)
INSERT OR IGNORE INTO story_event_actors (story_event_id, role, code)
SELECT story_event_id, role, code FROM split WHERE code <> '';
