//! How far the parse supports each coded report: the trigger's part of speech and place in
//! its clause, and whether the grammatical relations link the actors to it.
//!
//! The coder finds triggers by dictionary and actors by position; the parse says whether
//! the trigger is a verb heading a clause (not a noun, an adjective or a verb modifying a
//! noun, as "the tensions surrounding Iran"), whether a source actor stands in its
//! subject (through apposition, coordination and flat names, which the subject's subtree
//! holds) or is the agent of a passive, and whether a target stands among its objects and
//! obliques. Each piece of evidence adds to the report's confidence; an event keeps the
//! best of its reports', and the pipeline leaves out events below its threshold.

use readout_model::{
    Confidence, DepRel, Event, EventActor, Modality, PloverType, Span, TokenSyntax, Upos, Xpos,
};

use crate::Inputs;

/// The confidence of a report whose sentence was not parsed: the coder's own evidence
/// only, half way.
pub(crate) const UNPARSED: Confidence = Confidence::from_percent(50);

/// Rates every report (events of one mention each, as the coder makes them) from the
/// parse in `inputs.syntax`.
pub(crate) fn rate(reports: &mut [Event], inputs: &Inputs) {
    // The trigger token of every report, so that a report can tell whether the verb
    // governing its own is another report's trigger ("refused to meet", "threatened to
    // impose").
    let triggers: Vec<Option<usize>> = reports
        .iter()
        .map(|e| parsed_trigger(e, inputs).map(|(t, _)| t))
        .collect();
    for (i, e) in reports.iter_mut().enumerate() {
        drop_describing_actors(e, inputs);
        passive_to_target(e, inputs);
        let others = |k: usize| {
            triggers
                .iter()
                .enumerate()
                .any(|(j, &t)| j != i && t == Some(k))
        };
        let mut ev = evidence(e, inputs, &others).map(|(ev, linked)| {
            // Where the parse links some of the coder's sources to the subject, the
            // others (a place, a body named beside it) are no sources.
            if ev.source_linked {
                let mut keep = linked.into_iter();
                e.source.retain(|_| keep.next().unwrap_or(false));
            }
            ev
        });
        // In a report the parse otherwise supports (a verb heading its clause, a source in
        // its subject), a target the parse does not link to the trigger ("held a phone
        // call on Tuesday, Reuters reported" gives Reuters) is dropped and the report kept
        // with its source. Other reports keep the coder's actors; they are below the
        // default threshold anyway.
        let supported = |ev: &Evidence| ev.verb && ev.clause && ev.source_linked;
        if let Some(ev) = ev
            .as_mut()
            .filter(|ev| supported(ev) && ev.target_linked == Some(false))
        {
            e.target.clear();
            ev.target_linked = None;
        }
        // A target the parse finds where the coder found none, or none the parse links.
        if let Some(ev) = ev.as_mut().filter(|_| e.target.is_empty()) {
            if target_from_parse(e, inputs) {
                ev.target_linked = Some(true);
            }
        }
        if let Some(ev) = &ev {
            if ev.scope == Scope::Unrealised && e.modality == Modality::Asserted {
                e.modality = Modality::Hypothetical;
            }
        }
        if let Some((trigger, range)) = parsed_trigger(e, inputs) {
            let t = through_verb(inputs.syntax, trigger);
            crate::when::date_from_clause(e, inputs, t, trigger, range);
        }
        // The coder's own doubt (a verb's rare default sense) caps what the parse gives.
        let prior = e.confidence;
        e.confidence = ev.map_or(UNPARSED, score).min(prior);
        // An act between actors needs its counterpart. A report with neither a target nor
        // two coded sources of different countries that act together ("X and Y agreed")
        // is rarely the event its type names ("Greece demanded", "the UN warned of
        // famine"): on the PLOVER gold standard's development half, 1 of 15 such kept
        // reports was right. Only mobilising, an actor readying its own forces, has none.
        // A source reached only through a pronoun rests on coreference across sentences,
        // which names the wrong person often enough that no such report is a fact to keep
        // by default.
        if ev.is_some() && (!has_counterpart(e) || pronoun_source(e, inputs)) {
            e.confidence = Confidence::from_percent(e.confidence.percent().min(NO_COUNTERPART));
        }
        // A report that says the event did not or may not happen is no fact to keep by
        // default, whatever the parse says (the news audit: none of the negated or
        // hypothetical events it read was a real event of its type).
        // (Capping announced events too lost more of the PLOVER gold standard's development
        // half, which codes "will provide aid" as an agreement, than it gained.)
        if e.negated || e.modality == Modality::Hypothetical {
            e.confidence = Confidence::from_percent(e.confidence.percent().min(UNREALISED));
        }
    }
}

/// The most confidence a negated or hypothetical report keeps: below the default
/// threshold.
const UNREALISED: u8 = 40;

/// The most confidence a report keeps without a counterpart, or with a source named only
/// by a pronoun: below the default threshold, above the uncertain ones.
pub(crate) const NO_COUNTERPART: u8 = 70;

/// Whether a report names whom its act is aimed at or shared with: a target, two coded
/// sources of different countries, or a type that has no counterpart.
pub(crate) fn has_counterpart(e: &Event) -> bool {
    if !e.target.is_empty() || e.plover == PloverType::Mobilize {
        return true;
    }
    let mut codes: Vec<&str> = e.source.iter().filter_map(|a| a.code.as_deref()).collect();
    codes.sort_unstable();
    codes.dedup();
    codes.len() >= 2
}

/// Whether every source of a report is named in its sentence by a pronoun alone.
fn pronoun_source(e: &Event, inputs: &Inputs) -> bool {
    let pronoun = |a: &EventActor| {
        let k = inputs
            .tokens
            .partition_point(|tok| tok.span.start < a.span.start);
        let single = inputs
            .tokens
            .get(k)
            .is_some_and(|tok| tok.span.start == a.span.start && tok.span.end == a.span.end);
        single && inputs.syntax.get(k).is_some_and(|s| s.upos == Upos::Pron)
    };
    !e.source.is_empty() && e.source.iter().all(pronoun)
}

/// The most confidence the parse could give a report (never more than the coder's own,
/// which a rare sense of a verb lowers): without a source it can gain no
/// points for one, and without a coded source none for its code. The pipeline parses
/// only the sentences where a report could reach its threshold, so that a report's
/// confidence is the same whatever the threshold, for every report the threshold keeps.
pub(crate) fn best_possible(e: &Event) -> Confidence {
    // A passive's subject may become the target and leave no source, which can only lower
    // the score: the bound holds.
    score(Evidence {
        verb: true,
        clause: true,
        source_linked: !e.source.is_empty(),
        source_coded: e.source.iter().any(|a| a.code.is_some()),
        target_linked: Some(true),
        scope: Scope::Own,
    })
    .min(e.confidence)
}

/// Whether the trigger reports an act of its own that the sentence says took place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    /// The trigger's act stands on its own.
    Own,
    /// The trigger is the complement of another report's trigger ("refused to [meet]",
    /// "threatened to [impose] tariffs", "demanded that X [withdraw]"): that report is the
    /// event, and this one only what it is about.
    Governed,
    /// The act is only wanted, tried, expected or required: the trigger is the complement
    /// of a verb or adjective of intention or failure ("hope to [use]", "is likely to
    /// [meet]", "failed to [stop]"), a purpose ("in order to [help]"), or carries a modal
    /// ("must [ensure]", "could [provide]").
    Unrealised,
    /// The trigger, a verb in the simple present, tells what an actor habitually does or
    /// holds ("Israel [disputes] this", "the agency [requires] studies"), not an act that
    /// took place.
    Habitual,
    /// The trigger names or labels rather than acts ("what it [calls] a crisis",
    /// "[considers] the group to be a threat"), or reports on the article itself
    /// ("[contributed] to this report").
    NoAct,
}

/// What the parse says of one report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Evidence {
    /// The trigger is a verb.
    pub verb: bool,
    /// The trigger heads a clause (the root, a complement, an adverbial or coordinated
    /// clause), rather than modifying a noun.
    pub clause: bool,
    /// A source actor is the trigger's subject or a passive's agent.
    pub source_linked: bool,
    /// A source actor has an actor code (a country, or an international, non-governmental
    /// or business organisation): CAMEO codes the acts of political actors, and an actor
    /// nobody could code ("the company", a private person) is rarely one.
    pub source_coded: bool,
    /// The report has a target, and one stands among the trigger's objects or obliques.
    pub target_linked: Option<bool>,
    /// Whether the act is the trigger's own and said to have happened.
    pub scope: Scope,
}

/// The confidence the evidence gives, in hundredths.
pub(crate) fn score(ev: Evidence) -> Confidence {
    let mut p: i32 = match (ev.verb, ev.clause) {
        (true, true) => 55,
        (true, false) => 30,
        (false, _) => 20,
    };
    if ev.source_linked {
        p += 30;
        if !ev.source_coded {
            p -= UNCODED;
        }
    }
    match ev.target_linked {
        Some(true) => p += 15,
        Some(false) => p -= 10,
        None => {}
    }
    let cap = match ev.scope {
        Scope::Own => 100,
        Scope::Unrealised | Scope::Habitual => i32::from(UNREALISED),
        Scope::Governed => 20,
        Scope::NoAct => 0,
    };
    Confidence::from_percent(p.clamp(0, cap) as u8)
}

/// What a source that no actor code identifies costs: enough to put a report whose parse
/// supports it fully below the default threshold (0.85).
const UNCODED: i32 = 20;

/// The trigger's token in a parsed sentence, and the range of the sentence's tokens, or
/// `None` when the sentence was not parsed.
fn parsed_trigger(e: &Event, inputs: &Inputs) -> Option<(usize, std::ops::Range<usize>)> {
    let syntax = inputs.syntax;
    if syntax.len() != inputs.tokens.len() {
        return None;
    }
    let sentence = inputs.sentences.get(e.sentence)?;
    let range = sentence.tokens.clone();
    // A parsed sentence has exactly one root; the pipeline leaves sentences it did not
    // need to parse without one.
    if !syntax
        .get(range.clone())?
        .iter()
        .any(|p| p.deprel == DepRel::Root)
    {
        return None;
    }
    let t = range
        .clone()
        .find(|&k| inputs.tokens[k].span.end > e.trigger.start)?;
    Some((t, range))
}

/// Nouns that name people or bodies who can act: a country's adjective before them
/// names an actor ("Russian court", "Palestinian officials"), before other nouns a
/// thing of that country ("the Afghan capital", "anti-Mexican rhetoric", "Philippine
/// jurisdiction", "U.S. weapons deliveries").
const ACTOR_NOUNS: &[&str] = &[
    "government",
    "administration",
    "authority",
    "force",
    "troop",
    "army",
    "military",
    "navy",
    "police",
    "court",
    "judge",
    "parliament",
    "legislature",
    "lawmaker",
    "congress",
    "senate",
    "ministry",
    "official",
    "leader",
    "president",
    "diplomat",
    "delegation",
    "envoy",
    "ambassador",
    "embassy",
    "agency",
    "people",
    "citizen",
    "national",
    "soldier",
    "fighter",
    "rebel",
    "militant",
    "militia",
    "company",
    "firm",
    "state",
    "side",
    "team",
    "counterpart",
    "man",
    "woman",
    "student",
    "activist",
    "refugee",
    "migrant",
    "prisoner",
    "group",
    "coalition",
    "party",
    "opposition",
    "regime",
    "intelligence",
    "security",
    "service",
    "guard",
    "media",
    "press",
    "investigator",
    "prosecutor",
    "journalist",
    "jet",
    "warplane",
    "aircraft",
    "warship",
    "drone",
    "unit",
    "body",
    "council",
    "cabinet",
    "minister",
    "premier",
    "king",
    "prince",
    "monarch",
    "mission",
    "consulate",
    "bank",
    "network",
    "organisation",
    "organization",
    "union",
    "committee",
    "commission",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "authorities",
    "family",
    "community",
    "population",
    "public",
    "worker",
    "officer",
    "commander",
    "general",
    "voter",
    "resident",
    "protester",
    "demonstrator",
    "hacker",
    "agent",
    "spy",
    "crew",
    "sailor",
    "pilot",
    "teenager",
    "child",
    "player",
    "representative",
    "negotiator",
    "mediator",
    "partner",
    "ally",
    "neighbour",
    "neighbor",
    "colleague",
    "member",
    "head",
    "chief",
    "director",
    "secretary",
    "helicopter",
    "plane",
    "ship",
    "boat",
    "vessel",
    "tank",
    "truck",
    "lorry",
    "vehicle",
    "convoy",
];

/// Nouns of places: a country's adjective before them names a place that may stand for
/// its people as the target of an act ("evacuated the wounded from the Bosnian town"),
/// never the one who acts.
const PLACE_NOUNS: &[&str] = &[
    "town",
    "city",
    "village",
    "territory",
    "region",
    "province",
    "area",
    "capital",
    "camp",
    "district",
    "port",
    "border",
    "coast",
    "island",
    "enclave",
];

/// Whether the noun at `k` names people or a body who can act: one of [`ACTOR_NOUNS`], or
/// a noun of an agent's suffix ("insurgents", "negotiators", "Islamists").
fn names_an_actor(syntax: &[TokenSyntax], k: usize) -> bool {
    let lemma = syntax[k].lemma.to_lowercase();
    syntax[k].upos == Upos::Propn
        || ACTOR_NOUNS.contains(&lemma.as_str())
        || ["er", "or", "ist", "ian", "ant", "ent"]
            .iter()
            .any(|suffix| lemma.len() > 5 && lemma.ends_with(suffix))
}

/// Leaves out of a report's sources and targets the actors that only describe a thing:
/// a country's name or adjective modifying a noun that names no actor ("the Afghan
/// capital", "anti-Mexican rhetoric", "the trans-Caspian routes").
fn drop_describing_actors(e: &mut Event, inputs: &Inputs) {
    let Some((_, range)) = parsed_trigger(e, inputs) else {
        return;
    };
    let syntax = inputs.syntax;
    let describes = |a: &EventActor, target: bool| {
        let inside = |k: usize| {
            let s = inputs.tokens[k].span;
            s.start >= a.span.start && s.end <= a.span.end
        };
        let mut heads = range.clone().filter(|&k| inside(k)).filter(|&k| {
            syntax[k]
                .head
                .is_none_or(|h| !inside(h) || !range.contains(&h))
        });
        match (heads.next(), heads.next()) {
            (Some(mut k), None) => {
                // "U.S. border patrol agents": a chain of modifiers ends at the noun that
                // names what the phrase is.
                let modifier = |k: usize| {
                    matches!(
                        syntax[k].deprel.universal(),
                        DepRel::Amod | DepRel::Compound
                    )
                };
                if !modifier(k) {
                    return false;
                }
                for _ in 0..range.len() {
                    match syntax[k].head.filter(|h| range.contains(h)) {
                        Some(h) if modifier(h) => k = h,
                        Some(h) => {
                            let place =
                                PLACE_NOUNS.contains(&syntax[h].lemma.to_lowercase().as_str());
                            return !(names_an_actor(syntax, h) || (target && place));
                        }
                        None => return false,
                    }
                }
                false
            }
            _ => false,
        }
    };
    e.source.retain(|a| !describes(a, false));
    e.target.retain(|a| !describes(a, true));
}

/// A passive's subject is the one acted on ("the posts were [targeted]", "two citizens
/// were [arrested] by the police"): source actors that stand in it are the report's
/// targets, and the source is the passive's agent when the sentence names one among the
/// coder's actors, else none.
fn passive_to_target(e: &mut Event, inputs: &Inputs) {
    let Some((t, range)) = parsed_trigger(e, inputs) else {
        return;
    };
    let syntax = inputs.syntax;
    let under = |rel: DepRel| -> Vec<usize> {
        range
            .clone()
            .filter(|&k| syntax[k].head == Some(t) && syntax[k].deprel == rel)
            .collect()
    };
    let patients = under(DepRel::NsubjPass);
    if patients.is_empty() {
        return;
    }
    let agents = under(DepRel::OblAgent);
    let inside = |a: &EventActor, tops: &[usize]| {
        range.clone().any(|k| {
            let s = inputs.tokens[k].span;
            s.start >= a.span.start
                && s.end <= a.span.end
                && tops.iter().any(|&p| descends(syntax, k, p, range.len()))
        })
    };
    let actors: Vec<EventActor> = std::mem::take(&mut e.source)
        .into_iter()
        .chain(std::mem::take(&mut e.target))
        .collect();
    for a in actors {
        let list = if inside(&a, &agents) {
            &mut e.source
        } else if inside(&a, &patients) {
            &mut e.target
        } else {
            continue;
        };
        if !list.iter().any(|b| b.span == a.span) {
            list.push(a);
        }
    }
}

/// Token `k`'s text in lower case.
pub(crate) fn word(inputs: &Inputs, k: usize) -> String {
    inputs.tokens[k]
        .span
        .slice(inputs.text)
        .unwrap_or_default()
        .to_lowercase()
}

/// Prepositions whose object is the one an act is done to, with or against.
const TARGET_CASES: &[&str] = &["to", "with", "against", "on", "from", "toward", "towards"];

/// For a report the coder found no target for, the first coded actor the parse puts among
/// the trigger's objects: its direct and indirect objects, its obliques with "to", "with",
/// "against", "on" or "from", the subject of its clausal complement ("demanded that X
/// withdraw") and the objects and such obliques of its open complement ("offered to hand
/// over to X"). An actor is taken with every actor coordinated with it, never one of the
/// report's sources, and only with an actor code: the coder's positional guess found
/// nothing, so the parse must be sure.
fn target_from_parse(e: &mut Event, inputs: &Inputs) -> bool {
    let Some((t, range)) = parsed_trigger(e, inputs) else {
        return false;
    };
    let syntax = inputs.syntax;
    let lower = |k: usize| word(inputs, k);
    let children = |v: usize| range.clone().filter(move |&k| syntax[k].head == Some(v));
    let topic = takes_topic(syntax, t);
    let objectlike = |k: usize| match syntax[k].deprel.universal() {
        DepRel::Obj => !topic || syntax[k].head != Some(t),
        DepRel::Iobj => true,
        DepRel::Obl => {
            syntax[k].deprel != DepRel::OblAgent
                && syntax[k].deprel != DepRel::OblTmod
                && children(k).any(|m| {
                    syntax[m].deprel == DepRel::Case && TARGET_CASES.contains(&lower(m).as_str())
                })
        }
        _ => false,
    };
    // A passive's subject is its target ("two diplomats were arrested by the police").
    let mut tops: Vec<usize> = children(t)
        .filter(|&k| objectlike(k) || syntax[k].deprel == DepRel::NsubjPass)
        .collect();
    for c in children(t) {
        match syntax[c].deprel.universal() {
            DepRel::Ccomp => tops.extend(
                children(c).filter(|&k| syntax[k].deprel == DepRel::Nsubj || objectlike(k)),
            ),
            DepRel::Xcomp => tops.extend(children(c).filter(|&k| objectlike(k))),
            _ => {}
        }
    }
    tops.sort_unstable();
    let sources: Vec<_> = e.source.iter().filter_map(|a| a.entity).collect();
    for top in tops {
        let found: Vec<EventActor> = actors_in(inputs, range.clone(), top)
            .into_iter()
            .filter(|a| a.code.is_some() && a.entity.is_some_and(|id| !sources.contains(&id)))
            .collect();
        if !found.is_empty() {
            e.target = found;
            return true;
        }
    }
    false
}

/// The actors named within the noun phrase headed by `top` (through compounds, modifiers,
/// possessors, coordination and apposition, not into a clause that modifies it): the
/// article's entities whose mentions hold its words, once each, in text order.
pub(crate) fn actors_in(
    inputs: &Inputs,
    range: std::ops::Range<usize>,
    top: usize,
) -> Vec<EventActor> {
    let syntax = inputs.syntax;
    let mut found: Vec<EventActor> = Vec::new();
    for k in range.clone() {
        if !within_phrase(syntax, range.clone(), k, top) {
            continue;
        }
        let span = inputs.tokens[k].span;
        for (i, entity) in inputs.entities.iter().enumerate() {
            let Some(m) = entity
                .mentions
                .iter()
                .find(|m| m.span.start <= span.start && span.end <= m.span.end)
            else {
                continue;
            };
            let actor = crate::coder::entity_actor(m.span, i, entity);
            if !found.iter().any(|a| a.entity == actor.entity) {
                found.push(actor);
            }
        }
    }
    found
}

/// Whether token `k` lies in the noun phrase headed by `top`: every relation on the way up
/// is one inside a phrase (names, compounds, nationality adjectives, possessors,
/// appositions, coordination, and the nouns that place a group: "opposition groups in
/// Zimbabwe", "the government of Sindh"), not a clause that modifies it, and not "according
/// to". (Leaving nouns after a preposition out of a source's phrase lost more sources of the
/// PLOVER gold standard's development half, whose coders give a group the country it is
/// in, than it saved.)
fn within_phrase(
    syntax: &[TokenSyntax],
    range: std::ops::Range<usize>,
    mut k: usize,
    top: usize,
) -> bool {
    // "according to X" names who reports, not whom the act is done to.
    let attribution = |k: usize| {
        syntax[range.clone()].iter().any(|m| {
            m.head == Some(k)
                && m.deprel == DepRel::Case
                && matches!(m.lemma.as_str(), "accord" | "according")
        })
    };
    for _ in 0..=range.len() {
        if attribution(k) {
            return false;
        }
        if k == top {
            return true;
        }
        let p = &syntax[k];
        let inside = matches!(
            p.deprel.universal(),
            DepRel::Compound
                | DepRel::Flat
                | DepRel::Amod
                | DepRel::Nmod
                | DepRel::Conj
                | DepRel::Appos
                | DepRel::Det
                | DepRel::Case
                | DepRel::Cc
        );
        match p.head {
            Some(h) if inside => k = h,
            _ => return false,
        }
    }
    false
}

/// Words whose complement is an act only wanted, tried, expected or failed: a verb or
/// adjective heading "to" + the trigger.
const UNREALISING: &[&str] = &[
    "want",
    "hope",
    "wish",
    "plan",
    "aim",
    "try",
    "seek",
    "attempt",
    "expect",
    "intend",
    "need",
    "mean",
    "strive",
    "fail",
    "refuse",
    "decline",
    "threaten",
    "likely",
    "unlikely",
    "ready",
    "willing",
    "able",
    "unable",
    "eager",
    "determined",
    "loath",
    "loathe",
    "set",
    "due",
    "prepared",
    "poised",
];

/// Verbs of wanting, needing and trying: with an open complement they report a state of
/// mind, whatever their dictionary code.
const DESIRE: &[&str] = &[
    "want", "hope", "wish", "seek", "need", "aim", "try", "attempt", "strive", "intend", "mean",
    "expect", "desire",
];

/// Modal auxiliaries: the act is possible, required or conditional, not reported.
const MODALS: &[&str] = &[
    "must", "should", "may", "might", "could", "would", "can", "cannot", "ought",
];

/// Verbs that name or label when they take a predicate ("call it a crisis", "consider X
/// (to be) a threat").
const NAMING: &[&str] = &[
    "call", "name", "label", "dub", "term", "brand", "describe", "consider", "deem", "regard",
];

/// Nouns by which an article speaks of itself ("contributed to this report").
const SELF: &[&str] = &["story", "report", "article", "reporting", "dispatch"];

/// The scope of the trigger at token `t` (after a noun in an oblique is read through its
/// verb): whether its act is its own and said to have happened.
pub(crate) fn scope_of(
    syntax: &[TokenSyntax],
    inputs: &Inputs,
    range: std::ops::Range<usize>,
    t: usize,
    consult: bool,
    other_trigger: &dyn Fn(usize) -> bool,
) -> Scope {
    let lower = |k: usize| word(inputs, k);
    let lemma = |k: usize| {
        let l = &syntax[k].lemma;
        if l.is_empty() {
            lower(k)
        } else {
            l.to_lowercase()
        }
    };
    let children = |v: usize| range.clone().filter(move |&k| syntax[k].head == Some(v));
    if consult && MOTION.contains(&lemma(t).as_str()) {
        let destination = children(t).any(|k| {
            syntax[k].deprel.universal() == DepRel::Obl
                && children(k).any(|m| {
                    syntax[m].deprel == DepRel::Case
                        && DESTINATION_CASES.contains(&lower(m).as_str())
                })
        });
        // Leaving a place or a meeting ("left the session", "left Moscow") is a
        // departure from it, whatever the rest of the clause says.
        let departure =
            lemma(t) == "leave" && children(t).any(|k| syntax[k].deprel.universal() == DepRel::Obj);
        if !destination || departure {
            return Scope::NoAct;
        }
    }
    // Naming: a naming verb with a predicate that is no infinitive ("called the war a
    // mistake", "what he calls a crisis", "considers the forces to be the armed wing").
    if NAMING.contains(&lemma(t).as_str()) {
        let predicate = children(t).any(|k| {
            syntax[k].deprel.universal() == DepRel::Xcomp
                && (syntax[k].upos != Upos::Verb
                    || lemma(k) == "be"
                    || !children(k).any(|m| lower(m) == "to"))
        });
        let what = children(t).any(|k| syntax[k].deprel == DepRel::Obj && lower(k) == "what");
        // "called the blockade an act of war" parsed as two objects.
        let two_objects = children(t)
            .filter(|&k| matches!(syntax[k].deprel.universal(), DepRel::Obj | DepRel::Iobj))
            .count()
            >= 2;
        if predicate || what || two_objects {
            return Scope::NoAct;
        }
    }
    // The article speaking of itself: "contributed to this story", "contributed reporting".
    let self_reference = children(t).any(|k| {
        matches!(syntax[k].deprel.universal(), DepRel::Obj | DepRel::Obl)
            && SELF.contains(&lemma(k).as_str())
            && (syntax[k].deprel.universal() == DepRel::Obj
                || children(k).any(|m| lower(m) == "this"))
    });
    if self_reference {
        return Scope::NoAct;
    }
    // A modal on the trigger, or on the verb whose open complement it is ("will continue
    // to [support]", "must agree to [withdraw]").
    let modal = |v: usize| {
        children(v).any(|k| syntax[k].deprel == DepRel::Aux && MODALS.contains(&lower(k).as_str()))
    };
    let governor = match (syntax[t].deprel.universal(), syntax[t].head) {
        (DepRel::Xcomp, Some(h)) => Some(h),
        _ => None,
    };
    if modal(t) || governor.is_some_and(modal) {
        return Scope::Unrealised;
    }
    // A wish, a need or an attempt is a state of mind, not an act ("hope to use", "sought
    // to influence", "need to hear").
    if DESIRE.contains(&lemma(t).as_str())
        && children(t).any(|k| syntax[k].deprel.universal() == DepRel::Xcomp)
    {
        return Scope::Unrealised;
    }
    // A teaser for another article run into the text ("READ MORE: ...", "OPINION: ..."):
    // its words are a headline, not a report.
    let first_colon = range.clone().take(5).find(|&k| lower(k) == ":");
    if let Some(colon) = first_colon {
        let label: Vec<&str> = (range.start..colon)
            .filter_map(|k| inputs.tokens[k].span.slice(inputs.text))
            .collect();
        let shouted = |w: &&str| w.chars().all(|c| c.is_ascii_uppercase());
        if !label.is_empty() && label.iter().all(shouted) && label.iter().any(|w| w.len() >= 4) {
            return Scope::NoAct;
        }
    }
    // A question asks whether the act happens; it does not say it did ("Will the
    // government agree?").
    let question = range
        .clone()
        .rev()
        .take(3)
        .any(|k| inputs.tokens[k].span.slice(inputs.text) == Some("?"));
    // A condition: the trigger's clause, or a clause it belongs to, opens with "if",
    // "unless" or "whether" ("if Russia continues to [support] Haftar").
    let mut conditional = false;
    let mut v = Some(t);
    for _ in 0..range.len() {
        let Some(k) = v.filter(|k| range.contains(k)) else {
            break;
        };
        if children(k).any(|m| {
            syntax[m].deprel == DepRel::Mark
                && matches!(lower(m).as_str(), "if" | "unless" | "whether")
        }) {
            conditional = true;
            break;
        }
        v = syntax[k].head;
    }
    if question || conditional {
        return Scope::Unrealised;
    }
    // A verb in the simple present with no auxiliary tells what an actor habitually does
    // or holds ("Israel disputes this", "the rules protect access"), not an act on a day.
    let simple_present = syntax[t].upos == Upos::Verb
        && matches!(syntax[t].xpos, Xpos::Vbz | Xpos::Vbp)
        && !children(t).any(|k| matches!(syntax[k].deprel.universal(), DepRel::Aux));
    if simple_present {
        return Scope::Habitual;
    }
    match (syntax[t].deprel.universal(), syntax[t].head) {
        (DepRel::Xcomp | DepRel::Ccomp, Some(h)) if other_trigger(h) => Scope::Governed,
        (DepRel::Xcomp | DepRel::Ccomp, Some(h)) if UNREALISING.contains(&lemma(h).as_str()) => {
            Scope::Unrealised
        }
        // A purpose: "to help", "in order to facilitate".
        (DepRel::Advcl, Some(_)) if children(t).any(|k| lower(k) == "to") => Scope::Unrealised,
        _ => Scope::Own,
    }
}

/// The evidence for a report, or `None` when its sentence was not parsed.
/// `other_trigger` tells whether a token is another report's trigger.
pub(crate) fn evidence(
    e: &Event,
    inputs: &Inputs,
    other_trigger: &dyn Fn(usize) -> bool,
) -> Option<(Evidence, Vec<bool>)> {
    let syntax = inputs.syntax;
    let (t, range) = parsed_trigger(e, inputs)?;
    // An event noun in an oblique of a verb ("spoke by phone", "talked by telephone")
    // reports the event through that verb: the verb heads the clause and has the subject,
    // and the noun's own modifiers ("a call with Y") are among the objects.
    let lifted = through_verb(syntax, t);
    let (t, noun) = if lifted == t {
        (t, None)
    } else {
        (lifted, Some(t))
    };
    let trigger = &syntax[t];
    let verb = trigger.upos == Upos::Verb;
    let clause = matches!(
        trigger.deprel.universal(),
        DepRel::Root
            | DepRel::Ccomp
            | DepRel::Xcomp
            | DepRel::Advcl
            | DepRel::Conj
            | DepRel::Parataxis
            | DepRel::Csubj
    );
    let tokens_of = |span: Span| {
        range.clone().filter(move |&k| {
            let s = inputs.tokens[k].span;
            s.start >= span.start && s.end <= span.end
        })
    };
    let under = |k: usize, top: usize| descends(syntax, k, top, range.len());
    let in_any = |actors: &[EventActor], tops: &[usize]| {
        actors
            .iter()
            .any(|a| tokens_of(a.span).any(|k| tops.iter().any(|&top| under(k, top))))
    };
    let subjects = subjects_of(syntax, range.clone(), t);
    // A source is linked when it is (part of) the subject itself, not a place or body the
    // subject is said to be in or with ("the care team in west London", "officers with
    // the service").
    let linked: Vec<bool> = e
        .source
        .iter()
        .map(|a| {
            tokens_of(a.span).any(|k| {
                subjects
                    .iter()
                    .any(|&top| within_phrase(syntax, range.clone(), k, top))
            })
        })
        .collect();
    // (Leaving out obliques of place, "arrived in Amman", lost targets of the PLOVER gold
    // standard's development half, whose coders give a visit or a protest the country of
    // its place as target, and gained none.)
    let topic = takes_topic(syntax, t);
    let objects: Vec<usize> = range
        .clone()
        .filter(|&k| {
            let p = &syntax[k];
            (p.head == Some(t)
                && is_object(p.deprel)
                && !(topic && p.deprel.universal() == DepRel::Obj))
                || (noun.is_some() && p.head == noun && p.deprel.universal() == DepRel::Nmod)
        })
        .collect();
    let ev = Evidence {
        verb,
        clause,
        source_linked: linked.contains(&true),
        source_coded: e
            .source
            .iter()
            .zip(&linked)
            .any(|(a, &l)| l && a.code.is_some()),
        target_linked: (!e.target.is_empty()).then(|| in_any(&e.target, &objects)),
        scope: scope_of(
            syntax,
            inputs,
            range.clone(),
            t,
            e.cameo.root() == 4,
            other_trigger,
        ),
    };
    Some((ev, linked))
}

/// Verbs of talking about something: their object is what was talked about ("discussed
/// the suspension of U.S. deliveries"), and the counterpart comes with "with".
const TOPIC_VERBS: &[&str] = &[
    "discuss",
    "debate",
    "address",
    "raise",
    "review",
    "touch",
    "negotiate",
];

/// Whether the verb at `t` takes its topic as its object.
fn takes_topic(syntax: &[TokenSyntax], t: usize) -> bool {
    TOPIC_VERBS.contains(&syntax[t].lemma.to_lowercase().as_str())
}

/// The token that reports the trigger's act in its clause: the trigger itself, or for an
/// event noun in an oblique of a verb ("spoke by phone", "talked by telephone") that verb.
fn through_verb(syntax: &[TokenSyntax], t: usize) -> usize {
    match (syntax[t].upos, syntax[t].deprel, syntax[t].head) {
        (Upos::Noun, DepRel::Obl, Some(h))
            if syntax[h].upos == Upos::Verb
                && EVENT_NOUNS.contains(&syntax[t].lemma.to_lowercase().as_str()) =>
        {
            h
        }
        _ => t,
    }
}

/// Nouns of contact that report their act through the verb they are an oblique of
/// ("spoke by phone", "agreed in talks", "said during a visit"). Other nouns in an
/// oblique are circumstances ("released until late March", "did not yield on key
/// issues", "fell out of favour"): the news audit found none of those read as events
/// right.
const EVENT_NOUNS: &[&str] = &[
    "call",
    "phone",
    "telephone",
    "talk",
    "talks",
    "meeting",
    "conversation",
    "visit",
    "summit",
    "videoconference",
    "negotiation",
    "consultation",
    "discussion",
];

/// Verbs of motion: a consultation (a visit) only with a destination ("arrived in
/// Seoul", "travelled to Paris"), not as "comes at a crucial time", "came a week after".
const MOTION: &[&str] = &[
    "come", "go", "arrive", "leave", "travel", "head", "return", "fly",
];

/// Prepositions of a destination.
const DESTINATION_CASES: &[&str] = &["to", "in", "into", "for"];

/// The tokens whose subtrees hold the trigger's subject: its own subjects and passive
/// agents; for a coordinated or open-complement verb without one ("met the envoys and
/// signed", "agreed to meet") or a participle clause ("citing a call"), those of the verb
/// it depends on; for a relative clause
/// ("the minister who resigned"), the noun it modifies.
pub(crate) fn subjects_of(
    syntax: &[TokenSyntax],
    range: std::ops::Range<usize>,
    t: usize,
) -> Vec<usize> {
    let own = |v: usize| -> Vec<usize> {
        range
            .clone()
            .filter(|&k| syntax[k].head == Some(v) && is_subject(syntax[k].deprel))
            .collect()
    };
    // A passive's subject is the one acted on: only its agent ("by the court") acts.
    if range
        .clone()
        .any(|k| syntax[k].head == Some(t) && syntax[k].deprel == DepRel::AuxPass)
    {
        return range
            .clone()
            .filter(|&k| syntax[k].head == Some(t) && syntax[k].deprel == DepRel::OblAgent)
            .collect();
    }
    let mut at = t;
    // A chain of coordinated and complement verbs is short; the bound only guards
    // against a malformed parse.
    for _ in 0..range.len() {
        let found = own(at);
        if !found.is_empty() {
            return found;
        }
        match (syntax[at].deprel, syntax[at].head) {
            (DepRel::Conj | DepRel::Xcomp, Some(h)) => at = h,
            // A participle clause with no subject or conjunction of its own has the main
            // clause's subject ("X left the session, citing a call").
            (DepRel::Advcl, Some(h))
                if syntax[at].xpos == Xpos::Vbg
                    && !range.clone().any(|k| {
                        syntax[k].head == Some(at) && syntax[k].deprel == DepRel::Mark
                    }) =>
            {
                at = h
            }
            (DepRel::AclRelcl, Some(h)) => return vec![h],
            _ => return Vec::new(),
        }
    }
    Vec::new()
}

/// A subject that acts: a passive's subject is the one acted on ("Belan has been
/// indicted"), so it is no evidence for a source; its agent ("by the court") is.
fn is_subject(rel: DepRel) -> bool {
    matches!(rel, DepRel::Nsubj | DepRel::NsubjOuter | DepRel::OblAgent)
}

fn is_object(rel: DepRel) -> bool {
    matches!(
        rel.universal(),
        DepRel::Obj | DepRel::Iobj | DepRel::Obl | DepRel::Ccomp | DepRel::Xcomp
    ) && rel != DepRel::OblAgent
        && rel != DepRel::OblTmod
}

/// Whether token `k` lies in the subtree of `top` (or is it).
fn descends(syntax: &[TokenSyntax], mut k: usize, top: usize, bound: usize) -> bool {
    for _ in 0..=bound {
        if k == top {
            return true;
        }
        match syntax.get(k).and_then(|p| p.head) {
            Some(h) => k = h,
            None => return false,
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(verb: bool, clause: bool, source: bool, target: Option<bool>) -> Evidence {
        Evidence {
            verb,
            clause,
            source_linked: source,
            source_coded: true,
            target_linked: target,
            scope: Scope::Own,
        }
    }

    #[test]
    fn evidence_adds_up_in_order() {
        let full = score(ev(true, true, true, Some(true)));
        let no_target = score(ev(true, true, true, None));
        let wrong_target = score(ev(true, true, true, Some(false)));
        let no_source = score(ev(true, true, false, None));
        let modifier = score(ev(true, false, true, None));
        let noun = score(ev(false, false, true, None));
        assert_eq!(full, Confidence::FULL);
        assert!(full > no_target && no_target > wrong_target && wrong_target > no_source);
        assert!(no_target > modifier && modifier > noun);
    }
}
