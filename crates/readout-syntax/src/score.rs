//! The CoNLL 2018 shared-task measures on gold tokenisation: UPOS accuracy, UAS and LAS over
//! every syntactic word, punctuation included. As in the shared task's script, LAS compares
//! the universal part of the relation only (`nsubj:pass` counts as `nsubj`); the stricter
//! figure with subtypes is given beside it.

use std::collections::BTreeMap;

use crate::{DepRel, Upos, Xpos};

/// A system's output for one sentence, word for word with the gold sentence.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Predicted {
    /// UPOS per word.
    pub upos: Vec<Upos>,
    /// XPOS per word.
    pub xpos: Vec<Xpos>,
    /// Heads, as in CoNLL-U: 0 for the root, else the 1-based head.
    pub heads: Vec<usize>,
    /// Relations.
    pub deprels: Vec<DepRel>,
    /// Lemmas (may be empty when a system gives none).
    pub lemmas: Vec<String>,
}

/// Counts for one gold relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct RelationCounts {
    /// Gold words with this relation.
    pub gold: usize,
    /// Predicted words with this relation.
    pub predicted: usize,
    /// Words with the right head and this relation in both.
    pub correct: usize,
}

impl RelationCounts {
    /// Correct over gold.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    /// Correct over predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    /// Harmonic mean of precision and recall: the per-relation LAS.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// Accumulated counts over a test set.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Scores {
    /// Words scored.
    pub words: usize,
    /// Sentences scored.
    pub sentences: usize,
    /// Sentences skipped because the prediction had another length.
    pub mismatched: usize,
    /// Words with the right UPOS.
    pub upos: usize,
    /// Words with the right XPOS.
    pub xpos: usize,
    /// Words with the right lemma.
    pub lemma: usize,
    /// Words with the right head.
    pub uas: usize,
    /// Words with the right head and universal relation.
    pub las: usize,
    /// Words with the right head and full relation, subtype included.
    pub las_full: usize,
    /// Per gold relation (full, with subtypes).
    pub per_relation: BTreeMap<DepRel, RelationCounts>,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl Scores {
    /// Adds one sentence. A prediction of another length than the gold is counted in
    /// `mismatched` and scored as all wrong, so that it cannot raise a score.
    pub fn add(&mut self, gold: &crate::conllu::Sentence, pred: &Predicted) {
        let n = gold.words.len();
        self.sentences += 1;
        self.words += n;
        let same = |len: usize| len == n;
        if !(same(pred.upos.len())
            && same(pred.xpos.len())
            && same(pred.heads.len())
            && same(pred.deprels.len()))
        {
            self.mismatched += 1;
            for w in &gold.words {
                self.per_relation.entry(w.deprel).or_default().gold += 1;
            }
            return;
        }
        for (i, w) in gold.words.iter().enumerate() {
            self.upos += usize::from(pred.upos[i] == w.upos);
            self.xpos += usize::from(pred.xpos[i] == w.xpos);
            if pred.lemmas.len() == n {
                self.lemma += usize::from(pred.lemmas[i] == w.lemma);
            }
            let head_ok = pred.heads[i] == w.head;
            self.uas += usize::from(head_ok);
            self.las += usize::from(head_ok && pred.deprels[i].universal() == w.deprel.universal());
            let full = head_ok && pred.deprels[i] == w.deprel;
            self.las_full += usize::from(full);
            let g = self.per_relation.entry(w.deprel).or_default();
            g.gold += 1;
            g.correct += usize::from(full);
            self.per_relation
                .entry(pred.deprels[i])
                .or_default()
                .predicted += 1;
        }
    }

    /// UPOS accuracy.
    pub fn upos_accuracy(&self) -> f64 {
        ratio(self.upos, self.words)
    }
    /// XPOS accuracy.
    pub fn xpos_accuracy(&self) -> f64 {
        ratio(self.xpos, self.words)
    }
    /// Lemma accuracy.
    pub fn lemma_accuracy(&self) -> f64 {
        ratio(self.lemma, self.words)
    }
    /// Unlabelled attachment score.
    pub fn uas(&self) -> f64 {
        ratio(self.uas, self.words)
    }
    /// Labelled attachment score (universal relations, as CoNLL 2018).
    pub fn las(&self) -> f64 {
        ratio(self.las, self.words)
    }
    /// Labelled attachment score with relation subtypes.
    pub fn las_full(&self) -> f64 {
        ratio(self.las_full, self.words)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::conllu;

    fn gold() -> conllu::Sentence {
        let text = "1\tShe\tshe\tPRON\tPRP\t_\t2\tnsubj:pass\t_\t_\n\
                    2\twas\tbe\tAUX\tVBD\t_\t0\troot\t_\t_\n\
                    3\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_\n";
        conllu::parse(text, "t").sentences.remove(0)
    }

    #[test]
    fn measures_count_heads_labels_and_punctuation() {
        let mut s = Scores::default();
        let pred = Predicted {
            upos: vec![Upos::Pron, Upos::Verb, Upos::Punct],
            xpos: vec![Xpos::Prp, Xpos::Vbd, Xpos::Period],
            heads: vec![2, 0, 1],
            deprels: vec![DepRel::Nsubj, DepRel::Root, DepRel::Punct],
            lemmas: vec!["she".into(), "be".into(), ".".into()],
        };
        s.add(&gold(), &pred);
        assert_eq!(s.words, 3);
        assert!((s.upos_accuracy() - 2.0 / 3.0).abs() < 1e-9);
        assert_eq!(s.xpos, 3);
        assert_eq!(s.lemma, 3);
        assert_eq!(s.uas, 2);
        // nsubj for nsubj:pass is right in universal LAS and wrong with subtypes.
        assert_eq!(s.las, 2);
        assert_eq!(s.las_full, 1);
        let np = s.per_relation[&DepRel::NsubjPass];
        assert_eq!((np.gold, np.predicted, np.correct), (1, 0, 0));
        assert_eq!(s.per_relation[&DepRel::Nsubj].predicted, 1);
        assert_eq!(s.per_relation[&DepRel::Root].f1(), 1.0);
    }

    #[test]
    fn a_prediction_of_another_length_scores_nothing() {
        let mut s = Scores::default();
        s.add(&gold(), &Predicted::default());
        assert_eq!((s.words, s.mismatched, s.uas), (3, 1, 0));
    }
}
