//! The whole pipeline on arbitrary text, every stage on, as `readout extract` runs it: no
//! panic; every span on character boundaries inside the text; reports in text order, each
//! inside its sentence; the parse a tree in every sentence.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use readout::{Pipeline, PipelineConfig};
use readout_model::{Article, Published, Span};

/// Built once: the chain of stages comes from the pipeline's configuration, so the target
/// runs what the program runs.
fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        // Tokens in the record make the pipeline parse, so the syntax stage runs too.
        let config = PipelineConfig {
            threads: 1,
            tokens: true,
            ..PipelineConfig::default()
        };
        Pipeline::new(config).expect("the default configuration builds")
    })
}

fuzz_target!(|text: &str| {
    let published = chrono::NaiveDate::from_ymd_opt(2024, 3, 6).map(Published::date);
    let doc = pipeline().process(Article {
        text: text.to_string(),
        published,
        ..Article::default()
    });
    let text = doc.article.text.as_str();
    let sentences = &doc.sentences;
    let on_text = |s: Span| s.start < s.end && text.get(s.start..s.end).is_some();
    for e in &doc.events {
        let mut prev = 0;
        for m in &e.mentions {
            let s = sentences[m.sentence].span;
            assert!(on_text(m.trigger) && m.trigger.start >= prev);
            assert!(s.start <= m.trigger.start && m.trigger.end <= s.end);
            prev = m.trigger.start;
        }
        let spans = e.source.iter().chain(&e.target).map(|a| a.span);
        let spans = spans.chain(e.topics.iter().map(|t| t.span));
        let spans = spans.chain(e.claims.iter().map(|c| c.span));
        for s in spans.chain(e.location.as_ref().map(|p| p.span)) {
            assert!(on_text(s));
        }
    }
    assert_eq!(doc.syntax.len(), doc.tokens.len());
    for s in sentences {
        let parse = &doc.syntax[s.tokens.clone()];
        assert!(parse
            .iter()
            .all(|p| p.head.is_none_or(|h| s.tokens.contains(&h))));
        let heads: Vec<usize> = parse
            .iter()
            .map(|p| p.head.map_or(0, |h| h + 1 - s.tokens.start))
            .collect();
        assert!(readout_syntax::is_tree(&heads));
    }
    // The record materialises every span's text; it must not panic either.
    let _ = doc.to_record(true);
});
