//! Temporal expressions for readout: dates, times, durations and sets found in running
//! news text, typed and valued as TimeML TIMEX3, with relative expressions normalised
//! against the publication date.
//!
//! [`times`] reads an article's text and returns its expressions; [`sentence_times`] then
//! gives each sentence the time it speaks of. The rules are written out in `docs/time.md`.
//! With no publication date, relative expressions ("Thursday", "last week") are still
//! found and typed but get no value: nothing is guessed from the clock.
#![deny(missing_docs)]

mod grammar;
mod lexicon;
mod resolve;
mod scan;

use chrono::NaiveDate;
use readout_model::{
    Sentence, SentenceTime, Span, TimeBasis, TimeValue, Timex, TimexId, TimexType,
};

/// Finds the temporal expressions of a text, in text order, normalised against
/// `published` (the publication date, in the publisher's time zone).
///
/// `sentences` bound the search for the tense that decides whether a bare weekday or month
/// lies before or after the publication date; pass an empty slice to treat the whole text
/// as one sentence.
pub fn times(text: &str, sentences: &[Sentence], published: Option<NaiveDate>) -> Vec<Timex> {
    let spans: Vec<Span> = sentences.iter().map(|s| s.span).collect();
    grammar::Tagger::new(text, &spans, published).run()
}

/// The time each sentence speaks of: its first DATE or TIME expression that has a value,
/// else the time of the previous sentence in the same paragraph, else the publication
/// date, else nothing. Durations, sets and the vague references (`PAST_REF`,
/// `PRESENT_REF`, `FUTURE_REF`) give no sentence its time.
pub fn sentence_times(
    timexes: &[Timex],
    sentences: &[Sentence],
    published: Option<NaiveDate>,
) -> Vec<Option<SentenceTime>> {
    let mut out: Vec<Option<SentenceTime>> = Vec::with_capacity(sentences.len());
    let mut next = 0;
    for (i, sentence) in sentences.iter().enumerate() {
        while next < timexes.len() && timexes[next].span.start < sentence.span.start {
            next += 1;
        }
        let own = timexes[next..]
            .iter()
            .enumerate()
            .take_while(|(_, t)| t.span.start < sentence.span.end)
            .find_map(|(k, t)| {
                let value = t.value.as_ref()?;
                let speaks_of = matches!(t.kind, TimexType::Date | TimexType::Time)
                    && value.as_ref_value().is_none();
                speaks_of.then(|| SentenceTime {
                    timex: Some(TimexId(next + k)),
                    value: value.clone(),
                    basis: TimeBasis::Expression,
                })
            });
        let carried = || {
            let previous = out.get(i.checked_sub(1)?)?.as_ref()?;
            (sentences[i - 1].paragraph == sentence.paragraph
                && previous.basis != TimeBasis::Published)
                .then(|| SentenceTime {
                    basis: TimeBasis::Carried,
                    ..previous.clone()
                })
        };
        let time = own.or_else(carried).or_else(|| {
            published.map(|date| SentenceTime {
                timex: None,
                value: TimeValue::date(date),
                basis: TimeBasis::Published,
            })
        });
        out.push(time);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sentence(start: usize, end: usize, paragraph: usize) -> Sentence {
        Sentence {
            span: Span::new(start, end),
            tokens: 0..0,
            paragraph,
        }
    }

    #[test]
    fn sentences_take_their_own_time_then_carry_it_then_fall_back_to_publication() {
        let text = "On Monday the council met. It voted twice. Now it rests. Later news.";
        let published = NaiveDate::from_ymd_opt(2031, 3, 5);
        let sentences = [
            sentence(0, 26, 0),
            sentence(27, 42, 0),
            sentence(43, 56, 1),
            sentence(57, 68, 1),
        ];
        let found = times(text, &sentences, published);
        let got = sentence_times(&found, &sentences, published);
        let monday = got[0].as_ref().unwrap();
        assert_eq!(monday.value, "2031-03-03");
        assert_eq!(monday.basis, TimeBasis::Expression);
        assert_eq!(got[1].as_ref().unwrap().basis, TimeBasis::Carried);
        assert_eq!(got[1].as_ref().unwrap().value, "2031-03-03");
        // "Now" is PRESENT_REF, which names no date: the paragraph starts afresh.
        assert_eq!(got[2].as_ref().unwrap().basis, TimeBasis::Published);
        assert_eq!(got[3].as_ref().unwrap().basis, TimeBasis::Published);
        assert!(sentence_times(&found, &sentences, None)[3].is_none());
    }
}
