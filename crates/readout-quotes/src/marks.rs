//! Quotation-mark regions: the stretches of text between an opening and a closing mark.
//!
//! Curly marks say which side they are on; straight ones (`"` and `'`) are read from the
//! characters around them. Marks of the other family inside an open region are nested
//! quotations and do not end it. A region left open at the end of a paragraph continues
//! when the next paragraph starts with an opening mark of the same family, the
//! convention of news copy for a quotation of several paragraphs; otherwise it ends with
//! its paragraph.

use readout_model::{Span, Token, TokenKind};

/// A quotation-mark region, as token indices.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Region {
    /// The opening mark's token.
    pub open: usize,
    /// One past the last token: the closing mark's, or the paragraph's last when unclosed.
    pub end: usize,
    /// Whether a closing mark was found.
    pub closed: bool,
    /// The region's bytes, marks included.
    pub span: Span,
    /// How many word and number tokens it holds.
    pub words: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Side {
    Open,
    Close,
}

/// The side of a straight mark from the characters around it: it opens after space or an
/// opening bracket and before a non-space; otherwise it closes.
fn straight_side(before: Option<char>, after: Option<char>) -> Side {
    let open_before = before.is_none_or(|c| c.is_whitespace() || "([{—–-/".contains(c));
    if open_before && after.is_some_and(|c| !c.is_whitespace()) {
        Side::Open
    } else {
        Side::Close
    }
}

/// Which family and side a punctuation token is, when it is a quotation mark.
fn mark(text: &str, token: &Token) -> Option<(Family, Side)> {
    if token.kind != TokenKind::Punct {
        return None;
    }
    let s = token.span.slice(text)?;
    let before = text[..token.span.start].chars().next_back();
    let after = text[token.span.end..].chars().next();
    let straight = || straight_side(before, after);
    match s {
        "\u{201C}" | "\u{201E}" | "\u{00AB}" => Some((Family::Double, Side::Open)),
        "\u{201D}" | "\u{00BB}" => Some((Family::Double, Side::Close)),
        "\u{2018}" => Some((Family::Single, Side::Open)),
        "\u{2019}" => Some((Family::Single, Side::Close)),
        "\"" => Some((Family::Double, straight())),
        "'" => Some((Family::Single, straight())),
        _ => None,
    }
}

/// Finds the regions of an article's tokens; `paragraph_of` gives each token's paragraph.
pub(crate) fn regions(text: &str, tokens: &[Token], paragraph_of: &[usize]) -> Vec<Region> {
    let mut marks: Vec<Option<(Family, Side)>> = tokens.iter().map(|t| mark(text, t)).collect();
    // Two adjacent single marks are one double mark (`''`, as some newspapers print it):
    // the opening one is the first token, the closing one the second, so that the region
    // holds both.
    for i in 0..tokens.len().saturating_sub(1) {
        let pair = |k: usize| tokens[k].span.slice(text) == Some("'");
        if pair(i) && pair(i + 1) && tokens[i].span.end == tokens[i + 1].span.start {
            let before = text[..tokens[i].span.start].chars().next_back();
            let after = text[tokens[i + 1].span.end..].chars().next();
            if straight_side(before, after) == Side::Open {
                marks[i] = Some((Family::Double, Side::Open));
                marks[i + 1] = None;
            } else {
                marks[i] = None;
                marks[i + 1] = Some((Family::Double, Side::Close));
            }
        }
    }
    let mut out = Vec::new();
    let mut open: Option<(Family, usize)> = None;
    let mut i = 0;
    while i < tokens.len() {
        if let Some((family, start)) = open {
            // The paragraph ends before this token: continue or close the region.
            if paragraph_of[i] != paragraph_of[i - 1] {
                if marks[i] == Some((family, Side::Open)) {
                    i += 1;
                    continue;
                }
                out.push(region(tokens, start, i, false));
                open = None;
                continue;
            }
            match marks[i] {
                Some((f, Side::Close)) if f == family => {
                    out.push(region(tokens, start, i + 1, true));
                    open = None;
                }
                // A second opening mark of the same family in one paragraph: the first
                // was never closed; start again here.
                Some((f, Side::Open)) if f == family => {
                    out.push(region(tokens, start, i, false));
                    open = Some((family, i));
                }
                _ => {}
            }
        } else if let Some((family, Side::Open)) = marks[i] {
            open = Some((family, i));
        }
        i += 1;
    }
    if let Some((_, start)) = open {
        out.push(region(tokens, start, tokens.len(), false));
    }
    // An unclosed single mark is more often an apostrophe than a quotation.
    out.retain(|r| r.closed || marks[r.open].is_some_and(|m| m.0 == Family::Double));
    out
}

fn region(tokens: &[Token], open: usize, end: usize, closed: bool) -> Region {
    let words = tokens[open..end]
        .iter()
        .filter(|t| matches!(t.kind, TokenKind::Word | TokenKind::Number))
        .count();
    Region {
        open,
        end,
        closed,
        span: Span::new(tokens[open].span.start, tokens[end - 1].span.end),
        words,
    }
}

/// The closed quotation-mark regions of a short text that has no tokens of its own, such
/// as an article's title, as byte spans of it.
pub(crate) fn title_regions(title: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<(Family, usize)> = None;
    for (i, c) in title.char_indices() {
        let before = title[..i].chars().next_back();
        let after = title[i + c.len_utf8()..].chars().next();
        let straight = || straight_side(before, after);
        let m = match c {
            '\u{201C}' | '\u{201E}' | '\u{00AB}' => (Family::Double, Side::Open),
            '\u{201D}' | '\u{00BB}' => (Family::Double, Side::Close),
            '\u{2018}' => (Family::Single, Side::Open),
            // A closing single mark between letters is an apostrophe.
            '\u{2019}' if !after.is_some_and(char::is_alphanumeric) => {
                (Family::Single, Side::Close)
            }
            '"' => (Family::Double, straight()),
            '\'' if !(before.is_some_and(char::is_alphanumeric)
                && after.is_some_and(char::is_alphanumeric)) =>
            {
                (Family::Single, straight())
            }
            _ => continue,
        };
        match (open, m) {
            (None, (f, Side::Open)) => open = Some((f, i)),
            (Some((f, start)), (g, Side::Close)) if f == g => {
                out.push(Span::new(start, i + c.len_utf8()));
                open = None;
            }
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(String, bool)> {
        let seg = readout_text::segment(text);
        let mut para = vec![0; seg.tokens.len()];
        for s in &seg.sentences {
            for i in s.tokens.clone() {
                para[i] = s.paragraph;
            }
        }
        regions(text, &seg.tokens, &para)
            .iter()
            .map(|r| (r.span.slice(text).unwrap().to_string(), r.closed))
            .collect()
    }

    #[test]
    fn curly_and_straight_marks_pair() {
        assert_eq!(
            found("He said “we will win” and 'no' and \"maybe so\" today."),
            vec![
                ("“we will win”".to_string(), true),
                ("'no'".to_string(), true),
                ("\"maybe so\"".to_string(), true),
            ]
        );
    }

    #[test]
    fn nested_marks_stay_inside() {
        assert_eq!(
            found("She said, “They told me ‘never again’ twice.”"),
            vec![("“They told me ‘never again’ twice.”".to_string(), true)]
        );
    }

    #[test]
    fn doubled_single_marks_are_double_marks() {
        assert_eq!(
            found("''It is over,'' he said of the 'plan' today."),
            vec![
                ("''It is over,''".to_string(), true),
                ("'plan'".to_string(), true),
            ]
        );
    }

    /// Spans of the regions in a title, as text.
    fn title(t: &str) -> Vec<&str> {
        title_regions(t)
            .iter()
            .map(|s| &t[s.start..s.end])
            .collect()
    }

    #[test]
    fn titles_have_regions_too() {
        assert_eq!(
            title("'We Will Win': Minister Defies Critics"),
            vec!["'We Will Win'"]
        );
        assert_eq!(
            title("Minister says “no deal” on tariffs"),
            vec!["“no deal”"]
        );
        assert_eq!(title("The voters’ choice"), Vec::<&str>::new());
    }

    #[test]
    fn apostrophes_are_not_marks() {
        assert_eq!(
            found("The voters’ choice and Mira’s view don't matter."),
            vec![]
        );
    }

    #[test]
    fn a_quotation_runs_on_into_the_next_paragraph() {
        let text = "“First part of it.\n\n“Second part,” she said.\n\n“Alone.\n\nNo quote here.";
        assert_eq!(
            found(text),
            vec![
                ("“First part of it.\n\n“Second part,”".to_string(), true),
                ("“Alone.".to_string(), false),
            ]
        );
    }
}
