//! Plain text: decoding, and splitting a pasted page into the reports it holds.
//!
//! A pasted news page often holds several reports, each opened by its own headline line.
//! The splitter works on paragraphs (blocks of lines between blank lines; where a text has
//! no blank line at all, each line) and starts a new report at
//! * a headline: a one-line paragraph of at most 25 words with no closing punctuation,
//!   written in title case or capitals, followed by body text;
//! * a Markdown heading (`# Title`) or a Setext heading (a line underlined with `===`);
//! * a separator line (`---`, `***`, `===`, `* * *`).
//!
//! A one-line paragraph without closing punctuation at the very start of the text is the
//! first report's headline whatever its case ("Leaders meet in Geneva" over a body).

use std::borrow::Cow;

use readout_model::{SourceMap, SourceRun};

/// Decodes bytes as UTF-8, replacing invalid sequences with U+FFFD, and maps every text
/// byte back to its raw byte. Returns the text, the map and the offset of the first
/// invalid byte, if any. A leading byte-order mark is dropped.
pub fn decode_lossy(bytes: &[u8]) -> (Cow<'_, str>, SourceMap, Option<usize>) {
    let bom = if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        3
    } else {
        0
    };
    let body = &bytes[bom..];
    if let Ok(text) = std::str::from_utf8(body) {
        return (
            Cow::Borrowed(text),
            SourceMap::contiguous(bom, text.len()),
            None,
        );
    }
    let mut text = String::with_capacity(body.len() + 16);
    let mut map = SourceMap::default();
    let mut raw = bom;
    let mut first_invalid = None;
    for chunk in body.utf8_chunks() {
        let valid = chunk.valid();
        if !valid.is_empty() {
            map.push(SourceRun {
                text_start: text.len(),
                text_end: text.len() + valid.len(),
                raw_start: raw,
                raw_end: raw + valid.len(),
            });
            text.push_str(valid);
            raw += valid.len();
        }
        let invalid = chunk.invalid();
        if !invalid.is_empty() {
            first_invalid.get_or_insert(raw);
            map.push(SourceRun {
                text_start: text.len(),
                text_end: text.len() + '\u{FFFD}'.len_utf8(),
                raw_start: raw,
                raw_end: raw + invalid.len(),
            });
            text.push('\u{FFFD}');
            raw += invalid.len();
        }
    }
    (Cow::Owned(text), map, first_invalid)
}

/// Whether the bytes look binary: a NUL byte in the first 8 KiB. Text in UTF-16 also has
/// them and is rejected the same way, which is the honest answer for a UTF-8 reader.
pub fn looks_binary(bytes: &[u8]) -> bool {
    memchr::memchr(0, &bytes[..bytes.len().min(8192)]).is_some()
}

/// One report cut out of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    /// The headline, if the report had one.
    pub title: Option<String>,
    /// Byte range of the headline line in the text.
    pub title_range: Option<(usize, usize)>,
    /// Byte range of the report's body in the text, trimmed of white space.
    pub body: (usize, usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Body,
    Headline,
    Heading,
    Separator,
}

#[derive(Debug, Clone, Copy)]
struct Para {
    start: usize,
    end: usize,
    lines: usize,
    kind: Kind,
    /// Where the heading's own words are, for Markdown and Setext headings.
    title: (usize, usize),
}

/// Splits a text into reports. A text without headlines is one report.
pub fn split_reports(text: &str) -> Vec<Report> {
    let paras = paragraphs(text);
    let mut reports = Vec::new();
    let mut title: Option<(usize, usize)> = None;
    let mut body: Option<(usize, usize)> = None;
    let flush = |title: &mut Option<(usize, usize)>,
                 body: &mut Option<(usize, usize)>,
                 reports: &mut Vec<Report>| {
        if let Some(b) = body.take() {
            reports.push(Report {
                title: title.map(|(s, e)| text[s..e].trim().to_string()),
                title_range: *title,
                body: b,
            });
        }
        *title = None;
    };
    for (i, p) in paras.iter().enumerate() {
        // A run of headline lines (kicker, headline) counts as followed by body when body
        // text comes after the run.
        let followed_by_body = paras[i + 1..]
            .iter()
            .find(|q| !matches!(q.kind, Kind::Separator | Kind::Headline))
            .is_some_and(|q| q.kind == Kind::Body);
        let headline_here = match p.kind {
            Kind::Heading => true,
            Kind::Headline => followed_by_body,
            // A single unpunctuated line that opens the text heads the first report.
            Kind::Body => {
                i == 0
                    && p.lines == 1
                    && followed_by_body
                    && is_headline_shape(&text[p.start..p.end], false)
            }
            Kind::Separator => {
                flush(&mut title, &mut body, &mut reports);
                continue;
            }
        };
        if headline_here && (body.is_some() || title.is_none()) {
            flush(&mut title, &mut body, &mut reports);
            title = Some(p.title);
            continue;
        }
        body = Some(match body {
            Some((s, _)) => (s, p.end),
            None => (p.start, p.end),
        });
    }
    flush(&mut title, &mut body, &mut reports);
    reports
}

fn paragraphs(text: &str) -> Vec<Para> {
    // Lines with their trimmed ranges; blank lines end paragraphs.
    let mut lines: Vec<Option<(usize, usize)>> = Vec::new();
    let mut pos = 0;
    for line in text.split_inclusive('\n') {
        let start = pos;
        pos += line.len();
        let content = line.trim_end_matches(['\n', '\r']);
        let lead = content.len() - content.trim_start().len();
        let trimmed = content.trim();
        if trimmed.is_empty() {
            lines.push(None);
        } else {
            lines.push(Some((start + lead, start + lead + trimmed.len())));
        }
    }
    let has_blank = lines.iter().any(Option::is_none);
    let mut blocks: Vec<Vec<(usize, usize)>> = Vec::new();
    let mut current: Vec<(usize, usize)> = Vec::new();
    for line in lines {
        match line {
            None => {
                if !current.is_empty() {
                    blocks.push(std::mem::take(&mut current));
                }
            }
            Some(range) => {
                current.push(range);
                if !has_blank {
                    blocks.push(std::mem::take(&mut current));
                }
            }
        }
    }
    if !current.is_empty() {
        blocks.push(current);
    }
    // A Setext heading may run straight into its body without a blank line.
    let mut split_blocks = Vec::with_capacity(blocks.len());
    for block in blocks {
        if block.len() > 2
            && is_setext_underline(&text[block[1].0..block[1].1])
            && is_headline_shape(&text[block[0].0..block[0].1], false)
        {
            split_blocks.push(block[..2].to_vec());
            split_blocks.push(block[2..].to_vec());
        } else {
            split_blocks.push(block);
        }
    }
    let blocks = split_blocks;
    let mut paras = Vec::with_capacity(blocks.len());
    for block in blocks {
        let start = block[0].0;
        let end = block[block.len() - 1].1;
        let first = &text[block[0].0..block[0].1];
        let kind_title = if block.len() == 1 && is_separator(first) {
            (Kind::Separator, (start, end))
        } else if block.len() == 1 && markdown_heading(first).is_some() {
            let skip = markdown_heading(first).unwrap_or(0);
            (Kind::Heading, (start + skip, end))
        } else if block.len() == 2
            && is_setext_underline(&text[block[1].0..block[1].1])
            && is_headline_shape(first, false)
        {
            (Kind::Heading, block[0])
        } else if block.len() == 1 && is_headline_shape(first, true) {
            (Kind::Headline, (start, end))
        } else {
            (Kind::Body, (start, end))
        };
        paras.push(Para {
            start,
            end,
            lines: block.len(),
            kind: kind_title.0,
            title: kind_title.1,
        });
    }
    paras
}

fn is_separator(line: &str) -> bool {
    let chars: Vec<char> = line.chars().filter(|c| !c.is_whitespace()).collect();
    chars.len() >= 3 && matches!(chars[0], '-' | '*' | '=' | '_' | '~' | '#') && {
        let first = chars[0];
        chars.iter().all(|&c| c == first)
    }
}

fn is_setext_underline(line: &str) -> bool {
    line.len() >= 3 && line.chars().all(|c| c == '=')
}

/// The byte length of a Markdown heading's marker ("## "), if the line is one.
fn markdown_heading(line: &str) -> Option<usize> {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && line[hashes..].starts_with(' ') {
        let rest = &line[hashes..];
        let words = rest.trim_start();
        if !words.is_empty() {
            return Some(line.len() - words.len());
        }
    }
    None
}

/// Lower-case words that title case leaves small.
const SMALL_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "nor", "of", "in", "on", "at", "to", "for", "by", "with",
    "from", "as", "into", "onto", "over", "via", "vs", "vs.", "per", "up", "off", "out", "than",
    "after", "before", "amid", "about", "is", "are", "be", "was", "de", "la",
];

/// Whether a line has the shape of a headline: 2–25 words, no sentence-closing punctuation,
/// not a bracketed credit line; with `need_case`, also title case or capitals.
fn is_headline_shape(line: &str, need_case: bool) -> bool {
    let line = line.trim();
    if line.len() > 200 || line.starts_with('(') || line.starts_with('[') {
        return false;
    }
    let last = line
        .trim_end_matches(['"', '\'', '”', '’', '»', ')'])
        .chars()
        .last();
    if matches!(
        last,
        Some('.' | '!' | '?' | '…' | ':' | ';' | ',' | '-' | '–' | '—') | None
    ) {
        return false;
    }
    let words: Vec<&str> = line
        .split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    if words.len() < 2 || words.len() > 25 {
        return false;
    }
    if !need_case {
        return true;
    }
    let letters: Vec<char> = line.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() >= 4 && letters.iter().all(|c| c.is_uppercase()) {
        return true;
    }
    let mut big = 0usize;
    let mut content = 0usize;
    for (i, w) in words.iter().enumerate() {
        let lower = w.to_lowercase();
        if i > 0 && SMALL_WORDS.contains(&lower.as_str()) {
            continue;
        }
        content += 1;
        if w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_numeric())
        {
            big += 1;
        }
    }
    content >= 2 && big * 5 >= content * 4
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles_and_starts(text: &str) -> Vec<(Option<String>, String)> {
        split_reports(text)
            .into_iter()
            .map(|r| {
                let body = &text[r.body.0..r.body.1];
                let first_line = body.lines().next().unwrap_or("").to_string();
                (r.title, first_line)
            })
            .collect()
    }

    #[test]
    fn headline_lines_start_reports() {
        let text = "Lisbon: The port reopened on Monday after a strike, officials said.\n\n\
                    Unions said talks would continue.\n\n\
                    Dockers Return to Work as Lisbon Port Reopens\n\n\
                    Workers returned to the port of Lisbon on Monday morning.\n\n\
                    The strike lasted nine days.\n\n\
                    'We Were Not Heard': Union Leader Quits After Vote\n\n\
                    The head of the dockers' union resigned on Tuesday.";
        let got = titles_and_starts(text);
        assert_eq!(got.len(), 3);
        assert_eq!(got[0].0, None);
        assert!(got[0].1.starts_with("Lisbon:"));
        assert_eq!(
            got[1].0.as_deref(),
            Some("Dockers Return to Work as Lisbon Port Reopens")
        );
        assert_eq!(
            got[2].0.as_deref(),
            Some("'We Were Not Heard': Union Leader Quits After Vote")
        );
        assert!(got[2].1.starts_with("The head"));
    }

    #[test]
    fn first_line_is_title_whatever_its_case() {
        let got = titles_and_starts(
            "Leaders meet in Geneva\n\nThe talks began on Monday. They ended late.\n",
        );
        assert_eq!(
            got,
            vec![(
                Some("Leaders meet in Geneva".into()),
                "The talks began on Monday. They ended late.".into()
            )]
        );
    }

    #[test]
    fn markdown_setext_and_separators() {
        let md = "# Storm Hits Coast\n\nWinds reached 150 km/h.\n\n## Markets Slide\n\nShares fell sharply.";
        let got = titles_and_starts(md);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0.as_deref(), Some("Storm Hits Coast"));
        assert_eq!(got[1].0.as_deref(), Some("Markets Slide"));

        let setext =
            "Storm Hits Coast\n================\nWinds reached 150 km/h.\n\nMore rain is due.";
        let got = titles_and_starts(setext);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0.as_deref(), Some("Storm Hits Coast"));

        let separated =
            "The vote passed.\n\n---\n\nA second report began here.\n\n* * *\n\nAnd a third.";
        let got = titles_and_starts(separated);
        assert_eq!(got.len(), 3);
        assert!(got.iter().all(|(t, _)| t.is_none()));
    }

    #[test]
    fn capitals_headlines_and_no_blank_lines() {
        let text = "COCOA PRICES RISE\nShowers continued in the cocoa zone.\nThe crop outlook improved.\nGRAIN EXPORTS FALL\nExports of wheat fell in March.";
        let got = titles_and_starts(text);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].0.as_deref(), Some("COCOA PRICES RISE"));
        assert_eq!(got[1].0.as_deref(), Some("GRAIN EXPORTS FALL"));
    }

    #[test]
    fn body_text_is_not_split() {
        // Sentence-case lines without punctuation inside a body, a credit line, a last line
        // in title case and short quoted lines stay in their report.
        let text = "The council met on Friday.\n\nvotes were counted overnight\n\n\
                    (Reporting by Ana Ruiz; Editing by Tom Lee)\n\nWith Additional Reporting From Oslo";
        let got = split_reports(text);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].title, None);
        assert_eq!(&text[got[0].body.0..got[0].body.1], text);
    }

    #[test]
    fn consecutive_headlines_keep_the_first_and_body_follows() {
        let text =
            "World News Today\n\nCeasefire Holds in Border Town\n\nThe ceasefire held overnight.";
        let got = split_reports(text);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].title.as_deref(), Some("World News Today"));
        assert!(text[got[0].body.0..].starts_with("Ceasefire Holds"));
    }

    #[test]
    fn empty_and_blank_texts_give_nothing() {
        assert!(split_reports("").is_empty());
        assert!(split_reports("  \n\n \t\n").is_empty());
    }

    #[test]
    fn decode_lossy_maps_replacements() {
        let bytes = b"ab\xffcd";
        let (text, map, bad) = decode_lossy(bytes);
        assert_eq!(text, "ab\u{FFFD}cd");
        assert_eq!(bad, Some(2));
        assert_eq!(map.to_raw(2), Some(2));
        assert_eq!(map.to_raw(5), Some(3));
        assert_eq!(map.to_raw(6), Some(4));
        let (text, map, bad) = decode_lossy(b"\xEF\xBB\xBFhello");
        assert_eq!((text.as_ref(), bad), ("hello", None));
        assert_eq!(map.to_raw(0), Some(3));
    }
}
