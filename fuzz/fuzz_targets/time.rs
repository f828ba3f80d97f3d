//! The temporal tagger on arbitrary text, with and without a publication date: no panic;
//! expressions ordered, disjoint, on character boundaries; values whenever there is a date.
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: (u16, &str)| {
    let (days, text) = input;
    let anchor = NaiveDate::from_ymd_opt(1950, 1, 1)
        .and_then(|d| d.checked_add_signed(chrono::Duration::days(i64::from(days))));
    let seg = readout_text::segment(text);
    for published in [anchor, None] {
        let found = readout_time::times(text, &seg.sentences, published);
        let mut prev = 0;
        for t in &found {
            assert!(t.span.start >= prev && t.span.start < t.span.end);
            assert!(text.get(t.span.start..t.span.end).is_some());
            assert!(published.is_none() || t.value.is_some());
            prev = t.span.end;
        }
        let _ = readout_time::sentence_times(&found, &seg.sentences, published);
    }
});
