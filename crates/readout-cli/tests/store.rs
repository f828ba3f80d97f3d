//! The store under misuse: queries where nothing can be written, exit statuses of
//! failures, and searches for ordinary words.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn readout() -> Command {
    Command::new(env!("CARGO_BIN_EXE_readout"))
}

/// A store of `examples/two-events.jsonl` in `dir`.
fn store(dir: &Path) -> PathBuf {
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/two-events.jsonl");
    let db = dir.join("store.db");
    let out = readout()
        .arg("ingest")
        .arg(&input)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    db
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// `readout ARGS` as a user who cannot write `dir`: root writes through permissions, so a
/// root test runs the command as `nobody` with `setpriv`.
fn as_reader(args: &[&std::ffi::OsStr]) -> Option<Output> {
    let root = std::process::Command::new("id")
        .arg("-u")
        .output()
        .map(|o| o.stdout.starts_with(b"0\n"))
        .unwrap_or(false);
    let mut command = if root {
        let found = Command::new("setpriv").arg("--version").output().is_ok();
        if !found {
            return None;
        }
        let mut c = Command::new("setpriv");
        c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
            .arg(env!("CARGO_BIN_EXE_readout"));
        c
    } else {
        readout()
    };
    Some(command.args(args).output().unwrap())
}

#[test]
fn a_database_in_a_read_only_directory_serves_every_query_and_export() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let db = store(&data);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    set_mode(&out, 0o777);
    set_mode(dir.path(), 0o755);
    set_mode(&db, 0o444);
    set_mode(&data, 0o555);
    let before = (listing(&data), std::fs::read(&db).unwrap());
    let queries: &[&[&str]] = &[
        &["search", "Macron"],
        &["events"],
        &["quotes"],
        &["stories", "--full"],
        &["timeline", "--actor", "FRA"],
        &["claims"],
        &[
            "export",
            "--format",
            "gdelt",
            "--out",
            out.to_str().unwrap(),
        ],
        &[
            "export",
            "--format",
            "parquet",
            "--out",
            out.to_str().unwrap(),
        ],
    ];
    for args in queries {
        let mut full: Vec<&std::ffi::OsStr> = args.iter().map(|a| a.as_ref()).collect();
        full.extend([std::ffi::OsStr::new("--db"), db.as_os_str()]);
        let Some(run) = as_reader(&full) else {
            eprintln!(
                "skipped: running as root without setpriv, a read-only directory cannot be made"
            );
            return;
        };
        assert!(
            run.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&run.stderr)
        );
        assert!(!run.stdout.is_empty() || args[0] == "export", "{args:?}");
        assert_eq!(listing(&data), before.0, "{args:?} left files behind");
        assert!(
            std::fs::read(&db).unwrap() == before.1,
            "{args:?} changed the file"
        );
    }
    set_mode(&data, 0o755);
}

fn run(args: &[&str], db: &Path) -> Output {
    readout().args(args).arg("--db").arg(db).output().unwrap()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

#[test]
fn failures_of_the_store_exit_with_3_and_wrong_commands_with_2() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.db");
    let no_db = run(&["events"], &missing);
    assert_eq!(no_db.status.code(), Some(3), "{}", stderr(&no_db));
    assert!(stderr(&no_db).contains("no such database"));
    assert!(!missing.exists());
    let no_dir = dir.path().join("nowhere/store.db");
    let input = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/wire.jsonl");
    let cannot_write = readout()
        .arg("ingest")
        .arg(&input)
        .arg("--db")
        .arg(&no_dir)
        .output()
        .unwrap();
    assert_eq!(
        cannot_write.status.code(),
        Some(3),
        "{}",
        stderr(&cannot_write)
    );
    let db = store(dir.path());
    let blocker = dir.path().join("a-file");
    std::fs::write(&blocker, "not a directory").unwrap();
    let export = run(
        &[
            "export",
            "--format",
            "plover",
            "--out",
            blocker.to_str().unwrap(),
        ],
        &db,
    );
    assert_eq!(export.status.code(), Some(3), "{}", stderr(&export));
    let unbalanced = run(&["search", "--fts", "\"Macron"], &db);
    assert_eq!(unbalanced.status.code(), Some(2), "{}", stderr(&unbalanced));
    assert!(
        stderr(&unbalanced).contains("bad search query"),
        "{}",
        stderr(&unbalanced)
    );
    let long: Vec<String> = (0..300).map(|i| format!("call{i}")).collect();
    let too_long = run(&["search", &long.join(" ")], &db);
    assert_eq!(too_long.status.code(), Some(2), "{}", stderr(&too_long));
    assert!(
        stderr(&too_long).contains("too long"),
        "{}",
        stderr(&too_long)
    );
    // One word 300 times is one word; in FTS5 syntax it is refused.
    let repeated = vec!["call"; 300].join(" ");
    let once = run(&["search", &repeated], &db);
    assert_eq!(once.status.code(), Some(0), "{}", stderr(&once));
    let refused = run(&["search", "--fts", "call call call"], &db);
    assert_eq!(refused.status.code(), Some(2), "{}", stderr(&refused));
    assert!(stderr(&refused).contains("repeats"), "{}", stderr(&refused));
    let bad_argument = run(&["stories", "--min-articles", "many"], &db);
    assert_eq!(bad_argument.status.code(), Some(2));
}

#[test]
fn ordinary_words_are_found_and_fts_syntax_is_asked_for() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    let articles = [
        (
            "Minister O'Brien resigns",
            "Mr O'Brien left office on Monday.",
        ),
        ("U.S. trade", "The U.S. raised tariffs on steel on Monday."),
        (
            "Talks in Pyongyang",
            "Kim Jong-un met envoys in Pyongyang on Monday.",
        ),
        ("Memorial", "The 9/11 memorial opened a new hall on Monday."),
    ];
    let lines: Vec<String> = articles
        .iter()
        .map(|(title, text)| {
            serde_json::json!({"title": title, "text": text, "published": "2024-01-08"}).to_string()
        })
        .collect();
    std::fs::write(&input, lines.join("\n")).unwrap();
    let db = dir.path().join("store.db");
    let out = readout()
        .arg("ingest")
        .arg(&input)
        .arg("--db")
        .arg(&db)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", stderr(&out));
    let titles = |args: &[&str]| -> Vec<String> {
        let out = run(&[args, &["--format", "jsonl"]].concat(), &db);
        assert!(out.status.success(), "{args:?}: {}", stderr(&out));
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["title"].to_string())
            .collect()
    };
    assert_eq!(
        titles(&["search", "O'Brien"]),
        ["\"Minister O'Brien resigns\""]
    );
    assert_eq!(titles(&["search", "U.S."]), ["\"U.S. trade\""]);
    assert_eq!(
        titles(&["search", "Kim Jong-un"]),
        ["\"Talks in Pyongyang\""]
    );
    assert_eq!(titles(&["search", "9/11"]), ["\"Memorial\""]);
    assert_eq!(titles(&["search", "Monday steel"]), ["\"U.S. trade\""]);
    let either = titles(&["search", "--fts", "steel OR memorial"]);
    assert_eq!(either.len(), 2, "{either:?}");
}
