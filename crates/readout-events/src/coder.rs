//! Coding one sentence at a time: triggers, codes, actors, negation and modality.

use std::cell::OnceCell;
use std::str::FromStr;

use readout_model::{
    CameoCode, Confidence, Entity, EntityId, EntityType, Event, EventActor, EventMention, Modality,
    PloverMode, PloverType, Span, Token, TokenKind,
};

use crate::attributes;
use crate::lexicon::{Item, Lexicon, Pattern, Word};
use crate::Inputs;

/// How many tokens after a verb its pattern's words may lie.
const AFTER_WINDOW: usize = 10;
/// How many tokens before a verb its pattern's words may lie.
const BEFORE_WINDOW: usize = 6;

/// Codes every sentence of the article, one event per trigger.
pub(crate) fn code(inputs: &Inputs) -> Vec<Event> {
    let lexicon = Lexicon::embedded();
    let text = inputs.text;
    // ASCII lower-casing keeps byte offsets, and the dictionary is ASCII.
    let lower = text.to_ascii_lowercase();
    let mut mentions: Vec<(Span, usize)> = inputs
        .entities
        .iter()
        .enumerate()
        .flat_map(|(e, entity)| entity.mentions.iter().map(move |m| (m.span, e)))
        .collect();
    mentions.sort();
    // Role phrases by where they end, to join "U.S. President" to "Donald Trump".
    let mut roles: Vec<(Span, usize)> = inputs
        .entities
        .iter()
        .enumerate()
        .flat_map(|(e, entity)| entity.roles.iter().map(move |r| (*r, e)))
        .collect();
    roles.sort();
    let mut out: Vec<Event> = Vec::new();
    // The actors of the latest event with two or more of them, for "the two leaders": of
    // people, and of any kind.
    let mut pairs: [Vec<EventActor>; 2] = [Vec::new(), Vec::new()];
    for (si, sentence) in inputs.sentences.iter().enumerate() {
        let Some(toks) = inputs.tokens.get(sentence.tokens.clone()) else {
            continue;
        };
        let words: Vec<&str> = toks
            .iter()
            .map(|t| lower.get(t.span.start..t.span.end).unwrap_or(""))
            .collect();
        let first = mentions.partition_point(|(s, _)| s.start < sentence.span.start);
        let last = mentions.partition_point(|(s, _)| s.start < sentence.span.end);
        // Roles sorted by start: those that start inside the sentence.
        let role_first = roles.partition_point(|(r, _)| r.start < sentence.span.start);
        let role_last = roles.partition_point(|(r, _)| r.start < sentence.span.end);
        let coder = SentenceCoder {
            lexicon,
            mentions: &mentions[first..last],
            roles: &roles[role_first..role_last],
            pairs: &pairs,
            ids: OnceCell::new(),
            inputs,
            toks,
            words: &words,
            candidates: OnceCell::new(),
        };
        let found = coder.code(si);
        for e in &found {
            let all: Vec<EventActor> = e.source.iter().chain(&e.target).cloned().collect();
            if all.len() >= 2 {
                let people = all.iter().all(|a| {
                    a.entity
                        .and_then(|x| inputs.entities.get(x.index()))
                        .is_some_and(|x| x.kind == EntityType::Per)
                });
                if people {
                    pairs[0] = all.clone();
                }
                pairs[1] = all;
            }
        }
        out.extend(found);
    }
    out
}

/// Something in a sentence that can be an actor: an entity's mention (with the role phrase
/// before it), a nationality with a role noun, or a reference to a pair.
struct Candidate {
    span: Span,
    actors: Vec<EventActor>,
}

/// Role nouns after a nationality ("the Russian side") and the sector they give.
fn role_sector(word: &str) -> Option<&'static str> {
    Some(match word {
        "side" | "government" | "officials" | "authorities" | "leadership" | "delegation"
        | "diplomats" | "ministry" | "embassy" | "administration" | "leader" | "leaders" => "GOV",
        "forces" | "troops" | "army" | "military" | "soldiers" | "navy" | "warplanes" => "MIL",
        "police" => "COP",
        "rebels" | "insurgents" | "militants" | "separatists" => "REB",
        "opposition" => "OPP",
        _ => return None,
    })
}

/// Whether a person's words begin with a title of office ("President Assad", "former
/// president Carlos Menem"), with no nationality or other name before it.
fn titled(words: &str) -> bool {
    let lower = words.to_ascii_lowercase();
    let lower = lower.strip_prefix("former ").unwrap_or(&lower);
    [
        "president ",
        "prime minister ",
        "premier ",
        "king ",
        "queen ",
        "chancellor ",
        "minister ",
        "governor ",
        "general ",
    ]
    .iter()
    .any(|t| lower.starts_with(t))
}

/// Nouns after "the two" or "both" that name a pair of actors.
fn pair_noun(word: &str) -> bool {
    matches!(
        word,
        "leaders"
            | "sides"
            | "presidents"
            | "men"
            | "countries"
            | "governments"
            | "nations"
            | "delegations"
            | "ministers"
            | "parties"
            | "heads"
            | "states"
    )
}

fn candidates(
    text: &str,
    toks: &[Token],
    words: &[&str],
    mentions: &[(Span, usize)],
    roles: &[(Span, usize)],
    entities: &[Entity],
    pairs: &[Vec<EventActor>; 2],
) -> Vec<Candidate> {
    let mut out: Vec<Candidate> = Vec::new();
    let country = |e: usize| entities[e].code.as_ref().and_then(|c| c.country.clone());
    // A country or nationality that modifies another name: inside its role phrase ("U.S."
    // in "U.S. President Donald Trump"), or before it with a possessive ("Iran's religious
    // leader Ayatollah Khomeini", "Nicaragua's Sandinista government"). It acts only
    // through that name, and gives it its country when the entity stage gave none.
    let mut modifiers: Vec<(Span, usize)> = Vec::new();
    for (i, &(span, e)) in mentions.iter().enumerate() {
        let in_role = roles
            .iter()
            .any(|(r, owner)| *owner != e && r.start <= span.start && span.end <= r.end);
        let possessive = mentions.get(i + 1).is_some_and(|&(next, _)| {
            text.get(span.end..next.start).is_some_and(|gap| {
                let gap = gap.trim_start();
                (gap.starts_with("'s ") || gap.starts_with("\u{2019}s "))
                    && gap.split_whitespace().count() <= 5
                    && !gap.contains([',', ';', '.'])
            })
        });
        if in_role || (possessive && country(e).is_some()) {
            modifiers.push((span, e));
        }
    }
    for &(span, e) in mentions {
        if modifiers.iter().any(|(m, _)| *m == span) {
            continue;
        }
        // A miscellaneous name with no code is a war, a faith, a law or a product ("the
        // Gulf war", "Protestant"), not a party that acts or is acted on.
        if entities[e].kind == EntityType::Misc && entities[e].code.is_none() {
            continue;
        }
        // The role phrase just before the mention joins it.
        let start = roles
            .iter()
            .filter(|(r, owner)| {
                *owner == e
                    && r.end <= span.start
                    && text
                        .get(r.end..span.start)
                        .is_some_and(|gap| gap.trim().is_empty())
            })
            .map(|(r, _)| r.start)
            .min()
            .unwrap_or(span.start);
        let mention_start = span.start;
        let mut span = Span::new(start, span.end);
        let mut actor = entity_actor(span, e, &entities[e]);
        if actor.code.is_none() {
            // The nearest modifier that ends before the mention, within its role phrase or
            // its possessive (at most forty bytes before).
            actor.code = modifiers
                .iter()
                .filter(|(m, _)| m.end <= mention_start && m.start + 40 >= start)
                .filter_map(|&(_, x)| country(x))
                .next_back();
        }
        // A nationality or country followed by a role noun: "the Russian side", "Syrian
        // troops"; the role gives the sector.
        let after = toks.iter().position(|t| t.span.start >= span.end);
        // "Iran forces Britain to pay" is a verb with its object, not Iranian forces.
        let verb_with_object = |k: usize| {
            toks.get(k + 1).is_some_and(|t| {
                determiner(words[k + 1])
                    || text[t.span.start..].starts_with(|c: char| c.is_uppercase())
            })
        };
        if let Some(k) = after.filter(|&k| !verb_with_object(k)) {
            if let Some(sector) = role_sector(words[k]) {
                if actor.sector.is_none() && actor.code.is_some() {
                    span = Span::new(span.start, toks[k].span.end);
                    actor.span = span;
                    actor.sector = Some(sector.to_string());
                }
            }
        }
        out.push(Candidate {
            span,
            actors: vec![actor],
        });
    }
    // A person named by a title alone ("President Mugabe", "former president Carlos
    // Menem") in a sentence whose named countries are all one country is that country's:
    // news names the foreign head of state with a nationality and the domestic one without.
    let countries: Vec<&String> = out
        .iter()
        .flat_map(|c| c.actors.iter().filter_map(|a| a.code.as_ref()))
        .chain(
            modifiers
                .iter()
                .filter_map(|&(_, e)| entities[e].code.as_ref().and_then(|c| c.country.as_ref())),
        )
        .collect();
    if let Some(&only) = countries
        .first()
        .filter(|&&c| countries.iter().all(|x| *x == c))
    {
        let only = only.clone();
        for c in &mut out {
            for a in &mut c.actors {
                let titled = a
                    .entity
                    .is_some_and(|e| entities[e.index()].kind == EntityType::Per)
                    && text.get(a.span.start..a.span.end).is_some_and(titled);
                if a.code.is_none() && titled {
                    a.code = Some(only.clone());
                }
            }
        }
    }
    // "the two leaders", "both sides", "the two": the actors of the latest event that had
    // two or more; people for nouns of people and for "the two" alone.
    {
        for k in 0..words.len() {
            if !matches!(words[k], "the" | "both") {
                continue;
            }
            let (end, ok) = match (words[k], words.get(k + 1), words.get(k + 2)) {
                ("the", Some(&"two"), Some(n)) if pair_noun(n) => (k + 3, true),
                ("the", Some(&"two"), Some(n)) => (k + 2, next_is_verbal(n)),
                ("both", Some(n), _) if pair_noun(n) => (k + 2, true),
                ("the", Some(&"leaders"), _) => (k + 2, true),
                _ => (k, false),
            };
            if !ok {
                continue;
            }
            let people = end == k + 2 && words[k + 1] == "two"
                || matches!(
                    words[end - 1],
                    "leaders" | "presidents" | "men" | "ministers" | "heads"
                );
            let pair = match (people, pairs[0].is_empty()) {
                (true, false) => &pairs[0],
                _ => &pairs[1],
            };
            if pair.len() < 2 {
                continue;
            }
            let span = Span::new(toks[k].span.start, toks[end - 1].span.end);
            if out
                .iter()
                .any(|c| c.span.start < span.end && span.start < c.span.end)
            {
                continue;
            }
            let actors = pair
                .iter()
                .map(|a| EventActor { span, ..a.clone() })
                .collect();
            out.push(Candidate { span, actors });
        }
    }
    out.sort_by_key(|c| c.span.start);
    out
}

/// Articles, possessives and demonstratives: what follows them is a noun phrase.
fn determiner(word: &str) -> bool {
    matches!(
        word,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "its"
            | "their"
            | "our"
            | "this"
            | "that"
            | "these"
            | "those"
            | "my"
            | "your"
            | "any"
            | "some"
            | "every"
            | "each"
            | "another"
            | "such"
    )
}

/// Words that look like adjectives by their ending ("unprecedented", "ongoing", "military",
/// "humanitarian"); used only between a determiner and a possible noun.
fn adjective_like(word: &str) -> bool {
    const ENDINGS: [&str; 16] = [
        "ed", "ing", "ous", "al", "ful", "ive", "ic", "ent", "ant", "able", "ible", "less", "long",
        "ary", "ian", "ese",
    ];
    word.len() > 3 && ENDINGS.iter().any(|e| word.ends_with(e))
}

/// Words after "the two" that show it stands alone as a subject ("the two did not").
fn next_is_verbal(word: &str) -> bool {
    matches!(
        word,
        "did"
            | "do"
            | "have"
            | "had"
            | "has"
            | "were"
            | "are"
            | "will"
            | "would"
            | "also"
            | "then"
            | "spoke"
            | "met"
            | "agreed"
            | "discussed"
            | "talked"
            | "held"
    )
}

pub(crate) fn entity_actor(span: Span, e: usize, entity: &Entity) -> EventActor {
    let code = entity.code.clone().unwrap_or_default();
    EventActor {
        span,
        entity: Some(EntityId(e)),
        code: code.country.clone().or_else(|| {
            code.sector
                .clone()
                .filter(|s| matches!(s.as_str(), "IGO" | "NGO" | "MNC"))
        }),
        sector: code.sector,
    }
}

/// Words that end a clause: an actor or a topic after one belongs to another clause.
pub(crate) fn clause_break(word: &str) -> bool {
    matches!(
        word,
        "," | ";"
            | ":"
            | "."
            | "that"
            | "which"
            | "who"
            | "but"
            | "while"
            | "because"
            | "although"
            | "though"
            | "whereas"
            | "according"
            | "after"
            | "before"
            | "when"
            | "as"
            | "amid"
            | "("
            | ")"
            | "\u{2014}"
            | "\u{2013}"
            | "--"
            | "\""
    )
}

/// Prepositions that make a following name no subject ("the war in Ukraine").
fn preposition(word: &str) -> bool {
    matches!(
        word,
        "of" | "in"
            | "at"
            | "on"
            | "from"
            | "to"
            | "with"
            | "for"
            | "by"
            | "against"
            | "about"
            | "over"
            | "into"
            | "near"
            | "since"
            | "after"
            | "before"
            | "during"
            | "under"
            | "between"
            | "among"
            | "amid"
            | "across"
            | "through"
            | "toward"
            | "towards"
            | "within"
            | "without"
            | "than"
            | "like"
            | "via"
            | "per"
    )
}

/// One sentence being coded. The word numbers and the actor candidates are built on first
/// use: a sentence without a dictionary verb needs neither.
struct SentenceCoder<'a> {
    lexicon: &'a Lexicon,
    /// The entity mentions of the sentence, in text order, with their entities.
    mentions: &'a [(Span, usize)],
    /// The role phrases that start in the sentence.
    roles: &'a [(Span, usize)],
    /// The actors of the latest events with two or more ("the two leaders").
    pairs: &'a [Vec<EventActor>; 2],
    ids: OnceCell<WordIds>,
    inputs: &'a Inputs<'a>,
    toks: &'a [Token],
    words: &'a [&'a str],
    candidates: OnceCell<Vec<Candidate>>,
}

impl SentenceCoder<'_> {
    fn ids(&self) -> &WordIds {
        self.ids
            .get_or_init(|| WordIds::new(self.lexicon, self.words))
    }

    fn cands(&self) -> &[Candidate] {
        self.candidates.get_or_init(|| {
            candidates(
                self.inputs.text,
                self.toks,
                self.words,
                self.mentions,
                self.roles,
                self.inputs.entities,
                self.pairs,
            )
        })
    }

    fn code(&self, sentence: usize) -> Vec<Event> {
        let mut out = Vec::new();
        if let Some(demand) = self.reported_must(sentence) {
            out.push(demand);
        }
        let mut k = 0;
        let mut pattern_end = 0;
        while k < self.words.len() {
            if k < pattern_end {
                k += 1;
                continue;
            }
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
                    let (code, specificity, reach) = self.code_of(id as usize, k, end)?;
                    let default = self.lexicon.default_code(id as usize);
                    // An appeal (02) refining a verb of demand (10) by default is a demand
                    // still: "demanded that Greece withdraw" is no mere appeal. And a verb
                    // that is no appeal by default is one only by a pattern close to it
                    // ("called for"): "spoke by phone ... for ..." is still a phone call.
                    let weaker = code.starts_with("02")
                        && default.is_some_and(|d| {
                            d.starts_with("10") || (!d.starts_with("02") && reach > end + 3)
                        });
                    let dropped =
                        (self.lexicon.plover_of_entry(&code).is_none() || weaker) && code != "---";
                    // A verb of saying (a public statement, CAMEO 01, by default).
                    let saying = default.is_some_and(|d| d.starts_with("01"));
                    let ambiguous = self.lexicon.default_is_rare_sense(id as usize);
                    match default {
                        Some(default) if dropped && specificity > 0 => {
                            Some((default.to_string(), 0, end, saying, ambiguous))
                        }
                        _ => Some((
                            code,
                            specificity,
                            reach,
                            saying,
                            specificity == 0 && ambiguous,
                        )),
                    }
                })
                .max_by_key(|(_, specificity, _, _, _)| *specificity);
            let Some((code, _, reach, saying, ambiguous)) = best else {
                k = end;
                continue;
            };
            // The words of the pattern after the verb are its object ("sent humanitarian
            // aid"), not triggers of their own. But a pattern that reaches into a clause of
            // its own ("said they will release") names that clause's verb, which is coded
            // in its own right, with its own modality; the verb of saying then yields.
            let clause = self.words[end..reach.max(end)].iter().any(|w| {
                matches!(
                    *w,
                    "it" | "they" | "he" | "she" | "we" | "will" | "would" | "that" | "is"
                )
            });
            if !clause {
                pattern_end = pattern_end.max(reach);
            } else if saying && reach > end && self.verb_at(reach - 1).is_some() {
                k = end;
                continue;
            }
            // Codes are `A` (source acts on target), `A:R` (and the target answers with
            // R, as a host to a visit), `:R` (only the reversed event: "appeared before
            // the court" is the court acting) or `---` (a pattern that rules out an event).
            let (forward, reversed) = code.split_once(':').unwrap_or((code.as_str(), ""));
            let (code, swap) = match (forward, reversed) {
                ("", r) if !r.is_empty() => (r.parse::<CameoCode>(), true),
                (f, _) if !f.is_empty() && f != "---" => (f.parse::<CameoCode>(), false),
                _ => {
                    k = end;
                    continue;
                }
            };
            let Ok(code) = code else {
                k = end;
                continue;
            };
            let trigger = Span::new(self.toks[k].span.start, self.toks[end - 1].span.end);
            // The verb that introduces a quotation ("according to", "added") reports the
            // saying, which PLOVER does not code; only verbs that are events in
            // themselves (demanding, accusing, rejecting, threatening) stay.
            if self.is_cue(trigger) && !matches!(code.root(), 10..=13) {
                k = end;
                continue;
            }
            let negated = self.negated(k);
            let modality = self.modality(k);
            // CAMEO codes an action announced or held possible as the intent or the threat
            // of it, not as the action: "will provide aid" is 033, "plans to impose
            // restrictions" 13x.
            let code = if modality != Modality::Asserted && !negated {
                crate::intent_code(code).unwrap_or(code)
            } else {
                code
            };
            let Some(plover) = self.lexicon.plover(code) else {
                k = end;
                continue;
            };
            let (mut source, mut target) = (self.actors_before(k), self.actors_after(end));
            if swap {
                std::mem::swap(&mut source, &mut target);
            }
            let mut e = self.event(
                plover.kind,
                plover.mode,
                code,
                trigger,
                sentence,
                (source, target),
                negated,
                modality,
            );
            if ambiguous {
                e.confidence = RARE_SENSE;
            }
            out.push(e);
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
        // The reported demand was found first; text order is what merging expects.
        out.sort_by_key(|e| e.trigger.start);
        self.mark_requested(&mut out);
        for e in &mut out {
            attributes::attach(self.inputs, self.mentions, self.toks, self.words, e);
        }
        // A trigger inside another event's topic ("did not discuss trade") is what was
        // discussed.
        let topics: Vec<Span> = out
            .iter()
            .flat_map(|e| e.topics.iter().map(|t| t.span))
            .collect();
        out.retain(|e| {
            !topics
                .iter()
                .any(|t| t.start <= e.trigger.start && e.trigger.end <= t.end)
        });
        out
    }

    /// "urged Peru to release the fishermen", "demanded that Greece withdraw": an action
    /// asked for has not happened. It is kept, as the PLOVER gold standard codes what was
    /// asked for, but marked hypothetical.
    fn mark_requested(&self, out: &mut [Event]) {
        let asking = |w: &str| {
            matches!(
                w,
                "urged"
                    | "urge"
                    | "urges"
                    | "urging"
                    | "asked"
                    | "ask"
                    | "asks"
                    | "called"
                    | "calls"
                    | "call"
                    | "appealed"
                    | "appeals"
                    | "pressed"
                    | "requested"
                    | "demanded"
                    | "demands"
                    | "demand"
                    | "wants"
                    | "wanted"
                    | "insisted"
                    | "insists"
                    | "told"
            )
        };
        let Some(ask) = self.words.iter().position(|w| asking(w)) else {
            return;
        };
        let ask_end = self.toks[ask].span.end;
        // "told reporters that ..." reports; only "told Iran to halt" asks.
        let reporting = matches!(self.words[ask], "told" | "tell" | "tells");
        for e in out.iter_mut() {
            if e.trigger.start <= ask_end {
                continue;
            }
            let k = self.token_at(e.trigger.start);
            let between = &self.words[ask + 1..k];
            let complement = between
                .iter()
                .any(|w| *w == "to" || (*w == "that" && !reporting));
            let broken = between
                .iter()
                .any(|w| matches!(*w, "," | ";" | "but" | "and"));
            if complement && !broken && e.modality == Modality::Asserted {
                e.modality = Modality::Hypothetical;
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        plover: PloverType,
        mode: Option<PloverMode>,
        cameo: CameoCode,
        trigger: Span,
        sentence: usize,
        (source, target): (Vec<EventActor>, Vec<EventActor>),
        negated: bool,
        modality: Modality,
    ) -> Event {
        Event {
            source,
            target,
            modality,
            ..report(plover, mode, cameo, trigger, sentence, negated)
        }
    }

    /// Whether `span` lies in a verb of saying that frames a quotation. Attribution verbs
    /// ("accused", "called for", "praised") frame a quotation too, but they are events.
    fn is_cue(&self, span: Span) -> bool {
        self.inputs.quotes.iter().any(|q| {
            q.cue_kind == readout_model::CueKind::Speech
                && q.cue
                    .is_some_and(|c| c.start <= span.start && span.end <= c.end && !q.in_title)
        })
    }

    /// "X said that Y must ...": a demand by X on Y (CAMEO 100), whatever Y must do. The
    /// trigger is "must"; Y is the actor just before it, X the first actor of the sentence
    /// before a verb of saying.
    fn reported_must(&self, sentence: usize) -> Option<Event> {
        let m = self.words.iter().position(|w| *w == "must")?;
        let at = self.toks[m].span.start;
        let c = self.cands().iter().rposition(|c| c.span.end <= at)?;
        let target_group = self.group_back(c);
        let first_target = *target_group.first()?;
        // At most two words ("government", "forces") between the actor and "must".
        let gap = self.inputs.text.get(self.cands()[c].span.end..at)?;
        if gap.split_whitespace().count() > 2 || first_target == 0 {
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
        let source = self.actors_of(&self.group_forward(0));
        let target = self.actors_of(&target_group);
        let demand = CameoCode::from_str("100").ok()?;
        let plover = self.lexicon.plover(demand)?;
        Some(self.event(
            plover.kind,
            plover.mode,
            demand,
            self.toks[m].span,
            sentence,
            (source, target),
            false,
            Modality::Asserted,
        ))
    }

    /// A verb of the dictionary starting at token `k`: the index past its last token and
    /// its lemmas. The longest form wins. A word inside a name, or after an article or a
    /// possessive (a noun: "the attack", "his visit"), is no verb.
    fn verb_at(&self, k: usize) -> Option<(usize, &[u32])> {
        if self.toks[k].kind != TokenKind::Word {
            return None;
        }
        // The dictionary first: most words are in none of its forms, and the tests below
        // cost more than a lookup.
        let found = self.form_at(k)?;
        if self.in_candidate(self.toks[k].span) {
            return None;
        }
        if k > 0 && determiner(self.words[k - 1]) {
            return None;
        }
        // "an unprecedented move", "the ongoing war": a word after a determiner and an
        // adjective is a noun too.
        if k > 1 && determiner(self.words[k - 2]) && adjective_like(self.words[k - 1]) {
            return None;
        }
        // "Serb forces killed", "security forces", "peacekeeping forces": a plural after a
        // name or an adjective is a noun, unless an object follows it ("Iran forces the
        // crew to ...", "Iran forces Britain to ...").
        if k > 0 && self.plural_noun(k) {
            return None;
        }
        // "accused Iran of spying", "praised Chile for helping": the gerund is what the
        // accusation or praise is about, not an event of its own.
        if k > 0 && matches!(self.words[k - 1], "of" | "for") && self.words[k].ends_with("ing") {
            return None;
        }
        Some(found)
    }

    /// The longest form of the dictionary starting at token `k`: the index past it and its
    /// lemmas.
    fn form_at(&self, k: usize) -> Option<(usize, &[u32])> {
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

    fn plural_noun(&self, k: usize) -> bool {
        let w = self.words[k];
        if !w.ends_with('s') || w.ends_with("ss") || w.len() < 4 {
            return false;
        }
        let before = self.words[k - 1];
        let capitalised =
            self.inputs.text[self.toks[k - 1].span.start..].starts_with(|c: char| c.is_uppercase());
        if !(capitalised || adjective_like(before) || determiner(before)) {
            return false;
        }
        let object_follows = self.toks.get(k + 1).is_some_and(|t| {
            determiner(self.words[k + 1])
                || self.inputs.text[t.span.start..].starts_with(|c: char| c.is_uppercase())
        });
        !object_follows
    }

    fn in_candidate(&self, span: Span) -> bool {
        self.cands()
            .iter()
            .any(|c| c.span.start <= span.start && span.end <= c.span.end)
    }

    /// The code a lemma gives at tokens `[k, end)`: its most specific matching pattern's,
    /// else its default; with the number of pattern words matched and the index past the
    /// last of them after the verb.
    fn code_of(&self, lemma: usize, k: usize, end: usize) -> Option<(String, usize, usize)> {
        let matched = self
            .lexicon
            .patterns(lemma)
            .iter()
            .filter_map(|p| Some((p, self.pattern_matches(p, k, end)?)))
            .max_by_key(|(p, _)| p.before.len() + p.after.len());
        match matched {
            Some((p, reach)) => Some((p.code.clone(), 1 + p.before.len() + p.after.len(), reach)),
            None => self
                .lexicon
                .default_code(lemma)
                .map(|c| (c.to_string(), 0, end)),
        }
    }

    /// Whether the pattern matches the verb at tokens `[k, end)`: the index past its last
    /// word after the verb (`end` for a pattern with none).
    fn pattern_matches(&self, p: &Pattern, k: usize, end: usize) -> Option<usize> {
        // A pattern that is only a preposition after the verb ("call on") asks for a
        // particle: the preposition must follow the verb at once, or "telephoned France
        // on Tuesday" would be "called on".
        if !self.ids().has_all(&p.required) {
            return None;
        }
        if p.particle {
            // "phoned on Thursday" is no "call on": a time expression follows.
            let time_follows = self
                .toks
                .get(end + 1)
                .is_some_and(|t| attributes::timex_at(self.inputs.times, t.span.start).is_some());
            if end >= self.words.len() || time_follows {
                return None;
            }
            return p.after.first().and_then(|item| self.item_at(item, end));
        }
        let after_end = (end + AFTER_WINDOW).min(self.words.len());
        let mut at = end;
        for item in &p.after {
            at = (at..after_end).find_map(|i| self.item_at(item, i))?;
        }
        let reach = at;
        let before_start = k.saturating_sub(BEFORE_WINDOW);
        let mut at = before_start;
        for item in &p.before {
            match (at..k).find_map(|i| self.item_at(item, i)) {
                Some(next) if next <= k => at = next,
                _ => return None,
            }
        }
        Some(reach)
    }

    /// Whether `item` matches at token `i`; the index past it.
    fn item_at(&self, item: &Item, i: usize) -> Option<usize> {
        match item {
            Item::Word(w) => self.ids().matches(*w, i).then_some(i + 1),
            Item::Text(_) | Item::Set(_) => None,
            Item::Members(set) if !self.ids().set_possible(self.lexicon, *set) => None,
            Item::Members(set) => self.lexicon.sets.get(*set)?.iter().find_map(|member| {
                let fits = member.len() + i <= self.words.len()
                    && member
                        .iter()
                        .enumerate()
                        .all(|(j, m)| self.ids().matches(*m, i + j));
                fits.then_some(i + member.len())
            }),
        }
    }

    /// The token index at which a candidate starts.
    fn token_at(&self, at: usize) -> usize {
        self.toks.partition_point(|t| t.span.start < at)
    }

    /// Whether a preposition governs the candidate (the word before it, or before its
    /// article).
    fn governed(&self, c: usize) -> Option<&str> {
        let k = self.token_at(self.cands()[c].span.start);
        let mut j = k.checked_sub(1)?;
        if matches!(self.words[j], "the" | "a" | "an") {
            j = j.checked_sub(1)?;
        }
        preposition(self.words[j]).then_some(self.words[j])
    }

    /// The subject of the verb at token `k`: the nearest candidate before it that no
    /// preposition governs (else the nearest), with those coordinated with it.
    fn actors_before(&self, k: usize) -> Vec<EventActor> {
        let at = self.toks[k].span.start;
        let before: Vec<usize> = (0..self.cands().len())
            .filter(|&c| self.cands()[c].span.end <= at)
            .collect();
        let Some(&nearest) = before.last() else {
            return Vec::new();
        };
        let chosen = before
            .iter()
            .rev()
            .copied()
            .find(|&c| self.governed(self.group_back(c)[0]).is_none())
            .unwrap_or(nearest);
        self.actors_of(&self.group_back(chosen))
    }

    /// The object of the verb ending before token `end`: the first candidate after it in
    /// the sentence. (Keeping to the clause, or refusing names after "in" or "of", lost
    /// more targets of the PLOVER gold standard's development half than it saved; names
    /// inside a topic are dropped once topics are known.)
    fn actors_after(&self, end: usize) -> Vec<EventActor> {
        let Some(from) = self.toks.get(end.saturating_sub(1)).map(|t| t.span.end) else {
            return Vec::new();
        };
        let Some(c) = self.cands().iter().position(|c| c.span.start >= from) else {
            return Vec::new();
        };
        self.actors_of(&self.group_forward(c))
    }

    /// Candidate `c` with the candidates coordinated before it, in text order.
    fn group_back(&self, c: usize) -> Vec<usize> {
        let mut group = vec![c];
        let mut i = c;
        while i > 0 && self.coordinated(self.cands()[i - 1].span, self.cands()[i].span) {
            i -= 1;
            group.push(i);
        }
        group.reverse();
        group
    }

    /// Candidate `c` with the candidates coordinated after it.
    fn group_forward(&self, c: usize) -> Vec<usize> {
        let mut group = vec![c];
        let mut i = c;
        while i + 1 < self.cands().len()
            && self.coordinated(self.cands()[i].span, self.cands()[i + 1].span)
        {
            i += 1;
            group.push(i);
        }
        group
    }

    /// Whether only "and", "or", commas and "&" stand between two candidates.
    fn coordinated(&self, a: Span, b: Span) -> bool {
        let between = self.inputs.text.get(a.end..b.start).unwrap_or("x");
        matches!(between.trim(), "and" | "," | ", and" | "&" | "or")
    }

    fn actors_of(&self, group: &[usize]) -> Vec<EventActor> {
        let mut out: Vec<EventActor> = Vec::new();
        for &c in group {
            for actor in &self.cands()[c].actors {
                let same = |a: &EventActor| match (a.entity, actor.entity) {
                    (Some(x), Some(y)) => x == y,
                    _ => a.span == actor.span && a.code == actor.code,
                };
                if !out.iter().any(same) {
                    out.push(actor.clone());
                }
            }
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

/// The most confidence a report keeps when its code is the verb's default and most of the
/// senses the dictionary writes for the verb are of other types ("gave", "issued",
/// "organized"): the default is then a guess among them. Below the default threshold; the
/// parse can lower it further, never raise it.
const RARE_SENSE: Confidence = Confidence::from_percent(70);

/// An event as one asserted report: no actors and no attributes yet.
pub(crate) fn report(
    plover: PloverType,
    mode: Option<PloverMode>,
    cameo: CameoCode,
    trigger: Span,
    sentence: usize,
    negated: bool,
) -> Event {
    Event {
        plover,
        mode,
        cameo,
        trigger,
        sentence,
        source: Vec::new(),
        target: Vec::new(),
        negated,
        modality: Modality::Asserted,
        mentions: vec![EventMention {
            trigger,
            sentence,
            negated,
        }],
        topics: Vec::new(),
        location: None,
        reported_by: None,
        date: None,
        duration: None,
        claims: Vec::new(),
        confidence: Confidence::FULL,
    }
}

/// The words of a sentence by their numbers in the dictionary's vocabulary: the word
/// itself, and the word without a plural "s" or "es", each `NONE` when the dictionary has
/// no such word.
pub(crate) struct WordIds {
    word: Vec<u32>,
    without_s: Vec<u32>,
    without_es: Vec<u32>,
    /// One bit per vocabulary word: set when the sentence has it in any of those forms.
    present: Vec<u64>,
    /// Per synonym set, once asked: whether the sentence has the first word of one of its
    /// members (0 not yet known, 1 yes, 2 no).
    sets: std::cell::RefCell<Vec<u8>>,
}

const NONE: u32 = u32::MAX;

impl WordIds {
    fn new(lexicon: &Lexicon, words: &[&str]) -> WordIds {
        let id = |w: Option<&str>| {
            w.and_then(|w| lexicon.vocabulary.get(w))
                .copied()
                .unwrap_or(NONE)
        };
        let word: Vec<u32> = words.iter().map(|w| id(Some(w))).collect();
        let without_s: Vec<u32> = words.iter().map(|w| id(w.strip_suffix('s'))).collect();
        let without_es: Vec<u32> = words.iter().map(|w| id(w.strip_suffix("es"))).collect();
        let mut present = vec![0u64; lexicon.vocabulary.len() / 64 + 1];
        for &x in word.iter().chain(&without_s).chain(&without_es) {
            if x != NONE {
                present[x as usize / 64] |= 1 << (x % 64);
            }
        }
        WordIds {
            word,
            without_s,
            without_es,
            present,
            sets: std::cell::RefCell::new(vec![0; lexicon.sets.len()]),
        }
    }

    /// Whether a member of the synonym set may start somewhere in the sentence.
    fn set_possible(&self, lexicon: &Lexicon, set: usize) -> bool {
        let known = self.sets.borrow().get(set).copied().unwrap_or(2);
        if known != 0 {
            return known == 1;
        }
        let possible = lexicon.sets[set]
            .iter()
            .any(|m| m.first().is_some_and(|w| self.has_all(&[w.id])));
        self.sets.borrow_mut()[set] = if possible { 1 } else { 2 };
        possible
    }

    /// Whether the sentence has every one of these words somewhere.
    fn has_all(&self, ids: &[u32]) -> bool {
        ids.iter()
            .all(|&x| self.present[x as usize / 64] & (1 << (x % 64)) != 0)
    }

    /// A pattern word matches the same text word or its plural ("sanction" matches
    /// "sanctions"), unless it is exact (written with a final `_`), which asks for the word
    /// itself. PETRARCH compares pattern words with whole words (the heads of noun
    /// phrases), so no wider stemming.
    fn matches(&self, w: Word, i: usize) -> bool {
        self.word[i] == w.id
            || (!w.exact && (self.without_s[i] == w.id || self.without_es[i] == w.id))
    }
}
