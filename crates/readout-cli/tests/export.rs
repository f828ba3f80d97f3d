//! `readout export`: every format read back and compared with what the store holds.

use std::path::{Path, PathBuf};
use std::process::Command;

use readout_export::gdelt::{self, EVENT_COLUMNS, MENTION_COLUMNS};
use readout_export::table::{read_parquet, Value};
use readout_store::{QuoteFilter, Store, StoryEventRow};

fn readout() -> Command {
    Command::new(env!("CARGO_BIN_EXE_readout"))
}

fn run(command: &mut Command) {
    let out = command.output().expect("run readout");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A store of two stories: three reports of a phone call from three outlets, two of an
/// earthquake.
fn store(dir: &Path) -> PathBuf {
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/two-events.jsonl");
    let db = dir.join("store.db");
    run(readout().arg("ingest").arg(&input).arg("--db").arg(&db));
    db
}

fn export(db: &Path, format: &str, out: &Path) {
    run(readout()
        .args(["export", "--format", format, "--db"])
        .arg(db)
        .arg("--out")
        .arg(out));
}

fn events(db: &Path) -> Vec<StoryEventRow> {
    let store = Store::open(db).unwrap();
    let mut all = Vec::new();
    store
        .each_story_event(|e| {
            all.push(e);
            Ok::<(), readout_store::StoreError>(())
        })
        .unwrap();
    assert!(!all.is_empty(), "no events stored");
    all
}

#[test]
fn gdelt_tables_read_back_hold_every_event_and_mention() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    let out = dir.path().join("gdelt");
    export(&db, "gdelt", &out);
    let stored = events(&db);
    let rows = gdelt::read(&out.join("gdelt.events.tsv"), EVENT_COLUMNS.len()).unwrap();
    assert_eq!(rows.len(), stored.len());
    let col = |name: &str| EVENT_COLUMNS.iter().position(|c| *c == name).unwrap();
    for (row, e) in rows.iter().zip(&stored) {
        assert_eq!(row[col("GLOBALEVENTID")], e.id.to_string());
        assert_eq!(row[col("EventCode")], e.cameo.to_string());
        assert_eq!(row[col("NumArticles")], e.articles.to_string());
        assert_eq!(row[col("NumSources")], e.sources.to_string());
        assert_eq!(
            row[col("Actor1Code")],
            e.source_codes.split(' ').next().unwrap_or("")
        );
        assert_eq!(row[col("SQLDATE")].len(), 8, "{row:?}");
        assert!(row[col("SOURCEURL")].starts_with("https://"), "{row:?}");
    }
    let mentions = gdelt::read(&out.join("gdelt.mentions.tsv"), MENTION_COLUMNS.len()).unwrap();
    let stored_mentions: usize = stored.iter().map(|e| e.mentions.len()).sum();
    assert_eq!(mentions.len(), stored_mentions);
    // Each mention names an event of the events table, and its trigger's offset points at
    // the trigger in the article.
    let ids: Vec<&String> = rows.iter().map(|r| &r[0]).collect();
    assert!(mentions.iter().all(|m| ids.contains(&&m[0])));
    let call = stored
        .iter()
        .find(|e| e.cameo.root() == 4 && e.articles == 3)
        .expect("the call, in three articles");
    let call_mentions: Vec<&Vec<String>> = mentions
        .iter()
        .filter(|m| m[0] == call.id.to_string())
        .collect();
    assert_eq!(call_mentions.len(), 3);
}

#[test]
fn parquet_tables_read_back_equal_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    let out = dir.path().join("parquet");
    export(&db, "parquet", &out);
    let stored = events(&db);
    let table = read_parquet(&out.join("events.parquet")).unwrap();
    assert_eq!(table.columns[0].0, "id");
    assert_eq!(table.rows.len(), stored.len());
    let col = |name: &str| table.columns.iter().position(|c| c.0 == name).unwrap();
    for (row, e) in table.rows.iter().zip(&stored) {
        assert_eq!(row[col("id")], Value::Int(e.id));
        assert_eq!(row[col("type")], Value::Str(e.kind.to_string()));
        assert_eq!(row[col("cameo")], Value::Str(e.cameo.to_string()));
        assert_eq!(row[col("articles")], Value::Int(e.articles));
        assert_eq!(row[col("source_names")], Value::Str(e.source_names.clone()));
        assert_eq!(
            row[col("date")],
            e.date
                .as_ref()
                .map_or(Value::Null, |d| Value::Str(d.to_string()))
        );
    }
    let mentions = read_parquet(&out.join("mentions.parquet")).unwrap();
    let flat: Vec<(i64, String, f64)> = stored
        .iter()
        .flat_map(|e| {
            e.mentions
                .iter()
                .map(move |m| (e.id, m.trigger.clone(), m.confidence))
        })
        .collect();
    assert_eq!(mentions.rows.len(), flat.len());
    for (row, (id, trigger, confidence)) in mentions.rows.iter().zip(&flat) {
        assert_eq!(row[0], Value::Int(*id));
        assert_eq!(row[8], Value::Str(trigger.clone()));
        assert_eq!(row[9], Value::Float(*confidence));
    }
    let articles = read_parquet(&out.join("articles.parquet")).unwrap();
    assert_eq!(articles.rows.len(), 5);
    let store = Store::open(&db).unwrap();
    for row in &articles.rows {
        let Value::Str(id) = &row[0] else {
            panic!("an article without an id: {row:?}")
        };
        let record = store.record(id).unwrap().expect("stored");
        assert_eq!(row[7], Value::Str(record.text.clone()));
        assert!(
            matches!(row[6], Value::Int(_)),
            "every article is in a story"
        );
    }
    let quotes = read_parquet(&out.join("quotes.parquet")).unwrap();
    let stored_quotes = store
        .quotes(&QuoteFilter {
            limit: 1000,
            ..QuoteFilter::default()
        })
        .unwrap();
    assert_eq!(quotes.rows.len(), stored_quotes.len());
    assert!(!quotes.rows.is_empty());
}

#[test]
fn jsonl_and_plover_records_read_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = store(dir.path());
    let (jsonl, plover) = (dir.path().join("jsonl"), dir.path().join("plover"));
    export(&db, "jsonl", &jsonl);
    export(&db, "plover", &plover);
    let store = Store::open(&db).unwrap();
    let records = std::fs::read_to_string(jsonl.join("articles.jsonl")).unwrap();
    let mut n = 0;
    for line in records.lines() {
        let record: readout_model::record::ArticleRecord = serde_json::from_str(line).unwrap();
        assert_eq!(Some(&record), store.record(&record.id).unwrap().as_ref());
        n += 1;
    }
    assert_eq!(n, 5);
    let stored = events(&db);
    let lines: Vec<serde_json::Value> = std::fs::read_to_string(jsonl.join("events.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), stored.len());
    assert_eq!(lines[0]["id"], stored[0].id);
    let records: Vec<serde_json::Value> = std::fs::read_to_string(plover.join("plover.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), stored.len());
    for (r, e) in records.iter().zip(&stored) {
        assert_eq!(r["id"], format!("readout-{}", e.id));
        assert_eq!(r["event"][0], e.kind.as_str());
        assert_eq!(r["cite_info"].as_array().unwrap().len(), e.mentions.len());
        assert_eq!(r["date"].as_str().map(str::len), Some(10), "{r}");
    }
}
