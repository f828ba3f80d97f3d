//! Training: the tagger on the training sentences, the lemmatiser from their lemmas, and the
//! parser on the same sentences with tags predicted by taggers that did not see them
//! (jack-knifing), so that it learns from tags as wrong as they will be at run time.
//! Everything is seeded and computed in integers, so the same data and settings give the
//! same model file byte for byte.

use crate::analyzer::Analyzer;
use crate::conllu::{self, Sentence};
use crate::parser::{self, tag_id, ParseConfig, ParseExample, Token};
use crate::score::{Predicted, Scores};
use crate::tagger::{self, Lemmatizer, Scratch, TagConfig, TagExample, WordIds};

/// Training settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainConfig {
    /// Seed of the shuffles.
    pub seed: u64,
    /// Tagger passes over the data.
    pub tag_epochs: usize,
    /// Parser passes over the data.
    pub parse_epochs: usize,
    /// Jack-knife folds for the parser's training tags (0 or 1: the final tagger's own
    /// tags on its training data).
    pub folds: usize,
    /// Averaged weights smaller than this are pruned from the tagger.
    pub tag_min_weight: f64,
    /// Averaged weights smaller than this are pruned from the parser.
    pub parse_min_weight: f64,
    /// Whether every sentence with hyphenated words is also trained on as readout's
    /// tokeniser cuts it, those words whole (see [`conllu::merge_hyphenated`]).
    pub merged_copies: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            seed: 20261204,
            tag_epochs: 10,
            parse_epochs: 15,
            folds: 4,
            tag_min_weight: 0.5,
            parse_min_weight: 1.0,
            merged_copies: true,
        }
    }
}

fn tag_config(cfg: &TrainConfig, seed: u64) -> TagConfig {
    TagConfig {
        epochs: cfg.tag_epochs,
        seed,
        dict_min_count: 20,
        dict_min_share: 0.995,
        scale: 16.0,
        min_abs: cfg.tag_min_weight,
    }
}

fn tag_examples(sentences: &[&Sentence]) -> Vec<TagExample> {
    sentences
        .iter()
        .map(|s| TagExample {
            words: s.words.iter().map(|w| WordIds::new(&w.form)).collect(),
            tags: s.words.iter().map(|w| (w.upos, w.xpos)).collect(),
        })
        .collect()
}

/// Trains a model; `log` hears what each step did.
pub fn train(original: &[Sentence], cfg: &TrainConfig, mut log: impl FnMut(&str)) -> Analyzer {
    // A merged copy goes into its original's jack-knife fold, so that no fold's tagger has
    // seen a near-copy of the sentences it tags.
    let mut sentences: Vec<Sentence> = original.to_vec();
    let mut origin: Vec<usize> = (0..original.len()).collect();
    if cfg.merged_copies {
        for (i, s) in original.iter().enumerate() {
            if let Some(m) = conllu::merge_hyphenated(s) {
                sentences.push(m);
                origin.push(i);
            }
        }
        log(&format!(
            "{} sentences with hyphenated words also trained on with them whole",
            sentences.len() - original.len()
        ));
    }
    let sentences = &sentences[..];
    let all: Vec<&Sentence> = sentences.iter().collect();
    let examples = tag_examples(&all);
    // The parser's training tags: each fold tagged by a tagger trained on the others.
    let mut predicted: Vec<Vec<crate::Xpos>> = vec![Vec::new(); sentences.len()];
    if cfg.folds >= 2 {
        for fold in 0..cfg.folds {
            let (held, rest): (Vec<usize>, Vec<usize>) =
                (0..sentences.len()).partition(|&i| origin[i] % cfg.folds == fold);
            let train_ex = tag_examples(&rest.iter().map(|&i| &sentences[i]).collect::<Vec<_>>());
            let t = tagger::train(&train_ex, &tag_config(cfg, cfg.seed ^ (fold as u64 + 1)));
            let (mut out, mut scratch) = (Vec::new(), Scratch::default());
            let mut right = 0usize;
            let mut total = 0usize;
            for &i in &held {
                t.tag(&examples[i].words, &mut out, &mut scratch);
                predicted[i] = out.iter().map(|&c| t.class(c).1).collect();
                right += predicted[i]
                    .iter()
                    .zip(&sentences[i].words)
                    .filter(|(p, w)| **p == w.xpos)
                    .count();
                total += sentences[i].words.len();
            }
            log(&format!(
                "jack-knife fold {}/{}: XPOS accuracy {:.4}",
                fold + 1,
                cfg.folds,
                right as f64 / total.max(1) as f64
            ));
        }
    }
    let tagger = tagger::train(&examples, &tag_config(cfg, cfg.seed));
    log(&format!("tagger: {} features", tagger.features()));
    if cfg.folds < 2 {
        let (mut out, mut scratch) = (Vec::new(), Scratch::default());
        for (i, ex) in examples.iter().enumerate() {
            tagger.tag(&ex.words, &mut out, &mut scratch);
            predicted[i] = out.iter().map(|&c| tagger.class(c).1).collect();
        }
    }
    let lemmatizer = Lemmatizer::train(
        sentences
            .iter()
            .flat_map(|s| s.words.iter())
            .map(|w| (w.form.as_str(), w.xpos, w.lemma.as_str())),
    );
    let parse_examples: Vec<ParseExample> = sentences
        .iter()
        .zip(&examples)
        .zip(&predicted)
        .map(|((s, ex), tags)| {
            let n = s.words.len() as u32;
            ParseExample {
                toks: ex
                    .words
                    .iter()
                    .zip(tags)
                    .map(|(w, x)| Token {
                        word: w.lower,
                        tag: tag_id(*x),
                        cluster: w.c6,
                    })
                    .collect(),
                heads: s
                    .words
                    .iter()
                    .map(|w| if w.head == 0 { n } else { w.head as u32 - 1 })
                    .collect(),
                labels: s.words.iter().map(|w| w.deprel as u8).collect(),
            }
        })
        .collect();
    let parser = parser::train(
        &parse_examples,
        &ParseConfig {
            epochs: cfg.parse_epochs,
            seed: cfg.seed.rotate_left(17),
            explore_from: 1,
            explore_permille: 900,
            scale: 16.0,
            min_abs: cfg.parse_min_weight,
        },
    );
    log(&format!("parser: {} features", parser.features()));
    Analyzer {
        tagger,
        lemmatizer,
        parser,
    }
}

/// Scores an analyser on gold-tokenised sentences.
pub fn evaluate(analyzer: &Analyzer, sentences: &[Sentence]) -> Scores {
    let mut scores = Scores::default();
    for s in sentences {
        let forms = s.forms();
        let a = analyzer.analyse(&forms);
        let pred = Predicted {
            heads: a.conll_heads(),
            upos: a.upos,
            xpos: a.xpos,
            deprels: a.deprels,
            lemmas: a.lemmas,
        };
        scores.add(s, &pred);
    }
    scores
}
