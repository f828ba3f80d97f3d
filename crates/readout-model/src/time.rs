//! Temporal expressions (TimeML's TIMEX3) and the time each sentence speaks of.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{Span, TimeValue, TimexId};

/// The four TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period: "July 3", "last week", "the 1990s", "now".
    Date,
    /// A time of day, or a part of a day: "10:00 A.M.", "Thursday morning", "tonight".
    Time,
    /// A length of time: "six weeks", "nearly hour-long".
    Duration,
    /// A recurrence: "every Monday", "weekly".
    Set,
}

impl TimexType {
    /// The TimeML name: `DATE`, `TIME`, `DURATION` or `SET`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexType::Date => "DATE",
            TimexType::Time => "TIME",
            TimexType::Duration => "DURATION",
            TimexType::Set => "SET",
        }
    }
}

/// TimeML's `mod`: how an expression qualifies the value it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum TimexMod {
    /// "about", "around", "nearly", "almost", "roughly".
    Approx,
    /// "less than", "under".
    LessThan,
    /// "more than", "over".
    MoreThan,
    /// "up to", "at most", "no more than".
    EqualOrLess,
    /// "at least", "no less than".
    EqualOrMore,
    /// "early", "the beginning of", "the start of".
    Start,
    /// "mid", "the middle of".
    Mid,
    /// "late", "the end of".
    End,
}

impl TimexMod {
    /// The TimeML name, as in `APPROX`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimexMod::Approx => "APPROX",
            TimexMod::LessThan => "LESS_THAN",
            TimexMod::MoreThan => "MORE_THAN",
            TimexMod::EqualOrLess => "EQUAL_OR_LESS",
            TimexMod::EqualOrMore => "EQUAL_OR_MORE",
            TimexMod::Start => "START",
            TimexMod::Mid => "MID",
            TimexMod::End => "END",
        }
    }
}

/// One temporal expression found in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// The words of the expression ("Thursday morning", "the past three months").
    pub span: Span,
    /// DATE, TIME, DURATION or SET.
    pub kind: TimexType,
    /// The TimeML value (`2025-07-03`, `2025-07-03TMO`, `PT1H`, `2025-W27`, `PAST_REF`),
    /// or `None` when the expression is relative and there is no publication date to
    /// resolve it against.
    pub value: Option<TimeValue>,
    /// How the expression qualifies its value ("nearly" → approximate).
    pub modifier: Option<TimexMod>,
    /// Whether the value was computed from the publication date ("Thursday", "last
    /// week") rather than read from the words alone ("July 3, 2025", "six weeks").
    pub anchored: bool,
    /// The offset from UTC in minutes, when the expression names a time zone ("4 pm Moscow
    /// time" → 180).
    pub utc_offset_minutes: Option<i32>,
}

/// Where a sentence's time comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimeBasis {
    /// A date or time expression in the sentence itself.
    Expression,
    /// Carried over from an earlier sentence of the same paragraph.
    Carried,
    /// The publication date, for a sentence with no time of its own before it.
    Published,
}

/// The time a sentence speaks of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceTime {
    /// The expression it comes from, unless it is the publication date.
    pub timex: Option<TimexId>,
    /// The TimeML value of that time.
    pub value: TimeValue,
    /// Where it comes from.
    pub basis: TimeBasis,
}
