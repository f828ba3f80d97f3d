//! Measures single-threaded segmentation throughput over the texts of a JSONL corpus.
//!
//! Usage: `cargo run --release -p readout-text --example throughput -- PATH.jsonl [ROUNDS]`

use std::time::Instant;

fn main() {
    let mut args = std::env::args().skip(1);
    let path = args.next().expect("usage: throughput PATH.jsonl [ROUNDS]");
    let rounds: usize = args
        .next()
        .map_or(5, |r| r.parse().expect("ROUNDS must be a number"));
    let data = std::fs::read_to_string(&path).expect("cannot read corpus");
    let texts: Vec<String> = data
        .lines()
        .filter(|l| !l.trim().is_empty())
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned))
        .collect();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut out = readout_text::Segmentation::default();
    // One warm-up round, then the best of `rounds` timed rounds.
    let mut best = f64::INFINITY;
    let (mut tokens, mut sentences) = (0usize, 0usize);
    for round in 0..=rounds {
        tokens = 0;
        sentences = 0;
        let t0 = Instant::now();
        for t in &texts {
            readout_text::segment_into(t, &mut out);
            tokens += out.tokens.len();
            sentences += out.sentences.len();
        }
        let secs = t0.elapsed().as_secs_f64();
        if round > 0 {
            best = best.min(secs);
        }
    }
    let mb = bytes as f64 / 1e6;
    println!(
        "texts: {}  bytes: {}  sentences: {}  tokens: {}",
        texts.len(),
        bytes,
        sentences,
        tokens
    );
    println!(
        "best of {rounds}: {:.3} s  {:.1} MB/s  {:.2} M tokens/s",
        best,
        mb / best,
        tokens as f64 / best / 1e6
    );
}
