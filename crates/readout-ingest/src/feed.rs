//! RSS 2.0, RSS 1.0, Atom and JSON Feed documents, through `feed-rs`: each item an article.

use readout_model::{Article, InputFormat, Origin, Published};

use crate::{IngestError, Ingested, Location};

/// Turns a feed document into one article per item.
pub fn articles_from_feed(path: &str, bytes: &[u8]) -> Vec<Ingested> {
    let at = Location::file(path);
    let feed = match feed_rs::parser::parse(bytes) {
        Ok(feed) => feed,
        Err(e) => {
            return vec![Ingested::Problem(IngestError::Feed {
                at,
                message: e.to_string(),
            })]
        }
    };
    if feed.entries.is_empty() {
        return vec![Ingested::Problem(IngestError::NoArticles {
            at,
            what: "a feed with no items".to_string(),
        })];
    }
    let source = feed.title.as_ref().map(|t| t.content.trim().to_string());
    let feed_language = feed.language.clone();
    let mut out = Vec::with_capacity(feed.entries.len());
    for (index, entry) in feed.entries.into_iter().enumerate() {
        let link = entry
            .links
            .iter()
            .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
            .or(entry.links.first())
            .map(|l| l.href.clone());
        let html = entry
            .content
            .as_ref()
            .and_then(|c| c.body.clone())
            .or_else(|| entry.summary.as_ref().map(|s| s.content.clone()))
            .unwrap_or_default();
        let text = if html.trim().is_empty() {
            String::new()
        } else {
            fragment_text(&html, link.as_deref())
        };
        let title = entry.title.map(|t| t.content.trim().to_string());
        // Many feeds carry only headlines: an item without content is kept for its title and
        // link, and only one with neither title nor text is passed over.
        if text.trim().is_empty() && title.as_deref().is_none_or(|t| t.is_empty()) {
            out.push(Ingested::Problem(IngestError::Blank {
                at: at.clone(),
                what: format!("item {} has neither a title nor a text", index + 1),
            }));
            continue;
        }
        let published = entry
            .published
            .or(entry.updated)
            .map(|dt| Published::datetime(dt.naive_utc(), Some(0)));
        out.push(Ingested::Article(Box::new(Article {
            external_id: Some(entry.id.clone()).filter(|id| !id.is_empty()),
            source: source.clone(),
            url: link,
            title,
            byline: Some(
                entry
                    .authors
                    .iter()
                    .filter_map(|p| p.name.as_deref().map(str::trim))
                    .filter(|n| !n.is_empty())
                    .collect::<Vec<_>>()
                    .join(", "),
            )
            .filter(|b| !b.is_empty()),
            published,
            language: entry.language.or_else(|| feed_language.clone()),
            text,
            origin: Origin {
                path: path.to_string(),
                format: Some(InputFormat::Feed),
                line: None,
                byte_offset: None,
                index: index as u64,
            },
            ..Article::default()
        })));
    }
    out
}

/// The text of an HTML fragment (a feed item's content). Feed content is a fragment, not a
/// page, so every paragraph of it is kept rather than searched for a main block.
fn fragment_text(html: &str, url: Option<&str>) -> String {
    readout_html::fragment_text(html.as_bytes(), url).unwrap_or_default()
}
