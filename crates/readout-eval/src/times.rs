//! Dates and times: finding temporal expressions (TIMEX3) in news text and normalising
//! them, scored as in TempEval-3 (UzZaman et al. 2013) on its TBAQ-cleaned TimeBank and
//! AQUAINT documents.
//!
//! # Plain format
//!
//! One [`TimesDoc`] a line: `{"id", "text", "published", "timexes": [{"start", "end",
//! "type", "value"}]}`. Spans are byte offsets into `text` (start inclusive, end exclusive).
//! `published` is the document creation time, against which relative expressions are
//! normalised (`null` when unknown). A line without `id` gets its line number (from 1). In
//! gold files every span must lie inside `text`, on character boundaries, with
//! `start <= end`, and ids must be unique; predictions are not checked (a bad predicted span
//! simply matches nothing). A timex without `type` or `value` reads them as empty strings.
//!
//! # Native format (TimeML `.tml`)
//!
//! [`load`] accepts a folder (every `*.tml` file in it, sorted by file name, becomes one
//! data set named after the folder) or a single `.tml` file (a data set named after the
//! file's stem). Each file is one document:
//!
//! * `id` is the trimmed text of `<DOCID>`, or the file stem when it is missing or empty.
//!   Two files of one folder with the same id are an error.
//! * `text` is the content of the single `<TEXT>` element exactly as it stands in the file,
//!   with every tag inside it removed (`EVENT`, `TIMEX3`, `SIGNAL`, ...) and references
//!   decoded (`&amp;` and the other four XML entities, `&#NN;`, `&#xNN;`); CDATA is kept
//!   verbatim. Whitespace and line breaks are kept byte for byte (no XML end-of-line
//!   normalisation either), so offsets are faithful to the file. A file without `<TEXT>`,
//!   or with two, is an error; so is an unknown entity.
//! * `timexes` are the `TIMEX3` elements inside `TEXT`, in document order, with the byte
//!   span of their content in `text`, their `type` attribute (required: a missing one is
//!   an error naming the line) and their `value` attribute. A TIMEX3 without `value` is
//!   kept with an empty value: its extent and type still count, and only an empty
//!   predicted value matches it. A TIMEX3 whose content has no non-whitespace character
//!   (including `<TIMEX3 .../>`, TimeML's non-consuming expressions) is skipped: it has no
//!   extent a system could find. (TBAQ-cleaned has none of either kind.)
//! * `published` is the `value` of the TIMEX3 inside `<DCT>` (the creation time); failing
//!   that, of any TIMEX3 outside `TEXT` with `functionInDocument="CREATION_TIME"`.
//!   Other TIMEX3 outside `TEXT` (in a `TITLE`, say) are ignored, because they have no
//!   place in `text`. (TBAQ-cleaned has none.)
//!
//! Errors name the file and, when the fault is at a place in it, the line.
//!
//! # Matching
//!
//! Documents are paired by id. Within a document, gold and predicted timexes are matched
//! one to one in two steps:
//!
//! 1. Exact pairs: each predicted timex, in order, takes the first still unmatched gold
//!    timex with the identical span (zero-length spans included).
//! 2. Overlapping pairs: among the timexes still unmatched, every gold/predicted pair whose
//!    spans share at least one byte (`min(ends) - max(starts) >= 1`) is a candidate. The
//!    candidates are taken greedily by greatest overlap in bytes; ties go to the earlier
//!    gold timex, then to the earlier predicted one. A taken pair removes both timexes.
//!
//! A predicted span with `start > end`, or past the end of the text, overlaps nothing and
//! can only match a gold span identical to it (which gold validation rules out), so it
//! never panics and never scores.
//!
//! # Metrics
//!
//! Counts are summed over all documents (micro average). Let `G` be the gold timexes, `S`
//! the predicted ones (of documents that are in the gold set), `strict` the exact pairs of
//! step 1 and `relaxed` all pairs (steps 1 and 2).
//!
//! * `extent_strict_precision/recall/f1`: `strict / S`, `strict / G`, their harmonic mean.
//! * `extent_relaxed_precision/recall/f1`: the same with `relaxed`.
//! * `type_accuracy`: relaxed pairs whose `type` is the same, over `relaxed`.
//! * `value_accuracy`: relaxed pairs whose `value` is the same, over `relaxed`.
//! * `type_f1`, `value_f1`: TempEval-3's attribute F1, with precision = relaxed pairs with
//!   the attribute right / `S` and recall = the same / `G`.
//!
//! Types and values are compared as exact strings after trimming whitespace at both ends
//! (no case folding, no value canonicalisation: `1998-01` and `1998-01-XX` differ). The
//! empty cases follow the crate's conventions: with nothing expected and nothing predicted,
//! precision, recall and F1 are 1; with one side empty and the other not, 0; accuracies
//! over no relaxed pairs are `None`.
//!
//! # Details
//!
//! `gold_timexes`, `predicted_timexes` (scored ones only), `strict_matches`,
//! `relaxed_matches`, `type_correct`, `value_correct`, `missing_predictions` (gold
//! documents with no prediction), `unknown_predictions` (predicted documents whose id is
//! not in the gold set; not scored), `repeated_predictions` (ids predicted more than once;
//! the first is used), and `per_type`: for every type, `gold`, `strict`, `relaxed`,
//! `type_correct` and `value_correct` count gold timexes of that type, while `predicted`
//! counts predicted timexes that carry that type.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use serde::{Deserialize, Serialize};

use crate::{accuracy, align_by_id, is_jsonl, Counts, Dataset, EvalError, TaskReport};

/// One document with its temporal expressions; its serde form is the task's plain JSONL
/// format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TimesDoc {
    /// The document's id (the line number when a JSONL line has none).
    #[serde(default)]
    pub id: String,
    /// The document text the spans point into (may be empty in predictions).
    #[serde(default)]
    pub text: String,
    /// The document creation time, as a TimeML value (`1998-01-08`, `1998-02-13T14:26:00`).
    #[serde(default)]
    pub published: Option<String>,
    /// The temporal expressions, in document order.
    #[serde(default)]
    pub timexes: Vec<Timex>,
}

/// One temporal expression.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Timex {
    /// Byte offset of the first byte in the text.
    pub start: usize,
    /// Byte offset just past the last byte.
    pub end: usize,
    /// `DATE`, `TIME`, `DURATION` or `SET`.
    #[serde(rename = "type", default)]
    pub kind: String,
    /// The normalised value (`1998-01-08`, `P1W`, `PRESENT_REF`, ...).
    #[serde(default)]
    pub value: String,
}

/// Data sets to score by default, relative to the gold root (`../shared/gold`).
pub const DEFAULT_GOLD: &[&str] = &["timebank"];

/// Loads gold: a folder of TimeML `.tml` files (one data set named after the folder), one
/// `.tml` file, or a plain `.jsonl` file (one data set named after the file stem). See the
/// module documentation for what is taken from TimeML.
pub fn load(path: &Path) -> Result<Vec<Dataset<TimesDoc>>, EvalError> {
    if path.is_dir() {
        return load_folder(path).map(|d| vec![d]);
    }
    let documents = if is_jsonl(path) {
        load_jsonl(path)?
    } else {
        vec![load_tml(path)?]
    };
    Ok(vec![Dataset {
        name: stem(path),
        documents,
        problems: Vec::new(),
    }])
}

/// Reads predictions in the plain JSONL format; a line without id gets its line number.
/// Spans are not checked: the scorer copes with any.
pub fn read_predictions(path: &Path) -> Result<Vec<TimesDoc>, EvalError> {
    crate::read_documents(path, |d: &mut TimesDoc| &mut d.id)
}

fn stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

fn load_folder(dir: &Path) -> Result<Dataset<TimesDoc>, EvalError> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| EvalError::io(dir, e))? {
        let file = entry.map_err(|e| EvalError::io(dir, e))?.path();
        let is_tml = file
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| e.eq_ignore_ascii_case("tml"));
        if is_tml && file.is_file() {
            files.push(file);
        }
    }
    if files.is_empty() {
        return Err(EvalError::format(dir, "no .tml file in this folder"));
    }
    files.sort();
    // Ids must be unique in a data set, or alignment would silently drop documents.
    let mut seen: HashMap<String, std::path::PathBuf> = HashMap::new();
    let mut documents = Vec::with_capacity(files.len());
    for file in &files {
        let doc = load_tml(file)?;
        if let Some(first) = seen.get(&doc.id) {
            return Err(EvalError::format(
                file,
                format!(
                    "document id {:?} is already used by {}",
                    doc.id,
                    first.display()
                ),
            ));
        }
        seen.insert(doc.id.clone(), file.clone());
        documents.push(doc);
    }
    Ok(Dataset {
        name: dir
            .file_name()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "timebank".to_string()),
        documents,
        problems: Vec::new(),
    })
}

fn load_jsonl(path: &Path) -> Result<Vec<TimesDoc>, EvalError> {
    let mut out = Vec::new();
    for (line, doc) in crate::read_gold_documents(path, |d: &mut TimesDoc| &mut d.id)? {
        for (i, t) in doc.timexes.iter().enumerate() {
            if let Some(problem) = crate::span_problem(&doc.text, t.start, t.end) {
                return Err(EvalError::line(
                    path,
                    line,
                    format!(
                        "document {:?}: timex {} ({}..{}) {problem}",
                        doc.id, i, t.start, t.end
                    ),
                ));
            }
        }
        out.push(doc);
    }
    Ok(out)
}

/// The line (from 1) of byte offset `pos` in `src`.
fn line_at(src: &str, pos: usize) -> usize {
    let pos = pos.min(src.len());
    src.as_bytes()[..pos]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// A TIMEX3 inside TEXT whose end tag has not been reached yet.
struct OpenTimex {
    start: usize,
    kind: String,
    value: String,
}

/// The value of attribute `name`, entities decoded, or `None` when absent.
fn attribute(
    path: &Path,
    line: impl Fn() -> usize,
    tag: &BytesStart,
    name: &str,
) -> Result<Option<String>, EvalError> {
    let bad = |e: String| EvalError::line(path, line(), format!("bad attribute: {e}"));
    for attr in tag.attributes() {
        let attr = attr.map_err(|e| bad(e.to_string()))?;
        if attr.key.as_ref() == name {
            let value = attr
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_err(|e| bad(e.to_string()))?;
            return Ok(Some(value.into_owned()));
        }
    }
    Ok(None)
}

/// Parses one TimeML file into a document (see the module documentation).
fn load_tml(path: &Path) -> Result<TimesDoc, EvalError> {
    let bytes = std::fs::read(path).map_err(|e| EvalError::io(path, e))?;
    let src =
        String::from_utf8(bytes).map_err(|e| EvalError::format(path, format!("not UTF-8: {e}")))?;
    parse_tml(path, &src)
}

/// The state of reading one TimeML file.
struct TmlParser<'a> {
    path: &'a Path,
    src: &'a str,
    /// Open elements with the byte offset they start at, to name an unclosed one.
    stack: Vec<(String, usize)>,
    text: String,
    /// Depth of the TEXT element while inside it.
    text_depth: Option<usize>,
    seen_text: bool,
    open: Vec<OpenTimex>,
    timexes: Vec<Timex>,
    docid: Option<String>,
    docid_depth: Option<usize>,
    dct_depth: Option<usize>,
    dct_value: Option<String>,
    creation_elsewhere: Option<String>,
}

impl TmlParser<'_> {
    /// A start tag at byte offset `pos`, or a self-closing one when `empty`.
    fn start(&mut self, tag: &BytesStart, empty: bool, pos: usize) -> Result<(), EvalError> {
        let path = self.path;
        // Counting lines is linear in the file, so it is done only for an error.
        let line = || line_at(self.src, pos);
        let name = tag.name().as_ref().to_string();
        let in_text = self.text_depth.is_some();
        match name.as_str() {
            "TEXT" if !in_text => {
                if self.seen_text {
                    return Err(EvalError::line(path, line(), "a second <TEXT> element"));
                }
                self.seen_text = true;
                if !empty {
                    self.text_depth = Some(self.stack.len());
                }
            }
            "TIMEX3" if in_text => {
                let kind = attribute(path, line, tag, "type")?.ok_or_else(|| {
                    EvalError::line(path, line(), "TIMEX3 without a type attribute")
                })?;
                let value = attribute(path, line, tag, "value")?.unwrap_or_default();
                // A self-closing TIMEX3 has no extent and is skipped; an open one waits for
                // its end tag.
                if !empty {
                    self.open.push(OpenTimex {
                        start: self.text.len(),
                        kind,
                        value,
                    });
                }
            }
            "TIMEX3" => {
                let value = attribute(path, line, tag, "value")?;
                if self.dct_depth.is_some() {
                    if self.dct_value.is_none() {
                        self.dct_value = value;
                    }
                } else if self.creation_elsewhere.is_none()
                    && attribute(path, line, tag, "functionInDocument")?.as_deref()
                        == Some("CREATION_TIME")
                {
                    self.creation_elsewhere = value;
                }
            }
            "DCT" if !empty && self.dct_depth.is_none() => {
                self.dct_depth = Some(self.stack.len());
            }
            "DOCID" if !empty && self.docid.is_none() => {
                self.docid_depth = Some(self.stack.len());
                self.docid = Some(String::new());
            }
            _ => {}
        }
        if !empty {
            self.stack.push((name, pos));
        }
        Ok(())
    }

    /// An end tag; quick-xml has already checked that it matches its start tag.
    fn end(&mut self, name: &str) {
        self.stack.pop();
        let depth = self.stack.len();
        match name {
            "TEXT" if self.text_depth == Some(depth) => self.text_depth = None,
            "TIMEX3" if self.text_depth.is_some() => {
                if let Some(t) = self.open.pop() {
                    if !self.text[t.start..].trim().is_empty() {
                        self.timexes.push(Timex {
                            start: t.start,
                            end: self.text.len(),
                            kind: t.kind,
                            value: t.value,
                        });
                    }
                }
            }
            "DCT" if self.dct_depth == Some(depth) => self.dct_depth = None,
            "DOCID" if self.docid_depth == Some(depth) => self.docid_depth = None,
            _ => {}
        }
    }

    /// Character data, already decoded.
    fn chars(&mut self, s: &str) {
        if self.text_depth.is_some() {
            self.text.push_str(s);
        }
        if self.docid_depth.is_some() {
            if let Some(d) = self.docid.as_mut() {
                d.push_str(s);
            }
        }
    }
}

fn parse_tml(path: &Path, src: &str) -> Result<TimesDoc, EvalError> {
    let mut reader = Reader::from_str(src);
    let mut p = TmlParser {
        path,
        src,
        stack: Vec::new(),
        text: String::new(),
        text_depth: None,
        seen_text: false,
        open: Vec::new(),
        timexes: Vec::new(),
        docid: None,
        docid_depth: None,
        dct_depth: None,
        dct_value: None,
        creation_elsewhere: None,
    };
    loop {
        let pos = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_event().map_err(|e| {
            let at = usize::try_from(reader.error_position()).unwrap_or(usize::MAX);
            EvalError::line(path, line_at(src, at), format!("malformed XML: {e}"))
        })?;
        match event {
            Event::Start(tag) => p.start(&tag, false, pos)?,
            Event::Empty(tag) => p.start(&tag, true, pos)?,
            Event::End(tag) => p.end(tag.name().as_ref()),
            // Text events hold the source verbatim: references come as their own events.
            Event::Text(t) => p.chars(&t),
            Event::CData(t) => p.chars(&t),
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => quick_xml::escape::resolve_xml_entity(&r)
                        .ok_or_else(|| {
                            let line = line_at(src, pos);
                            EvalError::line(path, line, format!("unknown entity &{};", &*r))
                        })?
                        .to_string(),
                    Err(e) => {
                        return Err(EvalError::line(
                            path,
                            line_at(src, pos),
                            format!("bad character reference &{};: {e}", &*r),
                        ))
                    }
                };
                p.chars(&resolved);
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if let Some((name, pos)) = p.stack.last() {
        return Err(EvalError::line(
            path,
            line_at(src, *pos),
            format!("<{name}> is never closed"),
        ));
    }
    if !p.seen_text {
        return Err(EvalError::format(path, "no <TEXT> element"));
    }
    // Timexes were recorded when they closed; a nested one closes first, so restore the
    // document order of their starts.
    let mut timexes = p.timexes;
    timexes.sort_by_key(|t| (t.start, std::cmp::Reverse(t.end)));
    let id = p
        .docid
        .map(|d| d.trim().to_string())
        .filter(|d| !d.is_empty())
        .unwrap_or_else(|| stem(path));
    Ok(TimesDoc {
        id,
        text: p.text,
        published: p.dct_value.or(p.creation_elsewhere),
        timexes,
    })
}

/// Matched pairs of one document: `(gold index, predicted index, exact)`.
fn match_timexes(gold: &[Timex], predicted: &[Timex]) -> Vec<(usize, usize, bool)> {
    let mut gold_used = vec![false; gold.len()];
    let mut pred_used = vec![false; predicted.len()];
    let mut pairs = Vec::new();
    // Step 1: identical spans, predicted order, first free gold.
    for (pi, p) in predicted.iter().enumerate() {
        if let Some(gi) = (0..gold.len())
            .find(|&gi| !gold_used[gi] && (gold[gi].start, gold[gi].end) == (p.start, p.end))
        {
            gold_used[gi] = true;
            pred_used[pi] = true;
            pairs.push((gi, pi, true));
        }
    }
    // Step 2: greatest overlap first, ties by gold order then predicted order.
    let mut candidates = Vec::new();
    for (gi, g) in gold.iter().enumerate().filter(|(gi, _)| !gold_used[*gi]) {
        for (pi, p) in predicted
            .iter()
            .enumerate()
            .filter(|(pi, _)| !pred_used[*pi])
        {
            let overlap = g.end.min(p.end).saturating_sub(g.start.max(p.start));
            if overlap > 0 {
                candidates.push((std::cmp::Reverse(overlap), gi, pi));
            }
        }
    }
    candidates.sort_unstable();
    for (_, gi, pi) in candidates {
        if !gold_used[gi] && !pred_used[pi] {
            gold_used[gi] = true;
            pred_used[pi] = true;
            pairs.push((gi, pi, false));
        }
    }
    pairs
}

/// Per-type tallies for the details.
#[derive(Debug, Default, Serialize)]
struct TypeTally {
    gold: usize,
    predicted: usize,
    strict: usize,
    relaxed: usize,
    type_correct: usize,
    value_correct: usize,
}

/// Scores predictions against one gold data set (see the module documentation).
pub fn score(gold: &Dataset<TimesDoc>, predicted: &[TimesDoc], system: &str) -> TaskReport {
    let aligned = align_by_id(
        &gold.documents,
        |d| d.id.as_str(),
        predicted,
        |d| d.id.as_str(),
    );
    let (mut n_gold, mut n_pred) = (0, 0);
    let (mut strict, mut relaxed, mut type_ok, mut value_ok) = (0, 0, 0, 0);
    let mut per_type: BTreeMap<String, TypeTally> = BTreeMap::new();
    for (g, p) in &aligned.pairs {
        let preds: &[Timex] = p.map_or(&[], |p| p.timexes.as_slice());
        n_gold += g.timexes.len();
        n_pred += preds.len();
        for t in &g.timexes {
            per_type.entry(t.kind.trim().to_string()).or_default().gold += 1;
        }
        for t in preds {
            per_type
                .entry(t.kind.trim().to_string())
                .or_default()
                .predicted += 1;
        }
        for (gi, pi, exact) in match_timexes(&g.timexes, preds) {
            let (gt, pt) = (&g.timexes[gi], &preds[pi]);
            let same_type = gt.kind.trim() == pt.kind.trim();
            let same_value = gt.value.trim() == pt.value.trim();
            relaxed += 1;
            strict += usize::from(exact);
            type_ok += usize::from(same_type);
            value_ok += usize::from(same_value);
            let tally = per_type.entry(gt.kind.trim().to_string()).or_default();
            tally.relaxed += 1;
            tally.strict += usize::from(exact);
            tally.type_correct += usize::from(same_type);
            tally.value_correct += usize::from(same_value);
        }
    }
    let strict_c = Counts::new(strict, n_pred, n_gold);
    let relaxed_c = Counts::new(relaxed, n_pred, n_gold);
    let type_c = Counts::new(type_ok, n_pred, n_gold);
    let value_c = Counts::new(value_ok, n_pred, n_gold);
    let mut report = TaskReport::new("times", &gold.name, system, gold.documents.len());
    report
        .metric("extent_strict_precision", strict_c.precision())
        .metric("extent_strict_recall", strict_c.recall())
        .metric("extent_strict_f1", strict_c.f1())
        .metric("extent_relaxed_precision", relaxed_c.precision())
        .metric("extent_relaxed_recall", relaxed_c.recall())
        .metric("extent_relaxed_f1", relaxed_c.f1())
        .metric("type_accuracy", accuracy(type_ok, relaxed))
        .metric("value_accuracy", accuracy(value_ok, relaxed))
        .metric("type_f1", type_c.f1())
        .metric("value_f1", value_c.f1());
    report
        .detail("gold_timexes", n_gold)
        .detail("predicted_timexes", n_pred)
        .detail("strict_matches", strict)
        .detail("relaxed_matches", relaxed)
        .detail("type_correct", type_ok)
        .detail("value_correct", value_ok)
        .detail("missing_predictions", aligned.missing())
        .detail("unknown_predictions", aligned.unknown.len())
        .detail("repeated_predictions", aligned.repeated.len())
        .detail("per_type", &per_type);
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tx(start: usize, end: usize, kind: &str, value: &str) -> Timex {
        Timex {
            start,
            end,
            kind: kind.to_string(),
            value: value.to_string(),
        }
    }

    fn doc(id: &str, text: &str, timexes: Vec<Timex>) -> TimesDoc {
        TimesDoc {
            id: id.to_string(),
            text: text.to_string(),
            published: None,
            timexes,
        }
    }

    fn gold(docs: Vec<TimesDoc>) -> Dataset<TimesDoc> {
        Dataset {
            name: "hand".to_string(),
            documents: docs,
            problems: Vec::new(),
        }
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    /// The ten metrics, in the contract's order.
    fn all(r: &TaskReport) -> Vec<Option<f64>> {
        r.metrics.iter().map(|m| m.value).collect()
    }

    const TEXT: &str = "On Monday we met for two hours, then again on Friday.";
    // Byte spans in TEXT: "Monday" 3..9, "two hours" 22..31, "Friday" 46..52.

    fn three() -> Vec<Timex> {
        vec![
            tx(3, 9, "DATE", "2031-05-12"),
            tx(22, 31, "DURATION", "PT2H"),
            tx(46, 52, "DATE", "2031-05-16"),
        ]
    }

    #[test]
    fn metric_names_are_in_the_contract_order() {
        let g = gold(vec![doc("a", TEXT, three())]);
        let r = score(&g, &[doc("a", "", three())], "sys");
        let names: Vec<&str> = r.metrics.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "extent_strict_precision",
                "extent_strict_recall",
                "extent_strict_f1",
                "extent_relaxed_precision",
                "extent_relaxed_recall",
                "extent_relaxed_f1",
                "type_accuracy",
                "value_accuracy",
                "type_f1",
                "value_f1"
            ]
        );
        assert_eq!((r.task.as_str(), r.dataset.as_str()), ("times", "hand"));
        assert_eq!((r.system.as_str(), r.documents, r.seconds), ("sys", 1, 0.0));
    }

    #[test]
    fn perfect_prediction_scores_one_everywhere() {
        let g = gold(vec![doc("a", TEXT, three())]);
        let r = score(&g, &[doc("a", "", three())], "sys");
        assert_eq!(all(&r), vec![Some(1.0); 10]);
        assert_eq!(r.details["strict_matches"], 3);
        assert_eq!(r.details["per_type"]["DATE"]["gold"], 2);
        assert_eq!(r.details["per_type"]["DURATION"]["relaxed"], 1);
    }

    #[test]
    fn empty_gold_with_predictions_scores_zero() {
        // Nothing expected, one thing predicted: every P/R/F is 0 (crate convention),
        // and there is no matched pair to take an accuracy over.
        let g = gold(vec![doc("a", TEXT, vec![])]);
        let r = score(&g, &[doc("a", "", vec![tx(3, 9, "DATE", "x")])], "sys");
        let zero_prf = [0, 1, 2, 3, 4, 5, 8, 9];
        for i in zero_prf {
            assert_eq!(r.metrics[i].value, Some(0.0), "{}", r.metrics[i].name);
        }
        assert_eq!(r.get("type_accuracy"), None);
        assert_eq!(r.metrics[7].value, None);
        assert_eq!(r.details["predicted_timexes"], 1);
    }

    #[test]
    fn empty_prediction_scores_zero_and_counts_missing() {
        // Three expected, nothing predicted (one document has no prediction at all):
        // P = R = F = 0, accuracies n/a.
        let g = gold(vec![doc("a", TEXT, three()), doc("b", TEXT, vec![])]);
        let r = score(&g, &[doc("b", "", vec![])], "sys");
        assert_eq!(r.get("extent_strict_precision"), Some(0.0));
        assert_eq!(r.get("extent_relaxed_recall"), Some(0.0));
        assert_eq!(r.get("value_f1"), Some(0.0));
        assert_eq!(r.get("value_accuracy"), None);
        assert_eq!(r.details["missing_predictions"], 1);
        assert_eq!(r.details["gold_timexes"], 3);
        assert_eq!(r.documents, 2);
    }

    #[test]
    fn both_empty_is_perfect_with_no_accuracies() {
        let g = gold(vec![doc("a", TEXT, vec![])]);
        let r = score(&g, &[], "sys");
        let v = all(&r);
        assert_eq!(&v[..6], &[Some(1.0); 6]);
        assert_eq!(&v[6..8], &[None, None]);
        assert_eq!(&v[8..], &[Some(1.0); 2]);
    }

    #[test]
    fn shifted_span_is_relaxed_but_not_strict() {
        // "two hours" 22..31 predicted as 18..27 ("for two "): 5 bytes overlap.
        // Strict: 2 of 3 both ways → P = R = F = 2/3. Relaxed: 3 of 3 → 1.
        let mut p = three();
        p[1].start = 18;
        p[1].end = 27;
        let g = gold(vec![doc("a", TEXT, three())]);
        let r = score(&g, &[doc("a", "", p)], "sys");
        assert!(close(r.get("extent_strict_precision"), 2.0 / 3.0));
        assert!(close(r.get("extent_strict_f1"), 2.0 / 3.0));
        assert_eq!(r.get("extent_relaxed_f1"), Some(1.0));
        assert_eq!(r.get("type_accuracy"), Some(1.0));
        assert_eq!(r.get("value_f1"), Some(1.0));
        assert_eq!(r.details["per_type"]["DURATION"]["strict"], 0);
        assert_eq!(r.details["per_type"]["DURATION"]["relaxed"], 1);
    }

    #[test]
    fn dropped_span_lowers_recall_only() {
        // Two of three predicted, both exact: P = 1, R = 2/3, F = 2·1·(2/3)/(5/3) = 0.8.
        let mut p = three();
        p.remove(2);
        let g = gold(vec![doc("a", TEXT, three())]);
        let r = score(&g, &[doc("a", "", p)], "sys");
        assert_eq!(r.get("extent_strict_precision"), Some(1.0));
        assert!(close(r.get("extent_strict_recall"), 2.0 / 3.0));
        assert!(close(r.get("extent_strict_f1"), 0.8));
        assert!(close(r.get("extent_relaxed_f1"), 0.8));
        // Both pairs have the right attributes: accuracy 1, attribute F1 = extent F1.
        assert_eq!(r.get("value_accuracy"), Some(1.0));
        assert!(close(r.get("value_f1"), 0.8));
    }

    #[test]
    fn right_span_wrong_value_and_wrong_type() {
        // All three spans exact. "Friday" gets the wrong value, "two hours" the wrong type.
        // type: 2 of 3 right → accuracy 2/3, type P = R = 2/3 → type_f1 2/3; same for value.
        let mut p = three();
        p[2].value = "2031-05-23".to_string();
        p[1].kind = "DATE".to_string();
        let g = gold(vec![doc("a", TEXT, three())]);
        let r = score(&g, &[doc("a", "", p)], "sys");
        assert_eq!(r.get("extent_strict_f1"), Some(1.0));
        assert!(close(r.get("type_accuracy"), 2.0 / 3.0));
        assert!(close(r.get("value_accuracy"), 2.0 / 3.0));
        assert!(close(r.get("type_f1"), 2.0 / 3.0));
        assert!(close(r.get("value_f1"), 2.0 / 3.0));
        assert_eq!(r.details["per_type"]["DATE"]["value_correct"], 1);
        // The predicted count by predicted type: DATE was predicted three times.
        assert_eq!(r.details["per_type"]["DATE"]["predicted"], 3);
        assert_eq!(r.details["per_type"]["DURATION"]["type_correct"], 0);
    }

    #[test]
    fn values_and_types_are_compared_after_trimming_only() {
        let g = gold(vec![doc("a", TEXT, vec![tx(3, 9, "DATE", "2031-05-12")])]);
        let trimmed = score(
            &g,
            &[doc("a", "", vec![tx(3, 9, " DATE\n", " 2031-05-12 ")])],
            "s",
        );
        assert_eq!(trimmed.get("value_accuracy"), Some(1.0));
        assert_eq!(trimmed.get("type_accuracy"), Some(1.0));
        let cased = score(
            &g,
            &[doc("a", "", vec![tx(3, 9, "date", "2031-05-12T00")])],
            "s",
        );
        assert_eq!(cased.get("value_accuracy"), Some(0.0));
        assert_eq!(cased.get("type_accuracy"), Some(0.0));
    }

    #[test]
    fn one_prediction_over_two_gold_timexes_matches_the_larger_overlap() {
        // "from March 3 to March 10": gold "March 3" 5..12 and "March 10" 16..24.
        // Predicted 5..24 overlaps the first by 7 bytes and the second by 8: it pairs with
        // "March 10" and carries the first one's value.
        // Strict: 0 → P = R = F = 0. Relaxed: 1 pair, 1 predicted, 2 gold → P = 1,
        // R = 1/2, F = 2/3. Type right (1/1), value wrong (0/1): type_f1 = 2/3, value_f1 = 0.
        let text = "from March 3 to March 10";
        let g = gold(vec![doc(
            "a",
            text,
            vec![
                tx(5, 12, "DATE", "XXXX-03-03"),
                tx(16, 24, "DATE", "XXXX-03-10"),
            ],
        )]);
        let r = score(
            &g,
            &[doc("a", "", vec![tx(5, 24, "DATE", "XXXX-03-03")])],
            "s",
        );
        assert_eq!(r.get("extent_strict_f1"), Some(0.0));
        assert_eq!(r.get("extent_relaxed_precision"), Some(1.0));
        assert_eq!(r.get("extent_relaxed_recall"), Some(0.5));
        assert!(close(r.get("extent_relaxed_f1"), 2.0 / 3.0));
        assert_eq!(r.get("type_accuracy"), Some(1.0));
        assert_eq!(r.get("value_accuracy"), Some(0.0));
        assert!(close(r.get("type_f1"), 2.0 / 3.0));
        assert_eq!(r.get("value_f1"), Some(0.0));
    }

    #[test]
    fn exact_pairs_come_before_overlaps_and_ties_go_by_order() {
        // Gold A 0..10. Predicted 0..20 comes first and overlaps A by 10 bytes, but the
        // later exact 0..10 takes A in step 1: strict 1, relaxed 1, of 2 predicted.
        let g = gold(vec![doc("a", TEXT, vec![tx(0, 10, "DATE", "v")])]);
        let r = score(
            &g,
            &[doc(
                "a",
                "",
                vec![tx(0, 20, "DATE", "w"), tx(0, 10, "DATE", "v")],
            )],
            "s",
        );
        assert_eq!(r.get("extent_strict_precision"), Some(0.5));
        assert_eq!(r.get("extent_relaxed_precision"), Some(0.5));
        assert_eq!(r.get("value_accuracy"), Some(1.0));
        // A tie: predicted 4..8 overlaps gold 0..6 and 6..10 by 2 bytes each; the earlier
        // gold wins, so its value (right here) is the one compared.
        let g = gold(vec![doc(
            "a",
            TEXT,
            vec![tx(0, 6, "DATE", "first"), tx(6, 10, "DATE", "second")],
        )]);
        let r = score(&g, &[doc("a", "", vec![tx(4, 8, "DATE", "first")])], "s");
        assert_eq!(r.get("value_accuracy"), Some(1.0));
        assert_eq!(r.get("extent_relaxed_recall"), Some(0.5));
        // Two predictions tie on one gold: the earlier prediction wins.
        let g = gold(vec![doc("a", TEXT, vec![tx(4, 8, "DATE", "x")])]);
        let r = score(
            &g,
            &[doc(
                "a",
                "",
                vec![tx(2, 6, "DATE", "y"), tx(6, 10, "DATE", "x")],
            )],
            "s",
        );
        assert_eq!(r.get("value_accuracy"), Some(0.0));
    }

    #[test]
    fn degenerate_spans_do_not_panic_or_match_by_overlap() {
        // Gold: 0..5 and a zero-length 7..7 (allowed in plain gold). Predicted: zero-length
        // 2..2 (overlaps nothing), 7..7 (exact: strict and relaxed match), 100..200 (past
        // the text), 9..3 (start after end). 1 match of 4 predicted, 2 gold:
        // P = 1/4, R = 1/2, F = 1/3, for strict and relaxed alike.
        let g = gold(vec![doc(
            "a",
            "0123456789",
            vec![tx(0, 5, "DATE", "a"), tx(7, 7, "DATE", "b")],
        )]);
        let p = vec![
            tx(2, 2, "DATE", "a"),
            tx(7, 7, "DATE", "b"),
            tx(100, 200, "DATE", "a"),
            tx(9, 3, "DATE", "a"),
        ];
        let r = score(&g, &[doc("a", "", p)], "s");
        assert_eq!(r.get("extent_strict_precision"), Some(0.25));
        assert_eq!(r.get("extent_relaxed_recall"), Some(0.5));
        assert!(close(r.get("extent_relaxed_f1"), 1.0 / 3.0));
        assert!(close(r.get("extent_strict_f1"), 1.0 / 3.0));
        // usize::MAX bounds must not overflow either.
        let r = score(
            &g,
            &[doc("a", "", vec![tx(usize::MAX, usize::MAX, "", "")])],
            "s",
        );
        assert_eq!(r.get("extent_relaxed_precision"), Some(0.0));
    }

    #[test]
    fn unknown_and_repeated_predictions_are_reported_not_scored() {
        let g = gold(vec![doc("a", TEXT, three())]);
        let preds = [
            doc("zzz", "", three()),
            doc("a", "", three()),
            doc("a", "", vec![]),
        ];
        let r = score(&g, &preds, "s");
        assert_eq!(r.details["unknown_predictions"], 1);
        assert_eq!(r.details["repeated_predictions"], 1);
        assert_eq!(r.details["missing_predictions"], 0);
        // Only the first "a" counts; "zzz" adds no predicted timexes.
        assert_eq!(r.details["predicted_timexes"], 3);
        assert_eq!(r.get("extent_strict_f1"), Some(1.0));
    }

    fn data(rel: &str) -> std::path::PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/times")
            .join(rel)
    }

    #[test]
    fn loads_a_folder_of_timeml() {
        let sets = load(&data("tiny")).expect("tiny folder loads");
        assert_eq!(sets.len(), 1);
        assert_eq!(sets[0].name, "tiny");
        let docs = &sets[0].documents;
        // Sorted by file name: first.tml, second.tml.
        assert_eq!(docs.len(), 2);
        let d = &docs[0];
        assert_eq!(d.id, "TINY-001");
        assert_eq!(d.published.as_deref(), Some("2031-05-14"));
        // Tags removed, "&amp;" and "&#233;" decoded, the leading newline kept.
        assert_eq!(
            d.text,
            "\nThe ferry left yesterday & docked after three hours.\nCafé owners meet every week."
        );
        assert_eq!(
            d.timexes,
            vec![
                tx(16, 25, "DATE", "2031-05-13"),
                tx(41, 52, "DURATION", "PT3H"),
                // "é" is two bytes, so this starts at byte 72, not character 71.
                tx(72, 82, "SET", "P1W"),
            ]
        );
        assert_eq!(&d.text[72..82], "every week");
        // The TIMEX3 in TITLE is not in the text and is ignored.
        let e = &docs[1];
        // No DOCID: the file stem.
        assert_eq!(e.id, "second");
        assert_eq!(e.published.as_deref(), Some("2031-06-01T09:30"));
        assert_eq!(
            e.text,
            "Snow fell this morning near the pass <north> of the lake, someday."
        );
        // The self-closing TIMEX3 is skipped; the one without value keeps an empty value.
        assert_eq!(
            e.timexes,
            vec![tx(10, 22, "TIME", "2031-06-01TMO"), tx(58, 65, "DATE", ""),]
        );
    }

    #[test]
    fn loads_one_timeml_file() {
        let sets = load(&data("tiny/second.tml")).expect("file loads");
        assert_eq!(sets[0].name, "second");
        assert_eq!(sets[0].documents.len(), 1);
        assert_eq!(sets[0].documents[0].timexes.len(), 2);
    }

    #[test]
    fn timeml_errors_name_file_and_line() {
        let err = load(&data("bad/mismatched.tml")).unwrap_err().to_string();
        assert!(err.contains("mismatched.tml:5:"), "{err}");
        let err = load(&data("bad/notype.tml")).unwrap_err().to_string();
        assert!(err.contains("notype.tml:7:"), "{err}");
        assert!(err.contains("without a type"), "{err}");
        let err = load(&data("bad/notext.tml")).unwrap_err().to_string();
        assert!(
            err.contains("notext.tml") && err.contains("no <TEXT>"),
            "{err}"
        );
        let err = load(&data("dup")).unwrap_err().to_string();
        assert!(err.contains("b.tml") && err.contains("\"SAME\""), "{err}");
        let err = load(&data("missing-folder/x.tml")).unwrap_err().to_string();
        assert!(err.contains("missing-folder/x.tml"), "{err}");
    }

    #[test]
    fn unclosed_and_unknown_entities_are_errors_not_panics() {
        let p = Path::new("inline.tml");
        let err = parse_tml(p, "<TimeML>\n<TEXT>a <TIMEX3 type=\"DATE\">b\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("inline.tml:"), "{err}");
        let err = parse_tml(p, "<TimeML>\n<TEXT>a &nbsp; b</TEXT></TimeML>")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("inline.tml:2:") && err.contains("nbsp"),
            "{err}"
        );
        let err = parse_tml(p, "<TimeML><TEXT>a</TEXT>\n<TEXT>b</TEXT></TimeML>")
            .unwrap_err()
            .to_string();
        assert!(err.contains("inline.tml:2:"), "{err}");
        assert!(parse_tml(p, "").is_err());
    }

    #[test]
    fn nested_timexes_keep_document_order() {
        let src = "<TimeML><TEXT><TIMEX3 type=\"DATE\" value=\"a\">x <TIMEX3 type=\"TIME\" \
                   value=\"b\">y</TIMEX3></TIMEX3> <TIMEX3 type=\"SET\" value=\"c\"> </TIMEX3></TEXT></TimeML>";
        let d = parse_tml(Path::new("n.tml"), src).expect("parses");
        assert_eq!(d.text, "x y  ");
        // The whitespace-only SET timex is skipped.
        assert_eq!(
            d.timexes,
            vec![tx(0, 3, "DATE", "a"), tx(2, 3, "TIME", "b")]
        );
    }

    #[test]
    fn loads_plain_jsonl_with_line_number_ids() {
        let sets = load(&data("plain.jsonl")).expect("plain loads");
        assert_eq!(sets[0].name, "plain");
        let docs = &sets[0].documents;
        assert_eq!(docs[0].id, "p1");
        assert_eq!(docs[0].published.as_deref(), Some("2031-02-01"));
        // The second document is on line 3 (line 2 is blank).
        assert_eq!(docs[1].id, "3");
        assert_eq!(docs[1].published, None);
        let t = &docs[1].timexes[0];
        assert_eq!(&docs[1].text[t.start..t.end], "3 mars");
        let preds = read_predictions(&data("plain.jsonl")).expect("reads");
        assert_eq!(preds, sets[0].documents);
    }

    #[test]
    fn plain_jsonl_errors_name_the_line() {
        let err = load(&data("bad_span.jsonl")).unwrap_err().to_string();
        assert!(
            err.contains("bad_span.jsonl:2:") && err.contains("past"),
            "{err}"
        );
        let err = load(&data("bad_boundary.jsonl")).unwrap_err().to_string();
        assert!(
            err.contains("bad_boundary.jsonl:1:") && err.contains("boundar"),
            "{err}"
        );
        let err = load(&data("dup_ids.jsonl")).unwrap_err().to_string();
        assert!(
            err.contains("dup_ids.jsonl:3:") && err.contains("line 1"),
            "{err}"
        );
        // Predictions are not span-checked: the scorer copes.
        assert_eq!(
            read_predictions(&data("bad_span.jsonl"))
                .expect("reads")
                .len(),
            2
        );
    }

    #[test]
    fn serde_form_is_the_plain_format() {
        let d = doc("a", "On Monday.", vec![tx(3, 9, "DATE", "2031-05-12")]);
        let v = serde_json::to_value(&d).expect("serialises");
        assert_eq!(
            v,
            serde_json::json!({"id": "a", "text": "On Monday.", "published": null,
                "timexes": [{"start": 3, "end": 9, "type": "DATE", "value": "2031-05-12"}]})
        );
        // A prediction may leave out text, published, type and value.
        let p: TimesDoc =
            serde_json::from_str(r#"{"timexes":[{"start":1,"end":2}]}"#).expect("parses");
        assert_eq!(p.timexes, vec![tx(1, 2, "", "")]);
    }
}
