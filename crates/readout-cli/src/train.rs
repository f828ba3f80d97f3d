//! `readout train ner`: rebuilds the embedded NER model from CoNLL-2003.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use readout_entities::train::{train, TrainConfig, TrainDoc};
use readout_entities::EntityType;

/// Options of `readout train ner`.
#[derive(clap::Args)]
pub struct TrainArgs {
    /// What to train (only `ner` so far).
    what: String,
    /// Training data: CoNLL-2003 file or plain NER JSONL.
    #[arg(long, default_value = "../shared/gold/conll2003/eng.train")]
    train: PathBuf,
    /// Development data, to choose the epoch (never the test set).
    #[arg(long, default_value = "../shared/gold/conll2003/eng.testa")]
    dev: PathBuf,
    /// Where to write the model.
    #[arg(long, default_value = "crates/readout-entities/data/ner.model.gz")]
    out: PathBuf,
    /// Passes over the training data.
    #[arg(long, default_value_t = TrainConfig::default().epochs)]
    epochs: usize,
    /// Seed of the document order.
    #[arg(long, default_value_t = TrainConfig::default().seed)]
    seed: u64,
}

fn load(path: &std::path::Path) -> Result<Vec<TrainDoc>> {
    let mut out = Vec::new();
    for dataset in readout_eval::ner::load(path)? {
        for doc in dataset.documents {
            let mut entities = Vec::with_capacity(doc.entities.len());
            for e in &doc.entities {
                let Some(kind) = EntityType::parse(&e.kind) else {
                    bail!(
                        "{}: document {}: unknown type {:?}",
                        path.display(),
                        doc.id,
                        e.kind
                    );
                };
                entities.push((e.start, e.end, kind));
            }
            out.push(TrainDoc {
                text: doc.text,
                entities,
            });
        }
    }
    Ok(out)
}

/// Runs `readout train`.
pub fn run(args: TrainArgs) -> Result<ExitCode> {
    if args.what != "ner" {
        bail!("readout can train `ner` only, not {:?}", args.what);
    }
    let train_docs = load(&args.train)?;
    let dev_docs = load(&args.dev)?;
    eprintln!(
        "readout: training on {} documents of {}, choosing the epoch on {} documents of {}",
        train_docs.len(),
        args.train.display(),
        dev_docs.len(),
        args.dev.display()
    );
    let started = std::time::Instant::now();
    let config = TrainConfig {
        epochs: args.epochs,
        seed: args.seed,
    };
    let (model, dropped) = train(&train_docs, &dev_docs, config, |r| {
        eprintln!(
            "readout: epoch {:>2}: train accuracy {:.4}, dev F1 {:.4} ({:.0} s)",
            r.epoch,
            r.train_accuracy,
            r.dev_f1,
            started.elapsed().as_secs_f64()
        );
    });
    if dropped > 0 {
        eprintln!("readout: {dropped} training entities have edges inside a token");
    }
    let bytes = model.to_gzip();
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "readout: wrote {} ({} features, {:.2} MB)",
        args.out.display(),
        model.features(),
        bytes.len() as f64 / 1e6
    );
    Ok(ExitCode::SUCCESS)
}
