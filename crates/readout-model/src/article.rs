use chrono::{FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};
use serde::{Deserialize, Serialize};

use crate::SourceMap;

/// The input formats readout reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum InputFormat {
    /// Plain text: one file or standard input, possibly several reports in a row.
    Text,
    /// One JSON object a line, with at least a `text` field.
    Jsonl,
    /// One HTML page.
    Html,
    /// An RSS 2.0, RSS 1.0, Atom or JSON Feed document.
    Feed,
    /// A WARC file, plain or gzipped.
    Warc,
}

impl InputFormat {
    /// The lower-case name used on the command line and in the record.
    pub fn name(self) -> &'static str {
        match self {
            InputFormat::Text => "text",
            InputFormat::Jsonl => "jsonl",
            InputFormat::Html => "html",
            InputFormat::Feed => "feed",
            InputFormat::Warc => "warc",
        }
    }
}

/// When an article was published, as precisely as its source says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Published {
    /// The calendar date, in the publisher's time zone when it is known.
    pub date: NaiveDate,
    /// The local time of day, when the source gives one.
    pub time: Option<NaiveTime>,
    /// The offset from UTC in seconds, when the source gives one.
    pub utc_offset_seconds: Option<i32>,
}

impl Published {
    /// A date with no time of day.
    pub fn date(date: NaiveDate) -> Self {
        Published {
            date,
            time: None,
            utc_offset_seconds: None,
        }
    }

    /// A local date and time with an optional UTC offset.
    pub fn datetime(datetime: NaiveDateTime, utc_offset_seconds: Option<i32>) -> Self {
        Published {
            date: datetime.date(),
            time: Some(datetime.time()),
            utc_offset_seconds,
        }
    }

    /// ISO 8601: `2025-07-03`, `2025-07-03T10:00:00` or `2025-07-03T10:00:00+03:00`.
    pub fn iso(&self) -> String {
        match (self.time, self.utc_offset_seconds) {
            (None, _) => self.date.format("%Y-%m-%d").to_string(),
            (Some(t), None) => self
                .date
                .and_time(t)
                .format("%Y-%m-%dT%H:%M:%S")
                .to_string(),
            (Some(t), Some(off)) => match FixedOffset::east_opt(off) {
                Some(tz) => match tz.from_local_datetime(&self.date.and_time(t)).single() {
                    Some(dt) => dt.to_rfc3339(),
                    None => self
                        .date
                        .and_time(t)
                        .format("%Y-%m-%dT%H:%M:%S")
                        .to_string(),
                },
                None => self
                    .date
                    .and_time(t)
                    .format("%Y-%m-%dT%H:%M:%S")
                    .to_string(),
            },
        }
    }
}

/// A dateline: the place (and sometimes agency and date) that opens a report, as in
/// "MOSCOW (Reuters) -" or "Moscow:". It is removed from the article text and kept here.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Dateline {
    /// The dateline as it stands in the input, separator included ("Moscow:").
    pub text: String,
    /// The place it names ("Moscow").
    pub place: String,
    /// The agency it names, if any ("Reuters").
    pub agency: Option<String>,
    /// The date it names, as written, if any ("Jan 5").
    pub date: Option<String>,
    /// Byte offsets of [`Dateline::text`] in the raw input, when known.
    pub raw_start: Option<usize>,
    /// One past the last byte of [`Dateline::text`] in the raw input, when known.
    pub raw_end: Option<usize>,
}

/// Where an article came from in the input, for messages and for going back to it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema)]
pub struct Origin {
    /// The input file, or `-` for standard input.
    pub path: String,
    /// The format it was read as.
    pub format: Option<InputFormat>,
    /// One-based line of the input where the article starts, for line-based formats.
    pub line: Option<u64>,
    /// Byte offset in the input where the article starts.
    pub byte_offset: Option<u64>,
    /// Zero-based index of the article among those its input yielded.
    pub index: u64,
}

/// One article: the unit every stage works on.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Article {
    /// Stable identifier: a hash of the title and text, so the same content read twice, from
    /// whatever input, gets the same id.
    pub id: String,
    /// The identifier the input gave the article, if any (a JSONL `id`, a feed item's guid,
    /// a WARC record id).
    pub external_id: Option<String>,
    /// The outlet: a name or a host name.
    pub source: Option<String>,
    /// The article's URL.
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The author line.
    pub byline: Option<String>,
    /// The publication date and time.
    pub published: Option<Published>,
    /// Whether [`Article::published`] is only the capture date of a web archive record.
    pub published_is_crawl_date: bool,
    /// The language as a BCP 47 tag ("en"), given by the input or detected.
    pub language: Option<String>,
    /// The dateline that opened the text, removed from it.
    pub dateline: Option<Dateline>,
    /// The article body: every span of the record indexes into it.
    pub text: String,
    /// Where the article came from.
    pub origin: Origin,
    /// Text offsets back to raw input bytes, when the text was taken from a larger input
    /// (a plain-text page holding several reports, an HTML page, a WARC record).
    pub source_map: Option<SourceMap>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_iso_forms() {
        let d = NaiveDate::from_ymd_opt(2025, 7, 3).unwrap();
        assert_eq!(Published::date(d).iso(), "2025-07-03");
        let dt = d.and_hms_opt(10, 0, 0).unwrap();
        assert_eq!(Published::datetime(dt, None).iso(), "2025-07-03T10:00:00");
        assert_eq!(
            Published::datetime(dt, Some(3 * 3600)).iso(),
            "2025-07-03T10:00:00+03:00"
        );
        assert_eq!(
            Published::datetime(dt, Some(0)).iso(),
            "2025-07-03T10:00:00+00:00"
        );
    }
}
