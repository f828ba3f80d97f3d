//! What the default pipeline keeps of the events it codes: an asserted event whose verb
//! heads its clause with the source as its subject; not the same event denied or held
//! possible, which stays visible with every event kept, below the threshold.

use readout::{Pipeline, PipelineConfig};
use readout_model::Article;

fn events(text: &str, min: f64) -> Vec<(String, f64)> {
    let pipeline = Pipeline::new(PipelineConfig {
        threads: 1,
        min_event_confidence: min,
        ..PipelineConfig::default()
    })
    .expect("pipeline");
    let doc = pipeline.process(Article {
        text: text.to_string(),
        ..Article::default()
    });
    doc.events
        .iter()
        .map(|e| (e.plover.to_string(), e.confidence.value()))
        .collect()
}

#[test]
fn asserted_events_are_kept_and_unrealised_ones_are_not() {
    let default = PipelineConfig::default().min_event_confidence;
    let kept = events("Chile condemned Peru on Monday.", default);
    assert!(
        kept.iter().any(|(t, c)| t == "ACCUSE" && *c >= default),
        "{kept:?}"
    );
    for text in [
        "Chile did not condemn Peru on Monday.",
        "Chile may condemn Peru on Monday.",
    ] {
        assert!(events(text, default).is_empty(), "{text}");
        let all = events(text, 0.0);
        assert!(!all.is_empty(), "{text}: the coder still codes it");
        assert!(all.iter().all(|(_, c)| *c < default), "{text}: {all:?}");
    }
}
