//! The routes: parameters in, a store query on a read-only connection, JSON out.

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::rejection::BytesRejection;
use axum::extract::{DefaultBodyLimit, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{header, HeaderMap, StatusCode};
use axum::routing::{get, post};
use axum::{Json, Router};
use chrono::NaiveDate;
use readout::load::{load_cached, LoadEvent, LoadOptions};
use readout_ingest::Input;
use readout_model::PloverType;
use readout_store::{
    date_bounds, ActorFilter, ActorRow, ArticleRef, ArticleRow, ClaimCheck, Cursor, EventFilter,
    EventRow, MentionRow, Page, QuoteFilter, QuoteRow, SearchHit, StoryEventRow, StoryRow, Verdict,
};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, OpenApi, ToSchema};

use crate::error::{ErrorBody, ErrorDetail};
use crate::{assets, ApiError, Shared};

/// The longest text parameter accepted (a name, an outlet, a date, a search).
const MAX_PARAM_BYTES: usize = 1000;

/// The longest article id accepted: ids are 16 hexadecimal digits; anything much longer
/// cannot be one.
const MAX_ID_BYTES: usize = 200;

/// The OpenAPI document of the API, generated from the handlers and types below.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "readout",
        description = "readout's store over HTTP: stories, events, quotations, timelines, actors, claims, full-text search and articles with their records. Lists are pages: pass a page's `next` as `cursor` for the next one."
    ),
    paths(
        stories,
        story,
        events,
        quotes,
        timeline,
        actors,
        claims,
        search,
        article,
        post_articles
    ),
    components(schemas(
        ErrorBody,
        ErrorDetail,
        StoryDetail,
        ArticleDetail,
        IngestReply,
        StoryRow,
        StoryEventRow,
        MentionRow,
        QuoteRow,
        EventRow,
        ActorRow,
        ClaimCheck,
        Verdict,
        SearchHit,
        ArticleRow,
        ArticleRef
    ))
)]
pub struct ApiDoc;

pub(crate) fn router(shared: Arc<Shared>) -> Router {
    let body_limit = shared.config.max_body_bytes;
    Router::new()
        .route("/", get(assets::index))
        .route("/assets/app.js", get(assets::script))
        .route("/assets/app.css", get(assets::style))
        .route("/openapi.json", get(openapi))
        .route("/api/stories", get(stories))
        .route("/api/stories/{id}", get(story))
        .route("/api/events", get(events))
        .route("/api/quotes", get(quotes))
        .route("/api/timeline", get(timeline))
        .route("/api/actors", get(actors))
        .route("/api/claims", get(claims))
        .route("/api/search", get(search))
        .route("/api/articles/{id}", get(article))
        .route(
            "/articles",
            post(post_articles).layer(DefaultBodyLimit::max(body_limit)),
        )
        .fallback(not_found)
        .layer(axum::middleware::from_fn_with_state(
            Arc::clone(&shared),
            crate::cache::cached,
        ))
        .with_state(shared)
}

async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

async fn not_found() -> ApiError {
    ApiError::not_found("no such page or route (the API is under /api; see /openapi.json)")
}

/// Query parameters, refused as JSON errors (unknown names included) rather than axum's
/// plain-text rejections.
struct Params<T>(T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for Params<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, ApiError> {
        axum::extract::Query::<T>::try_from_uri(&parts.uri)
            .map(|q| Params(q.0))
            .map_err(|e| ApiError::bad(e.body_text()))
    }
}

/// The one path parameter of a route, as text.
struct PathId(String);

impl<S: Send + Sync> FromRequestParts<S> for PathId {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiError> {
        let axum::extract::Path(id) =
            axum::extract::Path::<String>::from_request_parts(parts, state)
                .await
                .map_err(|e| ApiError::bad(e.body_text()))?;
        if id.is_empty() || id.len() > MAX_ID_BYTES {
            return Err(ApiError::bad(format!(
                "an id is 1 to {MAX_ID_BYTES} bytes long"
            )));
        }
        Ok(PathId(id))
    }
}

impl Shared {
    /// The page size a request asked for, within the limits.
    fn page_size(&self, limit: Option<usize>) -> Result<usize, ApiError> {
        match limit {
            None => Ok(self.config.default_page),
            Some(n) if n >= 1 && n <= self.config.max_page => Ok(n),
            Some(n) => Err(ApiError::bad(format!(
                "limit {n}: a page holds 1 to {} items",
                self.config.max_page
            ))),
        }
    }
}

fn cursor(text: Option<&str>) -> Result<Option<Cursor>, ApiError> {
    text.map(|t| Cursor::decode(t).map_err(|e| ApiError::bad(e.to_string())))
        .transpose()
}

/// A text parameter, refused when longer than [`MAX_PARAM_BYTES`]; an empty one is none.
fn text(name: &str, value: Option<String>) -> Result<Option<String>, ApiError> {
    match value {
        Some(v) if v.len() > MAX_PARAM_BYTES => Err(ApiError::bad(format!(
            "{name}: at most {MAX_PARAM_BYTES} bytes"
        ))),
        Some(v) if v.trim().is_empty() => Ok(None),
        other => Ok(other),
    }
}

fn day(name: &str, value: Option<String>, last: bool) -> Result<Option<NaiveDate>, ApiError> {
    text(name, value)?
        .map(|v| {
            date_bounds(&v)
                .map(|(first, end)| if last { end } else { first })
                .map_err(|e| ApiError::bad(format!("{name}: {e}")))
        })
        .transpose()
}

fn story_id(text: &str) -> Result<u64, ApiError> {
    text.parse::<u64>()
        .ok()
        .filter(|&n| n <= i64::MAX as u64)
        .ok_or_else(|| ApiError::bad(format!("{text:?}: a story id is a whole number")))
}

/// Parameters of `GET /api/stories`.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct StoriesParams {
    /// Stories seen on or after this date: YYYY-MM-DD, YYYY-MM or YYYY.
    since: Option<String>,
    /// Stories of at least this many articles (default 1).
    min_articles: Option<usize>,
    /// Page size (default 50, at most 500).
    limit: Option<usize>,
    /// The `next` of the previous page.
    cursor: Option<String>,
}

/// The stories, most recently seen first, the larger first among equals.
#[utoipa::path(get, path = "/api/stories", params(StoriesParams),
    responses((status = 200, body = Page<StoryRow>), (status = 400, body = ErrorBody)))]
async fn stories(
    State(shared): State<Arc<Shared>>,
    Params(p): Params<StoriesParams>,
) -> Result<Json<Page<StoryRow>>, ApiError> {
    let since = day("since", p.since, false)?;
    let limit = shared.page_size(p.limit)?;
    let after = cursor(p.cursor.as_deref())?;
    let min = p.min_articles.unwrap_or(1);
    let page = shared
        .read(move |s| s.stories_page(since, min, after.as_ref(), limit))
        .await?;
    Ok(Json(page))
}

/// One story with its events (each with its mentions), quotations, articles and claims.
#[derive(Serialize, ToSchema)]
struct StoryDetail {
    #[serde(flatten)]
    story: StoryRow,
    /// Its articles, the earliest first (`articles` is their count).
    article_list: Vec<ArticleRef>,
    /// The ordinal claims its articles make, checked against the store.
    claims: Vec<ClaimCheck>,
}

/// One story: its events with their mentions, its quotations, articles and claims.
#[utoipa::path(get, path = "/api/stories/{id}", params(("id" = u64, Path, description = "The story's number")),
    responses((status = 200, body = StoryDetail), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn story(
    State(shared): State<Arc<Shared>>,
    PathId(id): PathId,
) -> Result<Json<StoryDetail>, ApiError> {
    let id = story_id(&id)?;
    let detail = shared
        .read(move |s| {
            let Some(story) = s.story(id)? else {
                return Ok(None);
            };
            let article_list = s.story_articles(id)?;
            let claims = s.claims_page(Some(id), None, usize::MAX)?.items;
            Ok(Some(StoryDetail {
                story,
                article_list,
                claims,
            }))
        })
        .await?;
    detail
        .map(Json)
        .ok_or_else(|| ApiError::not_found(format!("no story {id}")))
}

/// Parameters of `GET /api/events`.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct EventsParams {
    /// An actor: a code (`RUS`) or a part of a name.
    actor: Option<String>,
    /// A second actor, the same way.
    with: Option<String>,
    /// The PLOVER type (CONSULT, ACCUSE, ...; any case).
    #[serde(rename = "type")]
    #[param(rename = "type")]
    kind: Option<String>,
    /// The earliest date: YYYY-MM-DD, YYYY-MM or YYYY.
    since: Option<String>,
    /// The latest date, the same way (its last day).
    until: Option<String>,
    /// Page size (default 50, at most 500).
    limit: Option<usize>,
    /// The `next` of the previous page.
    cursor: Option<String>,
}

/// Events of the stored articles, newest first (`readout events`).
#[utoipa::path(get, path = "/api/events", params(EventsParams),
    responses((status = 200, body = Page<EventRow>), (status = 400, body = ErrorBody)))]
async fn events(
    State(shared): State<Arc<Shared>>,
    Params(p): Params<EventsParams>,
) -> Result<Json<Page<EventRow>>, ApiError> {
    let kind = text("type", p.kind)?
        .map(|k| PloverType::parse_any_case(&k).map_err(|e| ApiError::bad(format!("type {e}"))))
        .transpose()?;
    let filter = EventFilter {
        actor: text("actor", p.actor)?,
        with: text("with", p.with)?,
        kind,
        since: day("since", p.since, false)?,
        until: day("until", p.until, true)?,
        limit: shared.page_size(p.limit)?,
    };
    let after = cursor(p.cursor.as_deref())?;
    let page = shared
        .read(move |s| s.events_page(&filter, after.as_ref()))
        .await?;
    Ok(Json(page))
}

/// Parameters of `GET /api/quotes`.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct QuotesParams {
    /// A part of the speaker's name.
    speaker: Option<String>,
    /// A part of the name of an outlet or person it came through.
    via: Option<String>,
    /// Only the quotations of this story's articles.
    story: Option<String>,
    /// Page size (default 50, at most 500).
    limit: Option<usize>,
    /// The `next` of the previous page.
    cursor: Option<String>,
}

/// Quotations, newest first (`readout quotes`).
#[utoipa::path(get, path = "/api/quotes", params(QuotesParams),
    responses((status = 200, body = Page<QuoteRow>), (status = 400, body = ErrorBody)))]
async fn quotes(
    State(shared): State<Arc<Shared>>,
    Params(p): Params<QuotesParams>,
) -> Result<Json<Page<QuoteRow>>, ApiError> {
    let filter = QuoteFilter {
        speaker: text("speaker", p.speaker)?,
        via: text("via", p.via)?,
        story: text("story", p.story)?
            .as_deref()
            .map(story_id)
            .transpose()?,
        limit: shared.page_size(p.limit)?,
    };
    let after = cursor(p.cursor.as_deref())?;
    let page = shared
        .read(move |s| s.quotes_page(&filter, after.as_ref()))
        .await?;
    Ok(Json(page))
}

/// Parameters of `GET /api/timeline`.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct TimelineParams {
    /// The actor: a code (`RUS`) or a part of a name. Required.
    actor: Option<String>,
    /// A second actor, the same way.
    with: Option<String>,
    /// Page size (default 50, at most 500).
    limit: Option<usize>,
    /// The `next` of the previous page.
    cursor: Option<String>,
}

/// An actor's events across articles, oldest first (`readout timeline`).
#[utoipa::path(get, path = "/api/timeline", params(TimelineParams),
    responses((status = 200, body = Page<StoryEventRow>), (status = 400, body = ErrorBody)))]
async fn timeline(
    State(shared): State<Arc<Shared>>,
    Params(p): Params<TimelineParams>,
) -> Result<Json<Page<StoryEventRow>>, ApiError> {
    let actor = text("actor", p.actor)?
        .ok_or_else(|| ApiError::bad("actor: required (a code such as RUS, or a name)"))?;
    let with = text("with", p.with)?;
    let limit = shared.page_size(p.limit)?;
    let after = cursor(p.cursor.as_deref())?;
    let page = shared
        .read(move |s| s.timeline_page(&actor, with.as_deref(), after.as_ref(), limit))
        .await?;
    Ok(Json(page))
}

/// Parameters of `GET /api/actors`.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct ActorsParams {
    /// A part of the name.
    name: Option<String>,
    /// Page size (default 50, at most 500).
    limit: Option<usize>,
    /// The `next` of the previous page.
    cursor: Option<String>,
}

/// The actor registry, the names seen in most articles first (`readout actors`).
#[utoipa::path(get, path = "/api/actors", params(ActorsParams),
    responses((status = 200, body = Page<ActorRow>), (status = 400, body = ErrorBody)))]
async fn actors(
    State(shared): State<Arc<Shared>>,
    Params(p): Params<ActorsParams>,
) -> Result<Json<Page<ActorRow>>, ApiError> {
    let filter = ActorFilter {
        name: text("name", p.name)?,
        limit: shared.page_size(p.limit)?,
    };
    let after = cursor(p.cursor.as_deref())?;
    let page = shared
        .read(move |s| s.actors_page(&filter, after.as_ref()))
        .await?;
    Ok(Json(page))
}

/// Parameters of `GET /api/claims`.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct ClaimsParams {
    /// Only the claims of this story's articles.
    story: Option<String>,
    /// Page size (default 50, at most 500).
    limit: Option<usize>,
    /// The `next` of the previous page.
    cursor: Option<String>,
}

/// Ordinal claims with their verdicts (`readout claims`).
#[utoipa::path(get, path = "/api/claims", params(ClaimsParams),
    responses((status = 200, body = Page<ClaimCheck>), (status = 400, body = ErrorBody)))]
async fn claims(
    State(shared): State<Arc<Shared>>,
    Params(p): Params<ClaimsParams>,
) -> Result<Json<Page<ClaimCheck>>, ApiError> {
    let story = text("story", p.story)?
        .as_deref()
        .map(story_id)
        .transpose()?;
    let limit = shared.page_size(p.limit)?;
    let after = cursor(p.cursor.as_deref())?;
    let page = shared
        .read(move |s| s.claims_page(story, after.as_ref(), limit))
        .await?;
    Ok(Json(page))
}

/// Parameters of `GET /api/search`.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct SearchParams {
    /// Words to find, all of them, in any order. Required.
    q: Option<String>,
    /// `true`: `q` is SQLite FTS5 syntax (phrases, OR, prefix*) rather than words.
    fts: Option<bool>,
    /// Page size (default 50, at most 500).
    limit: Option<usize>,
    /// The `next` of the previous page.
    cursor: Option<String>,
}

/// Articles whose title or text hold the words, best first (`readout search`).
#[utoipa::path(get, path = "/api/search", params(SearchParams),
    responses((status = 200, body = Page<SearchHit>), (status = 400, body = ErrorBody)))]
async fn search(
    State(shared): State<Arc<Shared>>,
    Params(p): Params<SearchParams>,
) -> Result<Json<Page<SearchHit>>, ApiError> {
    let q = text("q", p.q)?.ok_or_else(|| ApiError::bad("q: required (words to find)"))?;
    let query = if p.fts == Some(true) {
        q
    } else {
        readout_store::fts_words(&q)
    };
    if query.trim().is_empty() {
        return Err(ApiError::bad("q: no word to find in it"));
    }
    let limit = shared.page_size(p.limit)?;
    let after = cursor(p.cursor.as_deref())?;
    let page = shared
        .read(move |s| s.search_page(&query, after.as_ref(), limit))
        .await?;
    Ok(Json(page))
}

/// One article with its text and its whole record.
#[derive(Serialize, ToSchema)]
struct ArticleDetail {
    /// The article: outlet, headline, date, story and text.
    article: ArticleRow,
    /// Its record, as `readout extract` writes it (`readout schema` gives its JSON
    /// Schema): every span a byte range of `article.text`.
    #[schema(value_type = Object)]
    record: serde_json::Value,
}

/// One article with its text and record.
#[utoipa::path(get, path = "/api/articles/{id}", params(("id" = String, Path, description = "The article's content id")),
    responses((status = 200, body = ArticleDetail), (status = 400, body = ErrorBody), (status = 404, body = ErrorBody)))]
async fn article(
    State(shared): State<Arc<Shared>>,
    PathId(id): PathId,
) -> Result<Json<ArticleDetail>, ApiError> {
    let key = id.clone();
    let found = shared
        .read(move |s| {
            let Some(article) = s.article(&key)? else {
                return Ok(None);
            };
            let record = s.record(&key)?;
            Ok(Some((article, record)))
        })
        .await?;
    let Some((article, record)) = found else {
        return Err(ApiError::not_found(format!("no article {id:?}")));
    };
    let record = serde_json::to_value(record)
        .map_err(|e| ApiError::internal(format!("article {id}: record: {e}")))?;
    Ok(Json(ArticleDetail { article, record }))
}

/// Parameters of `POST /articles`.
#[derive(Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
struct PostParams {
    /// The body's format: `jsonl`, `html` or `text`; else the Content-Type's, else sniffed.
    format: Option<String>,
}

/// What a write did.
#[derive(Serialize, ToSchema)]
struct IngestReply {
    /// Articles read from the body.
    articles: u64,
    /// Articles added to the store.
    added: u64,
    /// Articles that were stored already.
    present: u64,
    /// Stories in the store now.
    stories: usize,
    /// Input problems that skipped input.
    errors: u64,
    /// Input problems that only degraded input.
    warnings: u64,
    /// The problems' messages (the first 100), each naming the line or byte offset.
    problems: Vec<String>,
}

/// The most problem messages a write reply lists.
const MAX_PROBLEMS: usize = 100;

/// Ingests the body (JSONL, HTML or text) with the pipeline of `readout ingest`. Off
/// unless the server was started with a write token; the request carries it as
/// `Authorization: Bearer TOKEN`.
#[utoipa::path(post, path = "/articles", params(PostParams), request_body(content = String, description = "JSONL, HTML or plain text"),
    responses((status = 200, body = IngestReply), (status = 400, body = ErrorBody), (status = 401, body = ErrorBody),
        (status = 403, body = ErrorBody), (status = 413, body = ErrorBody), (status = 503, body = ErrorBody)))]
async fn post_articles(
    State(shared): State<Arc<Shared>>,
    headers: HeaderMap,
    Params(p): Params<PostParams>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Json<IngestReply>, ApiError> {
    let Some(writes) = &shared.writes else {
        return Err(ApiError {
            status: StatusCode::FORBIDDEN,
            code: "writes_off",
            message: "writes are off: start `readout serve` with --write-token to accept articles"
                .into(),
        });
    };
    let given = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    if !given.is_some_and(|t| same_secret(t.as_bytes(), writes.token.as_bytes())) {
        return Err(ApiError {
            status: StatusCode::UNAUTHORIZED,
            code: "unauthorized",
            message: "a write needs the header `Authorization: Bearer TOKEN` with the server's write token".into(),
        });
    }
    let body = body.map_err(|e| ApiError {
        status: e.status(),
        code: if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            "too_large"
        } else {
            "bad_body"
        },
        message: format!(
            "{} (the largest body accepted is {} bytes)",
            e.body_text(),
            shared.config.max_body_bytes
        ),
    })?;
    if body.is_empty() {
        return Err(ApiError::bad("the body is empty: send JSONL, HTML or text"));
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let name = match text("format", p.format)?.as_deref() {
        Some("jsonl") => "request.jsonl",
        Some("html") => "request.html",
        Some("text") => "request.txt",
        Some(other) => {
            return Err(ApiError::bad(format!(
                "format {other:?}: jsonl, html or text"
            )))
        }
        None if content_type.contains("ndjson") || content_type.contains("jsonl") => {
            "request.jsonl"
        }
        None if content_type.starts_with("text/html") => "request.html",
        None if content_type.starts_with("text/plain") => "request.txt",
        None => "request",
    };
    let mut gate = shared.write_gate.lock().await;
    // The cache goes to the blocking thread and comes back with the answer; were the
    // thread to fail, the next write would start from an empty cache and read everything.
    let mut cache = std::mem::take(&mut *gate);
    let writes = Arc::clone(writes);
    let db = shared.db.clone();
    let bytes = body.to_vec();
    let name = name.to_string();
    let (report, problems, cache) = tokio::task::spawn_blocking(move || {
        let mut problems = Vec::new();
        // The store stays in write-ahead-log mode: its readers are open, and turning it
        // back into one file would wait for them and then give up.
        let options = LoadOptions {
            wait: false,
            one_file: false,
            ..LoadOptions::default()
        };
        let input = Input::Memory { name, bytes };
        let report = load_cached(
            &writes.pipeline,
            &db,
            &mut cache,
            vec![input],
            &options,
            |event| {
                if let LoadEvent::Problem(p) = event {
                    if problems.len() < MAX_PROBLEMS {
                        problems.push(p.to_string());
                    }
                }
            },
        );
        (report, problems, cache)
    })
    .await
    .map_err(|e| ApiError::internal(format!("ingest thread: {e}")))?;
    *gate = cache;
    drop(gate);
    let report = report.map_err(|e| match e {
        readout::PipelineError::Store(readout_store::StoreError::Locked { path }) => ApiError {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "busy",
            message: format!(
                "another ingest is writing the store ({path}); try again when it ends"
            ),
        },
        other => ApiError::internal(other.to_string()),
    })?;
    Ok(Json(IngestReply {
        articles: report.articles,
        added: report.added,
        present: report.present,
        stories: report.stories,
        errors: report.errors,
        warnings: report.warnings,
        problems,
    }))
}

/// Compares a token in time that does not depend on where it first differs.
fn same_secret(given: &[u8], expected: &[u8]) -> bool {
    let mut diff = given.len() ^ expected.len();
    for (i, &e) in expected.iter().enumerate() {
        diff |= usize::from(given.get(i).copied().unwrap_or(0) ^ e);
    }
    diff == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_compare_whole() {
        assert!(same_secret(b"abc", b"abc"));
        assert!(!same_secret(b"abd", b"abc"));
        assert!(!same_secret(b"ab", b"abc"));
        assert!(!same_secret(b"abcd", b"abc"));
        assert!(!same_secret(b"", b"abc"));
    }
}
