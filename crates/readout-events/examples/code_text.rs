//! Codes the events of a text file, one line an event: sentence, type, mode, CAMEO code,
//! trigger, source and target codes, negation and modality. For looking at what the coder
//! does with a text.
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
    let seg = readout_text::segment(&text);
    let entities =
        readout_entities::Recognizer::embedded().entities(&text, &seg.tokens, &seg.sentences);
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
    let quotes = readout_quotes::quotes(&text, None, &seg.tokens, &seg.sentences, &entities);
    let inputs = readout_events::Inputs {
        text: &text,
        tokens: &seg.tokens,
        sentences: &seg.sentences,
        entities: &entities,
        quotes: &quotes,
        ..Default::default()
    };
    for e in readout_events::events(&inputs) {
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
