//! `readout::load`: the pipeline into the store, with stories, its lock and its events.

use std::path::{Path, PathBuf};
use std::time::Duration;

use readout::load::{load, load_cached, LoadEvent, LoadOptions, LoadReport, StoryCache};
use readout::{Pipeline, PipelineConfig, PipelineError};
use readout_ingest::Input;
use readout_store::{Store, StoreError, WriteLock};

fn two_events() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/two-events.jsonl")
}

fn pipeline() -> Pipeline {
    Pipeline::new(PipelineConfig {
        threads: 1,
        ..PipelineConfig::default()
    })
    .unwrap()
}

/// A load of `input` that keeps what it was told.
fn load_recording(
    db: &Path,
    input: &Path,
    options: &LoadOptions,
) -> (Result<LoadReport, PipelineError>, Vec<String>) {
    let mut told = Vec::new();
    let result = load(
        &pipeline(),
        db,
        vec![Input::Path(input.to_path_buf())],
        options,
        |event| {
            told.push(match event {
                LoadEvent::Waiting { .. } => "waiting".to_string(),
                LoadEvent::Problem(p) => format!("problem {p}"),
                LoadEvent::Progress(p) => format!("progress {} {}", p.articles, p.stories),
                LoadEvent::UnreadableFeatures { article, .. } => format!("unreadable {article}"),
                _ => "other".to_string(),
            })
        },
    );
    (result, told)
}

#[test]
fn a_load_stores_groups_and_reports_and_a_second_adds_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let options = LoadOptions {
        batch: 2,
        ..LoadOptions::default()
    };
    let (report, told) = load_recording(&db, &two_events(), &options);
    let report = report.unwrap();
    assert_eq!(
        (
            report.articles,
            report.added,
            report.present,
            report.stories
        ),
        (5, 5, 0, 2)
    );
    assert_eq!(
        (report.errors, report.warnings, report.unreadable),
        (0, 0, 0)
    );
    let progress: Vec<&String> = told.iter().filter(|t| t.starts_with("progress")).collect();
    assert_eq!(progress.len(), 5, "{told:?}");
    assert!(progress[4].starts_with("progress 5 "), "{told:?}");
    // Closed: one file, out of write-ahead-log mode, beside its lock file.
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names, ["store.db", "store.db.lock"]);
    let store = Store::open_read_only(&db).unwrap();
    assert_eq!(store.counts().unwrap().stories, 2);
    drop(store);
    let (again, _) = load_recording(&db, &two_events(), &options);
    let again = again.unwrap();
    assert_eq!((again.added, again.present, again.stories), (0, 5, 2));
}

#[test]
fn input_problems_are_handed_to_the_callback_and_counted() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let good = std::fs::read_to_string(two_events()).unwrap();
    let first = good.lines().next().unwrap();
    std::fs::write(&input, format!("{first}\n{{not json\n")).unwrap();
    let (report, told) = load_recording(
        &dir.path().join("store.db"),
        &input,
        &LoadOptions::default(),
    );
    let report = report.unwrap();
    assert_eq!((report.articles, report.added, report.errors), (1, 1, 1));
    let problems: Vec<&String> = told.iter().filter(|t| t.starts_with("problem")).collect();
    assert_eq!(problems.len(), 1, "{told:?}");
    assert!(problems[0].contains("in.jsonl:2"), "{told:?}");
}

#[test]
fn a_load_waits_for_the_writer_lock_or_refuses_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    let held = WriteLock::acquire(&db, false, |_| {}).unwrap();
    let refuse = LoadOptions {
        wait: false,
        ..LoadOptions::default()
    };
    let (refused, told) = load_recording(&db, &two_events(), &refuse);
    assert!(
        matches!(
            refused,
            Err(PipelineError::Store(StoreError::Locked { .. }))
        ),
        "{refused:?}"
    );
    assert!(told.is_empty(), "{told:?}");
    assert!(!db.exists(), "the store was opened without the lock");
    let waiter = std::thread::spawn({
        let db = db.clone();
        move || load_recording(&db, &two_events(), &LoadOptions::default())
    });
    std::thread::sleep(Duration::from_millis(500));
    assert!(!db.exists(), "the store was opened without the lock");
    drop(held);
    let (report, told) = waiter.join().unwrap();
    assert_eq!(report.unwrap().added, 5);
    assert_eq!(told[0], "waiting");
}

#[test]
fn load_options_are_data_and_unknown_fields_are_refused() {
    let options: LoadOptions = serde_json::from_str(r#"{"batch": 10}"#).unwrap();
    assert_eq!(options.batch, 10);
    assert_eq!(options.chunk, LoadOptions::default().chunk);
    assert!(serde_json::from_str::<LoadOptions>(r#"{"batch": 10, "bacth": 5}"#).is_err());
}

/// The events stored from `lines` (JSONL articles) loaded into `db` in one run.
fn load_lines(db: &Path, dir: &Path, name: &str, lines: &[&str]) -> Vec<readout_store::EventRow> {
    let input = dir.join(name);
    std::fs::write(&input, lines.join("\n")).unwrap();
    let (report, _) = load_recording(db, &input, &LoadOptions::default());
    report.unwrap();
    let store = Store::open_read_only(db).unwrap();
    store
        .events(&readout_store::EventFilter {
            limit: 100,
            ..Default::default()
        })
        .unwrap()
}

#[test]
fn a_person_named_without_a_role_takes_the_code_an_earlier_run_learnt() {
    let dir = tempfile::tempdir().unwrap();
    let role = r#"{"id": "a1", "published": "2030-05-02", "text": "Chilean President Ana Soto met farmers in Valparaiso on Monday."}"#;
    let bare = r#"{"id": "b1", "published": "2030-05-09", "text": "On Tuesday, Ana Soto condemned Peru. Soto also condemned Bolivia on Wednesday."}"#;
    // In one run the bare name has no code when its article is coded: the event's source
    // is uncoded and it is left out.
    let alone = dir.path().join("alone.db");
    let events = load_lines(&alone, dir.path(), "bare.jsonl", &[bare]);
    assert!(
        !events
            .iter()
            .any(|e| e.kind == readout_model::PloverType::Accuse),
        "{events:?}"
    );
    // After a run that learnt Soto's country from her role, a later run codes her.
    let db = dir.path().join("store.db");
    load_lines(&db, dir.path(), "role.jsonl", &[role]);
    let events = load_lines(&db, dir.path(), "bare.jsonl", &[bare]);
    let condemned: Vec<_> = events
        .iter()
        .filter(|e| e.kind == readout_model::PloverType::Accuse)
        .collect();
    assert_eq!(condemned.len(), 2, "{events:?}");
    assert!(
        condemned.iter().all(|e| e.source_codes.contains("CHL")),
        "{events:?}"
    );
}

/// Each article's story, in the order the articles were stored.
fn stories_of(db: &Path) -> Vec<(String, u64)> {
    let store = Store::open_read_only(db).unwrap();
    let mut out = Vec::new();
    store
        .each_story_article(|id, story, _| out.push((id.to_string(), story)))
        .unwrap();
    out
}

#[test]
fn loads_through_a_story_cache_group_as_loads_that_rebuild_the_stories() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines: Vec<String> = Vec::new();
    for file in [two_events(), two_events().with_file_name("wire.jsonl")] {
        let text = std::fs::read_to_string(file).unwrap();
        lines.extend(text.lines().map(str::to_string));
    }
    assert!(lines.len() >= 8);
    // One input per article, so that every load after the first joins stored stories.
    let inputs: Vec<PathBuf> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let path = dir.path().join(format!("{i}.jsonl"));
            std::fs::write(&path, format!("{line}\n")).unwrap();
            path
        })
        .collect();
    let options = LoadOptions {
        one_file: false,
        ..LoadOptions::default()
    };
    let pipeline = pipeline();
    let plain = dir.path().join("plain.db");
    let cached = dir.path().join("cached.db");
    let mut cache = StoryCache::new();
    for (i, input) in inputs.iter().enumerate() {
        let one = || vec![Input::Path(input.clone())];
        load(&pipeline, &plain, one(), &options, |_| {}).unwrap();
        if i == 3 {
            // A load the cache does not see: the next cached load reads its article back.
            load(&pipeline, &cached, one(), &options, |_| {}).unwrap();
        } else {
            load_cached(&pipeline, &cached, &mut cache, one(), &options, |_| {}).unwrap();
        }
    }
    let expected = stories_of(&plain);
    assert_eq!(expected.len(), inputs.len());
    assert!(
        expected.iter().any(|(_, s)| *s > 0),
        "the articles should make more than one story: {expected:?}"
    );
    assert_eq!(stories_of(&cached), expected);
    // Brought up to date at the start of each load: the last load's article is not in yet.
    assert_eq!(cache.articles(), inputs.len() as u64 - 1);

    // Another store under the same cache: the cache starts again and still agrees.
    let other = dir.path().join("other.db");
    let again = dir.path().join("again.db");
    for input in inputs.iter().rev() {
        let one = || vec![Input::Path(input.clone())];
        load(&pipeline, &again, one(), &options, |_| {}).unwrap();
        load_cached(&pipeline, &other, &mut cache, one(), &options, |_| {}).unwrap();
    }
    assert_eq!(stories_of(&other), stories_of(&again));
    assert_eq!(cache.articles(), inputs.len() as u64 - 1);
}
