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
                "Dock workers in Oslo met Swedish port officials on Monday for round {i} of talks. \
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

/// A query command's output on the database; the command must succeed.
fn run_query(db: &Path, args: &[&str]) -> String {
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
    // Articles are stored once their stories are settled; a short hold lets batches in
    // early, as a long stream does with the default one.
    let config = dir.path().join("config.json");
    std::fs::write(&config, r#"{"stories": {"hold": 16}}"#).unwrap();
    let mut child = ingest_command(&input, &db, batch)
        .args(["--config", config.to_str().unwrap()])
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
    let counts = store.counts().unwrap();
    assert_eq!(counts.articles, n as u64);
    // The stories of the interrupted run, rebuilt and completed, are those of a run that
    // was never interrupted.
    let whole = dir.path().join("whole.db");
    assert!(ingest(&input, &whole, batch).status.success());
    let stories = |db: &Path| -> Vec<(u64, i64, i64)> {
        let store = Store::open(db).unwrap();
        let mut all: Vec<(u64, i64, i64)> = store
            .stories(None, 1, 10_000)
            .unwrap()
            .iter()
            .map(|s| (s.id, s.articles, s.event_count))
            .collect();
        all.sort();
        all
    };
    let resumed = stories(&db);
    assert_eq!(
        resumed.iter().map(|s| s.1).sum::<i64>(),
        n as i64,
        "every article in one story"
    );
    assert_eq!(resumed, stories(&whole));
    assert_eq!(counts, Store::open(&whole).unwrap().counts().unwrap());
}

#[test]
fn the_store_answers_search_events_and_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let (input, db) = (dir.path().join("in.jsonl"), dir.path().join("store.db"));
    write_articles(&input, 5);
    assert!(ingest(&input, &db, 2).status.success());
    let query = |args: &[&str]| run_query(&db, args);
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
        Some("published,outlet,speaker_name,source,cue,relays,content")
    );
    assert!(lines.count() >= 5, "{quotes}");
    let table = query(&["search", "delayed", "--limit", "2"]);
    assert!(
        table.starts_with("published") && table.contains("(2 rows)"),
        "{table}"
    );
}

/// Three reports of one phone call from three outlets and two of an earthquake, written
/// for these tests.
fn two_events() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/two-events.jsonl")
}

#[test]
fn stories_merge_the_reports_of_one_event_and_the_queries_show_them() {
    let dir = tempfile::tempdir().unwrap();
    let (input, db) = (two_events(), dir.path().join("store.db"));
    let run = ingest(&input, &db, 2);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let query = |args: &[&str]| -> serde_json::Value {
        serde_json::from_str(&run_query(&db, &[args, &["--format", "json"]].concat())).unwrap()
    };
    let stories = query(&["stories", "--full"]);
    let stories = stories.as_array().unwrap();
    assert_eq!(stories.len(), 2, "{stories:#?}");
    let call = stories
        .iter()
        .find(|s| s["articles"] == 3)
        .expect("the call's story");
    let quake = stories
        .iter()
        .find(|s| s["articles"] == 2)
        .expect("the quake's story");
    assert_eq!(call["sources"], 3);
    // The call is one event with one mention in each article, whatever each calls it.
    let calls: Vec<&serde_json::Value> = call["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["type"] == "CONSULT" && e["articles"] == 3)
        .collect();
    assert_eq!(calls.len(), 1, "{:#?}", call["events"]);
    let mut mentioned: Vec<&str> = calls[0]["mentions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["article_id"].as_str().unwrap())
        .collect();
    mentioned.sort();
    mentioned.dedup();
    assert_eq!(mentioned.len(), 3);
    assert_eq!(calls[0]["sources"], 3);
    let codes = format!("{} {}", calls[0]["source_codes"], calls[0]["target_codes"]);
    assert!(codes.contains("FRA") && codes.contains("DEU"), "{codes}");
    // One report takes "Reuters reported" for a party to the call; the actors shown are
    // those most reports agree on.
    assert!(!codes.contains("GBR"), "{codes}");
    // An earthquake is no event CAMEO codes: the dictionary's "struck" and "killed" are
    // coded, but as verbs whose subject is no actor they fall below the confidence kept
    // by default, so the quake's story holds no event.
    assert!(
        quake["events"].as_array().is_none_or(|v| v.is_empty()),
        "{:#?}",
        quake["events"]
    );
    assert!(!call["quotes"].as_array().unwrap().is_empty());
    // The timeline of France lists only events with France, oldest first.
    let timeline = query(&["timeline", "--actor", "FRA"]);
    let timeline = timeline.as_array().unwrap();
    assert!(!timeline.is_empty());
    let when = |e: &serde_json::Value| {
        e["date"]
            .as_str()
            .or(e["first_seen"].as_str())
            .unwrap_or("")
            .to_string()
    };
    for pair in timeline.windows(2) {
        assert!(when(&pair[0]) <= when(&pair[1]), "{timeline:#?}");
    }
    assert!(timeline
        .iter()
        .all(|e| { format!("{} {}", e["source_codes"], e["target_codes"]).contains("FRA") }));
    let with_peru = query(&["timeline", "--actor", "FRA", "--with", "PER"]);
    assert!(with_peru.as_array().unwrap().is_empty());
    // Quotations by the outlet they came through.
    let via = query(&["quotes", "--via", "Reuters"]);
    let via = via.as_array().unwrap();
    assert_eq!(via.len(), 1, "{via:#?}");
    assert_eq!(via[0]["outlet"], "outlet-two.example", "{via:#?}");
    let by_outlet = query(&["quotes", "--via", "outlet-one"]);
    assert!(by_outlet
        .as_array()
        .unwrap()
        .iter()
        .all(|q| q["outlet"] == "outlet-one.example"));
    // The ordinal claim ("the third call between the two leaders") sits in a contact told
    // by a noun whose parties the parse gives ("the two leaders"), kept by default and
    // merged into the call; it is stored and checked: the store holds one such call, not
    // three. With every event kept, the same.
    let claims = query(&["claims"]);
    let claims = claims.as_array().unwrap();
    assert_eq!(claims.len(), 1, "{claims:#?}");
    assert_eq!(claims[0]["ordinal"], 3);
    assert_eq!(claims[0]["verdict"], "not_enough_data");
    let all_db = dir.path().join("all.db");
    let run = ingest_command(&input, &all_db, 2)
        .arg("--all-events")
        .output()
        .unwrap();
    assert!(run.status.success());
    let claims: serde_json::Value =
        serde_json::from_str(&run_query(&all_db, &["claims", "--format", "json"])).unwrap();
    let claims = claims.as_array().unwrap();
    assert_eq!(claims.len(), 1, "{claims:#?}");
    assert_eq!(claims[0]["ordinal"], 3);
    assert_eq!(claims[0]["verdict"], "not_enough_data");
}

/// A JSONL input of `n` articles on a subject of their own, apart from `write_articles`'.
fn write_other_articles(path: &Path, n: usize) {
    let mut lines = String::new();
    for i in 0..n {
        let line = serde_json::json!({
            "id": format!("b{i}"),
            "title": format!("Harvest figures {i} from Valdoria"),
            "published": "2017-09-12",
            "text": format!(
                "Farmers in Valdoria brought in {i} tonnes of barley this week, the \
                 agriculture ministry said. Prices fell for the {i}th time this season."
            ),
        });
        lines.push_str(&line.to_string());
        lines.push('\n');
    }
    std::fs::write(path, lines).unwrap();
}

/// A story: its number, its articles' ids (sorted), its articles and events.
type Members = (u64, Vec<String>, i64, i64);

/// Every story of a database, with the store's row counts.
fn story_members(db: &Path) -> (Vec<Members>, readout_store::Counts) {
    let store = Store::open_read_only(db).unwrap();
    let mut members: std::collections::BTreeMap<u64, Vec<String>> = Default::default();
    store
        .each_story_article(|id, story, _| members.entry(story).or_default().push(id.to_string()))
        .unwrap();
    let mut all: Vec<Members> = store
        .stories(None, 1, 100_000)
        .unwrap()
        .iter()
        .map(|s| {
            let mut ids = members.remove(&s.id).unwrap_or_default();
            ids.sort();
            (s.id, ids, s.articles, s.event_count)
        })
        .collect();
    all.sort();
    (all, store.counts().unwrap())
}

#[test]
fn two_ingests_at_once_end_as_if_run_one_after_the_other() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"));
    write_articles(&a, 120);
    write_other_articles(&b, 120);
    let db = dir.path().join("both.db");
    let start = |input: &Path| {
        ingest_command(input, &db, 20)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let (first, second) = (start(&a), start(&b));
    let (first, second) = (
        first.wait_with_output().unwrap(),
        second.wait_with_output().unwrap(),
    );
    let said = |o: &std::process::Output| String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(first.status.success(), "{}", said(&first));
    assert!(second.status.success(), "{}", said(&second));
    let (together, counts) = story_members(&db);
    assert_eq!(counts.articles, 240);
    // The stories are those of the two run one after the other, in one order or the other
    // (whichever took the lock first).
    let one_by_one = |order: [&Path; 2], name: &str| {
        let db = dir.path().join(name);
        for input in order {
            assert!(ingest(input, &db, 20).status.success());
        }
        story_members(&db)
    };
    let (a_then_b, a_then_b_counts) = one_by_one([&a, &b], "a-then-b.db");
    let (b_then_a, b_then_a_counts) = one_by_one([&b, &a], "b-then-a.db");
    assert!(
        together == a_then_b || together == b_then_a,
        "the stories of two ingests at once are those of neither order"
    );
    assert!(counts == a_then_b_counts || counts == b_then_a_counts);
}

#[test]
fn an_ingest_waits_for_the_writer_lock_and_says_so() {
    use std::io::BufRead;
    let dir = tempfile::tempdir().unwrap();
    let (input, db) = (dir.path().join("in.jsonl"), dir.path().join("store.db"));
    write_articles(&input, 10);
    let held = readout_store::WriteLock::acquire(&db, false, |_| {}).unwrap();
    let mut child = ingest_command(&input, &db, 5)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stderr = child.stderr.take().unwrap();
    let (lines, said) = std::sync::mpsc::channel();
    let reader = std::thread::spawn(move || {
        for line in std::io::BufReader::new(stderr).lines() {
            let Ok(line) = line else { break };
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let first = said.recv_timeout(Duration::from_secs(120)).unwrap();
    assert!(
        first.contains(&format!(
            "waiting for another ingest writing {}",
            db.display()
        )),
        "{first}"
    );
    // Nothing is stored, nor the database opened, while it waits.
    std::thread::sleep(Duration::from_millis(300));
    assert!(!db.exists());
    drop(held);
    let status = child.wait().unwrap();
    reader.join().unwrap();
    let rest: Vec<String> = said.try_iter().collect();
    assert!(status.success(), "{rest:?}");
    assert!(
        rest.iter()
            .any(|l| l.contains("10 added, 0 already stored")),
        "{rest:?}"
    );
}
