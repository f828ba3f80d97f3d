//! End-to-end tests of `readout extract` on every input format and on bad input: each bad
//! item gets a message naming the file and line or byte offset, the run goes on with the
//! next item, and the exit status says whether anything failed.

use std::io::Write;
use std::process::{Command, Stdio};

use flate2::write::GzEncoder;
use serde_json::Value;

mod common;
use common::{readout, s, write};

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut enc = GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(bytes).expect("gzip");
    enc.finish().expect("gzip")
}

const GOOD_TEXT: &str = "Harbour Strike Ends After Nine Days\n\nOSLO (Reuters) - Dock workers in Oslo returned to work on Monday, the union said.\n\nThe strike had halted exports.\n";

#[test]
fn plain_text_file_with_headline_and_dateline() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "a.txt", GOOD_TEXT.as_bytes());
    let run = readout(&["extract", s(&path)], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.records.len(), 1);
    let r = &run.records[0];
    assert_eq!(r["title"], "Harbour Strike Ends After Nine Days");
    assert_eq!(r["dateline"]["place"], "OSLO");
    assert_eq!(r["dateline"]["agency"], "Reuters");
    let text = r["text"].as_str().unwrap();
    assert!(text.starts_with("Dock workers in Oslo"), "{text}");
    // The source map points back into the file: the text's first byte is the 'D' of "Dock".
    let raw = GOOD_TEXT.find("Dock").unwrap();
    assert_eq!(r["source_map"]["runs"][0]["raw_start"], raw);
    assert_eq!(r["origin"]["format"], "text");
}

#[test]
fn stdin_and_published_option() {
    let run = readout(
        &["extract", "--published", "2024-02-29"],
        Some(b"The council met on Thursday. It voted to close the bridge."),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.records.len(), 1);
    assert_eq!(run.records[0]["published"]["iso"], "2024-02-29");
    assert_eq!(run.records[0]["published"]["source"], "option");
    assert_eq!(run.records[0]["origin"]["path"], "-");
}

#[test]
fn bad_published_option_is_a_usage_error() {
    let run = readout(&["extract", "--published", "next Thursday"], Some(b"Text."));
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("next Thursday"), "{}", run.stderr);
}

#[test]
fn bad_query_dates_are_usage_errors_naming_the_value() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("store.db");
    for (command, option, value) in [
        ("events", "--since", "2018-02-30"),
        ("events", "--until", "' OR 1=1 --"),
        ("stories", "--since", "2018-13"),
        ("events", "--type", "CONSULTS"),
    ] {
        let run = readout(&[command, "--db", s(&db), option, value], None);
        assert_eq!(run.code, 2, "{command} {option} {value}: {}", run.stderr);
        assert!(run.stderr.contains(value), "{}", run.stderr);
    }
}

#[test]
fn jsonl_with_a_malformed_line_among_good_ones() {
    let dir = tempfile::tempdir().unwrap();
    let body = concat!(
        r#"{"id": "x-1", "title": "One", "published": "2017-02-07", "source": "example.org", "text": "First article.", "extra": [1, 2]}"#,
        "\n",
        r#"{"id": "x-2", "text": "broken"#,
        "\n\n",
        r#"{"id": 3, "title": "Three", "text": "Third article.", "published": "2017-02-09T10:00:00+01:00"}"#,
        "\n",
        r#"{"id": "x-4", "title": "No text"}"#,
        "\n",
        r#"["not", "an", "object"]"#,
        "\n"
    );
    let path = write(dir.path(), "corpus.jsonl", body.as_bytes());
    let run = readout(&["extract", s(&path)], None);
    assert_eq!(run.code, 1, "a skipped line is a failure");
    let ids: Vec<&str> = run
        .records
        .iter()
        .map(|r| r["external_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, vec!["x-1", "3"]);
    assert_eq!(run.records[1]["published"]["utc_offset"], "+01:00");
    assert_eq!(run.records[0]["origin"]["line"], 1);
    assert_eq!(run.records[1]["origin"]["line"], 4);
    let name = s(&path);
    assert!(run.stderr.contains(&format!("{name}:2:")), "{}", run.stderr);
    assert!(run.stderr.contains(&format!("{name}:5:")), "{}", run.stderr);
    assert!(run.stderr.contains(&format!("{name}:6:")), "{}", run.stderr);
    assert!(run.stderr.contains("no \"text\" field"), "{}", run.stderr);
}

#[test]
fn binary_file_is_skipped_and_the_run_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let bin = write(
        dir.path(),
        "blob.txt",
        &[0u8, 159, 146, 150, 0, 1, 2, 3, 255],
    );
    let good = write(dir.path(), "good.txt", b"The bridge reopened on Friday.");
    let run = readout(&["extract", s(&bin), s(&good)], None);
    assert_eq!(run.code, 1);
    assert_eq!(run.records.len(), 1);
    assert!(run.stderr.contains(s(&bin)), "{}", run.stderr);
    assert!(run.stderr.contains("binary"), "{}", run.stderr);
}

#[test]
fn invalid_utf8_is_decoded_lossily_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(
        dir.path(),
        "latin1.txt",
        b"Caf\xe9 owners in Z\xfcrich protested.",
    );
    let run = readout(&["extract", s(&path)], None);
    assert_eq!(run.code, 0, "a warning is not a failure: {}", run.stderr);
    assert_eq!(run.records.len(), 1);
    assert!(run.records[0]["text"]
        .as_str()
        .unwrap()
        .contains('\u{FFFD}'));
    assert!(run.stderr.contains("warning"), "{}", run.stderr);
    assert!(run.stderr.contains("(byte 3)"), "{}", run.stderr);
}

#[test]
fn empty_file_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let path = write(dir.path(), "empty.txt", b"");
    let run = readout(&["extract", s(&path)], None);
    assert!(run.records.is_empty());
    assert!(run.stderr.contains(s(&path)), "{}", run.stderr);
    assert!(run.stderr.contains("empty"), "{}", run.stderr);
}

#[test]
fn hundred_megabyte_file_without_newline_is_refused_without_reading_it_all() {
    let dir = tempfile::tempdir().unwrap();
    let big = vec![b'a'; 100 * 1024 * 1024];
    let text = write(dir.path(), "huge.txt", &big);
    let jsonl = write(dir.path(), "huge.jsonl", &big);
    let good = write(dir.path(), "good.txt", b"Rain fell in the capital.");
    let started = std::time::Instant::now();
    let run = readout(&["extract", s(&text), s(&jsonl), s(&good)], None);
    assert_eq!(run.code, 1);
    assert_eq!(
        run.records.len(),
        1,
        "the good file after them is still read"
    );
    assert!(
        run.stderr
            .contains(&format!("{}: the file is larger", s(&text))),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains(&format!("{}:1: the line is larger", s(&jsonl))),
        "{}",
        run.stderr
    );
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn truncated_gzip_keeps_what_came_before() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for i in 0..2000 {
        lines.push_str(&format!(
            "{{\"id\": \"g-{i}\", \"text\": \"Article number {i} reports that the river rose by {i} centimetres overnight.\"}}\n"
        ));
    }
    let gz = gzip(lines.as_bytes());
    let cut = &gz[..gz.len() / 2];
    let path = write(dir.path(), "cut.jsonl.gz", cut);
    let good = write(dir.path(), "after.txt", b"A second file is still read.");
    let run = readout(&["extract", s(&path), s(&good)], None);
    assert_eq!(run.code, 1);
    assert!(run.records.len() > 100, "articles before the cut are kept");
    assert!(run.records.len() < 2001);
    assert_eq!(
        run.records.last().unwrap()["text"],
        "A second file is still read."
    );
    assert!(run.stderr.contains(s(&path)), "{}", run.stderr);
    assert!(
        run.stderr.contains("truncated or corrupt"),
        "{}",
        run.stderr
    );

    // A whole gzipped JSONL file reads completely.
    let whole = write(dir.path(), "whole.jsonl.gz", &gz);
    let run = readout(&["extract", s(&whole)], None);
    assert_eq!((run.code, run.records.len()), (0, 2000), "{}", run.stderr);
}

fn warc_record(kind: &str, uri: &str, content_type: &str, payload: &[u8]) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Date: 2024-05-01T12:00:00Z\r\nWARC-Record-ID: <urn:uuid:{kind}-{}>\r\nWARC-Target-URI: {uri}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\r\n",
        uri.len(),
        payload.len()
    )
    .into_bytes();
    out.extend_from_slice(payload);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// The offset just past the blank line that ends an HTTP header block.
fn memchr_crlf2(bytes: &[u8]) -> usize {
    bytes
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .expect("header end")
        + 4
}

fn http_page(title: &str, body: &str) -> Vec<u8> {
    let html = format!(
        "<!doctype html><html lang=\"en\"><head><title>{title}</title><meta property=\"article:published_time\" content=\"2024-04-30T08:15:00+02:00\"></head><body><article><h1>{title}</h1><p>{body}</p><p>{body} The committee will report again next month, officials said on Tuesday.</p></article></body></html>"
    );
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    )
    .into_bytes()
}

#[test]
fn warc_responses_become_articles_and_truncation_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let mut warc = Vec::new();
    warc.extend(warc_record(
        "warcinfo",
        "",
        "application/warc-fields",
        b"software: test\r\n",
    ));
    warc.extend(warc_record(
        "request",
        "https://news.example/a",
        "application/http; msgtype=request",
        b"GET /a HTTP/1.1\r\n\r\n",
    ));
    warc.extend(warc_record(
        "response",
        "https://news.example/a",
        "application/http; msgtype=response",
        &http_page("Flood Barriers Raised", "Engineers raised the flood barriers along the river on Monday as water levels climbed."),
    ));
    warc.extend(warc_record(
        "response",
        "https://news.example/b",
        "application/http; msgtype=response",
        &http_page("Ferry Service Resumes", "The ferry service between the islands resumed on Wednesday after repairs to the pier were finished."),
    ));
    // A body stored gzipped and chunked, as some crawlers keep it.
    let page = http_page(
        "Power Restored in North",
        "Crews restored power to most homes in the north on Thursday after the storm.",
    );
    let split = memchr_crlf2(&page);
    let zipped = gzip(&page[split..]);
    let mut coded = String::from_utf8_lossy(&page[..split - 2])
        .replace("Content-Length", "X-Old-Length")
        .into_bytes();
    coded.extend_from_slice(b"Content-Encoding: gzip\r\nTransfer-Encoding: chunked\r\n\r\n");
    let half = zipped.len() / 2;
    for chunk in [&zipped[..half], &zipped[half..]] {
        coded.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        coded.extend_from_slice(chunk);
        coded.extend_from_slice(b"\r\n");
    }
    coded.extend_from_slice(b"0\r\n\r\n");
    let mut with_coded = warc.clone();
    with_coded.extend(warc_record(
        "response",
        "https://news.example/c",
        "application/http; msgtype=response",
        &coded,
    ));
    let path = write(dir.path(), "coded.warc", &with_coded);
    let run = readout(&["extract", s(&path)], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.records.len(), 3);
    assert!(run.records[2]["text"]
        .as_str()
        .unwrap()
        .contains("Crews restored power"));
    assert!(
        run.records[2]["source_map"].is_null(),
        "no map into a coded body"
    );

    let path = write(dir.path(), "crawl.warc.gz", &gzip(&warc));
    let run = readout(&["extract", s(&path)], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.records.len(), 2);
    assert_eq!(run.records[0]["url"], "https://news.example/a");
    assert_eq!(run.records[0]["origin"]["format"], "warc");
    assert!(run.records[0]["text"]
        .as_str()
        .unwrap()
        .contains("flood barriers"));
    assert_eq!(
        run.records[1]["published"]["iso"],
        "2024-04-30T08:15:00+02:00"
    );

    // Cut inside the last record: the first article survives, the cut is reported with the
    // byte offset of the record it fell in.
    let cut_at = warc.len() - 40;
    let path = write(dir.path(), "cut.warc", &warc[..cut_at]);
    let run = readout(&["extract", s(&path)], None);
    assert_eq!(run.code, 1);
    assert_eq!(run.records.len(), 1);
    assert!(run.stderr.contains("record truncated"), "{}", run.stderr);
    assert!(run.stderr.contains("(byte "), "{}", run.stderr);
}

#[test]
fn feeds_rss_and_atom_and_an_empty_one() {
    let dir = tempfile::tempdir().unwrap();
    let rss = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Example Wire</title><link>https://wire.example</link><description>d</description>
<item><title>Port Reopens</title><link>https://wire.example/port</link><pubDate>Tue, 07 Feb 2017 09:30:00 +0000</pubDate><description>&lt;p&gt;The port reopened on Tuesday after a two-day closure.&lt;/p&gt;</description><guid>port-1</guid></item>
<item><title>Bridge Closed</title><link>https://wire.example/bridge</link><guid>bridge-2</guid></item>
</channel></rss>"#;
    let atom = r#"<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Atom Desk</title><id>urn:desk</id><updated>2017-02-07T10:00:00Z</updated>
<entry><title>Talks Resume</title><id>urn:talks</id><link href="https://desk.example/talks"/><updated>2017-02-08T11:00:00Z</updated><content type="html">&lt;p&gt;Negotiators resumed talks in Vienna on Wednesday.&lt;/p&gt;</content></entry></feed>"#;
    let empty = r#"<?xml version="1.0"?><rss version="2.0"><channel><title>Nothing</title><link>https://none.example</link><description>d</description></channel></rss>"#;
    let rss_path = write(dir.path(), "wire.rss", rss.as_bytes());
    let atom_path = write(dir.path(), "desk.xml", atom.as_bytes());
    let empty_path = write(dir.path(), "empty-feed.xml", empty.as_bytes());
    let run = readout(
        &["extract", s(&rss_path), s(&atom_path), s(&empty_path)],
        None,
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.records.len(), 3);
    assert_eq!(run.records[0]["title"], "Port Reopens");
    assert_eq!(run.records[0]["url"], "https://wire.example/port");
    assert_eq!(
        run.records[0]["published"]["iso"],
        "2017-02-07T09:30:00+00:00"
    );
    assert!(run.records[0]["text"]
        .as_str()
        .unwrap()
        .contains("The port reopened"));
    assert_eq!(
        run.records[1]["text"], "",
        "an item without content keeps its link and title"
    );
    assert_eq!(run.records[2]["url"], "https://desk.example/talks");
    assert!(run.records[2]["text"]
        .as_str()
        .unwrap()
        .contains("Negotiators resumed"));
    assert!(run.stderr.contains(s(&empty_path)), "{}", run.stderr);
    assert!(
        run.stderr.contains("a feed with no items"),
        "{}",
        run.stderr
    );
}

#[test]
fn html_nested_100000_deep_does_not_crash() {
    let dir = tempfile::tempdir().unwrap();
    let mut html = String::from("<html><body>");
    html.push_str(&"<div>".repeat(100_000));
    html.push_str("<p>Deep inside, the text is still news about the council vote on Monday.</p>");
    html.push_str(&"</div>".repeat(100_000));
    html.push_str("</body></html>");
    let deep = write(dir.path(), "deep.html", html.as_bytes());
    let good = write(dir.path(), "good.txt", b"The vote passed.");
    let run = readout(&["extract", s(&deep), s(&good)], None);
    assert!(run.code == 0 || run.code == 1, "no crash: {}", run.stderr);
    assert_eq!(run.records.last().unwrap()["text"], "The vote passed.");
}

#[test]
fn directories_are_read_recursively_in_name_order() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "b/second.txt", b"The second report.");
    write(dir.path(), "a/first.txt", b"The first report.");
    write(
        dir.path(),
        "a/notes.bin",
        b"\0\0 not read: unknown extension",
    );
    write(
        dir.path(),
        "c/third.jsonl",
        br#"{"text": "The third report."}"#,
    );
    let run = readout(&["extract", s(dir.path())], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let texts: Vec<&str> = run
        .records
        .iter()
        .map(|r| r["text"].as_str().unwrap())
        .collect();
    assert_eq!(
        texts,
        vec![
            "The first report.",
            "The second report.",
            "The third report."
        ]
    );
}

#[test]
fn missing_file_is_an_error_and_others_still_run() {
    let dir = tempfile::tempdir().unwrap();
    let good = write(dir.path(), "good.txt", b"Still read.");
    let missing = dir.path().join("nope.txt");
    let run = readout(&["extract", s(&missing), s(&good)], None);
    assert_eq!(run.code, 1);
    assert_eq!(run.records.len(), 1);
    assert!(run.stderr.contains(s(&missing)), "{}", run.stderr);
}

#[test]
fn output_order_is_input_order_whatever_the_threads() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = String::new();
    for i in 0..1500 {
        lines.push_str(&format!(
            "{{\"id\": \"o-{i}\", \"text\": \"Report {i}. It is short.\"}}\n"
        ));
    }
    let path = write(dir.path(), "many.jsonl", lines.as_bytes());
    let one = readout(&["extract", "--threads", "1", s(&path)], None);
    let many = readout(&["extract", "--threads", "4", s(&path)], None);
    assert_eq!(one.records.len(), 1500);
    assert_eq!(one.records, many.records);
}

#[test]
fn json_format_is_one_array() {
    let out = Command::new(env!("CARGO_BIN_EXE_readout"))
        .args(["extract", "--format", "json", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .and_then(|mut c| {
            c.stdin.take().unwrap().write_all(b"One.\n\n---\n\nTwo.")?;
            c.wait_with_output()
        })
        .unwrap();
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v.as_array().map(Vec::len), Some(2));
}
