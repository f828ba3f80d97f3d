//! `readout serve`: the HTTP API and web page over a store.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use readout::Pipeline;
use readout_server::{ServeConfig, Server, Writes};

/// Arguments of `readout serve`.
#[derive(clap::Args)]
pub struct ServeArgs {
    /// The database file (`readout ingest` makes one).
    #[arg(long)]
    db: PathBuf,
    /// The address to listen on. Only this machine can connect unless another address
    /// is given: the API has no accounts.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Accept `POST /articles` from requests carrying `Authorization: Bearer TOKEN`.
    /// Writes are off without it. The environment variable READOUT_WRITE_TOKEN is read
    /// when this is not given, so that the token need not stand in the process list.
    #[arg(long)]
    write_token: Option<String>,
    /// The server's limits (JSON: default_page, max_page, query_ms, max_body_bytes,
    /// readers, cache_bytes).
    #[arg(long)]
    limits: Option<PathBuf>,
    /// A pipeline configuration file (JSON) for writes.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Worker threads of the pipeline for writes (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
}

/// Runs `readout serve` until Ctrl-C.
pub fn serve(args: ServeArgs) -> Result<ExitCode> {
    let limits: ServeConfig = match &args.limits {
        Some(path) => crate::json_file(path, "server limits")?,
        None => ServeConfig::default(),
    };
    let token = args
        .write_token
        .clone()
        .or_else(|| std::env::var("READOUT_WRITE_TOKEN").ok())
        .filter(|t| !t.is_empty());
    let writes = match token {
        Some(token) => {
            if token.len() < 16 {
                anyhow::bail!("--write-token: use at least 16 characters");
            }
            let config = crate::pipeline_config(args.config.as_ref(), None, args.threads)?;
            Some(Writes {
                token,
                pipeline: Pipeline::new(config)?,
            })
        }
        None => None,
    };
    let writing = writes.is_some();
    let server = Server::new(&args.db, limits, writes)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server's runtime")?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("listening on {}", args.addr))?;
        let local = listener.local_addr()?;
        eprintln!(
            "readout: serving {} at http://{local}/ (API: /api, OpenAPI: /openapi.json; writes {}); Ctrl-C stops",
            args.db.display(),
            if writing { "on" } else { "off" }
        );
        let shutdown = async {
            let _ = tokio::signal::ctrl_c().await;
        };
        server.serve(listener, shutdown).await?;
        Ok::<_, anyhow::Error>(())
    })?;
    Ok(ExitCode::SUCCESS)
}
