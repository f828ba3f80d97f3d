//! The sentence splitter and tokeniser on arbitrary text: no panic, spans on boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let seg = readout_text::segment(text);
    let mut prev = 0;
    for s in &seg.sentences {
        assert!(s.span.start >= prev && text.get(s.span.start..s.span.end).is_some());
        prev = s.span.end;
    }
    for t in &seg.tokens {
        assert!(text.get(t.span.start..t.span.end).is_some() && !t.span.is_empty());
    }
});
