//! Events across articles: the reports of one event in the articles of a story are one
//! event, where GDELT keeps one record per article and per wording.
//!
//! Two reports are one event when their CAMEO roots agree, both are asserted or both
//! denied, their dates agree to the day where both are dated, and their actors agree: the
//! same sets of actors (source with source and target with target, or both sides together
//! for the symmetric roots of [`SYMMETRIC_ROOTS`]), or one report lacks a side and what it
//! has is within the other's. An actor is its country or group code and, for a person, the
//! last word of the person's name.

use readout_model::record::{EntityRecord, EventActorRecord, EventRecord};
use readout_model::{EntityType, TimeValue};

/// The CAMEO roots whose events have no direction: a report of one names the same parties
/// whichever it makes the source, so the parties are compared as one set.
///
/// * 04 consult: a call or a meeting between X and Y is the one between Y and X, and the
///   visit of X to Y (042) is Y's hosting of X (043) told from the other side.
/// * 06 engage in material cooperation: joint economic, military or judicial work and
///   shared intelligence are done together, and are told "X and Y cooperated" as often as
///   "X cooperated with Y".
/// * 19 fight: a clash is told by each side as the other's attack ("X's forces attacked Y",
///   "Y repelled X"), so the sides of the reports of one battle are swapped as often as not.
///
/// Left directed, because one party acts towards the other and the reverse is another
/// event: 03 express intent to cooperate (one party's statement), 05 engage in diplomatic
/// cooperation (praise, defence, recognition, apology and forgiveness go one way; only 057,
/// signing an agreement, is mutual, and a root-level list cannot single it out), and every
/// root of demands, threats, coercion, assault and mass violence (10 to 18, 20).
pub const SYMMETRIC_ROOTS: &[u8] = &[4, 6, 19];

/// Words that end a person's name without being the name that tells people apart.
const NAME_SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

/// One actor as the matching compares it: its country or group code, and for a person the
/// name identity. At least one of the two is present.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ActorId {
    /// The country code (ISO 3166-1 alpha-3) or `IGO`, `NGO`, `MNC`.
    pub code: Option<String>,
    /// For a person: the last word of the entity's name, case-folded (`"okafor"`).
    pub person: Option<String>,
}

impl ActorId {
    /// The identity of an event's actor, with the article's entities to tell persons; none
    /// for an actor with neither a code nor a person's name ("officials").
    pub fn of(actor: &EventActorRecord, entities: &[EntityRecord]) -> Option<ActorId> {
        let person = actor
            .entity
            .as_ref()
            .and_then(|id| entities.iter().find(|e| &e.id == id))
            .filter(|e| e.kind == EntityType::Per)
            .and_then(|e| person_identity(&e.name.text));
        let code = actor.code.clone();
        (code.is_some() || person.is_some()).then_some(ActorId { code, person })
    }
}

/// The name identity of a person's name: its last word (a suffix such as "Jr." passed
/// over), case-folded, without the marks around it. "Amara Okafor" and "Okafor" give
/// "okafor".
pub fn person_identity(name: &str) -> Option<String> {
    name.split_whitespace()
        .rev()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .trim_end_matches("'s")
                .to_lowercase()
        })
        .find(|w| !w.is_empty() && !NAME_SUFFIXES.contains(&w.as_str()))
}

/// What decides whether two reports in one story are of the same event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventKey {
    /// The CAMEO root, 1 to 20 (`4` for `041`).
    pub root: u8,
    /// The sources' identities, sorted, once each.
    pub source: Vec<ActorId>,
    /// The targets' identities, sorted, once each.
    pub target: Vec<ActorId>,
    /// The date the text gives (not one taken from the publication date).
    pub date: Option<TimeValue>,
    /// Whether the reports deny it.
    pub negated: bool,
}

/// How a report fits a known event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Fit {
    /// The same actors.
    Full,
    /// One of the two lacks a side, and what it has is within the other's.
    Partial,
}

impl EventKey {
    /// The key of an article's event; `entities` are the article's, to tell persons.
    pub fn of(event: &EventRecord, entities: &[EntityRecord]) -> EventKey {
        let side = |list: &[EventActorRecord]| {
            normalised(
                list.iter()
                    .filter_map(|a| ActorId::of(a, entities))
                    .collect(),
            )
        };
        // A date copied from the publication date says only when the article appeared.
        let date = event
            .date
            .as_ref()
            .filter(|d| d.basis != readout_model::TimeBasis::Published)
            .map(|d| d.value.clone());
        let mut key = EventKey {
            root: event.cameo.root(),
            source: side(&event.source),
            target: side(&event.target),
            date,
            negated: event.negated,
        };
        key.tidy();
        key
    }

    /// Makes one actor of what the key names twice: a person without a code takes the code
    /// of a person of the same name elsewhere in the key ("Donald Trump" uncoded in one
    /// place, USA in another), and for a symmetric root a party on both sides is kept on
    /// the source side only, a bare code beside a person of that code on the other side
    /// left out ("Putin and Trump spoke, the Kremlin said": the Kremlin is Putin's side).
    fn tidy(&mut self) {
        let coded: Vec<ActorId> = self
            .source
            .iter()
            .chain(&self.target)
            .filter(|a| a.code.is_some() && a.person.is_some())
            .cloned()
            .collect();
        for side in [&mut self.source, &mut self.target] {
            *side = normalised(resolved(std::mem::take(side), &coded));
        }
        if self.symmetric() {
            // A bare code is left out where the other side has a person of that code.
            let bare_beside = |a: &ActorId, other: &[ActorId]| {
                a.person.is_none() && other.iter().any(|o| o.person.is_some() && o.code == a.code)
            };
            let source = self.source.clone();
            self.target
                .retain(|a| !source.contains(a) && !bare_beside(a, &source));
            let target = self.target.clone();
            self.source.retain(|a| !bare_beside(a, &target));
        }
    }

    /// Whether the event has no direction (its root is in [`SYMMETRIC_ROOTS`]).
    pub fn symmetric(&self) -> bool {
        SYMMETRIC_ROOTS.contains(&self.root)
    }

    /// The codes of every actor, sources and targets together, sorted, once each.
    pub fn codes(&self) -> Vec<String> {
        let mut codes: Vec<String> = self
            .source
            .iter()
            .chain(&self.target)
            .filter_map(|a| a.code.clone())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        codes
    }

    /// The groups of actors compared: both sides together for a symmetric root, else the
    /// sources and the targets apart.
    fn groups(&self) -> Vec<Vec<ActorId>> {
        if self.symmetric() {
            vec![normalised(
                self.source.iter().chain(&self.target).cloned().collect(),
            )]
        } else {
            vec![self.source.clone(), self.target.clone()]
        }
    }

    /// Whether the report lacks a side: for a directed root, a source or a target with no
    /// party (a code, or a person without one); for a symmetric one, fewer than two parties
    /// (a report that names both parties of a call names the whole call, whichever side it
    /// puts them on).
    pub fn partial(&self) -> bool {
        if self.symmetric() {
            self.groups().iter().all(|g| parties(g).len() < 2)
        } else {
            parties(&self.source).is_empty() || parties(&self.target).is_empty()
        }
    }

    /// How a report fits this event, if it is the same event: the same root, both asserted
    /// or both denied, dates that do not differ (the same day, or one inside the other:
    /// "2025-07" holds "2025-07-03"), and the same actors ([`Fit::Full`]), or one of the two
    /// lacking a side with what it has within the other's ([`Fit::Partial`]). A counterpart
    /// of another code, or another person of the same code, is another event.
    pub fn fit(&self, other: &EventKey) -> Option<Fit> {
        if self.root != other.root || self.negated != other.negated {
            return None;
        }
        if let (Some(a), Some(b)) = (&self.date, &other.date) {
            let (a, b) = (a.without_clock(), b.without_clock());
            if !(a.holds(&b) || b.holds(&a)) {
                return None;
            }
        }
        // A person one report could not place is the other's person of that name.
        let persons = |k: &EventKey| -> Vec<ActorId> {
            k.source
                .iter()
                .chain(&k.target)
                .filter(|a| a.code.is_some() && a.person.is_some())
                .cloned()
                .collect()
        };
        let resolve = |groups: Vec<Vec<ActorId>>, by: &EventKey| -> Vec<Vec<ActorId>> {
            let by = persons(by);
            groups
                .into_iter()
                .map(|g| normalised(resolved(g, &by)))
                .collect()
        };
        let (mine, theirs) = (resolve(self.groups(), other), resolve(other.groups(), self));
        let all = |f: fn(&[ActorId], &[ActorId]) -> bool,
                   a: &[Vec<ActorId>],
                   b: &[Vec<ActorId>]| { a.iter().zip(b).all(|(x, y)| f(x, y)) };
        // For a directed root, a person who acts in one report and is acted on in the other
        // makes them two events ("the court blocked Trump", "Trump blocked the court").
        if mine.len() == 2 && (crossed(&mine[0], &theirs[1]) || crossed(&mine[1], &theirs[0])) {
            return None;
        }
        if all(same_actors, &mine, &theirs) {
            return Some(Fit::Full);
        }
        let within_theirs = self.partial() && all(within, &mine, &theirs);
        let within_mine = other.partial() && all(within, &theirs, &mine);
        (within_theirs || within_mine).then_some(Fit::Partial)
    }

    /// Whether two reports in one story are of one event ([`EventKey::fit`]).
    pub fn same_event(&self, other: &EventKey) -> bool {
        self.fit(other).is_some()
    }

    /// Which of a story's known events a report is, if any: among those it fits, one of the
    /// same actors before one it fits only in part, then the one with most reports, then
    /// the earliest (the first of `known`, which are in the order they were made). So a
    /// report that names only one party of two calls that day joins the call most reports
    /// tell of: the choice is deterministic, and errs towards the event best attested.
    pub fn choose<'a>(
        &self,
        known: impl IntoIterator<Item = (&'a EventKey, u32)>,
    ) -> Option<usize> {
        known
            .into_iter()
            .enumerate()
            .filter_map(|(i, (k, reports))| Some((k.fit(self)?, std::cmp::Reverse(reports), i)))
            .min()
            .map(|(_, _, i)| i)
    }

    /// Merges a report of the same event into this key: the union of the actors the two
    /// agree on (a side one lacked taken from the other, persons added to their codes) and
    /// the finer date. When this key lacks a side and the report does not, the report's
    /// sides are the ones kept, so a call stored from "Russia said" gets both leaders of
    /// the first report that names them.
    pub fn merge(&mut self, other: &EventKey) {
        let (base, extra) = if self.partial() && !other.partial() {
            (other.clone(), self.clone())
        } else {
            (self.clone(), other.clone())
        };
        let mut merged = base;
        let symmetric = merged.symmetric();
        for (role, actor) in extra
            .source
            .iter()
            .map(|a| (Role::Source, a))
            .chain(extra.target.iter().map(|a| (Role::Target, a)))
        {
            // A symmetric event's party goes to whichever side holds it already.
            let holds = |side: &[ActorId]| side.iter().any(|a| party(a) == party(actor));
            let role = if symmetric && holds(merged.side(role.other())) && !holds(merged.side(role))
            {
                role.other()
            } else {
                role
            };
            let side = merged.side_mut(role);
            side.push(actor.clone());
            *side = normalised(std::mem::take(side));
        }
        merged.date = self.date.clone();
        let finer = match (&self.date, &other.date) {
            (None, Some(_)) => true,
            (Some(a), Some(b)) => b.without_clock().precision() > a.without_clock().precision(),
            _ => false,
        };
        if finer {
            merged.date = other.date.clone();
        }
        merged.tidy();
        *self = merged;
    }

    fn side(&self, role: Role) -> &[ActorId] {
        match role {
            Role::Source => &self.source,
            Role::Target => &self.target,
        }
    }

    fn side_mut(&mut self, role: Role) -> &mut Vec<ActorId> {
        match role {
            Role::Source => &mut self.source,
            Role::Target => &mut self.target,
        }
    }
}

/// The two sides of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Source,
    Target,
}

impl Role {
    fn other(self) -> Role {
        match self {
            Role::Source => Role::Target,
            Role::Target => Role::Source,
        }
    }
}

/// Identities sorted and once each, a bare code left out where a person of that code
/// stands beside it: "Russia" and "Vladimir Putin" on one side are one party.
fn normalised(mut list: Vec<ActorId>) -> Vec<ActorId> {
    list.sort();
    list.dedup();
    let named: Vec<Option<String>> = list
        .iter()
        .filter(|a| a.person.is_some())
        .map(|a| a.code.clone())
        .collect();
    list.retain(|a| a.person.is_some() || !named.contains(&a.code));
    list
}

/// The actors of a group, a person without a code given the code of a person of the same
/// name among `coded`.
fn resolved(list: Vec<ActorId>, coded: &[ActorId]) -> Vec<ActorId> {
    list.into_iter()
        .map(|mut a| {
            if a.code.is_none() {
                if let Some(c) = coded.iter().find(|c| c.person == a.person) {
                    a.code = c.code.clone();
                }
            }
            a
        })
        .collect()
}

/// The party an actor is: its code, else its person's name marked as one (`~vey`).
fn party(a: &ActorId) -> Option<String> {
    match (&a.code, &a.person) {
        (Some(code), _) => Some(code.clone()),
        (None, Some(person)) => Some(format!("~{person}")),
        (None, None) => None,
    }
}

/// The parties of a group, sorted, once each: the codes, and a person without a code by
/// name (`~vey`), so that a person the coder could not place still counts as a party.
fn parties(list: &[ActorId]) -> Vec<String> {
    let mut parties: Vec<String> = list.iter().filter_map(party).collect();
    parties.sort_unstable();
    parties.dedup();
    parties
}

/// Whether the persons of two groups agree: for each code (or none) under which both name
/// persons, they name one in common. "Okafor" and "Okafor; Brandt" agree; "Okafor" and
/// "Brandt" of the same country are two people, and so two events.
fn persons_agree(a: &[ActorId], b: &[ActorId]) -> bool {
    let names = |list: &[ActorId], code: &Option<String>| -> Vec<String> {
        list.iter()
            .filter(|y| &y.code == code)
            .filter_map(|y| y.person.clone())
            .collect()
    };
    a.iter().filter(|x| x.person.is_some()).all(|x| {
        let (mine, theirs) = (names(a, &x.code), names(b, &x.code));
        theirs.is_empty() || mine.iter().any(|n| theirs.contains(n))
    })
}

/// Whether a person of one group is a person of the other.
fn crossed(a: &[ActorId], b: &[ActorId]) -> bool {
    a.iter().any(|x| x.person.is_some() && b.contains(x))
}

/// The same actors: the same parties, and persons that agree.
fn same_actors(a: &[ActorId], b: &[ActorId]) -> bool {
    parties(a) == parties(b) && persons_agree(a, b)
}

/// The actors of `a` within those of `b`: its parties among `b`'s, and persons that agree.
fn within(a: &[ActorId], b: &[ActorId]) -> bool {
    let theirs = parties(b);
    parties(a).iter().all(|c| theirs.contains(c)) && persons_agree(a, b)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An identity from `"RUS"`, `"RUS/okafor"` or `"/okafor"`.
    fn id(text: &str) -> ActorId {
        let (code, person) = text.split_once('/').unwrap_or((text, ""));
        ActorId {
            code: (!code.is_empty()).then(|| code.to_string()),
            person: (!person.is_empty()).then(|| person.to_string()),
        }
    }

    fn key(root: u8, source: &[&str], target: &[&str], date: Option<&str>) -> EventKey {
        EventKey {
            root,
            source: normalised(source.iter().map(|s| id(s)).collect()),
            target: normalised(target.iter().map(|s| id(s)).collect()),
            date: date.map(|d| d.parse().unwrap()),
            negated: false,
        }
    }

    #[test]
    fn one_call_in_three_wordings_is_one_event() {
        let a = key(4, &["RUS"], &["USA"], Some("2025-07-03"));
        let b = key(4, &["USA", "RUS"], &[], Some("2025-07-03TMO"));
        let c = key(4, &["RUS"], &[], None);
        assert_eq!(a.fit(&b), Some(Fit::Full));
        assert_eq!(a.fit(&c), Some(Fit::Partial));
        assert_eq!(c.fit(&a), Some(Fit::Partial));
    }

    #[test]
    fn other_roots_actors_days_or_denials_are_other_events() {
        let a = key(4, &["RUS"], &["USA"], Some("2025-07-03"));
        assert!(!a.same_event(&key(19, &["RUS"], &["USA"], Some("2025-07-03"))));
        assert!(!a.same_event(&key(4, &["RUS"], &["UKR"], Some("2025-07-03"))));
        assert!(!a.same_event(&key(4, &["RUS"], &["USA"], Some("2025-07-04"))));
        let mut denied = a.clone();
        denied.negated = true;
        assert!(!a.same_event(&denied));
    }

    #[test]
    fn a_lone_party_is_not_any_event_of_its_code() {
        // The observed failure: a report of "Russia" alone used to be the same event as
        // every event with RUS. It still joins one, but a report that names another
        // counterpart is another event, and so is one that names a third code.
        let call = key(4, &["RUS"], &["USA"], None);
        let other = key(4, &["RUS"], &["FRA"], None);
        assert!(!call.same_event(&other));
        let three = key(4, &["RUS", "USA", "FRA"], &[], None);
        assert!(!call.same_event(&three));
    }

    #[test]
    fn directed_roots_compare_source_with_source() {
        let praise = key(5, &["DEU"], &["FRA"], None);
        assert!(!praise.same_event(&key(5, &["FRA"], &["DEU"], None)));
        assert!(praise.same_event(&key(5, &["DEU"], &[], None)));
        assert!(!praise.same_event(&key(5, &["FRA"], &[], None)));
        // A clash is told by either side.
        let clash = key(19, &["ARM"], &["AZE"], None);
        assert!(clash.same_event(&key(19, &["AZE"], &["ARM"], None)));
    }

    #[test]
    fn persons_of_one_code_tell_events_apart() {
        let a = key(4, &["KEN/okafor"], &["BRA/souza"], None);
        assert!(a.same_event(&key(4, &["BRA/souza", "KEN"], &[], None)));
        assert!(a.same_event(&key(4, &["KEN/okafor", "KEN/mwangi"], &["BRA"], None)));
        assert!(!a.same_event(&key(4, &["KEN/mwangi"], &["BRA/souza"], None)));
    }

    #[test]
    fn dates_hold_by_their_parts_not_their_letters() {
        let a = key(4, &["RUS"], &[], Some("2025-W2"));
        assert!(!a.same_event(&key(4, &["RUS"], &[], Some("2025-W27"))));
        assert!(a.same_event(&key(4, &["RUS"], &[], Some("2025-W2-WE"))));
        let decade = key(4, &["RUS"], &[], Some("202"));
        assert!(decade.same_event(&key(4, &["RUS"], &[], Some("2025-07-03T10:00"))));
    }

    #[test]
    fn the_merged_key_keeps_every_agreed_actor_and_the_finer_date() {
        let mut a = key(4, &["RUS"], &[], Some("2025-07"));
        a.merge(&key(4, &["RUS/okafor"], &["USA"], Some("2025-07-03")));
        assert_eq!(a, key(4, &["RUS/okafor"], &["USA"], Some("2025-07-03")));
        a.merge(&key(4, &["USA/reyes", "RUS"], &[], None));
        assert_eq!(
            a,
            key(4, &["RUS/okafor"], &["USA/reyes"], Some("2025-07-03"))
        );
        assert_eq!(a.codes(), vec!["RUS", "USA"]);
    }

    #[test]
    fn a_symmetric_merge_keeps_each_party_on_one_side() {
        let mut a = key(4, &["/vey"], &["BRA/souza"], None);
        a.merge(&key(4, &["BRA/souza", "/vey"], &[], None));
        assert_eq!(a, key(4, &["/vey"], &["BRA/souza"], None));
    }

    #[test]
    fn a_person_uncoded_in_one_place_is_the_coded_person_of_that_name() {
        let mut a = key(4, &["/reyes"], &["BRA/souza"], None);
        a.tidy();
        let b = key(4, &["USA/reyes"], &["BRA/souza"], None);
        assert_eq!(a.fit(&b), Some(Fit::Full));
        a.merge(&b);
        assert_eq!(a, b);
        let mut c = key(4, &["USA/reyes", "BRA/souza"], &["BRA", "/reyes"], None);
        c.tidy();
        assert_eq!(c, key(4, &["BRA/souza", "USA/reyes"], &[], None));
    }

    #[test]
    fn a_person_on_both_sides_of_a_directed_root_is_two_events() {
        let blocked = key(17, &["USA"], &["USA/reyes"], None);
        assert!(!blocked.same_event(&key(17, &["USA/reyes"], &[], None)));
        assert!(blocked.same_event(&key(17, &[], &["USA/reyes"], None)));
    }

    #[test]
    fn a_partial_report_goes_to_the_event_most_reports_tell() {
        let one = key(4, &["KEN"], &["BRA"], None);
        let two = key(4, &["KEN"], &["CHL"], None);
        let lone = key(4, &["KEN"], &[], None);
        assert_eq!(lone.choose([(&one, 1), (&two, 3)]), Some(1));
        assert_eq!(lone.choose([(&one, 2), (&two, 2)]), Some(0));
        // A report of the same actors goes to its own event before a partial one.
        let partial = key(4, &["KEN"], &[], None);
        assert_eq!(one.choose([(&partial, 9), (&one, 1)]), Some(1));
        assert_eq!(key(4, &["PER"], &[], None).choose([(&one, 1)]), None);
    }

    #[test]
    fn person_identities_are_last_words_case_folded() {
        assert_eq!(person_identity("Amara Okafor").as_deref(), Some("okafor"));
        assert_eq!(person_identity("OKAFOR's").as_deref(), Some("okafor"));
        assert_eq!(person_identity("Lee Reyes Jr.").as_deref(), Some("reyes"));
        assert_eq!(person_identity(" "), None);
    }
}
