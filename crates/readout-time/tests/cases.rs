//! The table of cases in `cases.jsonl`: one row per pattern, each with its own publication
//! date, run through the pipeline users run (segmentation and times). Every expression of a row must be found
//! with exactly the listed extent, type, value, `mod` and (where given) UTC offset, and
//! nothing else may be found.

use chrono::NaiveDate;
use serde::Deserialize;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    published: Option<String>,
    text: String,
    timexes: Vec<Expected>,
}

#[derive(Deserialize, Debug, PartialEq)]
#[serde(deny_unknown_fields)]
struct Expected {
    text: String,
    #[serde(rename = "type")]
    kind: String,
    value: Option<String>,
    #[serde(rename = "mod", default)]
    modifier: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    utc_offset_minutes: Option<i32>,
}

/// The pipeline users run, with the stages the time stage does not read switched off,
/// built once.
fn pipeline() -> &'static readout::Pipeline {
    static PIPELINE: std::sync::OnceLock<readout::Pipeline> = std::sync::OnceLock::new();
    PIPELINE.get_or_init(|| {
        let config = readout::PipelineConfig {
            threads: 1,
            ..Default::default()
        };
        let times = readout::Stages {
            times: true,
            ..readout::Stages::NONE
        };
        readout::Pipeline::new(config.keep_only(times)).expect("the pipeline")
    })
}

#[test]
fn every_row_of_the_table_holds() {
    let data = include_str!("cases.jsonl");
    let mut failures = Vec::new();
    let mut rows = 0;
    for (n, line) in data.lines().enumerate() {
        if line.trim().is_empty() {
            continue;
        }
        rows += 1;
        let case: Case = serde_json::from_str(line)
            .unwrap_or_else(|e| panic!("cases.jsonl line {}: {e}", n + 1));
        let published = case.published.as_deref().map(|p| {
            NaiveDate::parse_from_str(&p[..10], "%Y-%m-%d")
                .unwrap_or_else(|e| panic!("{}: bad published {p}: {e}", case.name))
        });
        let doc = pipeline().process(readout_model::Article {
            text: case.text.clone(),
            published: published.map(readout_model::Published::date),
            ..Default::default()
        });
        assert_eq!(
            doc.article.text, case.text,
            "{}: the pipeline cut a dateline",
            case.name
        );
        let found = doc.times;
        let got: Vec<Expected> = found
            .iter()
            .map(|t| Expected {
                text: case.text[t.span.start..t.span.end].to_string(),
                kind: t.kind.as_str().to_string(),
                value: t.value.as_ref().map(ToString::to_string),
                modifier: t.modifier.map(|m| m.as_str().to_string()),
                utc_offset_minutes: t.utc_offset_minutes,
            })
            .collect();
        let expected: Vec<Expected> = case
            .timexes
            .into_iter()
            .map(|mut e| {
                // A row that does not state an offset does not test it.
                if e.utc_offset_minutes.is_none() {
                    if let Some(g) = got.iter().find(|g| g.text == e.text) {
                        e.utc_offset_minutes = g.utc_offset_minutes;
                    }
                }
                e
            })
            .collect();
        if got != expected {
            failures.push(format!(
                "{} (line {}): {}\n   expected {:?}\n   got      {:?}",
                case.name,
                n + 1,
                case.text,
                expected,
                got
            ));
        }
    }
    assert!(rows >= 80, "the table has only {rows} rows");
    assert!(
        failures.is_empty(),
        "{} of {rows} rows fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
