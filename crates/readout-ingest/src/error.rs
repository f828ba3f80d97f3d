use std::fmt;

/// Where in an input a problem was found: the file, and the line or byte offset when known.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The input file, or `-` for standard input.
    pub path: String,
    /// One-based line number, for line-based formats.
    pub line: Option<u64>,
    /// Byte offset into the (decompressed) input.
    pub offset: Option<u64>,
}

impl Location {
    /// A whole file.
    pub fn file(path: &str) -> Self {
        Location {
            path: path.to_string(),
            line: None,
            offset: None,
        }
    }

    /// A line of a file.
    pub fn line(path: &str, line: u64) -> Self {
        Location {
            path: path.to_string(),
            line: Some(line),
            offset: None,
        }
    }

    /// A byte offset into a file.
    pub fn offset(path: &str, offset: u64) -> Self {
        Location {
            path: path.to_string(),
            line: None,
            offset: Some(offset),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
        }
        if let Some(offset) = self.offset {
            write!(f, " (byte {offset})")?;
        }
        Ok(())
    }
}

/// Everything that can go wrong while reading input. Each error names where it happened.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The input could not be opened or read.
    #[error("{at}: cannot read: {source}")]
    Io {
        /// Where.
        at: Location,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A compressed input ended early or is corrupt; what came before was kept.
    #[error("{at}: compressed data is truncated or corrupt ({source}); articles before this point were kept")]
    Compressed {
        /// Where.
        at: Location,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// One item (a file, a line, a record) is larger than the configured limit.
    #[error("{at}: {what} is larger than the limit of {limit} bytes; skipped")]
    TooLarge {
        /// Where.
        at: Location,
        /// What was too large ("the file", "the line").
        what: &'static str,
        /// The limit in bytes.
        limit: usize,
    },
    /// The input looks binary, not text.
    #[error("{at}: looks like a binary file (NUL bytes), not text; skipped")]
    Binary {
        /// Where.
        at: Location,
    },
    /// The input holds no text at all.
    #[error("{at}: empty input; no article")]
    Empty {
        /// Where.
        at: Location,
    },
    /// The input is not valid UTF-8; it was decoded with replacement characters.
    #[error("{at}: invalid UTF-8; decoded with U+FFFD replacement characters")]
    InvalidUtf8 {
        /// Where, with the offset of the first invalid byte.
        at: Location,
    },
    /// A JSONL line is not a JSON object of the expected shape.
    #[error("{at}: {message}; line skipped")]
    Json {
        /// Where.
        at: Location,
        /// What is wrong.
        message: String,
    },
    /// An HTML page could not be turned into an article.
    #[error("{at}: HTML: {message}")]
    Html {
        /// Where.
        at: Location,
        /// What is wrong.
        message: String,
    },
    /// A feed could not be parsed.
    #[error("{at}: feed: {message}")]
    Feed {
        /// Where.
        at: Location,
        /// What is wrong.
        message: String,
    },
    /// A WARC file is malformed or truncated; records before this point were kept.
    #[error("{at}: WARC: {message}")]
    Warc {
        /// Where.
        at: Location,
        /// What is wrong.
        message: String,
    },
    /// A date could not be understood; the article was kept without it.
    #[error("{at}: cannot understand the date {value:?}; kept the article without it")]
    Date {
        /// Where.
        at: Location,
        /// The date as given.
        value: String,
    },
    /// A field of an item has the wrong type; the item was kept without that field.
    #[error("{at}: the field \"{field}\" is {found}, not {wanted}; kept the article without it")]
    Field {
        /// Where.
        at: Location,
        /// The field's name.
        field: String,
        /// The JSON type it has ("a number").
        found: &'static str,
        /// The type it should have ("a string").
        wanted: &'static str,
    },
    /// An item's text is empty or only white space: there is nothing to analyse.
    #[error("{at}: {what}; no article")]
    Blank {
        /// Where.
        at: Location,
        /// What is empty ("the text is empty or blank").
        what: String,
    },
    /// An article's text is longer than the pipeline analyses; the rest is kept in the
    /// record but has no sentences, entities, quotations, times or events.
    #[error("{at}: the text is {bytes} bytes, more than the {limit} the pipeline analyses (max_analysed_bytes); only its first {analysed} bytes were analysed, the whole text is kept")]
    Cut {
        /// Where.
        at: Location,
        /// The text's length in bytes.
        bytes: usize,
        /// The setting's value.
        limit: usize,
        /// How many bytes were analysed.
        analysed: usize,
    },
    /// The input was read but yielded no article.
    #[error("{at}: {what}; no article")]
    NoArticles {
        /// Where.
        at: Location,
        /// Why ("a feed with no items").
        what: String,
    },
}

impl IngestError {
    /// Where the problem was found.
    pub fn location(&self) -> &Location {
        match self {
            IngestError::Io { at, .. }
            | IngestError::Compressed { at, .. }
            | IngestError::TooLarge { at, .. }
            | IngestError::Binary { at }
            | IngestError::Empty { at }
            | IngestError::InvalidUtf8 { at }
            | IngestError::Json { at, .. }
            | IngestError::Html { at, .. }
            | IngestError::Feed { at, .. }
            | IngestError::Warc { at, .. }
            | IngestError::Date { at, .. }
            | IngestError::Field { at, .. }
            | IngestError::Blank { at, .. }
            | IngestError::Cut { at, .. }
            | IngestError::NoArticles { at, .. } => at,
        }
    }

    /// Whether the problem lost input (an error) or only degraded it (a warning): an invalid
    /// byte replaced, a date not understood, an empty feed.
    pub fn severity(&self) -> Severity {
        match self {
            IngestError::InvalidUtf8 { .. }
            | IngestError::Date { .. }
            | IngestError::Field { .. }
            | IngestError::Blank { .. }
            | IngestError::Cut { .. }
            | IngestError::Empty { .. }
            | IngestError::NoArticles { .. } => Severity::Warning,
            _ => Severity::Error,
        }
    }
}

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    /// Input was degraded but nothing was lost.
    Warning,
    /// Some input was skipped.
    Error,
}
