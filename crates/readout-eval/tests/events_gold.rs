//! The full event-coding gold sets under `../shared/gold`: counts, a lossless JSONL round
//! trip, a perfect self-score, and damage that must lower the scores.

use std::path::{Path, PathBuf};

use readout_eval::events::{load, read_predictions, score, EventsDoc, DEFAULT_GOLD};
use readout_eval::{write_jsonl, Dataset};

fn gold_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold")
}

/// Loads one default data set, or `None` (with a note) when the shared data is absent.
fn load_one(relative: &str) -> Option<Dataset<EventsDoc>> {
    let path = gold_root().join(relative);
    if !path.is_file() {
        eprintln!("skipped: {} not found", path.display());
        return None;
    }
    let mut sets = load(&path).expect("gold loads");
    assert_eq!(sets.len(), 1);
    sets.pop()
}

fn temp_file(tag: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "readout-events-{tag}-{}-{:?}.jsonl",
        std::process::id(),
        std::thread::current().id()
    ))
}

/// Writes the gold as predictions, reads them back, and checks they are the same documents
/// and score 1 on every measure that has items.
fn round_trip_is_perfect(set: &Dataset<EventsDoc>, none_expected: &[&str]) -> Vec<EventsDoc> {
    let file = temp_file(&set.name);
    write_jsonl(&file, &set.documents).expect("written");
    let back = read_predictions(&file).expect("read back");
    let _ = std::fs::remove_file(&file);
    assert_eq!(back, set.documents);
    let report = score(set, &back, "gold");
    assert_eq!(report.metrics.len(), 8);
    for m in &report.metrics {
        if none_expected.contains(&m.name.as_str()) {
            assert_eq!(m.value, None, "{}", m.name);
        } else {
            assert_eq!(m.value, Some(1.0), "{}", m.name);
        }
    }
    assert_eq!(report.details["missing_predictions"], 0);
    assert_eq!(report.details["unknown_predictions"], 0);
    back
}

fn event_count(set: &Dataset<EventsDoc>) -> usize {
    set.documents.iter().map(|d| d.events.len()).sum()
}

/// Damage that must cost something: one event dropped lowers event recall, one type
/// changed lowers type accuracy, one source code changed lowers source accuracy.
fn damage_lowers_scores(set: &Dataset<EventsDoc>, predictions: &[EventsDoc]) {
    let first = predictions
        .iter()
        .position(|d| !d.events.is_empty())
        .expect("some document has events");
    let mut dropped = predictions.to_vec();
    dropped[first].events.pop();
    let r = score(set, &dropped, "dropped");
    assert!(r.get("event_recall").expect("recall") < 1.0);
    assert!(r.get("type_accuracy").expect("type accuracy") < 1.0);
    assert_eq!(r.get("event_precision"), Some(1.0));

    let mut retyped = predictions.to_vec();
    retyped[first].events[0].kind = "NOT-A-TYPE".into();
    let r = score(set, &retyped, "retyped");
    assert!(r.get("type_accuracy").expect("type accuracy") < 1.0);
    assert!(r.get("type_f1").expect("type f1") < 1.0);
    assert!(r.get("event_f1").expect("event f1") < 1.0);

    let with_source = predictions
        .iter()
        .position(|d| d.events.first().is_some_and(|e| !e.source.is_empty()))
        .expect("some event has a source");
    let mut recoded = predictions.to_vec();
    recoded[with_source].events[0].source[0].code = "ZZZ-NOT-A-CODE".into();
    let r = score(set, &recoded, "recoded");
    assert!(r.get("source_accuracy").expect("source accuracy") < 1.0);
    assert_eq!(r.get("type_accuracy"), Some(1.0));
}

#[test]
fn plover_gold() {
    let Some(set) = load_one(DEFAULT_GOLD[0]) else {
        return;
    };
    assert_eq!(set.name, "plover");
    // 323 records less the DOCUMENT record: 322 events, in 316 distinct sentences (six
    // sentences carry two records each).
    assert_eq!(event_count(&set), 322);
    assert_eq!(set.documents.len(), 316);
    assert_eq!(
        set.documents.iter().filter(|d| d.events.len() == 2).count(),
        6
    );
    assert!(set.documents.iter().all(|d| !d.events.is_empty()));
    assert!(set
        .documents
        .iter()
        .all(|d| d.published.as_deref() == Some("2000-01-01")));
    // The one repeated record id belongs to two different sentences.
    let ids: Vec<&str> = set.documents.iter().map(|d| d.id.as_str()).collect();
    assert!(ids.contains(&"PLOVER-GSR01-COERCE-0004"));
    assert!(ids.contains(&"PLOVER-GSR01-COERCE-0004-2"));
    let unique: std::collections::HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len());
    let moded = set
        .documents
        .iter()
        .flat_map(|d| &d.events)
        .filter(|e| e.mode.is_some())
        .count();
    assert_eq!(moded, 108);
    let back = round_trip_is_perfect(&set, &[]);
    damage_lowers_scores(&set, &back);
    // A wrong mode costs mode accuracy only.
    let mut remoded = back.clone();
    let d = remoded
        .iter()
        .position(|d| d.events.iter().any(|e| e.mode.is_some()))
        .expect("a moded event");
    for e in &mut remoded[d].events {
        if e.mode.is_some() {
            e.mode = Some("not-a-mode".into());
        }
    }
    let r = score(&set, &remoded, "remoded");
    assert!(r.get("mode_accuracy").expect("mode accuracy") < 1.0);
    assert_eq!(r.get("event_f1"), Some(1.0));
}

#[test]
fn petrarch_gold() {
    let Some(set) = load_one(DEFAULT_GOLD[1]) else {
        return;
    };
    assert_eq!(set.name, "petrarch2");
    // The file's own counts, read without the loader: 284 sentences, 385 codings.
    let raw = std::fs::read_to_string(gold_root().join(DEFAULT_GOLD[1])).expect("readable");
    assert_eq!(raw.matches("<Sentence ").count(), 284);
    assert_eq!(raw.matches("<EventCoding").count(), 385);
    let noevents = raw.matches("<EventCoding noevents").count();
    let errors = raw.matches("<EventCoding error").count();
    assert_eq!((noevents, errors), (19, 7));
    // Every other coding is one event. The 26 sentences coded noevents or error have none,
    // and so has PATTERN-06, which has no EventCoding at all (its coding is commented out).
    assert_eq!(set.documents.len(), 284);
    assert_eq!(event_count(&set), 385 - 19 - 7);
    let empty: Vec<&str> = set
        .documents
        .iter()
        .filter(|d| d.events.is_empty())
        .map(|d| d.id.as_str())
        .collect();
    assert_eq!(empty.len(), 27);
    assert!(empty.contains(&"PATTERN-06"));
    // Two ids repeat in the file; the second of each gets "-2".
    let ids: Vec<&str> = set.documents.iter().map(|d| d.id.as_str()).collect();
    for id in [
        "AGENTS-18",
        "AGENTS-18-2",
        "AGENTS-19",
        "AGENTS-19-2",
        "DEMO-00",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    let unique: std::collections::HashSet<&str> = ids.iter().copied().collect();
    assert_eq!(unique.len(), ids.len());
    assert!(set
        .documents
        .iter()
        .all(|d| !d.text.is_empty() && d.published.is_some()));
    let demo = &set.documents[0];
    assert_eq!(demo.id, "DEMO-00");
    assert_eq!(demo.published.as_deref(), Some("1995-01-01"));
    assert!(!demo.text.contains('\n') && !demo.text.contains("  "));
    assert_eq!(demo.events[0].kind, "064");
    // CAMEO codings have no mode, so mode accuracy has no items.
    let back = round_trip_is_perfect(&set, &["mode_accuracy"]);
    damage_lowers_scores(&set, &back);
}
