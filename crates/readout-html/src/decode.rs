//! Bytes → text: the page's encoding from its BOM or `<meta charset>`, and a table from
//! offsets in the decoded text back to offsets in the raw bytes.

use encoding_rs::{Encoding, UTF_8};

/// A page decoded to UTF-8.
#[derive(Debug)]
pub struct Decoded {
    /// The decoded text.
    pub text: String,
    /// The encoding the bytes were read in.
    #[cfg_attr(not(test), allow(dead_code))]
    pub encoding: &'static Encoding,
    /// How decoded offsets relate to raw ones.
    pub offsets: Offsets,
}

/// How decoded offsets relate to raw offsets.
#[derive(Debug)]
pub enum Offsets {
    /// Raw offset = decoded offset + this (UTF-8 input, valid, after a BOM if any).
    Shift(usize),
    /// For every decoded character, in order: its decoded start and the raw range of the
    /// bytes it was read from, plus a last entry `(text.len(), raw_len, raw_len)`.
    Table(Vec<(usize, usize, usize)>),
}

/// The encoding a `<meta charset>` / `<meta http-equiv content="...charset=">` in the first
/// 1024 bytes names, as the HTML standard's prescan does (in simplified form).
fn sniff_meta(raw: &[u8]) -> Option<&'static Encoding> {
    let head = &raw[..raw.len().min(1024)];
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut at = 0;
    while let Some(p) = memchr::memmem::find(&lower[at..], b"charset") {
        let mut i = at + p + 7;
        at = i;
        while i < lower.len() && lower[i].is_ascii_whitespace() {
            i += 1;
        }
        if lower.get(i) != Some(&b'=') {
            continue;
        }
        i += 1;
        while i < lower.len()
            && (lower[i].is_ascii_whitespace() || lower[i] == b'"' || lower[i] == b'\'')
        {
            i += 1;
        }
        let start = i;
        while i < lower.len()
            && (lower[i].is_ascii_alphanumeric() || matches!(lower[i], b'-' | b'_' | b':' | b'.'))
        {
            i += 1;
        }
        if let Some(enc) = Encoding::for_label(&lower[start..i]) {
            // The standard reads a declared UTF-16 as UTF-8: the bytes were ASCII-compatible.
            if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
                return Some(UTF_8);
            }
            return Some(enc);
        }
    }
    None
}

/// Decodes a page. A BOM wins, then a `<meta charset>`, then UTF-8 (invalid sequences
/// become U+FFFD).
pub fn decode(raw: &[u8]) -> Decoded {
    let (encoding, bom_len) = match Encoding::for_bom(raw) {
        Some((enc, len)) => (enc, len),
        None => (sniff_meta(raw).unwrap_or(UTF_8), 0),
    };
    let body = &raw[bom_len..];
    if encoding == UTF_8 {
        if let Ok(text) = std::str::from_utf8(body) {
            return Decoded {
                text: text.to_string(),
                encoding,
                offsets: Offsets::Shift(bom_len),
            };
        }
        return decode_lossy_utf8(body, bom_len);
    }
    decode_other(body, bom_len, encoding)
}

fn decode_lossy_utf8(body: &[u8], base: usize) -> Decoded {
    let mut text = String::with_capacity(body.len());
    let mut table = Vec::with_capacity(body.len());
    let mut raw_at = base;
    for chunk in body.utf8_chunks() {
        for (i, c) in chunk.valid().char_indices() {
            table.push((text.len(), raw_at + i, raw_at + i + c.len_utf8()));
            text.push(c);
        }
        raw_at += chunk.valid().len();
        if !chunk.invalid().is_empty() {
            table.push((text.len(), raw_at, raw_at + chunk.invalid().len()));
            text.push('\u{FFFD}');
            raw_at += chunk.invalid().len();
        }
    }
    table.push((text.len(), raw_at, raw_at));
    Decoded {
        text,
        encoding: UTF_8,
        offsets: Offsets::Table(table),
    }
}

/// Decodes with `encoding`, feeding bytes one at a time so that every decoded character is
/// tied to the raw bytes that completed it. Slow, but only legacy-encoded pages take it.
fn decode_other(body: &[u8], base: usize, encoding: &'static Encoding) -> Decoded {
    let mut decoder = encoding.new_decoder_without_bom_handling();
    let mut text = String::with_capacity(body.len() * 2);
    let mut table = Vec::with_capacity(body.len());
    let mut char_raw_start = base;
    let mut buf = String::with_capacity(16);
    for (i, byte) in body.iter().enumerate() {
        buf.clear();
        let last = i + 1 == body.len();
        let _ = decoder.decode_to_string(std::slice::from_ref(byte), &mut buf, last);
        if !buf.is_empty() {
            let raw_end = base + i + 1;
            for c in buf.chars() {
                table.push((text.len(), char_raw_start, raw_end));
                text.push(c);
            }
            char_raw_start = raw_end;
        }
    }
    let raw_end = base + body.len();
    table.push((text.len(), raw_end, raw_end));
    Decoded {
        text,
        encoding,
        offsets: Offsets::Table(table),
    }
}

impl Decoded {
    /// Converts a run over decoded offsets (`raw_*` being decoded offsets of this text) into
    /// runs over raw byte offsets, pushing them to `out`. A linear run stays linear where
    /// each character kept its byte length, and splits into per-character runs elsewhere.
    pub fn push_run(&self, run: readout_model::SourceRun, out: &mut readout_model::SourceMap) {
        match &self.offsets {
            Offsets::Shift(d) => out.push(readout_model::SourceRun {
                raw_start: run.raw_start + d,
                raw_end: run.raw_end + d,
                ..run
            }),
            Offsets::Table(table) => {
                let first = table.partition_point(|e| e.0 < run.raw_start);
                let last = table.partition_point(|e| e.0 < run.raw_end);
                let (Some(start), Some(end)) = (table.get(first), table.get(last)) else {
                    return;
                };
                let linear = run.text_end - run.text_start == run.raw_end - run.raw_start;
                if !linear {
                    out.push(readout_model::SourceRun {
                        raw_start: start.1,
                        raw_end: end.1,
                        ..run
                    });
                    return;
                }
                for k in first..last {
                    let (ds, rs, re) = table[k];
                    let de = table[k + 1].0;
                    let ts = run.text_start + (ds - run.raw_start);
                    out.push(readout_model::SourceRun {
                        text_start: ts,
                        text_end: ts + (de - ds),
                        raw_start: rs,
                        raw_end: re,
                    });
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn picks_encodings() {
        assert_eq!(decode(b"<p>x</p>").encoding, UTF_8);
        let latin = decode(b"<meta charset=\"iso-8859-1\"><p>caf\xe9</p>");
        assert_eq!(latin.encoding, encoding_rs::WINDOWS_1252);
        assert!(latin.text.ends_with("café</p>"));
        let bom = decode(b"\xef\xbb\xbf<p>a</p>");
        assert_eq!(bom.text, "<p>a</p>");
        assert!(matches!(bom.offsets, Offsets::Shift(3)));
        let bad = decode(b"<p>a\xff\xfeb</p>");
        assert_eq!(bad.text, "<p>a\u{FFFD}\u{FFFD}b</p>");
    }
}
