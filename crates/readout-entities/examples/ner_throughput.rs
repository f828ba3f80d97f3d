//! NER throughput on a JSONL corpus, one thread: the tagger alone (segmentation is done
//! before the clock starts), then tagging with entity resolution.
//!
//! `cargo run --release -p readout-entities --example ner_throughput -- ../shared/corpus/newsarticles.jsonl [LIMIT]`

use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/newsarticles.jsonl".into());
    let Ok(data) = std::fs::read_to_string(&path) else {
        eprintln!("skipped: cannot read {path}");
        return;
    };
    let limit: usize = std::env::args()
        .nth(2)
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX);
    // The stage's input is what the pipeline users run gives it: segmented by a pipeline
    // with every other stage switched off, after its dateline rule.
    let config = readout::PipelineConfig {
        threads: 1,
        ..Default::default()
    };
    let pipeline =
        readout::Pipeline::new(config.keep_only(readout::Stages::NONE)).expect("configuration");
    let docs: Vec<readout::Document> = data
        .lines()
        .take(limit)
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v["text"].as_str().map(str::to_string))
        .map(|text| {
            pipeline.process(readout_model::Article {
                text,
                ..Default::default()
            })
        })
        .collect();
    let texts: Vec<&str> = docs.iter().map(|d| d.article.text.as_str()).collect();
    let segs: Vec<&readout::Document> = docs.iter().collect();
    let tokens: usize = segs.iter().map(|s| s.tokens.len()).sum();
    let bytes: usize = texts.iter().map(|t| t.len()).sum();
    let load = Instant::now();
    let recognizer = readout_entities::Recognizer::embedded();
    let load = load.elapsed().as_secs_f64();
    let run = |resolve: bool| {
        let start = Instant::now();
        let mut found = 0usize;
        for (text, seg) in texts.iter().zip(&segs) {
            found += if resolve {
                recognizer.entities(text, &seg.tokens, &seg.sentences).len()
            } else {
                recognizer
                    .recognize(text, &seg.tokens, &seg.sentences)
                    .len()
            };
        }
        (start.elapsed().as_secs_f64(), found)
    };
    let (ner, mentions) = run(false);
    let (all, entities) = run(true);
    println!(
        "{} articles, {} tokens, {:.1} MB; model {} features, loaded with gazetteer and clusters in {:.0} ms",
        texts.len(),
        tokens,
        bytes as f64 / 1e6,
        recognizer.model().features(),
        load * 1e3
    );
    println!(
        "NER alone: {:.2} s, {:.0} tokens/s, {:.0} articles/s, {:.1} MB/s ({} mentions)",
        ner,
        tokens as f64 / ner,
        texts.len() as f64 / ner,
        bytes as f64 / 1e6 / ner,
        mentions
    );
    println!(
        "NER + entity resolution: {:.2} s, {:.0} tokens/s ({} entities)",
        all,
        tokens as f64 / all,
        entities
    );
}
