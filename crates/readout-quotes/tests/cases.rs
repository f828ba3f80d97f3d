//! The table of quotation cases in `tests/cases.jsonl`, run through the pipeline users run
//! (segmentation, entities, quotations) and compared field by field.
//!
//! Each line holds a text and every attribution expected in it, in text order, as exact
//! substrings; an empty list is a negative case. Every failing case is reported, not
//! only the first.

use serde::Deserialize;

#[derive(Deserialize)]
struct Case {
    name: String,
    text: String,
    quotes: Vec<Expected>,
}

#[derive(Deserialize, PartialEq, Debug)]
struct Expected {
    kind: String,
    content: String,
    source: Option<String>,
    speaker: Option<String>,
    cue: Option<String>,
    relays: Vec<ExpectedRelay>,
    /// `speech` unless the case says `other`.
    #[serde(default = "speech")]
    cue_kind: String,
    /// For a later part of a split quotation, the position (in the case's list) of the part
    /// it continues.
    #[serde(default)]
    continues: Option<usize>,
}

fn speech() -> String {
    "speech".to_string()
}

#[derive(Deserialize, PartialEq, Debug)]
struct ExpectedRelay {
    text: String,
    kind: String,
}

fn kind_name<T: serde::Serialize>(k: &T) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The pipeline users run, with the stages after quotations switched off (they cannot
/// change them), built once.
fn pipeline() -> &'static readout::Pipeline {
    static PIPELINE: std::sync::OnceLock<readout::Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| {
        let config = readout::PipelineConfig {
            threads: 1,
            times: false,
            events: false,
            ..Default::default()
        };
        readout::Pipeline::new(config).expect("the pipeline")
    })
}

/// What readout finds in `text`, in the table's terms.
fn found(text: &str) -> Vec<Expected> {
    let doc = pipeline().process(readout_model::Article {
        text: text.to_string(),
        ..Default::default()
    });
    // A case is written without a dateline, so that its expected words are found in the
    // text as written.
    assert_eq!(doc.article.text, text, "the pipeline cut a dateline");
    let entities = &doc.entities;
    let slice = |s: readout_model::Span| text[s.start..s.end].to_string();
    doc.quotes
        .into_iter()
        .map(|q| Expected {
            kind: kind_name(&q.kind),
            content: slice(q.content),
            source: q.source.map(slice),
            speaker: q.speaker.map(|e| slice(entities[e.index()].name)),
            cue: q.cue.map(slice),
            relays: q
                .relays
                .iter()
                .map(|r| ExpectedRelay {
                    text: slice(r.span),
                    kind: kind_name(&r.kind),
                })
                .collect(),
            cue_kind: kind_name(&q.cue_kind),
            continues: q.continues,
        })
        .collect()
}

#[test]
fn every_case_of_the_table() {
    let table = include_str!("cases.jsonl");
    let mut failures = Vec::new();
    let mut cases = 0;
    for (n, line) in table.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        let case: Case = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("tests/cases.jsonl line {}: {e}", n + 1));
        cases += 1;
        let got = found(&case.text);
        if got != case.quotes {
            failures.push(format!(
                "{} (line {}):\n  expected {:#?}\n  found    {:#?}",
                case.name,
                n + 1,
                case.quotes,
                got
            ));
        }
    }
    assert!(cases >= 40, "the table has only {cases} cases");
    assert!(
        failures.is_empty(),
        "{} of {cases} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
