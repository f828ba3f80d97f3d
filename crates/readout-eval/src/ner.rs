//! Named-entity recognition: CoNLL-2003 (and its corrected test set, CoNLL++) scored the way
//! `conlleval` scores it.
//!
//! # Native format
//!
//! A CoNLL-2003 file has one token a line with whitespace-separated columns `token POS chunk
//! NER`; only the first (the token) and the last (the NER tag) are read, so a two-column
//! `token NER` file loads too. A blank line ends a sentence (several blank lines count as
//! one). A line whose first column is `-DOCSTART-` (`-DOCSTART- -X- -X- O` or
//! `-DOCSTART- -X- O O`) separates documents: every maximal run of sentences between two such
//! lines, or before the first or after the last, is one document, and runs with no sentence
//! are skipped. (The `eng.train` and `eng.testa` shipped here have no `-DOCSTART-` on their
//! first line but one on their last, so they need both rules.) A document's id is
//! `<file name>#<n>`, `n` counting the documents of the file from 1, and its `published` is
//! `None`.
//!
//! The document text is rebuilt exactly so: the tokens of a sentence joined by one space,
//! the sentences joined by `"\n"`, no trailing newline. Tokens never contain whitespace, so
//! the sentences of a native document are the lines of its text (see [`sentences`]).
//!
//! Tags are `O`, `B-X` or `I-X` with a non-empty type `X`; anything else is an error naming
//! the line. Chunks follow `conlleval`, so IOB1 (`eng.train`, `eng.testa`) and IOB2
//! (`conllpp_test.txt`) both decode right: a chunk of type `X` starts at `B-X`, or at `I-X`
//! when the previous tag is not `B-X`/`I-X` of the same type; it ends before `O`, before any
//! `B-`, before a tag of another type, and at the end of the sentence. An entity is the byte
//! span from the first byte of its first token to the end of its last token.
//!
//! [`load`] on a folder loads every regular file in it whose name does not start with `.`,
//! sorted by name, each as its own data set named `conll2003/<file name>`; on a file, that
//! file. A `.jsonl` file is the plain format instead (data set named by the file stem).
//!
//! # Plain format
//!
//! One [`NerDoc`] a line: `{"id", "text", "published", "entities": [{"start", "end",
//! "type"}]}`, offsets in bytes into `text` (start inclusive, end exclusive). In gold files a
//! line without an id gets its line number; spans must satisfy `start <= end <= text.len()`,
//! lie on character boundaries and have a non-empty type, and ids must be unique.
//! Predictions are not checked: a span that fits no gold entity is simply wrong.
//!
//! # Metrics
//!
//! An entity is the triple (start, end, type). A predicted entity is correct when a gold
//! entity of the same document has the same triple: exact boundaries and exact,
//! case-sensitive type. Matching is one-to-one: a triple predicted twice where the gold has
//! it once counts one correct and one wrong prediction. Counts are summed over every gold
//! document (micro-average, as `conlleval` does), and
//!
//! * `precision` = correct / predicted, `recall` = correct / gold, `f1` their harmonic mean,
//!   with the crate's empty-case conventions ([`crate::Counts`]): no gold and no prediction
//!   scores 1, anything else over an empty denominator scores 0.
//!
//! A gold document without prediction counts as one where nothing was predicted; predicted
//! documents with unknown ids are not scored. The details hold the totals, the same three
//! scores per type (`per_type`, with `gold`, `predicted` and `correct` counts), and the
//! numbers of missing, unknown and repeated predicted documents.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::{align_by_id, is_jsonl, Counts, Dataset, EvalError, TaskReport};

/// One document with its entities; its serde form is the plain JSONL format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NerDoc {
    /// Unique within the data set (`eng.testa#12` for native documents).
    #[serde(default)]
    pub id: String,
    /// The text the entity offsets point into (may be empty in predictions).
    #[serde(default)]
    pub text: String,
    /// Publication date, when known (never for CoNLL).
    #[serde(default)]
    pub published: Option<String>,
    /// The entities, in text order for native documents.
    #[serde(default)]
    pub entities: Vec<Entity>,
}

/// One entity mention: a byte span of the text and its type.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Entity {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// `PER`, `LOC`, `ORG`, `MISC` in CoNLL-2003.
    #[serde(rename = "type")]
    pub kind: String,
}

/// Data sets to score by default, relative to the gold root.
pub const DEFAULT_GOLD: &[&str] = &["conll2003/conllpp_test.txt", "conll2003/eng.testa"];

/// Loads a CoNLL file, a folder of them, or a plain `.jsonl` file (see the module
/// documentation). Returns one data set per file.
pub fn load(path: &Path) -> Result<Vec<Dataset<NerDoc>>, EvalError> {
    let meta = std::fs::metadata(path).map_err(|e| EvalError::io(path, e))?;
    if !meta.is_dir() {
        return Ok(vec![load_file(path)?]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(|e| EvalError::io(path, e))? {
        let entry = entry.map_err(|e| EvalError::io(path, e))?;
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        let file = entry.path();
        // Follows symbolic links, so a linked data file counts as a regular one.
        if std::fs::metadata(&file).is_ok_and(|m| m.is_file()) {
            files.push(file);
        }
    }
    files.sort();
    files.iter().map(|f| load_file(f)).collect()
}

/// Reads predictions in the plain format; a line without id gets its line number.
pub fn read_predictions(path: &Path) -> Result<Vec<NerDoc>, EvalError> {
    crate::read_documents(path, |d: &mut NerDoc| &mut d.id)
}

/// The sentences of a document: the non-empty lines of its text, which for a native
/// CoNLL document are exactly its sentences.
pub fn sentences(doc: &NerDoc) -> usize {
    doc.text.lines().filter(|l| !l.trim().is_empty()).count()
}

/// Scores `predicted` against `gold` (see the module documentation for the metrics).
pub fn score(gold: &Dataset<NerDoc>, predicted: &[NerDoc], system: &str) -> TaskReport {
    let aligned = align_by_id(
        &gold.documents,
        |d| d.id.as_str(),
        predicted,
        |d| d.id.as_str(),
    );
    let mut total = Counts::default();
    let mut per_type: BTreeMap<&str, Counts> = BTreeMap::new();
    for (g, p) in &aligned.pairs {
        let predicted = p.map_or(&[][..], |p| p.entities.as_slice());
        match_document(&g.entities, predicted, &mut total, &mut per_type);
    }
    let mut report = TaskReport::new("ner", &gold.name, system, gold.documents.len());
    report
        .metric("precision", total.precision())
        .metric("recall", total.recall())
        .metric("f1", total.f1());
    let per_type: BTreeMap<&str, serde_json::Value> = per_type
        .into_iter()
        .map(|(kind, c)| {
            let scores = serde_json::json!({
                "precision": c.precision(),
                "recall": c.recall(),
                "f1": c.f1(),
                "gold": c.gold,
                "predicted": c.predicted,
                "correct": c.tp,
            });
            (kind, scores)
        })
        .collect();
    report
        .detail("gold_entities", total.gold)
        .detail("predicted_entities", total.predicted)
        .detail("correct_entities", total.tp)
        .detail("per_type", per_type)
        .detail("missing_predictions", aligned.missing())
        .detail("unknown_predictions", aligned.unknown.len())
        .detail("repeated_predictions", aligned.repeated.len());
    report
}

/// Adds one document's matches to the totals: exact (start, end, type) triples, matched
/// one-to-one by counting each gold triple once.
fn match_document<'a>(
    gold: &'a [Entity],
    predicted: &'a [Entity],
    total: &mut Counts,
    per_type: &mut BTreeMap<&'a str, Counts>,
) {
    let mut unmatched: HashMap<(usize, usize, &str), usize> = HashMap::new();
    for e in gold {
        *unmatched.entry((e.start, e.end, &e.kind)).or_insert(0) += 1;
        per_type.entry(&e.kind).or_default().gold += 1;
        total.gold += 1;
    }
    for e in predicted {
        let counts = per_type.entry(&e.kind).or_default();
        counts.predicted += 1;
        total.predicted += 1;
        if let Some(left) = unmatched.get_mut(&(e.start, e.end, e.kind.as_str())) {
            if *left > 0 {
                *left -= 1;
                counts.tp += 1;
                total.tp += 1;
            }
        }
    }
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}

fn load_file(path: &Path) -> Result<Dataset<NerDoc>, EvalError> {
    if is_jsonl(path) {
        load_plain(path)
    } else {
        load_conll(path)
    }
}

fn load_plain(path: &Path) -> Result<Dataset<NerDoc>, EvalError> {
    let mut documents = Vec::new();
    for (line, doc) in crate::read_gold_documents(path, |d: &mut NerDoc| &mut d.id)? {
        for (i, e) in doc.entities.iter().enumerate() {
            let problem = crate::span_problem(&doc.text, e.start, e.end)
                .or_else(|| e.kind.is_empty().then(|| "has an empty type".to_string()));
            if let Some(why) = problem {
                return Err(EvalError::line(
                    path,
                    line,
                    format!("entity {} ({}..{} {}) {why}", i + 1, e.start, e.end, e.kind),
                ));
            }
        }
        documents.push(doc);
    }
    Ok(Dataset {
        name: crate::plain_dataset_name(path),
        documents,
        problems: Vec::new(),
    })
}

/// A document being rebuilt from CoNLL lines.
#[derive(Default)]
struct DocBuilder {
    text: String,
    entities: Vec<Entity>,
    sentences: usize,
}

/// An entity whose last token has not been seen yet.
struct Open<'a> {
    kind: &'a str,
    start: usize,
    end: usize,
}

impl DocBuilder {
    /// Appends one sentence of `(token, tag)` pairs, decoding its chunks.
    fn push_sentence(&mut self, tokens: &[(&str, Tag<'_>)]) {
        if tokens.is_empty() {
            return;
        }
        if self.sentences > 0 {
            self.text.push('\n');
        }
        self.sentences += 1;
        let mut open: Option<Open<'_>> = None;
        for (i, (token, tag)) in tokens.iter().enumerate() {
            if i > 0 {
                self.text.push(' ');
            }
            let start = self.text.len();
            self.text.push_str(token);
            let end = self.text.len();
            // I-X continues the open chunk only when that chunk has type X, which is the
            // conlleval rule "the previous tag is B-X or I-X".
            let continues = matches!((tag, &open), (Tag::Inside(k), Some(o)) if *k == o.kind);
            if continues {
                if let Some(o) = open.as_mut() {
                    o.end = end;
                }
                continue;
            }
            if let Some(o) = open.take() {
                self.close(o);
            }
            if let Tag::Begin(kind) | Tag::Inside(kind) = *tag {
                open = Some(Open { kind, start, end });
            }
        }
        if let Some(o) = open {
            self.close(o);
        }
    }

    fn close(&mut self, o: Open<'_>) {
        self.entities.push(Entity {
            start: o.start,
            end: o.end,
            kind: o.kind.to_string(),
        });
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum Tag<'a> {
    Outside,
    Begin(&'a str),
    Inside(&'a str),
}

fn parse_tag(tag: &str) -> Option<Tag<'_>> {
    if tag == "O" {
        return Some(Tag::Outside);
    }
    let (prefix, kind) = tag.split_once('-')?;
    if kind.is_empty() {
        return None;
    }
    match prefix {
        "B" => Some(Tag::Begin(kind)),
        "I" => Some(Tag::Inside(kind)),
        _ => None,
    }
}

fn load_conll(path: &Path) -> Result<Dataset<NerDoc>, EvalError> {
    let bytes = std::fs::read(path).map_err(|e| EvalError::io(path, e))?;
    let content = String::from_utf8(bytes).map_err(|e| {
        EvalError::format(
            path,
            format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
        )
    })?;
    let name = file_name(path);
    let mut documents = Vec::new();
    let mut doc = DocBuilder::default();
    let mut sentence: Vec<(&str, Tag<'_>)> = Vec::new();
    let finish_doc = |doc: DocBuilder, documents: &mut Vec<NerDoc>| {
        if doc.sentences > 0 {
            documents.push(NerDoc {
                id: format!("{name}#{}", documents.len() + 1),
                text: doc.text,
                published: None,
                entities: doc.entities,
            });
        }
    };
    for (i, line) in content.lines().enumerate() {
        let mut cols = line.split_whitespace();
        let Some(token) = cols.next() else {
            doc.push_sentence(&sentence);
            sentence.clear();
            continue;
        };
        if token == "-DOCSTART-" {
            doc.push_sentence(&sentence);
            sentence.clear();
            finish_doc(std::mem::take(&mut doc), &mut documents);
            continue;
        }
        let Some(raw_tag) = cols.next_back() else {
            return Err(EvalError::line(
                path,
                i + 1,
                format!("expected `token POS chunk NER`, found only {token:?}"),
            ));
        };
        let tag = parse_tag(raw_tag).ok_or_else(|| {
            EvalError::line(
                path,
                i + 1,
                format!("NER tag {raw_tag:?} is not O, B-TYPE or I-TYPE"),
            )
        })?;
        sentence.push((token, tag));
    }
    doc.push_sentence(&sentence);
    finish_doc(doc, &mut documents);
    Ok(Dataset {
        name: format!("conll2003/{}", file_name(path)),
        documents,
        problems: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn ent(start: usize, end: usize, kind: &str) -> Entity {
        Entity {
            start,
            end,
            kind: kind.to_string(),
        }
    }

    fn doc(id: &str, entities: Vec<Entity>) -> NerDoc {
        NerDoc {
            id: id.to_string(),
            text: "Ada met Bo in Rome today".to_string(),
            published: None,
            entities,
        }
    }

    fn gold(docs: Vec<NerDoc>) -> Dataset<NerDoc> {
        Dataset {
            name: "test".into(),
            documents: docs,
            problems: Vec::new(),
        }
    }

    fn prf(r: &TaskReport) -> (f64, f64, f64) {
        (
            r.get("precision").unwrap_or(f64::NAN),
            r.get("recall").unwrap_or(f64::NAN),
            r.get("f1").unwrap_or(f64::NAN),
        )
    }

    fn close(a: (f64, f64, f64), b: (f64, f64, f64)) -> bool {
        (a.0 - b.0).abs() < 1e-12 && (a.1 - b.1).abs() < 1e-12 && (a.2 - b.2).abs() < 1e-12
    }

    /// Gold: PER 0..3, PER 8..10, LOC 14..18 in one document.
    fn three() -> Vec<Entity> {
        vec![ent(0, 3, "PER"), ent(8, 10, "PER"), ent(14, 18, "LOC")]
    }

    #[test]
    fn perfect_prediction_scores_one() {
        let g = gold(vec![doc("a", three())]);
        let r = score(&g, &[doc("a", three())], "sys");
        assert_eq!(prf(&r), (1.0, 1.0, 1.0));
        let names: Vec<&str> = r.metrics.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(names, ["precision", "recall", "f1"]);
        assert_eq!(r.details["per_type"]["PER"]["correct"], 2);
        assert_eq!(r.task, "ner");
        assert_eq!(r.documents, 1);
    }

    #[test]
    fn empty_cases_follow_the_counts_conventions() {
        // Empty gold, two predictions: 0 correct of 2 predicted, 0 gold -> P = R = F = 0.
        let g = gold(vec![doc("a", vec![])]);
        let r = score(&g, &[doc("a", three()[..2].to_vec())], "sys");
        assert_eq!(prf(&r), (0.0, 0.0, 0.0));
        // Three gold, nothing predicted -> 0, 0, 0.
        let g = gold(vec![doc("a", three())]);
        let r = score(&g, &[doc("a", vec![])], "sys");
        assert_eq!(prf(&r), (0.0, 0.0, 0.0));
        // No prediction document at all: the same, and reported missing.
        let r = score(&g, &[], "sys");
        assert_eq!(prf(&r), (0.0, 0.0, 0.0));
        assert_eq!(r.details["missing_predictions"], 1);
        // Both empty -> 1, 1, 1 (nothing expected, nothing predicted).
        let g = gold(vec![doc("a", vec![])]);
        let r = score(&g, &[doc("a", vec![])], "sys");
        assert_eq!(prf(&r), (1.0, 1.0, 1.0));
        // No gold documents at all: also both empty.
        let r = score(&gold(vec![]), &[], "sys");
        assert_eq!(prf(&r), (1.0, 1.0, 1.0));
    }

    #[test]
    fn shifted_span_is_wrong_twice() {
        // LOC 14..18 predicted as 15..18: 2 correct of 3 predicted, of 3 gold.
        // P = R = 2/3, F = 2/3.
        let mut p = three();
        p[2].start = 15;
        let r = score(&gold(vec![doc("a", three())]), &[doc("a", p)], "sys");
        assert!(close(prf(&r), (2.0 / 3.0, 2.0 / 3.0, 2.0 / 3.0)));
        assert_eq!(r.details["per_type"]["LOC"]["correct"], 0);
        assert_eq!(r.details["per_type"]["LOC"]["f1"], 0.0);
    }

    #[test]
    fn dropped_span_lowers_recall_only() {
        // 2 correct of 2 predicted, of 3 gold: P = 1, R = 2/3, F = 2*(2/3)/(5/3) = 0.8.
        let p = three()[..2].to_vec();
        let r = score(&gold(vec![doc("a", three())]), &[doc("a", p)], "sys");
        assert!(close(prf(&r), (1.0, 2.0 / 3.0, 0.8)));
    }

    #[test]
    fn wrong_type_is_wrong_and_type_is_case_sensitive() {
        // PER 8..10 predicted as ORG, LOC as "loc": 1 correct of 3, of 3 gold.
        let mut p = three();
        p[1].kind = "ORG".into();
        p[2].kind = "loc".into();
        let r = score(&gold(vec![doc("a", three())]), &[doc("a", p)], "sys");
        assert!(close(prf(&r), (1.0 / 3.0, 1.0 / 3.0, 1.0 / 3.0)));
        // ORG was predicted once and never expected: its precision is 0, recall 0.
        assert_eq!(r.details["per_type"]["ORG"]["predicted"], 1);
        assert_eq!(r.details["per_type"]["ORG"]["gold"], 0);
        assert_eq!(r.details["per_type"]["ORG"]["recall"], 0.0);
    }

    #[test]
    fn duplicates_match_once_and_degenerate_spans_do_not_panic() {
        // Predicted: PER 0..3 twice, a zero-length span, an out-of-range span and one with
        // start > end. Gold: the three of `three()`. 1 correct of 5 predicted, of 3 gold:
        // P = 0.2, R = 1/3, F = 2*(1/15)/(8/15) = 0.25.
        let p = vec![
            ent(0, 3, "PER"),
            ent(0, 3, "PER"),
            ent(5, 5, "PER"),
            ent(500, 9000, "LOC"),
            ent(9, 2, "LOC"),
        ];
        let r = score(&gold(vec![doc("a", three())]), &[doc("a", p)], "sys");
        assert!(close(prf(&r), (0.2, 1.0 / 3.0, 0.25)));
    }

    #[test]
    fn micro_average_over_documents_and_unknown_ids() {
        // Doc a: 3 gold, prediction perfect (3 correct of 3).
        // Doc b: 1 gold PER 0..3, predicted nothing. Doc "zz" is unknown: ignored.
        // Totals: 3 correct, 3 predicted, 4 gold -> P = 1, R = 0.75, F = 1.5/1.75 = 6/7.
        let g = gold(vec![doc("a", three()), doc("b", vec![ent(0, 3, "PER")])]);
        let p = [doc("a", three()), doc("zz", three()), doc("b", vec![])];
        let r = score(&g, &p, "sys");
        assert!(close(prf(&r), (1.0, 0.75, 6.0 / 7.0)));
        assert_eq!(r.details["unknown_predictions"], 1);
        assert_eq!(r.details["missing_predictions"], 0);
        assert_eq!(r.details["gold_entities"], 4);
    }

    fn data(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/ner")
            .join(name)
    }

    fn spans(d: &NerDoc) -> Vec<(usize, usize, &str, &str)> {
        d.entities
            .iter()
            .map(|e| (e.start, e.end, e.kind.as_str(), &d.text[e.start..e.end]))
            .collect()
    }

    #[test]
    fn loads_iob1_with_leading_content_and_trailing_docstart() {
        let sets = load(&data("sample.iob1")).expect("sample loads");
        assert_eq!(sets.len(), 1);
        let set = &sets[0];
        assert_eq!(set.name, "conll2003/sample.iob1");
        assert_eq!(set.documents.len(), 2);
        let d = &set.documents[0];
        assert_eq!(d.id, "sample.iob1#1");
        assert_eq!(
            d.text,
            "The Velmor Trust hired Anja Kössel .\nQuarrington Bay Ostrel rain"
        );
        // "ö" takes two bytes, so everything after it is one byte further on.
        assert_eq!(
            spans(d),
            [
                (4, 16, "ORG", "Velmor Trust"),
                (23, 35, "PER", "Anja Kössel"),
                (38, 53, "LOC", "Quarrington Bay"),
                (54, 60, "LOC", "Ostrel"),
            ]
        );
        let d = &set.documents[1];
        assert_eq!(d.id, "sample.iob1#2");
        assert_eq!(d.text, "Pell met Dorn Tavi Grunwald\nCup final");
        // I-PER after O starts a chunk; B-PER after I-PER starts another; I-MISC after
        // B-PER changes type; a chunk never crosses a sentence boundary.
        assert_eq!(
            spans(d),
            [
                (0, 4, "PER", "Pell"),
                (9, 13, "PER", "Dorn"),
                (14, 18, "PER", "Tavi"),
                (19, 27, "MISC", "Grunwald"),
                (28, 31, "MISC", "Cup"),
            ]
        );
        let total: usize = set.documents.iter().map(sentences).sum();
        assert_eq!(total, 4);
        assert!(set.documents.iter().all(|d| d.published.is_none()));
    }

    #[test]
    fn loads_iob2_and_folders() {
        let set = &load(&data("sample.iob2")).expect("sample loads")[0];
        assert_eq!(set.documents.len(), 2);
        let d = &set.documents[0];
        assert_eq!(d.id, "sample.iob2#1");
        assert_eq!(d.text, "Mira Olt sails to Fenwick .");
        assert_eq!(
            spans(d),
            [(0, 8, "PER", "Mira Olt"), (18, 25, "LOC", "Fenwick")]
        );
        let d = &set.documents[1];
        assert_eq!(d.text, "Halden Halden wins\nvia Nordic rail");
        assert_eq!(
            spans(d),
            [
                (0, 6, "ORG", "Halden"),
                (7, 13, "ORG", "Halden"),
                (23, 34, "MISC", "Nordic rail"),
            ]
        );
        // The folder: its regular files, sorted; the `bad` sub-folder is not a file.
        let sets = load(&data("")).expect("folder loads");
        let names: Vec<&str> = sets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(
            names,
            ["plain", "conll2003/sample.iob1", "conll2003/sample.iob2"]
        );
    }

    #[test]
    fn loads_plain_jsonl_with_line_number_ids() {
        let set = &load(&data("plain.jsonl")).expect("plain loads")[0];
        assert_eq!(set.name, "plain");
        assert_eq!(set.documents.len(), 2);
        let d = &set.documents[0];
        assert_eq!(d.id, "a");
        assert_eq!(d.published.as_deref(), Some("2024-05-01"));
        assert_eq!(spans(d), [(0, 4, "PER", "Zoë"), (9, 13, "PER", "Ilse")]);
        // The second line has no id; there is a blank line before it, so it is line 3.
        assert_eq!(set.documents[1].id, "3");
        assert!(set.documents[1].entities.is_empty());
        let preds = read_predictions(&data("plain.jsonl")).expect("predictions load");
        assert_eq!(preds, set.documents);
    }

    #[test]
    fn malformed_files_name_the_line() {
        let err = load(&data("bad/missing_tag.conll")).expect_err("must fail");
        let msg = err.to_string();
        assert!(msg.contains("missing_tag.conll:6:"), "{msg}");
        let err = load(&data("bad/bad_tag.conll")).expect_err("must fail");
        let msg = err.to_string();
        assert!(
            msg.contains("bad_tag.conll:3:") && msg.contains("X-PER"),
            "{msg}"
        );
        let err = load(&data("bad/bad_span.jsonl")).expect_err("must fail");
        let msg = err.to_string();
        assert!(
            msg.contains("bad_span.jsonl:2:") && msg.contains("character boundaries"),
            "{msg}"
        );
        // Out of range, reversed and duplicate ids, written on the fly.
        let dir = std::env::temp_dir().join(format!("readout-ner-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        for (name, body, want) in [
            (
                "range.jsonl",
                "{\"text\":\"abc\",\"entities\":[{\"start\":1,\"end\":4,\"type\":\"X\"}]}\n",
                "range.jsonl:1: entity 1 (1..4 X) ends past",
            ),
            (
                "reversed.jsonl",
                "{\"text\":\"abc\"}\n{\"text\":\"abc\",\"entities\":[{\"start\":2,\"end\":1,\"type\":\"X\"}]}\n",
                "reversed.jsonl:2: entity 1 (2..1 X) starts after it ends",
            ),
            (
                "twice.jsonl",
                "{\"id\":\"q\",\"text\":\"\"}\n{\"id\":\"q\",\"text\":\"\"}\n",
                "twice.jsonl:2: id \"q\" already used on line 1",
            ),
        ] {
            let path = dir.join(name);
            std::fs::write(&path, body).expect("write sample");
            let msg = load(&path).expect_err(name).to_string();
            assert!(msg.contains(want), "{msg}");
        }
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn tags_decode() {
        assert_eq!(parse_tag("O"), Some(Tag::Outside));
        assert_eq!(parse_tag("B-LOC"), Some(Tag::Begin("LOC")));
        assert_eq!(parse_tag("I-MISC"), Some(Tag::Inside("MISC")));
        assert_eq!(parse_tag("I-"), None);
        assert_eq!(parse_tag("E-PER"), None);
        assert_eq!(parse_tag("PER"), None);
    }
}
