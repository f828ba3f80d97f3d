//! Where the pipeline's time goes, one thread, per 1,000 articles: the whole of
//! `Pipeline::process` with the record rendered as JSON, against each stage timed on its
//! own over the same articles (its inputs computed before its clock starts).
//!
//! `cargo run --release -p readout --example stage_times -- ../shared/corpus/newsarticles.jsonl`

use std::time::Instant;

use readout::{Pipeline, PipelineConfig};
use readout_ingest::{Ingest, IngestConfig, Ingested, Input};

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
    let pipeline = Pipeline::new(PipelineConfig::default()).expect("default configuration");
    // Load the models before any clock starts.
    if let Some(a) = articles.first() {
        let _ = pipeline.process(a.clone());
    }

    let start = Instant::now();
    let mut bytes = 0;
    let mut docs = Vec::with_capacity(articles.len());
    for a in &articles {
        let doc = pipeline.process(a.clone());
        bytes += serde_json::to_string(&doc.to_record(false))
            .expect("record")
            .len();
        docs.push(doc);
    }
    let whole = start.elapsed().as_secs_f64();

    let start = Instant::now();
    for a in &articles {
        std::hint::black_box(readout_text::segment(&a.text));
    }
    let segment = start.elapsed().as_secs_f64();

    let recognizer = readout_entities::Recognizer::embedded();
    let start = Instant::now();
    for d in &docs {
        let text = &d.article.text;
        std::hint::black_box(recognizer.entities(text, &d.tokens, &d.sentences));
    }
    let entities = start.elapsed().as_secs_f64();

    let start = Instant::now();
    for d in &docs {
        let text = &d.article.text;
        let title = d.article.title.as_deref();
        let q = readout_quotes::quotes(text, title, &d.tokens, &d.sentences, &d.entities);
        std::hint::black_box(q);
    }
    let quotes = start.elapsed().as_secs_f64();

    let start = Instant::now();
    let mut expressions = 0;
    for d in &docs {
        let anchor = d.article.published.map(|p| p.date);
        let found = readout_time::times(&d.article.text, &d.sentences, anchor);
        expressions += found.len();
        std::hint::black_box(readout_time::sentence_times(&found, &d.sentences, anchor));
    }
    let times = start.elapsed().as_secs_f64();

    // Timed on what the pipeline's earlier stages found.
    let start = Instant::now();
    let mut coded = 0;
    let mut sentence_count = 0;
    for d in &docs {
        let found = readout_events::events(&readout_events::Inputs {
            text: &d.article.text,
            tokens: &d.tokens,
            sentences: &d.sentences,
            entities: &d.entities,
            quotes: &d.quotes,
            times: &d.times,
            sentence_times: &d.sentence_times,
        });
        coded += found.len();
        sentence_count += d.sentences.len();
    }
    let events = start.elapsed().as_secs_f64();

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
    for (name, secs) in [
        ("segmentation", segment),
        ("entities", entities),
        ("quotations", quotes),
        ("times", times),
        ("events", events),
    ] {
        println!(
            "  {name}: {:.0} ms per 1,000 articles ({:.1}% of the whole)",
            per_k(secs),
            100.0 * secs / whole
        );
    }
    println!("{expressions} time expressions");
    println!(
        "events: {:.0} sentences/s on one core, {coded} events",
        sentence_count as f64 / events.max(1e-9)
    );
}
