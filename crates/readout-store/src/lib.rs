//! The embedded store: every article's record, with its entities, quotations, times and
//! events as rows and its text and quotations in a full-text index, in one SQLite file.
//!
//! Articles are keyed by their content id, so storing an article again changes nothing.
//! Records are stored a batch per transaction: a process killed at any moment leaves the
//! database with whole batches only, and a rerun stores what is missing.
#![deny(missing_docs)]

mod actors;
mod lock;
mod page;
mod query;
mod stories;

use std::path::Path;
use std::time::Duration;

pub use lock::WriteLock;
pub use page::{Cursor, Page};

pub use actors::{name_key, ActorFilter, ActorRow, KnownCodes};
pub use query::{
    date_bounds, ArticleRef, ArticleRow, ClaimCheck, EventFilter, EventRow, MentionRow,
    QuoteFilter, QuoteRow, SearchHit, StoryEventRow, StoryRow, Verdict,
};
use readout_model::record::ArticleRecord;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};

/// The schema version this code writes: the number of migrations.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The migrations, in order; the database's `user_version` says how many have run.
const MIGRATIONS: &[&str] = &[
    include_str!("schema/001_articles.sql"),
    include_str!("schema/002_event_actor_names.sql"),
    include_str!("schema/003_stories.sql"),
    include_str!("schema/004_actor_rows.sql"),
    include_str!("schema/005_event_identities.sql"),
    include_str!("schema/006_actor_registry.sql"),
    include_str!("schema/007_page_order.sql"),
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
    /// The database was written by an older readout and a read-only open cannot migrate it.
    #[error("{path}: schema version {found} is older than this readout's ({known}); run `readout ingest` on it (with no input: `readout ingest --db FILE < /dev/null`) to migrate it")]
    Older {
        /// The database file.
        path: String,
        /// Its version.
        found: i64,
        /// The version this code knows.
        known: i64,
    },
    /// The writer lock beside the database could not be taken.
    #[error("{path}: cannot take the writer lock: {source}")]
    Lock {
        /// The lock file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// Another process holds the writer lock, and waiting was not asked for.
    #[error("{path}: another ingest is writing this database")]
    Locked {
        /// The lock file.
        path: String,
    },
    /// A full-text query is not valid FTS5 syntax.
    #[error("bad search query {query:?}: {message}")]
    Query {
        /// The query.
        query: String,
        /// SQLite's message.
        message: String,
    },
    /// A full-text query is longer than [`MAX_QUERY_WORDS`] words or [`MAX_QUERY_BYTES`]
    /// bytes.
    #[error("search query too long: {words} words, {bytes} bytes (at most {max_words} words and {max_bytes} bytes)", max_words = MAX_QUERY_WORDS, max_bytes = MAX_QUERY_BYTES)]
    QueryTooLong {
        /// Its words.
        words: usize,
        /// Its bytes.
        bytes: usize,
    },
    /// A word stands in a full-text query more than [`MAX_QUERY_REPEATS`] times.
    #[error("search query repeats {word:?} more than {max} times", max = MAX_QUERY_REPEATS)]
    QueryRepeats {
        /// The word, as the index sees it.
        word: String,
        /// How many times it stood, when it was refused.
        times: usize,
    },
    /// A statement failed.
    #[error("database: {0}")]
    Sql(#[from] rusqlite::Error),
    /// A stored record could not be decompressed.
    #[error("article {id}: stored record: {message}")]
    Decode {
        /// The article's id.
        id: String,
        /// Why.
        message: String,
    },
    /// A date given to a query is not a day, month or year of the calendar.
    #[error("{value:?}: not a date (YYYY-MM-DD, YYYY-MM or YYYY, a day that exists)")]
    BadDate {
        /// The text given.
        value: String,
    },
    /// A page cursor is not one this store's queries gave, or is of another list.
    #[error("bad cursor: {message}")]
    BadCursor {
        /// Why.
        message: String,
    },
    /// A record could not be encoded.
    #[error("article {id}: {source}")]
    Encode {
        /// The article's id.
        id: String,
        /// Why.
        source: serde_json::Error,
    },
}

impl StoreError {
    /// Whether a query was stopped because it ran past its time
    /// ([`Store::limit_query_time`]).
    pub fn is_interrupted(&self) -> bool {
        matches!(
            self,
            StoreError::Sql(rusqlite::Error::SqliteFailure(f, _))
                if f.code == rusqlite::ErrorCode::OperationInterrupted
        )
    }

    /// Whether the error is the caller's query (bad syntax, too long) rather than the
    /// database's or the disk's.
    pub fn is_bad_query(&self) -> bool {
        matches!(
            self,
            StoreError::Query { .. }
                | StoreError::QueryTooLong { .. }
                | StoreError::QueryRepeats { .. }
                | StoreError::BadCursor { .. }
                | StoreError::BadDate { .. }
        )
    }
}

/// The most words a full-text query may hold. Each costs a lookup in the index; measured
/// on a store of 3,822 articles (`docs/store.md`), 32 distinct common words take 0.3 s.
pub const MAX_QUERY_WORDS: usize = 32;

/// The most bytes a full-text query may hold.
pub const MAX_QUERY_BYTES: usize = 1000;

/// The most times one word may stand in a full-text query. A repeated word finds nothing
/// more, and costs time that grows with the square of its repetitions (measured: "the"
/// 16 times 1.8 s, 64 times 24 s on a store of 3,822 articles).
pub const MAX_QUERY_REPEATS: usize = 2;

/// A word as the full-text index sees it: its letters and digits in lower case, each run
/// a token. FTS5 operators (`AND`, `OR`, `NOT`, `NEAR`) and bare marks give nothing.
fn index_form(word: &str) -> Option<String> {
    if matches!(word, "AND" | "OR" | "NOT") {
        return None;
    }
    let tokens: Vec<String> = word
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty() && *t != "NEAR")
        .map(str::to_lowercase)
        .collect();
    (!tokens.is_empty()).then(|| tokens.join(" "))
}

/// Ordinary words as an FTS5 query: each word (a run of characters between spaces) a
/// quoted string, its quotation marks doubled, so that `O'Brien`, `U.S.`, `Jong-un` and
/// `9/11` are words to find rather than FTS5 syntax. The words are all required, in any
/// order; the marks inside a word make it a phrase of its parts (`"U.S."` finds `u`
/// followed by `s`). A word given again (as the index sees it) is left out: it would find
/// nothing more.
pub fn fts_words(text: &str) -> String {
    let mut seen = std::collections::HashSet::new();
    text.split_whitespace()
        .filter(|w| index_form(w).is_none_or(|form| seen.insert(form)))
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks a full-text query against [`MAX_QUERY_WORDS`], [`MAX_QUERY_BYTES`] and
/// [`MAX_QUERY_REPEATS`].
pub(crate) fn check_query_length(query: &str) -> Result<(), StoreError> {
    let words = query.split_whitespace().count();
    if words > MAX_QUERY_WORDS || query.len() > MAX_QUERY_BYTES {
        return Err(StoreError::QueryTooLong {
            words,
            bytes: query.len(),
        });
    }
    let mut times = std::collections::HashMap::new();
    for form in query.split_whitespace().filter_map(index_form) {
        let n = times.entry(form.clone()).or_insert(0usize);
        *n += 1;
        if *n > MAX_QUERY_REPEATS {
            return Err(StoreError::QueryRepeats {
                word: form,
                times: *n,
            });
        }
    }
    Ok(())
}

/// An error of a full-text query: SQLite's generic error there is the query's syntax (an
/// unbalanced quotation mark, a column filter naming no column), anything else the
/// database's.
pub(crate) fn bad_query(query: &str, e: rusqlite::Error) -> StoreError {
    match e {
        rusqlite::Error::SqliteFailure(f, message) if f.code == rusqlite::ErrorCode::Unknown => {
            StoreError::Query {
                query: query.to_string(),
                message: message.unwrap_or_else(|| f.to_string()),
            }
        }
        other => StoreError::Sql(other),
    }
}

/// How long a connection waits for another's lock on the database (a migration, a
/// checkpoint, a reader while the journal mode changes) before it fails.
const BUSY_TIMEOUT: Duration = Duration::from_secs(30);

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
    /// Stories.
    pub stories: u64,
    /// Events across articles (per story).
    pub story_events: u64,
    /// Mentions of those events (one per article).
    pub mentions: u64,
    /// Ordinal claims.
    pub claims: u64,
}

/// What storing a batch did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Stored {
    /// Articles added.
    pub added: u64,
    /// Articles that were there already (same content id) and were left as they were.
    pub present: u64,
}

/// The story an article was put in by the grouping ([`readout_cluster::Stories`]), with the
/// features it was compared by, kept so that a later run can rebuild the stories.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoryRef {
    /// The story's number.
    pub story: u64,
    /// [`readout_cluster::Features::to_text`].
    pub features: String,
}

/// An article to store: its record and, when the grouping ran, its story.
#[derive(Debug, Clone)]
pub struct Ingested {
    /// The record.
    pub record: ArticleRecord,
    /// The record as the store keeps it ([`encode_record`]), when made beforehand (on the
    /// thread that made the record, say); else the store makes it.
    pub encoded: Option<Vec<u8>>,
    /// Its story.
    pub story: Option<StoryRef>,
}

/// The record as the store keeps it: JSON without the text (which has a column of its own
/// and is given back when the record is read), compressed with Snappy. The JSON of a
/// record is about nine times its text; compressed, it is a quarter of that, and the
/// store's writer, the ingest's slowest stage, has that much less to write.
pub fn encode_record(r: &mut ArticleRecord) -> Result<Vec<u8>, StoreError> {
    let text = std::mem::take(&mut r.text);
    let json = serde_json::to_vec(&*r).map_err(|source| StoreError::Encode {
        id: r.id.clone(),
        source,
    });
    r.text = text;
    snap::raw::Encoder::new()
        .compress_vec(&json?)
        .map_err(|e| StoreError::Decode {
            id: r.id.clone(),
            message: e.to_string(),
        })
}

/// A stored record read back: compressed JSON ([`encode_record`]), or JSON text as the
/// store kept it before schema version 3, with its text given back.
pub(crate) fn decode_record(
    id: &str,
    stored: rusqlite::types::Value,
    text: String,
) -> Result<ArticleRecord, StoreError> {
    let json = match stored {
        rusqlite::types::Value::Blob(bytes) => snap::raw::Decoder::new()
            .decompress_vec(&bytes)
            .map_err(|e| StoreError::Decode {
                id: id.to_string(),
                message: e.to_string(),
            })?,
        rusqlite::types::Value::Text(json) => json.into_bytes(),
        _ => {
            return Err(StoreError::Decode {
                id: id.to_string(),
                message: "the record is neither text nor bytes".to_string(),
            })
        }
    };
    let mut record: ArticleRecord =
        serde_json::from_slice(&json).map_err(|source| StoreError::Encode {
            id: id.to_string(),
            source,
        })?;
    record.text = text;
    Ok(record)
}

/// A transaction storing articles ([`Store::writer`]).
pub struct Writer<'a> {
    /// Taken out only by the commit, which consumes the writer.
    tx: Option<rusqlite::Transaction<'a>>,
    events: &'a mut stories::EventCache,
    stored: Stored,
    committed: bool,
}

impl Writer<'_> {
    /// Stores articles in the transaction.
    pub fn put(&mut self, items: Vec<Ingested>) -> Result<(), StoreError> {
        let Writer {
            tx, events, stored, ..
        } = self;
        let Some(tx) = tx.as_ref() else {
            return Ok(());
        };
        for Ingested {
            mut record,
            encoded,
            story,
        } in items
        {
            let r = &mut record;
            // What the article teaches the registry is read before the registry fills the
            // codes it lacks, so that a filled code is never counted as evidence.
            let learnt = actors::learnt(r);
            let filled = actors::fill(tx, r)?;
            let encoded = match encoded {
                Some(bytes) if !filled => bytes,
                _ => encode_record(r)?,
            };
            let added = exec(tx,
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
                    encoded
                ],
            )?;
            if added == 0 {
                stored.present += 1;
                continue;
            }
            stored.added += 1;
            actors::learn(tx, r, &learnt)?;
            let story_events = match &story {
                Some(story) => stories::insert_story(tx, r, story, events)?,
                None => Vec::new(),
            };
            insert_parts(tx, r, &story_events)?;
        }
        Ok(())
    }

    /// Commits the transaction and says what it stored.
    pub fn commit(mut self) -> Result<Stored, StoreError> {
        if let Some(tx) = self.tx.take() {
            tx.commit()?;
        }
        self.committed = true;
        Ok(self.stored)
    }
}

impl Drop for Writer<'_> {
    fn drop(&mut self) {
        if !self.committed {
            // Rolled back: what the cache learnt from these articles is not stored.
            self.events.clear();
        }
    }
}

/// Puts the database in write-ahead-log mode. The switch from a rollback journal needs the
/// file to itself, and SQLite refuses it at once, without waiting in the busy handler, while
/// another connection is reading it (as another writer opening a new file at the same moment
/// does); so it is tried again, a few milliseconds apart, for as long as the busy timeout.
fn wal_mode(conn: &Connection) -> rusqlite::Result<()> {
    let start = std::time::Instant::now();
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && start.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            other => return other,
        }
    }
}

/// An open store.
pub struct Store {
    conn: Connection,
    /// The events of the stories written lately.
    events: stories::EventCache,
}

impl Store {
    /// Opens (or creates) the store at `path` for writing and brings its schema up to date.
    ///
    /// The migrations run in one `BEGIN IMMEDIATE` transaction that reads the version again
    /// once it holds the write lock, so that two processes opening a new file at once do
    /// not both create the tables. It does not take the [`WriteLock`]: a writer that
    /// assigns stories takes that first.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let name = path.display().to_string();
        let open = |source| StoreError::Open {
            path: name.clone(),
            source,
        };
        let mut conn = Connection::open(path).map_err(open)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open)?;
        // Write-ahead logging: readers do not block the writer, and a killed writer leaves
        // the last committed transaction intact.
        wal_mode(&conn).map_err(open)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(open)?;
        conn.pragma_update(None, "foreign_keys", "ON")
            .map_err(open)?;
        // A batch writes megabytes of pages: with SQLite's default cache of 2 MiB they
        // would be spilled to the log before the commit and read back for the next rows.
        conn.pragma_update(None, "cache_size", -65_536)
            .map_err(open)?;
        conn.set_prepared_statement_cache_capacity(64);
        let found = user_version(&conn).map_err(open)?;
        check_newer(&name, found)?;
        if found < SCHEMA_VERSION {
            let tx = conn
                .transaction_with_behavior(TransactionBehavior::Immediate)
                .map_err(open)?;
            // Another process may have migrated the file while this one waited.
            let found = user_version(&tx).map_err(open)?;
            check_newer(&name, found)?;
            for (i, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
                tx.execute_batch(sql).map_err(open)?;
                tx.pragma_update(None, "user_version", i as i64 + 1)
                    .map_err(open)?;
            }
            tx.commit().map_err(open)?;
        }
        Ok(Store {
            conn,
            events: stories::EventCache::default(),
        })
    }

    /// Opens the store at `path` for reading only: SQLite's read-only mode, no migration,
    /// nothing created beside it when it is not in write-ahead-log mode (which an ingest
    /// leaves at its end, [`Store::close`]). A database of an older schema is reported
    /// with a message asking for an ingest to migrate it, a newer one refused.
    ///
    /// A database left in write-ahead-log mode (by a killed ingest, or a reader that kept
    /// it open as the ingest ended) cannot be read in a directory where SQLite cannot
    /// create its shared-memory file; when no log file is there, nothing uncommitted can
    /// exist and no writer can be running (it would have made one), so the file is then
    /// read as immutable.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let name = path.display().to_string();
        let open = |source| StoreError::Open {
            path: name.clone(),
            source,
        };
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        let conn = Connection::open_with_flags(path, flags).map_err(open)?;
        conn.busy_timeout(BUSY_TIMEOUT).map_err(open)?;
        let (conn, found) = match user_version(&conn) {
            Ok(found) => (conn, found),
            Err(first) => {
                let mut log = path.as_os_str().to_owned();
                log.push("-wal");
                if Path::new(&log).exists() {
                    return Err(open(first));
                }
                drop(conn);
                let conn = Connection::open_with_flags(immutable_uri(path), flags)
                    .map_err(|_| open(first))?;
                let found = user_version(&conn).map_err(open)?;
                (conn, found)
            }
        };
        check_newer(&name, found)?;
        if found < SCHEMA_VERSION {
            return Err(StoreError::Older {
                path: name,
                found,
                known: SCHEMA_VERSION,
            });
        }
        conn.pragma_update(None, "query_only", "ON").map_err(open)?;
        conn.set_prepared_statement_cache_capacity(64);
        Ok(Store {
            conn,
            events: stories::EventCache::default(),
        })
    }

    /// A number that changes whenever another connection commits to the database, so
    /// that a reader can tell whether what it read earlier may have changed (SQLite's
    /// `data_version`).
    pub fn data_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |r| r.get(0))?)
    }

    /// Stops every query that runs past `limit` from now, until the next call; `None`
    /// lifts the limit. A stopped query fails with an error that
    /// [`StoreError::is_interrupted`] recognises. A server sets it before each request,
    /// so that one expensive query cannot hold a connection for long.
    pub fn limit_query_time(&self, limit: Option<Duration>) {
        match limit {
            Some(limit) => {
                let deadline = std::time::Instant::now() + limit;
                // SQLite calls the handler every so many virtual-machine steps; a few
                // thousand steps take microseconds, so the check costs nothing measurable.
                self.conn
                    .progress_handler(4096, Some(move || std::time::Instant::now() > deadline));
            }
            None => self.conn.progress_handler(0, None::<fn() -> bool>),
        }
    }

    /// Closes a store opened for writing: the log is checkpointed into the database and
    /// the database leaves write-ahead-log mode, so that it is one self-contained file
    /// that can be read where nothing can be written ([`Store::open_read_only`]). When a
    /// reader holds the database open the mode cannot change; it is then left as it is,
    /// which is no error: the database stays sound and readable where it can be written.
    pub fn close(self) -> Result<(), StoreError> {
        let Store { conn, .. } = self;
        // A reader should not hold the end of an ingest up for long.
        conn.busy_timeout(Duration::from_secs(2))?;
        match conn.query_row("PRAGMA journal_mode = DELETE", [], |r| {
            r.get::<_, String>(0)
        }) {
            Ok(_) => {}
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy => {}
            Err(e) => return Err(e.into()),
        }
        conn.close().map_err(|(_, e)| StoreError::Sql(e))
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    /// Stores a batch of articles in one transaction: their records, their parts as rows,
    /// and each into its story with its events merged into the story's. An article whose
    /// id is stored already is left as it is.
    pub fn put(&mut self, items: Vec<Ingested>) -> Result<Stored, StoreError> {
        let mut writer = self.writer()?;
        writer.put(items)?;
        writer.commit()
    }

    /// Opens a transaction that stores articles given in as many parts as wanted until it
    /// is committed; dropped without a commit, it stores nothing.
    pub fn writer(&mut self) -> Result<Writer<'_>, StoreError> {
        if self.events.len() > stories::CACHED_STORIES {
            self.events.clear();
        }
        Ok(Writer {
            // Immediate: the write lock is taken at the start, so that a transaction never
            // fails half way on a lock another connection took after it began.
            tx: Some(
                self.conn
                    .transaction_with_behavior(TransactionBehavior::Immediate)?,
            ),
            events: &mut self.events,
            stored: Stored::default(),
            committed: false,
        })
    }

    /// Calls `each` with every stored article's id, story and features, in the order they
    /// were stored: what rebuilds the grouping's state in a later run.
    pub fn each_story_article(
        &self,
        mut each: impl FnMut(&str, u64, &str),
    ) -> Result<(), StoreError> {
        stories::each_story_article_after(&self.conn, 0, |_, id, story, features| {
            each(id, story, features)
        })
    }

    /// As [`Store::each_story_article`], for the articles stored after position `after`
    /// only (positions count from 1 and only grow), each with its position: what brings a
    /// grouping kept between runs up to date.
    pub fn each_story_article_after(
        &self,
        after: u64,
        each: impl FnMut(u64, &str, u64, &str),
    ) -> Result<(), StoreError> {
        stories::each_story_article_after(&self.conn, after, each)
    }

    /// How many articles are stored at positions up to `seq`, and the id of the one at
    /// `seq`: what tells a grouping kept between runs that the store it was read from is
    /// still the same one, only longer.
    pub fn story_article_mark(&self, seq: u64) -> Result<(u64, Option<String>), StoreError> {
        stories::story_article_mark(&self.conn, seq)
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
            stories: count("stories")?,
            story_events: count("story_events")?,
            mentions: count("event_mentions")?,
            claims: count("claims")?,
        })
    }

    /// The record of an article, by id.
    pub fn record(&self, id: &str) -> Result<Option<ArticleRecord>, StoreError> {
        let row: Option<(rusqlite::types::Value, String)> = self
            .conn
            .query_row(
                "SELECT record, text FROM articles WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        row.map(|(stored, text)| decode_record(id, stored, text))
            .transpose()
    }

    /// Whether SQLite finds the file sound.
    pub fn integrity_ok(&self) -> Result<bool, StoreError> {
        let result: String = self
            .conn
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        Ok(result == "ok")
    }
}

/// The database's schema version.
fn user_version(conn: &Connection) -> rusqlite::Result<i64> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Refuses a database written by a newer readout.
fn check_newer(path: &str, found: i64) -> Result<(), StoreError> {
    if found > SCHEMA_VERSION {
        return Err(StoreError::Newer {
            path: path.to_string(),
            found,
            known: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// A `file:` URI that opens the database as immutable: SQLite then takes no locks and
/// reads no log. The characters a URI gives a meaning to are escaped.
fn immutable_uri(path: &Path) -> String {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut uri = String::from("file:");
    for b in absolute.to_string_lossy().bytes() {
        match b {
            b'%' | b'?' | b'#' | 0x80.. => uri.push_str(&format!("%{b:02X}")),
            _ => uri.push(b as char),
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// Runs a statement kept prepared: most are run once per article or per part, and parsing
/// them each time would cost more than running them.
pub(crate) fn exec<P: rusqlite::Params>(
    conn: &Connection,
    sql: &str,
    params: P,
) -> rusqlite::Result<usize> {
    conn.prepare_cached(sql)?.execute(params)
}

/// The name a value of an enum of the record has in JSON (`PER`, `DATE`, `asserted`).
pub(crate) fn name_of(value: impl serde::Serialize) -> Option<String> {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
}

/// The rows of an article's parts and its full-text entries; `story_events` gives the story
/// event of each of its events, in order, when it was put in a story.
fn insert_parts(
    tx: &rusqlite::Transaction,
    r: &ArticleRecord,
    story_events: &[i64],
) -> Result<(), StoreError> {
    exec(
        tx,
        "INSERT INTO article_fts (article_id, title, text) VALUES (?1, ?2, ?3)",
        params![r.id, r.title.as_deref().unwrap_or(""), r.text],
    )?;
    for e in &r.entities {
        let code = e.code.as_ref();
        exec(
            tx,
            "INSERT INTO entities (article_id, entity, name, type, country, sector, mentions)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![
                r.id,
                e.id.to_string(),
                e.name.text,
                name_of(e.kind),
                code.and_then(|c| c.country.clone()),
                code.and_then(|c| c.sector.clone()),
                e.mentions.len() as i64
            ],
        )?;
    }
    for q in &r.quotes {
        exec(
            tx,
            "INSERT INTO quotes (article_id, quote, content, source, speaker, speaker_name, cue,
                                 relays)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                r.id,
                q.id.to_string(),
                q.content.text,
                q.source.as_ref().map(|s| s.text.clone()),
                q.speaker.map(|e| e.to_string()),
                q.speaker_name,
                q.cue.as_ref().map(|c| c.text.clone()),
                q.relays
                    .iter()
                    .map(|x| x.span.text.as_str())
                    .collect::<Vec<_>>()
                    .join("; ")
            ],
        )?;
        exec(
            tx,
            "INSERT INTO quote_fts (article_id, quote, content) VALUES (?1, ?2, ?3)",
            params![r.id, q.id.to_string(), q.content.text],
        )?;
    }
    for t in &r.times {
        exec(
            tx,
            "INSERT INTO times (article_id, time, type, value, text) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![
                r.id,
                t.id.to_string(),
                name_of(t.kind),
                t.value.as_ref().map(ToString::to_string),
                t.span.text
            ],
        )?;
    }
    for (i, e) in r.events.iter().enumerate() {
        let (source_codes, target_codes, source_names, target_names) = stories::actors(r, e);
        exec(
            tx,
            "INSERT INTO events (article_id, event, type, mode, cameo, source_codes, target_codes,
                                 negated, modality, date, mentions, source_names, target_names,
                                 story_event_id)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                r.id,
                e.id.to_string(),
                e.kind.as_str(),
                e.mode.map(|m| m.as_str()),
                e.cameo.as_str(),
                source_codes,
                target_codes,
                e.negated,
                name_of(e.modality),
                e.date.as_ref().map(|d| d.value.to_string()),
                e.mentions.len() as i64,
                source_names,
                target_names,
                story_events.get(i)
            ],
        )?;
        for (role, list) in [("source", &e.source), ("target", &e.target)] {
            for code in list.iter().filter_map(|a| a.code.as_deref()) {
                exec(
                    tx,
                    "INSERT OR IGNORE INTO event_actors (article_id, event, role, code)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![r.id, e.id.to_string(), role, code],
                )?;
            }
        }
    }
    Ok(())
}

/// A column written as text by [`std::fmt::Display`] (a PLOVER type, a CAMEO code, a TimeML
/// value), read back into its type; a value that does not parse is an error naming it.
pub(crate) fn parsed<T>(row: &rusqlite::Row, i: usize) -> rusqlite::Result<T>
where
    T: std::str::FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    let text: String = row.get(i)?;
    text.parse().map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

/// [`parsed`] for a column that may be NULL.
pub(crate) fn parsed_opt<T>(row: &rusqlite::Row, i: usize) -> rusqlite::Result<Option<T>>
where
    T: std::str::FromStr,
    T::Err: std::error::Error + Send + Sync + 'static,
{
    match row.get::<_, Option<String>>(i)? {
        None => Ok(None),
        Some(text) => text.parse().map(Some).map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        }),
    }
}

#[cfg(test)]
mod time_limit_tests {
    use super::*;

    const SLOW: &str =
        "WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 50000000)
                        SELECT count(*) FROM c";

    #[test]
    fn a_query_past_its_time_is_stopped_and_the_connection_goes_on() {
        let dir = std::env::temp_dir().join(format!("readout-limit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let store = Store::open(&dir.join("s.db")).unwrap();
        store.limit_query_time(Some(Duration::from_millis(20)));
        let started = std::time::Instant::now();
        let e: StoreError = store
            .conn
            .query_row(SLOW, [], |r| r.get::<_, i64>(0))
            .unwrap_err()
            .into();
        assert!(e.is_interrupted(), "{e}");
        assert!(started.elapsed() < Duration::from_secs(2));
        // Without the limit the connection answers again.
        store.limit_query_time(None);
        let n: i64 = store
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))
            .unwrap();
        assert_eq!(n, 0);
        drop(store);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
