//! The parser: greedy arc-hybrid transitions (Kuhlmann, Gómez-Rodríguez & Satta 2011)
//! scored by an averaged perceptron and trained with the dynamic oracle of Goldberg & Nivre
//! (2013), so it learns to recover from its own mistakes. A class is a move together with
//! its label: SHIFT, LEFT-l (the buffer front becomes the head of the stack top) and RIGHT-l
//! (the word under the stack top becomes its head). The root is an extra word at the end of
//! the buffer that may take a dependent only when that word is the last on the stack, so
//! every parse is a tree with exactly one root, whatever the weights say. The features
//! follow Zhang & Nivre (2011): words, tags, children, distance, valency and label sets.

use crate::perceptron::{feat, Bytes, Model, Trainer};
use crate::tagger::Rng;
use crate::SyntaxError;
use crate::{DepRel, Xpos};

const LABELS: usize = DepRel::ALL.len();
/// SHIFT, then LEFT and RIGHT for every label.
pub(crate) const CLASSES: usize = 1 + 2 * LABELS;
const SHIFT: usize = 0;
const NONE: u32 = u32::MAX;
const ROOT_LABEL: usize = DepRel::Root as usize;

/// The parser state. Words are `0..n`; `n` is the root.
#[derive(Default)]
pub(crate) struct State {
    n: usize,
    stack: Vec<u32>,
    b: usize,
    pub(crate) heads: Vec<u32>,
    pub(crate) labels: Vec<u8>,
    l1: Vec<u32>,
    l2: Vec<u32>,
    r1: Vec<u32>,
    r2: Vec<u32>,
    nl: Vec<u8>,
    nr: Vec<u8>,
    lset: Vec<u64>,
    rset: Vec<u64>,
}

impl State {
    pub(crate) fn reset(&mut self, n: usize) {
        self.n = n;
        self.stack.clear();
        self.b = 0;
        for v in [
            &mut self.heads,
            &mut self.l1,
            &mut self.l2,
            &mut self.r1,
            &mut self.r2,
        ] {
            v.clear();
            v.resize(n + 1, NONE);
        }
        for v in [&mut self.labels, &mut self.nl, &mut self.nr] {
            v.clear();
            v.resize(n + 1, 0);
        }
        for v in [&mut self.lset, &mut self.rset] {
            v.clear();
            v.resize(n + 1, 0);
        }
    }

    pub(crate) fn done(&self) -> bool {
        self.b == self.n && self.stack.is_empty()
    }

    fn s(&self, i: usize) -> u32 {
        if self.stack.len() > i {
            self.stack[self.stack.len() - 1 - i]
        } else {
            NONE
        }
    }

    fn buf(&self, i: usize) -> u32 {
        if self.b + i <= self.n {
            (self.b + i) as u32
        } else {
            NONE
        }
    }

    /// Whether a class may be taken now.
    fn valid(&self, class: usize) -> bool {
        if class == SHIFT {
            return self.b < self.n;
        }
        let label = (class - 1) / 2;
        if class % 2 == 1 {
            // LEFT: onto the buffer front; onto the root only for the last word, as root.
            if self.b == self.n {
                self.stack.len() == 1 && label == ROOT_LABEL
            } else {
                !self.stack.is_empty() && label != ROOT_LABEL
            }
        } else {
            self.stack.len() >= 2 && label != ROOT_LABEL
        }
    }

    fn add_arc(&mut self, head: u32, dep: u32, label: usize) {
        let (h, d) = (head as usize, dep as usize);
        self.heads[d] = head;
        self.labels[d] = label as u8;
        if d < h {
            self.nl[h] = self.nl[h].saturating_add(1);
            self.lset[h] |= 1 << label;
            if self.l1[h] == NONE || dep < self.l1[h] {
                self.l2[h] = self.l1[h];
                self.l1[h] = dep;
            } else if self.l2[h] == NONE || dep < self.l2[h] {
                self.l2[h] = dep;
            }
        } else {
            self.nr[h] = self.nr[h].saturating_add(1);
            self.rset[h] |= 1 << label;
            if self.r1[h] == NONE || dep > self.r1[h] {
                self.r2[h] = self.r1[h];
                self.r1[h] = dep;
            } else if self.r2[h] == NONE || dep > self.r2[h] {
                self.r2[h] = dep;
            }
        }
    }

    fn apply(&mut self, class: usize) {
        if class == SHIFT {
            self.stack.push(self.b as u32);
            self.b += 1;
            return;
        }
        let label = (class - 1) / 2;
        let s0 = self.stack.pop().unwrap_or(NONE);
        if class % 2 == 1 {
            self.add_arc(self.b as u32, s0, label);
        } else {
            let s1 = self.s(0);
            self.add_arc(s1, s0, label);
        }
    }

    /// The cost of SHIFT, LEFT and RIGHT: gold arcs that become unreachable. Heads are
    /// word indexes, `n` for the root.
    fn move_costs(&self, gold: &[u32]) -> [u32; 3] {
        let n = self.n;
        let mut costs = [u32::MAX; 3];
        let stack = &self.stack;
        if self.b < n {
            let b = self.b as u32;
            let below = &stack[..stack.len().saturating_sub(1)];
            let mut c = u32::from(below.contains(&gold[self.b]));
            c += stack.iter().filter(|&&k| gold[k as usize] == b).count() as u32;
            costs[0] = c;
        }
        if let Some(&s0) = stack.last() {
            let deps_in_buffer = (self.b..n).filter(|&k| gold[k] == s0).count() as u32;
            let h = gold[s0 as usize];
            let s1 = self.s(1);
            let head_later = (h as usize) > self.b && (h as usize) <= n;
            costs[1] = deps_in_buffer + u32::from(h == s1 || head_later);
            if stack.len() >= 2 {
                costs[2] = deps_in_buffer + u32::from((h as usize) >= self.b);
            }
        }
        costs
    }
}

/// What the feature templates see of each word.
pub(crate) struct Token {
    pub word: u64,
    pub tag: u64,
    /// The word's cluster (6-bit prefix of its path).
    pub cluster: u64,
}

const ROOT_WORD: u64 = 0xABCD_0001;
const ROOT_TAG: u64 = 0xABCD_0002;

fn features(st: &State, toks: &[Token], out: &mut Vec<u32>) {
    let n = st.n as u32;
    let w = |t: u32| -> u64 {
        if t == NONE {
            0
        } else if t == n {
            ROOT_WORD
        } else {
            toks[t as usize].word
        }
    };
    let p = |t: u32| -> u64 {
        if t == NONE {
            0
        } else if t == n {
            ROOT_TAG
        } else {
            toks[t as usize].tag
        }
    };
    let c = |t: u32| -> u64 {
        if t == NONE {
            0
        } else if t == n {
            ROOT_WORD
        } else {
            toks[t as usize].cluster
        }
    };
    let lab = |t: u32| -> u64 {
        if t == NONE {
            0
        } else {
            u64::from(st.labels[t as usize]) + 1
        }
    };
    let get = |v: &Vec<u32>, t: u32| -> u32 {
        if t == NONE {
            NONE
        } else {
            v[t as usize]
        }
    };
    let cnt = |v: &Vec<u8>, t: u32| -> u64 {
        if t == NONE {
            99
        } else {
            u64::from(v[t as usize])
        }
    };
    let set = |v: &Vec<u64>, t: u32| -> u64 {
        if t == NONE {
            1 << 63
        } else {
            v[t as usize]
        }
    };
    let (s0, s1, s2) = (st.s(0), st.s(1), st.s(2));
    let (b0, b1, b2) = (st.buf(0), st.buf(1), st.buf(2));
    let (s0w, s0p, s1w, s1p, s2p) = (w(s0), p(s0), w(s1), p(s1), p(s2));
    let (b0w, b0p, b1w, b1p, b2w, b2p) = (w(b0), p(b0), w(b1), p(b1), w(b2), p(b2));
    let (s0l1, s0l2, s0r1, s0r2) = (
        get(&st.l1, s0),
        get(&st.l2, s0),
        get(&st.r1, s0),
        get(&st.r2, s0),
    );
    let (b0l1, b0l2) = (get(&st.l1, b0), get(&st.l2, b0));
    let (s1l1, s1r1) = (get(&st.l1, s1), get(&st.r1, s1));
    let dist = |a: u32, b: u32| -> u64 {
        if a == NONE || b == NONE {
            0
        } else if b == n {
            100
        } else {
            u64::from(b.abs_diff(a).min(6))
        }
    };
    let d = dist(s0, b0);
    let d1 = dist(s1, s0);
    let s0wp = s0w ^ s0p.rotate_left(32);
    let b0wp = b0w ^ b0p.rotate_left(32);
    let s1wp = s1w ^ s1p.rotate_left(32);
    out.clear();
    out.extend([
        feat(100, 0, 0, 0),
        // Single words.
        feat(101, s0wp, 0, 0),
        feat(102, s0w, 0, 0),
        feat(103, s0p, 0, 0),
        feat(104, s1wp, 0, 0),
        feat(105, s1w, 0, 0),
        feat(106, s1p, 0, 0),
        feat(107, b0wp, 0, 0),
        feat(108, b0w, 0, 0),
        feat(109, b0p, 0, 0),
        feat(110, b1w, b1p, 0),
        feat(111, b1w, 0, 0),
        feat(112, b1p, 0, 0),
        feat(113, b2w, b2p, 0),
        feat(114, b2p, 0, 0),
        feat(115, s2p, 0, 0),
        // Pairs.
        feat(120, s0wp, b0wp, 0),
        feat(121, s0wp, b0w, 0),
        feat(122, s0w, b0wp, 0),
        feat(123, s0wp, b0p, 0),
        feat(124, s0p, b0wp, 0),
        feat(125, s0w, b0w, 0),
        feat(126, s0p, b0p, 0),
        feat(127, b0p, b1p, 0),
        feat(128, s1wp, s0wp, 0),
        feat(129, s1p, s0p, 0),
        feat(130, s1w, s0w, 0),
        feat(131, s1p, s0wp, 0),
        feat(132, s1wp, s0p, 0),
        feat(133, s1w, b0w, 0),
        feat(134, s1p, b0p, 0),
        // Three tags.
        feat(140, b0p, b1p, b2p),
        feat(141, s0p, b0p, b1p),
        feat(142, s1p, s0p, b0p),
        feat(143, s0p, p(s0l1), b0p),
        feat(144, s0p, p(s0r1), b0p),
        feat(145, s0p, b0p, p(b0l1)),
        feat(146, s1p, s0p, p(s0l1)),
        feat(147, s1p, p(s1r1), s0p),
        feat(148, s2p, s1p, s0p),
        feat(149, s1p, s0p, p(s0r1)),
        feat(150, s0w, b0p, b1p),
        feat(151, s0p, b0w, b1p),
        // Distance.
        feat(160, s0w, d, 0),
        feat(161, s0p, d, 0),
        feat(162, b0w, d, 0),
        feat(163, b0p, d, 0),
        feat(164, s0w, b0w, d),
        feat(165, s0p, b0p, d),
        feat(166, s1p, s0p, d1),
        feat(167, s1w, s0w, d1),
        feat(168, s1w, s0p, d1),
        feat(169, s1p, s0w, d1),
        // Valency.
        feat(170, s0w, cnt(&st.nr, s0), 0),
        feat(171, s0p, cnt(&st.nr, s0), 0),
        feat(172, s0w, cnt(&st.nl, s0), 0),
        feat(173, s0p, cnt(&st.nl, s0), 0),
        feat(174, b0w, cnt(&st.nl, b0), 0),
        feat(175, b0p, cnt(&st.nl, b0), 0),
        feat(176, s1p, cnt(&st.nr, s1), 0),
        // Children.
        feat(180, w(s0l1), 0, 0),
        feat(181, p(s0l1), 0, 0),
        feat(182, lab(s0l1), 0, 0),
        feat(183, w(s0r1), 0, 0),
        feat(184, p(s0r1), 0, 0),
        feat(185, lab(s0r1), 0, 0),
        feat(186, w(b0l1), 0, 0),
        feat(187, p(b0l1), 0, 0),
        feat(188, lab(b0l1), 0, 0),
        feat(189, p(s1r1), lab(s1r1), 0),
        feat(190, p(s1l1), lab(s1l1), 0),
        feat(191, w(s0l2), p(s0l2), 0),
        feat(192, lab(s0l2), 0, 0),
        feat(193, w(s0r2), p(s0r2), 0),
        feat(194, lab(s0r2), 0, 0),
        feat(195, w(b0l2), p(b0l2), 0),
        feat(196, lab(b0l2), 0, 0),
        feat(197, s0p, p(s0l1), p(s0l2)),
        feat(198, s0p, p(s0r1), p(s0r2)),
        feat(199, b0p, p(b0l1), p(b0l2)),
        feat(200, s0p, lab(s0l1), lab(s0r1)),
        feat(201, s0w, lab(s0r1), 0),
        feat(202, b0w, lab(b0l1), 0),
        // Label sets.
        feat(210, s0w, set(&st.rset, s0), 0),
        feat(211, s0p, set(&st.rset, s0), 0),
        feat(212, s0w, set(&st.lset, s0), 0),
        feat(213, s0p, set(&st.lset, s0), 0),
        feat(214, b0w, set(&st.lset, b0), 0),
        feat(215, b0p, set(&st.lset, b0), 0),
        feat(216, s1p, set(&st.rset, s1), 0),
        // Clusters.
        feat(220, c(s0), 0, 0),
        feat(221, c(b0), 0, 0),
        feat(222, c(s1), 0, 0),
        feat(223, c(b1), 0, 0),
        feat(224, c(s0), c(b0), 0),
        feat(225, c(s0), b0p, 0),
        feat(226, s0p, c(b0), 0),
        feat(227, c(s1), c(s0), 0),
        feat(228, c(s1), s0p, 0),
        feat(229, s1p, c(s0), 0),
    ]);
}

/// The tag id the features use for a Penn tag.
pub(crate) fn tag_id(x: Xpos) -> u64 {
    0x7A6_0000 + x.index() as u64
}

/// A trained parser.
pub(crate) struct Parser {
    model: Model,
}

/// Reusable parsing buffers.
#[derive(Default)]
pub(crate) struct ParseScratch {
    pub state: State,
    feats: Vec<u32>,
    scores: Vec<i32>,
}

fn best_valid(st: &State, scores: &[i32]) -> usize {
    let mut best = usize::MAX;
    for (c, &s) in scores.iter().enumerate() {
        if (best == usize::MAX || s > scores[best]) && st.valid(c) {
            best = c;
        }
    }
    best
}

impl Parser {
    /// Parses; the heads and labels are left in `scratch.state` (head `n` = root).
    pub(crate) fn parse(&self, toks: &[Token], scratch: &mut ParseScratch) {
        let st = &mut scratch.state;
        st.reset(toks.len());
        scratch.scores.resize(CLASSES, 0);
        while !st.done() {
            // With an empty stack SHIFT is the only move: no need to score it.
            if st.stack.is_empty() {
                st.apply(SHIFT);
                continue;
            }
            features(st, toks, &mut scratch.feats);
            self.model.scores(&scratch.feats, &mut scratch.scores);
            let c = best_valid(st, &scratch.scores);
            st.apply(c);
        }
    }

    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        self.model.write(out);
    }

    pub(crate) fn read(r: &mut Bytes) -> Result<Parser, SyntaxError> {
        let model = Model::read(r)?;
        if model.classes() != CLASSES {
            return Err(SyntaxError::Model(format!(
                "parser has {} classes, this build expects {CLASSES}",
                model.classes()
            )));
        }
        Ok(Parser { model })
    }

    pub(crate) fn features(&self) -> usize {
        self.model.features()
    }

    pub(crate) fn pruned(&self, min: i16) -> (Parser, usize) {
        let (model, saturated) = self.model.pruned(min);
        (Parser { model }, saturated)
    }
}

/// A training sentence: features per word, gold heads (`n` = root) and labels.
pub(crate) struct ParseExample {
    pub toks: Vec<Token>,
    pub heads: Vec<u32>,
    pub labels: Vec<u8>,
}

/// Parser training settings.
#[derive(Debug, Clone, Copy)]
pub(crate) struct ParseConfig {
    pub epochs: usize,
    pub seed: u64,
    /// From this epoch (0-based) on, follow the model's own move...
    pub explore_from: usize,
    /// ...with this probability (in 1/1000).
    pub explore_permille: u64,
    pub scale: f64,
    pub min_abs: f64,
}

pub(crate) fn train(examples: &[ParseExample], cfg: &ParseConfig) -> Parser {
    let mut trainer = Trainer::new(CLASSES);
    let mut order: Vec<usize> = (0..examples.len()).collect();
    let mut rng = Rng(cfg.seed);
    let mut st = State::default();
    let mut feats = Vec::new();
    let mut scores = vec![0; CLASSES];
    let mut gold_heads = Vec::new();
    for epoch in 0..cfg.epochs {
        rng.shuffle(&mut order);
        for &s in &order {
            let ex = &examples[s];
            let n = ex.toks.len();
            gold_heads.clear();
            gold_heads.extend_from_slice(&ex.heads);
            gold_heads.push(NONE);
            st.reset(n);
            while !st.done() {
                features(&st, &ex.toks, &mut feats);
                trainer.scores(&feats, &mut scores);
                let guess = best_valid(&st, &scores);
                let moves = st.move_costs(&gold_heads);
                let s0 = st.s(0);
                let s1 = st.s(1);
                let cost = |c: usize| -> u32 {
                    if !st.valid(c) {
                        return u32::MAX;
                    }
                    if c == SHIFT {
                        return moves[0];
                    }
                    let label = (c - 1) / 2;
                    let (m, head) = if c % 2 == 1 {
                        (moves[1], st.b as u32)
                    } else {
                        (moves[2], s1)
                    };
                    let d = s0 as usize;
                    let wrong_label = gold_heads[d] == head && usize::from(ex.labels[d]) != label;
                    m.saturating_add(u32::from(wrong_label))
                };
                let mut best_cost = u32::MAX;
                let mut best_gold = usize::MAX;
                for c in 0..CLASSES {
                    let k = cost(c);
                    if k < best_cost
                        || (k == best_cost && k != u32::MAX && scores[c] > scores[best_gold])
                    {
                        best_cost = k;
                        best_gold = c;
                    }
                }
                if cost(guess) > best_cost {
                    trainer.update(&feats, best_gold, guess);
                }
                trainer.tick();
                let explore = epoch >= cfg.explore_from && rng.next() % 1000 < cfg.explore_permille;
                st.apply(if explore { guess } else { best_gold });
            }
        }
    }
    Parser {
        model: trainer.average(cfg.scale, cfg.min_abs),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tagger::WordIds;

    fn toks(words: &[&str]) -> Vec<Token> {
        words
            .iter()
            .map(|w| Token {
                word: WordIds::new(w).lower,
                tag: match *w {
                    "the" | "a" => tag_id(Xpos::Dt),
                    "saw" | "ate" => tag_id(Xpos::Vbd),
                    _ => tag_id(Xpos::Nn),
                },
                cluster: 0,
            })
            .collect()
    }

    /// Follows the zero-cost moves for a projective tree and checks it comes out whole.
    #[test]
    fn the_oracle_reaches_a_projective_gold_tree_at_no_cost() {
        // "the dog saw a cat": the→dog, dog→saw, saw=root, a→cat, cat→saw.
        let gold = [1u32, 2, 5, 4, 2, NONE];
        let labels = [
            DepRel::Det,
            DepRel::Nsubj,
            DepRel::Root,
            DepRel::Det,
            DepRel::Obj,
        ];
        let mut st = State::default();
        st.reset(5);
        while !st.done() {
            let moves = st.move_costs(&gold);
            let c = (0..CLASSES)
                .find(|&c| {
                    st.valid(c) && {
                        let m = if c == SHIFT {
                            moves[0]
                        } else {
                            moves[2 - c % 2]
                        };
                        let ok_label = c == SHIFT || {
                            let d = st.s(0) as usize;
                            let head = if c % 2 == 1 { st.b as u32 } else { st.s(1) };
                            gold[d] != head || labels[d] as usize == (c - 1) / 2
                        };
                        m == 0 && ok_label
                    }
                })
                .expect("a zero-cost move exists");
            st.apply(c);
        }
        assert_eq!(&st.heads[..5], &gold[..5]);
        let got: Vec<DepRel> = st.labels[..5]
            .iter()
            .map(|&l| DepRel::ALL[l as usize])
            .collect();
        assert_eq!(got, labels);
    }

    #[test]
    fn an_untrained_parser_still_gives_a_tree() {
        let parser = Parser {
            model: Trainer::new(CLASSES).average(1.0, 0.0),
        };
        let t = toks(&["a", "b", "c", "d"]);
        let mut scratch = ParseScratch::default();
        parser.parse(&t, &mut scratch);
        let heads: Vec<usize> = scratch.state.heads[..4]
            .iter()
            .map(|&h| if h == 4 { 0 } else { h as usize + 1 })
            .collect();
        assert!(crate::is_tree(&heads), "{heads:?}");
        assert_eq!(heads.iter().filter(|&&h| h == 0).count(), 1);
    }

    #[test]
    fn training_learns_a_toy_grammar() {
        let ex = |words: &[&str], heads: &[u32], labels: &[DepRel]| ParseExample {
            toks: toks(words),
            heads: heads.to_vec(),
            labels: labels.iter().map(|l| *l as u8).collect(),
        };
        let (det, sub, root, obj) = (DepRel::Det, DepRel::Nsubj, DepRel::Root, DepRel::Obj);
        let data = vec![
            ex(
                &["the", "dog", "saw", "a", "cat"],
                &[1, 2, 5, 4, 2],
                &[det, sub, root, det, obj],
            ),
            ex(
                &["a", "cat", "saw", "the", "dog"],
                &[1, 2, 5, 4, 2],
                &[det, sub, root, det, obj],
            ),
            ex(
                &["the", "cat", "ate", "the", "fish"],
                &[1, 2, 5, 4, 2],
                &[det, sub, root, det, obj],
            ),
            ex(
                &["a", "bird", "ate", "a", "fish"],
                &[1, 2, 5, 4, 2],
                &[det, sub, root, det, obj],
            ),
        ];
        let cfg = ParseConfig {
            epochs: 10,
            seed: 3,
            explore_from: 1,
            explore_permille: 900,
            scale: 16.0,
            min_abs: 0.0,
        };
        let parser = train(&data, &cfg);
        let mut scratch = ParseScratch::default();
        parser.parse(&toks(&["a", "dog", "ate", "the", "cat"]), &mut scratch);
        assert_eq!(&scratch.state.heads[..5], &[1, 2, 5, 4, 2]);
        assert_eq!(scratch.state.labels[4], obj as u8);
    }
}
