//! Loaders and scorers for readout's external benchmarks.
//!
//! Each task has its own self-contained module; they share only [`EvalError`].
#![deny(missing_docs)]

pub mod html;

use std::path::PathBuf;

/// Why a benchmark could not be loaded. Every variant names the file at fault.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A file or directory could not be read.
    #[error("cannot read {path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A JSON file could not be parsed.
    #[error("cannot parse {path}: {source}")]
    Json {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: serde_json::Error,
    },
    /// A file was readable but its content does not fit the benchmark's format.
    #[error("{path}: {message}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        message: String,
    },
}
