//! Runs every candidate HTML article extractor, and both of readout's backends, over the
//! article-extraction benchmark, one page after the other on one thread, and prints a
//! markdown table of precision, recall, F1, speed and empty outputs.
//!
//! Usage: `html-extractors-bench [BENCHMARK_DIR] [--only NAME] [--dump DIR]`.

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

use readout_eval::html::{evaluate_html, load_html_benchmark, HtmlGoldPage, HtmlReport};

type Extractor = Box<dyn Fn(&[u8], Option<&str>) -> String>;

/// The pages as text for the crates that take `&str`. Every benchmark page is UTF-8; a page
/// that is not would be decoded lossily, the same way for every candidate.
fn as_str(raw: &[u8]) -> std::borrow::Cow<'_, str> {
    String::from_utf8_lossy(raw)
}

fn candidates() -> Vec<(&'static str, &'static str, Extractor)> {
    let mut out: Vec<(&'static str, &'static str, Extractor)> = Vec::new();
    out.push((
        "readout-html native",
        "workspace (Backend::Native)",
        Box::new(|raw, url| {
            readout_html::extract_with(raw, url, readout_html::Backend::Native)
                .map(|d| d.text)
                .unwrap_or_default()
        }),
    ));
    out.push((
        "readout-html trafilatura",
        "workspace (Backend::Trafilatura, trafilatura 0.6.0)",
        Box::new(|raw, url| {
            readout_html::extract_with(raw, url, readout_html::Backend::Trafilatura)
                .map(|d| d.text)
                .unwrap_or_default()
        }),
    ));
    out.push((
        "trafilatura",
        "0.6.0",
        Box::new(|raw, url| {
            let mut opts = trafilatura::Options::default();
            if let Some(u) = url.and_then(|u| url::Url::parse(u).ok()) {
                opts = opts.with_url(u);
            }
            trafilatura::extract(&as_str(raw), &opts)
                .map(|r| r.content_text)
                .unwrap_or_default()
        }),
    ));
    out.push((
        "trafilatura (fallback on)",
        "0.6.0",
        Box::new(|raw, url| {
            let mut opts = trafilatura::Options::default().with_fallback(true);
            if let Some(u) = url.and_then(|u| url::Url::parse(u).ok()) {
                opts = opts.with_url(u);
            }
            trafilatura::extract(&as_str(raw), &opts)
                .map(|r| r.content_text)
                .unwrap_or_default()
        }),
    ));
    out.push((
        "rs-trafilatura",
        "0.2.2",
        Box::new(|raw, url| {
            let opts = rs_trafilatura::Options {
                url: url.map(str::to_string),
                ..rs_trafilatura::Options::default()
            };
            rs_trafilatura::extract_bytes_with_options(raw, &opts)
                .map(|r| r.content_text)
                .unwrap_or_default()
        }),
    ));
    out.push((
        "libreadability",
        "0.3.0",
        Box::new(|raw, url| {
            let html = as_str(raw);
            libreadability::extract(&html, url)
                .or_else(|_| libreadability::extract(&html, None))
                .map(|a| a.text_content)
                .unwrap_or_default()
        }),
    ));
    out.push((
        "dom_smoothie (text_mode Raw)",
        "0.19.0",
        Box::new(|raw, url| dom_smoothie_text(raw, url, dom_smoothie::TextMode::Raw)),
    ));
    out.push((
        "dom_smoothie (text_mode Formatted)",
        "0.19.0",
        Box::new(|raw, url| dom_smoothie_text(raw, url, dom_smoothie::TextMode::Formatted)),
    ));
    out
}

fn dom_smoothie_text(raw: &[u8], url: Option<&str>, mode: dom_smoothie::TextMode) -> String {
    let cfg = dom_smoothie::Config {
        text_mode: mode,
        ..Default::default()
    };
    let html = as_str(raw).into_owned();
    // A URL the crate rejects (it wants an absolute one) is retried without it.
    let reader = dom_smoothie::Readability::new(html.as_str(), url, Some(cfg.clone()))
        .or_else(|_| dom_smoothie::Readability::new(html.as_str(), None, Some(cfg)));
    match reader {
        Ok(mut r) => r.parse().map(|a| a.text_content.to_string()).unwrap_or_default(),
        Err(_) => String::new(),
    }
}

fn main() {
    let mut args = std::env::args().skip(1);
    let mut dir = PathBuf::from("../../../shared/gold/article-extraction");
    let mut only: Option<String> = None;
    let mut dump: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--only" => only = args.next(),
            "--dump" => dump = args.next().map(PathBuf::from),
            _ => dir = PathBuf::from(a),
        }
    }
    let pages = match load_html_benchmark(&dir) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    eprintln!("{} pages from {}", pages.len(), dir.display());
    println!("| extractor | version | precision | recall | F1 | pages/s | empty outputs | panics |");
    println!("|---|---|---|---|---|---|---|---|");
    for (name, version, f) in candidates() {
        if only.as_deref().is_some_and(|o| !name.contains(o)) {
            continue;
        }
        let panics = std::cell::Cell::new(0usize);
        let guarded = |raw: &[u8], url: Option<&str>| {
            catch_unwind(AssertUnwindSafe(|| f(raw, url))).unwrap_or_else(|_| {
                panics.set(panics.get() + 1);
                String::new()
            })
        };
        let report = evaluate_html(&pages, guarded);
        println!(
            "| {name} | {version} | {:.3} | {:.3} | **{:.3}** | {:.0} | {} | {} |",
            report.precision,
            report.recall,
            report.f1,
            report.pages_per_second,
            report.empty_outputs,
            panics.get()
        );
        if let Some(d) = &dump {
            write_dump(d, name, &pages, &report);
        }
    }
    if only.as_deref().is_none_or(|o| "readout-html native".contains(o)) {
        print_coverage(&pages);
    }
}

/// How much of readout-html's text its source map traces back to the page: the share of
/// non-white-space text bytes inside a mapped run.
fn print_coverage(pages: &[HtmlGoldPage]) {
    let (mut mapped, mut total) = (0usize, 0usize);
    for page in pages {
        let Ok(doc) = readout_html::extract(&page.html, page.url.as_deref()) else {
            continue;
        };
        let mut covered = vec![false; doc.text.len()];
        for r in &doc.source_map.runs {
            covered[r.text_start..r.text_end].iter_mut().for_each(|c| *c = true);
        }
        for (i, b) in doc.text.bytes().enumerate() {
            if !b.is_ascii_whitespace() {
                total += 1;
                mapped += usize::from(covered[i]);
            }
        }
    }
    println!();
    println!(
        "readout-html source map: {:.2} % of non-white-space text bytes mapped ({mapped} of {total})",
        100.0 * mapped as f64 / total.max(1) as f64
    );
}

/// Writes one line per page (id, precision, recall, milliseconds) and each output, for
/// looking at where an extractor loses.
fn write_dump(dir: &Path, name: &str, pages: &[HtmlGoldPage], report: &HtmlReport) {
    let sub = dir.join(name.replace([' ', '(', ')'], "_"));
    if std::fs::create_dir_all(&sub).is_err() {
        return;
    }
    let mut lines = String::new();
    for (page, r) in pages.iter().zip(&report.per_page) {
        lines.push_str(&format!(
            "{}\t{:.3}\t{:.3}\t{:.2}\n",
            page.id,
            r.score.precision,
            r.score.recall,
            r.elapsed.as_secs_f64() * 1000.0
        ));
        let _ = std::fs::write(sub.join(format!("{}.txt", page.id)), &r.predicted);
        let _ = std::fs::write(sub.join(format!("{}.expected.txt", page.id)), &page.expected);
    }
    let _ = std::fs::write(sub.join("scores.tsv"), lines);
}
