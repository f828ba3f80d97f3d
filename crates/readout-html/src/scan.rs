//! One forward pass over a decoded page: its text nodes with the byte ranges they came from,
//! where blocks start and end, and the metadata the page declares.
//!
//! This is a tolerant tokenizer, not a tree builder: it never recurses and never fails, so
//! any input (deep nesting, binary garbage) costs one linear scan.

use crate::entities;

/// A stretch of the text stream and where it came from in the scanned string.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    /// First byte in [`Stream::text`].
    pub text_start: usize,
    /// Bytes in [`Stream::text`].
    pub text_len: usize,
    /// First byte in the scanned string.
    pub raw_start: usize,
    /// Bytes in the scanned string.
    pub raw_len: usize,
    /// A character reference, which maps as a whole; otherwise bytes were copied.
    pub entity: bool,
}

/// The page's text nodes, concatenated in document order, with their origin.
#[derive(Debug, Default)]
pub struct Stream {
    /// Decoded text of every text node outside `<script>`, `<style>` and the like.
    pub text: String,
    /// Origin of every byte of `text`, sorted by `text_start`, covering it without gaps.
    pub pieces: Vec<Piece>,
    /// Positions in `text` where a block element starts or ends, and whether the break is a
    /// line break (`<br>`) rather than a paragraph break.
    pub breaks: Vec<(usize, bool)>,
    /// Every start and end tag outside raw-text elements, in document order, for the
    /// native extractor's element tree.
    pub tags: Vec<TagEvent>,
    /// Tag names and attribute hints of [`Stream::tags`], concatenated.
    pub tag_text: String,
}

/// A start or end tag, where it falls in the text stream, and what it says about itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TagEvent {
    /// Offset in [`Stream::text`] the tag stands at.
    pub pos: usize,
    /// An end tag; otherwise a start tag.
    pub closing: bool,
    /// A start tag written `<x/>` or one of the void elements, which never has content.
    pub void: bool,
    /// The element is hidden (`hidden`, `aria-hidden=true`, an inline `display:none`).
    pub hidden: bool,
    /// The lower-cased name, as a range of [`Stream::tag_text`].
    pub name: (u32, u32),
    /// `class`, `id`, `itemprop` and `role` values, space-separated, as a range of
    /// [`Stream::tag_text`].
    pub hints: (u32, u32),
}

impl Stream {
    /// The name of a tag event.
    pub fn tag_name(&self, t: &TagEvent) -> &str {
        self.tag_text
            .get(t.name.0 as usize..t.name.1 as usize)
            .unwrap_or("")
    }

    /// The attribute hints of a tag event.
    pub fn tag_hints(&self, t: &TagEvent) -> &str {
        self.tag_text
            .get(t.hints.0 as usize..t.hints.1 as usize)
            .unwrap_or("")
    }
}

/// Metadata as the page states it (values trimmed, references decoded, not parsed).
#[derive(Debug, Default, Clone)]
pub struct Meta {
    /// `<title>` text.
    pub title_tag: Option<String>,
    /// `og:title` / `twitter:title`.
    pub og_title: Option<String>,
    /// `<meta name=author>` and the like.
    pub author: Option<String>,
    /// `article:published_time` and other publication-date metas, in priority order.
    pub published_meta: Option<String>,
    /// `itemprop=datePublished` (content or datetime).
    pub itemprop_published: Option<String>,
    /// The first `<time datetime>`.
    pub time_datetime: Option<String>,
    /// `<html lang>`.
    pub language: Option<String>,
    /// `<link rel=canonical>`.
    pub canonical: Option<String>,
    /// `og:url`.
    pub og_url: Option<String>,
    /// `og:site_name`.
    pub site_name: Option<String>,
    /// Bodies of `<script type="application/ld+json">`.
    pub json_ld: Vec<String>,
}

/// Elements whose content is not text nodes of the page (or not shown).
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "noembed",
    "noframes",
    "xmp",
    "textarea",
    "title",
    "plaintext",
];

/// Elements that start a new block of text.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "dd",
    "dt",
    "dl",
    "hr",
    "address",
    "aside",
    "nav",
    "main",
    "form",
    "body",
    "caption",
    "fieldset",
    "details",
    "summary",
    "center",
];

/// Whether `name` starts a new block of text.
pub fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name)
}

/// Scans `s` and returns its text stream and metadata.
pub fn scan(s: &str) -> (Stream, Meta) {
    let mut st = Stream {
        text: String::with_capacity(s.len() / 4),
        pieces: Vec::with_capacity(s.len() / 64),
        breaks: Vec::new(),
        tags: Vec::with_capacity(s.len() / 100),
        tag_text: String::with_capacity(s.len() / 20),
    };
    let mut meta = Meta::default();
    let b = s.as_bytes();
    let mut i = 0;
    let mut text_start = 0;
    let mut name_buf = String::new();
    let mut attrs: Vec<(String, String)> = Vec::new();
    while i < b.len() {
        let Some(off) = memchr::memchr(b'<', &b[i..]) else {
            break;
        };
        let lt = i + off;
        let next = b.get(lt + 1).copied().unwrap_or(0);
        if next.is_ascii_alphabetic()
            || (next == b'/' && b.get(lt + 2).is_some_and(u8::is_ascii_alphabetic))
        {
            push_text(&mut st, s, text_start, lt);
            let closing = next == b'/';
            let (end, self_closing) = read_tag(
                s,
                lt + if closing { 2 } else { 1 },
                &mut name_buf,
                &mut attrs,
            );
            let name = name_buf.as_str();
            if is_block(name) || name == "br" {
                let line = name == "br";
                if st.breaks.last() != Some(&(st.text.len(), line)) {
                    st.breaks.push((st.text.len(), line));
                }
            }
            i = end;
            if closing || !RAW_TEXT.contains(&name) {
                push_tag(&mut st, name, &attrs, closing, self_closing);
            }
            if !closing {
                handle_start(name, &attrs, &mut meta);
                if RAW_TEXT.contains(&name) && !self_closing {
                    let body_end = find_end_tag(s, i, name);
                    let body = &s[i..body_end];
                    match name {
                        "title" if meta.title_tag.is_none() => {
                            meta.title_tag = clean(&entities::decode_all(body));
                        }
                        "script" => {
                            let ld = attrs.iter().any(|(k, v)| {
                                k == "type" && v.to_ascii_lowercase().contains("ld+json")
                            });
                            if ld {
                                meta.json_ld.push(body.to_string());
                            }
                        }
                        _ => {}
                    }
                    i = if name == "plaintext" {
                        b.len()
                    } else {
                        skip_past(s, body_end)
                    };
                }
            }
            text_start = i;
        } else if next == b'!' || next == b'?' || next == b'/' {
            push_text(&mut st, s, text_start, lt);
            i = if s[lt..].starts_with("<!--") {
                match memchr::memmem::find(&b[lt + 4..], b"-->") {
                    Some(p) => lt + 4 + p + 3,
                    None => b.len(),
                }
            } else {
                skip_past(s, lt)
            };
            text_start = i;
        } else {
            // A `<` that opens nothing is text.
            i = lt + 1;
        }
    }
    push_text(&mut st, s, text_start, b.len());
    (st, meta)
}

/// Records a tag event with its name and hints.
fn push_tag(
    st: &mut Stream,
    name: &str,
    attrs: &[(String, String)],
    closing: bool,
    self_closing: bool,
) {
    let name_start = st.tag_text.len() as u32;
    st.tag_text.push_str(name);
    let name_end = st.tag_text.len() as u32;
    let mut hidden = false;
    if !closing {
        for (k, v) in attrs {
            match k.as_str() {
                "class" | "id" | "itemprop" | "role" => {
                    st.tag_text.push(' ');
                    st.tag_text.push_str(v);
                }
                "hidden" => hidden = true,
                "aria-hidden" => hidden |= v.eq_ignore_ascii_case("true"),
                "style" => {
                    let v = v.to_ascii_lowercase();
                    hidden |= v.contains("display:none") || v.contains("display: none");
                }
                _ => {}
            }
        }
    }
    st.tags.push(TagEvent {
        pos: st.text.len(),
        closing,
        void: !closing && (self_closing || VOID.contains(&name)),
        hidden,
        name: (name_start, name_end),
        hints: (name_end, st.tag_text.len() as u32),
    });
}

/// Index one past the next `>` at or after `from` (or the end).
pub(crate) fn skip_past(s: &str, from: usize) -> usize {
    match memchr::memchr(b'>', &s.as_bytes()[from..]) {
        Some(p) => from + p + 1,
        None => s.len(),
    }
}

/// Start of the `</name` that ends a raw-text element whose content starts at `from`.
pub(crate) fn find_end_tag(s: &str, from: usize, name: &str) -> usize {
    let b = s.as_bytes();
    let mut at = from;
    while let Some(p) = memchr::memmem::find(&b[at..], b"</") {
        let start = at + p;
        let cand = &b[start + 2..];
        if cand.len() >= name.len()
            && cand[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && cand
                .get(name.len())
                .is_none_or(|c| c.is_ascii_whitespace() || *c == b'>' || *c == b'/')
        {
            return start;
        }
        at = start + 2;
    }
    s.len()
}

/// Reads a tag whose name starts at `from`; fills the lower-cased name and the attributes.
/// Returns the index after the closing `>` and whether the tag ended in `/>`.
pub(crate) fn read_tag(
    s: &str,
    from: usize,
    name: &mut String,
    attrs: &mut Vec<(String, String)>,
) -> (usize, bool) {
    let b = s.as_bytes();
    name.clear();
    attrs.clear();
    let mut i = from;
    while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'/' && b[i] != b'>' {
        i += 1;
    }
    name.push_str(&s[from..i]);
    name.make_ascii_lowercase();
    let want_attrs = matches!(
        name.as_str(),
        "html" | "meta" | "link" | "time" | "script" | "span" | "div" | "p" | "a"
    );
    let mut self_closing = false;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            self_closing = b[i] == b'/';
            i += 1;
        }
        if i >= b.len() {
            return (b.len(), self_closing);
        }
        if b[i] == b'>' {
            return (i + 1, self_closing);
        }
        self_closing = false;
        let ks = i;
        i += 1;
        while i < b.len() && !b[i].is_ascii_whitespace() && !matches!(b[i], b'=' | b'>' | b'/') {
            i += 1;
        }
        let ke = i;
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        let mut value = (i, i);
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let ve = memchr::memchr(q, &b[vs..]).map_or(b.len(), |p| vs + p);
                value = (vs, ve);
                i = (ve + 1).min(b.len());
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'>' {
                    i += 1;
                }
                value = (vs, i);
            }
        }
        let key = &s[ks..ke];
        let hint_key = [
            "class",
            "id",
            "itemprop",
            "role",
            "hidden",
            "aria-hidden",
            "style",
        ]
        .iter()
        .any(|h| key.eq_ignore_ascii_case(h));
        if (want_attrs || hint_key) && attrs.len() < 32 {
            // Tag and attribute boundaries are ASCII bytes, so these are char boundaries.
            attrs.push((
                s[ks..ke].to_ascii_lowercase(),
                entities::decode_all(&s[value.0..value.1]),
            ));
        }
    }
}

fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

/// Trimmed, with white space runs folded to one space; `None` when nothing is left.
pub fn clean(v: &str) -> Option<String> {
    let out = v.split_whitespace().collect::<Vec<_>>().join(" ");
    (!out.is_empty()).then_some(out)
}

fn set(slot: &mut Option<String>, v: Option<&str>) {
    if slot.is_none() {
        if let Some(v) = v.and_then(clean) {
            *slot = Some(v);
        }
    }
}

fn handle_start(name: &str, attrs: &[(String, String)], meta: &mut Meta) {
    match name {
        "html" => set(
            &mut meta.language,
            attr(attrs, "lang").or(attr(attrs, "xml:lang")),
        ),
        "meta" => {
            let content = attr(attrs, "content");
            let key = attr(attrs, "property")
                .or(attr(attrs, "name"))
                .or(attr(attrs, "itemprop"))
                .map(str::to_ascii_lowercase);
            match key.as_deref() {
                Some("og:title" | "twitter:title") => set(&mut meta.og_title, content),
                Some(
                    "author" | "article:author" | "byl" | "dc.creator" | "sailthru.author"
                    | "parsely-author",
                ) if content.is_some_and(|c| !c.starts_with("http")) => set(
                    &mut meta.author,
                    content.map(|c| c.trim_start_matches("By ").trim_start_matches("by ")),
                ),
                Some(
                    "article:published_time"
                    | "og:article:published_time"
                    | "pubdate"
                    | "publishdate"
                    | "publish-date"
                    | "dc.date.issued"
                    | "dcterms.created"
                    | "sailthru.date"
                    | "parsely-pub-date",
                ) => set(&mut meta.published_meta, content),
                Some("datepublished") => set(&mut meta.itemprop_published, content),
                Some("og:url") => set(&mut meta.og_url, content),
                Some("og:site_name") => set(&mut meta.site_name, content),
                _ => {}
            }
        }
        "link" => {
            let canonical = attr(attrs, "rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|t| t.eq_ignore_ascii_case("canonical"))
            });
            if canonical {
                set(&mut meta.canonical, attr(attrs, "href"));
            }
        }
        "time" => {
            if attr(attrs, "itemprop").is_some_and(|v| v.eq_ignore_ascii_case("datepublished")) {
                set(&mut meta.itemprop_published, attr(attrs, "datetime"));
            }
            set(&mut meta.time_datetime, attr(attrs, "datetime"));
        }
        _ => {
            if attr(attrs, "itemprop").is_some_and(|v| v.eq_ignore_ascii_case("datepublished")) {
                set(
                    &mut meta.itemprop_published,
                    attr(attrs, "content").or(attr(attrs, "datetime")),
                );
            }
        }
    }
}

/// Appends the text node `s[start..end]` to the stream, decoding character references.
fn push_text(st: &mut Stream, s: &str, start: usize, end: usize) {
    if start >= end {
        return;
    }
    let seg = &s[start..end];
    let mut copied_from = 0;
    let mut at = 0;
    while let Some(p) = memchr::memchr(b'&', &seg.as_bytes()[at..]) {
        let amp = at + p;
        match entities::decode_at(&seg[amp..]) {
            Some(d) => {
                push_copy(st, seg, start, copied_from, amp);
                let text_start = st.text.len();
                st.text.push(d.first);
                if let Some(c) = d.second {
                    st.text.push(c);
                }
                st.pieces.push(Piece {
                    text_start,
                    text_len: st.text.len() - text_start,
                    raw_start: start + amp,
                    raw_len: d.len,
                    entity: true,
                });
                at = amp + d.len;
                copied_from = at;
            }
            None => at = amp + 1,
        }
    }
    push_copy(st, seg, start, copied_from, seg.len());
}

fn push_copy(st: &mut Stream, seg: &str, base: usize, from: usize, to: usize) {
    if from >= to {
        return;
    }
    let text_start = st.text.len();
    st.text.push_str(&seg[from..to]);
    if let Some(last) = st.pieces.last_mut() {
        if !last.entity
            && last.raw_start + last.raw_len == base + from
            && last.text_start + last.text_len == text_start
        {
            last.text_len += to - from;
            last.raw_len += to - from;
            return;
        }
    }
    st.pieces.push(Piece {
        text_start,
        text_len: to - from,
        raw_start: base + from,
        raw_len: to - from,
        entity: false,
    });
}

/// Elements that never have content, so never deepen the tree.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// `s` with every tag nested deeper than `limit` elements removed (their text kept), or
/// `None` when nothing is that deep. Depth is estimated from start and end tags alone,
/// without the HTML standard's implied ends, so it errs on the deep side.
// Only the trafilatura backend needs it.
#[cfg_attr(not(feature = "trafilatura"), allow(dead_code))]
pub fn limit_depth(s: &str, limit: usize) -> Option<String> {
    let b = s.as_bytes();
    let mut out: Option<String> = None;
    let mut depth = 0usize;
    let mut copied = 0;
    let mut i = 0;
    let mut name = String::new();
    let mut attrs = Vec::new();
    while let Some(off) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + off;
        let next = b.get(lt + 1).copied().unwrap_or(0);
        let closing = next == b'/';
        if !(next.is_ascii_alphabetic()
            || (closing && b.get(lt + 2).is_some_and(u8::is_ascii_alphabetic)))
        {
            i = if s[lt..].starts_with("<!--") {
                memchr::memmem::find(&b[lt + 4..], b"-->").map_or(b.len(), |p| lt + 4 + p + 3)
            } else {
                lt + 1
            };
            continue;
        }
        let (end, self_closing) =
            read_tag(s, lt + if closing { 2 } else { 1 }, &mut name, &mut attrs);
        i = end;
        let deep = if closing {
            let deep = depth > limit;
            depth = depth.saturating_sub(1);
            deep
        } else if self_closing || VOID.contains(&name.as_str()) {
            false
        } else {
            depth += 1;
            depth > limit
        };
        if deep {
            let o = out.get_or_insert_with(|| String::with_capacity(s.len()));
            o.push_str(&s[copied..lt]);
            copied = end;
        }
        if !closing && RAW_TEXT.contains(&name.as_str()) && !self_closing {
            let body_end = find_end_tag(s, i, &name);
            i = skip_past(s, body_end);
            depth = depth.saturating_sub(1);
        }
    }
    let mut o = out?;
    o.push_str(&s[copied..]);
    Some(o)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_nodes_and_pieces() {
        let s = "<html lang=en><head><title>T &amp; x</title><script>var a='<p>';</script></head><body><p class=\"a>b\">Fish &amp; chips</p><!-- c --><p>x</p></body></html>";
        let (st, meta) = scan(s);
        assert_eq!(st.text, "Fish & chipsx");
        assert_eq!(meta.title_tag.as_deref(), Some("T & x"));
        assert_eq!(meta.language.as_deref(), Some("en"));
        for p in &st.pieces {
            let raw = &s[p.raw_start..p.raw_start + p.raw_len];
            let text = &st.text[p.text_start..p.text_start + p.text_len];
            assert_eq!(entities::decode_all(raw), text);
        }
        assert_eq!(st.pieces.len(), 4);
    }

    #[test]
    fn limits_depth() {
        assert_eq!(limit_depth("<div><p>a<br>b</p></div>", 2), None);
        assert_eq!(
            limit_depth(
                "<div><div><div>a</div>b</div></div><script>'<div>'</script>",
                2
            )
            .as_deref(),
            Some("<div><div>ab</div></div><script>'<div>'</script>")
        );
    }

    #[test]
    fn garbage_and_unclosed_things() {
        for s in [
            "<",
            "<a",
            "<a href='",
            "<!--",
            "<script>",
            "&",
            "&#",
            "<p>a<b",
            "</",
            "<!",
            "<x y=\"z",
        ] {
            let _ = scan(s);
        }
        let (st, _) = scan("a < b and c<d");
        assert_eq!(st.text, "a < b and c");
    }
}
