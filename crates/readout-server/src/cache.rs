//! Answers of the API kept until the store changes.
//!
//! A page of the web site asks the same few questions again and again (the story list, a
//! story, its articles). Their answers are kept by URL, with the store's data version
//! (SQLite's `data_version`, which moves whenever a writer commits) they were read at; the
//! first request after a commit finds another version and empties the cache. The cache
//! holds at most a set number of bytes, the oldest answers leaving first.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::{header, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::Shared;

/// The largest answer kept: larger ones are rare (a page of 500) and cheap to skip.
const MAX_ENTRY_BYTES: usize = 1 << 20;

#[derive(Default)]
struct Inner {
    version: i64,
    answers: HashMap<String, Bytes>,
    order: VecDeque<String>,
    bytes: usize,
}

/// The cache: answers by URL at one data version.
pub(crate) struct Cache {
    inner: Mutex<Inner>,
    max_bytes: usize,
}

impl Cache {
    pub(crate) fn new(max_bytes: usize) -> Cache {
        Cache {
            inner: Mutex::new(Inner::default()),
            max_bytes,
        }
    }

    fn get(&self, version: i64, key: &str) -> Option<Bytes> {
        let mut inner = self.inner.lock().ok()?;
        if inner.version != version {
            *inner = Inner {
                version,
                ..Inner::default()
            };
            return None;
        }
        inner.answers.get(key).cloned()
    }

    fn put(&self, version: i64, key: String, body: Bytes) {
        if body.len() > MAX_ENTRY_BYTES || body.len() > self.max_bytes {
            return;
        }
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.version != version || inner.answers.contains_key(&key) {
            return;
        }
        while inner.bytes + body.len() > self.max_bytes {
            let Some(old) = inner.order.pop_front() else {
                break;
            };
            if let Some(b) = inner.answers.remove(&old) {
                inner.bytes -= b.len();
            }
        }
        inner.bytes += body.len();
        inner.order.push_back(key.clone());
        inner.answers.insert(key, body);
    }
}

/// The middleware: a GET of the API is answered from the cache when the store has not
/// changed since the answer was read.
pub(crate) async fn cached(
    State(shared): State<Arc<Shared>>,
    request: Request,
    next: Next,
) -> Response {
    let Some(cache) = &shared.cache else {
        return next.run(request).await;
    };
    if request.method() != Method::GET || !request.uri().path().starts_with("/api/") {
        return next.run(request).await;
    }
    let Some(version) = shared.data_version() else {
        return next.run(request).await;
    };
    let key = request
        .uri()
        .path_and_query()
        .map_or_else(String::new, |p| p.as_str().to_string());
    if let Some(body) = cache.get(version, &key) {
        return answer(body, "hit");
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    match axum::body::to_bytes(body, MAX_ENTRY_BYTES * 4).await {
        Ok(bytes) => {
            cache.put(version, key, bytes.clone());
            parts
                .headers
                .insert("x-readout-cache", HeaderValue::from_static("miss"));
            Response::from_parts(parts, Body::from(bytes))
        }
        Err(e) => crate::ApiError::internal(format!("reading an answer: {e}")).into_response(),
    }
}

fn answer(body: Bytes, how: &'static str) -> Response {
    (
        [
            (
                header::CONTENT_TYPE,
                HeaderValue::from_static("application/json"),
            ),
            (
                header::HeaderName::from_static("x-readout-cache"),
                HeaderValue::from_static(how),
            ),
        ],
        body,
    )
        .into_response()
}
