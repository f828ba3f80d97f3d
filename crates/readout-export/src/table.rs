//! Flat tables of the store written as Parquet files: `articles`, `events` (across
//! articles), `mentions` and `quotes`. Every column is a nullable 64-bit integer, double or
//! UTF-8 string, which pandas, Polars and DuckDB read as they are.

use std::fs::File;
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

use parquet::basic::Compression;
use parquet::data_type::{ByteArray, ByteArrayType, DoubleType, Int64Type};
use parquet::file::properties::WriterProperties;
use parquet::file::reader::{FileReader, SerializedFileReader};
use parquet::file::writer::SerializedFileWriter;
use parquet::record::Field;
use readout_store::{QuoteFilter, Store};

use crate::{ExportError, Staging, Written};

/// One cell.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A missing value.
    Null,
    /// An integer.
    Int(i64),
    /// A real number.
    Float(f64),
    /// A string.
    Str(String),
}

impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Value {
        v.map_or(Value::Null, Value::Str)
    }
}

/// A code or value of the model (a PLOVER type, a CAMEO code, a TimeML value) as its text.
macro_rules! text_value {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(v: $t) -> Value {
                Value::Str(v.to_string())
            }
        }

        impl From<Option<$t>> for Value {
            fn from(v: Option<$t>) -> Value {
                v.map_or(Value::Null, |v| Value::Str(v.to_string()))
            }
        }
    )*};
}

text_value!(
    readout_model::PloverType,
    readout_model::PloverMode,
    readout_model::CameoCode,
    readout_model::TimeValue
);

impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Str(v)
    }
}

impl From<i64> for Value {
    fn from(v: i64) -> Value {
        Value::Int(v)
    }
}

impl From<Option<i64>> for Value {
    fn from(v: Option<i64>) -> Value {
        v.map_or(Value::Null, Value::Int)
    }
}

impl From<f64> for Value {
    fn from(v: f64) -> Value {
        Value::Float(v)
    }
}

/// The type of a column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// 64-bit integers.
    Int,
    /// Doubles.
    Float,
    /// UTF-8 strings.
    Str,
}

/// A table: named, typed columns and rows of cells.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column names and types.
    pub columns: Vec<(String, Kind)>,
    /// Rows, each with one cell per column.
    pub rows: Vec<Vec<Value>>,
}

impl Table {
    fn new(columns: &[(&str, Kind)]) -> Table {
        Table {
            columns: columns.iter().map(|(n, k)| (n.to_string(), *k)).collect(),
            rows: Vec::new(),
        }
    }
}

/// Rows written per row group: a group is held in memory before it is written.
const ROW_GROUP: usize = 50_000;

/// Writes the four tables.
pub(crate) fn export(store: &Store, staging: &mut Staging) -> Result<Written, ExportError> {
    let mut written = Written::default();
    let mut articles = Writer::create(
        staging,
        "articles.parquet",
        &[
            ("id", Kind::Str),
            ("source", Kind::Str),
            ("url", Kind::Str),
            ("title", Kind::Str),
            ("published", Kind::Str),
            ("language", Kind::Str),
            ("story_id", Kind::Int),
            ("text", Kind::Str),
        ],
    )?;
    store.each_article(|a| {
        articles.push(vec![
            a.id.into(),
            a.source.into(),
            a.url.into(),
            a.title.into(),
            a.published.into(),
            a.language.into(),
            a.story_id.into(),
            a.text.into(),
        ])
    })?;
    written.files.push(articles.finish()?);
    let mut events = Writer::create(
        staging,
        "events.parquet",
        &[
            ("id", Kind::Int),
            ("story_id", Kind::Int),
            ("type", Kind::Str),
            ("mode", Kind::Str),
            ("cameo", Kind::Str),
            ("source_codes", Kind::Str),
            ("target_codes", Kind::Str),
            ("source_names", Kind::Str),
            ("target_names", Kind::Str),
            ("negated", Kind::Int),
            ("modality", Kind::Str),
            ("date", Kind::Str),
            ("articles", Kind::Int),
            ("sources", Kind::Int),
            ("first_seen", Kind::Str),
            ("last_seen", Kind::Str),
        ],
    )?;
    let mut mentions = Writer::create(
        staging,
        "mentions.parquet",
        &[
            ("event_id", Kind::Int),
            ("article_id", Kind::Str),
            ("outlet", Kind::Str),
            ("published", Kind::Str),
            ("event", Kind::Str),
            ("sentence", Kind::Int),
            ("trigger_start", Kind::Int),
            ("trigger_end", Kind::Int),
            ("trigger", Kind::Str),
            ("confidence", Kind::Float),
            ("reports", Kind::Int),
        ],
    )?;
    store.each_story_event(|e| {
        for m in &e.mentions {
            mentions.push(vec![
                e.id.into(),
                m.article_id.clone().into(),
                m.outlet.clone().into(),
                m.published.clone().into(),
                m.event.clone().into(),
                m.sentence.into(),
                m.trigger_start.into(),
                m.trigger_end.into(),
                m.trigger.clone().into(),
                m.confidence.into(),
                m.reports.into(),
            ])?;
        }
        events.push(vec![
            e.id.into(),
            (e.story_id as i64).into(),
            e.kind.into(),
            e.mode.into(),
            e.cameo.into(),
            e.source_codes.into(),
            e.target_codes.into(),
            e.source_names.into(),
            e.target_names.into(),
            (e.negated as i64).into(),
            e.modality.into(),
            e.date.into(),
            e.articles.into(),
            e.sources.into(),
            e.first_seen.into(),
            e.last_seen.into(),
        ])
    })?;
    written.files.push(events.finish()?);
    written.files.push(mentions.finish()?);
    let mut quotes = Writer::create(
        staging,
        "quotes.parquet",
        &[
            ("article_id", Kind::Str),
            ("quote", Kind::Str),
            ("published", Kind::Str),
            ("outlet", Kind::Str),
            ("speaker_name", Kind::Str),
            ("source", Kind::Str),
            ("cue", Kind::Str),
            ("relays", Kind::Str),
            ("content", Kind::Str),
        ],
    )?;
    let all = store.quotes(&QuoteFilter {
        limit: i64::MAX as usize,
        ..QuoteFilter::default()
    })?;
    for q in all {
        quotes.push(vec![
            q.article_id.into(),
            q.quote.into(),
            q.published.into(),
            q.outlet.into(),
            q.speaker_name.into(),
            q.source.into(),
            q.cue.into(),
            q.relays.into(),
            q.content.into(),
        ])?;
    }
    written.files.push(quotes.finish()?);
    Ok(written)
}

/// A Parquet file being written a row group at a time.
struct Writer {
    path: String,
    table: Table,
    file: SerializedFileWriter<Box<dyn Write + Send>>,
    rows: u64,
}

impl Writer {
    fn create(
        staging: &mut Staging,
        name: &str,
        columns: &[(&str, Kind)],
    ) -> Result<Writer, ExportError> {
        let (path, out) = staging.create(name)?;
        let name = path.display().to_string();
        let table = Table::new(columns);
        let fields: Vec<String> = table
            .columns
            .iter()
            .map(|(n, k)| match k {
                Kind::Int => format!("OPTIONAL INT64 {n};"),
                Kind::Float => format!("OPTIONAL DOUBLE {n};"),
                Kind::Str => format!("OPTIONAL BYTE_ARRAY {n} (UTF8);"),
            })
            .collect();
        let message = format!("message readout {{ {} }}", fields.join(" "));
        let parquet = |source| ExportError::Parquet {
            path: name.clone(),
            source,
        };
        let schema =
            Arc::new(parquet::schema::parser::parse_message_type(&message).map_err(parquet)?);
        let properties = Arc::new(
            WriterProperties::builder()
                .set_compression(Compression::SNAPPY)
                .build(),
        );
        let file = SerializedFileWriter::new(out, schema, properties).map_err(parquet)?;
        Ok(Writer {
            path: name,
            table,
            file,
            rows: 0,
        })
    }

    fn push(&mut self, row: Vec<Value>) -> Result<(), ExportError> {
        self.table.rows.push(row);
        self.rows += 1;
        if self.table.rows.len() >= ROW_GROUP {
            self.flush()?;
        }
        Ok(())
    }

    /// Writes the rows held as one row group.
    fn flush(&mut self) -> Result<(), ExportError> {
        if self.table.rows.is_empty() {
            return Ok(());
        }
        let parquet = |source| ExportError::Parquet {
            path: self.path.clone(),
            source,
        };
        let mut group = self.file.next_row_group().map_err(parquet)?;
        let mut index = 0;
        while let Some(mut column) = group.next_column().map_err(parquet)? {
            let cells = self.table.rows.iter().map(|r| &r[index]);
            let levels: Vec<i16> = cells.clone().map(|c| (*c != Value::Null) as i16).collect();
            match self.table.columns[index].1 {
                Kind::Int => {
                    let values: Vec<i64> = cells
                        .filter_map(|c| match c {
                            Value::Int(v) => Some(*v),
                            _ => None,
                        })
                        .collect();
                    column
                        .typed::<Int64Type>()
                        .write_batch(&values, Some(&levels), None)
                        .map_err(parquet)?;
                }
                Kind::Float => {
                    let values: Vec<f64> = cells
                        .filter_map(|c| match c {
                            Value::Float(v) => Some(*v),
                            _ => None,
                        })
                        .collect();
                    column
                        .typed::<DoubleType>()
                        .write_batch(&values, Some(&levels), None)
                        .map_err(parquet)?;
                }
                Kind::Str => {
                    let values: Vec<ByteArray> = cells
                        .filter_map(|c| match c {
                            Value::Str(v) => Some(ByteArray::from(v.as_str())),
                            _ => None,
                        })
                        .collect();
                    column
                        .typed::<ByteArrayType>()
                        .write_batch(&values, Some(&levels), None)
                        .map_err(parquet)?;
                }
            }
            column.close().map_err(parquet)?;
            index += 1;
        }
        group.close().map_err(parquet)?;
        self.table.rows.clear();
        Ok(())
    }

    fn finish(mut self) -> Result<(std::path::PathBuf, u64), ExportError> {
        self.flush()?;
        self.file.close().map_err(|source| ExportError::Parquet {
            path: self.path.clone(),
            source,
        })?;
        Ok((self.path.into(), self.rows))
    }
}

/// Reads a Parquet file back as a table (any file of flat integer, double and string
/// columns).
pub fn read_parquet(path: &Path) -> Result<Table, ExportError> {
    let name = path.display().to_string();
    let parquet = |source| ExportError::Parquet {
        path: name.clone(),
        source,
    };
    let file = File::open(path).map_err(|source| ExportError::Io {
        path: name.clone(),
        source,
    })?;
    let reader = SerializedFileReader::new(file).map_err(parquet)?;
    let schema = reader.metadata().file_metadata().schema_descr_ptr();
    let columns: Vec<(String, Kind)> = schema
        .columns()
        .iter()
        .map(|c| {
            let kind = match c.physical_type() {
                parquet::basic::Type::INT64 | parquet::basic::Type::INT32 => Kind::Int,
                parquet::basic::Type::DOUBLE | parquet::basic::Type::FLOAT => Kind::Float,
                _ => Kind::Str,
            };
            (c.name().to_string(), kind)
        })
        .collect();
    let mut rows = Vec::new();
    for (n, row) in reader.get_row_iter(None).map_err(parquet)?.enumerate() {
        let row = row.map_err(parquet)?;
        let cells = row
            .get_column_iter()
            .map(|(_, field)| match field {
                Field::Null => Ok(Value::Null),
                Field::Long(v) => Ok(Value::Int(*v)),
                Field::Int(v) => Ok(Value::Int(*v as i64)),
                Field::Double(v) => Ok(Value::Float(*v)),
                Field::Float(v) => Ok(Value::Float(*v as f64)),
                Field::Str(v) => Ok(Value::Str(v.clone())),
                other => Err(ExportError::Format {
                    path: name.clone(),
                    message: format!("row {}: unexpected value {other}", n + 1),
                }),
            })
            .collect::<Result<Vec<_>, _>>()?;
        rows.push(cells);
    }
    Ok(Table { columns, rows })
}
