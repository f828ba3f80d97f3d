//! Exports of the store for other tools: GDELT 2.0 events and mentions (tab-separated, every
//! column in GDELT's order), PLOVER JSON records, readout's own JSON Lines, and Parquet
//! tables for pandas, Polars and DuckDB.
//!
//! Each export writes its files into a directory and says which it wrote; each format can
//! be read back (`gdelt::read`, `table::read_parquet`), which the round-trip tests do.
//!
//! An export is all or nothing: every file is written under a temporary name in the same
//! directory (`.NAME.tmp-PID`) and the files are renamed to their names only once all are
//! written, flushed and synced. On any error the temporary files are removed, and a file
//! of the same name from an earlier export is left as it was.
#![deny(missing_docs)]

pub mod gdelt;
pub mod plover;
pub mod table;

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};
use readout_store::{Store, StoreError, StoryEventRow};

/// What can go wrong in an export.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the store failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// A file could not be written or read.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// Why.
        source: std::io::Error,
    },
    /// A Parquet file could not be written or read.
    #[error("{path}: {source}")]
    Parquet {
        /// The file.
        path: String,
        /// Why.
        source: parquet::errors::ParquetError,
    },
    /// A file read back is not what an export writes.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: String,
        /// What is wrong, with the line or row.
        message: String,
    },
}

/// The formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// `gdelt.events.tsv` (61 columns) and `gdelt.mentions.tsv` (16 columns).
    Gdelt,
    /// `plover.jsonl`: one PLOVER record per event across articles.
    Plover,
    /// `articles.jsonl` (every article's record) and `events.jsonl` (events across
    /// articles with their mentions).
    Jsonl,
    /// `articles.parquet`, `events.parquet`, `mentions.parquet`, `quotes.parquet`.
    Parquet,
}

/// What an export wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Written {
    /// Each file with its number of rows (lines or records).
    pub files: Vec<(PathBuf, u64)>,
}

/// Writes the store in a format into `dir` (created when missing).
pub fn export(store: &Store, format: Format, dir: &Path) -> Result<Written, ExportError> {
    export_through(store, format, dir, &|file| Box::new(file))
}

/// What every file of an export is written through: the file opened under its temporary
/// name goes in, the writer the export writes to comes out (the file itself, or a writer
/// over it that counts, compresses or, in a test, fails part way).
pub type Through<'a> = &'a (dyn Fn(File) -> Box<dyn Write + Send> + Sync);

/// [`export`], with every file written through `through`.
pub fn export_through(
    store: &Store,
    format: Format,
    dir: &Path,
    through: Through,
) -> Result<Written, ExportError> {
    std::fs::create_dir_all(dir).map_err(|source| ExportError::Io {
        path: dir.display().to_string(),
        source,
    })?;
    let mut staging = Staging {
        dir: dir.to_path_buf(),
        through,
        files: Vec::new(),
        committed: false,
    };
    let written = match format {
        Format::Gdelt => gdelt::export(store, &mut staging),
        Format::Plover => plover::export(store, &mut staging),
        Format::Jsonl => jsonl(store, &mut staging),
        Format::Parquet => table::export(store, &mut staging),
    }?;
    staging.commit()?;
    Ok(written)
}

/// The files of one export, written under temporary names until [`Staging::commit`]
/// renames them; dropped before, it removes them.
pub(crate) struct Staging<'a> {
    dir: PathBuf,
    through: Through<'a>,
    /// Each file's temporary path and final path.
    files: Vec<(PathBuf, PathBuf)>,
    committed: bool,
}

impl Staging<'_> {
    /// Opens the file `name` of the export under its temporary name; returns its final
    /// path and the writer.
    pub(crate) fn create(
        &mut self,
        name: &str,
    ) -> Result<(PathBuf, Box<dyn Write + Send>), ExportError> {
        let path = self.dir.join(name);
        let temporary = self.dir.join(format!(".{name}.tmp-{}", std::process::id()));
        let file = File::create(&temporary).map_err(|source| ExportError::Io {
            path: temporary.display().to_string(),
            source,
        })?;
        self.files.push((temporary, path.clone()));
        Ok((path, (self.through)(file)))
    }

    /// Syncs every file to the disk and renames it to its name.
    fn commit(mut self) -> Result<(), ExportError> {
        let io = |path: &Path, source| ExportError::Io {
            path: path.display().to_string(),
            source,
        };
        for (temporary, path) in &self.files {
            File::open(temporary)
                .and_then(|f| f.sync_all())
                .map_err(|e| io(path, e))?;
        }
        for (temporary, path) in &self.files {
            std::fs::rename(temporary, path).map_err(|e| io(path, e))?;
        }
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staging<'_> {
    fn drop(&mut self) {
        if !self.committed {
            for (temporary, _) in &self.files {
                let _ = std::fs::remove_file(temporary);
            }
        }
    }
}

/// An event's day, as far as it is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct EventDay {
    pub year: i32,
    /// 1 when only the year is known.
    pub month: u32,
    /// 1 when only the year or the month is known.
    pub day: u32,
    /// `day`, `month` or `year`.
    pub precision: &'static str,
}

/// The event's day: the date a report gives, else its first publication date. A month or
/// a year given alone stands for its first day; anything else (`FY2017`) for no day.
pub(crate) fn event_day(e: &StoryEventRow) -> Option<EventDay> {
    let day = |d: NaiveDate, precision| EventDay {
        year: d.year(),
        month: d.month(),
        day: d.day(),
        precision,
    };
    let Some(date) = &e.date else {
        // The first publication date is stored as ISO 8601, its day first.
        let first = e.first_seen.as_deref()?;
        let first = NaiveDate::parse_and_remainder(first, "%Y-%m-%d").ok()?.0;
        return Some(day(first, "day"));
    };
    if let Some(d) = date.day() {
        return Some(day(d, "day"));
    }
    if let Some((year, month)) = date.month() {
        return NaiveDate::from_ymd_opt(year, month, 1).map(|d| day(d, "month"));
    }
    let year = date.year()?;
    NaiveDate::from_ymd_opt(year, 1, 1).map(|d| day(d, "year"))
}

/// A file of lines being written, which names itself in its errors.
pub(crate) struct Out {
    path: PathBuf,
    file: BufWriter<Box<dyn Write + Send>>,
    /// Lines written.
    pub lines: u64,
}

impl Out {
    pub(crate) fn create(staging: &mut Staging, name: &str) -> Result<Out, ExportError> {
        let (path, file) = staging.create(name)?;
        Ok(Out {
            path,
            file: BufWriter::with_capacity(1 << 16, file),
            lines: 0,
        })
    }

    pub(crate) fn line(&mut self, line: &str) -> Result<(), ExportError> {
        self.lines += 1;
        self.file
            .write_all(line.as_bytes())
            .and_then(|_| self.file.write_all(b"\n"))
            .map_err(|source| self.io(source))
    }

    pub(crate) fn json(&mut self, value: &impl serde::Serialize) -> Result<(), ExportError> {
        let line = serde_json::to_string(value).map_err(|e| ExportError::Format {
            path: self.path.display().to_string(),
            message: format!("line {}: {e}", self.lines + 1),
        })?;
        self.line(&line)
    }

    pub(crate) fn finish(mut self) -> Result<(PathBuf, u64), ExportError> {
        self.file.flush().map_err(|source| self.io(source))?;
        Ok((self.path, self.lines))
    }

    fn io(&self, source: std::io::Error) -> ExportError {
        ExportError::Io {
            path: self.path.display().to_string(),
            source,
        }
    }
}

/// readout's own JSON Lines: every article's record as `readout extract --format jsonl`
/// prints it, and every event across articles with its mentions.
fn jsonl(store: &Store, staging: &mut Staging) -> Result<Written, ExportError> {
    let mut articles = Out::create(staging, "articles.jsonl")?;
    store.each_record(|record| articles.json(&record))?;
    let mut events = Out::create(staging, "events.jsonl")?;
    store.each_story_event(|event| events.json(&event))?;
    Ok(Written {
        files: vec![articles.finish()?, events.finish()?],
    })
}
