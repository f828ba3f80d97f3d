//! JSONL: one article per line, in the shape of the shared corpus
//! (`{"id", "url", "title", "published", "source", "text"}`); other fields are ignored.

use std::io::BufRead;

use readout_model::{Article, InputFormat, Origin};
use serde::Deserialize;

use crate::date::published_or_warn;
use crate::lines::{read_bounded, Line};
use crate::{io_problem, IngestError, Ingested, Location};

#[derive(Deserialize)]
struct JsonArticle {
    #[serde(default)]
    id: Option<serde_json::Value>,
    #[serde(default)]
    text: Option<String>,
    #[serde(default)]
    body: Option<String>,
    #[serde(default)]
    title: Option<String>,
    #[serde(default)]
    url: Option<String>,
    #[serde(default)]
    published: Option<String>,
    #[serde(default)]
    date: Option<String>,
    #[serde(default)]
    source: Option<String>,
    #[serde(default, alias = "lang")]
    language: Option<String>,
    #[serde(default, alias = "author")]
    byline: Option<String>,
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
        // Derived deserialisers also accept a JSON array for a struct; only objects count.
        if self.buf.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return vec![Ingested::Problem(IngestError::Json {
                at,
                message: "not a JSON object".to_string(),
            })];
        }
        let parsed: JsonArticle = match serde_json::from_slice(&self.buf) {
            Ok(p) => p,
            Err(e) => {
                return vec![Ingested::Problem(IngestError::Json {
                    at,
                    message: format!("not a JSON article object: {e}"),
                })]
            }
        };
        let Some(text) = parsed.text.or(parsed.body) else {
            return vec![Ingested::Problem(IngestError::Json {
                at,
                message: "no \"text\" field".to_string(),
            })];
        };
        let mut out = Vec::new();
        let published_raw = parsed.published.or(parsed.date);
        let published = published_raw
            .as_deref()
            .and_then(|raw| published_or_warn(raw, &at, &mut out));
        let external_id = parsed.id.and_then(|v| match v {
            serde_json::Value::String(s) => Some(s),
            serde_json::Value::Null => None,
            other => Some(other.to_string()),
        });
        let article = Article {
            external_id,
            source: parsed.source,
            url: parsed.url,
            title: parsed.title,
            byline: parsed.byline,
            published,
            language: parsed.language,
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
