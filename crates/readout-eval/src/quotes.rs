//! Quotations and their attribution: who said what, with which verb. Gold data is PolNeAR
//! (news articles from the 2015–16 US election with every attribution marked), or any file in
//! the plain JSONL format below.
//!
//! # Plain JSONL format
//!
//! One document a line:
//! `{"id", "text", "published", "quotes": [{"content": [s, e], "source": [s, e] | null,
//! "cue": [s, e] | null}]}`. Spans are byte offsets into the UTF-8 `text` (start inclusive,
//! end exclusive). Predictions may add `"source_mentions": [[s, e], ...]` to a quote: other
//! mentions of the speaker entity the system resolved the source to (a quote whose source is
//! "she" may list "Clinton"); they count for source accuracy. A line without `id` gets its
//! line number (from 1). Gold files are validated (spans in range, on character boundaries,
//! start <= end, ids unique); predictions are not, and bad predicted spans simply fail to
//! match.
//!
//! # PolNeAR (native format)
//!
//! `load` accepts the PolNeAR folder, which gives two data sets, `polnear/dev` then
//! `polnear/train`, or one split folder (`polnear/NAME`). A split holds `text/NAME.txt` and
//! `attributions/NAME_ANNOTATOR.ann` (BRAT stand-off); the PolNeAR folder (the parent of a
//! split) holds `metadata.tsv`, whose `publication_date` column gives `published` (a value
//! of `None` or empty gives `null`; without the file every date is `null`). Each text is one
//! document whose id is `NAME`; documents are in the order of their names.
//!
//! * **Annotator.** The annotator is the part of the `.ann` name after its last `_`. Some
//!   articles were annotated by several people (16 in train, 2 in dev, 5 or 6 files each);
//!   the file with the lexicographically smallest annotator id is used and the others are
//!   ignored. In PolNeAR this is always the first id of the metadata's `annotators` column,
//!   which is sorted. A text without any `.ann` file, or an `.ann` file without its text, is
//!   an error.
//! * **Offsets.** BRAT offsets in PolNeAR count Unicode characters (code points, including a
//!   stray U+FEFF inside two texts), not bytes: they are converted to byte offsets. Every
//!   `T` line's text is checked against the document (fragments of a discontinuous span
//!   joined by one space, as BRAT writes them), and a mismatch is an error naming the line;
//!   on the full data there is none.
//! * **Lines.** `T` lines (`T1<TAB>Source 110 112<TAB>we`, possibly with several fragments
//!   `2103 2168;2170 2425`) are text spans of any type (Source, Cue, Content, Attribution,
//!   Attribution-no-source, Discard, Discuss). When a span's text holds a line break, the
//!   following physical lines continue the `T` line until the next line that starts with an
//!   annotation id and a tab; they are joined back for the text check. `E` lines
//!   (`E1<TAB>Attribution:T4 Content:T3 Cue:T2 Source:T1`) link an attribution: the first
//!   argument is the trigger (its role name is the event type), the others are role:span
//!   pairs whose role names lose a trailing number (`Content2` is a second `Content`).
//!   `#` (notes), `A`, `R`, `M`, `N` and `*` lines are ignored, and so are blank lines.
//! * **Quotes.** A quote is one `E` line whose type is `Attribution` or
//!   `Attribution-no-source` and which has at least one `Content` argument; an `E` line
//!   without content (37 in the whole data, an event with no arguments at all or a cue only)
//!   is skipped. The role named in the `E` line decides what a span is, even where the `T`
//!   line's type disagrees (three lines in the data). A role with several arguments or with a
//!   discontinuous span becomes its hull, `[min start, max end]`, which may include text
//!   between the fragments (such as "he said" inside a split quotation). A quote has a source
//!   when the `E` line has a `Source` argument, whatever the event type says (one
//!   `Attribution-no-source` event has one, and a few `Attribution` events have none), and
//!   likewise for the cue. `Discard` and `Discuss` spans (annotators' "not an attribution"
//!   and "to discuss" marks) are never part of a quote. Quotes of a document are sorted by
//!   content, then source, then cue.
//!
//! # Metrics
//!
//! Everything is computed per document, on the text of the GOLD document, and summed over
//! documents before dividing. The tokens of a span are [`crate::word_tokens`] of the gold
//! text in that span, identified by their byte span, so a word cut by a span boundary is a
//! different token from the whole word.
//!
//! * **Overlap match.** The overlap of a gold content `g` and a predicted content `p` is
//!   `|tokens(g) ∩ tokens(p)| / max(|tokens(g)|, |tokens(p)|)`. A pair can match when the
//!   overlap is at least the threshold (0.5 in [`score`], any value in [`score_at`]) and
//!   they share at least one token; a content without any word token never matches. Pairs
//!   are matched one-to-one, greedily: the candidate pair of highest overlap first, ties to
//!   the earlier gold quote and then the earlier predicted quote (in list order).
//! * `content_overlap_precision`, `content_overlap_recall`, `content_overlap_f1`: matched
//!   pairs over predicted quotes, over gold quotes, and their F1 ([`Counts`]: no gold and
//!   no prediction scores 1, one side empty scores 0).
//! * `content_exact_f1`: F1 of exact matches, where a gold and a predicted content match
//!   when they have the same non-empty set of tokens (so spans that differ only by
//!   punctuation or spaces, such as a closing quotation mark, are exact), one-to-one, each
//!   gold quote in order taking the first unused predicted quote that matches it.
//! * `source_accuracy`: the share of overlap-matched pairs whose source is right: both
//!   sources are absent, or both are present and the predicted source span or one of its
//!   `source_mentions` overlaps the gold source span by at least one byte. A prediction
//!   without a source has no source, whatever its mentions. `None` when no pair matched.
//! * `cue_accuracy`: the same for cues, without mentions.
//!
//! Details: `gold_quotes`, `predicted_quotes`, `overlap_matched`, `exact_matched`,
//! `source_correct`, `cue_correct`, `gold_quotes_without_source`,
//! `gold_quotes_without_cue`, `threshold`, `missing_predictions` (gold documents without a
//! prediction), `unknown_predictions` (predicted ids not in the gold set) and
//! `repeated_predictions` (ids predicted twice; the first is used).

use std::collections::HashMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::{accuracy, align_by_id, is_jsonl, Counts, Dataset, EvalError, TaskReport};

/// Data sets to score by default, relative to the gold root (`../shared/gold`).
pub const DEFAULT_GOLD: &[&str] = &["polnear/dev", "polnear/train"];

/// The overlap a content pair needs to match in [`score`].
pub const DEFAULT_THRESHOLD: f64 = 0.5;

/// One document with its quotes; its serde form is the task's plain JSONL format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuoteDoc {
    /// The document's id (the PolNeAR file name without extension).
    #[serde(default)]
    pub id: String,
    /// The document's text (may be empty in predictions).
    #[serde(default)]
    pub text: String,
    /// The publication date (`YYYY-MM-DD` in PolNeAR), if known.
    #[serde(default)]
    pub published: Option<String>,
    /// The quotes, in the order of the source (sorted by content for PolNeAR).
    #[serde(default)]
    pub quotes: Vec<Quote>,
}

/// One attributed quote: what was said, who said it, and the word that says so.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// The quoted or reported content, as a byte span `[start, end)`.
    pub content: [usize; 2],
    /// The speaker, when the text names one.
    #[serde(default)]
    pub source: Option<[usize; 2]>,
    /// The cue (`said`, `according to`, a colon...), when there is one.
    #[serde(default)]
    pub cue: Option<[usize; 2]>,
    /// Predictions only: other mentions of the entity the source was resolved to; any of
    /// them overlapping the gold source makes the source right.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub source_mentions: Vec<[usize; 2]>,
}

/// Loads gold quotes: the PolNeAR folder (data sets `polnear/dev` then `polnear/train`), one
/// PolNeAR split folder, or a plain `.jsonl` file (one data set named after the file).
pub fn load(path: &Path) -> Result<Vec<Dataset<QuoteDoc>>, EvalError> {
    if is_jsonl(path) {
        return load_jsonl(path).map(|d| vec![d]);
    }
    if is_split(path) {
        let name = path
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or("split")
            .to_string();
        let metadata = match path.parent() {
            Some(parent) => read_metadata(&parent.join("metadata.tsv"))?,
            None => Metadata::default(),
        };
        return Ok(vec![load_split(path, &name, &metadata)?]);
    }
    if !path.is_dir() {
        return Err(EvalError::format(
            path,
            "not a .jsonl file, a PolNeAR folder or a PolNeAR split folder",
        ));
    }
    let metadata = read_metadata(&path.join("metadata.tsv"))?;
    let mut out = Vec::new();
    for split in ["dev", "train"] {
        let dir = path.join(split);
        if is_split(&dir) {
            out.push(load_split(&dir, split, &metadata)?);
        }
    }
    if out.is_empty() {
        return Err(EvalError::format(
            path,
            "neither a PolNeAR folder (dev/ or train/) nor a split folder (text/ and attributions/)",
        ));
    }
    Ok(out)
}

/// Reads predictions in the plain JSONL format; a line without id gets its line number.
/// Spans are not checked: a span that does not fit the gold text just fails to match.
pub fn read_predictions(path: &Path) -> Result<Vec<QuoteDoc>, EvalError> {
    crate::read_documents(path, |d: &mut QuoteDoc| &mut d.id)
}

/// Scores predictions against one gold data set with the overlap threshold 0.5 (see the
/// module documentation for every measure).
pub fn score(gold: &Dataset<QuoteDoc>, predicted: &[QuoteDoc], system: &str) -> TaskReport {
    score_at(gold, predicted, system, DEFAULT_THRESHOLD)
}

/// [`score`] with another overlap threshold: a content pair matches when its overlap is at
/// least `threshold` (and it shares at least one token).
pub fn score_at(
    gold: &Dataset<QuoteDoc>,
    predicted: &[QuoteDoc],
    system: &str,
    threshold: f64,
) -> TaskReport {
    let aligned = align_by_id(&gold.documents, |d| &d.id, predicted, |d| &d.id);
    let mut total = Tally::default();
    for (g, p) in &aligned.pairs {
        let pred: &[Quote] = p.map_or(&[], |p| &p.quotes);
        total.add(&score_document(&g.text, &g.quotes, pred, threshold));
    }
    let mut report = TaskReport::new("quotes", &gold.name, system, gold.documents.len());
    report
        .metric("content_overlap_precision", total.overlap.precision())
        .metric("content_overlap_recall", total.overlap.recall())
        .metric("content_overlap_f1", total.overlap.f1())
        .metric("content_exact_f1", total.exact.f1())
        .metric(
            "source_accuracy",
            accuracy(total.source_correct, total.overlap.tp),
        )
        .metric(
            "cue_accuracy",
            accuracy(total.cue_correct, total.overlap.tp),
        );
    report
        .detail("gold_quotes", total.overlap.gold)
        .detail("predicted_quotes", total.overlap.predicted)
        .detail("overlap_matched", total.overlap.tp)
        .detail("exact_matched", total.exact.tp)
        .detail("source_correct", total.source_correct)
        .detail("cue_correct", total.cue_correct)
        .detail("gold_quotes_without_source", total.gold_without_source)
        .detail("gold_quotes_without_cue", total.gold_without_cue)
        .detail("threshold", threshold)
        .detail("missing_predictions", aligned.missing())
        .detail("unknown_predictions", aligned.unknown.len())
        .detail("repeated_predictions", aligned.repeated.len());
    report
}

/// What one document (or a whole data set) contributes to the measures.
#[derive(Debug, Default, Clone, PartialEq)]
struct Tally {
    overlap: Counts,
    exact: Counts,
    source_correct: usize,
    cue_correct: usize,
    gold_without_source: usize,
    gold_without_cue: usize,
}

impl Tally {
    fn add(&mut self, other: &Tally) {
        self.overlap.add(other.overlap);
        self.exact.add(other.exact);
        self.source_correct += other.source_correct;
        self.cue_correct += other.cue_correct;
        self.gold_without_source += other.gold_without_source;
        self.gold_without_cue += other.gold_without_cue;
    }
}

/// Matches the quotes of one document and judges the matched pairs.
fn score_document(text: &str, gold: &[Quote], pred: &[Quote], threshold: f64) -> Tally {
    let tokens = |q: &Quote| crate::word_tokens(text, q.content[0], q.content[1]);
    let gold_tokens: Vec<Vec<(usize, usize)>> = gold.iter().map(tokens).collect();
    let pred_tokens: Vec<Vec<(usize, usize)>> = pred.iter().map(tokens).collect();

    // Every pair that may match, best first; the sort is stable on (gold, prediction)
    // order, which is how ties are broken.
    let mut candidates: Vec<(f64, usize, usize)> = Vec::new();
    for (gi, gt) in gold_tokens.iter().enumerate() {
        for (pi, pt) in pred_tokens.iter().enumerate() {
            let shared = shared_tokens(gt, pt);
            if shared == 0 {
                continue;
            }
            let overlap = shared as f64 / gt.len().max(pt.len()) as f64;
            if overlap >= threshold {
                candidates.push((overlap, gi, pi));
            }
        }
    }
    candidates.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let mut gold_used = vec![false; gold.len()];
    let mut pred_used = vec![false; pred.len()];
    let mut tally = Tally::default();
    for (_, gi, pi) in candidates {
        if gold_used[gi] || pred_used[pi] {
            continue;
        }
        gold_used[gi] = true;
        pred_used[pi] = true;
        tally.overlap.tp += 1;
        let (g, p) = (&gold[gi], &pred[pi]);
        if role_correct(g.source, p.source, &p.source_mentions) {
            tally.source_correct += 1;
        }
        if role_correct(g.cue, p.cue, &[]) {
            tally.cue_correct += 1;
        }
    }
    tally.overlap.gold = gold.len();
    tally.overlap.predicted = pred.len();

    // Exact matches: equal token sets are an equivalence, so taking them in gold order
    // gives the largest one-to-one matching.
    let mut pred_used = vec![false; pred.len()];
    for gt in gold_tokens.iter().filter(|t| !t.is_empty()) {
        if let Some(pi) = (0..pred.len()).find(|&pi| !pred_used[pi] && pred_tokens[pi] == *gt) {
            pred_used[pi] = true;
            tally.exact.tp += 1;
        }
    }
    tally.exact.gold = gold.len();
    tally.exact.predicted = pred.len();

    tally.gold_without_source = gold.iter().filter(|q| q.source.is_none()).count();
    tally.gold_without_cue = gold.iter().filter(|q| q.cue.is_none()).count();
    tally
}

/// Tokens in both sorted, disjoint token lists.
fn shared_tokens(a: &[(usize, usize)], b: &[(usize, usize)]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Whether a predicted role (with its extra mentions) agrees with the gold one.
fn role_correct(
    gold: Option<[usize; 2]>,
    pred: Option<[usize; 2]>,
    mentions: &[[usize; 2]],
) -> bool {
    match (gold, pred) {
        (None, None) => true,
        (Some(g), Some(p)) => std::iter::once(&p)
            .chain(mentions)
            .any(|m| spans_overlap(g, *m)),
        _ => false,
    }
}

/// Whether two byte spans share at least one byte (a reversed or empty span shares none).
fn spans_overlap(a: [usize; 2], b: [usize; 2]) -> bool {
    a[0].max(b[0]) < a[1].min(b[1])
}

// ---------------------------------------------------------------------------------------
// Plain JSONL gold.

fn load_jsonl(path: &Path) -> Result<Dataset<QuoteDoc>, EvalError> {
    let mut documents = Vec::new();
    for (line, doc) in crate::read_gold_documents(path, |d: &mut QuoteDoc| &mut d.id)? {
        for (k, q) in doc.quotes.iter().enumerate() {
            let roles = std::iter::once(("content", Some(q.content)))
                .chain([("source", q.source), ("cue", q.cue)])
                .chain(
                    q.source_mentions
                        .iter()
                        .map(|m| ("source mention", Some(*m))),
                );
            for (role, span) in roles {
                if let Some(span) = span {
                    if let Some(problem) = crate::span_problem(&doc.text, span[0], span[1]) {
                        return Err(EvalError::line(
                            path,
                            line,
                            format!("quote {k}: {role} span {span:?} {problem}"),
                        ));
                    }
                }
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

// ---------------------------------------------------------------------------------------
// PolNeAR.

fn is_split(dir: &Path) -> bool {
    dir.join("text").is_dir() && dir.join("attributions").is_dir()
}

/// Publication dates from `metadata.tsv`, by file name: `(compartment, date)` for every
/// row of that name.
#[derive(Debug, Default)]
struct Metadata {
    rows: HashMap<String, Vec<(String, Option<String>)>>,
}

impl Metadata {
    /// The date of `name` in split `split`, or of the only row of that name.
    fn published(&self, split: &str, name: &str) -> Option<String> {
        let rows = self.rows.get(name)?;
        match rows.iter().find(|(c, _)| c == split) {
            Some((_, date)) => date.clone(),
            None if rows.len() == 1 => rows[0].1.clone(),
            None => None,
        }
    }
}

/// Reads `metadata.tsv` if it exists (no file: no dates).
fn read_metadata(path: &Path) -> Result<Metadata, EvalError> {
    if !path.is_file() {
        return Ok(Metadata::default());
    }
    let content = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    let mut lines = content.lines().enumerate();
    let header: Vec<&str> = match lines.next() {
        Some((_, h)) => h.split('\t').collect(),
        None => return Ok(Metadata::default()),
    };
    let column = |name: &str| {
        header
            .iter()
            .position(|h| h.trim() == name)
            .ok_or_else(|| EvalError::line(path, 1, format!("no {name:?} column in the header")))
    };
    let filename = column("filename")?;
    let date = column("publication_date")?;
    let compartment = header.iter().position(|h| h.trim() == "compartment");
    let mut metadata = Metadata::default();
    for (i, line) in lines {
        if line.trim().is_empty() {
            continue;
        }
        let fields: Vec<&str> = line.split('\t').collect();
        let (Some(name), Some(published)) = (fields.get(filename), fields.get(date)) else {
            return Err(EvalError::line(
                path,
                i + 1,
                format!("{} fields, fewer than the header's", fields.len()),
            ));
        };
        let published = published.trim();
        let published =
            (!published.is_empty() && published != "None").then(|| published.to_string());
        let split = compartment
            .and_then(|c| fields.get(c))
            .map_or(String::new(), |c| c.trim().to_string());
        metadata
            .rows
            .entry(name.trim().to_string())
            .or_default()
            .push((split, published));
    }
    Ok(metadata)
}

/// Loads one split folder as the data set `polnear/<split>`.
fn load_split(
    dir: &Path,
    split: &str,
    metadata: &Metadata,
) -> Result<Dataset<QuoteDoc>, EvalError> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let mut names = files_with_extension(&text_dir, "txt")?;
    names.sort();
    // Article name -> annotator ids with a file for it.
    let mut annotators: HashMap<String, Vec<String>> = HashMap::new();
    for stem in files_with_extension(&ann_dir, "ann")? {
        let Some((article, annotator)) = stem.rsplit_once('_') else {
            return Err(EvalError::format(
                &ann_dir.join(format!("{stem}.ann")),
                "the name has no _ANNOTATOR suffix",
            ));
        };
        annotators
            .entry(article.to_string())
            .or_default()
            .push(annotator.to_string());
    }
    let known: std::collections::HashSet<&str> = names.iter().map(String::as_str).collect();
    let mut orphans: Vec<&String> = annotators
        .keys()
        .filter(|a| !known.contains(a.as_str()))
        .collect();
    orphans.sort();
    if let Some(orphan) = orphans.first() {
        return Err(EvalError::format(
            &ann_dir,
            format!("annotations for {orphan:?}, which has no text/{orphan}.txt"),
        ));
    }
    let mut documents = Vec::with_capacity(names.len());
    for name in names {
        let text_path = text_dir.join(format!("{name}.txt"));
        let annotator = annotators
            .get(&name)
            .and_then(|a| a.iter().min())
            .ok_or_else(|| {
                EvalError::format(&text_path, format!("no attributions/{name}_*.ann for it"))
            })?;
        let ann_path = ann_dir.join(format!("{name}_{annotator}.ann"));
        let text = std::fs::read_to_string(&text_path).map_err(|e| EvalError::io(&text_path, e))?;
        let ann = std::fs::read_to_string(&ann_path).map_err(|e| EvalError::io(&ann_path, e))?;
        let quotes = parse_ann(&ann_path, &ann, &text)?;
        let published = metadata.published(split, &name);
        documents.push(QuoteDoc {
            id: name,
            text,
            published,
            quotes,
        });
    }
    Ok(Dataset {
        name: format!("polnear/{split}"),
        documents,
        problems: Vec::new(),
    })
}

/// The stems of the files in `dir` with extension `ext`.
fn files_with_extension(dir: &Path, ext: &str) -> Result<Vec<String>, EvalError> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| EvalError::io(dir, e))? {
        let path = entry.map_err(|e| EvalError::io(dir, e))?.path();
        if path.extension().and_then(|e| e.to_str()) != Some(ext) || !path.is_file() {
            continue;
        }
        if let Some(stem) = path.file_stem().and_then(|s| s.to_str()) {
            out.push(stem.to_string());
        }
    }
    Ok(out)
}

/// Whether a physical line of an `.ann` file starts an annotation: an id (a letter among
/// T, E, R, A, M, N, # followed by digits, or `*`) and a tab.
fn starts_annotation(line: &str) -> bool {
    let Some((id, _)) = line.split_once('\t') else {
        return false;
    };
    let mut chars = id.chars();
    match chars.next() {
        Some('*') => chars.as_str().is_empty(),
        Some('T' | 'E' | 'R' | 'A' | 'M' | 'N' | '#') => {
            chars.as_str().chars().all(|c| c.is_ascii_digit())
        }
        _ => false,
    }
}

/// The quotes of one BRAT file over `text` (see the module documentation).
fn parse_ann(path: &Path, ann: &str, text: &str) -> Result<Vec<Quote>, EvalError> {
    // Byte offset of every character, and of the end.
    let mut byte_at: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_at.push(text.len());

    // Logical records with the line they start on; a T record absorbs the continuation
    // lines of a multi-line span text.
    let mut records: Vec<(usize, String)> = Vec::new();
    let mut continuing = false;
    for (i, line) in ann.lines().enumerate() {
        if starts_annotation(line) {
            records.push((i + 1, line.to_string()));
            continuing = line.starts_with('T');
        } else if continuing {
            if let Some((_, record)) = records.last_mut() {
                record.push('\n');
                record.push_str(line);
            }
        } else if !line.trim().is_empty() {
            return Err(EvalError::line(
                path,
                i + 1,
                format!("not a BRAT annotation line: {:?}", clip(line)),
            ));
        }
    }

    // T id -> byte fragments. The T line's type is not kept: the role named in the E line
    // decides what a span is.
    let mut spans: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
    for (line, record) in &records {
        if !record.starts_with('T') {
            continue;
        }
        let (id, rest) = record.split_once('\t').unwrap_or((record, ""));
        let (bound, span_text) = rest.split_once('\t').ok_or_else(|| {
            EvalError::line(
                path,
                *line,
                "a T line needs an id, a type with offsets, and a text",
            )
        })?;
        let (_kind, offsets) = bound
            .split_once(' ')
            .ok_or_else(|| EvalError::line(path, *line, format!("no offsets in {bound:?}")))?;
        let mut fragments = Vec::new();
        for fragment in offsets.split(';') {
            let numbers: Vec<usize> = fragment
                .split_whitespace()
                .map(str::parse)
                .collect::<Result<_, _>>()
                .map_err(|_| EvalError::line(path, *line, format!("bad offsets {fragment:?}")))?;
            let &[start, end] = numbers.as_slice() else {
                return Err(EvalError::line(
                    path,
                    *line,
                    format!("bad offsets {fragment:?}: expected START END"),
                ));
            };
            if start > end || end >= byte_at.len() {
                return Err(EvalError::line(
                    path,
                    *line,
                    format!(
                        "span {start}..{end} does not fit the text ({} characters)",
                        byte_at.len() - 1
                    ),
                ));
            }
            fragments.push((byte_at[start], byte_at[end]));
        }
        let joined = fragments
            .iter()
            .map(|&(s, e)| &text[s..e])
            .collect::<Vec<_>>()
            .join(" ");
        if joined != span_text && joined != span_text.trim_end_matches('\n') {
            return Err(EvalError::line(
                path,
                *line,
                format!(
                    "span text {:?} differs from the document's {:?} (offsets are read as characters)",
                    clip(span_text),
                    clip(&joined)
                ),
            ));
        }
        if spans.insert(id, fragments).is_some() {
            return Err(EvalError::line(
                path,
                *line,
                format!("{id} is defined twice"),
            ));
        }
    }

    let mut quotes = Vec::new();
    for (line, record) in &records {
        if !record.starts_with('E') {
            continue;
        }
        let (_, rest) = record.split_once('\t').unwrap_or((record, ""));
        let mut event_type = None;
        let mut roles: HashMap<&str, Vec<(usize, usize)>> = HashMap::new();
        for argument in rest.split_whitespace() {
            let (role, target) = argument.split_once(':').ok_or_else(|| {
                EvalError::line(path, *line, format!("argument {argument:?} is not ROLE:ID"))
            })?;
            let fragments = spans.get(target).ok_or_else(|| {
                EvalError::line(
                    path,
                    *line,
                    format!("{target} is not a T line of this file"),
                )
            })?;
            if event_type.is_none() {
                event_type = Some(role);
                continue;
            }
            let role = role.trim_end_matches(|c: char| c.is_ascii_digit());
            roles
                .entry(role)
                .or_default()
                .extend(fragments.iter().copied());
        }
        if !matches!(event_type, Some("Attribution" | "Attribution-no-source")) {
            continue;
        }
        let Some(content) = roles.get("Content").and_then(|f| hull(f)) else {
            continue;
        };
        quotes.push(Quote {
            content,
            source: roles.get("Source").and_then(|f| hull(f)),
            cue: roles.get("Cue").and_then(|f| hull(f)),
            source_mentions: Vec::new(),
        });
    }
    quotes.sort_by_key(|q| (q.content, q.source, q.cue));
    Ok(quotes)
}

/// `[min start, max end]` of some fragments, or `None` for none.
fn hull(fragments: &[(usize, usize)]) -> Option<[usize; 2]> {
    let start = fragments.iter().map(|f| f.0).min()?;
    let end = fragments.iter().map(|f| f.1).max()?;
    Some([start, end])
}

/// At most 60 characters of `s`, for error messages.
fn clip(s: &str) -> String {
    match s.char_indices().nth(60) {
        Some((i, _)) => format!("{}…", &s[..i]),
        None => s.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// "w00 w01 ... w39": token k is the bytes [4k, 4k + 3).
    fn text() -> String {
        (0..40)
            .map(|k| format!("w{k:02}"))
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// The span covering tokens a..b (b excluded).
    fn toks(a: usize, b: usize) -> [usize; 2] {
        [4 * a, 4 * b - 1]
    }

    fn q(content: [usize; 2], source: Option<[usize; 2]>, cue: Option<[usize; 2]>) -> Quote {
        Quote {
            content,
            source,
            cue,
            source_mentions: Vec::new(),
        }
    }

    fn doc(id: &str, quotes: Vec<Quote>) -> QuoteDoc {
        QuoteDoc {
            id: id.into(),
            text: text(),
            published: None,
            quotes,
        }
    }

    fn gold(quotes: Vec<Quote>) -> Dataset<QuoteDoc> {
        Dataset {
            name: "unit".into(),
            documents: vec![doc("d", quotes)],
            problems: Vec::new(),
        }
    }

    fn metrics(r: &TaskReport) -> Vec<Option<f64>> {
        r.metrics.iter().map(|m| m.value).collect()
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    /// Two gold quotes: A (tokens 0..10, source token 10, cue token 11) and B (tokens
    /// 20..25, no source, cue token 12).
    fn two() -> Vec<Quote> {
        vec![
            q(toks(0, 10), Some(toks(10, 11)), Some(toks(11, 12))),
            q(toks(20, 25), None, Some(toks(12, 13))),
        ]
    }

    #[test]
    fn metric_names_are_in_the_contract_order() {
        let r = score(&gold(two()), &[doc("d", two())], "s");
        let names: Vec<&str> = r.metrics.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "content_overlap_precision",
                "content_overlap_recall",
                "content_overlap_f1",
                "content_exact_f1",
                "source_accuracy",
                "cue_accuracy"
            ]
        );
    }

    #[test]
    fn perfect_prediction_scores_one_everywhere() {
        // Both quotes match themselves exactly; both sources (one present, one absent on
        // both sides) and both cues agree.
        let r = score(&gold(two()), &[doc("d", two())], "s");
        assert_eq!(metrics(&r), vec![Some(1.0); 6]);
        assert_eq!(r.details["overlap_matched"], 2);
        assert_eq!(r.details["exact_matched"], 2);
        assert_eq!(r.details["gold_quotes_without_source"], 1);
        assert_eq!(r.details["missing_predictions"], 0);
    }

    #[test]
    fn half_shared_tokens_match_at_one_half_but_not_at_six_tenths() {
        // Gold has 10 tokens (0..10); the prediction 10 tokens (5..15), 5 of them shared:
        // overlap 5 / max(10, 10) = 0.5.
        let g = gold(vec![q(toks(0, 10), None, None)]);
        let p = [doc("d", vec![q(toks(5, 15), None, None)])];
        let r = score_at(&g, &p, "s", 0.5);
        // Matched: P = R = F = 1; not exact (token sets differ); sources both absent, cues
        // both absent: right.
        assert_eq!(
            metrics(&r),
            vec![
                Some(1.0),
                Some(1.0),
                Some(1.0),
                Some(0.0),
                Some(1.0),
                Some(1.0)
            ]
        );
        let r = score_at(&g, &p, "s", 0.6);
        // No match: everything 0 and no pair to judge roles on.
        assert_eq!(
            metrics(&r),
            vec![Some(0.0), Some(0.0), Some(0.0), Some(0.0), None, None]
        );
        // A shorter prediction inside the gold: 5 shared / max(10, 5) = 0.5 again.
        let p = [doc("d", vec![q(toks(5, 10), None, None)])];
        assert_eq!(score(&g, &p, "s").get("content_overlap_f1"), Some(1.0));
        assert_eq!(
            score_at(&g, &p, "s", 0.6).get("content_overlap_f1"),
            Some(0.0)
        );
    }

    #[test]
    fn empty_gold_with_a_prediction_scores_zero() {
        // 0 matched of 1 predicted and 0 expected: P = 0, R = 0 (something was predicted),
        // F1 = 0, and no pair for the accuracies.
        let r = score(&gold(vec![]), &[doc("d", two()[..1].to_vec())], "s");
        assert_eq!(
            metrics(&r),
            vec![Some(0.0), Some(0.0), Some(0.0), Some(0.0), None, None]
        );
    }

    #[test]
    fn empty_prediction_scores_zero_and_a_missing_document_counts_as_empty() {
        let r = score(&gold(two()), &[doc("d", vec![])], "s");
        assert_eq!(
            metrics(&r),
            vec![Some(0.0), Some(0.0), Some(0.0), Some(0.0), None, None]
        );
        // No prediction for "d" at all, and one for an unknown document.
        let r = score(&gold(two()), &[doc("zz", two())], "s");
        assert_eq!(
            metrics(&r),
            vec![Some(0.0), Some(0.0), Some(0.0), Some(0.0), None, None]
        );
        assert_eq!(r.details["missing_predictions"], 1);
        assert_eq!(r.details["unknown_predictions"], 1);
        assert_eq!(r.details["predicted_quotes"], 0);
    }

    #[test]
    fn both_empty_scores_one_with_no_accuracy() {
        let r = score(&gold(vec![]), &[doc("d", vec![])], "s");
        assert_eq!(
            metrics(&r),
            vec![Some(1.0), Some(1.0), Some(1.0), Some(1.0), None, None]
        );
    }

    #[test]
    fn a_shifted_span_still_overlaps_but_is_not_exact() {
        // A shifted by 3 tokens: 7 shared / 10 = 0.7, a match; B exact. Overlap: 2 of 2.
        // Exact: 1 of 2 predicted and 1 of 2 gold, F1 = 0.5.
        let mut p = two();
        p[0].content = toks(3, 13);
        let r = score(&gold(two()), &[doc("d", p)], "s");
        assert_eq!(
            metrics(&r),
            vec![
                Some(1.0),
                Some(1.0),
                Some(1.0),
                Some(0.5),
                Some(1.0),
                Some(1.0)
            ]
        );
    }

    #[test]
    fn a_dropped_quote_lowers_recall_only() {
        // Only A predicted: P = 1/1, R = 1/2, F1 = 2/3 for both overlap and exact.
        let r = score(&gold(two()), &[doc("d", two()[..1].to_vec())], "s");
        assert_eq!(r.get("content_overlap_precision"), Some(1.0));
        assert_eq!(r.get("content_overlap_recall"), Some(0.5));
        assert!(close(r.get("content_overlap_f1"), 2.0 / 3.0));
        assert!(close(r.get("content_exact_f1"), 2.0 / 3.0));
        assert_eq!(r.get("source_accuracy"), Some(1.0));
    }

    #[test]
    fn wrong_source_and_cue_lower_the_accuracies() {
        // A's source moved to token 12 (gold: token 10): wrong; its cue right. B predicted
        // with a source where gold has none: wrong; its cue moved to token 30: wrong.
        // Source 0/2, cue 1/2.
        let mut p = two();
        p[0].source = Some(toks(12, 13));
        p[1].source = Some(toks(20, 21));
        p[1].cue = Some(toks(30, 31));
        let r = score(&gold(two()), &[doc("d", p.clone())], "s");
        assert_eq!(r.get("content_overlap_f1"), Some(1.0));
        assert_eq!(r.get("source_accuracy"), Some(0.0));
        assert_eq!(r.get("cue_accuracy"), Some(0.5));
        // A mention of A's speaker at token 10 makes A's source right: 1/2.
        p[0].source_mentions = vec![toks(30, 31), toks(10, 11)];
        let r = score(&gold(two()), &[doc("d", p.clone())], "s");
        assert_eq!(r.get("source_accuracy"), Some(0.5));
        // Without a source, mentions do not count: 0/2 again.
        p[0].source = None;
        let r = score(&gold(two()), &[doc("d", p)], "s");
        assert_eq!(r.get("source_accuracy"), Some(0.0));
    }

    #[test]
    fn roles_need_one_shared_byte() {
        // Gold source is bytes [40, 43) (token 10).
        let g = gold(vec![q(toks(0, 10), Some([40, 43]), None)]);
        let with_source = |s: [usize; 2]| [doc("d", vec![q(toks(0, 10), Some(s), None)])];
        // [42, 50) shares byte 42: right.
        assert_eq!(
            score(&g, &with_source([42, 50]), "s").get("source_accuracy"),
            Some(1.0)
        );
        // [43, 50) only touches the end: wrong. An empty or reversed span: wrong.
        assert_eq!(
            score(&g, &with_source([43, 50]), "s").get("source_accuracy"),
            Some(0.0)
        );
        assert_eq!(
            score(&g, &with_source([41, 41]), "s").get("source_accuracy"),
            Some(0.0)
        );
        assert_eq!(
            score(&g, &with_source([43, 40]), "s").get("source_accuracy"),
            Some(0.0)
        );
    }

    #[test]
    fn degenerate_spans_never_match_and_never_panic() {
        // Gold: A (tokens 0..10) and a content that is one space (bytes 3..4, no token).
        let g = gold(vec![q(toks(0, 10), None, None), q([3, 4], None, None)]);
        // Predicted: the same space, an empty span, a reversed span, a span past the text,
        // and A's exact span with an out-of-range source. Only A matches: 1 of 5 predicted,
        // 1 of 2 gold. P = 0.2, R = 0.5; exact the same; A's source is wrong (gold none).
        let p = [doc(
            "d",
            vec![
                q([3, 4], None, None),
                q([5, 5], None, None),
                q([20, 4], None, None),
                q([1000, 2000], Some([5000, 9000]), None),
                q(toks(0, 10), Some([5000, 9000]), Some([7, 3])),
            ],
        )];
        let r = score(&g, &p, "s");
        assert!(close(r.get("content_overlap_precision"), 0.2));
        assert!(close(r.get("content_overlap_recall"), 0.5));
        assert!(close(r.get("content_exact_f1"), 2.0 * 0.2 * 0.5 / 0.7));
        assert_eq!(r.get("source_accuracy"), Some(0.0));
        assert_eq!(r.get("cue_accuracy"), Some(0.0));
        // A mid-character bound on a text with a curly quote does not panic either.
        let mut d = doc("d", vec![q([0, 2], None, None)]);
        d.text = "“ab”".into();
        let g = Dataset {
            name: "u".into(),
            documents: vec![d.clone()],
            problems: Vec::new(),
        };
        d.quotes = vec![q([1, 6], None, None)];
        assert_eq!(score(&g, &[d], "s").get("content_overlap_f1"), Some(0.0));
    }

    #[test]
    fn matching_takes_the_best_pair_first() {
        // Gold G0 = tokens 0..10, G1 = tokens 0..6; one prediction P0 = tokens 0..6.
        // overlap(G0, P0) = 6/10, overlap(G1, P0) = 1: P0 goes to G1 although G0 is
        // earlier. G1's source is token 30, G0's token 31; P0 names token 30: right.
        let g = gold(vec![
            q(toks(0, 10), Some(toks(31, 32)), None),
            q(toks(0, 6), Some(toks(30, 31)), None),
        ]);
        let p = [doc("d", vec![q(toks(0, 6), Some(toks(30, 31)), None)])];
        let r = score(&g, &p, "s");
        assert_eq!(r.get("content_overlap_precision"), Some(1.0));
        assert_eq!(r.get("content_overlap_recall"), Some(0.5));
        assert_eq!(r.get("source_accuracy"), Some(1.0));
    }

    #[test]
    fn ties_go_to_the_earlier_gold_then_the_earlier_prediction() {
        // Two gold quotes and two predictions with the same content: all four pairs have
        // overlap 1. Ties pair G0 with P0 and G1 with P1, so the sources (token 30 for
        // the first, 31 for the second, on both sides) are all right.
        let g = gold(vec![
            q(toks(0, 4), Some(toks(30, 31)), None),
            q(toks(0, 4), Some(toks(31, 32)), None),
        ]);
        let p = [doc(
            "d",
            vec![
                q(toks(0, 4), Some(toks(30, 31)), None),
                q(toks(0, 4), Some(toks(31, 32)), None),
            ],
        )];
        assert_eq!(score(&g, &p, "s").get("source_accuracy"), Some(1.0));
    }

    #[test]
    fn exact_ignores_punctuation_and_spaces_at_the_edges() {
        // Gold content is “We won.” (with the curly quotes and the full stop); the
        // prediction is "We won": same tokens {We, won}, so exact.
        let text = "Ann said: “We won.” Then she left.".to_string();
        let start = text.find('“').unwrap_or(0);
        let end = text.find('”').map_or(0, |i| i + '”'.len_utf8());
        let we = text.find("We").unwrap_or(0);
        let g = Dataset {
            name: "u".into(),
            documents: vec![QuoteDoc {
                id: "d".into(),
                text: text.clone(),
                published: None,
                quotes: vec![q([start, end], None, None)],
            }],
            problems: Vec::new(),
        };
        let p = [QuoteDoc {
            id: "d".into(),
            text: String::new(),
            published: None,
            quotes: vec![q([we, we + "We won".len()], None, None)],
        }];
        let r = score(&g, &p, "s");
        assert_eq!(r.get("content_exact_f1"), Some(1.0));
        // Cutting a word ("We wo") makes a different token: 1 shared of 2, overlap 0.5,
        // still an overlap match but not exact.
        let mut p = p;
        p[0].quotes[0].content = [we, we + "We wo".len()];
        let r = score(&g, &p, "s");
        assert_eq!(r.get("content_overlap_f1"), Some(1.0));
        assert_eq!(r.get("content_exact_f1"), Some(0.0));
    }

    #[test]
    fn plain_format_round_trips_and_skips_empty_mentions() {
        let d = doc("d", two());
        let line = serde_json::to_string(&d).unwrap_or_default();
        assert!(!line.contains("source_mentions"));
        assert!(line.contains("\"source\":null"));
        let back: QuoteDoc = serde_json::from_str(&line).unwrap_or_else(|_| doc("x", vec![]));
        assert_eq!(back, d);
        // A minimal prediction line: no text, no published, no cue.
        let p: Result<QuoteDoc, _> = serde_json::from_str(
            r#"{"id":"d","quotes":[{"content":[0,3],"source_mentions":[[4,7]]}]}"#,
        );
        let p = p.unwrap_or_else(|_| doc("x", vec![]));
        assert_eq!(p.quotes.len(), 1);
        assert_eq!(p.quotes[0].source_mentions, vec![[4, 7]]);
    }

    // -----------------------------------------------------------------------------------
    // Loader tests on the samples in tests/data/quotes (sentences written for the tests).

    fn data(rel: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/quotes")
            .join(rel)
    }

    fn slice(text: &str, span: Option<[usize; 2]>) -> Option<&str> {
        span.map(|[s, e]| &text[s..e])
    }

    #[test]
    fn polnear_folder_gives_dev_then_train_with_byte_offsets() {
        let sets = load(&data("polnear")).expect("sample loads");
        let names: Vec<&str> = sets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["polnear/dev", "polnear/train"]);

        let dev = &sets[0].documents;
        assert_eq!(dev.len(), 1);
        let d = &dev[0];
        assert_eq!(d.id, "harbor-vote");
        assert_eq!(d.published.as_deref(), Some("2016-03-02"));
        // Four quotes: E5 has no content and is skipped; the Discuss span over a line
        // break (continuation line), the Discard span and the note are ignored.
        // Offsets worked out by hand: “ ” and — are 3 bytes each, so after the first
        // curly quote every byte offset is 2 more per such character than the character
        // offset in the .ann file.
        let expected = vec![
            q([27, 51], Some([52, 61]), Some([62, 66])),
            // Fragments 96..128 and 74..83 (characters): hull 74..128 → bytes 78..138.
            q([78, 138], Some([89, 92]), Some([93, 98])),
            q([160, 170], Some([139, 150]), Some([151, 159])),
            q([193, 212], None, Some([172, 187])),
        ];
        assert_eq!(d.quotes, expected);
        let t = &d.text;
        assert_eq!(
            slice(t, Some(d.quotes[0].content)),
            Some("“We need more time,”")
        );
        assert_eq!(slice(t, d.quotes[0].source), Some("the chair"));
        assert_eq!(
            slice(t, Some(d.quotes[1].content)),
            Some("Residents, she added, “deserve answers — not guesses.”")
        );
        assert_eq!(slice(t, d.quotes[1].source), Some("she"));
        assert_eq!(slice(t, d.quotes[2].cue), Some("declined"));
        assert_eq!(slice(t, d.quotes[3].cue), Some("It was reported"));

        let train = &sets[1].documents;
        assert_eq!(train.len(), 1);
        let d = &train[0];
        // The name holds an underscore; the annotator is after the last one, and of a9
        // and b2 the smaller, a9, is used: its quote has two Content arguments, whose hull
        // reaches the closing quotation mark. Its second event has no content.
        assert_eq!(d.id, "ferry_line");
        assert_eq!(d.published, None);
        assert_eq!(d.quotes, vec![q([49, 110], Some([27, 39]), Some([40, 48]))]);
        assert!(d.text[49..110].ends_with("“fully inspected.”"));
    }

    #[test]
    fn a_split_folder_is_one_data_set_with_the_parents_metadata() {
        let sets = load(&data("polnear/dev")).expect("split loads");
        assert_eq!(sets.len(), 1);
        assert_eq!(sets[0].name, "polnear/dev");
        assert_eq!(
            sets[0].documents[0].published.as_deref(),
            Some("2016-03-02")
        );
        assert_eq!(sets[0].documents[0].quotes.len(), 4);
    }

    #[test]
    fn offsets_past_the_text_name_the_line() {
        let err = load(&data("malformed")).expect_err("must fail").to_string();
        assert!(err.contains("pool_x1.ann:3:"), "{err}");
        assert!(err.contains("does not fit"), "{err}");
    }

    #[test]
    fn byte_offsets_are_caught_by_the_text_check() {
        // Line 1 is right in characters; line 2 gives byte offsets, which land on
        // "Lee sig" instead of "Ms. Lee".
        let err = load(&data("byte-offsets"))
            .expect_err("must fail")
            .to_string();
        assert!(err.contains("rain_x1.ann:2:"), "{err}");
    }

    #[test]
    fn plain_jsonl_gold_gets_line_numbers_as_ids_and_checks_spans() {
        let sets = load(&data("plain.jsonl")).expect("plain loads");
        assert_eq!(sets[0].name, "plain");
        let ids: Vec<&str> = sets[0].documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["1", "b"]);
        let d = &sets[0].documents[0];
        assert_eq!(
            slice(&d.text, Some(d.quotes[0].content)),
            Some("“Tea is ready.”")
        );
        assert_eq!(d.published.as_deref(), Some("2020-01-02"));
        // Line 2 starts its content inside the 3-byte “.
        let err = load(&data("bad-span.jsonl"))
            .expect_err("must fail")
            .to_string();
        assert!(err.contains("bad-span.jsonl:2:"), "{err}");
        assert!(err.contains("character boundaries"), "{err}");
        // Predictions are read without checks.
        let preds = read_predictions(&data("bad-span.jsonl")).expect("predictions load");
        assert_eq!(preds.len(), 2);
    }

    #[test]
    fn a_folder_that_is_not_polnear_is_an_error() {
        assert!(load(&data("polnear/dev/text")).is_err());
    }
}
