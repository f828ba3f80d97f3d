//! Dependency syntax: universal and language-specific part-of-speech tags, lemmas and the
//! basic dependency tree of each sentence, over the gold words, scored as the CoNLL 2018
//! shared task scores them (Zeman et al. 2018, "CoNLL 2018 Shared Task: Multilingual Parsing
//! from Raw Text to Universal Dependencies", its `conll18_ud_eval.py`) when the gold
//! tokenisation is given. Gold data is a Universal Dependencies treebank in CoNLL-U
//! (English-EWT by default), or any file in the plain JSONL format below.
//!
//! # Native format (CoNLL-U)
//!
//! [`load`] on a `.conllu` file reads it as one data set named `FOLDER/FILE`, the file's
//! name under the folder that holds it (for the default data, its path under the gold root:
//! `ud-ewt/en_ewt-ud-test.conllu`); on a folder, every `*.conllu` file in it, sorted by name,
//! each a data set of its own. A file that is not UTF-8 is an error.
//!
//! A sentence is a block of lines ended by a blank line or the end of the file. Comment lines
//! start with `#`; `# sent_id = X` gives the sentence's id and `# text = T` its text. A
//! sentence without `sent_id` gets `FILE#N`, `N` counting the sentences of the file from 1,
//! and an id already given gets `-2` (or `-3`, ...) appended, so that ids are unique and the
//! same on every load. Every other line is a word line of ten tab-separated columns `ID FORM
//! LEMMA UPOS XPOS FEATS HEAD DEPREL DEPS MISC`, of which three kinds are told apart by ID:
//!
//! * **Syntactic words** (`ID` an integer) are what is tagged, parsed and scored. They must
//!   be numbered 1, 2, 3, ... in order. `UPOS`, `HEAD` and `DEPREL` are required (not `_`),
//!   `HEAD` is 0 for the root or the ID of a word of the sentence. An `XPOS` of `_` is read as
//!   no tag (an empty string), and so is a `LEMMA` of `_`, unless the form itself is `_`.
//!   `FEATS` and `DEPS` are not read.
//! * **Multiword tokens** (`ID` a range `3-4`, such as "don't" over "do" and "n't") are kept
//!   aside in [`SyntaxDoc::multiword`] with their surface form, so that a system can see the
//!   text as written, but are never scored: the words they cover are.
//! * **Empty nodes** (`ID` a decimal `8.1`) belong to the enhanced graph, have no place in
//!   the basic tree, and are skipped.
//!
//! `SpaceAfter=No` in `MISC` gives [`SyntaxDoc::space_after`]: the words inside a multiword
//! token are followed by no space, and its last word takes the token's own `SpaceAfter`.
//!
//! A sentence that breaks these rules (a line without ten columns, an ID out of sequence, a
//! missing or non-numeric head, a head or a multiword range past the end of the sentence) is
//! reported in [`Dataset::problems`] with the file and line and left out; the rest of the
//! file is read. A block holding comments only is no sentence and is passed over.
//!
//! # Plain format
//!
//! One [`SyntaxDoc`] a line: `{"id", "text", "words", "space_after", "multiword", "upos",
//! "xpos", "lemmas", "heads", "deprels"}`, each per-word list in word order. `heads` follow
//! CoNLL-U: 0 for the root, else the 1-based index of the head word. `text`, `space_after`
//! and `multiword` are optional (and written only when known); every missing field reads as
//! empty, and a line without `id` gets its line number (from 1). In a gold file, `upos`,
//! `heads` and `deprels` must have one entry per word, `xpos`, `lemmas` and `space_after`
//! one per word or none, heads must point inside the sentence, multiword ranges must lie
//! inside it, and ids must be unique; anything else is an error naming the line, and the
//! file is refused, as every task's plain gold is.
//!
//! Predictions are read leniently: only the lists a system fills are needed (`upos`,
//! `heads` and `deprels`; `xpos` and `lemmas` when it gives them; `words` may be echoed or
//! left out). A list left empty scores as wrong on every word. A prediction that has a
//! non-empty list of another length than the gold sentence's word count answers another
//! tokenisation, which position-by-position scoring cannot compare: it is scored as if
//! nothing were predicted for the sentence (every word wrong, as for a missing prediction),
//! counted in `mismatched_predictions`, and its id listed (the first ten) in
//! `mismatched_ids`, for the command to warn about. This is how every task treats a
//! prediction it cannot use: counted, warned, never fatal.
//!
//! # Metrics
//!
//! The gold words are given to the system, so gold and predicted words are compared by
//! position, every word counted, punctuation included. Counts are summed over every gold
//! sentence (micro-average; a sentence with no usable prediction contributes its words as
//! wrong):
//!
//! * `upos_accuracy`: words whose predicted UPOS equals the gold one.
//! * `xpos_accuracy`: the same for XPOS, over gold words that have an XPOS; `None` (n/a) when
//!   the system gives XPOS for no sentence, or the gold has none.
//! * `lemma_accuracy`: the same for lemmas; `None` when the system gives no lemmas.
//! * `uas`: words whose predicted head is the gold head.
//! * `las`: words whose head is right and whose relation is right in its universal part,
//!   the label before the first `:` (`nsubj:pass` counts as `nsubj`), as the CoNLL 2018
//!   script compares them.
//! * `las_subtypes`: the same with the full label (`nsubj:pass` must be `nsubj:pass`).
//!
//! Labels, tags and lemmas are compared as exact, case-sensitive strings. A predicted head
//! past the end of the sentence is simply wrong.
//!
//! # Details
//!
//! `words` (gold words scored), `xpos_words` and `lemma_words` (gold words with an XPOS, a
//! lemma), `upos_correct`, `xpos_correct`, `lemma_correct`, `uas_correct`, `las_correct`,
//! `las_subtypes_correct`, `changed_words` (words a prediction echoed with another form than
//! the gold's; still scored by position), `per_relation`: for every gold relation (full
//! label), `gold` (its words), `correct` (head and universal relation right: its LAS),
//! `correct_subtypes` (head and full relation right) and `las` (`correct / gold`); then
//! `missing_predictions`, `unknown_predictions`, `repeated_predictions`,
//! `mismatched_predictions` and `mismatched_ids`.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::{accuracy, align_by_id, is_jsonl, Dataset, EvalError, TaskReport, UniqueIds};

/// Data sets to score by default, relative to the gold root: English-EWT's test set, then
/// its development set (CC BY-SA 4.0). The training set loads too but is not scored by
/// default, because readout's parser learns from it.
pub const DEFAULT_GOLD: &[&str] = &[
    "ud-ewt/en_ewt-ud-test.conllu",
    "ud-ewt/en_ewt-ud-dev.conllu",
];

/// How many ids of mismatched predictions the details list.
const LISTED_IDS: usize = 10;

/// One sentence with its words and their annotation; its serde form is the plain JSONL
/// format.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct SyntaxDoc {
    /// Unique within the data set: the CoNLL-U `sent_id` (`FILE#N` without one).
    #[serde(default)]
    pub id: String,
    /// The sentence as written (CoNLL-U `# text`), when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The syntactic words, in order: the gold tokenisation a system is given.
    #[serde(default)]
    pub words: Vec<String>,
    /// Whether each word is followed by a space in the text (from `SpaceAfter=No`); empty
    /// when unknown.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub space_after: Vec<bool>,
    /// Multiword tokens: surface forms over several words, not scored.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub multiword: Vec<MultiwordToken>,
    /// Universal part-of-speech tag per word.
    #[serde(default)]
    pub upos: Vec<String>,
    /// Language-specific tag per word (Penn tags for English); empty when not given, and
    /// an empty string for a word without one.
    #[serde(default)]
    pub xpos: Vec<String>,
    /// Lemma per word; empty when not given, and an empty string for a word without one.
    #[serde(default)]
    pub lemmas: Vec<String>,
    /// Head per word: 0 for the root, else the 1-based index of the head word.
    #[serde(default)]
    pub heads: Vec<usize>,
    /// Relation to the head per word, with its subtype (`nsubj:pass`).
    #[serde(default)]
    pub deprels: Vec<String>,
}

/// A multiword token of CoNLL-U: the surface form of the words `first..=last`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MultiwordToken {
    /// The first word covered (1-based).
    pub first: usize,
    /// The last word covered (1-based).
    pub last: usize,
    /// The surface form ("don't").
    pub form: String,
}

/// Loads a CoNLL-U file, a folder of them, or a plain `.jsonl` file (see the module
/// documentation). Sentences of a CoNLL-U file that break its rules are left out and named
/// in [`Dataset::problems`].
pub fn load(path: &Path) -> Result<Vec<Dataset<SyntaxDoc>>, EvalError> {
    let meta = std::fs::metadata(path).map_err(|e| EvalError::io(path, e))?;
    if !meta.is_dir() {
        return Ok(vec![load_file(path)?]);
    }
    let mut files = Vec::new();
    for entry in std::fs::read_dir(path).map_err(|e| EvalError::io(path, e))? {
        let file = entry.map_err(|e| EvalError::io(path, e))?.path();
        let conllu = file
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("conllu"));
        // Follows symbolic links, so a linked data file counts as a regular one.
        if conllu && std::fs::metadata(&file).is_ok_and(|m| m.is_file()) {
            files.push(file);
        }
    }
    files.sort();
    files.iter().map(|f| load_file(f)).collect()
}

/// Reads predictions in the plain format; a line without id gets its line number. Nothing
/// is checked here: the scorer copes with any lengths and heads.
pub fn read_predictions(path: &Path) -> Result<Vec<SyntaxDoc>, EvalError> {
    crate::read_documents(path, |d: &mut SyntaxDoc| &mut d.id)
}

/// The universal part of a relation: the label before its first `:`.
pub fn universal(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}

/// Counts for one gold relation.
#[derive(Debug, Clone, Copy, Default, Serialize)]
struct RelationCounts {
    gold: usize,
    correct: usize,
    correct_subtypes: usize,
}

/// Every count the measures are made of, summed over sentences.
#[derive(Debug, Default)]
struct Totals<'a> {
    words: usize,
    xpos_words: usize,
    lemma_words: usize,
    upos: usize,
    xpos: usize,
    lemma: usize,
    uas: usize,
    las: usize,
    las_subtypes: usize,
    changed_words: usize,
    /// Whether any usable prediction gave XPOS (lemmas): without, the measure is n/a.
    xpos_given: bool,
    lemmas_given: bool,
    per_relation: BTreeMap<&'a str, RelationCounts>,
}

/// Scores `predicted` against `gold` (see the module documentation for the measures).
pub fn score(gold: &Dataset<SyntaxDoc>, predicted: &[SyntaxDoc], system: &str) -> TaskReport {
    let aligned = align_by_id(
        &gold.documents,
        |d| d.id.as_str(),
        predicted,
        |d| d.id.as_str(),
    );
    let mut totals = Totals::default();
    let mut mismatched: Vec<&str> = Vec::new();
    for (g, p) in &aligned.pairs {
        let usable = match p {
            Some(p) if fits(g, p) => Some(*p),
            Some(p) => {
                mismatched.push(&p.id);
                None
            }
            None => None,
        };
        add_sentence(g, usable, &mut totals);
    }
    let t = &totals;
    let mut report = TaskReport::new("syntax", &gold.name, system, gold.documents.len());
    report
        .metric("upos_accuracy", accuracy(t.upos, t.words))
        .metric(
            "xpos_accuracy",
            accuracy(t.xpos, t.xpos_words).filter(|_| t.xpos_given),
        )
        .metric(
            "lemma_accuracy",
            accuracy(t.lemma, t.lemma_words).filter(|_| t.lemmas_given),
        )
        .metric("uas", accuracy(t.uas, t.words))
        .metric("las", accuracy(t.las, t.words))
        .metric("las_subtypes", accuracy(t.las_subtypes, t.words));
    let per_relation: BTreeMap<&str, serde_json::Value> = t
        .per_relation
        .iter()
        .map(|(label, c)| {
            let value = serde_json::json!({
                "gold": c.gold,
                "correct": c.correct,
                "correct_subtypes": c.correct_subtypes,
                "las": accuracy(c.correct, c.gold),
            });
            (*label, value)
        })
        .collect();
    report
        .detail("words", t.words)
        .detail("xpos_words", t.xpos_words)
        .detail("lemma_words", t.lemma_words)
        .detail("upos_correct", t.upos)
        .detail("xpos_correct", t.xpos)
        .detail("lemma_correct", t.lemma)
        .detail("uas_correct", t.uas)
        .detail("las_correct", t.las)
        .detail("las_subtypes_correct", t.las_subtypes)
        .detail("changed_words", t.changed_words)
        .detail("per_relation", per_relation)
        .detail("missing_predictions", aligned.missing())
        .detail("unknown_predictions", aligned.unknown.len())
        .detail("repeated_predictions", aligned.repeated.len())
        .detail("mismatched_predictions", mismatched.len())
        .detail(
            "mismatched_ids",
            &mismatched[..mismatched.len().min(LISTED_IDS)],
        );
    report
}

/// Whether a prediction answers the gold sentence's words: every list it fills has one
/// entry per gold word. Lists left empty are allowed (they score as wrong).
fn fits(gold: &SyntaxDoc, p: &SyntaxDoc) -> bool {
    let n = gold.words.len();
    let fits = |len: usize| len == 0 || len == n;
    fits(p.words.len())
        && fits(p.upos.len())
        && fits(p.xpos.len())
        && fits(p.lemmas.len())
        && fits(p.heads.len())
        && fits(p.deprels.len())
}

/// A gold annotation that counts: present and not the CoNLL-U "no value" mark.
fn annotated(value: Option<&String>) -> Option<&str> {
    value.map(String::as_str).filter(|v| !v.is_empty())
}

/// Adds one gold sentence to the totals, against its prediction if it has a usable one.
fn add_sentence<'a>(g: &'a SyntaxDoc, p: Option<&SyntaxDoc>, t: &mut Totals<'a>) {
    let empty = SyntaxDoc::default();
    let p = p.unwrap_or(&empty);
    t.xpos_given |= !p.xpos.is_empty();
    t.lemmas_given |= !p.lemmas.is_empty();
    for i in 0..g.words.len() {
        t.words += 1;
        if p.words.get(i).is_some_and(|w| *w != g.words[i]) {
            t.changed_words += 1;
        }
        let same =
            |gold: Option<&String>, predicted: Option<&String>| gold.is_some() && gold == predicted;
        t.upos += usize::from(same(g.upos.get(i), p.upos.get(i)));
        if let Some(x) = annotated(g.xpos.get(i)) {
            t.xpos_words += 1;
            t.xpos += usize::from(p.xpos.get(i).is_some_and(|px| px == x));
        }
        if let Some(l) = annotated(g.lemmas.get(i)) {
            t.lemma_words += 1;
            t.lemma += usize::from(p.lemmas.get(i).is_some_and(|pl| pl == l));
        }
        let head_right = same_head(g.heads.get(i), p.heads.get(i));
        let gold_rel = g.deprels.get(i).map_or("", String::as_str);
        let predicted_rel = p.deprels.get(i).map(String::as_str);
        let las = head_right && predicted_rel.is_some_and(|r| universal(r) == universal(gold_rel));
        let las_subtypes = head_right && predicted_rel == Some(gold_rel);
        t.uas += usize::from(head_right);
        t.las += usize::from(las);
        t.las_subtypes += usize::from(las_subtypes);
        let rel = t.per_relation.entry(gold_rel).or_default();
        rel.gold += 1;
        rel.correct += usize::from(las);
        rel.correct_subtypes += usize::from(las_subtypes);
    }
}

fn same_head(gold: Option<&usize>, predicted: Option<&usize>) -> bool {
    gold.is_some() && gold == predicted
}

fn load_file(path: &Path) -> Result<Dataset<SyntaxDoc>, EvalError> {
    if is_jsonl(path) {
        load_plain(path)
    } else {
        let bytes = std::fs::read(path).map_err(|e| EvalError::io(path, e))?;
        let content = String::from_utf8(bytes).map_err(|e| {
            EvalError::format(
                path,
                format!("not UTF-8 (byte {})", e.utf8_error().valid_up_to()),
            )
        })?;
        Ok(read_conllu(path, &content))
    }
}

/// Why a gold sentence of the plain format cannot be scored, if it cannot.
fn plain_problem(doc: &SyntaxDoc) -> Option<String> {
    let n = doc.words.len();
    for (field, len, optional) in [
        ("upos", doc.upos.len(), false),
        ("heads", doc.heads.len(), false),
        ("deprels", doc.deprels.len(), false),
        ("xpos", doc.xpos.len(), true),
        ("lemmas", doc.lemmas.len(), true),
        ("space_after", doc.space_after.len(), true),
    ] {
        if len != n && !(optional && len == 0) {
            let allowed = if optional { " (or none)" } else { "" };
            return Some(format!("{field} has {len} entries for {n} words{allowed}"));
        }
    }
    if let Some((i, h)) = doc.heads.iter().enumerate().find(|(_, h)| **h > n) {
        return Some(format!(
            "word {} has head {h}, past the {n} words of the sentence",
            i + 1
        ));
    }
    doc.multiword
        .iter()
        .find(|m| m.first == 0 || m.first > m.last || m.last > n)
        .map(|m| {
            format!(
                "multiword token {}-{} ({:?}) is not a range of the {n} words",
                m.first, m.last, m.form
            )
        })
}

fn load_plain(path: &Path) -> Result<Dataset<SyntaxDoc>, EvalError> {
    let mut documents = Vec::new();
    for (line, doc) in crate::read_gold_documents(path, |d: &mut SyntaxDoc| &mut d.id)? {
        if let Some(why) = plain_problem(&doc) {
            return Err(EvalError::line(path, line, format!("{}: {why}", doc.id)));
        }
        documents.push(doc);
    }
    Ok(Dataset {
        name: crate::plain_dataset_name(path),
        documents,
        problems: Vec::new(),
    })
}

/// The data set name of a CoNLL-U file: `FOLDER/FILE`, or `FILE` at the root of a path.
fn conllu_dataset_name(path: &Path) -> String {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    match path.parent().and_then(Path::file_name) {
        Some(folder) => format!("{}/{file}", folder.to_string_lossy()),
        None => file,
    }
}

/// A sentence being read from CoNLL-U lines.
#[derive(Default)]
struct SentenceBuilder {
    id: Option<String>,
    text: Option<String>,
    doc: SyntaxDoc,
    /// The line of each word and of each multiword token, for errors found when the
    /// sentence is complete.
    lines: Vec<usize>,
    multiword_lines: Vec<usize>,
    /// The last word of the open multiword token and its own `SpaceAfter`.
    open_multiword: Option<(usize, bool)>,
    /// The block's first word line, if it has one (a block of comments alone is no
    /// sentence).
    first_line: Option<usize>,
    /// The first fault found; the sentence is left out.
    fault: Option<(usize, String)>,
}

impl SentenceBuilder {
    /// Reads one word line (not a comment, not blank). A fault is kept, not returned: the
    /// rest of the block is passed over until the blank line that ends it.
    fn word_line(&mut self, line: &str, line_no: usize) {
        self.first_line.get_or_insert(line_no);
        if self.fault.is_some() {
            return;
        }
        if let Err(why) = self.parse_word_line(line, line_no) {
            self.fault = Some((line_no, why));
        }
    }

    fn parse_word_line(&mut self, line: &str, line_no: usize) -> Result<(), String> {
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 10 {
            return Err(format!(
                "expected 10 tab-separated columns, found {}",
                cols.len()
            ));
        }
        let (id, form, lemma, upos, xpos, head, deprel, misc) = (
            cols[0], cols[1], cols[2], cols[3], cols[4], cols[6], cols[7], cols[9],
        );
        let space_after = !misc.split('|').any(|f| f == "SpaceAfter=No");
        if let Some((first, last)) = id.split_once('-') {
            let range = first.parse::<usize>().ok().zip(last.parse::<usize>().ok());
            let next = self.doc.words.len() + 1;
            return match range {
                Some((first, last)) if first == next && last > first => {
                    self.doc.multiword.push(MultiwordToken {
                        first,
                        last,
                        form: form.to_string(),
                    });
                    self.open_multiword = Some((last, space_after));
                    self.multiword_lines.push(line_no);
                    Ok(())
                }
                _ => Err(format!(
                    "multiword token ID {id:?} is not a range starting at word {next}"
                )),
            };
        }
        if id.contains('.') {
            // An empty node of the enhanced graph: no place in the basic tree.
            return Ok(());
        }
        let expected = self.doc.words.len() + 1;
        if id.parse::<usize>().ok() != Some(expected) {
            return Err(format!("word ID {id:?} where {expected} was expected"));
        }
        if upos.is_empty() || upos == "_" {
            return Err(format!("word {id} has no UPOS"));
        }
        let head: usize = head
            .parse()
            .map_err(|_| format!("word {id} has head {head:?}, not a number"))?;
        if deprel.is_empty() || deprel == "_" {
            return Err(format!("word {id} has no DEPREL"));
        }
        // Inside a multiword token the words are written together; its last word is
        // followed by whatever follows the token.
        let space_after = match self.open_multiword {
            Some((last, token_space)) if expected == last => {
                self.open_multiword = None;
                token_space
            }
            Some(_) => false,
            None => space_after,
        };
        let no_value = |v: &str| {
            if v == "_" {
                String::new()
            } else {
                v.to_string()
            }
        };
        let d = &mut self.doc;
        d.words.push(form.to_string());
        d.space_after.push(space_after);
        // "_" is CoNLL-U's "no value", except as the lemma of the word "_" itself.
        d.lemmas.push(if form == "_" {
            lemma.to_string()
        } else {
            no_value(lemma)
        });
        d.upos.push(upos.to_string());
        d.xpos.push(no_value(xpos));
        d.heads.push(head);
        d.deprels.push(deprel.to_string());
        self.lines.push(line_no);
        Ok(())
    }

    /// The fault found once every word is known, if any: no word at all, or a head or a
    /// multiword range past the end of the sentence.
    fn final_fault(&self) -> Option<(usize, String)> {
        let n = self.doc.words.len();
        if n == 0 {
            let line = self.first_line.unwrap_or_default();
            return Some((line, "sentence without a syntactic word".to_string()));
        }
        if let Some(i) = self.doc.heads.iter().position(|h| *h > n) {
            return Some((
                self.lines[i],
                format!(
                    "word {} has head {}, past the {n} words of the sentence",
                    i + 1,
                    self.doc.heads[i]
                ),
            ));
        }
        let past_end = self.doc.multiword.iter().position(|m| m.last > n);
        past_end.map(|i| {
            let m = &self.doc.multiword[i];
            (
                self.multiword_lines[i],
                format!(
                    "multiword token {}-{} ({:?}) ends past the {n} words of the sentence",
                    m.first, m.last, m.form
                ),
            )
        })
    }
}

/// Reads CoNLL-U text (see the module documentation); `path` names the data set and the
/// problems.
fn read_conllu(path: &Path, content: &str) -> Dataset<SyntaxDoc> {
    let file = path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    let mut documents = Vec::new();
    let mut problems = Vec::new();
    let mut ids = UniqueIds::default();
    let mut ordinal = 0;
    let mut sentence = SentenceBuilder::default();
    let mut finish = |s: SentenceBuilder| {
        if s.first_line.is_none() {
            return;
        }
        ordinal += 1;
        let base = s.id.clone().unwrap_or_else(|| format!("{file}#{ordinal}"));
        if let Some((line, why)) = s.fault.clone().or_else(|| s.final_fault()) {
            problems.push(EvalError::line(
                path,
                line,
                format!("{why}; sentence {base} left out"),
            ));
            return;
        }
        let mut doc = s.doc;
        doc.id = ids.make(&base);
        doc.text = s.text;
        // A list with no value at all is a treebank without that annotation.
        if doc.xpos.iter().all(String::is_empty) {
            doc.xpos.clear();
        }
        if doc.lemmas.iter().all(String::is_empty) {
            doc.lemmas.clear();
        }
        documents.push(doc);
    };
    for (i, line) in content.lines().enumerate() {
        if line.trim().is_empty() {
            finish(std::mem::take(&mut sentence));
        } else if let Some(comment) = line.strip_prefix('#') {
            if let Some((key, value)) = comment.split_once('=') {
                match key.trim() {
                    "sent_id" => sentence.id = Some(value.trim().to_string()),
                    "text" => sentence.text = Some(value.trim().to_string()),
                    _ => {}
                }
            }
        } else {
            sentence.word_line(line, i + 1);
        }
    }
    finish(sentence);
    Dataset {
        name: conllu_dataset_name(path),
        documents,
        problems,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    /// Two sentences written for these tests. The first has a multiword token ("don't"
    /// over "do" + "n't") and an empty node (5.1), which must be skipped; the second has
    /// no `sent_id` and a subtyped relation.
    const SAMPLE: &str = "\
# sent_id = s1
# text = I don't know.
1\tI\tI\tPRON\tPRP\t_\t4\tnsubj\t_\t_
2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_
2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_
3\tn't\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_
4\tknow\tknow\tVERB\tVB\t_\t0\troot\t_\tSpaceAfter=No
4.1\tknow\tknow\tVERB\tVB\t_\t_\t_\t4:conj\t_
5\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_

# text = It was seen.
1\tIt\tit\tPRON\tPRP\t_\t3\tnsubj:pass\t_\t_
2\twas\tbe\tAUX\tVBD\t_\t3\taux:pass\t_\t_
3\tseen\tsee\tVERB\tVBN\t_\t0\troot\t_\t_
";

    fn sample() -> Dataset<SyntaxDoc> {
        read_conllu(Path::new("/data/ud/sample.conllu"), SAMPLE)
    }

    fn value(r: &TaskReport, name: &str) -> Option<f64> {
        r.metrics
            .iter()
            .find(|m| m.name == name)
            .unwrap_or_else(|| panic!("no measure {name}"))
            .value
    }

    fn close(got: Option<f64>, want: f64) -> bool {
        got.is_some_and(|g| (g - want).abs() < 1e-12)
    }

    #[test]
    fn reads_words_multiword_tokens_and_skips_empty_nodes() {
        let set = sample();
        assert!(set.problems.is_empty(), "{:?}", set.problems);
        assert_eq!(set.name, "ud/sample.conllu");
        assert_eq!(set.documents.len(), 2);
        let d = &set.documents[0];
        assert_eq!(d.id, "s1");
        assert_eq!(d.text.as_deref(), Some("I don't know."));
        // Five syntactic words: the token "don't" is kept aside, the empty node 4.1 is gone.
        assert_eq!(d.words, ["I", "do", "n't", "know", "."]);
        assert_eq!(
            d.multiword,
            [MultiwordToken {
                first: 2,
                last: 3,
                form: "don't".into()
            }]
        );
        // "do" is written against "n't"; "n't" ends the token, which is followed by a
        // space; "know" has SpaceAfter=No.
        assert_eq!(d.space_after, [true, false, true, false, true]);
        assert_eq!(d.heads, [4, 4, 4, 0, 4]);
        assert_eq!(d.deprels, ["nsubj", "aux", "advmod", "root", "punct"]);
        assert_eq!(d.lemmas[2], "not");
        assert_eq!(d.xpos, ["PRP", "VBP", "RB", "VB", "."]);
        // No sent_id: the file name and the sentence's place in the file.
        let d = &set.documents[1];
        assert_eq!(d.id, "sample.conllu#2");
        assert_eq!(d.deprels[0], "nsubj:pass");
    }

    #[test]
    fn gold_against_itself_scores_one() {
        let set = sample();
        let r = score(&set, &set.documents, "gold");
        for m in &r.metrics {
            assert_eq!(m.value, Some(1.0), "{}", m.name);
        }
        assert_eq!(r.task, "syntax");
        assert_eq!(r.documents, 2);
        assert_eq!(r.details["words"], 8);
        assert_eq!(r.details["per_relation"]["nsubj:pass"]["gold"], 1);
    }

    #[test]
    fn measures_on_a_known_case() {
        let set = sample();
        // Sentence 1 (5 words): "n't" tagged ADV (UPOS wrong); "I" attached to "do" (head
        // wrong); "." labelled "dep" (head right, relation wrong). Tags, lemmas given.
        let mut s1 = set.documents[0].clone();
        s1.upos[2] = "ADV".into();
        s1.heads[0] = 2;
        s1.deprels[4] = "dep".into();
        s1.lemmas[1] = "does".into();
        // Sentence 2 (3 words): "It" as plain nsubj (right under LAS, wrong with
        // subtypes); "was" as "aux:tense" (universal part right); "seen" tagged VBD.
        let mut s2 = set.documents[1].clone();
        s2.deprels[0] = "nsubj".into();
        s2.deprels[1] = "aux:tense".into();
        s2.xpos[2] = "VBD".into();
        let r = score(&set, &[s1, s2], "sys");
        // UPOS 7/8; XPOS 7/8; lemmas 7/8; heads 7/8; LAS: the head error and "dep" are
        // wrong, 6/8; with subtypes also nsubj and aux:tense, 4/8.
        assert!(close(value(&r, "upos_accuracy"), 7.0 / 8.0));
        assert!(close(value(&r, "xpos_accuracy"), 7.0 / 8.0));
        assert!(close(value(&r, "lemma_accuracy"), 7.0 / 8.0));
        assert!(close(value(&r, "uas"), 7.0 / 8.0));
        assert!(close(value(&r, "las"), 6.0 / 8.0));
        assert!(close(value(&r, "las_subtypes"), 4.0 / 8.0));
        let names: Vec<&str> = r.metrics.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "upos_accuracy",
                "xpos_accuracy",
                "lemma_accuracy",
                "uas",
                "las",
                "las_subtypes"
            ]
        );
        let rel = &r.details["per_relation"];
        assert_eq!(rel["nsubj"]["gold"], 1);
        assert_eq!(rel["nsubj"]["correct"], 0);
        assert_eq!(rel["punct"]["correct"], 0);
        assert_eq!(rel["nsubj:pass"]["correct"], 1);
        assert_eq!(rel["nsubj:pass"]["correct_subtypes"], 0);
        assert_eq!(rel["root"]["las"], 1.0);
    }

    #[test]
    fn missing_tags_are_na_and_bad_predictions_are_counted_not_fatal() {
        let set = sample();
        // A parser that gives no XPOS and no lemmas, and a second sentence cut short.
        let mut s1 = set.documents[0].clone();
        s1.xpos.clear();
        s1.lemmas.clear();
        s1.words.clear();
        // A head past the end of the sentence is simply wrong.
        s1.heads[4] = 99;
        let mut s2 = set.documents[1].clone();
        s2.xpos.clear();
        s2.lemmas.clear();
        s2.heads.pop();
        let unknown = SyntaxDoc {
            id: "zz".into(),
            ..SyntaxDoc::default()
        };
        let r = score(&set, &[s1, s2, unknown], "parser");
        assert_eq!(value(&r, "xpos_accuracy"), None);
        assert_eq!(value(&r, "lemma_accuracy"), None);
        // Sentence 2 scores as empty: 5 UPOS right of 8, 4 heads right of 8.
        assert!(close(value(&r, "upos_accuracy"), 5.0 / 8.0));
        assert!(close(value(&r, "uas"), 4.0 / 8.0));
        assert_eq!(r.details["mismatched_predictions"], 1);
        assert_eq!(r.details["mismatched_ids"][0], "sample.conllu#2");
        assert_eq!(r.details["unknown_predictions"], 1);
        // No prediction at all: zero, not n/a, for what every system must give.
        let r = score(&set, &[], "silent");
        assert_eq!(value(&r, "upos_accuracy"), Some(0.0));
        assert_eq!(value(&r, "las"), Some(0.0));
        assert_eq!(value(&r, "xpos_accuracy"), None);
        assert_eq!(r.details["missing_predictions"], 2);
        // No gold at all: accuracies over nothing are n/a.
        let none = Dataset {
            name: "none".into(),
            documents: Vec::new(),
            problems: Vec::new(),
        };
        assert_eq!(value(&score(&none, &[], "x"), "uas"), None);
    }

    #[test]
    fn changed_word_forms_are_counted_and_still_scored_by_position() {
        let set = sample();
        let mut s1 = set.documents[0].clone();
        s1.words[1] = "does".into();
        let r = score(&set, &[s1, set.documents[1].clone()], "sys");
        assert_eq!(r.details["changed_words"], 1);
        assert_eq!(value(&r, "las"), Some(1.0));
    }

    #[test]
    fn a_broken_sentence_is_reported_by_line_and_the_rest_is_read() {
        let text = "\
# sent_id = ok1
1\tHi\thi\tINTJ\tUH\t_\t0\troot\t_\t_

# sent_id = bad-head
1\tGo\tgo\tVERB\tVB\t_\t0\troot\t_\t_
2\tnow\tnow\tADV\tRB\t_\tx\tadvmod\t_\t_
3\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_

# sent_id = bad-columns
1\tYes\tyes\tINTJ\tUH\t_\t0

# a block of comments alone

# sent_id = past-end
1\tNo\tno\tINTJ\tUH\t_\t0\troot\t_\t_
2\t.\t.\tPUNCT\t.\t_\t7\tpunct\t_\t_

# sent_id = skipped-id
1\tA\ta\tDET\tDT\t_\t0\troot\t_\t_
3\tB\tb\tNOUN\tNN\t_\t1\tdep\t_\t_

# sent_id = ok2
1\tBye\tbye\tINTJ\tUH\t_\t0\troot\t_\t_
";
        let set = read_conllu(Path::new("t/broken.conllu"), text);
        let ids: Vec<&str> = set.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["ok1", "ok2"]);
        let problems: Vec<String> = set.problems.iter().map(ToString::to_string).collect();
        assert_eq!(problems.len(), 4, "{problems:?}");
        assert!(
            problems[0].starts_with("t/broken.conllu:6: word 2 has head \"x\"")
                && problems[0].ends_with("sentence bad-head left out"),
            "{}",
            problems[0]
        );
        assert!(
            problems[1].starts_with("t/broken.conllu:10: expected 10 tab-separated columns"),
            "{}",
            problems[1]
        );
        assert!(
            problems[2].starts_with("t/broken.conllu:16: word 2 has head 7, past the 2 words"),
            "{}",
            problems[2]
        );
        assert!(
            problems[3].starts_with("t/broken.conllu:20: word ID \"3\" where 2 was expected"),
            "{}",
            problems[3]
        );
    }

    #[test]
    fn odd_input_never_panics() {
        for text in [
            "",
            "\n\n\n",
            "# only a comment",
            "1-\tx\n",
            "3-2\tab\t_\t_\t_\t_\t_\t_\t_\t_\n1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n",
            "1-9\tab\t_\t_\t_\t_\t_\t_\t_\t_\n1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n",
            "1\t_\t_\tPUNCT\t_\t_\t0\troot\t_\t_\n",
            "\t\t\t\t\t\t\t\t\t\n",
            "1.1\te\t_\t_\t_\t_\t_\t_\t_\t_\n",
        ] {
            let set = read_conllu(Path::new("odd.conllu"), text);
            assert!(set.documents.len() + set.problems.len() <= 1, "{text:?}");
        }
        // The word "_" keeps its lemma "_"; the unknown XPOS of a treebank without XPOS
        // leaves the list empty.
        let set = read_conllu(
            Path::new("odd.conllu"),
            "1\t_\t_\tPUNCT\t_\t_\t0\troot\t_\t_\n",
        );
        assert_eq!(set.documents[0].lemmas, ["_"]);
        assert!(set.documents[0].xpos.is_empty());
        // A multiword range past the last word.
        let set = read_conllu(
            Path::new("odd.conllu"),
            "1-9\tab\t_\t_\t_\t_\t_\t_\t_\t_\n1\ta\ta\tX\t_\t_\t0\troot\t_\t_\n",
        );
        assert!(set.problems[0].to_string().contains("1-9"));
    }

    fn temp_dir(tag: &str) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("readout-syntax-{tag}-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        dir
    }

    #[test]
    fn plain_jsonl_round_trips_and_refuses_bad_gold() {
        let dir = temp_dir("plain");
        let set = sample();
        let plain = dir.join("sample.jsonl");
        crate::write_jsonl(&plain, &set.documents).expect("write");
        let back = &load(&plain).expect("plain loads")[0];
        assert_eq!(back.name, "sample");
        assert_eq!(back.documents, set.documents);
        assert_eq!(
            read_predictions(&plain).expect("predictions load"),
            set.documents
        );
        // Lenient: a line with only words and a tree, no id, no tags beyond UPOS.
        let lean = dir.join("lean.jsonl");
        std::fs::write(
            &lean,
            "{\"words\":[\"Hi\"],\"upos\":[\"INTJ\"],\"heads\":[0],\"deprels\":[\"root\"]}\n",
        )
        .expect("write");
        let d = &load(&lean).expect("lean loads")[0].documents[0];
        assert_eq!(d.id, "1");
        assert!(d.xpos.is_empty() && d.lemmas.is_empty() && d.text.is_none());
        for (name, body, want) in [
            (
                "short.jsonl",
                "{\"id\":\"a\",\"words\":[\"x\",\"y\"],\"upos\":[\"X\"],\"heads\":[0,1],\"deprels\":[\"root\",\"dep\"]}\n",
                "short.jsonl:1: a: upos has 1 entries for 2 words",
            ),
            (
                "head.jsonl",
                "{\"words\":[\"x\"],\"upos\":[\"X\"],\"heads\":[0],\"deprels\":[\"root\"]}\n{\"id\":\"b\",\"words\":[\"x\"],\"upos\":[\"X\"],\"heads\":[2],\"deprels\":[\"root\"]}\n",
                "head.jsonl:2: b: word 1 has head 2, past the 1 words",
            ),
            (
                "xpos.jsonl",
                "{\"id\":\"c\",\"words\":[\"x\"],\"upos\":[\"X\"],\"xpos\":[\"A\",\"B\"],\"heads\":[0],\"deprels\":[\"root\"]}\n",
                "xpos.jsonl:1: c: xpos has 2 entries for 1 words (or none)",
            ),
            (
                "twice.jsonl",
                "{\"id\":\"q\"}\n{\"id\":\"q\"}\n",
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
    fn folders_load_their_conllu_files_and_name_them_by_folder() {
        let dir = temp_dir("folder").join("ud-test");
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("b.conllu"), SAMPLE).expect("write");
        std::fs::write(dir.join("a.conllu"), SAMPLE).expect("write");
        std::fs::write(dir.join("README.md"), "not a treebank").expect("write");
        let sets = load(&dir).expect("folder loads");
        let names: Vec<&str> = sets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["ud-test/a.conllu", "ud-test/b.conllu"]);
        assert!(load(&dir.join("absent.conllu")).is_err());
        let _ = std::fs::remove_dir_all(dir.parent().expect("parent"));
    }

    #[test]
    fn universal_part_of_a_relation() {
        assert_eq!(universal("nsubj:pass"), "nsubj");
        assert_eq!(universal("acl:relcl"), "acl");
        assert_eq!(universal("root"), "root");
        assert_eq!(universal(""), "");
    }
}
