//! Reader for the human-readable case tables in `tests/data/`.
//!
//! Cases are separated by blank lines. A case is a `# name` line, an input line and
//! expected lines; lines starting with `##` are comments. Inputs and expected lines use
//! the escapes `\n`, `\r`, `\t`, `\\` and `\u{XXXX}`.
#![allow(dead_code)]

/// One case of a table.
#[derive(Debug, Clone)]
pub struct Case {
    /// The case's name, from its `# name` line.
    pub name: String,
    /// The input text, unescaped.
    pub input: String,
    /// The expected lines, unescaped (sentences, or one line of space-separated tokens).
    pub expected: Vec<String>,
    /// Expected paragraph index of each sentence, when the case gives them.
    pub paragraphs: Option<Vec<usize>>,
}

/// Replaces the escapes of the table format by the characters they stand for.
pub fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '\\' {
            out.push(c);
            continue;
        }
        match chars.next() {
            Some('n') => out.push('\n'),
            Some('r') => out.push('\r'),
            Some('t') => out.push('\t'),
            Some('\\') => out.push('\\'),
            Some('u') if chars.peek() == Some(&'{') => {
                chars.next();
                let hex: String = chars.by_ref().take_while(|&h| h != '}').collect();
                let code = u32::from_str_radix(&hex, 16).expect("bad \\u{} escape");
                out.push(char::from_u32(code).expect("bad code point"));
            }
            Some(other) => {
                out.push('\\');
                out.push(other);
            }
            None => out.push('\\'),
        }
    }
    out
}

/// Parses a case table.
pub fn parse(table: &str) -> Vec<Case> {
    let mut cases = Vec::new();
    let lines: Vec<&str> = table.lines().map(|l| l.trim_end_matches('\r')).collect();
    for block in lines.split(|l| l.trim().is_empty()) {
        let block: Vec<&str> = block
            .iter()
            .copied()
            .filter(|l| !l.starts_with("##"))
            .collect();
        let Some(first) = block.first() else { continue };
        let Some(name) = first.strip_prefix("# ") else {
            continue;
        };
        let input = block.get(1).map_or_else(String::new, |l| unescape(l));
        let mut expected: Vec<String> = block.iter().skip(2).map(|l| unescape(l)).collect();
        let mut paragraphs = None;
        if let Some(last) = expected.last() {
            if let Some(list) = last.strip_prefix("paragraphs:") {
                paragraphs = Some(
                    list.split_whitespace()
                        .map(|p| p.parse().expect("bad paragraph index"))
                        .collect(),
                );
                expected.pop();
            }
        }
        cases.push(Case {
            name: name.trim().to_owned(),
            input,
            expected,
            paragraphs,
        });
    }
    cases
}
