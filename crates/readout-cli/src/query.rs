//! The query commands over the store: `readout search`, `events`, `quotes`, `stories`,
//! `timeline`, `claims` and `actors`.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use chrono::NaiveDate;
use clap::ValueEnum;
use readout_model::PloverType;
use readout_store::{ActorFilter, EventFilter, QuoteFilter, Store, StoryEventRow, StoryRow};
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
    /// Words to find, all of them, in any order (`O'Brien`, `U.S.`, `9/11` are words).
    text: String,
    /// Read TEXT as SQLite FTS5 syntax instead: "a phrase", a OR b, a NOT b, pre*.
    #[arg(long)]
    fts: bool,
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
    /// The PLOVER type (CONSULT, ACCUSE, ...; any case).
    #[arg(long = "type", value_parser = PloverType::parse_any_case)]
    kind: Option<PloverType>,
    /// The earliest date: YYYY-MM-DD, YYYY-MM (from its first day) or YYYY.
    #[arg(long, value_parser = first_day)]
    since: Option<NaiveDate>,
    /// The latest date: YYYY-MM-DD, YYYY-MM (to its last day) or YYYY.
    #[arg(long, value_parser = last_day)]
    until: Option<NaiveDate>,
    #[command(flatten)]
    query: QueryArgs,
}

/// Arguments of `readout quotes`.
#[derive(clap::Args)]
pub struct QuotesArgs {
    /// A part of the speaker's name.
    #[arg(long)]
    speaker: Option<String>,
    /// A part of the name of an outlet the quotation came through: a relay ("quoted by
    /// Reuters"), the article's own outlet, or the speaker ("Reuters reported").
    #[arg(long)]
    via: Option<String>,
    #[command(flatten)]
    query: QueryArgs,
}

/// Arguments of `readout actors`.
#[derive(clap::Args)]
pub struct ActorsArgs {
    /// A part of the person's name.
    #[arg(long)]
    name: Option<String>,
    #[command(flatten)]
    query: QueryArgs,
}

/// Arguments of `readout stories`.
#[derive(clap::Args)]
pub struct StoriesArgs {
    /// Stories seen on or after this date: YYYY-MM-DD, YYYY-MM or YYYY.
    #[arg(long, value_parser = first_day)]
    since: Option<NaiveDate>,
    /// Only stories of at least this many articles.
    #[arg(long, default_value_t = 1)]
    min_articles: usize,
    /// One story, by number.
    #[arg(long)]
    id: Option<u64>,
    /// Each story with its events (and their mentions) and its quotations.
    #[arg(long)]
    full: bool,
    #[command(flatten)]
    query: QueryArgs,
}

/// Arguments of `readout timeline`.
#[derive(clap::Args)]
pub struct TimelineArgs {
    /// An actor: a code (RUS) or a part of an actor's name.
    #[arg(long)]
    actor: String,
    /// A second actor.
    #[arg(long)]
    with: Option<String>,
    #[command(flatten)]
    query: QueryArgs,
}

/// Arguments of `readout claims`.
#[derive(clap::Args)]
pub struct ClaimsArgs {
    #[command(flatten)]
    query: QueryArgs,
}

/// The first day of a date given on the command line; a date that is none is a usage
/// error naming it.
fn first_day(text: &str) -> Result<NaiveDate, String> {
    readout_store::date_bounds(text)
        .map(|(first, _)| first)
        .map_err(|e| e.to_string())
}

/// The last day of a date given on the command line.
fn last_day(text: &str) -> Result<NaiveDate, String> {
    readout_store::date_bounds(text)
        .map(|(_, last)| last)
        .map_err(|e| e.to_string())
}

/// Opens the store for reading only: a query never writes, so it runs where the database
/// cannot be written.
pub(crate) fn open(db: &Path) -> Result<Store> {
    if !db.exists() {
        return Err(crate::Failure::Store(format!(
            "{}: no such database (fill one with `readout ingest INPUT --db FILE`)",
            db.display()
        ))
        .into());
    }
    Store::open_read_only(db).with_context(|| format!("opening {}", db.display()))
}

/// Runs `readout search`.
pub fn search(args: SearchArgs) -> Result<ExitCode> {
    let store = open(&args.query.db)?;
    let query = if args.fts {
        args.text.clone()
    } else {
        readout_store::fts_words(&args.text)
    };
    let hits = store
        .search_hits(&query, args.query.limit)
        .with_context(|| format!("searching for {:?}", args.text))?;
    print_rows(
        &hits,
        args.query.format,
        &["published", "source", "title", "snippet"],
    )
}

/// Runs `readout events`.
pub fn events(args: EventsArgs) -> Result<ExitCode> {
    let store = open(&args.query.db)?;
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
    let store = open(&args.query.db)?;
    let rows = store.quotes(&QuoteFilter {
        speaker: args.speaker,
        via: args.via,
        story: None,
        limit: args.query.limit,
    })?;
    print_rows(&rows, args.query.format, QUOTE_COLUMNS)
}

/// Runs `readout actors`.
pub fn actors(args: ActorsArgs) -> Result<ExitCode> {
    let store = open(&args.query.db)?;
    let rows = store.actors(&ActorFilter {
        name: args.name,
        limit: args.query.limit,
    })?;
    print_rows(&rows, args.query.format, ACTOR_COLUMNS)
}

const ACTOR_COLUMNS: &[&str] = &[
    "name",
    "country",
    "sector",
    "articles",
    "first_seen",
    "last_seen",
    "source",
];

const QUOTE_COLUMNS: &[&str] = &[
    "published",
    "outlet",
    "speaker_name",
    "source",
    "cue",
    "relays",
    "content",
];

const STORY_COLUMNS: &[&str] = &[
    "id",
    "first_seen",
    "last_seen",
    "articles",
    "sources",
    "event_count",
    "title",
];

const STORY_EVENT_COLUMNS: &[&str] = &[
    "when",
    "type",
    "cameo",
    "source_names",
    "source_codes",
    "target_names",
    "target_codes",
    "articles",
    "sources",
    "mentioned",
];

/// Runs `readout stories`.
pub fn stories(args: StoriesArgs) -> Result<ExitCode> {
    let store = open(&args.query.db)?;
    let mut rows = match args.id {
        Some(id) => store.story(id)?.into_iter().collect(),
        None => store.stories(args.since, args.min_articles, args.query.limit)?,
    };
    if args.full && args.id.is_none() {
        rows = rows
            .into_iter()
            .map(|r| Ok(store.story(r.id)?.unwrap_or(r)))
            .collect::<Result<_, readout_store::StoreError>>()?;
    }
    if args.id.is_some() && rows.is_empty() {
        anyhow::bail!(
            "no story {} in {}",
            args.id.unwrap_or(0),
            args.query.db.display()
        );
    }
    let detailed = args.full || args.id.is_some();
    if !detailed || !matches!(args.query.format, RowFormat::Table) {
        return print_rows(&rows, args.query.format, STORY_COLUMNS);
    }
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = rows
        .iter()
        .try_for_each(|story| write_story(&mut out, story));
    finish(written.and_then(|_| out.flush()))
}

/// A story for reading: a heading, its events with their mentions, its quotations.
fn write_story(out: &mut impl Write, story: &StoryRow) -> io::Result<()> {
    writeln!(
        out,
        "story {}: {} ({} articles from {} outlets, {} to {})",
        story.id,
        story.title.as_deref().unwrap_or("(no headline)"),
        story.articles,
        story.sources,
        story.first_seen.as_deref().unwrap_or("?"),
        story.last_seen.as_deref().unwrap_or("?"),
    )?;
    writeln!(out, "events:")?;
    let events: Vec<Value> = story.events.iter().map(event_value).collect();
    write_rows(out, &events, RowFormat::Table, STORY_EVENT_COLUMNS)?;
    writeln!(out, "quotations:")?;
    let quotes: Vec<Value> = story
        .quotes
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<_, _>>()?;
    write_rows(out, &quotes, RowFormat::Table, QUOTE_COLUMNS)?;
    writeln!(out)
}

/// An event across articles as a row: its date (the one a report gives, else the first
/// publication) and its mentions in a line (`outlet date "trigger"`).
fn event_value(e: &StoryEventRow) -> Value {
    let mut v = serde_json::to_value(e).unwrap_or(Value::Null);
    let when = (e.date.as_ref().map(ToString::to_string)).or_else(|| e.first_seen.clone());
    let mentioned = e
        .mentions
        .iter()
        .map(|m| {
            format!(
                "{} \"{}\"",
                m.outlet
                    .as_deref()
                    .unwrap_or(&m.article_id[..12.min(m.article_id.len())]),
                m.trigger
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    v["when"] = when.map_or(Value::Null, Value::String);
    v["mentioned"] = Value::String(mentioned);
    v
}

/// Runs `readout timeline`.
pub fn timeline(args: TimelineArgs) -> Result<ExitCode> {
    let store = open(&args.query.db)?;
    let rows = store.timeline(&args.actor, args.with.as_deref(), args.query.limit)?;
    let values: Vec<Value> = rows.iter().map(event_value).collect();
    let mut columns = STORY_EVENT_COLUMNS.to_vec();
    columns.pop();
    columns.push("story_id");
    print_values(&values, args.query.format, &columns)
}

/// Runs `readout claims`.
pub fn claims(args: ClaimsArgs) -> Result<ExitCode> {
    let store = open(&args.query.db)?;
    let mut rows = store.claims()?;
    rows.truncate(args.query.limit);
    print_rows(
        &rows,
        args.query.format,
        &[
            "verdict", "ordinal", "found", "type", "codes", "anchor", "date", "text",
        ],
    )
}

/// Prints rows in the format asked for; the table and CSV show `columns`, JSON every field.
fn print_rows<T: Serialize>(rows: &[T], format: RowFormat, columns: &[&str]) -> Result<ExitCode> {
    let values: Vec<Value> = rows
        .iter()
        .map(serde_json::to_value)
        .collect::<Result<_, _>>()?;
    print_values(&values, format, columns)
}

/// Prints rows already made values.
fn print_values(values: &[Value], format: RowFormat, columns: &[&str]) -> Result<ExitCode> {
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let written = write_rows(&mut out, values, format, columns);
    finish(written.and_then(|_| out.flush()))
}

/// The exit of a query command: a closed pipe (`| head`) is no failure.
fn finish(written: io::Result<()>) -> Result<ExitCode> {
    match written {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        other => {
            other.context("writing output")?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Writes rows in a format.
fn write_rows(
    out: &mut impl Write,
    values: &[Value],
    format: RowFormat,
    columns: &[&str],
) -> io::Result<()> {
    let cell = |v: &Value, c: &str| match &v[c] {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    match format {
        RowFormat::Json => serde_json::to_writer_pretty(&mut *out, &values)
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
