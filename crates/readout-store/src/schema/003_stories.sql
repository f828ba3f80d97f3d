-- Version 3: stories, events across articles (one mention per article), ordinal claims,
-- and the relay chains of quotations.
CREATE TABLE stories (
    id INTEGER PRIMARY KEY,
    title TEXT,
    first_seen TEXT,
    last_seen TEXT,
    articles INTEGER NOT NULL,
    sources INTEGER NOT NULL
);
CREATE INDEX stories_last_seen ON stories (last_seen);

-- The story of each article in the order the articles were stored, with the features the
-- grouping compared, so that a later run rebuilds its stories without the pipeline.
CREATE TABLE story_articles (
    seq INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE REFERENCES articles (id),
    story_id INTEGER NOT NULL REFERENCES stories (id),
    features TEXT NOT NULL
);
CREATE INDEX story_articles_story ON story_articles (story_id);

-- The outlets of each story and of each event across articles, for their counts.
CREATE TABLE story_sources (
    story_id INTEGER NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (story_id, source)
) WITHOUT ROWID;
CREATE TABLE story_event_sources (
    story_event_id INTEGER NOT NULL,
    source TEXT NOT NULL,
    PRIMARY KEY (story_event_id, source)
) WITHOUT ROWID;

-- One row per real-world event of a story, however many articles report it.
CREATE TABLE story_events (
    id INTEGER PRIMARY KEY,
    story_id INTEGER NOT NULL REFERENCES stories (id),
    type TEXT NOT NULL,
    mode TEXT,
    cameo TEXT NOT NULL,
    codes TEXT NOT NULL,
    source_codes TEXT NOT NULL,
    target_codes TEXT NOT NULL,
    source_names TEXT NOT NULL,
    target_names TEXT NOT NULL,
    -- The codes the reports give (`RUS:3 USA:3 GBR:1`), over how many reports: the
    -- actors shown are those of a report that gives the codes most reports agree on.
    votes TEXT NOT NULL,
    reports INTEGER NOT NULL,
    negated INTEGER NOT NULL,
    modality TEXT,
    date TEXT,
    articles INTEGER NOT NULL,
    sources INTEGER NOT NULL,
    first_seen TEXT,
    last_seen TEXT
);
CREATE INDEX story_events_story ON story_events (story_id, type);
CREATE INDEX story_events_type ON story_events (type, date);

-- One mention per article of each event: its first report there.
CREATE TABLE event_mentions (
    story_event_id INTEGER NOT NULL REFERENCES story_events (id),
    article_id TEXT NOT NULL REFERENCES articles (id),
    event TEXT NOT NULL,
    sentence INTEGER NOT NULL,
    trigger_start INTEGER NOT NULL,
    trigger_end INTEGER NOT NULL,
    trigger TEXT NOT NULL,
    confidence REAL NOT NULL,
    reports INTEGER NOT NULL,
    PRIMARY KEY (story_event_id, article_id)
);
CREATE INDEX event_mentions_article ON event_mentions (article_id);

ALTER TABLE events ADD COLUMN story_event_id INTEGER;

CREATE TABLE claims (
    article_id TEXT NOT NULL REFERENCES articles (id),
    event TEXT NOT NULL,
    story_event_id INTEGER,
    ordinal INTEGER NOT NULL,
    text TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    anchor TEXT,
    PRIMARY KEY (article_id, event, start)
);

ALTER TABLE quotes ADD COLUMN relays TEXT NOT NULL DEFAULT '';
