//! The table of cases in `cases.jsonl`: sentences written for these tests, run through
//! segmentation, the entity stage and the event coder. Every event of a row must come out
//! with the listed type, mode, CAMEO code, trigger, actors (`text=CODE`, or the text alone
//! for an actor without a code), negation and modality, and nothing else.

use readout_model::{EventActor, Modality};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    events: Vec<Expected>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct Expected {
    #[serde(rename = "type")]
    kind: String,
    mode: Option<String>,
    cameo: String,
    trigger: String,
    source: Vec<String>,
    target: Vec<String>,
    negated: bool,
    modality: String,
}

#[test]
fn every_row_of_the_table_holds() {
    let mut failures = Vec::new();
    let mut rows = 0;
    for (n, line) in include_str!("cases.jsonl").lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        rows += 1;
        let case: Case = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("cases.jsonl line {}: {e}", n + 1));
        let text = case.text.as_str();
        let seg = readout_text::segment(text);
        let entities =
            readout_entities::Recognizer::embedded().entities(text, &seg.tokens, &seg.sentences);
        let actors = |list: &[EventActor]| -> Vec<String> {
            list.iter()
                .map(|a| {
                    let words = &text[a.span.start..a.span.end];
                    match &a.code {
                        Some(code) => format!("{words}={code}"),
                        None => words.to_string(),
                    }
                })
                .collect()
        };
        let got: Vec<Expected> =
            readout_events::events(text, &seg.tokens, &seg.sentences, &entities)
                .iter()
                .map(|e| Expected {
                    kind: e.plover.clone(),
                    mode: e.mode.clone(),
                    cameo: e.cameo.clone(),
                    trigger: text[e.trigger.start..e.trigger.end].to_string(),
                    source: actors(&e.source),
                    target: actors(&e.target),
                    negated: e.negated,
                    modality: match e.modality {
                        Modality::Asserted => "asserted",
                        Modality::Future => "future",
                        Modality::Hypothetical => "hypothetical",
                    }
                    .to_string(),
                })
                .collect();
        if got != case.events {
            failures.push(format!(
                "{} (line {}): {text}\n   expected {:?}\n   got      {:?}",
                case.name,
                n + 1,
                case.events,
                got
            ));
        }
    }
    assert!(rows >= 10, "the table has only {rows} rows");
    assert!(
        failures.is_empty(),
        "{} of {rows} rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
