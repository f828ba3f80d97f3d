//! What a report says of its event besides who did what: topics, place, attribution, date,
//! duration and ordinal claims. All read from the report's own sentence.

use readout_model::{
    Attribution, CameoCode, Claim, EntityId, EntityType, Event, EventPlace, PloverMode, PloverType,
    QuoteId, Span, TimeBasis, Timex, TimexId, TimexType, Token, Topic,
};

use std::str::FromStr;

use crate::coder::clause_break;
use crate::Inputs;

/// The most words a topic may have.
const TOPIC_WORDS: usize = 14;

/// Fills the attributes of a freshly coded event (one mention) from its sentence.
pub(crate) fn attach(
    inputs: &Inputs,
    mentions: &[(Span, usize)],
    toks: &[Token],
    words: &[&str],
    event: &mut Event,
) {
    let Some(end) = toks.iter().position(|t| t.span.start >= event.trigger.end) else {
        return finish(inputs, mentions, toks, words, event);
    };
    event.topics = topics(inputs, toks, words, event, end);
    // An actor of a joint source is not also the target ("Trump and Putin spoke ...
    // since Trump returned").
    let sources: Vec<Option<EntityId>> = event.source.iter().map(|a| a.entity).collect();
    event
        .target
        .retain(|a| a.entity.is_none() || !sources.contains(&a.entity));
    // A name inside a topic ("the suspension of U.S. weapons deliveries") is what was
    // talked about, not who was talked to.
    let topics: Vec<Span> = event.topics.iter().map(|t| t.span).collect();
    event.target.retain(|a| {
        !topics
            .iter()
            .any(|t| t.start <= a.span.start && a.span.end <= t.end)
    });
    finish(inputs, mentions, toks, words, event);
}

/// The weapon a sentence names, as a mode of the PLOVER manual's ASSAULT table: the most
/// specific first (a suicide bombing is a suicide attack, an air strike aerial).
fn weapon(words: &[&str]) -> Option<PloverMode> {
    let has = |list: &[&str]| words.iter().any(|w| list.contains(w));
    let modes: [(PloverMode, &[&str]); 7] = [
        (PloverMode::SuicideAttack, &["suicide"]),
        (PloverMode::Drone, &["drone", "drones"]),
        (
            PloverMode::Aerial,
            &[
                "airstrike",
                "airstrikes",
                "air-strike",
                "warplanes",
                "warplane",
                "helicopter",
                "helicopters",
                "aircraft",
                "jets",
                "raids",
            ],
        ),
        (
            PloverMode::HeavyWeapons,
            &[
                "artillery",
                "shell",
                "shells",
                "shelling",
                "shelled",
                "mortar",
                "mortars",
                "rocket",
                "rockets",
                "tank",
                "tanks",
                "missile",
                "missiles",
                "howitzers",
            ],
        ),
        (
            PloverMode::Explosives,
            &[
                "bomb",
                "bombs",
                "bombing",
                "bombings",
                "bomber",
                "bombers",
                "explosive",
                "explosives",
                "explosion",
                "blast",
                "grenade",
                "grenades",
                "mine",
                "mines",
                "ied",
                "ieds",
            ],
        ),
        (
            PloverMode::Firearms,
            &[
                "gun",
                "guns",
                "gunfire",
                "gunmen",
                "gunman",
                "rifle",
                "rifles",
                "shot",
                "shooting",
                "shootings",
                "pistol",
                "pistols",
                "sniper",
                "snipers",
                "gunbattle",
            ],
        ),
        (
            PloverMode::Primitive,
            &[
                "stones", "stone", "rocks", "machete", "machetes", "knife", "knives", "axe",
                "axes", "clubs", "sticks",
            ],
        ),
    ];
    modes
        .iter()
        .find(|(_, list)| has(list))
        .map(|(mode, _)| *mode)
}

/// Words of a sentence that say a consultation was by telephone.
fn by_phone(words: &[&str]) -> bool {
    words.iter().any(|w| {
        matches!(
            *w,
            "phone" | "telephone" | "phoned" | "telephoned" | "videoconference" | "videocall"
        )
    })
}

fn finish(
    inputs: &Inputs,
    mentions: &[(Span, usize)],
    toks: &[Token],
    words: &[&str],
    event: &mut Event,
) {
    event.location = location(inputs, mentions, toks, words, event);
    // The place where two actors met is not a party to their meeting ("Putin and Trump
    // met in Geneva"); but the place of an attack or a visit stands for its target
    // ("arrived in Amman", "attacked in Tel Aviv"), as the PLOVER gold standard codes it.
    if let Some(place) = &event.location {
        if event.source.len() >= 2 {
            event.target.retain(|a| a.span != place.span);
        }
    }
    // An assault without a mode of its own code takes the weapon the sentence names, in
    // the PLOVER manual's ASSAULT modes ("ASSAULT modes" table).
    if event.mode.is_none() && matches!(event.cameo.root(), 18..=20) {
        event.mode = weapon(words);
    }
    // CAMEO 041 is a consultation by telephone: "discussed ... in a phone conversation".
    if event.cameo == "040" && by_phone(words) {
        if let Ok(phone) = CameoCode::from_str("041") {
            event.cameo = phone;
            event.mode = Some(PloverMode::Phone);
        }
    }
    event.reported_by = reported_by(inputs, event.trigger);
    event.date = inputs.sentence_times.get(event.sentence).cloned().flatten();
    event.duration = duration(inputs, event.sentence);
    event.claims = claims(toks, words);
}

/// What was discussed, demanded or agreed: the phrase after "on", "about", "over",
/// "regarding" or "concerning" just after the trigger (or its object), or the object
/// itself of a verb of consulting ("discussed the war"); split at "and"; up to the end
/// of the clause or a time expression.
fn topics(
    inputs: &Inputs,
    toks: &[Token],
    words: &[&str],
    event: &Event,
    end: usize,
) -> Vec<Topic> {
    let about = |w: &str| matches!(w, "on" | "about" | "over" | "regarding" | "concerning");
    // "spoke by phone on Thursday" must not make Thursday a topic, nor "met him in Paris"
    // a place one.
    let mut start = None;
    // Only talk, agreement, requests, refusals and cooperation have a topic: "imposed
    // sanctions on Iran" names a target.
    let has_topic = matches!(
        event.plover,
        PloverType::Consult
            | PloverType::Agree
            | PloverType::Request
            | PloverType::Reject
            | PloverType::Cooperate
            | PloverType::Support
    );
    for (i, w) in words
        .iter()
        .enumerate()
        .skip(end)
        .take(if has_topic { 4 } else { 0 })
    {
        if clause_break(w) {
            break;
        }
        if about(w) {
            start = Some(i + 1);
            break;
        }
    }
    // Verbs whose object is what was talked about.
    let talk = |w: &str| {
        [
            "discuss", "debat", "negotiat", "review", "address", "examin", "consider", "raise",
            "touch",
        ]
        .iter()
        .any(|stem| w.starts_with(stem))
    };
    let first = toks.partition_point(|t| t.span.start < event.trigger.start);
    let verb = words.get(first).copied().unwrap_or("");
    if start.is_none() && talk(verb) {
        let first = words.get(end).copied().unwrap_or(".");
        let object = !clause_break(first)
            && !matches!(
                first,
                "by" | "with" | "in" | "at" | "to" | "for" | "and" | "again"
            );
        if object {
            start = Some(end);
        }
    }
    let Some(start) = start else {
        return Vec::new();
    };
    let mut out = Vec::new();
    let mut from = start;
    let mut i = start;
    let stop = (start + TOPIC_WORDS).min(words.len());
    let close = |from: usize, to: usize, out: &mut Vec<Topic>| {
        if to > from {
            out.push(Topic {
                span: Span::new(toks[from].span.start, toks[to - 1].span.end),
                negated: event.negated,
            });
        }
    };
    while i < stop {
        let w = words[i];
        // A time expression ends the topic ("discussed trade last week"), unless it only
        // says "recent" or "current" of the topic's noun.
        let timex = timex_at(inputs.times, toks[i].span.start)
            .is_some_and(|t| t.value.as_ref().is_none_or(|v| v.as_ref_value().is_none()));
        let time_follows = matches!(w, "on" | "in" | "at" | "last" | "this" | "next")
            && toks
                .get(i + 1)
                .is_some_and(|n| timex_at(inputs.times, n.span.start).is_some());
        if clause_break(w) || timex || time_follows || matches!(w, "with" | "by" | "but") {
            break;
        }
        if w == "and" {
            close(from, i, &mut out);
            from = i + 1;
        }
        i += 1;
    }
    close(from, i, &mut out);
    // A topic that is only an actor of the event ("discussed Iran" with Iran the target)
    // stays a topic: what the call was about is worth keeping even when it is a country.
    out
}

/// "in Geneva", "at the White House": the first place named after "in" or "at" in the
/// sentence, outside the event's topics and sources, after the trigger or at the
/// sentence's start.
fn location(
    inputs: &Inputs,
    mentions: &[(Span, usize)],
    toks: &[Token],
    words: &[&str],
    event: &Event,
) -> Option<EventPlace> {
    let inside = |s: Span| {
        event
            .topics
            .iter()
            .map(|t| t.span)
            .chain(event.source.iter().map(|a| a.span))
            .any(|t| t.start <= s.start && s.end <= t.end)
    };
    for &(span, e) in mentions {
        let Some(entity) = inputs.entities.get(e).filter(|x| x.kind == EntityType::Loc) else {
            continue;
        };
        let Some(k) = toks.iter().position(|t| t.span.start == span.start) else {
            continue;
        };
        let mut j = k;
        if j > 0 && words[j - 1] == "the" {
            j -= 1;
        }
        if j == 0 || !matches!(words[j - 1], "in" | "at") || inside(span) {
            continue;
        }
        if j - 1 == 0 || span.start > event.trigger.end {
            let code = entity.code.as_ref().and_then(|c| c.country.clone());
            return Some(EventPlace {
                span,
                entity: Some(EntityId(e)),
                code,
            });
        }
    }
    None
}

/// The quotation whose content holds the trigger: its source and speaker. Only speech
/// reports an event; the complement of an attribution verb ("accused Y of attacking") is
/// the verb's own event, not a report of one.
pub(crate) fn reported_by(inputs: &Inputs, trigger: Span) -> Option<Attribution> {
    let (i, q) = inputs.quotes.iter().enumerate().find(|(_, q)| {
        !q.in_title
            && q.cue_kind == readout_model::CueKind::Speech
            && q.content.start <= trigger.start
            && trigger.end <= q.content.end
    })?;
    Some(Attribution {
        quote: Some(QuoteId(i)),
        span: q.source,
        entity: q.speaker,
    })
}

/// A duration expression of the sentence ("a nearly hour-long call").
pub(crate) fn duration(inputs: &Inputs, sentence: usize) -> Option<TimexId> {
    let s = inputs.sentences.get(sentence)?.span;
    let first = inputs.times.partition_point(|t| t.span.start < s.start);
    let found = inputs.times[first..]
        .iter()
        .take_while(|t| t.span.start < s.end)
        .position(|t| t.kind == TimexType::Duration && t.span.end <= s.end)?;
    Some(TimexId(first + found))
}

/// The time expression that starts at byte `start` (the expressions are in text order).
pub(crate) fn timex_at(times: &[Timex], start: usize) -> Option<&Timex> {
    let i = times.partition_point(|t| t.span.start < start);
    times.get(i).filter(|t| t.span.start == start)
}

/// Nouns an ordinal claim counts ("their sixth conversation", "the third round of talks").
fn counted(word: &str) -> bool {
    matches!(
        word.trim_end_matches('s'),
        "call"
            | "conversation"
            | "meeting"
            | "visit"
            | "talk"
            | "summit"
            | "round"
            | "attack"
            | "strike"
            | "exchange"
            | "contact"
            | "trip"
            | "time"
            | "session"
            | "encounter"
            | "discussion"
            | "agreement"
            | "deal"
    )
}

/// "marking their sixth publicly disclosed conversation since ...": an ordinal followed
/// within four words by a counted noun, to the end of its clause.
pub(crate) fn claims(toks: &[Token], words: &[&str]) -> Vec<Claim> {
    let mut out = Vec::new();
    for (k, w) in words.iter().enumerate() {
        let Some(n) = ordinal(w) else { continue };
        let Some(noun) = (k + 1..(k + 5).min(words.len())).find(|&i| counted(words[i])) else {
            continue;
        };
        if words[k + 1..noun].iter().any(|w| clause_break(w)) {
            continue;
        }
        let mut end = noun + 1;
        if words.get(end) == Some(&"since") {
            while end < words.len() && !clause_break(words[end]) {
                end += 1;
            }
        }
        out.push(Claim {
            span: Span::new(toks[k].span.start, toks[end - 1].span.end),
            ordinal: n,
        });
    }
    out
}

/// The number an ordinal word or figure gives ("sixth", "6th").
fn ordinal(word: &str) -> Option<u32> {
    // Every ordinal, in words or figures, ends so; most words do not.
    if !["th", "st", "nd", "rd"].iter().any(|e| word.ends_with(e)) {
        return None;
    }
    const WORDS: [&str; 20] = [
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    if let Some(i) = WORDS.iter().position(|w| *w == word) {
        return Some(i as u32 + 1);
    }
    let digits = word
        .strip_suffix("st")
        .or_else(|| word.strip_suffix("nd"))
        .or_else(|| word.strip_suffix("rd"))
        .or_else(|| word.strip_suffix("th"))?;
    digits.parse().ok().filter(|n| *n > 0 && *n < 1000)
}

/// The rank of a time basis: an expression of the sentence's own first.
pub(crate) fn basis_rank(basis: TimeBasis) -> u8 {
    match basis {
        TimeBasis::Expression => 0,
        TimeBasis::Carried => 1,
        TimeBasis::Published => 2,
    }
}
