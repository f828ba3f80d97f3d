//! Properties of the tagger on generated text: whatever the words, expressions come out in
//! order, never overlap, lie on character boundaries, are not empty, and have a value
//! whenever there is a publication date to resolve them against.

use chrono::NaiveDate;
use proptest::prelude::*;

/// Words that make up time expressions and the text around them, with a few that are not
/// ASCII, so that generated texts hit the grammar's corners.
const WORDS: &[&str] = &[
    "the",
    "last",
    "next",
    "this",
    "past",
    "coming",
    "early",
    "mid",
    "late",
    "-",
    ",",
    ".",
    "'",
    "’",
    ":",
    "/",
    "a",
    "an",
    "about",
    "nearly",
    "more",
    "than",
    "at",
    "least",
    "up",
    "to",
    "ago",
    "earlier",
    "later",
    "Thursday",
    "Monday",
    "morning",
    "night",
    "tonight",
    "today",
    "yesterday",
    "July",
    "May",
    "March",
    "Aug",
    "Sept",
    "3",
    "31",
    "29",
    "10",
    "00",
    "2025",
    "1990",
    "80",
    "s",
    "st",
    "th",
    "A",
    "M",
    "p",
    "m",
    "noon",
    "midnight",
    "EST",
    "Moscow",
    "time",
    "week",
    "weeks",
    "month",
    "year",
    "years",
    "decade",
    "century",
    "quarter",
    "half",
    "fourth",
    "first",
    "fiscal",
    "summer",
    "fall",
    "every",
    "each",
    "daily",
    "weekly",
    "hour",
    "long",
    "old",
    "will",
    "said",
    "met",
    "now",
    "recently",
    "future",
    "Christmas",
    "weekend",
    "of",
    "and",
    "or",
    "so",
    "in",
    "on",
    "for",
    "—",
    "Zürich",
    "日本",
    "\u{a0}",
    "\n\n",
    "twenty",
    "four",
    "hundred",
    "several",
    "couple",
    "Q",
    "FY",
];

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec((0..WORDS.len(), any::<bool>()), 0..60).prop_map(|parts| {
        let mut s = String::new();
        for (k, space) in parts {
            if space {
                s.push(' ');
            }
            s.push_str(WORDS[k]);
        }
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn expressions_are_ordered_disjoint_spans_with_values(
        text in text(),
        days in 0i64..40_000,
    ) {
        let anchor = NaiveDate::from_ymd_opt(1950, 1, 1)
            .unwrap()
            .checked_add_signed(chrono::Duration::days(days));
        let seg = readout_text::segment(&text);
        for published in [anchor, None] {
            let found = readout_time::times(&text, &seg.sentences, published);
            let mut previous_end = 0;
            for t in &found {
                prop_assert!(t.span.start >= previous_end, "overlap in {text:?}: {found:?}");
                prop_assert!(t.span.start < t.span.end, "empty span in {text:?}");
                prop_assert!(text.get(t.span.start..t.span.end).is_some(), "off a boundary");
                previous_end = t.span.end;
                match published {
                    Some(_) => prop_assert!(t.value.is_some(), "no value for {t:?} in {text:?}"),
                    None => prop_assert_eq!(t.value.is_some(), !t.anchored),
                }
            }
            let per_sentence = readout_time::sentence_times(&found, &seg.sentences, published);
            prop_assert_eq!(per_sentence.len(), seg.sentences.len());
        }
    }
}
