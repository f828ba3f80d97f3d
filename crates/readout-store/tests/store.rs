//! The store opened for writing and for reading, its writer lock, and its search, on
//! records read from a small fixture (`readout extract examples/two-events.jsonl`).

use std::path::{Path, PathBuf};
use std::time::Duration;

use readout_model::record::ArticleRecord;
use readout_store::{fts_words, Ingested, Store, StoreError, StoryRef, WriteLock};

/// The five records of `examples/two-events.jsonl`.
fn records() -> Vec<ArticleRecord> {
    include_str!("data/two-events.records.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// Records as the ingest hands them over, each in a story of its own.
fn ingested(records: Vec<ArticleRecord>) -> Vec<Ingested> {
    records
        .into_iter()
        .enumerate()
        .map(|(i, record)| Ingested {
            record,
            encoded: None,
            story: Some(StoryRef {
                story: i as u64,
                features: String::new(),
            }),
        })
        .collect()
}

/// A store of the fixture's records in `dir`, closed.
fn filled(dir: &Path) -> PathBuf {
    let db = dir.join("store.db");
    let mut store = Store::open(&db).unwrap();
    let stored = store.put(ingested(records())).unwrap();
    assert_eq!(stored.added, 5);
    store.close().unwrap();
    db
}

/// The names in a directory, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_closed_store_is_one_file_and_a_read_only_open_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = filled(dir.path());
    assert_eq!(listing(dir.path()), ["store.db"]);
    let bytes = std::fs::read(&db).unwrap();
    let mut store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.counts().unwrap().articles, 5);
    assert_eq!(store.search("Macron", 10).unwrap().len(), 3);
    assert_eq!(store.stories(None, 1, 100).unwrap().len(), 5);
    let again = store.put(ingested(records()));
    assert!(again.is_err(), "a read-only store took a write");
    drop(store);
    assert_eq!(listing(dir.path()), ["store.db"]);
    assert!(std::fs::read(&db).unwrap() == bytes, "the file changed");
}

#[test]
fn a_database_left_in_wal_mode_without_its_log_is_still_read() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let mut store = Store::open(&db).unwrap();
    store.put(ingested(records())).unwrap();
    // Dropped, not closed: SQLite removes the log, the file stays in WAL mode.
    drop(store);
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.counts().unwrap().articles, 5);
}

#[test]
fn a_read_only_open_never_creates_or_migrates() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    assert!(matches!(
        Store::open_read_only(&missing),
        Err(StoreError::Open { .. })
    ));
    assert!(!missing.exists());
    let db = filled(dir.path());
    let set_version = |v: i64| {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.pragma_update(None, "user_version", v).unwrap();
    };
    set_version(readout_store::SCHEMA_VERSION - 1);
    let older = Store::open_read_only(&db)
        .err()
        .expect("an older schema opened");
    assert!(matches!(older, StoreError::Older { .. }), "{older}");
    assert!(older.to_string().contains("readout ingest"), "{older}");
    // Left as it was: only a writer migrates.
    set_version(readout_store::SCHEMA_VERSION + 1);
    let newer = Store::open_read_only(&db)
        .err()
        .expect("a newer schema opened");
    assert!(matches!(newer, StoreError::Newer { .. }), "{newer}");
}

#[test]
fn writers_opening_a_new_file_at_once_create_its_schema_once() {
    for _ in 0..5 {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("store.db");
        let barrier = std::sync::Barrier::new(6);
        std::thread::scope(|scope| {
            let openers: Vec<_> = (0..6)
                .map(|_| {
                    scope.spawn(|| {
                        barrier.wait();
                        Store::open(&db).map(|s| s.schema_version().unwrap())
                    })
                })
                .collect();
            for opener in openers {
                let version = opener.join().unwrap();
                assert_eq!(
                    version.map_err(|e| e.to_string()),
                    Ok(readout_store::SCHEMA_VERSION)
                );
            }
        });
    }
}

#[test]
fn the_writer_lock_is_held_until_dropped() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let first = WriteLock::acquire(&db, true, |_| panic!("nobody holds it")).unwrap();
    assert_eq!(first.path(), dir.path().join("store.db.lock"));
    let refused = WriteLock::acquire(&db, false, |_| panic!("told to wait"));
    assert!(matches!(refused, Err(StoreError::Locked { .. })));
    // A waiting writer gets the lock once the first lets it go.
    let (sender, taken) = std::sync::mpsc::channel();
    let (told, waiting) = std::sync::mpsc::channel();
    let waiter = std::thread::spawn({
        let db = db.clone();
        move || {
            let lock = WriteLock::acquire(&db, true, |p| told.send(p.to_path_buf()).unwrap());
            sender.send(()).unwrap();
            lock.unwrap()
        }
    });
    let told = waiting.recv_timeout(Duration::from_secs(10)).unwrap();
    assert_eq!(told, first.path());
    assert!(taken.recv_timeout(Duration::from_millis(300)).is_err());
    drop(first);
    taken.recv_timeout(Duration::from_secs(10)).unwrap();
    drop(waiter.join().unwrap());
    WriteLock::acquire(&db, false, |_| {}).unwrap();
}

/// A record of the fixture given a new id, title and text.
fn article(id: &str, title: &str, text: &str) -> ArticleRecord {
    let mut record = records().remove(0);
    record.id = id.to_string();
    record.title = Some(title.to_string());
    record.text = text.to_string();
    record.sentences.clear();
    record.entities.clear();
    record.quotes.clear();
    record.times.clear();
    record.events.clear();
    record
}

#[test]
fn ordinary_words_are_searched_as_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("store.db")).unwrap();
    let texts = [
        (
            "obrien",
            "Minister O'Brien resigns",
            "Mr O'Brien left office.",
        ),
        ("us", "U.S. trade", "The U.S. raised tariffs on steel."),
        ("kim", "Talks", "Kim Jong-un met envoys in Pyongyang."),
        ("nine", "Memorial", "The 9/11 memorial opened a new hall."),
        (
            "other",
            "Weather",
            "Rain in Oslo; no one called Kim or Jong there.",
        ),
    ];
    let items = texts
        .iter()
        .map(|(id, title, text)| Ingested {
            record: article(id, title, text),
            encoded: None,
            story: None,
        })
        .collect();
    store.put(items).unwrap();
    let find = |words: &str| -> Vec<String> {
        let mut ids = store.search(&fts_words(words), 10).unwrap();
        ids.sort();
        ids
    };
    assert_eq!(find("O'Brien"), ["obrien"]);
    assert_eq!(find("U.S."), ["us"]);
    assert_eq!(find("Kim Jong-un"), ["kim"]);
    assert_eq!(find("9/11"), ["nine"]);
    assert_eq!(
        fts_words(" say \"no\"  now "),
        "\"say\" \"\"\"no\"\"\" \"now\""
    );
    // As FTS5 syntax the same words are errors, told as the query's.
    for raw in ["O'Brien", "U.S.", "9/11", "\"unbalanced"] {
        let e = store.search(raw, 10).expect_err(raw);
        assert!(e.is_bad_query(), "{raw}: {e}");
    }
    // FTS5 syntax still works when asked for.
    assert_eq!(store.search("Kim NOT Pyongyang", 10).unwrap(), ["other"]);
}

#[test]
fn long_queries_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = filled(dir.path());
    let store = Store::open_read_only(&db).unwrap();
    let words = |n: usize| {
        (0..n)
            .map(|i| format!("call{i}"))
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert!(store
        .search(&words(readout_store::MAX_QUERY_WORDS), 10)
        .is_ok());
    let long = store
        .search(&words(readout_store::MAX_QUERY_WORDS + 1), 10)
        .expect_err("a long query ran");
    assert!(matches!(long, StoreError::QueryTooLong { .. }), "{long}");
    let wide = "x".repeat(readout_store::MAX_QUERY_BYTES + 1);
    assert!(store.search(&wide, 10).unwrap_err().is_bad_query());
}

#[test]
fn a_repeated_word_is_dropped_from_words_and_refused_in_fts_syntax() {
    let dir = tempfile::tempdir().unwrap();
    let db = filled(dir.path());
    let store = Store::open_read_only(&db).unwrap();
    let many = vec!["Macron"; 300].join(" ");
    assert_eq!(fts_words(&many), "\"Macron\"");
    assert_eq!(fts_words("the The THE, call"), "\"the\" \"call\"");
    assert_eq!(store.search(&fts_words(&many), 10).unwrap().len(), 3);
    let repeated = "Macron OR macron OR MACRON";
    let e = store.search(repeated, 10).unwrap_err();
    assert!(matches!(e, StoreError::QueryRepeats { .. }), "{e}");
    assert!(e.to_string().contains("\"macron\""), "{e}");
    assert_eq!(store.search("Macron OR macron", 10).unwrap().len(), 3);
}
