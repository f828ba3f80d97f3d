//! `readout actors`: the registry an ingest fills, listed and filtered (invented people).

mod common;

use common::{readout, s, write};
use serde_json::json;

const ARTICLES: &str = r#"{"id": "1", "title": "Talks in Nairobi", "published": "2031-09-01", "source": "example.org", "text": "Kenyan President William Odhiambo met Ugandan officials in Nairobi on Monday. Odhiambo said the talks went well."}
{"id": "2", "title": "More talks", "published": "2031-09-04", "source": "example.net", "text": "Odhiambo met Tanzanian officials in Arusha on Thursday, his office said."}
"#;

#[test]
fn the_registry_lists_what_the_articles_taught_it() {
    let dir = tempfile::tempdir().unwrap();
    let input = write(dir.path(), "in.jsonl", ARTICLES.as_bytes());
    let db = dir.path().join("store.db");
    let db = s(&db);
    let run = readout(&["ingest", s(&input), "--db", db], None);
    assert_eq!(run.code, 0, "{}", run.stderr);

    let run = readout(&["actors", "--db", db, "--format", "jsonl"], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let odhiambo: Vec<_> = run
        .records
        .iter()
        .filter(|r| r["name"].as_str().is_some_and(|n| n.contains("Odhiambo")))
        .collect();
    // Article 2 names him without a role: it takes the registry's code and is not counted.
    assert_eq!(
        odhiambo,
        [
            &json!({"name": "William Odhiambo", "country": "KEN", "sector": "GOV",
                 "articles": 1, "first_seen": "2031-09-01", "last_seen": "2031-09-01",
                 "source": "role"})
        ]
    );

    // The filter is a literal part of the name, case aside; a table is the default.
    let run = readout(
        &[
            "actors", "--db", db, "--name", "ODHIAMBO", "--format", "jsonl",
        ],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.records.len(), 1);
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
        .args(["actors", "--db", db, "--name", "odh%"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let table = String::from_utf8(out.stdout).unwrap();
    assert!(!table.contains("Odhiambo"), "{table}");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
        .args(["actors", "--db", db, "--format", "csv", "--limit", "1"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    assert!(
        csv.starts_with("name,country,sector,articles,first_seen,last_seen,source\n"),
        "{csv}"
    );
    assert_eq!(csv.lines().count(), 2, "{csv}");
}
