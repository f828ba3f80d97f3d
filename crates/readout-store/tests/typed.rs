//! Actor codes as rows, literal name filters, validated dates, and the migration of a
//! version-3 database.

use readout_model::record::ArticleRecord;
use readout_store::{date_bounds, EventFilter, Ingested, QuoteFilter, Store, StoryRef};
use serde_json::{json, Value};

/// An actor of an event: its code and the words that name it.
fn actor(code: &str, name: &str) -> Value {
    json!({"entity": null, "code": code, "sector": null, "start": 0, "end": 1, "text": name})
}

fn event(id: &str, kind: &str, cameo: &str, source: Value, target: Value, date: &str) -> Value {
    json!({
        "id": id, "type": kind, "mode": null, "cameo": cameo,
        "source": [source], "target": [target], "negated": false, "modality": "asserted",
        "date": {"value": date, "basis": "expression", "timex": null},
        "duration": null, "location": null, "topics": [], "reported_by": null, "claims": [],
        "mentions": [{"sentence": 0, "negated": false,
                      "trigger": {"start": 0, "end": 1, "text": "m"}}]
    })
}

fn quote(id: &str, speaker: &str) -> Value {
    json!({
        "id": id, "kind": "direct", "content": {"start": 0, "end": 1, "text": "x"},
        "in_title": false, "source": null, "speaker": null, "speaker_name": speaker,
        "cue": null, "relays": []
    })
}

fn record(id: &str, published: &str, events: Vec<Value>, quotes: Vec<Value>) -> Ingested {
    let r: ArticleRecord = serde_json::from_value(json!({
        "record": "readout.article/0.1", "id": id, "external_id": null, "source": "example.org",
        "url": null, "title": id, "byline": null,
        "published": {"iso": published, "date": published, "time": null, "utc_offset": null,
                      "source": "input"},
        "language": "en", "dateline": null, "text": format!("text of {id}"),
        "origin": {"path": "-", "format": null, "line": null, "byte_offset": null, "index": 0},
        "source_map": null, "sentences": [], "entities": [], "quotes": quotes, "times": [],
        "events": events
    }))
    .expect("a record");
    Ingested {
        record: r,
        encoded: None,
        story: Some(StoryRef {
            story: id.len() as u64,
            features: String::new(),
        }),
    }
}

fn filter(actor: Option<&str>, with: Option<&str>) -> EventFilter {
    EventFilter {
        actor: actor.map(str::to_string),
        with: with.map(str::to_string),
        limit: 50,
        ..EventFilter::default()
    }
}

#[test]
fn actor_codes_are_rows_matched_whole() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    store
        .put(vec![
            record(
                "a",
                "2025-07-03",
                vec![event(
                    "v1",
                    "CONSULT",
                    "041",
                    actor("RUS", "Putin"),
                    actor("USA", "Trump"),
                    "2025-07-03",
                )],
                vec![],
            ),
            record(
                "bb",
                "2025-07-04",
                vec![event(
                    "v1",
                    "ACCUSE",
                    "112",
                    actor("UKR", "Kyiv"),
                    actor("RUS", "Moscow"),
                    "2025-07-04",
                )],
                vec![],
            ),
        ])
        .unwrap();
    let found = |a, w| store.events(&filter(a, w)).unwrap().len();
    assert_eq!(found(Some("RUS"), None), 2);
    assert_eq!(found(Some("RUS"), Some("USA")), 1);
    assert_eq!(found(Some("USA"), Some("UKR")), 0);
    assert_eq!(found(Some("US"), None), 0, "a code is matched whole");
    assert_eq!(store.timeline("UKR", None, 50).unwrap().len(), 1);
    assert_eq!(store.timeline("RUS", Some("USA"), 50).unwrap().len(), 1);
    // The codes are rows of their own, one per actor and role.
    let conn = rusqlite::Connection::open(dir.path().join("s.db")).unwrap();
    let rows: i64 = conn
        .query_row("SELECT count(*) FROM event_actors", [], |r| r.get(0))
        .unwrap();
    assert_eq!(rows, 4);
    let rows: i64 = conn
        .query_row(
            "SELECT count(*) FROM story_event_actors WHERE code = 'RUS'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(rows, 2);
}

#[test]
fn name_filters_take_percent_and_underscore_literally() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    store
        .put(vec![record(
            "a",
            "2025-07-03",
            vec![
                event(
                    "v1",
                    "CONSULT",
                    "041",
                    actor("RUS", "100% Owned"),
                    actor("USA", "x"),
                    "2025-07-03",
                ),
                event(
                    "v2",
                    "CONSULT",
                    "040",
                    actor("RUS", "1000 Owned"),
                    actor("USA", "x"),
                    "2025-07-03",
                ),
            ],
            vec![
                quote("q1", "50% Partners"),
                quote("q2", "5000 Partners"),
                quote("q3", "A_B"),
                quote("q4", "AxB"),
            ],
        )])
        .unwrap();
    let speakers = |part: &str| -> Vec<String> {
        store
            .quotes(&QuoteFilter {
                speaker: Some(part.to_string()),
                limit: 50,
                ..QuoteFilter::default()
            })
            .unwrap()
            .into_iter()
            .filter_map(|q| q.speaker_name)
            .collect()
    };
    assert_eq!(speakers("50%"), vec!["50% Partners"]);
    assert_eq!(speakers("A_B"), vec!["A_B"]);
    assert_eq!(
        speakers("%").len(),
        1,
        "a lone % matches only a percent sign"
    );
    let via = store
        .quotes(&QuoteFilter {
            via: Some("0%".to_string()),
            story: Some(1),
            limit: 50,
            ..QuoteFilter::default()
        })
        .unwrap();
    assert_eq!(
        via.len(),
        1,
        "the story and the three patterns take their own values"
    );
    let events = store.events(&filter(Some("0% Own"), None)).unwrap();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].source_names, "100% Owned");
}

#[test]
fn query_dates_are_days_of_the_calendar() {
    let d = |s: &str| chrono::NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
    assert_eq!(
        date_bounds("2018-02-03").unwrap(),
        (d("2018-02-03"), d("2018-02-03"))
    );
    assert_eq!(
        date_bounds("2016-02").unwrap(),
        (d("2016-02-01"), d("2016-02-29"))
    );
    assert_eq!(
        date_bounds("2018-12").unwrap(),
        (d("2018-12-01"), d("2018-12-31"))
    );
    assert_eq!(
        date_bounds("2018").unwrap(),
        (d("2018-01-01"), d("2018-12-31"))
    );
    for bad in [
        "2018-02-30",
        "' OR 1=1 --",
        "2018-13",
        "18",
        "PAST_REF",
        "2018-W05",
        "FY2018",
        "",
    ] {
        let err = date_bounds(bad).expect_err(bad).to_string();
        assert!(err.contains(&format!("{bad:?}")), "{err}");
    }
}

#[test]
fn events_between_dates() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("s.db")).unwrap();
    let one = |id: &str, day: &str| {
        record(
            id,
            day,
            vec![event(
                "v1",
                "CONSULT",
                "041",
                actor("RUS", "a"),
                actor("USA", "b"),
                &format!("{day}TMO"),
            )],
            vec![],
        )
    };
    store
        .put(vec![
            one("a", "2018-01-31"),
            one("bb", "2018-02-01"),
            one("ccc", "2018-02-28"),
            one("dddd", "2018-03-01"),
        ])
        .unwrap();
    let (since, _) = date_bounds("2018-02").unwrap();
    let (_, until) = date_bounds("2018-02").unwrap();
    let rows = store
        .events(&EventFilter {
            since: Some(since),
            until: Some(until),
            limit: 50,
            ..EventFilter::default()
        })
        .unwrap();
    let days: Vec<String> = rows
        .iter()
        .filter_map(|r| r.date.as_ref())
        .map(|d| d.to_string())
        .collect();
    assert_eq!(days, vec!["2018-02-28TMO", "2018-02-01TMO"]);
}

/// A database made by the version-3 schema, with events whose codes are space-joined, is
/// migrated: each code becomes a row, and `--actor CODE` finds the old events (version 4);
/// the actors of its events across articles become the rows their key is read back from
/// (version 5), so that a new article's report joins the old event.
#[test]
fn a_version_3_database_gets_actor_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        for sql in [
            include_str!("../src/schema/001_articles.sql"),
            include_str!("../src/schema/002_event_actor_names.sql"),
            include_str!("../src/schema/003_stories.sql"),
        ] {
            conn.execute_batch(sql).unwrap();
        }
        conn.execute_batch(
            "INSERT INTO articles (id, title, published, text, record)
                 VALUES ('a', 'Old', '2020-05-01', 'text', '{}');
             INSERT INTO stories (id, title, articles, sources) VALUES (1, 'Old', 1, 1);
             INSERT INTO events (article_id, event, type, cameo, source_codes, target_codes,
                                 negated, modality, date, mentions, source_names, target_names)
                 VALUES ('a', 'v1', 'CONSULT', '041', 'RUS GBR', 'USA', 0, 'asserted',
                         '2020-05-01', 1, 'Putin; Johnson', 'Trump'),
                        ('a', 'v2', 'ACCUSE', '112', '', 'IGO', 0, 'asserted', NULL, 1, '',
                         'UN');
             INSERT INTO story_events (id, story_id, type, cameo, codes, source_codes,
                                       target_codes, source_names, target_names, votes,
                                       reports, negated, modality, date, articles, sources,
                                       first_seen)
                 VALUES (7, 1, 'CONSULT', '041', 'GBR RUS USA', 'RUS GBR', 'USA',
                         'Putin; Johnson', 'Trump', 'GBR:1 RUS:1 USA:1', 1, 0, 'asserted',
                         '2020-05-01', 1, 1, '2020-05-01');
             PRAGMA user_version = 3;",
        )
        .unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(
        store.schema_version().unwrap(),
        readout_store::SCHEMA_VERSION
    );
    let conn = rusqlite::Connection::open(&path).unwrap();
    let rows: Vec<(String, String, String)> = conn
        .prepare("SELECT event, role, code FROM event_actors ORDER BY event, role, code")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let want = [
        ("v1", "source", "GBR"),
        ("v1", "source", "RUS"),
        ("v1", "target", "USA"),
        ("v2", "target", "IGO"),
    ];
    assert_eq!(
        rows,
        want.map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    );
    let story_rows: i64 = conn
        .query_row(
            "SELECT count(*) FROM story_event_actors WHERE story_event_id = 7",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(story_rows, 3);
    assert_eq!(
        store
            .events(&filter(Some("GBR"), Some("USA")))
            .unwrap()
            .len(),
        1
    );
    assert_eq!(store.events(&filter(Some("IGO"), None)).unwrap().len(), 1);
    let timeline = store.timeline("GBR", None, 50).unwrap();
    assert_eq!(timeline.len(), 1);
    assert_eq!(timeline[0].cameo.quad_class().number(), 1);
    // Version 5: a side of one code and one name is paired; the other shows its codes.
    let names: Vec<(String, String, String)> = conn
        .prepare(
            "SELECT role, code, name FROM story_event_names WHERE story_event_id = 7
             ORDER BY role, code",
        )
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let want = [
        ("source", "GBR", "GBR"),
        ("source", "RUS", "RUS"),
        ("target", "USA", "Trump"),
    ];
    assert_eq!(
        names,
        want.map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
    );
    // A new article of the same story reports the old event naming only a person of one
    // of its codes: it joins it, and the person is found by name.
    let mut report = event(
        "v1",
        "CONSULT",
        "041",
        actor("RUS", "Olga Ivanova"),
        actor("USA", "x"),
        "2020-05-01",
    );
    report["source"][0]["entity"] = json!("e1");
    report["target"] = json!([]);
    let mut new = record("z", "2020-05-02", vec![report], vec![]);
    new.record.entities = serde_json::from_value(json!([{
        "id": "e1", "name": {"start": 0, "end": 1, "text": "Olga Ivanova"}, "type": "PER",
        "code": {"country": "RUS", "sector": "GOV"}, "roles": [], "mentions": []
    }]))
    .unwrap();
    store.put(vec![new]).unwrap();
    let found = store.timeline("Ivanova", None, 50).unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].id, 7);
    assert_eq!(found[0].articles, 2);
    assert_eq!(found[0].source_names, "GBR; Olga Ivanova");
    assert_eq!(found[0].target_names, "Trump");
    assert_eq!(store.timeline("USA", Some("GBR"), 50).unwrap().len(), 1);
}
