//! Every input parser of readout-ingest (text, JSONL, HTML, feeds, WARC, gzip, sniffing):
//! the first byte picks the format (or sniffing), the rest is the input. Nothing may
//! panic, and every article's text must be valid for its spans.
#![no_main]

use libfuzzer_sys::fuzz_target;
use readout_ingest::{Ingest, IngestConfig, Ingested, Input};
use readout_model::InputFormat;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let input_format = match selector % 6 {
        0 => None,
        1 => Some(InputFormat::Text),
        2 => Some(InputFormat::Jsonl),
        3 => Some(InputFormat::Html),
        4 => Some(InputFormat::Feed),
        _ => Some(InputFormat::Warc),
    };
    let config = IngestConfig {
        input_format,
        max_item_bytes: 1 << 20,
        ..IngestConfig::default()
    };
    let input = Input::Memory {
        name: "fuzz".to_string(),
        bytes: bytes.to_vec(),
    };
    for item in Ingest::new(vec![input], config) {
        if let Ingested::Article(article) = item {
            if let Some(map) = &article.source_map {
                for run in &map.runs {
                    assert!(run.text_start <= run.text_end && run.text_end <= article.text.len());
                }
            }
            let seg = readout_text::segment(&article.text);
            for s in &seg.sentences {
                assert!(article.text.get(s.span.start..s.span.end).is_some());
            }
        }
    }
});
