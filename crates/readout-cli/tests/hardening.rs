//! End-to-end tests of `readout extract` on input that used to lose articles without a
//! trace, on outlets taken from URLs, and on a thread count out of all proportion: every
//! skipped or altered item gets a message naming its file and line.

use serde_json::Value;

mod common;
use common::{readout, s, write};

#[test]
fn wrong_typed_metadata_drops_the_field_not_the_article() {
    let dir = tempfile::tempdir().unwrap();
    let body = concat!(
        r#"{"id": "w-1", "published": 12345, "text": "The council met on Monday."}"#,
        "\n",
        r#"{"id": 6, "title": {}, "text": "The council met on Tuesday."}"#,
        "\n",
        r#"{"id": ["w", 3], "source": 7, "url": false, "text": "The council met on Wednesday.", "language": 1, "byline": [], "published": "2017-02-07"}"#,
        "\n",
    );
    let path = write(dir.path(), "typed.jsonl", body.as_bytes());
    let run = readout(&["extract", s(&path)], None);
    assert_eq!(run.code, 0, "a dropped field is a warning: {}", run.stderr);
    assert_eq!(run.records.len(), 3, "{}", run.stderr);
    let r = &run.records;
    assert_eq!(r[0]["external_id"], "w-1");
    assert!(r[0]["published"].is_null());
    assert_eq!(r[1]["external_id"], "6");
    assert!(r[1]["title"].is_null());
    assert!(r[2]["external_id"].is_null());
    assert!(r[2]["source"].is_null());
    assert_eq!(r[2]["published"]["date"], "2017-02-07");
    assert!(r[2]["text"].as_str().unwrap().contains("Wednesday"));
    let name = s(&path);
    for (line, field) in [
        (1, "published"),
        (2, "title"),
        (3, "id"),
        (3, "source"),
        (3, "url"),
        (3, "language"),
        (3, "byline"),
    ] {
        let want = format!("warning: {name}:{line}: the field \"{field}\" is ");
        assert!(run.stderr.contains(&want), "{want}\n{}", run.stderr);
    }
}

#[test]
fn invalid_utf8_inside_a_jsonl_line_is_decoded_lossily() {
    let dir = tempfile::tempdir().unwrap();
    let mut body = b"{\"id\": \"u-1\", \"text\": \"The bridge reopened.\"}\n".to_vec();
    let second = body.len();
    body.extend_from_slice(
        b"{\"id\": \"u-2\", \"text\": \"Caf\xe9 owners in Z\xfcrich protested.\"}\n",
    );
    let path = write(dir.path(), "latin1.jsonl", &body);
    let run = readout(&["extract", s(&path)], None);
    assert_eq!(run.code, 0, "a warning is not a failure: {}", run.stderr);
    assert_eq!(run.records.len(), 2, "{}", run.stderr);
    let text = run.records[1]["text"].as_str().unwrap();
    assert_eq!(text, "Caf\u{FFFD} owners in Z\u{FFFD}rich protested.");
    let bad = second + b"{\"id\": \"u-2\", \"text\": \"Caf".len();
    let want = format!("warning: {}:2 (byte {bad}): invalid UTF-8", s(&path));
    assert!(run.stderr.contains(&want), "{want}\n{}", run.stderr);
}

#[test]
fn empty_or_blank_text_is_skipped_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let body = concat!(
        r#"{"id": "e-1", "text": ""}"#,
        "\n",
        r#"{"id": "e-2", "text": " \n\t "}"#,
        "\n",
        r#"{"id": "e-3", "text": "The port reopened."}"#,
        "\n",
    );
    let path = write(dir.path(), "blank.jsonl", body.as_bytes());
    let run = readout(&["extract", s(&path)], None);
    assert_eq!(run.records.len(), 1, "{}", run.stderr);
    assert_eq!(run.records[0]["external_id"], "e-3");
    let name = s(&path);
    for line in [1, 2] {
        let want = format!("{name}:{line}: the text is empty or blank; no article");
        assert!(run.stderr.contains(&want), "{want}\n{}", run.stderr);
    }
    assert_eq!(run.code, 0, "a blank text is a warning: {}", run.stderr);
}

#[cfg(unix)]
#[test]
fn a_file_name_that_is_not_utf8_is_read() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let name = std::ffi::OsStr::from_bytes(b"caf\xe9.txt");
    std::fs::write(dir.path().join(name), b"The market reopened on Monday.").unwrap();
    write(dir.path(), "good.txt", b"The bridge reopened on Friday.");
    let run = readout(&["extract", s(dir.path())], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.records.len(), 2, "{}", run.stderr);
    let path = run.records[0]["origin"]["path"].as_str().unwrap();
    assert!(path.ends_with("caf\u{FFFD}.txt"), "{path}");
    assert!(run.records[0]["text"]
        .as_str()
        .unwrap()
        .contains("market reopened"));
}

#[test]
fn outlets_come_from_the_registrable_domain_of_the_url() {
    let body = concat!(
        r#"{"url": "https://www.bbc.co.uk/news/world-1", "text": "The talks resumed."}"#,
        "\n",
        r#"{"url": "https://edition.cnn.com/2017/02/07/x.html", "text": "The talks stalled."}"#,
        "\n",
        r#"{"url": "https://news.example.com.au/a", "source": "Example Wire", "text": "The talks ended."}"#,
        "\n",
        r#"{"url": "not a url", "text": "The talks went on."}"#,
        "\n",
        r#"{"url": "http://203.0.113.9/page", "text": "The talks paused."}"#,
        "\n",
    );
    let run = readout(&["extract"], Some(body.as_bytes()));
    assert_eq!(run.code, 0, "{}", run.stderr);
    let sources: Vec<&Value> = run.records.iter().map(|r| &r["source"]).collect();
    assert_eq!(sources[0], "bbc.co.uk");
    assert_eq!(sources[1], "cnn.com");
    assert_eq!(sources[2], "Example Wire", "a given source is kept");
    assert!(sources[3].is_null());
    assert!(sources[4].is_null(), "an IP address is no outlet");
}

#[test]
fn a_huge_thread_count_is_capped_with_a_warning() {
    let started = std::time::Instant::now();
    let run = readout(
        &["extract", "--threads", "20000"],
        Some(b"The council met on Thursday."),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.records.len(), 1);
    assert!(
        run.stderr.contains("--threads 20000 is more than"),
        "{}",
        run.stderr
    );
    assert!(started.elapsed().as_secs() < 60);
}

#[test]
fn a_page_or_feed_item_with_nothing_in_it_is_skipped_with_a_message() {
    let dir = tempfile::tempdir().unwrap();
    let page = write(
        dir.path(),
        "blank.html",
        b"<html><head><title>Two Words</title></head><body> <p> </p> </body></html>",
    );
    let feed = write(
        dir.path(),
        "wire.rss",
        br#"<?xml version="1.0"?><rss version="2.0"><channel><title>W</title><link>https://w.example</link><description>d</description><item><link>https://w.example/x</link><guid>g1</guid></item><item><title>Headline Only</title><guid>g2</guid></item></channel></rss>"#,
    );
    let run = readout(&["extract", s(&page), s(&feed)], None);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.records.len(), 1, "{}", run.stderr);
    assert_eq!(run.records[0]["title"], "Headline Only");
    let want = format!("{}: the page has no main text; no article", s(&page));
    assert!(run.stderr.contains(&want), "{want}\n{}", run.stderr);
    let want = format!("{}: item 1 has neither a title nor a text", s(&feed));
    assert!(run.stderr.contains(&want), "{want}\n{}", run.stderr);
}
