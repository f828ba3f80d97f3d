//! `readout eval`: scores readout, saved peer predictions, or any predictions file against
//! gold data, and writes `eval/REPORT.md`.

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{bail, Context, Result};
use clap::ValueEnum;
use readout::{Document, Output, Pipeline, PipelineConfig, Stages};
use readout_eval::{Dataset, Task, TaskReport};
use readout_ingest::Input;
use readout_model::{Article, MentionLink};

/// What `readout eval` scores.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EvalTask {
    /// Named entities (CoNLL-2003, CoNLL++).
    Ner,
    /// Quotations with source and cue (PolNeAR).
    Quotes,
    /// Time expressions and their values (TimeBank/AQUAINT TimeML).
    Times,
    /// Coded events (PLOVER gold standard, PETRARCH unit records).
    Events,
    /// Articles grouped into stories (ECB+).
    Stories,
    /// HTML to article text (the article-extraction benchmark).
    Html,
    /// Tags, lemmas and dependency trees over the gold words (UD English-EWT).
    Syntax,
    /// Every task on its default data sets.
    All,
}

/// Options of `readout eval`.
#[derive(clap::Args)]
pub struct EvalArgs {
    /// What to score.
    #[arg(value_enum)]
    task: EvalTask,
    /// The gold data: a native data set (file or folder) or a plain JSONL file; by default
    /// the task's data sets under the gold root.
    #[arg(long)]
    gold: Option<PathBuf>,
    /// Where the default data sets live.
    #[arg(long, default_value = "../shared/gold")]
    gold_root: PathBuf,
    /// Print one JSON object per task, data set and system instead of tables.
    #[arg(long)]
    json: bool,
    /// Score these predictions (the task's plain JSONL format) instead of running readout,
    /// so a peer system is scored by the very same code.
    #[arg(long)]
    predictions: Option<PathBuf>,
    /// Write each gold data set in the plain JSONL format into this folder, and stop.
    #[arg(long, value_name = "DIR")]
    write_gold: Option<PathBuf>,
    /// Also write readout's own predictions, in the task's plain JSONL format, into this
    /// folder (`TASK.DATASET.readout.jsonl`), to read its errors beside the gold.
    #[arg(long, value_name = "DIR")]
    save_predictions: Option<PathBuf>,
    /// Saved peer predictions (`NAME.jsonl` with `NAME.meta.json`) scored beside readout.
    #[arg(long, default_value = "bench/peers/out")]
    peers: PathBuf,
    /// With `all`: rewrite eval/REPORT.md.
    #[arg(long)]
    report: bool,
    /// The pipeline configuration (JSON, as `readout extract --config` reads it) whose
    /// pipeline is scored; by default the default one. Each task switches off only the
    /// stages its output cannot depend on.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// A story grouping configuration (JSON) for readout's system in `stories`, to try
    /// settings on a development half.
    #[arg(long, value_name = "FILE")]
    stories: Option<PathBuf>,
    /// The arrival orders `stories` groups the documents in, comma-separated: `data` for
    /// the data set's order, a number for a shuffle with that seed. With more than one,
    /// each system also gets a row for its worst order.
    #[arg(long, value_name = "ORDERS", default_value = "data,7,11", value_parser = parse_orders)]
    orders: Orders,
}

/// Arrival orders for `readout eval stories`: `None` is the data set's order, a number the
/// seed of a shuffle.
#[derive(Debug, Clone)]
pub struct Orders(Vec<Option<u64>>);

fn parse_orders(text: &str) -> Result<Orders, String> {
    let orders = text
        .split(',')
        .map(|o| match o.trim() {
            "data" => Ok(None),
            seed => seed
                .parse::<u64>()
                .map(Some)
                .map_err(|_| format!("{seed:?} is neither `data` nor a shuffle seed")),
        })
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Orders(orders))
}

/// What a peer run left beside its predictions: which task and data set it answers, who
/// the peer is, and how it was measured.
#[derive(serde::Deserialize)]
#[serde(deny_unknown_fields)]
struct PeerMeta {
    task: String,
    dataset: String,
    peer: String,
    command: String,
    /// Seconds the peer spent predicting (its own timing of the work alone).
    seconds: f64,
    #[serde(default)]
    threads: Option<usize>,
}

/// readout as a system under test: a gold document in (its text, date or page), the
/// prediction out.
type System<'a, T> = &'a dyn Fn(&<T as Task>::Doc) -> <T as Task>::Doc;

/// Everything one `readout eval` invocation produced.
#[derive(Default)]
struct Run {
    reports: Vec<TaskReport>,
    /// Peer commands, by system name, for the report.
    peer_commands: BTreeMap<String, String>,
    /// Every gold data set loaded: task, name, documents.
    loaded: Vec<(String, String, usize)>,
    /// What was not scored, and why.
    notes: Vec<String>,
    failures: usize,
}

/// Runs `readout eval`.
pub fn eval(args: EvalArgs) -> Result<ExitCode> {
    if args.report && args.task != EvalTask::All {
        bail!("--report rewrites the whole report, so it goes with `readout eval all`");
    }
    if args.task == EvalTask::All && (args.gold.is_some() || args.predictions.is_some()) {
        bail!("`readout eval all` uses every task's default data sets; give a task to use --gold or --predictions");
    }
    let started = Instant::now();
    let mut run = Run::default();
    let tasks = match args.task {
        EvalTask::All => vec![
            EvalTask::Ner,
            EvalTask::Quotes,
            EvalTask::Times,
            EvalTask::Events,
            EvalTask::Stories,
            EvalTask::Html,
            EvalTask::Syntax,
        ],
        t => vec![t],
    };
    let base = crate::pipeline_config(args.config.as_ref(), None, 1)?;
    // Syntax stays on for every task: the pipeline parses only when a stage reads the
    // parse, so it costs nothing where none does, and a stage that comes to read it is
    // measured with it.
    let all = Stages::ALL;
    for task in tasks {
        match task {
            EvalTask::Ner => {
                let needs = Stages {
                    syntax: true,
                    entities: true,
                    ..Stages::NONE
                };
                let system = ner_system(pipeline_for(&base, needs)?);
                run_task::<readout_eval::Ner>(&args, &mut run, &[("readout", &system)]);
                if args.gold.is_none() && args.predictions.is_none() {
                    titled_headlines(&args, &mut run, &system);
                }
            }
            EvalTask::Quotes => {
                let needs = Stages {
                    syntax: true,
                    entities: true,
                    quotes: true,
                    ..Stages::NONE
                };
                let system = quotes_system(pipeline_for(&base, needs)?);
                run_task::<readout_eval::Quotes>(&args, &mut run, &[("readout", &system)])
            }
            EvalTask::Times => {
                let needs = Stages {
                    syntax: true,
                    times: true,
                    ..Stages::NONE
                };
                let system = times_system(pipeline_for(&base, needs)?);
                run_task::<readout_eval::Times>(&args, &mut run, &[("readout", &system)])
            }
            EvalTask::Events => {
                let system = events_system(pipeline_for(&base, all)?);
                run_task::<readout_eval::Events>(&args, &mut run, &[("readout", &system)])
            }
            EvalTask::Stories => {
                let config = match &args.stories {
                    Some(path) => {
                        let text = std::fs::read_to_string(path)
                            .with_context(|| format!("reading {}", path.display()))?;
                        serde_json::from_str(&text)
                            .with_context(|| format!("{}: invalid configuration", path.display()))?
                    }
                    None => base.stories,
                };
                let pipeline = pipeline_for(&base, all)?;
                run_task_with::<readout_eval::Stories>(&args, &mut run, &mut |args, run, d| {
                    score_stories(args, run, &pipeline, config, d)
                })
            }
            EvalTask::Html => {
                let mut html = base.clone();
                html.ingest.input_format = Some(readout_model::InputFormat::Html);
                let system = html_system(pipeline_for(&html, Stages::NONE)?);
                run_task::<readout_eval::Html>(&args, &mut run, &[("readout", &system)])
            }
            EvalTask::Syntax => {
                let needs = Stages {
                    syntax: true,
                    ..Stages::NONE
                };
                let system = syntax_system(pipeline_for(&base, needs)?);
                run_task::<readout_eval::Syntax>(&args, &mut run, &[("readout", &system)])
            }
            EvalTask::All => unreachable!("expanded above"),
        }
    }
    // Notes are printed before `--write-gold` stops, so that gold it could not read or
    // found absent is named there too.
    for note in &run.notes {
        eprintln!("readout: {note}");
    }
    if args.write_gold.is_some() {
        return Ok(exit_code(&run));
    }
    if args.json {
        for r in &run.reports {
            println!("{}", r.to_json());
        }
    } else {
        print!("{}", tables(&run.reports, false));
    }
    let seconds = started.elapsed().as_secs_f64();
    if args.task == EvalTask::All {
        eprintln!("readout: eval all took {seconds:.1} s");
    }
    if args.report {
        let path = Path::new("eval/REPORT.md");
        let text = report_markdown(&args, &run, seconds)?;
        std::fs::create_dir_all("eval").context("creating eval/")?;
        std::fs::write(path, text).with_context(|| format!("writing {}", path.display()))?;
        eprintln!("readout: wrote {}", path.display());
    }
    Ok(exit_code(&run))
}

fn exit_code(run: &Run) -> ExitCode {
    if run.failures > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// readout as its users run it: a pipeline built from the configuration (`--config`, else
/// the default), with the stages the task cannot depend on switched off, which changes
/// nothing in its output (a test compares it with `readout extract`) and saves the time. A
/// stage the configuration switches off stays off.
fn pipeline_for(base: &PipelineConfig, needs: Stages) -> Result<Pipeline> {
    let mut config = base.clone().keep_only(needs);
    // Documents are processed one at a time on the calling thread; the pool stays idle.
    config.threads = 1;
    Ok(Pipeline::new(config)?)
}

/// Runs a gold document's text through the pipeline as an article with that text,
/// headline and publication date. Returns the document and how many bytes the pipeline's
/// dateline rule cut from the front of the text: the pipeline's spans index the text after
/// the cut, the gold's the text before it.
fn process_text(
    pipeline: &Pipeline,
    text: &str,
    title: Option<&str>,
    published: Option<&str>,
) -> (Document, usize) {
    let article = Article {
        text: text.to_string(),
        title: title.map(str::to_string),
        published: published.and_then(readout_ingest::parse_published),
        ..Article::default()
    };
    let doc = pipeline.process(article);
    let cut = text.len().saturating_sub(doc.article.text.len());
    (doc, cut)
}

/// readout's entities as an eval system: every name mention of every entity the pipeline
/// finds (partial names included; pronouns and role nominals are not names), with its
/// entity's type.
fn ner_system(
    pipeline: Pipeline,
) -> impl Fn(&readout_eval::ner::NerDoc) -> readout_eval::ner::NerDoc {
    move |doc| {
        let (found, cut) = process_text(&pipeline, &doc.text, None, doc.published.as_deref());
        let mut entities: Vec<readout_eval::ner::Entity> = found
            .entities
            .iter()
            .flat_map(|e| {
                e.mentions
                    .iter()
                    .filter(|m| matches!(m.link, MentionLink::Name | MentionLink::PartialName))
                    .map(move |m| readout_eval::ner::Entity {
                        start: m.span.start + cut,
                        end: m.span.end + cut,
                        kind: e.kind.as_str().to_string(),
                    })
            })
            .collect();
        entities.sort_by_key(|e| (e.start, e.end));
        readout_eval::ner::NerDoc {
            id: doc.id.clone(),
            text: String::new(),
            published: None,
            entities,
        }
    }
}

/// Scores the tagger on title-case headlines made from the development set: each
/// document of `eng.testa` gets its first sentence again, in title case, as a headline
/// ([`readout_entities::train::with_titled_headline`]), and only the headline's entities
/// are scored, the rest of the document being there as context. CoNLL-2003 has no such
/// headlines; this measures whether capitals alone make names.
fn titled_headlines(
    args: &EvalArgs,
    run: &mut Run,
    system: &dyn Fn(&readout_eval::ner::NerDoc) -> readout_eval::ner::NerDoc,
) {
    let path = args.gold_root.join("conll2003/eng.testa");
    let Ok(datasets) = readout_eval::ner::load(&path) else {
        run.notes.push(format!(
            "skipped ner (title-case headlines): no gold data at {}",
            path.display()
        ));
        return;
    };
    let mut lengths = std::collections::HashMap::new();
    let mut documents = Vec::new();
    for doc in datasets.into_iter().flat_map(|d| d.documents) {
        let entities = doc
            .entities
            .iter()
            .filter_map(|e| {
                Some((
                    e.start,
                    e.end,
                    readout_entities::EntityType::parse(&e.kind)?,
                ))
            })
            .collect();
        let train = readout_entities::train::TrainDoc {
            text: doc.text.clone(),
            entities,
        };
        let Some((titled, len)) = readout_entities::train::with_titled_headline(&train) else {
            continue;
        };
        lengths.insert(doc.id.clone(), len);
        documents.push(readout_eval::ner::NerDoc {
            id: doc.id,
            text: titled.text,
            published: None,
            entities: titled
                .entities
                .iter()
                .filter(|e| e.1 <= len)
                .map(|&(start, end, kind)| readout_eval::ner::Entity {
                    start,
                    end,
                    kind: kind.as_str().to_string(),
                })
                .collect(),
        });
    }
    let dataset = Dataset {
        name: "conll2003/eng.testa (title-case headlines)".to_string(),
        documents,
        problems: Vec::new(),
    };
    let headline_only = |doc: &readout_eval::ner::NerDoc| {
        let mut found = system(doc);
        let len = lengths.get(&doc.id).copied().unwrap_or(0);
        found.entities.retain(|e| e.end <= len);
        found
    };
    score_dataset::<readout_eval::Ner>(args, run, &[("readout", &headline_only)], &dataset);
}

/// readout's quotations as an eval system; a source resolved to an entity is judged by all
/// of the entity's mentions.
fn quotes_system(
    pipeline: Pipeline,
) -> impl Fn(&readout_eval::quotes::QuoteDoc) -> readout_eval::quotes::QuoteDoc {
    move |doc| {
        let (found, cut) = process_text(&pipeline, &doc.text, None, doc.published.as_deref());
        let pair = |s: readout_model::Span| [s.start + cut, s.end + cut];
        // PolNeAR annotates a split quotation ('"A," she said. "B."') as one attribution
        // with a discontinuous content, which the gold loader turns into its hull; readout
        // gives each part as a quotation continuing the one before. A chain of parts is
        // scored as one attribution whose content runs from its first part to its last.
        let mut last_part: Vec<usize> = (0..found.quotes.len()).collect();
        for (i, q) in found.quotes.iter().enumerate().rev() {
            if let Some(c) = q.continues.filter(|&c| c < i) {
                last_part[c] = last_part[i];
            }
        }
        readout_eval::quotes::QuoteDoc {
            id: doc.id.clone(),
            text: String::new(),
            published: None,
            quotes: found
                .quotes
                .iter()
                .enumerate()
                // Quotations in a headline have no span in the body the gold annotates,
                // and later parts of a split quotation are scored with its first.
                .filter(|(_, q)| !q.in_title && q.continues.is_none())
                .map(|(i, q)| readout_eval::quotes::Quote {
                    content: pair(readout_model::Span::new(
                        q.content.start,
                        found.quotes[last_part[i]].content.end.max(q.content.end),
                    )),
                    source: q.source.map(pair),
                    cue: q.cue.map(pair),
                    source_mentions: q
                        .speaker
                        .and_then(|e| found.entities.get(e.index()))
                        .map(|e| e.mentions.iter().map(|m| pair(m.span)).collect())
                        .unwrap_or_default(),
                })
                .collect(),
        }
    }
}

/// readout's temporal expressions as an eval system, normalised against the document's
/// creation time.
fn times_system(
    pipeline: Pipeline,
) -> impl Fn(&readout_eval::times::TimesDoc) -> readout_eval::times::TimesDoc {
    move |doc| {
        let (found, cut) = process_text(&pipeline, &doc.text, None, doc.published.as_deref());
        readout_eval::times::TimesDoc {
            id: doc.id.clone(),
            text: String::new(),
            published: None,
            timexes: found
                .times
                .iter()
                .map(|t| readout_eval::times::Timex {
                    start: t.span.start + cut,
                    end: t.span.end + cut,
                    kind: t.kind.as_str().to_string(),
                    value: t
                        .value
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                })
                .collect(),
        }
    }
}

/// readout's events as an eval system, with every stage before them on: an actor's code is
/// its country, or its sector for actors that have no country (IGO). Every event is given
/// in the categories and mode names of the PLOVER gold standard
/// (`readout_events::gsr_type`, `gsr_mode`), or in CAMEO codes when the gold set is coded in
/// CAMEO.
fn events_system(
    pipeline: Pipeline,
) -> impl Fn(&readout_eval::events::EventsDoc) -> readout_eval::events::EventsDoc {
    move |doc| {
        let (found, _) = process_text(&pipeline, &doc.text, None, doc.published.as_deref());
        let text = &found.article.text;
        let cameo = doc.ontology.as_deref() == Some("cameo");
        let actors = |list: &[readout_model::EventActor]| {
            list.iter()
                .filter_map(|a| {
                    Some(readout_eval::events::Actor {
                        text: text.get(a.span.start..a.span.end).map(str::to_string),
                        code: a.code.clone()?,
                        sector: a.sector.clone(),
                    })
                })
                .collect()
        };
        readout_eval::events::EventsDoc {
            id: doc.id.clone(),
            text: String::new(),
            published: None,
            ontology: doc.ontology.clone(),
            events: found
                .events
                .iter()
                .map(|e| readout_eval::events::Event {
                    kind: if cameo {
                        e.cameo.to_string()
                    } else {
                        readout_events::gsr_type(e).to_string()
                    },
                    mode: if cameo {
                        None
                    } else {
                        readout_events::gsr_mode(e).map(str::to_string)
                    },
                    source: actors(&e.source),
                    target: actors(&e.target),
                })
                .collect(),
        }
    }
}

/// The text-only baseline's threshold (cosine similarity to a story's centroid), chosen on
/// the development half of ECB+'s topics like readout's own.
const TEXT_BASELINE_THRESHOLD: f32 = 0.23;

/// Scores readout's story grouping and the text-only baseline on one data set, in each
/// arrival order asked for. Each document runs through the pipeline once; its features are
/// then grouped as `readout ingest` groups them (held, refined and settled by the same
/// [`readout_cluster::Stories`]), in every order.
fn score_stories(
    args: &EvalArgs,
    run: &mut Run,
    pipeline: &Pipeline,
    config: readout_cluster::StoryConfig,
    dataset: &Dataset<readout_eval::stories::StoryDoc>,
) {
    if args.predictions.is_some() {
        return score_dataset::<readout_eval::Stories>(args, run, &[], dataset);
    }
    if let Some(first) = dataset.documents.first() {
        // As in `score_dataset`: loading the embedded models is not charged to the run.
        let _ = process_text(pipeline, &first.text, None, None);
    }
    let started = Instant::now();
    let features: Vec<readout_cluster::Features> = dataset
        .documents
        .iter()
        .map(|doc| {
            let (found, _) = process_text(
                pipeline,
                &doc.text,
                doc.title.as_deref(),
                doc.published.as_deref(),
            );
            found.story_features()
        })
        .collect();
    let pipeline_seconds = started.elapsed().as_secs_f64();
    let systems = [
        ("readout", config),
        (
            "text-baseline",
            readout_cluster::StoryConfig::text_only(TEXT_BASELINE_THRESHOLD),
        ),
    ];
    let f1 = |r: &TaskReport| {
        r.metrics
            .iter()
            .find(|m| m.name == "bcubed_f1")
            .and_then(|m| m.value)
            .unwrap_or(0.0)
    };
    for (name, config) in systems {
        let mut worst: Option<TaskReport> = None;
        for &order in &args.orders.0 {
            let started = Instant::now();
            let stories = group_in_order(config, &dataset.documents, &features, order);
            let seconds = pipeline_seconds + started.elapsed().as_secs_f64();
            let system = match order {
                None => name.to_string(),
                Some(seed) => format!("{name} @{seed}"),
            };
            let predicted: Vec<readout_eval::stories::StoryDoc> = dataset
                .documents
                .iter()
                .zip(stories)
                .map(|(doc, story)| readout_eval::stories::StoryDoc {
                    id: doc.id.clone(),
                    title: None,
                    published: None,
                    text: String::new(),
                    story: format!("s{story}"),
                })
                .collect();
            let mut report = readout_eval::stories::score(dataset, &predicted, &system);
            report.seconds = seconds;
            let suffix = format!(".{}", system.replace([' ', '@'], ""));
            save_predictions::<readout_eval::Stories>(args, run, dataset, &suffix, &predicted);
            if worst.as_ref().is_none_or(|w| f1(&report) < f1(w)) {
                worst = Some(report.clone());
            }
            run.reports.push(report);
        }
        if let (Some(mut worst), true) = (worst, args.orders.0.len() > 1) {
            let which = worst.system.strip_prefix(name).unwrap_or("").trim();
            let which = if which.is_empty() { "data" } else { which };
            worst.system = format!("{name} worst ({which})");
            run.reports.push(worst);
        }
    }
    score_peers::<readout_eval::Stories>(args, run, dataset);
}

/// Groups the documents' features into stories, the documents arriving in the data set's
/// order (`None`) or shuffled with a seed, and gives each document's story, in the data
/// set's order.
fn group_in_order(
    config: readout_cluster::StoryConfig,
    documents: &[readout_eval::stories::StoryDoc],
    features: &[readout_cluster::Features],
    order: Option<u64>,
) -> Vec<usize> {
    let mut arrival: Vec<usize> = (0..documents.len()).collect();
    if let Some(seed) = order {
        shuffle(&mut arrival, seed);
    }
    let mut stories = readout_cluster::Stories::new(config);
    let mut story: HashMap<String, usize> = HashMap::new();
    for i in arrival {
        stories.hold(&documents[i].id, &features[i]);
        story.extend(stories.settle(false));
    }
    story.extend(stories.settle(true));
    documents
        .iter()
        .map(|d| story.get(&d.id).copied().unwrap_or(usize::MAX))
        .collect()
}

/// A Fisher–Yates shuffle driven by SplitMix64, so that a seed gives the same order on
/// every machine and in every version.
fn shuffle(items: &mut [usize], seed: u64) {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for i in (1..items.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}

/// readout's HTML extraction as an eval system: the page's bytes read as an HTML input by
/// the pipeline, as `readout extract page.html` reads them. The record keeps a leading
/// dateline in a field of its own; the text scored is that dateline followed by the
/// article text, which is what the page's article body holds.
fn html_system(
    pipeline: Pipeline,
) -> impl Fn(&readout_eval::html::HtmlGoldPage) -> readout_eval::html::HtmlGoldPage {
    move |page| {
        let mut text = String::new();
        let input = Input::Memory {
            name: page.id.clone(),
            bytes: page.html.clone(),
        };
        pipeline.run(
            vec![input],
            |doc| doc,
            |output| {
                if let Output::Document(doc) = output {
                    if let Some(dateline) = &doc.article.dateline {
                        text.push_str(&dateline.text);
                        text.push(' ');
                    }
                    text.push_str(&doc.article.text);
                }
            },
        );
        readout_eval::html::HtmlGoldPage {
            id: page.id.clone(),
            url: None,
            html: Vec::new(),
            expected: text,
        }
    }
}

/// readout's syntax as an eval system: the pipeline's syntax model (`syntax_model`, else
/// the one compiled in) parses the gold words as they are (the gold tokenisation, as the
/// CoNLL 2018 measures with given tokens ask). With syntax switched off in the
/// configuration it predicts nothing.
fn syntax_system(
    pipeline: Pipeline,
) -> impl Fn(&readout_eval::syntax::SyntaxDoc) -> readout_eval::syntax::SyntaxDoc {
    move |doc| {
        let words: Vec<&str> = doc.words.iter().map(String::as_str).collect();
        let mut out = readout_eval::syntax::SyntaxDoc {
            id: doc.id.clone(),
            words: doc.words.clone(),
            ..Default::default()
        };
        if let Some(a) = pipeline.parse_words(&words) {
            out.upos = a.upos.iter().map(|u| u.as_str().to_string()).collect();
            out.xpos = a.xpos.iter().map(|x| x.as_str().to_string()).collect();
            out.heads = a.conll_heads();
            out.deprels = a.deprels.iter().map(|d| d.as_str().to_string()).collect();
            out.lemmas = a.lemmas;
        }
        out
    }
}

/// Loads the task's data sets and scores what there is to score on each: the predictions
/// file if one is given, else readout (when it has an extractor for the task) and every
/// saved peer run for that data set.
fn run_task<T: Task>(args: &EvalArgs, run: &mut Run, systems: &[(&str, System<'_, T>)]) {
    run_task_with::<T>(args, run, &mut |args, run, dataset| {
        score_dataset::<T>(args, run, systems, dataset)
    })
}

/// What scores one loaded data set of a task.
type Scorer<'a, T> = dyn FnMut(&EvalArgs, &mut Run, &Dataset<<T as Task>::Doc>) + 'a;

/// Loads a task's gold data sets (or writes them, with `--write-gold`) and scores each
/// with `score`.
fn run_task_with<T: Task>(args: &EvalArgs, run: &mut Run, score: &mut Scorer<'_, T>) {
    let paths: Vec<PathBuf> = match &args.gold {
        Some(p) => vec![p.clone()],
        None => T::DEFAULT_GOLD
            .iter()
            .map(|p| args.gold_root.join(p))
            .collect(),
    };
    for path in paths {
        if !path.exists() {
            run.notes.push(format!(
                "skipped {}: no gold data at {} (pass --gold PATH or --gold-root DIR)",
                T::NAME,
                path.display()
            ));
            continue;
        }
        let datasets = match T::load(&path) {
            Ok(d) => d,
            Err(e) => {
                run.failures += 1;
                run.notes.push(format!("error: {}: {e}", T::NAME));
                continue;
            }
        };
        for dataset in datasets {
            run.loaded.push((
                T::NAME.to_string(),
                dataset.name.clone(),
                dataset.documents.len(),
            ));
            // Parts the loader could not read and left out: the rest is still scored, but
            // the run says what is missing and ends with status 1, as for unreadable data.
            for problem in &dataset.problems {
                run.failures += 1;
                run.notes.push(format!(
                    "error: {} {}: {problem} (left out)",
                    T::NAME,
                    dataset.name
                ));
            }
            if let Some(dir) = &args.write_gold {
                match write_documents::<T>(dir, &dataset.name, "", &dataset.documents) {
                    Ok(file) => eprintln!(
                        "readout: wrote {} ({} documents of {} {})",
                        file.display(),
                        dataset.documents.len(),
                        T::NAME,
                        dataset.name
                    ),
                    Err(e) => {
                        run.failures += 1;
                        eprintln!("readout: error: {e:#}");
                    }
                }
                continue;
            }
            score(args, run, &dataset);
        }
    }
}

/// Writes documents of a task's data set in its plain JSONL format as
/// `DIR/TASK.DATASET{suffix}.jsonl`, and returns the file's path.
fn write_documents<T: Task>(
    dir: &Path,
    dataset: &str,
    suffix: &str,
    documents: &[T::Doc],
) -> Result<PathBuf> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let file = dir.join(format!("{}.{}{suffix}.jsonl", T::NAME, file_safe(dataset)));
    readout_eval::write_jsonl(&file, documents)?;
    Ok(file)
}

/// A data set's name as part of a file name: `polnear/dev` → `polnear-dev`.
fn file_safe(name: &str) -> String {
    name.chars()
        .map(|c| {
            if c.is_alphanumeric() || c == '.' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

fn score_dataset<T: Task>(
    args: &EvalArgs,
    run: &mut Run,
    systems: &[(&str, System<'_, T>)],
    dataset: &Dataset<T::Doc>,
) {
    if let Some(path) = &args.predictions {
        match T::read_predictions(path) {
            Ok(predicted) => {
                let system = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                let report = T::score(dataset, &predicted, &system);
                warn_alignment(run, &report);
                run.reports.push(report);
            }
            Err(e) => {
                run.failures += 1;
                run.notes.push(format!("error: {e}"));
            }
        }
        return;
    }
    if systems.is_empty() {
        run.notes.push(format!(
            "{} {}: readout has no {} extractor yet; {} gold documents loaded (score a system with --predictions FILE)",
            T::NAME,
            dataset.name,
            T::NAME,
            dataset.documents.len()
        ));
    }
    for &(name, system) in systems {
        // One call before the clock starts, so that loading the embedded model and lists
        // once per process is not charged to the first data set.
        if let Some(first) = dataset.documents.first() {
            let _ = system(first);
        }
        let started = Instant::now();
        let predicted: Vec<T::Doc> = dataset.documents.iter().map(system).collect();
        let seconds = started.elapsed().as_secs_f64();
        let mut report = T::score(dataset, &predicted, name);
        report.seconds = seconds;
        save_predictions::<T>(args, run, dataset, &format!(".{name}"), &predicted);
        run.reports.push(report);
    }
    score_peers::<T>(args, run, dataset);
}

/// With `--save-predictions DIR`, writes a system's predictions for a data set as
/// `DIR/TASK.DATASET{suffix}.jsonl`; a failure is noted and counted, and the run goes on.
fn save_predictions<T: Task>(
    args: &EvalArgs,
    run: &mut Run,
    dataset: &Dataset<T::Doc>,
    suffix: &str,
    predicted: &[T::Doc],
) {
    let Some(dir) = &args.save_predictions else {
        return;
    };
    match write_documents::<T>(dir, &dataset.name, suffix, predicted) {
        Ok(file) => eprintln!("readout: wrote {}", file.display()),
        Err(e) => {
            run.failures += 1;
            run.notes.push(format!("error: {e:#}"));
        }
    }
}

/// Scores every saved peer run in the peers folder that answers this task and data set.
fn score_peers<T: Task>(args: &EvalArgs, run: &mut Run, dataset: &Dataset<T::Doc>) {
    let Ok(entries) = std::fs::read_dir(&args.peers) else {
        return;
    };
    let mut metas: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".meta.json"))
        .collect();
    metas.sort();
    for meta_path in metas {
        let meta: PeerMeta = match std::fs::read(&meta_path)
            .map_err(anyhow::Error::from)
            .and_then(|b| serde_json::from_slice(&b).map_err(anyhow::Error::from))
        {
            Ok(m) => m,
            Err(e) => {
                run.notes
                    .push(format!("error: {}: {e}", meta_path.display()));
                run.failures += 1;
                continue;
            }
        };
        if meta.task != T::NAME || meta.dataset != dataset.name {
            continue;
        }
        let name = meta_path.to_string_lossy();
        let predictions = PathBuf::from(format!(
            "{}.jsonl",
            &name[..name.len() - ".meta.json".len()]
        ));
        match T::read_predictions(&predictions) {
            Ok(predicted) => {
                let mut report = T::score(dataset, &predicted, &meta.peer);
                report.seconds = meta.seconds;
                if let Some(threads) = meta.threads {
                    report.detail("threads", threads);
                }
                warn_alignment(run, &report);
                run.peer_commands
                    .insert(meta.peer.clone(), meta.command.clone());
                run.reports.push(report);
            }
            Err(e) => {
                run.failures += 1;
                run.notes.push(format!("error: {e}"));
            }
        }
    }
}

fn warn_alignment(run: &mut Run, report: &TaskReport) {
    for (key, what, ids) in [
        (
            "missing_predictions",
            "gold documents have no prediction (scored as empty)",
            None,
        ),
        (
            "unknown_predictions",
            "predictions name no gold document (ignored)",
            None,
        ),
        (
            "mismatched_predictions",
            "predictions have another number of words than their gold sentence (scored as empty)",
            Some("mismatched_ids"),
        ),
    ] {
        if let Some(n) = report
            .details
            .get(key)
            .and_then(|v| v.as_u64())
            .filter(|n| *n > 0)
        {
            // The first few ids, where the task lists them, so the fault can be found.
            let listed = ids
                .and_then(|k| report.details.get(k))
                .and_then(|v| v.as_array())
                .map(|ids| {
                    let ids: Vec<&str> = ids.iter().filter_map(|v| v.as_str()).collect();
                    format!(
                        " ({}{})",
                        ids.join(", "),
                        if (n as usize) > ids.len() {
                            ", ..."
                        } else {
                            ""
                        }
                    )
                })
                .unwrap_or_default();
            run.notes.push(format!(
                "warning: {} {} {}: {n} {what}{listed}",
                report.task, report.dataset, report.system
            ));
        }
    }
}

/// One table per task: a row per measure, a column per data set and system.
fn tables(reports: &[TaskReport], markdown: bool) -> String {
    let mut out = String::new();
    let mut tasks: Vec<&str> = Vec::new();
    for r in reports {
        if !tasks.contains(&r.task.as_str()) {
            tasks.push(&r.task);
        }
    }
    for task in tasks {
        let cols: Vec<&TaskReport> = reports.iter().filter(|r| r.task == task).collect();
        let mut rows: Vec<(String, Vec<String>)> = vec![
            (
                "data set".into(),
                cols.iter().map(|r| r.dataset.clone()).collect(),
            ),
            (
                "system".into(),
                cols.iter().map(|r| r.system.clone()).collect(),
            ),
            (
                "documents".into(),
                cols.iter().map(|r| r.documents.to_string()).collect(),
            ),
        ];
        let mut names: Vec<&str> = Vec::new();
        for r in &cols {
            for m in &r.metrics {
                if !names.contains(&m.name.as_str()) {
                    names.push(&m.name);
                }
            }
        }
        for name in names {
            rows.push((
                name.to_string(),
                cols.iter()
                    .map(|r| match r.metrics.iter().find(|m| m.name == name) {
                        Some(m) => m.value.map_or("n/a".to_string(), |v| format!("{v:.3}")),
                        None => "".to_string(),
                    })
                    .collect(),
            ));
        }
        rows.push((
            "documents/s".into(),
            cols.iter()
                .map(|r| {
                    if r.seconds > 0.0 {
                        format!("{:.0}", r.documents_per_second())
                    } else {
                        "n/a".into()
                    }
                })
                .collect(),
        ));
        // Tasks scored word by word (syntax) give their words in the details; for them the
        // speed that compares with published parsers is words per second.
        if cols.iter().any(|r| r.details.contains_key("words")) {
            rows.push((
                "words/s".into(),
                cols.iter()
                    .map(|r| {
                        let words = r.details.get("words").and_then(|v| v.as_u64());
                        match words {
                            Some(words) if r.seconds > 0.0 => {
                                format!("{:.0}", words as f64 / r.seconds)
                            }
                            _ => "n/a".into(),
                        }
                    })
                    .collect(),
            ));
        }
        if markdown {
            let _ = writeln!(out, "### {task}\n");
            let (head, rest) = rows.split_at(2);
            let _ = writeln!(
                out,
                "| measure | {} |",
                head[0]
                    .1
                    .iter()
                    .zip(&head[1].1)
                    .map(|(d, s)| format!("{d}: {s}"))
                    .collect::<Vec<_>>()
                    .join(" | ")
            );
            let _ = writeln!(out, "|---|{}", "---:|".repeat(cols.len()));
            for (name, values) in rest {
                let _ = writeln!(out, "| {name} | {} |", values.join(" | "));
            }
            let _ = writeln!(out);
        } else {
            let label_width = rows.iter().map(|(n, _)| n.len()).max().unwrap_or(0);
            let widths: Vec<usize> = (0..cols.len())
                .map(|i| {
                    rows.iter()
                        .map(|(_, v)| v[i].chars().count())
                        .max()
                        .unwrap_or(0)
                })
                .collect();
            let _ = writeln!(out, "{task}");
            for (name, values) in &rows {
                let _ = write!(out, "  {name:<label_width$}");
                for (v, w) in values.iter().zip(&widths) {
                    let _ = write!(out, "  {v:>w$}");
                }
                let _ = writeln!(out);
            }
            let _ = writeln!(out);
        }
    }
    out
}

/// eval/REPORT.md: when and where it was measured, every number, the peers beside them
/// with the commands that measured them, what was skipped, and the published figures.
fn report_markdown(args: &EvalArgs, run: &Run, seconds: f64) -> Result<String> {
    let mut out = String::new();
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0);
    let date = chrono::DateTime::from_timestamp(now, 0)
        .map(|d| d.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_else(|| "unknown".into());
    let commit = git(&["rev-parse", "--short", "HEAD"]).unwrap_or_else(|| "unknown".into());
    let dirty = git(&["status", "--porcelain", "--untracked-files=no"])
        .is_some_and(|s| !s.trim().is_empty());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    writeln!(out, "# readout evaluation report\n")?;
    writeln!(
        out,
        "Written by `readout eval all --report` on {date}, at commit `{commit}`{}, on a machine with {cores} cores, release build: {} ({:.1} s in all). Gold data: `{}`. Do not edit by hand; rerun the command.\n",
        if dirty { " with uncommitted changes" } else { "" },
        if cfg!(debug_assertions) { "no (debug build: speeds are not meaningful)" } else { "yes" },
        seconds,
        args.gold_root.display()
    )?;
    writeln!(out, "Every figure below was measured in this run by the scorers in `crates/readout-eval`, defined in `docs/eval.md`. readout and each peer are timed on one thread over the work alone (loading and scoring excluded); a peer's time comes from its own script. `n/a` means there was nothing to compute the measure on.\n")?;
    writeln!(out, "## Gold data sets loaded\n")?;
    writeln!(out, "| task | data set | documents |\n|---|---|---:|")?;
    for (task, name, documents) in &run.loaded {
        writeln!(out, "| {task} | {name} | {documents} |")?;
    }
    writeln!(out)?;
    writeln!(out, "## Measured here\n")?;
    out.push_str(&tables(&run.reports, true));
    if !run.peer_commands.is_empty() {
        writeln!(out, "Peers were run with:\n")?;
        for (peer, command) in &run.peer_commands {
            writeln!(out, "- {peer}: `{command}`")?;
        }
        writeln!(out)?;
    }
    if !run.notes.is_empty() {
        writeln!(out, "## Not scored in this run\n")?;
        for note in &run.notes {
            writeln!(out, "- {note}")?;
        }
        writeln!(out)?;
    }
    let published = Path::new("eval/published.md");
    if let Ok(text) = std::fs::read_to_string(published) {
        writeln!(out, "## Published figures (not measured here)\n")?;
        writeln!(out, "From `eval/published.md`; each figure names its source. These were measured by others, on their own setups, and are not directly comparable with the table above unless the data set and measure are the same.\n")?;
        // The file's own title and introduction are for readers of the file; the report
        // takes its sections.
        out.push_str(
            text.find("\n### ")
                .map_or(text.as_str(), |i| &text[i + 1..]),
        );
        out.push('\n');
    }
    Ok(out)
}

fn git(args: &[&str]) -> Option<String> {
    let out = std::process::Command::new("git").args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).trim().to_string())
}
