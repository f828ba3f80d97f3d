//! Quotations for readout: what was said, by whom, introduced by which words, and through
//! which channels it reached the article.
//!
//! [`quotes`] reads an article's tokens, sentences and entities and returns one
//! [`Quote`] per attribution. It works by rules over a cue lexicon (the Gender Gap
//! Tracker's quote verbs plus readout's own additions, `data/`):
//!
//! 1. **Direct quotations.** Quotation-mark regions (see `marks`) with an attribution
//!    frame after them (`"...," Ushakov added.`, `"..." said the minister.`, `"...,"
//!    she was quoted by AFP as saying.`) or before them (`He told the crowd: "..."`).
//!    A region with no frame of its own that follows an attributed one continues it: in
//!    the same paragraph it is merged into it, in the next paragraphs it gets the same
//!    speaker. Short regions without a frame (scare quotes, titles) are not quotations.
//! 2. **Reported speech.** A cue verb with a speaker before it and a clause after it
//!    (`X told reporters that ...`, `X insisted ...`), a clause followed by a frame
//!    (`..., the source said.`), and `according to X`. A quoted fragment inside the
//!    reported clause makes the quotation *mixed*.
//! 3. **Headline fragments.** A quoted fragment in a headline with no frame is attributed
//!    to the body quotation that holds most of its words, as a *partial* quotation.
//!
//! The speaker is the entity with a mention inside the source span (a pronoun or a role
//! nominal counts when the entity resolution linked it). Relays are read from the frame:
//! an object of "told" (an audience, or an outlet when it is an organisation), "quoted by"
//! / "reported by" / "according to" an outlet, "in a statement" and "on his platform"
//! (a medium).

#![deny(missing_docs)]

mod lexicon;
mod marks;

use lexicon::{CueClass, Lexicon};
use marks::Region;
use readout_model::{Entity, EntityId, EntityType, Sentence, Span, Token, TokenKind};

pub use readout_model::{Quote, QuoteKind, Relay, RelayKind};

/// Finds the attributions of an article, in text order of their content.
///
/// `entities` are the article's resolved entities; a quotation's `speaker` indexes them.
/// A `title` kept apart from the text (as HTML and JSONL inputs keep it) is searched for
/// quoted fragments too; theirs are marked `in_title`.
pub fn quotes(
    text: &str,
    title: Option<&str>,
    tokens: &[Token],
    sentences: &[Sentence],
    entities: &[Entity],
) -> Vec<Quote> {
    if tokens.is_empty() || sentences.is_empty() {
        return Vec::new();
    }
    let doc = Doc::new(text, tokens, sentences, entities);
    let mut out = doc.extract(title);
    out.sort_by_key(|q| (q.in_title, q.content.start, q.content.end));
    out
}

/// A cue found at a token.
#[derive(Debug, Clone, Copy)]
struct Cue {
    /// First token (an auxiliary before the verb counts).
    start: usize,
    /// One past the last token.
    end: usize,
    /// The verb's token (or "according").
    verb: usize,
    class: CueClass,
    form: Form,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Verb,
    Participle,
    AccordingTo,
    QuotedAs,
}

/// A quotation while it is being built: token ranges, resolved at the end.
#[derive(Debug, Clone)]
struct Draft {
    content: Span,
    kind: QuoteKind,
    source: Option<(usize, usize)>,
    cue: Option<(usize, usize)>,
    relays: Vec<Relay>,
    /// The quotation-mark region it was built from, for direct quotations.
    region: Option<usize>,
    /// Its sentence (the last one of the content).
    sentence: usize,
    /// A speaker copied from an earlier quotation (continuations, headlines).
    speaker: Option<Option<usize>>,
    /// Whether `content` is a span of the title.
    in_title: bool,
}

impl Draft {
    /// Reported speech (or a colon frame) found in one sentence; `classify` may change its
    /// kind once the quoted regions inside it are known.
    fn reported(
        content: Span,
        source: (usize, usize),
        cue: (usize, usize),
        relays: Vec<Relay>,
    ) -> Draft {
        Draft {
            content,
            kind: QuoteKind::Indirect,
            source: Some(source),
            cue: Some(cue),
            relays,
            region: None,
            sentence: 0,
            speaker: None,
            in_title: false,
        }
    }
}

struct Doc<'a> {
    text: &'a str,
    tokens: &'a [Token],
    sentences: &'a [Sentence],
    entities: &'a [Entity],
    lex: &'static Lexicon,
    lower: Vec<String>,
    sentence_of: Vec<usize>,
    region_of: Vec<Option<usize>>,
    regions: Vec<Region>,
    /// For each token, the entity whose mention covers it.
    entity_at: Vec<Option<usize>>,
}

impl<'a> Doc<'a> {
    fn new(
        text: &'a str,
        tokens: &'a [Token],
        sentences: &'a [Sentence],
        entities: &'a [Entity],
    ) -> Self {
        let lower = tokens
            .iter()
            .map(|t| {
                let s = t.span.slice(text).unwrap_or("");
                if s.is_ascii() {
                    s.to_ascii_lowercase()
                } else {
                    s.to_lowercase()
                }
            })
            .collect();
        let mut sentence_of = vec![0; tokens.len()];
        let mut paragraph_of = vec![0; tokens.len()];
        for (k, s) in sentences.iter().enumerate() {
            for i in s.tokens.clone() {
                if i < tokens.len() {
                    sentence_of[i] = k;
                    paragraph_of[i] = s.paragraph;
                }
            }
        }
        let regions = marks::regions(text, tokens, &paragraph_of);
        let mut region_of = vec![None; tokens.len()];
        for (k, r) in regions.iter().enumerate() {
            for slot in &mut region_of[r.open..r.end] {
                *slot = Some(k);
            }
        }
        let mut entity_at = vec![None; tokens.len()];
        for (e, entity) in entities.iter().enumerate() {
            for m in &entity.mentions {
                let first = tokens.partition_point(|t| t.span.end <= m.span.start);
                for (i, t) in tokens.iter().enumerate().skip(first) {
                    if t.span.start >= m.span.end {
                        break;
                    }
                    entity_at[i] = Some(e);
                }
            }
        }
        Doc {
            text,
            tokens,
            sentences,
            entities,
            lex: Lexicon::embedded(),
            lower,
            sentence_of,
            region_of,
            regions,
            entity_at,
        }
    }

    fn w(&self, i: usize) -> &str {
        self.lower.get(i).map_or("", String::as_str)
    }

    fn raw(&self, i: usize) -> &str {
        self.tokens[i].span.slice(self.text).unwrap_or("")
    }

    fn is_word(&self, i: usize) -> bool {
        self.tokens[i].kind == TokenKind::Word
    }

    fn is_cap(&self, i: usize) -> bool {
        self.is_word(i) && self.raw(i).chars().next().is_some_and(char::is_uppercase)
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.tokens[i].kind == TokenKind::Punct && self.raw(i) == p
    }

    fn span(&self, from: usize, to: usize) -> Span {
        Span::new(self.tokens[from].span.start, self.tokens[to - 1].span.end)
    }

    /// The token range of sentence `s`.
    fn bounds(&self, s: usize) -> (usize, usize) {
        let r = &self.sentences[s].tokens;
        (r.start, r.end.min(self.tokens.len()))
    }

    /// The end of a sentence without its final stop.
    fn trimmed_end(&self, lo: usize, hi: usize) -> usize {
        let mut end = hi;
        while end > lo
            && self.tokens[end - 1].kind == TokenKind::Punct
            && self.region_of[end - 1].is_none()
        {
            end -= 1;
        }
        end
    }

    /// The cue that starts at token `i`, if one does.
    fn cue_at(&self, i: usize, hi: usize) -> Option<Cue> {
        if self.region_of[i].is_some() || !self.is_word(i) {
            return None;
        }
        let w = self.w(i);
        let next = |k: usize| if i + k < hi { self.w(i + k) } else { "" };
        // "according to X", and its synonym "as per X".
        if (w == "according" && next(1) == "to") || (w == "as" && next(1) == "per") {
            return Some(Cue {
                start: i,
                end: i + 2,
                verb: i,
                class: CueClass::Strong,
                form: Form::AccordingTo,
            });
        }
        if w == "quoted" && i > 0 && matches!(self.w(i - 1), "was" | "were" | "is" | "been") {
            let saying = (i + 1..hi.min(i + 12)).find(|&k| {
                self.w(k - 1) == "as" && matches!(self.w(k), "saying" | "telling" | "stating")
            })?;
            return Some(Cue {
                start: i - 1,
                end: saying + 1,
                verb: i,
                class: CueClass::Strong,
                form: Form::QuotedAs,
            });
        }
        if matches!(w, "made" | "make" | "makes" | "making")
            && next(1) == "it"
            && next(2) == "clear"
        {
            return Some(self.verb_cue(i, i + 3, CueClass::Strong));
        }
        if w == "pointed" && next(1) == "out" {
            return Some(self.verb_cue(i, i + 2, CueClass::Strong));
        }
        let class = self.lex.cue(w)?;
        if i > 0 && lexicon::is_determiner(self.w(i - 1)) {
            return None;
        }
        // A capitalised cue word inside a sentence is part of a name ("Will", "Hope"),
        // unless the sentence is a headline in title case ("Minister Says He Will Stay").
        if self.is_cap(i)
            && i > 0
            && self.sentence_of[i - 1] == self.sentence_of[i]
            && !(self.title_case(self.sentence_of[i]) && lexicon::is_headline_cue(w))
        {
            return None;
        }
        // "many states", "several reports": a plural noun after a quantity.
        if i > 0
            && w.ends_with('s')
            && w != "says"
            && matches!(
                self.w(i - 1),
                "many" | "several" | "some" | "most" | "few" | "both" | "other" | "two" | "three"
            )
        {
            return None;
        }
        if next(1) == "to" && !lexicon::allows_to(w) {
            return None;
        }
        if w == "continued" && !matches!(next(1), ":" | ",") {
            return None;
        }
        Some(self.verb_cue(i, i + 1, class))
    }

    fn verb_cue(&self, verb: usize, end: usize, class: CueClass) -> Cue {
        let mut start = verb;
        if start > 0 && matches!(self.w(start - 1), "has" | "had" | "have") {
            start -= 1;
        }
        let form = if self.w(verb).ends_with("ing") {
            Form::Participle
        } else {
            Form::Verb
        };
        Cue {
            start,
            end,
            verb,
            class,
            form,
        }
    }

    /// Whether tokens `from..to` could name a speaker: the head (last word) is an entity
    /// mention, a pronoun, a capitalised word or a noun that describes people or documents.
    fn plausible_source(&self, from: usize, to: usize) -> bool {
        if from >= to {
            return false;
        }
        let head = to - 1;
        if !self.is_word(head) {
            return false;
        }
        self.entity_at[head].is_some()
            || lexicon::is_pronoun(self.w(head))
            || lexicon::is_quantity(self.w(head))
            || self.tokens[head].kind == TokenKind::Number
            || lexicon::is_source_noun(self.w(head))
            || (self.is_cap(head) && !lexicon::is_np_boundary(self.w(head)))
    }

    /// The noun phrase that ends right before `end` (after passing over modifiers such as
    /// "also" or "has"), not reaching before `lo`.
    fn subject_before(&self, lo: usize, end: usize) -> Option<(usize, usize)> {
        let mut j = end;
        while j > lo && lexicon::is_cue_modifier(self.w(j - 1)) && !self.is_cap(j - 1) {
            j -= 1;
        }
        // "did not", "does not" before a cue verb ("did not say").
        if j > lo + 1 && self.w(j - 1) == "not" && matches!(self.w(j - 2), "did" | "does" | "do") {
            j -= 2;
        }
        // A parenthesis: "Rep. Ann Lee (D-Calif.) said".
        if j > lo && self.is_punct(j - 1, ")") {
            let open = (lo..j - 1).rev().take(8).find(|&k| self.is_punct(k, "("))?;
            j = open;
        }
        // An apposition: "Yuri Ushakov, a Kremlin aide, said".
        if j > lo && self.is_punct(j - 1, ",") {
            let inner = (lo..j - 1)
                .rev()
                .take(20)
                .find(|&k| self.is_punct(k, ",") || self.region_of[k].is_some())?;
            if !self.is_punct(inner, ",") {
                return None;
            }
            let np = self.np_left(lo, inner)?;
            return self.plausible_source(np.0, np.1).then_some(np);
        }
        let np = self.np_left(lo, j)?;
        self.plausible_source(np.0, np.1).then_some(np)
    }

    /// The run of noun-phrase words ending right before `end`.
    fn np_left(&self, lo: usize, end: usize) -> Option<(usize, usize)> {
        let mut k = end;
        while k > lo && end - k < 9 {
            let t = k - 1;
            if self.region_of[t].is_some() {
                break;
            }
            match self.tokens[t].kind {
                TokenKind::Word | TokenKind::Number => {}
                _ => {
                    // Hyphens and full stops inside names ("al-Assad", "St.") stay.
                    if !(self.raw(t) == "-" && k < end && t > lo && self.is_word(t - 1)) {
                        break;
                    }
                }
            }
            let w = self.w(t);
            let at_start = t == lo || self.sentence_of[t - 1] != self.sentence_of[t];
            if lexicon::is_np_boundary(w) && (!self.is_cap(t) || at_start) {
                break;
            }
            if self.lex.cue(w).is_some() && !self.is_cap(t) && self.entity_at[t].is_none() {
                break;
            }
            k -= 1;
        }
        (k < end).then_some((k, end))
    }

    /// The speaker named right after an inverted cue ("said Caddell", "says a spokesman
    /// for the group").
    fn subject_after(&self, from: usize, hi: usize) -> Option<(usize, usize)> {
        let mut k = from;
        while k < hi && k - from < 9 {
            if self.region_of[k].is_some() {
                break;
            }
            let w = self.w(k);
            let word = matches!(self.tokens[k].kind, TokenKind::Word | TokenKind::Number);
            // "people familiar with the matter", "sources close to the talks".
            let joined =
                k > from && matches!((self.w(k - 1), w), ("familiar", "with") | ("close", "to"));
            if !word || (lexicon::is_np_boundary(w) && w != "of" && w != "for" && !joined) {
                break;
            }
            k += 1;
        }
        // "a spokesman for" must not end on the preposition.
        while k > from && matches!(self.w(k - 1), "of" | "for") {
            k -= 1;
        }
        if k == from {
            return None;
        }
        let first = self.w(from);
        let starts_well = lexicon::is_determiner(first)
            || self.is_cap(from)
            || lexicon::is_pronoun(first)
            || lexicon::is_source_noun(first)
            || self.entity_at[from].is_some();
        // The head of "a spokesman for the group" is "spokesman": judge the phrase by its
        // first noun as well as its last word.
        let any_head = (from..k).any(|i| self.plausible_source(from, i + 1));
        (starts_well && any_head).then_some((from, k))
    }

    /// The object of "told" and similar verbs ("reporters", "CNN", "the audience"), up to
    /// five words.
    fn object_after(&self, from: usize, hi: usize) -> Option<(usize, usize)> {
        let mut k = from;
        while k < hi && k - from < 5 {
            if self.region_of[k].is_some() || !self.is_word(k) {
                break;
            }
            let w = self.w(k);
            if w == "that" || (lexicon::is_np_boundary(w) && !self.is_cap(k)) {
                break;
            }
            if self.lex.cue(w).is_some() && self.entity_at[k].is_none() {
                break;
            }
            k += 1;
        }
        (k > from).then_some((from, k))
    }

    /// The relay an object or an agent phrase names.
    fn relay_kind(&self, from: usize, to: usize) -> RelayKind {
        let words = || (from..to).map(|i| self.w(i));
        if words().any(lexicon::is_audience_word) {
            return RelayKind::Audience;
        }
        let entity = (from..to).find_map(|i| self.entity_at[i]);
        match entity.map(|e| self.entities[e].kind) {
            Some(EntityType::Per) => RelayKind::Audience,
            Some(_) => RelayKind::Outlet,
            None if (from..to).any(|i| self.is_cap(i)) => RelayKind::Outlet,
            None => RelayKind::Audience,
        }
    }

    /// The relays named in the frame `from..to` of `cue`.
    fn relays(&self, from: usize, to: usize, cue: &Cue) -> Vec<Relay> {
        let mut out: Vec<Relay> = Vec::new();
        let push = |a: usize, b: usize, kind: RelayKind, out: &mut Vec<Relay>| {
            if a < b {
                out.push(Relay {
                    span: self.span(a, b),
                    kind,
                });
            }
        };
        let mut i = from;
        while i < to {
            let w = self.w(i);
            // The object of the cue verb: "told reporters", "told CNN".
            if i == cue.verb
                && matches!(
                    w,
                    "told" | "tell" | "tells" | "telling" | "informed" | "assured" | "reminded"
                )
            {
                if let Some((a, b)) = self.object_after(i + 1, to) {
                    push(a, b, self.relay_kind(a, b), &mut out);
                    i = b;
                    continue;
                }
            }
            // "quoted by Reuters", "as reported by AFP", "according to the BBC".
            let agent = match w {
                "by" if i > from && matches!(self.w(i - 1), "quoted" | "reported" | "cited") => {
                    Some(i + 1)
                }
                "according" if i != cue.verb && self.w(i + 1) == "to" => Some(i + 2),
                "to" | "with"
                    if i > from && lexicon::is_medium_noun(self.w(i - 1)) && i + 1 < to =>
                {
                    Some(i + 1)
                }
                _ => None,
            };
            if let Some(a) = agent {
                if let Some((a, b)) = self.object_after(a, to) {
                    if w != "according" || self.relay_kind(a, b) == RelayKind::Outlet {
                        push(a, b, RelayKind::Outlet, &mut out);
                    }
                    i = b;
                    continue;
                }
            }
            // "in a statement", "in a post on his social media platform", "in an interview".
            if w == "in" {
                let end = (i + 1..to.min(i + 6)).find(|&k| lexicon::is_medium_noun(self.w(k)));
                if let Some(end) = end {
                    if (i + 1..end).all(|k| self.is_word(k)) {
                        let mut b = end + 1;
                        if b < to && self.w(b) == "on" {
                            if let Some(p) = self.platform_end(b, to) {
                                b = p;
                            }
                        }
                        push(i, b, RelayKind::Medium, &mut out);
                        i = b;
                        continue;
                    }
                }
            }
            // "on his social media platform", "on Twitter", "on state television".
            if w == "on" {
                if let Some(b) = self.platform_end(i, to) {
                    push(i, b, RelayKind::Medium, &mut out);
                    i = b;
                    continue;
                }
            }
            // "at a news conference", "at the forum".
            if w == "at" {
                let end = (i + 1..to.min(i + 5)).find(|&k| {
                    matches!(
                        self.w(k),
                        "conference" | "briefing" | "rally" | "forum" | "summit" | "hearing"
                    )
                });
                if let Some(end) = end {
                    if (i + 1..end).all(|k| self.is_word(k)) {
                        push(i, end + 1, RelayKind::Audience, &mut out);
                        i = end + 1;
                        continue;
                    }
                }
            }
            i += 1;
        }
        out
    }

    /// The end of "on ... PLATFORM" starting at the "on" at `i`, when the phrase names one.
    fn platform_end(&self, i: usize, to: usize) -> Option<usize> {
        let mut last = None;
        for k in i + 1..to.min(i + 6) {
            if !self.is_word(k) {
                break;
            }
            let w = self.w(k);
            if lexicon::is_platform_word(w) {
                last = Some(k + 1);
            } else if lexicon::is_np_boundary(w) && w != "on" {
                break;
            }
        }
        last
    }

    /// Whether most words of sentence `s` are capitalised, as in a headline.
    fn title_case(&self, s: usize) -> bool {
        let (lo, hi) = self.bounds(s);
        let words = (lo..hi).filter(|&i| self.is_word(i) && self.w(i).len() > 3);
        let (mut all, mut caps) = (0, 0);
        for i in words {
            all += 1;
            caps += usize::from(self.is_cap(i));
        }
        all >= 3 && caps * 10 >= all * 8
    }

    /// Whether sentence `s` is a headline: alone in its paragraph, short, without a stop.
    fn is_headline(&self, s: usize) -> bool {
        let sent = &self.sentences[s];
        let alone = (s == 0 || self.sentences[s - 1].paragraph != sent.paragraph)
            && self
                .sentences
                .get(s + 1)
                .is_none_or(|n| n.paragraph != sent.paragraph);
        let (lo, hi) = self.bounds(s);
        alone
            && hi > lo
            && hi - lo <= 30
            && !matches!(self.raw(hi - 1), "." | "!" | "?" | "”" | "\"")
    }

    fn extract(&self, title: Option<&str>) -> Vec<Quote> {
        let mut drafts: Vec<Draft> = Vec::new();
        let mut used = vec![false; self.tokens.len()];
        let mut attributed = vec![false; self.regions.len()];
        let mut headline_regions = Vec::new();
        for s in 0..self.sentences.len() {
            self.direct(
                s,
                &mut drafts,
                &mut used,
                &mut attributed,
                &mut headline_regions,
            );
            self.reported(s, &mut drafts, &mut used, &mut attributed);
        }
        let mut fragments: Vec<(Span, Vec<String>, bool)> = headline_regions
            .iter()
            .filter(|&&r| !attributed[r])
            .map(|&r| {
                let region = self.regions[r];
                let words = (region.open..region.end)
                    .filter(|&i| self.is_word(i))
                    .map(|i| self.w(i).to_string())
                    .collect();
                (region.span, words, false)
            })
            .collect();
        if let Some(title) = title {
            for span in marks::title_regions(title) {
                let words = title[span.start..span.end]
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_lowercase)
                    .collect();
                fragments.push((span, words, true));
            }
        }
        self.headline_fragments(&fragments, &mut drafts);
        drafts.iter().map(|d| self.finish(d)).collect()
    }

    /// Direct quotations whose opening mark is in sentence `s`.
    fn direct(
        &self,
        s: usize,
        drafts: &mut Vec<Draft>,
        used: &mut [bool],
        attributed: &mut [bool],
        headline_regions: &mut Vec<usize>,
    ) {
        let (lo, hi) = self.bounds(s);
        let starting: Vec<usize> = (0..self.regions.len())
            .filter(|&r| (lo..hi).contains(&self.regions[r].open))
            .collect();
        for (n, &r) in starting.iter().enumerate() {
            let region = self.regions[r];
            let last_s = self.sentence_of[region.end - 1];
            let (_, last_hi) = self.bounds(last_s);
            // The frame after the region runs to the next region or the sentence's end.
            let after_end = starting
                .get(n + 1)
                .map_or(last_hi, |&next| self.regions[next].open.min(last_hi));
            if let Some(d) = self.frame_after(r, after_end, used) {
                drafts.push(d);
                attributed[r] = true;
                continue;
            }
            let before_lo = if n > 0 {
                self.regions[starting[n - 1]].end.max(lo)
            } else {
                lo
            };
            if let Some(d) = self.frame_before(r, before_lo, used) {
                drafts.push(d);
                attributed[r] = true;
                continue;
            }
            // `"A," said X, speaking of Y, "B."`: a second region of a sentence whose first
            // was attributed continues it.
            if n > 0 && attributed[starting[n - 1]] {
                if let Some(prev) = drafts.last_mut() {
                    if prev.region == Some(starting[n - 1]) {
                        prev.content = Span::new(prev.content.start, region.span.end);
                        prev.region = Some(r);
                        prev.sentence = self.sentence_of[region.end - 1];
                        attributed[r] = true;
                        continue;
                    }
                }
            }
            // Words outside the marks in its sentence make the region a fragment of a
            // larger sentence; the reported-speech pass decides about it.
            let outside = (lo..hi.max(region.end))
                .filter(|&i| self.region_of[i].is_none() && self.is_word(i))
                .count();
            if outside >= 3 {
                if self.is_headline(s) {
                    headline_regions.push(r);
                }
                continue;
            }
            if let Some(d) = self.continuation(r, s, drafts) {
                attributed[r] = true;
                if let Some(d) = d {
                    drafts.push(d);
                }
                continue;
            }
            if self.is_headline(s) {
                headline_regions.push(r);
            }
        }
    }

    /// A direct quotation: region `r` with its frame.
    fn direct_draft(
        &self,
        r: usize,
        source: (usize, usize),
        cue: &Cue,
        relays: Vec<Relay>,
    ) -> Draft {
        let region = self.regions[r];
        Draft {
            content: region.span,
            kind: QuoteKind::Direct,
            source: Some(source),
            cue: Some((cue.start, cue.end)),
            relays,
            region: Some(r),
            sentence: self.sentence_of[region.end - 1],
            speaker: None,
            in_title: false,
        }
    }

    /// `"...," Ushakov added.` / `"..." said the minister.` / `"...," she was quoted as saying.`
    fn frame_after(&self, r: usize, to: usize, used: &mut [bool]) -> Option<Draft> {
        let region = self.regions[r];
        let mut a = region.end;
        if a < to && self.is_punct(a, ",") {
            a += 1;
        }
        let cue = (a..to.min(a + 16)).find_map(|i| self.cue_at(i, to))?;
        let plain = |i: usize| self.is_word(i) || self.is_punct(i, ",");
        if (a..cue.start).any(|i| self.w(i) == "that" || !plain(i)) {
            return None;
        }
        let source = if cue.start > a {
            self.subject_before(a, cue.start)?
        } else {
            self.subject_after(cue.end, to)?
        };
        used[cue.start..cue.end].iter_mut().for_each(|u| *u = true);
        Some(self.direct_draft(r, source, &cue, self.relays(a, to, &cue)))
    }

    /// `He told the crowd: "..."` / `She said, "..."`.
    fn frame_before(&self, r: usize, lo: usize, used: &mut [bool]) -> Option<Draft> {
        let region = self.regions[r];
        let mut end = region.open;
        if end > lo && (self.is_punct(end - 1, ",") || self.is_punct(end - 1, ":")) {
            end -= 1;
        }
        let cue = (lo.max(end.saturating_sub(8))..end)
            .rev()
            .find_map(|i| self.cue_at(i, end))?;
        if used[cue.verb] || (cue.end..end).any(|i| self.w(i) == "that" || !self.is_word(i)) {
            return None;
        }
        // "He said the plan was “dead”": words after the cue and no comma or colon before
        // the mark make the quotation a fragment of reported speech.
        if end == region.open && cue.end < end {
            return None;
        }
        let source = self
            .subject_before(lo, cue.start)
            .or_else(|| self.subject_after(cue.end, end))?;
        used[cue.start..cue.end].iter_mut().for_each(|u| *u = true);
        Some(self.direct_draft(r, source, &cue, self.relays(lo, end, &cue)))
    }

    /// A region standing alone after an attributed direct quotation continues it: merged
    /// into it when in the same paragraph and nothing but its frame lies between, else a
    /// new quotation with the same speaker. The outer `None` means "not a continuation";
    /// `Some(None)` means "merged".
    fn continuation(&self, r: usize, s: usize, drafts: &mut [Draft]) -> Option<Option<Draft>> {
        let region = self.regions[r];
        // A colon at the end of the previous sentence: "Smith said:" then the quotation.
        if s > 0 {
            let (plo, phi) = self.bounds(s - 1);
            if phi > plo && self.is_punct(phi - 1, ":") {
                let cue = (plo..phi).rev().find_map(|i| self.cue_at(i, phi))?;
                let source = self
                    .subject_before(plo, cue.start)
                    .or_else(|| self.subject_after(cue.end, phi))?;
                let relays = self.relays(plo, phi, &cue);
                return Some(Some(self.direct_draft(r, source, &cue, relays)));
            }
        }
        let prev = drafts.last_mut()?;
        let prev_region = self.regions[prev.region?];
        let para = |i: usize| self.sentences[self.sentence_of[i]].paragraph;
        let gap = para(region.open).checked_sub(para(prev_region.end - 1))?;
        if gap == 0 {
            // Only the previous frame may lie between: no other sentence.
            if self.sentence_of[region.open] > prev.sentence + 1 {
                return None;
            }
            prev.content = Span::new(prev.content.start, region.span.end);
            prev.sentence = self.sentence_of[region.end - 1];
            prev.region = Some(r);
            return Some(None);
        }
        if gap > 1 || self.sentence_of[region.open] > prev.sentence + 1 {
            return None;
        }
        let mut d = prev.clone();
        d.content = region.span;
        d.region = Some(r);
        d.sentence = self.sentence_of[region.end - 1];
        d.relays.clear();
        Some(Some(d))
    }

    /// Reported speech in sentence `s`, one quotation per unused cue.
    fn reported(
        &self,
        s: usize,
        drafts: &mut Vec<Draft>,
        used: &mut [bool],
        attributed: &mut [bool],
    ) {
        let (lo, hi) = self.bounds(s);
        let end = self.trimmed_end(lo, hi);
        if let Some(mut d) = self.colon_frame(lo, end, used) {
            self.classify(&mut d, attributed);
            d.sentence = s;
            drafts.push(d);
        }
        let mut i = lo;
        while i < end {
            if used[i] {
                i += 1;
                continue;
            }
            let Some(cue) = self.cue_at(i, end) else {
                i += 1;
                continue;
            };
            let d = match cue.form {
                Form::AccordingTo => self.according_to(&cue, lo, end),
                _ => self
                    .frame_at_end(&cue, lo, end)
                    .or_else(|| self.speaker_then_clause(&cue, lo, end, drafts)),
            };
            if let Some(mut d) = d {
                used[cue.start..cue.end].iter_mut().for_each(|u| *u = true);
                // "X reiterated A but made it clear that B": a second cue of the same
                // speaker inside the first's content is one attribution, not two.
                let cue_byte = self.tokens[cue.start].span.start;
                let repeats = drafts.last().is_some_and(|last| {
                    last.sentence == s
                        && match (last.source, d.source) {
                            (Some(a), Some(b)) => a.0 < b.1 && b.0 < a.1,
                            _ => false,
                        }
                        && last.content.start <= cue_byte
                        && cue_byte < last.content.end
                });
                if repeats {
                    i = cue.end;
                    continue;
                }
                self.classify(&mut d, attributed);
                d.sentence = s;
                drafts.push(d);
            }
            i = cue.end;
        }
    }

    /// "Lindqvist: We will not back down" / "Pollster Ann Lee: “...”": a name and a colon
    /// opening a sentence (as in headlines and interview copy), the colon as the cue.
    fn colon_frame(&self, lo: usize, end: usize, used: &mut [bool]) -> Option<Draft> {
        let colon = (lo..end.min(lo + 10))
            .find(|&k| self.is_punct(k, ":") && self.region_of[k].is_none())?;
        if colon == lo || used[colon] {
            return None;
        }
        let head = colon - 1;
        let named = self.entity_at[head]
            .is_some_and(|e| matches!(self.entities[e].kind, EntityType::Per | EntityType::Org));
        let mut from = lo;
        while from < head && self.tokens[from].kind == TokenKind::Punct {
            from += 1;
        }
        let source = (from, colon);
        // Only a person or an organisation the entity stage found names a speaker: a label
        // in capitals with no such entity is a section heading ("ENERGY: Prices climb").
        if !named
            || !(from..colon).all(|k| {
                self.is_cap(k)
                    || self.entity_at[k].is_some()
                    || !self.is_word(k)
                    || matches!(self.w(k), "of" | "the" | "for")
            })
        {
            return None;
        }
        let words = (colon + 1..end).filter(|&k| self.is_word(k)).count();
        if words < 3 {
            return None;
        }
        used[colon] = true;
        Some(Draft::reported(
            self.span(colon + 1, end),
            source,
            (colon, colon + 1),
            Vec::new(),
        ))
    }

    /// Marks the regions inside a reported clause and sets its kind.
    fn classify(&self, d: &mut Draft, attributed: &mut [bool]) {
        let inside: Vec<usize> = (0..self.regions.len())
            .filter(|&r| d.content.contains(self.regions[r].span))
            .collect();
        if inside.is_empty() {
            return;
        }
        let quoted: usize = inside.iter().map(|&r| self.regions[r].span.len()).sum();
        d.kind = if quoted * 10 >= d.content.len() * 9 {
            QuoteKind::Direct
        } else {
            QuoteKind::Mixed
        };
        for r in inside {
            attributed[r] = true;
        }
    }

    /// "According to X, ..." or "..., according to X."
    fn according_to(&self, cue: &Cue, lo: usize, end: usize) -> Option<Draft> {
        let mut source = self.subject_after(cue.end, end)?;
        // "according to a report by the Lusa agency": the document's author is named in the
        // source phrase too, so that the speaker is found.
        if lexicon::is_document_noun(self.w(source.1 - 1))
            && source.1 + 1 < end
            && matches!(self.w(source.1), "by" | "from")
        {
            if let Some((_, b)) = self.subject_after(source.1 + 1, end) {
                source.1 = b;
            }
        }
        let leads = (lo..cue.start).all(|k| {
            self.tokens[k].kind == TokenKind::Punct || matches!(self.w(k), "but" | "and" | "yet")
        });
        let (from, to) = if leads {
            let comma = (source.1..end).find(|&k| self.is_punct(k, ","))?;
            (comma + 1, end)
        } else {
            let mut to = cue.start;
            if to > lo && self.is_punct(to - 1, ",") {
                to -= 1;
            }
            (lo, to)
        };
        (to > from + 2).then(|| {
            Draft::reported(
                self.span(from, to),
                source,
                (cue.start, cue.end),
                Vec::new(),
            )
        })
    }

    /// "CONTENT, X said." / "CONTENT, said X." / "CONTENT, X told reporters on Friday."
    fn frame_at_end(&self, cue: &Cue, lo: usize, end: usize) -> Option<Draft> {
        // The frame starts after the last comma before the cue, within a few words.
        let comma = (lo..cue.start)
            .rev()
            .take(8)
            .find(|&k| self.tokens[k].kind == TokenKind::Punct && self.region_of[k].is_none())?;
        if comma <= lo + 1 || (!self.is_punct(comma, ",") && !self.is_punct(comma, "—")) {
            return None;
        }
        // A participle after a comma that follows the cue belongs to the frame ("..., the
        // bank said, citing higher costs"): the frame ends there, and so does the search
        // for its speaker.
        let after = (cue.end..end.min(cue.end + 4)).find(|&k| self.is_punct(k, ","));
        let participle =
            after.filter(|&k| k + 1 < end && self.is_word(k + 1) && self.w(k + 1).ends_with("ing"));
        let frame_end = participle.unwrap_or(end);
        // "X, officials said, was aimed at ...": a frame between commas inside the
        // sentence; the content is the whole sentence around it.
        let inserted = after
            .filter(|_| participle.is_none())
            .filter(|&k| end - k > 3 && self.is_punct(comma, ","));
        // Otherwise only adjuncts and relays may follow the cue: no clause of its own.
        if inserted.is_none()
            && (frame_end - cue.end > 10 || (cue.end..frame_end).any(|k| self.w(k) == "that"))
        {
            return None;
        }
        let source = if cue.start > comma + 1 {
            let np = self.np_left(comma + 1, cue.start)?;
            let source = self.subject_before(comma + 1, cue.start)?;
            // Words between the comma and the speaker that are neither modifiers nor part
            // of the speaker's phrase: this is not a bare frame.
            let gap_is_modifiers = (comma + 1..np.0).all(|k| lexicon::is_cue_modifier(self.w(k)));
            if !gap_is_modifiers && source.0 != comma + 1 {
                return None;
            }
            source
        } else {
            self.subject_after(cue.end, frame_end)?
        };
        // "..., a position the U.S. acknowledges": a second determiner not after "of"
        // makes the phrase an apposition to the clause, not a speaker.
        let inner_determiner = (source.0 + 1..source.1).any(|k| {
            matches!(self.w(k), "a" | "an" | "the") && !matches!(self.w(k - 1), "of" | "for")
        });
        if inner_determiner {
            return None;
        }
        let content = if inserted.is_some() {
            self.span(lo, end)
        } else {
            self.span(lo, comma)
        };
        let relays = self.relays(comma + 1, inserted.unwrap_or(frame_end), cue);
        Some(Draft::reported(
            content,
            source,
            (cue.start, cue.end),
            relays,
        ))
    }

    /// "X said (that) CONTENT", "X told reporters that CONTENT", "with X stressing that
    /// CONTENT", "..., saying CONTENT".
    fn speaker_then_clause(
        &self,
        cue: &Cue,
        lo: usize,
        end: usize,
        drafts: &[Draft],
    ) -> Option<Draft> {
        let after_comma = cue.start > lo && self.is_punct(cue.start - 1, ",");
        let mut source = if cue.form == Form::Participle && after_comma {
            None
        } else {
            self.subject_before(lo, cue.start)
        };
        // "Obama praised her and said ...": the subject of the coordinated verb is the
        // sentence's.
        if source.is_none() && cue.start > lo && matches!(self.w(cue.start - 1), "and" | "but") {
            source = self.first_subject(lo, cue.start);
        }
        if source.is_none() && cue.form == Form::Participle && after_comma {
            // "..., saying that": the speaker is the sentence's subject or the speaker of
            // the quotation just attributed in this sentence.
            source = drafts
                .last()
                .filter(|d| d.content.end <= self.tokens[cue.start].span.start)
                .filter(|d| d.content.start >= self.tokens[lo].span.start)
                .and_then(|d| d.source)
                .or_else(|| self.first_subject(lo, cue.start));
        }
        let source = source?;
        // The object of "told" and adjuncts before "that".
        let mut from = cue.end;
        let that = (from..end.min(from + 9))
            .take_while(|&k| {
                self.region_of[k].is_none()
                    && (self.is_word(k) || self.is_punct(k, ","))
                    && (k == from || self.cue_at(k, end).is_none())
            })
            .find(|&k| self.w(k) == "that" && self.lex.cue(self.w(k + 1)).is_none());
        let mut marked = false;
        if let Some(t) = that {
            from = t;
            marked = true;
        } else {
            if matches!(
                self.w(cue.verb),
                "told" | "tell" | "tells" | "telling" | "informed"
            ) {
                let (_, b) = self.object_after(from, end)?;
                from = b;
            }
            while from < end && (self.is_punct(from, ",") || self.is_punct(from, ":")) {
                marked |= self.is_punct(from, ":");
                from += 1;
            }
            marked |= from < end && self.region_of[from].is_some();
        }
        if cue.class == CueClass::Weak && !marked {
            return None;
        }
        // The clause ends where a participle cue takes over (", adding that ...").
        let end = (from..end)
            .find(|&k| {
                self.is_punct(k, ",")
                    && k + 1 < end
                    && self
                        .cue_at(k + 1, end)
                        .is_some_and(|c| c.form == Form::Participle)
            })
            .unwrap_or(end);
        let words = (from..end).filter(|&k| self.is_word(k)).count();
        if words < 3 {
            return None;
        }
        // A preposition right after the cue starts an adjunct, not a clause ("said in
        // March", "wrote on Twitter").
        if !marked && (lexicon::is_np_boundary(self.w(from)) || self.w(from) == "of") {
            return None;
        }
        let relays = self.relays(source.1, from, cue);
        Some(Draft::reported(
            self.span(from, end),
            source,
            (cue.start, cue.end),
            relays,
        ))
    }

    /// The first person, organisation or pronoun at the start of a sentence.
    fn first_subject(&self, lo: usize, to: usize) -> Option<(usize, usize)> {
        let k = (lo..to).find(|&k| {
            self.entity_at[k]
                .is_some_and(|e| matches!(self.entities[e].kind, EntityType::Per | EntityType::Org))
                || lexicon::is_pronoun(self.w(k))
        })?;
        let mut e = k + 1;
        while e < to && self.entity_at[e].is_some() && self.entity_at[e] == self.entity_at[k] {
            e += 1;
        }
        Some((k, e))
    }

    /// Quoted fragments in headlines (`(span, lower-case words, in the title)`),
    /// attributed from the body quotation that holds most of their words.
    fn headline_fragments(&self, fragments: &[(Span, Vec<String>, bool)], drafts: &mut Vec<Draft>) {
        for (span, words, in_title) in fragments {
            if words.len() < 2 {
                continue;
            }
            let best = drafts
                .iter()
                .filter(|d| d.kind != QuoteKind::Indirect && d.source.is_some() && !d.in_title)
                .map(|d| {
                    let first = self
                        .tokens
                        .partition_point(|t| t.span.end <= d.content.start);
                    let body: Vec<&str> = (first..self.tokens.len())
                        .take_while(|&i| self.tokens[i].span.start < d.content.end)
                        .filter(|&i| self.is_word(i))
                        .map(|i| self.w(i))
                        .collect();
                    let hits = words.iter().filter(|w| body.contains(&w.as_str())).count();
                    (hits, d)
                })
                .filter(|(hits, _)| hits * 10 >= words.len() * 6)
                .max_by_key(|(hits, d)| (*hits, std::cmp::Reverse(d.content.start)));
            if let Some((_, d)) = best {
                let speaker = Some(self.speaker(d));
                drafts.push(Draft {
                    content: *span,
                    kind: QuoteKind::Partial,
                    source: d.source,
                    cue: None,
                    relays: Vec::new(),
                    region: None,
                    sentence: d.sentence,
                    speaker,
                    in_title: *in_title,
                });
            }
        }
    }

    /// The entity a draft's source names: the one whose mention ends last inside the
    /// source (the head of the phrase), people first.
    fn speaker(&self, d: &Draft) -> Option<usize> {
        if let Some(s) = d.speaker {
            return s;
        }
        let (a, b) = d.source?;
        let mut best: Option<(bool, usize, usize)> = None;
        for i in a..b {
            if let Some(e) = self.entity_at[i] {
                let kind = self.entities[e].kind;
                // "Two European diplomats" are not Europe speaking: a place or another
                // name speaks only as the head of the phrase ("Moscow said").
                if !matches!(kind, EntityType::Per | EntityType::Org) && i + 1 != b {
                    continue;
                }
                let person = kind == EntityType::Per;
                let key = (person, i, e);
                if best.is_none_or(|(p, j, _)| (person, i) > (p, j)) {
                    best = Some(key);
                }
            }
        }
        best.map(|(_, _, e)| e)
    }

    fn finish(&self, d: &Draft) -> Quote {
        Quote {
            content: d.content,
            kind: d.kind,
            source: d.source.map(|(a, b)| self.span(a, b)),
            speaker: self.speaker(d).map(EntityId),
            cue: d.cue.map(|(a, b)| self.span(a, b)),
            relays: d.relays.clone(),
            in_title: d.in_title,
        }
    }
}
