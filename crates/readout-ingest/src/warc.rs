//! WARC files (ISO 28500), plain or gzipped: each HTML `response` record an article.
//!
//! The reader is written here rather than taken from the `warc` crate because a reader of
//! untrusted archives must say where it stopped: this one counts bytes, so every message
//! names the offset of the record at fault, a truncated last record is reported rather than
//! silently dropped, header blocks are bounded and oversized records are skipped without
//! being held in memory.

use std::io::{self, BufRead, Read};

use readout_model::{InputFormat, Origin};

use crate::date::parse_published;
use crate::html::Page;
use crate::lines::{read_bounded, Line};
use crate::{io_problem, IngestError, Ingested, Location};

const MAX_HEADER_LINE: usize = 16 * 1024;
const MAX_HEADER_LINES: usize = 512;

/// Streams articles from a WARC file.
pub struct WarcReader<R> {
    path: String,
    reader: R,
    limit: usize,
    offset: u64,
    index: u64,
    done: bool,
    compressed: bool,
    line: Vec<u8>,
}

struct Headers(Vec<(String, String)>);

impl Headers {
    fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

impl<R: BufRead> WarcReader<R> {
    /// A reader over `reader`, naming `path` in messages; records larger than `limit` bytes
    /// are skipped.
    pub fn new(path: &str, reader: R, limit: usize, compressed: bool) -> Self {
        WarcReader {
            path: path.to_string(),
            reader,
            limit,
            offset: 0,
            index: 0,
            done: false,
            compressed,
            line: Vec::new(),
        }
    }

    fn fail(&mut self, offset: u64, message: String) -> Vec<Ingested> {
        self.done = true;
        vec![Ingested::Problem(IngestError::Warc {
            at: Location::offset(&self.path, offset),
            message,
        })]
    }

    fn read_line(&mut self) -> io::Result<Line> {
        let (line, consumed) = read_bounded(&mut self.reader, &mut self.line, MAX_HEADER_LINE)?;
        self.offset += consumed;
        Ok(line)
    }

    /// Reads one record; `None` at the clean end of the file.
    fn record(&mut self) -> Option<Vec<Ingested>> {
        // Records are separated by blank lines; skip them.
        let record_start = loop {
            let start = self.offset;
            match self.read_line() {
                Err(e) => return Some(self.io_error(start, e)),
                Ok(Line::End) => return None,
                Ok(Line::TooLong) => {
                    return Some(self.fail(start, "expected a WARC version line".into()))
                }
                Ok(Line::Read) if self.line.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(Line::Read) => break start,
            }
        };
        if !self.line.starts_with(b"WARC/") {
            return Some(self.fail(
                record_start,
                "expected a WARC version line (\"WARC/1.0\") at the start of a record".into(),
            ));
        }
        let mut headers = Vec::new();
        loop {
            let at = self.offset;
            match self.read_line() {
                Err(e) => return Some(self.io_error(at, e)),
                Ok(Line::End) => {
                    return Some(self.fail(
                        record_start,
                        "file ends inside a record's header block (truncated)".into(),
                    ))
                }
                Ok(Line::TooLong) => {
                    return Some(self.fail(at, "header line too long".into()));
                }
                Ok(Line::Read) if self.line.is_empty() => break,
                Ok(Line::Read) => {
                    if headers.len() >= MAX_HEADER_LINES {
                        return Some(self.fail(at, "too many header lines".into()));
                    }
                    let line = String::from_utf8_lossy(&self.line);
                    match line.split_once(':') {
                        Some((k, v)) => headers.push((k.trim().to_string(), v.trim().to_string())),
                        None => {
                            return Some(self.fail(at, format!("malformed header line {line:?}")))
                        }
                    }
                }
            }
        }
        let headers = Headers(headers);
        let Some(length) = headers
            .get("Content-Length")
            .and_then(|v| v.parse::<u64>().ok())
        else {
            return Some(self.fail(
                record_start,
                "record has no valid Content-Length header".into(),
            ));
        };
        let payload_start = self.offset;
        if length > self.limit as u64 {
            let skipped = io::copy(&mut (&mut self.reader).take(length), &mut io::sink());
            return Some(match skipped {
                Ok(n) if n == length => {
                    self.offset += n;
                    vec![Ingested::Problem(IngestError::TooLarge {
                        at: Location::offset(&self.path, record_start),
                        what: "the WARC record",
                        limit: self.limit,
                    })]
                }
                Ok(n) => self.fail(
                    record_start,
                    format!("record truncated: header says {length} bytes, {n} present"),
                ),
                Err(e) => self.io_error(payload_start, e),
            });
        }
        let mut payload = Vec::with_capacity(length as usize);
        match (&mut self.reader).take(length).read_to_end(&mut payload) {
            Ok(n) if n as u64 == length => self.offset += length,
            Ok(n) => {
                return Some(self.fail(
                    record_start,
                    format!("record truncated: header says {length} bytes, {n} present"),
                ))
            }
            Err(e) => return Some(self.io_error(payload_start, e)),
        }
        Some(self.response(&headers, &payload, record_start, payload_start))
    }

    fn io_error(&mut self, offset: u64, e: io::Error) -> Vec<Ingested> {
        self.done = true;
        vec![io_problem(
            Location::offset(&self.path, offset),
            e,
            self.compressed,
        )]
    }

    /// An article from a `response` record holding an HTML page; nothing for other records.
    fn response(
        &mut self,
        headers: &Headers,
        payload: &[u8],
        record_start: u64,
        payload_start: u64,
    ) -> Vec<Ingested> {
        let is_response = headers
            .get("WARC-Type")
            .is_some_and(|t| t.eq_ignore_ascii_case("response"));
        let is_http = headers
            .get("Content-Type")
            .is_some_and(|t| t.to_ascii_lowercase().starts_with("application/http"));
        if !is_response || !is_http {
            return Vec::new();
        }
        let Some(http) = split_http(payload) else {
            return vec![Ingested::Problem(IngestError::Warc {
                at: Location::offset(&self.path, record_start),
                message: "response record holds no HTTP header block".into(),
            })];
        };
        if !(200..300).contains(&http.status) || !http.is_html {
            return Vec::new();
        }
        let url = headers
            .get("WARC-Target-URI")
            .map(|u| u.trim_matches(['<', '>']).to_string());
        let at = Location::offset(&self.path, record_start);
        let origin = Origin {
            path: self.path.clone(),
            format: Some(InputFormat::Warc),
            line: None,
            byte_offset: Some(record_start),
            index: self.index,
        };
        self.index += 1;
        // The map points into the WARC stream only when the body is stored as sent.
        let base = http
            .identity()
            .then_some(payload_start as usize + http.body_start);
        let stored = &payload[http.body_start..];
        let mut body = std::borrow::Cow::Borrowed(stored);
        if http.chunked {
            match dechunk(stored) {
                Some(b) => body = std::borrow::Cow::Owned(b),
                None => {
                    return vec![Ingested::Problem(IngestError::Warc {
                        at,
                        message: "malformed chunked HTTP body".into(),
                    })]
                }
            }
        }
        if let Some(coding) = &http.coding {
            match decode_content(&body, coding, self.limit) {
                Ok(b) => body = std::borrow::Cow::Owned(b),
                Err(message) => return vec![Ingested::Problem(IngestError::Warc { at, message })],
            }
        }
        let crawl_date = headers.get("WARC-Date").and_then(parse_published);
        let external_id = headers
            .get("WARC-Record-ID")
            .map(|id| id.trim_matches(['<', '>']).to_string());
        vec![Ingested::Page(Box::new(Page {
            at,
            raw: body.into_owned(),
            url,
            raw_base: base,
            origin,
            external_id,
            crawl_date,
        }))]
    }
}

struct Http {
    status: u16,
    is_html: bool,
    /// `Transfer-Encoding: chunked`.
    chunked: bool,
    /// The `Content-Encoding`, lower case, when not identity.
    coding: Option<String>,
    body_start: usize,
}

impl Http {
    /// Whether the body is stored as sent: no transfer or content coding to undo.
    fn identity(&self) -> bool {
        !self.chunked && self.coding.is_none()
    }
}

/// Undoes chunked transfer coding; `None` when the chunks are malformed.
fn dechunk(mut body: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(body.len());
    loop {
        let line_end = memchr::memchr(b'\n', body)?;
        let line = std::str::from_utf8(&body[..line_end]).ok()?;
        let size_text = line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_text, 16).ok()?;
        body = &body[line_end + 1..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(body.get(..size)?);
        body = body.get(size..)?;
        body = body
            .strip_prefix(b"\r\n")
            .or_else(|| body.strip_prefix(b"\n"))?;
    }
}

/// Undoes a content coding (gzip, deflate), reading at most `limit` bytes of output.
fn decode_content(body: &[u8], coding: &str, limit: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let reader: Box<dyn Read> = match coding {
        "gzip" | "x-gzip" => Box::new(flate2::read::MultiGzDecoder::new(body)),
        "deflate" => Box::new(flate2::read::ZlibDecoder::new(body)),
        other => return Err(format!("unsupported Content-Encoding {other:?}")),
    };
    reader
        .take(limit as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot decode {coding} body: {e}"))?;
    if out.len() > limit {
        return Err(format!(
            "decoded body is larger than the limit of {limit} bytes"
        ));
    }
    Ok(out)
}

fn split_http(payload: &[u8]) -> Option<Http> {
    let end = memchr::memmem::find(payload, b"\r\n\r\n")
        .map(|i| i + 4)
        .or_else(|| memchr::memmem::find(payload, b"\n\n").map(|i| i + 2))?;
    let head = String::from_utf8_lossy(&payload[..end]);
    let mut lines = head.lines();
    let status = lines
        .next()?
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())?;
    let mut is_html = false;
    let mut chunked = false;
    let mut coding = None;
    for line in lines {
        let Some((k, v)) = line.split_once(':') else {
            continue;
        };
        let (k, v) = (k.trim().to_ascii_lowercase(), v.trim().to_ascii_lowercase());
        match k.as_str() {
            "content-type" => {
                is_html = v.starts_with("text/html") || v.starts_with("application/xhtml")
            }
            "transfer-encoding" => chunked = v.contains("chunked"),
            "content-encoding" if v != "identity" && !v.is_empty() => coding = Some(v),
            _ => {}
        }
    }
    Some(Http {
        status,
        is_html,
        chunked,
        coding,
        body_start: end,
    })
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Vec<Ingested>;

    fn next(&mut self) -> Option<Vec<Ingested>> {
        if self.done {
            return None;
        }
        let out = self.record();
        if out.is_none() {
            self.done = true;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies() {
        assert_eq!(
            dechunk(b"5\r\nhello\r\n6;ext=1\r\n world\r\n0\r\n\r\n").as_deref(),
            Some(&b"hello world"[..])
        );
        assert_eq!(dechunk(b"zz\r\nhello"), None);
        assert_eq!(dechunk(b"9\r\nshort"), None);
    }

    #[test]
    fn content_codings() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(b"<p>page</p>").unwrap();
        let gz = enc.finish().unwrap();
        assert_eq!(decode_content(&gz, "gzip", 100).unwrap(), b"<p>page</p>");
        assert!(decode_content(&gz, "gzip", 5).is_err());
        assert!(decode_content(b"x", "br", 100)
            .unwrap_err()
            .contains("unsupported"));
    }
}
