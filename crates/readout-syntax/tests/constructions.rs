//! The constructions later stages rely on, in sentences written for this test: for each,
//! the few arcs that matter (see `data/constructions.txt`).

use readout_syntax::{Analyzer, DepRel};

struct Case {
    line: usize,
    words: Vec<String>,
    arcs: Vec<(usize, String, Option<usize>, usize)>,
}

fn find(words: &[String], spec: &str, line: usize) -> usize {
    let (form, nth) = match spec.rsplit_once('#') {
        Some((f, n)) => (f, n.parse::<usize>().expect("occurrence number")),
        None => (spec, 1),
    };
    let hits: Vec<usize> = (0..words.len()).filter(|&i| words[i] == form).collect();
    assert!(
        spec.contains('#') || hits.len() == 1,
        "line {line}: {spec:?} occurs {} times",
        hits.len()
    );
    *hits
        .get(nth - 1)
        .unwrap_or_else(|| panic!("line {line}: no {spec:?} in the sentence"))
}

fn cases() -> Vec<Case> {
    let text = include_str!("data/constructions.txt");
    let mut out: Vec<Case> = Vec::new();
    let mut current: Option<Case> = None;
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        let line = line.trim();
        if line.is_empty() {
            out.extend(current.take());
            continue;
        }
        if line.starts_with('#') {
            continue;
        }
        match current.as_mut() {
            None => {
                current = Some(Case {
                    line: line_no,
                    words: line.split(' ').map(str::to_string).collect(),
                    arcs: Vec::new(),
                })
            }
            Some(case) => {
                let parts: Vec<&str> = line.split(' ').collect();
                assert_eq!(parts.len(), 3, "line {line_no}: relation head dependent");
                let head = (parts[1] != "-").then(|| find(&case.words, parts[1], line_no));
                let dep = find(&case.words, parts[2], line_no);
                case.arcs.push((line_no, parts[0].to_string(), head, dep));
            }
        }
    }
    out.extend(current);
    out
}

/// The sentence as it would be written: the words joined by spaces, except before a
/// comma or full stop, and inside straight quotation marks.
fn written(words: &[String]) -> String {
    let mut text = String::new();
    let mut open_quote = false;
    let mut glue_next = false;
    for w in words {
        let glue = glue_next || matches!(w.as_str(), "." | ",") || (w == "\"" && open_quote);
        if !text.is_empty() && !glue {
            text.push(' ');
        }
        text.push_str(w);
        glue_next = w == "\"" && !open_quote;
        if w == "\"" {
            open_quote = !open_quote;
        }
    }
    text
}

/// Heads and relations of one sentence, by word index.
type Parse = (Vec<Option<usize>>, Vec<DepRel>);

/// Checks every arc of every case against `parse(case)`; known misses are printed, the
/// rest returned as failures.
fn check(cases: &[Case], parse: impl Fn(&Case) -> Result<Parse, String>) -> Vec<String> {
    let mut failures = Vec::new();
    for case in cases {
        let words: Vec<&str> = case.words.iter().map(String::as_str).collect();
        let (heads, deprels) = match parse(case) {
            Ok(p) => p,
            Err(e) => {
                failures.push(format!("sentence at line {}: {e}", case.line));
                continue;
            }
        };
        for (line, rel, head, dep) in &case.arcs {
            let (rel, miss) = match rel.strip_prefix('~') {
                Some(r) => (r, true),
                None => (rel.as_str(), false),
            };
            let want = DepRel::parse(rel);
            let got = deprels[*dep];
            let rel_ok = got == want || (!rel.contains(':') && got.universal() == want);
            if heads[*dep] != *head || !rel_ok {
                let message = format!(
                    "line {line} (sentence at line {}): want {rel}({}, {}), got {}({}, {})",
                    case.line,
                    head.map_or("ROOT", |h| words[h]),
                    words[*dep],
                    got,
                    heads[*dep].map_or("ROOT", |h| words[h]),
                    words[*dep],
                );
                if miss {
                    eprintln!("known miss: {message}");
                } else {
                    failures.push(message);
                }
            }
        }
    }
    failures
}

#[test]
fn constructions_get_the_arcs_that_matter() {
    let analyzer = Analyzer::embedded().expect("the embedded model loads");
    let cases = cases();
    assert!(cases.len() >= 12, "{} cases", cases.len());
    let failures = check(&cases, |case| {
        let words: Vec<&str> = case.words.iter().map(String::as_str).collect();
        let a = analyzer.analyse(&words);
        Ok((a.heads, a.deprels))
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The same sentences written as text, cut into sentences and tokens by readout's own
/// segmenter (the pipeline's stage before this one) and parsed by `analyse_document`: the
/// tokens must be the test's words, and the arcs the same.
#[test]
fn constructions_hold_on_readouts_own_tokens() {
    let analyzer = Analyzer::embedded().expect("the embedded model loads");
    let cases = cases();
    let failures = check(&cases, |case| {
        let text = written(&case.words);
        let seg = readout_text::segment(&text);
        let tokens: Vec<&str> = seg
            .tokens
            .iter()
            .map(|t| &text[t.span.start..t.span.end])
            .collect();
        if tokens != case.words {
            return Err(format!("{text:?} is tokenised as {tokens:?}"));
        }
        if seg.sentences.len() != 1 {
            return Err(format!(
                "{text:?} is cut into {} sentences",
                seg.sentences.len()
            ));
        }
        let parse = analyzer.analyse_document(&text, &seg.tokens, &seg.sentences);
        Ok((
            parse.iter().map(|p| p.head).collect(),
            parse.iter().map(|p| p.deprel).collect(),
        ))
    });
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
