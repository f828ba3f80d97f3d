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

#[test]
fn constructions_get_the_arcs_that_matter() {
    let analyzer = Analyzer::embedded().expect("the embedded model loads");
    let cases = cases();
    assert!(cases.len() >= 12, "{} cases", cases.len());
    let mut failures = Vec::new();
    let mut known = Vec::new();
    for case in &cases {
        let words: Vec<&str> = case.words.iter().map(String::as_str).collect();
        let a = analyzer.analyse(&words);
        for (line, rel, head, dep) in &case.arcs {
            let (rel, miss) = match rel.strip_prefix('~') {
                Some(r) => (r, true),
                None => (rel.as_str(), false),
            };
            let want = DepRel::parse(rel);
            let got = a.deprels[*dep];
            let rel_ok = got == want || (!rel.contains(':') && got.universal() == want);
            if a.heads[*dep] != *head || !rel_ok {
                let list = if miss { &mut known } else { &mut failures };
                list.push(format!(
                    "line {line} (sentence at line {}): want {rel}({}, {}), got {}({}, {})",
                    case.line,
                    head.map_or("ROOT", |h| words[h]),
                    words[*dep],
                    got,
                    a.heads[*dep].map_or("ROOT", |h| words[h]),
                    words[*dep],
                ));
            }
        }
    }
    for k in &known {
        eprintln!("known miss: {k}");
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
