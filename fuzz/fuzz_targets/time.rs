//! The temporal tagger on arbitrary text, with and without a publication date, in a pipeline
//! of segmentation and times only: no panic; expressions ordered, disjoint, on character
//! boundaries; values whenever there is a date.
#![no_main]

use std::sync::OnceLock;

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use readout::{Pipeline, PipelineConfig, Stages};
use readout_model::{Article, Published};

/// Built once from the pipeline's configuration, with the stages the tagger does not need
/// switched off.
fn pipeline() -> &'static Pipeline {
    static PIPELINE: OnceLock<Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        let config = PipelineConfig {
            threads: 1,
            ..PipelineConfig::default()
        };
        let times = Stages {
            times: true,
            ..Stages::NONE
        };
        Pipeline::new(config.keep_only(times)).expect("the configuration builds")
    })
}

fuzz_target!(|input: (u16, &str)| {
    let (days, text) = input;
    let anchor = NaiveDate::from_ymd_opt(1950, 1, 1)
        .and_then(|d| d.checked_add_signed(chrono::Duration::days(i64::from(days))));
    for published in [anchor, None] {
        let doc = pipeline().process(Article {
            text: text.to_string(),
            published: published.map(Published::date),
            ..Article::default()
        });
        let text = doc.article.text.as_str();
        let mut prev = 0;
        for t in &doc.times {
            assert!(t.span.start >= prev && t.span.start < t.span.end);
            assert!(text.get(t.span.start..t.span.end).is_some());
            assert!(published.is_none() || t.value.is_some());
            prev = t.span.end;
        }
        assert_eq!(doc.sentence_times.len(), doc.sentences.len());
    }
});
