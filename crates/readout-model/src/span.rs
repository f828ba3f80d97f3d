use serde::{Deserialize, Serialize};

/// A half-open byte range `[start, end)` into an article's text.
///
/// Both ends lie on UTF-8 character boundaries of the text they index. A span is `Copy`
/// and carries no text; use [`Span::slice`] to read it.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize, Deserialize,
)]
pub struct Span {
    /// First byte of the span.
    pub start: usize,
    /// One past the last byte of the span.
    pub end: usize,
}

impl Span {
    /// Builds a span; `start` must not exceed `end`.
    pub fn new(start: usize, end: usize) -> Self {
        debug_assert!(start <= end, "span start {start} after end {end}");
        Span { start, end }
    }

    /// Length in bytes.
    pub fn len(&self) -> usize {
        self.end - self.start
    }

    /// Whether the span covers no bytes.
    pub fn is_empty(&self) -> bool {
        self.start == self.end
    }

    /// The text this span covers in `text`, or `None` when it lies outside it or off a
    /// character boundary.
    pub fn slice<'a>(&self, text: &'a str) -> Option<&'a str> {
        text.get(self.start..self.end)
    }

    /// Whether `other` lies entirely inside this span.
    pub fn contains(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// What a token is made of, decided from its characters alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or periods ("don't", "U.S.").
    Word,
    /// Digits, possibly with inner separators ("3,824", "10:00", "2025-07-03").
    Number,
    /// Punctuation: quotes, brackets, dashes, sentence marks.
    Punct,
    /// Anything else: currency signs, emoji, symbols.
    Symbol,
}

/// One token of an article's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Where the token lies in the article text.
    pub span: Span,
    /// What the token is made of.
    pub kind: TokenKind,
}

/// One sentence of an article's text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where the sentence lies in the article text, without surrounding white space.
    pub span: Span,
    /// Index range of this sentence's tokens in the document's token list.
    pub tokens: std::ops::Range<usize>,
    /// Zero-based index of the paragraph the sentence belongs to; a paragraph ends at a
    /// blank line (or, in text with no blank lines, at a line break).
    pub paragraph: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slice_respects_char_boundaries() {
        let text = "Russia’s call";
        // The apostrophe is three bytes long (6..9); cutting inside it yields nothing.
        assert_eq!(Span::new(0, 6).slice(text), Some("Russia"));
        assert_eq!(Span::new(0, 7).slice(text), None);
        assert_eq!(Span::new(0, 100).slice(text), None);
    }

    #[test]
    fn contains_is_inclusive_of_ends() {
        let outer = Span::new(2, 10);
        assert!(outer.contains(Span::new(2, 10)));
        assert!(outer.contains(Span::new(3, 4)));
        assert!(!outer.contains(Span::new(1, 4)));
        assert!(!outer.contains(Span::new(9, 11)));
    }
}
