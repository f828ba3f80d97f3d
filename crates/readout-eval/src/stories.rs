//! Same-event clustering ("stories"): grouping news documents that report the same event,
//! measured on ECB+ with B-cubed and pairwise scores.
//!
//! # Native format
//!
//! ECB+ is a folder `ECB+/<topic>/` of XML files `<topic>_<n>ecb.xml` (the original ECB
//! documents) and `<topic>_<n>ecbplus.xml` (the documents added by ECB+). Each topic holds
//! two different but similar events, one per file family, so the gold story of a document
//! is `<topic>ecb` or `<topic>ecbplus` (for example `1_1ecb.xml` is in story `1ecb`). [`load`]
//! accepts the `ECB+` folder itself or a folder that holds it (the release folder), and
//! returns one data set named `ecbplus`. In a topic folder, files whose name starts with
//! `.` or does not end in `.xml` are ignored; an `.xml` name of another shape is an error.
//! Documents are ordered by topic, then `ecb` before `ecbplus`, then document number (all
//! numerically), so each story's documents are together.
//!
//! A file is `<Document doc_name=...>` with one `<token t_id sentence number>word</token>`
//! element per token, then markables and relations, which are ignored. The text is rebuilt
//! from the tokens in file order: a token's text has its XML entities decoded and its
//! surrounding white space trimmed (a few tokens carry a stray tab, and some are only white
//! space, which are dropped); the tokens of a sentence (consecutive tokens with the same
//! `sentence` attribute) are joined by one space and sentences by `"\n"`. The sentence `0`
//! of an `ecbplus` file is left out: the ECB+ README says it is the address the text was
//! found at, not part of the article, and keeping it would give every `ecbplus` document
//! the same `http : / / www` opening, a cue that gives the sub-topic split away. The id is
//! the file name (`1_1ecb.xml`); `title` and `published` are `None`, since ECB+ has no such
//! fields (some `ecbplus` texts open with a headline or a date line, but nothing marks
//! them).
//!
//! # Plain format
//!
//! One [`StoryDoc`] a line: `{"id", "title", "published", "text", "story"}`. In gold files a
//! line without an id gets its line number, ids must be unique and `story` must not be
//! empty. Predictions need only `{"id", "story"}`.
//!
//! # Metrics
//!
//! The documents scored are the gold documents. Each is put in the predicted cluster named
//! by the `story` of the prediction with its id; a gold document with no prediction, or
//! with an empty `story`, is a cluster of its own (a singleton). Predictions whose id names
//! no gold document are ignored (counted in the details), so clusters are always restricted
//! to gold documents. Story names are compared exactly; only the grouping matters, not the
//! names, so a system may call its stories anything.
//!
//! * B-cubed: for each document `d`, with `P(d)` its predicted cluster and `G(d)` its gold
//!   one, `precision_d = |P(d) ∩ G(d)| / |P(d)|` and `recall_d = |P(d) ∩ G(d)| / |G(d)|`
//!   (`d` itself is in both sets). `bcubed_precision` and `bcubed_recall` are the means
//!   over the gold documents, and `bcubed_f1` is the harmonic mean of those two means (0
//!   when both are 0). With no gold document the three are `None`.
//! * Pairwise: an item is an unordered pair of distinct documents in one cluster. `gold`
//!   counts the pairs sharing a gold cluster, `predicted` those sharing a predicted
//!   cluster, `tp` those sharing both. Precision, recall and F1 follow [`crate::Counts`],
//!   whose conventions cover the empty cases: no pair predicted and none expected (every
//!   story a singleton in both) scores 1; no pair predicted where some were expected
//!   scores 0, and the mirror case too.
//! * `stories`: the number of predicted clusters over the gold documents, singletons made
//!   for missing or empty predictions included (so predicting nothing at all gives one
//!   story per document). It is a count, not a score: gold against itself gives the
//!   number of gold stories.
//!
//! The details give `gold_stories`, `predicted_stories`, the pairwise `counts`
//! (`tp`, `predicted`, `gold`), `unassigned_documents` (gold documents left as singletons
//! because they had no prediction or an empty story), and the numbers of missing, unknown
//! and repeated predictions.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use quick_xml::events::Event;
use quick_xml::Reader;
use serde::{Deserialize, Serialize};

use crate::{align_by_id, is_jsonl, Counts, Dataset, EvalError, TaskReport};

/// One document and the story it belongs to; its serde form is the plain JSONL format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryDoc {
    /// Unique within the data set (the file name for ECB+, such as `1_1ecb.xml`).
    #[serde(default)]
    pub id: String,
    /// The headline, when known (never for ECB+).
    #[serde(default)]
    pub title: Option<String>,
    /// Publication date, when known (never for ECB+).
    #[serde(default)]
    pub published: Option<String>,
    /// The document's text (may be empty in predictions).
    #[serde(default)]
    pub text: String,
    /// The story (event cluster) name; empty in a prediction means "no story".
    #[serde(default)]
    pub story: String,
}

/// Data sets to score by default, relative to the gold root.
pub const DEFAULT_GOLD: &[&str] = &["ecbplus"];

/// Loads ECB+ (the `ECB+` folder or the folder holding it) or a plain `.jsonl` file (see
/// the module documentation). Returns one data set.
pub fn load(path: &Path) -> Result<Vec<Dataset<StoryDoc>>, EvalError> {
    let meta = std::fs::metadata(path).map_err(|e| EvalError::io(path, e))?;
    if meta.is_dir() {
        let inner = path.join("ECB+");
        let root = if inner.is_dir() {
            inner
        } else {
            path.to_path_buf()
        };
        return Ok(vec![load_ecbplus(&root)?]);
    }
    if is_jsonl(path) {
        return Ok(vec![load_plain(path)?]);
    }
    Err(EvalError::format(
        path,
        "expected the ECB+ folder (or the folder holding it) or a .jsonl file",
    ))
}

/// Reads predictions in the plain format; a line without id gets its line number.
pub fn read_predictions(path: &Path) -> Result<Vec<StoryDoc>, EvalError> {
    crate::read_documents(path, |d: &mut StoryDoc| &mut d.id)
}

/// Scores `predicted` against `gold` (see the module documentation for the metrics).
pub fn score(gold: &Dataset<StoryDoc>, predicted: &[StoryDoc], system: &str) -> TaskReport {
    let aligned = align_by_id(
        &gold.documents,
        |d| d.id.as_str(),
        predicted,
        |d| d.id.as_str(),
    );
    let mut gold_clusters = Clusters::default();
    let mut predicted_clusters = Clusters::default();
    let mut unassigned = 0;
    // (predicted cluster, gold cluster) of every gold document, in order.
    let labels: Vec<(usize, usize)> = aligned
        .pairs
        .iter()
        .map(|(g, p)| {
            let story = p.map_or("", |p| p.story.as_str());
            if story.is_empty() {
                unassigned += 1;
            }
            (predicted_clusters.add(story), gold_clusters.add(&g.story))
        })
        .collect();
    let s = ClusterScores::new(&labels, &predicted_clusters.sizes, &gold_clusters.sizes);

    let mut report = TaskReport::new("stories", &gold.name, system, gold.documents.len());
    report
        .metric("bcubed_precision", s.bcubed.map(|b| b.0))
        .metric("bcubed_recall", s.bcubed.map(|b| b.1))
        .metric("bcubed_f1", s.bcubed.map(|b| crate::f1(b.0, b.1)))
        .metric("pairwise_precision", s.pairs.precision())
        .metric("pairwise_recall", s.pairs.recall())
        .metric("pairwise_f1", s.pairs.f1())
        .metric("stories", predicted_clusters.sizes.len() as f64);
    report
        .detail("gold_stories", gold_clusters.sizes.len())
        .detail("predicted_stories", predicted_clusters.sizes.len())
        .detail("counts", s.pairs)
        .detail("unassigned_documents", unassigned)
        .detail("missing_predictions", aligned.missing())
        .detail("unknown_predictions", aligned.unknown.len())
        .detail("repeated_predictions", aligned.repeated.len());
    report
}

/// Cluster numbers handed out by name, an empty name always getting a new one.
#[derive(Default)]
struct Clusters<'a> {
    by_name: HashMap<&'a str, usize>,
    sizes: Vec<usize>,
}

impl<'a> Clusters<'a> {
    /// Puts one document in the cluster `name` (a singleton when `name` is empty) and
    /// returns the cluster's number.
    fn add(&mut self, name: &'a str) -> usize {
        let next = self.sizes.len();
        let id = if name.is_empty() {
            next
        } else {
            *self.by_name.entry(name).or_insert(next)
        };
        if id == next {
            self.sizes.push(0);
        }
        self.sizes[id] += 1;
        id
    }
}

/// B-cubed means (precision, recall), `None` with no document, and pairwise counts.
struct ClusterScores {
    bcubed: Option<(f64, f64)>,
    pairs: Counts,
}

impl ClusterScores {
    fn new(labels: &[(usize, usize)], predicted_sizes: &[usize], gold_sizes: &[usize]) -> Self {
        let mut overlap: HashMap<(usize, usize), usize> = HashMap::new();
        for &label in labels {
            *overlap.entry(label).or_insert(0) += 1;
        }
        let (mut precision, mut recall) = (0.0, 0.0);
        for label in labels {
            let both = overlap.get(label).copied().unwrap_or(0) as f64;
            precision += both / predicted_sizes[label.0] as f64;
            recall += both / gold_sizes[label.1] as f64;
        }
        let n = labels.len() as f64;
        let bcubed = (!labels.is_empty()).then(|| (precision / n, recall / n));
        let pairs = Counts::new(
            overlap.values().map(|&k| pairs_among(k)).sum(),
            predicted_sizes.iter().map(|&k| pairs_among(k)).sum(),
            gold_sizes.iter().map(|&k| pairs_among(k)).sum(),
        );
        ClusterScores { bcubed, pairs }
    }
}

/// Unordered pairs of distinct members in a group of `k`.
fn pairs_among(k: usize) -> usize {
    k * k.saturating_sub(1) / 2
}

fn load_plain(path: &Path) -> Result<Dataset<StoryDoc>, EvalError> {
    let mut documents = Vec::new();
    for (line, doc) in crate::read_gold_documents(path, |d: &mut StoryDoc| &mut d.id)? {
        if doc.story.is_empty() {
            return Err(EvalError::line(
                path,
                line,
                format!("document {:?} has no story", doc.id),
            ));
        }
        documents.push(doc);
    }
    Ok(Dataset {
        name: crate::plain_dataset_name(path),
        documents,
        problems: Vec::new(),
    })
}

/// What an ECB+ file name says: `<topic>_<n>ecb.xml` or `<topic>_<n>ecbplus.xml`.
struct EcbName {
    topic: String,
    number: String,
    plus: bool,
}

impl EcbName {
    fn parse(name: &str) -> Option<Self> {
        let stem = name.strip_suffix(".xml")?;
        let (rest, plus) = match stem.strip_suffix("ecbplus") {
            Some(rest) => (rest, true),
            None => (stem.strip_suffix("ecb")?, false),
        };
        let (topic, number) = rest.split_once('_')?;
        if topic.is_empty() || number.is_empty() {
            return None;
        }
        Some(EcbName {
            topic: topic.to_string(),
            number: number.to_string(),
            plus,
        })
    }

    fn story(&self) -> String {
        format!(
            "{}{}",
            self.topic,
            if self.plus { "ecbplus" } else { "ecb" }
        )
    }

    /// Topic, then `ecb` before `ecbplus`, then document number, so that each story's
    /// documents are together; numbers in numeric order (names that are not numbers after
    /// them, by text).
    fn sort_key(&self) -> (u64, &str, bool, u64, &str) {
        let num = |s: &str| s.parse::<u64>().unwrap_or(u64::MAX);
        (
            num(&self.topic),
            &self.topic,
            self.plus,
            num(&self.number),
            &self.number,
        )
    }
}

fn visible_entries(dir: &Path) -> Result<Vec<(String, PathBuf)>, EvalError> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| EvalError::io(dir, e))? {
        let entry = entry.map_err(|e| EvalError::io(dir, e))?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !name.starts_with('.') {
            out.push((name, entry.path()));
        }
    }
    out.sort();
    Ok(out)
}

fn load_ecbplus(root: &Path) -> Result<Dataset<StoryDoc>, EvalError> {
    let mut found: Vec<(EcbName, PathBuf)> = Vec::new();
    for (_, topic_dir) in visible_entries(root)? {
        if !topic_dir.is_dir() {
            continue;
        }
        for (name, file) in visible_entries(&topic_dir)? {
            if !name.ends_with(".xml") || !file.is_file() {
                continue;
            }
            let parsed = EcbName::parse(&name).ok_or_else(|| {
                EvalError::format(
                    &file,
                    "name is not <topic>_<n>ecb.xml or <topic>_<n>ecbplus.xml",
                )
            })?;
            found.push((parsed, file));
        }
    }
    if found.is_empty() {
        return Err(EvalError::format(
            root,
            "no ECB+ documents (<topic>/<topic>_<n>ecb.xml or ..ecbplus.xml) here",
        ));
    }
    found.sort_by(|a, b| a.0.sort_key().cmp(&b.0.sort_key()));
    let mut documents = Vec::with_capacity(found.len());
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for (name, file) in &found {
        let id = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        // The same file name in two topic folders would make two documents with one id.
        if let Some(first) = seen.insert(id.clone(), file.clone()) {
            return Err(EvalError::format(
                file,
                format!("same file name as {}", first.display()),
            ));
        }
        let text = read_ecb_text(file, name.plus)?;
        documents.push(StoryDoc {
            id,
            title: None,
            published: None,
            text,
            story: name.story(),
        });
    }
    Ok(Dataset {
        name: "ecbplus".to_string(),
        documents,
        problems: Vec::new(),
    })
}

/// The line (from 1) of byte `pos` in `content`.
fn line_at(content: &str, pos: u64) -> usize {
    let pos = usize::try_from(pos)
        .unwrap_or(usize::MAX)
        .min(content.len());
    content.as_bytes()[..pos]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Rebuilds the text of one ECB+ file (see the module documentation).
fn read_ecb_text(path: &Path, plus: bool) -> Result<String, EvalError> {
    let bytes = std::fs::read(path).map_err(|e| EvalError::io(path, e))?;
    let content = String::from_utf8(bytes).map_err(|e| {
        EvalError::format(
            path,
            format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
        )
    })?;
    let mut reader = Reader::from_str(&content);
    // (sentence attribute, tokens) in file order.
    let mut sentences: Vec<(String, Vec<String>)> = Vec::new();
    // The sentence of the token being read, and its text so far.
    let mut current: Option<(String, String)> = None;
    let mut tokens = 0usize;
    loop {
        let event = reader.read_event().map_err(|e| {
            EvalError::line(
                path,
                line_at(&content, reader.error_position()),
                format!("XML: {e}"),
            )
        })?;
        let at = || line_at(&content, reader.buffer_position());
        match event {
            Event::Start(e) if e.name().as_ref() == "token" => {
                let sentence = e
                    .try_get_attribute("sentence")
                    .map_err(|err| EvalError::line(path, at(), format!("XML: {err}")))?
                    .ok_or_else(|| {
                        EvalError::line(path, at(), "<token> without a sentence attribute")
                    })?;
                current = Some((sentence.value.trim().to_string(), String::new()));
            }
            Event::Text(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some((_, text)) = current.as_mut() {
                    text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some((_, text)) = current.as_mut() {
                    let resolved = match r.resolve_char_ref() {
                        Ok(Some(c)) => Some(c.to_string()),
                        Ok(None) => {
                            quick_xml::escape::resolve_predefined_entity(&r).map(str::to_string)
                        }
                        Err(_) => None,
                    };
                    let resolved = resolved.ok_or_else(|| {
                        EvalError::line(path, at(), format!("unknown entity &{};", &*r))
                    })?;
                    text.push_str(&resolved);
                }
            }
            Event::End(e) if e.name().as_ref() == "token" => {
                if let Some((sentence, text)) = current.take() {
                    tokens += 1;
                    let word = text.trim();
                    if word.is_empty() || (plus && sentence == "0") {
                        continue;
                    }
                    match sentences.last_mut() {
                        Some((s, words)) if *s == sentence => words.push(word.to_string()),
                        _ => sentences.push((sentence, vec![word.to_string()])),
                    }
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if tokens == 0 {
        return Err(EvalError::format(path, "no <token> elements"));
    }
    Ok(sentences
        .iter()
        .map(|(_, words)| words.join(" "))
        .collect::<Vec<_>>()
        .join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(id: &str, story: &str) -> StoryDoc {
        StoryDoc {
            id: id.to_string(),
            title: None,
            published: None,
            text: String::new(),
            story: story.to_string(),
        }
    }

    /// Gold for the hand-worked cases: a, b, c in story G1; d, e in story G2.
    fn five() -> Dataset<StoryDoc> {
        Dataset {
            name: "five".into(),
            documents: vec![
                doc("a", "G1"),
                doc("b", "G1"),
                doc("c", "G1"),
                doc("d", "G2"),
                doc("e", "G2"),
            ],
            problems: Vec::new(),
        }
    }

    fn predict(pairs: &[(&str, &str)]) -> Vec<StoryDoc> {
        pairs.iter().map(|(id, s)| doc(id, s)).collect()
    }

    const NAMES: [&str; 7] = [
        "bcubed_precision",
        "bcubed_recall",
        "bcubed_f1",
        "pairwise_precision",
        "pairwise_recall",
        "pairwise_f1",
        "stories",
    ];

    /// Checks every metric, in order, against the hand-computed values.
    fn assert_scores(r: &TaskReport, want: [Option<f64>; 7]) {
        let names: Vec<&str> = r.metrics.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, NAMES);
        for (m, w) in r.metrics.iter().zip(want) {
            match (m.value, w) {
                (Some(v), Some(w)) => assert!((v - w).abs() < 1e-12, "{}: {v} != {w}", m.name),
                (v, w) => assert_eq!(v, w, "{}", m.name),
            }
        }
    }

    #[test]
    fn perfect_clustering_with_other_names() {
        // The grouping is right even though the names differ: everything is 1, 2 stories.
        let p = predict(&[("a", "x"), ("b", "x"), ("c", "x"), ("d", "y"), ("e", "y")]);
        let r = score(&five(), &p, "sys");
        let one = Some(1.0);
        assert_scores(&r, [one, one, one, one, one, one, Some(2.0)]);
        assert_eq!(r.task, "stories");
        assert_eq!(r.details["gold_stories"], 2);
    }

    #[test]
    fn five_documents_by_hand() {
        // Predicted {a, b} and {c, d, e}.
        // a, b: |P ∩ G| = 2, P = 2/2, R = 2/3.   c: {c}: P = 1/3, R = 1/3.
        // d, e: |P ∩ G| = 2, P = 2/3, R = 2/2.
        // B-cubed P = (1 + 1 + 1/3 + 2/3 + 2/3) / 5 = 11/15; R = (2/3 + 2/3 + 1/3 + 1 + 1) / 5
        // = 11/15; F = 11/15.
        // Pairs: gold ab ac bc de (4); predicted ab cd ce de (4); shared ab de (2):
        // P = R = F = 1/2.
        let p = predict(&[("a", "x"), ("b", "x"), ("c", "y"), ("d", "y"), ("e", "y")]);
        let r = score(&five(), &p, "sys");
        let b = Some(11.0 / 15.0);
        let h = Some(0.5);
        assert_scores(&r, [b, b, b, h, h, h, Some(2.0)]);
        assert_eq!(r.details["counts"]["tp"], 2);
    }

    #[test]
    fn missing_and_empty_predictions_are_singletons() {
        // a, b in "x"; c in "y"; d has an empty story; e has no prediction; "zz" is unknown
        // and must not join "x". Clusters {a, b} {c} {d} {e}: 4 stories.
        // Every P_d = 1. R: a, b 2/3; c 1/3; d, e 1/2 -> (5/3 + 1) / 5 = 8/15.
        // F = 2 * (8/15) / (23/15) = 16/23.
        // Pairs: predicted ab (1), gold 4, shared 1: P = 1, R = 1/4, F = 0.5/1.25 = 0.4.
        let p = predict(&[("a", "x"), ("b", "x"), ("c", "y"), ("d", ""), ("zz", "x")]);
        let r = score(&five(), &p, "sys");
        let one = Some(1.0);
        assert_scores(
            &r,
            [
                one,
                Some(8.0 / 15.0),
                Some(16.0 / 23.0),
                one,
                Some(0.25),
                Some(0.4),
                Some(4.0),
            ],
        );
        assert_eq!(r.details["unassigned_documents"], 2);
        assert_eq!(r.details["missing_predictions"], 1);
        assert_eq!(r.details["unknown_predictions"], 1);
    }

    #[test]
    fn all_in_one_cluster() {
        // One cluster of 5. P_d = |G(d)| / 5: a, b, c 3/5; d, e 2/5 -> (9/5 + 4/5) / 5 =
        // 13/25. R = 1. F = (26/25) / (38/25) = 13/19.
        // Pairs: predicted 10, gold 4, shared 4: P = 0.4, R = 1, F = 0.8 / 1.4 = 4/7.
        let p = predict(&[("a", "z"), ("b", "z"), ("c", "z"), ("d", "z"), ("e", "z")]);
        let r = score(&five(), &p, "sys");
        let one = Some(1.0);
        assert_scores(
            &r,
            [
                Some(13.0 / 25.0),
                one,
                Some(13.0 / 19.0),
                Some(0.4),
                one,
                Some(4.0 / 7.0),
                one,
            ],
        );
    }

    #[test]
    fn empty_prediction_gives_all_singletons() {
        // No prediction at all: five singletons. P_d = 1. R: a, b, c 1/3; d, e 1/2 -> 2/5.
        // F = 0.8 / 1.4 = 4/7. Pairs: none predicted, 4 expected: P = R = F = 0.
        let zero = Some(0.0);
        let want = [
            Some(1.0),
            Some(0.4),
            Some(4.0 / 7.0),
            zero,
            zero,
            zero,
            Some(5.0),
        ];
        assert_scores(&score(&five(), &[], "sys"), want);
        // The same with every story empty.
        let p = predict(&[("a", ""), ("b", ""), ("c", ""), ("d", ""), ("e", "")]);
        assert_scores(&score(&five(), &p, "sys"), want);
    }

    #[test]
    fn empty_gold_and_singleton_gold() {
        // No gold document: B-cubed is a mean over nothing (None); no pair either way
        // scores 1 by the Counts conventions; predictions are all unknown; 0 stories.
        let empty = Dataset {
            name: "none".into(),
            documents: vec![],
            problems: Vec::new(),
        };
        let one = Some(1.0);
        let r = score(&empty, &predict(&[("a", "x"), ("b", "x")]), "sys");
        assert_scores(&r, [None, None, None, one, one, one, Some(0.0)]);
        assert_eq!(r.details["unknown_predictions"], 2);
        let r = score(&empty, &[], "sys");
        assert_scores(&r, [None, None, None, one, one, one, Some(0.0)]);
        // Gold all singletons, predicted all singletons: perfect, 2 stories.
        let single = Dataset {
            name: "single".into(),
            documents: vec![doc("a", "p"), doc("b", "q")],
            problems: Vec::new(),
        };
        let r = score(&single, &predict(&[("a", "1"), ("b", "2")]), "sys");
        assert_scores(&r, [one, one, one, one, one, one, Some(2.0)]);
        // Gold singletons, predicted together: P_d = 1/2, R_d = 1, F = 2/3; one wrong
        // pair predicted, none expected: pairwise P = 0, R = 0 by the Counts conventions.
        let r = score(&single, &predict(&[("a", "1"), ("b", "1")]), "sys");
        let zero = Some(0.0);
        assert_scores(&r, [Some(0.5), one, Some(2.0 / 3.0), zero, zero, zero, one]);
    }

    #[test]
    fn repeated_predictions_use_the_first() {
        // "a" predicted twice; the first ("x", with b) is used -> perfect on {a, b}.
        let gold = Dataset {
            name: "two".into(),
            documents: vec![doc("a", "G"), doc("b", "G")],
            problems: Vec::new(),
        };
        let r = score(&gold, &predict(&[("a", "x"), ("b", "x"), ("a", "y")]), "s");
        let one = Some(1.0);
        assert_scores(&r, [one, one, one, one, one, one, one]);
        assert_eq!(r.details["repeated_predictions"], 1);
    }

    fn data(rel: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/stories")
            .join(rel)
    }

    #[test]
    fn loads_a_small_ecbplus_folder() {
        // The release folder and the ECB+ folder inside it load the same.
        for path in [data("ecbplus"), data("ecbplus/ECB+")] {
            let sets = load(&path).expect("sample loads");
            assert_eq!(sets.len(), 1);
            let set = &sets[0];
            assert_eq!(set.name, "ecbplus");
            let ids: Vec<&str> = set.documents.iter().map(|d| d.id.as_str()).collect();
            // Numeric order (topic 2 before 10, document 2 before 10), ecb before ecbplus;
            // the hidden file and notes.txt in topic 10 are ignored.
            assert_eq!(
                ids,
                [
                    "2_2ecb.xml",
                    "2_10ecb.xml",
                    "2_1ecbplus.xml",
                    "10_1ecb.xml",
                    "10_1ecbplus.xml"
                ]
            );
            let stories: Vec<&str> = set.documents.iter().map(|d| d.story.as_str()).collect();
            assert_eq!(stories, ["2ecb", "2ecb", "2ecbplus", "10ecb", "10ecbplus"]);
            let d = &set.documents[0];
            // Entities decoded; a trailing tab trimmed; a token of white space dropped;
            // sentence 0 of an ecb file kept.
            assert_eq!(
                d.text,
                "Harbour cranes at Pellow & Sons stopped .\nWorkers said \"enough\" ."
            );
            assert_eq!(d.title, None);
            assert_eq!(d.published, None);
            // Sentence 0 of an ecbplus file is the source address: left out.
            assert_eq!(
                set.documents[2].text,
                "Dock strike spreads to Marren\nThe strike reached a second port ."
            );
        }
    }

    #[test]
    fn loads_plain_jsonl() {
        let set = &load(&data("plain.jsonl")).expect("plain loads")[0];
        assert_eq!(set.name, "plain");
        let ids: Vec<&str> = set.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["n1", "2"]);
        assert_eq!(set.documents[0].title.as_deref(), Some("Ferry runs late"));
        assert_eq!(set.documents[1].story, "s2");
        // Predictions need only id and story.
        let preds = read_predictions(&data("plain.jsonl")).expect("reads");
        assert_eq!(preds, set.documents);
    }

    #[test]
    fn malformed_input_names_the_file_and_line() {
        let msg = load(&data("bad/ECB+")).expect_err("must fail").to_string();
        assert!(msg.contains("1_1ecb.xml:5:"), "{msg}");
        let msg = load(&data("bad_attr")).expect_err("must fail").to_string();
        assert!(
            msg.contains("3_1ecb.xml:3:") && msg.contains("sentence attribute"),
            "{msg}"
        );
        let msg = load(&data("bad_story.jsonl"))
            .expect_err("must fail")
            .to_string();
        assert!(
            msg.contains("bad_story.jsonl:2:") && msg.contains("no story"),
            "{msg}"
        );
        let msg = load(&data("")).expect_err("must fail").to_string();
        assert!(msg.contains("no ECB+ documents"), "{msg}");
    }

    #[test]
    fn file_names_parse() {
        let n = EcbName::parse("12_3ecbplus.xml").expect("parses");
        assert_eq!(
            (n.topic.as_str(), n.number.as_str(), n.plus),
            ("12", "3", true)
        );
        assert_eq!(n.story(), "12ecbplus");
        assert_eq!(
            EcbName::parse("12_3ecb.xml").map(|n| n.story()),
            Some("12ecb".into())
        );
        assert!(EcbName::parse("12_3.xml").is_none());
        assert!(EcbName::parse("_3ecb.xml").is_none());
        assert!(EcbName::parse("12ecb.xml").is_none());
    }
}
