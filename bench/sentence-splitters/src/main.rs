//! Runs three sentence splitters on readout-text's hard-case table and on the texts of a
//! JSONL news corpus, and prints a markdown table.
//!
//! Usage: `cargo run --release -- [CORPUS.jsonl]`

use std::time::Instant;

use punkt_n::params::Standard;
use punkt_n::{SentenceByteOffsetTokenizer, TrainingData};

#[path = "../../../crates/readout-text/tests/common/mod.rs"]
mod cases;

/// Byte spans of sentences, trimmed of white space, empty ones dropped.
type Spans = Vec<(usize, usize)>;

fn trimmed(text: &str, start: usize, end: usize, out: &mut Spans) {
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        out.push((start + lead, start + lead + t.len()));
    }
}

fn readout(text: &str) -> Spans {
    readout_text::segment(text).sentences.iter().map(|s| (s.span.start, s.span.end)).collect()
}

fn sentencex(text: &str) -> Spans {
    let mut out = Vec::new();
    let base = text.as_ptr() as usize;
    for s in sentencex::segment("en", text) {
        let start = s.as_ptr() as usize - base;
        trimmed(text, start, start + s.len(), &mut out);
    }
    out
}

fn punkt(text: &str, data: &TrainingData) -> Spans {
    let mut out = Vec::new();
    for (start, end) in SentenceByteOffsetTokenizer::<Standard>::new(text, data) {
        trimmed(text, start, end, &mut out);
    }
    out
}

struct Score {
    exact: usize,
    tp: usize,
    fp: usize,
    fn_: usize,
    failed: Vec<String>,
}

fn score(cases: &[cases::Case], split: &dyn Fn(&str) -> Spans) -> Score {
    let mut sc = Score { exact: 0, tp: 0, fp: 0, fn_: 0, failed: Vec::new() };
    for case in cases {
        let got: Vec<&str> = split(&case.input).iter().map(|&(s, e)| &case.input[s..e]).collect();
        if got == case.expected {
            sc.exact += 1;
        } else {
            sc.failed.push(case.name.clone());
        }
        // Boundaries as counts of non-white-space characters before each sentence end,
        // so that splitters are compared independently of white-space handling.
        let ends = |sents: &[&str]| -> Vec<usize> {
            let mut acc = 0;
            let mut v: Vec<usize> = sents
                .iter()
                .map(|s| {
                    acc += s.chars().filter(|c| !c.is_whitespace()).count();
                    acc
                })
                .collect();
            v.pop();
            v
        };
        let want = ends(&case.expected.iter().map(String::as_str).collect::<Vec<_>>());
        let have = ends(&got);
        let tp = have.iter().filter(|b| want.contains(b)).count();
        sc.tp += tp;
        sc.fp += have.len() - tp;
        sc.fn_ += want.len() - tp;
    }
    sc
}

fn throughput(texts: &[String], split: &dyn Fn(&str) -> Spans) -> (f64, usize) {
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut best = f64::INFINITY;
    let mut count = 0;
    for _ in 0..3 {
        count = 0;
        let t0 = Instant::now();
        for t in texts {
            count += split(t).len();
        }
        best = best.min(t0.elapsed().as_secs_f64());
    }
    (bytes as f64 / 1e6 / best, count)
}

fn main() {
    let corpus = std::env::args().nth(1).unwrap_or_else(|| {
        concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared/corpus/newsarticles.jsonl").to_owned()
    });
    let table = concat!(env!("CARGO_MANIFEST_DIR"), "/../../crates/readout-text/tests/data/sentences.txt");
    let cases = cases::parse(&std::fs::read_to_string(table).expect("cannot read the case table"));
    let texts: Vec<String> = std::fs::read_to_string(&corpus)
        .unwrap_or_else(|e| panic!("cannot read {corpus}: {e}"))
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned))
        .collect();
    let mb: f64 = texts.iter().map(String::len).sum::<usize>() as f64 / 1e6;
    let data = TrainingData::english();
    let punkt_en = |t: &str| punkt(t, &data);
    let splitters: [(&str, &dyn Fn(&str) -> Spans); 3] = [
        ("readout-text (sentences + tokens)", &readout),
        ("sentencex 0.1 (en)", &sentencex),
        ("punkt_n 1.0 (NLTK English parameters)", &punkt_en),
    ];
    println!("{} hard cases; corpus: {} texts, {mb:.1} MB\n", cases.len(), texts.len());
    println!("| splitter | cases exactly matched | boundary P | boundary R | boundary F1 | corpus MB/s | corpus sentences |");
    println!("|---|---|---|---|---|---|---|");
    let mut failures = Vec::new();
    for (name, split) in splitters {
        let sc = score(&cases, split);
        let (mbs, n) = throughput(&texts, split);
        let p = sc.tp as f64 / (sc.tp + sc.fp).max(1) as f64;
        let r = sc.tp as f64 / (sc.tp + sc.fn_).max(1) as f64;
        let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
        println!(
            "| {name} | {}/{} | {p:.3} | {r:.3} | {f:.3} | {mbs:.1} | {n} |",
            sc.exact,
            cases.len()
        );
        failures.push((name, sc.failed));
    }
    println!();
    for (name, failed) in failures {
        println!("{name}: failed cases: {}", if failed.is_empty() { "none".to_owned() } else { failed.join("; ") });
    }
}
