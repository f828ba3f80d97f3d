//! The pipeline users run, on a text for the tests: the coder sees what the earlier stages
//! give it in `readout extract`, not a chain of stages wired here.

use std::sync::OnceLock;

use readout_model::{Article, Entity, Event, Published, Quote, SentenceTime, Timex};

/// What the pipeline made of a text.
#[allow(dead_code)]
pub struct Coded {
    /// The text every span indexes: the text given, less a dateline the pipeline cut.
    pub text: String,
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub times: Vec<Timex>,
    pub sentences: Vec<readout_model::Sentence>,
    pub sentence_times: Vec<Option<SentenceTime>>,
    pub events: Vec<Event>,
}

/// The default pipeline (every stage on), built once for all the tests of a binary, keeping
/// every event whatever its confidence: the tables test what the coder codes; what the
/// confidence keeps by default is tested in `crates/readout-cli/tests` and measured by
/// `readout eval events`.
fn pipeline() -> &'static readout::Pipeline {
    static PIPELINE: OnceLock<readout::Pipeline> = OnceLock::new();
    PIPELINE.get_or_init(|| {
        let config = readout::PipelineConfig {
            threads: 1,
            min_event_confidence: 0.0,
            ..Default::default()
        };
        readout::Pipeline::new(config).expect("the default pipeline")
    })
}

/// Runs the text through the pipeline as an article published on `published`.
pub fn code(text: &str, published: Option<chrono::NaiveDate>) -> Coded {
    let doc = pipeline().process(Article {
        text: text.to_string(),
        published: published.map(Published::date),
        ..Article::default()
    });
    Coded {
        text: doc.article.text,
        entities: doc.entities,
        quotes: doc.quotes,
        times: doc.times,
        sentences: doc.sentences,
        sentence_times: doc.sentence_times,
        events: doc.events,
    }
}
