//! PLOVER JSON records, one per event across articles, in JSON Lines as the PLOVER manual
//! suggests: `id`, `date`, `actor`, `recipient`, `event`, `mode`, `quad_code`,
//! `event_text`, `link` (the story) and `cite_info` (every article that reports it), with
//! `cameo`, `date_precision` and the counts as named fields of readout's own.

use readout_store::{Store, StoryEventRow};
use serde_json::{json, Value};

use crate::{ExportError, Out, Staging, Written};

/// Writes `plover.jsonl`.
pub(crate) fn export(store: &Store, staging: &mut Staging) -> Result<Written, ExportError> {
    let mut out = Out::create(staging, "plover.jsonl")?;
    store.each_story_event(|e| out.json(&record(&e)))?;
    Ok(Written {
        files: vec![out.finish()?],
    })
}

/// The actors of one side: a code and a name each, paired in order while both last.
fn actors(codes: &str, names: &str) -> Value {
    let codes: Vec<&str> = codes.split_whitespace().collect();
    let names: Vec<&str> = names.split("; ").filter(|n| !n.is_empty()).collect();
    let n = codes.len().max(names.len());
    Value::Array(
        (0..n)
            .map(|i| json!({"code": codes.get(i), "name": names.get(i)}))
            .collect(),
    )
}

/// The PLOVER record of an event across articles.
pub fn record(e: &StoryEventRow) -> Value {
    // PLOVER dates are days: a month or a year the text gives is padded with its first
    // day, and `date_precision` says how much of the date is known.
    let day = crate::event_day(e);
    let date = day.map(|d| format!("{:04}-{:02}-{:02}", d.year, d.month, d.day));
    let precision = day.map(|d| d.precision);
    let quad = e.cameo.quad_class().number();
    json!({
        "id": format!("readout-{}", e.id),
        "date": date,
        "date_precision": precision,
        "actor": actors(&e.source_codes, &e.source_names),
        "recipient": actors(&e.target_codes, &e.target_names),
        "event": [e.kind],
        "mode": e.mode.map(|m| vec![m]),
        "quad_code": quad,
        "event_text": e.mentions.iter().map(|m| m.trigger.clone()).collect::<Vec<_>>(),
        "link": format!("story-{}", e.story_id),
        "cite_info": e.mentions.iter().map(|m| json!({
            "article": m.article_id,
            "source": m.outlet,
            "url": m.url,
            "published": m.published,
            "sentence": m.sentence,
            "start": m.trigger_start,
            "end": m.trigger_end,
        })).collect::<Vec<_>>(),
        "coder": concat!("readout ", env!("CARGO_PKG_VERSION")),
        "cameo": e.cameo,
        "negated": e.negated,
        "modality": e.modality,
        "articles": e.articles,
        "sources": e.sources,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn event(date: Option<&str>, first_seen: Option<&str>) -> StoryEventRow {
        StoryEventRow {
            id: 1,
            story_id: 2,
            kind: "CONSULT".parse().unwrap(),
            mode: "phone".parse().ok(),
            cameo: "041".parse().unwrap(),
            source_codes: "FRA".into(),
            target_codes: "DEU".into(),
            source_names: "Emmanuel Macron".into(),
            target_names: "Olaf Scholz".into(),
            negated: false,
            modality: Some("asserted".into()),
            date: date.map(|d| d.parse().unwrap()),
            articles: 1,
            sources: 1,
            first_seen: first_seen.map(str::to_string),
            last_seen: None,
            mentions: Vec::new(),
        }
    }

    #[test]
    fn dates_are_days_with_their_precision() {
        let r = record(&event(Some("2024-06-04T10:00"), None));
        assert_eq!(
            (r["date"].as_str(), r["date_precision"].as_str()),
            (Some("2024-06-04"), Some("day"))
        );
        let r = record(&event(Some("2024-01"), Some("2024-06-04")));
        assert_eq!(
            (r["date"].as_str(), r["date_precision"].as_str()),
            (Some("2024-01-01"), Some("month"))
        );
        let r = record(&event(Some("2023"), None));
        assert_eq!(r["date"], "2023-01-01");
        let r = record(&event(None, Some("2024-06-05T08:00:00+02:00")));
        assert_eq!(r["date"], "2024-06-05");
        assert!(record(&event(Some("FY2017"), None))["date"].is_null());
    }

    #[test]
    fn actors_pair_codes_with_names() {
        let r = record(&event(None, None));
        assert_eq!(r["actor"][0]["code"], "FRA");
        assert_eq!(r["actor"][0]["name"], "Emmanuel Macron");
        assert_eq!(r["recipient"][0]["code"], "DEU");
        assert_eq!(r["mode"][0], "phone");
        assert_eq!(r["quad_code"], 1);
        assert_eq!(r["link"], "story-2");
    }
}
