//! Datelines: the place (and sometimes date and agency) that opens a news report.

use std::sync::OnceLock;

use regex::Regex;

/// A dateline found at the start of a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Found {
    /// Bytes `0..end` of the text are the dateline with its separator and the white space
    /// after it; the report proper starts at `end`.
    pub end: usize,
    /// The dateline as written, separator included, trailing space excluded.
    pub text_end: usize,
    /// The place.
    pub place: String,
    /// The agency in brackets, if any.
    pub agency: Option<String>,
    /// The date as written, if any.
    pub date: Option<String>,
}

const MONTH: &str = r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}";

/// Speaker turns of an interview transcript: "… ? Anna Berg: …".
fn speaker_turn() -> &'static Regex {
    static P: OnceLock<Regex> = OnceLock::new();
    P.get_or_init(|| {
        Regex::new(r#"[.?!"”]\s+\p{Lu}[\p{L}.'’\-]+(?: \p{Lu}[\p{L}.'’\-]+){0,3}:\s"#)
            .expect("speaker turn pattern")
    })
}

fn patterns() -> &'static [Regex; 3] {
    static P: OnceLock<[Regex; 3]> = OnceLock::new();
    P.get_or_init(|| {
        // The regex crate has no look-ahead, so the first character of the report proper
        // is captured and the dateline ends where it starts.
        let next = r#"(?P<next>[\p{Lu}\d"“‘'(])"#;
        [
            // "WASHINGTON (Reuters) - ", "LONDON, Jan 5 (Reuters) - ", "KYIV, Ukraine (AP) — ".
            Regex::new(&format!(
                r"^(?P<place>\p{{Lu}}[\p{{L}}.'’\- ]{{1,40}}?(?:, \p{{Lu}}[\p{{L}}.\- ]{{1,30}}?)?)(?:,\s+(?P<date>{MONTH}))?\s+\((?P<agency>[\p{{L}}][\p{{L}}&.\- ]{{0,40}})\)\s*(?:--?|–|—|:)\s+{next}"
            ))
            .expect("agency dateline pattern"),
            // "BEIJING — ", "NEW YORK, March 3 -- ", "SAN JUAN, Puerto Rico — ".
            Regex::new(&format!(
                r"^(?P<place>\p{{Lu}}[\p{{Lu}}.'’\-]+(?: \p{{Lu}}[\p{{Lu}}.'’\-]+){{0,3}}(?:, \p{{Lu}}[\p{{L}}.]+(?: \p{{Lu}}[\p{{L}}.]+){{0,2}})?)(?:,\s+(?P<date>{MONTH}))?\s*(?:--?|–|—)\s+{next}"
            ))
            .expect("capitals dateline pattern"),
            // "Moscow: ", "Kuala Lumpur — ", "Rio de Janeiro, May 4 – ".
            Regex::new(&format!(
                r"^(?P<place>\p{{Lu}}\p{{Ll}}+(?:[ \-](?:de|da|do|del|la|el|al|upon|on)?[ ]?\p{{Lu}}\p{{Ll}}+){{0,2}})(?:,\s+(?P<date>{MONTH}))?\s*(?::|—|–| --? )\s*{next}"
            ))
            .expect("place dateline pattern"),
        ]
    })
}

/// Words that open a text followed by a colon or dash but are labels, not places.
const NOT_PLACES: &[&str] = &[
    "update",
    "updated",
    "note",
    "editor",
    "editors",
    "breaking",
    "exclusive",
    "analysis",
    "opinion",
    "watch",
    "video",
    "photo",
    "photos",
    "read",
    "listen",
    "live",
    "correction",
    "summary",
    "background",
    "comment",
    "commentary",
    "explainer",
    "factbox",
    "interview",
    "review",
    "warning",
    "advertisement",
    "source",
    "sources",
    "related",
    "click",
    "share",
    "also",
    "see",
    "more",
    "today",
    "yesterday",
    "tomorrow",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "question",
    "answer",
    "q",
    "a",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "this",
    "that",
    "there",
    "here",
    "but",
    "and",
    "so",
    "meanwhile",
    "however",
    "first",
    "second",
    "third",
    "finally",
    "reporting",
    "writing",
    "editing",
    "by",
    "in",
    "on",
    "at",
    "the",
    // Credit labels of features and interviews.
    "filmmaker",
    "director",
    "producer",
    "author",
    "writer",
    "photographer",
    "reporter",
    "correspondent",
    "presenter",
    "host",
    "interviewer",
    "moderator",
    "narrator",
    "credit",
    "credits",
    "caption",
    "guest",
    "speaker",
];

/// Finds a dateline at the start of `text`. The rule is general: a short place name (all
/// capitals with a dash, colon or bracketed agency; or capitalised words with a colon or
/// dash) followed by the start of a sentence.
pub fn find(text: &str) -> Option<Found> {
    let mut cut = text.len().min(160);
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    let head = &text[..cut];
    for re in patterns() {
        let Some(caps) = re.captures(head) else {
            continue;
        };
        let place = caps.name("place")?.as_str().trim();
        let first_word = place
            .split([' ', ',', '-'])
            .next()
            .unwrap_or("")
            .to_lowercase();
        if NOT_PLACES.contains(&first_word.as_str()) {
            continue;
        }
        let end = caps.name("next")?.start();
        // "DW: question? Anna Berg: answer" is an interview, not a report from "DW".
        if head[..end].trim_end().ends_with(':') {
            let mut cut = text.len().min(end + 3000);
            while !text.is_char_boundary(cut) {
                cut -= 1;
            }
            if speaker_turn().is_match(&text[end..cut]) {
                return None;
            }
        }
        let text_end = head[..end].trim_end().len();
        return Some(Found {
            end,
            text_end,
            place: place.to_string(),
            agency: caps.name("agency").map(|m| m.as_str().trim().to_string()),
            date: caps.name("date").map(|m| m.as_str().to_string()),
        });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, place: &str, agency: Option<&str>, date: Option<&str>, rest: &str) {
        let found = find(text).unwrap_or_else(|| panic!("no dateline in {text:?}"));
        assert_eq!(found.place, place, "{text:?}");
        assert_eq!(found.agency.as_deref(), agency, "{text:?}");
        assert_eq!(found.date.as_deref(), date, "{text:?}");
        assert_eq!(&text[found.end..], rest, "{text:?}");
    }

    #[test]
    fn datelines_are_found() {
        check(
            "WASHINGTON (Reuters) - The Senate voted.",
            "WASHINGTON",
            Some("Reuters"),
            None,
            "The Senate voted.",
        );
        check(
            "LONDON, Jan 5 (Reuters) - Shares fell.",
            "LONDON",
            Some("Reuters"),
            Some("Jan 5"),
            "Shares fell.",
        );
        check(
            "KYIV, Ukraine (AP) — Drones struck.",
            "KYIV, Ukraine",
            Some("AP"),
            None,
            "Drones struck.",
        );
        check(
            "BEIJING — China said on Monday.",
            "BEIJING",
            None,
            None,
            "China said on Monday.",
        );
        check(
            "NEW YORK, March 3 -- Stocks rose.",
            "NEW YORK",
            None,
            Some("March 3"),
            "Stocks rose.",
        );
        check(
            "Nairobi: Kenya's parliament met.",
            "Nairobi",
            None,
            None,
            "Kenya's parliament met.",
        );
        check(
            "Kuala Lumpur — Officials said.",
            "Kuala Lumpur",
            None,
            None,
            "Officials said.",
        );
        check(
            "Rio de Janeiro: Floods hit the city.",
            "Rio de Janeiro",
            None,
            None,
            "Floods hit the city.",
        );
        check(
            "Ankara (AFP) - \"We will respond,\" he said.",
            "Ankara",
            Some("AFP"),
            None,
            "\"We will respond,\" he said.",
        );
    }

    #[test]
    fn labels_and_ordinary_sentences_are_not_datelines() {
        for text in [
            "Update: The story was corrected.",
            "Analysis: Why markets fell.",
            "The minister said: We will act.",
            "Prime Minister Lena Holt said on Tuesday that talks would resume.",
            "Thursday: Leaders meet.",
            "In a statement: nothing.",
            "moscow: lower case is not a dateline.",
            "TV: Channels went dark.",
            "Radio Free: What did you see? Anna Berg: Smoke, mostly.",
            "Paris is the capital.",
        ] {
            assert_eq!(find(text), None, "{text:?}");
        }
    }
}
