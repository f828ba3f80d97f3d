//! Whatever the words, the analysis is a tree over exactly those words: one head per word,
//! exactly one root, no cycles, and one tag, lemma and relation per word.

use proptest::prelude::*;
use readout_syntax::{Analyzer, DepRel};

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-z]{1,9}",
        "[A-Z][a-z]{0,8}",
        "[0-9]{1,4}",
        prop::sample::select(vec![
            ".", ",", "\"", "'s", "n't", "-", "(", ")", "’", "U.S.", "the", "said", "that"
        ])
        .prop_map(str::to_string),
        "\\PC{1,4}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn every_parse_is_a_tree(words in prop::collection::vec(word(), 0..60)) {
        let analyzer = Analyzer::embedded().expect("the embedded model loads");
        let refs: Vec<&str> = words.iter().map(String::as_str).collect();
        let a = analyzer.analyse(&refs);
        let n = words.len();
        prop_assert_eq!(a.upos.len(), n);
        prop_assert_eq!(a.xpos.len(), n);
        prop_assert_eq!(a.lemmas.len(), n);
        prop_assert_eq!(a.deprels.len(), n);
        prop_assert_eq!(a.heads.len(), n);
        let roots: Vec<usize> = (0..n).filter(|&i| a.heads[i].is_none()).collect();
        if n > 0 {
            prop_assert_eq!(roots.len(), 1);
            prop_assert_eq!(a.deprels[roots[0]], DepRel::Root);
        }
        for (i, h) in a.heads.iter().enumerate() {
            if let Some(h) = h {
                prop_assert!(*h < n && *h != i);
                prop_assert!(a.deprels[i] != DepRel::Root);
            }
        }
        prop_assert!(readout_syntax::is_tree(&a.conll_heads()));
    }
}
