//! Turns every news input into [`Article`]s: plain text (a pasted page may hold several
//! reports), JSONL, HTML pages, RSS/Atom/JSON feeds and WARC archives, from files,
//! directories and standard input, plain or gzipped.
//!
//! [`Ingest`] is a streaming iterator: it holds one input item (a line, a record, a file) at
//! a time, so memory stays flat however large the input. Problems come out of the same
//! stream as [`Ingested::Problem`], each naming the file and line or byte offset, and
//! reading goes on with the next item.
#![deny(missing_docs)]

use std::collections::VecDeque;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use readout_model::{Article, Dateline, InputFormat, Origin};
use serde::{Deserialize, Serialize};

pub mod date;
pub mod dateline;
mod error;
mod feed;
mod html;
mod jsonl;
pub mod lines;
pub mod text;
mod warc;

pub use date::parse_published;
pub use error::{IngestError, Location, Severity};
pub use html::{host_of, Page};

/// How inputs are read. Configuration is data: it deserialises from a file and rejects
/// unknown fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IngestConfig {
    /// Read every input as this format instead of detecting it.
    pub input_format: Option<InputFormat>,
    /// The largest item read: one file, one JSONL line, one WARC record. Larger ones are
    /// skipped with an error, without being held in memory.
    pub max_item_bytes: usize,
    /// Split a plain text holding several reports into one article per report.
    pub split_reports: bool,
    /// Recognise and remove a leading dateline ("MOSCOW (Reuters) -").
    pub datelines: bool,
    /// Detect the language of articles whose input does not give one.
    pub detect_language: bool,
}

impl Default for IngestConfig {
    fn default() -> Self {
        IngestConfig {
            input_format: None,
            max_item_bytes: 32 * 1024 * 1024,
            split_reports: true,
            datelines: true,
            detect_language: true,
        }
    }
}

/// One thing that came out of the input: an article or a problem.
#[derive(Debug)]
pub enum Ingested {
    /// An article, ready for the pipeline.
    Article(Box<Article>),
    /// An HTML page still to be extracted ([`Page::extract`]); only a deferred
    /// [`Ingest`] yields these.
    Page(Box<Page>),
    /// A problem, with where it happened; see [`IngestError::severity`].
    Problem(IngestError),
}

/// An input to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// A file or a directory (read recursively).
    Path(PathBuf),
    /// Standard input.
    Stdin,
    /// Bytes already in memory, with a name for messages.
    Memory {
        /// The name messages and `origin.path` give it.
        name: String,
        /// The bytes, in any supported format, plain or gzipped.
        bytes: Vec<u8>,
    },
}

impl Input {
    /// `-` is standard input; anything else a path.
    pub fn parse(arg: &str) -> Input {
        if arg == "-" {
            Input::Stdin
        } else {
            Input::Path(PathBuf::from(arg))
        }
    }
}

/// The extensions read when walking a directory; other files there are passed over.
const KNOWN_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "jsonl", "ndjson", "json", "html", "htm", "xhtml", "shtml", "rss", "atom",
    "xml", "rdf", "warc", "arc",
];

/// A file's extension in lower case, with a trailing `.gz` looked through.
fn extension(path: &Path) -> Option<String> {
    // A file name need not be UTF-8; its extension is read all the same.
    let name = path.file_name()?.to_string_lossy().to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    Some(name.rsplit_once('.')?.1.to_string())
}

fn format_from_extension(path: &Path) -> Option<InputFormat> {
    let ext = extension(path)?;
    Some(match ext.as_str() {
        "txt" | "text" | "md" => InputFormat::Text,
        "jsonl" | "ndjson" => InputFormat::Jsonl,
        "html" | "htm" | "xhtml" | "shtml" => InputFormat::Html,
        "rss" | "atom" | "rdf" => InputFormat::Feed,
        "warc" | "arc" => InputFormat::Warc,
        // .xml and .json may be feeds or something else: the content decides.
        _ => return None,
    })
}

/// Decides a format from the first bytes of an input.
pub fn sniff(head: &[u8]) -> InputFormat {
    let head = head.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(head);
    let start = head
        .iter()
        .position(|b| !b.is_ascii_whitespace())
        .unwrap_or(head.len());
    let head = &head[start..];
    if head.starts_with(b"WARC/") {
        return InputFormat::Warc;
    }
    let lower: Vec<u8> = head.iter().take(4096).map(u8::to_ascii_lowercase).collect();
    let has = |needle: &[u8]| memchr::memmem::find(&lower, needle).is_some();
    if lower.starts_with(b"<") {
        if has(b"<rss") || has(b"<feed") || has(b"<rdf:rdf") {
            return InputFormat::Feed;
        }
        return InputFormat::Html;
    }
    if lower.starts_with(b"{") {
        if has(b"jsonfeed.org/version") {
            return InputFormat::Feed;
        }
        return InputFormat::Jsonl;
    }
    InputFormat::Text
}

/// Builds the problem for an I/O error met while reading; inside compressed input it is
/// reported as truncated or corrupt data.
pub(crate) fn io_problem(at: Location, e: io::Error, compressed: bool) -> Ingested {
    Ingested::Problem(if compressed {
        IngestError::Compressed { at, source: e }
    } else {
        IngestError::Io { at, source: e }
    })
}

type Items = Box<dyn Iterator<Item = Vec<Ingested>> + Send>;

/// An opened input: its name for messages and its bytes.
type Opened = (String, Box<dyn Read + Send>);

/// A streaming iterator over every article of a list of inputs.
pub struct Ingest {
    config: IngestConfig,
    pending: VecDeque<Input>,
    walking: Option<walkdir::IntoIter>,
    current: Option<Items>,
    ready: VecDeque<Ingested>,
    finish: bool,
}

impl Ingest {
    /// Reads `inputs` in order, directories recursively in file-name order.
    pub fn new(inputs: Vec<Input>, config: IngestConfig) -> Self {
        Ingest {
            config,
            pending: inputs.into(),
            walking: None,
            current: None,
            ready: VecDeque::new(),
            finish: true,
        }
    }

    /// Defers the costly per-article work to the caller, who does it in parallel (the
    /// pipeline does): HTML pages come out as [`Ingested::Page`] to be extracted, and
    /// articles are not yet [`finish`]ed.
    pub fn deferred(mut self) -> Self {
        self.finish = false;
        self
    }

    fn next_input(&mut self) -> Option<Result<Opened, Ingested>> {
        loop {
            if let Some(walk) = &mut self.walking {
                match walk.next() {
                    Some(Ok(entry)) => {
                        let path = entry.path();
                        if !entry.file_type().is_file() {
                            continue;
                        }
                        let known =
                            extension(path).is_some_and(|e| KNOWN_EXTENSIONS.contains(&e.as_str()));
                        let hidden = path
                            .file_name()
                            .is_some_and(|n| n.as_encoded_bytes().starts_with(b"."));
                        if !known || hidden {
                            continue;
                        }
                        return Some(open(path));
                    }
                    Some(Err(e)) => {
                        let path = e
                            .path()
                            .map(|p| p.display().to_string())
                            .unwrap_or_default();
                        let source = e
                            .into_io_error()
                            .unwrap_or_else(|| io::Error::other("directory loop"));
                        return Some(Err(Ingested::Problem(IngestError::Io {
                            at: Location::file(&path),
                            source,
                        })));
                    }
                    None => self.walking = None,
                }
                continue;
            }
            match self.pending.pop_front()? {
                Input::Stdin => {
                    return Some(Ok(("-".to_string(), Box::new(io::stdin()))));
                }
                Input::Memory { name, bytes } => {
                    return Some(Ok((name, Box::new(io::Cursor::new(bytes)))));
                }
                Input::Path(path) => {
                    if path.is_dir() {
                        self.walking = Some(
                            walkdir::WalkDir::new(&path)
                                .sort_by_file_name()
                                .follow_links(true)
                                .into_iter(),
                        );
                        continue;
                    }
                    return Some(open(&path));
                }
            }
        }
    }

    /// Opens the next input and sets up the reader for its format.
    fn start(&mut self, label: String, read: Box<dyn Read + Send>) {
        let mut reader = BufReader::with_capacity(64 * 1024, read);
        let head = match reader.fill_buf() {
            Ok(h) => h.to_vec(),
            Err(e) => {
                self.ready
                    .push_back(io_problem(Location::file(&label), e, false));
                return;
            }
        };
        let gz = head.starts_with(&[0x1f, 0x8b]);
        let (mut reader, compressed): (Box<dyn BufRead + Send>, bool) = if gz {
            let decoder = flate2::read::MultiGzDecoder::new(reader);
            (Box::new(BufReader::with_capacity(64 * 1024, decoder)), true)
        } else {
            (Box::new(reader), false)
        };
        let head = if gz {
            match reader.fill_buf() {
                Ok(h) => h.to_vec(),
                Err(e) => {
                    self.ready
                        .push_back(io_problem(Location::file(&label), e, true));
                    return;
                }
            }
        } else {
            head
        };
        let format = self
            .config
            .input_format
            .or_else(|| format_from_extension(Path::new(&label)))
            .unwrap_or_else(|| sniff(&head));
        let limit = self.config.max_item_bytes;
        match format {
            InputFormat::Jsonl => {
                self.current = Some(Box::new(jsonl::JsonlReader::new(
                    &label, reader, limit, compressed,
                )));
            }
            InputFormat::Warc => {
                self.current = Some(Box::new(warc::WarcReader::new(
                    &label, reader, limit, compressed,
                )));
            }
            InputFormat::Text | InputFormat::Html | InputFormat::Feed => {
                let items =
                    read_whole(&label, &mut reader, limit, compressed, format, &self.config);
                self.ready.extend(items);
            }
        }
    }
}

fn open(path: &Path) -> Result<Opened, Ingested> {
    let label = path.display().to_string();
    match File::open(path) {
        Ok(f) => Ok((label, Box::new(f))),
        Err(source) => Err(Ingested::Problem(IngestError::Io {
            at: Location::file(&label),
            source,
        })),
    }
}

/// Reads a whole-file format (text, HTML, feed) within the size limit.
fn read_whole(
    label: &str,
    reader: &mut dyn BufRead,
    limit: usize,
    compressed: bool,
    format: InputFormat,
    config: &IngestConfig,
) -> Vec<Ingested> {
    let mut bytes = Vec::new();
    let mut out = Vec::new();
    if let Err(e) = reader.take(limit as u64 + 1).read_to_end(&mut bytes) {
        // What was read before the error is still worth reading: a truncated gzip file
        // usually holds most of its text.
        out.push(io_problem(
            Location::offset(label, bytes.len() as u64),
            e,
            compressed,
        ));
        if bytes.is_empty() {
            return out;
        }
    }
    if bytes.len() > limit {
        out.push(Ingested::Problem(IngestError::TooLarge {
            at: Location::file(label),
            what: "the file",
            limit,
        }));
        return out;
    }
    let at = Location::file(label);
    match format {
        InputFormat::Text => out.extend(text_articles(label, &bytes, config)),
        InputFormat::Html => {
            if bytes.iter().all(u8::is_ascii_whitespace) {
                out.push(Ingested::Problem(IngestError::Empty { at }));
            } else if text::looks_binary(&bytes) {
                out.push(Ingested::Problem(IngestError::Binary { at }));
            } else {
                out.push(Ingested::Page(Box::new(Page {
                    at,
                    raw: bytes,
                    url: None,
                    raw_base: Some(0),
                    origin: Origin {
                        path: label.to_string(),
                        format: Some(InputFormat::Html),
                        ..Origin::default()
                    },
                    external_id: None,
                    crawl_date: None,
                })));
                return out;
            }
        }
        InputFormat::Feed => out.extend(feed::articles_from_feed(label, &bytes)),
        InputFormat::Jsonl | InputFormat::Warc => unreachable!("streamed formats"),
    }
    out
}

/// Articles from a plain text: decoded, split into reports, each with its source map.
pub fn text_articles(label: &str, bytes: &[u8], config: &IngestConfig) -> Vec<Ingested> {
    let at = Location::file(label);
    if text::looks_binary(bytes) {
        return vec![Ingested::Problem(IngestError::Binary { at })];
    }
    let mut out = Vec::new();
    let (decoded, map, invalid) = text::decode_lossy(bytes);
    if let Some(offset) = invalid {
        out.push(Ingested::Problem(IngestError::InvalidUtf8 {
            at: Location::offset(label, offset as u64),
        }));
    }
    let reports = if config.split_reports {
        text::split_reports(&decoded)
    } else {
        let trimmed = decoded.trim();
        if trimmed.is_empty() {
            Vec::new()
        } else {
            let start = decoded.len() - decoded.trim_start().len();
            vec![text::Report {
                title: None,
                title_range: None,
                body: (start, start + trimmed.len()),
            }]
        }
    };
    if reports.is_empty() {
        out.push(Ingested::Problem(IngestError::Empty { at }));
        return out;
    }
    for (index, report) in reports.into_iter().enumerate() {
        let (start, end) = report.body;
        let first = report.title_range.map_or(start, |(s, _)| s);
        let line = decoded[..first].bytes().filter(|&b| b == b'\n').count() as u64 + 1;
        out.push(Ingested::Article(Box::new(Article {
            title: report.title,
            text: decoded[start..end].to_string(),
            origin: Origin {
                path: label.to_string(),
                format: Some(InputFormat::Text),
                line: Some(line),
                byte_offset: map.to_raw(first).map(|o| o as u64),
                index: index as u64,
            },
            source_map: Some(map.sub(start, end)),
            ..Article::default()
        })));
    }
    out
}

/// The last touches every article gets, whatever its format: the dateline is cut from the
/// text and kept as a field, the language detected, and the content id computed.
pub fn finish(article: &mut Article, config: &IngestConfig) {
    if config.datelines && article.dateline.is_none() {
        if let Some(found) = dateline::find(&article.text) {
            let raw_start = article.source_map.as_ref().and_then(|m| m.to_raw(0));
            let raw_end = article
                .source_map
                .as_ref()
                .and_then(|m| m.to_raw(found.text_end));
            article.dateline = Some(Dateline {
                text: article.text[..found.text_end].to_string(),
                place: found.place,
                agency: found.agency,
                date: found.date,
                raw_start,
                raw_end,
            });
            if let Some(map) = &mut article.source_map {
                *map = map.sub(found.end, article.text.len());
            }
            article.text.drain(..found.end);
        }
    }
    if article.source.is_none() {
        article.source = article.url.as_deref().and_then(outlet_of_url);
    }
    if config.detect_language && article.language.is_none() {
        article.language = detect_language(&article.text);
    }
    article.id = content_id(article.title.as_deref(), &article.text);
}

/// The outlet an article's URL names: the registrable domain of its host by the Public
/// Suffix List (`https://www.bbc.co.uk/news/x` gives `bbc.co.uk`), in lower case. A URL
/// without a host, or whose host is an IP address or a public suffix itself, names none.
pub fn outlet_of_url(url: &str) -> Option<String> {
    let host = host_of(url.trim())?.trim_end_matches('.').to_lowercase();
    let bracketed = host.starts_with('[');
    if bracketed || host.parse::<std::net::IpAddr>().is_ok() {
        return None;
    }
    let domain = psl::domain_str(&host)?;
    // The list's default rule makes any last label a suffix; a bare number is no top-level
    // domain, so a host such as `10.0.0` names no outlet.
    let tld = domain.rsplit('.').next()?;
    if tld.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some(domain.to_string())
}

/// How much of `text` the analysing stages read when they may read at most `limit` bytes:
/// all of it when it fits, else a prefix that ends at the last paragraph break within the
/// limit, else at the last line break or sentence end (`. `, `! `, `? `), else at the last
/// character boundary. A break is taken only in the second half of the limit, so that one
/// early paragraph break does not throw away most of what may be read.
pub fn analysed_len(text: &str, limit: usize) -> usize {
    if text.len() <= limit {
        return text.len();
    }
    let mut end = limit;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let low = (limit / 2).min(end);
    let window = &text.as_bytes()[low..end];
    let after = |i: usize, len: usize| low + i + len;
    if let Some(i) = memchr::memmem::rfind(window, b"\n\n") {
        return after(i, 2);
    }
    if let Some(i) = memchr::memrchr(b'\n', window) {
        return after(i, 1);
    }
    let sentence_end = window
        .windows(2)
        .rposition(|w| matches!(w[0], b'.' | b'!' | b'?') && w[1] == b' ');
    match sentence_end {
        Some(i) => after(i, 2),
        None => end,
    }
}

/// The stable id of an article's content: 128 bits of XXH3 over title and text, in hex.
pub fn content_id(title: Option<&str>, text: &str) -> String {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(title.unwrap_or("").as_bytes());
    hasher.update(&[0x1f]);
    hasher.update(text.as_bytes());
    format!("{:032x}", hasher.digest128())
}

/// English function words: in English prose about two words in five are among them, in
/// other languages written in Latin script almost none are.
const ENGLISH_FUNCTION_WORDS: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be",
    "by", "on", "not", "he", "she", "this", "are", "or", "his", "her", "from", "at", "which",
    "but", "have", "has", "had", "they", "their", "were", "been", "said", "an", "will", "would",
    "its", "who", "we", "after", "than", "more", "about", "also", "into",
];

/// The language of a text, as a two-letter code where one exists; `None` when the guess is
/// unreliable. English, by far the most common input, is recognised from the density of its
/// function words among the first 80 words; anything else goes to `whatlang` on the first
/// kilobyte.
pub fn detect_language(text: &str) -> Option<String> {
    let mut words = 0usize;
    let mut function = 0usize;
    for word in text
        .split(|c: char| !c.is_alphabetic() && c != '\'')
        .filter(|w| !w.is_empty())
        .take(80)
    {
        words += 1;
        let lower = word.to_lowercase();
        if ENGLISH_FUNCTION_WORDS.contains(&lower.as_str()) {
            function += 1;
        }
    }
    if words >= 20 && function * 100 >= words * 25 {
        return Some("en".to_string());
    }
    let mut cut = text.len().min(1024);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let info = whatlang::detect(&text[..cut])?;
    if !info.is_reliable() {
        return None;
    }
    use whatlang::Lang::*;
    let two = match info.lang() {
        Eng => "en",
        Rus => "ru",
        Deu => "de",
        Fra => "fr",
        Spa => "es",
        Por => "pt",
        Ita => "it",
        Ukr => "uk",
        Ara => "ar",
        Cmn => "zh",
        Jpn => "ja",
        Kor => "ko",
        Tur => "tr",
        Pol => "pl",
        Nld => "nl",
        Heb => "he",
        Pes => "fa",
        Hin => "hi",
        other => return Some(other.code().to_string()),
    };
    Some(two.to_string())
}

impl Iterator for Ingest {
    type Item = Ingested;

    fn next(&mut self) -> Option<Ingested> {
        loop {
            if let Some(mut item) = self.ready.pop_front() {
                if self.finish {
                    item = match item {
                        Ingested::Article(mut article) => {
                            finish(&mut article, &self.config);
                            Ingested::Article(article)
                        }
                        Ingested::Page(page) => {
                            // Its article (or problem) comes back through the queue.
                            self.ready.extend(page.extract());
                            continue;
                        }
                        problem => problem,
                    };
                }
                return Some(item);
            }
            if let Some(current) = &mut self.current {
                match current.next() {
                    Some(items) => {
                        self.ready.extend(items);
                        continue;
                    }
                    None => self.current = None,
                }
            }
            match self.next_input()? {
                Ok((label, read)) => self.start(label, read),
                Err(problem) => self.ready.push_back(problem),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn articles(input: Input, config: IngestConfig) -> (Vec<Article>, Vec<IngestError>) {
        let mut arts = Vec::new();
        let mut problems = Vec::new();
        for item in Ingest::new(vec![input], config) {
            match item {
                Ingested::Article(a) => arts.push(*a),
                Ingested::Problem(p) => problems.push(p),
                Ingested::Page(_) => panic!("an Ingest that is not deferred extracts pages"),
            }
        }
        (arts, problems)
    }

    #[test]
    fn languages() {
        let en = "The council said on Monday that it would vote on the plan after a long debate, and the mayor was not present for the vote.";
        assert_eq!(detect_language(en).as_deref(), Some("en"));
        let de = "Der Stadtrat hat am Montag beschlossen, dass die Brücke nach langen Reparaturen wieder für den Verkehr geöffnet wird. Die Bürger sind erleichtert und freuen sich über die Entscheidung.";
        assert_eq!(detect_language(de).as_deref(), Some("de"));
        let ru = "Городской совет в понедельник решил, что мост после долгого ремонта снова будет открыт для движения транспорта.";
        assert_eq!(detect_language(ru).as_deref(), Some("ru"));
        assert_eq!(detect_language("Ok."), None);
    }

    #[test]
    fn outlets_are_registrable_domains() {
        let outlet = |u: &str| outlet_of_url(u);
        assert_eq!(
            outlet("https://www.bbc.co.uk/news/x").as_deref(),
            Some("bbc.co.uk")
        );
        assert_eq!(
            outlet("https://edition.CNN.com./a").as_deref(),
            Some("cnn.com")
        );
        assert_eq!(
            outlet("http://user@news.example.com.au:8080/a").as_deref(),
            Some("example.com.au")
        );
        assert_eq!(
            outlet("https://wire.example/2024").as_deref(),
            Some("wire.example")
        );
        assert_eq!(
            outlet("https://co.uk/"),
            None,
            "a public suffix is no outlet"
        );
        assert_eq!(outlet("http://203.0.113.9/a"), None);
        assert_eq!(outlet("http://[2001:db8::1]/a"), None);
        assert_eq!(outlet("http://10.0.0/a"), None);
        assert_eq!(outlet("not a url"), None);
        assert_eq!(outlet("https://localhost/a"), None);
    }

    #[test]
    fn analysed_prefix_ends_at_a_break_within_the_limit() {
        let text = "One two.\n\nThree four five. Six seven. Eight nine ten eleven.";
        assert_eq!(analysed_len(text, 1000), text.len());
        // A paragraph break in the second half of the limit wins.
        assert_eq!(&text[..analysed_len(text, 14)], "One two.\n\n");
        // Else the last sentence end within the limit.
        let end = analysed_len(text, 40);
        assert_eq!(&text[..end], "One two.\n\nThree four five. Six seven. ");
        // Else the last character boundary: "é" is two bytes.
        let word = "ééééé";
        assert_eq!(analysed_len(word, 5), 4);
        assert_eq!(analysed_len(word, 0), 0);
        for limit in 0..text.len() {
            let end = analysed_len(text, limit);
            assert!(end <= limit && text.is_char_boundary(end), "{limit}");
        }
    }

    #[test]
    fn sniffing_picks_the_format_from_content() {
        assert_eq!(sniff(b"WARC/1.0\r\n"), InputFormat::Warc);
        assert_eq!(
            sniff(b"\xEF\xBB\xBF  <!doctype html><p>x"),
            InputFormat::Html
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><rss version=\"2.0\">"),
            InputFormat::Feed
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><feed xmlns=\"http://www.w3.org/2005/Atom\">"),
            InputFormat::Feed
        );
        assert_eq!(sniff(b"{\"text\": \"x\"}\n"), InputFormat::Jsonl);
        assert_eq!(
            sniff(b"{\"version\": \"https://jsonfeed.org/version/1.1\"}"),
            InputFormat::Feed
        );
        assert_eq!(sniff(b"Plain words."), InputFormat::Text);
        assert_eq!(sniff(b""), InputFormat::Text);
    }

    #[test]
    fn memory_input_gzipped_jsonl_with_ids_and_dateline() {
        use std::io::Write;
        let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        enc.write_all(
            b"{\"id\": \"m-1\", \"title\": \"T\", \"text\": \"ROME (AP) - The vote was held.\"}\n",
        )
        .unwrap();
        let bytes = enc.finish().unwrap();
        let (arts, problems) = articles(
            Input::Memory {
                name: "mem".into(),
                bytes,
            },
            IngestConfig::default(),
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(arts.len(), 1);
        let a = &arts[0];
        assert_eq!(a.text, "The vote was held.");
        assert_eq!(a.dateline.as_ref().map(|d| d.place.as_str()), Some("ROME"));
        assert_eq!(a.origin.format, Some(InputFormat::Jsonl));
        assert_eq!(a.id, content_id(Some("T"), "The vote was held."));
        assert_eq!(a.id.len(), 32);
    }

    #[test]
    fn config_rejects_unknown_fields_and_switches_stages_off() {
        let err = serde_json::from_str::<IngestConfig>(r#"{"max_item_byte": 5}"#);
        assert!(err.is_err());
        let config: IngestConfig =
            serde_json::from_str(r#"{"split_reports": false, "datelines": false}"#).unwrap();
        let page = b"ROME (AP) - One.\n\nTwo Headline Words Here\n\nTwo.".to_vec();
        let (arts, _) = articles(
            Input::Memory {
                name: "m".into(),
                bytes: page,
            },
            config,
        );
        assert_eq!(arts.len(), 1);
        assert!(arts[0].dateline.is_none());
        assert!(arts[0].text.starts_with("ROME (AP)"));
    }
}
