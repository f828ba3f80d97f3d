//! The query commands over the store: `readout search`, `readout events`, `readout quotes`.

use std::io::{self, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::ValueEnum;
use readout_store::{EventFilter, Store};
use serde::Serialize;
use serde_json::Value;

/// How query results are printed.
#[derive(Clone, Copy, ValueEnum)]
pub enum RowFormat {
    /// Aligned columns for reading.
    Table,
    /// One JSON array.
    Json,
    /// One JSON object per line.
    Jsonl,
    /// Comma-separated values with a header line.
    Csv,
}

/// Options every query command takes.
#[derive(clap::Args)]
pub struct QueryArgs {
    /// The database `readout ingest` filled.
    #[arg(long)]
    db: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value = "table")]
    format: RowFormat,
    /// How many rows at most.
    #[arg(long, default_value_t = 50)]
    limit: usize,
}

/// Arguments of `readout search`.
#[derive(clap::Args)]
pub struct SearchArgs {
    /// Words to find (SQLite FTS5 syntax: words, "a phrase", a OR b, pre*).
    text: String,
    #[command(flatten)]
    query: QueryArgs,
}

/// Arguments of `readout events`.
#[derive(clap::Args)]
pub struct EventsArgs {
    /// An actor: a code (RUS: three capital letters) or a part of an actor's name.
    #[arg(long)]
    actor: Option<String>,
    /// A second actor.
    #[arg(long)]
    with: Option<String>,
    /// The PLOVER type (CONSULT, ACCUSE, ...).
    #[arg(long = "type")]
    kind: Option<String>,
    /// The earliest date, YYYY-MM-DD.
    #[arg(long)]
    since: Option<String>,
    /// The latest date, YYYY-MM-DD.
    #[arg(long)]
    until: Option<String>,
    #[command(flatten)]
    query: QueryArgs,
}

/// Arguments of `readout quotes`.
#[derive(clap::Args)]
pub struct QuotesArgs {
    /// A part of the speaker's name.
    #[arg(long)]
    speaker: Option<String>,
    #[command(flatten)]
    query: QueryArgs,
}

fn open(args: &QueryArgs) -> Result<Store> {
    anyhow::ensure!(
        args.db.exists(),
        "{}: no such database (fill one with `readout ingest INPUT --db FILE`)",
        args.db.display()
    );
    Store::open(&args.db).with_context(|| format!("opening {}", args.db.display()))
}

/// Runs `readout search`.
pub fn search(args: SearchArgs) -> Result<ExitCode> {
    let store = open(&args.query)?;
    let hits = store
        .search_hits(&args.text, args.query.limit)
        .with_context(|| format!("searching for {:?}", args.text))?;
    print_rows(
        &hits,
        args.query.format,
        &["published", "source", "title", "snippet"],
    )
}

/// Runs `readout events`.
pub fn events(args: EventsArgs) -> Result<ExitCode> {
    let store = open(&args.query)?;
    let rows = store.events(&EventFilter {
        actor: args.actor,
        with: args.with,
        kind: args.kind,
        since: args.since,
        until: args.until,
        limit: args.query.limit,
    })?;
    print_rows(
        &rows,
        args.query.format,
        &[
            "published",
            "date",
            "type",
            "mode",
            "cameo",
            "source_names",
            "source_codes",
            "target_names",
            "target_codes",
            "negated",
            "modality",
            "title",
        ],
    )
}

/// Runs `readout quotes`.
pub fn quotes(args: QuotesArgs) -> Result<ExitCode> {
    let store = open(&args.query)?;
    let rows = store.quotes(args.speaker.as_deref(), args.query.limit)?;
    print_rows(
        &rows,
        args.query.format,
        &["published", "speaker_name", "source", "cue", "content"],
    )
}

/// Prints rows in the format asked for; the table and CSV show `columns`, JSON every field.
fn print_rows<T: Serialize>(rows: &[T], format: RowFormat, columns: &[&str]) -> Result<ExitCode> {
    let values: Vec<Value> = rows
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<_, _>>()?;
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let cell = |v: &Value, c: &str| match &v[c] {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let written = match format {
        RowFormat::Json => serde_json::to_writer_pretty(&mut out, &values)
            .map_err(io::Error::from)
            .and_then(|_| writeln!(out)),
        RowFormat::Jsonl => values.iter().try_for_each(|v| writeln!(out, "{v}")),
        RowFormat::Csv => {
            let line = |cells: Vec<String>| {
                cells
                    .iter()
                    .map(|c| csv_field(c))
                    .collect::<Vec<_>>()
                    .join(",")
            };
            writeln!(
                out,
                "{}",
                line(columns.iter().map(|c| c.to_string()).collect())
            )
            .and_then(|_| {
                values.iter().try_for_each(|v| {
                    writeln!(
                        out,
                        "{}",
                        line(columns.iter().map(|c| cell(v, c)).collect())
                    )
                })
            })
        }
        RowFormat::Table => {
            // Long cells are cut, so that a row fits a line or two.
            let cut = |s: String| -> String {
                let one_line = s.replace(['\n', '\t'], " ");
                match one_line.char_indices().nth(60) {
                    Some((i, _)) => format!("{}...", &one_line[..i]),
                    None => one_line,
                }
            };
            let table: Vec<Vec<String>> = values
                .iter()
                .map(|v| columns.iter().map(|c| cut(cell(v, c))).collect())
                .collect();
            let widths: Vec<usize> = columns
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    table
                        .iter()
                        .map(|r| r[i].chars().count())
                        .chain([c.len()])
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            let row = |cells: &[String]| {
                cells
                    .iter()
                    .zip(&widths)
                    .map(|(c, w)| format!("{c:<w$}"))
                    .collect::<Vec<_>>()
                    .join("  ")
                    .trim_end()
                    .to_string()
            };
            let header: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
            writeln!(out, "{}", row(&header))
                .and_then(|_| table.iter().try_for_each(|r| writeln!(out, "{}", row(r))))
                .and_then(|_| writeln!(out, "({} rows)", table.len()))
        }
    };
    match written.and_then(|_| out.flush()) {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => {
            other.context("writing output")?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A CSV field, quoted when it holds a comma, a quotation mark or a line break (RFC 4180).
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::csv_field;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"no\""), "\"say \"\"no\"\"\"");
    }
}
