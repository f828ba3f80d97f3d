//! Document frequencies counted over a corpus before the stream starts: the prior that
//! keeps TF-IDF weights stable from the first article, whatever order articles arrive in.
//!
//! The committed table (`data/story_prior.tsv`) counts the word and name features of the
//! 22,831 articles of `../shared/corpus` (`newsarticles.jsonl` and `reuters21578.jsonl`);
//! `cargo run --release -p readout --example story_prior` rebuilds it byte for byte
//! (`docs/stories.md`).

use rustc_hash::FxHashMap;

use crate::{Channel, Features};

/// How many articles hold each word and name, over a corpus.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Prior {
    articles: u32,
    counts: FxHashMap<(Channel, String), u32>,
}

/// Terms held by fewer articles than this are left out of the table: their weight is
/// near the weight of a term never seen, and the table stays small.
pub const PRIOR_MIN_ARTICLES: u32 = 10;

impl Prior {
    /// Counts one article's words and names.
    pub fn count(&mut self, features: &Features) {
        self.articles += 1;
        for (channel, term) in features.terms.keys() {
            if matches!(channel, Channel::Word | Channel::Name) {
                *self.counts.entry((*channel, term.clone())).or_insert(0) += 1;
            }
        }
    }

    /// How many articles were counted.
    pub fn articles(&self) -> u32 {
        self.articles
    }

    /// How many terms the table holds.
    pub fn len(&self) -> usize {
        self.counts.len()
    }

    /// Whether it holds none.
    pub fn is_empty(&self) -> bool {
        self.counts.is_empty()
    }

    /// The table as text: `A<TAB>articles`, then one `W` or `N` line a term held by
    /// [`PRIOR_MIN_ARTICLES`] articles or more (`W<TAB>word<TAB>articles`), sorted.
    pub fn to_text(&self) -> String {
        let mut lines: Vec<String> = self
            .counts
            .iter()
            .filter(|(_, &n)| n >= PRIOR_MIN_ARTICLES)
            .map(|((c, t), n)| {
                let t = t.replace(['\t', '\n', '\r'], " ");
                format!("{}\t{t}\t{n}", c.letter())
            })
            .collect();
        lines.sort();
        let mut out = format!("A\t{}\n", self.articles);
        for l in lines {
            out.push_str(&l);
            out.push('\n');
        }
        out
    }

    /// A table read back from [`Prior::to_text`]; lines starting with `#` are comments.
    /// The error names the line.
    pub fn from_text(text: &str) -> Result<Prior, String> {
        let mut p = Prior::default();
        for (n, line) in text.lines().enumerate() {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let bad = || format!("story prior line {}: {line:?}", n + 1);
            let mut f = line.split('\t');
            match (f.next(), f.next(), f.next(), f.next()) {
                (Some("A"), Some(count), None, None) => {
                    p.articles = count.parse().map_err(|_| bad())?;
                }
                (Some(letter), Some(term), Some(count), None) => {
                    let channel = Channel::of_letter(letter)
                        .filter(|c| matches!(c, Channel::Word | Channel::Name))
                        .ok_or_else(bad)?;
                    let count: u32 = count.parse().map_err(|_| bad())?;
                    p.counts.insert((channel, term.to_string()), count);
                }
                _ => return Err(bad()),
            }
        }
        Ok(p)
    }

    /// The table built from `../shared/corpus`, committed with the crate.
    pub fn embedded() -> &'static Prior {
        static PRIOR: std::sync::OnceLock<Prior> = std::sync::OnceLock::new();
        PRIOR.get_or_init(|| {
            Prior::from_text(include_str!("../data/story_prior.tsv"))
                .expect("the committed story prior reads back")
        })
    }

    /// Every counted term with its count.
    pub(crate) fn terms(&self) -> impl Iterator<Item = (&(Channel, String), u32)> {
        self.counts.iter().map(|(k, &n)| (k, n))
    }
}
