//! Merging the reports of one event within an article.

use readout_model::{CameoCode, EntityId, Event, EventActor};

use crate::attributes::basis_rank;

/// Merges reports of the same event, in text order: a report joins the latest earlier
/// event of the same PLOVER type and modality whose modes do not differ, whose dates do not
/// differ, and whose actors include the report's (or are included in them; a report
/// naming no actor, as "The call marks ...", joins the latest event of its type, and an
/// event without actors takes in a later report of its sentence that names them). The
/// merged event keeps the most specific code (041 over 040), every actor, topic, claim and
/// mention, the best-dated report's date, and is negated only if every report is.
pub fn merge(events: Vec<Event>) -> Vec<Event> {
    let mut out: Vec<Event> = Vec::new();
    for e in events {
        let target = out.iter().rposition(|m| joins(m, &e));
        match target {
            Some(i) => absorb(&mut out[i], e),
            None => out.push(e),
        }
    }
    // A place inside a topic another report gave ("the war in Ukraine") is the topic's.
    for e in &mut out {
        let inside = e.location.as_ref().is_some_and(|p| {
            e.topics
                .iter()
                .any(|t| t.span.start <= p.span.start && p.span.end <= t.span.end)
        });
        if inside {
            e.location = None;
        }
    }
    out
}

/// The actors of an event as keys: entities by index, other actors by code.
fn keys(e: &Event) -> Vec<(Option<EntityId>, Option<&str>)> {
    let mut keys: Vec<_> = e
        .source
        .iter()
        .chain(&e.target)
        .map(|a| match a.entity {
            Some(x) => (Some(x), None),
            None => (None, a.code.as_deref()),
        })
        .collect();
    keys.sort();
    keys.dedup();
    keys
}

fn joins(m: &Event, e: &Event) -> bool {
    if m.plover != e.plover || m.modality != e.modality {
        return false;
    }
    if matches!((&m.mode, &e.mode), (Some(a), Some(b)) if a != b) {
        return false;
    }
    // A report the parse says is no act at all ("left the session", "what it calls a
    // crisis") is not a mention of an event that took place, nor the other way round.
    if (m.confidence.percent() == 0) != (e.confidence.percent() == 0) {
        return false;
    }
    // Two reports dated by time expressions of their own on different days are two events.
    if let (Some(a), Some(b)) = (&m.date, &e.date) {
        if basis_rank(a.basis) == 0 && basis_rank(b.basis) == 0 && a.value != b.value {
            return false;
        }
    }
    let (a, b) = (keys(m), keys(e));
    if b.is_empty() {
        return true;
    }
    // An earlier report without actors in the same sentence ("In a phone conversation,
    // Putin and Trump discussed ...") is the same event as the later one that names them.
    if a.is_empty() {
        return m.mentions.iter().any(|x| x.sentence == e.sentence);
    }
    let within = |x: &[(Option<EntityId>, Option<&str>)],
                  y: &[(Option<EntityId>, Option<&str>)]| {
        x.iter().all(|k| y.contains(k))
    };
    within(&b, &a) || within(&a, &b)
}

/// How specific a CAMEO code is: a fourth digit, then a third that is not zero.
fn specificity(code: &CameoCode) -> u8 {
    match code.len() {
        4.. => 2,
        3 if !code.as_str().ends_with('0') => 1,
        _ => 0,
    }
}

fn absorb(m: &mut Event, e: Event) {
    if specificity(&e.cameo) > specificity(&m.cameo) {
        m.cameo = e.cameo;
        m.mode = e.mode;
    }
    if m.mode.is_none() {
        m.mode = e.mode;
    }
    add_actors(&mut m.source, &e.source);
    add_actors(&mut m.target, &e.target);
    // An actor both source and target of a merged event stays a source only.
    let sources = m.source.clone();
    m.target.retain(|t| !sources.iter().any(|s| same(s, t)));
    m.negated = m.negated && e.negated;
    for t in e.topics {
        if !m.topics.iter().any(|x| x.span == t.span) {
            m.topics.push(t);
        }
    }
    if m.location.is_none() {
        m.location = e.location;
    }
    if m.reported_by.is_none() {
        m.reported_by = e.reported_by;
    }
    let better = match (&m.date, &e.date) {
        (None, Some(_)) => true,
        (Some(a), Some(b)) => basis_rank(b.basis) < basis_rank(a.basis),
        _ => false,
    };
    if better {
        m.date = e.date;
    }
    if m.duration.is_none() {
        m.duration = e.duration;
    }
    for c in e.claims {
        if !m.claims.contains(&c) {
            m.claims.push(c);
        }
    }
    m.mentions.extend(e.mentions);
    m.confidence = m.confidence.max(e.confidence);
}

fn same(a: &EventActor, b: &EventActor) -> bool {
    match (a.entity, b.entity) {
        (Some(x), Some(y)) => x == y,
        _ => a.code == b.code && a.span == b.span,
    }
}

fn add_actors(into: &mut Vec<EventActor>, from: &[EventActor]) {
    for a in from {
        if !into.iter().any(|x| same(x, a)) {
            into.push(a.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use readout_model::{Modality, SentenceTime, Span, TimeBasis, Topic};

    fn actor(entity: usize) -> EventActor {
        EventActor {
            span: Span::new(entity * 10, entity * 10 + 5),
            entity: Some(EntityId(entity)),
            code: None,
            sector: None,
        }
    }

    fn report(cameo: &str, sentence: usize, source: &[usize], target: &[usize]) -> Event {
        let trigger = Span::new(sentence * 100, sentence * 100 + 4);
        let mode = (cameo == "041").then_some(readout_model::PloverMode::Phone);
        Event {
            source: source.iter().map(|&e| actor(e)).collect(),
            target: target.iter().map(|&e| actor(e)).collect(),
            ..crate::coder::report(
                readout_model::PloverType::Consult,
                mode,
                cameo.parse().unwrap(),
                trigger,
                sentence,
                false,
            )
        }
    }

    fn dated(mut e: Event, value: &str, basis: TimeBasis) -> Event {
        e.date = Some(SentenceTime {
            timex: None,
            value: value.parse().unwrap(),
            basis,
        });
        e
    }

    #[test]
    fn reports_with_included_actors_merge_into_the_more_specific_code() {
        let mut negated = report("040", 3, &[1, 2], &[]);
        negated.negated = true;
        negated.mentions[0].negated = true;
        negated.topics.push(Topic {
            span: Span::new(305, 310),
            negated: true,
        });
        let merged = merge(vec![
            report("040", 0, &[1, 2], &[]),
            report("041", 1, &[1], &[2]),
            negated,
        ]);
        assert_eq!(merged.len(), 1);
        let e = &merged[0];
        assert_eq!(
            (e.cameo.as_str(), e.mode.map(|m| m.as_str())),
            ("041", Some("phone"))
        );
        assert_eq!(e.mentions.len(), 3);
        assert!(!e.negated, "one report asserts it");
        assert_eq!(e.topics.len(), 1);
        assert!(e.topics[0].negated);
        // Actor 2 is a source already; it is not also a target.
        assert!(e.target.is_empty());
    }

    #[test]
    fn different_actors_types_modalities_or_days_stay_apart() {
        let mut other_type = report("040", 1, &[1, 2], &[]);
        other_type.plover = readout_model::PloverType::Agree;
        let mut future = report("040", 2, &[1, 2], &[]);
        future.modality = Modality::Future;
        let merged = merge(vec![
            report("040", 0, &[1, 2], &[]),
            other_type,
            future,
            report("040", 3, &[3], &[4]),
        ]);
        assert_eq!(merged.len(), 4);
        let merged = merge(vec![
            dated(
                report("040", 0, &[1], &[2]),
                "2024-03-04",
                TimeBasis::Expression,
            ),
            dated(
                report("040", 1, &[1], &[2]),
                "2024-03-05",
                TimeBasis::Expression,
            ),
        ]);
        assert_eq!(merged.len(), 2, "two days are two meetings");
    }

    #[test]
    fn a_report_without_actors_joins_and_the_best_date_wins() {
        let merged = merge(vec![
            dated(
                report("040", 0, &[1], &[2]),
                "2024-03-06",
                TimeBasis::Published,
            ),
            dated(
                report("040", 1, &[], &[]),
                "2024-03-04",
                TimeBasis::Expression,
            ),
        ]);
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].date.as_ref().unwrap().value, "2024-03-04");
        // An event without actors takes in a later report of its own sentence only.
        let merged = merge(vec![
            report("040", 0, &[], &[]),
            report("040", 1, &[1], &[2]),
        ]);
        assert_eq!(merged.len(), 2);
        let merged = merge(vec![
            report("040", 0, &[], &[]),
            report("040", 0, &[1], &[2]),
        ]);
        assert_eq!(merged.len(), 1);
        assert_eq!(merged[0].source.len(), 1);
    }
}
