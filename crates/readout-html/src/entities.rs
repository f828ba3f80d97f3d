//! HTML character references (`&amp;`, `&#233;`, `&#x2014;`), decoded as the HTML standard
//! says, with the standard's table of named references.

/// Windows-1252 meanings the standard gives numeric references in 0x80..=0x9F.
const C1: [char; 32] = [
    '\u{20AC}', '\u{81}', '\u{201A}', '\u{0192}', '\u{201E}', '\u{2026}', '\u{2020}', '\u{2021}',
    '\u{02C6}', '\u{2030}', '\u{0160}', '\u{2039}', '\u{0152}', '\u{8D}', '\u{017D}', '\u{8F}',
    '\u{90}', '\u{2018}', '\u{2019}', '\u{201C}', '\u{201D}', '\u{2022}', '\u{2013}', '\u{2014}',
    '\u{02DC}', '\u{2122}', '\u{0161}', '\u{203A}', '\u{0153}', '\u{9D}', '\u{017E}', '\u{0178}',
];

/// Longest named reference in the table, `&CounterClockwiseContourIntegral;`, without `&`.
const MAX_NAME: usize = 32;

/// A decoded reference: up to two characters, and how many input bytes it used (from `&`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoded {
    /// The characters the reference stands for (`second` is used by a few named ones).
    pub first: char,
    /// The second character, when there is one.
    pub second: Option<char>,
    /// Bytes consumed, counting the `&` and a closing `;` when present.
    pub len: usize,
}

/// Decodes the character reference at the start of `s` (which begins with `&`), or `None`
/// when the `&` starts no reference and stays a literal ampersand.
pub fn decode_at(s: &str) -> Option<Decoded> {
    let b = s.as_bytes();
    if b.len() < 2 || b[0] != b'&' {
        return None;
    }
    if b[1] == b'#' {
        let (hex, start) = match b.get(2) {
            Some(b'x' | b'X') => (true, 3),
            _ => (false, 2),
        };
        let mut end = start;
        let mut value: u32 = 0;
        while end < b.len() {
            let d = match (hex, b[end]) {
                (_, c @ b'0'..=b'9') => u32::from(c - b'0'),
                (true, c @ b'a'..=b'f') => u32::from(c - b'a' + 10),
                (true, c @ b'A'..=b'F') => u32::from(c - b'A' + 10),
                _ => break,
            };
            value = value
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
            end += 1;
        }
        if end == start {
            return None;
        }
        if b.get(end) == Some(&b';') {
            end += 1;
        }
        let c = match value {
            0 => '\u{FFFD}',
            0x80..=0x9F => C1[(value - 0x80) as usize],
            v => char::from_u32(v).unwrap_or('\u{FFFD}'),
        };
        return Some(Decoded {
            first: c,
            second: None,
            len: end,
        });
    }
    let mut end = 1;
    while end < b.len() && end <= MAX_NAME && b[end].is_ascii_alphanumeric() {
        end += 1;
    }
    if end == 1 {
        return None;
    }
    // The full name with its semicolon first, then ever shorter prefixes without one (the
    // standard's legacy references such as `&amp` or `&copy`).
    if b.get(end) == Some(&b';') {
        if let Some(d) = lookup(&s[1..=end], end + 1) {
            return Some(d);
        }
    }
    (2..=end).rev().find_map(|stop| lookup(&s[1..stop], stop))
}

fn lookup(name: &str, len: usize) -> Option<Decoded> {
    let &(a, b) = web_atoms::NAMED_ENTITIES.get(name)?;
    // The table also holds every prefix of every name, mapped to 0, for streaming parsers.
    if a == 0 {
        return None;
    }
    Some(Decoded {
        first: char::from_u32(a)?,
        second: if b == 0 { None } else { char::from_u32(b) },
        len,
    })
}

/// Decodes every character reference in `s` (for attribute values and tests).
pub fn decode_all(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(pos) = rest.find('&') {
        out.push_str(&rest[..pos]);
        rest = &rest[pos..];
        match decode_at(rest) {
            Some(d) => {
                out.push(d.first);
                if let Some(c) = d.second {
                    out.push(c);
                }
                rest = &rest[d.len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_references() {
        assert_eq!(decode_all("a &amp; b"), "a & b");
        assert_eq!(decode_all("&#233;t&#xE9; &#x2014;"), "été —");
        assert_eq!(decode_all("&#150;"), "–");
        assert_eq!(
            decode_all("&copy 2024 &notit; &nosuch; & x"),
            "© 2024 ¬it; &nosuch; & x"
        );
        assert_eq!(decode_all("&NotEqualTilde;"), "\u{2242}\u{338}");
        assert_eq!(decode_all("&#0; &#xFFFFFFFFFF; &#"), "\u{FFFD} \u{FFFD} &#");
        assert_eq!(decode_all("&"), "&");
    }
}
