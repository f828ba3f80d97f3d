//! The gender a person's mentions show, so that a pronoun links only to a person it can
//! stand for ("she" not to "Peter Lund").
//!
//! Three kinds of evidence, each read from the text around one mention:
//!
//! * a courtesy title right before the name, or taken into it by the tagger ("Mr.", "Mrs.",
//!   "Ms.", "Miss", "Sir", "Lady", "Madame"...);
//! * a gendered role word right before the name ("actress Anna Kovac", "her husband Peter
//!   Lund", "Queen Anna") or heading an apposition after it ("Anna Kovac, a former
//!   actress,"). Compounds in "-man" ("chairman", "spokesman") are not evidence: news uses
//!   them for women as well ("chairman Mary Barra"); compounds in "-woman" are;
//! * the first word of a name of two words or more, looked up in the first-name table
//!   ([`FirstNames`], `data/first_names.tsv`).
//!
//! A person with evidence of one gender only has that gender; conflicting evidence, or none,
//! leaves it unknown, and an unknown person is compatible with every pronoun.
//!
//! The table is built by `tools/names/build.sh` from the 1990 US census first-name lists of
//! the PyPI package `names` (MIT); `data/README.md` gives the rule, the licence and the
//! checksum. Its format is one name a line, in lower case, a tab, and `m` or `f`.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::EntityError;

static EMBEDDED: &str = include_str!("../data/first_names.tsv");

/// A person's gender as the text shows it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    /// Male: "he", "him", "his", "himself" may stand for the person.
    Male,
    /// Female: "she", "her", "hers", "herself" may stand for the person.
    Female,
}

/// First names whose bearers are, by a large majority, of one gender.
#[derive(Debug, Default)]
pub struct FirstNames {
    names: HashMap<String, Gender>,
}

impl FirstNames {
    /// The table compiled into the binary, parsed once per process.
    pub fn embedded() -> &'static FirstNames {
        static CELL: OnceLock<FirstNames> = OnceLock::new();
        // The committed table is checked by this crate's tests, so a failure here is a
        // build defect, not bad input.
        CELL.get_or_init(|| {
            FirstNames::parse(EMBEDDED).expect("the embedded first-name table parses")
        })
    }

    /// Reads a table in the format of `data/first_names.tsv`: `name<TAB>m` or
    /// `name<TAB>f`, the name in lower case. Empty lines and lines starting with `#` are
    /// skipped; any other malformed line, or a name listed twice, is an error naming the
    /// line, so a damaged table is refused whole rather than read in part.
    pub fn parse(text: &str) -> Result<FirstNames, EntityError> {
        let mut table = FirstNames::default();
        for (i, line) in text.lines().enumerate() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let bad = |message: String| EntityError::Resource {
                resource: "first_names".into(),
                line: i + 1,
                message,
            };
            let (name, gender) = line
                .split_once('\t')
                .ok_or_else(|| bad(format!("{line:?}: no tab between name and gender")))?;
            let gender = match gender {
                "m" => Gender::Male,
                "f" => Gender::Female,
                other => return Err(bad(format!("{name}: gender {other:?} is not m or f"))),
            };
            // Lower-case letters, and the apostrophe and hyphen of names such as "d'arcy"
            // or "mary-jo": anything else means the line is not what the build wrote.
            let well_formed = name
                .chars()
                .all(|c| c.is_lowercase() || c == '\'' || c == '-')
                && name.chars().any(char::is_alphabetic);
            if !well_formed {
                return Err(bad(format!("{name:?}: not a lower-case name")));
            }
            if table.names.insert(name.to_string(), gender).is_some() {
                return Err(bad(format!("{name}: listed twice")));
            }
        }
        Ok(table)
    }

    /// The gender of the first name `first` as the article writes it ("Anna"), or `None`
    /// when the table does not hold it or it is shared by both genders.
    pub fn get(&self, first: &str) -> Option<Gender> {
        self.names.get(&first.to_lowercase()).copied()
    }

    /// How many names the table holds.
    pub fn len(&self) -> usize {
        self.names.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.names.is_empty()
    }
}

/// The gender a courtesy title or a gendered role word gives the name right after it or the
/// apposition it heads; `word` as the text writes it ("Mrs.", "Actress", "wife").
pub fn of_word(word: &str) -> Option<Gender> {
    let w = word.strip_suffix('.').unwrap_or(word).to_lowercase();
    if MALE_WORDS.contains(&w.as_str()) {
        Some(Gender::Male)
    } else if FEMALE_WORDS.contains(&w.as_str()) || w.ends_with("woman") {
        // "congresswoman", "spokeswoman", "chairwoman", "businesswoman": a "-woman"
        // compound is never used for a man, unlike "-man" ones.
        Some(Gender::Female)
    } else {
        None
    }
}

/// Courtesy titles, noble and royal titles, and kinship and other role words that name men;
/// lower case, without a full stop. "Sr." is missing: it is also "Senior".
const MALE_WORDS: &[&str] = &[
    "mr",
    "sir",
    "lord",
    "monsieur",
    "herr",
    "signor",
    "senor",
    "señor",
    "king",
    "prince",
    "emperor",
    "tsar",
    "duke",
    "baron",
    "sultan",
    "emir",
    "sheikh",
    "pope",
    "father",
    "husband",
    "son",
    "brother",
    "uncle",
    "nephew",
    "grandfather",
    "grandson",
    "stepfather",
    "stepson",
    "boyfriend",
    "fiance",
    "fiancé",
    "widower",
    "monk",
    "man",
    "boy",
];

/// Courtesy titles, noble and royal titles, and kinship and other role words that name
/// women; lower case, without a full stop. Compounds in "-woman" are recognised by their
/// ending ([`of_word`]).
const FEMALE_WORDS: &[&str] = &[
    "mrs",
    "ms",
    "miss",
    "madam",
    "madame",
    "mme",
    "mlle",
    "mademoiselle",
    "frau",
    "signora",
    "senora",
    "señora",
    "sra",
    "dame",
    "lady",
    "queen",
    "princess",
    "empress",
    "tsarina",
    "duchess",
    "baroness",
    "countess",
    "sultana",
    "sheikha",
    "mother",
    "wife",
    "daughter",
    "sister",
    "aunt",
    "niece",
    "grandmother",
    "granddaughter",
    "stepmother",
    "stepdaughter",
    "girlfriend",
    "fiancee",
    "fiancée",
    "widow",
    "nun",
    "actress",
    "waitress",
    "hostess",
    "heiress",
    "stewardess",
    "girl",
];

/// What the evidence about one person adds up to.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Evidence {
    male: bool,
    female: bool,
}

impl Evidence {
    /// Notes one piece of evidence.
    pub fn add(&mut self, gender: Gender) {
        match gender {
            Gender::Male => self.male = true,
            Gender::Female => self.female = true,
        }
    }

    /// The gender when all evidence agrees; `None` without evidence or when it conflicts.
    pub fn gender(self) -> Option<Gender> {
        match (self.male, self.female) {
            (true, false) => Some(Gender::Male),
            (false, true) => Some(Gender::Female),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_table_parses_and_knows_clear_names_only() {
        let t = FirstNames::embedded();
        assert!(t.len() > 1000, "{}", t.len());
        assert_eq!(t.get("Anna"), Some(Gender::Female));
        assert_eq!(t.get("PETER"), Some(Gender::Male));
        // Shared by both genders in the census lists, so left out by the build rule.
        assert_eq!(t.get("Jordan"), None);
        assert_eq!(t.get("Taylor"), None);
        // Left out by hand: male in Italian and French.
        assert_eq!(t.get("Andrea"), None);
        assert_eq!(t.get("Jean"), None);
    }

    #[test]
    fn a_damaged_line_is_refused_with_its_number() {
        let good = "anna\tf\npeter\tm\n";
        assert_eq!(FirstNames::parse(good).unwrap().len(), 2);
        for (damaged, line) in [
            ("anna\tf\npeter m\n", 2),
            ("anna\tf\npeter\tx\n", 2),
            ("anna\tfemale\n", 1),
            ("Anna\tf\n", 1),
            ("anna\tf\n\n# comment\nanna\tm\n", 4),
            ("\tm\n", 1),
            ("anna\t\n", 1),
        ] {
            match FirstNames::parse(damaged) {
                Err(EntityError::Resource {
                    resource, line: l, ..
                }) => {
                    assert_eq!((resource.as_str(), l), ("first_names", line), "{damaged:?}")
                }
                other => panic!("{damaged:?} gave {other:?}"),
            }
        }
    }

    #[test]
    fn role_words_and_titles() {
        assert_eq!(of_word("Mr."), Some(Gender::Male));
        assert_eq!(of_word("Ms"), Some(Gender::Female));
        assert_eq!(of_word("Congresswoman"), Some(Gender::Female));
        assert_eq!(of_word("actress"), Some(Gender::Female));
        assert_eq!(of_word("husband"), Some(Gender::Male));
        // Used for women too: no evidence.
        assert_eq!(of_word("chairman"), None);
        assert_eq!(of_word("spokesman"), None);
        assert_eq!(of_word("Dr."), None);
    }

    #[test]
    fn conflicting_evidence_is_unknown() {
        let mut e = Evidence::default();
        assert_eq!(e.gender(), None);
        e.add(Gender::Female);
        assert_eq!(e.gender(), Some(Gender::Female));
        e.add(Gender::Male);
        assert_eq!(e.gender(), None);
    }
}
