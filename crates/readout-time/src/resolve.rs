//! What an expression means, and its TimeML value once an anchor date is known.

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use readout_model::{DayPart, Season, TimeValue};

use crate::lexicon::{season_index, season_of_month, Unit};

/// Which way a relative expression points from the anchor.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rel {
    /// Decided by the tense of the nearest verb.
    Tense,
    /// "last": strictly before.
    Last,
    /// "next": strictly after.
    Next,
    /// "this": the anchor's own period.
    This,
}

/// The tense of the clause an expression sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tense {
    Past,
    Future,
    Unknown,
}

/// A day, before it is resolved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Day {
    /// Days from the anchor: today 0, yesterday −1.
    Offset(i64),
    /// A named weekday.
    Weekday(Weekday, Rel),
    /// A day of a month, with or without its year.
    Date {
        month: u32,
        day: u32,
        year: Option<i32>,
    },
    /// A holiday, with or without its year.
    Holiday(Holiday, Option<i32>),
}

/// Holidays whose dates news leaves to the reader.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holiday {
    Christmas,
    ChristmasEve,
    NewYearsDay,
    NewYearsEve,
    Halloween,
    /// The fourth Thursday of November (United States).
    Thanksgiving,
    /// The Tuesday after the first Monday of November (United States).
    ElectionDay,
}

/// What follows a day inside one expression.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tail {
    None,
    /// A part of the day: `MO`, `AF`, `EV`, `NI`.
    Part(&'static str),
    /// A clock time, hours and minutes.
    Clock(u32, u32),
}

/// The meaning of an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sem {
    /// A value read from the words alone.
    Value(String),
    /// A day, with what follows it.
    Day(Day, Tail),
    /// The anchor's period shifted by whole units ("last week").
    Shift(Unit, i64),
    /// A signed number of units from a reference day ("two weeks ago", "a year later").
    Offset(Unit, i64),
    /// A month without a year. With no "last", "next" or "this" it is the nearest such
    /// month to the anchor, whatever the tense: reporting verbs are past even when the
    /// month they report is still to come, and on TimeBank's development half the nearest
    /// month was right more often (value accuracy 0.850 against 0.827 by tense). Days of a
    /// month without a year are treated the same way.
    Month(u32, Rel),
    /// A season without a year.
    Season(&'static str, Rel),
    /// "the weekend": the last one in the past tense, the next one in the future.
    Weekend,
    /// The latest quarter to have ended, or the same quarter `years_back` years earlier.
    ReportedQuarter { years_back: i64 },
    /// A quarter (1–4) or, with `halves`, a half (1–2) without a year.
    Part { n: u32, halves: bool, rel: Rel },
}

impl Sem {
    /// Whether the value depends on the anchor.
    pub(crate) fn anchored(&self) -> bool {
        !matches!(
            self,
            Sem::Value(_)
                | Sem::Day(Day::Date { year: Some(_), .. }, _)
                | Sem::Day(Day::Holiday(_, Some(_)), _)
        )
    }

    /// The TimeML value against `anchor` (only read when [`Sem::anchored`]).
    pub(crate) fn value(&self, anchor: Option<NaiveDate>, tense: Tense) -> Option<TimeValue> {
        if let Sem::Value(v) = self {
            // The grammar writes its values as TimeML text; a test checks that each parses.
            return v.parse().ok();
        }
        if let Sem::Day(day, tail) = self {
            let date = resolve_day(*day, anchor, tense)?;
            return Some(match tail {
                Tail::None => TimeValue::date(date),
                Tail::Part(code) => TimeValue::date_part(date, DayPart::from_code(code)?),
                Tail::Clock(h, m) => TimeValue::date_time(date, *h, *m),
            });
        }
        let a = anchor?;
        match *self {
            Sem::Shift(unit, n) => shift(a, unit, n),
            Sem::ReportedQuarter { years_back } => {
                let ended = a.year() as i64 * 4 + (a.month() as i64 - 1) / 3 - 1 - 4 * years_back;
                Some(TimeValue::quarter_of(
                    ended.div_euclid(4) as i32,
                    ended.rem_euclid(4) as u32 + 1,
                ))
            }
            Sem::Weekend => {
                let saturday = resolve_day(Day::Weekday(Weekday::Sat, Rel::Tense), anchor, tense)?;
                let w = saturday.iso_week();
                Some(TimeValue::week_of(w.year(), w.week(), true))
            }
            Sem::Offset(unit, n) => offset(a, unit, n),
            Sem::Month(month, rel) => {
                let (y, m) = (a.year(), a.month());
                // Tense is not consulted (see the variant's documentation).
                let year = match rel {
                    Rel::Last => y - i32::from(month >= m),
                    Rel::Next => y + i32::from(month <= m),
                    Rel::This => y,
                    Rel::Tense => {
                        let here = y * 12 + m as i32;
                        nearest((y - 1..=y + 1).map(|c| (c, c * 12 + month as i32 - here)))
                    }
                };
                Some(TimeValue::month_of(year, month))
            }
            Sem::Season(code, rel) => {
                let (here_code, shift_year) = season_of_month(a.month());
                let here = (a.year() + shift_year) * 4 + season_index(here_code);
                let idx = season_index(code);
                let at = |year: i32| year * 4 + idx;
                let y = a.year() + shift_year;
                let year = match direction(rel, tense) {
                    Dir::Before { strict } => (y - 1..=y)
                        .rev()
                        .find(|&c| at(c) < here || (!strict && at(c) == here))?,
                    Dir::After { strict } => {
                        (y..=y + 1).find(|&c| at(c) > here || (!strict && at(c) == here))?
                    }
                    Dir::Same | Dir::Nearest => y,
                };
                Some(TimeValue::season_of(year, Season::from_code(code)?))
            }
            Sem::Part { n, halves, rel } => {
                let per_year = if halves { 2 } else { 4 };
                let months = 12 / per_year;
                let here = a.year() * per_year as i32 + ((a.month() - 1) / months) as i32;
                let at = |year: i32| year * per_year as i32 + n as i32 - 1;
                let y = a.year();
                let before = |strict: bool| {
                    (y - 1..=y)
                        .rev()
                        .find(|&c| at(c) < here || (!strict && at(c) == here))
                };
                let year = match direction(rel, tense) {
                    Dir::Before { strict } => before(strict)?,
                    // A quarter named without "next" is the latest one begun, whatever the
                    // tense: "will report third-quarter results" speaks of a quarter past.
                    Dir::Nearest => before(false)?,
                    Dir::After { .. } if rel == Rel::Tense => before(false)?,
                    Dir::After { strict } => {
                        (y..=y + 1).find(|&c| at(c) > here || (!strict && at(c) == here))?
                    }
                    Dir::Same => y,
                };
                Some(if halves {
                    TimeValue::half_of(year, n)
                } else {
                    TimeValue::quarter_of(year, n)
                })
            }
            Sem::Value(_) | Sem::Day(..) => None,
        }
    }
}

enum Dir {
    Before { strict: bool },
    After { strict: bool },
    Same,
    Nearest,
}

fn direction(rel: Rel, tense: Tense) -> Dir {
    match (rel, tense) {
        (Rel::Last, _) => Dir::Before { strict: true },
        (Rel::Next, _) => Dir::After { strict: true },
        (Rel::This, _) => Dir::Same,
        (Rel::Tense, Tense::Past) => Dir::Before { strict: false },
        (Rel::Tense, Tense::Future) => Dir::After { strict: false },
        (Rel::Tense, Tense::Unknown) => Dir::Nearest,
    }
}

/// The candidate with the smallest distance; a tie goes to the earlier one.
fn nearest(candidates: impl Iterator<Item = (i32, i32)>) -> i32 {
    candidates
        .min_by_key(|&(c, d)| (d.abs(), c))
        .map(|(c, _)| c)
        .unwrap_or_default()
}

fn resolve_day(day: Day, anchor: Option<NaiveDate>, tense: Tense) -> Option<NaiveDate> {
    match day {
        Day::Date {
            month,
            day,
            year: Some(y),
        } => NaiveDate::from_ymd_opt(y, month, day),
        Day::Holiday(h, Some(y)) => holiday(h, y),
        Day::Offset(n) => anchor?.checked_add_signed(Duration::days(n)),
        Day::Weekday(wd, rel) => {
            let a = anchor?;
            let back = (7 + a.weekday().num_days_from_monday() as i64
                - wd.num_days_from_monday() as i64)
                % 7;
            let forward = (7 - back) % 7;
            let days = match direction(rel, tense) {
                Dir::Before { strict } => -(if strict && back == 0 { 7 } else { back }),
                Dir::After { strict } => {
                    if strict && forward == 0 {
                        7
                    } else {
                        forward
                    }
                }
                // News reports what happened: an untensed weekday is taken as past.
                Dir::Same | Dir::Nearest => {
                    if matches!(rel, Rel::This) && tense == Tense::Future {
                        forward
                    } else {
                        -back
                    }
                }
            };
            a.checked_add_signed(Duration::days(days))
        }
        Day::Date {
            month,
            day,
            year: None,
        } => {
            let a = anchor?;
            pick_year(a, |y| NaiveDate::from_ymd_opt(y, month, day))
        }
        Day::Holiday(h, None) => {
            let a = anchor?;
            pick_year(a, |y| holiday(h, y))
        }
    }
}

/// The date among last year's, this year's and next year's nearest to the anchor (the
/// earlier on a tie). Tense is not consulted, as for [`Sem::Month`].
fn pick_year(a: NaiveDate, date_in: impl Fn(i32) -> Option<NaiveDate>) -> Option<NaiveDate> {
    (a.year() - 1..=a.year() + 1)
        .filter_map(date_in)
        .min_by_key(|d| ((*d - a).num_days().abs(), *d))
}

/// The value of the anchor's period shifted by `n` units.
fn shift(a: NaiveDate, unit: Unit, n: i64) -> Option<TimeValue> {
    let (y, m) = (a.year() as i64, a.month() as i64);
    Some(match unit {
        Unit::Day => TimeValue::date(a.checked_add_signed(Duration::days(n))?),
        Unit::Week | Unit::Weekend => {
            let d = a.checked_add_signed(Duration::days(7 * n))?;
            let w = d.iso_week();
            TimeValue::week_of(w.year(), w.week(), unit == Unit::Weekend)
        }
        Unit::Month => {
            let k = y * 12 + m - 1 + n;
            TimeValue::month_of(k.div_euclid(12) as i32, k.rem_euclid(12) as u32 + 1)
        }
        Unit::Quarter => {
            let k = y * 4 + (m - 1) / 3 + n;
            TimeValue::quarter_of(k.div_euclid(4) as i32, k.rem_euclid(4) as u32 + 1)
        }
        Unit::Year => TimeValue::year_of((y + n) as i32),
        Unit::Decade => TimeValue::decade_of((y.div_euclid(10) + n) as i32),
        Unit::Century => TimeValue::century_of((y.div_euclid(100) + n) as i32),
        Unit::Hour | Unit::Minute | Unit::Second => return None,
    })
}

/// The value `n` units from the anchor, as precise as the unit.
fn offset(a: NaiveDate, unit: Unit, n: i64) -> Option<TimeValue> {
    Some(match unit {
        Unit::Second | Unit::Minute | Unit::Hour | Unit::Day => {
            let days = if unit == Unit::Day { n } else { 0 };
            TimeValue::date(a.checked_add_signed(Duration::days(days))?)
        }
        Unit::Week | Unit::Weekend => TimeValue::date(a.checked_add_signed(Duration::days(7 * n))?),
        Unit::Month => shift(a, Unit::Month, n)?,
        Unit::Quarter => shift(a, Unit::Quarter, n)?,
        Unit::Year => shift(a, Unit::Year, n)?,
        Unit::Decade => TimeValue::year_of((a.year() as i64 + 10 * n) as i32),
        Unit::Century => TimeValue::year_of((a.year() as i64 + 100 * n) as i32),
    })
}

/// The date of a holiday in a year.
pub(crate) fn holiday(h: Holiday, year: i32) -> Option<NaiveDate> {
    match h {
        Holiday::Christmas => NaiveDate::from_ymd_opt(year, 12, 25),
        Holiday::ChristmasEve => NaiveDate::from_ymd_opt(year, 12, 24),
        Holiday::NewYearsDay => NaiveDate::from_ymd_opt(year, 1, 1),
        Holiday::NewYearsEve => NaiveDate::from_ymd_opt(year, 12, 31),
        Holiday::Halloween => NaiveDate::from_ymd_opt(year, 10, 31),
        Holiday::Thanksgiving => NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Thu, 4),
        Holiday::ElectionDay => {
            let monday = NaiveDate::from_weekday_of_month_opt(year, 11, Weekday::Mon, 1)?;
            monday.checked_add_signed(Duration::days(1))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn weekdays_follow_tense_and_the_same_day_counts() {
        let thu = d(2031, 1, 2); // a Thursday
        let v = |wd, rel, tense| Sem::Day(Day::Weekday(wd, rel), Tail::None).value(thu, tense);
        assert_eq!(
            v(Weekday::Thu, Rel::Tense, Tense::Past).unwrap(),
            "2031-01-02"
        );
        assert_eq!(
            v(Weekday::Fri, Rel::Tense, Tense::Past).unwrap(),
            "2030-12-27"
        );
        assert_eq!(
            v(Weekday::Thu, Rel::Tense, Tense::Future).unwrap(),
            "2031-01-02"
        );
        assert_eq!(
            v(Weekday::Wed, Rel::Tense, Tense::Future).unwrap(),
            "2031-01-08"
        );
        assert_eq!(
            v(Weekday::Thu, Rel::Last, Tense::Past).unwrap(),
            "2030-12-26"
        );
        assert_eq!(
            v(Weekday::Thu, Rel::Next, Tense::Past).unwrap(),
            "2031-01-09"
        );
        assert_eq!(
            v(Weekday::Thu, Rel::Tense, Tense::Past).map(|_| ()),
            Some(())
        );
        assert!(Sem::Day(Day::Weekday(Weekday::Thu, Rel::Tense), Tail::None)
            .value(None, Tense::Past)
            .is_none());
    }

    #[test]
    fn shifts_cross_year_and_iso_week_boundaries() {
        let a = d(2021, 1, 5).unwrap();
        assert_eq!(shift(a, Unit::Week, -1).unwrap(), "2020-W53");
        assert_eq!(shift(a, Unit::Month, -1).unwrap(), "2020-12");
        assert_eq!(shift(a, Unit::Quarter, -1).unwrap(), "2020-Q4");
        assert_eq!(
            shift(d(2024, 12, 30).unwrap(), Unit::Week, 0).unwrap(),
            "2025-W01"
        );
        assert_eq!(shift(a, Unit::Decade, 0).unwrap(), "202");
        assert_eq!(
            offset(d(2024, 2, 29).unwrap(), Unit::Year, -1).unwrap(),
            "2023"
        );
        assert_eq!(
            offset(d(2028, 3, 1).unwrap(), Unit::Day, -1).unwrap(),
            "2028-02-29"
        );
    }

    #[test]
    fn months_without_a_year_are_the_nearest_and_seasons_follow_their_word() {
        let a = d(1999, 4, 10);
        let month = |m, rel, t| Sem::Month(m, rel).value(a, t).unwrap();
        assert_eq!(month(12, Rel::Tense, Tense::Past), "1998-12");
        assert_eq!(month(5, Rel::Tense, Tense::Future), "1999-05");
        assert_eq!(month(5, Rel::Tense, Tense::Unknown), "1999-05");
        assert_eq!(month(10, Rel::Tense, Tense::Unknown), "1998-10");
        assert_eq!(month(4, Rel::Last, Tense::Unknown), "1998-04");
        let season = |c, rel| Sem::Season(c, rel).value(a, Tense::Unknown).unwrap();
        assert_eq!(season("FA", Rel::Last), "1998-FA");
        assert_eq!(season("SU", Rel::This), "1999-SU");
        assert_eq!(season("WI", Rel::Last), "1999-WI");
    }

    #[test]
    fn holidays_land_on_their_days() {
        assert_eq!(holiday(Holiday::Thanksgiving, 1999), d(1999, 11, 25));
        assert_eq!(holiday(Holiday::ElectionDay, 1998), d(1998, 11, 3));
    }
}
