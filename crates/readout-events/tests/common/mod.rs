//! The stages the event coder reads, run on a text for the tests.

use readout_model::{Entity, Event, Quote, SentenceTime, Timex};

/// What the earlier stages and the coder made of a text.
#[allow(dead_code)]
pub struct Coded {
    pub entities: Vec<Entity>,
    pub quotes: Vec<Quote>,
    pub times: Vec<Timex>,
    pub sentences: Vec<readout_model::Sentence>,
    pub sentence_times: Vec<Option<SentenceTime>>,
    pub events: Vec<Event>,
}

/// Segments the text, finds entities, quotations and times, and codes the events.
pub fn code(text: &str, published: Option<chrono::NaiveDate>) -> Coded {
    let seg = readout_text::segment(text);
    let entities =
        readout_entities::Recognizer::embedded().entities(text, &seg.tokens, &seg.sentences);
    let quotes = readout_quotes::quotes(text, None, &seg.tokens, &seg.sentences, &entities);
    let times = readout_time::times(text, &seg.sentences, published);
    let sentence_times = readout_time::sentence_times(&times, &seg.sentences, published);
    let events = readout_events::events(&readout_events::Inputs {
        text,
        tokens: &seg.tokens,
        sentences: &seg.sentences,
        entities: &entities,
        quotes: &quotes,
        times: &times,
        sentence_times: &sentence_times,
    });
    Coded {
        entities,
        quotes,
        times,
        sentences: seg.sentences,
        sentence_times,
        events,
    }
}
