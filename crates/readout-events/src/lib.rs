//! Event coding for readout: who did what to whom, sentence by sentence, in PLOVER and
//! CAMEO.
//!
//! A verb of PETRARCH2's CAMEO dictionary (compiled into `data/`) is a trigger; the
//! dictionary's patterns (words that must come before or after the verb) refine its code;
//! the CAMEO code gives the PLOVER type and mode. The source is the actor named nearest
//! before the trigger, the target the first named after it, each with every actor
//! coordinated with it ("Hungary and Romania agreed"). Negation and modality are read from
//! the words just before the trigger. Actors are the article's entities, with the actor
//! codes the entity stage gave them.
#![deny(missing_docs)]

mod lexicon;

use readout_model::{Entity, Event, EventActor, Modality, Sentence, Span, Token, TokenKind};

use lexicon::{Item, Lexicon, Pattern};

/// How many tokens after a verb its pattern's words may lie.
const AFTER_WINDOW: usize = 10;
/// How many tokens before a verb its pattern's words may lie.
const BEFORE_WINDOW: usize = 6;

/// Codes the events of an article, in text order of their triggers.
///
/// `entities` are the article's entities (from the entity stage); an actor of an event
/// points at one of them.
pub fn events(
    text: &str,
    tokens: &[Token],
    sentences: &[Sentence],
    entities: &[Entity],
) -> Vec<Event> {
    let lexicon = Lexicon::embedded();
    // ASCII lower-casing keeps byte offsets, and the dictionary is ASCII.
    let lower = text.to_ascii_lowercase();
    let mut mentions: Vec<(Span, usize)> = entities
        .iter()
        .enumerate()
        .flat_map(|(e, entity)| entity.mentions.iter().map(move |m| (m.span, e)))
        .collect();
    mentions.sort();
    let mut out = Vec::new();
    for (si, sentence) in sentences.iter().enumerate() {
        let toks = &tokens[sentence.tokens.clone()];
        let words: Vec<&str> = toks
            .iter()
            .map(|t| lower.get(t.span.start..t.span.end).unwrap_or(""))
            .collect();
        let first = mentions.partition_point(|(s, _)| s.start < sentence.span.start);
        let last = mentions.partition_point(|(s, _)| s.start < sentence.span.end);
        let here = &mentions[first..last];
        let sentence_coder = SentenceCoder {
            lexicon,
            text,
            toks,
            words: &words,
            mentions: here,
            entities,
        };
        out.extend(sentence_coder.code(si));
    }
    out
}

struct SentenceCoder<'a> {
    lexicon: &'a Lexicon,
    text: &'a str,
    toks: &'a [Token],
    words: &'a [&'a str],
    mentions: &'a [(Span, usize)],
    entities: &'a [Entity],
}

impl SentenceCoder<'_> {
    fn code(&self, sentence: usize) -> Vec<Event> {
        let mut out = Vec::new();
        if let Some(demand) = self.reported_must(sentence) {
            out.push(demand);
        }
        let mut k = 0;
        while k < self.words.len() {
            let Some((end, lemmas)) = self.verb_at(k) else {
                k += 1;
                continue;
            };
            // A pattern that refines the verb into a category PLOVER drops (CAMEO's
            // statements and appeals, 01 and 02: "demanded ... security" is an appeal
            // for security cooperation in the dictionary) yields to the verb's default.
            let best = lemmas
                .iter()
                .filter_map(|&id| {
                    let (code, specificity) = self.code_of(id as usize, k, end)?;
                    let dropped = self.lexicon.plover(code.trim_start_matches(':')).is_none()
                        && code != "---";
                    match self.lexicon.default_code(id as usize) {
                        Some(default) if dropped && specificity > 0 => {
                            Some((default.to_string(), 0))
                        }
                        _ => Some((code, specificity)),
                    }
                })
                .max_by_key(|(_, specificity)| *specificity);
            let Some((code, _)) = best else {
                k = end;
                continue;
            };
            // Codes are `A` (source acts on target), `A:R` (and the target answers with
            // R, as a host to a visit), `:R` (only the reversed event: "appeared before
            // the court" is the court acting) or `---` (a pattern that rules out an event).
            let (forward, reversed) = code.split_once(':').unwrap_or((code.as_str(), ""));
            let (code, swap) = match (forward, reversed) {
                ("", r) if !r.is_empty() => (r.to_string(), true),
                (f, _) if !f.is_empty() && f != "---" => (f.to_string(), false),
                _ => {
                    k = end;
                    continue;
                }
            };
            let negated = self.negated(k);
            let modality = self.modality(k);
            // CAMEO codes an action announced or held possible as the intent or the threat
            // of it, not as the action: "will provide aid" is 033, "plans to impose
            // restrictions" 13x.
            let code = if modality != Modality::Asserted && !negated {
                intent_code(&code).map_or(code, str::to_string)
            } else {
                code
            };
            let Some(plover) = self.lexicon.plover(&code) else {
                k = end;
                continue;
            };
            let trigger = Span::new(self.toks[k].span.start, self.toks[end - 1].span.end);
            let (mut source, mut target) = (
                self.actors_before(trigger.start),
                self.actors_after(trigger.end),
            );
            if swap {
                std::mem::swap(&mut source, &mut target);
            }
            out.push(Event {
                plover: plover.kind.clone(),
                mode: plover.mode.clone(),
                cameo: code,
                trigger,
                sentence,
                source,
                target,
                negated,
                modality,
            });
            k = end;
        }
        // "plans to impose": the verb of intent is no event of its own when the verb it
        // governs is coded as intended (that one carries the intent).
        let starts: Vec<usize> = out
            .iter()
            .filter(|e| e.modality != Modality::Asserted)
            .map(|e| e.trigger.start)
            .collect();
        out.retain(|e| {
            let Some(k) = self.toks.iter().position(|t| t.span.end == e.trigger.end) else {
                return true;
            };
            let governs = self.words.get(k + 1) == Some(&"to")
                && self
                    .toks
                    .get(k + 2)
                    .is_some_and(|t| starts.contains(&t.span.start));
            !governs
        });
        out
    }

    /// "X said that Y must ...": a demand by X on Y (CAMEO 100), whatever Y must do. The
    /// trigger is "must"; Y is the actor just before it, X the first actor of the sentence
    /// before a verb of saying.
    fn reported_must(&self, sentence: usize) -> Option<Event> {
        let m = self.words.iter().position(|w| *w == "must")?;
        let at = self.toks[m].span.start;
        let target = self.actors_before(at);
        let first_target = target.first()?;
        // At most two words ("government", "forces") between the actor and "must".
        let last_target_end = target.iter().map(|a| a.span.end).max()?;
        if self
            .text
            .get(last_target_end..at)?
            .split_whitespace()
            .count()
            > 2
        {
            return None;
        }
        let source_mention = self.mentions.first()?;
        if source_mention.0.start >= first_target.span.start {
            return None;
        }
        let saying = self.words[..m].iter().any(|w| {
            matches!(
                *w,
                "said"
                    | "says"
                    | "declared"
                    | "reiterated"
                    | "insisted"
                    | "announced"
                    | "concluded"
                    | "told"
                    | "warned"
                    | "stressed"
                    | "demanded"
                    | "urged"
            )
        });
        if !saying {
            return None;
        }
        let source = self.actors_before(source_mention.0.end);
        let plover = self.lexicon.plover("100")?;
        Some(Event {
            plover: plover.kind.clone(),
            mode: plover.mode.clone(),
            cameo: "100".to_string(),
            trigger: self.toks[m].span,
            sentence,
            source,
            target,
            negated: false,
            modality: Modality::Asserted,
        })
    }

    /// A verb of the dictionary starting at token `k`: the index past its last token and
    /// its lemmas. The longest form wins. A word inside a name, or after an article or a
    /// possessive (a noun: "the attack", "his visit"), is no verb.
    fn verb_at(&self, k: usize) -> Option<(usize, &[u32])> {
        if self.toks[k].kind != TokenKind::Word || self.in_mention(self.toks[k].span) {
            return None;
        }
        if k > 0
            && matches!(
                self.words[k - 1],
                "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our" | "this" | "that"
            )
        {
            return None;
        }
        let w = self.words[k];
        if self.lexicon.multi_first.contains(w) {
            let mut joined = w.to_string();
            let mut found = None;
            for n in 2..=self.lexicon.max_words.min(self.words.len() - k) {
                joined.push(' ');
                joined.push_str(self.words[k + n - 1]);
                if let Some(ids) = self.lexicon.forms.get(&joined) {
                    found = Some((k + n, ids.as_slice()));
                }
            }
            if found.is_some() {
                return found;
            }
        }
        self.lexicon.forms.get(w).map(|ids| (k + 1, ids.as_slice()))
    }

    fn in_mention(&self, span: Span) -> bool {
        self.mentions
            .iter()
            .any(|(m, _)| m.start <= span.start && span.end <= m.end)
    }

    /// The code a lemma gives at tokens `[k, end)`: its most specific matching pattern's,
    /// else its default; with the number of pattern words matched.
    fn code_of(&self, lemma: usize, k: usize, end: usize) -> Option<(String, usize)> {
        let matched = self
            .lexicon
            .patterns(lemma)
            .iter()
            .filter(|p| self.pattern_matches(p, k, end))
            .max_by_key(|p| p.before.len() + p.after.len());
        match matched {
            Some(p) => Some((p.code.clone(), 1 + p.before.len() + p.after.len())),
            None => self.lexicon.default_code(lemma).map(|c| (c.to_string(), 0)),
        }
    }

    fn pattern_matches(&self, p: &Pattern, k: usize, end: usize) -> bool {
        // A pattern that is only a preposition after the verb ("call on") asks for a
        // particle: the preposition must follow the verb at once, or "telephoned France
        // on Tuesday" would be "called on".
        if let [Item::Word(w)] = p.after.as_slice() {
            if p.before.is_empty() && self.lexicon.prepositions.contains(w.trim_end_matches('_')) {
                return self.words.get(end).is_some_and(|x| word_matches(w, x));
            }
        }
        let after_end = (end + AFTER_WINDOW).min(self.words.len());
        let mut at = end;
        for item in &p.after {
            match (at..after_end).find_map(|i| self.item_at(item, i)) {
                Some(next) => at = next,
                None => return false,
            }
        }
        let before_start = k.saturating_sub(BEFORE_WINDOW);
        let mut at = before_start;
        for item in &p.before {
            match (at..k).find_map(|i| self.item_at(item, i)) {
                Some(next) if next <= k => at = next,
                _ => return false,
            }
        }
        true
    }

    /// Whether `item` matches at token `i`; the index past it.
    fn item_at(&self, item: &Item, i: usize) -> Option<usize> {
        match item {
            Item::Word(w) => word_matches(w, self.words[i]).then_some(i + 1),
            Item::Set(_) => None,
            Item::Members(set) => self.lexicon.sets.get(*set)?.iter().find_map(|member| {
                let fits = member.len() + i <= self.words.len()
                    && member
                        .iter()
                        .zip(&self.words[i..])
                        .all(|(m, w)| word_matches(m, w));
                fits.then_some(i + member.len())
            }),
        }
    }

    /// The actor nearest before `at` in the sentence, with those coordinated with it.
    fn actors_before(&self, at: usize) -> Vec<EventActor> {
        let Some(last) = self.mentions.iter().rposition(|(s, _)| s.end <= at) else {
            return Vec::new();
        };
        let mut group = vec![last];
        let mut i = last;
        while i > 0 && self.coordinated(self.mentions[i - 1].0, self.mentions[i].0) {
            i -= 1;
            group.push(i);
        }
        group.reverse();
        self.actors(&group)
    }

    /// The first actor after `at` in the sentence, with those coordinated with it.
    fn actors_after(&self, at: usize) -> Vec<EventActor> {
        let Some(first) = self.mentions.iter().position(|(s, _)| s.start >= at) else {
            return Vec::new();
        };
        let mut group = vec![first];
        let mut i = first;
        while i + 1 < self.mentions.len()
            && self.coordinated(self.mentions[i].0, self.mentions[i + 1].0)
        {
            i += 1;
            group.push(i);
        }
        self.actors(&group)
    }

    /// Whether only "and", "or", commas and "&" stand between two mentions.
    fn coordinated(&self, a: Span, b: Span) -> bool {
        let between = self.text.get(a.end..b.start).unwrap_or("x");
        let between = between.trim();
        matches!(between, "and" | "," | ", and" | "&" | "or")
    }

    fn actors(&self, group: &[usize]) -> Vec<EventActor> {
        let mut out: Vec<EventActor> = Vec::new();
        for &m in group {
            let (span, e) = self.mentions[m];
            if out.iter().any(|a| a.entity == Some(e)) {
                continue;
            }
            let code = self.entities[e].code.clone().unwrap_or_default();
            out.push(EventActor {
                span,
                entity: Some(e),
                code: code.country.clone().or_else(|| {
                    code.sector
                        .clone()
                        .filter(|s| matches!(s.as_str(), "IGO" | "NGO" | "MNC"))
                }),
                sector: code.sector,
            });
        }
        out
    }

    /// "not", "n't", "never" or "no" among the three words before the trigger.
    fn negated(&self, k: usize) -> bool {
        self.words[k.saturating_sub(3)..k]
            .iter()
            .any(|w| matches!(*w, "not" | "n't" | "never" | "no"))
    }

    /// Future ("will", "'ll", "shall", "is to") or hypothetical ("may", "might", "could",
    /// "would", "should") from the four words before the trigger.
    fn modality(&self, k: usize) -> Modality {
        // "plans to impose", "is prepared to withdraw", "is to visit".
        if k >= 2 && self.words[k - 1] == "to" {
            let intent = matches!(
                self.words[k - 2],
                "plans"
                    | "plan"
                    | "planned"
                    | "planning"
                    | "prepared"
                    | "willing"
                    | "ready"
                    | "decided"
                    | "intends"
                    | "intend"
                    | "intended"
                    | "vowed"
                    | "pledged"
                    | "promised"
                    | "is"
                    | "are"
                    | "going"
                    | "expected"
                    | "set"
            );
            if intent {
                return Modality::Future;
            }
        }
        for w in self.words[k.saturating_sub(4)..k].iter().rev() {
            match *w {
                "will" | "'ll" | "shall" | "wo" => return Modality::Future,
                "may" | "might" | "could" | "would" | "should" => return Modality::Hypothetical,
                _ => {}
            }
        }
        Modality::Asserted
    }
}

/// The CAMEO code of the intent or threat of an action: cooperation announced (04 to 08)
/// becomes the matching "express intent" code of 03, force or coercion announced (15 to 20)
/// the matching threat of 13. Other codes stay.
fn intent_code(code: &str) -> Option<&'static str> {
    Some(match code.get(..2)? {
        "04" => "036",
        "05" => "032",
        "06" => "031",
        "07" => "033",
        "08" => "035",
        "16" => "131",
        "17" => "137",
        "15" | "18" | "19" | "20" => "138",
        _ => return None,
    })
}

/// The event type in the categories of the PLOVER gold standard records (PLOVER 0.5,
/// 2016), which kept four CAMEO cue categories that PLOVER 2021 folded into others:
/// INVESTIGATE (CAMEO 09, now ACCUSE), DEMAND (10, now REQUEST), DISAPPROVE (11, now
/// ACCUSE) and FIGHT (19, now ASSAULT). The PLOVER manual's table "PLOVER equivalents to
/// CAMEO cue categories" gives the correspondence.
pub fn gsr_type(event: &Event) -> &str {
    match event.cameo.get(..2) {
        Some("09") => "INVESTIGATE",
        Some("10") => "DEMAND",
        Some("11") => "DISAPPROVE",
        Some("19") => "FIGHT",
        _ => &event.plover,
    }
}

/// A pattern word matches the same text word or its plural ("sanction" matches
/// "sanctions"), unless it ends in `_`, which asks for the word itself. PETRARCH compares
/// pattern words with whole words (the heads of noun phrases), so no wider stemming.
fn word_matches(pattern: &str, word: &str) -> bool {
    match pattern.strip_suffix('_') {
        Some(exact) => word == exact,
        None => {
            word == pattern
                || word
                    .strip_prefix(pattern)
                    .is_some_and(|rest| matches!(rest, "s" | "es"))
        }
    }
}
