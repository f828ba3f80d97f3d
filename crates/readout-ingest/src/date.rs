//! Publication dates as inputs write them.

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use readout_model::Published;

/// Parses a publication date in the forms feeds, HTML metadata, JSONL and people write:
/// RFC 3339 / ISO 8601 with or without time and offset, RFC 2822, `YYYY/MM/DD`, and
/// "July 3, 2025" / "3 July 2025". Returns `None` for anything else; nothing is guessed.
pub fn parse_published(value: &str) -> Option<Published> {
    let s = value.trim();
    if s.is_empty() || s.len() > 64 {
        return None;
    }
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
