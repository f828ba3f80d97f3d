//! Loading articles into the store: the pipeline, the grouping into stories and the
//! store's writer, run side by side ([`load`]).
//!
//! Three stages hand each other chunks of articles through bounded channels:
//!
//! * the pipeline, on its worker threads, makes each article's [`Loaded`]: the record, the
//!   record as the store keeps it, and the features the grouping compares;
//! * the grouping, on one thread and in input order (so that a run gives the same stories
//!   whatever the number of threads), puts each into a story and holds it there, movable,
//!   until [`readout_cluster::StoryConfig::hold`] later articles have been placed
//!   ([`readout_cluster::Stories::hold`], [`readout_cluster::Stories::settle`]); an
//!   article goes on to the writer only once its story is settled, and all are settled at
//!   the end of the run;
//! * the writer, on one thread, stores them, a transaction per
//!   [`LoadOptions::batch`] articles.
//!
//! Two chunks may wait between stages; then the stage before waits too, so memory stays
//! bounded. The run holds the database's [`WriteLock`] from before it reads the stories
//! stored so far until its last transaction is committed, so that two loads into one
//! database end as if they had run one after the other.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::sync_channel;
use std::sync::Arc;
use std::time::{Duration, Instant};

use readout_cluster::{Features, Stories, StoryConfig};
use readout_ingest::{IngestError, Input};
use readout_model::record::ArticleRecord;
use readout_store::{Ingested, Store, Stored, StoryRef, WriteLock};
use serde::{Deserialize, Serialize};

use crate::{Document, Output, Pipeline, PipelineError};

/// How a load stores its articles. Unknown fields are rejected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct LoadOptions {
    /// Articles stored per transaction: a run killed at any moment leaves whole
    /// transactions only, and larger transactions cost less each.
    pub batch: usize,
    /// Articles handed from one stage to the next at a time; small chunks keep memory low.
    pub chunk: usize,
    /// When another process holds the database's writer lock: wait for it (after a
    /// [`LoadEvent::Waiting`]), or fail with the store's `Locked` error.
    pub wait: bool,
    /// At the end, return the store to one file ([`Store::close`]) so that it can be read
    /// where nothing can be written. A process that keeps readers open on the store (a
    /// server) turns it off: the switch would wait for them and then give up.
    pub one_file: bool,
}

impl Default for LoadOptions {
    fn default() -> Self {
        LoadOptions {
            batch: 2000,
            chunk: 250,
            wait: true,
            one_file: true,
        }
    }
}

/// What the pipeline hands the grouping for one article: everything that can be made in
/// parallel is made on the pipeline's threads, not in the serial stages.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The record.
    pub record: ArticleRecord,
    /// The record as the store keeps it ([`readout_store::encode_record`]); `None` when it
    /// could not be made, and the writer then tries again and reports why.
    pub encoded: Option<Vec<u8>>,
    /// The features the grouping compares.
    pub features: Features,
    /// Their text form, which the store keeps so that a later run rebuilds the stories.
    pub features_text: String,
}

impl Loaded {
    /// An article's hand-off from its document.
    pub fn new(doc: &Document) -> Loaded {
        let features = doc.story_features();
        let features_text = features.to_text();
        let mut record = doc.to_record(false);
        let encoded = readout_store::encode_record(&mut record).ok();
        Loaded {
            record,
            encoded,
            features,
            features_text,
        }
    }
}

/// How far a load has got.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Progress {
    /// Articles processed so far.
    pub articles: u64,
    /// Stories so far, those of earlier runs included.
    pub stories: usize,
    /// Time since the inputs began to be read.
    pub elapsed: Duration,
}

/// What a load tells its caller as it goes.
#[derive(Debug)]
#[non_exhaustive]
pub enum LoadEvent<'a> {
    /// Another process holds the database's writer lock; the load waits for it.
    Waiting {
        /// The lock file.
        lock: &'a Path,
    },
    /// A stored article's story features could not be read; it is left out of the
    /// grouping (its story and rows stay as they are).
    UnreadableFeatures {
        /// The article's id.
        article: &'a str,
        /// Why.
        message: &'a str,
    },
    /// A problem of the input; the run goes on with the next item.
    Problem(&'a IngestError),
    /// An article was processed (once per article, on the thread that called [`load`]).
    Progress(Progress),
}

/// What a load did.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct LoadReport {
    /// Articles processed.
    pub articles: u64,
    /// Bytes of article text processed.
    pub text_bytes: u64,
    /// Articles added to the store.
    pub added: u64,
    /// Articles that were stored already (same content id), left as they were.
    pub present: u64,
    /// Stories in the store at the end.
    pub stories: usize,
    /// Input problems that skipped input.
    pub errors: u64,
    /// Input problems that only degraded input.
    pub warnings: u64,
    /// Stored articles whose features could not be read back.
    pub unreadable: u64,
    /// Time from the start of reading the inputs to the last commit.
    pub elapsed: Duration,
}

/// The stories of earlier runs, rebuilt from the features the store kept, so that new
/// articles join them; an article whose features cannot be read is told to `on` and left
/// out. Returns the stories and how many articles were left out.
pub fn rebuild_stories(
    store: &Store,
    config: StoryConfig,
    on: &mut impl FnMut(LoadEvent),
) -> Result<(Stories, u64), PipelineError> {
    let mut cache = StoryCache::new();
    cache.catch_up(store, config, on)?;
    Ok((cache.stories, cache.unreadable))
}

/// The stories of a store as [`rebuild_stories`] makes them, kept by a process that loads
/// into one store many times (a server taking articles one request at a time), so that a
/// load reads only the articles stored since the last one instead of all of them.
///
/// Articles are stored at positions that only grow, and rebuilding adds them in that order,
/// so the stories brought up to date from the new positions are the ones a full rebuild
/// would make: a load through the cache groups its articles exactly as [`load`] would.
/// When the store is not the one read before (fewer articles, another article where the
/// last one read was), the cache starts again from the beginning.
#[derive(Debug, Clone, Default)]
pub struct StoryCache {
    /// The settings the stories were grouped with; none before the first catch-up.
    config: Option<StoryConfig>,
    /// The stories.
    stories: Stories,
    /// The position of the last article read, and its id.
    last: Option<(u64, String)>,
    /// How many articles were read.
    rows: u64,
    /// How many of them could not be read.
    unreadable: u64,
}

impl StoryCache {
    /// An empty cache: the first load reads every stored article.
    pub fn new() -> Self {
        StoryCache::default()
    }

    /// How many stored articles the cache holds (those left out as unreadable included).
    pub fn articles(&self) -> u64 {
        self.rows
    }

    /// Brings the stories up to date with the store.
    fn catch_up(
        &mut self,
        store: &Store,
        config: StoryConfig,
        on: &mut impl FnMut(LoadEvent),
    ) -> Result<(), PipelineError> {
        let same = self.config == Some(config)
            && match &self.last {
                Some((seq, id)) => {
                    let (count, at) = store.story_article_mark(*seq)?;
                    count == self.rows && at.as_deref() == Some(id.as_str())
                }
                None => true,
            };
        if !same {
            *self = StoryCache {
                config: Some(config),
                stories: Stories::new(config),
                ..StoryCache::default()
            };
        }
        let after = self.last.as_ref().map_or(0, |(seq, _)| *seq);
        let stories = &mut self.stories;
        let mut read = 0u64;
        let mut last = None;
        let mut unreadable = 0u64;
        let walked = store.each_story_article_after(after, |seq, id, story, text| {
            read += 1;
            last = Some((seq, id.to_string()));
            match Features::from_text(text) {
                Ok(features) => {
                    stories.assign(id, &features, story as usize);
                }
                Err(message) => {
                    unreadable += 1;
                    on(LoadEvent::UnreadableFeatures {
                        article: id,
                        message: &message,
                    });
                }
            }
        });
        if let Err(e) = walked {
            // Some of the articles were added and the rest not: start again next time.
            *self = StoryCache::default();
            return Err(e.into());
        }
        if last.is_some() {
            self.last = last;
        }
        self.rows += read;
        self.unreadable += unreadable;
        Ok(())
    }
}

/// Runs the pipeline over `inputs` into the store at `db` (created when missing, migrated
/// when older), grouping the articles into stories with the stories stored already.
///
/// The database's [`WriteLock`] is taken first and held to the end; the stories stored so
/// far are read only once it is held. Input problems are told to `on` and skip only their
/// item; a failure of the store stops the run with an error (the transactions committed
/// before it stay). At the end the store is closed ([`Store::close`]), so that it is one
/// file that can be read where nothing can be written (unless [`LoadOptions::one_file`]
/// is off).
pub fn load(
    pipeline: &Pipeline,
    db: &Path,
    inputs: Vec<Input>,
    options: &LoadOptions,
    on: impl FnMut(LoadEvent),
) -> Result<LoadReport, PipelineError> {
    load_with(pipeline, db, None, inputs, options, on)
}

/// As [`load`], with the stories stored so far kept in `cache` between loads: the load
/// reads only the articles stored since the cache was last brought up to date, whoever
/// stored them, and groups its articles exactly as [`load`] would. The cache is brought up
/// to date with this load's articles at the start of the next one.
pub fn load_cached(
    pipeline: &Pipeline,
    db: &Path,
    cache: &mut StoryCache,
    inputs: Vec<Input>,
    options: &LoadOptions,
    on: impl FnMut(LoadEvent),
) -> Result<LoadReport, PipelineError> {
    load_with(pipeline, db, Some(cache), inputs, options, on)
}

/// [`load`] and [`load_cached`].
fn load_with(
    pipeline: &Pipeline,
    db: &Path,
    cache: Option<&mut StoryCache>,
    inputs: Vec<Input>,
    options: &LoadOptions,
    mut on: impl FnMut(LoadEvent),
) -> Result<LoadReport, PipelineError> {
    let _lock = WriteLock::acquire(db, options.wait, |lock| on(LoadEvent::Waiting { lock }))?;
    let store = Store::open(db)?;
    // Persons the store has codes for from earlier runs are coded before the events, so
    // that an event whose source an article names without a role can be kept. The
    // snapshot is taken once, so that a run's output does not depend on the order its
    // workers finish in; within the run, the writer still fills codes as it learns them.
    let known = store.known_codes()?;
    pipeline.know_persons(crate::KnownPersons {
        by_name: known.by_name.into_iter().collect(),
        by_surname: known.by_surname.into_iter().collect(),
    });
    let config = pipeline.config().stories;
    let (stories, unreadable) = match cache {
        Some(cache) => {
            cache.catch_up(&store, config, &mut on)?;
            // The run changes the stories it is given; the cache keeps them as the store
            // had them, and reads this run's articles back next time.
            (cache.stories.clone(), cache.unreadable)
        }
        None => rebuild_stories(&store, config, &mut on)?,
    };
    let mut report = run(pipeline, store, stories, inputs, options, on)?;
    report.unreadable = unreadable;
    Ok(report)
}

/// The three stages, from the rebuilt stories to the closed store.
fn run(
    pipeline: &Pipeline,
    mut store: Store,
    mut stories: Stories,
    inputs: Vec<Input>,
    options: &LoadOptions,
    mut on: impl FnMut(LoadEvent),
) -> Result<LoadReport, PipelineError> {
    let batch = options.batch.max(1);
    let chunk = options.chunk.max(1);
    let started = Instant::now();
    let (to_group, grouping) = sync_channel::<Vec<Loaded>>(2);
    let (to_store, storing) = sync_channel::<Vec<Ingested>>(2);
    let story_count = Arc::new(AtomicUsize::new(stories.len()));
    let count = Arc::clone(&story_count);
    let grouper = std::thread::spawn(move || {
        // Articles wait here, in arrival order, until the grouping settles their stories
        // (`StoryConfig::hold`); only then are they stored.
        let mut waiting: std::collections::VecDeque<Loaded> = std::collections::VecDeque::new();
        let release = |waiting: &mut std::collections::VecDeque<Loaded>,
                       stories: &Stories|
         -> Vec<Ingested> {
            let mut out = Vec::new();
            // An id met before (in an earlier run or earlier in this one) has its story
            // already, and is released with the articles around it.
            while let Some(story) = waiting
                .front()
                .and_then(|loaded| stories.settled(&loaded.record.id))
            {
                let loaded = waiting.pop_front().expect("a front item");
                out.push(Ingested {
                    record: loaded.record,
                    encoded: loaded.encoded,
                    story: Some(StoryRef {
                        story: story as u64,
                        features: loaded.features_text,
                    }),
                });
            }
            out
        };
        let send = |items: Vec<Ingested>| items.is_empty() || to_store.send(items).is_ok();
        for items in grouping {
            for loaded in items {
                stories.hold(&loaded.record.id, &loaded.features);
                waiting.push_back(loaded);
                stories.settle(false);
            }
            count.store(stories.len(), Ordering::Relaxed);
            // A closed channel means the writer stopped on an error, reported below.
            if !send(release(&mut waiting, &stories)) {
                return;
            }
        }
        stories.settle(true);
        count.store(stories.len(), Ordering::Relaxed);
        send(release(&mut waiting, &stories));
    });

    let writer = std::thread::spawn(move || -> Result<(Stored, Store), PipelineError> {
        let mut total = Stored::default();
        // Articles come from the grouping in runs of any length (as their stories settle);
        // each transaction takes exactly `batch` of them, the last one what is left.
        let mut carry: Vec<Ingested> = Vec::new();
        let mut open = true;
        while open || !carry.is_empty() {
            while open && carry.len() < batch {
                match storing.recv() {
                    Ok(items) => carry.extend(items),
                    Err(_) => open = false,
                }
            }
            if carry.is_empty() {
                break;
            }
            let rest = carry.split_off(batch.min(carry.len()));
            let items = std::mem::replace(&mut carry, rest);
            let mut transaction = store.writer()?;
            transaction.put(items)?;
            let stored = transaction.commit()?;
            total.added += stored.added;
            total.present += stored.present;
        }
        Ok((total, store))
    });
    let mut pending: Vec<Loaded> = Vec::with_capacity(chunk);
    let mut sent = 0u64;
    let mut writer_gone = false;
    let stats = pipeline.run(
        inputs,
        |doc| Loaded::new(&doc),
        |output| match output {
            Output::Document(item) => {
                if writer_gone {
                    return;
                }
                pending.push(item);
                // A chunk also ends where a batch does, so that a batch smaller than a chunk
                // is stored as soon as it is whole.
                let done = sent + pending.len() as u64;
                if pending.len() >= chunk || done.is_multiple_of(batch as u64) {
                    sent += pending.len() as u64;
                    let full = std::mem::replace(&mut pending, Vec::with_capacity(chunk));
                    writer_gone = to_group.send(full).is_err();
                }
                on(LoadEvent::Progress(Progress {
                    articles: done,
                    stories: story_count.load(Ordering::Relaxed),
                    elapsed: started.elapsed(),
                }));
            }
            Output::Problem(p) => on(LoadEvent::Problem(&p)),
        },
    );
    if !pending.is_empty() && !writer_gone {
        let _ = to_group.send(pending);
    }
    drop(to_group);
    grouper
        .join()
        .map_err(|_| PipelineError::Panicked("the story grouping"))?;
    let (total, store) = writer
        .join()
        .map_err(|_| PipelineError::Panicked("the store writer"))??;
    if options.one_file {
        store.close()?;
    }
    Ok(LoadReport {
        articles: stats.articles,
        text_bytes: stats.text_bytes,
        added: total.added,
        present: total.present,
        stories: story_count.load(Ordering::Relaxed),
        errors: stats.errors,
        warnings: stats.warnings,
        unreadable: 0,
        elapsed: started.elapsed(),
    })
}
