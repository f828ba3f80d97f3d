//! The cases of `tests/data/event_identity.json`: which reports of a story are one event,
//! and the key each event ends with. `crates/readout-store/tests/event_identity.rs` reads
//! the same cases into a store.

use readout_cluster::EventKey;
use readout_model::record::{EntityRecord, EventRecord};
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
}

#[derive(Deserialize)]
struct Report {
    cameo: String,
    #[serde(rename = "type")]
    kind: String,
    date: Option<String>,
    source: Vec<String>,
    target: Vec<String>,
}

#[derive(Deserialize)]
struct Expected {
    reports: Vec<usize>,
    codes: Vec<String>,
    persons: Vec<String>,
    date: Option<String>,
}

/// A report as an article's event and the entities its actors are.
fn report(r: &Report) -> (EventRecord, Vec<EntityRecord>) {
    let mut entities = Vec::new();
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
        json!({"entity": entity, "code": code, "sector": null, "start": 0, "end": 1, "text": name})
    };
    let source: Vec<Value> = r.source.iter().map(&mut actor).collect();
    let target: Vec<Value> = r.target.iter().map(&mut actor).collect();
    let event = json!({
        "id": "v1", "type": r.kind, "mode": null, "cameo": r.cameo,
        "source": source, "target": target, "negated": false, "modality": "asserted",
        "date": r.date.as_ref().map(|d| json!({"value": d, "basis": "expression", "timex": null})),
        "duration": null, "location": null, "topics": [], "reported_by": null, "claims": [],
        "mentions": [{"sentence": 0, "negated": false,
                      "trigger": {"start": 0, "end": 1, "text": "m"}}]
    });
    (
        serde_json::from_value(event).expect("an event"),
        serde_json::from_value(Value::Array(entities)).expect("entities"),
    )
}

#[test]
fn event_identity_cases() {
    let cases: Cases =
        serde_json::from_str(include_str!("data/event_identity.json")).expect("the cases");
    assert!(!cases.cases.is_empty());
    for case in &cases.cases {
        // The story's events as the store makes them: each report joins the event
        // `EventKey::choose` picks, or makes one.
        let mut events: Vec<(EventKey, u32, Vec<usize>)> = Vec::new();
        for (i, r) in case.reports.iter().enumerate() {
            let (event, entities) = report(r);
            let key = EventKey::of(&event, &entities);
            match key.choose(events.iter().map(|(k, n, _)| (k, *n))) {
                Some(j) => {
                    events[j].0.merge(&key);
                    events[j].1 += 1;
                    events[j].2.push(i);
                }
                None => events.push((key, 1, vec![i])),
            }
        }
        let groups: Vec<&Vec<usize>> = events.iter().map(|(_, _, g)| g).collect();
        let want: Vec<&Vec<usize>> = case.events.iter().map(|e| &e.reports).collect();
        assert_eq!(groups, want, "{}: which reports are one event", case.name);
        for ((key, _, _), expected) in events.iter().zip(&case.events) {
            assert_eq!(key.codes(), expected.codes, "{}: codes", case.name);
            let mut persons: Vec<String> = key
                .source
                .iter()
                .chain(&key.target)
                .filter_map(|a| a.person.clone())
                .collect();
            persons.sort();
            assert_eq!(persons, expected.persons, "{}: persons", case.name);
            assert_eq!(
                key.date.as_ref().map(ToString::to_string),
                expected.date,
                "{}: date",
                case.name
            );
        }
    }
}
