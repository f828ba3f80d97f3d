//! Where the pipeline's time goes, one thread, per 1,000 articles: the pipeline users run,
//! built from `PipelineConfig` with its stage switches, timed with the stages switched on
//! one after another (segmentation alone, then entities, quotations, times and events), so
//! that each stage's figure is what switching it on adds; last the whole pipeline with the
//! record rendered as JSON. The events' figure is split in two: coding (dictionary, actors,
//! attributes, merging) timed with the syntax stage switched off, and the parse of the
//! sentences that hold a report that could be kept, with the rating it feeds.
//!
//! `cargo run --release -p readout --example stage_times -- ../shared/corpus/newsarticles.jsonl`

use std::time::Instant;

use readout::{Pipeline, PipelineConfig};
use readout_ingest::{Ingest, IngestConfig, Ingested, Input};
use readout_model::Article;

/// The pipeline with the stages up to `stages` switched on (0: segmentation alone).
fn pipeline(stages: usize) -> Pipeline {
    pipeline_with(stages, true)
}

/// The same, with the syntax stage on or off.
fn pipeline_with(stages: usize, syntax: bool) -> Pipeline {
    let config = PipelineConfig {
        syntax,
        threads: 1,
        entities: stages >= 1,
        quotes: stages >= 2,
        times: stages >= 3,
        events: stages >= 4,
        ..PipelineConfig::default()
    };
    Pipeline::new(config).expect("configuration")
}

/// Seconds to process every article, and what `measure` counted on the documents.
fn time(
    pipeline: &Pipeline,
    articles: &[Article],
    measure: impl Fn(&readout::Document) -> usize,
) -> (f64, usize) {
    // Load the models before the clock starts.
    if let Some(a) = articles.first() {
        let _ = pipeline.process(a.clone());
    }
    let start = Instant::now();
    let mut counted = 0;
    for a in articles {
        counted += measure(&pipeline.process(a.clone()));
    }
    (start.elapsed().as_secs_f64(), counted)
}

fn main() {
    let path = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/corpus/newsarticles.jsonl".into());
    if !std::path::Path::new(&path).exists() {
        eprintln!("skipped: no corpus at {path}");
        return;
    }
    let articles: Vec<_> = Ingest::new(vec![Input::parse(&path)], IngestConfig::default())
        .filter_map(|item| match item {
            Ingested::Article(a) => Some(*a),
            _ => None,
        })
        .collect();

    let (whole, bytes) = time(&pipeline(4), &articles, |doc| {
        serde_json::to_string(&doc.to_record(false))
            .expect("record")
            .len()
    });
    let names = ["segmentation", "entities", "quotations", "times", "events"];
    let mut cumulative = Vec::new();
    let mut counts = Vec::new();
    for stages in 0..names.len() {
        let (secs, count) = time(&pipeline(stages), &articles, |doc| match stages {
            0 => doc.sentences.len(),
            1 => doc.entities.len(),
            2 => doc.quotes.len(),
            3 => doc.times.len(),
            _ => doc.events.len(),
        });
        cumulative.push(secs);
        counts.push(count);
    }

    let n = articles.len().max(1) as f64;
    let per_k = |secs: f64| secs * 1e6 / n;
    println!(
        "{} articles, {:.1} MB of JSON records",
        articles.len(),
        bytes as f64 / 1e6
    );
    println!(
        "whole pipeline + JSON: {:.0} ms per 1,000 articles",
        per_k(whole)
    );
    for (i, name) in names.iter().enumerate() {
        let added = cumulative[i] - if i == 0 { 0.0 } else { cumulative[i - 1] };
        println!(
            "  {name}: {:.0} ms per 1,000 articles ({:.1}% of the whole), {} found",
            per_k(added),
            100.0 * added / whole,
            counts[i]
        );
    }
    let events = cumulative[4] - cumulative[3];
    let (unparsed, _) = time(&pipeline_with(4, false), &articles, |doc| doc.events.len());
    let coding = (unparsed - cumulative[3]).max(1e-9);
    println!(
        "events: {:.0} sentences/s on one core, of which coding alone {:.0} sentences/s \
         ({:.0} ms per 1,000 articles) and the parse with the rating {:.0} ms",
        counts[0] as f64 / events.max(1e-9),
        counts[0] as f64 / coding,
        per_k(coding),
        per_k(events - coding)
    );
}
