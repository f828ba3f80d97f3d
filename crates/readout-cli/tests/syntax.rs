//! `readout train syntax` and the `syntax_model` setting end to end: a model trained on a
//! few hand-written sentences is written, read back by a pipeline configured with it, and
//! its parse shown with `--tokens`; a model file that is none is a clear error.

use serde_json::Value;

mod common;
use common::{readout, s};

/// A tiny treebank in CoNLL-U, written for this test: enough for the trainer to learn that
/// a name before a verb is its subject.
const TREEBANK: &str = "\
# sent_id = t1
1\tAnna\tAnna\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tsigned\tsign\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\tdeal\tdeal\tNOUN\tNN\t_\t2\tobj\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

# sent_id = t2
1\tCarl\tCarl\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\tenvoy\tenvoy\tNOUN\tNN\t_\t2\tobj\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

# sent_id = t3
1\tMira\tMira\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tsigned\tsign\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\ttreaty\ttreaty\tNOUN\tNN\t_\t2\tobj\t_\tSpaceAfter=No
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

";

#[test]
fn a_trained_model_is_used_by_a_pipeline_configured_with_it() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["en_ewt-ud-train.conllu", "en_ewt-ud-dev.conllu"] {
        std::fs::write(dir.path().join(name), TREEBANK).unwrap();
    }
    let model = dir.path().join("tiny.model");
    let run = readout(
        &[
            "train",
            "syntax",
            "--ud",
            s(dir.path()),
            "--out",
            s(&model),
            "--folds",
            "0",
            // Pruning is for a large treebank; on three sentences it would leave nothing.
            "--tag-min",
            "0",
            "--parse-min",
            "0",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("dev: UPOS"), "{}", run.stderr);
    let size = std::fs::metadata(&model).unwrap().len();
    // The tiny model is far smaller than the embedded one, so the pipeline below cannot be
    // parsing with the embedded model by mistake.
    assert!(size > 0 && size < 100_000, "{size} bytes");

    let config = dir.path().join("config.json");
    std::fs::write(
        &config,
        serde_json::json!({ "syntax_model": model }).to_string(),
    )
    .unwrap();
    let run = readout(
        &["extract", "--tokens", "--config", s(&config), "-"],
        Some(b"Anna signed the deal.\n"),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    let record = run.records.first().expect("a record");
    let tokens = record["sentences"][0]["tokens"].as_array().expect("tokens");
    let arcs: Vec<(String, Value, String)> = tokens
        .iter()
        .map(|t| {
            (
                t["text"].as_str().unwrap().to_string(),
                t["head"].clone(),
                t["deprel"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    assert_eq!(arcs[0], ("Anna".into(), Value::from(1), "nsubj".into()));
    assert_eq!(arcs[1], ("signed".into(), Value::Null, "root".into()));
    assert_eq!(arcs[3], ("deal".into(), Value::from(1), "obj".into()));
    assert_eq!(tokens[1]["lemma"], "sign");
}

#[test]
fn a_model_file_that_is_none_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("not.model");
    std::fs::write(&model, b"hello").unwrap();
    let config = dir.path().join("config.json");
    std::fs::write(
        &config,
        serde_json::json!({ "syntax_model": model }).to_string(),
    )
    .unwrap();
    let run = readout(&["extract", "--config", s(&config), "-"], Some(b"Text.\n"));
    assert_ne!(run.code, 0);
    assert!(run.stderr.contains("not.model"), "{}", run.stderr);
    assert!(
        run.stderr.contains("not a readout syntax model"),
        "{}",
        run.stderr
    );
}
