//! One very large article costs memory linear in its size with a small factor, because the
//! analysing stages read at most `max_analysed_bytes` of it (`docs/performance.md` gives the
//! bound this checks). The test is alone in its file so that no other test's child runs
//! beside the one it measures.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

/// Varied news-like paragraphs, about `bytes` long in all.
fn long_article(bytes: usize) -> String {
    const PLACES: [&str; 6] = ["Oslo", "Lisbon", "Nairobi", "Quito", "Hanoi", "Tbilisi"];
    const DAYS: [&str; 5] = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];
    let mut text = String::with_capacity(bytes + 512);
    let mut i = 0usize;
    while text.len() < bytes {
        let place = PLACES[i % PLACES.len()];
        let day = DAYS[i % DAYS.len()];
        text.push_str(&format!(
            "The minister met union leaders in {place} on {day}, paragraph {i} of the report \
             says. \"We will reopen the port within {} days,\" she told reporters after the \
             talks. Officials said {} ships were waiting offshore.\n\n",
            i % 30 + 1,
            i % 90 + 10
        ));
        i += 1;
    }
    text
}

/// The peak resident memory (VmHWM) of a running process, in bytes.
fn peak_rss(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

#[test]
fn a_30_megabyte_article_stays_under_the_documented_memory_bound() {
    if !Path::new("/proc/self/status").exists() {
        eprintln!("skipped: no /proc to read the child's peak memory from");
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let text = long_article(30_000_000);
    let line = serde_json::json!({ "id": "long-1", "text": text }).to_string();
    let path = dir.path().join("long.jsonl");
    std::fs::write(&path, format!("{line}\n")).unwrap();
    let item = line.len() as u64;

    let mut child = Command::new(env!("CARGO_BIN_EXE_readout"))
        .arg("extract")
        .arg(&path)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run readout");
    // VmHWM only grows, so the last reading before the process ends is its peak to within
    // what the final few milliseconds add.
    let mut peak = 0;
    let status = loop {
        if let Some(rss) = peak_rss(child.id()) {
            peak = peak.max(rss);
        }
        if let Some(status) = child.try_wait().expect("wait for readout") {
            break status;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let mut stderr = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut stderr).unwrap();
    assert!(status.success(), "{stderr}");
    assert!(
        stderr.contains(&format!("{}:1 (byte 0): the text is ", path.display())),
        "the cut is reported: {stderr}"
    );
    // The documented bound: 135 MiB, plus five times the item's size.
    let bound = 135 * 1024 * 1024 + 5 * item;
    let mib = |b: u64| b / (1024 * 1024);
    eprintln!(
        "peak RSS {} MiB for a {} MB item",
        mib(peak),
        item / 1_000_000
    );
    assert!(peak > 0, "no memory reading");
    assert!(
        peak < bound,
        "peak RSS {} MiB is over the bound of {} MiB",
        mib(peak),
        mib(bound)
    );
}
