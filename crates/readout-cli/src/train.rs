//! `readout train ner` and `readout train syntax`: rebuild the embedded models from their
//! training data, seeded, so that the committed files are reproduced byte for byte.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{bail, Context, Result};
use readout_entities::train::{train, TrainConfig, TrainDoc};
use readout_entities::EntityType;
use readout_syntax::train::TrainConfig as SyntaxConfig;

/// Options of `readout train`.
#[derive(clap::Args)]
pub struct TrainArgs {
    #[command(subcommand)]
    what: Model,
}

/// The models readout can train.
#[derive(clap::Subcommand)]
enum Model {
    /// The named-entity tagger, from CoNLL-2003.
    Ner(NerArgs),
    /// The tagger, lemmatiser and dependency parser, from UD English-EWT.
    Syntax(SyntaxArgs),
}

/// Options of `readout train ner`.
#[derive(clap::Args)]
struct NerArgs {
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
    /// Train without the title-case headline copies (to measure what they add).
    #[arg(long)]
    no_headlines: bool,
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

/// Options of `readout train syntax`. The defaults rebuild the committed model.
#[derive(clap::Args)]
struct SyntaxArgs {
    /// The UD English-EWT folder: trains on `en_ewt-ud-train.conllu`, reports
    /// `en_ewt-ud-dev.conllu` (never the test set).
    #[arg(long, default_value = "../shared/gold/ud-ewt")]
    ud: PathBuf,
    /// Where to write the model.
    #[arg(long, default_value = "crates/readout-syntax/model/syntax.model")]
    out: PathBuf,
    /// Seed of the shuffles.
    #[arg(long, default_value_t = SyntaxConfig::default().seed)]
    seed: u64,
    /// Tagger passes over the data.
    #[arg(long, default_value_t = SyntaxConfig::default().tag_epochs)]
    tag_epochs: usize,
    /// Parser passes over the data.
    #[arg(long, default_value_t = SyntaxConfig::default().parse_epochs)]
    parse_epochs: usize,
    /// Jack-knife folds for the parser's training tags.
    #[arg(long, default_value_t = SyntaxConfig::default().folds)]
    folds: usize,
    /// Tagger weights below this are pruned.
    #[arg(long, default_value_t = SyntaxConfig::default().tag_min_weight)]
    tag_min: f64,
    /// Parser weights below this are pruned.
    #[arg(long, default_value_t = SyntaxConfig::default().parse_min_weight)]
    parse_min: f64,
    /// Do not also train on sentences with hyphenated words whole.
    #[arg(long)]
    no_merged_copies: bool,
}

/// Runs `readout train`.
pub fn run(args: TrainArgs) -> Result<ExitCode> {
    match args.what {
        Model::Ner(args) => ner(args),
        Model::Syntax(args) => syntax(args),
    }
}

/// Reads a CoNLL-U file; sentences it cannot read are reported and left out.
fn treebank(path: &std::path::Path) -> Result<Vec<readout_syntax::conllu::Sentence>> {
    let tb = readout_syntax::conllu::read_file(path)
        .with_context(|| format!("reading {}", path.display()))?;
    for e in &tb.errors {
        eprintln!("readout: skipped: {e}");
    }
    Ok(tb.sentences)
}

fn syntax(args: SyntaxArgs) -> Result<ExitCode> {
    let train = treebank(&args.ud.join("en_ewt-ud-train.conllu"))?;
    let dev = treebank(&args.ud.join("en_ewt-ud-dev.conllu"))?;
    let config = SyntaxConfig {
        seed: args.seed,
        tag_epochs: args.tag_epochs,
        parse_epochs: args.parse_epochs,
        folds: args.folds,
        tag_min_weight: args.tag_min,
        parse_min_weight: args.parse_min,
        merged_copies: !args.no_merged_copies,
    };
    eprintln!(
        "readout: training on {} sentences of {}",
        train.len(),
        args.ud.display()
    );
    let started = std::time::Instant::now();
    let model = readout_syntax::train::train(&train, &config, |m| {
        eprintln!("readout: [{:.0} s] {m}", started.elapsed().as_secs_f64())
    });
    let bytes = model.to_bytes();
    // Scored after a round trip through the file format, so the figures are the file's.
    let model = readout_syntax::Analyzer::from_bytes(&bytes)
        .context("the trained model does not read back")?;
    let s = readout_syntax::train::evaluate(&model, &dev);
    eprintln!(
        "readout: dev: UPOS {:.4}, XPOS {:.4}, lemma {:.4}, UAS {:.4}, LAS {:.4}",
        s.upos_accuracy(),
        s.xpos_accuracy(),
        s.lemma_accuracy(),
        s.uas(),
        s.las()
    );
    std::fs::write(&args.out, &bytes).with_context(|| format!("writing {}", args.out.display()))?;
    eprintln!(
        "readout: wrote {} ({:.2} MB) in {:.0} s",
        args.out.display(),
        bytes.len() as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}

fn ner(args: NerArgs) -> Result<ExitCode> {
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
        headlines: !args.no_headlines,
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
