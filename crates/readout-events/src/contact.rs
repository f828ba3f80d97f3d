//! Contacts told by a noun: "had a phone conversation with Y", "X told Y in a phone call",
//! "During a call with Y, X said ...", "The call between X and Y lasted an hour", "X and Y
//! held talks". The verb dictionary codes verbs; these sentences report a consultation
//! through a noun whose parties the parse gives: its "with" and "between" modifiers, its
//! possessor, and the subject (and object) of the verb it belongs to.

use std::str::FromStr;

use readout_model::{
    CameoCode, Confidence, DepRel, EntityType, Event, EventActor, Modality, PloverMode, PloverType,
    Span, Upos,
};

use crate::confidence::{actors_in, scope_of, subjects_of, word, Scope};
use crate::Inputs;

/// Nouns of contact. A contact is a consultation (CAMEO 040), by telephone (041) when the
/// noun is a call or a phone or telephone modifies it.
const CONTACT: &[&str] = &["call", "conversation", "talk", "talks", "meeting", "phone"];

/// Verbs a contact noun is the object of without adding an act ("held talks", "had a
/// call"): their subject is the contact's party.
const LIGHT: &[&str] = &["have", "hold", "conduct", "make", "host", "place"];

/// Verbs that refer to a contact as one that took place ("confirmed a call with Y",
/// "citing a phone call with Y"): their subject is a party, as a light verb's is.
const REFERRING: &[&str] = &[
    "cite",
    "confirm",
    "recall",
    "mention",
    "describe",
    "interrupt",
    "end",
];

/// Whether a sentence may report a contact by a noun: one of the nouns, in lower case,
/// among its words. The pipeline parses such sentences even when no verb report asks for
/// it.
pub fn may_hold_contact(words: impl IntoIterator<Item = impl AsRef<str>>) -> bool {
    words.into_iter().any(|w| {
        let w = w.as_ref();
        CONTACT.iter().any(|c| w.eq_ignore_ascii_case(c)) || w.eq_ignore_ascii_case("calls")
    })
}

/// The contacts the parsed sentences report by a noun, as reports of one mention each,
/// rated: both parties found by the parse and coded, else none. `taken` tells whether a
/// token is already another report's trigger.
pub(crate) fn contacts(inputs: &Inputs, taken: &dyn Fn(Span) -> bool) -> Vec<Event> {
    let syntax = inputs.syntax;
    if syntax.len() != inputs.tokens.len() {
        return Vec::new();
    }
    let mut out = Vec::new();
    for (si, sentence) in inputs.sentences.iter().enumerate() {
        let range = sentence.tokens.clone();
        let Some(parsed) = syntax.get(range.clone()) else {
            continue;
        };
        if !parsed.iter().any(|p| p.deprel == DepRel::Root) {
            continue;
        }
        for n in range.clone() {
            if let Some(e) = contact_at(inputs, si, range.clone(), n, taken) {
                out.push(e);
            }
        }
    }
    out
}

fn contact_at(
    inputs: &Inputs,
    sentence: usize,
    range: std::ops::Range<usize>,
    n: usize,
    taken: &dyn Fn(Span) -> bool,
) -> Option<Event> {
    let syntax = inputs.syntax;
    let p = &syntax[n];
    let lemma = p.lemma.to_lowercase();
    if p.upos != Upos::Noun || !CONTACT.contains(&lemma.as_str()) {
        return None;
    }
    // "phone" is a contact only as the head of an oblique ("by phone", "on the phone"): as
    // a modifier it makes the head noun ("phone call") a call by telephone, and "X's phone"
    // is a thing X owns.
    if p.deprel == DepRel::Compound || (lemma == "phone" && p.deprel.universal() != DepRel::Obl) {
        return None;
    }
    let span = inputs.tokens[n].span;
    if taken(span) {
        return None;
    }
    let children = |v: usize| range.clone().filter(move |&k| syntax[k].head == Some(v));
    let case_of = |k: usize| {
        children(k)
            .find(|&m| syntax[m].deprel == DepRel::Case)
            .map(|m| word(inputs, m))
    };
    // "calls for an end to tariffs", "a call to resume talks": an appeal, not a contact.
    let appeal = lemma == "call"
        && children(n).any(|k| match syntax[k].deprel.universal() {
            DepRel::Nmod => case_of(k).as_deref() == Some("for"),
            DepRel::Acl => children(k).any(|m| word(inputs, m) == "to"),
            _ => false,
        });
    if appeal {
        return None;
    }
    let mut sources: Vec<EventActor> = Vec::new();
    let mut targets: Vec<EventActor> = Vec::new();
    let add = |list: &mut Vec<EventActor>, more: Vec<EventActor>| {
        for a in more {
            if !list.iter().any(|b| b.entity == a.entity) {
                list.push(a);
            }
        }
    };
    for k in children(n) {
        match (syntax[k].deprel.universal(), case_of(k).as_deref()) {
            (DepRel::Nmod, Some("with")) => add(&mut targets, actors_in(inputs, range.clone(), k)),
            (DepRel::Nmod, Some("between")) => {
                add(&mut sources, actors_in(inputs, range.clone(), k))
            }
            _ if syntax[k].deprel == DepRel::NmodPoss => {
                add(&mut sources, actors_in(inputs, range.clone(), k))
            }
            _ => {}
        }
    }
    // The verb the noun belongs to: a light verb's subject is a party ("X held talks"); a
    // verb the noun is an oblique of ("told Y in a call", "said during a call") gives its
    // subject as a party, and its object as the other when the noun names none.
    let mut verb = None;
    if let Some(h) = p.head.filter(|&h| syntax[h].upos == Upos::Verb) {
        let light = p.deprel.universal() == DepRel::Obj
            && LIGHT.contains(&syntax[h].lemma.to_lowercase().as_str());
        let oblique = p.deprel.universal() == DepRel::Obl;
        // A light verb the coder already reports ("held talks" as 046) is that event.
        if light && taken(inputs.tokens[h].span) {
            return None;
        }
        let referring = p.deprel.universal() == DepRel::Obj
            && REFERRING.contains(&syntax[h].lemma.to_lowercase().as_str());
        if light || oblique || referring {
            verb = Some(h);
            for s in subjects_of(syntax, range.clone(), h) {
                add(&mut sources, actors_in(inputs, range.clone(), s));
            }
            if oblique && targets.is_empty() {
                for k in children(h) {
                    if matches!(syntax[k].deprel.universal(), DepRel::Obj | DepRel::Iobj) {
                        add(&mut targets, actors_in(inputs, range.clone(), k));
                    }
                }
            }
        }
    }
    // "The call between X and Y": both are parties; as sources, with no target.
    targets.retain(|t| !sources.iter().any(|s| s.entity == t.entity));
    // One party named twice ("the German Chancellor" holds "German") is one party; a place
    // beside persons or bodies ("talks between X and Y in Moscow") is where, not who.
    let within_another = |a: &EventActor, all: &[EventActor]| {
        all.iter()
            .any(|b| b.span != a.span && b.span.start <= a.span.start && a.span.end <= b.span.end)
    };
    let all: Vec<EventActor> = sources.iter().chain(&targets).cloned().collect();
    let kind_of = |a: &EventActor| {
        a.entity
            .and_then(|id| inputs.entities.get(id.0))
            .map(|e| e.kind)
    };
    let place = |a: &EventActor| kind_of(a) == Some(EntityType::Loc);
    let any_not_place = all.iter().any(|a| !place(a));
    let keep = |a: &EventActor| !(within_another(a, &all) || (any_not_place && place(a)));
    sources.retain(keep);
    targets.retain(keep);
    // A nationality beside a person of that country ("Russian" of "Russian President
    // Vladimir Putin", when the parse splits the title) is that person's, no party.
    let persons: Vec<Option<String>> = sources
        .iter()
        .chain(&targets)
        .filter(|a| kind_of(a) == Some(EntityType::Per))
        .map(|a| a.code.clone())
        .collect();
    let nationality_of_a_person = |a: &EventActor| {
        kind_of(a) != Some(EntityType::Per) && a.code.is_some() && persons.contains(&a.code)
    };
    sources.retain(|a| !nationality_of_a_person(a));
    targets.retain(|a| !nationality_of_a_person(a));
    let parties = sources.len() + targets.len();
    let coded = sources.iter().chain(&targets).all(|a| a.code.is_some());
    if sources.is_empty() || parties < 2 || !coded {
        return None;
    }
    let phone = lemma == "call"
        || lemma == "phone"
        || children(n).any(|k| {
            syntax[k].deprel == DepRel::Compound
                && matches!(word(inputs, k).as_str(), "phone" | "telephone")
        });
    let cameo = CameoCode::from_str(if phone { "041" } else { "040" }).ok()?;
    let mut e = crate::coder::report(
        PloverType::Consult,
        phone.then_some(PloverMode::Phone),
        cameo,
        span,
        sentence,
        false,
    );
    e.source = sources;
    e.target = targets;
    // The verb's scope decides whether the contact happened ("did not hold talks", "will
    // have a call", "refused to hold talks"); a negation on the verb denies it.
    let scope = match verb {
        Some(v) => scope_of(syntax, inputs, range.clone(), v, true, &|_| false),
        None => Scope::Own,
    };
    let denied = verb.is_some_and(|v| {
        children(v).any(|k| {
            syntax[k].deprel.universal() == DepRel::Advmod
                && matches!(word(inputs, k).as_str(), "not" | "n't" | "never")
        })
    });
    e.negated = denied;
    for m in &mut e.mentions {
        m.negated = denied;
    }
    if scope == Scope::Unrealised {
        e.modality = Modality::Hypothetical;
    }
    let mut cap = match scope {
        Scope::Own if !denied => 100,
        Scope::NoAct | Scope::Governed => 20,
        _ => 40,
    };
    // Two parties of one country and no target ("Apple CEO Tim Cook" and "Apple", "their
    // meeting" read as "Japanese" and "Shinzo Abe") are often one party named twice: the
    // same rule as for the coder's reports.
    if !crate::confidence::has_counterpart(&e) {
        cap = cap.min(crate::confidence::NO_COUNTERPART);
    }
    e.confidence = Confidence::from_percent(cap);
    e.date = inputs.sentence_times.get(sentence).cloned().flatten();
    e.reported_by = crate::attributes::reported_by(inputs, span);
    // What the sentence claims of the contact ("their sixth conversation") and how long it
    // lasted, as for the coder's reports.
    let toks = &inputs.tokens[range.clone()];
    let lower: Vec<String> = range.clone().map(|k| word(inputs, k)).collect();
    let words: Vec<&str> = lower.iter().map(String::as_str).collect();
    e.claims = crate::attributes::claims(toks, &words);
    e.duration = crate::attributes::duration(inputs, sentence);
    crate::when::date_from_clause(&mut e, inputs, verb.unwrap_or(n), n, range);
    Some(e)
}
