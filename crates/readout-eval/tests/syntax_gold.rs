//! The UD English-EWT files under `../shared/gold`: every sentence read (none left out),
//! the counts the treebank's own files give, a lossless round trip through the plain format,
//! and a perfect score for gold against itself.

use std::path::{Path, PathBuf};

use readout_eval::syntax::{self, SyntaxDoc};
use readout_eval::{write_jsonl, Dataset};

fn gold_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold")
}

fn count(set: &Dataset<SyntaxDoc>, what: fn(&SyntaxDoc) -> usize) -> usize {
    set.documents.iter().map(what).sum()
}

#[test]
fn ewt_counts_round_trip_and_self_score() {
    let dir = gold_root().join("ud-ewt");
    if !dir.is_dir() {
        eprintln!("skipped: {} not found", dir.display());
        return;
    }
    let sets = syntax::load(&dir).expect("ud-ewt loads");
    let names: Vec<&str> = sets.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "ud-ewt/en_ewt-ud-dev.conllu",
            "ud-ewt/en_ewt-ud-test.conllu",
            "ud-ewt/en_ewt-ud-train.conllu"
        ]
    );
    // (sentences, syntactic words, multiword tokens), counted in the files with grep and
    // awk: `# sent_id` lines, lines with an integer ID, lines with a range ID. The empty
    // nodes (4, 2 and 37 lines with a decimal ID) are not words.
    let expected = [
        (2001, 25147, 359),
        (2077, 25094, 354),
        (12544, 204577, 2614),
    ];
    for (set, want) in sets.iter().zip(expected) {
        assert!(set.problems.is_empty(), "{}: {:?}", set.name, set.problems);
        let got = (
            set.documents.len(),
            count(set, |d| d.words.len()),
            count(set, |d| d.multiword.len()),
        );
        eprintln!(
            "{}: {} sentences, {} words, {} multiword tokens",
            set.name, got.0, got.1, got.2
        );
        assert_eq!(got, want, "{}", set.name);
        for d in &set.documents {
            // Every sentence has its id, its text, one root, and XPOS and lemmas throughout.
            assert!(!d.id.contains('#') && d.text.is_some(), "{}", d.id);
            assert_eq!(d.heads.iter().filter(|h| **h == 0).count(), 1, "{}", d.id);
            assert_eq!(d.xpos.len(), d.words.len(), "{}", d.id);
            assert_eq!(d.lemmas.len(), d.words.len(), "{}", d.id);
        }
    }
    for rel in syntax::DEFAULT_GOLD {
        let loaded = syntax::load(&gold_root().join(rel)).expect("default gold loads");
        assert_eq!(loaded.len(), 1);
        assert_eq!(loaded[0].name, *rel);
    }

    let test = &sets[1];
    let path =
        std::env::temp_dir().join(format!("readout-syntax-gold-{}.jsonl", std::process::id()));
    write_jsonl(&path, &test.documents).expect("write");
    let back = syntax::read_predictions(&path).expect("read back");
    let reloaded = syntax::load(&path).expect("plain gold loads");
    let _ = std::fs::remove_file(&path);
    assert_eq!(back, test.documents, "round trip is lossless");
    assert_eq!(reloaded[0].documents, test.documents);
    let report = syntax::score(test, &back, "gold");
    for m in &report.metrics {
        assert_eq!(m.value, Some(1.0), "{}", m.name);
    }
    assert_eq!(report.details["words"], 25094);
    assert_eq!(report.details["per_relation"]["root"]["gold"], 2077);

    // Every relation given without its subtype: LAS stays 1, the stricter figure falls by
    // the share of words with a subtyped relation.
    let bare: Vec<SyntaxDoc> = back
        .iter()
        .map(|d| SyntaxDoc {
            deprels: d
                .deprels
                .iter()
                .map(|r| syntax::universal(r).to_string())
                .collect(),
            ..d.clone()
        })
        .collect();
    let subtyped: usize = test
        .documents
        .iter()
        .flat_map(|d| &d.deprels)
        .filter(|r| r.contains(':'))
        .count();
    // 1,235 of the test set's words (4.9%) have a subtyped relation (nmod:poss alone 387).
    assert_eq!(subtyped, 1235);
    let r = syntax::score(test, &bare, "bare");
    assert_eq!(r.get("las"), Some(1.0));
    assert_eq!(r.get("las_subtypes"), Some(1.0 - 1235.0 / 25094.0));
}
