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
mod parsed;

use lexicon::{CueClass, Lexicon};
use marks::Region;
use parsed::Tree;
use readout_model::{Entity, EntityId, EntityType, Sentence, Span, Token, TokenKind, TokenSyntax};

pub use readout_model::{CueKind, Quote, QuoteKind, Relay, RelayKind};

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
    syntax: &[TokenSyntax],
) -> Vec<Quote> {
    if tokens.is_empty() || sentences.is_empty() {
        return Vec::new();
    }
    let doc = Doc::new(text, tokens, sentences, entities, syntax);
    let found = doc.extract(title);
    // Sorted into text order; `continues` indexes are remapped to the new positions.
    let mut order: Vec<usize> = (0..found.len()).collect();
    order.sort_by_key(|&i| {
        (
            found[i].in_title,
            found[i].content.start,
            found[i].content.end,
        )
    });
    let mut position = vec![0; found.len()];
    for (new, &old) in order.iter().enumerate() {
        position[old] = new;
    }
    order
        .iter()
        .map(|&i| {
            let mut q = found[i].clone();
            q.continues = q.continues.map(|c| position[c]);
            q
        })
        .collect()
}

/// Which sentences the quotation stage wants parsed: those where a cue word outside
/// quotation marks is left over once the token rules have run (a speech verb whose frame
/// they could not read, or an attribution verb, which only the parse reads). Sentences the
/// rules attribute fully are not parsed, which keeps the parse, by far the dearest part of
/// the stage, to the sentences where it changes the result.
pub fn sentences_to_parse(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    entities: &[Entity],
) -> Vec<bool> {
    let mut out = vec![false; sentences.len()];
    if tokens.is_empty() || sentences.is_empty() {
        return out;
    }
    let doc = Doc::new(text, tokens, sentences, entities, &[]);
    let Pass { drafts, used, .. } = doc.rules_pass();
    for (s, want) in out.iter_mut().enumerate() {
        let (lo, hi) = doc.bounds(s);
        let contents: Vec<Span> = drafts
            .iter()
            .filter(|d| !d.in_title && d.sentence >= s.saturating_sub(3) && d.sentence <= s + 3)
            .map(|d| d.content)
            .collect();
        *want = (lo..hi).any(|i| {
            !used[i]
                && doc.region_of(i).is_none()
                && doc.is_word(i)
                // A cue inside content the rules found is a nested attribution; parsing
                // for those cost precision on PolNeAR's training split and found none.
                && !contents
                    .iter()
                    .any(|c| c.start <= tokens[i].span.start && tokens[i].span.start < c.end)
                && doc.is_cue_word(i, hi)
        });
    }
    out
}

/// What the sentence passes leave (see `Doc::rules_pass`).
struct Pass {
    drafts: Vec<Draft>,
    used: Vec<bool>,
    attributed: Vec<bool>,
    headline_regions: Vec<usize>,
}

/// How many drafts before and after one are searched for a quotation that holds it.
const NEST_WINDOW: usize = 16;

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
    /// Speech or another act of attribution.
    cue_kind: CueKind,
    /// The draft whose content holds this one (a nested attribution of another speaker).
    via: Option<usize>,
    /// The draft this one continues (a later part of a split quotation).
    continues: Option<usize>,
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
            cue_kind: CueKind::Speech,
            via: None,
            continues: None,
        }
    }
}

struct Doc<'a> {
    text: &'a str,
    tokens: &'a [Token],
    sentences: &'a [Sentence],
    entities: &'a [Entity],
    lex: &'static Lexicon,
    /// Every token in lower case, one after another, and where each one lies in it: one
    /// buffer rather than a string per token keeps a long article's cost low.
    lower: String,
    lower_at: Vec<(u32, u32)>,
    /// Per token, compactly (`u32`, as a long article has many tokens): its sentence and
    /// the quotation-mark region holding it (`u32::MAX` for none).
    sentence_idx: Vec<u32>,
    region_idx: Vec<u32>,
    regions: Vec<Region>,
    /// For each token, the entity whose mention covers it.
    entity_idx: Vec<u32>,
    /// The parse, one entry per token, or empty.
    syntax: &'a [TokenSyntax],
    tree: Tree,
}

impl<'a> Doc<'a> {
    fn new(
        text: &'a str,
        tokens: &'a [Token],
        sentences: &'a [Sentence],
        entities: &'a [Entity],
        syntax: &'a [TokenSyntax],
    ) -> Self {
        let mut lower = String::with_capacity(tokens.iter().map(|t| t.span.len()).sum());
        let mut lower_at = Vec::with_capacity(tokens.len());
        for t in tokens {
            let s = t.span.slice(text).unwrap_or("");
            let start = lower.len() as u32;
            if s.is_ascii() {
                lower.extend(s.chars().map(|c| c.to_ascii_lowercase()));
            } else {
                lower.push_str(&s.to_lowercase());
            }
            lower_at.push((start, lower.len() as u32));
        }
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
        let ranges: Vec<(usize, usize)> = sentences
            .iter()
            .map(|s| {
                (
                    s.tokens.start.min(tokens.len()),
                    s.tokens.end.min(tokens.len()),
                )
            })
            .collect();
        let syntax = if syntax.len() == tokens.len() {
            syntax
        } else {
            &[]
        };
        let tree = Tree::new(tokens.len(), &ranges, syntax);
        Doc {
            text,
            tokens,
            sentences,
            entities,
            lex: Lexicon::embedded(),
            lower,
            lower_at,
            sentence_idx: sentence_of.iter().map(|&s| s as u32).collect(),
            region_idx: region_of
                .iter()
                .map(|r| r.map_or(u32::MAX, |r| r as u32))
                .collect(),
            regions,
            entity_idx: entity_at
                .iter()
                .map(|e| e.map_or(u32::MAX, |e| e as u32))
                .collect(),
            syntax,
            tree,
        }
    }

    /// The sentence of token `i`.
    fn sentence_of(&self, i: usize) -> usize {
        self.sentence_idx.get(i).map_or(0, |&s| s as usize)
    }

    /// The quotation-mark region holding token `i`, if one does.
    fn region_of(&self, i: usize) -> Option<usize> {
        self.region_idx
            .get(i)
            .filter(|&&r| r != u32::MAX)
            .map(|&r| r as usize)
    }

    /// The entity whose mention covers token `i`, if one does.
    fn entity_at(&self, i: usize) -> Option<usize> {
        self.entity_idx
            .get(i)
            .filter(|&&e| e != u32::MAX)
            .map(|&e| e as usize)
    }

    fn w(&self, i: usize) -> &str {
        self.lower_at
            .get(i)
            .and_then(|&(a, b)| self.lower.get(a as usize..b as usize))
            .unwrap_or("")
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
            && self.region_of(end - 1).is_none()
        {
            end -= 1;
        }
        end
    }

    /// The cue that starts at token `i`, if one does.
    fn cue_at(&self, i: usize, hi: usize) -> Option<Cue> {
        if self.region_of(i).is_some() || !self.is_word(i) {
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
            && self.sentence_of(i - 1) == self.sentence_of(i)
            && !(self.title_case(self.sentence_of(i)) && lexicon::is_headline_cue(w))
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
        self.entity_at(head).is_some()
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
                .find(|&k| self.is_punct(k, ",") || self.region_of(k).is_some())?;
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
            if self.region_of(t).is_some() {
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
            let at_start = t == lo || self.sentence_of(t - 1) != self.sentence_of(t);
            if lexicon::is_np_boundary(w) && (!self.is_cap(t) || at_start) {
                break;
            }
            if self.lex.cue(w).is_some() && !self.is_cap(t) && self.entity_at(t).is_none() {
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
            if self.region_of(k).is_some() {
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
            || self.entity_at(from).is_some();
        // The head of "a spokesman for the group" is "spokesman": judge the phrase by its
        // first noun as well as its last word.
        let any_head = (from..k).any(|i| self.plausible_source(from, i + 1));
        (starts_well && any_head).then_some((from, k))
    }

    /// The object of "told" and similar verbs ("reporters", "CNN", "the audience"), up to
    /// five words.
    fn object_after(&self, from: usize, hi: usize) -> Option<(usize, usize)> {
        // An object pronoun is the whole object ("told her the port would reopen"); "her"
        // and "you" only when a new phrase starts after them ("told her staff" is a phrase).
        if from < hi {
            let next = if from + 1 < hi { self.w(from + 1) } else { "" };
            let ends = lexicon::is_determiner(next) || lexicon::is_pronoun(next) || next == "that";
            if matches!(self.w(from), "him" | "me" | "us" | "them")
                || (matches!(self.w(from), "her" | "you") && ends)
            {
                return Some((from, from + 1));
            }
        }
        let mut k = from;
        while k < hi && k - from < 5 {
            if self.region_of(k).is_some() || !self.is_word(k) {
                break;
            }
            let w = self.w(k);
            if w == "that" || (lexicon::is_np_boundary(w) && !self.is_cap(k)) {
                break;
            }
            if self.lex.cue(w).is_some() && self.entity_at(k).is_none() {
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
        let entity = (from..to).find_map(|i| self.entity_at(i));
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
                let end = (i + 1..to.min(i + 5)).find(|&k| lexicon::is_venue_noun(self.w(k)));
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

    /// The sentence passes: the drafts, the cue tokens they used, which quotation-mark
    /// regions they attribute, and the regions of headlines left for the fragment pass.
    fn rules_pass(&self) -> Pass {
        let mut pass = Pass {
            drafts: Vec::new(),
            used: vec![false; self.tokens.len()],
            attributed: vec![false; self.regions.len()],
            headline_regions: Vec::new(),
        };
        for s in 0..self.sentences.len() {
            self.direct(
                s,
                &mut pass.drafts,
                &mut pass.used,
                &mut pass.attributed,
                &mut pass.headline_regions,
            );
            self.reported(s, &mut pass.drafts, &mut pass.used, &mut pass.attributed);
        }
        pass
    }

    /// Whether token `i` may start a cue the parse could read: a speech cue the token rules
    /// know, or a form of an attribution verb.
    fn is_cue_word(&self, i: usize, hi: usize) -> bool {
        let next = if i + 1 < hi { self.w(i + 1) } else { "" };
        if let Some(cue) = self.cue_at(i, hi) {
            if matches!(cue.form, Form::AccordingTo | Form::QuotedAs) {
                return false;
            }
            // A weak cue the parse reads only with "that" ("learned that ..."), unless it
            // is an attribution verb as well.
            if cue.class == CueClass::Weak && !self.is_attribution_form(i, next) {
                return (i + 1..hi).any(|k| self.w(k) == "that");
            }
            return true;
        }
        self.is_attribution_form(i, next)
    }

    /// Whether token `i` is a verb form of an attribution verb: not a noun after a
    /// determiner or a preposition ("a call", "the point", "of doubt"), and followed by its
    /// preposition when the verb is listed only with one ("points to").
    fn is_attribution_form(&self, i: usize, next: &str) -> bool {
        let w = self.w(i);
        if w.len() < 3 || !w.bytes().all(|b| b.is_ascii_lowercase()) {
            return false;
        }
        if i > 0
            && (lexicon::is_determiner(self.w(i - 1))
                || matches!(self.w(i - 1), "of" | "in" | "for" | "on" | "with" | "by"))
        {
            return false;
        }
        lexicon::lemmas_of(w).any(|l| {
            lexicon::attribution_preps(&l)
                .is_some_and(|preps| preps.iter().any(|p| p.is_none_or(|p| p == next)))
        })
    }

    fn extract(&self, title: Option<&str>) -> Vec<Quote> {
        let Pass {
            mut drafts,
            attributed,
            headline_regions,
            ..
        } = self.rules_pass();
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
        self.nest(&mut drafts);
        for d in drafts.iter_mut() {
            self.add_venue(d);
        }
        self.headline_fragments(&fragments, &mut drafts);
        drafts.iter().map(|d| self.finish(d, &drafts)).collect()
    }

    /// Attributions inside another's content. The same speaker's ("X reiterated A but
    /// made it clear that B") is one attribution, and the inner one is dropped, as is
    /// another speaker's attribution verb; another speaker's speech ("X said that Y told
    /// him ...") is relayed through the outer speaker, who becomes the first link of its
    /// relay chain.
    fn nest(&self, drafts: &mut Vec<Draft>) {
        let n = drafts.len();
        let mut drop = vec![false; n];
        for b in 0..n {
            let Some((cue, _)) = drafts[b].cue else {
                continue;
            };
            let cue_byte = self.tokens[cue].span.start;
            // Drafts are made sentence by sentence, so one whose content holds this cue is
            // among the few made around it; the window keeps long articles linear.
            let outer = (b.saturating_sub(NEST_WINDOW)..n.min(b + NEST_WINDOW))
                .filter(|&a| a != b && !drop[a] && drafts[a].in_title == drafts[b].in_title)
                .filter(|&a| {
                    let c = drafts[a].content;
                    c.start <= cue_byte && cue_byte < c.end && c.contains(drafts[b].content)
                })
                .min_by_key(|&a| drafts[a].content.len());
            let Some(a) = outer else {
                continue;
            };
            let same = match (drafts[a].source, drafts[b].source) {
                (Some(x), Some(y)) => {
                    (x.0 < y.1 && y.0 < x.1)
                        || self
                            .speaker(&drafts[a])
                            .is_some_and(|e| Some(e) == self.speaker(&drafts[b]))
                }
                _ => false,
            };
            // Another speaker's attribution verb inside reported content ("X said that Y
            // accused ...") is most often a misreading on PolNeAR's training split, where
            // dropping it raised precision without costing recall.
            if same || drafts[b].cue_kind == CueKind::Other {
                drop[b] = true;
            } else {
                drafts[b].via = Some(a);
            }
        }
        // Indexes into `drafts` (`via`) are remapped past the dropped ones.
        let mut new_index = vec![None; n];
        let mut k = 0;
        for (i, slot) in new_index.iter_mut().enumerate() {
            if !drop[i] {
                *slot = Some(k);
                k += 1;
            }
        }
        let mut i = 0;
        drafts.retain(|_| {
            i += 1;
            !drop[i - 1]
        });
        for d in drafts.iter_mut() {
            d.via = d.via.and_then(|v| new_index[v]);
            d.continues = d.continues.and_then(|v| new_index[v]);
        }
    }

    /// "Putin told the audience, ..." after "Putin left a session at the X forum": an
    /// audience with no place in the frame was at the venue where an earlier sentence of
    /// the same paragraph or the one before puts the same speaker.
    fn add_venue(&self, d: &mut Draft) {
        let audience = d.relays.iter().any(|r| r.kind == RelayKind::Audience);
        let placed = d
            .relays
            .iter()
            .any(|r| matches!(r.kind, RelayKind::Venue) || self.names_venue(r.span));
        let Some(speaker) = self.speaker(d) else {
            return;
        };
        if !audience || placed || d.in_title {
            return;
        }
        let para = self.sentences[d.sentence].paragraph;
        for s in (d.sentence.saturating_sub(2)..=d.sentence).rev() {
            if para.saturating_sub(self.sentences[s].paragraph) > 1 {
                continue;
            }
            let (lo, hi) = self.bounds(s);
            if !(lo..hi).any(|k| self.entity_at(k) == Some(speaker)) {
                continue;
            }
            for k in lo..hi {
                if self.w(k) != "at" || self.region_of(k).is_some() {
                    continue;
                }
                let end = (k + 1..hi.min(k + 10))
                    .take_while(|&j| self.is_word(j))
                    .find(|&j| lexicon::is_venue_noun(self.w(j)));
                if let Some(end) = end {
                    d.relays.push(Relay {
                        span: self.span(k, end + 1),
                        kind: RelayKind::Venue,
                    });
                    return;
                }
            }
        }
    }

    /// Whether a span's words name a venue ("at a news conference").
    fn names_venue(&self, span: Span) -> bool {
        let first = self.tokens.partition_point(|t| t.span.end <= span.start);
        (first..self.tokens.len())
            .take_while(|&i| self.tokens[i].span.start < span.end)
            .any(|i| lexicon::is_venue_noun(self.w(i)))
    }

    /// The relay chain of a draft: through the speakers of the quotations that hold it,
    /// outermost last, then its own channels and theirs.
    fn relay_chain(&self, d: &Draft, drafts: &[Draft]) -> Vec<Relay> {
        let mut out = d.relays.clone();
        let mut at = d.via;
        // Nesting is bounded by the number of drafts; the bound also guards a cycle.
        for _ in 0..drafts.len() {
            let Some(outer) = at.and_then(|i| drafts.get(i)) else {
                break;
            };
            if let Some((a, b)) = outer.source {
                out.push(Relay {
                    span: self.span(a, b),
                    kind: RelayKind::Speaker,
                });
            }
            out.extend(outer.relays.iter().copied());
            at = outer.via;
        }
        out
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
            let last_s = self.sentence_of(region.end - 1);
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
                if let Some(last) = drafts.len().checked_sub(1) {
                    if drafts[last].region == Some(starting[n - 1]) {
                        let part = self.part_of(&drafts[last], last, r);
                        drafts.push(part);
                        attributed[r] = true;
                        continue;
                    }
                }
            }
            // Words outside the marks in its sentence make the region a fragment of a
            // larger sentence; the reported-speech pass decides about it.
            let outside = (lo..hi.max(region.end))
                .filter(|&i| self.region_of(i).is_none() && self.is_word(i))
                .count();
            if outside >= 3 {
                if self.is_headline(s) {
                    headline_regions.push(r);
                }
                continue;
            }
            if let Some(d) = self.continuation(r, s, drafts) {
                attributed[r] = true;
                drafts.push(d);
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
            sentence: self.sentence_of(region.end - 1),
            speaker: None,
            in_title: false,
            cue_kind: CueKind::Speech,
            via: None,
            continues: None,
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

    /// A region standing alone after an attributed direct quotation continues it: the
    /// next part of the same quotation when in the same paragraph with nothing but its frame
    /// between, or when it opens the next paragraph. A sentence ending in a colon with a cue
    /// ("Smith said:") attributes it instead.
    fn continuation(&self, r: usize, s: usize, drafts: &[Draft]) -> Option<Draft> {
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
                return Some(self.direct_draft(r, source, &cue, relays));
            }
        }
        let last = drafts.len().checked_sub(1)?;
        let prev = &drafts[last];
        let prev_region = self.regions[prev.region?];
        let para = |i: usize| self.sentences[self.sentence_of(i)].paragraph;
        let gap = para(region.open).checked_sub(para(prev_region.end - 1))?;
        // In the same paragraph only the previous frame may lie between (no other
        // sentence); the next paragraph must open with it.
        if gap > 1 || self.sentence_of(region.open) > prev.sentence + 1 {
            return None;
        }
        Some(self.part_of(prev, last, r))
    }

    /// The next part of a split quotation: region `r`, continuing draft `prev` (at index
    /// `index`), with its speaker, cue and relays.
    fn part_of(&self, prev: &Draft, index: usize, r: usize) -> Draft {
        let region = self.regions[r];
        let mut d = prev.clone();
        d.content = region.span;
        d.kind = QuoteKind::Direct;
        d.region = Some(r);
        d.sentence = self.sentence_of(region.end - 1);
        d.continues = Some(index);
        d
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
        // The parse reads its cues first; the token rules then take the cues it left
        // ("according to", "was quoted as saying", and frames the parse did not attach).
        if self.tree.parsed[s] {
            self.parsed_reported(s, drafts, used, attributed);
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
            .find(|&k| self.is_punct(k, ":") && self.region_of(k).is_none())?;
        if colon == lo || used[colon] {
            return None;
        }
        let head = colon - 1;
        let named = self
            .entity_at(head)
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
                    || self.entity_at(k).is_some()
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
        // "Fundraising, according to the campaign, has surged": the phrase interrupts the
        // clause, which is the content on both sides of it.
        let inserted = !leads
            && source.1 < end
            && self.is_punct(source.1, ",")
            && (source.1 + 1..end).filter(|&k| self.is_word(k)).count() >= 3;
        let (from, to) = if leads {
            let comma = (source.1..end).find(|&k| self.is_punct(k, ","))?;
            (comma + 1, end)
        } else if inserted {
            (lo, end)
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
            .find(|&k| self.tokens[k].kind == TokenKind::Punct && self.region_of(k).is_none())?;
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
            // "Pressed by reporters, Lee said there was ...": a clause after the cue (its
            // first word a subject's) makes the words before the comma an adjunct of the
            // sentence, and what follows the cue the content.
            let first = self.w(cue.end.min(end.saturating_sub(1)));
            let tells = matches!(self.w(cue.verb), "told" | "tell" | "tells" | "informed");
            if cue.end < frame_end
                && inserted.is_none()
                && !tells
                && (lexicon::is_determiner(first)
                    || (lexicon::is_pronoun(first) && first != "who")
                    || first == "there")
            {
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
                self.region_of(k).is_none()
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
            marked |= from < end && self.region_of(from).is_some();
        }
        if cue.class == CueClass::Weak && !marked {
            return None;
        }
        // The clause ends where a participle cue takes over (", adding that ...") and at a
        // semicolon, after which the writer speaks again.
        let end = (from..end)
            .find(|&k| {
                (self.is_punct(k, ";") && self.region_of(k).is_none())
                    || (self.is_punct(k, ",")
                        && k + 1 < end
                        && self
                            .cue_at(k + 1, end)
                            .is_some_and(|c| c.form == Form::Participle))
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
            self.entity_at(k)
                .is_some_and(|e| matches!(self.entities[e].kind, EntityType::Per | EntityType::Org))
                || lexicon::is_pronoun(self.w(k))
        })?;
        let mut e = k + 1;
        while e < to && self.entity_at(e).is_some() && self.entity_at(e) == self.entity_at(k) {
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
                    cue_kind: CueKind::Speech,
                    via: None,
                    continues: None,
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
            if let Some(e) = self.entity_at(i) {
                let kind = self.entities[e].kind;
                // "Two European diplomats" are not Europe speaking: a place or another
                // name speaks only as the head of the phrase ("Moscow said").
                if !matches!(kind, EntityType::Per | EntityType::Org) && i + 1 != b {
                    continue;
                }
                // "Putin's aide", "the ministry's spokesman": a possessor followed by the
                // noun it modifies is not the one speaking.
                let possessor = (i + 1..b)
                    .find(|&k| self.entity_at(k) != Some(e))
                    .is_some_and(|k| {
                        matches!(self.raw(k), "'s" | "’s" | "'" | "’")
                            && (k + 1..b).any(|j| self.is_word(j) && self.entity_at(j).is_none())
                    });
                if possessor {
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

    fn finish(&self, d: &Draft, drafts: &[Draft]) -> Quote {
        Quote {
            content: d.content,
            kind: d.kind,
            source: d.source.map(|(a, b)| self.span(a, b)),
            speaker: self.speaker(d).map(EntityId),
            cue: d.cue.map(|(a, b)| self.span(a, b)),
            cue_kind: d.cue_kind,
            continues: d.continues,
            relays: self.relay_chain(d, drafts),
            in_title: d.in_title,
        }
    }
}
