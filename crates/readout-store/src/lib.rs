//! The embedded store: every article's record, with its entities, quotations, times and
//! events as rows and its text and quotations in a full-text index, in one SQLite file.
//!
//! Articles are keyed by their content id, so storing an article again changes nothing.
//! Records are stored a batch per transaction: a process killed at any moment leaves the
//! database with whole batches only, and a rerun stores what is missing.
#![deny(missing_docs)]

use std::path::Path;

use readout_model::record::ArticleRecord;
use rusqlite::{params, Connection, OptionalExtension};

/// The schema version this code writes: the number of migrations.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The migrations, in order; the database's `user_version` says how many have run.
const MIGRATIONS: &[&str] = &[
    include_str!("schema/001_articles.sql"),
    include_str!("schema/002_event_actor_names.sql"),
];

/// What can go wrong with the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database could not be opened or migrated.
    #[error("{path}: {source}")]
    Open {
        /// The database file.
        path: String,
        /// Why.
        source: rusqlite::Error,
    },
    /// The database was written by a newer readout.
    #[error("{path}: schema version {found} is newer than this readout's ({known})")]
    Newer {
        /// The database file.
        path: String,
        /// Its version.
        found: i64,
        /// The version this code knows.
        known: i64,
    },
    /// A statement failed.
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    /// A record could not be encoded.
    #[error("article {id}: {source}")]
    Encode {
        /// The article's id.
        id: String,
        /// Why.
        source: serde_json::Error,
    },
}

/// How many rows the store holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Counts {
    /// Articles.
    pub articles: u64,
    /// Entities (per article).
    pub entities: u64,
    /// Quotations.
    pub quotes: u64,
    /// Temporal expressions.
    pub times: u64,
    /// Events (per article).
    pub events: u64,
}

/// What storing a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stored {
    /// Articles added.
    pub added: u64,
    /// Articles that were there already (same content id) and were left as they were.
    pub present: u64,
}

/// An article found by a full-text search.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct SearchHit {
    /// The article's id.
    pub id: String,
    /// Its headline.
    pub title: Option<String>,
    /// Its outlet.
    pub source: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// Words around the match, the matched words in `[brackets]`.
    pub snippet: String,
}

/// Which events to list. Every field left empty lets every event through.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EventFilter {
    /// An actor: a code (`RUS`: three capital letters) or a part of an actor's name.
    pub actor: Option<String>,
    /// A second actor, the same way.
    pub with: Option<String>,
    /// The PLOVER type.
    pub kind: Option<String>,
    /// The earliest date (the event's, else the article's publication date), ISO 8601.
    pub since: Option<String>,
    /// The latest date, the same way.
    pub until: Option<String>,
    /// How many to list at most.
    pub limit: usize,
}

/// One stored event.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct EventRow {
    /// The article that reports it.
    pub article_id: String,
    /// Its headline.
    pub title: Option<String>,
    /// Its publication date.
    pub published: Option<String>,
    /// The event's id in the article (`v1`).
    pub event: String,
    /// PLOVER type.
    #[serde(rename = "type")]
    pub kind: String,
    /// PLOVER mode.
    pub mode: Option<String>,
    /// CAMEO code.
    pub cameo: String,
    /// The sources' codes, space-separated.
    pub source_codes: String,
    /// The targets' codes, space-separated.
    pub target_codes: String,
    /// Whether every report denies it.
    pub negated: bool,
    /// asserted, future or hypothetical.
    pub modality: Option<String>,
    /// Its date, when known.
    pub date: Option<String>,
    /// How many reports of it the article has.
    pub mentions: i64,
    /// The sources' names, separated by "; ".
    pub source_names: String,
    /// The targets' names, separated by "; ".
    pub target_names: String,
}

/// One stored quotation.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct QuoteRow {
    /// The article it is in.
    pub article_id: String,
    /// The article's publication date.
    pub published: Option<String>,
    /// Its id in the article (`q1`).
    pub quote: String,
    /// The speaker's name, when resolved.
    pub speaker_name: Option<String>,
    /// The source as written.
    pub source: Option<String>,
    /// The words that introduce it.
    pub cue: Option<String>,
    /// What was said.
    pub content: String,
}

/// An open store.
pub struct Store {
    conn: Connection,
}

impl Store {
    /// Opens (or creates) the store at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let name = path.display().to_string();
        let open = |source| StoreError::Open {
            path: name.clone(),
            source,
        };
        let conn = Connection::open(path).map_err(open)?;
        // Write-ahead logging: readers do not block the writer, and a killed writer leaves
        // the last committed transaction intact.
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(open)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open)?;
        let mut store = Store { conn };
        let found: i64 = store
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .map_err(open)?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::Newer {
                path: name,
                found,
                known: SCHEMA_VERSION,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            let tx = store.conn.transaction().map_err(open)?;
            tx.execute_batch(sql).map_err(open)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)
                .map_err(open)?;
            tx.commit().map_err(open)?;
        }
        Ok(store)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Stores a batch of records in one transaction. An article whose id is stored already
    /// is left as it is.
    pub fn put(&mut self, records: &[ArticleRecord]) -> Result<Stored, StoreError> {
        let tx = self.conn.transaction()?;
        let mut stored = Stored::default();
        for r in records {
            let json = serde_json::to_string(r).map_err(|source| StoreError::Encode {
                id: r.id.clone(),
                source,
            })?;
            let added = tx.execute(
                "INSERT OR IGNORE INTO articles (id, source, url, title, published, language, text, record)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    r.id,
                    r.source,
                    r.url,
                    r.title,
                    r.published.as_ref().map(|p| p.iso.clone()),
                    r.language,
                    r.text,
                    json
                ],
            )?;
            if added == 0 {
                stored.present += 1;
                continue;
            }
            stored.added += 1;
            insert_parts(&tx, r)?;
        }
        tx.commit()?;
        Ok(stored)
    }

    /// How many rows each table holds.
    pub fn counts(&self) -> Result<Counts, StoreError> {
        let count = |table: &str| -> Result<u64, StoreError> {
            let n: i64 =
                self.conn
                    .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))?;
            Ok(n as u64)
        };
        Ok(Counts {
            articles: count("articles")?,
            entities: count("entities")?,
            quotes: count("quotes")?,
            times: count("times")?,
            events: count("events")?,
        })
    }

    /// The record of an article, by id.
    pub fn record(&self, id: &str) -> Result<Option<ArticleRecord>, StoreError> {
        let json: Option<String> = self
            .conn
            .query_row("SELECT record FROM articles WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        json.map(|j| {
            serde_json::from_str(&j).map_err(|source| StoreError::Encode {
                id: id.to_string(),
                source,
            })
        })
        .transpose()
    }

    /// Ids of the articles whose title or text match a full-text query (SQLite FTS5 syntax),
    /// best first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<String>, StoreError> {
        Ok(self
            .search_hits(query, limit)?
            .into_iter()
            .map(|h| h.id)
            .collect())
    }

    /// The articles whose title or text match a full-text query (SQLite FTS5 syntax: words,
    /// `"a phrase"`, `a OR b`, `pre*`), best first, with a snippet around the match.
    pub fn search_hits(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT f.article_id, a.title, a.source, a.published,
                    snippet(article_fts, 2, '[', ']', '...', 12)
             FROM article_fts f JOIN articles a ON a.id = f.article_id
             WHERE article_fts MATCH ?1 ORDER BY rank LIMIT ?2",
        )?;
        let hits = stmt
            .query_map(params![query, limit as i64], |r| {
                Ok(SearchHit {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    source: r.get(2)?,
                    published: r.get(3)?,
                    snippet: r.get(4)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(hits)
    }

    /// Events of the stored articles that pass the filter, newest first.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<EventRow>, StoreError> {
        // An actor given as a code (three capital letters: `RUS`, `IGO`) is matched among
        // the event's codes, else as a part of one of its actors' names.
        let mut sql = String::from(
            "SELECT e.article_id, a.title, a.published, e.event, e.type, e.mode, e.cameo,
                    e.source_codes, e.target_codes, e.negated, e.modality, e.date, e.mentions,
                    e.source_names, e.target_names
             FROM events e JOIN articles a ON a.id = e.article_id WHERE 1 = 1",
        );
        let mut values: Vec<String> = Vec::new();
        for actor in [&filter.actor, &filter.with].into_iter().flatten() {
            let code = actor.len() == 3 && actor.chars().all(|c| c.is_ascii_uppercase());
            sql.push_str(if code {
                " AND (' ' || e.source_codes || ' ' || e.target_codes || ' ') LIKE '% ' || ? || ' %'"
            } else {
                " AND (e.source_names || '; ' || e.target_names) LIKE '%' || ? || '%'"
            });
            values.push(actor.clone());
        }
        if let Some(kind) = &filter.kind {
            sql.push_str(" AND e.type = upper(?)");
            values.push(kind.clone());
        }
        // The event's date when it is a calendar date (not "FY2017" or "PAST_REF"), else
        // the article's publication date.
        let when = "(CASE WHEN e.date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN e.date ELSE a.published END)";
        if let Some(since) = &filter.since {
            sql.push_str(&format!(" AND {when} >= ?"));
            values.push(since.clone());
        }
        if let Some(until) = &filter.until {
            // A date of the last day counts: "2025-07-03T10:00" sorts after "2025-07-03".
            sql.push_str(&format!(" AND {when} < ? || '~'"));
            values.push(until.clone());
        }
        sql.push_str(&format!(
            " ORDER BY {when} DESC, e.article_id, e.event LIMIT ?"
        ));
        values.push(filter.limit.to_string());
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt
            .query_map(rusqlite::params_from_iter(values.iter()), |r| {
                Ok(EventRow {
                    article_id: r.get(0)?,
                    title: r.get(1)?,
                    published: r.get(2)?,
                    event: r.get(3)?,
                    kind: r.get(4)?,
                    mode: r.get(5)?,
                    cameo: r.get(6)?,
                    source_codes: r.get(7)?,
                    target_codes: r.get(8)?,
                    negated: r.get(9)?,
                    modality: r.get(10)?,
                    date: r.get(11)?,
                    mentions: r.get(12)?,
                    source_names: r.get(13)?,
                    target_names: r.get(14)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Quotations of the stored articles, by speaker (a part of the name) when given.
    pub fn quotes(&self, speaker: Option<&str>, limit: usize) -> Result<Vec<QuoteRow>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT q.article_id, a.published, q.quote, q.speaker_name, q.source, q.cue, q.content
             FROM quotes q JOIN articles a ON a.id = q.article_id
             WHERE ?1 IS NULL OR q.speaker_name LIKE '%' || ?1 || '%'
             ORDER BY a.published DESC, q.article_id, q.quote LIMIT ?2",
        )?;
        let rows = stmt
            .query_map(params![speaker, limit as i64], |r| {
                Ok(QuoteRow {
                    article_id: r.get(0)?,
                    published: r.get(1)?,
                    quote: r.get(2)?,
                    speaker_name: r.get(3)?,
                    source: r.get(4)?,
                    cue: r.get(5)?,
                    content: r.get(6)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(rows)
    }

    /// Whether SQLite finds the file sound.
    pub fn integrity_ok(&self) -> Result<bool, StoreError> {
        let result: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(result == "ok")
    }
}

/// The name a value of an enum of the record has in JSON (`PER`, `DATE`, `asserted`).
fn name_of(value: impl serde::Serialize) -> Option<String> {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
}

/// The rows of an article's parts and its full-text entries.
fn insert_parts(tx: &rusqlite::Transaction, r: &ArticleRecord) -> Result<(), StoreError> {
    tx.execute(
        "INSERT INTO article_fts (article_id, title, text) VALUES (?1, ?2, ?3)",
        params![r.id, r.title.as_deref().unwrap_or(""), r.text],
    )?;
    for e in &r.entities {
        let code = e.code.as_ref();
        tx.execute(
            "INSERT INTO entities (article_id, entity, name, type, country, sector, mentions)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                r.id,
                e.id,
                e.name.text,
                name_of(e.kind),
                code.and_then(|c| c.country.clone()),
                code.and_then(|c| c.sector.clone()),
                e.mentions.len() as i64
            ],
        )?;
    }
    for q in &r.quotes {
        tx.execute(
            "INSERT INTO quotes (article_id, quote, content, source, speaker, speaker_name, cue)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                r.id,
                q.id,
                q.content.text,
                q.source.as_ref().map(|s| s.text.clone()),
                q.speaker,
                q.speaker_name,
                q.cue.as_ref().map(|c| c.text.clone())
            ],
        )?;
        tx.execute(
            "INSERT INTO quote_fts (article_id, quote, content) VALUES (?1, ?2, ?3)",
            params![r.id, q.id, q.content.text],
        )?;
    }
    for t in &r.times {
        tx.execute(
            "INSERT INTO times (article_id, time, type, value, text) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![r.id, t.id, name_of(t.kind), t.value, t.span.text],
        )?;
    }
    for e in &r.events {
        let codes = |list: &[readout_model::record::EventActorRecord]| {
            list.iter()
                .filter_map(|a| a.code.clone())
                .collect::<Vec<_>>()
                .join(" ")
        };
        // The names of the entities the actors are (else the words that name them),
        // separated by "; ".
        let names = |list: &[readout_model::record::EventActorRecord]| {
            list.iter()
                .map(|a| {
                    a.entity
                        .as_ref()
                        .and_then(|id| r.entities.iter().find(|x| &x.id == id))
                        .map_or_else(|| a.span.text.clone(), |x| x.name.text.clone())
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        tx.execute(
            "INSERT INTO events (article_id, event, type, mode, cameo, source_codes, target_codes,
                                 negated, modality, date, mentions, source_names, target_names)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![
                r.id,
                e.id,
                e.kind,
                e.mode,
                e.cameo,
                codes(&e.source),
                codes(&e.target),
                e.negated,
                name_of(e.modality),
                e.date.as_ref().map(|d| d.value.clone()),
                e.mentions.len() as i64,
                names(&e.source),
                names(&e.target)
            ],
        )?;
    }
    Ok(())
}
