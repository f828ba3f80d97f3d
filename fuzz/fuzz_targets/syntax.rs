//! readout-syntax on arbitrary input: the CoNLL-U reader and the model reader never panic,
//! a treebank read back scores perfectly against itself, and the analysis of any words is a
//! tree with one root.
#![no_main]

use libfuzzer_sys::fuzz_target;
use readout_syntax::{conllu, score, Analyzer};

fuzz_target!(|data: &[u8]| {
    let _ = Analyzer::from_bytes(data);
    let text = String::from_utf8_lossy(data);
    let tb = conllu::parse(&text, "fuzz");
    for s in &tb.sentences {
        assert!(readout_syntax::is_tree(
            &s.words.iter().map(|w| w.head).collect::<Vec<_>>()
        ));
        let mut scores = score::Scores::default();
        let pred = score::Predicted {
            upos: s.words.iter().map(|w| w.upos).collect(),
            xpos: s.words.iter().map(|w| w.xpos).collect(),
            heads: s.words.iter().map(|w| w.head).collect(),
            deprels: s.words.iter().map(|w| w.deprel).collect(),
            lemmas: s.words.iter().map(|w| w.lemma.clone()).collect(),
        };
        scores.add(s, &pred);
        assert_eq!(scores.las, scores.words);
    }
    let words: Vec<&str> = text.split_whitespace().take(200).collect();
    if let Ok(analyzer) = Analyzer::embedded() {
        let a = analyzer.analyse(&words);
        assert_eq!(a.heads.len(), words.len());
        assert!(readout_syntax::is_tree(&a.conll_heads()));
        assert!(words.is_empty() || a.heads.iter().filter(|h| h.is_none()).count() == 1);
    }
});
