//! Codes the events of a text file, one line an event: sentence, type, mode, CAMEO code,
//! trigger, source and target codes, negation and modality. For looking at what the coder
//! does with a text, in the pipeline users run (every stage before the coder on).
//!
//! `cargo run --release -p readout-events --example code_text -- FILE`

fn main() {
    let Some(path) = std::env::args().nth(1) else {
        eprintln!("usage: code_text FILE");
        return;
    };
    let Ok(text) = std::fs::read_to_string(&path) else {
        eprintln!("cannot read {path}");
        return;
    };
    let pipeline = match readout::Pipeline::new(readout::PipelineConfig::default()) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("{e}");
            return;
        }
    };
    let doc = pipeline.process(readout_model::Article {
        text,
        ..Default::default()
    });
    // Spans index the text the pipeline kept (less a dateline it cut).
    let text = &doc.article.text;
    let codes = |actors: &[readout_model::EventActor]| {
        actors
            .iter()
            .map(|a| {
                format!(
                    "{}={}",
                    &text[a.span.start..a.span.end],
                    a.code.as_deref().unwrap_or("?")
                )
            })
            .collect::<Vec<_>>()
            .join("+")
    };
    for e in &doc.events {
        println!(
            "s{} {} {} {} '{}' src[{}] tgt[{}] negated={} {:?} mentions={:?} topics={:?} claims={:?} by={:?}",
            e.sentence,
            e.plover,
            e.mode.map_or("-", |m| m.as_str()),
            e.cameo,
            &text[e.trigger.start..e.trigger.end],
            codes(&e.source),
            codes(&e.target),
            e.negated,
            e.modality,
            e.mentions.iter().map(|m| m.sentence).collect::<Vec<_>>(),
            e.topics
                .iter()
                .map(|t| format!("{}{}", if t.negated { "NOT " } else { "" }, &text[t.span.start..t.span.end]))
                .collect::<Vec<_>>(),
            e.claims.iter().map(|c| &text[c.span.start..c.span.end]).collect::<Vec<_>>(),
            e.reported_by.and_then(|r| r.span).map(|s| &text[s.start..s.end]),
        );
    }
}
