//! Snapshot tests: the whole record of every example article in `examples/` is compared
//! with the one checked in under `tests/snapshots/`. A change to the record shows up here
//! as a diff to review; `UPDATE_SNAPSHOTS=1 cargo test -p readout-cli --test snapshots`
//! rewrites them after a deliberate change.

use std::path::Path;
use std::process::Command;

#[test]
fn example_records_match_snapshots() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let snapshots = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/snapshots");
    let mut examples: Vec<_> = std::fs::read_dir(root.join("examples"))
        .expect("examples folder")
        .map(|e| {
            e.expect("entry")
                .file_name()
                .into_string()
                .expect("utf-8 name")
        })
        .collect();
    examples.sort();
    assert!(examples.len() >= 4, "examples are missing");
    let update = std::env::var_os("UPDATE_SNAPSHOTS").is_some();
    let mut stale = Vec::new();
    for name in examples {
        let out = Command::new(env!("CARGO_BIN_EXE_readout"))
            .current_dir(&root)
            .args([
                "extract",
                "--tokens",
                "--pretty",
                "--published",
                "2024-05-01",
            ])
            .arg(format!("examples/{name}"))
            .output()
            .expect("run readout");
        assert!(
            out.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let got = String::from_utf8(out.stdout).expect("utf-8 output");
        let path = snapshots.join(format!("{name}.jsonl"));
        if update {
            std::fs::create_dir_all(&snapshots).expect("snapshot folder");
            std::fs::write(&path, &got).expect("write snapshot");
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if want != got {
            stale.push(name);
        }
    }
    assert!(
        stale.is_empty(),
        "records differ from their snapshots for {stale:?}; review with \
         `readout extract --tokens --pretty --published 2024-05-01 examples/NAME` and rewrite \
         with UPDATE_SNAPSHOTS=1 cargo test -p readout-cli --test snapshots"
    );
}
