//! The `readout` command.

mod eval;
mod export;
mod ingest;
mod query;
mod serve;
mod train;

use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand, ValueEnum};
use readout::{Output, Pipeline, PipelineConfig};
use readout_ingest::{Input, Severity};
use readout_model::InputFormat;

#[derive(Parser)]
#[command(
    name = "readout",
    version,
    about = "News text in, a record of who said what, to whom, when, out."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read articles and print their records.
    Extract(ExtractArgs),
    /// Read articles and keep their records in an embedded database.
    Ingest(ingest::IngestArgs),
    /// Find stored articles by words of their title or text.
    Search(query::SearchArgs),
    /// List stored events by actor, type and date.
    Events(query::EventsArgs),
    /// List stored quotations by speaker and by the outlets they came through.
    Quotes(query::QuotesArgs),
    /// List stories: articles that report the same event, with their events and quotations.
    Stories(query::StoriesArgs),
    /// An actor's events across articles, oldest first.
    Timeline(query::TimelineArgs),
    /// Check stored ordinal claims ("the sixth call since ...") against the stored events.
    Claims(query::ClaimsArgs),
    /// List the actor registry: the country and sector the stored articles gave each person.
    Actors(query::ActorsArgs),
    /// Serve the store: an HTTP API and a web page (http://127.0.0.1:8080/ by default).
    Serve(serve::ServeArgs),
    /// Write the store as GDELT 2.0 tables, PLOVER records, JSON Lines or Parquet.
    Export(export::ExportArgs),
    /// Print the JSON Schema of the record.
    Schema,
    /// Score an extractor against external gold data.
    Eval(eval::EvalArgs),
    /// Rebuild a model from its training data (`readout train ner`).
    Train(train::TrainArgs),
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    /// One JSON array of records.
    Json,
    /// One record per line.
    Jsonl,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    Text,
    Jsonl,
    Html,
    Feed,
    Warc,
}

impl From<FormatArg> for InputFormat {
    fn from(f: FormatArg) -> Self {
        match f {
            FormatArg::Text => InputFormat::Text,
            FormatArg::Jsonl => InputFormat::Jsonl,
            FormatArg::Html => InputFormat::Html,
            FormatArg::Feed => InputFormat::Feed,
            FormatArg::Warc => InputFormat::Warc,
        }
    }
}

#[derive(clap::Args)]
struct ExtractArgs {
    /// Files or directories to read; `-` or nothing reads standard input.
    inputs: Vec<String>,
    /// Publication date for articles whose input gives none (YYYY-MM-DD or RFC 3339).
    #[arg(long)]
    published: Option<String>,
    /// Read every input as this format instead of detecting it.
    #[arg(long, value_enum)]
    input_format: Option<FormatArg>,
    /// Output format.
    #[arg(long, value_enum, default_value = "jsonl")]
    format: Format,
    /// Indent the JSON.
    #[arg(long)]
    pretty: bool,
    /// Include every sentence's tokens.
    #[arg(long)]
    tokens: bool,
    /// Keep every coded event, not only the confident ones (`min_event_confidence` 0).
    #[arg(long)]
    all_events: bool,
    /// Worker threads (0: one per core).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// A pipeline configuration file (JSON); options given here override it.
    #[arg(long)]
    config: Option<PathBuf>,
    /// Print a summary line (articles, MB/s) to standard error at the end.
    #[arg(long)]
    stats: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Extract(args) => extract(args),
        Command::Ingest(args) => ingest::ingest(args),
        Command::Search(args) => query::search(args),
        Command::Events(args) => query::events(args),
        Command::Quotes(args) => query::quotes(args),
        Command::Stories(args) => query::stories(args),
        Command::Timeline(args) => query::timeline(args),
        Command::Claims(args) => query::claims(args),
        Command::Actors(args) => query::actors(args),
        Command::Export(args) => export::export(args),
        Command::Serve(args) => serve::serve(args),
        Command::Schema => schema().map(|_| ExitCode::SUCCESS),
        Command::Eval(args) => eval::eval(args),
        Command::Train(args) => train::run(args),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("readout: error: {e:#}");
            ExitCode::from(exit_status(&e))
        }
    }
}

/// The exit status of a command that wrote no output, by its error's kind: 3 when the
/// store or a file could not be opened, locked, read or written, 2 for anything else (a
/// wrong command: bad arguments, a bad query, a bad configuration).
fn exit_status(e: &anyhow::Error) -> u8 {
    const WRONG_COMMAND: u8 = 2;
    const STORE_OR_IO: u8 = 3;
    for cause in e.chain() {
        if let Some(failure) = cause.downcast_ref::<Failure>() {
            return match failure {
                Failure::Store(_) => STORE_OR_IO,
            };
        }
        if let Some(e) = cause.downcast_ref::<readout_store::StoreError>() {
            return if e.is_bad_query() {
                WRONG_COMMAND
            } else {
                STORE_OR_IO
            };
        }
        if let Some(e) = cause.downcast_ref::<readout::PipelineError>() {
            return match e {
                readout::PipelineError::Store(e) if e.is_bad_query() => WRONG_COMMAND,
                readout::PipelineError::Store(_) | readout::PipelineError::Panicked(_) => {
                    STORE_OR_IO
                }
                _ => WRONG_COMMAND,
            };
        }
        if let Some(e) = cause.downcast_ref::<readout_server::ServerError>() {
            return match e {
                readout_server::ServerError::Config(_) => WRONG_COMMAND,
                _ => STORE_OR_IO,
            };
        }
        if cause.is::<readout_export::ExportError>() || cause.is::<io::Error>() {
            return STORE_OR_IO;
        }
    }
    WRONG_COMMAND
}

/// A failure the command itself finds, of a kind its exit status tells.
#[derive(Debug)]
enum Failure {
    /// The store cannot be used (no such database).
    Store(String),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Store(message) => f.write_str(message),
        }
    }
}

impl std::error::Error for Failure {}

fn schema() -> Result<()> {
    let schema = schemars::schema_for!(readout_model::record::ArticleRecord);
    let mut out = io::stdout().lock();
    serde_json::to_writer_pretty(&mut out, &schema)?;
    writeln!(out)?;
    Ok(())
}

/// A configuration read from a JSON file. An unreadable file is a wrong command (exit 2),
/// not a failure of the store, so the I/O error is kept as a message only.
fn json_file<T: serde::de::DeserializeOwned>(path: &std::path::Path, what: &str) -> Result<T> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| anyhow::anyhow!("reading {}: {e}", path.display()))?;
    serde_json::from_str::<T>(&text).with_context(|| format!("{}: invalid {what}", path.display()))
}

/// The pipeline configuration from a file (or the default), with the options given on the
/// command line over it.
fn pipeline_config(
    file: Option<&PathBuf>,
    published: Option<String>,
    threads: usize,
) -> Result<PipelineConfig> {
    let mut config: PipelineConfig = match file {
        Some(path) => json_file(path, "configuration")?,
        None => PipelineConfig::default(),
    };
    if published.is_some() {
        config.published = published;
    }
    if threads != 0 {
        config.threads = threads;
    }
    let max = readout::max_threads();
    if config.threads > max {
        let given = if threads != 0 { "--threads" } else { "threads" };
        eprintln!(
            "readout: warning: {given} {} is more than {max} (four per core); running {max}",
            config.threads
        );
    }
    Ok(config)
}

fn extract(args: ExtractArgs) -> Result<ExitCode> {
    let mut config = pipeline_config(args.config.as_ref(), args.published.clone(), args.threads)?;
    if let Some(f) = args.input_format {
        config.ingest.input_format = Some(f.into());
    }
    config.tokens |= args.tokens;
    if args.all_events {
        config.min_event_confidence = 0.0;
    }
    let pipeline = Pipeline::new(config)?;
    let inputs: Vec<Input> = if args.inputs.is_empty() {
        vec![Input::Stdin]
    } else {
        args.inputs.iter().map(|a| Input::parse(a)).collect()
    };
    let stdout = io::stdout();
    let mut out = BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut first = true;
    let mut write_error: Option<io::Error> = None;
    let with_tokens = pipeline.config().tokens;
    if matches!(args.format, Format::Json) {
        out.write_all(b"[")?;
    }
    let started = std::time::Instant::now();
    let (format, pretty) = (args.format, args.pretty);
    // Records are serialised on the worker threads; this thread only writes bytes.
    let render = |doc: readout::Document| -> io::Result<Vec<u8>> {
        let record = doc.to_record(with_tokens);
        let mut bytes = Vec::with_capacity(doc.article.text.len() * 3 + 512);
        if pretty {
            serde_json::to_writer_pretty(&mut bytes, &record)?;
        } else {
            serde_json::to_writer(&mut bytes, &record)?;
        }
        Ok(bytes)
    };
    let stats = pipeline.run(inputs, render, |output| match output {
        Output::Document(rendered) => {
            if write_error.is_some() {
                return;
            }
            let result =
                rendered.and_then(|bytes| write_record(&mut out, &bytes, format, pretty, first));
            first = false;
            if let Err(e) = result {
                write_error = Some(e);
            }
        }
        Output::Problem(p) => report_problem(&p),
    });
    if let Some(e) = write_error {
        // A closed pipe (`readout extract ... | head`) is not a failure of readout.
        if e.kind() == io::ErrorKind::BrokenPipe {
            return Ok(ExitCode::SUCCESS);
        }
        return Err(e).context("writing output");
    }
    if matches!(args.format, Format::Json) {
        out.write_all(if args.pretty { b"\n]\n" } else { b"]\n" })?;
    }
    match out.flush() {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => return Ok(ExitCode::SUCCESS),
        other => other.context("writing output")?,
    }
    let seconds = started.elapsed().as_secs_f64();
    if args.stats || stats.errors + stats.warnings > 0 && io::stderr().is_terminal() {
        eprintln!(
            "readout: {} articles, {:.1} MB of text in {:.2} s ({:.0} articles/s, {:.1} MB/s); {} errors, {} warnings",
            stats.articles,
            stats.text_bytes as f64 / 1e6,
            seconds,
            stats.articles as f64 / seconds.max(1e-9),
            stats.text_bytes as f64 / 1e6 / seconds.max(1e-9),
            stats.errors,
            stats.warnings
        );
    }
    Ok(run_exit_code(&stats))
}

/// A run with input errors (not mere warnings) exits with 1.
fn run_exit_code(stats: &readout::RunStats) -> ExitCode {
    exit_code_of_run(stats.errors)
}

/// A run with `errors` input errors: 1 when there were some, else 0.
fn exit_code_of_run(errors: u64) -> ExitCode {
    if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Prints a problem of the input on standard error, with its severity.
fn report_problem(p: &readout_ingest::IngestError) {
    let level = match p.severity() {
        Severity::Error => "error",
        Severity::Warning => "warning",
    };
    eprintln!("readout: {level}: {p}");
}

/// Writes one serialised record in the output format: a line of JSONL, or an element of the
/// JSON array.
fn write_record(
    out: &mut impl Write,
    record: &[u8],
    format: Format,
    pretty: bool,
    first: bool,
) -> io::Result<()> {
    match format {
        Format::Jsonl => {
            out.write_all(record)?;
            out.write_all(b"\n")
        }
        Format::Json => {
            if !first {
                out.write_all(b",")?;
            }
            if pretty {
                out.write_all(b"\n")?;
            }
            out.write_all(record)
        }
    }
}
