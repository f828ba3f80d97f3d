//! The verb dictionary: PETRARCH2's CAMEO verbs, forms and patterns, and the CAMEO to
//! PLOVER table, compiled into `data/` by `tools/cameo/build.py` and read once.

use std::collections::HashMap;

use readout_model::{CameoCode, PloverMode, PloverType};
use rustc_hash::{FxHashMap, FxHashSet};
use std::sync::OnceLock;

/// One word of a pattern: a literal (matched as a stem unless it ends in `_`) or a
/// synonym set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Item {
    /// A literal as read; resolved to [`Item::Word`] once every line is read.
    Text(String),
    /// A literal: its number in [`Lexicon::vocabulary`], and whether only the word itself
    /// matches (else its plural too).
    Word(Word),
    /// A synonym set by name, as read; resolved to [`Item::Members`] once every set is read.
    Set(String),
    /// A synonym set: an index into [`Lexicon::sets`].
    Members(usize),
}

/// A pattern word by number, so that matching compares numbers rather than strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Word {
    pub id: u32,
    pub exact: bool,
}

/// A pattern of a verb: words that must come before and after it, in order, and the code
/// it gives.
#[derive(Debug, Clone)]
pub(crate) struct Pattern {
    pub code: String,
    pub before: Vec<Item>,
    pub after: Vec<Item>,
    /// Only a preposition after the verb ("call on"): a particle, which must follow the
    /// verb at once.
    pub particle: bool,
    /// The numbers of its literal words: a sentence lacking one cannot match.
    pub required: Vec<u32>,
}

/// The share of a verb's own patterns, in tenths, that must code other types than its
/// default for the default to be a rare sense of it. Chosen on the PLOVER gold standard's
/// development half by F0.5 (precision weighted twice): 5 to 10 tenths tried, 7 best
/// (0.474; F1 picks 8 by 0.004).
const RARE_SHARE_TENTHS: usize = 7;

/// The fewest patterns of its own a verb needs for its default to be judged a rare sense:
/// one or two patterns say little of how a verb is used ("criticize" has one, an
/// agreement). 1, 2 and 3 scored alike on the development half, 5 and 8 lower.
const RARE_MIN_PATTERNS: usize = 3;

/// A verb with its default code and the block whose patterns it shares.
#[derive(Debug, Default)]
pub(crate) struct Lemma {
    pub default: Option<String>,
    /// The lemma that heads its block (itself for a head); patterns are filed there.
    pub block: Option<u32>,
    pub patterns: Vec<Pattern>,
    /// The codes of the patterns the dictionary wrote for this verb itself (its `A`
    /// records), whatever block they are filed under; read while loading, then dropped.
    pub own: Vec<String>,
    /// Whether its default code is a rare sense of it ([`Lexicon::judge_rare_sense`]),
    /// judged once when the dictionary is loaded.
    pub rare_sense: bool,
}

/// PLOVER's reading of a CAMEO code.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Plover {
    pub kind: PloverType,
    pub mode: Option<PloverMode>,
}

/// The compiled dictionary.
pub(crate) struct Lexicon {
    /// Every surface form (words joined by one space) to its lemmas.
    pub forms: FxHashMap<String, Vec<u32>>,
    /// First words of forms with several words.
    pub multi_first: FxHashSet<String>,
    /// The most words any form has.
    pub max_words: usize,
    pub lemmas: Vec<Lemma>,
    /// Synonym sets: their members, each split into words.
    pub sets: Vec<Vec<Vec<Word>>>,
    /// Every word of a pattern or a set, numbered.
    pub vocabulary: FxHashMap<String, u32>,
    pub plover: HashMap<CameoCode, Plover>,
}

const VERBS: &str = include_str!("../data/verbs.tsv");
const READOUT: &str = include_str!("../data/readout_patterns.tsv");
const PLOVER: &str = include_str!("../data/cameo_plover.tsv");
const READOUT_PLOVER: &str = include_str!("../data/readout_plover.tsv");

impl Lexicon {
    /// The dictionary compiled into the crate, parsed on first use.
    pub(crate) fn embedded() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::parse(&[VERBS, READOUT], &[PLOVER, READOUT_PLOVER]))
    }

    /// Reads the dictionaries in order: a later `D` replaces an earlier default, later
    /// `P`, `F` and `S` lines add to what is there.
    fn parse(dictionaries: &[&str], plover: &[&str]) -> Lexicon {
        let mut lemma_ids: HashMap<String, u32> = HashMap::new();
        let mut lemmas: Vec<Lemma> = Vec::new();
        let mut id_of = |name: &str, lemmas: &mut Vec<Lemma>| -> u32 {
            *lemma_ids.entry(name.to_string()).or_insert_with(|| {
                lemmas.push(Lemma::default());
                (lemmas.len() - 1) as u32
            })
        };
        let mut forms: FxHashMap<String, Vec<u32>> = FxHashMap::default();
        let mut sets: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        let mut prepositions = FxHashSet::default();
        for line in dictionaries.iter().flat_map(|d| d.lines()) {
            let f: Vec<&str> = line.split('\t').collect();
            match f.as_slice() {
                ["F", form, lemma] => {
                    let id = id_of(lemma, &mut lemmas);
                    let ids = forms.entry(form.to_string()).or_default();
                    if !ids.contains(&id) {
                        ids.push(id);
                    }
                }
                ["B", lemma, head] => {
                    let id = id_of(lemma, &mut lemmas) as usize;
                    let head = id_of(head, &mut lemmas);
                    lemmas[id].block = Some(head);
                }
                ["D", lemma, code] => {
                    let id = id_of(lemma, &mut lemmas) as usize;
                    lemmas[id].default = Some(code.to_string());
                }
                ["P", lemma, code, before, after] => {
                    let id = id_of(lemma, &mut lemmas) as usize;
                    lemmas[id].patterns.push(Pattern {
                        code: code.to_string(),
                        before: items(before),
                        after: items(after),
                        particle: false,
                        required: Vec::new(),
                    });
                }
                ["A", lemma, code, _line] => {
                    let id = id_of(lemma, &mut lemmas) as usize;
                    lemmas[id].own.push(code.to_string());
                }
                ["R", word] => {
                    prepositions.insert(word.to_string());
                }
                ["S", set, word] => sets
                    .entry(set.to_string())
                    .or_default()
                    .push(word.split(' ').map(str::to_string).collect()),
                _ => {}
            }
        }
        // Patterns name sets that the sorted file lists after them: resolve the names now,
        // so that matching indexes a list instead of hashing a name at every word.
        let mut names: Vec<String> = sets.keys().cloned().collect();
        names.sort();
        let index: HashMap<&str, usize> = names
            .iter()
            .enumerate()
            .map(|(i, n)| (n.as_str(), i))
            .collect();
        let mut vocabulary: FxHashMap<String, u32> = FxHashMap::default();
        let mut word = |text: &str| {
            let exact = text.ends_with('_');
            let bare = text.trim_end_matches('_');
            let next = vocabulary.len() as u32;
            let id = *vocabulary.entry(bare.to_string()).or_insert(next);
            Word { id, exact }
        };
        for lemma in &mut lemmas {
            for pattern in &mut lemma.patterns {
                pattern.particle = pattern.before.is_empty()
                    && matches!(pattern.after.as_slice(),
                        [Item::Text(w)] if prepositions.contains(w.trim_end_matches('_')));
                for item in pattern.before.iter_mut().chain(pattern.after.iter_mut()) {
                    match item {
                        // An undefined set matches nothing: an empty member list.
                        Item::Set(name) => {
                            *item = Item::Members(
                                index.get(name.as_str()).copied().unwrap_or(usize::MAX),
                            )
                        }
                        Item::Text(text) => {
                            let w = word(text);
                            pattern.required.push(w.id);
                            *item = Item::Word(w);
                        }
                        _ => {}
                    }
                }
            }
        }
        let sets: Vec<Vec<Vec<Word>>> = names
            .iter()
            .map(|n| {
                let members = sets.remove(n).unwrap_or_default();
                members
                    .iter()
                    .map(|m| m.iter().map(|w| word(w)).collect())
                    .collect()
            })
            .collect();
        let max_words = forms
            .keys()
            .map(|f| f.split(' ').count())
            .max()
            .unwrap_or(1);
        let multi_first = forms
            .keys()
            .filter(|f| f.contains(' '))
            .filter_map(|f| f.split(' ').next())
            .map(str::to_string)
            .collect();
        let plover = plover
            .iter()
            .flat_map(|table| table.lines())
            .filter_map(|line| {
                let f: Vec<&str> = line.split('\t').collect();
                let (code, kind) = (f.first()?.trim(), f.get(1)?.trim());
                if code.is_empty() || kind.is_empty() {
                    return None;
                }
                let mode = f.get(2).map(|m| m.trim()).filter(|m| !m.is_empty());
                // The tables are compiled in; a test checks that every line is read.
                let mode = match mode {
                    Some(m) => Some(m.parse().ok()?),
                    None => None,
                };
                Some((
                    code.parse().ok()?,
                    Plover {
                        kind: kind.parse().ok()?,
                        mode,
                    },
                ))
            })
            .collect();
        let mut lexicon = Lexicon {
            forms,
            multi_first,
            max_words,
            lemmas,
            sets,
            vocabulary,
            plover,
        };
        for lemma in 0..lexicon.lemmas.len() {
            lexicon.lemmas[lemma].rare_sense = lexicon.judge_rare_sense(lemma);
        }
        for lemma in &mut lexicon.lemmas {
            lemma.own = Vec::new();
        }
        lexicon
    }

    /// A lemma's default code: its own, else its block's.
    pub(crate) fn default_code(&self, lemma: usize) -> Option<&str> {
        let entry = &self.lemmas[lemma];
        entry.default.as_deref().or_else(|| {
            let head = entry.block? as usize;
            self.lemmas[head].default.as_deref()
        })
    }

    /// The patterns a lemma shares with its block.
    pub(crate) fn patterns(&self, lemma: usize) -> &[Pattern] {
        let head = self.lemmas[lemma].block.map_or(lemma, |b| b as usize);
        &self.lemmas[head].patterns
    }

    /// PLOVER's type and mode for a CAMEO code, falling back to the code's parents
    /// ("0431" → "043" → "04").
    pub(crate) fn plover(&self, code: CameoCode) -> Option<Plover> {
        (2..=code.len())
            .rev()
            .find_map(|n| self.plover.get(&code.prefix(n)).copied())
    }

    /// Whether a verb's default code is a rare sense of it, as judged at load.
    pub(crate) fn default_is_rare_sense(&self, lemma: usize) -> bool {
        self.lemmas[lemma].rare_sense
    }

    /// Whether a verb's default code is a rare sense of it: seven in ten or more of the
    /// patterns the dictionary wrote for the verb itself code another PLOVER type, or none
    /// ("gave", "issued", "organized"). Patterns are counted by the verb they were written
    /// for, not the block they are filed under: "call for" (an appeal) says nothing of
    /// "telephoned", which shares CALL's block.
    fn judge_rare_sense(&self, lemma: usize) -> bool {
        let own = &self.lemmas[lemma].own;
        if own.len() < RARE_MIN_PATTERNS {
            return false;
        }
        let kind = |code: &str| self.plover_of_entry(code).map(|p| p.kind);
        let default = self.default_code(lemma).and_then(kind);
        let other = own.iter().filter(|code| kind(code) != default).count();
        other * 10 >= own.len() * RARE_SHARE_TENTHS
    }

    /// [`Lexicon::plover`] for a code of the dictionary, which may be `A:R` (read as `A`),
    /// `:R` (read as `R`) or `---` (no event).
    pub(crate) fn plover_of_entry(&self, code: &str) -> Option<Plover> {
        let first = code.trim_start_matches(':').split(':').next()?;
        self.plover(first.parse().ok()?)
    }
}

fn items(words: &str) -> Vec<Item> {
    words
        .split(' ')
        .filter(|w| !w.is_empty() && *w != "-")
        .map(|w| match w.strip_prefix('&') {
            Some(set) => Item::Set(set.to_string()),
            None => Item::Text(w.to_string()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn code(text: &str) -> CameoCode {
        text.parse().unwrap()
    }

    #[test]
    fn codes_map_to_plover_through_their_parents() {
        let l = Lexicon::embedded();
        let phone = l.plover(code("041")).expect("041");
        assert_eq!(
            (phone.kind, phone.mode),
            (PloverType::Consult, Some(PloverMode::Phone))
        );
        // A four-digit code absent from the table falls back to its three-digit parent.
        assert_eq!(
            l.plover(code("0429")).map(|p| p.kind),
            Some(PloverType::Consult)
        );
        // PLOVER drops CAMEO's public statements (01); appeals (02) are requests by
        // readout's own table line.
        assert!(l.plover(code("010")).is_none());
        assert_eq!(
            l.plover(code("0214")).map(|p| p.kind),
            Some(PloverType::Request)
        );
        assert_eq!(
            l.plover_of_entry("041:042").map(|p| p.mode),
            Some(Some(PloverMode::Phone))
        );
        assert!(l.plover_of_entry("---").is_none());
    }

    /// Every line of the CAMEO-to-PLOVER tables is a code, a PLOVER type and a mode that
    /// the model's types know: none is dropped.
    #[test]
    fn every_table_line_is_read() {
        let lines: std::collections::HashSet<&str> = [PLOVER, READOUT_PLOVER]
            .iter()
            .flat_map(|t| t.lines())
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .filter_map(|l| l.split('\t').next())
            .collect();
        assert_eq!(Lexicon::embedded().plover.len(), lines.len());
    }

    #[test]
    fn verbs_share_their_block_default_and_patterns() {
        let l = Lexicon::embedded();
        let lemma = |form: &str| l.forms[form][0] as usize;
        assert_eq!(l.default_code(lemma("telephoned")), Some("041:041"));
        assert!(!l.patterns(lemma("telephoned")).is_empty());
        // "call on" is a particle pattern: "on" must follow the verb at once.
        assert!(l.patterns(lemma("called")).iter().any(|p| p.particle));
    }
}
