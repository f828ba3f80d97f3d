//! The actor registry: what stored articles teach it, and a person named without a code in
//! a later article taking the code it learnt (invented people and countries).

use readout_model::record::ArticleRecord;
use readout_store::{ActorFilter, EventFilter, Ingested, Store, StoryRef};
use serde_json::{json, Value};

/// An article published on `day` whose one event has `source` (a person, coded or not, with
/// a role phrase or without) meeting the Freedonian government.
fn article(id: &str, day: &str, source: &str, code: Option<&str>, role: bool) -> Ingested {
    let text = format!("{source} met Freedonian officials.");
    let entity = json!({
        "id": "e1", "name": {"start": 0, "end": source.len(), "text": source}, "type": "PER",
        "code": code.map(|c| json!({"country": c, "sector": "GOV"})),
        "roles": if role { json!([{"start": 0, "end": 9, "text": "President"}]) } else { json!([]) },
        "mentions": []
    });
    let event = json!({
        "id": "v1", "type": "CONSULT", "mode": null, "cameo": "040",
        "source": [{"entity": "e1", "code": code, "sector": code.map(|_| "GOV"),
                    "start": 0, "end": source.len(), "text": source}],
        "target": [{"entity": null, "code": "FRE", "sector": "GOV", "start": 0, "end": 1,
                    "text": "Freedonian officials"}],
        "negated": false, "modality": "asserted", "date": null, "duration": null,
        "location": null, "topics": [], "reported_by": null, "claims": [],
        "mentions": [{"sentence": 0, "negated": false,
                      "trigger": {"start": 0, "end": 1, "text": "met"}}]
    });
    let record: ArticleRecord = serde_json::from_value(json!({
        "record": "readout.article/0.1", "id": id, "external_id": null,
        "source": "example.org", "url": null, "title": id, "byline": null,
        "published": {"iso": day, "date": day, "time": null, "utc_offset": null,
                      "source": "input"},
        "language": "en", "dateline": null, "text": text,
        "origin": {"path": "-", "format": null, "line": null, "byte_offset": null, "index": 0},
        "source_map": null, "sentences": [], "entities": [entity], "quotes": [],
        "times": [], "events": [event]
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
}

fn rows(store: &Store, name: Option<&str>) -> Vec<Value> {
    let rows = store
        .actors(&ActorFilter {
            name: name.map(str::to_string),
            limit: 50,
        })
        .unwrap();
    rows.iter()
        .map(|r| serde_json::to_value(r).unwrap())
        .collect()
}

#[test]
fn a_role_teaches_the_registry_and_a_bare_name_takes_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let mut store = Store::open(&db).unwrap();
    // Article 1: "President Anna Kovac of Ruritania ..." (a role gives RUR GOV); article 2,
    // later, names "Kovac" alone with no code; article 3, earlier than both, gives the role
    // again. Articles 1 and 2 are one transaction: the second sees what the first taught.
    store
        .put(vec![
            article("a1", "2031-09-01", "Anna Kovac", Some("RUR"), true),
            article("a2", "2031-09-05", "Kovac", None, false),
        ])
        .unwrap();
    store
        .put(vec![article(
            "a3",
            "2031-08-20",
            "Anna Kovac",
            Some("RUR"),
            true,
        )])
        .unwrap();
    store.close().unwrap();

    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        readout_store::SCHEMA_VERSION
    );
    let registry = rows(&store, Some("kovac"));
    assert_eq!(
        registry,
        [
            json!({"name": "Anna Kovac", "country": "RUR", "sector": "GOV", "articles": 2,
                "first_seen": "2031-08-20", "last_seen": "2031-09-01", "source": "role"})
        ],
        "the filled code of article 2 is not counted as evidence"
    );
    // Article 2's event actor and entity got the code, and so did its stored record.
    let events = store
        .events(&EventFilter {
            actor: Some("RUR".into()),
            limit: 10,
            ..Default::default()
        })
        .unwrap();
    let ids: Vec<&str> = events.iter().map(|e| e.article_id.as_str()).collect();
    assert_eq!(ids, ["a2", "a1", "a3"]);
    let record = store.record("a2").unwrap().unwrap();
    let code = record.entities[0].code.clone().unwrap();
    assert_eq!(
        (code.country.as_deref(), code.sector.as_deref()),
        (Some("RUR"), Some("GOV"))
    );
    assert_eq!(record.events[0].source[0].code.as_deref(), Some("RUR"));
    // A literal filter: `%` matches only itself.
    assert!(rows(&store, Some("%")).is_empty());
    assert_eq!(rows(&store, None).len(), 1);
}

#[test]
fn a_tie_between_countries_fills_nothing_and_a_dictionary_code_is_its_own_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let mut store = Store::open(&db).unwrap();
    store
        .put(vec![
            article("b1", "2031-09-01", "Teo Brask", Some("RUR"), true),
            article("b2", "2031-09-02", "Lena Brask", Some("FRE"), false),
            article("b3", "2031-09-03", "Brask", None, false),
        ])
        .unwrap();
    let record = store.record("b3").unwrap().unwrap();
    assert_eq!(record.entities[0].code, None);
    let sources: Vec<Value> = rows(&store, Some("brask"))
        .into_iter()
        .map(|r| json!([r["name"], r["source"]]))
        .collect();
    assert_eq!(
        sources,
        [
            json!(["Lena Brask", "dictionary"]),
            json!(["Teo Brask", "role"])
        ]
    );
}
