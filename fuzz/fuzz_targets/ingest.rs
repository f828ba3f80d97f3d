//! Every input parser of readout-ingest (text, JSONL, HTML, feeds, WARC, gzip, sniffing),
//! read the way `readout extract` reads it, through the pipeline with segmentation as its
//! only stage: the first byte picks the format (or sniffing), the rest is the input.
//! Nothing may panic, and every article's text must be valid for its spans.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use readout::{Document, Pipeline, PipelineConfig, Stages};
use readout_ingest::{IngestConfig, Input};
use readout_model::InputFormat;

/// What the render step checks of each processed article.
fn check(doc: Document) {
    let article = &doc.article;
    if let Some(map) = &article.source_map {
        for run in &map.runs {
            assert!(run.text_start <= run.text_end && run.text_end <= article.text.len());
        }
    }
    for s in &doc.sentences {
        assert!(article.text.get(s.span.start..s.span.end).is_some());
    }
}

/// One pipeline per way of choosing the format, built once. The chain comes from the
/// pipeline's configuration; the stages after segmentation are off because this target is
/// about reading, and the events target covers them.
fn pipelines() -> &'static [Pipeline] {
    static PIPELINES: OnceLock<Vec<Pipeline>> = OnceLock::new();
    PIPELINES.get_or_init(|| {
        let formats = [
            None,
            Some(InputFormat::Text),
            Some(InputFormat::Jsonl),
            Some(InputFormat::Html),
            Some(InputFormat::Feed),
            Some(InputFormat::Warc),
        ];
        formats
            .into_iter()
            .map(|input_format| {
                let config = PipelineConfig {
                    ingest: IngestConfig {
                        input_format,
                        max_item_bytes: 1 << 20,
                        ..IngestConfig::default()
                    },
                    threads: 1,
                    ..PipelineConfig::default()
                };
                Pipeline::new(config.keep_only(Stages::NONE)).expect("the configuration builds")
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let pipeline = &pipelines()[usize::from(selector % 6)];
    let input = Input::Memory {
        name: "fuzz".to_string(),
        bytes: bytes.to_vec(),
    };
    pipeline.run(vec![input], check, |_| {});
});
