//! The API against a server on a free loopback port, over the store of the README's
//! examples: every route, bad parameters, pagination, writes and the page's files.

mod common;

use common::{encode, get, request, start, Running};
use readout_server::ServeConfig;
use serde_json::Value;

/// One read-only server over the examples' store, shared by the tests of this file.
fn server() -> &'static Running {
    common::example_server()
}

fn ok(target: &str) -> Value {
    let r = get(server().addr, target);
    assert_eq!(
        r.status,
        200,
        "{target}: {}",
        String::from_utf8_lossy(&r.body)
    );
    assert!(
        r.header("content-type")
            .is_some_and(|t| t.starts_with("application/json")),
        "{target}"
    );
    r.json()
}

fn items(page: &Value) -> &Vec<Value> {
    page["items"].as_array().expect("items")
}

/// The story the examples report from three outlets (the phone call).
fn three_outlet_story() -> Value {
    let page = ok("/api/stories?min_articles=3");
    let story = items(&page)
        .iter()
        .find(|s| s["sources"] == 3)
        .cloned()
        .expect("a story of three outlets");
    ok(&format!("/api/stories/{}", story["id"]))
}

#[test]
fn every_route_answers() {
    let story = three_outlet_story();
    assert_eq!(story["articles"], 3);
    assert_eq!(story["outlets"].as_array().unwrap().len(), 3);
    assert_eq!(story["article_list"].as_array().unwrap().len(), 3);
    let events = story["events"].as_array().unwrap();
    let call = events
        .iter()
        .find(|e| e["type"] == "CONSULT")
        .expect("the call");
    assert_eq!(call["mentions"].as_array().unwrap().len(), 3);
    let quotes = story["quotes"].as_array().unwrap();
    assert!(!quotes.is_empty());

    // The article of a quotation, with its record: the quotation's span is its words.
    let mut checked = 0;
    for quote in quotes {
        let article = ok(&format!(
            "/api/articles/{}",
            quote["article_id"].as_str().unwrap()
        ));
        let text = article["article"]["text"].as_str().unwrap();
        let record_quote = article["record"]["quotes"]
            .as_array()
            .unwrap()
            .iter()
            .find(|q| q["id"] == quote["quote"])
            .expect("the quotation in the record");
        if record_quote["in_title"] == true {
            continue;
        }
        let span = &record_quote["content"];
        let (start, end) = (
            span["start"].as_u64().unwrap() as usize,
            span["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], span["text"].as_str().unwrap());
        assert_eq!(span["text"], quote["content"]);
        checked += 1;
    }
    assert!(checked > 0);

    for (target, at_least) in [
        ("/api/stories", 5),
        ("/api/events", 1),
        ("/api/quotes", 5),
        ("/api/quotes?via=Reuters", 1),
        ("/api/timeline?actor=FRA", 1),
        ("/api/actors", 2),
        ("/api/actors?name=macron", 1),
        ("/api/claims", 1),
        ("/api/search?q=phone", 2),
        ("/api/search?q=%22phone%20call%22&fts=true", 1),
    ] {
        let page = ok(target);
        assert!(items(&page).len() >= at_least, "{target}: {page}");
    }
    let story_id = story["id"].as_u64().unwrap();
    let quotes = ok(&format!("/api/quotes?story={story_id}&limit=500"));
    assert_eq!(
        items(&quotes).len(),
        story["quotes"].as_array().unwrap().len()
    );
    let claims = ok(&format!("/api/claims?story={story_id}"));
    assert!(items(&claims).iter().all(
        |c| ["agree", "disagree", "not_enough_data"].contains(&c["verdict"].as_str().unwrap())
    ));
}

#[test]
fn the_openapi_document_lists_every_route() {
    let doc = ok("/openapi.json");
    let paths = doc["paths"].as_object().unwrap();
    for path in [
        "/api/stories",
        "/api/stories/{id}",
        "/api/events",
        "/api/quotes",
        "/api/timeline",
        "/api/actors",
        "/api/claims",
        "/api/search",
        "/api/articles/{id}",
        "/articles",
    ] {
        assert!(paths.contains_key(path), "{path} is not in /openapi.json");
    }
    assert!(doc["components"]["schemas"]["StoryEventRow"].is_object());
}

#[test]
fn the_page_and_its_files_are_served_with_a_strict_policy() {
    for (target, kind) in [
        ("/", "text/html"),
        ("/assets/app.js", "text/javascript"),
        ("/assets/app.css", "text/css"),
    ] {
        let r = get(server().addr, target);
        assert_eq!(r.status, 200, "{target}");
        assert!(
            r.header("content-type").unwrap().starts_with(kind),
            "{target}"
        );
        let policy = r.header("content-security-policy").unwrap();
        assert!(policy.contains("default-src 'none'"), "{policy}");
        assert!(!r.body.is_empty());
    }
}

#[test]
fn bad_parameters_get_json_errors() {
    let long = "a".repeat(2000);
    let cases: Vec<(String, u16, &str)> = vec![
        ("/api/stories?limit=0".into(), 400, "bad_parameter"),
        ("/api/stories?limit=501".into(), 400, "bad_parameter"),
        ("/api/stories?limit=-1".into(), 400, "bad_parameter"),
        ("/api/stories?limit=many".into(), 400, "bad_parameter"),
        ("/api/stories?since=2024-02-30".into(), 400, "bad_parameter"),
        ("/api/stories?colour=red".into(), 400, "bad_parameter"),
        ("/api/stories?cursor=zz".into(), 400, "bad_parameter"),
        ("/api/stories/abc".into(), 400, "bad_parameter"),
        ("/api/stories/99999".into(), 404, "not_found"),
        (
            "/api/stories/99999999999999999999".into(),
            400,
            "bad_parameter",
        ),
        ("/api/events?type=HUG".into(), 400, "bad_parameter"),
        ("/api/events?until=tomorrow".into(), 400, "bad_parameter"),
        (format!("/api/events?actor={long}"), 400, "bad_parameter"),
        ("/api/quotes?story=x".into(), 400, "bad_parameter"),
        ("/api/timeline".into(), 400, "bad_parameter"),
        ("/api/search".into(), 400, "bad_parameter"),
        (
            "/api/search?q=%22unclosed&fts=true".into(),
            400,
            "bad_query",
        ),
        ("/api/articles/nope".into(), 404, "not_found"),
        (format!("/api/articles/{long}"), 400, "bad_parameter"),
        ("/api/nothing".into(), 404, "not_found"),
    ];
    for (target, status, code) in cases {
        let r = get(server().addr, &target);
        assert_eq!(
            r.status,
            status,
            "{target}: {}",
            String::from_utf8_lossy(&r.body)
        );
        let body = r.json();
        assert_eq!(body["error"]["code"], code, "{target}");
        assert_eq!(body["error"]["status"], status, "{target}");
        assert!(!body["error"]["message"].as_str().unwrap().is_empty());
    }
    // A cursor of one list is refused by another.
    let next = ok("/api/stories?limit=1")["next"]
        .as_str()
        .unwrap()
        .to_string();
    let r = get(server().addr, &format!("/api/quotes?cursor={next}"));
    assert_eq!(r.status, 400);
    // Writes are off without a token.
    let r = request(server().addr, "POST", "/articles", &[], b"{}");
    assert_eq!(r.status, 403);
    assert_eq!(r.json()["error"]["code"], "writes_off");
}

/// Every list walked a page of one item at a time gives the items of one large page, in
/// the same order.
#[test]
fn cursors_walk_every_item_once() {
    for (base, key) in [
        ("/api/stories?", "id"),
        ("/api/events?", "event"),
        ("/api/quotes?", "content"),
        // A page of one reads a speaker's quotations newest first (they are many for one
        // item), a page of 500 finds them through the speaker index and sorts them: the
        // two plans must walk the same items.
        ("/api/quotes?speaker=a&", "content"),
        ("/api/quotes?speaker=e&", "content"),
        ("/api/timeline?actor=FRA&", "id"),
        ("/api/actors?", "name"),
        ("/api/claims?", "text"),
        ("/api/search?q=the&", "id"),
    ] {
        let whole = ok(&format!("{base}limit=500"));
        assert!(whole["next"].is_null(), "{base}");
        let whole: Vec<Value> = items(&whole).iter().map(|i| i[key].clone()).collect();
        let mut walked = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let target = match &cursor {
                Some(c) => format!("{base}limit=1&cursor={}", encode(c)),
                None => format!("{base}limit=1"),
            };
            let page = ok(&target);
            walked.extend(items(&page).iter().map(|i| i[key].clone()));
            match page["next"].as_str() {
                Some(next) => cursor = Some(next.to_string()),
                None => break,
            }
            assert!(walked.len() <= whole.len(), "{base}: the walk does not end");
        }
        assert!(!whole.is_empty(), "{base}");
        assert_eq!(walked, whole, "{base}");
    }
}

const TOKEN: &str = "a-test-token-of-some-length";

fn article_line(id: &str, day: &str, title: &str) -> String {
    serde_json::json!({
        "id": id,
        "title": title,
        "text": format!("{title}. The mayor of Lisbon, Carlos Moedas, said on Monday that the ferry service would resume next week."),
        "published": day,
        "source": "test.example",
    })
    .to_string()
}

#[test]
fn writes_need_the_token_and_land_in_the_store() {
    let dir = tempfile::tempdir().unwrap();
    let db = common::example_store(dir.path());
    let config = ServeConfig {
        max_body_bytes: 64 * 1024,
        ..ServeConfig::default()
    };
    let server = start(&db, config, Some(TOKEN));
    let addr = server.addr;
    let body = article_line("w1", "2030-01-02", "Lisbon ferries to resume");
    let auth = format!("Bearer {TOKEN}");

    for headers in [
        vec![],
        vec![("Authorization", "Bearer wrong-token-of-some-length")],
        vec![("Authorization", TOKEN)],
    ] {
        let r = request(addr, "POST", "/articles", &headers, body.as_bytes());
        assert_eq!(r.status, 401, "{headers:?}");
        assert_eq!(r.json()["error"]["code"], "unauthorized");
    }
    let r = request(addr, "POST", "/articles", &[("Authorization", &auth)], b"");
    assert_eq!(r.status, 400);
    let big = vec![b'x'; 65 * 1024];
    let r = request(addr, "POST", "/articles", &[("Authorization", &auth)], &big);
    assert_eq!(r.status, 413);
    assert_eq!(r.json()["error"]["code"], "too_large");
    let r = request(
        addr,
        "POST",
        "/articles?format=pdf",
        &[("Authorization", &auth)],
        b"x",
    );
    assert_eq!(r.status, 400);

    // Answers are kept until the store changes: the second read of a page is a hit, and
    // the write below must empty the cache for the new story to show.
    for expected in ["miss", "hit"] {
        let r = get(addr, "/api/stories?limit=1");
        assert_eq!(r.header("x-readout-cache"), Some(expected));
    }

    // A page of stories is read before the write; its cursor still continues it after.
    let before = get(addr, "/api/stories?limit=2").json();
    let second_before = get(
        addr,
        &format!(
            "/api/stories?limit=2&cursor={}",
            before["next"].as_str().unwrap()
        ),
    )
    .json();

    let headers = [
        ("Authorization", auth.as_str()),
        ("Content-Type", "application/x-ndjson"),
    ];
    let r = request(addr, "POST", "/articles", &headers, body.as_bytes());
    assert_eq!(r.status, 200, "{}", String::from_utf8_lossy(&r.body));
    let reply = r.json();
    assert_eq!(reply["added"], 1, "{reply}");
    assert_eq!(reply["errors"], 0);

    let found = get(addr, "/api/search?q=ferry%20Lisbon").json();
    assert_eq!(items(&found).len(), 1, "{found}");
    // The new story sorts first; the old cursor's page is the page it was.
    let first = get(addr, "/api/stories?limit=1").json();
    assert_eq!(items(&first)[0]["title"], "Lisbon ferries to resume");
    let second_after = get(
        addr,
        &format!(
            "/api/stories?limit=2&cursor={}",
            before["next"].as_str().unwrap()
        ),
    )
    .json();
    assert_eq!(second_after["items"], second_before["items"]);

    // The same article again is stored already; a broken line is a problem named by line.
    let again = format!("{body}\n{{\"id\": \"w2\", \"text\": 5}}\n");
    let r = request(addr, "POST", "/articles", &headers, again.as_bytes());
    assert_eq!(r.status, 200);
    let reply = r.json();
    assert_eq!(reply["present"], 1, "{reply}");
    assert_eq!(reply["errors"], 1, "{reply}");
    assert!(
        reply["problems"][0]
            .as_str()
            .unwrap()
            .contains("request.jsonl:2"),
        "{reply}"
    );

    // A report of the same event a day later joins its story: the stories the server keeps
    // from one write to the next hold the first write's article.
    let follow = article_line("w3", "2030-01-03", "Lisbon ferry service to resume");
    let r = request(addr, "POST", "/articles", &headers, follow.as_bytes());
    assert_eq!(r.json()["added"], 1);
    let first = get(addr, "/api/stories?limit=1").json();
    assert_eq!(items(&first)[0]["title"], "Lisbon ferries to resume");
    assert_eq!(items(&first)[0]["articles"], 2, "{first}");
}

#[test]
fn a_missing_store_is_refused_unless_writes_are_on() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("none.db");
    let e = readout_server::Server::new(&missing, ServeConfig::default(), None)
        .err()
        .expect("refused");
    assert!(e.to_string().contains("no such store"), "{e}");
    assert!(!missing.exists());
}
