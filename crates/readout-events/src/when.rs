//! The event's date from the trigger's clause: a time expression the parse attaches to the
//! trigger ("met on Thursday", "the call on Thursday") beats the sentence's other times,
//! and a time that belongs to another clause ("who last talked in September 2022") or
//! that only anchors a span ("since 2022") is not the event's date.

use readout_model::{
    DepRel, Event, SentenceTime, TimeBasis, TimexId, TimexType, TokenSyntax, Upos,
};

use crate::Inputs;

/// Words that make a time an anchor of a span rather than the time of the act.
const ANCHORS: &[&str] = &["since", "until", "till", "through"];

/// Sets the date of a report whose sentence was parsed, from the time expressions of the
/// trigger's clause. `t` is the trigger's token (or the verb a trigger noun is read
/// through), `range` the sentence's tokens.
pub(crate) fn date_from_clause(
    e: &mut Event,
    inputs: &Inputs,
    t: usize,
    trigger_token: usize,
    range: std::ops::Range<usize>,
) {
    let syntax = inputs.syntax;
    let sentence_span = match inputs.sentences.get(e.sentence) {
        Some(s) => s.span,
        None => return,
    };
    let lower = |k: usize| crate::confidence::word(inputs, k);
    // The first dated expression of the trigger's own clause that anchors no span.
    let mut own: Option<usize> = None;
    let mut sentence_time_foreign = false;
    let sentence_timex = inputs
        .sentence_times
        .get(e.sentence)
        .and_then(|s| s.as_ref())
        .filter(|s| s.basis == TimeBasis::Expression)
        .and_then(|s| s.timex);
    for (i, x) in inputs.times.iter().enumerate() {
        if x.span.start < sentence_span.start || x.span.end > sentence_span.end {
            continue;
        }
        let dated = matches!(x.kind, TimexType::Date | TimexType::Time)
            && x.value.as_ref().is_some_and(|v| v.as_ref_value().is_none());
        // The expression's head: its token whose head lies outside it.
        let inside: Vec<usize> = range
            .clone()
            .filter(|&k| {
                let s = inputs.tokens[k].span;
                s.start >= x.span.start && s.end <= x.span.end
            })
            .collect();
        let Some(&head) = inside.iter().find(|&&k| match syntax[k].head {
            Some(h) => !inside.contains(&h),
            None => true,
        }) else {
            continue;
        };
        let anchor = range.clone().any(|k| {
            syntax[k].head == Some(head)
                && matches!(syntax[k].deprel.universal(), DepRel::Case | DepRel::Mark)
                && ANCHORS.contains(&lower(k).as_str())
        }) || inside.iter().any(|&k| ANCHORS.contains(&lower(k).as_str()));
        let mine = clause_of(syntax, head, t, trigger_token, range.len());
        if sentence_timex == Some(TimexId(i)) && (anchor || !mine) {
            sentence_time_foreign = true;
        }
        if dated && mine && !anchor && own.is_none() {
            own = Some(i);
        }
    }
    if let Some(i) = own {
        if let Some(value) = inputs.times[i].value.clone() {
            e.date = Some(SentenceTime {
                timex: Some(TimexId(i)),
                value,
                basis: TimeBasis::Expression,
            });
        }
    } else if sentence_time_foreign {
        // The sentence's time is another clause's or an anchor: the event keeps the time
        // the paragraph carried before it, or the publication date.
        e.date = earlier_time(inputs, e.sentence);
    }
}

/// Whether the time whose head is `k` belongs to the trigger's clause: going up from it,
/// the first verb met is the trigger's (or the trigger itself is met first).
fn clause_of(syntax: &[TokenSyntax], mut k: usize, t: usize, trigger: usize, bound: usize) -> bool {
    for _ in 0..=bound {
        let Some(h) = syntax[k].head else {
            return false;
        };
        if h == t || h == trigger {
            return true;
        }
        if matches!(syntax[h].upos, Upos::Verb) {
            return false;
        }
        k = h;
    }
    false
}

/// The time of the closest earlier sentence of the same paragraph that has one of its own
/// or carried, else the publication date.
fn earlier_time(inputs: &Inputs, sentence: usize) -> Option<SentenceTime> {
    let paragraph = inputs.sentences.get(sentence)?.paragraph;
    let carried = (0..sentence)
        .rev()
        .take_while(|&i| {
            inputs
                .sentences
                .get(i)
                .is_some_and(|s| s.paragraph == paragraph)
        })
        .find_map(|i| {
            inputs
                .sentence_times
                .get(i)?
                .as_ref()
                .filter(|t| t.basis != TimeBasis::Published)
                .map(|t| SentenceTime {
                    basis: TimeBasis::Carried,
                    ..t.clone()
                })
        });
    carried.or_else(|| {
        inputs.published.map(|value| SentenceTime {
            timex: None,
            value: value.clone(),
            basis: TimeBasis::Published,
        })
    })
}
