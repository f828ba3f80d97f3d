//! `readout ingest`: the store it fills is idempotent, and a run killed at any moment
//! leaves a sound database holding whole batches, which a rerun completes.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use readout_store::Store;

fn readout() -> Command {
    Command::new(env!("CARGO_BIN_EXE_readout"))
}

/// A JSONL input of `n` distinct articles.
fn write_articles(path: &Path, n: usize) {
    let mut lines = String::new();
    for i in 0..n {
        let line = serde_json::json!({
            "id": format!("a{i}"),
            "title": format!("Port of Ruritz report {i}"),
            "published": "2024-03-04",
            "text": format!(
                "Dock workers in Oslo met port officials on Monday for round {i} of talks. \
                 The union said {i} ships were delayed, according to Reuters."
            ),
        });
        lines.push_str(&line.to_string());
        lines.push('\n');
    }
    std::fs::write(path, lines).unwrap();
}

/// `readout ingest INPUT --db DB --batch N`, on one thread.
fn ingest_command(input: &Path, db: &Path, batch: usize) -> Command {
    let mut command = readout();
    command
        .args([
            "ingest",
            input.to_str().unwrap(),
            "--db",
            db.to_str().unwrap(),
        ])
        .args(["--batch", &batch.to_string(), "--threads", "1"]);
    command
}

fn ingest(input: &Path, db: &Path, batch: usize) -> std::process::Output {
    ingest_command(input, db, batch)
        .output()
        .expect("run readout ingest")
}

#[test]
fn ingesting_the_same_articles_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (input, db) = (dir.path().join("in.jsonl"), dir.path().join("store.db"));
    write_articles(&input, 30);
    let first = ingest(&input, &db, 7);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    let counts = Store::open(&db).unwrap().counts().unwrap();
    assert_eq!(counts.articles, 30);
    assert!(counts.entities > 0 && counts.times > 0, "{counts:?}");
    let again = ingest(&input, &db, 7);
    let stderr = String::from_utf8_lossy(&again.stderr);
    assert!(stderr.contains("0 added, 30 already stored"), "{stderr}");
    assert_eq!(Store::open(&db).unwrap().counts().unwrap(), counts);
    let store = Store::open(&db).unwrap();
    assert_eq!(store.search("delayed", 100).unwrap().len(), 30);
    assert_eq!(
        store.schema_version().unwrap(),
        readout_store::SCHEMA_VERSION
    );
}

#[test]
fn a_killed_ingest_leaves_whole_batches_and_a_rerun_completes_it() {
    let dir = tempfile::tempdir().unwrap();
    let (input, db) = (dir.path().join("in.jsonl"), dir.path().join("store.db"));
    let (n, batch) = (400, 10);
    write_articles(&input, n);
    let mut child = ingest_command(&input, &db, batch)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    // Kill it (SIGKILL) as soon as some batches are in, in the middle of its work.
    let started = Instant::now();
    let mut seen = 0;
    while started.elapsed() < Duration::from_secs(60) {
        if let Ok(Some(_)) = child.try_wait() {
            break;
        }
        if db.exists() {
            if let Ok(store) = Store::open(&db) {
                seen = store.counts().map(|c| c.articles).unwrap_or(0);
                if seen >= 3 * batch as u64 {
                    break;
                }
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    child.kill().ok();
    child.wait().unwrap();
    assert!(seen > 0, "the ingest stored nothing before it was killed");
    let store = Store::open(&db).unwrap();
    assert!(store.integrity_ok().unwrap());
    let after_kill = store.counts().unwrap().articles;
    assert!(after_kill < n as u64, "killed too late to test anything");
    assert_eq!(after_kill % batch as u64, 0, "a partial batch was stored");
    drop(store);
    let rerun = ingest(&input, &db, batch);
    assert!(
        rerun.status.success(),
        "{}",
        String::from_utf8_lossy(&rerun.stderr)
    );
    let stderr = String::from_utf8_lossy(&rerun.stderr);
    let expected = format!(
        "{} added, {after_kill} already stored",
        n as u64 - after_kill
    );
    assert!(stderr.contains(&expected), "{stderr}");
    let store = Store::open(&db).unwrap();
    assert!(store.integrity_ok().unwrap());
    assert_eq!(store.counts().unwrap().articles, n as u64);
}

#[test]
fn the_store_answers_search_events_and_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let (input, db) = (dir.path().join("in.jsonl"), dir.path().join("store.db"));
    write_articles(&input, 5);
    assert!(ingest(&input, &db, 2).status.success());
    let query = |args: &[&str]| -> String {
        let out = readout()
            .args(args)
            .args(["--db", db.to_str().unwrap()])
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    let hits = query(&["search", "delayed", "--format", "jsonl"]);
    let hits: Vec<serde_json::Value> = hits
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(hits.len(), 5);
    assert!(hits
        .iter()
        .all(|h| h["snippet"].as_str().unwrap().contains("[delayed]")));
    assert!(query(&["search", "volcano", "--format", "jsonl"]).is_empty());
    // Every event listed for a type has that type, and a date no earlier than asked.
    let events: serde_json::Value = serde_json::from_str(&query(&[
        "events",
        "--since",
        "2024-03-04",
        "--format",
        "json",
    ]))
    .unwrap();
    let events = events.as_array().unwrap();
    assert!(!events.is_empty(), "no events stored");
    let kind = events[0]["type"].as_str().unwrap().to_string();
    let same: serde_json::Value =
        serde_json::from_str(&query(&["events", "--type", &kind, "--format", "json"])).unwrap();
    assert!(same
        .as_array()
        .unwrap()
        .iter()
        .all(|e| e["type"] == kind.as_str()));
    let later: serde_json::Value = serde_json::from_str(&query(&[
        "events",
        "--since",
        "2024-03-05",
        "--format",
        "json",
    ]))
    .unwrap();
    assert!(later.as_array().unwrap().is_empty(), "{later}");
    let quotes = query(&["quotes", "--format", "csv"]);
    let mut lines = quotes.lines();
    assert_eq!(
        lines.next(),
        Some("published,speaker_name,source,cue,content")
    );
    assert!(lines.count() >= 5, "{quotes}");
    let table = query(&["search", "delayed", "--limit", "2"]);
    assert!(
        table.starts_with("published") && table.contains("(2 rows)"),
        "{table}"
    );
}
