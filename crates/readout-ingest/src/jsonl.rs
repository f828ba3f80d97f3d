//! JSONL: one article per line, in the shape of the shared corpus
//! (`{"id", "url", "title", "published", "source", "text"}`); other fields are ignored.
//!
//! A line is read as a JSON object field by field rather than into a fixed shape, so that one
//! field of the wrong type (`"title": {}`) costs that field, with a warning, and not the
//! article; invalid UTF-8 is decoded with U+FFFD, as in every other format.

use std::io::BufRead;

use readout_model::{Article, InputFormat, Origin};
use serde_json::{Map, Value};

use crate::date::published_or_warn;
use crate::lines::{read_bounded, Line};
use crate::{io_problem, IngestError, Ingested, Location};

/// The JSON type of a value, as messages name it.
fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The fields of one line, taken out one by one with a warning for each of a wrong type.
struct Fields<'a> {
    map: Map<String, Value>,
    at: &'a Location,
    out: &'a mut Vec<Ingested>,
}

impl Fields<'_> {
    /// The first of `names` present and not null, with the name it was found under.
    fn take(&mut self, names: &[&'static str]) -> Option<(&'static str, Value)> {
        names.iter().find_map(|&name| match self.map.remove(name) {
            None | Some(Value::Null) => None,
            Some(value) => Some((name, value)),
        })
    }

    fn warn(&mut self, field: &str, value: &Value, wanted: &'static str) {
        self.out.push(Ingested::Problem(IngestError::Field {
            at: self.at.clone(),
            field: field.to_string(),
            found: json_type(value),
            wanted,
        }));
    }

    /// A string field (under any of `names`); any other type is dropped with a warning.
    fn string(&mut self, names: &[&'static str]) -> Option<String> {
        match self.take(names)? {
            (_, Value::String(s)) => Some(s),
            (name, other) => {
                self.warn(name, &other, "a string");
                None
            }
        }
    }

    /// An identifier: a string, or a number written as JSON writes it.
    fn id(&mut self) -> Option<String> {
        match self.take(&["id"])? {
            (_, Value::String(s)) => Some(s),
            (_, Value::Number(n)) => Some(n.to_string()),
            (name, other) => {
                self.warn(name, &other, "a string or a number");
                None
            }
        }
    }
}

/// Streams articles from JSONL, one line at a time.
pub struct JsonlReader<R> {
    path: String,
    reader: R,
    limit: usize,
    line: u64,
    offset: u64,
    index: u64,
    buf: Vec<u8>,
    done: bool,
    compressed: bool,
}

impl<R: BufRead> JsonlReader<R> {
    /// A reader over `reader`, naming `path` in messages.
    pub fn new(path: &str, reader: R, limit: usize, compressed: bool) -> Self {
        JsonlReader {
            path: path.to_string(),
            reader,
            limit,
            line: 0,
            offset: 0,
            index: 0,
            buf: Vec::new(),
            done: false,
            compressed,
        }
    }

    fn parse(&mut self, line_start: u64) -> Vec<Ingested> {
        let at = Location::line(&self.path, self.line);
        let mut out = Vec::new();
        let decoded;
        let line = match std::str::from_utf8(&self.buf) {
            Ok(line) => line,
            Err(e) => {
                out.push(Ingested::Problem(IngestError::InvalidUtf8 {
                    at: Location {
                        offset: Some(line_start + e.valid_up_to() as u64),
                        ..at.clone()
                    },
                }));
                decoded = String::from_utf8_lossy(&self.buf);
                &decoded
            }
        };
        // Only an object is an article (a derived reader would also take an array).
        let map = match serde_json::from_str::<Value>(line) {
            Ok(Value::Object(map)) => map,
            Ok(_) => {
                out.push(Ingested::Problem(IngestError::Json {
                    at,
                    message: "not a JSON object".to_string(),
                }));
                return out;
            }
            Err(e) => {
                out.push(Ingested::Problem(IngestError::Json {
                    at,
                    message: format!("not a JSON article object: {e}"),
                }));
                return out;
            }
        };
        let mut fields = Fields {
            map,
            at: &at,
            out: &mut out,
        };
        let text = match fields.take(&["text", "body"]) {
            Some((_, Value::String(text))) => text,
            Some((name, other)) => {
                let message = format!(
                    "the field \"{name}\" is {}, not a string, and there is no other text",
                    json_type(&other)
                );
                out.push(Ingested::Problem(IngestError::Json { at, message }));
                return out;
            }
            None => {
                out.push(Ingested::Problem(IngestError::Json {
                    at,
                    message: "no \"text\" field".to_string(),
                }));
                return out;
            }
        };
        let external_id = fields.id();
        let source = fields.string(&["source"]);
        let url = fields.string(&["url"]);
        let title = fields.string(&["title"]);
        let byline = fields.string(&["byline", "author"]);
        let published_raw = fields.string(&["published", "date"]);
        let language = fields.string(&["language", "lang"]);
        if text.trim().is_empty() {
            out.push(Ingested::Problem(IngestError::Blank {
                at,
                what: "the text is empty or blank".to_string(),
            }));
            return out;
        }
        let published = published_raw
            .as_deref()
            .and_then(|raw| published_or_warn(raw, &at, &mut out));
        let article = Article {
            external_id,
            source,
            url,
            title,
            byline,
            published,
            language,
            text,
            origin: Origin {
                path: self.path.clone(),
                format: Some(InputFormat::Jsonl),
                line: Some(self.line),
                byte_offset: Some(line_start),
                index: self.index,
            },
            ..Article::default()
        };
        self.index += 1;
        out.push(Ingested::Article(Box::new(article)));
        out
    }
}

impl<R: BufRead> Iterator for JsonlReader<R> {
    type Item = Vec<Ingested>;

    fn next(&mut self) -> Option<Vec<Ingested>> {
        while !self.done {
            let start = self.offset;
            let outcome = read_bounded(&mut self.reader, &mut self.buf, self.limit);
            let (line, consumed) = match outcome {
                Ok(x) => x,
                Err(e) => {
                    self.done = true;
                    let at = Location {
                        path: self.path.clone(),
                        line: Some(self.line + 1),
                        offset: Some(start),
                    };
                    return Some(vec![io_problem(at, e, self.compressed)]);
                }
            };
            self.offset += consumed;
            match line {
                Line::End => self.done = true,
                Line::TooLong => {
                    self.line += 1;
                    return Some(vec![Ingested::Problem(IngestError::TooLarge {
                        at: Location::line(&self.path, self.line),
                        what: "the line",
                        limit: self.limit,
                    })]);
                }
                Line::Read => {
                    self.line += 1;
                    if self.buf.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    return Some(self.parse(start));
                }
            }
        }
        None
    }
}
