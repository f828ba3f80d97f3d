//! Trains the syntax model on UD English-EWT and writes it; scores it on the dev set.
//!
//! `nice -n 10 cargo run --release -p readout-syntax --example train -- ../shared/gold/ud-ewt \
//!     [--out crates/readout-syntax/model/syntax.model] [--tag-epochs N] [--parse-epochs N] \
//!     [--folds N] [--tag-min W] [--parse-min W] [--no-merged-copies] [--limit SENTENCES]`
//!
//! With no options it rebuilds the committed model bit for bit.

use std::path::PathBuf;
use std::time::Instant;

use readout_syntax::{conllu, train, Analyzer};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = PathBuf::from("../shared/gold/ud-ewt");
    let mut out: Option<PathBuf> = None;
    let mut cfg = train::TrainConfig::default();
    let mut limit = usize::MAX;
    while let Some(a) = args.next() {
        let mut value = |name: &str| {
            args.next().unwrap_or_else(|| {
                eprintln!("{name} needs a value");
                std::process::exit(2)
            })
        };
        let num = |s: String| -> f64 {
            s.parse().unwrap_or_else(|_| {
                eprintln!("not a number: {s}");
                std::process::exit(2)
            })
        };
        match a.as_str() {
            "--out" => out = Some(PathBuf::from(value("--out"))),
            "--tag-epochs" => cfg.tag_epochs = num(value("--tag-epochs")) as usize,
            "--parse-epochs" => cfg.parse_epochs = num(value("--parse-epochs")) as usize,
            "--folds" => cfg.folds = num(value("--folds")) as usize,
            "--tag-min" => cfg.tag_min_weight = num(value("--tag-min")),
            "--parse-min" => cfg.parse_min_weight = num(value("--parse-min")),
            "--no-merged-copies" => cfg.merged_copies = false,
            "--limit" => limit = num(value("--limit")) as usize,
            _ => dir = PathBuf::from(a),
        }
    }
    let read = |name: &str| {
        let path = dir.join(name);
        match conllu::read_file(&path) {
            Ok(tb) => {
                for e in &tb.errors {
                    eprintln!("skipped: {e}");
                }
                tb.sentences
            }
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1)
            }
        }
    };
    let mut sentences = read("en_ewt-ud-train.conllu");
    sentences.truncate(limit);
    let dev = read("en_ewt-ud-dev.conllu");
    eprintln!("{cfg:?}: {} training sentences", sentences.len());
    let start = Instant::now();
    let model = train::train(&sentences, &cfg, |m| {
        eprintln!("[{:.1}s] {m}", start.elapsed().as_secs_f64())
    });
    let bytes = model.to_bytes();
    eprintln!(
        "trained in {:.1}s; model {} bytes",
        start.elapsed().as_secs_f64(),
        bytes.len()
    );
    // Scored after a round trip through the file format, so the figures are the file's.
    let model = match Analyzer::from_bytes(&bytes) {
        Ok(m) => m,
        Err(e) => {
            eprintln!("the written model does not load: {e}");
            std::process::exit(1)
        }
    };
    let s = train::evaluate(&model, &dev);
    println!(
        "dev: UPOS {:.4} XPOS {:.4} lemma {:.4} UAS {:.4} LAS {:.4} LAS(subtypes) {:.4}",
        s.upos_accuracy(),
        s.xpos_accuracy(),
        s.lemma_accuracy(),
        s.uas(),
        s.las(),
        s.las_full()
    );
    let merged: Vec<conllu::Sentence> = dev
        .iter()
        .map(|s| conllu::merge_hyphenated(s).unwrap_or_else(|| s.clone()))
        .collect();
    let m = train::evaluate(&model, &merged);
    println!(
        "dev, hyphenated words whole: UPOS {:.4} UAS {:.4} LAS {:.4} ({} words)",
        m.upos_accuracy(),
        m.uas(),
        m.las(),
        m.words
    );
    if let Some(out) = out {
        if let Err(e) = std::fs::write(&out, &bytes) {
            eprintln!("{}: {e}", out.display());
            std::process::exit(1)
        }
        eprintln!("wrote {}", out.display());
    }
}
