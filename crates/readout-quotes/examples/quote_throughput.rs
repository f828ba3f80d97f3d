//! Quotation extraction against NER and against the whole pipeline on the same articles,
//! one thread, reported per 1,000 articles: segmentation and entities are computed before
//! the quotation clocks start, so each figure is its stage's own time. The quotation stage
//! costs two things: the parse of the sentences that hold a cue word (which the events
//! stage would otherwise parse in part) and the rules themselves.
//!
//! `cargo run --release -p readout-quotes --example quote_throughput -- ../shared/corpus/newsarticles.jsonl [LIMIT]`

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
    let recognizer = readout_entities::Recognizer::embedded();
    let parser = readout_syntax::Analyzer::embedded().expect("the embedded syntax model");
    // Load the models and the cue lexicon before any clock starts.
    if let (Some(t), Some(s)) = (texts.first(), segs.first()) {
        let e = recognizer.entities(t, &s.tokens, &s.sentences);
        readout_quotes::quotes(t, None, &s.tokens, &s.sentences, &e, &[]);
    }
    let start = Instant::now();
    let mut mentions = 0;
    for (t, s) in texts.iter().zip(&segs) {
        mentions += recognizer.recognize(t, &s.tokens, &s.sentences).len();
    }
    let ner = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let entities: Vec<_> = texts
        .iter()
        .zip(&segs)
        .map(|(t, s)| recognizer.entities(t, &s.tokens, &s.sentences))
        .collect();
    let with_resolution = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let parses: Vec<_> = texts
        .iter()
        .zip(&segs)
        .zip(&entities)
        .map(|((t, s), e)| {
            let wanted = readout_quotes::sentences_to_parse(t, &s.tokens, &s.sentences, e);
            parser.analyse_sentences(t, &s.tokens, &s.sentences, |i| wanted[i])
        })
        .collect();
    let parse_time = start.elapsed().as_secs_f64();
    let start = Instant::now();
    let mut quotes = 0;
    for (((t, s), e), p) in texts.iter().zip(&segs).zip(&entities).zip(&parses) {
        quotes += readout_quotes::quotes(t, None, &s.tokens, &s.sentences, e, p).len();
    }
    let quote_time = start.elapsed().as_secs_f64();
    // The whole default pipeline, for the shares.
    let full = readout::Pipeline::new(readout::PipelineConfig {
        threads: 1,
        ..Default::default()
    })
    .expect("configuration");
    let start = Instant::now();
    for t in &texts {
        full.process(readout_model::Article {
            text: t.to_string(),
            ..Default::default()
        });
    }
    let pipeline_time = start.elapsed().as_secs_f64();
    let per_k = |secs: f64| secs * 1e3 / texts.len().max(1) as f64 * 1e3;
    println!("{} articles", texts.len());
    println!(
        "NER (tagger alone): {:.0} ms per 1,000 articles ({mentions} mentions)",
        per_k(ner)
    );
    println!(
        "NER + entity resolution: {:.0} ms per 1,000 articles",
        per_k(with_resolution)
    );
    println!(
        "parse of the sentences the rules leave a cue word in: {:.0} ms per 1,000 articles",
        per_k(parse_time)
    );
    println!(
        "quotation rules: {:.0} ms per 1,000 articles ({quotes} quotations)",
        per_k(quote_time)
    );
    println!(
        "whole pipeline (default configuration): {:.0} ms per 1,000 articles; the rules are \
         {:.1}% of it, the rules and the parse for quotations {:.1}%",
        per_k(pipeline_time),
        100.0 * quote_time / pipeline_time,
        100.0 * (quote_time + parse_time) / pipeline_time
    );
}
