//! The tagger: an averaged perceptron over joint (UPOS, XPOS) classes, decoded greedily
//! left to right with the two previous tags as features (Collins 2002; Honnibal's feature
//! set, widened with prefixes, shapes and word pairs). Frequent words that always carry the
//! same tag in training are tagged from a dictionary without scoring. The lemmatiser is a
//! lexicon of the training words its suffix rules would get wrong, and suffix rules learned
//! per Penn tag for everything else.

use std::collections::HashMap;

use crate::perceptron::{feat, hash_str, put_string, put_varint, Bytes, KeyMap, Model, Trainer};
use crate::SyntaxError;
use crate::{Upos, Xpos};

/// A word's string features, hashed once per sentence.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct WordIds {
    /// The form as written.
    pub form: u64,
    /// Lower case, digits replaced by `0`.
    pub lower: u64,
    pub pre1: u64,
    pub pre2: u64,
    pub pre3: u64,
    pub suf1: u64,
    pub suf2: u64,
    pub suf3: u64,
    pub suf4: u64,
    /// Character classes (`Xxx`, `dd`, `x-x`), runs cut at two.
    pub shape: u64,
    /// The word's cluster path cut at 4 and 6 bits, and whole (0 when not in the list).
    pub c4: u64,
    pub c6: u64,
    pub cfull: u64,
}

/// Word clusters learned without labels from the news corpus (the NER stage's file, see
/// docs/entities.md): a bit path per word form, whose prefixes are coarser clusters. They
/// carry what the news words the treebank lacks behave like.
static CLUSTERS: &str = include_str!("../../readout-entities/data/clusters.tsv");

fn clusters() -> &'static HashMap<&'static str, &'static str> {
    static MAP: std::sync::OnceLock<HashMap<&'static str, &'static str>> =
        std::sync::OnceLock::new();
    MAP.get_or_init(|| {
        CLUSTERS
            .lines()
            .filter_map(|l| l.split_once('\t'))
            .collect()
    })
}

fn normalise(form: &str) -> String {
    form.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '0'..='9' => '0',
            // Curly and straight quotes are one word to the features: EWT and news text
            // use both.
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            _ => c,
        })
        .collect()
}

fn shape(form: &str) -> String {
    let mut out = String::new();
    let (mut last, mut run) = ('\0', 0);
    for c in form.chars() {
        let k = if c.is_uppercase() {
            'X'
        } else if c.is_lowercase() {
            'x'
        } else if c.is_numeric() {
            'd'
        } else {
            c
        };
        if k == last {
            run += 1;
        } else {
            (last, run) = (k, 1);
        }
        if run <= 2 {
            out.push(k);
        }
    }
    out
}

impl WordIds {
    pub(crate) fn new(form: &str) -> WordIds {
        let lower = normalise(form);
        let chars: Vec<(usize, char)> = lower.char_indices().collect();
        let n = chars.len();
        let pre = |k: usize, seed: u64| {
            let end = chars.get(k).map_or(lower.len(), |c| c.0);
            hash_str(&lower[..end], seed)
        };
        let suf = |k: usize, seed: u64| {
            let start = if k >= n { 0 } else { chars[n - k].0 };
            hash_str(&lower[start..], seed)
        };
        let path = clusters()
            .get(form)
            .or_else(|| clusters().get(lower.as_str()))
            .copied();
        let cut = |k: usize, seed: u64| path.map_or(0, |p| hash_str(&p[..k.min(p.len())], seed));
        WordIds {
            c4: cut(4, 11),
            c6: cut(6, 12),
            cfull: cut(64, 13),
            form: hash_str(form, 1),
            lower: hash_str(&lower, 2),
            pre1: pre(1, 3),
            pre2: pre(2, 4),
            pre3: pre(3, 5),
            suf1: suf(1, 6),
            suf2: suf(2, 7),
            suf3: suf(3, 8),
            suf4: suf(4, 9),
            shape: hash_str(&shape(form), 10),
        }
    }
}

/// Padding beyond the sentence edges.
const EDGE: WordIds = WordIds {
    form: 0x5EED_0001,
    lower: 0x5EED_0002,
    pre1: 0,
    pre2: 0,
    pre3: 0,
    suf1: 0,
    suf2: 0,
    suf3: 0x5EED_0003,
    suf4: 0,
    shape: 0x5EED_0004,
    c4: 0x5EED_0005,
    c6: 0x5EED_0006,
    cfull: 0x5EED_0007,
};

/// The features of word `i`, given the classes of the two words before it (+1; 0 = none).
fn features(words: &[WordIds], i: usize, p1: u64, p2: u64, out: &mut Vec<u32>) {
    let at = |j: isize| -> &WordIds {
        if j < 0 || j as usize >= words.len() {
            &EDGE
        } else {
            &words[j as usize]
        }
    };
    let j = i as isize;
    let (w, wm1, wm2, wp1, wp2) = (at(j), at(j - 1), at(j - 2), at(j + 1), at(j + 2));
    out.clear();
    out.extend([
        feat(0, 0, 0, 0),
        feat(1, w.lower, 0, 0),
        feat(2, w.form, 0, 0),
        feat(3, w.suf1, 0, 0),
        feat(4, w.suf2, 0, 0),
        feat(5, w.suf3, 0, 0),
        feat(6, w.suf4, 0, 0),
        feat(7, w.pre1, 0, 0),
        feat(8, w.pre2, 0, 0),
        feat(9, w.pre3, 0, 0),
        feat(10, w.shape, 0, 0),
        feat(11, p1, 0, 0),
        feat(12, p2, 0, 0),
        feat(13, p1, p2, 0),
        feat(14, p1, w.lower, 0),
        feat(15, wm1.lower, 0, 0),
        feat(16, wm1.suf3, 0, 0),
        feat(17, wm2.lower, 0, 0),
        feat(18, wp1.lower, 0, 0),
        feat(19, wp1.suf3, 0, 0),
        feat(20, wp2.lower, 0, 0),
        feat(21, wm1.lower, w.lower, 0),
        feat(22, w.lower, wp1.lower, 0),
        feat(23, wp1.shape, 0, 0),
        feat(24, wm1.shape, w.shape, 0),
        feat(25, p1, w.suf3, 0),
        feat(26, u64::from(i == 0), w.shape, 0),
        feat(27, wp1.suf1, w.suf2, 0),
        feat(28, wp2.suf3, 0, 0),
        feat(29, w.cfull, 0, 0),
        feat(30, w.c4, 0, 0),
        feat(31, w.c6, 0, 0),
        feat(32, wm1.c6, 0, 0),
        feat(33, wp1.c6, 0, 0),
        feat(34, p1, w.c6, 0),
        feat(35, w.c6, wp1.c4, 0),
    ]);
}

/// A trained tagger.
pub(crate) struct Tagger {
    model: Model,
    classes: Vec<(Upos, Xpos)>,
    /// Form hash → class, for frequent words that always carry one tag.
    dict: KeyMap<u64, u8>,
}

impl Tagger {
    /// The (UPOS, XPOS) of every class.
    pub(crate) fn class(&self, c: u8) -> (Upos, Xpos) {
        self.classes[c as usize]
    }

    /// Tags a sentence: one class per word into `out`.
    pub(crate) fn tag(&self, words: &[WordIds], out: &mut Vec<u8>, scratch: &mut Scratch) {
        out.clear();
        let (mut p1, mut p2) = (0u64, 0u64);
        scratch.scores.resize(self.model.classes(), 0);
        for i in 0..words.len() {
            let c = match self.dict.get(&words[i].form) {
                Some(&c) => c,
                None => {
                    features(words, i, p1, p2, &mut scratch.feats);
                    self.model.scores(&scratch.feats, &mut scratch.scores);
                    argmax(&scratch.scores) as u8
                }
            };
            out.push(c);
            (p2, p1) = (p1, u64::from(c) + 1);
        }
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        put_varint(out, self.classes.len() as u64);
        for (u, x) in &self.classes {
            out.push(u.index() as u8);
            out.push(x.index() as u8);
        }
        let mut dict: Vec<(u64, u8)> = self.dict.iter().map(|(&k, &v)| (k, v)).collect();
        dict.sort_unstable();
        put_varint(out, dict.len() as u64);
        for (k, v) in dict {
            out.extend_from_slice(&k.to_le_bytes());
            out.push(v);
        }
        self.model.write(out);
    }

    pub(crate) fn read(r: &mut Bytes) -> Result<Tagger, SyntaxError> {
        let n = r.varint()? as usize;
        if n == 0 || n > 256 {
            return Err(SyntaxError::Model(format!("{n} tagger classes")));
        }
        let mut classes = Vec::with_capacity(n);
        for _ in 0..n {
            let u = Upos::ALL.get(r.byte()? as usize);
            let x = Xpos::ALL.get(r.byte()? as usize);
            match (u, x) {
                (Some(u), Some(x)) => classes.push((*u, *x)),
                _ => return Err(SyntaxError::Model("unknown tag in tagger classes".into())),
            }
        }
        let d = r.varint()? as usize;
        if d > r.remaining() {
            return Err(SyntaxError::Model("tag dictionary exceeds the file".into()));
        }
        let mut dict = KeyMap::default();
        for _ in 0..d {
            let mut k = [0u8; 8];
            k.copy_from_slice(r.take(8)?);
            let v = r.byte()?;
            if v as usize >= n {
                return Err(SyntaxError::Model(
                    "tag dictionary class out of range".into(),
                ));
            }
            dict.insert(u64::from_le_bytes(k), v);
        }
        let model = Model::read(r)?;
        if model.classes() != n {
            return Err(SyntaxError::Model("tagger class count differs".into()));
        }
        Ok(Tagger {
            model,
            classes,
            dict,
        })
    }

    pub(crate) fn features(&self) -> usize {
        self.model.features()
    }

    pub(crate) fn pruned(&self, min: i16) -> (Tagger, usize) {
        let (model, saturated) = self.model.pruned(min);
        let tagger = Tagger {
            model,
            classes: self.classes.clone(),
            dict: self.dict.clone(),
        };
        (tagger, saturated)
    }
}

/// Reusable buffers for tagging and parsing.
#[derive(Default)]
pub(crate) struct Scratch {
    pub feats: Vec<u32>,
    pub scores: Vec<i32>,
}

pub(crate) fn argmax(scores: &[i32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// A small seeded generator (splitmix64) for shuffling.
pub(crate) struct Rng(pub u64);

impl Rng {
    pub(crate) fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        crate::perceptron::mix(self.0)
    }
    pub(crate) fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub(crate) fn shuffle<T>(&mut self, v: &mut [T]) {
        for i in (1..v.len()).rev() {
            let j = self.below(i + 1);
            v.swap(i, j);
        }
    }
}

/// Training sentences for the tagger: word features and gold tags.
pub(crate) struct TagExample {
    pub words: Vec<WordIds>,
    pub tags: Vec<(Upos, Xpos)>,
}

/// Tagger training settings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct TagConfig {
    pub epochs: usize,
    pub seed: u64,
    /// A word enters the dictionary when seen this often...
    pub dict_min_count: usize,
    /// ...with this share of its occurrences on one tag.
    pub dict_min_share: f64,
    /// Weight scale for quantisation.
    pub scale: f64,
    /// Averaged weights below this are pruned.
    pub min_abs: f64,
}

pub(crate) fn train(examples: &[TagExample], cfg: &TagConfig) -> Tagger {
    let mut classes: Vec<(Upos, Xpos)> = examples.iter().flat_map(|e| e.tags.clone()).collect();
    classes.sort_unstable();
    classes.dedup();
    let class_of: HashMap<(Upos, Xpos), u8> = classes
        .iter()
        .enumerate()
        .map(|(i, t)| (*t, i as u8))
        .collect();
    let gold: Vec<Vec<u8>> = examples
        .iter()
        .map(|e| e.tags.iter().map(|t| class_of[t]).collect())
        .collect();
    let mut counts: KeyMap<u64, KeyMap<u8, usize>> = KeyMap::default();
    for (e, g) in examples.iter().zip(&gold) {
        for (w, c) in e.words.iter().zip(g) {
            *counts.entry(w.form).or_default().entry(*c).or_default() += 1;
        }
    }
    let mut dict = KeyMap::default();
    for (form, by) in &counts {
        let total: usize = by.values().sum();
        let (&c, &n) = by
            .iter()
            .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
            .expect("a counted word has a tag");
        if total >= cfg.dict_min_count && n as f64 / total as f64 >= cfg.dict_min_share {
            dict.insert(*form, c);
        }
    }
    let mut trainer = Trainer::new(classes.len());
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(cfg.seed);
    let mut feats = Vec::new();
    let mut scores = vec![0; classes.len()];
    for _ in 0..cfg.epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let words = &examples[s].words;
            let (mut p1, mut p2) = (0u64, 0u64);
            for i in 0..words.len() {
                let g = gold[s][i];
                let c = match dict.get(&words[i].form) {
                    Some(&c) => c,
                    None => {
                        features(words, i, p1, p2, &mut feats);
                        trainer.scores(&feats, &mut scores);
                        let guess = argmax(&scores);
                        trainer.update(&feats, g as usize, guess);
                        trainer.tick();
                        guess as u8
                    }
                };
                (p2, p1) = (p1, u64::from(c) + 1);
            }
        }
    }
    Tagger {
        model: trainer.average(cfg.scale, cfg.min_abs),
        classes,
        dict,
    }
}

/// Lemmas: exceptions by form and tag, then suffix rules by tag.
pub(crate) struct Lemmatizer {
    /// (Penn tag, suffix of the base form) → (characters to strip, text to add).
    rules: HashMap<(u8, String), (u8, String)>,
    /// Form → (Penn tag, lemma), for training words the rules get wrong.
    exceptions: HashMap<String, Vec<(u8, String)>>,
}

const MAX_SUFFIX: usize = 5;

/// Proper nouns keep their case; everything else is lowercased first.
fn base(form: &str, xpos: Xpos) -> String {
    match xpos {
        Xpos::Nnp | Xpos::Nnps => form.to_string(),
        _ => form.to_lowercase(),
    }
}

fn suffix(s: &str, k: usize) -> Option<&str> {
    let n = s.chars().count();
    if k > n {
        return None;
    }
    let start = s.char_indices().nth(n - k).map_or(0, |c| c.0);
    Some(&s[start..])
}

impl Lemmatizer {
    pub(crate) fn lemma(&self, form: &str, xpos: Xpos) -> String {
        let x = xpos.index() as u8;
        if let Some(l) = self.exception(form, x) {
            return l.to_string();
        }
        let base = base(form, xpos);
        if let Some(l) = self.exception(&base, x) {
            return l.to_string();
        }
        self.apply_rules(&base, x)
            .unwrap_or_else(|| form.to_string())
    }

    fn exception(&self, form: &str, x: u8) -> Option<&str> {
        self.exceptions
            .get(form)
            .and_then(|v| v.iter().find(|(t, _)| *t == x))
            .map(|(_, l)| l.as_str())
    }

    /// The lemma the suffix rules give, or `None` where the rule that matches was learnt
    /// from a capitalised lemma: the training data keeps the case of adjectives made from
    /// names ("Syrian"), whose lowercased form shares no prefix with it, so such a rule
    /// rewrites a whole word ("hungarian" to "hunSyrian"). Such words keep their form.
    fn apply_rules(&self, base: &str, x: u8) -> Option<String> {
        let n = base.chars().count();
        for k in (1..=MAX_SUFFIX.min(n.saturating_sub(1))).rev() {
            let Some(suf) = suffix(base, k) else { continue };
            if let Some((strip, add)) = self.rules.get(&(x, suf.to_string())) {
                if add.chars().any(char::is_uppercase) {
                    return None;
                }
                let keep = n - (*strip as usize).min(n);
                let mut out: String = base.chars().take(keep).collect();
                out.push_str(add);
                return Some(out);
            }
        }
        Some(base.to_string())
    }

    /// Learns rules from (form, Penn tag, lemma) triples, then keeps as exceptions the
    /// (form, tag) pairs whose most frequent lemma the rules miss.
    pub(crate) fn train<'a>(
        words: impl Iterator<Item = (&'a str, Xpos, &'a str)> + Clone,
    ) -> Lemmatizer {
        let mut counts: HashMap<(u8, String), HashMap<(u8, String), usize>> = HashMap::new();
        let mut seen: HashMap<(String, u8), HashMap<String, usize>> = HashMap::new();
        for (form, xpos, lemma) in words {
            let x = xpos.index() as u8;
            *seen
                .entry((form.to_string(), x))
                .or_default()
                .entry(lemma.to_string())
                .or_default() += 1;
            let b = base(form, xpos);
            let common = b
                .chars()
                .zip(lemma.chars())
                .take_while(|(a, c)| a == c)
                .count();
            let strip = b.chars().count() - common;
            if strip > 255 {
                continue;
            }
            let add: String = lemma.chars().skip(common).collect();
            let n = b.chars().count();
            for k in 1..=MAX_SUFFIX.min(n.saturating_sub(1)) {
                if let Some(suf) = suffix(&b, k) {
                    *counts
                        .entry((x, suf.to_string()))
                        .or_default()
                        .entry((strip as u8, add.clone()))
                        .or_default() += 1;
                }
            }
        }
        let mut rules = HashMap::new();
        for (key, by) in counts {
            let (best, n) = by
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .expect("a counted suffix has a rule");
            // A rule that changes nothing is the default; rare rules are left to the
            // exceptions.
            if n >= 2 && !(best.0 == 0 && best.1.is_empty()) {
                rules.insert(key, best);
            }
        }
        let mut lem = Lemmatizer {
            rules,
            exceptions: HashMap::new(),
        };
        let mut seen: Vec<((String, u8), HashMap<String, usize>)> = seen.into_iter().collect();
        seen.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        for ((form, x), by) in seen {
            let (lemma, _) = by
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))
                .expect("a seen word has a lemma");
            let xpos = Xpos::ALL[x as usize];
            let ruled = lem.apply_rules(&base(&form, xpos), x);
            if ruled.as_deref().unwrap_or(form.as_str()) != lemma {
                lem.exceptions.entry(form).or_default().push((x, lemma));
            }
        }
        lem
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        let mut rules: Vec<_> = self.rules.iter().collect();
        rules.sort_unstable();
        put_varint(out, rules.len() as u64);
        for ((x, suf), (strip, add)) in rules {
            out.push(*x);
            put_string(out, suf);
            out.push(*strip);
            put_string(out, add);
        }
        let mut ex: Vec<_> = self.exceptions.iter().collect();
        ex.sort_unstable();
        put_varint(out, ex.len() as u64);
        for (form, v) in ex {
            put_string(out, form);
            put_varint(out, v.len() as u64);
            for (x, l) in v {
                out.push(*x);
                put_string(out, l);
            }
        }
    }

    pub(crate) fn read(r: &mut Bytes) -> Result<Lemmatizer, SyntaxError> {
        let tag = |x: u8| {
            if (x as usize) < Xpos::ALL.len() {
                Ok(x)
            } else {
                Err(SyntaxError::Model("lemma rule tag out of range".into()))
            }
        };
        let n = r.varint()? as usize;
        if n > r.remaining() {
            return Err(SyntaxError::Model("lemma rules exceed the file".into()));
        }
        let mut rules = HashMap::with_capacity(n);
        for _ in 0..n {
            let x = tag(r.byte()?)?;
            let suf = r.string()?;
            let strip = r.byte()?;
            let add = r.string()?;
            rules.insert((x, suf), (strip, add));
        }
        let n = r.varint()? as usize;
        if n > r.remaining() {
            return Err(SyntaxError::Model(
                "lemma exceptions exceed the file".into(),
            ));
        }
        let mut exceptions = HashMap::with_capacity(n);
        for _ in 0..n {
            let form = r.string()?;
            let m = r.varint()? as usize;
            if m > r.remaining() {
                return Err(SyntaxError::Model(
                    "lemma exceptions exceed the file".into(),
                ));
            }
            let mut v = Vec::with_capacity(m);
            for _ in 0..m {
                let x = tag(r.byte()?)?;
                v.push((x, r.string()?));
            }
            exceptions.insert(form, v);
        }
        Ok(Lemmatizer { rules, exceptions })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shapes_and_suffixes() {
        assert_eq!(shape("Obama"), "Xxx");
        assert_eq!(shape("1990s"), "ddx");
        assert_eq!(shape("U.S."), "X.X.");
        assert_eq!(normalise("Route66"), "route00");
        assert_eq!(normalise("\u{2019}s"), "'s");
        assert_eq!(suffix("été", 2), Some("té"));
        assert_eq!(suffix("ab", 3), None);
    }

    #[test]
    fn lemmas_from_rules_and_exceptions() {
        let data = [
            ("walked", Xpos::Vbd, "walk"),
            ("talked", Xpos::Vbd, "talk"),
            ("jumped", Xpos::Vbd, "jump"),
            ("went", Xpos::Vbd, "go"),
            ("cats", Xpos::Nns, "cat"),
            ("dogs", Xpos::Nns, "dog"),
            ("Smiths", Xpos::Nnps, "Smiths"),
        ];
        let lem = Lemmatizer::train(data.iter().copied());
        assert_eq!(lem.lemma("parked", Xpos::Vbd), "park");
        assert_eq!(lem.lemma("went", Xpos::Vbd), "go");
        assert_eq!(lem.lemma("Went", Xpos::Vbd), "go");
        assert_eq!(lem.lemma("hats", Xpos::Nns), "hat");
        assert_eq!(lem.lemma("Paris", Xpos::Nnp), "Paris");
        let mut bytes = Vec::new();
        lem.write(&mut bytes);
        let back = Lemmatizer::read(&mut Bytes::new(&bytes)).unwrap();
        assert_eq!(back.lemma("parked", Xpos::Vbd), "park");
        assert_eq!(back.lemma("went", Xpos::Vbd), "go");
    }

    #[test]
    fn the_tagger_learns_a_toy_language() {
        let sent = |s: &str, t: &[(Upos, Xpos)]| TagExample {
            words: s.split(' ').map(WordIds::new).collect(),
            tags: t.to_vec(),
        };
        let (d, n, v) = (
            (Upos::Det, Xpos::Dt),
            (Upos::Noun, Xpos::Nn),
            (Upos::Verb, Xpos::Vbz),
        );
        let data = vec![
            sent("the dog barks", &[d, n, v]),
            sent("the cat sleeps", &[d, n, v]),
            sent("a bird sings", &[d, n, v]),
        ];
        let cfg = TagConfig {
            epochs: 5,
            seed: 1,
            dict_min_count: 100,
            dict_min_share: 1.0,
            scale: 64.0,
            min_abs: 0.0,
        };
        let tagger = train(&data, &cfg);
        let words: Vec<WordIds> = "a cow walks".split(' ').map(WordIds::new).collect();
        let mut out = Vec::new();
        tagger.tag(&words, &mut out, &mut Scratch::default());
        let got: Vec<_> = out.iter().map(|c| tagger.class(*c)).collect();
        assert_eq!(got, [d, n, v]);
    }
}
