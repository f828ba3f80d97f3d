//! Scores the embedded syntax model (or a model file) on a UD English-EWT split and measures
//! its speed on one thread over the same sentences, gold tokenisation.
//!
//! `cargo run --release -p readout-syntax --example eval -- ../shared/gold/ud-ewt [dev|test] \
//!     [--model FILE] [--prune TAG,PARSE] [--merged]`
//!
//! `--prune` drops weights below the given 16-bit values first (to measure what pruning
//! costs); `--merged` scores the sentences with hyphenated words whole, as readout cuts them.

use std::path::PathBuf;
use std::time::Instant;

use readout_syntax::{conllu, train, Analysis, Analyzer, Workspace};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = PathBuf::from("../shared/gold/ud-ewt");
    let mut split = "dev".to_string();
    let mut model_file: Option<PathBuf> = None;
    let mut prune: Option<(i16, i16)> = None;
    let mut merged = false;
    while let Some(a) = args.next() {
        match a.as_str() {
            "dev" | "test" | "train" => split = a,
            "--merged" => merged = true,
            "--model" => model_file = args.next().map(PathBuf::from),
            "--prune" => {
                let v: Vec<i16> = args
                    .next()
                    .unwrap_or_default()
                    .split(',')
                    .filter_map(|x| x.parse().ok())
                    .collect();
                prune = (v.len() == 2).then(|| (v[0], v[1]));
            }
            _ => dir = PathBuf::from(a),
        }
    }
    let path = dir.join(format!("en_ewt-ud-{split}.conllu"));
    let mut tb = match conllu::read_file(&path) {
        Ok(tb) => tb,
        Err(e) => {
            eprintln!("skipped: {e}");
            return;
        }
    };
    if merged {
        // As readout's tokeniser cuts them: hyphenated words whole.
        for s in &mut tb.sentences {
            if let Some(m) = conllu::merge_hyphenated(s) {
                *s = m;
            }
        }
    }
    let owned;
    let model: &Analyzer = match model_file {
        Some(f) => {
            let loaded = std::fs::read(&f)
                .map_err(|e| e.to_string())
                .and_then(|b| Analyzer::from_bytes(&b).map_err(|e| e.to_string()));
            match loaded {
                Ok(m) => {
                    owned = m;
                    &owned
                }
                Err(e) => {
                    eprintln!("{}: {e}", f.display());
                    std::process::exit(1)
                }
            }
        }
        None => match Analyzer::embedded() {
            Ok(m) => m,
            Err(e) => {
                eprintln!("{e}");
                std::process::exit(1)
            }
        },
    };
    let pruned;
    let model = match prune {
        Some((t, p)) => {
            let (m, saturated) = model.pruned(t, p);
            pruned = m;
            println!(
                "pruned below {t} (tagger) and {p} (parser); {saturated} weights at the limit"
            );
            &pruned
        }
        None => model,
    };
    let (tf, pf) = model.feature_counts();
    println!(
        "features: tagger {tf}, parser {pf}; file {} bytes",
        model.to_bytes().len()
    );
    let s = train::evaluate(model, &tb.sentences);
    println!(
        "{split}: {} sentences, {} words; UPOS {:.4} XPOS {:.4} lemma {:.4} UAS {:.4} LAS {:.4} LAS(subtypes) {:.4}",
        s.sentences,
        s.words,
        s.upos_accuracy(),
        s.xpos_accuracy(),
        s.lemma_accuracy(),
        s.uas(),
        s.las(),
        s.las_full()
    );
    println!("per relation (gold count, LAS F1):");
    let mut rels: Vec<_> = s.per_relation.iter().collect();
    rels.sort_by_key(|(_, c)| std::cmp::Reverse(c.gold));
    for (rel, c) in rels {
        println!(
            "  {:<14} {:>6}  P {:.3} R {:.3} F1 {:.3}",
            rel.as_str(),
            c.gold,
            c.precision(),
            c.recall(),
            c.f1()
        );
    }
    let sentences: Vec<Vec<&str>> = tb.sentences.iter().map(|s| s.forms()).collect();
    let words: usize = sentences.iter().map(Vec::len).sum();
    let mut ws = Workspace::default();
    let mut out = Analysis::default();
    for lemmas in [false, true] {
        let mut best = f64::MAX;
        for _ in 0..3 {
            let t = Instant::now();
            for s in &sentences {
                model.analyse_into(s, &mut ws, &mut out, lemmas);
            }
            best = best.min(t.elapsed().as_secs_f64());
        }
        println!(
            "speed ({}): {:.0} tokens/s on one thread (best of 3 passes)",
            if lemmas {
                "tagger + lemmatiser + parser"
            } else {
                "tagger + parser"
            },
            words as f64 / best
        );
    }
}
