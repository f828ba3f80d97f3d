//! What the end-to-end tests of the `readout` binary share: running it with arguments and
//! standard input, and writing input files.

#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::Value;

/// What one run of `readout` gave: its records (one JSON value per output line), its
/// standard error and its exit status.
pub struct Run {
    pub records: Vec<Value>,
    pub stderr: String,
    pub code: i32,
}

pub fn readout(args: &[&str], stdin: Option<&[u8]>) -> Run {
    let mut child = Command::new(env!("CARGO_BIN_EXE_readout"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run readout");
    {
        let mut pipe = child.stdin.take().expect("stdin");
        if let Some(bytes) = stdin {
            // A command that fails before reading its input (a usage error) closes the
            // pipe first; that is its answer, not a failure of the test.
            match pipe.write_all(bytes) {
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => {}
                other => other.expect("write stdin"),
            }
        }
    }
    let out = child.wait_with_output().expect("wait for readout");
    let stdout = String::from_utf8(out.stdout).expect("output is UTF-8");
    let records = stdout
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is a JSON record"))
        .collect();
    Run {
        records,
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        code: out.status.code().unwrap_or(-1),
    }
}

pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).expect("create dir");
    }
    std::fs::write(&path, bytes).expect("write file");
    path
}

pub fn s(p: &Path) -> &str {
    p.to_str().expect("utf-8 path")
}
