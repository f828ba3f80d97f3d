//! Events across articles: the reports of one event in the articles of a story are one
//! event, where GDELT keeps one record per article and per wording.

use readout_model::record::EventRecord;
use readout_model::{PloverType, TimeValue};

/// What decides whether two reports in one story are of the same event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventKey {
    /// PLOVER type.
    pub kind: PloverType,
    /// The actors' country and group codes, sources and targets together, sorted, once each.
    pub codes: Vec<String>,
    /// The date the text gives (not one taken from the publication date).
    pub date: Option<TimeValue>,
    /// Whether the reports deny it.
    pub negated: bool,
}

impl EventKey {
    /// The key of an article's event.
    pub fn of(event: &EventRecord) -> EventKey {
        let mut codes: Vec<String> = event
            .source
            .iter()
            .chain(&event.target)
            .filter_map(|a| a.code.clone())
            .collect();
        codes.sort_unstable();
        codes.dedup();
        // A date copied from the publication date says only when the article appeared.
        let date = event
            .date
            .as_ref()
            .filter(|d| d.basis != readout_model::TimeBasis::Published)
            .map(|d| d.value.clone());
        EventKey {
            kind: event.kind,
            codes,
            date,
            negated: event.negated,
        }
    }

    /// Whether two reports in one story are of one event: the same type, both asserted or
    /// both denied, the actors of one among the other's, and dates that do not differ (the
    /// same day, or one date inside the other: "2025-07" and "2025-07-03").
    pub fn same_event(&self, other: &EventKey) -> bool {
        if self.kind != other.kind || self.negated != other.negated {
            return false;
        }
        let within = |a: &[String], b: &[String]| a.iter().all(|c| b.contains(c));
        if !(within(&self.codes, &other.codes) || within(&other.codes, &self.codes)) {
            return false;
        }
        match (&self.date, &other.date) {
            (Some(a), Some(b)) => {
                let (a, b) = (a.without_clock(), b.without_clock());
                a.holds(&b) || b.holds(&a)
            }
            _ => true,
        }
    }

    /// The key the merged event keeps: the more actors, and a date the text gives.
    pub fn merge(&mut self, other: &EventKey) {
        if other.codes.len() > self.codes.len() {
            self.codes = other.codes.clone();
        }
        let longer = match (&self.date, &other.date) {
            (None, Some(_)) => true,
            (Some(a), Some(b)) => b.without_clock().precision() > a.without_clock().precision(),
            _ => false,
        };
        if longer {
            self.date = other.date.clone();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(kind: &str, codes: &[&str], date: Option<&str>) -> EventKey {
        EventKey {
            kind: kind.parse().unwrap(),
            codes: codes.iter().map(|c| c.to_string()).collect(),
            date: date.map(|d| d.parse().unwrap()),
            negated: false,
        }
    }

    #[test]
    fn one_call_in_three_wordings_is_one_event() {
        let a = key("CONSULT", &["RUS", "USA"], Some("2025-07-03"));
        let b = key("CONSULT", &["RUS", "USA"], Some("2025-07-03TMO"));
        let c = key("CONSULT", &["RUS"], None);
        assert!(a.same_event(&b));
        assert!(a.same_event(&c));
        assert!(c.same_event(&a));
    }

    #[test]
    fn other_types_actors_days_or_denials_are_other_events() {
        let a = key("CONSULT", &["RUS", "USA"], Some("2025-07-03"));
        assert!(!a.same_event(&key("ASSAULT", &["RUS", "USA"], Some("2025-07-03"))));
        assert!(!a.same_event(&key("CONSULT", &["RUS", "UKR"], Some("2025-07-03"))));
        assert!(!a.same_event(&key("CONSULT", &["RUS", "USA"], Some("2025-07-04"))));
        let mut denied = a.clone();
        denied.negated = true;
        assert!(!a.same_event(&denied));
    }

    #[test]
    fn dates_hold_by_their_parts_not_their_letters() {
        let a = key("CONSULT", &["RUS"], Some("2025-W2"));
        assert!(!a.same_event(&key("CONSULT", &["RUS"], Some("2025-W27"))));
        assert!(a.same_event(&key("CONSULT", &["RUS"], Some("2025-W2-WE"))));
        let decade = key("CONSULT", &["RUS"], Some("202"));
        assert!(decade.same_event(&key("CONSULT", &["RUS"], Some("2025-07-03T10:00"))));
    }

    #[test]
    fn the_merged_key_keeps_more_actors_and_the_finer_date() {
        let mut a = key("CONSULT", &["RUS"], Some("2025-07"));
        a.merge(&key("CONSULT", &["RUS", "USA"], Some("2025-07-03")));
        assert_eq!(a.codes, vec!["RUS", "USA"]);
        assert_eq!(a.date.clone().unwrap(), "2025-07-03");
        a.merge(&key("CONSULT", &["RUS"], None));
        assert_eq!(a.codes, vec!["RUS", "USA"]);
        assert_eq!(a.date.clone().unwrap(), "2025-07-03");
    }
}
