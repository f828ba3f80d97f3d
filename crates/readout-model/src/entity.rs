//! Entities: who and what an article names, with every mention and how it was linked.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::Span;

/// The CoNLL entity types.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema,
)]
#[serde(rename_all = "UPPERCASE")]
pub enum EntityType {
    /// A person.
    Per,
    /// An organisation.
    Org,
    /// A place.
    Loc,
    /// Other names: nationalities, events, works, products.
    Misc,
}

impl EntityType {
    /// All types, in a fixed order.
    pub const ALL: [EntityType; 4] = [
        EntityType::Per,
        EntityType::Org,
        EntityType::Loc,
        EntityType::Misc,
    ];

    /// The CoNLL name: `PER`, `ORG`, `LOC`, `MISC`.
    pub fn as_str(self) -> &'static str {
        match self {
            EntityType::Per => "PER",
            EntityType::Org => "ORG",
            EntityType::Loc => "LOC",
            EntityType::Misc => "MISC",
        }
    }

    /// The type of a CoNLL name.
    pub fn parse(name: &str) -> Option<EntityType> {
        EntityType::ALL.into_iter().find(|t| t.as_str() == name)
    }
}

/// How a mention was linked to its entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MentionLink {
    /// The name as the tagger found it, matching the entity's name.
    Name,
    /// Part of the full name: a surname or a first name alone.
    PartialName,
    /// A role nominal ("the Russian leader").
    Role,
    /// A personal pronoun.
    Pronoun,
}

/// One mention of an entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EntityMention {
    /// Where it is.
    pub span: Span,
    /// How it was linked.
    pub link: MentionLink,
}

/// An entity as an actor: a country (ISO 3166-1 alpha-3) and a sector (CAMEO/PLOVER
/// agent codes such as GOV, MIL, MED, BUS, IGO).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct ActorCode {
    /// The country, if one is known.
    pub country: Option<String>,
    /// The sector, if one is known.
    pub sector: Option<String>,
}

/// One entity of an article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entity {
    /// Its type.
    pub kind: EntityType,
    /// The mention that names it most fully.
    pub name: Span,
    /// Every mention, in text order.
    pub mentions: Vec<EntityMention>,
    /// Role phrases attached to its mentions ("Russian President", "a Kremlin aide").
    pub roles: Vec<Span>,
    /// Its actor code, when one could be given.
    pub code: Option<ActorCode>,
}
