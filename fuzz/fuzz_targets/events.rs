//! The event coder on arbitrary text, after the stages it reads: no panic; every span on
//! character boundaries inside the text; reports in text order, each inside its sentence.
#![no_main]

use libfuzzer_sys::fuzz_target;

// The stages run the way the event coder's own tests run them.
#[path = "../../crates/readout-events/tests/common/mod.rs"]
mod common;

fuzz_target!(|text: &str| {
    let published = chrono::NaiveDate::from_ymd_opt(2024, 3, 6);
    let common::Coded {
        sentences, events, ..
    } = common::code(text, published);
    let on_text = |s: readout_model::Span| s.start < s.end && text.get(s.start..s.end).is_some();
    for e in &events {
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
});
