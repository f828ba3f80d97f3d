-- Version 1: articles with their records, the parts of each as rows, full-text indexes.
CREATE TABLE articles (
    id TEXT PRIMARY KEY,
    source TEXT,
    url TEXT,
    title TEXT,
    published TEXT,
    language TEXT,
    text TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX articles_published ON articles (published);

CREATE TABLE entities (
    article_id TEXT NOT NULL REFERENCES articles (id),
    entity TEXT NOT NULL,
    name TEXT NOT NULL,
    type TEXT,
    country TEXT,
    sector TEXT,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, entity)
);
CREATE INDEX entities_name ON entities (name);

CREATE TABLE quotes (
    article_id TEXT NOT NULL REFERENCES articles (id),
    quote TEXT NOT NULL,
    content TEXT NOT NULL,
    source TEXT,
    speaker TEXT,
    speaker_name TEXT,
    cue TEXT,
    PRIMARY KEY (article_id, quote)
);
CREATE INDEX quotes_speaker ON quotes (speaker_name);

CREATE TABLE times (
    article_id TEXT NOT NULL REFERENCES articles (id),
    time TEXT NOT NULL,
    type TEXT,
    value TEXT,
    text TEXT NOT NULL,
    PRIMARY KEY (article_id, time)
);

CREATE TABLE events (
    article_id TEXT NOT NULL REFERENCES articles (id),
    event TEXT NOT NULL,
    type TEXT NOT NULL,
    mode TEXT,
    cameo TEXT NOT NULL,
    source_codes TEXT NOT NULL,
    target_codes TEXT NOT NULL,
    negated INTEGER NOT NULL,
    modality TEXT,
    date TEXT,
    mentions INTEGER NOT NULL,
    PRIMARY KEY (article_id, event)
);
CREATE INDEX events_type ON events (type, date);

CREATE VIRTUAL TABLE article_fts USING fts5 (article_id UNINDEXED, title, text);
CREATE VIRTUAL TABLE quote_fts USING fts5 (article_id UNINDEXED, quote UNINDEXED, content);
