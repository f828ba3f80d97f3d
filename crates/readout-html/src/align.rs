//! Aligns an extracted text against the page's own text stream to build its source map.
//!
//! Extractors return plain text, with white space folded and paragraphs joined by
//! separators of their own. The aligner compares the two texts with all white space (and
//! invisible format characters) removed, walking both forward; where they disagree
//! (boilerplate the extractor dropped, text it moved) it searches the stream for the next
//! few characters of the extracted text and continues from there. Only characters found
//! equal are mapped, so a mapped run's raw bytes always decode to its text.

use readout_model::{SourceMap, SourceRun};

use crate::scan::{Piece, Stream};

/// Bytes of extracted text searched for when the walk loses its place.
const NEEDLE: usize = 48;

/// White space and characters that render as nothing; both sides skip them.
fn ignorable(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{AD}'
        )
}

/// `text` without ignorable characters, with the offset in `text` of each kept byte and,
/// when `starts` is asked for, whether each kept byte starts a token.
fn squeeze(text: &str, starts: bool) -> (String, Vec<u32>, Vec<bool>) {
    let mut out = String::with_capacity(text.len());
    let mut pos = Vec::with_capacity(text.len());
    // For each kept byte: whether its character starts a token (follows ignorable text).
    let mut token_start = Vec::with_capacity(if starts { text.len() } else { 0 });
    let mut after_gap = true;
    for (i, c) in text.char_indices() {
        if ignorable(c) {
            after_gap = true;
            continue;
        }
        let n = c.len_utf8();
        for k in 0..n {
            pos.push((i + k) as u32);
            if starts {
                token_start.push(k == 0 && after_gap);
            }
        }
        out.push(c);
        after_gap = false;
    }
    (out, pos, token_start)
}

/// Largest char boundary of `s` at or below `i`.
fn floor_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// Finds `needle` in `hay` from `from` on, else anywhere before it.
fn search(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    if needle.is_empty() {
        return None;
    }
    memchr::memmem::find(&hay[from..], needle)
        .map(|p| from + p)
        .or_else(|| memchr::memmem::find(&hay[..(from + needle.len()).min(hay.len())], needle))
}

/// Builds the map of `text` (an extractor's output) into the scanned string `scanned` whose
/// text stream is `stream`. Offsets on the raw side are offsets in `scanned`.
pub fn align(text: &str, stream: &Stream, scanned: &str) -> SourceMap {
    let matched = match_chars(text, stream);
    build_runs(text, &matched, stream, scanned)
}

/// `text` with a paragraph break in place of each white space gap (without a line break)
/// that spans a block boundary of the page, between two characters aligned in order.
/// Extractors that return a paragraph as one line, or a whole article as one, get the
/// page's own paragraphs back this way.
// Only the trafilatura backend needs it.
#[cfg_attr(not(feature = "trafilatura"), allow(dead_code))]
pub fn resegment(text: &str, stream: &Stream) -> String {
    let matched = match_chars(text, stream);
    let mut out = String::with_capacity(text.len() + 64);
    let mut copied = 0;
    for pair in matched.windows(2) {
        let (ta, sa, la) = wide(pair[0]);
        let (tb, sb, _) = wide(pair[1]);
        let (gap_start, s_end) = (ta + la, sa + la);
        if tb <= gap_start || sb < s_end {
            continue;
        }
        let gap = &text[gap_start..tb];
        if !gap.chars().all(char::is_whitespace) || gap.contains('\n') {
            continue;
        }
        let k = stream.breaks.partition_point(|&(p, _)| p < s_end);
        let spans_block = stream.breaks[k..]
            .iter()
            .take_while(|&&(p, _)| p <= sb)
            .any(|&(_, line)| !line);
        if spans_block {
            out.push_str(&text[copied..gap_start]);
            out.push_str("\n\n");
            copied = tb;
        }
    }
    out.push_str(&text[copied..]);
    out
}

/// One character found equal on both sides: its offset in the text, its offset in the
/// stream and its length in bytes. Offsets are `u32` as in [`squeeze`]; there is one of these
/// per character of a page's text, so their size is most of the aligner's memory.
type Matched = (u32, u32, u8);

/// A [`Matched`] as offsets and a length.
fn wide(m: Matched) -> (usize, usize, usize) {
    (m.0 as usize, m.1 as usize, usize::from(m.2))
}

/// Pairs (text offset, stream offset, length) of equal characters, in text order.
fn match_chars(text: &str, stream: &Stream) -> Vec<Matched> {
    let (t, tpos, tstart) = squeeze(text, true);
    let (s, spos, _) = squeeze(&stream.text, false);
    let tb = t.as_bytes();
    let sb = s.as_bytes();
    // Pairs (text offset, stream offset, length) of equal characters, in text order.
    // At most one entry per byte: reserved once rather than grown by doubling, which would
    // hold the old and the new buffer at once.
    let mut matched: Vec<Matched> = Vec::with_capacity(tb.len());
    let (mut i, mut j) = (0usize, 0usize);
    while i < tb.len() {
        let c_len = utf8_len(tb[i]);
        if j + c_len <= sb.len() && tb[i..i + c_len] == sb[j..j + c_len] {
            matched.push((tpos[i], spos[j], c_len as u8));
            i += c_len;
            j += c_len;
            continue;
        }
        // Lost: look for the next stretch of text, then for the rest of the current token.
        let long_end = floor_boundary(&t, (i + NEEDLE).min(tb.len()));
        let mut token_end = i + c_len;
        while token_end < tb.len() && !tstart[token_end] {
            token_end += 1;
        }
        let found = search(sb, &tb[i..long_end], j).or_else(|| {
            if token_end < long_end {
                search(sb, &tb[i..token_end], j)
            } else {
                None
            }
        });
        match found {
            Some(p) => j = p,
            // Text the page does not have (an extractor's own separator or label) stays
            // unmapped.
            None => i = token_end,
        }
    }
    matched
}

fn utf8_len(first: u8) -> usize {
    match first {
        0x00..=0x7F => 1,
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        _ => 4,
    }
}

/// Turns matched characters into source runs: copied characters into linear runs, whole
/// character references into one run each (a reference only partly matched stays unmapped),
/// and white space between two linear runs into the runs when the page has the very same
/// bytes there.
fn build_runs(text: &str, matched: &[Matched], stream: &Stream, scanned: &str) -> SourceMap {
    let pieces = &stream.pieces;
    let mut runs: Vec<SourceRun> = Vec::with_capacity(matched.len() / 8 + 1);
    let mut k = 0;
    while k < matched.len() {
        let (tp, sp, len) = wide(matched[k]);
        let pi = pieces.partition_point(|p| p.text_start + p.text_len <= sp);
        let Some(piece) = pieces.get(pi) else {
            k += 1;
            continue;
        };
        if !piece.entity {
            let raw = piece.raw_start + (sp - piece.text_start);
            push_run(
                &mut runs,
                text,
                scanned,
                SourceRun {
                    text_start: tp,
                    text_end: tp + len,
                    raw_start: raw,
                    raw_end: raw + len,
                },
            );
            k += 1;
            continue;
        }
        // A reference: all its characters must be matched, in order and adjacent in text.
        let chars = stream.text[piece.text_start..piece.text_start + piece.text_len]
            .chars()
            .count();
        let whole = sp == piece.text_start
            && k + chars <= matched.len()
            && (0..chars).all(|n| {
                let (tn, sn, ln) = wide(matched[k + n]);
                let (t0, s0, _) = wide(matched[k]);
                sn - s0 == tn - t0 && sn + ln <= piece.text_start + piece.text_len
            })
            && text.get(tp..tp + piece.text_len)
                == Some(&stream.text[piece.text_start..piece.text_start + piece.text_len]);
        if whole {
            push_run(&mut runs, text, scanned, entity_run(tp, piece));
            k += chars;
        } else {
            k += 1;
        }
    }
    let mut map = SourceMap::default();
    for run in runs {
        map.push(run);
    }
    map
}

fn entity_run(tp: usize, piece: &Piece) -> SourceRun {
    SourceRun {
        text_start: tp,
        text_end: tp + piece.text_len,
        raw_start: piece.raw_start,
        raw_end: piece.raw_start + piece.raw_len,
    }
}

/// Pushes a run, first extending the previous linear run over the gap between them when the
/// text there is byte for byte the page's text there (white space, usually), then merging
/// the two when both are linear and continue each other.
fn push_run(runs: &mut Vec<SourceRun>, text: &str, scanned: &str, run: SourceRun) {
    let linear = |r: &SourceRun| r.text_end - r.text_start == r.raw_end - r.raw_start;
    if let Some(last) = runs.last_mut() {
        if linear(last) && run.text_start >= last.text_end && run.raw_start >= last.raw_end {
            let gap_t = run.text_start - last.text_end;
            let gap_r = run.raw_start - last.raw_end;
            if gap_t == gap_r
                && gap_t > 0
                && text.as_bytes()[last.text_end..run.text_start]
                    == scanned.as_bytes()[last.raw_end..run.raw_start]
            {
                last.text_end = run.text_start;
                last.raw_end = run.raw_start;
            }
            if linear(&run) && last.text_end == run.text_start && last.raw_end == run.raw_start {
                last.text_end = run.text_end;
                last.raw_end = run.raw_end;
                return;
            }
        }
    }
    runs.push(run);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::decode_all;
    use crate::scan::scan;

    /// Every run's raw bytes, decoded, equal its text.
    pub(crate) fn check(text: &str, map: &SourceMap, raw: &str) {
        let mut prev_end = 0;
        for r in &map.runs {
            assert!(
                r.text_start >= prev_end,
                "runs overlap or are unsorted: {r:?}"
            );
            prev_end = r.text_end;
            let t = &text[r.text_start..r.text_end];
            let s = &raw[r.raw_start..r.raw_end];
            if r.text_end - r.text_start == r.raw_end - r.raw_start {
                assert_eq!(s, t, "linear run {r:?}");
            } else {
                assert_eq!(decode_all(s), t, "entity run {r:?}");
            }
        }
    }

    fn mapped(text: &str, map: &SourceMap) -> String {
        map.runs
            .iter()
            .map(|r| &text[r.text_start..r.text_end])
            .collect()
    }

    #[test]
    fn maps_copied_text_and_entities() {
        let raw = "<html><body><nav>Home | News</nav><p>Fish &amp; chips,\n   twice&nbsp;a week.</p><p>Caf&eacute; &#x2014; open</p></body></html>";
        let (st, _) = scan(raw);
        let text = "Fish & chips, twice a week.\n\nCafé — open";
        let map = align(text, &st, raw);
        check(text, &map, raw);
        let visible = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(visible(&mapped(text, &map)), visible(text));
        // "Fish " maps byte for byte into the page.
        assert_eq!(map.to_raw(0), Some(raw.find("Fish").unwrap()));
        // "&" comes from the whole "&amp;".
        let amp = map
            .runs
            .iter()
            .find(|r| &text[r.text_start..r.text_end] == "&")
            .unwrap();
        assert_eq!(&raw[amp.raw_start..amp.raw_end], "&amp;");
        // The synthesised paragraph break is unmapped.
        let brk = text.find("\n\n").unwrap();
        assert_eq!(map.to_raw(brk + 1), None);
    }

    #[test]
    fn skips_text_the_page_lacks_and_finds_moved_text() {
        let raw = "<p>Second paragraph here.</p><p>First one, which the extractor put first.</p>";
        let (st, _) = scan(raw);
        let text = "Title: First one, which the extractor put first. Second paragraph here.";
        let map = align(text, &st, raw);
        check(text, &map, raw);
        let got = mapped(text, &map);
        assert!(got.contains("Second paragraph here."), "{got}");
        assert!(
            got.contains("First one, which the extractor put first."),
            "{got}"
        );
        assert!(!got.contains("Title"));
    }

    #[test]
    fn multi_character_references_map_whole() {
        let raw = "<p>a &NotEqualTilde; b</p>";
        let (st, _) = scan(raw);
        let text = "a \u{2242}\u{338} b";
        let map = align(text, &st, raw);
        check(text, &map, raw);
        assert!(map
            .runs
            .iter()
            .any(|r| &raw[r.raw_start..r.raw_end] == "&NotEqualTilde;"));
    }

    #[test]
    fn resegments_by_page_blocks() {
        let raw = "<div><p>One two.</p><p>Three <b>four</b>.</p>\n<p>Five</p></div>";
        let (st, _) = scan(raw);
        assert_eq!(
            resegment("One two. Three four. Five", &st),
            "One two.\n\nThree four.\n\nFive"
        );
        assert_eq!(
            resegment("One two.\nThree four.", &st),
            "One two.\nThree four."
        );
    }

    #[test]
    fn empty_sides() {
        let (st, _) = scan("");
        assert!(align("text", &st, "").runs.is_empty());
        let (st, _) = scan("<p>x</p>");
        assert!(align("", &st, "<p>x</p>").runs.is_empty());
    }
}
