//! Training: an averaged perceptron over the tagger's own greedy decisions, epoch by epoch,
//! keeping the epoch that scores best on a development set. Everything is seeded, so the
//! same data and settings give the same model file, byte for byte.

use readout_model::Span;

use crate::features::{DocState, Resources, Sentence};
use crate::perceptron::{Model, Trainer};
use crate::tags::{self, EntityType, LABELS};
use crate::Recognizer;

/// A training or development document: text and its entities as byte spans.
#[derive(Debug, Clone)]
pub struct TrainDoc {
    /// The text.
    pub text: String,
    /// The entities: start, end (bytes) and type.
    pub entities: Vec<(usize, usize, EntityType)>,
}

/// Training settings.
#[derive(Debug, Clone, Copy)]
pub struct TrainConfig {
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed of the order in which documents are visited.
    pub seed: u64,
    /// Give every second training document a title-case headline copied from its first
    /// sentence ([`with_titled_headline`]), so that the model learns that capitals in
    /// such a line mark no name.
    pub headlines: bool,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            epochs: 12,
            seed: 20261125,
            headlines: true,
        }
    }
}

/// What one epoch achieved.
#[derive(Debug, Clone, Copy)]
pub struct EpochReport {
    /// The epoch, from 1.
    pub epoch: usize,
    /// Share of training tokens whose greedy label was right during the pass.
    pub train_accuracy: f64,
    /// Entity F1 of the averaged model on the development set.
    pub dev_f1: f64,
}

/// A document tokenised and labelled once, for all epochs.
struct Prepared {
    sentences: Vec<(Sentence, Vec<u8>)>,
}

fn prepare(doc: &TrainDoc, resources: &Resources) -> (Prepared, usize) {
    let seg = readout_text::segment(&doc.text);
    let mut dropped = 0;
    let mut sentences = Vec::with_capacity(seg.sentences.len());
    for s in &seg.sentences {
        let toks = &seg.tokens[s.tokens.clone()];
        let mut ents = Vec::new();
        for &(start, end, kind) in &doc.entities {
            let first = toks.iter().position(|t| t.span.end > start);
            let last = toks.iter().rposition(|t| t.span.start < end);
            if let (Some(f), Some(l)) = (first, last) {
                if f > l || toks[f].span.start > end || toks[l].span.end < start {
                    continue;
                }
                // An entity whose edges cut a token cannot be represented; it is counted.
                if toks[f].span.start != start || toks[l].span.end != end {
                    dropped += 1;
                }
                ents.push((f, l + 1, kind));
            }
        }
        let labels = tags::encode(toks.len(), &ents);
        sentences.push((Sentence::new(&doc.text, toks, resources), labels));
    }
    (Prepared { sentences }, dropped)
}

/// A small seeded generator (xorshift64*) for the visiting order.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            let j = (self.next() % (i as u64 + 1)) as usize;
            items.swap(i, j);
        }
    }
}

/// Trains a model on `train`, choosing the epoch by entity F1 on `dev` (the last epoch
/// when `dev` is empty). `progress` hears about every epoch. Returns the model and the
/// number of gold entities whose edges fell inside a token.
pub fn train(
    train: &[TrainDoc],
    dev: &[TrainDoc],
    config: TrainConfig,
    mut progress: impl FnMut(&EpochReport),
) -> (Model, usize) {
    let resources = Resources::embedded();
    let mut dropped = 0;
    let prepared: Vec<Prepared> = train
        .iter()
        .enumerate()
        .map(|(k, d)| {
            let titled = (config.headlines && k % 4 == 1)
                .then(|| with_titled_headline(d))
                .flatten();
            let d = titled.as_ref().map_or(d, |(t, _)| t);
            let (p, n) = prepare(d, &resources);
            dropped += n;
            p
        })
        .collect();
    let mut order: Vec<usize> = (0..prepared.len()).collect();
    let mut rng = Rng(config.seed | 1);
    let mut trainer = Trainer::new();
    let mut best: Option<(f64, Model)> = None;
    let mut feats = Vec::with_capacity(128);
    let mut scores = [0f32; LABELS];
    for epoch in 1..=config.epochs {
        rng.shuffle(&mut order);
        let (mut right, mut total) = (0usize, 0usize);
        for &d in &order {
            let mut state = DocState::default();
            state.survey(prepared[d].sentences.iter().map(|(s, _)| s));
            for (sent, gold) in &prepared[d].sentences {
                let mut predicted: Vec<u8> = Vec::with_capacity(gold.len());
                for (i, &g) in gold.iter().enumerate() {
                    feats.clear();
                    sent.features(i, &predicted, &state, &mut feats);
                    trainer.scores(&feats, &mut scores);
                    let prev = predicted.last().copied().unwrap_or(tags::O);
                    let p = tags::best_allowed(prev, &scores);
                    trainer.update(&feats, g, p);
                    trainer.tick();
                    right += usize::from(p == g);
                    total += 1;
                    predicted.push(p);
                    state.observe(sent, i, p);
                }
            }
        }
        let model = trainer.average();
        let dev_f1 = if dev.is_empty() {
            0.0
        } else {
            let recognizer = Recognizer::with_model(model);
            let f1 = entity_f1(&recognizer, dev);
            let Recognizer { model, .. } = recognizer;
            best = choose(best, f1, model);
            f1
        };
        if dev.is_empty() {
            best = Some((0.0, trainer.average()));
        }
        progress(&EpochReport {
            epoch,
            train_accuracy: right as f64 / total.max(1) as f64,
            dev_f1,
        });
    }
    let model = best.map(|(_, m)| m).unwrap_or_else(|| trainer.average());
    (model, dropped)
}

fn choose(best: Option<(f64, Model)>, f1: f64, model: Model) -> Option<(f64, Model)> {
    match best {
        Some((b, m)) if b >= f1 => Some((b, m)),
        _ => Some((f1, model)),
    }
}

/// Exact-span entity F1 of a recognizer on documents (conlleval's measure).
pub fn entity_f1(recognizer: &Recognizer, docs: &[TrainDoc]) -> f64 {
    let (mut tp, mut predicted, mut gold) = (0usize, 0usize, 0usize);
    for doc in docs {
        let seg = readout_text::segment(&doc.text);
        let found = recognizer.recognize(&doc.text, &seg.tokens, &seg.sentences);
        let want: std::collections::HashSet<(usize, usize, EntityType)> =
            doc.entities.iter().copied().collect();
        predicted += found.len();
        gold += want.len();
        tp += found
            .iter()
            .filter(|m| want.contains(&(m.span.start, m.span.end, m.kind)))
            .count();
    }
    let p = tp as f64 / predicted.max(1) as f64;
    let r = tp as f64 / gold.max(1) as f64;
    if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    }
}

/// The document with a title-case headline before it: its first sentence that is not in
/// capitals and has at least five words, with every word but the short function words of a
/// title begun with a capital ("Officials in Oslo said the talks would resume" → "Officials
/// in Oslo Said the Talks Would Resume"), then a blank line and the text. The sentence's
/// entities are copied onto the headline. Returns the document and the headline's length
/// in bytes, or `None` when no sentence qualifies. Only ASCII letters are changed, so every
/// offset keeps its meaning.
pub fn with_titled_headline(doc: &TrainDoc) -> Option<(TrainDoc, usize)> {
    let seg = readout_text::segment(&doc.text);
    let sentence = seg.sentences.iter().find(|s| {
        let toks = &seg.tokens[s.tokens.clone()];
        let words: Vec<&str> = toks
            .iter()
            .filter(|t| t.kind == readout_model::TokenKind::Word)
            .filter_map(|t| t.span.slice(&doc.text))
            .collect();
        words.len() >= 5
            && words
                .iter()
                .any(|w| w.starts_with(|c: char| c.is_ascii_lowercase()))
    })?;
    let (start, end) = (sentence.span.start, sentence.span.end);
    let mut headline = doc.text.get(start..end)?.as_bytes().to_vec();
    for t in &seg.tokens[sentence.tokens.clone()] {
        let word = t.span.slice(&doc.text).unwrap_or("");
        if t.kind == readout_model::TokenKind::Word
            && !crate::features::TITLE_LOWER.contains(&word)
            && word.starts_with(|c: char| c.is_ascii_lowercase())
        {
            headline[t.span.start - start].make_ascii_uppercase();
        }
    }
    let headline = String::from_utf8(headline).ok()?;
    let shift = headline.len() + 2;
    let mut entities: Vec<(usize, usize, EntityType)> = doc
        .entities
        .iter()
        .filter(|&&(a, b, _)| a >= start && b <= end)
        .map(|&(a, b, k)| (a - start, b - start, k))
        .collect();
    entities.extend(
        doc.entities
            .iter()
            .map(|&(a, b, k)| (a + shift, b + shift, k)),
    );
    let len = headline.len();
    Some((
        TrainDoc {
            text: format!("{headline}\n\n{}", doc.text),
            entities,
        },
        len,
    ))
}

/// Converts mentions to training-document form, for tests and tools.
pub fn spans(mentions: &[crate::Mention]) -> Vec<(Span, EntityType)> {
    mentions.iter().map(|m| (m.span, m.kind)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_titled_headline_copies_the_first_sentence_and_its_entities() {
        let text = "VORLAND WINS\nOfficials in Oslo said the talks with Anna Kovac would resume.";
        let at = |w: &str| text.find(w).unwrap();
        let doc = TrainDoc {
            text: text.to_string(),
            entities: vec![
                (at("Oslo"), at("Oslo") + 4, EntityType::Loc),
                (at("Anna"), at("Kovac") + 5, EntityType::Per),
            ],
        };
        let (titled, len) = with_titled_headline(&doc).unwrap();
        let headline = &titled.text[..len];
        assert_eq!(
            headline,
            "Officials in Oslo Said the Talks with Anna Kovac Would Resume."
        );
        assert!(titled.text.ends_with(text));
        let names: Vec<&str> = titled
            .entities
            .iter()
            .map(|&(a, b, _)| &titled.text[a..b])
            .collect();
        assert_eq!(names, ["Oslo", "Anna Kovac", "Oslo", "Anna Kovac"]);
        // A sentence in capitals or of fewer than five words is not copied.
        let short = TrainDoc {
            text: "VORLAND WINS BIG TODAY NOW\nIt rained.".to_string(),
            entities: Vec::new(),
        };
        assert!(with_titled_headline(&short).is_none());
    }
}
