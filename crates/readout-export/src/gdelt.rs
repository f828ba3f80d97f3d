//! GDELT 2.0: the Events table (61 tab-separated columns, in GDELT's order) with one row per
//! event across articles, and the Mentions table (16 columns) with one row per article that
//! reports it. `docs/export.md` gives the mapping of every column; the columns readout has
//! nothing for (tone, the Goldstein scale, geography, religion and ethnicity codes) are left
//! empty rather than guessed.

use std::path::Path;

use readout_store::{MentionRow, Store, StoryEventRow};

use crate::{ExportError, Out, Staging, Written};

/// The Events table's columns, in order (GDELT 2.0 Event Codebook).
pub const EVENT_COLUMNS: [&str; 61] = [
    "GLOBALEVENTID",
    "SQLDATE",
    "MonthYear",
    "Year",
    "FractionDate",
    "Actor1Code",
    "Actor1Name",
    "Actor1CountryCode",
    "Actor1KnownGroupCode",
    "Actor1EthnicCode",
    "Actor1Religion1Code",
    "Actor1Religion2Code",
    "Actor1Type1Code",
    "Actor1Type2Code",
    "Actor1Type3Code",
    "Actor2Code",
    "Actor2Name",
    "Actor2CountryCode",
    "Actor2KnownGroupCode",
    "Actor2EthnicCode",
    "Actor2Religion1Code",
    "Actor2Religion2Code",
    "Actor2Type1Code",
    "Actor2Type2Code",
    "Actor2Type3Code",
    "IsRootEvent",
    "EventCode",
    "EventBaseCode",
    "EventRootCode",
    "QuadClass",
    "GoldsteinScale",
    "NumMentions",
    "NumSources",
    "NumArticles",
    "AvgTone",
    "Actor1Geo_Type",
    "Actor1Geo_FullName",
    "Actor1Geo_CountryCode",
    "Actor1Geo_ADM1Code",
    "Actor1Geo_ADM2Code",
    "Actor1Geo_Lat",
    "Actor1Geo_Long",
    "Actor1Geo_FeatureID",
    "Actor2Geo_Type",
    "Actor2Geo_FullName",
    "Actor2Geo_CountryCode",
    "Actor2Geo_ADM1Code",
    "Actor2Geo_ADM2Code",
    "Actor2Geo_Lat",
    "Actor2Geo_Long",
    "Actor2Geo_FeatureID",
    "ActionGeo_Type",
    "ActionGeo_FullName",
    "ActionGeo_CountryCode",
    "ActionGeo_ADM1Code",
    "ActionGeo_ADM2Code",
    "ActionGeo_Lat",
    "ActionGeo_Long",
    "ActionGeo_FeatureID",
    "DATEADDED",
    "SOURCEURL",
];

/// The Mentions table's columns, in order (GDELT 2.0 Mentions Codebook).
pub const MENTION_COLUMNS: [&str; 16] = [
    "GLOBALEVENTID",
    "EventTimeDate",
    "MentionTimeDate",
    "MentionType",
    "MentionSourceName",
    "MentionIdentifier",
    "SentenceID",
    "Actor1CharOffset",
    "Actor2CharOffset",
    "ActionCharOffset",
    "InRawText",
    "Confidence",
    "MentionDocLen",
    "MentionDocTone",
    "MentionDocTranslationInfo",
    "Extras",
];

/// Codes of actors that are not countries: they go to the known-group column.
const GROUPS: &[&str] = &[
    "IGO", "NGO", "MNC", "UNO", "EUR", "NAT", "AFR", "ASA", "MEA",
];

/// Writes `gdelt.events.tsv` and `gdelt.mentions.tsv` (no header line, as GDELT's files).
pub(crate) fn export(store: &Store, staging: &mut Staging) -> Result<Written, ExportError> {
    let mut events = Out::create(staging, "gdelt.events.tsv")?;
    let mut mentions = Out::create(staging, "gdelt.mentions.tsv")?;
    store.each_story_event(|e| {
        events.line(&event_row(&e).join("\t"))?;
        for m in &e.mentions {
            mentions.line(&mention_row(&e, m).join("\t"))?;
        }
        Ok::<(), ExportError>(())
    })?;
    Ok(Written {
        files: vec![events.finish()?, mentions.finish()?],
    })
}

/// A field: tabs and line breaks would break the row.
fn field(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

/// `YYYYMMDDHHMMSS` of an ISO 8601 date or date-time.
fn timestamp(iso: Option<&str>) -> String {
    let Some(iso) = iso else {
        return String::new();
    };
    let digits: String = iso
        .split(['+', 'Z'])
        .next()
        .unwrap_or(iso)
        .chars()
        .filter(char::is_ascii_digit)
        .take(14)
        .collect();
    if digits.len() < 8 {
        return String::new();
    }
    format!("{digits:0<14}")
}

/// An actor's six columns before the religion codes and the types: code, name, country
/// code, known group code, ethnic code — from the first of the event's sources or targets.
fn actor(codes: &str, names: &str) -> [String; 10] {
    let code = codes.split_whitespace().next().unwrap_or("").to_string();
    let name = names.split("; ").next().unwrap_or("").trim().to_uppercase();
    let group = GROUPS.contains(&code.as_str());
    let country = if group || code.is_empty() {
        String::new()
    } else {
        code.clone()
    };
    let known = if group { code.clone() } else { String::new() };
    [
        code,
        field(&name),
        country,
        known,
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
    ]
}

/// One row of the Events table.
pub fn event_row(e: &StoryEventRow) -> Vec<String> {
    let mut row: Vec<String> = Vec::with_capacity(61);
    row.push(e.id.to_string());
    match crate::event_day(e) {
        Some(crate::EventDay {
            year: y,
            month: m,
            day: d,
            ..
        }) => {
            row.push(format!("{y:04}{m:02}{d:02}"));
            row.push(format!("{y:04}{m:02}"));
            row.push(format!("{y:04}"));
            // GDELT: the year plus the day of the year over 365, four decimals.
            let day_of_year = (m - 1) * 30 + d;
            row.push(format!("{:.4}", y as f64 + day_of_year as f64 / 365.0));
        }
        None => row.extend(std::iter::repeat_n(String::new(), 4)),
    }
    row.extend(actor(&e.source_codes, &e.source_names));
    row.extend(actor(&e.target_codes, &e.target_names));
    // The event is a root event when a report of it is in an article's first sentence.
    let root = e.mentions.iter().any(|m| m.sentence == 0);
    row.push(if root { "1" } else { "0" }.to_string());
    row.push(e.cameo.to_string());
    row.push(e.cameo.prefix(3).to_string());
    row.push(e.cameo.root_code().to_string());
    row.push(e.cameo.quad_class().number().to_string());
    row.push(String::new()); // GoldsteinScale: no licensed table at hand.
    let reports: i64 = e.mentions.iter().map(|m| m.reports).sum();
    row.push(reports.to_string());
    row.push(e.sources.to_string());
    row.push(e.articles.to_string());
    row.push(String::new()); // AvgTone: readout measures no tone.
    row.extend(std::iter::repeat_n(String::new(), 24)); // Geography: not resolved.
    row.push(timestamp(e.first_seen.as_deref()));
    let first = e.mentions.first();
    row.push(field(
        first
            .and_then(|m| m.url.clone().or_else(|| Some(m.article_id.clone())))
            .as_deref()
            .unwrap_or(""),
    ));
    row
}

/// One row of the Mentions table.
pub fn mention_row(e: &StoryEventRow, m: &MentionRow) -> Vec<String> {
    let event_time = match crate::event_day(e) {
        Some(d) => format!("{:04}{:02}{:02}000000", d.year, d.month, d.day),
        None => String::new(),
    };
    vec![
        e.id.to_string(),
        event_time,
        timestamp(m.published.as_deref()),
        // 1: web, the only kind readout reads.
        "1".to_string(),
        field(m.outlet.as_deref().unwrap_or("")),
        field(m.url.as_deref().unwrap_or(&m.article_id)),
        // GDELT counts sentences from 1.
        (m.sentence + 1).to_string(),
        "-1".to_string(),
        "-1".to_string(),
        m.trigger_start.to_string(),
        "1".to_string(),
        ((m.confidence * 100.0).round() as i64).to_string(),
        m.doc_len.to_string(),
        String::new(),
        String::new(),
        String::new(),
    ]
}

/// The rows of a file this module wrote, each checked to have `columns` fields.
pub fn read(path: &Path, columns: usize) -> Result<Vec<Vec<String>>, ExportError> {
    let text = std::fs::read_to_string(path).map_err(|source| ExportError::Io {
        path: path.display().to_string(),
        source,
    })?;
    text.lines()
        .enumerate()
        .map(|(i, line)| {
            let row: Vec<String> = line.split('\t').map(str::to_string).collect();
            if row.len() == columns {
                Ok(row)
            } else {
                Err(ExportError::Format {
                    path: path.display().to_string(),
                    message: format!("line {}: {} fields, not {columns}", i + 1, row.len()),
                })
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call() -> StoryEventRow {
        StoryEventRow {
            id: 7,
            story_id: 0,
            kind: "CONSULT".parse().unwrap(),
            mode: None,
            cameo: "041".parse().unwrap(),
            source_codes: "RUS".into(),
            target_codes: "USA".into(),
            source_names: "Vladimir Putin".into(),
            target_names: "Donald Trump".into(),
            negated: false,
            modality: Some("asserted".into()),
            date: "2025-07-03".parse().ok(),
            articles: 3,
            sources: 2,
            first_seen: Some("2025-07-03T18:20:00+00:00".into()),
            last_seen: Some("2025-07-04".into()),
            mentions: vec![MentionRow {
                article_id: "abc".into(),
                outlet: Some("example.com".into()),
                published: Some("2025-07-03T18:20:00+00:00".into()),
                url: Some("https://example.com/a".into()),
                event: "v1".into(),
                sentence: 0,
                trigger_start: 31,
                trigger_end: 36,
                trigger: "phone".into(),
                confidence: 0.9,
                reports: 4,
                doc_len: 2000,
            }],
        }
    }

    #[test]
    fn an_event_fills_gdelt_columns_by_name() {
        let row = event_row(&call());
        assert_eq!(row.len(), EVENT_COLUMNS.len());
        let col = |name: &str| &row[EVENT_COLUMNS.iter().position(|c| *c == name).unwrap()];
        assert_eq!(col("SQLDATE"), "20250703");
        assert_eq!(col("MonthYear"), "202507");
        assert_eq!(col("Actor1Code"), "RUS");
        assert_eq!(col("Actor1Name"), "VLADIMIR PUTIN");
        assert_eq!(col("Actor2CountryCode"), "USA");
        assert_eq!(col("EventCode"), "041");
        assert_eq!(col("EventBaseCode"), "041");
        assert_eq!(col("EventRootCode"), "04");
        assert_eq!(col("QuadClass"), "1");
        assert_eq!(col("IsRootEvent"), "1");
        assert_eq!(col("NumMentions"), "4");
        assert_eq!(col("NumSources"), "2");
        assert_eq!(col("NumArticles"), "3");
        assert_eq!(col("DATEADDED"), "20250703182000");
        assert_eq!(col("SOURCEURL"), "https://example.com/a");
        assert_eq!(col("GoldsteinScale"), "");
    }

    #[test]
    fn a_mention_fills_gdelt_columns_by_name() {
        let e = call();
        let row = mention_row(&e, &e.mentions[0]);
        assert_eq!(row.len(), MENTION_COLUMNS.len());
        let col = |name: &str| &row[MENTION_COLUMNS.iter().position(|c| *c == name).unwrap()];
        assert_eq!(col("GLOBALEVENTID"), "7");
        assert_eq!(col("EventTimeDate"), "20250703000000");
        assert_eq!(col("MentionTimeDate"), "20250703182000");
        assert_eq!(col("SentenceID"), "1");
        assert_eq!(col("ActionCharOffset"), "31");
        assert_eq!(col("Confidence"), "90");
        assert_eq!(col("MentionSourceName"), "example.com");
    }

    #[test]
    fn groups_are_not_countries_and_quad_classes_follow_the_root() {
        let a = actor("IGO", "United Nations");
        assert_eq!(
            (a[0].as_str(), a[2].as_str(), a[3].as_str()),
            ("IGO", "", "IGO")
        );
        let mut e = call();
        for (cameo, base, root, quad) in [
            ("190", "190", "19", "4"),
            ("1122", "112", "11", "3"),
            ("07", "07", "07", "2"),
        ] {
            e.cameo = cameo.parse().unwrap();
            let row = event_row(&e);
            let col =
                |name: &str| row[EVENT_COLUMNS.iter().position(|c| *c == name).unwrap()].clone();
            assert_eq!(
                (
                    col("EventCode"),
                    col("EventBaseCode"),
                    col("EventRootCode"),
                    col("QuadClass")
                ),
                (
                    cameo.to_string(),
                    base.to_string(),
                    root.to_string(),
                    quad.to_string()
                )
            );
        }
    }
}
