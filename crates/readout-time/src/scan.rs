//! The pieces the grammar reads: runs of letters, runs of digits and single other
//! characters, each with its byte span and whether white space came before it.
//!
//! The tagger cuts its own pieces rather than reading the sentence tokens because time
//! expressions live inside tokens as often as across them ("mid-June", "8-month-old",
//! "10:00", "'80s", "A.M.").

/// What a piece is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Alpha,
    Digit,
    Other,
}

/// One piece of the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Piece {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
    /// Whether white space separates this piece from the previous one.
    pub space_before: bool,
    /// Whether the piece starts with an upper-case letter in the text.
    pub upper: bool,
}

/// Cuts `text` into pieces. Their offsets hold in `text.to_ascii_lowercase()` too, which
/// the grammar reads words from.
pub(crate) fn pieces(text: &str) -> Vec<Piece> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(text.len() / 4);
    let mut i = 0;
    let mut space = true;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            space = true;
            i += 1;
            continue;
        }
        let start = i;
        let kind = if b.is_ascii_digit() {
            while i < bytes.len() && bytes[i].is_ascii_digit() {
                i += 1;
            }
            Kind::Digit
        } else if b.is_ascii_alphabetic() || b >= 0x80 && is_letter_at(text, i) {
            while i < bytes.len()
                && (bytes[i].is_ascii_alphabetic() || bytes[i] >= 0x80 && is_letter_at(text, i))
            {
                i += char_len(text, i);
            }
            Kind::Alpha
        } else {
            i += char_len(text, i);
            // A non-breaking space (U+00A0) separates words like a space.
            if &text[start..i] == "\u{a0}" {
                space = true;
                continue;
            }
            Kind::Other
        };
        out.push(Piece {
            start,
            end: i.min(bytes.len()),
            kind,
            space_before: space,
            upper: b.is_ascii_uppercase(),
        });
        space = false;
    }
    out
}

/// The length in bytes of the character starting at byte `i`.
fn char_len(text: &str, i: usize) -> usize {
    text[i..].chars().next().map_or(1, char::len_utf8)
}

fn is_letter_at(text: &str, i: usize) -> bool {
    text[i..].chars().next().is_some_and(char::is_alphabetic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cuts_inside_tokens_and_notes_spaces() {
        let text = "mid-June, 10:00 A.M. and 8-month-old ’80s";
        let ps = pieces(text);
        let words: Vec<&str> = ps.iter().map(|p| &text[p.start..p.end]).collect();
        assert_eq!(
            words,
            [
                "mid", "-", "June", ",", "10", ":", "00", "A", ".", "M", ".", "and", "8", "-",
                "month", "-", "old", "’", "80", "s"
            ]
        );
        assert!(ps[0].space_before && !ps[1].space_before && ps[7].space_before);
        assert!(ps[2].upper && !ps[0].upper);
    }

    #[test]
    fn non_ascii_letters_stay_in_words() {
        let text = "Zürich\u{a0}Tuesday";
        let ps = pieces(text);
        assert_eq!(ps.len(), 2);
        assert_eq!(&text[ps[0].start..ps[0].end], "Zürich");
        assert!(ps[1].space_before);
    }
}
