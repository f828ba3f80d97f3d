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
    for e in readout_events::events(&text, &seg.tokens, &seg.sentences, &entities) {
        println!(
            "s{} {} {} {} '{}' src[{}] tgt[{}] negated={} {:?}",
            e.sentence,
            e.plover,
            e.mode.as_deref().unwrap_or("-"),
            e.cameo,
            &text[e.trigger.start..e.trigger.end],
            codes(&e.source),
            codes(&e.target),
            e.negated,
            e.modality
        );
    }
}
