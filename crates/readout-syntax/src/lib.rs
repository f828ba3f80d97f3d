//! Part-of-speech tags, lemmas and dependency trees for readout.
//!
//! An averaged-perceptron tagger gives every word a Universal POS tag and a Penn tag, a
//! lexicon with learned suffix rules gives its lemma, and a greedy arc-hybrid transition
//! parser trained with a dynamic oracle gives the labelled Universal Dependencies tree.
//! The model is trained on UD English-EWT and compiled into the binary.
#![deny(missing_docs)]

mod analyzer;
pub mod conllu;
mod parser;
mod perceptron;
pub mod score;
mod tagger;
pub mod train;

pub use analyzer::{Analysis, Analyzer, Workspace};
pub use readout_model::syntax::{DepRel, Upos, Xpos};

/// Why a file, a model or a treebank could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SyntaxError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The cause.
        source: std::io::Error,
    },
    /// A malformed CoNLL-U sentence.
    #[error("{file}:{line}: {message}")]
    Conllu {
        /// The file or other source.
        file: String,
        /// The 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A model file that cannot be used.
    #[error("syntax model: {0}")]
    Model(String),
}

/// Whether CoNLL-style heads (0 = root, else the 1-based head) form a tree: every head in
/// range and every word reaching the root without a cycle.
pub fn is_tree(heads: &[usize]) -> bool {
    let n = heads.len();
    if heads.iter().any(|&h| h > n) {
        return false;
    }
    // 0 = not yet known, 1 = on the current path, 2 = reaches the root.
    let mut state = vec![0u8; n + 1];
    state[0] = 2;
    for start in 1..=n {
        let mut path = Vec::new();
        let mut at = start;
        while state[at] == 0 {
            state[at] = 1;
            path.push(at);
            at = heads[at - 1];
        }
        if state[at] == 1 {
            return false;
        }
        for p in path {
            state[p] = 2;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trees_and_cycles() {
        assert!(is_tree(&[2, 0, 2]));
        assert!(!is_tree(&[2, 1, 0]));
        assert!(!is_tree(&[1]));
        assert!(!is_tree(&[4]));
        assert!(is_tree(&[]));
    }
}
