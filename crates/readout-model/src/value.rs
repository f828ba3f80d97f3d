//! TimeML values (the `value` of a TIMEX3), parsed once into their parts.
//!
//! A [`TimeValue`] is a calendar point of any precision TimeML writes (century `19`,
//! decade `199`, year `2025`, half `2025-H1`, quarter `2025-Q3`, season `2025-SU`, month
//! `2025-07`, ISO week `2025-W27`, weekend `2025-W27-WE`, day `2025-07-03`, a weekday of a
//! week `XXXX-WXX-1`, a part of a day `2025-07-03TMO`, a clock time `2025-07-03T10:00`),
//! a duration (`P3D`, `PT1H`, `PXY`, `P1.5Y`), or a reference to the past, present or
//! future (`PAST_REF`). Unknown digits are written `X` (`19XX`, `XXXX-07`, `PXW`); a fiscal
//! year is prefixed `FY`. [`TimeValue::from_str`] and `Display` round-trip the TimeML text
//! exactly, so a value read from a file prints back unchanged.

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, Weekday};

/// A TimeML value that could not be parsed, with the text and what is wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseValueError {
    /// The text given.
    pub text: String,
    /// What is wrong with it.
    pub reason: &'static str,
}

impl fmt::Display for ParseValueError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a TimeML value: {:?} ({})", self.text, self.reason)
    }
}

impl std::error::Error for ParseValueError {}

/// How precise a calendar value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Precision {
    /// A century: `19`.
    Century,
    /// A decade: `199`.
    Decade,
    /// A year: `2025`, `FY2025`.
    Year,
    /// A half year: `2025-H1`.
    Half,
    /// A quarter: `2025-Q3`.
    Quarter,
    /// A season: `2025-SU`.
    Season,
    /// A month: `2025-07`.
    Month,
    /// An ISO week: `2025-W27`.
    Week,
    /// The weekend of an ISO week: `2025-W27-WE`.
    Weekend,
    /// A day: `2025-07-03`, `2025-W27-4`.
    Day,
    /// A part of a day: `2025-07-03TMO`.
    PartOfDay,
    /// An hour: `2025-07-03T10`.
    Hour,
    /// A minute: `2025-07-03T10:00`.
    Minute,
    /// A second: `2025-07-03T10:00:00`.
    Second,
}

/// TimeML's references to the present, past and future.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TimeRef {
    /// `PAST_REF`: "recently", "the past".
    Past,
    /// `PRESENT_REF`: "now", "currently".
    Present,
    /// `FUTURE_REF`: "in the future".
    Future,
}

impl TimeRef {
    /// The TimeML name.
    pub fn as_str(self) -> &'static str {
        match self {
            TimeRef::Past => "PAST_REF",
            TimeRef::Present => "PRESENT_REF",
            TimeRef::Future => "FUTURE_REF",
        }
    }
}

/// The four seasons, as TimeML writes them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Season {
    /// `SP`.
    Spring,
    /// `SU`.
    Summer,
    /// `FA`.
    Fall,
    /// `WI`.
    Winter,
}

impl Season {
    /// The TimeML code: `SP`, `SU`, `FA`, `WI`.
    pub fn code(self) -> &'static str {
        match self {
            Season::Spring => "SP",
            Season::Summer => "SU",
            Season::Fall => "FA",
            Season::Winter => "WI",
        }
    }

    /// The season of a TimeML code.
    pub fn from_code(code: &str) -> Option<Season> {
        Some(match code {
            "SP" => Season::Spring,
            "SU" => Season::Summer,
            "FA" => Season::Fall,
            "WI" => Season::Winter,
            _ => return None,
        })
    }
}

/// The parts of a day TimeML names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DayPart {
    /// `MO`, morning.
    Morning,
    /// `MI`, midday.
    Midday,
    /// `AF`, afternoon.
    Afternoon,
    /// `EV`, evening.
    Evening,
    /// `NI`, night.
    Night,
    /// `DT`, daytime.
    Daytime,
}

impl DayPart {
    const ALL: [DayPart; 6] = [
        DayPart::Morning,
        DayPart::Midday,
        DayPart::Afternoon,
        DayPart::Evening,
        DayPart::Night,
        DayPart::Daytime,
    ];

    /// The TimeML code: `MO`, `MI`, `AF`, `EV`, `NI`, `DT`.
    pub fn code(self) -> &'static str {
        match self {
            DayPart::Morning => "MO",
            DayPart::Midday => "MI",
            DayPart::Afternoon => "AF",
            DayPart::Evening => "EV",
            DayPart::Night => "NI",
            DayPart::Daytime => "DT",
        }
    }

    /// The part of a TimeML code.
    pub fn from_code(code: &str) -> Option<DayPart> {
        DayPart::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// A number written with a fixed width, or as that many `X`s when it is unknown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Field {
    value: Option<u32>,
    width: u8,
}

impl Field {
    fn known(value: u32, width: u8) -> Field {
        Field {
            value: Some(value),
            width,
        }
    }

    /// Reads `text` as all digits or all `X`s.
    fn parse(text: &str) -> Option<Field> {
        if text.is_empty() || text.len() > 9 {
            return None;
        }
        let width = text.len() as u8;
        if text.bytes().all(|b| b == b'X') {
            return Some(Field { value: None, width });
        }
        if text.bytes().all(|b| b.is_ascii_digit()) {
            return Some(Field::known(text.parse().ok()?, width));
        }
        None
    }

    fn in_range(self, lo: u32, hi: u32) -> bool {
        self.value.is_none_or(|v| (lo..=hi).contains(&v))
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let w = self.width as usize;
        match self.value {
            Some(v) => write!(f, "{v:0w$}"),
            None => write!(f, "{}", "X".repeat(w)),
        }
    }
}

/// The digits of a year, a decade (three digits) or a century (two), leading ones known
/// and the rest `X` (`2025`, `19XX`, `XXXX`, `199`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct YearDigits {
    /// The known leading digits, as a number.
    known: u32,
    /// How many leading digits are known.
    known_len: u8,
    /// How many digits are written in all.
    len: u8,
}

impl YearDigits {
    fn parse(text: &str) -> Option<YearDigits> {
        let len = text.len();
        if !(2..=4).contains(&len) {
            return None;
        }
        let known_len = text.bytes().take_while(u8::is_ascii_digit).count();
        if !text[known_len..].bytes().all(|b| b == b'X') {
            return None;
        }
        let known = if known_len == 0 {
            0
        } else {
            text[..known_len].parse().ok()?
        };
        Some(YearDigits {
            known,
            known_len: known_len as u8,
            len: len as u8,
        })
    }

    fn full(&self) -> Option<u32> {
        (self.known_len == self.len).then_some(self.known)
    }
}

impl fmt::Display for YearDigits {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let k = self.known_len as usize;
        if k > 0 {
            write!(f, "{:0k$}", self.known)?;
        }
        write!(f, "{}", "X".repeat((self.len - self.known_len) as usize))
    }
}

/// What follows the year of a calendar point.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Period {
    Half(Field),
    Quarter(Field),
    Season(Season),
    /// A month, and a day of it.
    Month(Field, Option<Field>),
    /// An ISO week, and what of it.
    Week(Field, WeekPart),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum WeekPart {
    Whole,
    Weekend,
    /// A day of the week, 1 (Monday) to 7.
    Day(Field),
}

/// A time of day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Clock {
    Part(DayPart),
    Time {
        hour: Field,
        minute: Option<Field>,
        second: Option<Field>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Point {
    fiscal: bool,
    year: YearDigits,
    period: Option<Period>,
    clock: Option<Clock>,
}

/// The unit of one part of a duration.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DurationUnit {
    /// `L`: millennia.
    Millennium,
    /// `C` or `CE`: centuries.
    Century,
    /// `E` or `DE`: decades.
    Decade,
    /// `Y`.
    Year,
    /// `Q`.
    Quarter,
    /// `M` before `T`.
    Month,
    /// `W`.
    Week,
    /// `WE`: weekends.
    Weekend,
    /// `D`.
    Day,
    /// `H`.
    Hour,
    /// `M` after `T`.
    Minute,
    /// `S`.
    Second,
    /// `X`: a unit not known, as in `PXX`.
    Unknown,
}

/// The letters of a date unit, longest first so that `WE` is not read as `W`.
const DATE_UNITS: [(&str, DurationUnit); 11] = [
    ("WE", DurationUnit::Weekend),
    ("DE", DurationUnit::Decade),
    ("CE", DurationUnit::Century),
    ("L", DurationUnit::Millennium),
    ("C", DurationUnit::Century),
    ("E", DurationUnit::Decade),
    ("Y", DurationUnit::Year),
    ("Q", DurationUnit::Quarter),
    ("M", DurationUnit::Month),
    ("W", DurationUnit::Week),
    ("D", DurationUnit::Day),
];

const TIME_UNITS: [(&str, DurationUnit); 3] = [
    ("H", DurationUnit::Hour),
    ("M", DurationUnit::Minute),
    ("S", DurationUnit::Second),
];

/// An amount of a duration's unit: a whole number, a decimal, or unknown (`X`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Amount {
    whole: Option<u64>,
    /// The digits after the decimal point, as a number and a width.
    fraction: Option<Field>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
struct Part {
    amount: Amount,
    /// The letters as written (`DE` and `E` both mean decades).
    letters: &'static str,
    unit: DurationUnit,
    time: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Repr {
    Ref(TimeRef),
    Point(Point),
    Duration(Vec<Part>),
}

/// A TimeML value: a calendar point of some precision, a duration, or a reference.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct TimeValue(Repr);

impl TimeValue {
    /// `PAST_REF`, `PRESENT_REF` or `FUTURE_REF`.
    pub fn reference(r: TimeRef) -> TimeValue {
        TimeValue(Repr::Ref(r))
    }

    fn point(year: i32, period: Option<Period>, clock: Option<Clock>) -> TimeValue {
        TimeValue(Repr::Point(Point {
            fiscal: false,
            year: YearDigits {
                known: year.clamp(0, 9999) as u32,
                known_len: 4,
                len: 4,
            },
            period,
            clock,
        }))
    }

    /// A day: `2025-07-03`.
    pub fn date(day: NaiveDate) -> TimeValue {
        let period = Period::Month(
            Field::known(day.month(), 2),
            Some(Field::known(day.day(), 2)),
        );
        TimeValue::point(day.year(), Some(period), None)
    }

    /// A part of a day: `2025-07-03TMO`.
    pub fn date_part(day: NaiveDate, part: DayPart) -> TimeValue {
        let mut v = TimeValue::date(day);
        if let Repr::Point(p) = &mut v.0 {
            p.clock = Some(Clock::Part(part));
        }
        v
    }

    /// A clock time on a day, to the minute: `2025-07-03T10:00`.
    pub fn date_time(day: NaiveDate, hour: u32, minute: u32) -> TimeValue {
        let mut v = TimeValue::date(day);
        if let Repr::Point(p) = &mut v.0 {
            p.clock = Some(Clock::Time {
                hour: Field::known(hour, 2),
                minute: Some(Field::known(minute, 2)),
                second: None,
            });
        }
        v
    }

    /// A year: `2025`.
    pub fn year_of(year: i32) -> TimeValue {
        TimeValue::point(year, None, None)
    }

    /// A month: `2025-07`.
    pub fn month_of(year: i32, month: u32) -> TimeValue {
        TimeValue::point(
            year,
            Some(Period::Month(Field::known(month, 2), None)),
            None,
        )
    }

    /// A quarter, 1 to 4: `2025-Q3`.
    pub fn quarter_of(year: i32, quarter: u32) -> TimeValue {
        TimeValue::point(year, Some(Period::Quarter(Field::known(quarter, 1))), None)
    }

    /// A half year, 1 or 2: `2025-H1`.
    pub fn half_of(year: i32, half: u32) -> TimeValue {
        TimeValue::point(year, Some(Period::Half(Field::known(half, 1))), None)
    }

    /// A season: `2025-SU`.
    pub fn season_of(year: i32, season: Season) -> TimeValue {
        TimeValue::point(year, Some(Period::Season(season)), None)
    }

    /// An ISO week, or its weekend: `2025-W27`, `2025-W27-WE`.
    pub fn week_of(iso_year: i32, week: u32, weekend: bool) -> TimeValue {
        let part = if weekend {
            WeekPart::Weekend
        } else {
            WeekPart::Whole
        };
        TimeValue::point(
            iso_year,
            Some(Period::Week(Field::known(week, 2), part)),
            None,
        )
    }

    /// A decade, by its first three digits: `199` for the 1990s.
    pub fn decade_of(decade: i32) -> TimeValue {
        TimeValue(Repr::Point(Point {
            fiscal: false,
            year: YearDigits {
                known: decade.clamp(0, 999) as u32,
                known_len: 3,
                len: 3,
            },
            period: None,
            clock: None,
        }))
    }

    /// A century, by its first two digits: `19` for the 1900s.
    pub fn century_of(century: i32) -> TimeValue {
        TimeValue(Repr::Point(Point {
            fiscal: false,
            year: YearDigits {
                known: century.clamp(0, 99) as u32,
                known_len: 2,
                len: 2,
            },
            period: None,
            clock: None,
        }))
    }

    /// The reference, when the value is `PAST_REF`, `PRESENT_REF` or `FUTURE_REF`.
    pub fn as_ref_value(&self) -> Option<TimeRef> {
        match self.0 {
            Repr::Ref(r) => Some(r),
            _ => None,
        }
    }

    /// Whether the value is a duration (`P3D`).
    pub fn is_duration(&self) -> bool {
        matches!(self.0, Repr::Duration(_))
    }

    /// The units of a duration with their amounts, when known and whole (`P2Y6M` →
    /// `[(Some(2), Year), (Some(6), Month)]`); empty for other values.
    pub fn duration_parts(&self) -> Vec<(Option<u64>, DurationUnit)> {
        match &self.0 {
            Repr::Duration(parts) => parts
                .iter()
                .map(|p| {
                    let whole = p.amount.whole.filter(|_| p.amount.fraction.is_none());
                    (whole, p.unit)
                })
                .collect(),
            _ => Vec::new(),
        }
    }

    /// How precise a calendar value is; `None` for durations and references.
    pub fn precision(&self) -> Option<Precision> {
        let Repr::Point(p) = &self.0 else {
            return None;
        };
        if let Some(clock) = p.clock {
            return Some(match clock {
                Clock::Part(_) => Precision::PartOfDay,
                Clock::Time { minute: None, .. } => Precision::Hour,
                Clock::Time { second: None, .. } => Precision::Minute,
                Clock::Time { .. } => Precision::Second,
            });
        }
        Some(match p.period {
            None => match p.year.len {
                2 => Precision::Century,
                3 => Precision::Decade,
                _ => Precision::Year,
            },
            Some(Period::Half(_)) => Precision::Half,
            Some(Period::Quarter(_)) => Precision::Quarter,
            Some(Period::Season(_)) => Precision::Season,
            Some(Period::Month(_, None)) => Precision::Month,
            Some(Period::Month(_, Some(_))) => Precision::Day,
            Some(Period::Week(_, WeekPart::Whole)) => Precision::Week,
            Some(Period::Week(_, WeekPart::Weekend)) => Precision::Weekend,
            Some(Period::Week(_, WeekPart::Day(_))) => Precision::Day,
        })
    }

    /// The calendar year a value lies in, when it names one: `2025` for `2025-07-03` or
    /// `2025-Q3`; `None` for centuries, decades, unknown years (`XXXX`), fiscal years
    /// (which need not match the calendar), durations and references. For an ISO week it
    /// is the week's year.
    pub fn year(&self) -> Option<i32> {
        match &self.0 {
            Repr::Point(p) if !p.fiscal && p.year.len == 4 => p.year.full().map(|y| y as i32),
            _ => None,
        }
    }

    /// The month a value lies in, as year and month, when it names one.
    pub fn month(&self) -> Option<(i32, u32)> {
        let Repr::Point(p) = &self.0 else {
            return None;
        };
        match p.period {
            Some(Period::Month(m, _)) => Some((self.year()?, m.value?)),
            Some(Period::Week(..)) => self.day().map(|d| (d.year(), d.month())),
            _ => None,
        }
    }

    /// The day, when the value names one day (a date, a weekday of a known week, or a
    /// time or part of such a day).
    pub fn day(&self) -> Option<NaiveDate> {
        let Repr::Point(p) = &self.0 else {
            return None;
        };
        let year = self.year()?;
        match p.period? {
            Period::Month(m, Some(d)) => NaiveDate::from_ymd_opt(year, m.value?, d.value?),
            Period::Week(w, WeekPart::Day(d)) => {
                let weekday =
                    Weekday::try_from(u8::try_from(d.value?.checked_sub(1)?).ok()?).ok()?;
                NaiveDate::from_isoywd_opt(year, w.value?, weekday)
            }
            _ => None,
        }
    }

    /// The value without its time of day: `2025-07-03` for `2025-07-03TMO` and
    /// `2025-07-03T10:00`. Other values are returned unchanged.
    pub fn without_clock(&self) -> TimeValue {
        let mut v = self.clone();
        if let Repr::Point(p) = &mut v.0 {
            p.clock = None;
        }
        v
    }

    /// Whether `other` lies within `self` as TimeML writes them: the same value, or one
    /// that only adds finer parts to `self`'s (`2025` holds `2025-07` and `2025-W27`,
    /// `2025-07` holds `2025-07-03` and `2025-07-03TMO`, `199` holds `1995`). A quarter
    /// does not hold its months: TimeML writes them as different calendars. Durations and
    /// references hold only themselves.
    pub fn holds(&self, other: &TimeValue) -> bool {
        let (Repr::Point(a), Repr::Point(b)) = (&self.0, &other.0) else {
            return self == other;
        };
        let (ay, by) = (a.year.to_string(), b.year.to_string());
        let year = if a.year.len == b.year.len {
            ay == by
        } else {
            a.year.len < b.year.len && by.starts_with(&ay)
        };
        if a.fiscal != b.fiscal || !year {
            return false;
        }
        let period = match (a.period, b.period) {
            (None, _) => true,
            (Some(_), None) => false,
            (Some(Period::Month(m, d)), Some(Period::Month(n, e))) => {
                m == n && (d.is_none() || d == e)
            }
            (Some(Period::Week(w, p)), Some(Period::Week(v, q))) => {
                w == v && (p == WeekPart::Whole || p == q)
            }
            (Some(x), Some(y)) => x == y,
        };
        let clock = match (a.clock, b.clock) {
            (None, _) => true,
            (Some(_), None) => false,
            (
                Some(Clock::Time {
                    hour,
                    minute,
                    second,
                }),
                Some(Clock::Time {
                    hour: h,
                    minute: m,
                    second: s,
                }),
            ) => {
                hour == h && (minute.is_none() || minute == m) && (second.is_none() || second == s)
            }
            (Some(x), Some(y)) => x == y,
        };
        period && clock
    }

    /// The part of the day, when the value names one (`2025-07-03TMO`).
    pub fn day_part(&self) -> Option<DayPart> {
        match &self.0 {
            Repr::Point(Point {
                clock: Some(Clock::Part(part)),
                ..
            }) => Some(*part),
            _ => None,
        }
    }
}

fn fail(text: &str, reason: &'static str) -> ParseValueError {
    ParseValueError {
        text: text.to_string(),
        reason,
    }
}

impl FromStr for TimeValue {
    type Err = ParseValueError;

    fn from_str(text: &str) -> Result<TimeValue, ParseValueError> {
        match text {
            "PAST_REF" => return Ok(TimeValue(Repr::Ref(TimeRef::Past))),
            "PRESENT_REF" => return Ok(TimeValue(Repr::Ref(TimeRef::Present))),
            "FUTURE_REF" => return Ok(TimeValue(Repr::Ref(TimeRef::Future))),
            _ => {}
        }
        if let Some(rest) = text.strip_prefix('P') {
            return parse_duration(rest)
                .map(|parts| TimeValue(Repr::Duration(parts)))
                .ok_or_else(|| {
                    fail(
                        text,
                        "a duration is P, amounts with units, T, amounts with units",
                    )
                });
        }
        parse_point(text)
            .map(|p| TimeValue(Repr::Point(p)))
            .map_err(|reason| fail(text, reason))
    }
}

fn parse_duration(rest: &str) -> Option<Vec<Part>> {
    if rest == "XX" {
        let amount = Amount {
            whole: None,
            fraction: None,
        };
        return Some(vec![Part {
            amount,
            letters: "X",
            unit: DurationUnit::Unknown,
            time: false,
        }]);
    }
    let (date, time) = match rest.split_once('T') {
        Some((d, t)) => (d, Some(t)),
        None => (rest, None),
    };
    let mut parts = Vec::new();
    parse_parts(date, &DATE_UNITS, false, &mut parts)?;
    if let Some(t) = time {
        if t.is_empty() {
            return None;
        }
        parse_parts(t, &TIME_UNITS, true, &mut parts)?;
    }
    (!parts.is_empty()).then_some(parts)
}

fn parse_parts(
    mut s: &str,
    units: &[(&'static str, DurationUnit)],
    time: bool,
    parts: &mut Vec<Part>,
) -> Option<()> {
    while !s.is_empty() {
        let n = s
            .bytes()
            .take_while(|b| b.is_ascii_digit() || *b == b'.' || *b == b'X')
            .count();
        let amount = parse_amount(&s[..n])?;
        s = &s[n..];
        let &(letters, unit) = units.iter().find(|(l, _)| s.starts_with(l))?;
        s = &s[letters.len()..];
        parts.push(Part {
            amount,
            letters,
            unit,
            time,
        });
    }
    Some(())
}

fn parse_amount(text: &str) -> Option<Amount> {
    if text == "X" {
        return Some(Amount {
            whole: None,
            fraction: None,
        });
    }
    let (whole, fraction) = match text.split_once('.') {
        Some((w, f)) => (w, Some(f)),
        None => (text, None),
    };
    // Leading zeros would not print back as written.
    let canonical = !whole.is_empty()
        && whole.bytes().all(|b| b.is_ascii_digit())
        && (whole == "0" || !whole.starts_with('0'));
    if !canonical || whole.len() > 19 {
        return None;
    }
    let fraction = match fraction {
        Some(f) => Some(Field::parse(f).filter(|f| f.value.is_some())?),
        None => None,
    };
    Some(Amount {
        whole: Some(whole.parse().ok()?),
        fraction,
    })
}

fn parse_point(text: &str) -> Result<Point, &'static str> {
    let (fiscal, rest) = match text.strip_prefix("FY") {
        Some(r) => (true, r),
        None => (false, text),
    };
    let (date, clock) = match rest.split_once('T') {
        Some((d, c)) => (d, Some(c)),
        None => (rest, None),
    };
    let mut pieces = date.split('-');
    let year = pieces
        .next()
        .and_then(YearDigits::parse)
        .ok_or("a year of four digits or Xs, a decade of three, a century of two")?;
    let rest: Vec<&str> = pieces.collect();
    if year.len < 4 && (!rest.is_empty() || clock.is_some()) {
        return Err("a century or decade has nothing after it");
    }
    let period = match rest.as_slice() {
        [] => None,
        [p, more @ ..] => Some(parse_period(p, more)?),
    };
    let clock = match clock {
        None => None,
        Some(c) => {
            let names_day = matches!(
                period,
                Some(Period::Month(_, Some(_)) | Period::Week(_, WeekPart::Day(_)))
            );
            if !names_day {
                return Err("a time of day needs a day");
            }
            Some(parse_clock(c)?)
        }
    };
    let point = Point {
        fiscal,
        year,
        period,
        clock,
    };
    if let (Some(y), Some(Period::Month(Field { value: Some(m), .. }, Some(d)))) =
        (year.full(), period)
    {
        if let Some(d) = d.value {
            NaiveDate::from_ymd_opt(y as i32, m, d).ok_or("no such day")?;
        }
    }
    Ok(point)
}

fn parse_period(p: &str, more: &[&str]) -> Result<Period, &'static str> {
    let one = |rest: &str, hi: u32| {
        Field::parse(rest)
            .filter(|f| f.width == 1 && f.in_range(1, hi))
            .ok_or("a half is H1 or H2, a quarter Q1 to Q4")
    };
    let period = if let Some(h) = p.strip_prefix('H') {
        Period::Half(one(h, 2)?)
    } else if let Some(q) = p.strip_prefix('Q') {
        Period::Quarter(one(q, 4)?)
    } else if let Some(s) = Season::from_code(p) {
        Period::Season(s)
    } else if let Some(w) = p.strip_prefix('W') {
        let week = Field::parse(w)
            .filter(|f| f.width <= 2 && f.in_range(1, 53))
            .ok_or("a week is W1 to W53")?;
        let part = match more {
            [] => WeekPart::Whole,
            ["WE"] => WeekPart::Weekend,
            [d] => WeekPart::Day(
                Field::parse(d)
                    .filter(|f| f.width == 1 && f.in_range(1, 7))
                    .ok_or("a day of a week is 1 to 7")?,
            ),
            _ => return Err("too many parts after the week"),
        };
        return Ok(Period::Week(week, part));
    } else {
        let month = Field::parse(p)
            .filter(|f| f.width == 2 && f.in_range(1, 12))
            .ok_or("a month is 01 to 12")?;
        let day = match more {
            [] => None,
            [d] => Some(
                Field::parse(d)
                    .filter(|f| f.width == 2 && f.in_range(1, 31))
                    .ok_or("a day is 01 to 31")?,
            ),
            _ => return Err("too many parts after the day"),
        };
        return Ok(Period::Month(month, day));
    };
    if more.is_empty() {
        Ok(period)
    } else {
        Err("nothing follows a half, quarter or season")
    }
}

fn parse_clock(c: &str) -> Result<Clock, &'static str> {
    if let Some(part) = DayPart::from_code(c) {
        return Ok(Clock::Part(part));
    }
    let mut fields = c.split(':');
    let mut next = |hi: u32| -> Result<Option<Field>, &'static str> {
        match fields.next() {
            None => Ok(None),
            Some(f) => Field::parse(f)
                .filter(|f| f.width == 2 && f.in_range(0, hi))
                .map(Some)
                .ok_or("a time is HH, HH:MM or HH:MM:SS"),
        }
    };
    let hour = next(24)?.ok_or("a time is HH, HH:MM or HH:MM:SS")?;
    let minute = next(59)?;
    let second = next(60)?;
    if next(0)?.is_some() || (minute.is_none() && second.is_some()) {
        return Err("a time is HH, HH:MM or HH:MM:SS");
    }
    Ok(Clock::Time {
        hour,
        minute,
        second,
    })
}

impl fmt::Display for TimeValue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.0 {
            Repr::Ref(r) => f.write_str(r.as_str()),
            Repr::Duration(parts) => {
                f.write_str("P")?;
                let mut in_time = false;
                for p in parts {
                    if p.time && !in_time {
                        f.write_str("T")?;
                        in_time = true;
                    }
                    match p.amount.whole {
                        None => f.write_str("X")?,
                        Some(w) => write!(f, "{w}")?,
                    }
                    if let Some(frac) = p.amount.fraction {
                        write!(f, ".{frac}")?;
                    }
                    f.write_str(p.letters)?;
                }
                Ok(())
            }
            Repr::Point(p) => {
                if p.fiscal {
                    f.write_str("FY")?;
                }
                write!(f, "{}", p.year)?;
                match p.period {
                    None => {}
                    Some(Period::Half(h)) => write!(f, "-H{h}")?,
                    Some(Period::Quarter(q)) => write!(f, "-Q{q}")?,
                    Some(Period::Season(s)) => write!(f, "-{}", s.code())?,
                    Some(Period::Month(m, d)) => {
                        write!(f, "-{m}")?;
                        if let Some(d) = d {
                            write!(f, "-{d}")?;
                        }
                    }
                    Some(Period::Week(w, part)) => {
                        write!(f, "-W{w}")?;
                        match part {
                            WeekPart::Whole => {}
                            WeekPart::Weekend => f.write_str("-WE")?,
                            WeekPart::Day(d) => write!(f, "-{d}")?,
                        }
                    }
                }
                match p.clock {
                    None => Ok(()),
                    Some(Clock::Part(part)) => write!(f, "T{}", part.code()),
                    Some(Clock::Time {
                        hour,
                        minute,
                        second,
                    }) => {
                        write!(f, "T{hour}")?;
                        if let Some(m) = minute {
                            write!(f, ":{m}")?;
                        }
                        if let Some(s) = second {
                            write!(f, ":{s}")?;
                        }
                        Ok(())
                    }
                }
            }
        }
    }
}

crate::codes::string_serde!(TimeValue);

#[cfg(test)]
mod tests {
    use super::*;

    fn round(text: &str) -> TimeValue {
        let v: TimeValue = text.parse().unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(v.to_string(), text);
        v
    }

    #[test]
    fn every_precision_round_trips_and_is_read() {
        let cases = [
            ("19", Precision::Century),
            ("199", Precision::Decade),
            ("2025", Precision::Year),
            ("FY2025", Precision::Year),
            ("19XX", Precision::Year),
            ("2025-SU", Precision::Season),
            ("2025-Q3", Precision::Quarter),
            ("2025-H1", Precision::Half),
            ("2025-07", Precision::Month),
            ("XXXX-07", Precision::Month),
            ("2025-W27", Precision::Week),
            ("2000-W7", Precision::Week),
            ("2025-W27-WE", Precision::Weekend),
            ("XXXX-WXX-1", Precision::Day),
            ("2025-07-03", Precision::Day),
            ("1998-10-XX", Precision::Day),
            ("2025-07-03TMO", Precision::PartOfDay),
            ("XXXX-XX-XXTNI", Precision::PartOfDay),
            ("2025-07-03T10", Precision::Hour),
            ("2025-07-03T10:00", Precision::Minute),
            ("2025-07-03T10:00:59", Precision::Second),
        ];
        for (text, precision) in cases {
            assert_eq!(round(text).precision(), Some(precision), "{text}");
        }
        for text in [
            "P2025202500Y",
            "P2025202500Y",
            "P3D",
            "PT1H",
            "PXY",
            "P2Y6M",
            "PT5H30M",
            "P1.5Y",
            "PXDE",
            "P1WE",
            "P2L",
            "PXX",
        ] {
            let v = round(text);
            assert!(v.is_duration() && v.precision().is_none(), "{text}");
        }
        for text in ["PAST_REF", "PRESENT_REF", "FUTURE_REF"] {
            assert!(round(text).as_ref_value().is_some());
        }
    }

    #[test]
    fn accessors_read_the_parts() {
        let d = NaiveDate::from_ymd_opt(2025, 7, 3).unwrap();
        assert_eq!(round("2025-07-03TMO").day(), Some(d));
        assert_eq!(round("2025-W27-4").day(), Some(d));
        assert_eq!(round("2025-07-03TMO").day_part(), Some(DayPart::Morning));
        assert_eq!(round("2025-Q3").year(), Some(2025));
        assert_eq!(round("2025-07").month(), Some((2025, 7)));
        assert_eq!(round("2025-07").day(), None);
        assert_eq!(round("19XX").year(), None);
        assert_eq!(round("199").year(), None);
        assert_eq!(round("FY2025").year(), None);
        assert_eq!(
            round("P2Y6M").duration_parts(),
            vec![
                (Some(2), DurationUnit::Year),
                (Some(6), DurationUnit::Month)
            ]
        );
    }

    #[test]
    fn holding_follows_the_written_parts() {
        let holds = |a: &str, b: &str| round(a).holds(&round(b));
        assert!(holds("2025", "2025-07-03TMO"));
        assert!(holds("2025-07", "2025-07-03"));
        assert!(holds("2025-W27", "2025-W27-WE"));
        assert!(holds("199", "1995"));
        assert!(holds("19", "199"));
        assert!(holds("2025-07-03", "2025-07-03T10:00"));
        assert!(!holds("2025-07-03", "2025-07"));
        assert!(!holds("2025-W2", "2025-W27"));
        assert!(!holds("2025-Q3", "2025-07"));
        assert!(!holds("2025-07-03", "2025-07-04"));
        assert!(!holds("FY2025", "2025-07"));
        assert!(!holds("PAST_REF", "2025"));
        assert_eq!(round("2025-07-03TMO").without_clock(), round("2025-07-03"));
    }

    #[test]
    fn constructors_print_timeml() {
        let d = NaiveDate::from_ymd_opt(2025, 7, 3).unwrap();
        assert_eq!(TimeValue::date(d).to_string(), "2025-07-03");
        assert_eq!(
            TimeValue::date_part(d, DayPart::Evening).to_string(),
            "2025-07-03TEV"
        );
        assert_eq!(
            TimeValue::date_time(d, 9, 5).to_string(),
            "2025-07-03T09:05"
        );
        assert_eq!(TimeValue::week_of(2025, 7, true).to_string(), "2025-W07-WE");
        assert_eq!(TimeValue::quarter_of(2025, 3).to_string(), "2025-Q3");
        assert_eq!(
            TimeValue::season_of(2025, Season::Fall).to_string(),
            "2025-FA"
        );
        assert_eq!(TimeValue::decade_of(199).to_string(), "199");
        assert_eq!(TimeValue::century_of(20).to_string(), "20");
        assert_eq!(TimeValue::reference(TimeRef::Past).to_string(), "PAST_REF");
    }

    #[test]
    fn malformed_values_are_refused_with_the_text() {
        for bad in [
            "",
            "2018-02-30",
            "2025-13",
            "2025-7",
            "2025-W54",
            "2025-Q5",
            "P",
            "PT",
            "P01D",
            "P3",
            "3D",
            "199-01",
            "2025-07T10:00",
            "2025-07-03T25:00",
            "' OR 1=1 --",
            "2025-07-03-01",
            "PAST",
            "X9XX",
        ] {
            let err = bad.parse::<TimeValue>().expect_err(bad);
            assert_eq!(err.text, bad);
        }
    }

    #[test]
    fn serde_is_the_timeml_string() {
        let v = round("2025-07-03T10:00");
        assert_eq!(serde_json::to_string(&v).unwrap(), "\"2025-07-03T10:00\"");
        let back: TimeValue = serde_json::from_str("\"2025-07-03T10:00\"").unwrap();
        assert_eq!(back, v);
        assert!(serde_json::from_str::<TimeValue>("\"2025-02-30\"").is_err());
    }

    /// Every value of the TimeBank gold parses and prints back unchanged.
    #[test]
    fn timebank_values_round_trip() {
        let dir =
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/gold/timebank");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!("skipped: no TimeBank gold at {}", dir.display());
            return;
        };
        let mut seen = 0;
        for entry in entries.flatten() {
            let text = std::fs::read_to_string(entry.path()).unwrap_or_default();
            for (i, _) in text.match_indices("value=\"") {
                // Only the attributes of TIMEX3 elements are TimeML values.
                let open = text[..i].rfind('<').unwrap_or(0);
                if !text[open..].starts_with("<TIMEX3") {
                    continue;
                }
                let rest = &text[i + 7..];
                let value = &rest[..rest.find('"').unwrap_or(0)];
                let parsed: TimeValue = value
                    .parse()
                    .unwrap_or_else(|e| panic!("{}: {e}", entry.path().display()));
                assert_eq!(parsed.to_string(), value);
                seen += 1;
            }
        }
        assert!(seen > 1000, "only {seen} values read");
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    // Mostly well-formed parts, so that most cases parse; a few out-of-range ones (month
    // 13, day 31 of a short month, week 54) check that what is refused stays refused.
    const POINT: &str = "(FY)?([0-9]{4}|[0-9]{2}XX|XXXX|[0-9]{2,3})(-(W([1-9]|[0-5][0-9]|XX)(-WE|-[1-7X])?|Q[1-4X]|H[12X]|SP|SU|FA|WI|(0[1-9]|1[0-3]|XX)(-(0[1-9]|[12][0-9]|3[01]|XX))?))?(T(MO|AF|EV|NI|DT|[01][0-9](:[0-5][0-9](:[0-5][0-9])?)?))?";
    const DURATION: &str = "P(([0-9]{1,3}(\\.[0-9]{1,2})?|X)(Y|M|W|D|WE|DE|CE|Q|L|E|C)){0,2}(T(([0-9]{1,3}|X)(H|M|S)){1,2})?";

    proptest! {
        #[test]
        fn points_print_back_as_parsed(text in POINT) {
            if let Ok(v) = text.parse::<TimeValue>() {
                prop_assert_eq!(v.to_string(), text.clone());
                prop_assert_eq!(v.to_string().parse::<TimeValue>().ok(), Some(v));
            }
        }

        #[test]
        fn durations_print_back_as_parsed(text in DURATION) {
            if let Ok(v) = text.parse::<TimeValue>() {
                prop_assert_eq!(v.to_string(), text.clone());
                prop_assert_eq!(v.to_string().parse::<TimeValue>().ok(), Some(v));
            }
        }

        #[test]
        fn any_text_parses_or_is_refused_without_panic(text in "\\PC{0,24}") {
            if let Ok(v) = text.parse::<TimeValue>() {
                prop_assert_eq!(v.to_string(), text.clone());
            }
        }

        #[test]
        fn days_print_back(days in 0i32..200_000) {
            let d = NaiveDate::from_ymd_opt(1800, 1, 1).unwrap() + chrono::Duration::days(days as i64);
            let v = TimeValue::date(d);
            prop_assert_eq!(v.to_string().parse::<TimeValue>().ok(), Some(v.clone()));
            prop_assert_eq!(v.day(), Some(d));
        }
    }
}
