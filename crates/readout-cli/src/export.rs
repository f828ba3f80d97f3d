//! `readout export`: the store as GDELT 2.0 tables, PLOVER records, JSON Lines or Parquet.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::ValueEnum;
use readout_export::Format;

/// The export formats.
#[derive(Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// GDELT 2.0 Events (61 columns) and Mentions (16 columns), tab-separated.
    Gdelt,
    /// PLOVER JSON records, one per line.
    Plover,
    /// readout's records and events across articles, one JSON object per line.
    Jsonl,
    /// Parquet tables: articles, events, mentions, quotes.
    Parquet,
}

/// Arguments of `readout export`.
#[derive(clap::Args)]
pub struct ExportArgs {
    /// The database `readout ingest` filled.
    #[arg(long)]
    db: PathBuf,
    /// The format.
    #[arg(long, value_enum)]
    format: ExportFormat,
    /// The directory to write the files in (created when missing).
    #[arg(long, default_value = "export")]
    out: PathBuf,
}

/// Runs `readout export`.
pub fn export(args: ExportArgs) -> Result<ExitCode> {
    let store = crate::query::open(&args.db)?;
    let format = match args.format {
        ExportFormat::Gdelt => Format::Gdelt,
        ExportFormat::Plover => Format::Plover,
        ExportFormat::Jsonl => Format::Jsonl,
        ExportFormat::Parquet => Format::Parquet,
    };
    let written = readout_export::export(&store, format, &args.out)
        .with_context(|| format!("exporting {}", args.db.display()))?;
    for (path, rows) in written.files {
        eprintln!("readout: {} ({rows} rows)", path.display());
    }
    Ok(ExitCode::SUCCESS)
}
