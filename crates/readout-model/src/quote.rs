//! Quotations: what was said, by whom, introduced by which words, and how it reached the
//! article.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::{EntityId, Span};

/// How a statement is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum QuoteKind {
    /// Inside quotation marks, as a whole statement.
    Direct,
    /// Reported speech without quotation marks ("X said that ...").
    Indirect,
    /// Reported speech holding a quoted fragment.
    Mixed,
    /// A quoted fragment on its own (as in a headline).
    Partial,
}

/// What kind of word attributes a statement: speech ("said", "told", "according to") or
/// another act of attribution ("accused", "denied", "believes", "called for", "shows").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CueKind {
    /// A verb of saying or writing, "according to", or a colon after a name.
    #[default]
    Speech,
    /// A verb that attributes a position, a belief, a finding or an act of support or
    /// blame without reporting words ("accused X of ...", "believes that ...").
    Other,
}

/// What a relay is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RelayKind {
    /// A news outlet or agency ("quoted by Reuters", "told CNN").
    Outlet,
    /// An audience ("told reporters", "told the audience").
    Audience,
    /// A medium ("in a statement", "in a post on his social media platform").
    Medium,
    /// Someone who passed the statement on: the speaker of the quotation whose content
    /// holds it ("Ushakov told reporters that Trump urged ..." relays Trump's urging through
    /// Ushakov).
    Speaker,
    /// The place where it was said, named near the quotation rather than in its frame ("at
    /// the forum" for "Putin told the audience" after "Putin left a session at the forum").
    Venue,
}

/// One channel a statement passed through on its way to the article.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Relay {
    /// The words that name it.
    pub span: Span,
    /// What it is.
    pub kind: RelayKind,
}

/// One attribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Quote {
    /// What was said.
    pub content: Span,
    /// How.
    pub kind: QuoteKind,
    /// Who said it, as written ("he", "a senior official", "Ushakov").
    pub source: Option<Span>,
    /// The entity the source resolves to.
    pub speaker: Option<EntityId>,
    /// The words that introduce it ("said", "told reporters", "according to").
    pub cue: Option<Span>,
    /// Whether the cue reports speech or another act of attribution.
    pub cue_kind: CueKind,
    /// For the second and later parts of a split quotation ('"A," she said. "B."'): the
    /// index, in the article's list of quotations, of the part it continues.
    pub continues: Option<usize>,
    /// The channels, in order from the speaker to the article.
    pub relays: Vec<Relay>,
    /// Whether `content` is a span of the article's title rather than of its text (a
    /// quoted fragment in a headline kept apart from the body).
    pub in_title: bool,
}
