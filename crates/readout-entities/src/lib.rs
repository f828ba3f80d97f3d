//! Named entities for readout.
//!
//! The tagger is an averaged perceptron over BILOU tags, decoded greedily from left to
//! right with the tags it has already given as features (as in Ratinov & Roth 2009), over
//! hashed sparse features: the word and its neighbours, shapes, affixes, gazetteer matches,
//! word clusters learned without labels, and the types given earlier in the same article to
//! the same word. The model, the gazetteer and the clusters are compiled into the binary,
//! so nothing is downloaded.
#![deny(missing_docs)]

mod features;
pub mod gazetteer;
pub mod gender;
mod perceptron;
pub mod persons;
pub mod resolve;
pub mod tags;
pub mod train;

use std::sync::OnceLock;

use readout_model::{Sentence, Span, Token};

pub use perceptron::Model;
pub use tags::EntityType;

/// Why a model or resource could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum EntityError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A model file is not in the expected format.
    #[error("model: {0}")]
    Model(String),
    /// A resource (gazetteer, clusters) has a malformed line.
    #[error("{resource}:{line}: {message}")]
    Resource {
        /// Which resource.
        resource: String,
        /// The line, from 1.
        line: usize,
        /// What is wrong.
        message: String,
    },
}

/// One entity mention found by the tagger.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Mention {
    /// Where it is in the text.
    pub span: Span,
    /// Its type.
    pub kind: EntityType,
    /// Index of its first token.
    pub first_token: usize,
    /// One past the index of its last token.
    pub end_token: usize,
}

/// The tagger with its resources: a model, a gazetteer and word clusters.
pub struct Recognizer {
    model: Model,
    resources: features::Resources,
}

static EMBEDDED_MODEL: &[u8] = include_bytes!("../data/ner.model.gz");
static EMBEDDED_GAZETTEER: &str = include_str!("../data/gazetteer.tsv");
static EMBEDDED_CLUSTERS: &str = include_str!("../data/clusters.tsv");
static EMBEDDED_GLOVE: &str = include_str!("../data/glove_clusters.tsv");

impl Recognizer {
    /// The recognizer compiled into the binary, loaded once per process.
    pub fn embedded() -> &'static Recognizer {
        static CELL: OnceLock<Recognizer> = OnceLock::new();
        CELL.get_or_init(|| {
            let resources = features::Resources::embedded();
            // An empty file stands for "no model yet", which `readout train ner` replaces.
            // Otherwise the embedded model is checked by this crate's tests, so a failure
            // here is a build defect, not bad input.
            let model = if EMBEDDED_MODEL.is_empty() {
                Model::empty()
            } else {
                Model::from_gzip(EMBEDDED_MODEL).expect("the embedded NER model loads")
            };
            Recognizer { model, resources }
        })
    }

    /// A recognizer from a model and the embedded gazetteer and clusters.
    pub fn with_model(model: Model) -> Recognizer {
        Recognizer {
            model,
            resources: features::Resources::embedded(),
        }
    }

    /// The model.
    pub fn model(&self) -> &Model {
        &self.model
    }

    /// Tags every sentence of `text` and returns the mentions in text order.
    pub fn recognize(&self, text: &str, tokens: &[Token], sentences: &[Sentence]) -> Vec<Mention> {
        let prepared: Vec<features::Sentence> = sentences
            .iter()
            .map(|s| features::Sentence::new(text, &tokens[s.tokens.clone()], &self.resources))
            .collect();
        let mut state = features::DocState::default();
        state.survey(&prepared);
        let mut out = Vec::new();
        let mut labels = Vec::new();
        let mut feats = Vec::with_capacity(128);
        let mut scores = [0f32; tags::LABELS];
        for (sentence, sent) in sentences.iter().zip(&prepared) {
            labels.clear();
            for i in 0..sentence.tokens.len() {
                feats.clear();
                sent.features(i, &labels, &state, &mut feats);
                self.model.scores(&feats, &mut scores);
                let prev = labels.last().copied().unwrap_or(tags::O);
                let label = tags::best_allowed(prev, &scores);
                labels.push(label);
                state.observe(sent, i, label);
            }
            for (first, end, kind) in tags::decode(&labels) {
                let t0 = sentence.tokens.start + first;
                let t1 = sentence.tokens.start + end;
                for (a, b) in disciplined(text, tokens, t0, t1, kind) {
                    out.push(Mention {
                        span: Span::new(tokens[a].span.start, tokens[b - 1].span.end),
                        kind,
                        first_token: a,
                        end_token: b,
                    });
                }
            }
        }
        one_type_per_name(text, &mut out);
        typed_by_noun(text, tokens, &mut out);
        out
    }

    /// Tags the article and resolves the mentions into entities with roles, codes and
    /// linked mentions (see [`resolve`]), for an article of unknown date: a person without
    /// a role takes the code of the embedded person table that is in force to this day.
    pub fn entities(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
    ) -> Vec<readout_model::Entity> {
        self.entities_on(text, tokens, sentences, None)
    }

    /// [`Recognizer::entities`] for an article published on `published`: a person without
    /// a role takes the code the embedded person table has in force on that day.
    pub fn entities_on(
        &self,
        text: &str,
        tokens: &[Token],
        sentences: &[Sentence],
        published: Option<chrono::NaiveDate>,
    ) -> Vec<readout_model::Entity> {
        let mentions = self.recognize(text, tokens, sentences);
        resolve::resolve(
            text,
            tokens,
            sentences,
            &mentions,
            gazetteer::Gazetteer::embedded(),
            persons::Persons::embedded(),
            gender::FirstNames::embedded(),
            published,
        )
    }
}

/// A tagged name over tokens `t0..t1`, cut where no single name runs on: at a semicolon or
/// a line break between two of its tokens ("Bayer; Philip Morris", a list over lines), and
/// before a possessive followed by a lowercase word ("Merrill's current chairman" is
/// Merrill), before a lowercase word that starts a phrase or clause of its own ("the Gulf
/// war with Iraq" is not one name: CoNLL-2003's training names hold no "with", "by" or
/// "from"), and, in a person's name, at "and". The pieces left with a word in them are the
/// names.
fn disciplined(
    text: &str,
    tokens: &[Token],
    t0: usize,
    t1: usize,
    kind: EntityType,
) -> Vec<(usize, usize)> {
    let word = |i: usize| tokens[i].span.slice(text).unwrap_or("");
    let mut out = Vec::new();
    let mut start = t0;
    let mut end = t1;
    for i in t0..t1 {
        let possessive = matches!(word(i), "'s" | "’s" | "'" | "’")
            && i + 1 < t1
            && word(i + 1).chars().next().is_some_and(char::is_lowercase);
        if possessive || (i > t0 && CLAUSE_WORDS.contains(&word(i))) {
            end = i;
            break;
        }
    }
    for i in t0..end {
        let gap = i > t0
            && text
                .get(tokens[i - 1].span.end..tokens[i].span.start)
                .is_some_and(|g| g.contains('\n'));
        // No person's name holds "and": "Anna Kovac and Peter Lund" are two persons.
        let and = kind == EntityType::Per && matches!(word(i), "and" | "&");
        if word(i) == ";" || gap || and {
            if start < i {
                out.push((start, i));
            }
            start = if gap { i } else { i + 1 };
        }
    }
    if start < end {
        out.push((start, end));
    }
    out.retain(|&(a, b)| (a..b).any(|k| tokens[k].kind == readout_model::TokenKind::Word));
    out
}

/// Gives every mention of the same name in an article the type that at least two of its
/// mentions and two thirds of them have. The tagger decides each mention from its own
/// context, and an article that writes "the Kremlin said" three times means the same thing
/// each time. A tie is left alone: on the development set, a bare majority with ties
/// settled by the first mention's type cost 0.006 F1, since a sports report may name a
/// country as a place and as its team.
fn one_type_per_name(text: &str, mentions: &mut [Mention]) {
    let mut votes: std::collections::HashMap<&str, [u32; 4]> = std::collections::HashMap::new();
    for m in mentions.iter() {
        let name = m.span.slice(text).unwrap_or("");
        votes.entry(name).or_default()[m.kind as usize] += 1;
    }
    for m in mentions.iter_mut() {
        let name = m.span.slice(text).unwrap_or("");
        let Some(counts) = votes.get(name) else {
            continue;
        };
        let total: u32 = counts.iter().sum();
        if let Some(k) = EntityType::ALL
            .into_iter()
            .find(|k| 3 * counts[*k as usize] >= 2 * total && counts[*k as usize] >= 2)
        {
            m.kind = k;
        }
    }
}

/// A lowercase noun right before a name, with at most a quotation mark between, says what
/// the name is: "the newspaper Vedomosti" and "the rights group Amnesty" are
/// organisations, "the film Anora", "the drug Ozempic" and "the sitcom Seinfeld" are works
/// and products (CoNLL's MISC), whatever the tagger made of the name alone.
fn typed_by_noun(text: &str, tokens: &[Token], mentions: &mut [Mention]) {
    for m in mentions.iter_mut() {
        let mut k = m.first_token;
        while k > 0 {
            k -= 1;
            let word = tokens[k].span.slice(text).unwrap_or("");
            if matches!(word, "\"" | "“" | "'" | "‘") {
                continue;
            }
            if let Some(kind) = type_noun(word) {
                m.kind = kind;
            }
            break;
        }
    }
}

/// The type a lowercase noun gives the name after it.
fn type_noun(word: &str) -> Option<EntityType> {
    Some(match word {
        "newspaper" | "daily" | "tabloid" | "weekly" | "magazine" | "broadcaster" | "agency"
        | "company" | "firm" | "group" | "carrier" | "airline" | "club" | "bank" | "insurer"
        | "retailer" | "automaker" | "carmaker" | "conglomerate" | "charity" | "website" => {
            EntityType::Org
        }
        "film" | "movie" | "opera" | "sitcom" | "musical" | "album" | "song" | "novel"
        | "documentary" | "drug" | "vaccine" | "painting" | "series" | "show" | "app"
        | "sculpture" | "symphony" | "memoir" => EntityType::Misc,
        _ => return None,
    })
}

/// Lowercase words that never stand inside a name: prepositions, conjunctions and verbs
/// that begin a phrase of their own. Name-internal particles ("of", "de", "van", "the",
/// "and", "for", "on", "in", "at") are not here.
const CLAUSE_WORDS: &[&str] = &[
    "with", "by", "from", "after", "before", "against", "over", "into", "than", "since", "during",
    "between", "without", "unless", "because", "while", "when", "if", "but", "or", "who", "which",
    "that", "was", "is", "were", "are", "said", "says", "told",
];

#[cfg(test)]
mod span_tests {
    use super::*;

    fn cut(text: &str, first: &str, last: &str) -> Vec<String> {
        cut_as(text, first, last, EntityType::Org)
    }

    fn cut_as(text: &str, first: &str, last: &str, kind: EntityType) -> Vec<String> {
        let seg = readout_text::segment(text);
        let find = |w: &str| {
            seg.tokens
                .iter()
                .position(|t| t.span.slice(text) == Some(w))
                .unwrap()
        };
        disciplined(text, &seg.tokens, find(first), find(last) + 1, kind)
            .into_iter()
            .map(|(a, b)| text[seg.tokens[a].span.start..seg.tokens[b - 1].span.end].to_string())
            .collect()
    }

    #[test]
    fn names_stop_at_semicolons_line_breaks_and_possessives() {
        assert_eq!(
            cut("Shares of Bayer; Philip Morris rose.", "Bayer", "Morris"),
            ["Bayer", "Philip Morris"]
        );
        assert_eq!(
            cut("Speakers: Anna Kovac\nPeter Lund spoke.", "Anna", "Lund"),
            ["Anna Kovac", "Peter Lund"]
        );
        assert_eq!(
            cut(
                "Vorland's current chairman resigned.",
                "Vorland",
                "chairman"
            ),
            ["Vorland"]
        );
        // A possessive inside a name followed by a capital stays: "McDonald's Corp".
        assert_eq!(
            cut("Shares of Ostrand's Corp rose.", "Ostrand", "Corp"),
            ["Ostrand's Corp"]
        );
    }

    #[test]
    fn names_stop_before_a_word_that_starts_a_phrase() {
        assert_eq!(
            cut(
                "It ended the Varn war with Ostria in May.",
                "Varn",
                "Ostria"
            ),
            ["Varn war"]
        );
        assert_eq!(
            cut("Talks by Norsk Hydro from Oslo began.", "Norsk", "Oslo"),
            ["Norsk Hydro"]
        );
        // Particles that do stand inside names stay.
        assert_eq!(
            cut("The Bank of Vorland and Ostria rose.", "Bank", "Ostria"),
            ["Bank of Vorland and Ostria"]
        );
    }

    #[test]
    fn a_name_has_one_type_in_an_article() {
        let text = "Vorland said. Vorland won. Vorland rose. Ostria fell. Ostria lost.";
        let mention = |nth: usize, word: &str, kind| {
            let start = text.match_indices(word).nth(nth).unwrap().0;
            Mention {
                span: Span::new(start, start + word.len()),
                kind,
                first_token: 0,
                end_token: 1,
            }
        };
        let mut found = vec![
            mention(0, "Vorland", EntityType::Org),
            mention(1, "Vorland", EntityType::Loc),
            mention(2, "Vorland", EntityType::Loc),
            mention(0, "Ostria", EntityType::Per),
            mention(1, "Ostria", EntityType::Loc),
        ];
        one_type_per_name(text, &mut found);
        let kinds: Vec<EntityType> = found.iter().map(|m| m.kind).collect();
        // Two thirds and at least two decide; a tie is left alone.
        assert_eq!(
            kinds,
            [
                EntityType::Loc,
                EntityType::Loc,
                EntityType::Loc,
                EntityType::Per,
                EntityType::Loc
            ]
        );
    }

    #[test]
    fn a_persons_name_stops_at_and() {
        assert_eq!(
            cut_as(
                "Anna Kovac and Peter Lund met.",
                "Anna",
                "Lund",
                EntityType::Per
            ),
            ["Anna Kovac", "Peter Lund"]
        );
        assert_eq!(
            cut("Shares of Kovac and Lund rose.", "Kovac", "Lund"),
            ["Kovac and Lund"]
        );
    }
}
