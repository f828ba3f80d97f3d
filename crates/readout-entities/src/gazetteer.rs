//! Name lists: countries, demonyms, capitals and cities, regions, first names, organisation
//! suffixes, title words and well-known organisations, each with a code where one applies
//! (ISO 3166 alpha-3, a CAMEO/PLOVER sector, or both as `ISO:SECTOR`). They give the tagger
//! features and the actor coder its codes. The list is compiled by `tools/gazetteer` from
//! the sources named in `tools/gazetteer/README.md`.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::EntityError;

/// What a list entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A country name.
    Country,
    /// A demonym or adjective of nationality.
    Demonym,
    /// A capital city.
    Capital,
    /// A large city.
    City,
    /// A state, province or region.
    Region,
    /// A common first name.
    FirstName,
    /// A word that ends or marks an organisation name.
    OrgSuffix,
    /// A title or role word.
    Title,
    /// A well-known organisation.
    Org,
}

impl Kind {
    /// Every kind, in bit order.
    pub const ALL: [Kind; 9] = [
        Kind::Country,
        Kind::Demonym,
        Kind::Capital,
        Kind::City,
        Kind::Region,
        Kind::FirstName,
        Kind::OrgSuffix,
        Kind::Title,
        Kind::Org,
    ];

    fn parse(name: &str) -> Option<Kind> {
        Some(match name {
            "country" => Kind::Country,
            "demonym" => Kind::Demonym,
            "capital" => Kind::Capital,
            "city" => Kind::City,
            "region" => Kind::Region,
            "first_name" => Kind::FirstName,
            "org_suffix" => Kind::OrgSuffix,
            "title" => Kind::Title,
            "org" => Kind::Org,
            _ => return None,
        })
    }

    fn bit(self) -> u16 {
        1 << (self as u16)
    }
}

/// The hash of one token, and how hashes of a token sequence are chained.
pub(crate) fn token_hash(token: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(token.as_bytes())
}

pub(crate) fn chain(h: u64, token: u64) -> u64 {
    let x = (h ^ token.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    x ^ (x >> 31)
}

/// The lists, indexed by token sequence.
pub struct Gazetteer {
    exact: HashMap<u64, u16>,
    folded: HashMap<u64, u16>,
    codes: HashMap<String, Vec<(Kind, String)>>,
    lower_keys: HashMap<String, String>,
    max_tokens: usize,
}

impl Gazetteer {
    /// Parses the list format: `KIND<TAB>PHRASE<TAB>CODE` a line.
    pub fn parse(text: &str) -> Result<Gazetteer, EntityError> {
        let mut g = Gazetteer {
            exact: HashMap::new(),
            folded: HashMap::new(),
            codes: HashMap::new(),
            lower_keys: HashMap::new(),
            max_tokens: 0,
        };
        for (i, line) in text.lines().enumerate() {
            if line.trim().is_empty() || line.starts_with('#') {
                continue;
            }
            let mut parts = line.split('\t');
            let (Some(kind), Some(phrase)) = (parts.next(), parts.next()) else {
                return Err(EntityError::Resource {
                    resource: "gazetteer".into(),
                    line: i + 1,
                    message: "expected KIND<TAB>PHRASE<TAB>CODE".into(),
                });
            };
            let code = parts.next().unwrap_or("").trim();
            let kind = Kind::parse(kind).ok_or_else(|| EntityError::Resource {
                resource: "gazetteer".into(),
                line: i + 1,
                message: format!("unknown kind {kind:?}"),
            })?;
            let tokens = phrase_tokens(phrase);
            if tokens.is_empty() {
                continue;
            }
            g.max_tokens = g.max_tokens.max(tokens.len());
            let exact = tokens.iter().fold(0, |h, t| chain(h, token_hash(t)));
            let folded = tokens
                .iter()
                .fold(0, |h, t| chain(h, token_hash(&t.to_lowercase())));
            *g.exact.entry(exact).or_default() |= kind.bit();
            *g.folded.entry(folded).or_default() |= kind.bit();
            let key = tokens.join(" ");
            g.lower_keys
                .entry(key.to_lowercase())
                .or_insert_with(|| key.clone());
            g.codes
                .entry(key)
                .or_default()
                .push((kind, code.to_string()));
        }
        Ok(g)
    }

    /// The lists compiled into the binary.
    pub fn embedded() -> &'static Gazetteer {
        static CELL: OnceLock<Gazetteer> = OnceLock::new();
        CELL.get_or_init(|| {
            // The embedded list is checked by this crate's tests; failing here is a build
            // defect, not bad input.
            Gazetteer::parse(crate::EMBEDDED_GAZETTEER).expect("the embedded gazetteer parses")
        })
    }

    /// The entries for a phrase as it is written (tokens joined by single spaces): kind and
    /// code.
    pub fn lookup(&self, phrase: &str) -> &[(Kind, String)] {
        let key = phrase_tokens(phrase).join(" ");
        self.codes.get(&key).map_or(&[], Vec::as_slice)
    }

    /// The longest phrase, in tokens.
    pub(crate) fn max_tokens(&self) -> usize {
        self.max_tokens
    }

    /// Kinds of the phrase with this exact (or case-folded) token-sequence hash.
    pub(crate) fn kinds(&self, hash: u64, folded: bool) -> u16 {
        let map = if folded { &self.folded } else { &self.exact };
        map.get(&hash).copied().unwrap_or(0)
    }
}

/// One list phrase found in a run of tokens.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    /// Index of the first token (in the slice given).
    pub first: usize,
    /// One past the last token.
    pub end: usize,
    /// The entries of the phrase: kind and code.
    pub entries: Vec<(Kind, String)>,
}

impl Gazetteer {
    /// Every list phrase in `tokens` (words of `text`), matched exactly and then
    /// case-folded, longest first at each position; overlapping matches are all kept.
    pub fn find(&self, text: &str, tokens: &[readout_model::Token]) -> Vec<Match> {
        let words: Vec<&str> = tokens
            .iter()
            .map(|t| t.span.slice(text).unwrap_or(""))
            .collect();
        let hashes: Vec<(u64, u64)> = words
            .iter()
            .map(|w| (token_hash(w), token_hash(&w.to_lowercase())))
            .collect();
        let mut out = Vec::new();
        for i in 0..words.len() {
            let (mut exact, mut folded) = (0, 0);
            // Hash chains first: the phrase string is only built for a likely match.
            let mut hits = Vec::new();
            for len in 1..=self.max_tokens.min(words.len() - i) {
                exact = chain(exact, hashes[i + len - 1].0);
                folded = chain(folded, hashes[i + len - 1].1);
                if self.kinds(exact, false) != 0 || self.kinds(folded, true) != 0 {
                    hits.push(len);
                }
            }
            for len in hits.into_iter().rev() {
                let key = words[i..i + len].join(" ");
                let entries = self.codes.get(&key).or_else(|| {
                    // Short folded forms ("us", "who") are ordinary words far too often.
                    if key.len() < 4 {
                        return None;
                    }
                    self.lower_keys
                        .get(&key.to_lowercase())
                        .and_then(|k| self.codes.get(k))
                });
                if let Some(entries) = entries {
                    out.push(Match {
                        first: i,
                        end: i + len,
                        entries: entries.clone(),
                    });
                }
            }
        }
        out
    }
}

/// A phrase's tokens as readout's tokenizer splits them.
fn phrase_tokens(phrase: &str) -> Vec<&str> {
    let seg = readout_text::segment(phrase);
    seg.tokens
        .iter()
        .filter_map(|t| t.span.slice(phrase))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_looks_up_codes() {
        let g = Gazetteer::parse(
            "country\tRuritania\tRUR\ndemonym\tRuritanian\tRUR\norg\tRoyal Palace\tRUR:GOV\n",
        )
        .unwrap();
        assert_eq!(
            g.lookup("Royal  Palace"),
            &[(Kind::Org, "RUR:GOV".to_string())]
        );
        assert!(g.lookup("Palace").is_empty());
        assert_eq!(g.max_tokens(), 2);
        let h = chain(chain(0, token_hash("Royal")), token_hash("Palace"));
        assert_eq!(g.kinds(h, false), Kind::Org.bit());
        let f = chain(chain(0, token_hash("royal")), token_hash("palace"));
        assert_eq!(g.kinds(f, true), Kind::Org.bit());
    }

    #[test]
    fn bad_lines_name_the_line() {
        let err = Gazetteer::parse("country\tA\tAAA\nplanet\tMars\t\n")
            .err()
            .unwrap();
        assert!(err.to_string().contains("gazetteer:2"), "{err}");
    }
}
