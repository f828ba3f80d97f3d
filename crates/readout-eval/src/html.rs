//! HTML → article text: the article-extraction benchmark (181 real pages with the article
//! body a person marked on each) and its shingle metric.
//!
//! # The metric
//!
//! Both texts are split into tokens, the maximal runs of word characters (`\w+`: a
//! character is a word character when it is alphanumeric in Unicode or `_`). Each text
//! becomes the multiset of its 4-token shingles (contiguous token windows). A text of one to
//! three tokens has exactly one, shorter shingle made of all its tokens, and an empty text
//! (no tokens) has none; this is what the benchmark's own `evaluate.py` does.
//!
//! Per page, `tp` counts shingles in both multisets (the minimum of the two counts), `fp`
//! those only predicted, `fn` those only expected. The three are divided by their sum, so
//! that every page weighs the same whatever its length. Per page precision and recall are
//! then, following `evaluate.py`:
//!
//! * both empty (`fp = fn = 0`, which includes `tp = 0`): precision = recall = 1;
//! * otherwise precision = `tp / (tp + fp)`, or 0 when `tp + fp = 0` (nothing predicted);
//! * otherwise recall = `tp / (tp + fn)`, or 0 when `tp + fn = 0` (nothing expected).
//!
//! Precision and recall of a run are the means of the per-page values, and
//! F1 = 2PR / (P + R) (0 when P + R = 0).

use std::collections::HashMap;
use std::io::Read;
use std::path::Path;
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::{align_by_id, Dataset, EvalError, TaskReport};

/// Tokens per shingle.
const SHINGLE: usize = 4;

/// One page of the benchmark. Its serde form is the task's plain JSONL format,
/// `{"id", "url", "html", "text"}`; predictions need only `{"id", "text"}`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HtmlGoldPage {
    /// The page's identifier (the SHA-256 the benchmark names it by).
    #[serde(default)]
    pub id: String,
    /// The address the page was fetched from, when the benchmark gives one.
    #[serde(default)]
    pub url: Option<String>,
    /// The page's raw bytes, as fetched (gunzipped). JSON carries them as a string, so a
    /// page that is not UTF-8 is written with replacement characters.
    #[serde(default, with = "lossy_text")]
    pub html: Vec<u8>,
    /// The article body the annotator marked (in predictions, the extractor's output).
    #[serde(rename = "text", default)]
    pub expected: String,
}

/// Raw page bytes as a JSON string.
mod lossy_text {
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&String::from_utf8_lossy(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<u8>, D::Error> {
        Ok(String::deserialize(d)?.into_bytes())
    }
}

/// The data set scored by default, relative to the gold root.
pub const DEFAULT_GOLD: &[&str] = &["article-extraction"];

/// Loads gold pages: the benchmark's folder (see [`load_html_benchmark`]) or a plain JSONL
/// file of `{"id", "url", "html", "text"}` (a line without an id gets its line number).
pub fn load(path: &Path) -> Result<Vec<Dataset<HtmlGoldPage>>, EvalError> {
    if crate::is_jsonl(path) {
        let documents = read_predictions(path)?;
        if let Some(page) = documents.iter().find(|p| p.html.is_empty()) {
            return Err(EvalError::format(
                path,
                format!("page {} has no \"html\"", page.id),
            ));
        }
        return Ok(vec![Dataset {
            name: crate::plain_dataset_name(path),
            documents,
            problems: Vec::new(),
        }]);
    }
    Ok(vec![Dataset {
        name: crate::plain_dataset_name(path),
        documents: load_html_benchmark(path)?,
        problems: Vec::new(),
    }])
}

/// Reads pages in the plain JSONL format; for predictions only `id` and `text` matter.
pub fn read_predictions(path: &Path) -> Result<Vec<HtmlGoldPage>, EvalError> {
    crate::read_documents(path, |d: &mut HtmlGoldPage| &mut d.id)
}

/// Scores saved predictions (their `text`) against the gold pages, matched by id.
pub fn score(gold: &Dataset<HtmlGoldPage>, predicted: &[HtmlGoldPage], system: &str) -> TaskReport {
    let aligned = align_by_id(&gold.documents, |g| &g.id, predicted, |p| &p.id);
    let missing = aligned.missing();
    let unknown = aligned.unknown.len();
    let texts: HashMap<&str, &str> = aligned
        .pairs
        .iter()
        .filter_map(|(g, p)| p.map(|p| (g.id.as_str(), p.expected.as_str())))
        .collect();
    let report = evaluate_html_pages(&gold.documents, |page| {
        texts
            .get(page.id.as_str())
            .copied()
            .unwrap_or_default()
            .to_string()
    });
    let mut out = to_task_report(&report, &gold.name, system);
    out.seconds = 0.0;
    out.detail("missing_predictions", missing)
        .detail("unknown_predictions", unknown);
    out
}

/// The [`TaskReport`] of a run: `precision`, `recall`, `f1`, with the pages whose output
/// was empty as a detail and the extractor's time as `seconds`.
pub fn to_task_report(report: &HtmlReport, dataset: &str, system: &str) -> TaskReport {
    let mut out = TaskReport::new("html", dataset, system, report.pages);
    out.metric("precision", report.precision)
        .metric("recall", report.recall)
        .metric("f1", report.f1)
        .detail("empty_outputs", report.empty_outputs);
    out.seconds = report.seconds;
    out
}

/// Loads the benchmark in `dir`: `dir/ground-truth.json` (`{id: {"articleBody", "url"}}`)
/// and `dir/html/ID.html.gz` for every id in it. Pages are sorted by id.
pub fn load_html_benchmark(dir: &Path) -> Result<Vec<HtmlGoldPage>, EvalError> {
    let truth_path = dir.join("ground-truth.json");
    let truth_bytes = std::fs::read(&truth_path).map_err(|source| EvalError::Io {
        path: truth_path.clone(),
        source,
    })?;
    let truth: HashMap<String, serde_json::Value> =
        serde_json::from_slice(&truth_bytes).map_err(|source| EvalError::Json {
            path: truth_path.clone(),
            source,
        })?;
    let mut pages = Vec::with_capacity(truth.len());
    for (id, entry) in truth {
        let expected = entry
            .get("articleBody")
            .and_then(|v| v.as_str())
            .ok_or_else(|| EvalError::Format {
                path: truth_path.clone(),
                message: format!("entry {id} has no string \"articleBody\""),
            })?
            .to_string();
        let url = entry
            .get("url")
            .and_then(|v| v.as_str())
            .map(str::to_string);
        let html_path = dir.join("html").join(format!("{id}.html.gz"));
        let file = std::fs::File::open(&html_path).map_err(|source| EvalError::Io {
            path: html_path.clone(),
            source,
        })?;
        let mut html = Vec::new();
        flate2::read::GzDecoder::new(file)
            .read_to_end(&mut html)
            .map_err(|source| EvalError::Io {
                path: html_path.clone(),
                source,
            })?;
        pages.push(HtmlGoldPage {
            id,
            url,
            html,
            expected,
        });
    }
    pages.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(pages)
}

/// The score of one page; `tp + fp + fn_ = 1` unless both texts are empty (then all are 0).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageScore {
    /// Share of shingles found in both texts.
    pub tp: f64,
    /// Share of shingles only in the predicted text.
    pub fp: f64,
    /// Share of shingles only in the expected text.
    pub fn_: f64,
    /// Per-page precision (see the module documentation for empty texts).
    pub precision: f64,
    /// Per-page recall (see the module documentation for empty texts).
    pub recall: f64,
}

/// The `\w+` tokens of `text`.
fn tokens(text: &str) -> Vec<&str> {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    text.split(|c: char| !is_word(c))
        .filter(|t| !t.is_empty())
        .collect()
}

/// The multiset of shingles of a token list, keyed by the shingle's tokens.
fn shingles<'a, 'b>(tokens: &'b [&'a str]) -> HashMap<&'b [&'a str], u32> {
    let mut out: HashMap<&[&str], u32> = HashMap::new();
    if tokens.is_empty() {
        return out;
    }
    if tokens.len() < SHINGLE {
        out.insert(tokens, 1);
        return out;
    }
    for window in tokens.windows(SHINGLE) {
        *out.entry(window).or_insert(0) += 1;
    }
    out
}

/// Scores one predicted text against the expected one.
pub fn score_page(predicted: &str, expected: &str) -> PageScore {
    let pred_tokens = tokens(predicted);
    let exp_tokens = tokens(expected);
    let pred = shingles(&pred_tokens);
    let exp = shingles(&exp_tokens);
    let (mut tp, mut fp, mut fn_) = (0u64, 0u64, 0u64);
    for (key, &p) in &pred {
        let e = exp.get(key).copied().unwrap_or(0);
        tp += u64::from(p.min(e));
        fp += u64::from(p.saturating_sub(e));
    }
    for (key, &e) in &exp {
        let p = pred.get(key).copied().unwrap_or(0);
        fn_ += u64::from(e.saturating_sub(p));
    }
    let sum = (tp + fp + fn_) as f64;
    let (tp, fp, fn_) = if sum > 0.0 {
        (tp as f64 / sum, fp as f64 / sum, fn_ as f64 / sum)
    } else {
        (0.0, 0.0, 0.0)
    };
    let both_empty = fp == 0.0 && fn_ == 0.0;
    let precision = if both_empty {
        1.0
    } else if tp + fp == 0.0 {
        0.0
    } else {
        tp / (tp + fp)
    };
    let recall = if both_empty {
        1.0
    } else if tp + fn_ == 0.0 {
        0.0
    } else {
        tp / (tp + fn_)
    };
    PageScore {
        tp,
        fp,
        fn_,
        precision,
        recall,
    }
}

/// Precision, recall and F1 over pages.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Aggregate {
    /// Mean per-page precision.
    pub precision: f64,
    /// Mean per-page recall.
    pub recall: f64,
    /// 2PR / (P + R), 0 when both are 0.
    pub f1: f64,
    /// Number of pages.
    pub pages: usize,
}

/// Averages page scores (all zero for no pages).
pub fn aggregate(scores: &[PageScore]) -> Aggregate {
    let pages = scores.len();
    if pages == 0 {
        return Aggregate {
            precision: 0.0,
            recall: 0.0,
            f1: 0.0,
            pages,
        };
    }
    let precision = scores.iter().map(|s| s.precision).sum::<f64>() / pages as f64;
    let recall = scores.iter().map(|s| s.recall).sum::<f64>() / pages as f64;
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Aggregate {
        precision,
        recall,
        f1,
        pages,
    }
}

/// The outcome on one page of a run.
#[derive(Debug, Clone)]
pub struct HtmlPageResult {
    /// The page's identifier.
    pub id: String,
    /// Its score.
    pub score: PageScore,
    /// The extractor's output.
    pub predicted: String,
    /// How long the extractor took on it.
    pub elapsed: Duration,
}

/// The outcome of running one extractor over the benchmark.
#[derive(Debug, Clone)]
pub struct HtmlReport {
    /// Mean per-page precision.
    pub precision: f64,
    /// Mean per-page recall.
    pub recall: f64,
    /// 2PR / (P + R).
    pub f1: f64,
    /// Number of pages.
    pub pages: usize,
    /// Pages whose output has no word character.
    pub empty_outputs: usize,
    /// Seconds spent inside the extractor, summed over pages (scoring excluded).
    pub seconds: f64,
    /// `pages / seconds`.
    pub pages_per_second: f64,
    /// Per-page results, in the order of the pages given.
    pub per_page: Vec<HtmlPageResult>,
}

/// Runs `extractor(html, url)` on every page, one after the other on this thread, and
/// scores its output. Only the extractor calls are timed.
pub fn evaluate_html(
    pages: &[HtmlGoldPage],
    extractor: impl Fn(&[u8], Option<&str>) -> String,
) -> HtmlReport {
    evaluate_html_pages(pages, |page| extractor(&page.html, page.url.as_deref()))
}

/// Like [`evaluate_html`], with a function that sees the whole gold page (its id as well as
/// its HTML): what scoring a peer's saved predictions needs.
pub fn evaluate_html_pages(
    pages: &[HtmlGoldPage],
    extractor: impl Fn(&HtmlGoldPage) -> String,
) -> HtmlReport {
    let mut per_page = Vec::with_capacity(pages.len());
    let mut total = Duration::ZERO;
    for page in pages {
        let start = Instant::now();
        let predicted = extractor(page);
        let elapsed = start.elapsed();
        total += elapsed;
        per_page.push(HtmlPageResult {
            id: page.id.clone(),
            score: score_page(&predicted, &page.expected),
            predicted,
            elapsed,
        });
    }
    let scores: Vec<PageScore> = per_page.iter().map(|p| p.score).collect();
    let agg = aggregate(&scores);
    let seconds = total.as_secs_f64();
    HtmlReport {
        precision: agg.precision,
        recall: agg.recall,
        f1: agg.f1,
        pages: agg.pages,
        empty_outputs: per_page
            .iter()
            .filter(|p| tokens(&p.predicted).is_empty())
            .count(),
        seconds,
        pages_per_second: if seconds > 0.0 {
            pages.len() as f64 / seconds
        } else {
            0.0
        },
        per_page,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-12
    }

    #[test]
    fn tokens_are_unicode_word_runs() {
        assert_eq!(
            tokens("Ça va, l'été—2024_x! Привет"),
            vec!["Ça", "va", "l", "été", "2024_x", "Привет"]
        );
    }

    #[test]
    fn identical_texts_score_one() {
        let s = score_page(
            "the cat sat on the mat today",
            "the cat sat on the mat today",
        );
        assert!(close(s.tp, 1.0) && close(s.fp, 0.0) && close(s.fn_, 0.0));
        assert!(close(s.precision, 1.0) && close(s.recall, 1.0));
    }

    #[test]
    fn disjoint_texts_score_zero() {
        let s = score_page("a b c d e", "v w x y z");
        // Two predicted shingles, two expected ones, none shared: fp = fn = 2/4.
        assert!(close(s.tp, 0.0) && close(s.fp, 0.5) && close(s.fn_, 0.5));
        assert!(close(s.precision, 0.0) && close(s.recall, 0.0));
    }

    #[test]
    fn partial_overlap_by_hand() {
        // Predicted tokens a b c d e f: shingles abcd bcde cdef (3).
        // Expected tokens  b c d e f g h: shingles bcde cdef defg efgh (4).
        // Shared: bcde, cdef → tp = 2, fp = 1, fn = 2; sum 5.
        let s = score_page("a b c d e f", "b c d e f g h");
        assert!(close(s.tp, 0.4) && close(s.fp, 0.2) && close(s.fn_, 0.4));
        assert!(close(s.precision, 2.0 / 3.0));
        assert!(close(s.recall, 0.5));
        // Repeated shingles count as a multiset: "a b c d a b c d" has abcd twice.
        let r = score_page("a b c d a b c d", "a b c d");
        // Predicted: abcd ×2, bcda, cdab, dabc (5); expected: abcd (1).
        // tp = 1, fp = 4, fn = 0.
        assert!(close(r.precision, 0.2) && close(r.recall, 1.0));
        let agg = aggregate(&[s, r]);
        let p = (2.0 / 3.0 + 0.2) / 2.0;
        let rc = (0.5 + 1.0) / 2.0;
        assert!(close(agg.precision, p) && close(agg.recall, rc));
        assert!(close(agg.f1, 2.0 * p * rc / (p + rc)));
    }

    #[test]
    fn empty_texts() {
        let pred_empty = score_page("", "some expected article text here");
        assert!(close(pred_empty.precision, 0.0) && close(pred_empty.recall, 0.0));
        assert!(close(pred_empty.fn_, 1.0));
        let exp_empty = score_page("some predicted text here", "  ... ");
        assert!(close(exp_empty.precision, 0.0) && close(exp_empty.recall, 0.0));
        assert!(close(exp_empty.fp, 1.0));
        // Nothing expected and nothing predicted is a perfect answer.
        let both = score_page("!!", "");
        assert!(close(both.precision, 1.0) && close(both.recall, 1.0));
    }

    #[test]
    fn short_texts_form_one_shingle() {
        // Fewer than four tokens: the whole token list is one shingle.
        let same = score_page("hello world", "hello, world!");
        assert!(close(same.precision, 1.0) && close(same.recall, 1.0));
        // "hello" vs "hello world": different single shingles, no match.
        let diff = score_page("hello", "hello world");
        assert!(close(diff.precision, 0.0) && close(diff.recall, 0.0));
        // A short text never matches a shingle of a long one.
        let part = score_page("a b c", "a b c d");
        assert!(close(part.tp, 0.0));
    }

    #[test]
    fn evaluate_times_and_counts_empty_outputs() {
        let pages = vec![
            HtmlGoldPage {
                id: "1".into(),
                url: Some("https://example.org/1".into()),
                html: b"<p>one two three four five</p>".to_vec(),
                expected: "one two three four five".into(),
            },
            HtmlGoldPage {
                id: "2".into(),
                url: None,
                html: b"<p>x</p>".to_vec(),
                expected: "six seven eight nine".into(),
            },
        ];
        let report = evaluate_html(&pages, |html, url| {
            if url.is_some() {
                String::from_utf8_lossy(&html[3..html.len() - 4]).into_owned()
            } else {
                String::new()
            }
        });
        assert_eq!(report.pages, 2);
        assert_eq!(report.empty_outputs, 1);
        assert!(close(report.precision, 0.5) && close(report.recall, 0.5));
        assert!(close(report.f1, 0.5));
        assert!(report.seconds >= 0.0);
    }

    #[test]
    fn loads_the_real_benchmark() {
        let dir = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
            .join("gold/article-extraction");
        if !dir.is_dir() {
            println!(
                "SKIPPED loads_the_real_benchmark: {} is absent (shared data not installed)",
                dir.display()
            );
            return;
        }
        let pages = load_html_benchmark(&dir).expect("benchmark loads");
        assert_eq!(pages.len(), 181);
        assert!(pages.iter().all(|p| !p.html.is_empty()));
        assert!(pages.iter().all(|p| !p.expected.trim().is_empty()));
        // The gold text scored against itself is perfect.
        let report = evaluate_html(&pages[..5], |_, _| String::new());
        assert!(close(report.recall, 0.0));
        let by_id: HashMap<&str, &str> = pages
            .iter()
            .map(|p| (p.id.as_str(), p.expected.as_str()))
            .collect();
        let s = score_page(by_id[pages[0].id.as_str()], &pages[0].expected);
        assert!(close(s.precision, 1.0));
    }

    #[test]
    fn plain_jsonl_round_trip_scores_one_and_a_dropped_page_scores_less() {
        let pages = vec![
            HtmlGoldPage {
                id: "a".into(),
                url: None,
                html: b"<p>alpha beta gamma delta epsilon</p>".to_vec(),
                expected: "alpha beta gamma delta epsilon".into(),
            },
            HtmlGoldPage {
                id: "b".into(),
                url: Some("https://example.org/b".into()),
                html: b"<p>zeta eta theta iota</p>".to_vec(),
                expected: "zeta eta theta iota".into(),
            },
        ];
        let path = std::env::temp_dir().join(format!("readout-html-{}.jsonl", std::process::id()));
        crate::write_jsonl(&path, &pages).unwrap();
        let gold = load(&path).unwrap().remove(0);
        assert_eq!(gold.documents, pages);
        let perfect = score(&gold, &gold.documents, "gold");
        assert_eq!(perfect.get("f1"), Some(1.0));
        // Only page "a" predicted: page "b" scores 0, so P = R = 0.5.
        let half = score(&gold, &gold.documents[..1], "half");
        assert!(close(half.get("precision").unwrap(), 0.5));
        assert_eq!(half.details["missing_predictions"], 1);
        // A line without an id takes its line number.
        std::fs::write(&path, "{\"text\": \"x\"}\n\n{\"text\": \"y\"}\n").unwrap();
        let ids: Vec<String> = read_predictions(&path)
            .unwrap()
            .into_iter()
            .map(|p| p.id)
            .collect();
        assert_eq!(ids, ["1", "3"]);
        std::fs::remove_file(&path).ok();
    }

    #[test]
    fn missing_directory_names_the_file() {
        let err = load_html_benchmark(Path::new("/nonexistent/bench")).unwrap_err();
        assert!(err
            .to_string()
            .contains("/nonexistent/bench/ground-truth.json"));
    }
}
