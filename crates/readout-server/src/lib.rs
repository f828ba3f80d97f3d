//! `readout serve`: an HTTP API over the store and a web page for reading it.
//!
//! The API mirrors the query commands (stories, events, quotations, timelines, actors,
//! claims, search, one article with its record) as JSON, in pages with stable cursors; its
//! OpenAPI document is generated from the handlers below and served at `/openapi.json`.
//! The page (`/`) is three files compiled into the binary. Every query is the store
//! library's, shared with the command line: this crate only parses parameters, runs a
//! query on a read-only connection and writes its result.
//!
//! Reads never wait for a writer: the store is kept in write-ahead-log mode while the
//! server runs, and every read runs on a read-only connection of a small pool, on a
//! blocking thread, under a time limit. Writes (`POST /articles`) are off unless a token
//! is given; they run the same pipeline and loader as `readout ingest`.
#![deny(missing_docs)]

mod api;
mod assets;
mod cache;
mod error;

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use readout::Pipeline;
use readout_store::Store;
use serde::Deserialize;
use tokio::sync::Semaphore;

pub use api::ApiDoc;
pub use error::{ApiError, ServerError};

/// The server's limits and options: data, read from flags or a file, separate from the
/// running server it configures.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ServeConfig {
    /// The page size when a request gives none.
    pub default_page: usize,
    /// The largest page a request may ask for; a larger `limit` is refused.
    pub max_page: usize,
    /// How long one query may run, in milliseconds, before it is stopped (503).
    pub query_ms: u64,
    /// The largest request body `POST /articles` accepts, in bytes (413 above).
    pub max_body_bytes: usize,
    /// How many read-only connections may run queries at once; further requests wait
    /// for one.
    pub readers: usize,
    /// The most bytes of API answers kept until the store changes (0: none kept).
    pub cache_bytes: usize,
}

impl Default for ServeConfig {
    fn default() -> Self {
        ServeConfig {
            default_page: 50,
            max_page: 500,
            query_ms: 2000,
            max_body_bytes: 16 << 20,
            readers: 8,
            cache_bytes: 64 << 20,
        }
    }
}

/// Writes through the API: the token a request must carry and the pipeline it runs.
pub struct Writes {
    /// The bearer token (`Authorization: Bearer TOKEN`).
    pub token: String,
    /// The pipeline `readout ingest` would run.
    pub pipeline: Pipeline,
}

/// What every request handler shares.
pub(crate) struct Shared {
    pub db: PathBuf,
    pub config: ServeConfig,
    /// Idle read-only connections.
    pool: Mutex<Vec<Store>>,
    /// One permit per connection that may run a query.
    readers: Semaphore,
    pub writes: Option<Arc<Writes>>,
    /// One write through the API at a time (the store's writer lock orders it with
    /// ingests run elsewhere), with the store's stories kept from one write to the next,
    /// so that a write does not read every stored article again.
    pub write_gate: tokio::sync::Mutex<readout::load::StoryCache>,
    /// Kept open so that the store stays in write-ahead-log mode: an ingest that ends
    /// while a connection is open leaves the mode as it is. It also tells the store's
    /// data version to the cache.
    keeper: Mutex<Store>,
    /// Answers kept until the store changes.
    pub cache: Option<cache::Cache>,
}

impl Shared {
    /// The store's data version, which moves when a writer commits.
    pub(crate) fn data_version(&self) -> Option<i64> {
        self.keeper.lock().ok()?.data_version().ok()
    }

    /// Runs a query on a read-only connection on a blocking thread, under the time limit.
    pub(crate) async fn read<T, F>(self: &Arc<Self>, query: F) -> Result<T, ApiError>
    where
        T: Send + 'static,
        F: FnOnce(&Store) -> Result<T, readout_store::StoreError> + Send + 'static,
    {
        let _permit = self
            .readers
            .acquire()
            .await
            .map_err(|_| ApiError::unavailable("the server is shutting down"))?;
        let shared = Arc::clone(self);
        tokio::task::spawn_blocking(move || {
            let store = match shared.pool.lock().ok().and_then(|mut p| p.pop()) {
                Some(store) => store,
                None => Store::open_read_only(&shared.db)?,
            };
            store.limit_query_time(Some(Duration::from_millis(shared.config.query_ms)));
            let result = query(&store);
            store.limit_query_time(None);
            if let Ok(mut pool) = shared.pool.lock() {
                pool.push(store);
            }
            result.map_err(ApiError::from)
        })
        .await
        .map_err(|e| ApiError::internal(format!("query thread: {e}")))?
    }
}

/// A server ready to accept connections: its state and router, built from a store.
pub struct Server {
    shared: Arc<Shared>,
}

impl Server {
    /// Opens the store at `db` for the server: migrated and put in write-ahead-log mode
    /// when it can be written, then read through read-only connections. A missing store
    /// is an error unless writes are on (it is then created empty).
    pub fn new(
        db: &Path,
        config: ServeConfig,
        writes: Option<Writes>,
    ) -> Result<Server, ServerError> {
        if config.max_page == 0 || config.default_page == 0 || config.readers == 0 {
            return Err(ServerError::Config(
                "max_page, default_page and readers must be at least 1".into(),
            ));
        }
        if !db.exists() && writes.is_none() {
            return Err(ServerError::Missing(db.display().to_string()));
        }
        // Opening for writing migrates an older schema and turns on write-ahead logging,
        // which outlives this connection. A store on a read-only disk is served as it is.
        match Store::open(db) {
            Ok(store) => drop(store),
            Err(e) if writes.is_some() => return Err(e.into()),
            Err(_) => {}
        }
        let keeper = Store::open_read_only(db)?;
        Ok(Server {
            shared: Arc::new(Shared {
                db: db.to_path_buf(),
                readers: Semaphore::new(config.readers),
                cache: (config.cache_bytes > 0).then(|| cache::Cache::new(config.cache_bytes)),
                config,
                pool: Mutex::new(Vec::new()),
                writes: writes.map(Arc::new),
                write_gate: tokio::sync::Mutex::new(readout::load::StoryCache::new()),
                keeper: Mutex::new(keeper),
            }),
        })
    }

    /// The routes: the API under `/api`, `POST /articles`, `/openapi.json` and the page.
    pub fn router(&self) -> axum::Router {
        api::router(Arc::clone(&self.shared))
    }

    /// Serves on `listener` until `shutdown` resolves.
    pub async fn serve(
        self,
        listener: tokio::net::TcpListener,
        shutdown: impl std::future::Future<Output = ()> + Send + 'static,
    ) -> Result<(), ServerError> {
        axum::serve(
            listener,
            self.router()
                .into_make_service_with_connect_info::<SocketAddr>(),
        )
        .with_graceful_shutdown(shutdown)
        .await
        .map_err(ServerError::Io)
    }
}
