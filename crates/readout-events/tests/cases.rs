//! The table of cases in `cases.jsonl`: texts written for these tests, run through
//! segmentation, the entity, quotation and time stages and the event coder. Every event of
//! a row must come out with the listed type, mode, CAMEO code, first trigger, actors
//! (`text=CODE`, or the text alone for an actor without a code), negation and modality, and
//! nothing else. A row may also list, and is then held to, the event's `mentions` (every
//! report's trigger, for merging), `topics` (`NOT ` before a negated one), `claims`
//! (ordinals), `location`, `reported_by` (the source's words) and `date`
//! (`VALUE/BASIS`, given the row's `published` date).

use readout_model::{Event, EventActor, Modality, TimeBasis};
use serde::Deserialize;

mod common;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    text: String,
    #[serde(default)]
    published: Option<chrono::NaiveDate>,
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
    #[serde(default)]
    mentions: Option<Vec<String>>,
    #[serde(default)]
    topics: Option<Vec<String>>,
    #[serde(default)]
    claims: Option<Vec<u32>>,
    #[serde(default)]
    location: Option<String>,
    #[serde(default)]
    reported_by: Option<String>,
    #[serde(default)]
    date: Option<String>,
}

/// The event as the table writes it, with the optional fields the expectation lists.
fn written(text: &str, e: &Event, want: Option<&Expected>) -> Expected {
    let words = |s: readout_model::Span| text[s.start..s.end].to_string();
    let actors = |list: &[EventActor]| -> Vec<String> {
        list.iter()
            .map(|a| match &a.code {
                Some(code) => format!("{}={code}", words(a.span)),
                None => words(a.span),
            })
            .collect()
    };
    let asked = |f: fn(&Expected) -> bool| want.is_some_and(f);
    Expected {
        kind: e.plover.to_string(),
        mode: e.mode.map(|m| m.to_string()),
        cameo: e.cameo.to_string(),
        trigger: words(e.trigger),
        source: actors(&e.source),
        target: actors(&e.target),
        negated: e.negated,
        modality: match e.modality {
            Modality::Asserted => "asserted",
            Modality::Future => "future",
            Modality::Hypothetical => "hypothetical",
        }
        .to_string(),
        mentions: asked(|w| w.mentions.is_some())
            .then(|| e.mentions.iter().map(|m| words(m.trigger)).collect()),
        topics: asked(|w| w.topics.is_some()).then(|| {
            e.topics
                .iter()
                .map(|t| format!("{}{}", if t.negated { "NOT " } else { "" }, words(t.span)))
                .collect()
        }),
        claims: asked(|w| w.claims.is_some()).then(|| e.claims.iter().map(|c| c.ordinal).collect()),
        location: if asked(|w| w.location.is_some()) {
            Some(e.location.as_ref().map_or("-".into(), |p| words(p.span)))
        } else {
            None
        },
        reported_by: if asked(|w| w.reported_by.is_some()) {
            Some(e.reported_by.and_then(|r| r.span).map_or("-".into(), words))
        } else {
            None
        },
        date: if asked(|w| w.date.is_some()) {
            Some(e.date.as_ref().map_or("-".into(), |d| {
                let basis = match d.basis {
                    TimeBasis::Expression => "expression",
                    TimeBasis::Carried => "carried",
                    TimeBasis::Published => "published",
                };
                format!("{}/{basis}", d.value)
            }))
        } else {
            None
        },
    }
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
        let coded = common::code(&case.text, case.published);
        // A case is written without a dateline, so that its expected words are found in the
        // text as written.
        assert_eq!(
            coded.text, case.text,
            "{}: the pipeline cut a dateline",
            case.name
        );
        let text = case.text.as_str();
        let found = coded.events;
        let got: Vec<Expected> = found
            .iter()
            .enumerate()
            .map(|(i, e)| written(text, e, case.events.get(i)))
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
