//! Event coding: who did what to whom, sentence by sentence, as event types and actor codes
//! of an ontology (PLOVER or CAMEO).
//!
//! A document is one sentence. It carries events; an event has a type (a PLOVER category
//! such as `AGREE`, or a CAMEO code such as `064`), an optional mode (PLOVER's refinement of
//! the type, such as `restrict`), and lists of source and target actors, each with a code
//! (`USA`, `IGO`, `ARNGOV`...) and, when known, the words it was read from and a sector.
//!
//! # Plain JSONL
//!
//! One [`EventsDoc`] a line:
//! `{"id", "text", "published", "ontology", "events": [{"type", "mode", "source":
//! [{"text", "code", "sector"}], "target": [...]}]}`. Only `type` (in each event) and `code`
//! (in each actor) are required; a line without `id` gets its line number (from 1). A gold
//! file must have unique ids, non-empty types and non-empty codes; predictions are read as
//! they are.
//!
//! # Native data sets
//!
//! **PLOVER** (`PLOVER_GSR_CAMEO.txt`, data set `plover`, ontology `plover`): a JSON array
//! of records. The record whose `event` is `DOCUMENT` documents the file and is skipped.
//! Every other record is one event: `event` is the type; `mode` is the mode (missing, `null`
//! or `""` means none); `source` and `target` are lists of `{actorText, code, sector}`
//! (actor text and sector optional, an empty sector is none); missing, `null` or any string
//! in place of a list means no actors (the file has `""`, and once `"diplomatic"`, a context
//! word misplaced into `target`). `context`, `eventText`, `textInfo` and the rest are not
//! used. Records with identical `text` (byte for byte) are one sentence: they become one
//! document, in the order of its first record, whose id is that record's id, whose text is
//! the `text` unchanged, and whose `published` date is that record's `date`; its events
//! follow the order of the records.
//!
//! **PETRARCH2** (`PETR.UnitTest.records.xml`, data set `petrarch2`, ontology `cameo`): every
//! `<Sentence date="YYYYMMDD" id="...">` is one document, with `published` = the date as
//! `YYYY-MM-DD` and text = the `<Text>` content with entities resolved, trimmed, and every
//! run of whitespace collapsed to one space. Every
//! `<EventCoding sourcecode targetcode eventcode>` is one event: type = `eventcode`, one
//! source actor `{code: sourcecode}`, one target actor `{code: targetcode}`, no mode. Codes
//! are kept verbatim, including PETRARCH's quoted new actors such as `"INJURY TOLL"`.
//! An `<EventCoding>` with a `noevents` attribute (`noevents = "True"`) or an `error`
//! attribute (a sentence the coder must reject, such as `error="dateline"`) gives no event,
//! and so does a sentence without any `<EventCoding>`. Attributes may have spaces around
//! `=` and single or double quotes. `<Parse>`, comments, `<Config>`, `<Environment>` and any
//! other tag are ignored. A sentence without `<Text>`, an `<EventCoding>` missing one of
//! its three codes, a bad date or malformed XML is an error naming the line.
//!
//! In both, a document id that repeats an earlier one gets `-2` appended (or `-3`, ...,
//! the first such suffix that is free), so that ids are unique and stable; the source files
//! have one such repeat in PLOVER (`PLOVER-GSR01-COERCE-0004`, two different sentences) and
//! two in PETRARCH (`AGENTS-18`, `AGENTS-19`).
//!
//! # Metrics
//!
//! Event types and actor codes are compared as exact strings after uppercasing both sides;
//! modes likewise (a mode that is an empty string counts as no mode). An event's *source
//! set* is the set of its source actors' codes (so a compound actor `USA` + `JOR` is
//! `{JOR, USA}`, and two actors with one code count once); its *target set* likewise.
//!
//! **Alignment.** In every document, gold events are paired one-to-one with predicted
//! events. The agreement of a pair is `4·[same type] + 2·[same source set] + 1·[same target
//! set]` (two empty sets are the same set). Pairs are taken greedily by decreasing
//! agreement; ties go to the earlier gold event, then to the earlier predicted event; a pair
//! is taken only when both events are still free, and never with agreement 0.
//!
//! * `type_accuracy`: gold events whose aligned prediction has the gold type, over all gold
//!   events (an unaligned gold event is wrong).
//! * `mode_accuracy`: over gold events that have a mode, those whose aligned prediction has
//!   the same mode.
//! * `source_accuracy`: over gold events with at least one source actor, those whose aligned
//!   prediction has the same source set. `target_accuracy` likewise for targets.
//! * `event_precision`, `event_recall`, `event_f1`: an event is reduced to the tuple (type,
//!   sorted source set, sorted target set). Per document, `tp` is the size of the multiset
//!   intersection of the gold and predicted tuples; `tp`, predicted and gold tuples are
//!   summed over documents ([`Counts`]), then precision, recall and F1 follow the crate's
//!   conventions (nothing expected and nothing predicted scores 1).
//! * `type_f1`: the same F1 over the multisets of types alone.
//!
//! Accuracies over no gold events are `None`. Predicted documents whose id is not in the
//! gold set are counted in `unknown_predictions` and not scored; a gold document without a
//! prediction counts as one where nothing was predicted. Details: `gold_events`,
//! `predicted_events` (in scored documents), `gold_events_with_mode`, `_with_source`,
//! `_with_target` (the denominators of the accuracies), `aligned_events`, `event_tp`,
//! `type_tp`, `missing_predictions`, `unknown_predictions`, `repeated_predictions` (ids
//! predicted twice; the first is used), `ontology_mismatches` (scored documents where both
//! sides name an ontology and they differ, which explains a score near 0), and `per_type`:
//! for every type, `gold`, `predicted`, `tp` (per document the smaller of the two counts,
//! summed) and `f1`.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use quick_xml::events::{BytesStart, Event as XmlEvent};
use quick_xml::Reader;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use crate::{accuracy, align_by_id, is_jsonl, Counts, Dataset, EvalError, TaskReport, UniqueIds};

/// Data sets to score by default, relative to the gold root (`../shared/gold`).
pub const DEFAULT_GOLD: &[&str] = &[
    "plover/PLOVER_GSR_CAMEO.txt",
    "petrarch2/PETR.UnitTest.records.xml",
];

/// The PLOVER gold file's name, looked for in a directory.
const PLOVER_FILE: &str = "PLOVER_GSR_CAMEO.txt";
/// The PETRARCH2 unit-test records' name, looked for in a directory.
const PETRARCH_FILE: &str = "PETR.UnitTest.records.xml";

/// One sentence with the events coded in it; its serde form is the task's plain JSONL
/// format.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventsDoc {
    /// The document's identifier.
    #[serde(default)]
    pub id: String,
    /// The sentence (may be empty in predictions).
    #[serde(default)]
    pub text: String,
    /// The publication date, `YYYY-MM-DD`, when known.
    #[serde(default)]
    pub published: Option<String>,
    /// The ontology the codes belong to: `plover` or `cameo`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ontology: Option<String>,
    /// The events coded in the sentence, possibly none.
    #[serde(default)]
    pub events: Vec<Event>,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// The event type: a PLOVER category or a CAMEO code.
    #[serde(rename = "type")]
    pub kind: String,
    /// PLOVER's mode, a refinement of the type, when there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mode: Option<String>,
    /// Who acted (several for a compound actor).
    #[serde(default)]
    pub source: Vec<Actor>,
    /// Who was acted upon.
    #[serde(default)]
    pub target: Vec<Actor>,
}

/// One actor of an event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Actor {
    /// The words the actor was read from, when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The actor's code (country, organisation, or a CAMEO actor code with its agents).
    pub code: String,
    /// The actor's sector (`GOV`, `MIL`, `REB`...), when given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sector: Option<String>,
}

/// Loads gold: `PLOVER_GSR_CAMEO.txt`, `PETR.UnitTest.records.xml`, a plain `.jsonl` file, or
/// a directory holding any of these (the two native files by name, and every `.jsonl` file
/// in name order). Returns one data set per file.
pub fn load(path: &Path) -> Result<Vec<Dataset<EventsDoc>>, EvalError> {
    if !path.is_dir() {
        return load_file(path).map(|d| vec![d]);
    }
    let mut out = Vec::new();
    for name in [PLOVER_FILE, PETRARCH_FILE] {
        let file = path.join(name);
        if file.is_file() {
            out.push(load_file(&file)?);
        }
    }
    let mut jsonl: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|e| EvalError::io(path, e))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && is_jsonl(p))
        .collect();
    jsonl.sort();
    for file in jsonl {
        out.push(load_jsonl(&file)?);
    }
    if out.is_empty() {
        return Err(EvalError::format(
            path,
            format!("no {PLOVER_FILE}, {PETRARCH_FILE} or .jsonl file in this directory"),
        ));
    }
    Ok(out)
}

/// Reads predictions in the plain JSONL format; a line without id gets its line number.
pub fn read_predictions(path: &Path) -> Result<Vec<EventsDoc>, EvalError> {
    crate::read_documents(path, |d: &mut EventsDoc| &mut d.id)
}

/// Loads one file, recognising its format: `.jsonl` by extension, PETRARCH by an `.xml`
/// extension or a leading `<`, PLOVER by a leading `[`.
fn load_file(path: &Path) -> Result<Dataset<EventsDoc>, EvalError> {
    if is_jsonl(path) {
        return load_jsonl(path);
    }
    let raw = std::fs::read_to_string(path).map_err(|e| EvalError::io(path, e))?;
    let text = raw.strip_prefix('\u{feff}').unwrap_or(&raw);
    let head = text.trim_start();
    let xml_extension = path
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("xml"));
    if xml_extension || head.starts_with('<') {
        parse_petrarch(path, text)
    } else if head.starts_with('[') {
        parse_plover(path, text)
    } else {
        Err(EvalError::format(
            path,
            "neither a PLOVER JSON array, a PETRARCH XML file nor a .jsonl file",
        ))
    }
}

/// Loads a plain JSONL gold file, checking what scoring relies on.
fn load_jsonl(path: &Path) -> Result<Dataset<EventsDoc>, EvalError> {
    let mut documents = Vec::new();
    for (line, doc) in crate::read_gold_documents(path, |d: &mut EventsDoc| &mut d.id)? {
        for event in &doc.events {
            if event.kind.trim().is_empty() {
                return Err(EvalError::line(path, line, "an event has an empty type"));
            }
            if event
                .source
                .iter()
                .chain(&event.target)
                .any(|a| a.code.trim().is_empty())
            {
                return Err(EvalError::line(path, line, "an actor has an empty code"));
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

/// Byte offsets at which lines start, to turn positions into line numbers for errors.
struct LineIndex {
    newlines: Vec<usize>,
}

impl LineIndex {
    fn new(text: &str) -> Self {
        LineIndex {
            newlines: text
                .bytes()
                .enumerate()
                .filter(|(_, b)| *b == b'\n')
                .map(|(i, _)| i)
                .collect(),
        }
    }

    /// The line (from 1) holding byte `offset`.
    fn line(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&n| n < offset) + 1
    }
}

/// Byte offsets where the elements of the top-level JSON array in `text` begin. serde_json
/// gives no positions for the values it builds, and an error about a record should name
/// the line where the record starts.
fn array_element_starts(text: &str) -> Vec<usize> {
    let mut out = Vec::new();
    let (mut depth, mut in_string, mut escaped, mut expect) = (0usize, false, false, false);
    for (i, c) in text.char_indices() {
        if in_string {
            if escaped {
                escaped = false;
            } else if c == '\\' {
                escaped = true;
            } else if c == '"' {
                in_string = false;
            }
            continue;
        }
        if depth == 1 && expect && !c.is_whitespace() && c != ']' {
            out.push(i);
            expect = false;
        }
        match c {
            '"' => in_string = true,
            '[' | '{' => {
                depth += 1;
                expect = depth == 1;
            }
            ']' | '}' => depth = depth.saturating_sub(1),
            ',' if depth == 1 => expect = true,
            _ => {}
        }
    }
    out
}

/// A string field that must be there and not empty.
fn required_str<'a>(obj: &'a Map<String, Value>, key: &str) -> Result<&'a str, String> {
    match obj.get(key) {
        Some(Value::String(s)) if !s.is_empty() => Ok(s),
        Some(Value::String(_)) => Err(format!("field \"{key}\" is empty")),
        Some(_) => Err(format!("field \"{key}\" is not a string")),
        None => Err(format!("field \"{key}\" is missing")),
    }
}

/// A string field that may be missing, `null` or empty (all meaning none).
fn optional_str(obj: &Map<String, Value>, key: &str) -> Result<Option<String>, String> {
    match obj.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) if s.is_empty() => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(format!("field \"{key}\" is not a string")),
    }
}

/// A PLOVER actor list; missing, `null` or a string in its place gives no actors.
fn plover_actors(obj: &Map<String, Value>, key: &str) -> Result<Vec<Actor>, String> {
    match obj.get(key) {
        None | Some(Value::Null) | Some(Value::String(_)) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let actor = item
                    .as_object()
                    .ok_or_else(|| format!("{key} actor {} is not an object", i + 1))?;
                Ok(Actor {
                    text: optional_str(actor, "actorText")
                        .map_err(|m| format!("{key} actor {}: {m}", i + 1))?,
                    code: required_str(actor, "code")
                        .map_err(|m| format!("{key} actor {}: {m}", i + 1))?
                        .to_string(),
                    sector: optional_str(actor, "sector")
                        .map_err(|m| format!("{key} actor {}: {m}", i + 1))?,
                })
            })
            .collect(),
        Some(_) => Err(format!("field \"{key}\" is neither a list nor a string")),
    }
}

/// Parses the PLOVER gold standard records (see the module documentation).
fn parse_plover(path: &Path, text: &str) -> Result<Dataset<EventsDoc>, EvalError> {
    let value: Value = serde_json::from_str(text).map_err(|source| EvalError::Json {
        path: path.to_path_buf(),
        source,
    })?;
    let records = value
        .as_array()
        .ok_or_else(|| EvalError::format(path, "expected a JSON array of records"))?;
    let starts = array_element_starts(text);
    let lines = LineIndex::new(text);
    let mut documents: Vec<EventsDoc> = Vec::new();
    let mut by_text: HashMap<&str, usize> = HashMap::new();
    let mut ids = UniqueIds::default();
    for (i, record) in records.iter().enumerate() {
        let line = starts.get(i).map_or(1, |&offset| lines.line(offset));
        let fail =
            |message: String| EvalError::line(path, line, format!("record {}: {message}", i + 1));
        let obj = record
            .as_object()
            .ok_or_else(|| fail("not a JSON object".into()))?;
        let id = required_str(obj, "id").map_err(&fail)?;
        let fail = |message: String| fail(format!("({id}) {message}"));
        let kind = required_str(obj, "event").map_err(&fail)?;
        if kind == "DOCUMENT" {
            continue;
        }
        let sentence = required_str(obj, "text").map_err(&fail)?;
        let event = Event {
            kind: kind.to_string(),
            mode: optional_str(obj, "mode").map_err(&fail)?,
            source: plover_actors(obj, "source").map_err(&fail)?,
            target: plover_actors(obj, "target").map_err(&fail)?,
        };
        let published = optional_str(obj, "date").map_err(&fail)?;
        match by_text.get(sentence) {
            Some(&d) => documents[d].events.push(event),
            None => {
                by_text.insert(sentence, documents.len());
                documents.push(EventsDoc {
                    id: ids.make(id),
                    text: sentence.to_string(),
                    published,
                    ontology: Some("plover".into()),
                    events: vec![event],
                });
            }
        }
    }
    Ok(Dataset {
        name: "plover".into(),
        documents,
        problems: Vec::new(),
    })
}

/// A `<Sentence>` being read.
struct PendingSentence {
    id: String,
    published: Option<String>,
    line: usize,
    text: Option<String>,
    events: Vec<Event>,
}

/// The attributes of a tag, unescaped, by name.
fn xml_attributes(e: &BytesStart<'_>) -> Result<HashMap<String, String>, String> {
    let mut out = HashMap::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|err| format!("bad attribute: {err}"))?;
        let value = attr
            .normalized_value(quick_xml::XmlVersion::Implicit1_0)
            .map_err(|err| format!("bad attribute value: {err}"))?;
        out.insert(attr.key.0.to_string(), value.into_owned());
    }
    Ok(out)
}

/// `19950101` → `1995-01-01`.
fn petrarch_date(raw: &str) -> Result<String, String> {
    let raw = raw.trim();
    if raw.len() == 8 && raw.bytes().all(|b| b.is_ascii_digit()) {
        Ok(format!("{}-{}-{}", &raw[..4], &raw[4..6], &raw[6..]))
    } else {
        Err(format!("date {raw:?} is not YYYYMMDD"))
    }
}

/// The event of one `<EventCoding>`, or `None` for `noevents` and `error` codings.
fn petrarch_event(attrs: &HashMap<String, String>) -> Result<Option<Event>, String> {
    if attrs.contains_key("noevents") || attrs.contains_key("error") {
        return Ok(None);
    }
    let get = |key: &str| match attrs.get(key) {
        Some(v) if !v.trim().is_empty() => Ok(v.clone()),
        _ => Err(format!("EventCoding has no {key}")),
    };
    let actor = |code: String| Actor {
        text: None,
        code,
        sector: None,
    };
    Ok(Some(Event {
        kind: get("eventcode")?,
        mode: None,
        source: vec![actor(get("sourcecode")?)],
        target: vec![actor(get("targetcode")?)],
    }))
}

/// Parses the PETRARCH2 unit-test records (see the module documentation).
fn parse_petrarch(path: &Path, text: &str) -> Result<Dataset<EventsDoc>, EvalError> {
    let lines = LineIndex::new(text);
    let mut reader = Reader::from_str(text);
    let mut documents = Vec::new();
    let mut ids = UniqueIds::default();
    let mut current: Option<PendingSentence> = None;
    let mut in_text = false;
    loop {
        // Whitespace between tags comes as text events, so the position before an event is
        // where its tag starts.
        let line = lines.line(reader.buffer_position() as usize);
        let fail = |message: String| EvalError::line(path, line, message);
        let event = reader.read_event().map_err(|err| {
            EvalError::line(
                path,
                lines.line(reader.error_position() as usize),
                format!("malformed XML: {err}"),
            )
        })?;
        let (tag, empty) = match event {
            XmlEvent::Start(e) => (e, false),
            XmlEvent::Empty(e) => (e, true),
            XmlEvent::End(e) => {
                match e.name().0 {
                    "Text" => in_text = false,
                    "Sentence" => {
                        if let Some(sentence) = current.take() {
                            documents.push(finish_sentence(path, sentence, &mut ids)?);
                        }
                    }
                    _ => {}
                }
                continue;
            }
            XmlEvent::Text(t) if in_text => {
                push_text(&mut current, &t.xml10_content());
                continue;
            }
            XmlEvent::CData(t) if in_text => {
                push_text(&mut current, &t);
                continue;
            }
            XmlEvent::GeneralRef(r) if in_text => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| fail(format!("unknown entity &{};", &*r)))?
                        .to_string(),
                    Err(err) => return Err(fail(format!("bad character reference: {err}"))),
                };
                push_text(&mut current, &resolved);
                continue;
            }
            XmlEvent::Eof => break,
            _ => continue,
        };
        match (tag.name().0, current.as_mut()) {
            ("Sentence", Some(open)) => {
                return Err(fail(format!(
                    "Sentence inside Sentence {} (line {})",
                    open.id, open.line
                )));
            }
            ("Sentence", None) => {
                let attrs = xml_attributes(&tag).map_err(&fail)?;
                let id = attrs
                    .get("id")
                    .map(|s| s.trim())
                    .filter(|s| !s.is_empty())
                    .ok_or_else(|| fail("Sentence has no id".into()))?;
                if empty {
                    return Err(fail(format!("Sentence {id} has no Text")));
                }
                let published = attrs
                    .get("date")
                    .map(|d| petrarch_date(d))
                    .transpose()
                    .map_err(&fail)?;
                current = Some(PendingSentence {
                    id: id.to_string(),
                    published,
                    line,
                    text: None,
                    events: Vec::new(),
                });
            }
            ("EventCoding", Some(sentence)) => {
                let attrs = xml_attributes(&tag).map_err(&fail)?;
                if let Some(event) = petrarch_event(&attrs).map_err(&fail)? {
                    sentence.events.push(event);
                }
            }
            ("EventCoding", None) => {
                return Err(fail("EventCoding outside a Sentence".into()));
            }
            ("Text", Some(sentence)) => {
                if sentence.text.is_some() {
                    return Err(fail(format!("Sentence {} has two Texts", sentence.id)));
                }
                sentence.text = Some(String::new());
                // `<Text/>` is an empty text with no closing tag to wait for.
                in_text = !empty;
            }
            _ => {}
        }
    }
    if let Some(open) = current {
        return Err(EvalError::line(
            path,
            open.line,
            format!("Sentence {} is not closed", open.id),
        ));
    }
    Ok(Dataset {
        name: "petrarch2".into(),
        documents,
        problems: Vec::new(),
    })
}

/// Turns a closed `<Sentence>` into a document.
fn finish_sentence(
    path: &Path,
    sentence: PendingSentence,
    ids: &mut UniqueIds,
) -> Result<EventsDoc, EvalError> {
    let Some(raw) = sentence.text else {
        return Err(EvalError::line(
            path,
            sentence.line,
            format!("Sentence {} has no Text", sentence.id),
        ));
    };
    Ok(EventsDoc {
        id: ids.make(&sentence.id),
        text: raw.split_whitespace().collect::<Vec<_>>().join(" "),
        published: sentence.published,
        ontology: Some("cameo".into()),
        events: sentence.events,
    })
}

/// Appends text to the open sentence's `<Text>`.
fn push_text(current: &mut Option<PendingSentence>, piece: &str) {
    if let Some(text) = current.as_mut().and_then(|s| s.text.as_mut()) {
        text.push_str(piece);
    }
}

/// An event reduced to what the metrics compare: uppercased type, mode and code sets.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
struct Coded {
    kind: String,
    mode: Option<String>,
    source: BTreeSet<String>,
    target: BTreeSet<String>,
}

impl Coded {
    fn new(event: &Event) -> Self {
        let codes = |actors: &[Actor]| actors.iter().map(|a| a.code.to_uppercase()).collect();
        Coded {
            kind: event.kind.to_uppercase(),
            mode: event
                .mode
                .as_deref()
                .filter(|m| !m.is_empty())
                .map(str::to_uppercase),
            source: codes(&event.source),
            target: codes(&event.target),
        }
    }

    /// `4·[same type] + 2·[same source set] + 1·[same target set]`.
    fn agreement(&self, other: &Coded) -> u8 {
        4 * u8::from(self.kind == other.kind)
            + 2 * u8::from(self.source == other.source)
            + u8::from(self.target == other.target)
    }

    /// The (type, source set, target set) tuple the event measures count.
    fn tuple(&self) -> (&str, &BTreeSet<String>, &BTreeSet<String>) {
        (&self.kind, &self.source, &self.target)
    }
}

/// For every gold event, the index of the predicted event aligned with it (see the module
/// documentation: greedy by agreement, ties to the earlier gold then predicted event).
fn align_events(gold: &[Coded], predicted: &[Coded]) -> Vec<Option<usize>> {
    let mut pairs: Vec<(u8, usize, usize)> = Vec::new();
    for (g, ge) in gold.iter().enumerate() {
        for (p, pe) in predicted.iter().enumerate() {
            let a = ge.agreement(pe);
            if a > 0 {
                pairs.push((a, g, p));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut out = vec![None; gold.len()];
    let mut taken = vec![false; predicted.len()];
    for (_, g, p) in pairs {
        if out[g].is_none() && !taken[p] {
            out[g] = Some(p);
            taken[p] = true;
        }
    }
    out
}

/// The size of the multiset intersection of two lists.
fn multiset_matches<T: Eq + std::hash::Hash>(
    gold: impl IntoIterator<Item = T>,
    predicted: impl IntoIterator<Item = T>,
) -> usize {
    let mut counts: HashMap<T, usize> = HashMap::new();
    for item in gold {
        *counts.entry(item).or_insert(0) += 1;
    }
    let mut tp = 0;
    for item in predicted {
        if let Some(n) = counts.get_mut(&item) {
            if *n > 0 {
                *n -= 1;
                tp += 1;
            }
        }
    }
    tp
}

/// Running totals over the documents of a data set.
#[derive(Default)]
struct Tally {
    gold_events: usize,
    predicted_events: usize,
    aligned: usize,
    type_correct: usize,
    with_mode: usize,
    mode_correct: usize,
    with_source: usize,
    source_correct: usize,
    with_target: usize,
    target_correct: usize,
    events: Counts,
    types: Counts,
    per_type: BTreeMap<String, Counts>,
}

impl Tally {
    fn add_document(&mut self, gold: &[Event], predicted: &[Event]) {
        let gold: Vec<Coded> = gold.iter().map(Coded::new).collect();
        let predicted: Vec<Coded> = predicted.iter().map(Coded::new).collect();
        self.gold_events += gold.len();
        self.predicted_events += predicted.len();
        for (g, p) in gold.iter().zip(align_events(&gold, &predicted)) {
            let p = p.map(|i| &predicted[i]);
            self.aligned += usize::from(p.is_some());
            self.type_correct += usize::from(p.is_some_and(|p| p.kind == g.kind));
            if g.mode.is_some() {
                self.with_mode += 1;
                self.mode_correct += usize::from(p.is_some_and(|p| p.mode == g.mode));
            }
            if !g.source.is_empty() {
                self.with_source += 1;
                self.source_correct += usize::from(p.is_some_and(|p| p.source == g.source));
            }
            if !g.target.is_empty() {
                self.with_target += 1;
                self.target_correct += usize::from(p.is_some_and(|p| p.target == g.target));
            }
        }
        self.events.add(Counts::new(
            multiset_matches(
                gold.iter().map(Coded::tuple),
                predicted.iter().map(Coded::tuple),
            ),
            predicted.len(),
            gold.len(),
        ));
        self.types.add(Counts::new(
            multiset_matches(
                gold.iter().map(|e| e.kind.as_str()),
                predicted.iter().map(|e| e.kind.as_str()),
            ),
            predicted.len(),
            gold.len(),
        ));
        // Per type, the multiset intersection of one type is the smaller of its two counts.
        let mut here: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
        for e in &gold {
            here.entry(&e.kind).or_default().0 += 1;
        }
        for e in &predicted {
            here.entry(&e.kind).or_default().1 += 1;
        }
        for (kind, (g, p)) in here {
            self.per_type
                .entry(kind.to_string())
                .or_default()
                .add(Counts::new(g.min(p), p, g));
        }
    }
}

/// One row of the per-type breakdown.
#[derive(Serialize)]
struct TypeRow {
    gold: usize,
    predicted: usize,
    tp: usize,
    f1: f64,
}

/// Scores predictions against one gold data set (see the module documentation for every
/// measure). Documents are matched by id.
pub fn score(gold: &Dataset<EventsDoc>, predicted: &[EventsDoc], system: &str) -> TaskReport {
    let aligned = align_by_id(
        &gold.documents,
        |d| d.id.as_str(),
        predicted,
        |d| d.id.as_str(),
    );
    let mut tally = Tally::default();
    let mut ontology_mismatches = 0;
    for (g, p) in &aligned.pairs {
        tally.add_document(&g.events, p.map_or(&[][..], |p| &p.events));
        if let (Some(go), Some(po)) = (&g.ontology, p.and_then(|p| p.ontology.as_ref())) {
            ontology_mismatches += usize::from(!go.eq_ignore_ascii_case(po));
        }
    }
    let mut report = TaskReport::new("events", &gold.name, system, gold.documents.len());
    report
        .metric(
            "type_accuracy",
            accuracy(tally.type_correct, tally.gold_events),
        )
        .metric(
            "mode_accuracy",
            accuracy(tally.mode_correct, tally.with_mode),
        )
        .metric(
            "source_accuracy",
            accuracy(tally.source_correct, tally.with_source),
        )
        .metric(
            "target_accuracy",
            accuracy(tally.target_correct, tally.with_target),
        )
        .metric("event_precision", tally.events.precision())
        .metric("event_recall", tally.events.recall())
        .metric("event_f1", tally.events.f1())
        .metric("type_f1", tally.types.f1());
    let per_type: BTreeMap<&str, TypeRow> = tally
        .per_type
        .iter()
        .map(|(kind, c)| {
            let row = TypeRow {
                gold: c.gold,
                predicted: c.predicted,
                tp: c.tp,
                f1: c.f1(),
            };
            (kind.as_str(), row)
        })
        .collect();
    report
        .detail("gold_events", tally.gold_events)
        .detail("predicted_events", tally.predicted_events)
        .detail("gold_events_with_mode", tally.with_mode)
        .detail("gold_events_with_source", tally.with_source)
        .detail("gold_events_with_target", tally.with_target)
        .detail("aligned_events", tally.aligned)
        .detail("event_tp", tally.events.tp)
        .detail("type_tp", tally.types.tp)
        .detail("missing_predictions", aligned.missing())
        .detail("unknown_predictions", aligned.unknown.len())
        .detail("repeated_predictions", aligned.repeated.len())
        .detail("ontology_mismatches", ontology_mismatches)
        .detail("per_type", per_type);
    report
}

#[cfg(test)]
mod tests {
    use super::*;

    fn actors(codes: &[&str]) -> Vec<Actor> {
        codes
            .iter()
            .map(|c| Actor {
                text: None,
                code: c.to_string(),
                sector: None,
            })
            .collect()
    }

    fn ev(kind: &str, source: &[&str], target: &[&str]) -> Event {
        Event {
            kind: kind.into(),
            mode: None,
            source: actors(source),
            target: actors(target),
        }
    }

    fn with_mode(mut event: Event, mode: &str) -> Event {
        event.mode = Some(mode.into());
        event
    }

    fn doc(id: &str, events: Vec<Event>) -> EventsDoc {
        EventsDoc {
            id: id.into(),
            text: String::new(),
            published: None,
            ontology: None,
            events,
        }
    }

    fn gold(documents: Vec<EventsDoc>) -> Dataset<EventsDoc> {
        Dataset {
            name: "hand".into(),
            documents,
            problems: Vec::new(),
        }
    }

    fn close(a: Option<f64>, b: f64) -> bool {
        a.is_some_and(|a| (a - b).abs() < 1e-12)
    }

    /// The eight metrics in order, for compact checks.
    fn metrics(r: &TaskReport) -> Vec<Option<f64>> {
        r.metrics.iter().map(|m| m.value).collect()
    }

    fn sample(name: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/data/events")
            .join(name)
    }

    #[test]
    fn metric_names_are_in_the_stated_order() {
        let r = score(&gold(vec![]), &[], "x");
        let names: Vec<&str> = r.metrics.iter().map(|m| m.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "type_accuracy",
                "mode_accuracy",
                "source_accuracy",
                "target_accuracy",
                "event_precision",
                "event_recall",
                "event_f1",
                "type_f1"
            ]
        );
        assert_eq!(r.task, "events");
    }

    #[test]
    fn perfect_prediction_scores_one() {
        // One sentence, two events: a coercion with a mode, and an agreement of a compound
        // source with no target. Every measure has items and every item is right.
        let g = gold(vec![doc(
            "d1",
            vec![
                with_mode(ev("COERCE", &["ISR"], &["PSE"]), "restrict"),
                ev("AGREE", &["HUN", "ROU"], &[]),
            ],
        )]);
        let r = score(&g, &g.documents, "self");
        assert_eq!(metrics(&r), vec![Some(1.0); 8]);
        assert_eq!(r.details["gold_events_with_mode"], 1);
        assert_eq!(r.details["gold_events_with_source"], 2);
        assert_eq!(r.details["gold_events_with_target"], 1);
        assert_eq!(r.details["aligned_events"], 2);
    }

    #[test]
    fn two_gold_events_in_one_sentence_one_predicted() {
        // Gold: g0 = AGREE USA→JOR, g1 = AGREE USA→ISR. Predicted: p0 = AGREE USA→ISR.
        // Agreement g0–p0 = 4 + 2 + 0 = 6, g1–p0 = 7, so p0 goes to g1 and g0 is unaligned.
        // type 1/2, source 1/2, target 1/2, mode n/a.
        // Tuples: gold {(AGREE,USA,JOR), (AGREE,USA,ISR)}, predicted {(AGREE,USA,ISR)}:
        // tp 1, P = 1, R = 1/2, F1 = 2/3. Types: gold [AGREE, AGREE], predicted [AGREE]:
        // tp 1, F1 = 2/3.
        let g = gold(vec![doc(
            "s",
            vec![
                ev("AGREE", &["USA"], &["JOR"]),
                ev("AGREE", &["USA"], &["ISR"]),
            ],
        )]);
        let p = [doc("s", vec![ev("AGREE", &["USA"], &["ISR"])])];
        let r = score(&g, &p, "x");
        assert!(close(r.get("type_accuracy"), 0.5));
        assert_eq!(r.get("mode_accuracy"), None);
        assert!(close(r.get("source_accuracy"), 0.5));
        assert!(close(r.get("target_accuracy"), 0.5));
        assert!(close(r.get("event_precision"), 1.0));
        assert!(close(r.get("event_recall"), 0.5));
        assert!(close(r.get("event_f1"), 2.0 / 3.0));
        assert!(close(r.get("type_f1"), 2.0 / 3.0));
        assert_eq!(r.details["aligned_events"], 1);
        // The same two events predicted in the other order score perfectly.
        let swapped = [doc(
            "s",
            vec![
                ev("AGREE", &["USA"], &["ISR"]),
                ev("AGREE", &["USA"], &["JOR"]),
            ],
        )];
        assert_eq!(metrics(&score(&g, &swapped, "x"))[4..], [Some(1.0); 4]);
        assert!(close(score(&g, &swapped, "x").get("target_accuracy"), 1.0));
    }

    #[test]
    fn compound_source_actor_is_compared_as_a_set() {
        // d1: gold AGREE {HUN, ROU} → nobody; predicted [rou, HUN, HUN]: the same set once
        // uppercased, so source right and the tuple matches.
        // d2: gold AGREE {USA, JOR}; predicted AGREE {USA}: agreement 4 + 0 + 1 = 5,
        // aligned, type right, source wrong, tuple different.
        // type 2/2, source 1/2, target n/a (no gold target); event tp 1 of 2 predicted and
        // 2 gold: P = R = F1 = 1/2; types all match: type_f1 = 1.
        let g = gold(vec![
            doc("d1", vec![ev("AGREE", &["HUN", "ROU"], &[])]),
            doc("d2", vec![ev("AGREE", &["USA", "JOR"], &[])]),
        ]);
        let p = [
            doc("d1", vec![ev("agree", &["rou", "HUN", "HUN"], &[])]),
            doc("d2", vec![ev("AGREE", &["USA"], &[])]),
        ];
        let r = score(&g, &p, "x");
        assert_eq!(
            metrics(&r),
            vec![
                Some(1.0),
                None,
                Some(0.5),
                None,
                Some(0.5),
                Some(0.5),
                Some(0.5),
                Some(1.0)
            ]
        );
    }

    #[test]
    fn wrong_mode_counts_only_against_mode_accuracy() {
        // Gold in all three: COERCE ISR→PSE, mode "restrict". Predicted: mode "detain"
        // (wrong), no mode (wrong), "RESTRICT" (right: modes are compared uppercased).
        // mode 1/3; type, source, target 3/3; the event tuple ignores the mode: F1 = 1.
        let g_event = with_mode(ev("COERCE", &["ISR"], &["PSE"]), "restrict");
        let g = gold(vec![
            doc("a", vec![g_event.clone()]),
            doc("b", vec![g_event.clone()]),
            doc("c", vec![g_event]),
        ]);
        let p = [
            doc(
                "a",
                vec![with_mode(ev("COERCE", &["ISR"], &["PSE"]), "detain")],
            ),
            doc("b", vec![ev("COERCE", &["ISR"], &["PSE"])]),
            doc(
                "c",
                vec![with_mode(ev("COERCE", &["ISR"], &["PSE"]), "RESTRICT")],
            ),
        ];
        let r = score(&g, &p, "x");
        assert!(close(r.get("mode_accuracy"), 1.0 / 3.0));
        assert!(close(r.get("type_accuracy"), 1.0));
        assert!(close(r.get("source_accuracy"), 1.0));
        assert!(close(r.get("target_accuracy"), 1.0));
        assert!(close(r.get("event_f1"), 1.0));
    }

    #[test]
    fn no_event_sentence_with_a_spurious_prediction() {
        // d1 has no gold event but one predicted; d2 is right.
        // Accuracies see only d2's gold event: 1/1 (mode n/a). Events: tp 1, predicted 2,
        // gold 1: P = 1/2, R = 1, F1 = 2/3; types the same.
        let g = gold(vec![
            doc("d1", vec![]),
            doc("d2", vec![ev("AGREE", &["FRA"], &["DEU"])]),
        ]);
        let p = [
            doc("d1", vec![ev("PROTEST", &["FRA"], &["FRA"])]),
            doc("d2", vec![ev("AGREE", &["FRA"], &["DEU"])]),
        ];
        let r = score(&g, &p, "x");
        assert_eq!(metrics(&r)[..4], [Some(1.0), None, Some(1.0), Some(1.0)]);
        assert!(close(r.get("event_precision"), 0.5));
        assert!(close(r.get("event_recall"), 1.0));
        assert!(close(r.get("event_f1"), 2.0 / 3.0));
        assert!(close(r.get("type_f1"), 2.0 / 3.0));
        assert_eq!(r.details["predicted_events"], 2);
        assert_eq!(r.details["per_type"]["PROTEST"]["predicted"], 1);
        assert_eq!(r.details["per_type"]["PROTEST"]["gold"], 0);
    }

    #[test]
    fn empty_gold_empty_prediction_and_both_empty() {
        // Empty gold (a sentence with no event), one event predicted: no accuracy has
        // items (all None); tp 0 of 1 predicted, 0 gold: P = 0, R = 0, F1 = 0.
        let g = gold(vec![doc("d", vec![])]);
        let r = score(&g, &[doc("d", vec![ev("AID", &["NOR"], &["TCD"])])], "x");
        assert_eq!(
            metrics(&r),
            vec![
                None,
                None,
                None,
                None,
                Some(0.0),
                Some(0.0),
                Some(0.0),
                Some(0.0)
            ]
        );
        // Both empty: nothing expected, nothing predicted: P = R = F1 = 1.
        let r = score(&g, &[doc("d", vec![])], "x");
        assert_eq!(
            metrics(&r),
            vec![
                None,
                None,
                None,
                None,
                Some(1.0),
                Some(1.0),
                Some(1.0),
                Some(1.0)
            ]
        );
        assert_eq!(r.details["missing_predictions"], 0);
        // Empty prediction: no prediction file entry at all for a sentence with a
        // moded event. Every accuracy 0/1; nothing predicted for something expected: 0.
        let g = gold(vec![doc(
            "d",
            vec![with_mode(ev("FIGHT", &["AFG"], &["RUS"]), "firearms")],
        )]);
        let r = score(&g, &[], "x");
        assert_eq!(metrics(&r), vec![Some(0.0); 8]);
        assert_eq!(r.details["missing_predictions"], 1);
        // No gold document at all, one prediction for an unknown id: reported, not scored.
        let r = score(&gold(vec![]), &[doc("zz", vec![ev("AID", &[], &[])])], "x");
        assert_eq!(r.details["unknown_predictions"], 1);
        assert_eq!(r.details["predicted_events"], 0);
        assert!(close(r.get("event_f1"), 1.0));
    }

    #[test]
    fn wrong_type_and_wrong_target() {
        // Wrong type: AGREE USA→JOR vs REJECT USA→JOR: agreement 3, aligned; type 0/1,
        // source 1/1, target 1/1; no tuple and no type in common: F1 0 and type_f1 0.
        let g = gold(vec![doc("d", vec![ev("AGREE", &["USA"], &["JOR"])])]);
        let r = score(&g, &[doc("d", vec![ev("REJECT", &["USA"], &["JOR"])])], "x");
        assert_eq!(
            metrics(&r),
            vec![
                Some(0.0),
                None,
                Some(1.0),
                Some(1.0),
                Some(0.0),
                Some(0.0),
                Some(0.0),
                Some(0.0)
            ]
        );
        // Wrong target (the nearest thing this task has to a shifted span): AGREE USA→ISR,
        // agreement 6; type 1, source 1, target 0; tuple differs: F1 0; type_f1 1.
        let r = score(&g, &[doc("d", vec![ev("AGREE", &["USA"], &["ISR"])])], "x");
        assert_eq!(
            metrics(&r),
            vec![
                Some(1.0),
                None,
                Some(1.0),
                Some(0.0),
                Some(0.0),
                Some(0.0),
                Some(0.0),
                Some(1.0)
            ]
        );
    }

    #[test]
    fn zero_agreement_is_not_aligned_and_ties_go_to_order() {
        let c = |e: Event| Coded::new(&e);
        // Nothing in common: agreement 0, so no pair even though both are alone.
        let g = [c(ev("AGREE", &["USA"], &["JOR"]))];
        let p = [c(ev("REJECT", &["ISR"], &["PSE"]))];
        assert_eq!(align_events(&g, &p), vec![None]);
        // Two identical gold events, one prediction: the earlier gold event takes it.
        let g = [
            c(ev("AGREE", &["USA"], &["JOR"])),
            c(ev("AGREE", &["USA"], &["JOR"])),
        ];
        let p = [c(ev("AGREE", &["USA"], &["JOR"]))];
        assert_eq!(align_events(&g, &p), vec![Some(0), None]);
        // One gold event, two equal predictions: the earlier prediction is taken.
        assert_eq!(
            align_events(&g[..1], &[p[0].clone(), p[0].clone()]),
            vec![Some(0)]
        );
        // Greedy by agreement, not by order: g0 = AGREE USA→JOR, g1 = REJECT USA→JOR;
        // p0 = REJECT USA→JOR (g0: 3, g1: 7), p1 = AGREE USA→ISR (g0: 6, g1: 2).
        // Highest first: g1–p0 (7), then g0–p1 (6).
        let g = [
            c(ev("AGREE", &["USA"], &["JOR"])),
            c(ev("REJECT", &["USA"], &["JOR"])),
        ];
        let p = [
            c(ev("REJECT", &["USA"], &["JOR"])),
            c(ev("AGREE", &["USA"], &["ISR"])),
        ];
        assert_eq!(align_events(&g, &p), vec![Some(1), Some(0)]);
    }

    #[test]
    fn degenerate_events_do_not_panic() {
        // A gold event with no actor and a predicted one with an empty type and no actor:
        // both code sets are empty and so the same: agreement 3, aligned, type wrong.
        // Source and target accuracies have no gold items. No tuple matches: F1 0.
        // The prediction repeats its id; the first is used and the repeat reported.
        let g = gold(vec![doc("d", vec![ev("PROTEST", &[], &[])])]);
        let p = [
            doc("d", vec![ev("", &[], &[])]),
            doc("d", vec![ev("PROTEST", &[], &[])]),
        ];
        let r = score(&g, &p, "x");
        assert_eq!(metrics(&r)[..4], [Some(0.0), None, None, None]);
        assert!(close(r.get("event_f1"), 0.0));
        assert_eq!(r.details["aligned_events"], 1);
        assert_eq!(r.details["repeated_predictions"], 1);
        // A mode given as an empty string is no mode.
        let mut e = ev("AID", &["NOR"], &[]);
        e.mode = Some(String::new());
        assert_eq!(Coded::new(&e).mode, None);
    }

    #[test]
    fn ontology_mismatch_is_reported() {
        let mut g = doc("d", vec![ev("AGREE", &["USA"], &["JOR"])]);
        g.ontology = Some("plover".into());
        let mut p = doc("d", vec![ev("057", &["USA"], &["JOR"])]);
        p.ontology = Some("cameo".into());
        let r = score(&gold(vec![g]), &[p], "x");
        assert_eq!(r.details["ontology_mismatches"], 1);
    }

    #[test]
    fn loads_a_plover_sample() {
        let sets = load(&sample("plover_sample.txt")).expect("sample loads");
        assert_eq!(sets.len(), 1);
        let set = &sets[0];
        assert_eq!(set.name, "plover");
        let ids: Vec<&str> = set.documents.iter().map(|d| d.id.as_str()).collect();
        // The DOCUMENT record is skipped; the two records of the first sentence are one
        // document; the repeated id of a different sentence gets "-2".
        assert_eq!(
            ids,
            [
                "SAMPLE-CONSULT-0001",
                "SAMPLE-PROTEST-0002",
                "SAMPLE-CONSULT-0001-2"
            ]
        );
        let first = &set.documents[0];
        assert_eq!(
            first.text,
            "Lisbon and Madrid held talks on river water — “finally”, officials said."
        );
        assert_eq!(first.published.as_deref(), Some("2021-03-04"));
        assert_eq!(first.ontology.as_deref(), Some("plover"));
        assert_eq!(first.events.len(), 2);
        let consult = &first.events[0];
        assert_eq!(consult.kind, "CONSULT");
        assert_eq!(consult.mode.as_deref(), Some("visit"));
        assert_eq!(
            consult.source,
            vec![
                Actor {
                    text: Some("Lisbon".into()),
                    code: "PRT".into(),
                    sector: Some("GOV".into())
                },
                Actor {
                    text: Some("Madrid".into()),
                    code: "ESP".into(),
                    sector: None
                }
            ]
        );
        assert!(consult.target.is_empty());
        let concede = &first.events[1];
        assert_eq!(concede.kind, "CONCEDE");
        assert_eq!(concede.mode, None);
        assert_eq!(concede.source[0].sector, None);
        assert_eq!(concede.target[0].code, "PRT");
        // A string where the target list belongs gives no target.
        let protest = &set.documents[1];
        assert_eq!(
            protest.text,
            "Farmers blocked roads near Lyon, and a \"go-slow\" followed."
        );
        assert!(protest.events[0].target.is_empty());
        assert_eq!(protest.events[0].mode, None);
        assert_eq!(set.documents[2].published, None);
        assert_eq!(set.documents[2].events[0].source[0].text, None);
    }

    #[test]
    fn a_bad_plover_record_names_its_line() {
        let err = load(&sample("plover_bad.txt")).unwrap_err().to_string();
        // The second record starts on line 8 and its actor has no code.
        assert!(err.contains("plover_bad.txt:8:"), "{err}");
        assert!(err.contains("BAD-AGREE-0002"), "{err}");
        assert!(err.contains("\"code\" is missing"), "{err}");
    }

    #[test]
    fn loads_a_petrarch_sample() {
        let sets = load(&sample("petrarch_sample.xml")).expect("sample loads");
        assert_eq!(sets.len(), 1);
        let set = &sets[0];
        assert_eq!(set.name, "petrarch2");
        let ids: Vec<&str> = set.documents.iter().map(|d| d.id.as_str()).collect();
        assert_eq!(ids, ["TEST-01", "TEST-02", "TEST-01-2"]);
        let first = &set.documents[0];
        // Spaces around "=" are accepted, &amp; is resolved and whitespace collapsed.
        assert_eq!(
            first.text,
            "Dutch officials offered talks to Belgium & the river board asked The Hague for funds."
        );
        assert_eq!(first.published.as_deref(), Some("2020-03-15"));
        assert_eq!(first.ontology.as_deref(), Some("cameo"));
        assert_eq!(
            first.events,
            vec![
                ev("036", &["NLD"], &["BEL"]),
                ev("0311", &["\"RIVER BOARD\""], &["NLDGOV"])
            ]
        );
        // noevents and error codings give no event.
        assert!(set.documents[1].events.is_empty());
        assert_eq!(set.documents[1].text, "Nothing happened in Utrecht.");
        assert!(set.documents[2].events.is_empty());
        assert_eq!(
            set.documents[2].text,
            "UTRECHT: a dateline and little else."
        );
        assert_eq!(set.documents[2].published.as_deref(), Some("2020-03-17"));
    }

    #[test]
    fn bad_petrarch_records_name_their_line() {
        let err = load(&sample("petrarch_bad.xml")).unwrap_err().to_string();
        assert!(err.contains("petrarch_bad.xml:5:"), "{err}");
        assert!(err.contains("no eventcode"), "{err}");
        // A Sentence that is never closed: the reader reports the mismatched end tag.
        let err = load(&sample("petrarch_unclosed.xml"))
            .unwrap_err()
            .to_string();
        assert!(err.contains("petrarch_unclosed.xml:5:"), "{err}");
    }

    #[test]
    fn loads_plain_jsonl_and_names_bad_lines() {
        let sets = load(&sample("sample.jsonl")).expect("sample loads");
        assert_eq!(sets[0].name, "sample");
        let docs = &sets[0].documents;
        assert_eq!(docs.len(), 2);
        assert_eq!(docs[0].id, "j1");
        assert_eq!(docs[0].events[0].mode.as_deref(), Some("host"));
        assert_eq!(docs[0].events[0].source[0].sector.as_deref(), Some("GOV"));
        // The blank second line still counts: the id-less line is line 3.
        assert_eq!(docs[1].id, "3");
        assert_eq!(docs[1].published, None);
        let err = load(&sample("bad.jsonl")).unwrap_err().to_string();
        assert!(err.contains("bad.jsonl:2:"), "{err}");
        assert!(err.contains("empty type"), "{err}");
        let preds = read_predictions(&sample("sample.jsonl")).expect("predictions load");
        assert_eq!(preds, *docs);
    }

    #[test]
    fn loads_a_folder_of_files() {
        let sets = load(&sample("folder")).expect("folder loads");
        let names: Vec<&str> = sets.iter().map(|s| s.name.as_str()).collect();
        assert_eq!(names, ["plover", "petrarch2", "extra"]);
        assert_eq!(sets[0].documents[0].id, "FOLDER-AID-0001");
        assert_eq!(
            sets[1].documents[0].events,
            vec![ev("042", &["DNK"], &["DEU"])]
        );
        let err = load(&sample("no-such-folder")).unwrap_err().to_string();
        assert!(err.contains("no-such-folder"), "{err}");
    }

    #[test]
    fn element_starts_skip_strings_and_nesting() {
        let text = "[\n {\"a\": \"[,{\",\n \"b\": [1, 2]},\n\n {\"c\": \"\\\"\"}\n]";
        assert!(serde_json::from_str::<Value>(text).is_ok());
        let starts = array_element_starts(text);
        let lines = LineIndex::new(text);
        let at: Vec<usize> = starts.iter().map(|&o| lines.line(o)).collect();
        assert_eq!(at, [2, 5]);
        assert!(array_element_starts("[]").is_empty());
    }
}
