//! The words of time: months, weekdays, numbers, units, parts of the day, seasons, time
//! zones, and the verbs that tell past from future.

use chrono::Weekday;

/// A unit of time as the text names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// A month's number from its full name ("june" → 6).
pub(crate) fn month(w: &str) -> Option<u32> {
    Some(match w {
        "january" => 1,
        "february" => 2,
        "march" => 3,
        "april" => 4,
        "may" => 5,
        "june" => 6,
        "july" => 7,
        "august" => 8,
        "september" => 9,
        "october" => 10,
        "november" => 11,
        "december" => 12,
        _ => return None,
    })
}

/// A month's number from the abbreviations news writes ("aug" → 8).
pub(crate) fn month_abbr(w: &str) -> Option<u32> {
    Some(match w {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" | "sept" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

/// A weekday from its full name.
pub(crate) fn weekday(w: &str) -> Option<Weekday> {
    Some(match w {
        "monday" => Weekday::Mon,
        "tuesday" => Weekday::Tue,
        "wednesday" => Weekday::Wed,
        "thursday" => Weekday::Thu,
        "friday" => Weekday::Fri,
        "saturday" => Weekday::Sat,
        "sunday" => Weekday::Sun,
        _ => return None,
    })
}

/// A cardinal written as a word, up to ninety.
pub(crate) fn number_word(w: &str) -> Option<u32> {
    Some(match w {
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
        _ => return None,
    })
}

/// An ordinal written as a word, up to the twelfth, and the round tens used for centuries.
pub(crate) fn ordinal_word(w: &str) -> Option<u32> {
    Some(match w {
        "first" => 1,
        "second" => 2,
        "third" => 3,
        "fourth" => 4,
        "fifth" => 5,
        "sixth" => 6,
        "seventh" => 7,
        "eighth" => 8,
        "ninth" => 9,
        "tenth" => 10,
        "eleventh" => 11,
        "twelfth" => 12,
        "thirteenth" => 13,
        "fourteenth" => 14,
        "fifteenth" => 15,
        "sixteenth" => 16,
        "seventeenth" => 17,
        "eighteenth" => 18,
        "nineteenth" => 19,
        "twentieth" => 20,
        "thirtieth" => 30,
        _ => return None,
    })
}

/// A unit of time, singular or plural; the flag says plural.
pub(crate) fn unit(w: &str) -> Option<(Unit, bool)> {
    Some(match w {
        "second" => (Unit::Second, false),
        "seconds" | "secs" => (Unit::Second, true),
        "minute" | "min" => (Unit::Minute, false),
        "minutes" | "mins" => (Unit::Minute, true),
        "hour" | "hr" => (Unit::Hour, false),
        "hours" | "hrs" => (Unit::Hour, true),
        "day" => (Unit::Day, false),
        "days" => (Unit::Day, true),
        "week" => (Unit::Week, false),
        "weeks" => (Unit::Week, true),
        "weekend" => (Unit::Weekend, false),
        "weekends" => (Unit::Weekend, true),
        "month" => (Unit::Month, false),
        "months" => (Unit::Month, true),
        "quarter" => (Unit::Quarter, false),
        "quarters" => (Unit::Quarter, true),
        "year" | "yr" => (Unit::Year, false),
        "years" | "yrs" => (Unit::Year, true),
        "decade" => (Unit::Decade, false),
        "decades" => (Unit::Decade, true),
        "century" => (Unit::Century, false),
        "centuries" => (Unit::Century, true),
        _ => return None,
    })
}

/// TimeML's code for a part of the day.
pub(crate) fn part_of_day(w: &str) -> Option<&'static str> {
    Some(match w {
        "morning" => "MO",
        "afternoon" => "AF",
        "evening" => "EV",
        "night" | "overnight" => "NI",
        _ => return None,
    })
}

/// A season: TimeML's code and the month it is taken to start in.
pub(crate) fn season(w: &str) -> Option<&'static str> {
    Some(match w {
        "spring" => "SP",
        "summer" => "SU",
        "autumn" | "fall" => "FA",
        "winter" => "WI",
        _ => return None,
    })
}

/// The season a month falls in (northern hemisphere); December opens the next year's
/// winter, which TimeML names by the year of its January.
pub(crate) fn season_of_month(month: u32) -> (&'static str, i32) {
    match month {
        3..=5 => ("SP", 0),
        6..=8 => ("SU", 0),
        9..=11 => ("FA", 0),
        12 => ("WI", 1),
        _ => ("WI", 0),
    }
}

/// The order of seasons within the year that names them.
pub(crate) fn season_index(code: &str) -> i32 {
    match code {
        "WI" => 0,
        "SP" => 1,
        "SU" => 2,
        _ => 3,
    }
}

/// A time zone abbreviation written in capitals, as minutes east of UTC.
pub(crate) fn zone(original: &str) -> Option<i32> {
    Some(match original {
        "GMT" | "UTC" | "Z" => 0,
        "BST" | "CET" | "WAT" => 60,
        "CEST" | "EET" | "SAST" => 120,
        "EEST" | "MSK" => 180,
        "IST" => 330,
        "JST" | "KST" => 540,
        "EST" => -300,
        "EDT" => -240,
        "CST" => -360,
        "CDT" => -300,
        "MST" => -420,
        "MDT" => -360,
        "PST" => -480,
        "PDT" => -420,
        _ => return None,
    })
}

/// Whether a capitalised word names a zone whose offset changes with the season ("ET"),
/// so that it belongs to the expression but gives no offset.
pub(crate) fn is_seasonal_zone(original: &str) -> bool {
    matches!(original, "ET" | "CT" | "MT" | "PT")
}

/// Cities and countries whose "... time" names one fixed offset.
pub(crate) fn zone_place(w: &str) -> Option<i32> {
    Some(match w {
        "moscow" => 180,
        "kyiv" | "kiev" | "athens" | "cairo" | "jerusalem" => 120,
        "beijing" | "singapore" | "taipei" | "manila" => 480,
        "tokyo" | "seoul" => 540,
        "delhi" | "india" => 330,
        "greenwich" => 0,
        _ => return None,
    })
}

/// Whether a lower-case word can begin a temporal expression (or, after an article,
/// continue one): the words of every table above and the grammar's own.
pub(crate) fn is_time_word(w: &str) -> bool {
    month(w).is_some()
        || month_abbr(w).is_some()
        || weekday(w).is_some()
        || number_word(w).is_some()
        || ordinal_word(w).is_some()
        || unit(w).is_some()
        || part_of_day(w).is_some()
        || season(w).is_some()
        || matches!(
            w,
            // quantities and positions
            "more" | "fewer" | "less" | "no" | "at" | "up" | "just" | "well" | "over"
                | "under" | "about" | "around" | "nearly" | "almost" | "roughly"
                | "approximately" | "some" | "early" | "mid" | "late" | "earlier" | "later"
                | "beginning" | "start" | "middle" | "end"
                // recurrences
                | "daily" | "weekly" | "monthly" | "annually" | "yearly" | "hourly"
                | "nightly" | "every" | "each" | "per"
                // days, clock times and holidays
                | "noon" | "midday" | "midnight" | "tonight" | "today" | "yesterday"
                | "tomorrow" | "day" | "christmas" | "halloween" | "thanksgiving"
                | "election" | "new"
                // determiners and counts
                | "this" | "last" | "next" | "past" | "coming" | "previous" | "following"
                | "recent" | "current" | "future" | "a" | "an" | "several" | "few" | "many"
                | "couple" | "dozens" | "hundreds" | "thousands" | "half" | "hundred"
                | "dozen"
                // quarters, fiscal years, references
                | "q" | "fiscal" | "fy" | "year" | "now" | "currently" | "nowadays"
                | "recently" | "lately" | "these" | "present" | "weekend"
        )
}

/// Words that mark the verb nearest a weekday as future. ("set to", "going to", "due
/// to", "expected to", "scheduled to", "slated to" and "won't" are read by the grammar,
/// which looks at the word after them.)
pub(crate) fn is_future_marker(w: &str) -> bool {
    matches!(
        w,
        "will"
            | "ll"
            | "shall"
            | "plans"
            | "plan"
            | "planning"
            | "upcoming"
            | "tomorrow"
            | "intends"
            | "hopes"
            | "aims"
            | "next"
    )
}

/// Verbs in the past tense that are not formed with "-ed".
const IRREGULAR_PAST: &[&str] = &[
    "said",
    "was",
    "were",
    "had",
    "did",
    "met",
    "went",
    "came",
    "took",
    "made",
    "told",
    "gave",
    "got",
    "held",
    "left",
    "began",
    "spoke",
    "saw",
    "found",
    "became",
    "brought",
    "thought",
    "sent",
    "won",
    "lost",
    "fell",
    "rose",
    "struck",
    "hit",
    "put",
    "set",
    "ran",
    "led",
    "paid",
    "sold",
    "bought",
    "caught",
    "fought",
    "wrote",
    "drove",
    "flew",
    "broke",
    "chose",
    "knew",
    "grew",
    "threw",
    "stood",
    "understood",
    "kept",
    "felt",
    "meant",
    "heard",
    "spent",
    "built",
    "shot",
    "quit",
    "cut",
    "let",
    "beat",
    "bore",
    "swore",
    "tore",
    "wore",
    "forgot",
    "hid",
    "rode",
    "rang",
    "sang",
    "sank",
    "spun",
    "stole",
    "stuck",
    "swept",
    "taught",
    "woke",
    "withdrew",
    "overtook",
    "undertook",
    "arose",
    "fled",
    "dealt",
    "slid",
    "split",
    "spread",
    "sought",
    "lay",
    "laid",
    "ate",
    "drew",
    "froze",
    "sat",
    "shook",
    "wept",
    "ago",
    "yesterday",
    "last",
    "earlier",
    "previously",
];

/// Words whose "-ed" ending is no past tense.
const NOT_PAST: &[&str] = &[
    "need", "speed", "bed", "red", "seed", "shed", "feed", "hundred", "indeed", "united",
    "proceed", "succeed", "exceed", "breed", "weed", "creed", "greed", "deed", "reed", "bled",
    "wed", "ted", "ned", "fred", "ahmed", "mohammed", "supposed",
];

/// Whether a lower-case word is a verb in the past tense (or a word that places its
/// clause in the past).
pub(crate) fn is_past_marker(w: &str) -> bool {
    if IRREGULAR_PAST.contains(&w) {
        return true;
    }
    w.len() > 4 && w.ends_with("ed") && !NOT_PAST.contains(&w)
}
