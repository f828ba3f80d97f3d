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
    // The store is written on a thread of its own, so that the pipeline goes on with the
    // next articles while a batch is committed. Two batches may wait; then the pipeline
    // waits too, so memory stays bounded.
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<ArticleRecord>>(2);
    let writer = std::thread::spawn(move || -> Result<Stored> {
        let mut total = Stored::default();
        for records in receive {
            let stored = store.put(&records).context("storing a batch")?;
            total.added += stored.added;
            total.present += stored.present;
        }
        Ok(total)
    });
    let mut pending: Vec<ArticleRecord> = Vec::with_capacity(batch);
    let mut sent = 0u64;
    let mut writer_gone = false;
    let stats = pipeline.run(
        inputs,
        |doc| doc.to_record(false),
        |output| match output {
            Output::Document(record) => {
                if writer_gone {
                    return;
                }
                pending.push(record);
                if pending.len() >= batch {
                    sent += pending.len() as u64;
                    let full = std::mem::replace(&mut pending, Vec::with_capacity(batch));
                    // A closed channel means the writer stopped on an error, reported below.
                    writer_gone = send.send(full).is_err();
                }
                if progress && last_shown.elapsed() > Duration::from_millis(500) {
                    last_shown = Instant::now();
                    let done = sent + pending.len() as u64;
                    let rate = done as f64 / started.elapsed().as_secs_f64().max(1e-9);
                    eprint!("\rreadout: {done} articles, {rate:.0} articles/s");
                }
            }
            Output::Problem(p) => crate::report_problem(&p),
        },
    );
    if !pending.is_empty() && !writer_gone {
        let _ = send.send(pending);
    }
    drop(send);
    let total = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the store writer panicked"))??;
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
    Ok(crate::run_exit_code(&stats))
}
