//! The types of readout's record.
//!
//! This crate sits at the bottom of the workspace: every other crate depends on it and it
//! depends on none of them. It holds two layers of types:
//!
//! * working types ([`Article`], [`Span`], [`Sentence`], [`Token`], [`SourceMap`]) that the
//!   stages pass to each other; they carry byte offsets, never copies of the text;
//! * the published record ([`record`]), which is what `readout extract` prints and what the
//!   JSON Schema in `docs/record.schema.json` describes. Only there do spans carry the text
//!   they cover, so that a reader of the JSON never has to slice strings by hand.
#![deny(missing_docs)]

pub mod record;

mod article;
mod codes;
mod entity;
mod event;
mod quote;
mod source_map;
mod span;
pub mod syntax;
mod time;
mod value;

pub use article::{Article, Dateline, InputFormat, Origin, Published};
pub use codes::{
    CameoCode, EntityId, EventId, ParseCodeError, PloverMode, PloverType, QuadClass, QuoteId,
    TimexId,
};
pub use entity::{ActorCode, Entity, EntityMention, EntityType, MentionLink};
pub use event::{
    Attribution, Claim, Confidence, Event, EventActor, EventMention, EventPlace, Modality, Topic,
};
pub use quote::{CueKind, Quote, QuoteKind, Relay, RelayKind};
pub use source_map::{SourceMap, SourceRun};
pub use span::{Sentence, Span, Token, TokenKind};
pub use syntax::{DepRel, TokenSyntax, Upos, Xpos};
pub use time::{SentenceTime, TimeBasis, Timex, TimexMod, TimexType};
pub use value::{DayPart, DurationUnit, ParseValueError, Precision, Season, TimeRef, TimeValue};
