//! `readout ingest`: run the pipeline and keep every record in the embedded store.

use std::io::{self, IsTerminal};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use readout::load::{load, LoadEvent, LoadOptions};
use readout::Pipeline;
use readout_ingest::Input;

/// Arguments of `readout ingest`.
#[derive(clap::Args)]
pub struct IngestArgs {
    /// Files or directories to read; `-` or nothing reads standard input.
    inputs: Vec<String>,
    /// The database file (created when missing). One ingest at a time writes it: another
    /// waits for the lock file `FILE.lock` beside it.
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
    /// Store every coded event, not only the confident ones (`min_event_confidence` 0).
    #[arg(long)]
    all_events: bool,
}

/// Runs `readout ingest`.
pub fn ingest(args: IngestArgs) -> Result<ExitCode> {
    let mut config =
        crate::pipeline_config(args.config.as_ref(), args.published.clone(), args.threads)?;
    if args.all_events {
        config.min_event_confidence = 0.0;
    }
    let pipeline = Pipeline::new(config)?;
    let inputs: Vec<Input> = if args.inputs.is_empty() {
        vec![Input::Stdin]
    } else {
        args.inputs.iter().map(|a| Input::parse(a)).collect()
    };
    let options = LoadOptions {
        batch: args.batch,
        ..LoadOptions::default()
    };
    let progress = io::stderr().is_terminal();
    let expected = if progress {
        expected_articles(&inputs)
    } else {
        None
    };
    let mut last_shown = Instant::now();
    let mut unreadable = 0u64;
    let db = args.db.display().to_string();
    let report = load(&pipeline, &args.db, inputs, &options, |event| match event {
        LoadEvent::Waiting { lock } => {
            eprintln!(
                "readout: waiting for another ingest writing {db} (it holds {})",
                lock.display()
            );
        }
        LoadEvent::UnreadableFeatures { article, message } => {
            if unreadable == 0 {
                eprintln!("readout: {db}: article {article}: {message}");
            }
            unreadable += 1;
        }
        LoadEvent::Problem(p) => crate::report_problem(p),
        LoadEvent::Progress(p) if progress && last_shown.elapsed() > Duration::from_millis(500) => {
            last_shown = Instant::now();
            let rate = p.articles as f64 / p.elapsed.as_secs_f64().max(1e-9);
            eprint!("\r{}", progress_line(p.articles, expected, rate, p.stories));
        }
        _ => {}
    })
    .with_context(|| format!("ingesting into {db}"))?;
    if report.unreadable > 0 {
        eprintln!(
            "readout: {} stored articles' features unreadable; they are left out of the grouping",
            report.unreadable
        );
    }
    let seconds = report.elapsed.as_secs_f64();
    if progress {
        eprintln!();
    }
    eprintln!(
        "readout: {} articles in {:.2} s ({:.0} articles/s): {} added, {} already stored; {} stories; {} errors, {} warnings",
        report.articles,
        seconds,
        report.articles as f64 / seconds.max(1e-9),
        report.added,
        report.present,
        report.stories,
        report.errors,
        report.warnings
    );
    Ok(crate::exit_code_of_run(report.errors))
}

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
