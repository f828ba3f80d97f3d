//! From tagged mentions to entities: names grouped by who they name, role phrases, actor
//! codes, role nominals and pronouns linked to the person they stand for.
//!
//! The rules, in order:
//!
//! 1. **Names.** A person mention joins the latest person entity whose name it equals, or
//!    whose full name ends or starts with it when it is one word ("Ushakov" after
//!    "Yuri Ushakov"); a longer name upgrades a one-word entity it ends with. Other types
//!    join an entity of the same type with the same name, case aside.
//! 2. **Roles.** Left of a person's name, a run of title words, nationalities, countries and
//!    organisation names that holds a title word is its role ("Russian President",
//!    "Kremlin aide"); so is an apposition after it (", a senior Kremlin aide,").
//! 3. **Codes.** A person's country comes from the nationality, country or organisation in
//!    its role, or from "of COUNTRY" after the name; its sector from the title word, else
//!    from the organisation. Organisations and places take the codes of the gazetteer.
//! 4. **Role nominals.** "the" + role words ending in a title word, not followed by a name
//!    ("the Russian leader"), links to the latest person whose role holds that title word
//!    or whose country matches.
//! 5. **Pronouns.** he, him, his, himself link to the latest person mentioned before them
//!    who is male or of unknown gender; she, her, hers, herself to the latest who is female
//!    or unknown ([`crate::gender`]: a courtesy title, a gendered role word or a first name
//!    of the table gives a gender; conflicting evidence leaves it unknown). A person of
//!    the right gender more than [`MAX_SENTENCES_BACK`] sentences before the latest person
//!    mentioned is too far: the pronoun stays unlinked. Inside quotation marks a pronoun
//!    links only to a person named inside the same quotation.
//! 6. **Persons without a role.** A person the article gives no country (no role phrase,
//!    no "of COUNTRY": "Vladimir Putin said") takes the code the Phoenix person table
//!    ([`Persons`]) has in force on the publication date for its fullest name; a sector the
//!    role gave is kept. A person with a country but no sector takes the table's sector
//!    when the table gives the same country.

use chrono::NaiveDate;
use readout_model::{
    ActorCode, Entity, EntityMention, EntityType, MentionLink, Sentence, Span, Token, TokenKind,
};

use crate::gazetteer::{Gazetteer, Kind, Match};
use crate::gender::{self, Evidence, FirstNames, Gender};
use crate::persons::Persons;
use crate::Mention;

/// How many sentences before the latest person mentioned a pronoun may still find a person
/// of its gender (rule 5). When the latest person is of the other gender, a match further
/// back is more often a person the article has left behind than the one the pronoun means,
/// so the pronoun stays unlinked: a missing link costs less than a wrong one.
pub const MAX_SENTENCES_BACK: usize = 3;

/// Resolves the tagger's mentions in an article into entities, in order of first mention;
/// `persons` gives a person without a country in the text the code in force on
/// `published` (rule 6); `names` gives a person's gender from a first name (rule 5).
#[allow(clippy::too_many_arguments)]
pub fn resolve(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    mentions: &[Mention],
    gazetteer: &Gazetteer,
    persons: &Persons,
    names: &FirstNames,
    published: Option<NaiveDate>,
) -> Vec<Entity> {
    let word = |i: usize| tokens[i].span.slice(text).unwrap_or("");
    let mut lists: Vec<Vec<Match>> = Vec::with_capacity(sentences.len());
    for s in sentences {
        lists.push(gazetteer.find(text, &tokens[s.tokens.clone()]));
    }
    let sentence_of = |t: usize| sentences.partition_point(|s| s.tokens.end <= t);
    // What each token is, for role phrases: a title word, a place or people, an
    // organisation, or part of a name the tagger found.
    let mut role_kind = vec![RoleWord::None; tokens.len()];
    for (s, matches) in sentences.iter().zip(&lists) {
        for m in matches {
            let kind = RoleWord::of(&m.entries);
            for rk in &mut role_kind[s.tokens.start + m.first..s.tokens.start + m.end] {
                *rk = (*rk).max(kind);
            }
        }
    }
    for m in mentions {
        if m.kind != EntityType::Per {
            for rk in &mut role_kind[m.first_token..m.end_token] {
                *rk = (*rk).max(RoleWord::Named);
            }
        }
    }

    let mut entities: Vec<Draft> = Vec::new();
    for m in mentions {
        // A title the tagger took into a person's name ("Mayor Linda Hargrove") is a role,
        // not part of the name: the mention starts after it.
        let mut m = *m;
        let tagged_first = m.first_token;
        // "Transport Minister Tomas Berg" tagged as one organisation: a title followed by
        // two or more capitalised words, the first of them a known first name, is a person
        // with a role.
        if m.kind != EntityType::Per {
            let title = (m.first_token..m.end_token)
                .rev()
                .find(|&t| role_kind[t] == RoleWord::Title);
            if let Some(t) = title {
                let rest = t + 1..m.end_token;
                let capitalised = |k: usize| word(k).chars().next().is_some_and(char::is_uppercase);
                if rest.len() >= 2
                    && names.get(word(t + 1)).is_some()
                    && rest.clone().all(capitalised)
                {
                    // The title and what comes before it ("Ruritanian President") are the
                    // role, which the role rules read before the name.
                    m.kind = EntityType::Per;
                    m.first_token = t + 1;
                    m.span.start = tokens[t + 1].span.start;
                }
            }
        }
        if m.kind == EntityType::Per {
            while m.end_token - m.first_token > 1
                && (role_kind[m.first_token] == RoleWord::Title
                    || HONORIFICS.contains(&word(m.first_token)))
            {
                m.first_token += 1;
            }
            m.span.start = tokens[m.first_token].span.start;
        }
        let m = &m;
        let words: Vec<&str> = (m.first_token..m.end_token).map(word).collect();
        let words: Vec<&str> = words
            .into_iter()
            .skip_while(|w| HONORIFICS.contains(w))
            .collect();
        if words.is_empty() {
            continue;
        }
        let (index, link) = match_name(&entities, m.kind, &words);
        let mention = EntityMention { span: m.span, link };
        let e = match index {
            Some(i) => {
                let e = &mut entities[i];
                if words.len() > e.words.len() {
                    e.words = words.iter().map(|w| w.to_string()).collect();
                    e.name = m.span;
                }
                e.mentions.push(mention);
                i
            }
            None => {
                entities.push(Draft {
                    kind: m.kind,
                    words: words.iter().map(|w| w.to_string()).collect(),
                    name: m.span,
                    mentions: vec![mention],
                    roles: Vec::new(),
                    code: ActorCode::default(),
                    evidence: Evidence::default(),
                });
                entities.len() - 1
            }
        };
        if m.kind == EntityType::Per {
            let s = &sentences[sentence_of(m.first_token)];
            if let Some((role, code)) = left_role(m, s, &role_kind, tokens, text, gazetteer)
                .or_else(|| apposition(m, s, &role_kind, tokens, text, gazetteer))
            {
                entities[e].roles.push(role);
                entities[e].code.merge(code);
            }
            if let Some(country) = of_country(m, s, tokens, text, gazetteer) {
                entities[e].code.country.get_or_insert(country);
            }
            gender_evidence(
                tagged_first,
                m,
                &words,
                s,
                tokens,
                text,
                names,
                &mut entities[e].evidence,
            );
        }
    }
    for e in &mut entities {
        if e.kind != EntityType::Per {
            e.code = name_code(&e.words.join(" "), gazetteer);
            if e.kind == EntityType::Org && e.code.country.is_none() && e.words.len() >= 2 {
                // A nationality or country opening an organisation's name gives its country:
                // "Norwegian Transport Workers' Union" is Norwegian.
                e.code.country = gazetteer
                    .lookup(&e.words[0])
                    .iter()
                    .find(|(kind, c)| {
                        matches!(kind, Kind::Demonym | Kind::Country) && !c.is_empty()
                    })
                    .map(|(_, c)| c.clone());
            }
        } else if e.code.country.is_none() || e.code.sector.is_none() {
            // The entity's fullest name: a surname the article also gives with a first name
            // has joined that name already (rule 1), so "Putin" after "Vladimir Putin" is
            // looked up as the full name.
            if let Some(found) = persons.code_on(&e.words.join(" "), published) {
                if e.code.country.is_none() {
                    e.code.country = found.country;
                    e.code.sector = e.code.sector.take().or(found.sector);
                } else if e.code.country == found.country {
                    e.code.sector = found.sector;
                }
            }
        }
    }
    link_nominals_and_pronouns(text, tokens, sentences, &role_kind, &lists, &mut entities);
    entities
        .into_iter()
        .map(|mut e| {
            e.mentions.sort_by_key(|m| m.span.start);
            e.mentions.dedup_by_key(|m| m.span);
            Entity {
                kind: e.kind,
                name: e.name,
                mentions: e.mentions,
                roles: e.roles,
                code: (e.code.country.is_some() || e.code.sector.is_some()).then_some(e.code),
            }
        })
        .collect()
}

const HONORIFICS: &[&str] = &["Mr", "Mr.", "Mrs", "Mrs.", "Ms", "Ms.", "Dr", "Dr."];
const MALE: &[&str] = &["he", "him", "his", "himself"];
const FEMALE: &[&str] = &["she", "her", "hers", "herself"];

/// What a token can contribute to a role phrase; the order is the precedence when a token
/// is several things.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum RoleWord {
    None,
    /// Part of a name the tagger found (organisation, place, other).
    Named,
    /// A country, people, city or organisation from the lists.
    Place,
    /// A title or role word.
    Title,
}

impl RoleWord {
    fn of(entries: &[(Kind, String)]) -> RoleWord {
        if entries.iter().any(|(k, _)| *k == Kind::Title) {
            RoleWord::Title
        } else if entries.iter().any(|(k, _)| {
            matches!(
                k,
                Kind::Country
                    | Kind::Demonym
                    | Kind::Capital
                    | Kind::City
                    | Kind::Org
                    | Kind::Region
            )
        }) {
            RoleWord::Place
        } else {
            RoleWord::None
        }
    }
}

struct Draft {
    kind: EntityType,
    words: Vec<String>,
    name: Span,
    mentions: Vec<EntityMention>,
    roles: Vec<Span>,
    code: ActorCode,
    /// What the person's mentions say of their gender (rule 5).
    evidence: Evidence,
}

trait Merge {
    fn merge(&mut self, other: ActorCode);
}

impl Merge for ActorCode {
    fn merge(&mut self, other: ActorCode) {
        if self.country.is_none() {
            self.country = other.country;
        }
        if self.sector.is_none() {
            self.sector = other.sector;
        }
    }
}

/// The entity a name joins, latest first, and how.
fn match_name(
    entities: &[Draft],
    kind: EntityType,
    words: &[&str],
) -> (Option<usize>, MentionLink) {
    let same = |e: &Draft| {
        e.words.len() == words.len()
            && e.words
                .iter()
                .zip(words)
                .all(|(a, b)| a.eq_ignore_ascii_case(b))
    };
    for (i, e) in entities.iter().enumerate().rev() {
        if e.kind != kind {
            continue;
        }
        if same(e) {
            return (Some(i), MentionLink::Name);
        }
        if kind != EntityType::Per {
            continue;
        }
        if words.len() == 1 && e.words.len() > 1 {
            let w = words[0];
            if e.words.last().is_some_and(|l| l == w) || e.words.first().is_some_and(|f| f == w) {
                return (Some(i), MentionLink::PartialName);
            }
        }
        if e.words.len() == 1
            && words.len() > 1
            && words.last() == e.words.first().map(|s| s.as_str()).as_ref()
        {
            return (Some(i), MentionLink::Name);
        }
    }
    (None, MentionLink::Name)
}

/// The codes a run of role tokens gives: country from places and organisations, sector
/// from title words (the last one with a sector), else from organisations.
fn role_code(first: usize, end: usize, tokens: &[Token], text: &str, g: &Gazetteer) -> ActorCode {
    let mut code = ActorCode::default();
    let mut org_sector = None;
    for m in g.find(text, &tokens[first..end]) {
        for (kind, c) in &m.entries {
            match kind {
                Kind::Title if !c.is_empty() => code.sector = Some(c.clone()),
                Kind::Country | Kind::Demonym | Kind::Capital | Kind::City | Kind::Region
                    if !c.is_empty() =>
                {
                    code.country.get_or_insert_with(|| c.clone());
                }
                Kind::Org => {
                    let (country, sector) = c.split_once(':').unwrap_or((c.as_str(), ""));
                    if !country.is_empty() {
                        code.country.get_or_insert_with(|| country.to_string());
                    }
                    if !sector.is_empty() {
                        org_sector.get_or_insert_with(|| primary_sector(sector));
                    }
                }
                _ => {}
            }
        }
    }
    if code.sector.is_none() {
        code.sector = org_sector;
    }
    code
}

fn left_role(
    m: &Mention,
    s: &Sentence,
    role_kind: &[RoleWord],
    tokens: &[Token],
    text: &str,
    g: &Gazetteer,
) -> Option<(Span, ActorCode)> {
    let mut first = m.first_token;
    while first > s.tokens.start && role_kind[first - 1] != RoleWord::None {
        first -= 1;
    }
    if first == m.first_token || !role_kind[first..m.first_token].contains(&RoleWord::Title) {
        return None;
    }
    let span = Span::new(tokens[first].span.start, tokens[m.first_token - 1].span.end);
    Some((span, role_code(first, m.first_token, tokens, text, g)))
}

/// ", a senior Kremlin aide," after a name: up to eight tokens to the next comma or
/// sentence end, holding a title word.
fn apposition(
    m: &Mention,
    s: &Sentence,
    role_kind: &[RoleWord],
    tokens: &[Token],
    text: &str,
    g: &Gazetteer,
) -> Option<(Span, ActorCode)> {
    let word = |i: usize| tokens[i].span.slice(text).unwrap_or("");
    let comma = m.end_token;
    if comma >= s.tokens.end || word(comma) != "," {
        return None;
    }
    let start = comma + 1;
    let mut end = start;
    while end < s.tokens.end && end - start < 8 && !matches!(word(end), "," | "." | ";" | ":") {
        end += 1;
    }
    if end == start || !role_kind[start..end].contains(&RoleWord::Title) {
        return None;
    }
    let span = Span::new(tokens[start].span.start, tokens[end - 1].span.end);
    Some((span, role_code(start, end, tokens, text, g)))
}

/// "President Putin of Russia": the country after "of".
fn of_country(
    m: &Mention,
    s: &Sentence,
    tokens: &[Token],
    text: &str,
    g: &Gazetteer,
) -> Option<String> {
    let of = m.end_token;
    if of + 1 >= s.tokens.end || tokens[of].span.slice(text) != Some("of") {
        return None;
    }
    let place = g.find(text, &tokens[of + 1..(of + 5).min(s.tokens.end)]);
    place
        .iter()
        .filter(|p| p.first == 0)
        .flat_map(|p| &p.entries)
        .find(|(k, c)| matches!(k, Kind::Country) && !c.is_empty())
        .map(|(_, c)| c.clone())
}

/// Words that open an apposition whose head noun may give a gender (", a former actress,").
/// Possessives are missing on purpose: "Anna Kovac, her husband and their son" is a list
/// more often than an apposition.
const APPOSITION_OPENERS: &[&str] = &["a", "an", "the"];

/// Adds to `evidence` what one person mention says of its gender ([`crate::gender`]): a
/// title or role word the tagger took into the mention (from `tagged_first` to the name,
/// or still at the start of `words`) or right before it, the head of an apposition after
/// it, and the first name of a name of two words or more.
#[allow(clippy::too_many_arguments)]
fn gender_evidence(
    tagged_first: usize,
    m: &Mention,
    words: &[&str],
    s: &Sentence,
    tokens: &[Token],
    text: &str,
    names: &FirstNames,
    evidence: &mut Evidence,
) {
    let word = |i: usize| tokens[i].span.slice(text).unwrap_or("");
    let before = (tagged_first > s.tokens.start).then(|| tagged_first - 1);
    for t in before.into_iter().chain(tagged_first..m.first_token) {
        if let Some(g) = gender::of_word(word(t)) {
            evidence.add(g);
        }
    }
    // ", a former actress," or ", the wife of the minister,": the gendered word must end
    // the apposition or be followed by "of", so that it is the apposition's head and not a
    // word about someone else inside it.
    let comma = m.end_token;
    if comma + 1 < s.tokens.end
        && word(comma) == ","
        && APPOSITION_OPENERS.contains(&word(comma + 1).to_lowercase().as_str())
    {
        let start = comma + 2;
        let mut end = start;
        while end < s.tokens.end
            && end - start < 8
            && !matches!(word(end), "," | "." | ";" | ":" | "and" | "or")
        {
            end += 1;
        }
        let closed = end == s.tokens.end || matches!(word(end), "," | "." | ";" | ":");
        if closed {
            let head = (start..end).find(|&j| {
                (j + 1 == end || word(j + 1) == "of") && gender::of_word(word(j)).is_some()
            });
            if let Some(g) = head.and_then(|j| gender::of_word(word(j))) {
                evidence.add(g);
            }
        }
    }
    // A title the name still holds because resolution keeps it ("Sir Keir Starmer",
    // "Queen Anna Kovac": only "Mr.", "Mrs.", "Ms." and "Dr." and the gazetteer's titles
    // are cut off) is evidence too, and the first name is the word after it.
    let titles = words[..words.len().saturating_sub(1)]
        .iter()
        .map_while(|w| gender::of_word(w))
        .inspect(|&g| evidence.add(g))
        .count();
    if words.len() - titles > 1 {
        if let Some(g) = names.get(words[titles]) {
            evidence.add(g);
        }
    }
}

/// The first sector of a CAMEO code chain: `GOVLEG` → `GOV`.
fn primary_sector(chain: &str) -> String {
    chain.chars().take(3).collect()
}

/// The code of an organisation's or place's name from the lists.
fn name_code(name: &str, g: &Gazetteer) -> ActorCode {
    let mut code = ActorCode::default();
    for (kind, c) in g.lookup(name) {
        match kind {
            Kind::Org => {
                let (country, sector) = c.split_once(':').unwrap_or((c.as_str(), ""));
                if !country.is_empty() {
                    code.country.get_or_insert_with(|| country.to_string());
                }
                if !sector.is_empty() {
                    code.sector.get_or_insert_with(|| primary_sector(sector));
                }
            }
            Kind::Country | Kind::Capital | Kind::City | Kind::Region | Kind::Demonym
                if !c.is_empty() =>
            {
                code.country.get_or_insert_with(|| c.clone());
            }
            _ => {}
        }
    }
    code
}

fn link_nominals_and_pronouns(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    role_kind: &[RoleWord],
    lists: &[Vec<Match>],
    entities: &mut [Draft],
) {
    let word = |i: usize| tokens[i].span.slice(text).unwrap_or("");
    let genders: Vec<Option<Gender>> = entities.iter().map(|e| e.evidence.gender()).collect();
    // The sentence a byte offset lies in, to measure how far back a candidate is.
    let sentence_at = |at: usize| sentences.partition_point(|s| s.span.end <= at);
    // Person mentions so far, by position, to find "the person mentioned last".
    let mut people: Vec<(usize, usize)> = entities
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == EntityType::Per)
        .flat_map(|(i, e)| e.mentions.iter().map(move |m| (m.span.start, i)))
        .collect();
    people.sort_unstable();
    let mut added: Vec<(usize, EntityMention)> = Vec::new();
    // Inside quotation marks a pronoun may only stand for someone named inside the same
    // quotation: the speaker's "he" is rarely the person named before the quote opened.
    let mut in_quote = false;
    let mut quote_start = 0;
    for (s, matches) in sentences.iter().zip(lists) {
        for t in s.tokens.clone() {
            let w = word(t);
            if matches!(w, "\"" | "“" | "”") {
                in_quote = if w == "“" {
                    true
                } else if w == "”" {
                    false
                } else {
                    !in_quote
                };
                quote_start = tokens[t].span.end;
                continue;
            }
            if tokens[t].kind != TokenKind::Word {
                continue;
            }
            let lower = w.to_lowercase();
            let pronoun = if MALE.contains(&lower.as_str()) {
                Some(Gender::Male)
            } else if FEMALE.contains(&lower.as_str()) {
                Some(Gender::Female)
            } else {
                None
            };
            if let Some(want) = pronoun {
                let at = tokens[t].span.start;
                let k = people.partition_point(|(p, _)| *p < at);
                // Walk back from the latest person to the first of a compatible gender, no
                // further than the quotation the pronoun is in, nor more than
                // MAX_SENTENCES_BACK sentences before the latest person.
                let latest = k.checked_sub(1).map(|k| sentence_at(people[k].0));
                let found = people[..k]
                    .iter()
                    .rev()
                    .take_while(|(p, _)| !in_quote || *p >= quote_start)
                    .take_while(|(p, _)| {
                        latest.is_some_and(|l| sentence_at(*p) + MAX_SENTENCES_BACK >= l)
                    })
                    .find(|(_, e)| genders[*e].is_none_or(|g| g == want))
                    .map(|&(_, e)| e);
                if let Some(e) = found {
                    added.push((
                        e,
                        EntityMention {
                            span: tokens[t].span,
                            link: MentionLink::Pronoun,
                        },
                    ));
                }
                continue;
            }
            // "the" + role words ending in a title word, not followed by a name.
            if !lower.eq("the") || in_quote {
                continue;
            }
            let mut end = t + 1;
            while end < s.tokens.end && role_kind[end] >= RoleWord::Place {
                end += 1;
            }
            if end == t + 1 || role_kind[end - 1] != RoleWord::Title {
                continue;
            }
            if end < s.tokens.end && word(end).chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            let title = word(end - 1).to_lowercase();
            let country = matches
                .iter()
                .filter(|m| s.tokens.start + m.first > t && s.tokens.start + m.end < end)
                .flat_map(|m| &m.entries)
                .find(|(k, c)| matches!(k, Kind::Demonym | Kind::Country) && !c.is_empty())
                .map(|(_, c)| c.clone());
            let span = Span::new(tokens[t].span.start, tokens[end - 1].span.end);
            // "the US president" names a country: only a person of that country can be
            // meant, whatever roles others hold ("the Russian president" is not the
            // American one); without a country the role decides.
            let candidate = entities.iter().enumerate().rev().find(|(_, e)| {
                let role = e.roles.iter().any(|r| {
                    r.slice(text)
                        .is_some_and(|r| r.to_lowercase().split_whitespace().any(|x| x == title))
                });
                e.kind == EntityType::Per
                    && e.mentions.iter().any(|m| m.span.start < span.start)
                    && match &country {
                        Some(_) => e.code.country == country,
                        None => role,
                    }
            });
            if let Some((i, _)) = candidate {
                added.push((
                    i,
                    EntityMention {
                        span,
                        link: MentionLink::Role,
                    },
                ));
                let k = people.partition_point(|(p, _)| *p < span.start);
                people.insert(k, (span.start, i));
            }
        }
    }
    for (i, m) in added {
        entities[i].mentions.push(m);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const LISTS: &str =
        "demonym\tRuritanian\tRUR\ndemonym\tFreedonian\tFRE\ncountry\tRuritania\tRUR\n\
        country\tFreedonia\tFRE\ntitle\tPresident\tGOV\ntitle\tleader\tGOV\n\
        title\taide\t\ntitle\tminister\tGOV\ntitle\tForeign Minister\tGOV\n\
        org\tRoyal Palace\tRUR:GOV\norg\tDaily Herald\tFRE:MEDX\n";

    /// Segments `text`, takes the given (phrase, n-th occurrence from 0, type) as the
    /// tagger's mentions, and resolves them with the embedded first-name table.
    fn run(text: &str, names: &[(&str, usize, EntityType)]) -> Vec<Entity> {
        run_with(text, names, FirstNames::embedded())
    }

    /// [`run`] with the first-name table `first_names`.
    fn run_with(
        text: &str,
        names: &[(&str, usize, EntityType)],
        first_names: &FirstNames,
    ) -> Vec<Entity> {
        let g = Gazetteer::parse(LISTS).unwrap();
        let seg = readout_text::segment(text);
        let mut mentions: Vec<Mention> = names
            .iter()
            .map(|&(phrase, nth, kind)| {
                let start = text.match_indices(phrase).nth(nth).unwrap().0;
                let end = start + phrase.len();
                let first = seg
                    .tokens
                    .iter()
                    .position(|t| t.span.start == start)
                    .unwrap();
                let last = seg.tokens.iter().position(|t| t.span.end == end).unwrap();
                Mention {
                    span: Span::new(start, end),
                    kind,
                    first_token: first,
                    end_token: last + 1,
                }
            })
            .collect();
        mentions.sort_by_key(|m| m.span.start);
        resolve(
            text,
            &seg.tokens,
            &seg.sentences,
            &mentions,
            &g,
            &Persons::default(),
            first_names,
            None,
        )
    }

    fn texts(text: &str, spans: impl Iterator<Item = Span>) -> Vec<&str> {
        spans.map(|s| s.slice(text).unwrap()).collect()
    }

    #[test]
    fn role_before_a_name_gives_country_and_sector() {
        let text = "Ruritanian President Anna Kovac met aides. Kovac said the talks went well.";
        let e = run(
            text,
            &[
                ("Anna Kovac", 0, EntityType::Per),
                ("Kovac", 1, EntityType::Per),
            ],
        );
        assert_eq!(e.len(), 1);
        assert_eq!(
            texts(text, e[0].roles.iter().copied()),
            ["Ruritanian President"]
        );
        let code = e[0].code.clone().unwrap();
        assert_eq!(code.country.as_deref(), Some("RUR"));
        assert_eq!(code.sector.as_deref(), Some("GOV"));
        let links: Vec<MentionLink> = e[0].mentions.iter().map(|m| m.link).collect();
        assert_eq!(links, [MentionLink::Name, MentionLink::PartialName]);
    }

    #[test]
    fn a_nationality_opening_an_organisations_name_gives_its_country() {
        let text = "The Ruritanian Dock Workers Union and the Harbour Board met.";
        let e = run(
            text,
            &[
                ("Ruritanian Dock Workers Union", 0, EntityType::Org),
                ("Harbour Board", 0, EntityType::Org),
            ],
        );
        let code = |i: usize| e[i].code.clone().and_then(|c| c.country);
        assert_eq!(code(0).as_deref(), Some("RUR"));
        assert_eq!(code(1), None);
    }

    #[test]
    fn apposition_and_organisation_give_the_code() {
        let text = "Boris Lend, a Royal Palace aide, spoke first.";
        let e = run(
            text,
            &[
                ("Boris Lend", 0, EntityType::Per),
                ("Royal Palace", 0, EntityType::Org),
            ],
        );
        let boris = &e[0];
        assert_eq!(
            texts(text, boris.roles.iter().copied()),
            ["a Royal Palace aide"]
        );
        let code = boris.code.clone().unwrap();
        // "aide" has no sector of its own, so the organisation's is used.
        assert_eq!(
            (code.country.as_deref(), code.sector.as_deref()),
            (Some("RUR"), Some("GOV"))
        );
        let palace = &e[1];
        assert_eq!(palace.code.clone().unwrap().sector.as_deref(), Some("GOV"));
    }

    #[test]
    fn a_person_without_a_role_takes_the_dated_code_of_the_table() {
        let persons = Persons::parse(
            "anna kovac|kovac\tRUR:ELI:1970-01-01:1999-12-31 RUR:GOV:2000-01-01:\n\
             teo brask\tFRE:GOV::",
        )
        .unwrap();
        let g = Gazetteer::parse(LISTS).unwrap();
        let resolve_on = |text: &str, names: &[(&str, EntityType)], on: &str| {
            let seg = readout_text::segment(text);
            let mentions: Vec<Mention> = names
                .iter()
                .map(|&(phrase, kind)| {
                    let start = text.find(phrase).unwrap();
                    let end = start + phrase.len();
                    let first = seg.tokens.iter().position(|t| t.span.start == start);
                    let last = seg.tokens.iter().position(|t| t.span.end == end);
                    Mention {
                        span: Span::new(start, end),
                        kind,
                        first_token: first.unwrap(),
                        end_token: last.unwrap() + 1,
                    }
                })
                .collect();
            let day = NaiveDate::parse_from_str(on, "%Y-%m-%d").ok();
            resolve(
                text,
                &seg.tokens,
                &seg.sentences,
                &mentions,
                &g,
                &persons,
                FirstNames::embedded(),
                day,
            )
        };
        let pair = |e: &Entity| {
            let c = e.code.clone().unwrap_or_default();
            (c.country, c.sector)
        };
        let some = |c: &str, s: &str| (Some(c.to_string()), Some(s.to_string()));
        let e = resolve_on(
            "Kovac said no.",
            &[("Kovac", EntityType::Per)],
            "2020-01-01",
        );
        assert_eq!(pair(&e[0]), some("RUR", "GOV"));
        let e = resolve_on(
            "Kovac said no.",
            &[("Kovac", EntityType::Per)],
            "1990-01-01",
        );
        assert_eq!(pair(&e[0]), some("RUR", "ELI"));
        // The role in the text decides the country; the table does not override it.
        let e = resolve_on(
            "Ruritanian President Teo Brask said no.",
            &[("Teo Brask", EntityType::Per)],
            "2020-01-01",
        );
        assert_eq!(pair(&e[0]), some("RUR", "GOV"));
        // A title without a country keeps its sector and takes the table's country.
        let e = resolve_on(
            "Minister Teo Brask said no.",
            &[("Teo Brask", EntityType::Per)],
            "",
        );
        assert_eq!(pair(&e[0]), some("FRE", "GOV"));
        // Organisations are never looked up in the person table.
        let e = resolve_on(
            "Kovac said no.",
            &[("Kovac", EntityType::Org)],
            "2020-01-01",
        );
        assert_eq!(e[0].code, None);
    }

    #[test]
    fn of_country_after_the_name() {
        let text = "President Maro of Freedonia arrived.";
        let e = run(text, &[("Maro", 0, EntityType::Per)]);
        let code = e[0].code.clone().unwrap();
        assert_eq!(code.country.as_deref(), Some("FRE"));
        assert_eq!(code.sector.as_deref(), Some("GOV"));
    }

    #[test]
    fn a_title_and_a_first_name_make_a_person_whatever_the_tagger_said() {
        // The tagger took the whole phrase for an organisation; "Peter" is a first name.
        let text = "Ruritanian President Peter Ostrander opened the session.";
        let e = run(
            text,
            &[("Ruritanian President Peter Ostrander", 0, EntityType::Org)],
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].kind, EntityType::Per);
        assert_eq!(e[0].name.slice(text), Some("Peter Ostrander"));
        assert!(
            e[0].roles
                .iter()
                .any(|r| r.slice(text) == Some("Ruritanian President")),
            "{e:?}"
        );
        // Without a known first name after the title the tagger's type stands.
        let text = "The President Ostrand Trust gave money.";
        let e = run(text, &[("President Ostrand Trust", 0, EntityType::Org)]);
        assert_eq!(e[0].kind, EntityType::Org, "{e:?}");
    }

    #[test]
    fn a_role_nominal_with_a_country_links_only_to_that_country() {
        // Both hold the title "President"; the nominal names Freedonia, so it is Lund.
        let text = "Freedonian President Peter Lund spoke with Ruritanian President Anna \
            Kovac. The Freedonian president replied that talks would go on.";
        let e = run(
            text,
            &[
                ("Peter Lund", 0, EntityType::Per),
                ("Anna Kovac", 0, EntityType::Per),
            ],
        );
        let linked = |i: usize| {
            texts(
                text,
                e[i].mentions
                    .iter()
                    .filter(|m| m.link == MentionLink::Role)
                    .map(|m| m.span),
            )
        };
        assert_eq!(linked(0), ["The Freedonian president"], "{e:?}");
        assert!(linked(1).is_empty(), "{e:?}");
    }

    #[test]
    fn nominals_and_pronouns_link_to_the_right_person() {
        let text = "Ruritanian President Anna Kovac called Foreign Minister Teo Brask. \
            The Ruritanian leader was brief. She said little, and her aides nodded.";
        let e = run(
            text,
            &[
                ("Anna Kovac", 0, EntityType::Per),
                ("Teo Brask", 0, EntityType::Per),
            ],
        );
        let kovac = &e[0];
        let brask = &e[1];
        assert!(
            texts(text, kovac.mentions.iter().map(|m| m.span)).contains(&"The Ruritanian leader"),
            "{:?}",
            kovac.mentions
        );
        // "She" follows the nominal, which names Kovac last.
        let pronouns = texts(
            text,
            kovac
                .mentions
                .iter()
                .filter(|m| m.link == MentionLink::Pronoun)
                .map(|m| m.span),
        );
        assert_eq!(pronouns, ["She", "her"]);
        assert!(brask
            .mentions
            .iter()
            .all(|m| m.link != MentionLink::Pronoun));
    }

    /// The mentions of the entity named `name` that are pronouns, as text.
    fn pronouns_of<'t>(text: &'t str, e: &[Entity], name: &str) -> Vec<&'t str> {
        let entity = e
            .iter()
            .find(|x| x.name.slice(text) == Some(name))
            .unwrap_or_else(|| panic!("no entity {name} in {e:?}"));
        texts(
            text,
            entity
                .mentions
                .iter()
                .filter(|m| m.link == MentionLink::Pronoun)
                .map(|m| m.span),
        )
    }

    #[test]
    fn she_skips_a_man_named_last() {
        let text = "Anna Kovac met Peter Lund. She said the talks went well.";
        let names = [
            ("Anna Kovac", 0, EntityType::Per),
            ("Peter Lund", 0, EntityType::Per),
        ];
        let e = run(text, &names);
        assert_eq!(pronouns_of(text, &e, "Anna Kovac"), ["She"]);
        assert!(pronouns_of(text, &e, "Peter Lund").is_empty());
        // Without the first-name table neither has a gender, and "She" goes to the person
        // named last, as it did before genders were known.
        let e = run_with(text, &names, &FirstNames::default());
        assert_eq!(pronouns_of(text, &e, "Peter Lund"), ["She"]);
        assert!(pronouns_of(text, &e, "Anna Kovac").is_empty());
    }

    #[test]
    fn a_courtesy_title_gives_the_gender() {
        // The tagger left "Mr." out of the first name and took "Ms." into the second: both
        // count.
        let text = "Mr. Ostrander met Ms. Vey on Monday. Later he said the talks were useful.";
        let e = run(
            text,
            &[
                ("Ostrander", 0, EntityType::Per),
                ("Ms. Vey", 0, EntityType::Per),
            ],
        );
        assert_eq!(pronouns_of(text, &e, "Ostrander"), ["he"]);
        assert!(pronouns_of(text, &e, "Vey").is_empty());
        // The other way round.
        let text = "Ms. Vey met Mr. Ostrander on Monday. Later she said the talks were useful.";
        let e = run(
            text,
            &[
                ("Vey", 0, EntityType::Per),
                ("Mr. Ostrander", 0, EntityType::Per),
            ],
        );
        assert_eq!(pronouns_of(text, &e, "Vey"), ["she"]);
        assert!(pronouns_of(text, &e, "Ostrander").is_empty());
    }

    #[test]
    fn role_words_give_the_gender_and_chairman_does_not() {
        let names = [
            ("Mira Solt", 0, EntityType::Per),
            ("Teo Brask", 0, EntityType::Per),
        ];
        // The head of an apposition.
        let text = "The actress Mira Solt greeted Teo Brask, the husband of a senator. She smiled.";
        let e = run(text, &names);
        assert_eq!(pronouns_of(text, &e, "Mira Solt"), ["She"]);
        // A role word right before the name.
        let text = "Teo Brask, the husband of a senator, greeted the actress Mira Solt. He smiled.";
        let e = run(text, &names);
        assert_eq!(pronouns_of(text, &e, "Teo Brask"), ["He"]);
        // A "-woman" compound is evidence.
        let text = "Mr. Teo Brask thanked Congresswoman Lia Quist. He smiled.";
        let e = run(
            text,
            &[
                ("Teo Brask", 0, EntityType::Per),
                ("Lia Quist", 0, EntityType::Per),
            ],
        );
        assert_eq!(pronouns_of(text, &e, "Teo Brask"), ["He"]);
        // A title the name keeps ("Sir" is not cut off like "Mr.") gives the gender, and
        // the first name is the word after it.
        let text = "Sir Teo Brask met Peter Lund. Lady Mira Solt greeted them. He smiled.";
        let e = run(
            text,
            &[
                ("Sir Teo Brask", 0, EntityType::Per),
                ("Peter Lund", 0, EntityType::Per),
                ("Lady Mira Solt", 0, EntityType::Per),
            ],
        );
        assert_eq!(pronouns_of(text, &e, "Peter Lund"), ["He"]);
        let text = "Lady Mira Solt met Sir Anna Kovac. She smiled.";
        let e = run(
            text,
            &[
                ("Lady Mira Solt", 0, EntityType::Per),
                ("Sir Anna Kovac", 0, EntityType::Per),
            ],
        );
        // "Sir" and "Anna" conflict, so Kovac may be "she".
        assert_eq!(pronouns_of(text, &e, "Sir Anna Kovac"), ["She"]);
        // "Chairman" is not: Vale may be "she".
        let text = "Chairman Oren Vale met Mr. Teo Brask. She smiled.";
        let e = run(
            text,
            &[
                ("Oren Vale", 0, EntityType::Per),
                ("Teo Brask", 0, EntityType::Per),
            ],
        );
        assert_eq!(pronouns_of(text, &e, "Oren Vale"), ["She"]);
    }

    #[test]
    fn persons_of_unknown_gender_take_pronouns_as_before() {
        let text = "Teo Brask met Oren Vale. He said little. Later she left.";
        let e = run(
            text,
            &[
                ("Teo Brask", 0, EntityType::Per),
                ("Oren Vale", 0, EntityType::Per),
            ],
        );
        assert_eq!(pronouns_of(text, &e, "Oren Vale"), ["He", "she"]);
        assert!(pronouns_of(text, &e, "Teo Brask").is_empty());
    }

    #[test]
    fn conflicting_evidence_leaves_the_gender_unknown() {
        // "Mr." says male, "Anna" female: Kovac may be "he" and "she".
        let text = "Mr. Anna Kovac met Ms. Lia Brask. He nodded.";
        let e = run(
            text,
            &[
                ("Anna Kovac", 0, EntityType::Per),
                ("Lia Brask", 0, EntityType::Per),
            ],
        );
        assert_eq!(pronouns_of(text, &e, "Anna Kovac"), ["He"]);
        let text = "Mr. Peter Lund met Mr. Anna Kovac. She nodded.";
        let e = run(
            text,
            &[
                ("Peter Lund", 0, EntityType::Per),
                ("Anna Kovac", 0, EntityType::Per),
            ],
        );
        assert_eq!(pronouns_of(text, &e, "Anna Kovac"), ["She"]);
    }

    #[test]
    fn a_compatible_person_far_behind_the_latest_is_not_linked() {
        let names = [
            ("Peter Lund", 0, EntityType::Per),
            ("Anna Kovac", 0, EntityType::Per),
        ];
        // Lund is three sentences before Kovac: still linked.
        let near = "Peter Lund arrived. It rained. It rained. Anna Kovac spoke. He left.";
        let e = run(near, &names);
        assert_eq!(pronouns_of(near, &e, "Peter Lund"), ["He"]);
        // Four sentences before: too far.
        let far = "Peter Lund arrived. It rained. It rained. It rained. Anna Kovac spoke. He left.";
        let e = run(far, &names);
        assert!(pronouns_of(far, &e, "Peter Lund").is_empty());
        assert!(pronouns_of(far, &e, "Anna Kovac").is_empty());
    }

    #[test]
    fn a_pronoun_inside_a_quotation_needs_a_name_inside_it() {
        let text = "Anna Kovac left. “Do not keep [Lend] waiting, he hates it,” said Teo Brask.";
        let e = run(
            text,
            &[
                ("Anna Kovac", 0, EntityType::Per),
                ("Lend", 0, EntityType::Per),
                ("Teo Brask", 0, EntityType::Per),
            ],
        );
        let lend = e
            .iter()
            .find(|x| x.name.slice(text) == Some("Lend"))
            .unwrap();
        assert!(lend.mentions.iter().any(|m| m.link == MentionLink::Pronoun));
        assert!(e[0].mentions.iter().all(|m| m.link != MentionLink::Pronoun));
    }

    #[test]
    fn a_longer_name_upgrades_a_surname_entity_and_sectors_are_primary() {
        let text = "Kovac spoke. Later Anna Kovac wrote to the Daily Herald.";
        let e = run(
            text,
            &[
                ("Kovac", 0, EntityType::Per),
                ("Anna Kovac", 0, EntityType::Per),
                ("Daily Herald", 0, EntityType::Org),
            ],
        );
        assert_eq!(e[0].name.slice(text), Some("Anna Kovac"));
        assert_eq!(e[0].mentions.len(), 2);
        let herald = e[1].code.clone().unwrap();
        assert_eq!(herald.sector.as_deref(), Some("MED"));
    }
}
