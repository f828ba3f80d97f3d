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

use readout_model::{Confidence, DepRel, Event, EventActor, Modality, Span, TokenSyntax, Upos};

use crate::Inputs;

/// The confidence of a report whose sentence was not parsed: the coder's own evidence
/// only, half way.
pub(crate) const UNPARSED: Confidence = Confidence::from_percent(50);

/// Rates every report (events of one mention each, as the coder makes them) from the
/// parse in `inputs.syntax`.
pub(crate) fn rate(reports: &mut [Event], inputs: &Inputs) {
    for e in reports {
        let mut ev = evidence(e, inputs);
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
        e.confidence = ev.map_or(UNPARSED, score);
        // A report that says the event did not or may not happen is no fact to keep by
        // default, whatever the parse says (the news audit: none of the negated or
        // hypothetical events it read was a real event of its type).
        if e.negated || e.modality == Modality::Hypothetical {
            e.confidence = Confidence::from_percent(e.confidence.percent().min(UNREALISED));
        }
    }
}

/// The most confidence a negated or hypothetical report keeps: below the default
/// threshold.
const UNREALISED: u8 = 40;

/// The most confidence the parse could give a report: without a source it can gain no
/// points for one. The pipeline parses only the sentences where a report could reach its
/// threshold, so that a report's confidence is the same whatever the threshold, for every
/// report the threshold keeps.
pub(crate) fn best_possible(e: &Event) -> Confidence {
    score(Evidence {
        verb: true,
        clause: true,
        source_linked: !e.source.is_empty(),
        target_linked: Some(true),
    })
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
    /// The report has a target, and one stands among the trigger's objects or obliques.
    pub target_linked: Option<bool>,
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
    }
    match ev.target_linked {
        Some(true) => p += 15,
        Some(false) => p -= 10,
        None => {}
    }
    Confidence::from_percent(p.clamp(0, 100) as u8)
}

/// The evidence for a report, or `None` when its sentence was not parsed.
pub(crate) fn evidence(e: &Event, inputs: &Inputs) -> Option<Evidence> {
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
    // An event noun in an oblique of a verb ("spoke by phone", "talked by telephone")
    // reports the event through that verb: the verb heads the clause and has the subject,
    // and the noun's own modifiers ("a call with Y") are among the objects.
    let (t, noun) = match (syntax[t].upos, syntax[t].deprel, syntax[t].head) {
        (Upos::Noun, DepRel::Obl, Some(h)) if syntax[h].upos == Upos::Verb => (h, Some(t)),
        _ => (t, None),
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
    let objects: Vec<usize> = range
        .clone()
        .filter(|&k| {
            let p = &syntax[k];
            (p.head == Some(t) && is_object(p.deprel))
                || (noun.is_some() && p.head == noun && p.deprel.universal() == DepRel::Nmod)
        })
        .collect();
    Some(Evidence {
        verb,
        clause,
        source_linked: in_any(&e.source, &subjects),
        target_linked: (!e.target.is_empty()).then(|| in_any(&e.target, &objects)),
    })
}

/// The tokens whose subtrees hold the trigger's subject: its own subjects and passive
/// agents; for a coordinated or open-complement verb without one ("met the envoys and
/// signed", "agreed to meet"), those of the verb it depends on; for a relative clause
/// ("the minister who resigned"), the noun it modifies.
fn subjects_of(syntax: &[TokenSyntax], range: std::ops::Range<usize>, t: usize) -> Vec<usize> {
    let own = |v: usize| -> Vec<usize> {
        range
            .clone()
            .filter(|&k| syntax[k].head == Some(v) && is_subject(syntax[k].deprel))
            .collect()
    };
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
            target_linked: target,
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
