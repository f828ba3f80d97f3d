//! The token scanner: one left-to-right pass over the text that emits Penn-Treebank-like
//! tokens as byte spans and notes the line breaks between them.

use readout_model::{Span, Token, TokenKind};

use crate::lexicon;

/// A gap between two tokens that holds line breaks: the index of the token after the gap
/// and the number of line breaks in it (two or more means a blank line).
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineGap {
    pub(crate) next_token: usize,
    pub(crate) newlines: u32,
}

/// Scans `text` into `tokens`, recording in `gaps` every inter-token gap that holds a line
/// break. Returns whether any such gap holds a blank line.
pub(crate) fn tokenize(text: &str, tokens: &mut Vec<Token>, gaps: &mut Vec<LineGap>) -> bool {
    let mut s = Scanner {
        text,
        bytes: text.as_bytes(),
        tokens,
    };
    let n = s.bytes.len();
    let mut has_blank = false;
    let mut newlines = 0u32;
    let mut i = 0;
    while i < n {
        // Plain spaces are most of the white space in news text.
        if s.bytes[i] == b' ' {
            i += 1;
            continue;
        }
        let (c, w) = s.char_at(i);
        if c.is_whitespace() {
            match c {
                '\n' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' => newlines += 1,
                // A lone carriage return is an old Mac line break; in "\r\n" the "\n" counts.
                '\r' if s.bytes.get(i + 1) != Some(&b'\n') => newlines += 1,
                '\u{2029}' => newlines += 2,
                _ => {}
            }
            i += w;
            continue;
        }
        if newlines > 0 {
            if !s.tokens.is_empty() {
                s.tokens_gap(gaps, newlines);
                has_blank |= newlines >= 2;
            }
            newlines = 0;
        }
        i = s.scan_at(i, c, w);
    }
    has_blank
}

struct Scanner<'a, 'v> {
    text: &'a str,
    bytes: &'a [u8],
    tokens: &'v mut Vec<Token>,
}

/// Letters, digits and the combining marks that belong to them.
#[inline]
pub(crate) fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_mark(c)
    }
}

/// Combining marks and joiners of the common scripts; `char` has no general-category
/// query, so the main blocks are listed.
#[inline]
fn is_mark(c: char) -> bool {
    matches!(c as u32,
        0x0300..=0x036F | 0x0483..=0x0489 | 0x0591..=0x05BD | 0x05BF | 0x05C1..=0x05C2
        | 0x05C4..=0x05C5 | 0x05C7 | 0x0610..=0x061A | 0x064B..=0x065F | 0x0670
        | 0x06D6..=0x06DC | 0x06DF..=0x06E4 | 0x0900..=0x0903 | 0x093A..=0x094F
        | 0x0951..=0x0957 | 0x0E31 | 0x0E34..=0x0E3A | 0x0E47..=0x0E4E | 0x1AB0..=0x1AFF
        | 0x1DC0..=0x1DFF | 0x200C..=0x200D | 0x20D0..=0x20FF | 0xFE00..=0xFE0F
        | 0xFE20..=0xFE2F)
}

/// Whether a lone character is punctuation (as opposed to a symbol such as "$" or "%").
#[inline]
pub(crate) fn is_punct(c: char) -> bool {
    if c.is_ascii() {
        matches!(
            c,
            '!' | '"'
                | '\''
                | '('
                | ')'
                | ','
                | '-'
                | '.'
                | '/'
                | ':'
                | ';'
                | '?'
                | '['
                | '\\'
                | ']'
                | '{'
                | '}'
                | '_'
        )
    } else {
        matches!(c as u32,
            0x00A1 | 0x00A7 | 0x00AB | 0x00B6 | 0x00B7 | 0x00BB | 0x00BF | 0x037E | 0x0387
            | 0x055C..=0x055F | 0x0589 | 0x05BE | 0x060C | 0x061B | 0x061F | 0x06D4
            | 0x0964..=0x0965 | 0x2010..=0x2027 | 0x2030..=0x205E | 0x2E00..=0x2E4F
            | 0x3001..=0x3003 | 0x3008..=0x3011 | 0x3014..=0x301F | 0xFE10..=0xFE19
            | 0xFE30..=0xFE4F | 0xFE50..=0xFE6B | 0xFF01..=0xFF03 | 0xFF05..=0xFF0A
            | 0xFF0C..=0xFF0F | 0xFF1A..=0xFF1B | 0xFF1F..=0xFF20 | 0xFF3B..=0xFF3D
            | 0xFF3F | 0xFF5B | 0xFF5D | 0xFF5F..=0xFF65)
    }
}

#[inline]
fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '\u{2019}'
}

#[inline]
fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Characters that end a URL even without white space after them.
#[inline]
fn ends_url(c: char) -> bool {
    c.is_whitespace()
        || matches!(
            c,
            '"' | '<' | '>' | '\u{201C}' | '\u{201D}' | '\u{00AB}' | '\u{00BB}'
        )
}

impl Scanner<'_, '_> {
    /// The character starting at byte `i` and its length; `i` must be a char boundary
    /// inside the text.
    #[inline]
    fn char_at(&self, i: usize) -> (char, usize) {
        let b = self.bytes[i];
        if b < 0x80 {
            (b as char, 1)
        } else {
            // Safe to unwrap: `i` is a boundary before the end, so a char starts here.
            let c = self.text[i..].chars().next().unwrap_or('\u{FFFD}');
            (c, c.len_utf8())
        }
    }

    #[inline]
    fn peek(&self, i: usize) -> Option<char> {
        if i < self.bytes.len() {
            Some(self.char_at(i).0)
        } else {
            None
        }
    }

    /// The character that ends at byte `i`.
    #[inline]
    fn prev(&self, i: usize) -> Option<char> {
        match i.checked_sub(1).map(|k| self.bytes[k]) {
            Some(b) if b < 0x80 => Some(b as char),
            _ => self.text[..i].chars().next_back(),
        }
    }

    #[inline]
    fn peek_is_word(&self, i: usize) -> bool {
        self.peek(i).is_some_and(is_word_char)
    }

    #[inline]
    fn push(&mut self, start: usize, end: usize, kind: TokenKind) {
        self.tokens.push(Token {
            span: Span { start, end },
            kind,
        });
    }

    fn tokens_gap(&self, gaps: &mut Vec<LineGap>, newlines: u32) {
        gaps.push(LineGap {
            next_token: self.tokens.len(),
            newlines,
        });
    }

    /// Emits the token (or tokens) starting at `i`, whose first char is `c` of length `w`,
    /// and returns the byte after them.
    fn scan_at(&mut self, i: usize, c: char, w: usize) -> usize {
        if is_word_char(c) {
            let attached = i > 0 && self.prev(i).is_some_and(is_word_char);
            if attached && (c == 'n' || c == 'N') {
                if let Some(end) = self.nt_clitic(i) {
                    self.push(i, end, TokenKind::Word);
                    return end;
                }
            }
            if !attached {
                if let Some(end) = self.url(i) {
                    self.push(i, end, TokenKind::Word);
                    return end;
                }
            }
            return self.word(i);
        }
        match c {
            '\'' | '\u{2019}' => {
                let attached = i > 0 && self.prev(i).is_some_and(|p| is_word_char(p) || p == '.');
                if attached {
                    if let Some(len) = self.clitic_len(i + w) {
                        self.push(i, i + w + len, TokenKind::Word);
                        return i + w + len;
                    }
                }
            }
            '@' | '#' => {
                let attached = i > 0 && self.prev(i).is_some_and(is_word_char);
                if !attached {
                    let mut p = i + 1;
                    let mut letters = false;
                    while let Some(nc) = self.peek(p) {
                        if is_word_char(nc) || nc == '_' {
                            letters |= nc.is_alphabetic();
                            p += nc.len_utf8();
                        } else {
                            break;
                        }
                    }
                    if letters {
                        self.push(i, p, TokenKind::Word);
                        return p;
                    }
                }
            }
            '.' | '-' => {
                // A run of periods is one ellipsis token; a run of hyphens is one dash.
                let mut p = i + 1;
                while self.bytes.get(p) == Some(&(c as u8)) {
                    p += 1;
                }
                self.push(i, p, TokenKind::Punct);
                return p;
            }
            _ => {}
        }
        let kind = if is_punct(c) {
            TokenKind::Punct
        } else {
            TokenKind::Symbol
        };
        self.push(i, i + w, kind);
        i + w
    }

    /// Length of the letters of an English clitic ("s", "re", "ll", "ve", "d", "m") that
    /// start at `j`, right after an apostrophe, when no further word character follows.
    fn clitic_len(&self, j: usize) -> Option<usize> {
        let b = self.bytes;
        let lower = |k: usize| b.get(k).map(|x| x.to_ascii_lowercase());
        let len = match (lower(j), lower(j + 1)) {
            (Some(b's' | b'd' | b'm'), _) => 1,
            (Some(b'r'), Some(b'e')) | (Some(b'v'), Some(b'e')) | (Some(b'l'), Some(b'l')) => 2,
            _ => return None,
        };
        if self.peek_is_word(j + len) {
            None
        } else {
            Some(len)
        }
    }

    /// End of an "n't" clitic starting at `i`, when one does.
    fn nt_clitic(&self, i: usize) -> Option<usize> {
        if i + 1 >= self.bytes.len() {
            return None;
        }
        let (a, aw) = self.char_at(i + 1);
        if !is_apostrophe(a) {
            return None;
        }
        let t = *self.bytes.get(i + 1 + aw)?;
        if t != b't' && t != b'T' {
            return None;
        }
        let end = i + 2 + aw;
        if self.peek_is_word(end) {
            None
        } else {
            Some(end)
        }
    }

    /// End of a URL starting at `i` ("http://", "https://", "ftp://" or "www."), if any.
    fn url(&self, i: usize) -> Option<usize> {
        let rest = &self.bytes[i..];
        if !matches!(rest[0] | 0x20, b'h' | b'f' | b'w') {
            return None;
        }
        let prefix = ["https://", "http://", "ftp://", "www."]
            .iter()
            .find(|p| rest.len() > p.len() && rest[..p.len()].eq_ignore_ascii_case(p.as_bytes()))?
            .len();
        let mut p = i + prefix;
        let mut opened = 0i32;
        while p < self.bytes.len() {
            let (c, w) = self.char_at(p);
            if ends_url(c) {
                break;
            }
            match c {
                '(' | '[' => opened += 1,
                ')' | ']' => opened -= 1,
                _ => {}
            }
            p += w;
        }
        // Trailing sentence punctuation and unbalanced closing brackets belong to the text.
        while p > i + prefix {
            let c = self.prev(p).unwrap_or(' ');
            let trim = match c {
                '.' | ',' | ';' | ':' | '!' | '?' | '\'' | '\u{2019}' => true,
                ')' | ']' if opened < 0 => {
                    opened += 1;
                    true
                }
                _ => false,
            };
            if !trim {
                break;
            }
            p -= c.len_utf8();
        }
        (p > i + prefix).then_some(p)
    }

    /// Scans a word or number starting at `start` (a word character), emits it and
    /// returns the byte after it.
    fn word(&mut self, start: usize) -> usize {
        let n = self.bytes.len();
        let mut p = start;
        let mut has_letter = false;
        let mut inner_period = false;
        // Characters in the current period-separated segment, and where the current
        // hyphen-separated part starts (for abbreviation look-up of "D-Mass.").
        let mut seg_len = 0usize;
        let mut part_start = start;
        loop {
            while p < n {
                let b = self.bytes[p];
                if b < 0x80 {
                    if !b.is_ascii_alphanumeric() {
                        break;
                    }
                    has_letter |= !b.is_ascii_digit();
                    seg_len += 1;
                    p += 1;
                    continue;
                }
                let (c, w) = self.char_at(p);
                if !is_word_char(c) {
                    break;
                }
                has_letter = true;
                seg_len += 1;
                p += w;
            }
            if p >= n {
                break;
            }
            let (c, w) = self.char_at(p);
            let next = self.peek(p + w);
            let next_word = next.is_some_and(is_word_char);
            let prev_digit = self.bytes[p - 1].is_ascii_digit();
            let next_digit = next.is_some_and(|x| x.is_ascii_digit());
            match c {
                '.' if next_word => {
                    // Join decimals, initialisms ("U.S", "Ph.D") and domains; a capital after
                    // a longer segment is a missing space after a full stop ("said.He").
                    let join = (prev_digit && next_digit)
                        || next.is_some_and(char::is_lowercase)
                        || (seg_len <= 2 && !prev_digit);
                    if !join {
                        break;
                    }
                    inner_period |= !(prev_digit && next_digit);
                    seg_len = 0;
                    p += 1;
                }
                '.' => {
                    if !self.keeps_period(start, part_start, p, inner_period, seg_len, has_letter) {
                        break;
                    }
                    p += 1;
                    // "U.S.-Russia" continues after the abbreviation.
                    match self.peek(p) {
                        Some(h) if is_hyphen(h) && self.peek_is_word(p + h.len_utf8()) => {
                            p += h.len_utf8();
                            seg_len = 0;
                            part_start = p;
                        }
                        _ => break,
                    }
                }
                _ if is_hyphen(c) && next_word => {
                    p += w;
                    seg_len = 0;
                    part_start = p;
                }
                '\'' | '\u{2019}' if next_word => {
                    if self.clitic_len(p + w).is_some() {
                        break;
                    }
                    let before = self.bytes[p - 1];
                    if (before == b'n' || before == b'N')
                        && matches!(self.bytes.get(p + w), Some(b't' | b'T'))
                        && !self.peek_is_word(p + w + 1)
                        && p - 1 > start
                    {
                        p -= 1;
                        break;
                    }
                    p += w;
                }
                ',' | ':' | '/' if prev_digit && next_digit => p += 1,
                '&' if next.is_some_and(char::is_uppercase)
                    && self.prev(p).is_some_and(char::is_uppercase) =>
                {
                    p += 1
                }
                '_' if next_word => p += 1,
                '@' if next_word => match self.email_domain_end(p + 1) {
                    Some(end) => {
                        p = end;
                        has_letter = true;
                        break;
                    }
                    None => break,
                },
                _ => break,
            }
        }
        let kind = if has_letter {
            TokenKind::Word
        } else {
            TokenKind::Number
        };
        self.push(start, p, kind);
        p
    }

    /// Whether the period at `dot` stays in the word `start..dot` as an abbreviation or
    /// initial.
    fn keeps_period(
        &self,
        start: usize,
        part_start: usize,
        dot: usize,
        inner_period: bool,
        seg_len: usize,
        has_letter: bool,
    ) -> bool {
        if self.bytes.get(dot + 1) == Some(&b'.') || !has_letter {
            return false;
        }
        if inner_period && seg_len <= 2 {
            return true;
        }
        let word = &self.text[start..dot];
        let part = &self.text[part_start..dot];
        if seg_len == 1 && part.chars().next().is_some_and(char::is_alphabetic) {
            return true;
        }
        if lexicon::abbreviation(word).is_some() || lexicon::abbreviation(part).is_some() {
            return true;
        }
        if lexicon::numeric_abbreviation(word) {
            let after = self.text[dot + 1..].trim_start();
            return after.as_bytes().first().is_some_and(u8::is_ascii_digit);
        }
        false
    }

    /// End of an e-mail domain starting at `i` (after "@"), when it has a dot inside.
    fn email_domain_end(&self, i: usize) -> Option<usize> {
        let mut p = i;
        let mut last_word_end = i;
        let mut dot = false;
        while let Some(c) = self.peek(p) {
            if is_word_char(c) {
                p += c.len_utf8();
                last_word_end = p;
            } else if (c == '.' || c == '-') && self.peek_is_word(p + 1) {
                dot |= c == '.';
                p += 1;
            } else {
                break;
            }
        }
        dot.then_some(last_word_end)
    }
}
