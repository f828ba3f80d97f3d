//! No request parameter reaches a panic or a server error: arbitrary values in every
//! route's parameters and path get a page or a JSON error of the caller's kind.

mod common;

use common::{encode, get, Running};
use proptest::prelude::*;

fn server() -> &'static Running {
    common::example_server()
}

/// The routes, each with the parameter names it knows (plus one it does not).
const ROUTES: &[(&str, &[&str])] = &[
    (
        "/api/stories",
        &["since", "min_articles", "limit", "cursor", "x"],
    ),
    (
        "/api/events",
        &["actor", "with", "type", "since", "until", "limit", "cursor"],
    ),
    (
        "/api/quotes",
        &["speaker", "via", "story", "limit", "cursor"],
    ),
    ("/api/timeline", &["actor", "with", "limit", "cursor"]),
    ("/api/actors", &["name", "limit", "cursor"]),
    ("/api/claims", &["story", "limit", "cursor"]),
    ("/api/search", &["q", "fts", "limit", "cursor"]),
];

/// Values: arbitrary text, numbers, and the shapes that reach deeper code (dates, codes,
/// FTS5 syntax, cursors of hex digits).
fn value() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[0-9-]{0,12}",
        "-?[0-9]{1,25}",
        "[A-Z]{3}",
        "[0-9a-f]{0,80}",
        "[a-zA-Z\"*()^: ]{0,30}",
        Just("true".to_string()),
        Just("2024-06".to_string()),
    ]
}

fn check(target: &str) {
    let r = get(server().addr, target);
    assert!(
        [200, 400, 404].contains(&r.status),
        "{target}: {} {}",
        r.status,
        String::from_utf8_lossy(&r.body)
    );
    let body = r.json();
    if r.status == 200 {
        assert!(body.is_object());
    } else {
        assert_eq!(body["error"]["status"], r.status, "{target}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, .. ProptestConfig::default() })]

    #[test]
    fn query_parameters(route in 0..ROUTES.len(), picks in prop::collection::vec((0usize..8, value()), 0..4)) {
        let (path, names) = ROUTES[route];
        let query: Vec<String> = picks
            .iter()
            .map(|(n, v)| format!("{}={}", names[n % names.len()], encode(v)))
            .collect();
        check(&format!("{path}?{}", query.join("&")));
    }

    #[test]
    fn path_parameters(id in value(), article in any::<bool>()) {
        let base = if article { "/api/articles/" } else { "/api/stories/" };
        check(&format!("{base}{}", encode(&id)));
    }
}
