//! The full CoNLL-2003 files under `../shared/gold`: counts, a lossless round trip through
//! the plain format, and a perfect score for gold against itself.

use std::path::{Path, PathBuf};

use readout_eval::ner::{self, NerDoc};
use readout_eval::{write_jsonl, Dataset};

fn gold_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold")
}

fn temp_file(tag: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "readout-ner-gold-{}-{tag}.jsonl",
        std::process::id()
    ))
}

fn entities(set: &Dataset<NerDoc>) -> usize {
    set.documents.iter().map(|d| d.entities.len()).sum()
}

#[test]
fn conll2003_counts_round_trip_and_self_score() {
    let dir = gold_root().join("conll2003");
    if !dir.is_dir() {
        eprintln!("skipped: {} not found", dir.display());
        return;
    }
    let sets = ner::load(&dir).expect("conll2003 loads");
    let names: Vec<&str> = sets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "conll2003/conllpp_test.txt",
            "conll2003/eng.testa",
            "conll2003/eng.train"
        ]
    );
    // (sentences, documents, entities): sentences and the CoNLL++ entities from
    // ../shared/README.md; documents and the other entity totals as measured, which are
    // the published CoNLL-2003 figures (231 / 216 / 946 documents; 5,942 and 23,499
    // entities in dev and train).
    let expected = [(3453, 231, 5702), (3250, 216, 5942), (14041, 946, 23499)];
    for (set, want) in sets.iter().zip(expected) {
        let sentences: usize = set.documents.iter().map(ner::sentences).sum();
        let got = (sentences, set.documents.len(), entities(set));
        eprintln!(
            "{}: {} sentences, {} documents, {} entities",
            set.name, got.0, got.1, got.2
        );
        assert_eq!(got, want, "{}", set.name);
        for d in &set.documents {
            assert!(d.id.starts_with(set.name.trim_start_matches("conll2003/")));
            for e in &d.entities {
                let span = &d.text[e.start..e.end];
                // Entities are whole tokens inside one sentence.
                assert!(!span.is_empty() && span.trim() == span && !span.contains('\n'));
            }
        }
        let mut ids: Vec<&str> = set.documents.iter().map(|d| d.id.as_str()).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(ids.len(), set.documents.len(), "ids are unique");
    }
    for rel in ner::DEFAULT_GOLD {
        let loaded = ner::load(&gold_root().join(rel)).expect("default gold loads");
        assert_eq!(loaded.len(), 1);
        assert_eq!(loaded[0].name, *rel);
    }

    for (i, set) in sets.iter().enumerate() {
        let path = temp_file(&i.to_string());
        write_jsonl(&path, &set.documents).expect("write");
        let back = ner::read_predictions(&path).expect("read back");
        let _ = std::fs::remove_file(&path);
        assert_eq!(back, set.documents, "round trip is lossless");
        let report = ner::score(set, &back, "gold");
        assert_eq!(report.documents, set.documents.len());
        for m in &report.metrics {
            assert_eq!(m.value, Some(1.0), "{} on {}", m.name, set.name);
        }
        assert_eq!(report.details["missing_predictions"], 0);

        // Dropping one entity lowers recall, not precision.
        let mut dropped = back.clone();
        let d = dropped
            .iter_mut()
            .find(|d| !d.entities.is_empty())
            .expect("some entity");
        d.entities.pop();
        let r = ner::score(set, &dropped, "dropped");
        assert_eq!(r.get("precision"), Some(1.0));
        assert!(r.get("recall").is_some_and(|v| v < 1.0));
        assert!(r.get("f1").is_some_and(|v| v < 1.0));

        // Shifting one span lowers both.
        let mut shifted = back;
        let d = shifted
            .iter_mut()
            .find(|d| !d.entities.is_empty())
            .expect("some entity");
        d.entities[0].end += 1;
        let r = ner::score(set, &shifted, "shifted");
        assert!(r.get("precision").is_some_and(|v| v < 1.0));
        assert!(r.get("recall").is_some_and(|v| v < 1.0));
    }
}
