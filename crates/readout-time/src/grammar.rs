//! The grammar: which runs of pieces are temporal expressions, and what they mean.
//!
//! At every piece that could start an expression the tagger tries, in order, the forms of
//! `docs/time.md` and keeps the first that matches; matches never overlap. Each form is a
//! small function returning the index just past its last piece and its meaning ([`Sem`]).

use chrono::{Datelike, NaiveDate};
use readout_model::{Span, Timex, TimexMod, TimexType};

use crate::lexicon::{self, Unit};
use crate::resolve::{Day, Holiday, Rel, Sem, Tail, Tense};
use crate::scan::{pieces, Kind, Piece};

/// A match: pieces `[start, end)`; `start` is `None` when the match begins where the
/// search did.
struct Hit {
    start: Option<usize>,
    end: usize,
    kind: TimexType,
    sem: Sem,
    modifier: Option<TimexMod>,
    utc_offset: Option<i32>,
}

impl Hit {
    fn new(end: usize, kind: TimexType, sem: Sem) -> Hit {
        Hit {
            start: None,
            end,
            kind,
            sem,
            modifier: None,
            utc_offset: None,
        }
    }
}

/// A count of units as the text gives it.
#[derive(Debug, Clone, PartialEq)]
enum Count {
    /// A whole number.
    N(u32),
    /// A number written with a decimal point ("1.5").
    Decimal(String),
    /// "several", "a few", "many".
    Vague,
}

impl Count {
    fn text(&self, times: u32) -> String {
        match self {
            // A count read from digits can be as large as a u32 holds, so the product is taken in u64.
            Count::N(n) => (u64::from(*n) * u64::from(times)).to_string(),
            Count::Decimal(d) if times == 1 => d.clone(),
            Count::Decimal(d) => d
                .parse::<f64>()
                .map(|v| format!("{}", v * times as f64))
                .unwrap_or_else(|_| "X".into()),
            Count::Vague => "X".into(),
        }
    }
}

/// The tagger over one text.
pub(crate) struct Tagger<'a> {
    text: &'a str,
    lower: String,
    p: Vec<Piece>,
    /// For each piece, the piece range of its sentence.
    sentence_of: Vec<(u32, u32)>,
    anchor: Option<NaiveDate>,
}

impl<'a> Tagger<'a> {
    pub(crate) fn new(text: &'a str, sentences: &[Span], anchor: Option<NaiveDate>) -> Self {
        let p = pieces(text);
        let mut sentence_of = vec![(0u32, p.len() as u32); p.len()];
        if !sentences.is_empty() {
            let mut k = 0;
            for s in sentences {
                let first = k;
                while k < p.len() && p[k].start < s.end {
                    k += 1;
                }
                for slot in &mut sentence_of[first..k] {
                    *slot = (first as u32, k as u32);
                }
            }
            let rest = k;
            for slot in &mut sentence_of[rest..] {
                *slot = (rest as u32, p.len() as u32);
            }
        }
        Tagger {
            text,
            lower: text.to_ascii_lowercase(),
            p,
            sentence_of,
            anchor,
        }
    }

    pub(crate) fn run(&self) -> Vec<Timex> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.p.len() {
            if !self.may_start(i) {
                i += 1;
                continue;
            }
            match self.expression(i) {
                Some(hit) if hit.end > i => {
                    let start = hit.start.unwrap_or(i);
                    out.push(self.timex(start, &hit));
                    i = hit.end;
                    if let Some(second) = self.second_day(&hit) {
                        out.push(self.timex(i + 1, &second));
                        i = second.end;
                    }
                }
                _ => i += 1,
            }
        }
        out
    }

    /// "April 24 and 25": the day after the conjunction shares the first date's month.
    fn second_day(&self, hit: &Hit) -> Option<Hit> {
        let Sem::Day(Day::Date { month, year, .. }, Tail::None) = hit.sem else {
            return None;
        };
        if !matches!(self.w(hit.end), "and" | "to" | "through" | "-" | "–" | "or") {
            return None;
        }
        let (end, day) = self.day_number(hit.end + 1)?;
        if self.month_name(end, true).is_some() || lexicon::unit(self.w(end)).is_some() {
            return None;
        }
        let (end, year) = match year {
            Some(y) => (end, Some(y)),
            None => self.optional_year(end),
        };
        NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day)?;
        Some(Hit::new(
            end,
            TimexType::Date,
            Sem::Day(Day::Date { month, day, year }, Tail::None),
        ))
    }

    fn timex(&self, start: usize, hit: &Hit) -> Timex {
        let anchored = hit.sem.anchored();
        let tense = if anchored {
            self.tense(start, hit.end)
        } else {
            Tense::Unknown
        };
        let value = hit.sem.value(self.anchor, tense);
        Timex {
            span: Span::new(self.p[start].start, self.p[hit.end - 1].end),
            kind: hit.kind,
            value,
            modifier: hit.modifier,
            anchored,
            utc_offset_minutes: hit.utc_offset,
        }
    }

    // ---- reading pieces ----

    /// The lower-cased text of piece `i`, or "" past the end.
    fn w(&self, i: usize) -> &str {
        self.p.get(i).map_or("", |p| &self.lower[p.start..p.end])
    }

    /// The text of piece `i` as written.
    fn orig(&self, i: usize) -> &str {
        self.p.get(i).map_or("", |p| &self.text[p.start..p.end])
    }

    /// Whether piece `i` exists and touches the previous piece (no space between).
    fn joined(&self, i: usize) -> bool {
        self.p.get(i).is_some_and(|p| !p.space_before)
    }

    fn kind(&self, i: usize) -> Option<Kind> {
        self.p.get(i).map(|p| p.kind)
    }

    fn upper(&self, i: usize) -> bool {
        self.p.get(i).is_some_and(|p| p.upper)
    }

    /// A run of at most `max_len` digits at `i`, as a number.
    fn digits(&self, i: usize, max_len: usize) -> Option<u32> {
        let w = self.w(i);
        (self.kind(i) == Some(Kind::Digit) && w.len() <= max_len)
            .then(|| w.parse().ok())
            .flatten()
    }

    /// Whether the piece at `i` continues a number (a digit run or separator touching it).
    fn number_continues(&self, i: usize) -> bool {
        self.joined(i)
            && (self.kind(i) == Some(Kind::Digit)
                || matches!(self.w(i), "," | "." | ":" | "/" | "%")
                    && self.joined(i + 1)
                    && self.kind(i + 1) == Some(Kind::Digit))
    }

    /// Whether piece `i` starts a new number (not glued to digits before it).
    fn number_starts(&self, i: usize) -> bool {
        i == 0
            || !self.joined(i)
            || !(self.kind(i - 1) == Some(Kind::Digit)
                || matches!(self.w(i - 1), "$" | "€" | "£" | "." | "," | "#" | "/" | ":"))
    }

    /// A cheap filter: could an expression start at piece `i`? Only digits, quotation
    /// marks before a decade ("'80s") and the words of [`lexicon::is_time_word`] can; an
    /// article ("the", "a", "an") only when such a word follows it.
    fn may_start(&self, i: usize) -> bool {
        match self.kind(i) {
            Some(Kind::Digit) => true,
            Some(Kind::Alpha) => {
                let w = self.w(i);
                match w {
                    "the" | "a" | "an" => {
                        self.kind(i + 1) == Some(Kind::Digit)
                            || matches!(
                                self.w(i + 1),
                                "'" | "’"
                                    | "‘"
                                    | "additional"
                                    | "extra"
                                    | "further"
                                    | "near"
                                    | "short"
                                    | "long"
                                    | "latest"
                                    | "most"
                                    | "comparable"
                            )
                            || lexicon::is_time_word(self.w(i + 1))
                    }
                    _ => lexicon::is_time_word(w),
                }
            }
            Some(Kind::Other) => matches!(self.w(i), "'" | "’" | "‘"),
            None => false,
        }
    }

    // ---- the tense of a clause ----

    /// The tense of the nearest verb before pieces `[start, end)` in their sentence (within
    /// 14 pieces), else of the nearest after them (within 10).
    fn tense(&self, start: usize, end: usize) -> Tense {
        let (first, last) = self.sentence_of[start];
        let (first, last) = (first as usize, last as usize);
        let mut best: Option<(usize, Tense)> = None;
        let left = (first..start).rev().take(14);
        for k in left {
            if let Some(t) = self.tense_at(k) {
                best = Some((start - k, t));
                break;
            }
        }
        // A verb after the expression counts only when none comes before it: "arrive as
        // early as Wednesday, officials said" is about the arrival, "On Thursday, the
        // ministers met" about the meeting.
        if best.is_some() {
            return best.map_or(Tense::Unknown, |(_, t)| t);
        }
        for k in (end..last).take(10) {
            let distance = k + 1 - end;
            if let Some(t) = self.tense_at(k) {
                best = Some((distance, t));
                break;
            }
        }
        best.map_or(Tense::Unknown, |(_, t)| t)
    }

    fn tense_at(&self, k: usize) -> Option<Tense> {
        if self.kind(k) != Some(Kind::Alpha) {
            return None;
        }
        let w = self.w(k);
        let next = self.w(k + 1);
        let future = match w {
            "set" | "going" | "due" | "expected" | "scheduled" | "slated" => {
                next == "to" || (w != "going" && matches!(next, "for" | "on"))
            }
            // Modals and intentions put what they govern ahead: "could come as early as
            // Tuesday", "planned to leave on Thursday".
            "could" | "might" | "may" | "would" | "should" | "must" => !self.upper(k),
            "planned" | "intended" | "wanted" | "hoped" | "agreed" | "promised" | "vowed" => {
                next == "to"
            }
            // "won't": the apostrophe and "t" follow.
            "won" => matches!(next, "'" | "’") && self.w(k + 2) == "t",
            _ => lexicon::is_future_marker(w),
        };
        if future {
            return Some(Tense::Future);
        }
        // A capitalised "-ed" word inside a sentence is a name ("United"), not a verb.
        let name = self.upper(k) && k > self.sentence_of[k].0 as usize;
        (lexicon::is_past_marker(w) && !name).then_some(Tense::Past)
    }

    // ---- expressions ----

    fn expression(&self, i: usize) -> Option<Hit> {
        if let Some((j, m)) = self.quantity_mod(i) {
            // "over the past two years" is a preposition before a duration, not "more
            // than"; one-word modifiers qualify only a count that follows them directly.
            let one_word = j == i + 1;
            if self.counts_at(j) && !(one_word && self.w(j) == "the") {
                if let Some(mut hit) = self.head(j) {
                    if hit.modifier.is_none() && hit.kind != TimexType::Set {
                        hit.modifier = Some(m);
                        return Some(hit);
                    }
                }
            }
        }
        if let Some((j, m)) = self.position_mod(i) {
            if let Some(part) = lexicon::part_of_day(self.w(j)) {
                // "mid afternoon", "late evening": a part of the publication day.
                let mut hit = Hit::new(
                    j + 1,
                    TimexType::Time,
                    Sem::Day(Day::Offset(0), Tail::Part(part)),
                );
                hit.modifier = Some(m);
                return Some(hit);
            }
            if let Some(mut hit) = self.head(j) {
                if is_day(&hit.sem) {
                    // "late Monday", "early Friday morning": news marks the day, not a
                    // part of it; the adverb stays outside, as in TimeBank.
                    hit.start = Some(j);
                    return Some(hit);
                }
                let dated = matches!(hit.kind, TimexType::Date | TimexType::Time);
                let vague = matches!(&hit.sem, Sem::Value(v) if v.ends_with("_REF"));
                if dated && !vague && hit.modifier.is_none() {
                    hit.modifier = Some(m);
                    return Some(hit);
                }
            }
        }
        if matches!(self.w(i), "earlier" | "later") {
            if let Some(mut hit) = self.head(i + 1) {
                let dated = matches!(hit.kind, TimexType::Date | TimexType::Time);
                if dated && hit.sem.anchored() && !matches!(hit.sem, Sem::Offset(..)) {
                    if is_day(&hit.sem) {
                        hit.start = Some(i + 1);
                    }
                    return Some(hit);
                }
            }
        }
        self.head(i)
    }

    /// Whether a count, a clock time or a counted unit starts at `j` (what a quantity
    /// modifier may qualify).
    fn counts_at(&self, j: usize) -> bool {
        let unit_long =
            lexicon::unit(self.w(j)).is_some() && self.w(j + 1) == "-" && self.w(j + 2) == "long";
        let the_past = self.w(j) == "the"
            && matches!(self.w(j + 1), "past" | "last" | "next" | "first")
            && self.count(j + 2).is_some();
        unit_long
            || the_past
            || self.kind(j) == Some(Kind::Digit)
            || lexicon::number_word(self.w(j)).is_some()
            || matches!(
                self.w(j),
                "a" | "an" | "half" | "noon" | "midnight" | "midday" | "hundred" | "dozen"
            )
    }

    fn quantity_mod(&self, i: usize) -> Option<(usize, TimexMod)> {
        let two = (self.w(i), self.w(i + 1));
        let three = self.w(i + 2);
        Some(match two {
            ("more" | "fewer" | "less", "than") => {
                let m = if two.0 == "more" {
                    TimexMod::MoreThan
                } else {
                    TimexMod::LessThan
                };
                (i + 2, m)
            }
            ("no", "more" | "less") if three == "than" => {
                let m = if two.1 == "more" {
                    TimexMod::EqualOrLess
                } else {
                    TimexMod::EqualOrMore
                };
                (i + 3, m)
            }
            ("at", "least") => (i + 2, TimexMod::EqualOrMore),
            ("at", "most") | ("up", "to") => (i + 2, TimexMod::EqualOrLess),
            ("just" | "well", "over") => (i + 2, TimexMod::MoreThan),
            ("just", "under") => (i + 2, TimexMod::LessThan),
            ("over", _) => (i + 1, TimexMod::MoreThan),
            ("under", _) => (i + 1, TimexMod::LessThan),
            (
                "about" | "around" | "nearly" | "almost" | "roughly" | "approximately" | "some",
                _,
            ) => (i + 1, TimexMod::Approx),
            _ => return None,
        })
    }

    fn position_mod(&self, i: usize) -> Option<(usize, TimexMod)> {
        if self.w(i) == "the" && matches!(self.w(i + 1), "early" | "mid" | "late") {
            return self.position_mod(i + 1);
        }
        let w = self.w(i);
        let by_word = |m: &str| match m {
            "early" => Some(TimexMod::Start),
            "mid" => Some(TimexMod::Mid),
            "late" => Some(TimexMod::End),
            _ => None,
        };
        if let Some(m) = by_word(w) {
            // "mid-June", "late-November": a hyphen may join the word to its head.
            let j = if matches!(self.w(i + 1), "-" | "–") && self.joined(i + 1) {
                i + 2
            } else {
                i + 1
            };
            return Some((j, m));
        }
        if w == "the" && self.w(i + 2) == "of" {
            let m = match self.w(i + 1) {
                "beginning" | "start" => TimexMod::Start,
                "middle" => TimexMod::Mid,
                "end" => TimexMod::End,
                _ => return None,
            };
            return Some((i + 3, m));
        }
        None
    }

    fn head(&self, i: usize) -> Option<Hit> {
        self.set(i)
            .or_else(|| self.cluster(i))
            .or_else(|| self.determined(i))
            .or_else(|| self.part_of_year(i))
            .or_else(|| self.year_like(i))
            .or_else(|| self.month_alone(i))
            .or_else(|| self.duration(i))
            .or_else(|| self.reference(i))
    }

    // ---- recurrences ----

    fn set(&self, i: usize) -> Option<Hit> {
        let single = match self.w(i) {
            "daily" => Some("P1D"),
            "weekly" => Some("P1W"),
            "monthly" => Some("P1M"),
            "annually" | "yearly" => Some("P1Y"),
            "hourly" => Some("PT1H"),
            "nightly" => Some("P1D"),
            _ => None,
        };
        if let Some(v) = single {
            // "daily newspaper" stays a SET: TimeML marks the recurrence either way.
            return Some(Hit::new(i + 1, TimexType::Set, Sem::Value(v.into())));
        }
        if !matches!(self.w(i), "every" | "each" | "per") {
            return None;
        }
        let mut j = i + 1;
        let mut times = 1;
        if self.w(j) == "other" && self.w(i) == "every" {
            times = 2;
            j += 1;
        }
        let count = self.count(j);
        let (after_count, n) = match &count {
            Some((k, Count::N(n))) if self.w(i) == "every" => (*k, *n),
            _ => (j, 1),
        };
        if let Some((unit, plural)) = lexicon::unit(self.w(after_count)) {
            if plural == (n > 1) || after_count == j {
                let value = duration_value(&Count::N(n * times), unit);
                return Some(Hit::new(after_count + 1, TimexType::Set, Sem::Value(value)));
            }
        }
        if let Some(wd) = lexicon::weekday(self.w(j)) {
            let v = format!("XXXX-WXX-{}", wd.number_from_monday());
            let mut end = j + 1;
            if let Some(part) = lexicon::part_of_day(self.w(end)) {
                end += 1;
                return Some(Hit::new(
                    end,
                    TimexType::Set,
                    Sem::Value(format!("{v}T{part}")),
                ));
            }
            return Some(Hit::new(end, TimexType::Set, Sem::Value(v)));
        }
        if let Some(m) = lexicon::month(self.w(j)).filter(|_| self.upper(j)) {
            return Some(Hit::new(
                j + 1,
                TimexType::Set,
                Sem::Value(format!("XXXX-{m:02}")),
            ));
        }
        if let Some(part) = lexicon::part_of_day(self.w(j)) {
            return Some(Hit::new(
                j + 1,
                TimexType::Set,
                Sem::Value(format!("XXXX-XX-XXT{part}")),
            ));
        }
        None
    }

    // ---- days, clock times and their combinations ----

    /// A day, a clock time, or both, with a part of the day: "Thursday", "Thursday
    /// morning", "10 p.m. Wednesday", "noon Thursday", "Saturday, April 25", "tonight".
    fn cluster(&self, i: usize) -> Option<Hit> {
        if let Some((j, h, m, zone)) = self.clock(i) {
            let mut end = j;
            let mut day = Day::Offset(0);
            let k = if self.w(end) == "," { end + 1 } else { end };
            if let Some((e, d)) = self.day(k) {
                day = d;
                end = e;
            }
            return Some(clock_hit(end, day, h, m, zone));
        }
        if self.w(i) == "tonight" {
            return Some(Hit::new(
                i + 1,
                TimexType::Time,
                Sem::Day(Day::Offset(0), Tail::Part("NI")),
            ));
        }
        if self.w(i) == "last" && self.w(i + 1) == "night" {
            return Some(Hit::new(
                i + 2,
                TimexType::Time,
                Sem::Day(Day::Offset(-1), Tail::Part("NI")),
            ));
        }
        if self.w(i) == "this" {
            if let Some(part) = lexicon::part_of_day(self.w(i + 1)) {
                return Some(Hit::new(
                    i + 2,
                    TimexType::Time,
                    Sem::Day(Day::Offset(0), Tail::Part(part)),
                ));
            }
        }
        let (end, day) = self.day(i)?;
        if let Some(part) = lexicon::part_of_day(self.w(end)) {
            return Some(Hit::new(
                end + 1,
                TimexType::Time,
                Sem::Day(day, Tail::Part(part)),
            ));
        }
        // "Thursday at 10 a.m." stays two expressions; "Thursday 10 a.m." is one.
        if let Some((j, h, m, zone)) = self.clock(end) {
            return Some(clock_hit(j, day, h, m, zone));
        }
        Some(Hit::new(end, TimexType::Date, Sem::Day(day, Tail::None)))
    }

    /// A clock time: "10:00", "10:00 A.M.", "4 pm", "10 p.m", "noon", "midnight", "7
    /// o'clock", with an optional zone ("EST", "Moscow time", "local time").
    fn clock(&self, i: usize) -> Option<(usize, u32, u32, Option<i32>)> {
        let (mut j, mut h, mut m) = match self.w(i) {
            "noon" | "midday" => (i + 1, 12, 0),
            "midnight" => (i + 1, 24, 0),
            _ => {
                if !self.number_starts(i) {
                    return None;
                }
                let h = self.digits(i, 2)?;
                if self.w(i + 1) == ":" && self.joined(i + 1) && self.joined(i + 2) {
                    let mm = self.w(i + 2);
                    if mm.len() != 2 || self.kind(i + 2) != Some(Kind::Digit) {
                        return None;
                    }
                    let m: u32 = mm.parse().ok()?;
                    if self.number_continues(i + 3) && self.w(i + 3) != "." {
                        return None;
                    }
                    (i + 3, h, m)
                } else {
                    (i + 1, h, 0)
                }
            }
        };
        let had_minutes = j == i + 3;
        let named = matches!(self.w(i), "noon" | "midday" | "midnight");
        let meridiem = self.meridiem(j);
        if let Some((k, pm)) = meridiem {
            if h == 0 || h > 12 || named {
                return None;
            }
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
            j = k;
        } else if self.w(j) == "o" && matches!(self.w(j + 1), "'" | "’") && self.w(j + 2) == "clock"
        {
            j += 3;
        } else if !had_minutes && !named {
            return None;
        }
        if h > 24 || m > 59 || (h == 24 && m > 0) {
            return None;
        }
        if h == 24 {
            m = 0;
        }
        let (j, zone) = self.zone(j);
        Some((j, h, m, zone))
    }

    /// "a.m.", "am", "A.M", "p.m.", "pm" at `j`; the flag says p.m.
    fn meridiem(&self, j: usize) -> Option<(usize, bool)> {
        let w = self.w(j);
        match w {
            "am" | "pm" => Some((j + 1, w == "pm")),
            "a" | "p" => {
                let dot1 = self.w(j + 1) == "." && self.joined(j + 1);
                let mut k = if dot1 { j + 2 } else { j + 1 };
                if self.w(k) != "m" || !self.joined(k) {
                    return None;
                }
                k += 1;
                if self.w(k) == "." && self.joined(k) {
                    k += 1;
                }
                Some((k, w == "p"))
            }
            _ => None,
        }
    }

    /// An optional time zone after a clock time.
    fn zone(&self, j: usize) -> (usize, Option<i32>) {
        let original = self.orig(j);
        if let Some(offset) = lexicon::zone(original) {
            return (j + 1, Some(offset));
        }
        if lexicon::is_seasonal_zone(original) {
            return (j + 1, None);
        }
        if self.w(j + 1) == "time" {
            if self.w(j) == "local" {
                return (j + 2, None);
            }
            if let Some(offset) = lexicon::zone_place(self.w(j)) {
                return (j + 2, Some(offset));
            }
        }
        (j, None)
    }

    /// A day: "today", "last Thursday", "Thursday", "July 3", "July 3, 2025", "3 July",
    /// "2025-07-03", "Saturday, April 25", "Christmas".
    fn day(&self, i: usize) -> Option<(usize, Day)> {
        let w = self.w(i);
        let offset = match w {
            "today" => Some(0),
            "yesterday" => Some(-1),
            "tomorrow" => Some(1),
            _ => None,
        };
        if let Some(n) = offset {
            return Some((i + 1, Day::Offset(n)));
        }
        if w == "the" && self.w(i + 1) == "day" {
            match (self.w(i + 2), self.w(i + 3)) {
                ("before", "yesterday") => return Some((i + 4, Day::Offset(-2))),
                ("after", "tomorrow") => return Some((i + 4, Day::Offset(2))),
                _ => {}
            }
        }
        let (rel, k) = match (w, self.w(i + 1)) {
            ("this", "past") => (Rel::Last, i + 2),
            ("this", "coming") => (Rel::Next, i + 2),
            ("last" | "previous", _) => (Rel::Last, i + 1),
            ("next" | "coming", _) => (Rel::Next, i + 1),
            ("this", _) => (Rel::This, i + 1),
            _ => (Rel::Tense, i),
        };
        if let Some(wd) = lexicon::weekday(self.w(k)) {
            // "Saturday, April 25": the date is the more precise; it wins.
            if rel == Rel::Tense && self.w(k + 1) == "," {
                if let Some(date) = self.month_day(k + 2) {
                    return Some(date);
                }
            }
            return Some((k + 1, Day::Weekday(wd, rel)));
        }
        if rel != Rel::Tense {
            return None;
        }
        self.month_day(i)
            .or_else(|| self.numeric_date(i))
            .or_else(|| self.holiday(i))
    }

    /// "July 3", "Jan. 5", "July 3, 2025", "3 July", "3rd of July 2025".
    fn month_day(&self, i: usize) -> Option<(usize, Day)> {
        if let Some((j, month)) = self.month_name(i, true) {
            let (k, day) = self.day_number(j)?;
            let (end, year) = self.optional_year(k);
            let _ = NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day)?;
            return Some((end, Day::Date { month, day, year }));
        }
        let (j, day) = self.day_number(i)?;
        let j = if self.w(j) == "of" { j + 1 } else { j };
        let (k, month) = self.month_name(j, true)?;
        let (end, year) = self.optional_year(k);
        let _ = NaiveDate::from_ymd_opt(year.unwrap_or(2000), month, day)?;
        Some((end, Day::Date { month, day, year }))
    }

    /// A capitalised month name or abbreviation ("Aug." takes its period).
    fn month_name(&self, i: usize, abbreviations: bool) -> Option<(usize, u32)> {
        if !self.upper(i) || self.kind(i) != Some(Kind::Alpha) {
            return None;
        }
        if let Some(m) = lexicon::month(self.w(i)) {
            return Some((i + 1, m));
        }
        if !abbreviations {
            return None;
        }
        let m = lexicon::month_abbr(self.w(i))?;
        if self.w(i + 1) == "." && self.joined(i + 1) {
            Some((i + 2, m))
        } else {
            Some((i + 1, m))
        }
    }

    /// A day of the month, 1–31, with an optional ordinal ending ("3rd").
    fn day_number(&self, i: usize) -> Option<(usize, u32)> {
        if !self.number_starts(i) {
            return None;
        }
        let d = self.digits(i, 2)?;
        if !(1..=31).contains(&d) {
            return None;
        }
        let mut j = i + 1;
        if matches!(self.w(j), "st" | "nd" | "rd" | "th") && self.joined(j) {
            j += 1;
        }
        if self.number_continues(j) && self.w(j) != "," && self.w(j) != "." {
            return None;
        }
        Some((j, d))
    }

    /// ", 2025" or " 2025" after a date.
    fn optional_year(&self, j: usize) -> (usize, Option<i32>) {
        let k = if self.w(j) == "," { j + 1 } else { j };
        match self.year_number(k) {
            Some(y) => (k + 1, Some(y)),
            None => (j, None),
        }
    }

    /// A four-digit year from 1000 to 2199 standing as its own number.
    fn year_number(&self, i: usize) -> Option<i32> {
        if !self.number_starts(i) || self.w(i).len() != 4 {
            return None;
        }
        let y = self.digits(i, 4)?;
        if !(1000..=2199).contains(&y) {
            return None;
        }
        if self.number_continues(i + 1) {
            return None;
        }
        if matches!(self.w(i + 1), "s") && self.joined(i + 1) {
            return None;
        }
        Some(y as i32)
    }

    /// "2025-07-03", "2025/07/03", "7/3/2025".
    fn numeric_date(&self, i: usize) -> Option<(usize, Day)> {
        if !self.number_starts(i) {
            return None;
        }
        let glued = |k: usize| self.joined(k) && self.joined(k + 1);
        let sep = self.w(i + 1);
        if !matches!(sep, "-" | "/") || !glued(i + 1) || self.w(i + 3) != sep || !glued(i + 3) {
            return None;
        }
        let (a, b, c) = (self.w(i), self.w(i + 2), self.w(i + 4));
        let (y, m, d) = if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
            (a, b, c)
        } else if sep == "/" && a.len() <= 2 && b.len() <= 2 && c.len() == 4 {
            (c, a, b)
        } else {
            return None;
        };
        let all_digits = [i, i + 2, i + 4]
            .iter()
            .all(|&k| self.kind(k) == Some(Kind::Digit));
        if !all_digits || self.number_continues(i + 5) {
            return None;
        }
        let (y, month, day) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
        NaiveDate::from_ymd_opt(y, month, day)?;
        Some((
            i + 5,
            Day::Date {
                month,
                day,
                year: Some(y),
            },
        ))
    }

    fn holiday(&self, i: usize) -> Option<(usize, Day)> {
        if !self.upper(i) {
            return None;
        }
        let (end, h) = match (self.w(i), self.w(i + 1)) {
            ("christmas", "eve") => (i + 2, Holiday::ChristmasEve),
            ("christmas", "day") => (i + 2, Holiday::Christmas),
            ("christmas", _) => (i + 1, Holiday::Christmas),
            ("halloween", _) => (i + 1, Holiday::Halloween),
            ("thanksgiving", "day") => (i + 2, Holiday::Thanksgiving),
            ("thanksgiving", _) => (i + 1, Holiday::Thanksgiving),
            ("election", "day") if self.upper(i + 1) => (i + 2, Holiday::ElectionDay),
            ("new", "year") if matches!(self.w(i + 2), "'" | "’") && self.w(i + 3) == "s" => {
                match self.w(i + 4) {
                    "day" => (i + 5, Holiday::NewYearsDay),
                    "eve" => (i + 5, Holiday::NewYearsEve),
                    _ => return None,
                }
            }
            _ => return None,
        };
        let (end, year) = self.optional_year(end);
        Some((end, Day::Holiday(h, year)))
    }

    // ---- "this", "last", "next", "the past", "the coming", "recent" ----

    fn determined(&self, i: usize) -> Option<Hit> {
        let the = self.w(i) == "the";
        let k = if the { i + 1 } else { i };
        let det = self.w(k);
        if !matches!(
            det,
            "this"
                | "last"
                | "next"
                | "past"
                | "coming"
                | "previous"
                | "following"
                | "first"
                | "recent"
                | "current"
                | "future"
        ) {
            return None;
        }
        if the && det == "this" {
            return None;
        }
        // "this past spring", "this coming week".
        let (det, j) = match (det, self.w(k + 1)) {
            ("this", "past") => ("last", k + 2),
            ("this", "coming") => ("next", k + 2),
            _ => (det, k + 1),
        };
        // A capitalised unit inside a sentence belongs to a name ("This Week").
        if self.upper(j) && lexicon::unit(self.w(j)).is_some() {
            return None;
        }
        // "the past three months", "the next two weeks", "past 10 years": a duration.
        if let Some((after, count)) = self.count(j) {
            if let Some((unit, plural)) = lexicon::unit(self.w(after)) {
                if plural || count == Count::N(1) {
                    let value = duration_value(&count, unit);
                    return Some(Hit::new(after + 1, TimexType::Duration, Sem::Value(value)));
                }
            }
            return None;
        }
        let (unit, plural) = match lexicon::unit(self.w(j)) {
            Some(u) => u,
            None => return self.determined_name(the, det, j),
        };
        let end = j + 1;
        if plural {
            return match det {
                "coming" | "next" | "following" | "future" => Some(Hit::new(
                    end,
                    TimexType::Date,
                    Sem::Value("FUTURE_REF".into()),
                )),
                "recent" | "past" | "last" => {
                    let value = duration_value(&Count::Vague, unit);
                    Some(Hit::new(end, TimexType::Duration, Sem::Value(value)))
                }
                _ => None,
            };
        }
        if the || det == "past" {
            match det {
                "past" | "last" | "previous" => {
                    let value = duration_value(&Count::N(1), unit);
                    return Some(Hit::new(end, TimexType::Duration, Sem::Value(value)));
                }
                "current" => {}
                _ => return None,
            }
        }
        let n = match det {
            "this" | "current" => 0,
            "last" | "previous" => -1,
            "next" | "coming" => 1,
            _ => return None,
        };
        if matches!(unit, Unit::Day | Unit::Hour | Unit::Minute | Unit::Second) {
            return None;
        }
        Some(Hit::new(end, TimexType::Date, Sem::Shift(unit, n)))
    }

    /// "last May", "this summer", "next fall".
    fn determined_name(&self, the: bool, det: &str, j: usize) -> Option<Hit> {
        if the {
            return None;
        }
        let rel = match det {
            "last" | "past" | "previous" => Rel::Last,
            "next" | "coming" => Rel::Next,
            "this" => Rel::This,
            _ => return None,
        };
        if let Some((end, m)) = self.month_name(j, false) {
            return Some(Hit::new(end, TimexType::Date, Sem::Month(m, rel)));
        }
        if let Some(code) = lexicon::season(self.w(j)) {
            return Some(Hit::new(j + 1, TimexType::Date, Sem::Season(code, rel)));
        }
        None
    }

    // ---- quarters, halves, seasons, fiscal years ----

    fn part_of_year(&self, i: usize) -> Option<Hit> {
        let mut j = i;
        if self.w(j) == "the" {
            j += 1;
        }
        // "Q3", "Q3 2024".
        if self.w(j) == "q" && self.joined(j + 1) {
            if let Some(n @ 1..=4) = self.digits(j + 1, 1) {
                let (end, year) = self.of_year(j + 2);
                return Some(self.part_hit(end, n, false, year));
            }
        }
        let n = self.ordinal(j);
        if let Some((k, n)) = n {
            let k2 = if matches!(self.w(k), "-" | "–") && self.joined(k) {
                k + 1
            } else {
                k
            };
            let halves = match self.w(k2) {
                "quarter" if (1..=4).contains(&n) => false,
                "half" if (1..=2).contains(&n) => true,
                _ => return self.season_of_year(i),
            };
            let (end, year) = self.of_year(k2 + 1);
            if k2 > k && j > i {
                // "the third-quarter results": "the" goes with the noun, not the quarter.
                let mut hit = self.part_hit(end, n, halves, year);
                hit.start = Some(j);
                return Some(hit);
            }
            // "the first half" with no year names the half of the current year only in
            // the present; "first-half profit" follows tense.
            return Some(self.part_hit(end, n, halves, year));
        }
        if self.w(j) == "fiscal" {
            let k = if self.w(j + 1) == "year" {
                j + 2
            } else {
                j + 1
            };
            let y = self.year_number(k)?;
            return Some(Hit::new(
                k + 1,
                TimexType::Date,
                Sem::Value(format!("FY{y:04}")),
            ));
        }
        if self.orig(j) == "FY" {
            let k = if self.joined(j + 1) || self.kind(j + 1) == Some(Kind::Digit) {
                j + 1
            } else {
                return None;
            };
            let y = self.year_number(k)?;
            return Some(Hit::new(
                k + 1,
                TimexType::Date,
                Sem::Value(format!("FY{y:04}")),
            ));
        }
        self.season_of_year(i)
    }

    fn part_hit(&self, end: usize, n: u32, halves: bool, year: Option<i32>) -> Hit {
        let sem = match year {
            Some(y) => {
                let letter = if halves { 'H' } else { 'Q' };
                Sem::Value(format!("{y:04}-{letter}{n}"))
            }
            None => Sem::Part {
                n,
                halves,
                rel: Rel::Tense,
            },
        };
        Hit::new(end, TimexType::Date, sem)
    }

    /// "of 1997" or " 1997" after a quarter or a season.
    fn of_year(&self, j: usize) -> (usize, Option<i32>) {
        if self.w(j) == "of" {
            if let Some(y) = self.year_number(j + 1) {
                return (j + 2, Some(y));
            }
        }
        match self.year_number(j) {
            Some(y) => (j + 1, Some(y)),
            None => (j, None),
        }
    }

    /// "the winter of 1994", "summer 2024".
    fn season_of_year(&self, i: usize) -> Option<Hit> {
        let j = if self.w(i) == "the" { i + 1 } else { i };
        let code = lexicon::season(self.w(j))?;
        let (end, year) = self.of_year(j + 1);
        let y = year?;
        Some(Hit::new(
            end,
            TimexType::Date,
            Sem::Value(format!("{y:04}-{code}")),
        ))
    }

    /// An ordinal: "first", "3rd", "twenty-first".
    fn ordinal(&self, i: usize) -> Option<(usize, u32)> {
        if let Some(n) = lexicon::ordinal_word(self.w(i)) {
            return Some((i + 1, n));
        }
        if let Some(tens) = lexicon::number_word(self.w(i)).filter(|n| n % 10 == 0 && *n >= 20) {
            if matches!(self.w(i + 1), "-") && self.joined(i + 1) && self.joined(i + 2) {
                if let Some(n) = lexicon::ordinal_word(self.w(i + 2)).filter(|n| *n < 10) {
                    return Some((i + 3, tens + n));
                }
            }
            return None;
        }
        let n = self.digits(i, 2)?;
        if matches!(self.w(i + 1), "st" | "nd" | "rd" | "th") && self.joined(i + 1) {
            return Some((i + 2, n));
        }
        None
    }

    // ---- years, decades, centuries ----

    fn year_like(&self, i: usize) -> Option<Hit> {
        let the = self.w(i) == "the";
        let j = if the { i + 1 } else { i };
        // Decades: "the 1990s", "1990s", "the '80s".
        if self.kind(j) == Some(Kind::Digit) && self.number_starts(j) {
            let w = self.w(j);
            if w.len() == 4 && w.ends_with('0') && self.w(j + 1) == "s" && self.joined(j + 1) {
                return Some(Hit::new(
                    j + 2,
                    TimexType::Date,
                    Sem::Value(w[..3].to_string()),
                ));
            }
        }
        if matches!(self.w(j), "'" | "’" | "‘") {
            let w = self.w(j + 1);
            if self.joined(j + 1)
                && w.len() == 2
                && w.ends_with('0')
                && self.kind(j + 1) == Some(Kind::Digit)
                && self.w(j + 2) == "s"
                && self.joined(j + 2)
            {
                let century = match self.anchor {
                    Some(a) if format!("20{}", &w[..1]) <= format!("{:04}", a.year()) => "20",
                    _ => "19",
                };
                // The 2000s are rarely written "'00s"; two digits mean the last century
                // unless the anchor shows the decade has already come in this one.
                let century = if w.starts_with('0') || w.starts_with('1') {
                    century
                } else {
                    "19"
                };
                return Some(Hit::new(
                    j + 3,
                    TimexType::Date,
                    Sem::Value(format!("{century}{}", &w[..1])),
                ));
            }
        }
        // Centuries: "the 20th century", "the twenty-first century".
        if let Some((k, n)) = self.ordinal(j) {
            if self.w(k) == "century" && (1..=30).contains(&n) {
                return Some(Hit::new(
                    k + 1,
                    TimexType::Date,
                    Sem::Value(format!("{:02}", n - 1)),
                ));
            }
        }
        if the {
            if self.w(j) == "year" {
                let y = self.year_number(j + 1)?;
                return Some(Hit::new(j + 2, TimexType::Date, Sem::Value(format!("{y}"))));
            }
            return None;
        }
        // "July 2025", "June of 1998".
        if let Some((k, m)) = self.month_name(i, true) {
            let k = if self.w(k) == "of" || self.w(k) == "," {
                k + 1
            } else {
                k
            };
            let y = self.year_number(k)?;
            return Some(Hit::new(
                k + 1,
                TimexType::Date,
                Sem::Value(format!("{y:04}-{m:02}")),
            ));
        }
        let y = self.year_number(i)?;
        if !self.plausible_year(i) {
            return None;
        }
        Some(Hit::new(
            i + 1,
            TimexType::Date,
            Sem::Value(format!("{y:04}")),
        ))
    }

    /// Whether a bare four-digit number at `i` reads as a year rather than a quantity.
    fn plausible_year(&self, i: usize) -> bool {
        let before = if i > 0 { self.w(i - 1) } else { "" };
        if matches!(
            before,
            "$" | "€" | "£" | "#" | "no" | "number" | "route" | "flight"
        ) {
            return false;
        }
        let prepositions = [
            "in", "since", "of", "by", "until", "till", "from", "to", "through", "during",
            "before", "after", "between", "and", "early", "late", "mid", "year", "summer",
            "winter", "spring", "autumn", "fall", "or", "for", "around", "about", "circa", "c",
        ];
        if prepositions.contains(&before) {
            return true;
        }
        // "its 1990 invasion", "Kuwait's 1990 budget", "the 1998 bombing": a year used as
        // an adjective after a determiner or a possessive.
        let possessive = before == "s" && i > 1 && matches!(self.w(i - 2), "'" | "’");
        let determiner = matches!(
            before,
            "the"
                | "its"
                | "his"
                | "her"
                | "their"
                | "our"
                | "your"
                | "my"
                | "this"
                | "that"
                | "whose"
        );
        if possessive || determiner {
            return true;
        }
        let next = self.w(i + 1);
        if self.kind(i + 1) != Some(Kind::Alpha) {
            return !matches!(next, "%" | "-" | "–");
        }
        if self.upper(i + 1) {
            return true;
        }
        // A lower-case word after the number is usually what it counts ("2000 troops"),
        // unless it is a word that begins a clause.
        matches!(
            next,
            "and"
                | "or"
                | "to"
                | "when"
                | "after"
                | "before"
                | "as"
                | "the"
                | "was"
                | "were"
                | "is"
                | "he"
                | "she"
                | "it"
                | "they"
                | "we"
                | "that"
                | "but"
                | "with"
                | "election"
                | "elections"
                | "season"
                | "budget"
                | "census"
                | "olympics"
                | "levels"
                | "figures"
                | "report"
                | "law"
                | "act"
        )
    }

    /// A month on its own: "October", "in May".
    fn month_alone(&self, i: usize) -> Option<Hit> {
        let (end, m) = self.month_name(i, false)?;
        // "May" and "March" are also a verb and a noun; they need a preposition before
        // them or a sentence start with a comma after.
        if matches!(m, 3 | 5) {
            let before = if i > 0 { self.w(i - 1) } else { "" };
            let ok = matches!(
                before,
                "in" | "since"
                    | "until"
                    | "till"
                    | "by"
                    | "from"
                    | "through"
                    | "to"
                    | "during"
                    | "before"
                    | "after"
                    | "early"
                    | "late"
                    | "mid"
                    | "of"
                    | "between"
                    | "and"
                    | "-"
                    | "last"
                    | "next"
                    | "this"
                    | "that"
            );
            if !ok {
                return None;
            }
        }
        Some(Hit::new(end, TimexType::Date, Sem::Month(m, Rel::Tense)))
    }

    // ---- durations ----

    /// A count at `j`: "three", "3", "twenty-four", "a", "a couple of", "several", "1.5".
    fn count(&self, j: usize) -> Option<(usize, Count)> {
        let w = self.w(j);
        match w {
            "a" | "an" => {
                return match (self.w(j + 1), self.w(j + 2)) {
                    ("couple", "of") => Some((j + 3, Count::N(2))),
                    ("few", _) => Some((j + 2, Count::Vague)),
                    ("dozen", _) => Some((j + 2, Count::N(12))),
                    ("hundred", _) => Some((j + 2, Count::N(100))),
                    _ => Some((j + 1, Count::N(1))),
                };
            }
            "several" | "few" | "many" | "some" => return Some((j + 1, Count::Vague)),
            "couple" if self.w(j + 1) == "of" => return Some((j + 2, Count::N(2))),
            "dozens" | "hundreds" | "thousands" if self.w(j + 1) == "of" => {
                return Some((j + 2, Count::Vague))
            }
            _ => {}
        }
        if let Some(n) = lexicon::number_word(w) {
            let mut n = n;
            let mut k = j + 1;
            if n >= 20 && n % 10 == 0 {
                let unit_at = if self.w(k) == "-" && self.joined(k) {
                    k + 1
                } else {
                    k
                };
                if let Some(u) = lexicon::number_word(self.w(unit_at)).filter(|u| *u < 10) {
                    n += u;
                    k = unit_at + 1;
                }
            }
            if self.w(k) == "hundred" {
                n *= 100;
                k += 1;
            }
            if self.w(k) == "thousand" {
                n *= 1000;
                k += 1;
            }
            return Some((k, Count::N(n)));
        }
        if self.kind(j) == Some(Kind::Digit) && self.number_starts(j) {
            if self.w(j + 1) == "."
                && self.joined(j + 1)
                && self.joined(j + 2)
                && self.kind(j + 2) == Some(Kind::Digit)
            {
                return Some((j + 3, Count::Decimal(format!("{w}.{}", self.w(j + 2)))));
            }
            if self.number_continues(j + 1) && self.w(j + 1) != "-" {
                return None;
            }
            let n: u32 = w.parse().ok()?;
            return Some((j + 1, Count::N(n)));
        }
        None
    }

    fn duration(&self, i: usize) -> Option<Hit> {
        // "half an hour", "half-hour".
        if self.w(i) == "half" {
            let (k, hour) = match (self.w(i + 1), self.w(i + 2)) {
                ("an", "hour") => (i + 3, true),
                ("-", "hour") if self.joined(i + 1) => (i + 3, true),
                ("a", "day") => (i + 3, false),
                _ => return None,
            };
            let value = if hour { "PT30M" } else { "PT12H" };
            return Some(Hit::new(k, TimexType::Duration, Sem::Value(value.into())));
        }
        // "hour-long", "year-long", "day-long".
        if let Some((unit, false)) = lexicon::unit(self.w(i)) {
            if self.w(i + 1) == "-" && self.joined(i + 1) && self.w(i + 2) == "long" {
                let value = duration_value(&Count::N(1), unit);
                return Some(Hit::new(i + 3, TimexType::Duration, Sem::Value(value)));
            }
        }
        // "the nine months", "the four days": a counted duration keeps its article.
        let (from, the) = if self.w(i) == "the"
            && (self.kind(i + 1) == Some(Kind::Digit)
                || lexicon::number_word(self.w(i + 1)).is_some())
        {
            (i + 1, true)
        } else {
            (i, false)
        };
        let (j, count) = self.count(from)?;
        // "at least 20 more years", "an additional year".
        let j = if matches!(self.w(j), "more" | "additional" | "extra" | "further")
            && lexicon::unit(self.w(j + 1)).is_some()
        {
            j + 1
        } else {
            j
        };
        // "five-year", "10-hour": a hyphen joins count and unit.
        let hyphen = self.w(j) == "-" && self.joined(j) && self.joined(j + 1);
        let u = if hyphen { j + 1 } else { j };
        let (unit, plural) = lexicon::unit(self.w(u))?;
        // A capitalised unit inside a sentence belongs to a name ("60 Minutes").
        if self.upper(u) && u > self.sentence_of[u].0 as usize {
            return None;
        }
        let article = matches!(self.w(from), "a" | "an") && j == from + 1;
        if article {
            // "a second group" is an ordinal, "a quarter of" a fraction, and "$5 a year"
            // or "24 hours a day" a rate.
            if unit == Unit::Second || (unit == Unit::Quarter && self.w(u + 1) == "of") {
                return None;
            }
            let relative = matches!(self.w(u + 1), "ago" | "earlier" | "later");
            let rate = (from.saturating_sub(3)..from).any(|k| {
                self.kind(k) == Some(Kind::Digit)
                    || matches!(self.w(k), "million" | "billion" | "thousand" | "percent")
            });
            if rate && !relative {
                return None;
            }
        }
        // Ages are no durations of anything that happens: "a 6-year-old boy", "52 years
        // old".
        let age = |k: usize| {
            (self.w(k) == "-" && self.joined(k) && self.w(k + 1) == "old")
                || (self.w(k) == "old" && !self.joined(k))
        };
        if age(u + 1) {
            return None;
        }
        if hyphen {
            if plural || the {
                return None;
            }
            let mut end = u + 1;
            if self.w(end) == "-" && self.joined(end) && self.w(end + 1) == "long" {
                end += 2;
            }
            let value = duration_value(&count, unit);
            return Some(Hit::new(end, TimexType::Duration, Sem::Value(value)));
        }
        if !plural && !matches!(count, Count::N(_) | Count::Decimal(_)) {
            return None;
        }
        let end = u + 1;
        // "two weeks ago", "a week or so ago", "a year earlier", "three days later".
        let tail = if self.w(end) == "or" && self.w(end + 1) == "so" {
            end + 2
        } else {
            end
        };
        if matches!(self.w(tail), "ago" | "earlier" | "later") && !the {
            let sign = if self.w(tail) == "later" { 1 } else { -1 };
            let sem = match &count {
                // "from $3.8 million a year earlier" in a report of a quarter's results
                // compares with the same quarter a year before.
                Count::N(1) if unit == Unit::Year && sign < 0 && self.quarter_near(i) => {
                    Sem::ReportedQuarter { years_back: 1 }
                }
                Count::N(n) => Sem::Offset(unit, sign * *n as i64),
                _ if sign < 0 => Sem::Value("PAST_REF".into()),
                _ => Sem::Value("FUTURE_REF".into()),
            };
            return Some(Hit::new(tail + 1, TimexType::Date, sem));
        }
        if i == j {
            return None;
        }
        let value = duration_value(&count, unit);
        Some(Hit::new(end, TimexType::Duration, Sem::Value(value)))
    }

    // ---- vague references ----

    fn reference(&self, i: usize) -> Option<Hit> {
        let w = self.w(i);
        let (end, value) = match w {
            "now" | "currently" | "nowadays" => (i + 1, "PRESENT_REF"),
            "recently" | "lately" => (i + 1, "PAST_REF"),
            // Two adjectives too, as TimeML marks them: "recent sales", "current weakness"
            // (but not "the current account"). "future" as an adjective ("future losses")
            // is left out: TimeBank marks it too seldom for it to pay.
            "future" if i > 0 && self.w(i - 1) == "in" => (i + 1, "FUTURE_REF"),
            "recent" if self.kind(i + 1) == Some(Kind::Alpha) => (i + 1, "PAST_REF"),
            "current"
                if self.kind(i + 1) == Some(Kind::Alpha)
                    && !matches!(self.w(i + 1), "account" | "accounts" | "affairs") =>
            {
                (i + 1, "PRESENT_REF")
            }
            "the" => match self.w(i + 1) {
                "past" if !self.continues_past(i + 2) => (i + 2, "PAST_REF"),
                "present" if !self.upper(i + 1) => (i + 2, "PRESENT_REF"),
                "future" => (i + 2, "FUTURE_REF"),
                "summer" | "winter" | "spring" | "autumn" | "fall"
                    if self.w(i + 2) != "of" && !self.upper(i + 1) =>
                {
                    let code = lexicon::season(self.w(i + 1))?;
                    return Some(Hit::new(
                        i + 2,
                        TimexType::Date,
                        Sem::Season(code, Rel::Tense),
                    ));
                }
                "weekend" => return Some(Hit::new(i + 2, TimexType::Date, Sem::Weekend)),
                "near" | "short" | "long" if self.w(i + 2) == "term" => (i + 3, "FUTURE_REF"),
                next => {
                    // "the weeks ahead": a stretch of the future of no stated length.
                    if let Some((unit, true)) = lexicon::unit(next) {
                        if self.w(i + 2) == "ahead" {
                            let value = duration_value(&Count::Vague, unit);
                            return Some(Hit::new(i + 3, TimexType::Duration, Sem::Value(value)));
                        }
                    }
                    return self.reported_quarter(i);
                }
            },
            "these" if self.w(i + 1) == "days" => (i + 2, "PRESENT_REF"),
            "years" | "decades" | "months" | "weeks" | "days" if self.w(i + 1) == "ago" => {
                (i + 2, "PAST_REF")
            }
            "years" | "decades" | "months" | "weeks" | "centuries" | "days" | "hours"
                if i > 0 && matches!(self.w(i - 1), "for" | "within" | "in") =>
            {
                let (unit, _) = lexicon::unit(w)?;
                let value = duration_value(&Count::Vague, unit);
                return Some(Hit::new(i + 1, TimexType::Duration, Sem::Value(value)));
            }
            _ => return None,
        };
        // "now-defunct", "the future leader": adjectival uses are no references.
        if w == "now" && self.w(i + 1) == "-" && self.joined(i + 1) {
            return None;
        }
        Some(Hit::new(end, TimexType::Date, Sem::Value(value.into())))
    }

    /// Business news reports a company's latest completed quarter: "the quarter", "the
    /// latest quarter", and the same quarter a year before: "the year-earlier quarter",
    /// "the year-ago quarter".
    fn reported_quarter(&self, i: usize) -> Option<Hit> {
        let mut j = i + 1;
        let mut years_back = 0;
        match self.w(j) {
            "latest" => j += 1,
            "most" if self.w(j + 1) == "recent" => j += 2,
            "comparable" | "year" => {
                if self.w(j) == "comparable" {
                    j += 1;
                }
                if self.w(j) == "year"
                    && self.w(j + 1) == "-"
                    && matches!(self.w(j + 2), "earlier" | "ago")
                {
                    years_back = 1;
                    j += 3;
                } else {
                    return None;
                }
            }
            _ => {}
        }
        (self.w(j) == "quarter" && !self.upper(j))
            .then(|| Hit::new(j + 1, TimexType::Date, Sem::ReportedQuarter { years_back }))
    }

    /// Whether the sentence of piece `i`, up to `i`, or the sentence before it speaks of a
    /// quarter.
    fn quarter_near(&self, i: usize) -> bool {
        let first = self.sentence_of[i].0 as usize;
        let from = if first > 0 {
            self.sentence_of[first - 1].0 as usize
        } else {
            first
        };
        (from..i).any(|k| self.w(k) == "quarter")
    }

    /// Whether a time unit or count follows "the past".
    fn continues_past(&self, j: usize) -> bool {
        lexicon::unit(self.w(j)).is_some() || self.count(j).is_some()
    }
}

/// A clock time on a day, with the zone it names.
fn clock_hit(end: usize, day: Day, h: u32, m: u32, zone: Option<i32>) -> Hit {
    let mut hit = Hit::new(end, TimexType::Time, Sem::Day(day, Tail::Clock(h, m)));
    hit.utc_offset = zone;
    hit
}

/// Whether a meaning is a single day named by a weekday, a date or a word like "today"
/// (with or without a part of the day), as opposed to a clock time or a period.
fn is_day(sem: &Sem) -> bool {
    matches!(sem, Sem::Day(_, Tail::None | Tail::Part(_)))
}

/// The TimeML value of a duration: `P3Y`, `PT90M`, `PXW`, decades as tens of years.
fn duration_value(count: &Count, unit: Unit) -> String {
    let (t, letter, scale) = match unit {
        Unit::Second => ("T", "S", 1),
        Unit::Minute => ("T", "M", 1),
        Unit::Hour => ("T", "H", 1),
        Unit::Day => ("", "D", 1),
        Unit::Week => ("", "W", 1),
        Unit::Weekend => ("", "WE", 1),
        Unit::Month => ("", "M", 1),
        // ISO 8601 durations have no quarters: three months each, as TimeBank writes them.
        Unit::Quarter => ("", "M", 3),
        Unit::Year => ("", "Y", 1),
        Unit::Decade => ("", "Y", 10),
        Unit::Century => ("", "Y", 100),
    };
    if *count == Count::Vague {
        let letter = match unit {
            Unit::Decade => "DE",
            Unit::Century => "CE",
            _ => letter,
        };
        return format!("P{t}X{letter}");
    }
    format!("P{t}{}{letter}", count.text(scale))
}
