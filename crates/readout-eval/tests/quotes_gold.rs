//! Loads the full PolNeAR data, checks its size, and scores it against itself: a written and
//! re-read copy must score exactly 1, and one dropped quote or one moved span must score
//! less.

use std::path::{Path, PathBuf};

use readout_eval::quotes::{load, read_predictions, score, QuoteDoc, DEFAULT_GOLD};
use readout_eval::{write_jsonl, Dataset};

fn gold_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold")
}

fn temp_file(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    std::env::temp_dir().join(format!(
        "readout-quotes-{}-{nanos}-{}.jsonl",
        std::process::id(),
        name.replace('/', "-")
    ))
}

/// Writes the documents with `write_jsonl` and reads them back as predictions.
fn round_trip(set: &Dataset<QuoteDoc>) -> Vec<QuoteDoc> {
    let path = temp_file(&set.name);
    write_jsonl(&path, &set.documents).expect("write predictions");
    let back = read_predictions(&path).expect("read predictions");
    let _ = std::fs::remove_file(&path);
    back
}

#[test]
fn polnear_loads_with_the_published_counts_and_scores_one_against_itself() {
    let root = gold_root().join("polnear");
    if !root.is_dir() {
        eprintln!("skipped: {} not found", root.display());
        return;
    }
    let sets = load(&root).expect("PolNeAR loads");
    let names: Vec<&str> = sets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["polnear/dev", "polnear/train"]);
    assert_eq!(names, DEFAULT_GOLD);
    assert_eq!(sets[0].documents.len(), 84);
    assert_eq!(sets[1].documents.len(), 840);

    for set in &sets {
        let quotes: Vec<_> = set.documents.iter().flat_map(|d| &d.quotes).collect();
        let with_source = quotes.iter().filter(|q| q.source.is_some()).count();
        let with_cue = quotes.iter().filter(|q| q.cue.is_some()).count();
        let dated = set
            .documents
            .iter()
            .filter(|d| d.published.is_some())
            .count();
        eprintln!(
            "{}: {} documents ({} dated), {} quotes, {} with source, {} with cue",
            set.name,
            set.documents.len(),
            dated,
            quotes.len(),
            with_source,
            with_cue
        );
        // Measured on the full data (first annotator file of each article).
        let expected = match set.name.as_str() {
            "polnear/dev" => (2192, 2066, 2192),
            _ => (19832, 18360, 19831),
        };
        assert_eq!(
            (quotes.len(), with_source, with_cue),
            expected,
            "{}",
            set.name
        );
        assert_eq!(dated, set.documents.len());
        let ids: std::collections::HashSet<&str> =
            set.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids.len(), set.documents.len(), "ids are unique");

        let predicted = round_trip(set);
        assert_eq!(predicted, set.documents);
        let report = score(set, &predicted, "gold");
        for m in &report.metrics {
            assert_eq!(m.value, Some(1.0), "{} {}", set.name, m.name);
        }
        assert_eq!(report.details["missing_predictions"], 0);

        // Drop the first quote of the first document that has one: recall and both F1s
        // fall, precision stays 1.
        let mut dropped = predicted.clone();
        let (di, _) = dropped
            .iter()
            .enumerate()
            .find(|(_, d)| !d.quotes.is_empty())
            .expect("a document with quotes");
        dropped[di].quotes.remove(0);
        let r = score(set, &dropped, "dropped");
        assert_eq!(r.get("content_overlap_precision"), Some(1.0));
        assert!(r.get("content_overlap_recall") < Some(1.0));
        assert!(r.get("content_overlap_f1") < Some(1.0));
        assert!(r.get("content_exact_f1") < Some(1.0));

        // Move one content start past its first token: still an overlap match (unless the
        // quote is a single word), no longer exact. Move one source to just after itself
        // (touching, not overlapping): source accuracy falls.
        let mut moved = predicted.clone();
        let (di, qi) = moved
            .iter()
            .enumerate()
            .flat_map(|(di, d)| (0..d.quotes.len()).map(move |qi| (di, qi)))
            .find(|&(di, qi)| set.documents[di].quotes[qi].source.is_some())
            .expect("a quote with a source");
        let d = &set.documents[di];
        let q = &d.quotes[qi];
        let first = readout_eval::word_tokens(&d.text, q.content[0], q.content[1])[0];
        moved[di].quotes[qi].content[0] = first.1;
        let [s, e] = q.source.expect("checked above");
        moved[di].quotes[qi].source = Some([e, e + (e - s)]);
        let r = score(set, &moved, "moved");
        assert!(r.get("content_exact_f1") < Some(1.0));
        assert!(r.get("source_accuracy") < Some(1.0));
    }
}

#[test]
fn default_gold_names_load_one_split_each() {
    let root = gold_root();
    if !root.join("polnear").is_dir() {
        eprintln!("skipped: {} not found", root.join("polnear").display());
        return;
    }
    for name in DEFAULT_GOLD {
        let sets = load(&root.join(name)).expect("split loads");
        assert_eq!(sets.len(), 1);
        assert_eq!(sets[0].name, *name);
    }
}
