//! HTML pages, through `readout-html`.

use readout_model::{Article, Origin, Published};

use crate::date::published_or_warn;
use crate::{IngestError, Ingested, Location};

/// An HTML page read but not yet extracted. Extraction is the costly part of reading
/// HTML, so a pipeline receives pages as they are and extracts them on its worker threads.
#[derive(Debug)]
pub struct Page {
    /// Where the page is, for messages.
    pub at: Location,
    /// The raw page bytes.
    pub raw: Vec<u8>,
    /// The page's URL, when the input gives it (a WARC target URI).
    pub url: Option<String>,
    /// The page's byte offset in its input, when the source map can point there.
    pub raw_base: Option<usize>,
    /// Where the article comes from.
    pub origin: Origin,
    /// The identifier the input gives the page (a WARC record id).
    pub external_id: Option<String>,
    /// A capture date to fall back on when the page states none.
    pub crawl_date: Option<Published>,
}

impl Page {
    /// Extracts the page: its article, or a problem, and any warnings about it.
    pub fn extract(self) -> Vec<Ingested> {
        let mut out = article_from_html(
            &self.at,
            &self.raw,
            self.url.as_deref(),
            self.raw_base,
            self.origin,
        );
        for item in &mut out {
            if let Ingested::Article(article) = item {
                if self.external_id.is_some() {
                    article.external_id = self.external_id.clone();
                }
                if article.published.is_none() && self.crawl_date.is_some() {
                    article.published = self.crawl_date;
                    article.published_is_crawl_date = true;
                }
            }
        }
        out
    }
}

/// Turns one HTML page into an article. `raw_base` is the page's byte offset in the input
/// it came from (non-zero inside a WARC file), added to the source map so it points into
/// that input.
pub fn article_from_html(
    at: &Location,
    raw: &[u8],
    url: Option<&str>,
    raw_base: Option<usize>,
    origin: Origin,
) -> Vec<Ingested> {
    let doc = match readout_html::extract(raw, url) {
        Ok(doc) => doc,
        Err(e) => {
            return vec![Ingested::Problem(IngestError::Html {
                at: at.clone(),
                message: e.to_string(),
            })]
        }
    };
    let mut out = Vec::new();
    if doc.text.trim().is_empty() {
        out.push(Ingested::Problem(IngestError::Blank {
            at: at.clone(),
            what: "the page has no main text".to_string(),
        }));
        return out;
    }
    let published = doc
        .published
        .as_deref()
        .and_then(|value| published_or_warn(value, at, &mut out));
    let source_map = raw_base.map(|base| {
        let mut map = doc.source_map.clone();
        for run in &mut map.runs {
            run.raw_start += base;
            run.raw_end += base;
        }
        map
    });
    // A page without a site name gets its outlet from its URL when it is finished.
    out.push(Ingested::Article(Box::new(Article {
        source: doc.site_name,
        url: url.map(str::to_string).or(doc.url),
        title: doc.title,
        byline: doc.byline,
        published,
        language: doc.language,
        text: doc.text,
        origin,
        source_map,
        ..Article::default()
    })));
    out
}

/// The host of an absolute URL ("https://www.example.org/a" → "www.example.org").
pub fn host_of(url: &str) -> Option<&str> {
    let rest = url.split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = host.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::host_of;

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://www.example.org/a/b?c"),
            Some("www.example.org")
        );
        assert_eq!(
            host_of("http://user@news.example:8080"),
            Some("news.example")
        );
        assert_eq!(host_of("not a url"), None);
        assert_eq!(host_of("https:///path"), None);
    }
}
