//! Publication dates as inputs write them.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use readout_model::Published;

use crate::{IngestError, Ingested, Location};

/// Parses a publication date that an input gives, pushing a warning to `out` when it
/// cannot be understood (a blank value is no date, not a problem).
pub(crate) fn published_or_warn(
    value: &str,
    at: &Location,
    out: &mut Vec<Ingested>,
) -> Option<Published> {
    let parsed = parse_published(value);
    if parsed.is_none() && !value.trim().is_empty() {
        out.push(Ingested::Problem(IngestError::Date {
            at: at.clone(),
            value: value.to_string(),
        }));
    }
    parsed
}

/// Parses a publication date in the forms feeds, HTML metadata, JSONL and people write:
/// RFC 3339 / ISO 8601 with or without time and offset, RFC 2822, `YYYY/MM/DD`, and
/// "July 3, 2025" / "3 July 2025". Returns `None` for anything else; nothing is guessed.
pub fn parse_published(value: &str) -> Option<Published> {
    let s = value.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
    let normalised = normalise_zone(s);
    let s = normalised.as_str();
    let with_offset = DateTime::parse_from_rfc3339(s)
        .or_else(|_| DateTime::parse_from_rfc2822(s))
        .ok()
        .or_else(|| {
            [
                "%Y-%m-%dT%H:%M:%S%.f%z",
                "%Y-%m-%dT%H:%M:%S%z",
                "%Y-%m-%dT%H:%M%z",
                "%Y-%m-%d %H:%M:%S%.f%z",
                "%Y-%m-%d %H:%M:%S %z",
                "%Y-%m-%d %H:%M %z",
                "%a %b %d %Y %H:%M:%S %z",
                "%B %d, %Y, %I:%M %p %z",
                "%B %d, %Y %I:%M %p %z",
                "%B %d, %Y %H:%M %z",
                "%b %d, %Y %I:%M %p %z",
            ]
            .iter()
            .find_map(|fmt| DateTime::parse_from_str(s, fmt).ok())
        });
    if let Some(dt) = with_offset {
        return Some(Published::datetime(
            dt.naive_local(),
            Some(dt.offset().local_minus_utc()),
        ));
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M:%S",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S",
        "%Y-%m-%d %H:%M",
        "%B %d, %Y %H:%M",
        "%B %d, %Y, %H:%M",
        "%B %d, %Y, %I:%M %p",
        "%B %d, %Y %I:%M %p",
        "%b %d, %Y %I:%M %p",
    ] {
        if let Ok(dt) = NaiveDateTime::parse_from_str(s, fmt) {
            return Some(Published::datetime(dt, None));
        }
    }
    for fmt in [
        "%Y-%m-%d",
        "%Y/%m/%d",
        "%Y%m%d",
        "%B %d, %Y",
        "%b %d, %Y",
        "%b. %d, %Y",
        "%d %B %Y",
        "%d %b %Y",
    ] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(Published::date(d));
        }
    }
    None
}

/// Rewrites the time-zone notations of web pages into a numeric offset that `%z` reads:
/// a JavaScript `Date` string's `GMT+0000 (UTC)`, a trailing `GMT`/`UTC`/`Z`, and the
/// North American and European zone abbreviations news sites print (`EST`, `CEST`).
fn normalise_zone(s: &str) -> String {
    let mut s = s.trim().to_string();
    if s.ends_with(')') {
        if let Some(open) = s.rfind(" (") {
            s.truncate(open);
        }
    }
    for (name, offset) in [
        ("GMT", "+0000"),
        ("UTC", "+0000"),
        ("EST", "-0500"),
        ("EDT", "-0400"),
        ("CST", "-0600"),
        ("CDT", "-0500"),
        ("MST", "-0700"),
        ("MDT", "-0600"),
        ("PST", "-0800"),
        ("PDT", "-0700"),
        ("BST", "+0100"),
        ("CET", "+0100"),
        ("CEST", "+0200"),
        ("EET", "+0200"),
        ("EEST", "+0300"),
        ("MSK", "+0300"),
    ] {
        if let Some(head) = s.strip_suffix(name) {
            if head.ends_with(' ') {
                return format!("{head}{offset}");
            }
        }
        // "GMT+0000" and "UTC+01:00" are offsets written after the zone's name.
        if let Some(pos) = s
            .rfind(&format!(" {name}+"))
            .or_else(|| s.rfind(&format!(" {name}-")))
        {
            let offset_part = &s[pos + 1 + name.len()..];
            return format!("{} {}", &s[..pos], offset_part.replace(':', ""));
        }
    }
    // "2019-11-20T10:43Z": RFC 3339 needs seconds, so spell the zone as an offset.
    if let Some(head) = s.strip_suffix('Z') {
        if head.ends_with(|c: char| c.is_ascii_digit()) {
            return format!("{head}+0000");
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        let cases = [
            ("2025-07-03", "2025-07-03"),
            ("2025-07-03T10:00:00+03:00", "2025-07-03T10:00:00+03:00"),
            ("2025-07-03T07:00:00Z", "2025-07-03T07:00:00+00:00"),
            (
                "2025-07-03T10:00:00.250-04:00",
                "2025-07-03T10:00:00.250-04:00",
            ),
            ("2025-07-03 10:00:00", "2025-07-03T10:00:00"),
            (
                "Thu, 03 Jul 2025 10:00:00 +0300",
                "2025-07-03T10:00:00+03:00",
            ),
            ("2025/07/03", "2025-07-03"),
            ("July 3, 2025", "2025-07-03"),
            ("3 July 2025", "2025-07-03"),
            ("  2016-02-29 ", "2016-02-29"),
            (
                "November 19, 2019, 07:47 PM EST",
                "2019-11-19T19:47:00-05:00",
            ),
            ("November 20, 2019 13:42", "2019-11-20T13:42:00"),
            (
                "Wed Nov 20 2019 09:28:00 GMT+0000 (UTC)",
                "2019-11-20T09:28:00+00:00",
            ),
            (
                "Tue Nov 19 2019 03:05:46 GMT+0000",
                "2019-11-19T03:05:46+00:00",
            ),
            ("2019-11-18 17:19:53 GMT", "2019-11-18T17:19:53+00:00"),
            ("2019-11-20T10:43Z", "2019-11-20T10:43:00+00:00"),
            ("2024-03-05 09:00 CEST", "2024-03-05T09:00:00+02:00"),
        ];
        for (input, want) in cases {
            let got = parse_published(input).map(|p| p.iso());
            assert_eq!(got.as_deref(), Some(want), "input {input:?}");
        }
    }

    #[test]
    fn rejects_what_is_not_a_date() {
        for input in [
            "",
            "yesterday",
            "2025-02-30",
            "Thursday",
            "12345678901234567890",
        ] {
            assert_eq!(parse_published(input), None, "input {input:?}");
        }
    }
}
