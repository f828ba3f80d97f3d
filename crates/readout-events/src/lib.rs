//! Event coding for readout: who did what to whom, when and where, in PLOVER and CAMEO.
//!
//! A verb of PETRARCH2's CAMEO dictionary (compiled into `data/`) is a trigger; the
//! dictionary's patterns (words that must come before or after the verb) refine its code;
//! the CAMEO code gives the PLOVER type and mode. The source is the actor named nearest
//! before the trigger that no preposition governs, the target the first actor after it in
//! the same clause, each with every actor coordinated with it ("Hungary and Romania
//! agreed"). Actors are the article's entities with the codes the entity stage gave them,
//! a nationality with a role noun ("the Russian side"), or a reference to the two actors of
//! the event before ("the two leaders"). Negation and modality are read from the words just
//! before the trigger; topics from the words after it; the date from the sentence's time;
//! the attribution from the quotation whose content holds the trigger. Reports of the same
//! event in one article are then merged into one event with several mentions.
#![deny(missing_docs)]

mod attributes;
mod coder;
mod confidence;
mod contact;
mod lexicon;
mod merge;
mod when;

use readout_model::{
    CameoCode, Entity, Event, PloverMode, PloverType, Quote, Sentence, SentenceTime, TimeValue,
    Timex, Token, TokenSyntax,
};

pub use contact::may_hold_contact;
pub use merge::merge;

/// What the event coder reads: the article's text and the earlier stages' output. Every
/// field but `text`, `tokens` and `sentences` may be left empty (`..Inputs::default()`),
/// at the cost of what it gives: no actors without entities, no attribution without
/// quotations, no dates without times.
#[derive(Debug, Clone, Copy, Default)]
pub struct Inputs<'a> {
    /// The article text.
    pub text: &'a str,
    /// Its tokens.
    pub tokens: &'a [Token],
    /// Its sentences.
    pub sentences: &'a [Sentence],
    /// Its entities (from the entity stage).
    pub entities: &'a [Entity],
    /// Its quotations (from the quotation stage).
    pub quotes: &'a [Quote],
    /// Its temporal expressions (from the time stage).
    pub times: &'a [Timex],
    /// The time of each sentence (from the time stage), one entry per sentence or none.
    pub sentence_times: &'a [Option<SentenceTime>],
    /// The publication date, the date of an event whose sentence gives none of its own.
    pub published: Option<&'a TimeValue>,
    /// The parse of each token (from the syntax stage), one entry per token or none; a
    /// sentence without a root was not parsed. Reports in unparsed sentences get a
    /// confidence of 0.5.
    pub syntax: &'a [TokenSyntax],
}

/// Codes the events of an article, rates each report's confidence from the parse, and
/// merges the reports of one event: one [`Event`] per real-world event, in text order of
/// their first report, with the best confidence of its reports.
pub fn events(inputs: &Inputs) -> Vec<Event> {
    let mut reports = code(inputs);
    rate(&mut reports, inputs);
    merge(reports)
}

/// The most confidence the parse could give a report ([`code`] gives them): 0.7 without a
/// source, else 1. A sentence whose reports cannot reach a threshold need not be parsed.
pub fn best_possible(report: &Event) -> readout_model::Confidence {
    confidence::best_possible(report)
}

/// Sets the confidence of each report (events of one mention, as [`code`] gives them) from
/// the parse in `inputs.syntax`: the trigger a verb heading a clause, a source in its
/// subject, a target among its objects (`docs/events.md`).
pub fn rate(reports: &mut [Event], inputs: &Inputs) {
    confidence::rate(reports, inputs)
}

/// Adds to `reports` the contacts the parsed sentences report by a noun ("had a phone
/// conversation with Y", "told Y in a phone call", "During a call with Y, X said"), as
/// rated reports of one mention each: both parties found by the parse and coded. A noun
/// (or light verb) that is the trigger of a confident report (0.85 or more) is left to it;
/// a weaker report on the same noun (the coder's positional reading) gives way to the
/// contact. The bar is fixed, not the pipeline's threshold, so that what a contact
/// replaces does not depend on which events a user asks to see.
pub fn add_contacts(inputs: &Inputs, reports: &mut Vec<Event>) {
    const CONFIDENT: f64 = 0.85;
    let overlaps = |r: &Event, span: readout_model::Span| {
        r.mentions
            .iter()
            .any(|m| m.trigger.start < span.end && span.start < m.trigger.end)
    };
    let found = {
        let taken = |span: readout_model::Span| {
            reports
                .iter()
                .any(|r| r.confidence.value() >= CONFIDENT && overlaps(r, span))
        };
        contact::contacts(inputs, &taken)
    };
    if found.is_empty() {
        return;
    }
    reports.retain(|r| !found.iter().any(|c| overlaps(r, c.trigger)));
    reports.extend(found);
    // The merge reads reports in text order.
    reports.sort_by_key(|r| (r.sentence, r.trigger.start));
}

/// Codes the events of an article report by report, without merging: one [`Event`] (with
/// one mention) per trigger, in text order.
pub fn code(inputs: &Inputs) -> Vec<Event> {
    coder::code(inputs)
}

/// The CAMEO code of the intent or threat of an action: cooperation announced (04 to 08)
/// becomes the matching "express intent" code of 03, force or coercion announced (15 to 20)
/// the matching threat of 13. Other codes stay.
pub(crate) fn intent_code(code: CameoCode) -> Option<CameoCode> {
    let intent = match code.root() {
        4 => "036",
        5 => "032",
        6 => "031",
        7 => "033",
        8 => "035",
        16 => "131",
        17 => "137",
        15 | 18 | 19 | 20 => "138",
        _ => return None,
    };
    intent.parse().ok()
}

/// The event type in the categories of the PLOVER gold standard records (PLOVER 0.5,
/// 2016), which kept four CAMEO cue categories that PLOVER 2021 folded into others:
/// INVESTIGATE (CAMEO 09, now ACCUSE), DEMAND (10, now REQUEST), DISAPPROVE (11, now
/// ACCUSE) and FIGHT (19, now ASSAULT). The PLOVER manual's table "PLOVER equivalents to
/// CAMEO cue categories" gives the correspondence. Appeals (02), which readout codes as
/// requests, are DEMAND there too.
pub fn gsr_type(event: &Event) -> &'static str {
    match event.cameo.root() {
        9 => "INVESTIGATE",
        10 | 2 => "DEMAND",
        11 => "DISAPPROVE",
        19 => "FIGHT",
        _ => event.plover.as_str(),
    }
}

/// The mode in the names of the PLOVER gold standard records (PLOVER 0.5), where they
/// differ from PLOVER 2021's only by name: a hunger strike (`hunger`) was `strike-hun`, a
/// general strike (`strike`) `strike-gen`, and an organised demonstration (`demo`, which
/// the manual defines as organised) `demo-org`. Other modes are kept.
pub fn gsr_mode(event: &Event) -> Option<&'static str> {
    let mode = event.mode?;
    Some(match (event.plover, mode) {
        (PloverType::Protest, PloverMode::Hunger) => "strike-hun",
        (PloverType::Protest, PloverMode::Strike) => "strike-gen",
        (PloverType::Protest, PloverMode::Demo) => "demo-org",
        _ => mode.as_str(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use readout_model::Span;

    fn coded(plover: &str, mode: Option<&str>, cameo: &str) -> Event {
        let mode = mode.map(|m| m.parse().unwrap());
        let (plover, cameo) = (plover.parse().unwrap(), cameo.parse().unwrap());
        coder::report(plover, mode, cameo, Span::new(0, 1), 0, false)
    }

    #[test]
    fn gold_standard_names_follow_plover_0_5() {
        assert_eq!(gsr_type(&coded("ASSAULT", None, "190")), "FIGHT");
        assert_eq!(gsr_type(&coded("ACCUSE", None, "112")), "DISAPPROVE");
        assert_eq!(gsr_type(&coded("ASSAULT", None, "181")), "ASSAULT");
        assert_eq!(
            gsr_mode(&coded("PROTEST", Some("hunger"), "142")),
            Some("strike-hun")
        );
        assert_eq!(
            gsr_mode(&coded("PROTEST", Some("riot"), "145")),
            Some("riot")
        );
        assert_eq!(gsr_mode(&coded("CONSULT", None, "040")), None);
    }
}
