//! Reported speech and other attributions read from the dependency parse.
//!
//! Where the syntax stage parsed a sentence, a cue verb's subject is the source (with its
//! appositions and relative clauses, as the subject's subtree holds them) and its complement
//! is the content: the clausal complement of a verb of saying ("said [that] ..."), the
//! clause a parenthetical frame is attached to ("..., the minister said"), or, for the
//! attribution verbs of `data/attribution_cues.txt`, the object and what follows it
//! ("accused [the agency of hiding data]", "called for [a ban]"). The parse gives the
//! boundaries the token rules guess: the content ends where the complement ends, and the
//! source may be far from the verb ("Pressed by reporters, Lee said ...", "Ann Lee, who
//! chairs the panel, said ...").

use readout_model::{CueKind, DepRel, Upos};

use crate::lexicon;
use crate::{Cue, Doc, Draft, Form};

/// A cue read on the parse.
struct ParsedCue {
    cue: Cue,
    kind: CueKind,
    /// The preposition an attribution verb's complement starts with ("call for").
    prep: Option<&'static str>,
    /// A weak speech cue ("learned", "posted") introduces a statement only with "that".
    needs_that: bool,
}

/// The parse of one article's tokens, arranged for the rules below. Only parsed sentences
/// take memory, so that a long article with few parsed sentences costs little.
pub(crate) struct Tree {
    /// Whether each sentence was parsed (it has a root).
    pub(crate) parsed: Vec<bool>,
    /// The parsed sentences' token ranges, in text order.
    ranges: Vec<(usize, usize)>,
    /// For each parsed sentence: for each of its tokens, the token range of its subtree;
    /// where each token's dependents start in `kids` (one more entry than tokens); and the
    /// dependents, token by token in text order.
    trees: Vec<SentenceTree>,
}

struct SentenceTree {
    sub: Vec<(u32, u32)>,
    starts: Vec<u32>,
    kids: Vec<u32>,
}

impl Tree {
    /// Arranges `syntax` (one entry per token, or none at all) by sentence.
    pub(crate) fn new(
        doc_tokens: usize,
        sentences: &[(usize, usize)],
        syntax: &[readout_model::TokenSyntax],
    ) -> Tree {
        let mut tree = Tree {
            parsed: vec![false; sentences.len()],
            ranges: Vec::new(),
            trees: Vec::new(),
        };
        if syntax.len() != doc_tokens {
            return tree;
        }
        for (s, &(lo, hi)) in sentences.iter().enumerate() {
            tree.parsed[s] = (lo..hi).any(|i| syntax[i].deprel == DepRel::Root);
            if !tree.parsed[s] {
                continue;
            }
            let mut sub: Vec<(u32, u32)> = (lo..hi).map(|i| (i as u32, i as u32 + 1)).collect();
            let head = |t: usize| syntax[t].head.filter(|h| (lo..hi).contains(h));
            let mut starts = vec![0u32; hi - lo + 1];
            for t in lo..hi {
                if let Some(h) = head(t) {
                    starts[h - lo + 1] += 1;
                }
            }
            for k in 1..starts.len() {
                starts[k] += starts[k - 1];
            }
            let mut kids = vec![0u32; starts[hi - lo] as usize];
            let mut fill: Vec<u32> = starts[..hi - lo].to_vec();
            for t in lo..hi {
                if let Some(h) = head(t) {
                    kids[fill[h - lo] as usize] = t as u32;
                    fill[h - lo] += 1;
                }
                // Every ancestor's subtree reaches `t`; the walk is bounded by the
                // sentence's length, so a cycle in a damaged parse cannot loop.
                let mut up = syntax[t].head;
                let mut steps = 0;
                while let Some(a) = up.filter(|a| (lo..hi).contains(a)) {
                    let slot = &mut sub[a - lo];
                    slot.0 = slot.0.min(t as u32);
                    slot.1 = slot.1.max(t as u32 + 1);
                    steps += 1;
                    if steps > hi - lo {
                        break;
                    }
                    up = syntax[a].head;
                }
            }
            tree.ranges.push((lo, hi));
            tree.trees.push(SentenceTree { sub, starts, kids });
        }
        tree
    }

    /// The parsed sentence holding token `i`, and `i`'s place in it.
    fn locate(&self, i: usize) -> Option<(usize, usize)> {
        let k = self.ranges.partition_point(|&(_, hi)| hi <= i);
        let (lo, hi) = *self.ranges.get(k)?;
        (lo..hi).contains(&i).then_some((k, i - lo))
    }

    /// The token range of `i`'s subtree (`i..i + 1` outside parsed sentences).
    pub(crate) fn sub(&self, i: usize) -> (usize, usize) {
        self.locate(i).map_or((i, i + 1), |(k, j)| {
            let (a, b) = self.trees[k].sub[j];
            (a as usize, b as usize)
        })
    }

    /// The dependents of token `i`, in text order.
    pub(crate) fn children(&self, i: usize) -> Vec<usize> {
        self.locate(i).map_or_else(Vec::new, |(k, j)| {
            let t = &self.trees[k];
            let (a, b) = (t.starts[j] as usize, t.starts[j + 1] as usize);
            t.kids[a..b].iter().map(|&c| c as usize).collect()
        })
    }
}

/// An attribution verb of `data/attribution_cues.txt`: the lemma and, when the complement
/// must start with one, its preposition.
pub(crate) fn attribution_entry(lemma: &str, prep: Option<&str>) -> Option<Option<&'static str>> {
    lexicon::attribution_preps(lemma).and_then(|preps| {
        // A verb listed both bare and with prepositions takes the prepositional reading
        // when its complement has that preposition.
        if let Some(p) = prep {
            if let Some(found) = preps.iter().flatten().find(|&&q| q == p) {
                return Some(Some(*found));
            }
        }
        preps.iter().any(Option::is_none).then_some(None)
    })
}

impl Doc<'_> {
    fn deprel(&self, i: usize) -> DepRel {
        self.syntax.get(i).map_or(DepRel::Dep, |t| t.deprel)
    }

    fn upos(&self, i: usize) -> Upos {
        self.syntax.get(i).map_or(Upos::X, |t| t.upos)
    }

    fn child(&self, v: usize, rels: &[DepRel]) -> Option<usize> {
        self.tree
            .children(v)
            .into_iter()
            .find(|&c| rels.contains(&self.deprel(c)))
    }

    /// The token range of `i`'s subtree without punctuation at its edges.
    fn phrase(&self, i: usize) -> (usize, usize) {
        let (mut a, b) = self.tree.sub(i);
        while a + 1 < b
            && self.tokens[a].kind == readout_model::TokenKind::Punct
            && self.region_of(a).is_none()
        {
            a += 1;
        }
        self.phrase_end(a, b)
    }

    /// The subject of verb `v`: its own, or that of the verb it is coordinated with or
    /// subordinated to (", saying ...", "wants to ...", "... and added that ...").
    fn parsed_source(&self, v: usize) -> Option<(usize, usize)> {
        let mut at = v;
        for _ in 0..3 {
            if let Some(n) = self.child(at, &[DepRel::Nsubj, DepRel::NsubjOuter]) {
                // Two subjects of one verb are a parse gone wrong ("A quake struck ...,
                // killing four, officials said" with both "quake" and "officials").
                let subjects = self
                    .tree
                    .children(at)
                    .into_iter()
                    .filter(|&c| matches!(self.deprel(c), DepRel::Nsubj | DepRel::NsubjOuter))
                    .count();
                if subjects > 1 {
                    return None;
                }
                if matches!(
                    self.upos(n),
                    Upos::Noun | Upos::Propn | Upos::Pron | Upos::Num | Upos::Det | Upos::Adj
                ) {
                    return Some(self.phrase(n));
                }
                return None;
            }
            if let Some(agent) = self.child(at, &[DepRel::OblAgent]) {
                let (a, b) = self.phrase(agent);
                let a = if self.w(a) == "by" { a + 1 } else { a };
                return (a < b).then_some((a, b));
            }
            match self.deprel(at) {
                DepRel::Conj | DepRel::Xcomp | DepRel::Advcl => {
                    at = self.syntax[at].head?;
                }
                _ => return None,
            }
        }
        None
    }

    /// The speech or attribution cue at verb token `v` of a parsed sentence: the cue, its
    /// kind, the preposition its complement starts with, and whether the content must be
    /// a clause opened by "that" (a weak speech cue that is no attribution verb).
    fn parsed_cue(&self, v: usize, hi: usize) -> Option<ParsedCue> {
        if self.region_of(v).is_some() || !matches!(self.upos(v), Upos::Verb) {
            return None;
        }
        let lemma = self.syntax[v].lemma.to_lowercase();
        // A particle makes another verb ("call off", "point out"): unless the list names it,
        // the verb is no attribution verb.
        let particle = self
            .tree
            .children(v)
            .into_iter()
            .find(|&c| self.deprel(c) == DepRel::CompoundPrt)
            .map(|c| self.w(c).to_string());
        let prep = self
            .tree
            .children(v)
            .into_iter()
            .filter(|&c| matches!(self.deprel(c), DepRel::Obl | DepRel::CompoundPrt))
            .find_map(|c| {
                if self.deprel(c) == DepRel::CompoundPrt {
                    return Some(self.w(c).to_string());
                }
                self.tree
                    .children(c)
                    .iter()
                    .copied()
                    .find(|&k| self.deprel(k) == DepRel::Case)
                    .map(|k| self.w(k).to_string())
            });
        // A capitalised attribution verb is a name or a headline's word, whose parse is
        // not to be trusted ("Researchers Condemn Funding Cuts").
        let listed_particle = particle.as_deref().is_none_or(|p| {
            lexicon::attribution_preps(&lemma)
                .is_some_and(|preps| preps.iter().flatten().any(|&q| q == p))
        });
        let entry = attribution_entry(&lemma, prep.as_deref())
            .filter(|_| !self.is_cap(v) && listed_particle);
        if let Some(cue) = self.cue_at(v, hi) {
            if cue.form == Form::AccordingTo || cue.form == Form::QuotedAs {
                return None;
            }
            if cue.class == lexicon::CueClass::Weak {
                return Some(match entry {
                    Some(prep) => ParsedCue {
                        cue,
                        kind: CueKind::Other,
                        prep,
                        needs_that: false,
                    },
                    None => ParsedCue {
                        cue,
                        kind: CueKind::Speech,
                        prep: None,
                        needs_that: true,
                    },
                });
            }
            return Some(ParsedCue {
                cue,
                kind: CueKind::Speech,
                prep: None,
                needs_that: false,
            });
        }
        let prep = entry?;
        let cue = self.verb_cue(v, v + 1, lexicon::CueClass::Strong);
        Some(ParsedCue {
            cue,
            kind: CueKind::Other,
            prep,
            needs_that: false,
        })
    }

    /// The content of a cue at `v`: its clausal complement, the clause its parenthetical
    /// frame interrupts, or (for attribution verbs) its complements.
    fn parsed_content(
        &self,
        v: usize,
        kind: CueKind,
        prep: Option<&str>,
    ) -> Option<(usize, usize)> {
        // A clausal complement after the verb is the content; one before it only when
        // nothing after the verb is a clause ("Pressed by reporters, Lee said there was
        // ..." may come out with the participle as the complement).
        let kids = &self.tree.children(v);
        let ccomp = kids
            .iter()
            .copied()
            .filter(|&c| self.deprel(c) == DepRel::Ccomp)
            .max_by_key(|&c| c > v);
        let clause_after = kids.iter().copied().any(|c| {
            c > v
                && matches!(
                    self.deprel(c),
                    DepRel::Parataxis | DepRel::Advcl | DepRel::Obj
                )
                && self.upos(c) == Upos::Verb
        });
        if let Some(c) = ccomp.filter(|&c| c > v || !clause_after) {
            let (a, b) = self.phrase(c);
            return Some(self.clause_end(a, b));
        }
        if ccomp.is_some() {
            let c = kids.iter().copied().find(|&c| {
                c > v
                    && matches!(
                        self.deprel(c),
                        DepRel::Parataxis | DepRel::Advcl | DepRel::Obj
                    )
                    && self.upos(c) == Upos::Verb
            })?;
            let (a, b) = self.phrase(c);
            return Some(self.clause_end(a, b));
        }
        // "The closure was confirmed by the ministry": the passive subject is what was
        // stated, the agent (the source) says it.
        if let (Some(subject), Some(_)) = (
            self.child(v, &[DepRel::NsubjPass]),
            self.child(v, &[DepRel::OblAgent]),
        ) {
            if kind == CueKind::Speech {
                return Some(self.phrase(subject));
            }
        }
        if kind == CueKind::Speech {
            // "..., the minister said." / "The plan, officials said, was ...": the frame
            // hangs from the clause it reports.
            if matches!(self.deprel(v), DepRel::Parataxis) {
                let h = self.syntax[v].head?;
                let (a, b) = self.phrase(h);
                let (fa, fb) = self.tree.sub(v);
                if fa > a {
                    let mut end = fa;
                    while end > a && matches!(self.raw(end - 1), "," | "—" | "-" | "–") {
                        end -= 1;
                    }
                    let inserted = (fb..b).any(|k| self.is_word(k));
                    return Some(if inserted { (a, b) } else { (a, end) });
                }
                return None;
            }
            if let Some(x) = self.child(v, &[DepRel::Xcomp]) {
                return Some(self.phrase(x));
            }
            return None;
        }
        // Attribution verbs: from the first complement to the end of what follows it,
        // stopping at a new clause (a comma, a conjunction, a parenthetical).
        let complements: &[DepRel] = &[
            DepRel::Obj,
            DepRel::Iobj,
            DepRel::Xcomp,
            DepRel::Ccomp,
            DepRel::Obl,
        ];
        let kids = &self.tree.children(v);
        let first = kids.iter().copied().filter(|&c| c > v).find(|&c| {
            let rel = self.deprel(c);
            if let Some(p) = prep {
                rel == DepRel::Obl
                    && self
                        .tree
                        .children(c)
                        .iter()
                        .any(|&k| self.deprel(k) == DepRel::Case && self.w(k) == p)
            } else {
                complements.contains(&rel) && rel != DepRel::Obl
            }
        })?;
        let (mut a, mut b) = self.phrase(first);
        if prep.is_some() && self.deprel(a) == DepRel::Case {
            a += 1;
        }
        for &c in kids.iter().filter(|&&c| c > first) {
            let rel = self.deprel(c);
            let (ca, cb) = self.tree.sub(c);
            let after_comma = ca > 0 && matches!(self.raw(ca - 1), "," | ";" | "—");
            if matches!(rel, DepRel::Punct) {
                continue;
            }
            if matches!(rel, DepRel::Conj | DepRel::Cc | DepRel::Parataxis) || after_comma || ca < b
            {
                break;
            }
            b = cb;
        }
        let (_, b) = self.phrase_end(a, b);
        Some((a, b))
    }

    /// The reported clause headed by `c` over `a..b`, ending before a semicolon outside
    /// quotation marks ("... they were willing to switch; 62 percent of those were ..."),
    /// which starts a sentence of the writer's own.
    fn clause_end(&self, a: usize, b: usize) -> (usize, usize) {
        let end = (a..b)
            .find(|&k| self.raw(k) == ";" && self.region_of(k).is_none())
            .unwrap_or(b);
        self.phrase_end(a, end)
    }

    /// `a..b` without punctuation outside quotation marks at its end.
    fn phrase_end(&self, a: usize, mut b: usize) -> (usize, usize) {
        while b > a + 1
            && self.tokens[b - 1].kind == readout_model::TokenKind::Punct
            && self.region_of(b - 1).is_none()
        {
            b -= 1;
        }
        (a, b)
    }

    /// Reported speech and attributions of parsed sentence `s`.
    pub(crate) fn parsed_reported(
        &self,
        s: usize,
        drafts: &mut Vec<Draft>,
        used: &mut [bool],
        attributed: &mut [bool],
    ) {
        let (lo, hi) = self.bounds(s);
        for v in lo..hi {
            if used[v] {
                continue;
            }
            let Some(ParsedCue {
                cue,
                kind,
                prep,
                needs_that,
            }) = self.parsed_cue(v, hi)
            else {
                continue;
            };
            // "CONTENT, the agency said.": the token rules read a final frame more surely
            // than a parse of the long clause before it.
            if kind == CueKind::Speech {
                let end = self.trimmed_end(lo, hi);
                if let Some(mut d) = self.frame_at_end(&cue, lo, end) {
                    used[cue.start..cue.end].iter_mut().for_each(|u| *u = true);
                    self.classify(&mut d, attributed);
                    d.sentence = s;
                    drafts.push(d);
                    continue;
                }
            }
            let Some((a, b)) = self.parsed_content(v, kind, prep) else {
                continue;
            };
            if needs_that && !(self.w(a) == "that" || self.region_of(a).is_some()) {
                continue;
            }
            let words = (a..b).filter(|&k| self.is_word(k)).count();
            if words < 2 || (a..b).contains(&v) {
                continue;
            }
            let Some(mut source) = self.parsed_source(v) else {
                continue;
            };
            // A name the parse split ("Finance [Minister Ann Lee] said" with "Finance" as
            // the subject): the capitalised words up to the cue belong to the source.
            if source.1 < cue.start
                && (source.1..cue.start).all(|k| self.is_cap(k) || self.entity_at(k).is_some())
            {
                source.1 = cue.start;
            }
            // A source inside the content is a parse gone wrong.
            if source.0 < b && a < source.1 {
                continue;
            }
            // The frame runs from the speaker or the cue to the content, or to the end of
            // the verb's phrase when the content comes first.
            let from = source.0.min(cue.start);
            let to = if a > v {
                a
            } else {
                self.tree.sub(v).1.max(source.1).min(hi)
            };
            let relays = self.relays(from, to, &cue);
            let mut d = Draft::reported(self.span(a, b), source, (cue.start, cue.end), relays);
            d.cue_kind = kind;
            used[cue.start..cue.end].iter_mut().for_each(|u| *u = true);
            self.classify(&mut d, attributed);
            d.sentence = s;
            drafts.push(d);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use readout_model::{TokenSyntax, Xpos};

    fn tok(head: Option<usize>, deprel: DepRel) -> TokenSyntax {
        TokenSyntax {
            upos: Upos::X,
            xpos: Xpos::Xx,
            lemma: String::new(),
            head,
            deprel,
        }
    }

    #[test]
    fn subtrees_and_dependents_follow_the_heads() {
        // "Lee said it rained ." : said is the root; Lee and rained hang from it, it from
        // rained. The second sentence (one token) is not parsed.
        let syntax = vec![
            tok(Some(1), DepRel::Nsubj),
            tok(None, DepRel::Root),
            tok(Some(3), DepRel::Nsubj),
            tok(Some(1), DepRel::Ccomp),
            tok(Some(1), DepRel::Punct),
            tok(None, DepRel::Dep),
        ];
        let tree = Tree::new(6, &[(0, 5), (5, 6)], &syntax);
        assert_eq!(tree.parsed, [true, false]);
        assert_eq!(tree.sub(1), (0, 5));
        assert_eq!(tree.sub(3), (2, 4));
        assert_eq!(tree.sub(0), (0, 1));
        assert_eq!(tree.children(1), [0, 3, 4]);
        assert_eq!(tree.children(3), [2]);
        assert_eq!(tree.sub(5), (5, 6));
        assert!(tree.children(5).is_empty());
    }

    #[test]
    fn a_damaged_parse_neither_loops_nor_reaches_outside_its_sentence() {
        // Tokens 0 and 1 are each other's head, and token 2 points past the sentence.
        let syntax = vec![
            tok(Some(1), DepRel::Dep),
            tok(Some(0), DepRel::Dep),
            tok(Some(9), DepRel::Dep),
            tok(None, DepRel::Root),
        ];
        let tree = Tree::new(4, &[(0, 4)], &syntax);
        assert_eq!(tree.sub(0), (0, 2));
        assert_eq!(tree.sub(2), (2, 3));
        // A parse of the wrong length is no parse.
        let none = Tree::new(5, &[(0, 5)], &syntax);
        assert_eq!(none.parsed, [false]);
        assert_eq!(none.sub(3), (3, 4));
    }

    #[test]
    fn attribution_verbs_take_their_listed_prepositions() {
        assert_eq!(attribution_entry("accuse", None), Some(None));
        assert_eq!(attribution_entry("call", Some("for")), Some(Some("for")));
        // "call" is listed bare as well: another preposition gives the bare reading.
        assert_eq!(attribution_entry("call", Some("in")), Some(None));
        // "point" is listed only with "to".
        assert_eq!(attribution_entry("point", None), None);
        assert_eq!(attribution_entry("want", None), None);
    }
}
