//! The pipeline's bounds on one run: the number of worker threads, and how much of one
//! article's text the analysing stages read.

use readout::{max_threads, Output, Pipeline, PipelineConfig};
use readout_ingest::{IngestError, Input};
use readout_model::Article;

#[test]
fn thread_count_is_capped_at_four_per_core() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    assert_eq!(max_threads(), 4 * cores);
    let config = PipelineConfig {
        threads: 100_000,
        ..PipelineConfig::default()
    };
    let pipeline = Pipeline::new(config).expect("a pipeline");
    assert_eq!(pipeline.threads(), max_threads());
    let one = Pipeline::new(PipelineConfig {
        threads: 1,
        ..PipelineConfig::default()
    })
    .expect("a pipeline");
    assert_eq!(one.threads(), 1);
}

const PARAGRAPH: &str =
    "The minister met the union in Oslo on Monday. \"We will reopen the port,\" she said.";

#[test]
fn stages_read_at_most_max_analysed_bytes_and_the_record_keeps_the_whole_text() {
    let text = vec![PARAGRAPH; 40].join("\n\n");
    let limit = 1000;
    let pipeline = Pipeline::new(PipelineConfig {
        threads: 1,
        max_analysed_bytes: limit,
        ..PipelineConfig::default()
    })
    .expect("a pipeline");
    let doc = pipeline.process(Article {
        text: text.clone(),
        ..Article::default()
    });
    assert_eq!(doc.article.text, text, "the whole text is kept");
    let last = doc.sentences.last().expect("sentences").span.end;
    assert!(last <= limit, "{last}");
    // The cut falls at a paragraph break: every whole paragraph before it is analysed.
    let paragraphs = limit / (PARAGRAPH.len() + 2);
    assert_eq!(doc.sentences.len(), 2 * paragraphs);
    assert_eq!(doc.quotes.len(), paragraphs);
    let record = doc.to_record(false);
    assert_eq!(record.text, text);

    // A run says so, naming where the article came from.
    let line = format!("{{\"text\": {}}}\n", serde_json::to_string(&text).unwrap());
    let input = Input::Memory {
        name: "long.jsonl".into(),
        bytes: [b"{\"text\": \"Short.\"}\n".as_slice(), line.as_bytes()].concat(),
    };
    let mut problems = Vec::new();
    let mut docs = 0;
    pipeline.run(
        vec![input],
        |d| d.sentences.len(),
        |out| match out {
            Output::Document(_) => docs += 1,
            Output::Problem(p) => problems.push(p),
        },
    );
    assert_eq!(docs, 2);
    assert_eq!(problems.len(), 1, "{problems:?}");
    let IngestError::Cut {
        at,
        bytes,
        analysed,
        ..
    } = &problems[0]
    else {
        panic!("{:?}", problems[0]);
    };
    assert_eq!((at.path.as_str(), at.line), ("long.jsonl", Some(2)));
    assert_eq!(*bytes, text.len());
    assert!(*analysed <= limit);
    let message = problems[0].to_string();
    assert!(
        message.starts_with("long.jsonl:2 (byte 19): the text is"),
        "{message}"
    );
}
