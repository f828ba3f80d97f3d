//! Finding the article's text in a page with the `trafilatura` crate (a port of
//! go-trafilatura, with its readability fallback on), and the helpers both backends share.

use crate::scan::Stream;

/// Tags nested deeper than this are removed before the page reaches the extractor, whose
/// tree walks recurse.
#[cfg(feature = "trafilatura")]
const MAX_DEPTH: usize = 512;

/// Stack for the extraction thread: enough for `MAX_DEPTH` levels of the extractor's
/// recursive walks with a wide margin. It is reserved, not committed, memory.
#[cfg(feature = "trafilatura")]
const STACK: usize = 64 << 20;

/// The article text of `page`, paragraphs separated by `"\n\n"`.
///
/// The extractor runs on a thread of its own with a large stack, so that neither a deep page
/// nor a panic inside the crate can take the caller down; when it fails, the text is empty.
#[cfg(feature = "trafilatura")]
pub fn trafilatura_text(page: &str, stream: &Stream, url: Option<&str>) -> String {
    let html = crate::scan::limit_depth(page, MAX_DEPTH).unwrap_or_else(|| page.to_string());
    let url = url.and_then(|u| url::Url::parse(u).ok());
    let run = move || {
        let mut opts = trafilatura::Options::default().with_fallback(true);
        if let Some(u) = url {
            opts = opts.with_url(u);
        }
        trafilatura::extract(&html, &opts)
            .map(|r| r.content_text)
            .unwrap_or_default()
    };
    let text = match std::thread::Builder::new().stack_size(STACK).spawn(run) {
        Ok(handle) => handle.join().unwrap_or_default(),
        Err(_) => String::new(),
    };
    paragraphs(&crate::align::resegment(&text, stream))
}

#[cfg(feature = "trafilatura")]
/// Text with every line trimmed and white space folded, non-empty lines joined by `"\n\n"`.
fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for line in text.lines() {
        let mut words = line.split_whitespace().peekable();
        if words.peek().is_none() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        for (n, w) in words.enumerate() {
            if n > 0 {
                out.push(' ');
            }
            out.push_str(w);
        }
    }
    out
}

/// All text of the stream, a paragraph break at each block boundary, a line break at each
/// `<br>`, white space folded.
pub fn blocks_text(stream: &Stream) -> String {
    let mut out = String::with_capacity(stream.text.len());
    let mut pending: Option<&str> = None;
    let mut at = 0;
    let push_words = |seg: &str, out: &mut String, pending: &mut Option<&str>| {
        for (n, word) in seg.split_whitespace().enumerate() {
            if !out.is_empty() {
                if let Some(sep) = pending.take() {
                    out.push_str(sep);
                } else if n > 0 || seg.starts_with(char::is_whitespace) || out.ends_with(' ') {
                    out.push(' ');
                }
            }
            *pending = None;
            out.push_str(word);
        }
        if seg.ends_with(char::is_whitespace) && !out.is_empty() && pending.is_none() {
            *pending = Some(" ");
        }
    };
    for &(pos, line) in &stream.breaks {
        push_words(&stream.text[at..pos], &mut out, &mut pending);
        at = pos;
        let sep = if line { "\n" } else { "\n\n" };
        pending = match pending {
            Some("\n\n") => Some("\n\n"),
            _ => Some(sep),
        };
    }
    push_words(&stream.text[at..], &mut out, &mut pending);
    out
}

/// What a page's JSON-LD says about its article.
#[derive(Debug, Default)]
pub struct JsonLd {
    /// `headline`.
    pub headline: Option<String>,
    /// `author.name` (or names joined by ", ").
    pub author: Option<String>,
    /// `datePublished`.
    pub date_published: Option<String>,
    /// `publisher.name`.
    pub publisher: Option<String>,
}

impl JsonLd {
    /// Reads the first article-like object of the given `<script type="application/ld+json">`
    /// bodies; scripts that do not parse are ignored.
    pub fn from_scripts(scripts: &[String]) -> JsonLd {
        let mut out = JsonLd::default();
        for body in scripts {
            let Ok(value) = serde_json::from_str::<serde_json::Value>(body.trim()) else {
                continue;
            };
            let mut stack = vec![&value];
            let mut seen = 0;
            while let Some(v) = stack.pop() {
                seen += 1;
                if seen > 10_000 {
                    break;
                }
                match v {
                    serde_json::Value::Array(items) => stack.extend(items.iter().rev()),
                    serde_json::Value::Object(map) => {
                        if map.contains_key("datePublished") || map.contains_key("headline") {
                            out.fill_from(map);
                        }
                        if let Some(graph) = map.get("@graph") {
                            stack.push(graph);
                        }
                    }
                    _ => {}
                }
            }
        }
        out
    }

    fn fill_from(&mut self, map: &serde_json::Map<String, serde_json::Value>) {
        let s =
            |v: Option<&serde_json::Value>| v.and_then(|v| v.as_str()).and_then(crate::scan::clean);
        if self.headline.is_none() {
            self.headline = s(map.get("headline"));
        }
        if self.date_published.is_none() {
            self.date_published = s(map.get("datePublished"));
        }
        if self.author.is_none() {
            self.author = names(map.get("author"));
        }
        if self.publisher.is_none() {
            self.publisher = names(map.get("publisher"));
        }
    }
}

/// A person or organisation value: a string, `{ "name": .. }`, or a list of either.
fn names(v: Option<&serde_json::Value>) -> Option<String> {
    let one = |v: &serde_json::Value| match v {
        serde_json::Value::String(s) => crate::scan::clean(s),
        serde_json::Value::Object(m) => m
            .get("name")
            .and_then(|n| n.as_str())
            .and_then(crate::scan::clean),
        _ => None,
    };
    match v? {
        serde_json::Value::Array(items) => {
            let all: Vec<String> = items.iter().filter_map(one).collect();
            (!all.is_empty()).then(|| all.join(", "))
        }
        other => one(other),
    }
}
