//! Persons of the Phoenix actor dictionaries with their dated codes, for a person the
//! article names without a role phrase ("Vladimir Putin said").
//!
//! The table (`data/persons.tsv`, built by `tools/actors/build.py`, MIT, Open Event Data
//! Alliance) holds one person a line: name keys, then codes `COUNTRY:SECTOR:FROM:UNTIL`.
//! [`Persons::code_on`] picks the code in force on a day:
//!
//! * with a date: the range that holds it (the latest begun when several do); else the
//!   default code (one without dates); else the country of the range nearest in time,
//!   without a sector (a person keeps a nationality after an office ends, not the office);
//! * without a date: the open range in force to this day (`>DATE`), the latest begun; else
//!   the default code; else the range that ended last.

use std::collections::HashMap;
use std::sync::OnceLock;

use chrono::NaiveDate;
use readout_model::ActorCode;

use crate::EntityError;

static EMBEDDED: &str = include_str!("../data/persons.tsv");

/// One dated code of a person.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Dated {
    country: Option<String>,
    sector: Option<String>,
    from: Option<NaiveDate>,
    until: Option<NaiveDate>,
}

impl Dated {
    fn is_default(&self) -> bool {
        self.from.is_none() && self.until.is_none()
    }

    fn holds(&self, day: NaiveDate) -> bool {
        !self.is_default()
            && self.from.is_none_or(|f| f <= day)
            && self.until.is_none_or(|u| day <= u)
    }

    fn code(&self) -> ActorCode {
        ActorCode {
            country: self.country.clone(),
            sector: self.sector.clone(),
        }
    }

    /// Days between the range and `day` (0 inside it).
    fn distance(&self, day: NaiveDate) -> i64 {
        let before = self.from.map_or(0, |f| (f - day).num_days().max(0));
        let after = self.until.map_or(0, |u| (day - u).num_days().max(0));
        before.max(after)
    }
}

/// The person table: name keys and each person's dated codes.
#[derive(Debug, Default)]
pub struct Persons {
    keys: HashMap<String, u32>,
    codes: Vec<Vec<Dated>>,
}

impl Persons {
    /// The table compiled into the binary, parsed once per process.
    pub fn embedded() -> &'static Persons {
        static CELL: OnceLock<Persons> = OnceLock::new();
        // The committed table is checked by this crate's tests, so a failure here is a
        // build defect, not bad input.
        CELL.get_or_init(|| Persons::parse(EMBEDDED).expect("the embedded person table parses"))
    }

    /// Reads a table in the format of `data/persons.tsv` (`tools/actors/README.md`).
    pub fn parse(text: &str) -> Result<Persons, EntityError> {
        let mut persons = Persons::default();
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let bad = |message: String| EntityError::Resource {
                resource: "persons".into(),
                line: i + 1,
                message,
            };
            let (names, codes) = line
                .split_once('\t')
                .ok_or_else(|| bad("no tab between names and codes".into()))?;
            let mut dated = Vec::new();
            for code in codes.split_whitespace() {
                let parts: Vec<&str> = code.split(':').collect();
                let [country, sector, from, until] = parts[..] else {
                    return Err(bad(format!("{code}: not COUNTRY:SECTOR:FROM:UNTIL")));
                };
                let date = |s: &str| {
                    if s.is_empty() {
                        Ok(None)
                    } else {
                        NaiveDate::parse_from_str(s, "%Y-%m-%d")
                            .map(Some)
                            .map_err(|e| bad(format!("{code}: {s}: {e}")))
                    }
                };
                let text = |s: &str| (!s.is_empty()).then(|| s.to_string());
                dated.push(Dated {
                    country: text(country),
                    sector: text(sector),
                    from: date(from)?,
                    until: date(until)?,
                });
            }
            if dated.is_empty() {
                return Err(bad("no codes".into()));
            }
            let index = persons.codes.len() as u32;
            persons.codes.push(dated);
            for name in names.split('|') {
                if persons.keys.insert(key(name), index).is_some() {
                    return Err(bad(format!("{name}: listed twice")));
                }
            }
        }
        Ok(persons)
    }

    /// How many persons the table holds.
    pub fn len(&self) -> usize {
        self.codes.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.codes.is_empty()
    }

    /// The code of the person named `name` (as the article writes it; [`key`] folds it) in
    /// force on `day`, or with no day as the module documentation says; `None` when the
    /// table does not know the name.
    pub fn code_on(&self, name: &str, day: Option<NaiveDate>) -> Option<ActorCode> {
        let dated = &self.codes[*self.keys.get(&key(name))? as usize];
        let default = dated.iter().find(|d| d.is_default());
        let code = match day {
            Some(day) => {
                if let Some(d) = dated.iter().filter(|d| d.holds(day)).max_by_key(|d| d.from) {
                    d.code()
                } else if let Some(d) = default {
                    d.code()
                } else {
                    let near = dated.iter().min_by_key(|d| d.distance(day))?;
                    ActorCode {
                        country: near.country.clone(),
                        sector: None,
                    }
                }
            }
            None => dated
                .iter()
                .filter(|d| d.from.is_some() && d.until.is_none())
                .max_by_key(|d| d.from)
                .or(default)
                .or_else(|| dated.iter().max_by_key(|d| (d.until, d.from)))?
                .code(),
        };
        (code.country.is_some() || code.sector.is_some()).then_some(code)
    }
}

/// The form names are compared in: lower case, accents folded to ASCII letters, full stops
/// dropped, one space between words (hyphens kept: "Ban Ki-moon" is `ban ki-moon`).
pub fn key(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for word in name.split_whitespace() {
        let mut w = String::with_capacity(word.len());
        for c in word.chars() {
            if c == '.' {
                continue;
            }
            for l in c.to_lowercase() {
                match fold(l) {
                    Some(s) => w.push_str(s),
                    None => w.push(l),
                }
            }
        }
        if !w.is_empty() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&w);
        }
    }
    out
}

/// The ASCII letters of a lower-case Latin letter with a diacritic, as Unicode's
/// decomposition gives them (the build script folds the dictionary the same way).
fn fold(c: char) -> Option<&'static str> {
    Some(match c {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'ď' => "d",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'ĥ' => "h",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' => "i",
        'ĵ' => "j",
        'ķ' => "k",
        'ĺ' | 'ļ' | 'ľ' => "l",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ō' | 'ŏ' | 'ő' => "o",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' => "s",
        'ţ' | 'ť' | 'ț' => "t",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'ŵ' => "w",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'ź' | 'ż' | 'ž' => "z",
        '’' => "'",
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Option<NaiveDate> {
        Some(NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap())
    }

    fn code(p: &Persons, name: &str, on: Option<NaiveDate>) -> Option<(String, String)> {
        p.code_on(name, on)
            .map(|c| (c.country.unwrap_or_default(), c.sector.unwrap_or_default()))
    }

    #[test]
    fn keys_fold_case_accents_and_stops() {
        assert_eq!(key("Recep Tayyip  Erdoğan"), "recep tayyip erdogan");
        assert_eq!(key("Vladimir V. Putin"), "vladimir v putin");
        assert_eq!(key("Ban Ki-moon"), "ban ki-moon");
    }

    #[test]
    fn malformed_lines_are_errors_naming_the_line() {
        for bad in [
            "anna kovac",
            "anna kovac\tRUR:GOV",
            "anna kovac\tRUR:GOV:2001-02-30:",
            "anna kovac\t",
            "anna kovac\tRUR:GOV::\nanna kovac\tFRE:GOV::",
        ] {
            let e = Persons::parse(bad).unwrap_err().to_string();
            assert!(e.starts_with("persons:"), "{bad:?}: {e}");
        }
    }

    #[test]
    fn the_embedded_table_loads_and_knows_a_few_real_persons() {
        let p = Persons::embedded();
        assert!(p.len() > 15_000, "{}", p.len());
        let rus_gov = Some(("RUS".to_string(), "GOV".to_string()));
        assert_eq!(code(p, "Vladimir Putin", day("2025-07-03")), rus_gov);
        assert_eq!(code(p, "Putin", None), rus_gov);
        assert_eq!(
            code(p, "Vladimir Putin", day("1990-01-01")),
            Some(("RUS".into(), "ELI".into()))
        );
        assert_eq!(
            code(p, "Ban Ki-moon", day("2010-01-01")),
            Some((String::new(), "IGO".into()))
        );
    }
}
