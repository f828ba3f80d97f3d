//! Events: who did what to whom, coded in PLOVER and CAMEO.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{CameoCode, EntityId, PloverMode, PloverType, QuoteId, SentenceTime, Span, TimexId};

/// Whether an event is reported as having happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Reported as fact ("met", "has agreed").
    Asserted,
    /// Announced or expected ("will meet", "is to visit").
    Future,
    /// Possible or conditional ("may impose", "could attack", "would retaliate").
    Hypothetical,
}

/// One actor of an event: an entity of the article, or words that name an actor the
/// entity stage did not give (a nationality, a role).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventActor {
    /// The words in the sentence that name it.
    pub span: Span,
    /// The entity it is, when it is one.
    pub entity: Option<EntityId>,
    /// Its country code (ISO 3166-1 alpha-3), or `IGO` and the like for actors without one.
    pub code: Option<String>,
    /// Its sector (GOV, MIL, REB, ...), when known.
    pub sector: Option<String>,
}

/// One report of an event: the words of one sentence that report it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EventMention {
    /// The words that report the event: the verb, with its particle or object when the
    /// dictionary pattern needs them.
    pub trigger: Span,
    /// The sentence (an index into the article's sentences).
    pub sentence: usize,
    /// Whether this report denies the event ("did not discuss").
    pub negated: bool,
}

/// What an event was about: what was discussed, demanded or agreed ("the war in Ukraine").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Topic {
    /// The words that name it.
    pub span: Span,
    /// Whether the report says it was not the topic ("did not discuss the suspension").
    pub negated: bool,
}

/// Where an event took place, when the sentence says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventPlace {
    /// The words that name the place.
    pub span: Span,
    /// The entity it is.
    pub entity: Option<EntityId>,
    /// Its country code, when known.
    pub code: Option<String>,
}

/// The attribution an event's report sits in ("according to the Kremlin", "Ushakov said").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Attribution {
    /// The quotation whose content holds the report.
    pub quote: Option<QuoteId>,
    /// Who is given as the source, as written.
    pub span: Option<Span>,
    /// The entity the source resolves to.
    pub entity: Option<EntityId>,
}

/// An ordinal claim made of an event: "their sixth publicly disclosed conversation since
/// Trump returned to the White House" is ordinal 6.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Claim {
    /// The words of the claim, from the ordinal to the end of its phrase.
    pub span: Span,
    /// The ordinal number claimed.
    pub ordinal: u32,
}

/// How far the evidence in the text supports a coded event, from 0 to 1 in hundredths:
/// the trigger's part of speech and place in its clause, and whether the parse links the
/// actors to it (`docs/events.md`). Kept as whole hundredths so that records compare
/// exactly; printed as a number such as `0.85`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Confidence(u8);

impl Confidence {
    /// Full confidence.
    pub const FULL: Confidence = Confidence(100);

    /// The confidence of `percent` hundredths (at most 100).
    pub const fn from_percent(percent: u8) -> Confidence {
        Confidence(if percent > 100 { 100 } else { percent })
    }

    /// In hundredths, 0 to 100.
    pub fn percent(self) -> u8 {
        self.0
    }

    /// As a number from 0 to 1.
    pub fn value(self) -> f64 {
        f64::from(self.0) / 100.0
    }
}

impl serde::Serialize for Confidence {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.value())
    }
}

impl<'de> serde::Deserialize<'de> for Confidence {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Confidence, D::Error> {
        let v = f64::deserialize(d)?;
        if !(0.0..=1.0).contains(&v) {
            return Err(serde::de::Error::custom(format!(
                "a confidence is from 0 to 1, not {v}"
            )));
        }
        Ok(Confidence((v * 100.0).round() as u8))
    }
}

impl schemars::JsonSchema for Confidence {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Confidence".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": "number", "minimum": 0, "maximum": 1 })
    }
}

/// One coded event. Within an article, every report of the same real-world event is one
/// [`Event`] with several [`EventMention`]s; its attributes are merged from all of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The PLOVER type (`CONSULT`, `ACCUSE`, ...).
    pub plover: PloverType,
    /// PLOVER's mode for the type (`phone`, `visit`, ...), when it defines one.
    pub mode: Option<PloverMode>,
    /// The CAMEO code (`041`).
    pub cameo: CameoCode,
    /// The trigger of its first report (the first of `mentions`).
    pub trigger: Span,
    /// The sentence of its first report.
    pub sentence: usize,
    /// Who acted; several for a joint actor ("Putin and Trump spoke").
    pub source: Vec<EventActor>,
    /// Who was acted on.
    pub target: Vec<EventActor>,
    /// Whether the report denies it ("did not discuss").
    pub negated: bool,
    /// Reported as fact, as future, or as possible.
    pub modality: Modality,
    /// Every report of the event in the article, in text order.
    pub mentions: Vec<EventMention>,
    /// What it was about.
    pub topics: Vec<Topic>,
    /// Where it took place.
    pub location: Option<EventPlace>,
    /// The attribution its first attributed report sits in.
    pub reported_by: Option<Attribution>,
    /// When it took place: the time of the sentence of its best-dated report (a time
    /// expression of its own before a time carried or the publication date).
    pub date: Option<SentenceTime>,
    /// How long it lasted: a duration expression of one of its reports' sentences.
    pub duration: Option<TimexId>,
    /// Ordinal claims made of it.
    pub claims: Vec<Claim>,
    /// How far the text supports it: the best of its reports.
    pub confidence: Confidence,
}
