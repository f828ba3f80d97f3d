//! The server's routes with arbitrary query strings, path ids and cursors (a request is
//! untrusted input), over a store of the repository's examples: no panic, and every answer
//! a page or a JSON error of the caller's kind (200, 400, 404, 405), never a server error.
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use axum::body::Body;
use axum::http::{Method, Request, StatusCode};
use libfuzzer_sys::fuzz_target;
use readout::load::{load, LoadOptions};
use readout::{Pipeline, PipelineConfig};
use readout_ingest::Input;
use readout_server::{ServeConfig, Server};
use tower::ServiceExt;

/// The routes the fuzzer picks from; `{}` takes the fuzzer's text as a path segment, and
/// the text is the query string otherwise.
const ROUTES: &[&str] = &[
    "/api/stories",
    "/api/stories/{}",
    "/api/events",
    "/api/quotes",
    "/api/timeline",
    "/api/actors",
    "/api/claims",
    "/api/search",
    "/api/articles/{}",
    "/articles",
];

/// The server and a runtime for it, made once: the store is loaded from `examples/`.
fn server() -> &'static (tokio::runtime::Runtime, axum::Router) {
    static SERVER: OnceLock<(tokio::runtime::Runtime, axum::Router)> = OnceLock::new();
    SERVER.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("readout-fuzz-routes-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("a scratch folder");
        let db = dir.join("readout.db");
        let pipeline = Pipeline::new(PipelineConfig {
            threads: 1,
            ..PipelineConfig::default()
        })
        .expect("the pipeline builds");
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("../examples");
        load(
            &pipeline,
            &db,
            vec![Input::Path(examples)],
            &LoadOptions::default(),
            |_| {},
        )
        .expect("the examples load");
        let config = ServeConfig {
            query_ms: 10_000,
            ..ServeConfig::default()
        };
        let server = Server::new(&db, config, None).expect("the server opens the store");
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .expect("a runtime");
        (runtime, server.router())
    })
}

fuzz_target!(|input: (u8, bool, &str)| {
    let (route, post, text) = input;
    let route = ROUTES[usize::from(route) % ROUTES.len()];
    let target = if route.contains("{}") {
        route.replace("{}", text)
    } else {
        format!("{route}?{text}")
    };
    // Text that is no URI never reaches a route: the HTTP parser refuses it first.
    let method = if post { Method::POST } else { Method::GET };
    let Ok(request) = Request::builder()
        .method(method)
        .uri(&target)
        .body(Body::from(text.as_bytes().to_vec()))
    else {
        return;
    };
    let (runtime, router) = server();
    let (status, body) = runtime.block_on(async {
        let response = router.clone().oneshot(request).await.expect("infallible");
        let status = response.status();
        let body = axum::body::to_bytes(response.into_body(), 64 << 20)
            .await
            .expect("the body is read");
        (status, body)
    });
    assert!(
        matches!(
            status,
            StatusCode::OK
                | StatusCode::BAD_REQUEST
                | StatusCode::NOT_FOUND
                | StatusCode::METHOD_NOT_ALLOWED
                | StatusCode::FORBIDDEN
        ),
        "{target}: {status}"
    );
    if status != StatusCode::METHOD_NOT_ALLOWED {
        let json: serde_json::Value = serde_json::from_slice(&body).expect("the answer is JSON");
        assert!(
            status == StatusCode::OK || json["error"]["code"].is_string(),
            "{target}: {json}"
        );
    }
});
