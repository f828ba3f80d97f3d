//! The full TempEval-3 TBAQ-cleaned TimeBank set: counts, a lossless JSONL round trip, a
//! perfect self-score, and scores that drop when the prediction is damaged.

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use readout_eval::times::{self, TimesDoc, DEFAULT_GOLD};
use readout_eval::write_jsonl;

#[test]
fn timebank_loads_round_trips_and_scores_itself_perfectly() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold");
    let dir = root.join(DEFAULT_GOLD[0]);
    if !dir.is_dir() {
        eprintln!("skipped: {} not found", dir.display());
        return;
    }
    let sets = times::load(&dir).expect("timebank loads");
    assert_eq!(sets.len(), 1);
    let gold = &sets[0];
    assert_eq!(gold.name, "timebank");

    // Counts from ../shared/README.md and a grep of the files: 256 documents, each with a
    // creation time, and 1,822 TIMEX3 inside TEXT (2,078 in the files minus the 256 DCTs).
    assert_eq!(gold.documents.len(), 256);
    assert!(gold.documents.iter().all(|d| d.published.is_some()));
    let ids: HashSet<&str> = gold.documents.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), 256);
    let all: Vec<&times::Timex> = gold.documents.iter().flat_map(|d| &d.timexes).collect();
    assert_eq!(all.len(), 1822);
    let mut per_type: BTreeMap<&str, usize> = BTreeMap::new();
    for t in &all {
        *per_type.entry(t.kind.as_str()).or_default() += 1;
    }
    // In the files DATE 1679 and TIME 112 include the DCTs (174 DATE, 82 TIME).
    let expected: BTreeMap<&str, usize> =
        [("DATE", 1505), ("DURATION", 257), ("SET", 30), ("TIME", 30)].into();
    assert_eq!(per_type, expected);
    let dct_dates = gold
        .documents
        .iter()
        .filter(|d| d.published.as_deref().is_some_and(|p| p.len() == 10))
        .count();
    assert_eq!(dct_dates, 214);
    assert!(all.iter().all(|t| !t.value.is_empty() && t.start < t.end));
    // A known expression: the first TIMEX3 of ABC19980108.1830.0711 is "week", P1W.
    let abc = gold
        .documents
        .iter()
        .find(|d| d.id == "ABC19980108.1830.0711")
        .expect("ABC19980108.1830.0711 is there");
    assert_eq!(abc.published.as_deref(), Some("1998-01-08"));
    let first = &abc.timexes[0];
    assert_eq!(&abc.text[first.start..first.end], "week");
    assert_eq!(
        (first.kind.as_str(), first.value.as_str()),
        ("DURATION", "P1W")
    );
    // No tag survives in the text.
    assert!(gold
        .documents
        .iter()
        .all(|d| !d.text.contains("<TIMEX3") && !d.text.contains("<EVENT")));

    // JSONL round trip.
    let tmp = std::env::temp_dir().join(format!(
        "readout-eval-times-{}-{:?}.jsonl",
        std::process::id(),
        std::thread::current().id()
    ));
    write_jsonl(&tmp, &gold.documents).expect("writes");
    let back = times::read_predictions(&tmp).expect("reads back");
    let reloaded = times::load(&tmp).expect("loads as gold");
    let _ = std::fs::remove_file(&tmp);
    assert_eq!(back, gold.documents);
    assert_eq!(reloaded[0].documents, gold.documents);

    // Gold against itself: every measure exactly 1.
    let r = times::score(gold, &back, "gold");
    assert_eq!(r.metrics.len(), 10);
    for m in &r.metrics {
        assert_eq!(m.value, Some(1.0), "{}", m.name);
    }
    assert_eq!(r.details["gold_timexes"], 1822);
    assert_eq!(r.details["missing_predictions"], 0);
    assert_eq!(r.details["per_type"]["DATE"]["gold"], 1505);

    // Damaged copies score lower where they should.
    let damaged = |f: &dyn Fn(&mut TimesDoc)| {
        let mut p = back.clone();
        f(&mut p[0]);
        times::score(gold, &p, "damaged")
    };
    let dropped = damaged(&|d| {
        d.timexes.remove(0);
    });
    assert!(dropped.get("extent_strict_recall") < Some(1.0));
    assert!(dropped.get("extent_relaxed_recall") < Some(1.0));
    assert_eq!(dropped.get("extent_strict_precision"), Some(1.0));
    let shifted = damaged(&|d| d.timexes[0].end -= 1);
    assert!(shifted.get("extent_strict_f1") < Some(1.0));
    assert_eq!(shifted.get("extent_relaxed_f1"), Some(1.0));
    let revalued = damaged(&|d| d.timexes[0].value.push('X'));
    assert!(revalued.get("value_accuracy") < Some(1.0));
    assert!(revalued.get("value_f1") < Some(1.0));
    assert_eq!(revalued.get("type_f1"), Some(1.0));
}
