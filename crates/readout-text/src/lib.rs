//! Sentences and tokens of an article's text, as byte spans into it.
//!
//! [`segment`] makes one left-to-right pass over the text to cut it into
//! Penn-Treebank-like tokens (the way CoNLL-2003 tokenised its Reuters text), then one pass
//! over the tokens to group them into sentences. The text is never copied or normalised:
//! every span indexes the original `&str` on character boundaries.
//!
//! Guarantees, for any input:
//! * every non-white-space character lies in exactly one token, and tokens never hold
//!   white space at their ends and are never empty;
//! * sentences are in order, do not overlap, hold whole tokens (their `tokens` ranges are
//!   contiguous and together index every token once), and so cover every non-white-space
//!   character; a sentence never crosses a paragraph break;
//! * the function does not panic.
//!
//! The rules (abbreviations, quotes, headlines, clitics, compounds) are described in
//! `docs/text.md` at the repository root.
#![deny(missing_docs)]

mod lexicon;
mod tokenize;

use readout_model::{Sentence, Span, Token};

use lexicon::AbbrevClass;
use tokenize::LineGap;

/// The sentences and tokens of one text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Segmentation {
    /// Sentences in text order; each indexes a contiguous run of [`Segmentation::tokens`].
    pub sentences: Vec<Sentence>,
    /// Tokens in text order.
    pub tokens: Vec<Token>,
}

/// Cuts `text` into sentences and tokens.
pub fn segment(text: &str) -> Segmentation {
    let mut out = Segmentation::default();
    segment_into(text, &mut out);
    out
}

/// Like [`segment`], but reuses the vectors of `out` (which is cleared first), so that a
/// caller looping over many texts allocates only when a text is larger than any before.
pub fn segment_into(text: &str, out: &mut Segmentation) {
    out.sentences.clear();
    out.tokens.clear();
    out.tokens.reserve(text.len() / 5);
    let mut gaps = Vec::new();
    let has_blank = tokenize::tokenize(text, &mut out.tokens, &mut gaps);
    let mut splitter = Splitter {
        text,
        tokens: &out.tokens,
        gaps: &gaps,
        has_blank,
        wrapped: false,
    };
    splitter.wrapped = splitter.is_hard_wrapped();
    splitter.split(&mut out.sentences);
}

/// What a token can do at the end of a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    /// Not a sentence mark.
    None,
    /// "." "!" "?" and their full-width forms.
    Full,
    /// "..." or "…".
    Ellipsis,
    /// A word that keeps its abbreviation period ("U.S.", "Mr.", "J.").
    Abbrev(AbbrevClass),
}

struct Splitter<'a> {
    text: &'a str,
    tokens: &'a [Token],
    gaps: &'a [LineGap],
    has_blank: bool,
    /// Whether the text is hard-wrapped (old newswire, e-mail): its single line breaks
    /// fall mostly inside sentences, so they are not boundaries by themselves.
    wrapped: bool,
}

fn first_char(s: &str) -> char {
    s.chars().next().unwrap_or(' ')
}

fn is_quote(s: &str) -> bool {
    matches!(
        s,
        "\"" | "'" | "\u{201C}" | "\u{201D}" | "\u{2018}" | "\u{2019}" | "\u{00AB}" | "\u{00BB}"
    )
}

/// Closing marks that stay with the sentence before them when written right after it.
fn is_closer(s: &str) -> bool {
    matches!(
        s,
        "\"" | "'"
            | ")"
            | "]"
            | "}"
            | "\u{201D}"
            | "\u{2019}"
            | "\u{00BB}"
            | "\u{203A}"
            | "\u{300D}"
            | "\u{300F}"
            | "\u{FF09}"
    )
}

fn is_opener(s: &str) -> bool {
    matches!(
        s,
        "\"" | "'" | "\u{201C}" | "\u{2018}" | "\u{00AB}" | "(" | "["
    )
}

impl Splitter<'_> {
    fn text_of(&self, i: usize) -> &str {
        let Span { start, end } = self.tokens[i].span;
        &self.text[start..end]
    }

    /// Whether white space separates token `i` from token `i + 1`.
    fn spaced(&self, i: usize) -> bool {
        self.tokens[i + 1].span.start > self.tokens[i].span.end
    }

    fn mark(&self, i: usize) -> Mark {
        let t = self.text_of(i);
        // Most tokens end in an ASCII character that no sentence mark ends in.
        match t.as_bytes().last() {
            Some(b'.' | b'!' | b'?') => {}
            Some(&b) if b < 0x80 => return Mark::None,
            _ => {}
        }
        match t {
            "." | "!" | "?" | "\u{3002}" | "\u{FF01}" | "\u{FF1F}" | "\u{203C}" | "\u{2047}"
            | "\u{2048}" | "\u{2049}" | "\u{0964}" | "\u{06D4}" | "\u{061F}" => Mark::Full,
            "\u{2026}" => Mark::Ellipsis,
            _ if t.len() > 1 && t.bytes().all(|b| b == b'.') => Mark::Ellipsis,
            _ if t.len() > 1 && t.ends_with('.') => {
                let word = &t[..t.len() - 1];
                let part = word
                    .rsplit(['-', '\u{2010}', '\u{2011}'])
                    .next()
                    .unwrap_or(word);
                let prefix = lexicon::abbreviation(word) == Some(AbbrevClass::Prefix)
                    || lexicon::abbreviation(part) == Some(AbbrevClass::Prefix)
                    || lexicon::numeric_abbreviation(word);
                Mark::Abbrev(if prefix {
                    AbbrevClass::Prefix
                } else {
                    AbbrevClass::Ambiguous
                })
            }
            _ => Mark::None,
        }
    }

    fn split(&self, sentences: &mut Vec<Sentence>) {
        let n = self.tokens.len();
        let mut first = 0;
        let mut paragraph = 0;
        let mut gap = 0;
        let mut i = 0;
        while i < n {
            let (last, ends) = self.sentence_mark(i, first);
            if last + 1 >= n {
                self.push(sentences, first, n, paragraph);
                break;
            }
            while gap < self.gaps.len() && self.gaps[gap].next_token <= last {
                gap += 1;
            }
            let newlines = match self.gaps.get(gap) {
                Some(g) if g.next_token == last + 1 => g.newlines,
                _ => 0,
            };
            let (cut, new_paragraph) = if newlines == 0 {
                (ends, false)
            } else if self.wrapped && newlines == 1 {
                // In wrapped text an indented line after a sentence end opens a paragraph,
                // the newswire convention; any other single line break is a space.
                (ends, ends && self.indented(last + 1))
            } else if !self.has_blank || newlines >= 2 {
                (true, true)
            } else {
                (ends || self.line_ends_sentence(last), false)
            };
            if cut {
                self.push(sentences, first, last + 1, paragraph);
                first = last + 1;
                paragraph += usize::from(new_paragraph);
            }
            i = last + 1;
        }
    }

    fn push(&self, sentences: &mut Vec<Sentence>, first: usize, end: usize, paragraph: usize) {
        sentences.push(Sentence {
            span: Span::new(self.tokens[first].span.start, self.tokens[end - 1].span.end),
            tokens: first..end,
            paragraph,
        });
    }

    /// Looks at token `i` (in a sentence that began at token `first`): when it is a
    /// sentence mark, extends over the closing quotes, brackets and further marks written
    /// right after it. Returns the last token of that run and whether the sentence ends
    /// after it (ignoring line breaks).
    fn sentence_mark(&self, i: usize, first: usize) -> (usize, bool) {
        let n = self.tokens.len();
        let mut mark = self.mark(i);
        if mark == Mark::None {
            return (i, false);
        }
        let mut last = i;
        let mut closed_quote = false;
        while last + 1 < n && !self.spaced(last) {
            let next = self.text_of(last + 1);
            if is_closer(next) {
                closed_quote |= is_quote(next);
                last += 1;
                continue;
            }
            match self.mark(last + 1) {
                m @ (Mark::Full | Mark::Ellipsis) => {
                    if mark != Mark::Full {
                        mark = m;
                    }
                    last += 1;
                }
                _ => break,
            }
        }
        // A straight double quote standing alone between spaces after a sentence mark
        // closes the quotation rather than opening the next one.
        if last + 2 < n
            && self.text_of(last + 1) == "\""
            && self.spaced(last + 1)
            && self.gap_newlines(last + 1) == 0
        {
            last += 1;
            closed_quote = true;
        }
        if last + 1 >= n {
            return (last, true);
        }
        let next = self.text_of(last + 1);
        let c = first_char(next);
        let spaced = self.spaced(last);
        let ends = match mark {
            Mark::None => false,
            // "Go home!" Anna Berg told them: the attribution continues the sentence.
            Mark::Full if closed_quote && spaced && self.attribution_follows(last + 1) => false,
            Mark::Full => {
                // "choice,"? said": a comma before the mark means the mark is not final.
                let mut k = i;
                while k > first && is_quote(self.text_of(k - 1)) {
                    k -= 1;
                }
                let after_comma = k > first && self.text_of(k - 1) == ",";
                if after_comma {
                    false
                } else if spaced {
                    !c.is_lowercase() && !matches!(next, "," | ";" | ":" | ")" | "]" | "}" | "%")
                } else {
                    // Scraped text sometimes drops the space after a full stop; a
                    // capitalised word right after one still opens a sentence.
                    c.is_uppercase() && next.chars().nth(1).is_some_and(char::is_alphabetic)
                }
            }
            Mark::Ellipsis => {
                let attached = i > first && !self.spaced(i - 1);
                attached && spaced && (c.is_uppercase() || is_opener(next))
            }
            Mark::Abbrev(AbbrevClass::Prefix) => false,
            Mark::Abbrev(AbbrevClass::Ambiguous) => {
                spaced
                    && (closed_quote && !c.is_lowercase()
                        || lexicon::sentence_starter(next)
                        || (is_opener(next) && !matches!(next, "(" | "[")))
            }
        };
        (last, ends)
    }

    /// Whether the text is hard-wrapped: at least two of its single line breaks, and at
    /// least half of them, follow a token that cannot end a sentence. One such break alone
    /// is more likely a headline over its body.
    fn is_hard_wrapped(&self) -> bool {
        let mut single = 0usize;
        let mut inside = 0usize;
        for g in self.gaps {
            if g.newlines != 1 || g.next_token == 0 || g.next_token >= self.tokens.len() {
                continue;
            }
            single += 1;
            let prev = g.next_token - 1;
            let prev_text = self.text_of(prev);
            // A line opening with a bullet or dash is a list item, not a wrapped line.
            let next_alnum = first_char(self.text_of(g.next_token)).is_alphanumeric();
            if next_alnum && self.mark(prev) == Mark::None && !is_closer(prev_text) {
                inside += 1;
            }
        }
        inside >= 2 && inside * 2 >= single
    }

    /// Whether the line holding token `i` starts with white space before it.
    fn indented(&self, i: usize) -> bool {
        if i == 0 || i >= self.tokens.len() {
            return false;
        }
        let gap = &self.text[self.tokens[i - 1].span.end..self.tokens[i].span.start];
        gap.rsplit('\n')
            .next()
            .is_some_and(|tail| tail.chars().any(|c| c == ' ' || c == '\t'))
    }

    /// Whether the tokens from `i` on are a short attribution: up to four capitalised words,
    /// pronouns or auxiliaries on the same line, then a verb of saying.
    fn attribution_follows(&self, i: usize) -> bool {
        let n = self.tokens.len();
        for k in i..n.min(i + 6) {
            if k > i && self.gap_newlines(k) > 0 {
                return false;
            }
            let word = self.text_of(k);
            let lower = word.to_lowercase();
            if k > i && lexicon::speech_verb(&lower) {
                return true;
            }
            // "Nobody answered." after a quote is a new sentence, not its attribution.
            let indefinite = matches!(
                lower.as_str(),
                "nobody"
                    | "no"
                    | "none"
                    | "everybody"
                    | "everyone"
                    | "someone"
                    | "somebody"
                    | "all"
                    | "many"
                    | "few"
                    | "others"
                    | "some"
            );
            let name_like = first_char(word).is_uppercase() && !indefinite;
            let helper = matches!(
                lower.as_str(),
                "he" | "she"
                    | "they"
                    | "we"
                    | "i"
                    | "it"
                    | "the"
                    | "had"
                    | "has"
                    | "have"
                    | "was"
                    | "later"
                    | "then"
                    | "also"
                    | "once"
                    | "again"
                    | "earlier"
            );
            if !(name_like || helper) {
                return false;
            }
        }
        false
    }

    /// Line breaks in the gap before token `i`.
    fn gap_newlines(&self, i: usize) -> u32 {
        match self.gaps.binary_search_by_key(&i, |g| g.next_token) {
            Ok(k) => self.gaps[k].newlines,
            Err(_) => 0,
        }
    }

    /// In text whose paragraphs are separated by blank lines, whether a single line break
    /// after token `last` ends the sentence: it does unless the line visibly runs on (it
    /// ends in a comma, hyphen, opening bracket or title, or the next line starts in lower
    /// case), so headlines, datelines and list items stand alone.
    fn line_ends_sentence(&self, last: usize) -> bool {
        let prev = self.text_of(last);
        let next = self.text_of(last + 1);
        if first_char(next).is_lowercase() {
            return false;
        }
        if matches!(
            prev,
            "," | ";"
                | "-"
                | "--"
                | "\u{2013}"
                | "\u{2014}"
                | "("
                | "["
                | "\u{201C}"
                | "\u{2018}"
                | "&"
        ) {
            return false;
        }
        self.mark(last) != Mark::Abbrev(AbbrevClass::Prefix)
    }
}
