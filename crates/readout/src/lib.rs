//! The readout pipeline: the one crate that knows every stage.
//!
//! A [`PipelineConfig`] (plain data, read from TOML or JSON or built in code) is turned into
//! a [`Pipeline`], the runtime object. The pipeline reads articles from
//! [`readout_ingest::Ingest`], runs each through the stages — so far segmentation into
//! sentences and tokens — and hands out [`Document`]s in input order, processing batches of
//! articles in parallel so memory stays flat whatever the input size.
//!
//! [`load`] runs the pipeline into the store, grouping the articles into stories.
#![deny(missing_docs)]

pub mod load;

use readout_ingest::{Ingest, IngestConfig, IngestError, Ingested, Input};
use readout_model::record::{
    ArticleRecord, AttributionRecord, ClaimRecord, EntityRecord, EventActorRecord,
    EventMentionRecord, EventPlaceRecord, EventRecord, MentionRecord, PublishedRecord,
    PublishedSource, QuoteRecord, RelayRecord, SentenceRecord, SentenceTimeRecord, TextSpan,
    TimeRecord, TokenRecord, TopicRecord, RECORD_VERSION,
};
use readout_model::{
    ActorCode, Article, Entity, EntityId, EntityType, Event, EventActor, EventId, Published, Quote,
    QuoteId, Sentence, SentenceTime, Timex, TimexId, Token, TokenSyntax,
};
use serde::{Deserialize, Serialize};

/// What can go wrong when building a pipeline or loading a store.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// The store could not be locked, opened, read or written ([`load`]).
    #[error(transparent)]
    Store(#[from] readout_store::StoreError),
    /// A stage of a load stopped on a bug.
    #[error("{0} panicked")]
    Panicked(&'static str),
    /// The `published` setting is not a date readout understands.
    #[error("cannot understand the publication date {0:?} (use YYYY-MM-DD or RFC 3339)")]
    Published(String),
    /// The syntax model could not be read (`syntax_model`).
    #[error("syntax model {path}: {message}")]
    SyntaxModel {
        /// The model file, or `embedded`.
        path: String,
        /// Why it could not be read.
        message: String,
    },
    /// The thread pool could not be built.
    #[error("cannot start {threads} worker threads: {message}")]
    Threads {
        /// How many were asked for.
        threads: usize,
        /// Why it failed.
        message: String,
    },
}

/// The pipeline's settings. Unknown fields are rejected, so a typo in a configuration file
/// is an error rather than a silently ignored setting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct PipelineConfig {
    /// How inputs are read.
    pub ingest: IngestConfig,
    /// The publication date for articles whose input gives none (`--published`).
    pub published: Option<String>,
    /// Include every sentence's tokens in the record.
    pub tokens: bool,
    /// Worker threads; 0 means one per core. More than [`max_threads`] are not started.
    pub threads: usize,
    /// Articles processed together in one parallel batch; bounds memory.
    pub batch_size: usize,
    /// A batch also closes once its articles and pages hold this many bytes, so that memory
    /// stays bounded when items are large.
    pub batch_bytes: usize,
    /// Parse sentences: part-of-speech tags, lemmas and dependency trees
    /// (readout-syntax). The parse is made when something reads it: the record's tokens
    /// (`tokens`), and the stages built on it (none yet; issue 17 brings the events).
    pub syntax: bool,
    /// A syntax model file made by `readout train syntax`, used instead of the model
    /// compiled in.
    pub syntax_model: Option<std::path::PathBuf>,
    /// Find entities (names, roles, actor codes, linked mentions).
    pub entities: bool,
    /// Find quotations and reported speech (speakers are resolved only when `entities`
    /// is on as well).
    pub quotes: bool,
    /// Let the quotation stage read the parse (with `syntax` on): the sentences where the
    /// token rules leave a cue word are parsed, and their attributions are read from the
    /// tree. Off, quotations come from the token rules alone, about twice as fast for the
    /// whole pipeline and less complete (`docs/quotes.md`).
    pub quote_parse: bool,
    /// Find temporal expressions and give each sentence its time.
    pub times: bool,
    /// Code events (actors come from `entities`, attributions from `quotes`, dates from
    /// `times`; each that is off leaves its part of the events empty).
    pub events: bool,
    /// The most bytes of one article's text the analysing stages (sentences, entities,
    /// quotations, times, events) read; a longer text is analysed up to a paragraph or
    /// sentence break within this many bytes and kept whole in the record, with a warning.
    /// It bounds the time and memory one article costs (`docs/performance.md`).
    pub max_analysed_bytes: usize,
    /// Events whose confidence (0 to 1, from the parse's evidence) is below this are left
    /// out of the record; 0 keeps every event (`--all-events`). The default was chosen on
    /// the development half of the PLOVER gold standard (`docs/events.md`).
    pub min_event_confidence: f64,
    /// How `readout ingest` groups articles into stories.
    pub stories: readout_cluster::StoryConfig,
}

/// The default of [`PipelineConfig::min_event_confidence`].
pub const DEFAULT_MIN_EVENT_CONFIDENCE: f64 = 0.85;

/// Which analysing stages may run, for [`PipelineConfig::keep_only`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Stages {
    /// Parses.
    pub syntax: bool,
    /// Entities.
    pub entities: bool,
    /// Quotations.
    pub quotes: bool,
    /// Temporal expressions.
    pub times: bool,
    /// Events.
    pub events: bool,
}

impl Stages {
    /// No analysing stage: sentences and tokens only, after the dateline rule.
    pub const NONE: Stages = Stages {
        syntax: false,
        entities: false,
        quotes: false,
        times: false,
        events: false,
    };
    /// Every stage.
    pub const ALL: Stages = Stages {
        syntax: true,
        entities: true,
        quotes: true,
        times: true,
        events: true,
    };
}

impl PipelineConfig {
    /// This configuration with every stage that `stages` leaves out switched off; a stage
    /// it switches off already stays off. Evaluations, stage benchmarks and test harnesses
    /// use it to run the pipeline users run without the stages their output cannot depend
    /// on.
    pub fn keep_only(mut self, stages: Stages) -> PipelineConfig {
        self.syntax &= stages.syntax;
        self.entities &= stages.entities;
        self.quotes &= stages.quotes;
        self.times &= stages.times;
        self.events &= stages.events;
        self
    }
}

/// The most worker threads a pipeline starts: four per core. The work is CPU-bound, so
/// more threads than cores only add memory (one batch item in flight each) and start-up
/// time; a mistyped `--threads 100000` would otherwise try to map that many stacks.
pub fn max_threads() -> usize {
    4 * std::thread::available_parallelism().map_or(1, |n| n.get())
}

impl Default for PipelineConfig {
    fn default() -> Self {
        PipelineConfig {
            ingest: IngestConfig::default(),
            published: None,
            tokens: false,
            threads: 0,
            batch_size: 256,
            batch_bytes: 64 * 1024 * 1024,
            max_analysed_bytes: MAX_ANALYSED_BYTES,
            syntax: true,
            syntax_model: None,
            entities: true,
            quotes: true,
            quote_parse: true,
            times: true,
            events: true,
            min_event_confidence: DEFAULT_MIN_EVENT_CONFIDENCE,
            stories: readout_cluster::StoryConfig::default(),
        }
    }
}

/// The default of [`PipelineConfig::max_analysed_bytes`]: 1 MiB, over thirty times the
/// longest article of the shared corpora (28 KB), and about half a second of the stages'
/// time; `docs/performance.md` gives the measurements.
pub const MAX_ANALYSED_BYTES: usize = 1024 * 1024;

/// One processed article: the article and what the stages found in it.
#[derive(Debug, Clone)]
pub struct Document {
    /// The article as ingested.
    pub article: Article,
    /// Where its publication date came from, when it has one.
    pub published_source: Option<PublishedSource>,
    /// Its sentences, in order.
    pub sentences: Vec<Sentence>,
    /// Its tokens, in order.
    pub tokens: Vec<Token>,
    /// The parse of each token (one per token, in order), or empty when it was not made
    /// (see [`PipelineConfig::syntax`]).
    pub syntax: Vec<TokenSyntax>,
    /// Its entities, in order of first mention.
    pub entities: Vec<Entity>,
    /// Its attributions, in text order of their content.
    pub quotes: Vec<Quote>,
    /// Its temporal expressions, in text order.
    pub times: Vec<Timex>,
    /// The time each sentence speaks of (one entry per sentence).
    pub sentence_times: Vec<Option<SentenceTime>>,
    /// Its events, one per real-world event, in text order of their first report.
    pub events: Vec<Event>,
    /// The events below [`PipelineConfig::min_event_confidence`], left out of the record
    /// but kept for the story grouping: their types and actors still say what the article
    /// is about, and the grouping was tuned with them (`docs/stories.md`).
    pub events_below: Vec<Event>,
}

/// What a run met, in input order: a processed article, as the caller's render function
/// made it, or a problem.
#[derive(Debug)]
pub enum Output<T> {
    /// A processed and rendered article.
    Document(T),
    /// A problem reading the input.
    Problem(IngestError),
}

/// Counts of one run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct RunStats {
    /// Articles processed.
    pub articles: u64,
    /// Bytes of article text processed.
    pub text_bytes: u64,
    /// Problems that skipped input.
    pub errors: u64,
    /// Problems that only degraded input.
    pub warnings: u64,
}

/// The runtime pipeline built from a [`PipelineConfig`].
pub struct Pipeline {
    config: PipelineConfig,
    published: Option<Published>,
    pool: rayon::ThreadPool,
    syntax: Option<SyntaxModel>,
    /// Codes learnt for persons from other articles (a store's actor registry), given to a
    /// person an article names without a country, before the events are coded.
    known_persons: std::sync::RwLock<Option<std::sync::Arc<KnownPersons>>>,
}

/// Persons' codes learnt from other articles: by full name (lower case, full stops
/// dropped, one space between words) and, for a name of one word, by surname.
#[derive(Debug, Clone, Default)]
pub struct KnownPersons {
    /// By full name of two words or more.
    pub by_name: rustc_hash::FxHashMap<String, ActorCode>,
    /// By surname, for an article that names the person by it alone.
    pub by_surname: rustc_hash::FxHashMap<String, ActorCode>,
}

impl KnownPersons {
    /// The code known for a person's name, if any.
    pub fn code_of(&self, name: &str) -> Option<&ActorCode> {
        if name.split_whitespace().count() > 1 {
            self.by_name.get(&readout_store::name_key(name))
        } else {
            readout_cluster::person_identity(name).and_then(|p| self.by_surname.get(&p))
        }
    }
}

/// The syntax model a pipeline parses with: the one compiled in, loaded once per process,
/// or one read from a file.
enum SyntaxModel {
    Embedded(&'static readout_syntax::Analyzer),
    File(Box<readout_syntax::Analyzer>),
}

impl SyntaxModel {
    fn analyzer(&self) -> &readout_syntax::Analyzer {
        match self {
            SyntaxModel::Embedded(a) => a,
            SyntaxModel::File(a) => a,
        }
    }
}

impl Pipeline {
    /// Builds the pipeline, checking the configuration.
    pub fn new(config: PipelineConfig) -> Result<Self, PipelineError> {
        let published = match &config.published {
            None => None,
            Some(value) => Some(
                readout_ingest::parse_published(value)
                    .ok_or_else(|| PipelineError::Published(value.clone()))?,
            ),
        };
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(config.threads.min(max_threads()))
            .thread_name(|i| format!("readout-{i}"))
            .build()
            .map_err(|e| PipelineError::Threads {
                threads: config.threads,
                message: e.to_string(),
            })?;
        let syntax = if !config.syntax {
            None
        } else if let Some(path) = &config.syntax_model {
            let failed = |message: String| PipelineError::SyntaxModel {
                path: path.display().to_string(),
                message,
            };
            let bytes = std::fs::read(path).map_err(|e| failed(e.to_string()))?;
            let analyzer =
                readout_syntax::Analyzer::from_bytes(&bytes).map_err(|e| failed(e.to_string()))?;
            Some(SyntaxModel::File(Box::new(analyzer)))
        } else {
            let analyzer =
                readout_syntax::Analyzer::embedded().map_err(|e| PipelineError::SyntaxModel {
                    path: "embedded".into(),
                    message: e.to_string(),
                })?;
            Some(SyntaxModel::Embedded(analyzer))
        };
        Ok(Pipeline {
            config,
            published,
            pool,
            syntax,
            known_persons: std::sync::RwLock::new(None),
        })
    }

    /// How many worker threads the pipeline runs.
    pub fn threads(&self) -> usize {
        self.pool.current_num_threads()
    }

    /// Gives the pipeline the codes learnt for persons from other articles (a store's actor
    /// registry, `readout::load` does it): a person an article names without a country
    /// takes its code before the events are coded, so that "Soto condemned Peru" is coded
    /// with Soto's country when earlier articles gave it.
    pub fn know_persons(&self, known: KnownPersons) {
        let known = (!known.by_name.is_empty() || !known.by_surname.is_empty())
            .then(|| std::sync::Arc::new(known));
        if let Ok(mut slot) = self.known_persons.write() {
            *slot = known;
        }
    }

    /// The configuration the pipeline was built from.
    pub fn config(&self) -> &PipelineConfig {
        &self.config
    }

    /// The parse of one sentence given as words, by the pipeline's syntax model; `None`
    /// when the configuration switches syntax off. `readout eval syntax` uses it to parse
    /// gold-tokenised sentences with the model users run.
    pub fn parse_words(&self, words: &[&str]) -> Option<readout_syntax::Analysis> {
        self.syntax.as_ref().map(|m| m.analyzer().analyse(words))
    }

    /// The syntax model, when one is configured.
    fn parser(&self) -> Option<&readout_syntax::Analyzer> {
        self.syntax.as_ref().map(SyntaxModel::analyzer)
    }

    /// Runs every stage on one article. Pure: the same article gives the same document.
    /// The first stage is ingestion's [`readout_ingest::finish`] (dateline, language, id),
    /// which is idempotent, so an article finished already is not changed by it.
    pub fn process(&self, mut article: Article) -> Document {
        readout_ingest::finish(&mut article, &self.config.ingest);
        let published_source = match (&article.published, self.published) {
            (Some(_), _) if article.published_is_crawl_date => Some(PublishedSource::Crawl),
            (Some(_), _) => Some(PublishedSource::Input),
            (None, Some(p)) => {
                article.published = Some(p);
                Some(PublishedSource::Option)
            }
            (None, None) => None,
        };
        // The stages read at most `max_analysed_bytes`; every span they give lies in that
        // prefix and so in the whole text, which the record keeps.
        let analysed = readout_ingest::analysed_len(&article.text, self.config.max_analysed_bytes);
        let text = &article.text[..analysed];
        let seg = readout_text::segment(text);
        let mut entities = if self.config.entities {
            readout_entities::Recognizer::embedded().entities_on(
                text,
                &seg.tokens,
                &seg.sentences,
                article.published.map(|p| p.date),
            )
        } else {
            Vec::new()
        };
        let known = self.known_persons.read().ok().and_then(|k| k.clone());
        if let Some(known) = known {
            for e in entities.iter_mut().filter(|e| e.kind == EntityType::Per) {
                if e.code.as_ref().is_some_and(|c| c.country.is_some()) {
                    continue;
                }
                let Some(code) = e.name.slice(text).and_then(|n| known.code_of(n)) else {
                    continue;
                };
                let sector = e
                    .code
                    .as_ref()
                    .and_then(|c| c.sector.clone())
                    .or_else(|| code.sector.clone());
                e.code = Some(ActorCode {
                    country: code.country.clone(),
                    sector,
                });
            }
        }
        // The quotation stage reads the parse of the sentences that hold a cue word; the
        // record's tokens want every sentence parsed.
        let mut syntax = match self.parser() {
            Some(parser) if self.config.tokens => {
                parser.analyse_document(text, &seg.tokens, &seg.sentences)
            }
            Some(parser) if self.config.quotes && self.config.quote_parse => {
                let wanted = readout_quotes::sentences_to_parse(
                    text,
                    &seg.tokens,
                    &seg.sentences,
                    &entities,
                );
                parser.analyse_sentences(text, &seg.tokens, &seg.sentences, |i| wanted[i])
            }
            _ => Vec::new(),
        };
        let quotes = if self.config.quotes {
            readout_quotes::quotes(
                text,
                article.title.as_deref(),
                &seg.tokens,
                &seg.sentences,
                &entities,
                &syntax,
            )
        } else {
            Vec::new()
        };
        // A web archive's capture date is no publication date: relative expressions
        // stay unresolved rather than be resolved against the wrong day.
        let anchor = match published_source {
            Some(PublishedSource::Crawl) | None => None,
            Some(_) => article.published.map(|p| p.date),
        };
        let (times, sentence_times) = if self.config.times {
            let times = readout_time::times(text, &seg.sentences, anchor);
            let per_sentence = readout_time::sentence_times(&times, &seg.sentences, anchor);
            (times, per_sentence)
        } else {
            (Vec::new(), vec![None; seg.sentences.len()])
        };
        // The parse is made where something reads it: every sentence when the record
        // shows tokens, else the sentences the event coder reports in, whose reports it
        // rates (parsing is most of the pipeline's cost per article).
        let (syntax, events, events_below) = {
            let published = anchor.map(readout_model::TimeValue::date);
            let inputs = readout_events::Inputs {
                text,
                published: published.as_ref(),
                tokens: &seg.tokens,
                sentences: &seg.sentences,
                entities: &entities,
                quotes: &quotes,
                times: &times,
                sentence_times: &sentence_times,
                syntax: &[],
            };
            // Without a parser no report can be rated, so none is left out.
            let min = match self.parser() {
                Some(_) => self.config.min_event_confidence,
                None => 0.0,
            };
            let mut reports = if self.config.events {
                readout_events::code(&inputs)
            } else {
                Vec::new()
            };
            match self.parser() {
                Some(_) if self.config.tokens => {}
                Some(parser) if self.config.events => {
                    // Only sentences where a report could reach the threshold: parsing
                    // the others would change no event the record keeps.
                    let mut wanted = vec![false; seg.sentences.len()];
                    for r in &reports {
                        let could = readout_events::best_possible(r).value() >= min;
                        if let Some(w) = wanted.get_mut(r.sentence) {
                            *w |= could;
                        }
                    }
                    // A contact told by a noun ("had a phone conversation with ...") has
                    // no verb report to ask for the parse.
                    for (i, s) in seg.sentences.iter().enumerate() {
                        if !wanted[i] {
                            let words = seg.tokens[s.tokens.clone()]
                                .iter()
                                .filter_map(|t| t.span.slice(text));
                            wanted[i] = readout_events::may_hold_contact(words);
                        }
                    }
                    // Sentences the quotation stage had parsed are kept as they are, and
                    // when it parsed them all no second parse (and no second copy of the
                    // tokens' syntax) is made.
                    let done = parsed_sentences(&syntax, &seg.sentences);
                    let more_wanted =
                        |i: usize| wanted[i] && !done.get(i).copied().unwrap_or(false);
                    if syntax.is_empty() || (0..wanted.len()).any(more_wanted) {
                        parser.analyse_more_sentences(
                            text,
                            &seg.tokens,
                            &seg.sentences,
                            more_wanted,
                            &mut syntax,
                        );
                    }
                }
                _ => {}
            }
            let parsed = readout_events::Inputs {
                syntax: &syntax,
                ..inputs
            };
            readout_events::rate(&mut reports, &parsed);
            readout_events::add_contacts(&parsed, &mut reports);
            let (events, events_below) = readout_events::merge(reports)
                .into_iter()
                .partition(|e| e.confidence.value() >= min);
            (syntax, events, events_below)
        };
        Document {
            article,
            published_source,
            sentences: seg.sentences,
            tokens: seg.tokens,
            syntax,
            entities,
            quotes,
            times,
            sentence_times,
            events,
            events_below,
        }
    }

    /// The warning for an article whose text is longer than the stages read, naming where
    /// the article came from.
    fn cut_warning(&self, article: &Article) -> Option<IngestError> {
        let limit = self.config.max_analysed_bytes;
        let bytes = article.text.len();
        (bytes > limit).then(|| IngestError::Cut {
            at: readout_ingest::Location {
                path: article.origin.path.clone(),
                line: article.origin.line,
                offset: article.origin.byte_offset,
            },
            bytes,
            limit,
            analysed: readout_ingest::analysed_len(&article.text, limit),
        })
    }

    /// Reads `inputs`, processes every article and renders it with `render` (both on the
    /// pipeline's threads, a batch at a time), and calls `sink` with every rendered article
    /// and every problem, in input order.
    pub fn run<T: Send>(
        &self,
        inputs: Vec<Input>,
        render: impl Fn(Document) -> T + Sync,
        mut sink: impl FnMut(Output<T>),
    ) -> RunStats {
        let mut stats = RunStats::default();
        let mut ingest = Ingest::new(inputs, self.config.ingest.clone()).deferred();
        let batch_size = self.config.batch_size.max(1);
        loop {
            let mut batch: Vec<Ingested> = Vec::with_capacity(batch_size);
            let mut articles = 0;
            let mut bytes = 0;
            for item in ingest.by_ref() {
                match &item {
                    Ingested::Article(a) => bytes += a.text.len(),
                    Ingested::Page(p) => bytes += p.raw.len(),
                    Ingested::Problem(_) => {}
                }
                if !matches!(item, Ingested::Problem(_)) {
                    articles += 1;
                }
                batch.push(item);
                if articles >= batch_size || bytes >= self.config.batch_bytes {
                    break;
                }
            }
            if batch.is_empty() {
                return stats;
            }
            let handle = |item: Ingested| -> Vec<(u64, Output<T>)> {
                match item {
                    Ingested::Article(a) => {
                        let doc = self.process(*a);
                        let cut = self.cut_warning(&doc.article);
                        let bytes = doc.article.text.len() as u64;
                        let out = (bytes, Output::Document(render(doc)));
                        cut.map(|p| (0, Output::Problem(p)))
                            .into_iter()
                            .chain([out])
                            .collect()
                    }
                    Ingested::Problem(p) => vec![(0, Output::Problem(p))],
                    // Pages were extracted just before; they cannot come back as pages.
                    Ingested::Page(_) => unreachable!("an extracted page yields no page"),
                }
            };
            let outputs: Vec<(u64, Output<T>)> = self.pool.install(|| {
                use rayon::prelude::*;
                batch
                    .into_par_iter()
                    .flat_map_iter(|item| match item {
                        Ingested::Page(page) => {
                            page.extract().into_iter().flat_map(handle).collect()
                        }
                        other => handle(other),
                    })
                    .collect()
            });
            for (text_bytes, output) in outputs {
                match &output {
                    Output::Document(_) => {
                        stats.articles += 1;
                        stats.text_bytes += text_bytes;
                    }
                    Output::Problem(p) => match p.severity() {
                        readout_ingest::Severity::Error => stats.errors += 1,
                        readout_ingest::Severity::Warning => stats.warnings += 1,
                    },
                }
                sink(output);
            }
        }
    }
}

/// A span of `within` (the article's text or title) as the record prints it.
fn text_span(within: &str, s: readout_model::Span) -> TextSpan {
    TextSpan {
        start: s.start,
        end: s.end,
        text: within.get(s.start..s.end).unwrap_or("").to_string(),
    }
}

/// The entities as the record prints them, with the text of every span.
fn entity_records(doc: &Document) -> Vec<EntityRecord> {
    let text = &doc.article.text;
    let span = |s| text_span(text, s);
    doc.entities
        .iter()
        .enumerate()
        .map(|(i, e)| EntityRecord {
            id: EntityId(i),
            name: span(e.name),
            kind: e.kind,
            code: e.code.clone(),
            roles: e.roles.iter().map(|r| span(*r)).collect(),
            mentions: e
                .mentions
                .iter()
                .map(|m| MentionRecord {
                    start: m.span.start,
                    end: m.span.end,
                    text: text.get(m.span.start..m.span.end).unwrap_or("").to_string(),
                    link: m.link,
                })
                .collect(),
        })
        .collect()
}

/// Which sentences of a parse have a root (were parsed).
fn parsed_sentences(
    syntax: &[readout_model::TokenSyntax],
    sentences: &[readout_model::Sentence],
) -> Vec<bool> {
    sentences
        .iter()
        .map(|s| {
            syntax
                .get(s.tokens.clone())
                .is_some_and(|t| t.iter().any(|t| t.deprel == readout_model::DepRel::Root))
        })
        .collect()
}

/// The quotations as the record prints them.
fn quote_records(doc: &Document) -> Vec<QuoteRecord> {
    let text = &doc.article.text;
    let title = doc.article.title.as_deref().unwrap_or("");
    let span = |s| text_span(text, s);
    doc.quotes
        .iter()
        .enumerate()
        .map(|(i, q)| QuoteRecord {
            id: QuoteId(i),
            kind: q.kind,
            content: text_span(if q.in_title { title } else { text }, q.content),
            in_title: q.in_title,
            source: q.source.map(span),
            speaker: q.speaker,
            speaker_name: q
                .speaker
                .and_then(|e| doc.entities.get(e.index()))
                .map(|e| span(e.name).text),
            cue: q.cue.map(span),
            cue_kind: q.cue_kind,
            continues: q.continues.map(QuoteId),
            relays: q
                .relays
                .iter()
                .map(|r| RelayRecord {
                    kind: r.kind,
                    span: span(r.span),
                })
                .collect(),
        })
        .collect()
}

/// The temporal expressions as the record prints them.
fn time_records(doc: &Document) -> Vec<TimeRecord> {
    let text = &doc.article.text;
    doc.times
        .iter()
        .enumerate()
        .map(|(i, t)| TimeRecord {
            id: TimexId(i),
            kind: t.kind,
            value: t.value.clone(),
            modifier: t.modifier,
            anchored: t.anchored,
            utc_offset: t.utc_offset_minutes.map(|m| offset_text(m * 60)),
            span: text_span(text, t.span),
        })
        .collect()
}

/// A sentence time as the record prints it.
fn sentence_time_record(t: &SentenceTime) -> SentenceTimeRecord {
    SentenceTimeRecord {
        value: t.value.clone(),
        basis: t.basis,
        timex: t.timex,
    }
}

/// The events as the record prints them.
fn event_records(doc: &Document) -> Vec<EventRecord> {
    let text = &doc.article.text;
    let span = |s| text_span(text, s);
    let actors = |list: &[EventActor]| -> Vec<EventActorRecord> {
        list.iter()
            .map(|a| EventActorRecord {
                entity: a.entity,
                code: a.code.clone(),
                sector: a.sector.clone(),
                span: span(a.span),
            })
            .collect()
    };
    doc.events
        .iter()
        .enumerate()
        .map(|(i, e)| EventRecord {
            id: EventId(i),
            kind: e.plover,
            mode: e.mode,
            cameo: e.cameo,
            confidence: Some(e.confidence),
            source: actors(&e.source),
            target: actors(&e.target),
            negated: e.negated,
            modality: e.modality,
            date: e.date.as_ref().map(sentence_time_record),
            duration: e.duration,
            location: e.location.as_ref().map(|p| EventPlaceRecord {
                entity: p.entity,
                code: p.code.clone(),
                span: span(p.span),
            }),
            topics: e
                .topics
                .iter()
                .map(|t| TopicRecord {
                    negated: t.negated,
                    span: span(t.span),
                })
                .collect(),
            reported_by: e.reported_by.map(|r| AttributionRecord {
                quote: r.quote,
                source: r.span.map(span),
                speaker: r.entity,
            }),
            claims: e
                .claims
                .iter()
                .map(|c| ClaimRecord {
                    ordinal: c.ordinal,
                    span: span(c.span),
                })
                .collect(),
            mentions: e
                .mentions
                .iter()
                .map(|m| EventMentionRecord {
                    sentence: m.sentence,
                    negated: m.negated,
                    trigger: span(m.trigger),
                })
                .collect(),
        })
        .collect()
}

impl Document {
    /// Every coded event, kept or below the confidence threshold, in text order of its
    /// first report.
    fn story_events(&self) -> std::borrow::Cow<'_, [Event]> {
        if self.events_below.is_empty() {
            return std::borrow::Cow::Borrowed(&self.events);
        }
        let mut all: Vec<Event> = self
            .events
            .iter()
            .chain(&self.events_below)
            .cloned()
            .collect();
        all.sort_by_key(|e| e.trigger.start);
        std::borrow::Cow::Owned(all)
    }

    /// What the story grouping compares this document by: its content words (the
    /// headline's counted twice), entities' names, coded events, stated dates and
    /// publication date.
    pub fn story_features(&self) -> readout_cluster::Features {
        let text = &self.article.text;
        let published = self.article.published.as_ref().map(|p| p.date);
        readout_cluster::Features::of_article(
            text,
            &self.tokens,
            &self.entities,
            &self.story_events(),
            &self.times,
        )
        .with_title(self.article.title.as_deref())
        .published(published)
        .from_outlet(self.article.source.as_deref())
    }

    /// The published record of this document; tokens are included when `with_tokens`.
    pub fn to_record(&self, with_tokens: bool) -> ArticleRecord {
        let text = &self.article.text;
        let slice = |start: usize, end: usize| text.get(start..end).unwrap_or("").to_string();
        let sentences = self
            .sentences
            .iter()
            .enumerate()
            .map(|(i, s)| SentenceRecord {
                start: s.span.start,
                end: s.span.end,
                text: slice(s.span.start, s.span.end),
                paragraph: s.paragraph,
                time: self
                    .sentence_times
                    .get(i)
                    .and_then(|t| t.as_ref())
                    .map(sentence_time_record),
                tokens: with_tokens.then(|| {
                    self.tokens[s.tokens.clone()]
                        .iter()
                        .enumerate()
                        .map(|(k, t)| {
                            let parse = self.syntax.get(s.tokens.start + k);
                            TokenRecord {
                                start: t.span.start,
                                end: t.span.end,
                                text: slice(t.span.start, t.span.end),
                                kind: t.kind,
                                upos: parse.map(|p| p.upos),
                                xpos: parse.map(|p| p.xpos),
                                lemma: parse.map(|p| p.lemma.clone()),
                                // In the record a head is a position in the sentence's
                                // token list, which a reader of the JSON has at hand.
                                head: parse.and_then(|p| p.head).map(|h| h - s.tokens.start),
                                deprel: parse.map(|p| p.deprel),
                            }
                        })
                        .collect()
                }),
            })
            .collect();
        let a = &self.article;
        ArticleRecord {
            record: RECORD_VERSION.to_string(),
            id: a.id.clone(),
            external_id: a.external_id.clone(),
            source: a.source.clone(),
            url: a.url.clone(),
            title: a.title.clone(),
            byline: a.byline.clone(),
            published: a
                .published
                .map(|p| published_record(&p, self.published_source)),
            language: a.language.clone(),
            dateline: a.dateline.clone(),
            text: a.text.clone(),
            origin: a.origin.clone(),
            source_map: a.source_map.clone(),
            sentences,
            entities: entity_records(self),
            quotes: quote_records(self),
            times: time_records(self),
            events: event_records(self),
        }
    }
}

/// A UTC offset as ISO 8601 writes it: `+03:00`, `-05:00`.
fn offset_text(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let s = seconds.unsigned_abs();
    format!("{sign}{:02}:{:02}", s / 3600, (s % 3600) / 60)
}

fn published_record(p: &Published, source: Option<PublishedSource>) -> PublishedRecord {
    PublishedRecord {
        iso: p.iso(),
        date: p.date.format("%Y-%m-%d").to_string(),
        time: p.time.map(|t| t.format("%H:%M:%S").to_string()),
        utc_offset: p.utc_offset_seconds.map(offset_text),
        source: source.unwrap_or(PublishedSource::Input),
    }
}
