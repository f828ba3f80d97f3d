//! What the default pipeline keeps of the events it codes, row by row of
//! `confidence.jsonl`: an asserted act whose verb heads its clause with a coded source as
//! its subject is kept, with the actors the parse links to it; a report that is only the
//! complement of another ("refused to [meet]"), a wish, a requirement, a naming, a byline,
//! a teaser, a passive without an agent, a denial or a possibility is left below the
//! threshold, where `--all-events` still shows it.

use readout::{Pipeline, PipelineConfig};
use readout_model::{Article, Event};
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Row {
    name: String,
    text: String,
    /// The first word of the report's trigger.
    trigger: String,
    kept: bool,
    /// The actor codes expected, in any order, when given.
    #[serde(default)]
    source: Option<Vec<String>>,
    #[serde(default)]
    target: Option<Vec<String>>,
    /// The publication date (YYYY-MM-DD), when the row needs one.
    #[serde(default)]
    published: Option<String>,
    /// The event's date value and basis ("2025-07-03 expression"), when given.
    #[serde(default)]
    date: Option<String>,
}

fn codes(actors: &[readout_model::EventActor]) -> Vec<String> {
    let mut c: Vec<String> = actors.iter().filter_map(|a| a.code.clone()).collect();
    c.sort();
    c.dedup();
    c
}

fn trigger_of<'a>(text: &'a str, e: &Event) -> &'a str {
    e.trigger.slice(text).unwrap_or_default()
}

#[test]
fn every_row_of_the_table_holds() {
    let pipeline = Pipeline::new(PipelineConfig {
        threads: 1,
        ..PipelineConfig::default()
    })
    .expect("pipeline");
    let rows = include_str!("confidence.jsonl");
    let mut failures = Vec::new();
    let mut n = 0;
    for (line, row) in rows
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        n += 1;
        let row: Row = serde_json::from_str(row).expect("a row of confidence.jsonl");
        let published = row.published.as_deref().map(|d| readout_model::Published {
            date: d.parse().expect("a YYYY-MM-DD publication date"),
            time: None,
            utc_offset_seconds: None,
        });
        let doc = pipeline.process(Article {
            text: row.text.clone(),
            published,
            ..Article::default()
        });
        let text = &doc.article.text;
        let find = |events: &[Event]| {
            events
                .iter()
                .find(|e| trigger_of(text, e).starts_with(row.trigger.as_str()))
                .cloned()
        };
        let kept = find(&doc.events);
        let below = find(&doc.events_below);
        let problem = match (&kept, row.kept) {
            (Some(e), true) => {
                let mut p = None;
                let mut want = |what: &str, expected: &Option<Vec<String>>, got: Vec<String>| {
                    if let Some(x) = expected {
                        let mut x = x.clone();
                        x.sort();
                        if x != got {
                            p = Some(format!("{what} {got:?}, expected {x:?}"));
                        }
                    }
                };
                want("source", &row.source, codes(&e.source));
                want("target", &row.target, codes(&e.target));
                if let Some(date) = &row.date {
                    let got = e.date.as_ref().map(|d| {
                        let basis = match d.basis {
                            readout_model::TimeBasis::Expression => "expression",
                            readout_model::TimeBasis::Carried => "carried",
                            readout_model::TimeBasis::Published => "published",
                        };
                        format!("{} {basis}", d.value)
                    });
                    if got.as_deref() != Some(date.as_str()) {
                        p = Some(format!("date {got:?}, expected {date}"));
                    }
                }
                p
            }
            (None, true) => Some(format!("not kept (below: {below:?})")),
            (Some(e), false) => Some(format!("kept at {}", e.confidence.value())),
            (None, false) => below
                .is_none()
                .then(|| "not coded at all: the row tests nothing".to_string()),
        };
        if let Some(p) = problem {
            failures.push(format!(
                "{} (line {}): {}: {p}",
                row.name,
                line + 1,
                row.text
            ));
        }
    }
    assert!(n >= 20, "the table has {n} rows");
    assert!(
        failures.is_empty(),
        "{} of {n} rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
