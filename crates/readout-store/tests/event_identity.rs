//! One real-world event across articles, in the store: the cases of
//! `crates/readout-cluster/tests/data/event_identity.json` (the same cases
//! `crates/readout-cluster/tests/cases.rs` groups) ingested as article records of one
//! story, then the stored events, their actors, their mentions (one per article), and the
//! timeline by code and by a person's name.

use readout_model::record::ArticleRecord;
use readout_store::{Ingested, Store, StoryEventRow, StoryRef};
use serde::Deserialize;
use serde_json::{json, Value};

#[derive(Deserialize)]
struct Cases {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    reports: Vec<Report>,
    events: Vec<Expected>,
    timeline: std::collections::BTreeMap<String, Vec<usize>>,
}

#[derive(Deserialize)]
struct Report {
    article: String,
    outlet: String,
    cameo: String,
    #[serde(rename = "type")]
    kind: String,
    date: Option<String>,
    source: Vec<String>,
    target: Vec<String>,
}

#[derive(Deserialize)]
struct Expected {
    codes: Vec<String>,
    names: Vec<String>,
    date: Option<String>,
    mentions: usize,
}

/// The case's reports as article records in one story: the reports of one article are its
/// events `v1`, `v2`, ... in order, the persons among their actors its entities.
fn articles(case: &Case) -> Vec<Ingested> {
    let mut order: Vec<&str> = Vec::new();
    for r in &case.reports {
        if !order.contains(&r.article.as_str()) {
            order.push(&r.article);
        }
    }
    order
        .iter()
        .map(|id| {
            let reports: Vec<&Report> = case.reports.iter().filter(|r| r.article == *id).collect();
            let mut entities: Vec<Value> = Vec::new();
            let mut actor = |spec: &String| -> Value {
                let mut parts = spec.split('|');
                let name = parts.next().unwrap_or_default();
                let code = parts.next().filter(|c| !c.is_empty());
                let entity = (parts.next() == Some("PER")).then(|| {
                    let id = format!("e{}", entities.len() + 1);
                    entities.push(json!({
                        "id": id, "name": {"start": 0, "end": 1, "text": name}, "type": "PER",
                        "code": code.map(|c| json!({"country": c, "sector": "GOV"})),
                        "roles": [], "mentions": []
                    }));
                    id
                });
                json!({"entity": entity, "code": code, "sector": null, "start": 0, "end": 1,
                       "text": name})
            };
            let events: Vec<Value> = reports
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let source: Vec<Value> = r.source.iter().map(&mut actor).collect();
                    let target: Vec<Value> = r.target.iter().map(&mut actor).collect();
                    json!({
                        "id": format!("v{}", i + 1), "type": r.kind, "mode": null,
                        "cameo": r.cameo, "source": source, "target": target,
                        "negated": false, "modality": "asserted",
                        "date": r.date.as_ref()
                            .map(|d| json!({"value": d, "basis": "expression", "timex": null})),
                        "duration": null, "location": null, "topics": [], "reported_by": null,
                        "claims": [],
                        "mentions": [{"sentence": i, "negated": false,
                                      "trigger": {"start": i, "end": i + 1, "text": "m"}}]
                    })
                })
                .collect();
            let record: ArticleRecord = serde_json::from_value(json!({
                "record": "readout.article/0.1", "id": id, "external_id": null,
                "source": reports[0].outlet, "url": null, "title": id, "byline": null,
                "published": {"iso": "2031-09-01", "date": "2031-09-01", "time": null,
                              "utc_offset": null, "source": "input"},
                "language": "en", "dateline": null, "text": format!("text of {id}"),
                "origin": {"path": "-", "format": null, "line": null, "byte_offset": null,
                           "index": 0},
                "source_map": null, "sentences": [], "entities": entities, "quotes": [],
                "times": [], "events": events
            }))
            .expect("a record");
            Ingested {
                record,
                encoded: None,
                story: Some(StoryRef {
                    story: 1,
                    features: String::new(),
                }),
            }
        })
        .collect()
}

fn names(e: &StoryEventRow) -> Vec<String> {
    e.source_names
        .split("; ")
        .chain(e.target_names.split("; "))
        .filter(|n| !n.is_empty())
        .map(str::to_string)
        .collect()
}

fn codes(e: &StoryEventRow) -> Vec<String> {
    let mut codes: Vec<String> = e
        .source_codes
        .split_whitespace()
        .chain(e.target_codes.split_whitespace())
        .map(str::to_string)
        .collect();
    codes.sort();
    codes.dedup();
    codes
}

/// Checks the stored events of a case against what it expects, in the order they were
/// made; `when` says which store (one batch, one per article, reopened).
fn check(store: &Store, case: &Case, when: &str) {
    let mut stored = store.story_events(Some(1), None).unwrap();
    stored.sort_by_key(|e| e.id);
    let what = format!("{} ({when})", case.name);
    assert_eq!(stored.len(), case.events.len(), "{what}: {stored:#?}");
    for (e, want) in stored.iter().zip(&case.events) {
        assert_eq!(codes(e), want.codes, "{what}: codes of {}", e.id);
        assert_eq!(names(e), want.names, "{what}: names of {}", e.id);
        assert_eq!(
            e.date.as_ref().map(ToString::to_string),
            want.date,
            "{what}: date of {}",
            e.id
        );
        assert_eq!(
            e.mentions.len(),
            want.mentions,
            "{what}: mentions of {}",
            e.id
        );
        assert_eq!(
            e.articles as usize, want.mentions,
            "{what}: articles of {}",
            e.id
        );
        let mut articles: Vec<&str> = e.mentions.iter().map(|m| m.article_id.as_str()).collect();
        articles.dedup();
        assert_eq!(
            articles.len(),
            e.mentions.len(),
            "{what}: one mention per article"
        );
    }
    for (actor, want) in &case.timeline {
        let mut found: Vec<usize> = store
            .timeline(actor, None, 100)
            .unwrap()
            .iter()
            .map(|e| stored.iter().position(|s| s.id == e.id).unwrap())
            .collect();
        found.sort();
        assert_eq!(&found, want, "{what}: timeline --actor {actor}");
    }
}

#[test]
fn event_identity_cases_in_the_store() {
    let cases: Cases = serde_json::from_str(include_str!(
        "../../readout-cluster/tests/data/event_identity.json"
    ))
    .expect("the cases");
    for case in &cases.cases {
        let dir = tempfile::tempdir().unwrap();
        // All at once, in one transaction.
        let mut store = Store::open(&dir.path().join("one.db")).unwrap();
        store.put(articles(case)).unwrap();
        check(&store, case, "one batch");
        // One article per run, the store reopened each time: the events are read back
        // from the database, not from the writer's memory, and must decide alike.
        let path = dir.path().join("runs.db");
        for article in articles(case) {
            let mut store = Store::open(&path).unwrap();
            store.put(vec![article]).unwrap();
            store.close().unwrap();
        }
        check(
            &Store::open_read_only(&path).unwrap(),
            case,
            "one run per article",
        );
    }
}
