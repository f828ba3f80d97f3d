//! Event codes (CAMEO codes, PLOVER types and modes) and the identifiers of an article's
//! parts, each a type of its own that is checked when it is made and printed as the record
//! prints it.

use std::fmt;
use std::str::FromStr;

/// Serde and JSON Schema for a type that is written as a string: `Display` out, `FromStr`
/// in, and the schema of a plain string, so that the record's JSON and its schema read the
/// same as when the field was a `String`.
macro_rules! string_serde {
    ($t:ty) => {
        impl serde::Serialize for $t {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.collect_str(self)
            }
        }

        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$t, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }

        impl PartialEq<&str> for $t {
            /// Compares with a text in printed form, as in `assert_eq!(value, "2025-07-03")`:
            /// the text must parse to this value (the forms round-trip exactly).
            fn eq(&self, other: &&str) -> bool {
                other.parse::<$t>().is_ok_and(|o| &o == self)
            }
        }

        impl schemars::JsonSchema for $t {
            fn inline_schema() -> bool {
                true
            }

            fn schema_name() -> std::borrow::Cow<'static, str> {
                <String as schemars::JsonSchema>::schema_name()
            }

            fn json_schema(g: &mut schemars::SchemaGenerator) -> schemars::Schema {
                <String as schemars::JsonSchema>::json_schema(g)
            }
        }
    };
}

pub(crate) use string_serde;

/// A code that is not one of a list's names or not a well-formed code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseCodeError {
    /// What kind of code was expected (`CAMEO code`, `PLOVER type`, ...).
    pub expected: &'static str,
    /// The text given.
    pub text: String,
}

impl fmt::Display for ParseCodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "not a {}: {:?}", self.expected, self.text)
    }
}

impl std::error::Error for ParseCodeError {}

/// GDELT's and PLOVER's four classes of event, from the CAMEO root code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum QuadClass {
    /// 1: verbal cooperation (CAMEO 01–05).
    VerbalCooperation = 1,
    /// 2: material cooperation (06–08).
    MaterialCooperation = 2,
    /// 3: verbal conflict (09–13).
    VerbalConflict = 3,
    /// 4: material conflict (14–20).
    MaterialConflict = 4,
}

impl QuadClass {
    /// The number GDELT and PLOVER write: 1 to 4.
    pub fn number(self) -> u8 {
        self as u8
    }
}

/// A CAMEO event code: two, three or four digits whose first two are a root from 01 to 20
/// (`04`, `041`, `0411`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct CameoCode {
    digits: [u8; 4],
    len: u8,
}

impl CameoCode {
    /// The code's digits as written.
    pub fn as_str(&self) -> &str {
        // The digits are checked ASCII when the code is made.
        std::str::from_utf8(&self.digits[..self.len as usize]).unwrap_or("")
    }

    /// The root code, 1 to 20 (`4` for `041`).
    pub fn root(&self) -> u8 {
        (self.digits[0] - b'0') * 10 + (self.digits[1] - b'0')
    }

    /// The two-digit root as a code (`04` for `041`).
    pub fn root_code(&self) -> CameoCode {
        self.prefix(2)
    }

    /// The code cut to at most `len` digits (`041` for `0411` and 3), never shorter than
    /// the root.
    pub fn prefix(&self, len: usize) -> CameoCode {
        let mut code = *self;
        code.len = code.len.min(len.max(2) as u8);
        code.digits[code.len as usize..].fill(0);
        code
    }

    /// The number of digits: 2, 3 or 4.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    /// Never true: a code has at least two digits. Present because `len` is.
    pub fn is_empty(&self) -> bool {
        false
    }

    /// Whether `self` is `other` or one of its children (`0411` is within `041`).
    pub fn is_within(&self, other: &CameoCode) -> bool {
        self.as_str().starts_with(other.as_str())
    }

    /// The QuadClass of the root.
    pub fn quad_class(&self) -> QuadClass {
        match self.root() {
            1..=5 => QuadClass::VerbalCooperation,
            6..=8 => QuadClass::MaterialCooperation,
            9..=13 => QuadClass::VerbalConflict,
            _ => QuadClass::MaterialConflict,
        }
    }
}

impl FromStr for CameoCode {
    type Err = ParseCodeError;

    fn from_str(text: &str) -> Result<CameoCode, ParseCodeError> {
        let err = || ParseCodeError {
            expected: "CAMEO code (two to four digits, root 01 to 20)",
            text: text.to_string(),
        };
        let bytes = text.as_bytes();
        if !(2..=4).contains(&bytes.len()) || !bytes.iter().all(u8::is_ascii_digit) {
            return Err(err());
        }
        let mut digits = [0; 4];
        digits[..bytes.len()].copy_from_slice(bytes);
        let code = CameoCode {
            digits,
            len: bytes.len() as u8,
        };
        if !(1..=20).contains(&code.root()) {
            return Err(err());
        }
        Ok(code)
    }
}

impl fmt::Display for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

string_serde!(CameoCode);

/// An enum of names, each printed as written in PLOVER, with `as_str`, `ALL`, `FromStr`,
/// `Display`, serde and a string schema.
macro_rules! named {
    ($(#[$doc:meta])* $name:ident, $what:literal, { $($(#[$vdoc:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vdoc])* $variant,)*
        }

        impl $name {
            /// Every name, in the order of the list.
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The name as PLOVER writes it.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// Reads a name in any case, as a person types it in a query; the error lists
            /// the names.
            pub fn parse_any_case(text: &str) -> Result<$name, String> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str().eq_ignore_ascii_case(text))
                    .ok_or_else(|| {
                        let names: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                        format!("{text:?}: not a {} ({})", $what, names.join(", "))
                    })
            }
        }

        impl FromStr for $name {
            type Err = ParseCodeError;

            fn from_str(text: &str) -> Result<$name, ParseCodeError> {
                $name::ALL
                    .iter()
                    .copied()
                    .find(|v| v.as_str() == text)
                    .ok_or_else(|| ParseCodeError { expected: $what, text: text.to_string() })
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.as_str())
            }
        }

        string_serde!($name);
    };
}

named!(
    /// The sixteen event types of PLOVER 2021.
    PloverType, "PLOVER type", {
        /// `AGREE`.
        Agree = "AGREE",
        /// `CONSULT`.
        Consult = "CONSULT",
        /// `SUPPORT`.
        Support = "SUPPORT",
        /// `CONCEDE`.
        Concede = "CONCEDE",
        /// `COOPERATE`.
        Cooperate = "COOPERATE",
        /// `AID`.
        Aid = "AID",
        /// `RETREAT`.
        Retreat = "RETREAT",
        /// `REQUEST`.
        Request = "REQUEST",
        /// `ACCUSE`.
        Accuse = "ACCUSE",
        /// `REJECT`.
        Reject = "REJECT",
        /// `THREATEN`.
        Threaten = "THREATEN",
        /// `PROTEST`.
        Protest = "PROTEST",
        /// `SANCTION`.
        Sanction = "SANCTION",
        /// `MOBILIZE`.
        Mobilize = "MOBILIZE",
        /// `COERCE`.
        Coerce = "COERCE",
        /// `ASSAULT`.
        Assault = "ASSAULT",
    }
);

named!(
    /// The modes of PLOVER's event types that readout gives: those of the CAMEO-to-PLOVER
    /// table (`crates/readout-events/data/`) and the weapons of the manual's ASSAULT table.
    PloverMode, "PLOVER mode", {
        /// `abduct`.
        Abduct = "abduct",
        /// `access`.
        Access = "access",
        /// `aerial`.
        Aerial = "aerial",
        /// `allege`.
        Allege = "allege",
        /// `arrest`.
        Arrest = "arrest",
        /// `assassinate`.
        Assassinate = "assassinate",
        /// `assist`.
        Assist = "assist",
        /// `ban`.
        Ban = "ban",
        /// `beat`.
        Beat = "beat",
        /// `boycott`.
        Boycott = "boycott",
        /// `ceasefire`.
        Ceasefire = "ceasefire",
        /// `change`.
        Change = "change",
        /// `cleansing`.
        Cleansing = "cleansing",
        /// `curfew`.
        Curfew = "curfew",
        /// `demo`: an organised demonstration.
        Demo = "demo",
        /// `deport`.
        Deport = "deport",
        /// `disapprove`.
        Disapprove = "disapprove",
        /// `disarm`.
        Disarm = "disarm",
        /// `discontinue`.
        Discontinue = "discontinue",
        /// `drone`.
        Drone = "drone",
        /// `ease`.
        Ease = "ease",
        /// `expel`.
        Expel = "expel",
        /// `explosives`.
        Explosives = "explosives",
        /// `firearms`.
        Firearms = "firearms",
        /// `heavy-weapons`.
        HeavyWeapons = "heavy-weapons",
        /// `hunger`: a hunger strike.
        Hunger = "hunger",
        /// `investigate`.
        Investigate = "investigate",
        /// `martial-law`.
        MartialLaw = "martial-law",
        /// `massacre`.
        Massacre = "massacre",
        /// `meet`.
        Meet = "meet",
        /// `obstruct`.
        Obstruct = "obstruct",
        /// `phone`.
        Phone = "phone",
        /// `police`.
        Police = "police",
        /// `political`.
        Political = "political",
        /// `primitive`: primitive weapons.
        Primitive = "primitive",
        /// `pro_autocracy`.
        ProAutocracy = "pro_autocracy",
        /// `relations`.
        Relations = "relations",
        /// `release`.
        Release = "release",
        /// `restrict`.
        Restrict = "restrict",
        /// `return`.
        Return = "return",
        /// `riot`.
        Riot = "riot",
        /// `seize`.
        Seize = "seize",
        /// `sexual`.
        Sexual = "sexual",
        /// `strike`: a general strike.
        Strike = "strike",
        /// `suicide-attack`.
        SuicideAttack = "suicide-attack",
        /// `territory`.
        Territory = "territory",
        /// `third-party`.
        ThirdParty = "third-party",
        /// `torture`.
        Torture = "torture",
        /// `troops`.
        Troops = "troops",
        /// `unconventional`.
        Unconventional = "unconventional",
        /// `violence`.
        Violence = "violence",
        /// `visit`.
        Visit = "visit",
        /// `withdraw`.
        Withdraw = "withdraw",
        /// `yield`.
        Yield = "yield",
    }
);

/// An identifier of an article's part: an index into the article's list of those parts,
/// printed one-based with a letter (`e1` is the first entity).
macro_rules! id {
    ($(#[$doc:meta])* $name:ident, $letter:literal, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub usize);

        impl $name {
            /// The index into the article's list.
            pub fn index(self) -> usize {
                self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, concat!($letter, "{}"), self.0 + 1)
            }
        }

        impl FromStr for $name {
            type Err = ParseCodeError;

            fn from_str(text: &str) -> Result<$name, ParseCodeError> {
                text.strip_prefix($letter)
                    .filter(|n| !n.starts_with('0'))
                    .and_then(|n| n.parse::<usize>().ok())
                    .filter(|n| *n > 0)
                    .map(|n| $name(n - 1))
                    .ok_or_else(|| ParseCodeError { expected: $what, text: text.to_string() })
            }
        }

        string_serde!($name);
    };
}

id!(
    /// An entity of an article (`e1`, `e2`, ...).
    EntityId, "e", "entity id (e1, e2, ...)"
);
id!(
    /// A quotation of an article (`q1`, `q2`, ...).
    QuoteId, "q", "quotation id (q1, q2, ...)"
);
id!(
    /// A temporal expression of an article (`t1`, `t2`, ...).
    TimexId, "t", "time id (t1, t2, ...)"
);
id!(
    /// An event of an article (`v1`, `v2`, ...).
    EventId, "v", "event id (v1, v2, ...)"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_read_in_any_case_and_a_wrong_one_lists_them() {
        assert_eq!(
            PloverType::parse_any_case("consult"),
            Ok(PloverType::Consult)
        );
        assert_eq!(
            PloverType::parse_any_case("Consult"),
            Ok(PloverType::Consult)
        );
        assert!("consult".parse::<PloverType>().is_err());
        let e = PloverType::parse_any_case("talk").unwrap_err();
        assert!(e.starts_with("\"talk\": not a PLOVER type (AGREE, "), "{e}");
    }

    #[test]
    fn cameo_codes_are_checked_and_give_root_and_quad_class() {
        let c: CameoCode = "0411".parse().unwrap();
        assert_eq!(c.root(), 4);
        assert_eq!(c.root_code().to_string(), "04");
        assert_eq!(c.prefix(3).to_string(), "041");
        assert!(c.is_within(&"041".parse().unwrap()));
        assert_eq!(c.quad_class(), QuadClass::VerbalCooperation);
        assert_eq!("190".parse::<CameoCode>().unwrap().quad_class().number(), 4);
        assert_eq!("112".parse::<CameoCode>().unwrap().quad_class().number(), 3);
        assert_eq!("070".parse::<CameoCode>().unwrap().quad_class().number(), 2);
        for bad in ["", "4", "00", "21", "04a", "04111", " 04"] {
            assert!(bad.parse::<CameoCode>().is_err(), "{bad}");
        }
        assert_eq!(serde_json::to_string(&c).unwrap(), "\"0411\"");
    }

    #[test]
    fn plover_names_round_trip() {
        for t in PloverType::ALL {
            assert_eq!(t.as_str().parse::<PloverType>(), Ok(*t));
        }
        for m in PloverMode::ALL {
            assert_eq!(m.to_string().parse::<PloverMode>(), Ok(*m));
        }
        assert_eq!(
            serde_json::to_string(&PloverType::Consult).unwrap(),
            "\"CONSULT\""
        );
        assert!("consult".parse::<PloverType>().is_err());
        assert_eq!(
            serde_json::from_str::<Option<PloverMode>>("\"heavy-weapons\"").unwrap(),
            Some(PloverMode::HeavyWeapons)
        );
    }

    #[test]
    fn ids_print_one_based() {
        assert_eq!(EntityId(0).to_string(), "e1");
        assert_eq!("q12".parse::<QuoteId>(), Ok(QuoteId(11)));
        assert_eq!(serde_json::to_string(&TimexId(2)).unwrap(), "\"t3\"");
        assert_eq!(serde_json::to_string(&EventId(0)).unwrap(), "\"v1\"");
        for bad in ["e0", "e01", "q1", "e", "e-1"] {
            assert!(bad.parse::<EntityId>().is_err(), "{bad}");
        }
    }
}
