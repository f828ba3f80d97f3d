//! The full ECB+ corpus under `../shared/gold`: counts, a lossless round trip through the
//! plain format, and a perfect score for gold against itself.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use readout_eval::stories::{self, StoryDoc};
use readout_eval::write_jsonl;

fn gold_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold")
}

#[test]
fn ecbplus_counts_round_trip_and_self_score() {
    let dir = gold_root().join("ecbplus");
    if !dir.is_dir() {
        eprintln!("skipped: {} not found", dir.display());
        return;
    }
    let sets = stories::load(&dir).expect("ECB+ loads");
    assert_eq!(sets.len(), 1);
    let set = &sets[0];
    assert_eq!(set.name, "ecbplus");
    let docs = &set.documents;

    // Counts from ../shared/README.md and the ECB+ README: 982 documents in 43 topics,
    // 502 of them added by ECB+; two stories (sub-topics) in every topic.
    let plus = docs
        .iter()
        .filter(|d| d.id.ends_with("ecbplus.xml"))
        .count();
    let mut by_topic: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for d in docs {
        let topic = d.id.split('_').next().unwrap_or_default();
        by_topic.entry(topic).or_default().insert(d.story.as_str());
    }
    let stories: BTreeSet<&str> = docs.iter().map(|d| d.story.as_str()).collect();
    let smallest = stories
        .iter()
        .map(|s| docs.iter().filter(|d| d.story == *s).count())
        .min();
    eprintln!(
        "ecbplus: {} documents, {} topics, {} ecbplus documents, {} stories, smallest story {:?}",
        docs.len(),
        by_topic.len(),
        plus,
        stories.len(),
        smallest
    );
    assert_eq!(docs.len(), 982);
    assert_eq!(by_topic.len(), 43);
    assert_eq!(plus, 502);
    assert_eq!(stories.len(), 86);
    for (topic, subs) in &by_topic {
        let want: BTreeSet<String> = [format!("{topic}ecb"), format!("{topic}ecbplus")].into();
        let got: BTreeSet<String> = subs.iter().map(|s| s.to_string()).collect();
        assert_eq!(got, want, "topic {topic} has both sub-topics");
    }
    let ids: BTreeSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), docs.len(), "ids are unique");
    for d in docs {
        assert!(!d.text.trim().is_empty(), "{} has text", d.id);
        // The source address (sentence 0 of ecbplus files) is left out.
        assert!(
            !d.text.starts_with("http"),
            "{} starts with its address",
            d.id
        );
        assert!(!d.text.contains("  ") && !d.text.contains('\t'), "{}", d.id);
        assert!(d.title.is_none() && d.published.is_none());
    }
    // The ECB+ folder itself loads the same documents.
    let inner = stories::load(&dir.join("ECB+")).expect("ECB+ folder loads");
    assert_eq!(inner[0].documents, *docs);
    // The default data set is this folder (not loaded a third time, to stay fast).
    assert_eq!(stories::DEFAULT_GOLD, ["ecbplus"]);

    let path =
        std::env::temp_dir().join(format!("readout-stories-gold-{}.jsonl", std::process::id()));
    write_jsonl(&path, docs).expect("write");
    let back = stories::read_predictions(&path).expect("read back");
    let _ = std::fs::remove_file(&path);
    assert_eq!(back, *docs, "round trip is lossless");
    let report = stories::score(set, &back, "gold");
    assert_eq!(report.documents, 982);
    for m in &report.metrics {
        // `stories` is a count: gold against itself gives the 86 gold stories.
        let want = if m.name == "stories" { 86.0 } else { 1.0 };
        assert_eq!(m.value, Some(want), "{}", m.name);
    }

    // Moving one document to the other story of its topic lowers precision and recall.
    let mut moved: Vec<StoryDoc> = back.clone();
    // docs[0] is 1_1ecb.xml (story 1ecb); the other story of topic 1 is 1ecbplus.
    moved[0].story = docs
        .iter()
        .find(|d| {
            d.story != docs[0].story && d.id.split('_').next() == docs[0].id.split('_').next()
        })
        .map(|d| d.story.clone())
        .expect("a second story in the topic");
    let r = stories::score(set, &moved, "moved");
    for name in [
        "bcubed_precision",
        "bcubed_recall",
        "pairwise_precision",
        "pairwise_recall",
    ] {
        assert!(r.get(name).is_some_and(|v| v < 1.0), "{name}");
    }
    // Dropping one prediction makes a singleton: recall drops, precision stays 1.
    let r = stories::score(set, &back[1..], "dropped");
    assert_eq!(r.get("bcubed_precision"), Some(1.0));
    assert!(r.get("bcubed_recall").is_some_and(|v| v < 1.0));
    assert!(r.get("pairwise_recall").is_some_and(|v| v < 1.0));
    assert_eq!(r.get("stories"), Some(87.0));
}
