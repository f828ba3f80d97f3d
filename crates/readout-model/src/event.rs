//! Events: who did what to whom, coded in PLOVER and CAMEO.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Span;

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
    /// The entity it is (an index into the article's entities), when it is one.
    pub entity: Option<usize>,
    /// Its country code (ISO 3166-1 alpha-3), or `IGO` and the like for actors without one.
    pub code: Option<String>,
    /// Its sector (GOV, MIL, REB, ...), when known.
    pub sector: Option<String>,
}

/// One coded event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// The PLOVER type (`CONSULT`, `ACCUSE`, ...).
    pub plover: String,
    /// PLOVER's mode for the type (`phone`, `visit`, ...), when it defines one.
    pub mode: Option<String>,
    /// The CAMEO code (`041`).
    pub cameo: String,
    /// The words that report the event: the verb, with its particle or object when the
    /// dictionary pattern needs them.
    pub trigger: Span,
    /// The sentence that reports it (an index into the article's sentences).
    pub sentence: usize,
    /// Who acted; several for a joint actor ("Putin and Trump spoke").
    pub source: Vec<EventActor>,
    /// Who was acted on.
    pub target: Vec<EventActor>,
    /// Whether the report denies it ("did not discuss").
    pub negated: bool,
    /// Reported as fact, as future, or as possible.
    pub modality: Modality,
}
