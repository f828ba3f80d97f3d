//! Features of a token in its sentence and article, as 64-bit hashes.
//!
//! Every string the tagger looks at (the word, its lowercase form, shape, affixes) is
//! hashed once per token; a feature is a template number mixed with one or more of those
//! hashes, so no feature string is ever built.

use std::collections::HashMap;
use std::hash::BuildHasherDefault;
use std::sync::OnceLock;

use readout_model::{Token, TokenKind};

use crate::gazetteer::{chain, token_hash, Gazetteer, Kind};
use crate::tags::{self, EntityType};

/// The gazetteer and word clusters the features consult.
pub(crate) struct Resources {
    gazetteer: &'static Gazetteer,
    clusters: &'static Clusters,
    glove: &'static GloveClusters,
}

impl Resources {
    pub(crate) fn embedded() -> Resources {
        Resources {
            gazetteer: Gazetteer::embedded(),
            clusters: Clusters::embedded(),
            glove: GloveClusters::embedded(),
        }
    }
}

/// Word clusters: a bit path per word, whose prefixes are coarser clusters.
pub(crate) struct Clusters {
    paths: HashMap<&'static str, (u32, u8)>,
}

impl Clusters {
    fn embedded() -> &'static Clusters {
        static CELL: OnceLock<Clusters> = OnceLock::new();
        CELL.get_or_init(|| {
            let mut paths = HashMap::new();
            for line in crate::EMBEDDED_CLUSTERS.lines() {
                let Some((word, path)) = line.split_once('\t') else {
                    continue;
                };
                let path = path.trim();
                if path.is_empty() || path.len() > 32 {
                    continue;
                }
                if let Ok(bits) = u32::from_str_radix(path, 2) {
                    paths.insert(word, (bits, path.len() as u8));
                }
            }
            Clusters { paths }
        })
    }

    /// The path of a word (or of its lowercase form), as bits and length.
    fn get(&self, word: &str, lower: &str) -> Option<(u32, u8)> {
        self.paths
            .get(word)
            .or_else(|| self.paths.get(lower))
            .copied()
    }
}

/// Clusters of GloVe vectors learnt on six billion words (k-means at 64, 256 and 1,024
/// clusters over lowercase words): they carry what a word is like from far more text than
/// the news corpus behind [`Clusters`].
pub(crate) struct GloveClusters {
    /// Keyed by the lowercase word's hash, which the features compute anyway, so that a
    /// look-up hashes nothing again.
    ids: HashMap<u64, u32, BuildHasherDefault<Prehashed>>,
}

/// A hasher for keys that are hashes already.
#[derive(Default)]
pub(crate) struct Prehashed(u64);

impl std::hash::Hasher for Prehashed {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 = self.0.rotate_left(8) ^ u64::from(*b);
        }
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

impl GloveClusters {
    fn embedded() -> &'static GloveClusters {
        static CELL: OnceLock<GloveClusters> = OnceLock::new();
        CELL.get_or_init(|| {
            let mut ids = HashMap::default();
            for line in crate::EMBEDDED_GLOVE.lines() {
                let mut fields = line.split('\t');
                let Some(word) = fields.next() else { continue };
                let mut row = [0u32; 3];
                let mut ok = true;
                for slot in row.iter_mut() {
                    match fields.next().map(str::trim).map(str::parse::<u32>) {
                        Some(Ok(v)) => *slot = v,
                        _ => ok = false,
                    }
                }
                if ok && row[0] < 256 && row[1] < 256 && row[2] < 65_536 {
                    ids.insert(token_hash(word), row[0] | row[1] << 8 | row[2] << 16);
                }
            }
            GloveClusters { ids }
        })
    }

    /// The packed clusters of a lowercase word, by its hash, or [`NO_GLOVE`].
    fn get(&self, lower_hash: u64) -> u32 {
        self.ids.get(&lower_hash).copied().unwrap_or(NO_GLOVE)
    }
}

// Template numbers; each feature mixes one of these with its values.
const T_BIAS: u64 = 1;
const T_WORD: u64 = 2;
const T_LOWER: u64 = 3;
const T_SHAPE: u64 = 4;
const T_SSHAPE: u64 = 5;
const T_PREFIX: u64 = 6;
const T_SUFFIX: u64 = 7;
const T_FLAGS: u64 = 8;
const T_FIRST: u64 = 9;
const T_CONTEXT: u64 = 10;
const T_CONTEXT_SHAPE: u64 = 11;
const T_BIGRAM: u64 = 12;
const T_SHAPE3: u64 = 13;
const T_PREV: u64 = 14;
const T_PREV2: u64 = 15;
const T_PREV_WORD: u64 = 16;
const T_CLUSTER: u64 = 17;
const T_CONTEXT_CLUSTER: u64 = 18;
const T_GAZ: u64 = 19;
const T_GAZ_FOLDED: u64 = 20;
const T_CONTEXT_GAZ: u64 = 21;
const T_HISTORY: u64 = 22;
const T_SURNAME: u64 = 23;
const T_HEADLINE: u64 = 24;
const T_KIND: u64 = 25;
const T_WRITTEN: u64 = 26;
const T_GLOVE: u64 = 27;
const T_CONTEXT_GLOVE: u64 = 28;
const T_CASELESS: u64 = 29;
// Two templates were first written inline as variants of another's number; their values
// stay as they were, since the trained model's weights are keyed by them.
/// A title-case text (every word capitalised), as a flag of its own.
const T_TITLED: u64 = T_HEADLINE ^ 0x77;
/// The finest word-vector cluster together with the capitalisation.
const T_GLOVE_CASE: u64 = T_GLOVE ^ 0xC0;

fn mix(template: u64, value: u64) -> u64 {
    chain(template.wrapping_mul(0xA24B_AED4_963E_E407), value)
}

fn mix2(template: u64, a: u64, b: u64) -> u64 {
    chain(mix(template, a), b)
}

const F_TITLE: u8 = 1;
const F_CAPS: u8 = 2;
const F_DIGIT: u8 = 4;
const F_HYPHEN: u8 = 8;
const F_PERIOD: u8 = 16;
const F_LOWER: u8 = 32;

/// What is computed once per token.
struct Tok {
    word: u64,
    lower: u64,
    shape: u64,
    sshape: u64,
    prefixes: [u64; 3],
    suffixes: [u64; 4],
    flags: u8,
    kind: TokenKind,
    cluster: Option<(u32, u8)>,
    /// The GloVe clusters packed as `c64 | c256 << 8 | c1024 << 16`, or [`NO_GLOVE`]: four
    /// bytes, as an article's tokens are all held at once.
    glove: u32,
    /// Gazetteer matches: bit `4·kind + position` (B, I, L, U).
    gaz: u64,
    gaz_folded: u64,
}

/// A sentence prepared for tagging.
pub(crate) struct Sentence {
    toks: Vec<Tok>,
    /// Most letters are capitals: an all-capitals headline.
    headline: bool,
    /// Every word but short function words begins with a capital: a title-case headline
    /// ("Leaders Discuss Trade in Oslo"), where a capital says nothing of a name.
    titled: bool,
}

/// What the tagger remembers of the article so far: the types given to each capitalised
/// word, and the last words of person names.
#[derive(Default)]
pub(crate) struct DocState {
    types: HashMap<u64, [u16; 4]>,
    surnames: HashMap<u64, u16>,
    /// Words (lowercased) seen capitalised somewhere other than a sentence's start or a
    /// headline, and words seen in lowercase: how the article itself writes a word tells
    /// whether a capital at a sentence start or in a headline marks a name.
    capitalised: std::collections::HashSet<u64>,
    lowercase: std::collections::HashSet<u64>,
}

impl DocState {
    /// Notes how every word of the article is written, before tagging starts.
    pub(crate) fn survey<'a>(&mut self, sentences: impl IntoIterator<Item = &'a Sentence>) {
        for s in sentences {
            for (i, t) in s.toks.iter().enumerate() {
                if t.kind != TokenKind::Word {
                    continue;
                }
                if t.flags & F_LOWER != 0 {
                    self.lowercase.insert(t.lower);
                } else if t.flags & F_TITLE != 0 && i > 0 && !s.headline && !s.titled {
                    self.capitalised.insert(t.lower);
                }
            }
        }
    }

    /// Records the label just given to token `i`.
    pub(crate) fn observe(&mut self, sent: &Sentence, i: usize, label: u8) {
        let tok = &sent.toks[i];
        if tok.flags & (F_TITLE | F_CAPS) == 0 {
            return;
        }
        if let Some((kind, position)) = tags::split(label) {
            self.types.entry(tok.lower).or_default()[kind as usize] += 1;
            if kind == EntityType::Per
                && matches!(position, tags::Position::Last | tags::Position::Unit)
            {
                *self.surnames.entry(tok.lower).or_default() += 1;
            }
        }
    }
}

impl Sentence {
    pub(crate) fn new(text: &str, tokens: &[Token], resources: &Resources) -> Sentence {
        let mut lower = String::new();
        let mut toks = Vec::with_capacity(tokens.len());
        let (mut upper_letters, mut letters) = (0usize, 0usize);
        let mut lowers = Vec::with_capacity(tokens.len());
        for token in tokens {
            let word = token.span.slice(text).unwrap_or("");
            lower.clear();
            let mut flags = 0u8;
            let mut shape = [0u8; 24];
            let mut shape_len = 0;
            let mut sshape = [0u8; 24];
            let mut sshape_len = 0;
            let (mut ups, mut lows) = (0, 0);
            for (n, c) in word.chars().enumerate() {
                lower.extend(c.to_lowercase());
                let s = if c.is_uppercase() {
                    ups += 1;
                    b'X'
                } else if c.is_lowercase() {
                    lows += 1;
                    b'x'
                } else if c.is_ascii_digit() {
                    flags |= F_DIGIT;
                    b'd'
                } else if c == '-' {
                    flags |= F_HYPHEN;
                    b'-'
                } else if c == '.' {
                    flags |= F_PERIOD;
                    b'.'
                } else if c.is_ascii() {
                    c as u8
                } else {
                    b'*'
                };
                if n == 0 && c.is_uppercase() {
                    flags |= F_TITLE;
                }
                if shape_len < shape.len() {
                    shape[shape_len] = s;
                    shape_len += 1;
                }
                if (sshape_len == 0 || sshape[sshape_len - 1] != s) && sshape_len < sshape.len() {
                    sshape[sshape_len] = s;
                    sshape_len += 1;
                }
            }
            if ups > 0 && lows == 0 {
                flags |= F_CAPS;
            }
            if lows > 0 && ups == 0 {
                flags |= F_LOWER;
            }
            upper_letters += ups;
            letters += ups + lows;
            let chars: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
            let n = chars.len();
            let cut = |k: usize| if k < n { chars[k] } else { lower.len() };
            let prefixes = [1, 2, 3].map(|k| token_hash(&lower[..cut(k)]));
            let suffixes = [1, 2, 3, 4].map(|k| token_hash(&lower[cut(n.saturating_sub(k))..]));
            let cluster = resources.clusters.get(word, &lower);
            let lower_hash = token_hash(&lower);
            let glove = resources.glove.get(lower_hash);
            lowers.push(lower_hash);
            toks.push(Tok {
                word: token_hash(word),
                lower: *lowers.last().unwrap_or(&0),
                shape: xxhash_rust::xxh3::xxh3_64(&shape[..shape_len]),
                sshape: xxhash_rust::xxh3::xxh3_64(&sshape[..sshape_len]),
                prefixes,
                suffixes,
                flags,
                kind: token.kind,
                cluster,
                glove,
                gaz: 0,
                gaz_folded: 0,
            });
        }
        mark_gazetteer(&mut toks, &lowers, resources.gazetteer);
        let headline = letters >= 8 && upper_letters * 10 >= letters * 8;
        let titled = !headline && title_case(text, tokens);
        if !headline {
            // Outside an all-capitals line, a word in capitals is an acronym, and the
            // lowercase word's vector is of another word: "US" is not "us", nor "WHO" "who".
            for t in toks.iter_mut().filter(|t| t.flags & F_CAPS != 0) {
                t.glove = NO_GLOVE;
            }
        }
        Sentence {
            toks,
            headline,
            titled,
        }
    }

    /// Appends the features of token `i`, given the labels of the tokens before it.
    pub(crate) fn features(&self, i: usize, labels: &[u8], doc: &DocState, out: &mut Vec<u64>) {
        let t = &self.toks[i];
        let at = |d: isize| -> Option<&Tok> {
            let j = i as isize + d;
            (j >= 0).then(|| self.toks.get(j as usize)).flatten()
        };
        const NONE: u64 = 0x5EED;
        out.push(T_BIAS);
        out.push(mix(T_WORD, t.word));
        out.push(mix(T_LOWER, t.lower));
        out.push(mix(T_SHAPE, t.shape));
        out.push(mix(T_SSHAPE, t.sshape));
        out.push(mix(T_KIND, t.kind as u64));
        for (k, p) in t.prefixes.iter().enumerate() {
            out.push(mix2(T_PREFIX, k as u64, *p));
        }
        for (k, s) in t.suffixes.iter().enumerate() {
            out.push(mix2(T_SUFFIX, k as u64, *s));
        }
        out.push(mix(T_FLAGS, u64::from(t.flags)));
        out.push(mix2(T_FIRST, u64::from(i == 0), u64::from(t.flags)));
        for d in [-2isize, -1, 1, 2] {
            let lower = at(d).map_or(NONE, |n| n.lower);
            out.push(mix2(T_CONTEXT, d as u64, lower));
        }
        for d in [-1isize, 1] {
            let shape = at(d).map_or(NONE, |n| n.sshape);
            out.push(mix2(T_CONTEXT_SHAPE, d as u64, shape));
        }
        let prev_lower = at(-1).map_or(NONE, |n| n.lower);
        let next_lower = at(1).map_or(NONE, |n| n.lower);
        out.push(mix2(T_BIGRAM, prev_lower, t.lower));
        out.push(mix2(T_BIGRAM ^ 0xFF, t.lower, next_lower));
        let prev_shape = at(-1).map_or(NONE, |n| n.sshape);
        let next_shape = at(1).map_or(NONE, |n| n.sshape);
        out.push(mix2(T_SHAPE3, chain(prev_shape, t.sshape), next_shape));
        let p1 = labels.last().copied().map_or(NONE, u64::from);
        let p2 = labels
            .len()
            .checked_sub(2)
            .map_or(NONE, |j| u64::from(labels[j]));
        out.push(mix(T_PREV, p1));
        out.push(mix2(T_PREV2, p2, p1));
        out.push(mix2(T_PREV_WORD, p1, t.lower));
        if let Some((bits, len)) = t.cluster {
            for k in [4u8, 6, 8, 10, 12, 16] {
                let k = k.min(len);
                out.push(mix2(T_CLUSTER, u64::from(k), u64::from(bits >> (len - k))));
            }
        }
        for d in [-2isize, -1, 1, 2] {
            if let Some((bits, len)) = at(d).and_then(|n| n.cluster) {
                for k in [4u8, 8, 16] {
                    let k = k.min(len);
                    out.push(mix2(
                        T_CONTEXT_CLUSTER,
                        (d as u64) << 8 | u64::from(k),
                        u64::from(bits >> (len - k)),
                    ));
                }
            }
        }
        if let Some(ids) = unpack(t.glove) {
            for (k, id) in ids.iter().enumerate() {
                out.push(mix2(T_GLOVE, k as u64, u64::from(*id)));
            }
            // The finest cluster with the capitalisation: a capitalised word of a cluster of
            // surnames is a name, one of a cluster of common nouns at a sentence's start
            // is not.
            out.push(mix2(
                T_GLOVE_CASE,
                u64::from(ids[2]),
                u64::from(t.flags & (F_TITLE | F_CAPS)) << 1 | u64::from(i == 0),
            ));
        }
        for d in [-1isize, 1] {
            if let Some(ids) = at(d).and_then(|n| unpack(n.glove)) {
                for (k, id) in ids.iter().enumerate() {
                    out.push(mix2(
                        T_CONTEXT_GLOVE,
                        (d as u64) << 8 | k as u64,
                        u64::from(*id),
                    ));
                }
            }
        }
        push_bits(out, T_GAZ, t.gaz);
        push_bits(out, T_GAZ_FOLDED, t.gaz_folded);
        for d in [-1isize, 1] {
            if let Some(n) = at(d) {
                // Kinds only, whatever the position, on the neighbours.
                let kinds = (0..Kind::ALL.len()).fold(0u64, |m, k| {
                    if (n.gaz | n.gaz_folded) >> (4 * k) & 0xF != 0 {
                        m | 1 << k
                    } else {
                        m
                    }
                });
                push_bits(out, T_CONTEXT_GAZ ^ (d as u64).wrapping_mul(31), kinds);
            }
        }
        if t.flags & (F_TITLE | F_CAPS) != 0 {
            if let Some(counts) = doc.types.get(&t.lower) {
                let (best, n) = counts
                    .iter()
                    .enumerate()
                    .max_by_key(|(k, n)| (**n, std::cmp::Reverse(*k)))
                    .unwrap_or((0, &0));
                if *n > 0 {
                    out.push(mix(T_HISTORY, best as u64));
                    out.push(mix2(T_HISTORY, best as u64, u64::from(i == 0)));
                }
            }
            if doc.surnames.contains_key(&t.lower) {
                out.push(mix(T_SURNAME, 1));
            }
        }
        if t.kind == TokenKind::Word {
            let written = u64::from(doc.capitalised.contains(&t.lower))
                | u64::from(doc.lowercase.contains(&t.lower)) << 1;
            let initial = u64::from(i == 0 || self.headline || self.titled);
            out.push(mix2(
                T_WRITTEN,
                written,
                initial << 8 | u64::from(t.flags & (F_TITLE | F_CAPS)),
            ));
        }
        if self.headline {
            out.push(mix(T_HEADLINE, 0));
            out.push(mix(T_HEADLINE, t.lower));
        }
        if self.titled {
            out.push(mix(T_TITLED, 0));
        }
        if self.headline || self.titled {
            // Where capitals say nothing, what kind of word it is must: a verb's cluster in
            // "Leaders Discuss Trade" is no name.
            if let Some(ids) = unpack(t.glove) {
                out.push(mix2(T_CASELESS, 1, u64::from(ids[1])));
                out.push(mix2(T_CASELESS, 2, u64::from(ids[2])));
            }
        }
    }
}

const NO_GLOVE: u32 = u32::MAX;

fn unpack(glove: u32) -> Option<[u32; 3]> {
    (glove != NO_GLOVE).then_some([glove & 0xFF, glove >> 8 & 0xFF, glove >> 16])
}

/// Short words a title-case headline leaves in lowercase.
pub(crate) const TITLE_LOWER: &[&str] = &[
    "a", "an", "the", "of", "to", "in", "on", "at", "by", "for", "and", "or", "but", "as", "vs",
    "via", "nor", "per", "off", "up", "out", "from", "with", "into", "over",
];

/// Whether a sentence is written in title case: at least three words begin with a capital
/// and every word in lowercase is one of [`TITLE_LOWER`]. "Vladimir Putin met Donald
/// Trump" is not ("met"); "Putin and Trump Discuss Ukraine" is.
pub(crate) fn title_case(text: &str, tokens: &[Token]) -> bool {
    let mut capitals = 0;
    for token in tokens {
        if token.kind != TokenKind::Word {
            continue;
        }
        let word = token.span.slice(text).unwrap_or("");
        match word.chars().next() {
            Some(c) if c.is_uppercase() => capitals += 1,
            Some(c) if c.is_lowercase() && !TITLE_LOWER.contains(&word) => return false,
            _ => {}
        }
    }
    capitals >= 3
}

fn push_bits(out: &mut Vec<u64>, template: u64, mut bits: u64) {
    while bits != 0 {
        let b = bits.trailing_zeros();
        out.push(mix(template, u64::from(b)));
        bits &= bits - 1;
    }
}

/// Marks every gazetteer phrase found in the sentence, exactly and case-folded, on its
/// tokens with their position in it.
fn mark_gazetteer(toks: &mut [Tok], lowers: &[u64], g: &Gazetteer) {
    let n = toks.len();
    let max = g.max_tokens();
    for i in 0..n {
        let (mut exact, mut folded) = (0u64, 0u64);
        for len in 1..=max.min(n - i) {
            exact = chain(exact, toks[i + len - 1].word);
            folded = chain(folded, lowers[i + len - 1]);
            for (hash, is_folded) in [(exact, false), (folded, true)] {
                let kinds = g.kinds(hash, is_folded);
                if kinds == 0 {
                    continue;
                }
                for k in 0..Kind::ALL.len() {
                    if kinds & (1 << k) == 0 {
                        continue;
                    }
                    for (offset, tok) in toks[i..i + len].iter_mut().enumerate() {
                        let position = if len == 1 {
                            3
                        } else if offset == 0 {
                            0
                        } else if offset == len - 1 {
                            2
                        } else {
                            1
                        };
                        let bit = 1u64 << (4 * k + position);
                        if is_folded {
                            tok.gaz_folded |= bit;
                        } else {
                            tok.gaz |= bit;
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titled(text: &str) -> bool {
        let seg = readout_text::segment(text);
        title_case(text, &seg.tokens)
    }

    #[test]
    fn title_case_lines_are_told_from_sentences() {
        assert!(titled("Putin and Trump Discuss Ukraine in Lengthy Call"));
        assert!(titled("Leaders Agree to Meet in Oslo"));
        // A lowercase word that is no function word of a title: a sentence.
        assert!(!titled("Vladimir Putin met Donald Trump in Oslo"));
        assert!(!titled("The talks ended on Monday"));
        // Fewer than three capitals.
        assert!(!titled("Oslo Wins"));
    }
}
