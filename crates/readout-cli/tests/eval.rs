//! End-to-end tests of `readout eval`: every task scores a hand-made predictions file in its
//! plain format to the values worked out by hand below, a data set converted with
//! `--write-gold` scores 1 against itself, and wrong use fails with a clear message.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn data(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/eval")
        .join(name)
}

struct Run {
    stdout: String,
    stderr: String,
    code: i32,
}

fn readout(args: &[&str]) -> Run {
    // The peers folder is pointed at nothing so that saved peer runs on this machine do
    // not join the output.
    let out = Command::new(env!("CARGO_BIN_EXE_readout"))
        .args(args)
        .args(["--peers", "/nonexistent/peers"])
        .output()
        .expect("run readout");
    Run {
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

/// Scores `TASK.pred.jsonl` against `TASK.gold.jsonl` and returns the one JSON report.
fn score(task: &str) -> Value {
    let gold = data(&format!("{task}.gold.jsonl"));
    let pred = data(&format!("{task}.pred.jsonl"));
    let run = readout(&[
        "eval",
        task,
        "--gold",
        gold.to_str().unwrap(),
        "--predictions",
        pred.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one report: {}", run.stdout);
    let v: Value = serde_json::from_str(lines[0]).unwrap();
    assert_eq!(v["task"], task);
    assert_eq!(v["system"], format!("{task}.pred.jsonl"));
    for key in ["dataset", "documents", "seconds", "documents_per_second"] {
        assert!(v.get(key).is_some(), "{task}: no {key} in {v}");
    }
    v
}

fn close(v: &Value, key: &str, expected: f64) {
    let got = v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is not a number in {v}"));
    assert!((got - expected).abs() < 1e-9, "{key}: {got} != {expected}");
}

#[test]
fn ner_counts_a_wrong_type_as_a_miss() {
    // Gold: María López PER, Oslo LOC, Lima LOC. Predicted: the same spans with Oslo as ORG.
    // tp = 2 of 3 predicted and 3 expected: P = R = F1 = 2/3.
    let v = score("ner");
    close(&v, "precision", 2.0 / 3.0);
    close(&v, "recall", 2.0 / 3.0);
    close(&v, "f1", 2.0 / 3.0);
}

#[test]
fn quotes_overlap_exact_source_and_cue() {
    // Quote 1 is predicted with its quotation marks (same word tokens: exact), right source
    // and cue. Quote 2 is predicted as "would open soon", 3 of its 5 tokens (overlap 0.6:
    // a match, not exact), with no source and the right cue.
    let v = score("quotes");
    close(&v, "content_overlap_precision", 1.0);
    close(&v, "content_overlap_recall", 1.0);
    close(&v, "content_overlap_f1", 1.0);
    close(&v, "content_exact_f1", 0.5);
    close(&v, "source_accuracy", 0.5);
    close(&v, "cue_accuracy", 1.0);
}

#[test]
fn times_strict_relaxed_and_values() {
    // "Monday" is exact and right; "year" overlaps "last year" with the wrong value.
    // Strict 1/2 both ways; relaxed 2/2; types right 2/2; values right 1/2.
    let v = score("times");
    close(&v, "extent_strict_f1", 0.5);
    close(&v, "extent_relaxed_f1", 1.0);
    close(&v, "type_accuracy", 1.0);
    close(&v, "value_accuracy", 0.5);
    close(&v, "type_f1", 1.0);
    close(&v, "value_f1", 0.5);
}

#[test]
fn events_actor_accuracy_and_tuples() {
    // One gold event DISAPPROVE RUR→FRE; the prediction has the type and source but no
    // target, so the (type, source, target) tuple differs: event P = R = 0, type F1 = 1.
    let v = score("events");
    close(&v, "type_accuracy", 1.0);
    assert!(v["mode_accuracy"].is_null(), "gold has no mode: {v}");
    close(&v, "source_accuracy", 1.0);
    close(&v, "target_accuracy", 0.0);
    close(&v, "event_f1", 0.0);
    close(&v, "type_f1", 1.0);
}

#[test]
fn stories_bcubed_and_pairwise() {
    // Gold {a,b} {c,d}; predicted {a,b,c} {d}. B-cubed precision (2/3+2/3+1/3+1)/4 = 2/3,
    // recall (1+1+1/2+1/2)/4 = 3/4, F1 = 12/17. Pairs: predicted ab ac bc, gold ab cd, one
    // shared: P = 1/3, R = 1/2, F1 = 0.4. Two predicted stories.
    let v = score("stories");
    close(&v, "bcubed_precision", 2.0 / 3.0);
    close(&v, "bcubed_recall", 0.75);
    close(&v, "bcubed_f1", 12.0 / 17.0);
    close(&v, "pairwise_f1", 0.4);
    close(&v, "stories", 2.0);
}

#[test]
fn syntax_las_with_and_without_subtypes() {
    // s1 (5 words): "deal" tagged VERB, "the" attached to "signed". s2 (4 words): "It" as
    // nsubj where the gold says nsubj:pass (right for LAS, wrong with subtypes). s3 (2
    // words) has one head for two words: scored as empty. No XPOS, no lemmas: n/a.
    // UPOS 8/11, UAS 8/11, LAS 8/11, LAS with subtypes 7/11.
    let v = score("syntax");
    close(&v, "upos_accuracy", 8.0 / 11.0);
    close(&v, "uas", 8.0 / 11.0);
    close(&v, "las", 8.0 / 11.0);
    close(&v, "las_subtypes", 7.0 / 11.0);
    assert!(v["xpos_accuracy"].is_null(), "{v}");
    assert!(v["lemma_accuracy"].is_null(), "{v}");
    assert_eq!(v["details"]["mismatched_predictions"], 1);
    assert_eq!(v["details"]["per_relation"]["nsubj:pass"]["correct"], 1);
    assert_eq!(
        v["details"]["per_relation"]["nsubj:pass"]["correct_subtypes"],
        0
    );
}

/// A CoNLL-U file with a broken sentence: the sentence is named by line and left out, the
/// rest is scored, and the status says something could not be read. readout's own parser
/// is scored on the sentences left; a saved peer run in the peers folder is scored beside
/// it, with its words per second.
#[test]
fn syntax_reads_past_a_broken_sentence_and_scores_saved_peers() {
    let gold = data("syntax.sample.conllu");
    let run = readout(&["eval", "syntax", "--gold", gold.to_str().unwrap()]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("syntax.sample.conllu:9: word 2 has head \"root\"")
            && run.stderr.contains("sentence broken-1 left out"),
        "{}",
        run.stderr
    );
    // readout parses the two good sentences (7 words): every measure is there.
    assert!(run.stdout.contains("readout"), "{}", run.stdout);
    for measure in ["upos_accuracy", "uas", "las", "words/s"] {
        let line = run
            .stdout
            .lines()
            .find(|l| l.trim_start().starts_with(measure))
            .unwrap_or_else(|| panic!("no {measure} in {}", run.stdout));
        assert!(!line.contains("n/a"), "{line}");
    }

    let dir = tempfile::tempdir().unwrap();
    let written = dir.path().join("gold");
    let run = readout(&[
        "eval",
        "syntax",
        "--gold",
        gold.to_str().unwrap(),
        "--write-gold",
        written.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 1, "the broken sentence is still reported");
    assert!(run.stderr.contains("left out"), "{}", run.stderr);
    let plain = written.join("syntax.eval-syntax.sample.conllu.jsonl");
    let text = std::fs::read_to_string(&plain).expect("plain gold written");
    let first: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(first["id"], "good-1");
    assert_eq!(first["words"], serde_json::json!(["Vera", "left", "."]));
    assert_eq!(first["space_after"], serde_json::json!([true, false, true]));

    // The written gold, saved as a peer's run, scores 1 beside the (absent) readout.
    let peers = dir.path().join("peers");
    std::fs::create_dir_all(&peers).unwrap();
    std::fs::copy(&plain, peers.join("syntax.sample.echo.jsonl")).unwrap();
    std::fs::write(
        peers.join("syntax.sample.echo.meta.json"),
        r#"{"task": "syntax", "dataset": "eval/syntax.sample.conllu", "peer": "echo",
            "command": "cp", "seconds": 0.5, "threads": 1}"#,
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_readout"))
        .args(["eval", "syntax", "--gold", gold.to_str().unwrap()])
        .args(["--peers", peers.to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1));
    // Two sentences, 7 words, in half a second: 14 words/s.
    let row = |name: &str| {
        stdout
            .lines()
            .find(|l| l.trim_start().starts_with(name))
            .unwrap_or_else(|| panic!("no {name} row in {stdout}"))
            .split_whitespace()
            .last()
            .unwrap()
            .to_string()
    };
    assert_eq!(row("system"), "echo");
    assert_eq!(row("las_subtypes"), "1.000");
    assert_eq!(row("words/s"), "14");
}

#[test]
fn written_gold_scores_one_against_itself() {
    let dir = std::env::temp_dir().join(format!("readout-eval-cli-{}", std::process::id()));
    let gold = data("quotes.gold.jsonl");
    let run = readout(&[
        "eval",
        "quotes",
        "--gold",
        gold.to_str().unwrap(),
        "--write-gold",
        dir.to_str().unwrap(),
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let written = dir.join("quotes.quotes.gold.jsonl");
    assert!(written.is_file(), "{}", run.stderr);
    let run = readout(&[
        "eval",
        "quotes",
        "--gold",
        gold.to_str().unwrap(),
        "--predictions",
        written.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(run.stdout.trim()).unwrap();
    for key in [
        "content_overlap_precision",
        "content_overlap_recall",
        "content_overlap_f1",
        "content_exact_f1",
        "source_accuracy",
        "cue_accuracy",
    ] {
        close(&v, key, 1.0);
    }
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn readout_groups_stories_and_scores_the_text_baseline_beside_it() {
    // Two reports each of two unrelated events, interleaved.
    let gold = data("stories.two.jsonl");
    let run = readout(&[
        "eval",
        "stories",
        "--gold",
        gold.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let reports: Vec<Value> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let systems: Vec<&str> = reports
        .iter()
        .filter_map(|r| r["system"].as_str())
        .collect();
    // The data set's order and two shuffles by default, and the worst of the three.
    assert_eq!(
        systems[..3],
        ["readout", "readout @7", "readout @11"],
        "{systems:?}"
    );
    assert!(systems[3].starts_with("readout worst ("), "{systems:?}");
    assert_eq!(
        systems[4..7],
        ["text-baseline", "text-baseline @7", "text-baseline @11"]
    );
    assert_eq!(systems.len(), 8);
    for report in &reports[..4] {
        close(report, "bcubed_f1", 1.0);
        assert_eq!(report["details"]["predicted_stories"], 2);
    }
    // One order asked for: no worst row.
    let run = readout(&[
        "eval",
        "stories",
        "--gold",
        gold.to_str().unwrap(),
        "--orders",
        "11",
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let systems: Vec<String> = run
        .stdout
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["system"].to_string())
        .collect();
    assert_eq!(systems, ["\"readout @11\"", "\"text-baseline @11\""]);
    let bad = readout(&["eval", "stories", "--orders", "data,seven"]);
    assert_eq!(bad.code, 2, "{}", bad.stderr);
    assert!(bad.stderr.contains("\"seven\""), "{}", bad.stderr);
}

#[test]
fn readout_tags_entities_when_no_predictions_are_given() {
    let gold = data("ner.gold.jsonl");
    let run = readout(&["eval", "ner", "--gold", gold.to_str().unwrap(), "--json"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let v: Value = serde_json::from_str(run.stdout.trim()).unwrap();
    assert_eq!(v["system"], "readout");
    // The embedded model finds the person and both cities of this plain sentence.
    close(&v, "recall", 1.0);
}

#[test]
fn bad_input_and_wrong_use_fail_clearly() {
    // A predictions file that does not exist: exit 1, the file named.
    let gold = data("ner.gold.jsonl");
    let run = readout(&[
        "eval",
        "ner",
        "--gold",
        gold.to_str().unwrap(),
        "--predictions",
        "/nonexistent/pred.jsonl",
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("/nonexistent/pred.jsonl"),
        "{}",
        run.stderr
    );
    // Predictions whose ids name no gold document are reported, and the gold document
    // without a prediction scores as empty.
    let run = readout(&[
        "eval",
        "ner",
        "--gold",
        gold.to_str().unwrap(),
        "--predictions",
        data("stories.gold.jsonl").to_str().unwrap(),
        "--json",
    ]);
    assert!(
        run.code == 1 || run.stdout.contains("\"missing_predictions\""),
        "{}",
        run.stderr
    );
    // Gold that is absent is skipped with a message, not an error.
    let run = readout(&["eval", "times", "--gold", "/nonexistent/timebank"]);
    assert_eq!(run.code, 0);
    assert!(run.stderr.contains("skipped times"), "{}", run.stderr);
    // `all` takes no --gold; --report goes with `all` only.
    assert_eq!(readout(&["eval", "all", "--gold", "x"]).code, 2);
    assert_eq!(readout(&["eval", "ner", "--report"]).code, 2);
}

/// The events readout's eval scores are the events `readout extract` prints for the same
/// text: the eval runs the shipped pipeline (quotations and times included), not a chain
/// of stages of its own. The texts hold a dateline (cut by the pipeline, so spans move), a
/// quotation, and two reports of agreements on different dates, which the time stage keeps
/// apart; an events stage fed entities alone merged them.
#[test]
fn eval_events_predictions_are_what_extract_prints() {
    // Every event, confident or not: the first text's three events are all there.
    let (predicted, events_seen) = eval_and_extract(r#"{"min_event_confidence": 0}"#);
    // The agreements of two dates stay two events (with the signing, three in the first
    // text), and every text gives at least one event, so the comparison compared something.
    assert_eq!(predicted[0]["events"].as_array().unwrap().len(), 3);
    assert!(predicted
        .iter()
        .all(|p| !p["events"].as_array().unwrap().is_empty()));
    assert!(events_seen >= 8, "{events_seen}");
    // The default configuration keeps the confident events only, in both commands alike.
    let (confident, seen) = eval_and_extract("{}");
    assert!(seen < events_seen, "{seen} confident of {events_seen}");
    assert_eq!(confident.len(), predicted.len());
}

/// Runs `readout eval events --save-predictions` and `readout extract` on the same texts
/// with the configuration `config`, checks that they give the same events, and returns the
/// saved predictions and how many events were compared.
fn eval_and_extract(config: &str) -> (Vec<Value>, usize) {
    let gold = data("events.pipeline.jsonl");
    let dir = tempfile::tempdir().unwrap();
    let config_file = dir.path().join("config.json");
    std::fs::write(&config_file, config).unwrap();
    let saved = dir.path().join("saved");
    let run = readout(&[
        "eval",
        "events",
        "--gold",
        gold.to_str().unwrap(),
        "--save-predictions",
        saved.to_str().unwrap(),
        "--config",
        config_file.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let file = std::fs::read_dir(&saved)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.to_string_lossy().ends_with(".readout.jsonl"))
        .expect("saved predictions");
    let predicted: Vec<Value> = std::fs::read_to_string(file)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();

    // The same texts, as a JSON Lines input of `readout extract`.
    let gold_docs: Vec<Value> = std::fs::read_to_string(&gold)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let input = dir.path().join("in.jsonl");
    let lines: Vec<String> = gold_docs
        .iter()
        .map(|d| {
            serde_json::json!({"id": d["id"], "text": d["text"], "published": d["published"]})
                .to_string()
        })
        .collect();
    std::fs::write(&input, lines.join("\n") + "\n").unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_readout"))
        .args([
            "extract",
            "--config",
            config_file.to_str().unwrap(),
            input.to_str().unwrap(),
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let records: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(records.len(), gold_docs.len());
    assert_eq!(predicted.len(), gold_docs.len());

    // An actor as the eval gives it: the words, the code and the sector, for actors with
    // a code.
    let actors = |list: &Value, text_key: &str| -> Vec<Value> {
        list.as_array()
            .unwrap()
            .iter()
            .filter(|a| !a["code"].is_null())
            .map(|a| serde_json::json!([a[text_key], a["code"], a["sector"]]))
            .collect()
    };
    let mut events_seen = 0;
    for ((doc, record), prediction) in gold_docs.iter().zip(&records).zip(&predicted) {
        assert_eq!(record["external_id"], doc["id"]);
        assert_eq!(prediction["id"], doc["id"]);
        let extracted = record["events"].as_array().unwrap();
        let scored = prediction["events"].as_array().unwrap();
        assert_eq!(
            scored.len(),
            extracted.len(),
            "{}: {prediction} vs {extracted:?}",
            doc["id"]
        );
        let cameo = doc["ontology"] == "cameo";
        for (s, e) in scored.iter().zip(extracted) {
            if cameo {
                assert_eq!(s["type"], e["cameo"], "{}", doc["id"]);
            }
            assert_eq!(actors(&s["source"], "text"), actors(&e["source"], "text"));
            assert_eq!(actors(&s["target"], "text"), actors(&e["target"], "text"));
            events_seen += 1;
        }
    }
    (predicted, events_seen)
}
