//! HTML page → article text, metadata and a source map back into the page's bytes.
//!
//! [`extract`] decodes the page (BOM, `<meta charset>`, else UTF-8), finds the article's
//! text, reads the metadata the page declares, and aligns the text against the page's own
//! text nodes so that every copied character can be traced to the raw bytes it came from.
//!
//! # Backends
//!
//! [`extract_with`] chooses who finds the article's text: readout's own extractor
//! ([`Backend::Native`], built on the same single pass that reads the metadata), or the
//! `trafilatura` crate ([`Backend::Trafilatura`], behind the `trafilatura` cargo feature).
//! [`extract`] uses [`Backend::DEFAULT`], the one that measured best in
//! `bench/html-extractors`.
//!
//! # Source maps and encodings
//!
//! Raw offsets in [`HtmlDocument::source_map`] are always offsets into the bytes given to
//! [`extract`]. For a UTF-8 page a linear run's raw bytes equal its text; a run whose
//! lengths differ covers one character reference (`&amp;`) and its raw bytes decode to its
//! text. For a page in another encoding (a `<meta charset>` or BOM says so) the raw bytes
//! are in that encoding: runs are split per character wherever the byte lengths differ, and
//! a run's raw bytes decode, in the page's encoding, to its text.
#![deny(missing_docs)]

mod align;
mod content;
mod decode;
mod entities;
mod native;
mod scan;

use readout_model::SourceMap;

/// An article read from an HTML page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlDocument {
    /// The headline (`og:title`, else JSON-LD `headline`, else `<title>`).
    pub title: Option<String>,
    /// The author(s) as the page names them.
    pub byline: Option<String>,
    /// The publication date as the page states it, unparsed: `article:published_time`,
    /// `itemprop=datePublished`, JSON-LD `datePublished`, else the first `<time datetime>`.
    pub published: Option<String>,
    /// The page's language (`<html lang>`).
    pub language: Option<String>,
    /// The page's own address (`<link rel=canonical>`, else `og:url`).
    pub url: Option<String>,
    /// The publication's name (`og:site_name`, else JSON-LD `publisher.name`).
    pub site_name: Option<String>,
    /// The article text, paragraphs separated by `"\n\n"`.
    pub text: String,
    /// Where the bytes of `text` came from in the raw page.
    pub source_map: SourceMap,
}

/// Why a page could not be read.
#[derive(Debug, thiserror::Error)]
pub enum HtmlError {
    /// The input is empty (or only white space).
    #[error("the page is empty")]
    Empty,
    /// The input does not look like text (NUL bytes or mostly control characters).
    #[error("the page is not text ({0})")]
    NotText(String),
}

/// Which extractor finds the article's text in a page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Backend {
    /// readout's own extractor: one pass over the page, block scoring, no tree library.
    #[default]
    Native,
    /// The `trafilatura` crate with its readability fallback on.
    #[cfg(feature = "trafilatura")]
    Trafilatura,
}

impl Backend {
    /// The backend [`extract`] uses.
    pub const DEFAULT: Backend = Backend::Native;
}

/// Reads the article of one HTML page with [`Backend::DEFAULT`]. `url` is where the page was
/// fetched from, if known.
///
/// A page with no article text is not an error: its [`HtmlDocument::text`] is empty.
pub fn extract(raw: &[u8], url: Option<&str>) -> Result<HtmlDocument, HtmlError> {
    extract_with(raw, url, Backend::DEFAULT)
}

/// Reads the article of one HTML page with the given backend; see [`extract`].
pub fn extract_with(
    raw: &[u8],
    url: Option<&str>,
    backend: Backend,
) -> Result<HtmlDocument, HtmlError> {
    check_text(raw)?;
    let decoded = decode::decode(raw);
    let page = decoded.text.as_str();
    let (stream, meta) = scan::scan(page);
    let text = match backend {
        Backend::Native => native::article_text(&stream),
        #[cfg(feature = "trafilatura")]
        Backend::Trafilatura => content::trafilatura_text(page, &stream, url),
    };
    #[cfg(not(feature = "trafilatura"))]
    let _ = url;
    let local = align::align(&text, &stream, page);
    let mut source_map = SourceMap::default();
    for run in local.runs {
        decoded.push_run(run, &mut source_map);
    }
    let json_ld = content::JsonLd::from_scripts(&meta.json_ld);
    let site_name = meta.site_name.or(json_ld.publisher);
    let title_tag = meta
        .title_tag
        .map(|t| strip_site_suffix(&t, site_name.as_deref()));
    Ok(HtmlDocument {
        title: meta.og_title.clone().or(json_ld.headline).or(title_tag),
        byline: meta.author.or(json_ld.author),
        published: meta
            .published_meta
            .or(meta.itemprop_published)
            .or(json_ld.date_published)
            .or(meta.time_datetime),
        language: meta.language,
        url: meta.canonical.or(meta.og_url),
        site_name,
        text,
        source_map,
    })
}

/// Removes the site's name that `<title>` often appends to the headline ("Storm Hits
/// Coast | The Daily" → "Storm Hits Coast"): a last segment after ` | ` of at most four
/// words, or after any usual separator when it is the site's own name.
fn strip_site_suffix(title: &str, site_name: Option<&str>) -> String {
    let title = title.trim();
    for sep in [" | ", " – ", " — ", " - ", " :: ", " · "] {
        let Some((head, tail)) = title.rsplit_once(sep) else {
            continue;
        };
        let tail = tail.trim();
        let is_site = site_name.is_some_and(|s| s.trim().eq_ignore_ascii_case(tail));
        let short_pipe = sep == " | " && tail.split_whitespace().count() <= 4;
        if !head.trim().is_empty() && (is_site || short_pipe) {
            return head.trim().to_string();
        }
    }
    title.to_string()
}

/// The text of an HTML fragment (a feed item's content): every text node, with a paragraph
/// break at each block element and a line break at each `<br>`, white space folded. No
/// boilerplate is removed, since a fragment is all content.
pub fn fragment_text(raw: &[u8], _url: Option<&str>) -> Result<String, HtmlError> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Ok(String::new());
    }
    check_text(raw)?;
    let decoded = decode::decode(raw);
    let (stream, _) = scan::scan(&decoded.text);
    Ok(content::blocks_text(&stream))
}

/// Rejects input that is empty or clearly binary.
fn check_text(raw: &[u8]) -> Result<(), HtmlError> {
    if raw.iter().all(u8::is_ascii_whitespace) {
        return Err(HtmlError::Empty);
    }
    let sample = &raw[..raw.len().min(4096)];
    let control = sample
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
        .count();
    // UTF-16 pages carry NULs but also a BOM; anything else with this many control bytes is
    // not a page.
    let utf16 = sample.starts_with(&[0xFF, 0xFE]) || sample.starts_with(&[0xFE, 0xFF]);
    if !utf16 && control * 10 > sample.len() {
        return Err(HtmlError::NotText(format!(
            "{control} control bytes in the first {}",
            sample.len()
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every backend this build has.
    const BACKENDS: &[Backend] = &[
        Backend::Native,
        #[cfg(feature = "trafilatura")]
        Backend::Trafilatura,
    ];

    /// Every mapped run's raw bytes, decoded in the page's encoding and then for character
    /// references, equal the text it maps.
    fn check_map(raw: &[u8], doc: &HtmlDocument) {
        let encoding = decode::decode(raw).encoding;
        let mut prev_end = 0;
        for r in &doc.source_map.runs {
            assert!(
                r.text_start >= prev_end && r.text_end > r.text_start,
                "bad run {r:?}"
            );
            prev_end = r.text_end;
            let (raw_text, _) = encoding.decode_without_bom_handling(&raw[r.raw_start..r.raw_end]);
            let text = &doc.text[r.text_start..r.text_end];
            assert_eq!(entities::decode_all(&raw_text), text, "run {r:?}");
        }
    }

    #[test]
    fn reads_article_and_metadata() {
        let page = br#"<!doctype html><html lang="en-GB"><head>
            <title>Fish &amp; chips | The Paper</title>
            <meta property="og:title" content="Fish &amp; chips">
            <meta property="og:site_name" content="The Paper">
            <meta name="author" content="Ann Writer">
            <meta property="article:published_time" content="2024-05-01T10:00:00Z">
            <link rel="canonical" href="https://paper.example/fish">
            </head><body><nav><a href="/">Home</a> <a href="/news">News</a></nav>
            <article><h1>Fish &amp; chips</h1>
            <p>The town&rsquo;s oldest chip shop closed on Tuesday after ninety years of frying, its owners said.</p>
            <p>Customers queued around the block for a last portion of cod &amp; chips, and several said they had eaten there every Friday since childhood.</p>
            <p>The building will become flats, according to plans filed with the council last month by a developer from the city.</p>
            </article><footer>Copyright 2024 The Paper. All rights reserved.</footer></body></html>"#;
        let doc = extract(page, Some("https://paper.example/fish")).unwrap();
        assert_eq!(doc.title.as_deref(), Some("Fish & chips"));
        assert_eq!(doc.byline.as_deref(), Some("Ann Writer"));
        assert_eq!(doc.published.as_deref(), Some("2024-05-01T10:00:00Z"));
        assert_eq!(doc.language.as_deref(), Some("en-GB"));
        assert_eq!(doc.url.as_deref(), Some("https://paper.example/fish"));
        assert_eq!(doc.site_name.as_deref(), Some("The Paper"));
        assert!(doc.text.contains("oldest chip shop"), "{}", doc.text);
        assert!(doc.text.contains("cod & chips"));
        assert!(!doc.text.contains("Copyright"));
        assert!(doc.text.contains("\n\n"), "{:?}", doc.text);
        check_map(page, &doc);
        let at = doc.text.find("cod & chips").unwrap();
        let raw_at = doc.source_map.to_raw(at).unwrap();
        assert!(page[raw_at..].starts_with(b"cod &amp; chips"));
    }

    #[test]
    fn json_ld_and_time_fallbacks() {
        let page = br#"<html><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"NewsArticle","headline":"H",
             "datePublished":"2023-01-02","author":[{"name":"A"},{"name":"B"}],
             "publisher":{"@type":"Organization","name":"Pub"}}]}</script></head>
            <body><time datetime="2020-01-01">x</time><p>Body text.</p></body></html>"#;
        let doc = extract(page, None).unwrap();
        assert_eq!(doc.title.as_deref(), Some("H"));
        assert_eq!(doc.published.as_deref(), Some("2023-01-02"));
        assert_eq!(doc.byline.as_deref(), Some("A, B"));
        assert_eq!(doc.site_name.as_deref(), Some("Pub"));
    }

    #[test]
    fn legacy_encoding_maps_into_raw_bytes() {
        let mut page =
            b"<html><head><meta charset=\"windows-1252\"></head><body><article>".to_vec();
        for _ in 0..5 {
            page.extend_from_slice(b"<p>Le caf\xe9 du coin \x96 ouvert depuis 1920 \x96 a ferm\xe9 ses portes mardi, apr\xe8s un si\xe8cle de service.</p>");
        }
        page.extend_from_slice(b"</article></body></html>");
        let doc = extract(&page, None).unwrap();
        assert!(doc.text.contains("café du coin – ouvert"), "{}", doc.text);
        assert!(!doc.source_map.runs.is_empty());
        check_map(&page, &doc);
    }

    #[test]
    fn hostile_input_never_panics() {
        assert!(matches!(extract(b"", None), Err(HtmlError::Empty)));
        assert!(matches!(extract(b"  \n ", None), Err(HtmlError::Empty)));
        let garbage: Vec<u8> = (0..20_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        assert!(matches!(
            extract(&garbage, None),
            Err(HtmlError::NotText(_))
        ));
        // High bytes without control characters: not HTML, but text; must not panic.
        let high: Vec<u8> = (0..20_000u32)
            .map(|i| 0x80 | (i.wrapping_mul(2_654_435_761) >> 13) as u8)
            .collect();
        let _ = extract(&high, None).unwrap();
        let no_body = extract(
            b"<html><head><title>Only a title</title></head></html>",
            None,
        )
        .unwrap();
        assert_eq!(no_body.title.as_deref(), Some("Only a title"));
        for odd in [
            &b"<"[..],
            b"<<<>>>&&&;;",
            b"<p",
            b"</p></p></div>",
            b"<![CDATA[x",
            b"<script>never closed",
        ] {
            let _ = extract(odd, Some("not a url"));
        }
    }

    #[test]
    fn deep_nesting_is_guarded() {
        let n = 100_000;
        let mut page = String::from("<html><body>");
        page.push_str(&"<div>".repeat(n));
        page.push_str("<p>Deep inside the nest there is a paragraph with quite a few words in it, enough to count as an article body for any extractor.</p>");
        page.push_str(&"</div>".repeat(n));
        page.push_str("</body></html>");
        let page = std::sync::Arc::new(page);
        for &backend in BACKENDS {
            let page = page.clone();
            // On a thread with the default test stack, as a caller would run it.
            let doc = std::thread::spawn(move || extract_with(page.as_bytes(), None, backend))
                .join()
                .expect("no stack overflow")
                .unwrap();
            assert!(
                doc.text.is_empty() || doc.text.contains("Deep inside"),
                "{backend:?}: {}",
                doc.text
            );
        }
    }

    /// A news page with the usual boilerplate around its article.
    #[test]
    fn title_tag_loses_the_site_suffix() {
        assert_eq!(
            strip_site_suffix("Storm Hits Coast | The Daily", None),
            "Storm Hits Coast"
        );
        assert_eq!(
            strip_site_suffix("Talks - Day Two - Harbour Post", Some("Harbour Post")),
            "Talks - Day Two"
        );
        assert_eq!(
            strip_site_suffix("Anti-war March - A Report From the Square", None),
            "Anti-war March - A Report From the Square"
        );
        assert_eq!(strip_site_suffix("| Only Site", None), "| Only Site");
        assert_eq!(
            strip_site_suffix("Markets | Stocks Slide as Rates Rise Again Today", None),
            "Markets | Stocks Slide as Rates Rise Again Today"
        );
    }

    const NEWS_PAGE: &str = r##"<!doctype html><html><head><title>Bridge | Daily</title></head>
        <body class="has-sidebar">
        <header class="site-header"><a href="/">Daily</a>
          <nav><ul><li><a href="/world">World</a></li><li><a href="/politics">Politics</a></li>
          <li><a href="/business">Business</a></li><li><a href="/sport">Sport</a></li></ul></nav>
        </header>
        <div class="cookie-banner">We use cookies to improve your experience on our site.
          By continuing you agree to our use of cookies.</div>
        <main><article>
          <h1>Old bridge to close for repairs</h1>
          <div class="byline">By Sam Reporter</div>
          <div class="article-body">
            <p>The old river bridge will close for six months from March while engineers replace
            its rusting steel supports, the city council said on Monday.</p>
            <div class="ad-slot"><span>Advertisement</span></div>
            <p>Drivers will be sent on a detour through the northern ring road, which the council
            expects to add about fifteen minutes to a journey across town at peak times.</p>
            <h2>Traffic plans</h2>
            <p>Buses will keep running on a temporary lane, and a free shuttle will carry people
            on foot and on bicycles across the water every ten minutes during the day.</p>
            <figure><img src="b.jpg"><figcaption>The bridge in 1920. Photo: Archive</figcaption></figure>
            <p>Work is expected to finish in September, when the bridge will reopen with a new
            cycle path on its eastern side and wider pavements for people on foot.</p>
            <div class="share-tools"><a href="#">Share on Facebook</a> <a href="#">Share on X</a></div>
          </div>
        </article>
        <section class="related-stories"><h2>Related</h2><ul>
          <li><a href="/a">Council approves new budget for the roads and the city's bridges next year</a></li>
          <li><a href="/b">Ring road works to start in the spring after years of delays and protests</a></li>
        </ul></section>
        <div id="comments"><div class="comment"><p>This bridge has needed work for years and the
          council should have started long ago instead of waiting until it was nearly too late to
          do anything about the rust, which anyone walking across it could see.</p></div></div>
        </main>
        <footer><p>Copyright 2024 Daily Media Ltd. All rights reserved.</p>
          <a href="/about">About us</a> <a href="/contact">Contact</a></footer>
        </body></html>"##;

    #[test]
    fn native_finds_the_article_and_drops_boilerplate() {
        let doc = extract_with(NEWS_PAGE.as_bytes(), None, Backend::Native).unwrap();
        let text = &doc.text;
        for kept in [
            "The old river bridge will close",
            "northern ring road",
            "Traffic plans",
            "free shuttle",
            "new cycle path",
        ] {
            assert!(text.contains(kept), "{kept:?} missing from {text:?}");
        }
        for dropped in [
            "Politics",
            "cookies",
            "Old bridge to close",
            "Sam Reporter",
            "Advertisement",
            "Photo: Archive",
            "Share on",
            "Council approves",
            "needed work for years",
            "Copyright",
        ] {
            assert!(!text.contains(dropped), "{dropped:?} kept in {text:?}");
        }
        assert_eq!(text.matches("\n\n").count(), 4, "{text:?}");
        check_map(NEWS_PAGE.as_bytes(), &doc);
        let at = text.find("free shuttle").unwrap();
        let raw_at = doc.source_map.to_raw(at).unwrap();
        assert!(NEWS_PAGE.as_bytes()[raw_at..].starts_with(b"free shuttle"));
    }

    #[test]
    fn native_handles_broken_markup() {
        // Unclosed paragraphs and list items, stray end tags, an inline tag inside a word,
        // hidden text and a page with no block elements at all.
        let page = "<body><div class=story><p>First paragraph of the story, which has quite a \
            few words in it to be counted as content by the extractor.<p>Second par<b>a</b>graph, \
            also long enough to count as content in a story like this one.</span></div></div>\
            <span hidden>secret words</span><ul><li>one<li>two</ul></body>";
        let doc = extract_with(page.as_bytes(), None, Backend::Native).unwrap();
        assert!(doc.text.contains("Second paragraph, also"), "{}", doc.text);
        assert!(doc.text.contains("\n\nSecond"), "{:?}", doc.text);
        assert!(!doc.text.contains("secret"), "{}", doc.text);
        check_map(page.as_bytes(), &doc);
        let plain = extract_with(b"just some words", None, Backend::Native).unwrap();
        assert_eq!(plain.text, "just some words");
        check_map(b"just some words", &plain);
    }

    #[test]
    fn fragment_text_keeps_everything() {
        let t = fragment_text(
            b"<p>One &amp; two.</p><ul><li>three</li><li>four<br>five</li></ul>",
            None,
        )
        .unwrap();
        assert_eq!(t, "One & two.\n\nthree\n\nfour\nfive");
        assert_eq!(fragment_text(b"", None).unwrap(), "");
    }

    #[test]
    fn every_benchmark_page_has_text_and_a_true_map() {
        let dir = std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared"))
            .join("gold/article-extraction/html");
        if !dir.is_dir() {
            println!("SKIPPED every_benchmark_page_has_text_and_a_true_map: {} is absent (shared data not installed)", dir.display());
            return;
        }
        let mut pages = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let mut raw = Vec::new();
            std::io::Read::read_to_end(
                &mut flate2::read::GzDecoder::new(std::fs::File::open(&path).unwrap()),
                &mut raw,
            )
            .unwrap();
            for &backend in BACKENDS {
                let doc = extract_with(&raw, None, backend).unwrap();
                assert!(
                    !doc.text.trim().is_empty(),
                    "{backend:?}: no text for {}",
                    path.display()
                );
                assert!(
                    !doc.source_map.runs.is_empty(),
                    "{backend:?}: no map for {}",
                    path.display()
                );
                check_map(&raw, &doc);
            }
            pages += 1;
        }
        assert_eq!(pages, 181);
    }
}
