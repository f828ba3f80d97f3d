//! Table-driven tests: `tests/data/sentences.txt` and `tests/data/tokens.txt`.
//! Every failing case is reported by name before the test fails.

mod common;

use readout_text::segment;

#[test]
fn sentence_table() {
    let cases = common::parse(include_str!("data/sentences.txt"));
    assert!(cases.len() >= 60, "only {} sentence cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let seg = segment(&case.input);
        let got: Vec<&str> = seg
            .sentences
            .iter()
            .map(|s| &case.input[s.span.start..s.span.end])
            .collect();
        let mut problem = None;
        if got != case.expected {
            problem = Some(format!("expected {:#?}\n  got {:#?}", case.expected, got));
        } else if let Some(want) = &case.paragraphs {
            let paras: Vec<usize> = seg.sentences.iter().map(|s| s.paragraph).collect();
            if &paras != want {
                problem = Some(format!("paragraphs: expected {want:?}, got {paras:?}"));
            }
        }
        if let Some(p) = problem {
            failures.push(format!("case `{}`: {p}", case.name));
        }
    }
    println!(
        "sentence table: {} passed, {} failed",
        cases.len() - failures.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} sentence cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn token_table() {
    let cases = common::parse(include_str!("data/tokens.txt"));
    assert!(cases.len() >= 30, "only {} token cases", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let seg = segment(&case.input);
        let got: Vec<&str> = seg
            .tokens
            .iter()
            .map(|t| &case.input[t.span.start..t.span.end])
            .collect();
        let want: Vec<&str> = case
            .expected
            .first()
            .map_or(Vec::new(), |l| l.split(' ').collect());
        if got != want {
            failures.push(format!(
                "case `{}`:\n  expected {want:?}\n  got      {got:?}",
                case.name
            ));
        }
    }
    println!(
        "token table: {} passed, {} failed",
        cases.len() - failures.len(),
        failures.len()
    );
    assert!(
        failures.is_empty(),
        "{} token cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
