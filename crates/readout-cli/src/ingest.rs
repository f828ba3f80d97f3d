//! `readout ingest`: run the pipeline and keep every record in the embedded store.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use readout::{Output, Pipeline};
use readout_ingest::Input;
use readout_model::record::ArticleRecord;
use readout_store::{Store, Stored};

/// Arguments of `readout ingest`.
#[derive(clap::Args)]
pub struct IngestArgs {
    /// Files or directories to read; `-` or nothing reads standard input.
    inputs: Vec<String>,
    /// The database file (created when missing).
    #[arg(long)]
    db: PathBuf,
    /// Publication date for articles whose input gives none (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    published: Option<String>,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Articles stored per transaction.
    #[arg(long, default_value_t = 500)]
    batch: usize,
    /// A pipeline configuration file (JSON); options given here override it.
    #[arg(long)]
    config: Option<PathBuf>,
}

/// Runs `readout ingest`.
pub fn ingest(args: IngestArgs) -> Result<ExitCode> {
    let config =
        crate::pipeline_config(args.config.as_ref(), args.published.clone(), args.threads)?;
    let pipeline = Pipeline::new(config)?;
    let mut store =
        Store::open(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    let inputs: Vec<Input> = if args.inputs.is_empty() {
        vec![Input::Stdin]
    } else {
        args.inputs.iter().map(|a| Input::parse(a)).collect()
    };
    let batch = args.batch.max(1);
    let progress = io::stderr().is_terminal();
    let started = Instant::now();
    let mut last_shown = started;
    let mut pending: Vec<ArticleRecord> = Vec::with_capacity(batch);
    let mut total = Stored::default();
    let mut failure: Option<anyhow::Error> = None;
    let mut flush = |pending: &mut Vec<ArticleRecord>, total: &mut Stored| -> Result<()> {
        let stored = store.put(pending).context("storing a batch")?;
        total.added += stored.added;
        total.present += stored.present;
        pending.clear();
        Ok(())
    };
    let stats = pipeline.run(
        inputs,
        |doc| doc.to_record(false),
        |output| match output {
            Output::Document(record) => {
                if failure.is_some() {
                    return;
                }
                pending.push(record);
                if pending.len() >= batch {
                    if let Err(e) = flush(&mut pending, &mut total) {
                        failure = Some(e);
                    }
                }
                if progress && last_shown.elapsed() > Duration::from_millis(500) {
                    last_shown = Instant::now();
                    let done = total.added + total.present + pending.len() as u64;
                    let rate = done as f64 / started.elapsed().as_secs_f64().max(1e-9);
                    eprint!("\rreadout: {done} articles, {rate:.0} articles/s");
                }
            }
            Output::Problem(p) => crate::report_problem(&p),
        },
    );
    if let Some(e) = failure {
        return Err(e);
    }
    flush(&mut pending, &mut total)?;
    let seconds = started.elapsed().as_secs_f64();
    if progress {
        eprintln!();
    }
    eprintln!(
        "readout: {} articles in {:.2} s ({:.0} articles/s): {} added, {} already stored; {} errors, {} warnings",
        stats.articles,
        seconds,
        stats.articles as f64 / seconds.max(1e-9),
        total.added,
        total.present,
        stats.errors,
        stats.warnings
    );
    Ok(if stats.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
