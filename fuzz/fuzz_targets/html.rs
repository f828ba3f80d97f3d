//! The HTML extractor on arbitrary bytes: no panic, and the source map stays inside the
//! page and the text.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(doc) = readout_html::extract(data, None) {
        for run in &doc.source_map.runs {
            assert!(run.text_end <= doc.text.len() && run.raw_end <= data.len());
        }
    }
    let _ = readout_html::fragment_text(data, None);
});
