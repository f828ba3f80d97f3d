//! Every export of a small store made here, read back; and an export that fails part way
//! leaves no file, nor changes one of the same name from before.

use std::fs::File;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use readout_export::gdelt::{self, EVENT_COLUMNS, MENTION_COLUMNS};
use readout_export::table::read_parquet;
use readout_export::{export, export_through, Format};
use readout_model::record::ArticleRecord;
use readout_store::{Ingested, Store, StoryRef};

/// The five records of `examples/two-events.jsonl` (three reports of a phone call, two of
/// an earthquake), as `readout extract` makes them.
fn records() -> Vec<ArticleRecord> {
    include_str!("../../readout-store/tests/data/two-events.records.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// A store of the records in `dir`: the call's three reports one story, the quake's two
/// another.
fn store(dir: &Path) -> PathBuf {
    let db = dir.join("store.db");
    let mut store = Store::open(&db).unwrap();
    let items = records()
        .into_iter()
        .enumerate()
        .map(|(i, record)| Ingested {
            record,
            encoded: None,
            story: Some(StoryRef {
                story: u64::from(i >= 3),
                features: String::new(),
            }),
        })
        .collect();
    store.put(items).unwrap();
    store.close().unwrap();
    db
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

const ALL: [(Format, &[&str]); 4] = [
    (Format::Gdelt, &["gdelt.events.tsv", "gdelt.mentions.tsv"]),
    (Format::Plover, &["plover.jsonl"]),
    (Format::Jsonl, &["articles.jsonl", "events.jsonl"]),
    (
        Format::Parquet,
        &[
            "articles.parquet",
            "events.parquet",
            "mentions.parquet",
            "quotes.parquet",
        ],
    ),
];

#[test]
fn every_format_reads_back_with_every_row() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_read_only(&store(dir.path())).unwrap();
    let mut events = 0u64;
    let mut mentions = 0u64;
    store
        .each_story_event(|e| {
            events += 1;
            mentions += e.mentions.len() as u64;
            Ok::<(), readout_store::StoreError>(())
        })
        .unwrap();
    assert!(events > 0 && mentions > events, "{events} {mentions}");
    let quotes = store.counts().unwrap().quotes;
    for (format, names) in ALL {
        let out = dir.path().join(format!("{format:?}"));
        let written = export(&store, format, &out).unwrap();
        let mut sorted = names.to_vec();
        sorted.sort();
        assert_eq!(listing(&out), sorted, "{format:?}: files left besides");
        let rows: Vec<u64> = written.files.iter().map(|(_, n)| *n).collect();
        let expected: Vec<u64> = match format {
            Format::Gdelt => vec![events, mentions],
            Format::Plover => vec![events],
            Format::Jsonl => vec![5, events],
            Format::Parquet => vec![5, events, mentions, quotes],
        };
        assert_eq!(rows, expected, "{format:?}");
        for ((path, n), name) in written.files.iter().zip(names) {
            assert_eq!(path, &out.join(name));
            let read = if name.ends_with(".parquet") {
                read_parquet(path).unwrap().rows.len()
            } else if name.ends_with(".tsv") {
                let columns = if name.contains("events") {
                    EVENT_COLUMNS.len()
                } else {
                    MENTION_COLUMNS.len()
                };
                gdelt::read(path, columns).unwrap().len()
            } else {
                let text = std::fs::read_to_string(path).unwrap();
                for line in text.lines() {
                    serde_json::from_str::<serde_json::Value>(line).unwrap();
                }
                text.lines().count()
            };
            assert_eq!(read as u64, *n, "{name}");
        }
    }
}

/// A file that takes `left` bytes and then fails as a full disk does.
struct FullAfter {
    file: File,
    left: usize,
}

impl Write for FullAfter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.left == 0 {
            return Err(io::Error::new(io::ErrorKind::StorageFull, "no space left"));
        }
        let n = buf.len().min(self.left);
        self.left -= n;
        self.file.write(&buf[..n])
    }

    fn flush(&mut self) -> io::Result<()> {
        self.file.flush()
    }
}

/// Files of every export's names, holding an earlier export's bytes.
fn earlier_files(out: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    std::fs::create_dir_all(out).unwrap();
    ALL.iter()
        .flat_map(|(_, names)| names.iter())
        .map(|name| {
            let path = out.join(name);
            let bytes = format!("an earlier export's {name}\n").into_bytes();
            std::fs::write(&path, &bytes).unwrap();
            (path, bytes)
        })
        .collect()
}

fn unchanged(before: &[(PathBuf, Vec<u8>)], what: &str) {
    for (path, bytes) in before {
        assert!(
            &std::fs::read(path).unwrap() == bytes,
            "{what} changed {}",
            path.display()
        );
    }
}

#[test]
fn a_disk_full_part_way_leaves_the_files_of_before_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open_read_only(&store(dir.path())).unwrap();
    let out = dir.path().join("out");
    // Each format fails at a few points: at once, in its first file, and past it.
    let mut failed = 0;
    for left in [0, 100, 5_000, 20_000] {
        for (format, _) in ALL {
            let before = earlier_files(&out);
            let names = listing(&out);
            let through =
                move |file: File| -> Box<dyn Write + Send> { Box::new(FullAfter { file, left }) };
            let Err(e) = export_through(&store, format, &out, &through) else {
                continue;
            };
            failed += 1;
            assert!(e.to_string().contains("no space left"), "{format:?}: {e}");
            assert_eq!(listing(&out), names, "{format:?} after {left} bytes");
            unchanged(&before, &format!("{format:?} after {left} bytes"));
        }
    }
    // Every format fails with no space at all, and some fail part way.
    assert!(failed > ALL.len(), "{failed}");
}

#[test]
fn a_store_that_fails_part_way_leaves_the_files_of_before_as_they_were() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    // The third article's stored record made unreadable: the JSON Lines export stops there.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE articles SET record = x'00ff00ff'
         WHERE rowid = (SELECT rowid FROM articles ORDER BY rowid LIMIT 1 OFFSET 2)",
        [],
    )
    .unwrap();
    drop(conn);
    let store = Store::open_read_only(&db).unwrap();
    let out = dir.path().join("out");
    let before = earlier_files(&out);
    let names = listing(&out);
    assert!(
        export(&store, Format::Jsonl, &out).is_err(),
        "an unreadable record was exported"
    );
    assert_eq!(listing(&out), names);
    unchanged(&before, "the failed export");
}
