//! Stories: articles that report the same real-world event, grouped as they arrive.
//!
//! Each article becomes a weighted bag of features from what the earlier stages found: its
//! content words (TF-IDF, with document frequencies counted over the articles seen so far),
//! the names of its entities, its coded events (type and actor codes) and the calendar
//! dates it states. An article joins the story whose centroid is most similar to it (cosine)
//! when that similarity reaches the configured threshold, and opens a story of its own
//! otherwise. With every weight but the words' at zero, the same code is the plain
//! text-similarity baseline.
#![deny(missing_docs)]

use readout_model::{Entity, Event, Timex, TimexType, Token, TokenKind};
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};

/// How articles are compared and when one joins a story. Unknown fields are rejected.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct StoryConfig {
    /// The least cosine similarity between an article and a story's centroid for the
    /// article to join the story.
    pub threshold: f32,
    /// Weight of the content words.
    pub words: f32,
    /// Weight of the entities' names.
    pub names: f32,
    /// Weight of the coded events (type with the actors' codes).
    pub events: f32,
    /// Weight of the calendar dates the article states.
    pub dates: f32,
    /// The least cosine similarity of the names, when both the article and the story give
    /// names, for the article to join the story (0 for no such condition).
    pub name_gate: f32,
    /// An article that states dates joins a story whose articles state dates only if they
    /// share a year: two similar events years apart are two stories.
    pub year_gate: bool,
    /// How many of a story's articles must state a year before the year condition holds
    /// the story to it: one early article should not decide a story's year alone.
    pub year_votes: u32,
}

impl Default for StoryConfig {
    fn default() -> Self {
        // Chosen on the development half of ECB+'s topics (`bench/stories_split.py`).
        StoryConfig {
            threshold: 0.12,
            words: 1.0,
            names: 0.5,
            events: 0.5,
            dates: 1.0,
            name_gate: 0.1,
            year_gate: true,
            year_votes: 2,
        }
    }
}

impl StoryConfig {
    /// The text-only baseline: content words alone, with the given threshold.
    pub fn text_only(threshold: f32) -> Self {
        StoryConfig {
            threshold,
            words: 1.0,
            names: 0.0,
            events: 0.0,
            dates: 0.0,
            name_gate: 0.0,
            year_gate: false,
            year_votes: 2,
        }
    }
}

/// What one article offers for comparison: features with their channel and raw count.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features {
    terms: FxHashMap<(Channel, String), f32>,
    /// The years of the dates the article states outright.
    years: Vec<i32>,
}

/// The kinds of feature, each weighted by its own setting.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum Channel {
    Word,
    Name,
    Event,
    Date,
}

/// Short words that say nothing of the event.
const STOP: &[&str] = &[
    "the",
    "and",
    "for",
    "that",
    "with",
    "was",
    "were",
    "are",
    "has",
    "have",
    "had",
    "his",
    "her",
    "its",
    "their",
    "from",
    "this",
    "but",
    "not",
    "been",
    "will",
    "would",
    "said",
    "says",
    "who",
    "which",
    "they",
    "she",
    "him",
    "than",
    "also",
    "after",
    "before",
    "into",
    "about",
    "more",
    "one",
    "two",
    "there",
    "when",
    "where",
    "what",
    "other",
    "all",
    "can",
    "could",
    "our",
    "out",
    "over",
    "some",
    "such",
    "them",
    "then",
    "these",
    "those",
    "under",
    "while",
    "you",
    "your",
    "did",
    "does",
    "may",
    "might",
    "just",
    "any",
    "very",
    "being",
    "because",
    "during",
    "between",
    "through",
    "since",
    "against",
    "only",
    "most",
    "many",
    "new",
    "last",
    "first",
    "year",
    "years",
    "told",
    "reported",
    "according",
];

impl Features {
    /// The features of an article: its text's content words (letters, three or more, not a
    /// stop word; numbers of two or more digits too), the names of its entities, its events
    /// (`TYPE` with the sorted actor codes) and the dates it states outright (values not
    /// computed from the publication date).
    pub fn of_article(
        text: &str,
        tokens: &[Token],
        entities: &[Entity],
        events: &[Event],
        times: &[Timex],
    ) -> Features {
        let mut f = Features::default();
        for t in tokens {
            let Some(word) = text.get(t.span.start..t.span.end) else {
                continue;
            };
            let keep = match t.kind {
                TokenKind::Word => word.chars().count() >= 3,
                TokenKind::Number => word.len() >= 2,
                _ => false,
            };
            if !keep {
                continue;
            }
            let lower = word.to_lowercase();
            if STOP.contains(&lower.as_str()) {
                continue;
            }
            f.add(Channel::Word, lower, 1.0);
        }
        for e in entities {
            if let Some(name) = text.get(e.name.start..e.name.end) {
                f.add(Channel::Name, name.to_lowercase(), e.mentions.len() as f32);
            }
        }
        for e in events {
            let mut codes: Vec<&str> = e
                .source
                .iter()
                .chain(&e.target)
                .filter_map(|a| a.code.as_deref())
                .collect();
            codes.sort_unstable();
            codes.dedup();
            f.add(
                Channel::Event,
                format!("{} {}", e.plover, codes.join(" ")),
                1.0,
            );
        }
        for t in times {
            if t.kind != TimexType::Date || t.anchored {
                continue;
            }
            let year = t
                .value
                .as_deref()
                .and_then(|v| v.get(..4)?.parse::<i32>().ok());
            if let Some(y) = year.filter(|y| !f.years.contains(y)) {
                f.years.push(y);
            }
            // A day or a month: a bare year joins too many events to tell them apart.
            if let Some(v) = t.value.as_deref().filter(|v| v.len() >= 7) {
                f.add(Channel::Date, v.to_string(), 1.0);
            }
        }
        f
    }

    fn add(&mut self, channel: Channel, term: String, count: f32) {
        *self.terms.entry((channel, term)).or_insert(0.0) += count;
    }

    /// Whether the article offered nothing to compare.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }
}

/// A sparse vector over term numbers.
type Vector = FxHashMap<u32, f32>;

/// One story: its articles and the sum of their vectors.
#[derive(Debug, Clone, Default)]
struct Story {
    centroid: Vector,
    /// The years its articles state, with how many articles state each.
    years: Vec<(i32, u32)>,
    /// The centroid's squared length in each channel.
    norm2: [f32; 4],
    articles: usize,
}

/// The stories so far, and the counts the weighting needs. Articles are added one at a
/// time, in whatever order they arrive; the same article id added again returns its story
/// and changes nothing.
#[derive(Debug, Clone, Default)]
pub struct Stories {
    config: StoryConfig,
    terms: FxHashMap<(Channel, String), u32>,
    document_frequency: Vec<u32>,
    channel: Vec<Channel>,
    articles: u32,
    stories: Vec<Story>,
    seen: FxHashMap<String, usize>,
}

impl Stories {
    /// No stories yet.
    pub fn new(config: StoryConfig) -> Self {
        Stories {
            config,
            ..Stories::default()
        }
    }

    /// How many stories there are.
    pub fn len(&self) -> usize {
        self.stories.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.stories.is_empty()
    }

    /// How many articles story `story` holds.
    pub fn articles_in(&self, story: usize) -> usize {
        self.stories.get(story).map_or(0, |s| s.articles)
    }

    /// Adds an article and returns the index of its story.
    pub fn add(&mut self, id: &str, features: &Features) -> usize {
        if let Some(&story) = self.seen.get(id) {
            return story;
        }
        self.articles += 1;
        let mut counts: Vec<(u32, f32)> = Vec::with_capacity(features.terms.len());
        for (key, &count) in &features.terms {
            let next = self.terms.len() as u32;
            let term = *self.terms.entry(key.clone()).or_insert(next);
            if term == next {
                self.document_frequency.push(0);
                self.channel.push(key.0);
            }
            self.document_frequency[term as usize] += 1;
            counts.push((term, count));
        }
        let vector = self.weigh(&counts);
        let best = self
            .stories
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                !self.config.year_gate
                    || features.years.is_empty()
                    || !s.years.iter().any(|&(_, n)| n >= self.config.year_votes)
                    || features
                        .years
                        .iter()
                        .any(|y| s.years.iter().any(|&(x, _)| x == *y))
            })
            .filter_map(|(i, s)| Some((i, self.similarity(&vector, s)?)))
            .max_by(|a, b| a.1.total_cmp(&b.1));
        let story = match best {
            Some((i, similarity)) if similarity >= self.config.threshold => i,
            _ => {
                self.stories.push(Story::default());
                self.stories.len() - 1
            }
        };
        let channel = &self.channel;
        let s = &mut self.stories[story];
        // The squared lengths change only where the article adds weight.
        for (term, w) in vector {
            let c = s.centroid.entry(term).or_insert(0.0);
            s.norm2[channel[term as usize] as usize] += (*c + w) * (*c + w) - *c * *c;
            *c += w;
        }
        for y in &features.years {
            match s.years.iter_mut().find(|(x, _)| x == y) {
                Some((_, n)) => *n += 1,
                None => s.years.push((*y, 1)),
            }
        }
        s.articles += 1;
        self.seen.insert(id.to_string(), story);
        story
    }

    fn weight(&self, channel: Channel) -> f32 {
        match channel {
            Channel::Word => self.config.words,
            Channel::Name => self.config.names,
            Channel::Event => self.config.events,
            Channel::Date => self.config.dates,
        }
    }

    /// TF-IDF, each channel (words, names, events, dates) of unit length on its own.
    fn weigh(&self, counts: &[(u32, f32)]) -> Vector {
        let n = self.articles as f32;
        let mut v: Vector = counts
            .iter()
            .filter_map(|&(term, count)| {
                if self.weight(self.channel[term as usize]) <= 0.0 {
                    return None;
                }
                let df = self.document_frequency[term as usize] as f32;
                let idf = ((n + 1.0) / (df + 1.0)).ln() + 1.0;
                Some((term, (1.0 + count.ln()) * idf))
            })
            .collect();
        let mut norm2 = [0.0f32; 4];
        for (term, w) in &v {
            norm2[self.channel[*term as usize] as usize] += w * w;
        }
        for (term, w) in v.iter_mut() {
            *w /= norm2[self.channel[*term as usize] as usize].sqrt();
        }
        v
    }

    /// The article's similarity to a story: the cosine in each channel both have, averaged
    /// by the channels' weights. `None` when the names they both give disagree (cosine
    /// below `name_gate`): two earthquakes in two places are two stories however alike the
    /// words.
    fn similarity(&self, v: &Vector, s: &Story) -> Option<f32> {
        let mut dot = [0.0f32; 4];
        let mut has = [false; 4];
        for (term, w) in v {
            let c = self.channel[*term as usize] as usize;
            has[c] = true;
            if let Some(x) = s.centroid.get(term) {
                dot[c] += x * w;
            }
        }
        let (mut sum, mut weights) = (0.0, 0.0);
        for c in [Channel::Word, Channel::Name, Channel::Event, Channel::Date] {
            let i = c as usize;
            if !has[i] || s.norm2[i] <= 0.0 {
                continue;
            }
            let cosine = dot[i] / s.norm2[i].sqrt();
            if c == Channel::Name && cosine < self.config.name_gate {
                return None;
            }
            sum += self.weight(c) * cosine;
            weights += self.weight(c);
        }
        (weights > 0.0).then(|| sum / weights)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Features {
        let mut f = Features::default();
        for w in text.split_whitespace() {
            f.add(Channel::Word, w.to_string(), 1.0);
        }
        f
    }

    #[test]
    fn similar_articles_share_a_story_and_different_ones_do_not() {
        let mut s = Stories::new(StoryConfig::text_only(0.3));
        let a = s.add(
            "a",
            &words("earthquake struck northern chile killing miners"),
        );
        let b = s.add(
            "b",
            &words("lunar eclipse visible over europe tonight astronomers"),
        );
        let c = s.add(
            "c",
            &words("chile earthquake killed miners rescue northern"),
        );
        assert_eq!(a, c);
        assert_ne!(a, b);
        assert_eq!(s.len(), 2);
        assert_eq!(s.articles_in(a), 2);
    }

    #[test]
    fn adding_an_article_again_changes_nothing() {
        let mut s = Stories::new(StoryConfig::text_only(0.3));
        let a = s.add("a", &words("earthquake chile"));
        let again = s.add("a", &words("something else entirely"));
        assert_eq!(a, again);
        assert_eq!(s.len(), 1);
        assert_eq!(s.articles_in(a), 1);
    }

    #[test]
    fn names_split_two_similar_events() {
        let mut with_names = Stories::new(StoryConfig {
            threshold: 0.5,
            words: 1.0,
            names: 2.0,
            events: 0.0,
            dates: 0.0,
            name_gate: 0.1,
            year_gate: false,
            year_votes: 2,
        });
        let doc = |text: &str, place: &str| {
            let mut f = words(text);
            f.add(Channel::Name, place.to_string(), 1.0);
            f
        };
        let a = with_names.add("a", &doc("earthquake kills dozens villages", "chile"));
        let b = with_names.add("b", &doc("earthquake kills dozens villages", "peru"));
        assert_ne!(a, b, "the same words in two places are two events");
    }

    #[test]
    fn stated_years_keep_two_seasons_apart() {
        let mut s = Stories::new(StoryConfig {
            threshold: 0.3,
            year_votes: 1,
            ..StoryConfig::default()
        });
        let dated = |text: &str, years: &[i32]| {
            let mut f = words(text);
            f.years = years.to_vec();
            f
        };
        let a = s.add(
            "a",
            &dated("sixers coach fired after losing streak", &[2008]),
        );
        let b = s.add("b", &dated("coach fired after losing streak", &[2005]));
        let c = s.add("c", &dated("sixers coach fired", &[]));
        let d = s.add(
            "d",
            &dated("sixers coach fired after losing", &[2008, 2001]),
        );
        assert_ne!(a, b, "a year apart, two events");
        assert_eq!(a, c, "an undated report goes by its words");
        assert_eq!(a, d, "a shared year is enough");
    }

    #[test]
    fn configuration_rejects_unknown_fields() {
        let bad = serde_json::from_str::<StoryConfig>(r#"{"threshold": 0.3, "wrods": 1}"#);
        assert!(bad.is_err());
        let good: StoryConfig = serde_json::from_str(r#"{"threshold": 0.3}"#).unwrap();
        assert_eq!(good.threshold, 0.3);
    }
}
