//! The published record: what `readout extract` prints, one [`ArticleRecord`] per article.
//!
//! These types exist for serialisation. Every span carries its `start` and `end` byte
//! offsets into the article's `text` and the `text` it covers. `docs/record.md` explains the
//! fields and `docs/record.schema.json` is generated from these types by `readout schema`.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{
    ActorCode, CameoCode, Confidence, CueKind, Dateline, DepRel, EntityId, EntityType, EventId,
    InputFormat, MentionLink, Modality, Origin, PloverMode, PloverType, QuoteId, QuoteKind,
    RelayKind, SourceMap, TimeBasis, TimeValue, TimexId, TimexMod, TimexType, TokenKind, Upos,
    Xpos,
};

/// The version of the record's shape; bumped on every incompatible change.
pub const RECORD_VERSION: &str = "readout.article/0.1";

/// A span with the text it covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TextSpan {
    /// First byte of the span in the article text.
    pub start: usize,
    /// One past the last byte of the span in the article text.
    pub end: usize,
    /// The text the span covers: `text[start..end]`.
    pub text: String,
}

/// The publication date and time as the record prints it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct PublishedRecord {
    /// ISO 8601, as precise as the source: `2025-07-03`, `2025-07-03T10:00:00`,
    /// `2025-07-03T10:00:00+03:00`.
    pub iso: String,
    /// The calendar date, `YYYY-MM-DD`.
    pub date: String,
    /// The local time of day, `HH:MM:SS`, when known.
    pub time: Option<String>,
    /// The offset from UTC, `+HH:MM`, when known.
    pub utc_offset: Option<String>,
    /// Where the date came from: `input` (a field, header or metadata of the input),
    /// `crawl` (a WARC record's capture date, for a page that states none) or `option`
    /// (`--published` on the command line).
    pub source: PublishedSource,
}

/// Where a publication date came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum PublishedSource {
    /// A field, header or metadata of the input.
    Input,
    /// The capture date of a WARC record, for a page that states no date of its own.
    Crawl,
    /// The `--published` option, for input that had none.
    Option,
}

/// One token.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TokenRecord {
    /// First byte of the token in the article text.
    pub start: usize,
    /// One past the last byte of the token in the article text.
    pub end: usize,
    /// The token's text.
    pub text: String,
    /// What the token is made of.
    pub kind: TokenKind,
    /// Universal part-of-speech tag; absent when syntax is switched off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub upos: Option<Upos>,
    /// Penn Treebank tag; absent when syntax is switched off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub xpos: Option<Xpos>,
    /// The lemma; absent when syntax is switched off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lemma: Option<String>,
    /// The token's head in the dependency tree: its position in the sentence's `tokens`
    /// (from 0); absent for the sentence's root and when syntax is switched off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub head: Option<usize>,
    /// The Universal Dependencies relation to the head (`root` for the root); absent when
    /// syntax is switched off.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deprel: Option<DepRel>,
}

/// One sentence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SentenceRecord {
    /// First byte of the sentence in the article text.
    pub start: usize,
    /// One past the last byte of the sentence in the article text.
    pub end: usize,
    /// The sentence's text.
    pub text: String,
    /// Zero-based index of the paragraph the sentence belongs to.
    pub paragraph: usize,
    /// The time the sentence speaks of, when there is one.
    pub time: Option<SentenceTimeRecord>,
    /// The sentence's tokens; present only when tokens were asked for (`--tokens`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tokens: Option<Vec<TokenRecord>>,
}

/// The time a sentence speaks of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct SentenceTimeRecord {
    /// Its TimeML value (`2025-07-03`, `2025-W27`, `2025-07-03TMO`).
    pub value: TimeValue,
    /// expression (a date or time in the sentence), carried (from an earlier sentence of
    /// the same paragraph) or published (the publication date).
    pub basis: TimeBasis,
    /// The expression it comes from (an `id` of `times`), unless it is the publication date.
    pub timex: Option<TimexId>,
}

/// One temporal expression, typed and valued as TimeML's TIMEX3.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TimeRecord {
    /// Identifier within the article: `t1`, `t2`, ... in text order.
    pub id: TimexId,
    /// DATE, TIME, DURATION or SET.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// The TimeML value (`2025-07-03`, `2025-07-03T10:00`, `PT1H`, `2025-W27`,
    /// `PAST_REF`); `null` for a relative expression in an article with no publication
    /// date to resolve it against.
    pub value: Option<TimeValue>,
    /// How the expression qualifies its value (APPROX, LESS_THAN, MORE_THAN,
    /// EQUAL_OR_LESS, EQUAL_OR_MORE, START, MID, END), when it does.
    #[serde(rename = "mod")]
    pub modifier: Option<TimexMod>,
    /// Whether the value was computed from the publication date.
    pub anchored: bool,
    /// The UTC offset of a time zone the expression names (`+03:00`), when it names one.
    pub utc_offset: Option<String>,
    /// The words of the expression.
    #[serde(flatten)]
    pub span: TextSpan,
}

/// The record of one article.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
pub struct ArticleRecord {
    /// The record's shape version, [`RECORD_VERSION`].
    pub record: String,
    /// Stable identifier: a hash of title and text.
    pub id: String,
    /// The identifier the input gave the article, if any.
    pub external_id: Option<String>,
    /// The outlet: a name or a host name.
    pub source: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The author line.
    pub byline: Option<String>,
    /// The publication date and time.
    pub published: Option<PublishedRecord>,
    /// The language, as a BCP 47 tag.
    pub language: Option<String>,
    /// The dateline removed from the start of the text.
    pub dateline: Option<Dateline>,
    /// The article body; every span indexes into it by byte offset.
    pub text: String,
    /// Where the article came from in the input.
    pub origin: Origin,
    /// Text offsets back to raw input bytes, when the text was taken from a larger input.
    pub source_map: Option<SourceMap>,
    /// The sentences, in order; together they cover every non-space character of `text`.
    pub sentences: Vec<SentenceRecord>,
    /// The entities, in order of first mention.
    pub entities: Vec<EntityRecord>,
    /// The attributions (quotations and reported speech), in text order of their content.
    pub quotes: Vec<QuoteRecord>,
    /// The temporal expressions (dates, times, durations, sets), in text order.
    pub times: Vec<TimeRecord>,
    /// The coded events, one per real-world event, in text order of their first report.
    pub events: Vec<EventRecord>,
}

/// One coded event: who did what to whom, when and where, reported where in the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EventRecord {
    /// Identifier within the article: `v1`, `v2`, ... in text order of the first report.
    pub id: EventId,
    /// The PLOVER type (`CONSULT`, `ACCUSE`, ...).
    #[serde(rename = "type")]
    pub kind: PloverType,
    /// PLOVER's mode for the type (`phone`, `visit`, ...), when it defines one.
    pub mode: Option<PloverMode>,
    /// The CAMEO code (`041`).
    pub cameo: CameoCode,
    /// How far the text supports the event, from 0 to 1 (`docs/events.md`); events below
    /// the pipeline's `min_event_confidence` are left out unless all events are asked for.
    /// Absent from records made before events had a confidence (stored ones included).
    #[serde(default)]
    pub confidence: Option<Confidence>,
    /// Who acted; several for a joint actor ("Putin and Trump spoke").
    pub source: Vec<EventActorRecord>,
    /// Who was acted on.
    pub target: Vec<EventActorRecord>,
    /// Whether every report denies the event ("did not attack").
    pub negated: bool,
    /// asserted, future or hypothetical.
    pub modality: Modality,
    /// When it took place: the time of the sentence of its best-dated report, with its
    /// basis (`expression`: a time expression of that sentence; `carried`: from an earlier
    /// sentence of the paragraph; `published`: the article's reporting time).
    pub date: Option<SentenceTimeRecord>,
    /// How long it lasted (an `id` of `times`), when a report says.
    pub duration: Option<TimexId>,
    /// Where it took place, when a report says.
    pub location: Option<EventPlaceRecord>,
    /// What it was about; `negated` marks what a report says it was not about.
    pub topics: Vec<TopicRecord>,
    /// The attribution its first attributed report sits in ("according to the Kremlin").
    pub reported_by: Option<AttributionRecord>,
    /// Ordinal claims made of it ("their sixth conversation since ...").
    pub claims: Vec<ClaimRecord>,
    /// Every report of it in the article, in text order.
    pub mentions: Vec<EventMentionRecord>,
}

/// One actor of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EventActorRecord {
    /// The entity it is (an `id` of `entities`), when it is one.
    pub entity: Option<EntityId>,
    /// Its country code (ISO 3166-1 alpha-3), or `IGO`, `NGO`, `MNC` for actors without one.
    pub code: Option<String>,
    /// Its sector (GOV, MIL, REB, ...), when known.
    pub sector: Option<String>,
    /// The words in the sentence that name it ("the Russian side", "the two leaders").
    #[serde(flatten)]
    pub span: TextSpan,
}

/// Where an event took place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EventPlaceRecord {
    /// The entity it is (an `id` of `entities`).
    pub entity: Option<EntityId>,
    /// Its country code, when known.
    pub code: Option<String>,
    /// The words that name it.
    #[serde(flatten)]
    pub span: TextSpan,
}

/// One topic of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TopicRecord {
    /// Whether a report says it was not discussed ("did not discuss ...").
    pub negated: bool,
    /// The words that name it.
    #[serde(flatten)]
    pub span: TextSpan,
}

/// The attribution an event's report sits in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct AttributionRecord {
    /// The quotation whose content holds the report (an `id` of `quotes`).
    pub quote: Option<QuoteId>,
    /// Who is given as its source, as written.
    pub source: Option<TextSpan>,
    /// The entity the source resolves to (an `id` of `entities`).
    pub speaker: Option<EntityId>,
}

/// An ordinal claim made of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ClaimRecord {
    /// The ordinal number claimed (6 for "sixth").
    pub ordinal: u32,
    /// The words of the claim.
    #[serde(flatten)]
    pub span: TextSpan,
}

/// One report of an event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EventMentionRecord {
    /// The sentence that reports it (an index into `sentences`).
    pub sentence: usize,
    /// Whether this report denies it.
    pub negated: bool,
    /// The words that report it.
    pub trigger: TextSpan,
}

/// One attribution: what was said, how, by whom, introduced by which words, and through
/// which channels it reached the article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct QuoteRecord {
    /// Identifier within the article: `q1`, `q2`, ... in text order.
    pub id: QuoteId,
    /// direct, indirect, mixed or partial.
    pub kind: QuoteKind,
    /// What was said. Its offsets are into the title when `in_title` is true.
    pub content: TextSpan,
    /// Whether the content is a fragment of the article's title (a headline quotation
    /// attributed from the body) rather than of its text.
    pub in_title: bool,
    /// Who said it, as written ("he", "a senior official"), when the text says.
    pub source: Option<TextSpan>,
    /// The entity the source resolves to (an `id` of `entities`), when it does.
    pub speaker: Option<EntityId>,
    /// The speaker's name as the entity gives it, for reading without a lookup.
    pub speaker_name: Option<String>,
    /// The words that introduce it ("said", "told", "according to").
    pub cue: Option<TextSpan>,
    /// `speech` for verbs of saying, "according to" and colons; `other` for attributions
    /// without reporting words ("accused", "denied", "believes", "called for"). Records
    /// written before the field existed read as `speech`.
    #[serde(default)]
    pub cue_kind: CueKind,
    /// For the second and later parts of a split quotation ('"A," she said. "B."', or a
    /// quotation running on into the next paragraph): the part it continues. The parts
    /// share speaker, cue and relays; each content is only its own words.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continues: Option<QuoteId>,
    /// The channels from the speaker to the article, in order.
    pub relays: Vec<RelayRecord>,
}

/// One channel of a quotation's relay chain.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RelayRecord {
    /// outlet, audience or medium.
    pub kind: RelayKind,
    /// The words that name it.
    #[serde(flatten)]
    pub span: TextSpan,
}

/// One entity: its name, type, actor code, roles and every mention.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct EntityRecord {
    /// Identifier within the article: `e1`, `e2`, ... in order of first mention.
    pub id: EntityId,
    /// The mention that names it most fully.
    pub name: TextSpan,
    /// PER, ORG, LOC or MISC.
    #[serde(rename = "type")]
    pub kind: EntityType,
    /// Country and sector as an actor, when known.
    pub code: Option<ActorCode>,
    /// Role phrases attached to its mentions.
    pub roles: Vec<TextSpan>,
    /// Every mention, in text order, with how it was linked.
    pub mentions: Vec<MentionRecord>,
}

/// One mention of an entity.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct MentionRecord {
    /// First byte in the article text.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// `text[start..end]`.
    pub text: String,
    /// How it was linked to the entity: name, partial_name, role or pronoun.
    pub link: MentionLink,
}

/// The formats of [`Origin::format`], listed for documentation.
pub const INPUT_FORMATS: [InputFormat; 5] = [
    InputFormat::Text,
    InputFormat::Jsonl,
    InputFormat::Html,
    InputFormat::Feed,
    InputFormat::Warc,
];
