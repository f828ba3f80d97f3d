//! Loaders and scorers for readout's external benchmarks.
//!
//! Every task has a module of its own with the same shape: a gold document type that is also
//! the task's plain JSONL format (so predictions and gold share one reader), a `load`
//! function that recognises the native data set and the plain format, and a `score`
//! function that compares predictions with gold, document by document, matched by id. The
//! pieces every task needs live here: [`Counts`] for precision and recall, [`align_by_id`],
//! the JSONL reader and writer, and [`TaskReport`], the one result type the command prints.
//!
//! # Conventions shared by every scorer
//!
//! * Precision is `tp / predicted` and recall `tp / gold`. With nothing predicted,
//!   precision is 1 when nothing was expected either and 0 otherwise; recall is the mirror
//!   image. F1 is `2PR / (P + R)`, and 0 when both are 0. So an empty prediction for an
//!   empty gold set scores 1, and an empty prediction for a non-empty one scores 0.
//! * An accuracy over no items is `None` (printed `n/a`, JSON `null`), never 0 or 1.
//! * A predicted document whose id is not in the gold set is reported, not scored; a gold
//!   document with no prediction is scored as if nothing was predicted for it.
#![deny(missing_docs)]

pub mod events;
pub mod html;
pub mod ner;
pub mod quotes;
pub mod stories;
pub mod syntax;
pub mod times;

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::Serialize;

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
    /// One line of a line-oriented file (JSONL, CoNLL, BRAT) does not fit its format.
    #[error("{path}:{line}: {message}")]
    Line {
        /// The file.
        path: PathBuf,
        /// The line, counted from 1.
        line: usize,
        /// What is wrong with it.
        message: String,
    },
}

impl EvalError {
    /// An [`EvalError::Io`] for `path`.
    pub fn io(path: &Path, source: std::io::Error) -> Self {
        EvalError::Io {
            path: path.to_path_buf(),
            source,
        }
    }

    /// An [`EvalError::Format`] for `path`.
    pub fn format(path: &Path, message: impl Into<String>) -> Self {
        EvalError::Format {
            path: path.to_path_buf(),
            message: message.into(),
        }
    }

    /// An [`EvalError::Line`] for `path` at `line` (from 1).
    pub fn line(path: &Path, line: usize, message: impl Into<String>) -> Self {
        EvalError::Line {
            path: path.to_path_buf(),
            line,
            message: message.into(),
        }
    }
}

/// A named set of gold documents: one file of a benchmark, or one split of it.
#[derive(Debug)]
pub struct Dataset<D> {
    /// A short name for tables, such as `conll2003/conllpp_test` or `polnear/dev`.
    pub name: String,
    /// The documents, in the order of the source.
    pub documents: Vec<D>,
    /// Parts of the source that could not be read and were left out, each naming the file
    /// and line. Most loaders refuse a whole file over one fault and leave this empty; a
    /// loader whose units stand alone (the sentences of a treebank) drops the faulty unit,
    /// reads on, and says here what it dropped, so that the caller can report it and still
    /// score the rest.
    pub problems: Vec<EvalError>,
}

/// Matches and totals, from which precision, recall and F1 follow (see the crate
/// documentation for the empty cases).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Predicted items that match a gold item (one-to-one).
    pub tp: usize,
    /// Items predicted.
    pub predicted: usize,
    /// Items in the gold set.
    pub gold: usize,
}

impl Counts {
    /// Counts with these totals.
    pub fn new(tp: usize, predicted: usize, gold: usize) -> Self {
        Counts {
            tp,
            predicted,
            gold,
        }
    }

    /// Adds another set of counts to this one.
    pub fn add(&mut self, other: Counts) {
        self.tp += other.tp;
        self.predicted += other.predicted;
        self.gold += other.gold;
    }

    /// `tp / predicted`; 1 when nothing was predicted and nothing expected, else 0 when
    /// nothing was predicted.
    pub fn precision(&self) -> f64 {
        fraction_or(self.tp, self.predicted, self.gold == 0)
    }

    /// `tp / gold`; 1 when nothing was expected and nothing predicted, else 0 when nothing
    /// was expected.
    pub fn recall(&self) -> f64 {
        fraction_or(self.tp, self.gold, self.predicted == 0)
    }

    /// The harmonic mean of precision and recall, 0 when both are 0.
    pub fn f1(&self) -> f64 {
        f1(self.precision(), self.recall())
    }
}

fn fraction_or(num: usize, den: usize, perfect_when_empty: bool) -> f64 {
    if den > 0 {
        num as f64 / den as f64
    } else if perfect_when_empty {
        1.0
    } else {
        0.0
    }
}

/// `2PR / (P + R)`, 0 when both are 0.
pub fn f1(precision: f64, recall: f64) -> f64 {
    if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    }
}

/// `correct / total`, or `None` when there was nothing to be right about.
pub fn accuracy(correct: usize, total: usize) -> Option<f64> {
    (total > 0).then(|| correct as f64 / total as f64)
}

/// Gold documents paired with their predictions.
#[derive(Debug)]
pub struct Aligned<'a, G, P> {
    /// Every gold document, in order, with the prediction of the same id if there is one.
    pub pairs: Vec<(&'a G, Option<&'a P>)>,
    /// Ids of predictions that name no gold document.
    pub unknown: Vec<String>,
    /// Ids predicted more than once (the first is used).
    pub repeated: Vec<String>,
}

impl<G, P> Aligned<'_, G, P> {
    /// Gold documents that have no prediction.
    pub fn missing(&self) -> usize {
        self.pairs.iter().filter(|(_, p)| p.is_none()).count()
    }
}

/// Pairs each gold document with the predicted document of the same id.
pub fn align_by_id<'a, G, P>(
    gold: &'a [G],
    gold_id: impl Fn(&G) -> &str,
    predicted: &'a [P],
    predicted_id: impl Fn(&P) -> &str,
) -> Aligned<'a, G, P> {
    let mut by_id: HashMap<&str, &P> = HashMap::with_capacity(predicted.len());
    let mut repeated = Vec::new();
    for p in predicted {
        let id = predicted_id(p);
        if by_id.contains_key(id) {
            repeated.push(id.to_string());
        } else {
            by_id.insert(id, p);
        }
    }
    let known: std::collections::HashSet<&str> = gold.iter().map(&gold_id).collect();
    let unknown = predicted
        .iter()
        .map(&predicted_id)
        .filter(|id| !known.contains(id))
        .map(str::to_string)
        .collect();
    let pairs = gold
        .iter()
        .map(|g| (g, by_id.get(gold_id(g)).copied()))
        .collect();
    Aligned {
        pairs,
        unknown,
        repeated,
    }
}

/// Reads a JSONL file of `T`, skipping blank lines. Each value comes with its line number
/// (from 1), which the task modules use as the document id when a line has none.
pub fn read_jsonl<T: DeserializeOwned>(path: &Path) -> Result<Vec<(usize, T)>, EvalError> {
    let file = std::fs::File::open(path).map_err(|e| EvalError::io(path, e))?;
    let mut out = Vec::new();
    for (i, line) in std::io::BufReader::new(file).lines().enumerate() {
        let line = line.map_err(|e| EvalError::io(path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let value =
            serde_json::from_str(&line).map_err(|e| EvalError::line(path, i + 1, e.to_string()))?;
        out.push((i + 1, value));
    }
    Ok(out)
}

/// Reads a plain JSONL file of documents; a document without an id (`id(doc)` empty) gets
/// its line number (from 1). This is how every task reads predictions.
pub fn read_documents<T: DeserializeOwned>(
    path: &Path,
    id: fn(&mut T) -> &mut String,
) -> Result<Vec<T>, EvalError> {
    Ok(read_numbered_documents(path, id)?
        .into_iter()
        .map(|(_, doc)| doc)
        .collect())
}

/// Like [`read_documents`], for gold: each document comes with its line number, for the
/// task's own checks to name, and a repeated id is an error naming both lines.
pub fn read_gold_documents<T: DeserializeOwned>(
    path: &Path,
    id: fn(&mut T) -> &mut String,
) -> Result<Vec<(usize, T)>, EvalError> {
    let mut documents = read_numbered_documents(path, id)?;
    let mut seen: HashMap<String, usize> = HashMap::with_capacity(documents.len());
    for (line, doc) in &mut documents {
        let doc_id = id(doc).clone();
        if let Some(first) = seen.get(&doc_id) {
            return Err(EvalError::line(
                path,
                *line,
                format!("id {doc_id:?} already used on line {first}"),
            ));
        }
        seen.insert(doc_id, *line);
    }
    Ok(documents)
}

/// Why `start..end` is not a span of `text`, if it is not: reversed, past the end, or not
/// on character boundaries.
pub fn span_problem(text: &str, start: usize, end: usize) -> Option<String> {
    if start > end {
        Some("starts after it ends".into())
    } else if end > text.len() {
        Some(format!("ends past the text ({} bytes)", text.len()))
    } else if !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        Some("is not on character boundaries".into())
    } else {
        None
    }
}

/// The name of a data set read from a plain JSONL file: the file's stem.
pub fn plain_dataset_name(path: &Path) -> String {
    path.file_stem().map_or_else(
        || path.display().to_string(),
        |s| s.to_string_lossy().into_owned(),
    )
}

fn read_numbered_documents<T: DeserializeOwned>(
    path: &Path,
    id: fn(&mut T) -> &mut String,
) -> Result<Vec<(usize, T)>, EvalError> {
    let mut documents = read_jsonl::<T>(path)?;
    for (line, doc) in &mut documents {
        let id = id(doc);
        if id.is_empty() {
            *id = line.to_string();
        }
    }
    Ok(documents)
}

/// Hands out document ids, appending `-2`, `-3`, ... to an id already given, so that the ids
/// of a data set are unique and the same on every load.
#[derive(Default)]
pub(crate) struct UniqueIds {
    given: HashSet<String>,
}

impl UniqueIds {
    pub(crate) fn make(&mut self, base: &str) -> String {
        if self.given.insert(base.to_string()) {
            return base.to_string();
        }
        let mut n = 2;
        loop {
            let candidate = format!("{base}-{n}");
            if self.given.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}

/// Writes `items` as JSONL, one compact object a line.
pub fn write_jsonl<T: Serialize>(path: &Path, items: &[T]) -> Result<(), EvalError> {
    let file = std::fs::File::create(path).map_err(|e| EvalError::io(path, e))?;
    let mut out = std::io::BufWriter::new(file);
    for item in items {
        serde_json::to_writer(&mut out, item).map_err(|source| EvalError::Json {
            path: path.to_path_buf(),
            source,
        })?;
        out.write_all(b"\n").map_err(|e| EvalError::io(path, e))?;
    }
    out.flush().map_err(|e| EvalError::io(path, e))
}

/// Whether `path` looks like a plain JSONL gold file (by its extension) rather than a
/// benchmark's native format.
pub fn is_jsonl(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("jsonl"))
}

/// One scoring task: its document type (which is also its plain JSONL format), its default
/// data sets, and its loader, predictions reader and scorer. The command runs every task
/// through this one interface; a new task is a new implementation.
pub trait Task {
    /// The gold and prediction document.
    type Doc: Serialize + DeserializeOwned + Clone + Send + Sync;
    /// The task's name on the command line and in reports.
    const NAME: &'static str;
    /// Data sets scored by default, relative to the gold root.
    const DEFAULT_GOLD: &'static [&'static str];
    /// A document's id.
    fn id(doc: &Self::Doc) -> &str;
    /// Loads gold data: a native file or folder, or plain JSONL.
    fn load(path: &Path) -> Result<Vec<Dataset<Self::Doc>>, EvalError>;
    /// Reads predictions in the plain JSONL format.
    fn read_predictions(path: &Path) -> Result<Vec<Self::Doc>, EvalError>;
    /// Scores predictions against one data set.
    fn score(gold: &Dataset<Self::Doc>, predicted: &[Self::Doc], system: &str) -> TaskReport;
}

/// Implements [`Task`] for a marker type by delegating to a task module's functions.
macro_rules! task {
    ($(#[$doc:meta])* $marker:ident, $module:ident, $doc_type:ty, $name:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy)]
        pub struct $marker;

        impl Task for $marker {
            type Doc = $doc_type;
            const NAME: &'static str = $name;
            const DEFAULT_GOLD: &'static [&'static str] = $module::DEFAULT_GOLD;
            fn id(doc: &Self::Doc) -> &str {
                &doc.id
            }
            fn load(path: &Path) -> Result<Vec<Dataset<Self::Doc>>, EvalError> {
                $module::load(path)
            }
            fn read_predictions(path: &Path) -> Result<Vec<Self::Doc>, EvalError> {
                $module::read_predictions(path)
            }
            fn score(gold: &Dataset<Self::Doc>, predicted: &[Self::Doc], system: &str) -> TaskReport {
                $module::score(gold, predicted, system)
            }
        }
    };
}

task!(
    /// Named entities.
    Ner, ner, ner::NerDoc, "ner"
);
task!(
    /// Quotations with their source and cue.
    Quotes, quotes, quotes::QuoteDoc, "quotes"
);
task!(
    /// Time expressions with type and normalised value.
    Times, times, times::TimesDoc, "times"
);
task!(
    /// Coded events with actors.
    Events, events, events::EventsDoc, "events"
);
task!(
    /// Articles grouped into stories.
    Stories, stories, stories::StoryDoc, "stories"
);
task!(
    /// HTML to article text.
    Html, html, html::HtmlGoldPage, "html"
);
task!(
    /// Tags, lemmas and dependency trees over the gold words.
    Syntax, syntax, syntax::SyntaxDoc, "syntax"
);

/// One named measure of a [`TaskReport`].
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Metric {
    /// The name, as the JSON output spells it (`f1`, `value_accuracy`, ...).
    pub name: String,
    /// The value, or `None` when the measure has no items to be computed on.
    pub value: Option<f64>,
}

/// The result of scoring one system on one data set of one task.
#[derive(Debug, Clone, Serialize)]
pub struct TaskReport {
    /// `ner`, `quotes`, `times`, `events`, `stories`, `html` or `syntax`.
    pub task: String,
    /// The data set's name.
    pub dataset: String,
    /// Who made the predictions: `readout`, or the predictions file.
    pub system: String,
    /// Gold documents scored.
    pub documents: usize,
    /// The measures, in the order a table shows them.
    pub metrics: Vec<Metric>,
    /// Counts and breakdowns that explain the measures (gold and predicted totals,
    /// per-type scores), as a JSON object.
    pub details: serde_json::Map<String, serde_json::Value>,
    /// Seconds the system spent predicting, when it ran here (0 for saved predictions).
    pub seconds: f64,
}

impl TaskReport {
    /// A report with no measures yet.
    pub fn new(task: &str, dataset: &str, system: &str, documents: usize) -> Self {
        TaskReport {
            task: task.to_string(),
            dataset: dataset.to_string(),
            system: system.to_string(),
            documents,
            metrics: Vec::new(),
            details: serde_json::Map::new(),
            seconds: 0.0,
        }
    }

    /// Appends a measure.
    pub fn metric(&mut self, name: &str, value: impl Into<Option<f64>>) -> &mut Self {
        self.metrics.push(Metric {
            name: name.to_string(),
            value: value.into(),
        });
        self
    }

    /// Adds a detail.
    pub fn detail(&mut self, name: &str, value: impl Serialize) -> &mut Self {
        self.details.insert(
            name.to_string(),
            serde_json::to_value(value).unwrap_or(serde_json::Value::Null),
        );
        self
    }

    /// The value of a measure by name.
    pub fn get(&self, name: &str) -> Option<f64> {
        self.metrics
            .iter()
            .find(|m| m.name == name)
            .and_then(|m| m.value)
    }

    /// `documents / seconds`, 0 when nothing was timed.
    pub fn documents_per_second(&self) -> f64 {
        if self.seconds > 0.0 {
            self.documents as f64 / self.seconds
        } else {
            0.0
        }
    }

    /// The flat JSON object `readout eval --json` prints: `task`, `dataset`, `system`,
    /// `documents`, every measure as a top-level key, `seconds`, `documents_per_second`
    /// and `details`.
    pub fn to_json(&self) -> serde_json::Value {
        let mut obj = serde_json::Map::new();
        obj.insert("task".into(), self.task.clone().into());
        obj.insert("dataset".into(), self.dataset.clone().into());
        obj.insert("system".into(), self.system.clone().into());
        obj.insert("documents".into(), self.documents.into());
        for m in &self.metrics {
            obj.insert(
                m.name.clone(),
                m.value
                    .and_then(serde_json::Number::from_f64)
                    .map_or(serde_json::Value::Null, serde_json::Value::Number),
            );
        }
        obj.insert("seconds".into(), serde_json::json!(self.seconds));
        obj.insert(
            "documents_per_second".into(),
            serde_json::json!(self.documents_per_second()),
        );
        obj.insert(
            "details".into(),
            serde_json::Value::Object(self.details.clone()),
        );
        serde_json::Value::Object(obj)
    }
}

/// The maximal runs of word characters in `text[start..end]` (alphanumeric in Unicode, or
/// `_`), as byte spans into `text`: the tokens that overlap measures count. Out-of-range or
/// mid-character bounds are narrowed to the text and to character boundaries, so a bad
/// predicted span cannot panic.
pub fn word_tokens(text: &str, start: usize, end: usize) -> Vec<(usize, usize)> {
    let end = floor_boundary(text, end.min(text.len()));
    let start = floor_boundary(text, start.min(end));
    let mut out = Vec::new();
    let mut current: Option<usize> = None;
    for (i, c) in text[start..end].char_indices() {
        let at = start + i;
        if c.is_alphanumeric() || c == '_' {
            current.get_or_insert(at);
        } else if let Some(s) = current.take() {
            out.push((s, at));
        }
    }
    if let Some(s) = current {
        out.push((s, end));
    }
    out
}

fn floor_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_follow_the_stated_conventions() {
        let c = Counts::new(3, 4, 6);
        assert_eq!(c.precision(), 0.75);
        assert_eq!(c.recall(), 0.5);
        assert!((c.f1() - 0.6).abs() < 1e-12);
        // Nothing expected, nothing predicted: perfect.
        let empty = Counts::default();
        assert_eq!(
            (empty.precision(), empty.recall(), empty.f1()),
            (1.0, 1.0, 1.0)
        );
        // Nothing predicted for something expected: zero, not undefined.
        let silent = Counts::new(0, 0, 5);
        assert_eq!(
            (silent.precision(), silent.recall(), silent.f1()),
            (0.0, 0.0, 0.0)
        );
        // Something predicted where nothing was expected.
        let noisy = Counts::new(0, 2, 0);
        assert_eq!(
            (noisy.precision(), noisy.recall(), noisy.f1()),
            (0.0, 0.0, 0.0)
        );
    }

    #[test]
    fn accuracy_over_nothing_is_none() {
        assert_eq!(accuracy(0, 0), None);
        assert_eq!(accuracy(1, 4), Some(0.25));
    }

    #[test]
    fn alignment_reports_unknown_repeated_and_missing() {
        let gold = ["a", "b", "c"];
        let predicted = ["b", "x", "b", "a"];
        let aligned = align_by_id(&gold, |g| g, &predicted, |p| p);
        assert_eq!(aligned.missing(), 1);
        assert_eq!(aligned.unknown, vec!["x".to_string()]);
        assert_eq!(aligned.repeated, vec!["b".to_string()]);
        assert_eq!(aligned.pairs[2].1, None);
    }

    #[test]
    fn word_tokens_are_word_runs_and_survive_bad_bounds() {
        let text = "Él dijo: «sí», ok_1.";
        let toks: Vec<&str> = word_tokens(text, 0, text.len())
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(toks, ["Él", "dijo", "sí", "ok_1"]);
        // Inside "Él" (byte 1 is mid-character) and past the end.
        assert_eq!(word_tokens(text, 1, 999).len(), 4);
        assert!(word_tokens(text, 50, 10).is_empty());
    }

    #[test]
    fn report_json_is_flat_with_nulls_for_missing_measures() {
        let mut r = TaskReport::new("times", "timebank", "readout", 2);
        r.metric("value_f1", 0.5).metric("type_accuracy", None);
        r.seconds = 0.5;
        let v = r.to_json();
        assert_eq!(v["value_f1"], 0.5);
        assert!(v["type_accuracy"].is_null());
        assert_eq!(v["documents_per_second"], 4.0);
    }
}
