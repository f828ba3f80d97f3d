//! `readout ingest`: run the pipeline and keep every record in the embedded store.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use readout::{Output, Pipeline};
use readout_cluster::{Features, Stories};
use readout_ingest::Input;
use readout_model::record::ArticleRecord;
use readout_store::{Ingested, Store, Stored, StoryRef};

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
    /// Articles stored per transaction: a run killed at any moment leaves whole
    /// transactions only.
    #[arg(long, default_value_t = 2000)]
    batch: usize,
    /// A pipeline configuration file (JSON); options given here override it.
    #[arg(long)]
    config: Option<PathBuf>,
}

/// Runs `readout ingest`.
pub fn ingest(args: IngestArgs) -> Result<ExitCode> {
    let config =
        crate::pipeline_config(args.config.as_ref(), args.published.clone(), args.threads)?;
    let mut stories = Stories::new(config.stories);
    let pipeline = Pipeline::new(config)?;
    let mut store =
        Store::open(&args.db).with_context(|| format!("opening {}", args.db.display()))?;
    // The stories of earlier runs, rebuilt from the features the store kept, so that new
    // articles join them.
    let mut unreadable = 0usize;
    store
        .each_story_article(|id, story, text| match Features::from_text(text) {
            Ok(features) => {
                stories.assign(id, &features, story as usize);
            }
            Err(e) => {
                if unreadable == 0 {
                    eprintln!("readout: {}: article {id}: {e}", args.db.display());
                }
                unreadable += 1;
            }
        })
        .context("reading the stored stories")?;
    if unreadable > 0 {
        eprintln!("readout: {unreadable} stored articles' features unreadable; they are left out of the grouping");
    }
    let inputs: Vec<Input> = if args.inputs.is_empty() {
        vec![Input::Stdin]
    } else {
        args.inputs.iter().map(|a| Input::parse(a)).collect()
    };
    let batch = args.batch.max(1);
    let progress = io::stderr().is_terminal();
    let expected = if progress {
        expected_articles(&inputs)
    } else {
        None
    };
    let started = Instant::now();
    let mut last_shown = started;
    // Three stages run side by side: the pipeline (on its worker threads, the articles in
    // input order), the grouping into stories (one thread, in that order, so that a run
    // gives the same stories whatever the number of threads), and the store's writer (one
    // thread, a transaction per batch). Two batches may wait between stages; then the
    // stage before waits too, so memory stays bounded.
    type Grouped = (ArticleRecord, Option<Vec<u8>>, Features, String);
    let (to_group, grouping) = std::sync::mpsc::sync_channel::<Vec<Grouped>>(2);
    let (to_store, storing) = std::sync::mpsc::sync_channel::<Vec<Ingested>>(2);
    let story_count = Arc::new(AtomicUsize::new(stories.len()));
    let count = Arc::clone(&story_count);
    let grouper = std::thread::spawn(move || {
        for batch in grouping {
            let items: Vec<Ingested> = batch
                .into_iter()
                .map(|(record, encoded, features, text)| {
                    let story = stories.add(&record.id, &features) as u64;
                    Ingested {
                        record,
                        encoded,
                        story: Some(StoryRef {
                            story,
                            features: text,
                        }),
                    }
                })
                .collect();
            count.store(stories.len(), Ordering::Relaxed);
            // A closed channel means the writer stopped on an error, reported below.
            if to_store.send(items).is_err() {
                break;
            }
        }
    });
    // The writer keeps a transaction open across chunks until it holds `batch` articles:
    // large transactions cost less each, small chunks keep memory low.
    let writer = std::thread::spawn(move || -> Result<Stored> {
        let mut total = Stored::default();
        while let Ok(chunk) = storing.recv() {
            let mut transaction = store.writer().context("storing a batch")?;
            let mut held = chunk.len();
            transaction.put(chunk).context("storing a batch")?;
            while held < batch {
                let Ok(chunk) = storing.recv() else {
                    break;
                };
                held += chunk.len();
                transaction.put(chunk).context("storing a batch")?;
            }
            let stored = transaction.commit().context("storing a batch")?;
            total.added += stored.added;
            total.present += stored.present;
        }
        Ok(total)
    });
    let mut pending: Vec<Grouped> = Vec::with_capacity(CHUNK);
    let mut sent = 0u64;
    let mut writer_gone = false;
    let stats = pipeline.run(
        inputs,
        |doc| {
            // Whatever can be made in parallel is made here, not in the serial stages.
            let features = doc.story_features();
            let text = features.to_text();
            let mut record = doc.to_record(false);
            let encoded = readout_store::encode_record(&mut record).ok();
            (record, encoded, features, text)
        },
        |output| match output {
            Output::Document(item) => {
                if writer_gone {
                    return;
                }
                pending.push(item);
                // A chunk ends where a transaction does, so that every transaction holds
                // exactly `batch` articles.
                let done = sent + pending.len() as u64;
                if pending.len() >= CHUNK || done % batch as u64 == 0 {
                    sent += pending.len() as u64;
                    let full = std::mem::replace(&mut pending, Vec::with_capacity(CHUNK));
                    writer_gone = to_group.send(full).is_err();
                }
                if progress && last_shown.elapsed() > Duration::from_millis(500) {
                    last_shown = Instant::now();
                    let done = sent + pending.len() as u64;
                    let rate = done as f64 / started.elapsed().as_secs_f64().max(1e-9);
                    let stories = story_count.load(Ordering::Relaxed);
                    eprint!("\r{}", progress_line(done, expected, rate, stories));
                }
            }
            Output::Problem(p) => crate::report_problem(&p),
        },
    );
    if !pending.is_empty() && !writer_gone {
        let _ = to_group.send(pending);
    }
    drop(to_group);
    grouper
        .join()
        .map_err(|_| anyhow::anyhow!("the story grouping panicked"))?;
    let total = writer
        .join()
        .map_err(|_| anyhow::anyhow!("the store writer panicked"))??;
    let seconds = started.elapsed().as_secs_f64();
    if progress {
        eprintln!();
    }
    eprintln!(
        "readout: {} articles in {:.2} s ({:.0} articles/s): {} added, {} already stored; {} stories; {} errors, {} warnings",
        stats.articles,
        seconds,
        stats.articles as f64 / seconds.max(1e-9),
        total.added,
        total.present,
        story_count.load(Ordering::Relaxed),
        stats.errors,
        stats.warnings
    );
    Ok(crate::run_exit_code(&stats))
}

/// Articles passed from one stage of the ingest to the next at a time.
const CHUNK: usize = 250;

/// How many articles the inputs hold, when that is cheap to know: a JSON Lines file holds
/// one per line, any other file one (a feed or an archive may hold more: the bar then ends
/// early). Standard input and directories leave it unknown.
fn expected_articles(inputs: &[Input]) -> Option<u64> {
    let mut total = 0u64;
    for input in inputs {
        let Input::Path(path) = input else {
            return None;
        };
        if !path.is_file() {
            return None;
        }
        let name = path.to_string_lossy();
        if name.ends_with(".jsonl") || name.ends_with(".ndjson") {
            // Counted a buffer at a time, so that a large input is not held in memory.
            let mut file = std::fs::File::open(path).ok()?;
            let mut buffer = vec![0u8; 1 << 16];
            let mut last = b'\n';
            loop {
                let n = std::io::Read::read(&mut file, &mut buffer).ok()?;
                if n == 0 {
                    break;
                }
                total += memchr::memchr_iter(b'\n', &buffer[..n]).count() as u64;
                last = buffer[n - 1];
            }
            if last != b'\n' {
                total += 1;
            }
        } else {
            total += 1;
        }
    }
    Some(total)
}

/// The progress line: a bar when the number of articles is known.
fn progress_line(done: u64, expected: Option<u64>, rate: f64, stories: usize) -> String {
    const WIDTH: u64 = 30;
    match expected.filter(|&e| e > 0) {
        Some(expected) => {
            let done_shown = done.min(expected);
            let filled = (done_shown * WIDTH / expected) as usize;
            let eta = (expected - done_shown) as f64 / rate.max(1e-9);
            format!(
                "readout: [{}{}] {done}/{expected} articles, {rate:.0} articles/s, {stories} stories, {eta:.0} s left ",
                "#".repeat(filled),
                "-".repeat(WIDTH as usize - filled)
            )
        }
        None => format!("readout: {done} articles, {rate:.0} articles/s, {stories} stories "),
    }
}

#[cfg(test)]
mod tests {
    use super::{expected_articles, progress_line};
    use readout_ingest::Input;

    #[test]
    fn json_lines_are_counted_with_or_without_a_last_line_break() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.jsonl"), dir.path().join("b.jsonl"));
        std::fs::write(&a, "{}\n{}\n").unwrap();
        std::fs::write(&b, "{}\n{}\n{}").unwrap();
        let inputs = vec![Input::Path(a), Input::Path(b)];
        assert_eq!(expected_articles(&inputs), Some(5));
        assert_eq!(expected_articles(&[Input::Stdin]), None);
    }

    #[test]
    fn the_bar_fills_with_the_articles_done() {
        let half = progress_line(50, Some(100), 10.0, 7);
        assert!(
            half.contains("[###############---------------] 50/100"),
            "{half}"
        );
        assert!(half.contains("5 s left"), "{half}");
        let unknown = progress_line(50, None, 10.0, 7);
        assert!(unknown.contains("50 articles, 10 articles/s, 7 stories"));
        let over = progress_line(120, Some(100), 10.0, 7);
        assert!(over.contains(&format!("[{}]", "#".repeat(30))), "{over}");
    }
}
