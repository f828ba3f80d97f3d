//! Property test: whatever the text, every span an event carries lies on character
//! boundaries inside the text, every report's trigger lies in its sentence, reports are in
//! text order, and an event's first trigger is its first report's.

use proptest::prelude::*;

mod common;

const WORDS: &[&str] = &[
    "France",
    "Iran",
    "Russian",
    "President",
    "Ilse",
    "Varga",
    "the",
    "two",
    "leaders",
    "side",
    "met",
    "discussed",
    "did",
    "not",
    "attack",
    "will",
    "visit",
    "on",
    "Monday",
    "in",
    "Geneva",
    "said",
    "that",
    "must",
    "halt",
    "urged",
    "to",
    "release",
    "sixth",
    "meeting",
    "since",
    "according",
    "a",
    "phone",
    "call",
    "and",
    ",",
    ".",
    "\"",
    "touched",
    "trade",
    "é",
    "—",
    "imposed",
    "sanctions",
    "Thursday",
    "hour-long",
    "accused",
    "of",
    "spying",
    "\n\n",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..60).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn event_spans_hold(text in text()) {
        let published = chrono::NaiveDate::from_ymd_opt(2024, 3, 6);
        // Spans index the text the pipeline kept (less a dateline it cut).
        let common::Coded { text, entities, quotes, times, sentences, sentence_times, events } =
            common::code(&text, published);
        let on_text = |s: readout_model::Span| {
            s.start < s.end && text.get(s.start..s.end).is_some()
        };
        for e in &events {
            prop_assert!(!e.mentions.is_empty());
            prop_assert_eq!(e.trigger, e.mentions[0].trigger);
            prop_assert_eq!(e.sentence, e.mentions[0].sentence);
            for pair in e.mentions.windows(2) {
                prop_assert!(pair[0].trigger.start <= pair[1].trigger.start);
            }
            for m in &e.mentions {
                let s = sentences[m.sentence].span;
                prop_assert!(on_text(m.trigger));
                prop_assert!(s.start <= m.trigger.start && m.trigger.end <= s.end);
            }
            for a in e.source.iter().chain(&e.target) {
                prop_assert!(on_text(a.span));
                prop_assert!(a.entity.is_none_or(|x| x.index() < entities.len()));
            }
            for t in &e.topics {
                prop_assert!(on_text(t.span));
            }
            for c in &e.claims {
                prop_assert!(on_text(c.span));
                prop_assert!(c.ordinal > 0);
            }
            if let Some(p) = &e.location {
                prop_assert!(on_text(p.span));
            }
            if let Some(r) = &e.reported_by {
                prop_assert!(r.quote.is_none_or(|q| q.index() < quotes.len()));
            }
            prop_assert!(e.duration.is_none_or(|t| t.index() < times.len()));
            prop_assert_eq!(e.date.is_some(), e.mentions.iter().any(|m| sentence_times[m.sentence].is_some()));
            prop_assert!(e.negated == e.mentions.iter().all(|m| m.negated));
        }
    }
}
