//! readout's own main-content extractor, built on the scanner's single pass.
//!
//! The scanner's tag events become a light element tree (a flat vector in document order,
//! each node knowing its parent and the end of its subtree) and the text stream is cut into
//! blocks at every block-level tag. Each block is judged on its own, as jusText does: its
//! length, the share of its text inside links, the share of English stop words, and the
//! `class`/`id` words of its ancestors. The article's container is the element whose subtree
//! holds the most content text less its boilerplate text; within it, content blocks are
//! kept, boilerplate ones dropped, and short ones kept only between content.
//!
//! Nothing recurses: every walk is a loop over the vectors, so any depth costs linear time.

use crate::scan::{Stream, TagEvent};

/// How far down the open-element stack an end tag looks for its start tag. An end tag
/// without a start within this distance is ignored, which keeps stray end tags in very deep
/// pages linear.
const MATCH_WINDOW: usize = 64;

/// Words that show a class or id marks boilerplate when a class word starts with them.
const NEGATIVE_PREFIX: &[&str] = &[
    "comment",
    "disqus",
    "sidebar",
    "footer",
    "related",
    "newsletter",
    "cookie",
    "share",
    "sharing",
    "social",
    "promo",
    "advert",
    "sponsor",
    "outbrain",
    "taboola",
    "breadcrumb",
    "navigation",
    "navbar",
    "menu",
    "subscribe",
    "subscription",
    "signup",
    "trending",
    "popular",
    "recommend",
    "byline",
    "caption",
    "credit",
    "toolbar",
    "modal",
    "popup",
    "banner",
    "widget",
    "masthead",
    "consent",
    "gdpr",
    "paywall",
    "header",
    "dateline",
    "timestamp",
    "author",
    "recirc",
    "readmore",
    "print",
    "skip",
    "pagination",
    "pager",
];

/// Class words that mark boilerplate only when they are a whole word.
const NEGATIVE_WORD: &[&str] = &[
    "ad", "ads", "nav", "tag", "tags", "meta", "more", "date", "bio", "rail", "toc", "dfp", "gpt",
    "foot", "aside", "tools", "links", "also", "follow", "sr", "next", "prev", "login", "hidden",
];

/// Class words that mark the article's container.
const POSITIVE: &[&str] = &[
    "article", "content", "story", "body", "post", "entry", "text", "main", "blog",
];

/// Frequent English function words, for the stop-word density of a block.
const STOP_WORDS: &[&str] = &[
    "a", "about", "after", "all", "also", "an", "and", "any", "are", "as", "at", "be", "because",
    "been", "but", "by", "can", "could", "did", "do", "for", "from", "had", "has", "have", "he",
    "her", "his", "how", "i", "if", "in", "into", "is", "it", "its", "more", "most", "no", "not",
    "of", "on", "one", "or", "other", "our", "out", "over", "said", "she", "so", "some", "than",
    "that", "the", "their", "them", "then", "there", "these", "they", "this", "to", "up", "was",
    "we", "were", "what", "when", "which", "who", "will", "with", "would", "you", "your",
];

/// One element of the page.
#[derive(Debug, Clone)]
struct Node {
    /// Index of the parent; the root is its own parent.
    parent: u32,
    /// One past the index of the last node of this subtree.
    end: u32,
    /// The tag's name range in [`Stream::tag_text`].
    name: (u32, u32),
    /// Its own class/id words say boilerplate.
    negative: bool,
    /// Its own class/id words (or tag) say article.
    positive: bool,
    /// Its text is never shown (hidden, or a control such as a button).
    skip: bool,
    /// Content characters in the subtree.
    good: f32,
    /// Boilerplate characters in the subtree.
    bad: f32,
}

/// What a block is judged to be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Article text.
    Good,
    /// Mid-length text with no strong signal either way.
    Neutral,
    /// A few words: kept only between content.
    Short,
    /// Link lists, boilerplate containers, advertisements.
    Bad,
}

/// A run of text between two block boundaries.
#[derive(Debug, Clone)]
struct Block {
    /// The innermost open element when the block began.
    owner: u32,
    /// Range into the segment list.
    segs: (usize, usize),
    /// Non-white-space characters.
    chars: usize,
    /// Non-white-space characters inside links.
    link_chars: usize,
    /// Words.
    words: usize,
    /// English stop words.
    stops: usize,
    /// Heading level (1–6), or 0.
    heading: u8,
    class: Class,
}

/// The tree and blocks of one page.
struct Page<'a> {
    stream: &'a Stream,
    nodes: Vec<Node>,
    blocks: Vec<Block>,
    /// Ranges of the stream's text that are shown.
    segs: Vec<(usize, usize)>,
}

/// The article text of a scanned page, paragraphs separated by `"\n\n"`.
pub fn article_text(stream: &Stream) -> String {
    let mut page = build(stream);
    classify(&mut page);
    let container = choose(&mut page);
    let mut text = render(&page, container);
    if text.is_empty() {
        text = crate::content::blocks_text(stream);
    }
    text
}

/// Class words that mark boilerplate even next to an article word (`related-articles`).
const STRONG_NEGATIVE: &[&str] = &[
    "comment",
    "disqus",
    "related",
    "newsletter",
    "cookie",
    "share",
    "sharing",
    "social",
    "promo",
    "advert",
    "sponsor",
    "outbrain",
    "taboola",
    "breadcrumb",
    "recirc",
    "trending",
    "recommend",
    "popular",
    "subscribe",
];

/// Judges an element's class, id, itemprop and role values. Each value is split into
/// lower-cased parts at `-`, `_`, digits and camel-case humps. Returns whether they mark
/// boilerplate and whether they mark an article: a value with a boilerplate part marks
/// boilerplate unless another part is an article word (`field-name-body` versus
/// `field-label-hidden`) or another value of the same element is; a strongly negative part
/// (`comment`, `related`, `share`) marks boilerplate whatever else is there.
fn judge_hints(hints: &str) -> (bool, bool) {
    let (mut strong, mut weak, mut pos) = (false, false, false);
    let mut part = String::new();
    for token in hints.split_ascii_whitespace() {
        let (mut t_neg, mut t_pos) = (false, false);
        let mut check = |part: &mut String| {
            if !part.is_empty() {
                let p = part.as_str();
                if STRONG_NEGATIVE.iter().any(|n| p.starts_with(n)) {
                    strong = true;
                }
                if NEGATIVE_WORD.contains(&p) || NEGATIVE_PREFIX.iter().any(|n| p.starts_with(n)) {
                    t_neg = true;
                }
                if POSITIVE.iter().any(|w| p.starts_with(w)) {
                    t_pos = true;
                }
                part.clear();
            }
        };
        let mut prev_lower = false;
        for c in token.chars() {
            if c.is_ascii_alphabetic() {
                if c.is_ascii_uppercase() && prev_lower {
                    check(&mut part);
                }
                prev_lower = c.is_ascii_lowercase();
                part.push(c.to_ascii_lowercase());
            } else {
                check(&mut part);
                prev_lower = false;
            }
        }
        check(&mut part);
        weak |= t_neg && !t_pos;
        pos |= t_pos;
    }
    (strong || (weak && !pos), pos)
}

/// Elements whose text is never article text.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "button" | "select" | "option" | "svg" | "figcaption" | "figure" | "label" | "menu"
    )
}

/// Elements that hold boilerplate by their very tag.
fn is_boilerplate_tag(name: &str) -> bool {
    matches!(name, "nav" | "aside" | "footer" | "header")
}

/// Builds the element tree and cuts the text into blocks.
fn build(stream: &Stream) -> Page<'_> {
    let mut nodes = Vec::with_capacity(stream.tags.len() / 2 + 1);
    nodes.push(Node {
        parent: 0,
        end: 1,
        name: (0, 0),
        negative: false,
        positive: false,
        skip: false,
        good: 0.0,
        bad: 0.0,
    });
    let mut page = Page {
        stream,
        nodes,
        blocks: Vec::with_capacity(stream.tags.len() / 4 + 1),
        segs: Vec::with_capacity(stream.tags.len() / 2 + 1),
    };
    let mut stack: Vec<u32> = vec![0];
    // Open `<a>` and skipped elements on the stack.
    let mut links = 0usize;
    let mut skipped = 0usize;
    let mut cur = Block::new(0, 0);
    let mut at = 0;
    for ev in &stream.tags {
        let pos = ev.pos.min(stream.text.len());
        if pos > at {
            page.add_text(&mut cur, at, pos, links > 0, skipped > 0);
        }
        at = at.max(pos);
        let name = stream.tag_name(ev);
        let block = crate::scan::is_block(name);
        if block {
            page.finish(&mut cur);
        }
        if ev.closing {
            let depth = stack.len();
            let found = (1..depth.min(MATCH_WINDOW + 1))
                .find(|&k| page.node_name(stack[depth - k]) == name)
                .map(|k| depth - k);
            if let Some(keep) = found {
                while stack.len() > keep {
                    let i = stack.pop().unwrap_or(0);
                    page.close(i, &mut links, &mut skipped);
                }
            }
        } else if !ev.void {
            // The implied ends that matter for blocks: a block closes an open paragraph, and
            // a list item closes the previous one.
            if block {
                let top = *stack.last().unwrap_or(&0);
                let top_name = page.node_name(top);
                if top_name == "p" || (name == "li" && top_name == "li") {
                    stack.pop();
                    page.close(top, &mut links, &mut skipped);
                }
            }
            let parent = *stack.last().unwrap_or(&0);
            let i = page.open(parent, ev, name);
            if page.nodes[i as usize].skip {
                skipped += 1;
            }
            if name == "a" {
                links += 1;
            }
            stack.push(i);
        }
        if block {
            cur = Block::new(*stack.last().unwrap_or(&0), page.segs.len());
        }
    }
    if stream.text.len() > at {
        page.add_text(&mut cur, at, stream.text.len(), links > 0, skipped > 0);
    }
    page.finish(&mut cur);
    while let Some(i) = stack.pop() {
        page.close(i, &mut links, &mut skipped);
    }
    page
}

impl Block {
    fn new(owner: u32, seg: usize) -> Block {
        Block {
            owner,
            segs: (seg, seg),
            chars: 0,
            link_chars: 0,
            words: 0,
            stops: 0,
            heading: 0,
            class: Class::Neutral,
        }
    }
}

impl Page<'_> {
    fn node_name(&self, i: u32) -> &str {
        let n = &self.nodes[i as usize];
        self.stream
            .tag_text
            .get(n.name.0 as usize..n.name.1 as usize)
            .unwrap_or("")
    }

    fn open(&mut self, parent: u32, ev: &TagEvent, name: &str) -> u32 {
        let hints = self.stream.tag_hints(ev);
        let (mut negative, mut positive) = judge_hints(hints);
        if matches!(name, "html" | "body" | "main" | "article") {
            negative = false;
        }
        negative |= is_boilerplate_tag(name);
        positive |= matches!(name, "article" | "main");
        if hints.contains("articleBody") || hints.contains("articlebody") {
            positive = true;
            negative = false;
        }
        let parent_skip = self.nodes[parent as usize].skip;
        let i = self.nodes.len() as u32;
        self.nodes.push(Node {
            parent,
            end: i + 1,
            name: ev.name,
            negative,
            positive,
            // An inline element marked as boilerplate (a caption or byline span) is cut out
            // of the block around it; block elements are judged as whole blocks instead.
            skip: parent_skip
                || ev.hidden
                || is_skipped(name)
                || (negative && !crate::scan::is_block(name)),
            good: 0.0,
            bad: 0.0,
        });
        i
    }

    fn close(&mut self, i: u32, links: &mut usize, skipped: &mut usize) {
        let len = self.nodes.len() as u32;
        let n = &mut self.nodes[i as usize];
        n.end = len;
        if n.skip {
            *skipped = skipped.saturating_sub(1);
        }
        if self.node_name(i) == "a" {
            *links = links.saturating_sub(1);
        }
    }

    fn add_text(&mut self, b: &mut Block, from: usize, to: usize, link: bool, skip: bool) {
        if skip {
            return;
        }
        let text = &self.stream.text[from..to];
        let chars = text.chars().filter(|c| !c.is_whitespace()).count();
        if chars == 0 {
            // White space still separates words of neighbouring segments.
            if b.segs.1 > b.segs.0 {
                self.segs.push((from, to));
                b.segs.1 = self.segs.len();
            }
            return;
        }
        self.segs.push((from, to));
        b.segs.1 = self.segs.len();
        b.chars += chars;
        if link {
            b.link_chars += chars;
        }
    }

    fn finish(&mut self, b: &mut Block) {
        if b.chars > 0 {
            let mut word = String::new();
            for &(s, e) in &self.segs[b.segs.0..b.segs.1] {
                for w in self.stream.text[s..e].split(|c: char| !c.is_alphanumeric()) {
                    if w.is_empty() {
                        continue;
                    }
                    b.words += 1;
                    if w.len() <= 7 {
                        word.clear();
                        word.extend(w.chars().map(|c| c.to_ascii_lowercase()));
                        if STOP_WORDS.binary_search(&word.as_str()).is_ok() {
                            b.stops += 1;
                        }
                    }
                }
            }
            let owner_name = self.node_name(b.owner);
            if let [b'h', d @ b'1'..=b'6'] = owner_name.as_bytes() {
                b.heading = d - b'0';
            }
            self.blocks.push(b.clone());
        }
        b.chars = 0;
    }
}

/// Judges each block on its own.
fn classify(page: &mut Page) {
    // A page with few English stop words in its long blocks is in another language: the
    // stop-word test is then left out.
    let (long_words, long_stops) = page
        .blocks
        .iter()
        .filter(|b| b.words >= 10)
        .fold((0, 0), |(w, s), b| (w + b.words, s + b.stops));
    let english = long_stops * 10 > long_words;
    for b in &mut page.blocks {
        let link_density = b.link_chars as f32 / b.chars.max(1) as f32;
        let stop_density = b.stops as f32 / b.words.max(1) as f32;
        b.class = if link_density > 0.5 {
            Class::Bad
        } else if b.words < 4 || b.chars < 20 {
            Class::Short
        } else if link_density < 0.3
            && ((b.words >= 10 && (!english || stop_density >= 0.2)) || b.chars >= 250)
        {
            Class::Good
        } else {
            Class::Neutral
        };
    }
}

/// Picks the container: the node maximising content minus boilerplate in its subtree.
fn choose(page: &mut Page) -> u32 {
    for b in &page.blocks {
        let n = &mut page.nodes[b.owner as usize];
        let c = b.chars as f32;
        match b.class {
            Class::Good => n.good += c,
            Class::Neutral => n.good += 0.3 * c,
            Class::Short => n.bad += 0.3 * c,
            Class::Bad => n.bad += c,
        }
    }
    // Children come after their parents, so one backward sweep sums every subtree. A
    // boilerplate element's text, however good it looks, is boilerplate to its ancestors.
    for i in (1..page.nodes.len()).rev() {
        let (g, b, p, neg) = {
            let n = &page.nodes[i];
            (n.good, n.bad, n.parent as usize, n.negative)
        };
        if neg {
            page.nodes[p].bad += g + b;
        } else {
            page.nodes[p].good += g;
            page.nodes[p].bad += b;
        }
    }
    let mut best = 0u32;
    let mut best_score = f32::MIN;
    // Inside a boilerplate element (a comment thread), a container is a weak candidate.
    let mut in_negative = vec![false; page.nodes.len()];
    for (i, n) in page.nodes.iter().enumerate() {
        in_negative[i] = n.negative || (i > 0 && in_negative[n.parent as usize]);
        let mut score = n.good - n.bad;
        if n.positive {
            score += 0.1 * n.good;
        }
        if in_negative[i] {
            score *= 0.3;
        }
        if score > best_score {
            best_score = score;
            best = i as u32;
        }
    }
    best
}

/// The kept blocks inside `container`, as text.
fn render(page: &Page, container: u32) -> String {
    let (lo, hi) = (container, page.nodes[container as usize].end);
    let inside = |b: &Block| b.owner >= lo && b.owner < hi;
    // Negative class words count below the container only, so that a container inside a
    // wrapper with a misleading class keeps its text.
    let mut neg = vec![false; (hi - lo) as usize];
    for i in lo + 1..hi {
        let n = &page.nodes[i as usize];
        let p = n.parent;
        neg[(i - lo) as usize] = n.negative || (p > lo && neg[(p - lo) as usize]);
    }
    let blocks: Vec<&Block> = page.blocks.iter().filter(|b| inside(b)).collect();
    let class = |b: &Block| {
        if neg[(b.owner - lo) as usize] {
            Class::Bad
        } else {
            b.class
        }
    };
    let classes: Vec<Class> = blocks.iter().map(|b| class(b)).collect();
    let is_content = |c: Class| matches!(c, Class::Good | Class::Neutral);
    let mut out = String::new();
    for (k, b) in blocks.iter().enumerate() {
        let keep = match classes[k] {
            Class::Good | Class::Neutral => b.heading != 1,
            Class::Bad => false,
            Class::Short => {
                let next = classes[k + 1..]
                    .iter()
                    .find(|c| **c != Class::Short)
                    .is_some_and(|c| is_content(*c));
                let prev = classes[..k]
                    .iter()
                    .rev()
                    .find(|c| **c != Class::Short)
                    .is_some_and(|c| is_content(*c));
                b.heading != 1 && next && (prev || b.heading > 0) && !looks_like_ad(page, b)
            }
        };
        if keep {
            push_block(page, b, &mut out);
        }
    }
    out
}

/// A short block that announces an advertisement.
fn looks_like_ad(page: &Page, b: &Block) -> bool {
    page.segs[b.segs.0..b.segs.1].iter().any(|&(s, e)| {
        let t = &page.stream.text[s..e];
        t.contains("Advert") || t.contains("ADVERT") || t.contains("advert")
    })
}

/// Appends a block's words, white space folded, after a paragraph break. Words split by
/// an inline tag stay together, as the page shows them.
fn push_block(page: &Page, b: &Block, out: &mut String) {
    let mut started = false;
    let mut space = false;
    for &(s, e) in &page.segs[b.segs.0..b.segs.1] {
        let seg = &page.stream.text[s..e];
        space |= seg.starts_with(char::is_whitespace);
        for (n, w) in seg.split_whitespace().enumerate() {
            if !started {
                if !out.is_empty() {
                    out.push_str("\n\n");
                }
                started = true;
            } else if n > 0 || space {
                out.push(' ');
            }
            out.push_str(w);
            space = false;
        }
        space |= seg.ends_with(char::is_whitespace);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stop_words_are_sorted() {
        assert!(STOP_WORDS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn hints() {
        assert_eq!(judge_hints("relatedLinks"), (true, false));
        assert_eq!(judge_hints("article-body"), (false, true));
        assert_eq!(judge_hints("sidebar-ad"), (true, false));
        assert_eq!(judge_hints("headline"), (false, false));
        assert_eq!(judge_hints("shadow"), (false, false));
    }
}

#[cfg(test)]
mod debug {
    use super::*;

    /// Prints the best candidate containers and every block of the page in `NATIVE_DEBUG`
    /// (a gzipped or plain HTML file), and the ancestors of node `NATIVE_NODE`, for tuning:
    /// `NATIVE_DEBUG=page.html.gz cargo test -p readout-html --lib show_candidates --
    /// --ignored --nocapture`.
    #[test]
    #[ignore]
    fn show_candidates() {
        let Ok(path) = std::env::var("NATIVE_DEBUG") else {
            return;
        };
        let mut raw = Vec::new();
        let file = std::fs::File::open(&path).unwrap();
        if path.ends_with(".gz") {
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(file), &mut raw).unwrap();
        } else {
            raw = std::fs::read(&path).unwrap();
        }
        let decoded = crate::decode::decode(&raw);
        let (stream, _) = crate::scan::scan(&decoded.text);
        let mut page = build(&stream);
        classify(&mut page);
        let best = choose(&mut page);
        let mut idx: Vec<usize> = (0..page.nodes.len()).collect();
        idx.sort_by(|&a, &b| {
            let s = |i: usize| page.nodes[i].good - page.nodes[i].bad;
            s(b).partial_cmp(&s(a)).unwrap()
        });
        println!("best {best}");
        if let Ok(k) = std::env::var("NATIVE_NODE") {
            let mut k: u32 = k.parse().unwrap_or(0);
            while k != 0 {
                let n = &page.nodes[k as usize];
                let ev = page.stream.tags.iter().find(|t| t.name == n.name).unwrap();
                println!(
                    "  {k} {} [{}] neg {} pos {}",
                    page.node_name(k),
                    page.stream.tag_hints(ev),
                    n.negative,
                    n.positive
                );
                k = n.parent;
            }
        }
        for &i in idx.iter().take(15) {
            let n = &page.nodes[i];
            let mut path = Vec::new();
            let mut k = i as u32;
            while k != 0 && path.len() < 12 {
                let neg = if page.nodes[k as usize].negative {
                    "!"
                } else {
                    ""
                };
                path.push(format!("{}{neg}", page.node_name(k)));
                k = page.nodes[k as usize].parent;
            }
            println!(
                "{i} end {} good {} bad {} neg {} pos {} path {:?}",
                n.end, n.good, n.bad, n.negative, n.positive, path
            );
        }
        for b in &page.blocks {
            let t: String = page.segs[b.segs.0..b.segs.1]
                .iter()
                .map(|&(s, e)| &page.stream.text[s..e])
                .collect();
            let t: String = t.split_whitespace().collect::<Vec<_>>().join(" ");
            println!(
                "[{} {:?} w{} l{} s{}] {}",
                b.owner,
                b.class,
                b.words,
                b.link_chars,
                b.stops,
                t.chars().take(90).collect::<String>()
            );
        }
    }
}
