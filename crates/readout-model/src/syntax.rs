//! The parse of a token: Universal POS tags, Penn Treebank tags, Universal Dependencies
//! relations, and [`TokenSyntax`], which the syntax stage gives every token.

use serde::{Deserialize, Serialize};

macro_rules! string_enum {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $text:literal,)* }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every value, in the order of the enum (the order of model class indexes).
            pub const ALL: &'static [$name] = &[$($name::$variant,)*];

            /// The tag as written in CoNLL-U.
            pub fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The tag written exactly as in CoNLL-U, or `None`.
            pub fn from_exact(text: &str) -> Option<$name> {
                match text {
                    $($text => Some($name::$variant),)*
                    _ => None,
                }
            }

            /// The position of the value in [`Self::ALL`].
            pub fn index(self) -> usize {
                self as usize
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl std::str::FromStr for $name {
            type Err = crate::ParseCodeError;

            /// The tag written exactly as in CoNLL-U; anything else is an error.
            fn from_str(text: &str) -> Result<$name, crate::ParseCodeError> {
                $name::from_exact(text).ok_or_else(|| crate::ParseCodeError {
                    expected: stringify!($name),
                    text: text.to_string(),
                })
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                let names: Vec<&str> = $name::ALL.iter().map(|v| v.as_str()).collect();
                schemars::json_schema!({ "type": "string", "enum": names })
            }
        }
    };
}

string_enum! {
    /// A Universal Dependencies part-of-speech tag (UPOS).
    Upos {
        /// Adjective.
        Adj = "ADJ",
        /// Adposition.
        Adp = "ADP",
        /// Adverb.
        Adv = "ADV",
        /// Auxiliary.
        Aux = "AUX",
        /// Coordinating conjunction.
        Cconj = "CCONJ",
        /// Determiner.
        Det = "DET",
        /// Interjection.
        Intj = "INTJ",
        /// Noun.
        Noun = "NOUN",
        /// Numeral.
        Num = "NUM",
        /// Particle.
        Part = "PART",
        /// Pronoun.
        Pron = "PRON",
        /// Proper noun.
        Propn = "PROPN",
        /// Punctuation.
        Punct = "PUNCT",
        /// Subordinating conjunction.
        Sconj = "SCONJ",
        /// Symbol.
        Sym = "SYM",
        /// Verb.
        Verb = "VERB",
        /// Other.
        X = "X",
    }
}

string_enum! {
    /// A Penn Treebank part-of-speech tag (XPOS) as English-EWT uses them, with its additions
    /// (ADD, AFX, GW, HYPH, NFP, XX).
    Xpos {
        /// Unknown or absent; also every tag outside this list.
        Xx = "XX",
        /// Dollar and other currency signs.
        Dollar = "$",
        /// Opening quotation mark.
        OpenQuote = "``",
        /// Closing quotation mark.
        CloseQuote = "''",
        /// Comma.
        Comma = ",",
        /// Opening bracket.
        Lrb = "-LRB-",
        /// Closing bracket.
        Rrb = "-RRB-",
        /// Sentence-final punctuation.
        Period = ".",
        /// Colon, semicolon, dash, ellipsis.
        Colon = ":",
        /// Hash sign.
        Hash = "#",
        /// E-mail or web address.
        Add = "ADD",
        /// Affix.
        Afx = "AFX",
        /// Coordinating conjunction.
        Cc = "CC",
        /// Cardinal number.
        Cd = "CD",
        /// Determiner.
        Dt = "DT",
        /// Existential there.
        Ex = "EX",
        /// Foreign word.
        Fw = "FW",
        /// Part of a word split by a space ("goes with").
        Gw = "GW",
        /// Hyphen.
        Hyph = "HYPH",
        /// Preposition or subordinating conjunction.
        In = "IN",
        /// Adjective.
        Jj = "JJ",
        /// Comparative adjective.
        Jjr = "JJR",
        /// Superlative adjective.
        Jjs = "JJS",
        /// List item marker.
        Ls = "LS",
        /// Modal.
        Md = "MD",
        /// Superfluous punctuation.
        Nfp = "NFP",
        /// Singular noun.
        Nn = "NN",
        /// Plural noun.
        Nns = "NNS",
        /// Singular proper noun.
        Nnp = "NNP",
        /// Plural proper noun.
        Nnps = "NNPS",
        /// Predeterminer.
        Pdt = "PDT",
        /// Possessive ending.
        Pos = "POS",
        /// Personal pronoun.
        Prp = "PRP",
        /// Possessive pronoun.
        PrpDollar = "PRP$",
        /// Adverb.
        Rb = "RB",
        /// Comparative adverb.
        Rbr = "RBR",
        /// Superlative adverb.
        Rbs = "RBS",
        /// Particle.
        Rp = "RP",
        /// Symbol.
        Sym = "SYM",
        /// To.
        To = "TO",
        /// Interjection.
        Uh = "UH",
        /// Verb, base form.
        Vb = "VB",
        /// Verb, past tense.
        Vbd = "VBD",
        /// Verb, gerund or present participle.
        Vbg = "VBG",
        /// Verb, past participle.
        Vbn = "VBN",
        /// Verb, present tense, not third person singular.
        Vbp = "VBP",
        /// Verb, present tense, third person singular.
        Vbz = "VBZ",
        /// Wh-determiner.
        Wdt = "WDT",
        /// Wh-pronoun.
        Wp = "WP",
        /// Possessive wh-pronoun.
        WpDollar = "WP$",
        /// Wh-adverb.
        Wrb = "WRB",
    }
}

impl Xpos {
    /// Reads a Penn tag; tags outside the list become [`Xpos::Xx`]. The round brackets'
    /// spellings `(` and `)` are accepted for `-LRB-` and `-RRB-`.
    pub fn parse(text: &str) -> Xpos {
        match text {
            "(" => Xpos::Lrb,
            ")" => Xpos::Rrb,
            _ => Xpos::from_exact(text).unwrap_or(Xpos::Xx),
        }
    }
}

string_enum! {
    /// A Universal Dependencies relation, with the subtypes English-EWT uses.
    DepRel {
        /// Clausal modifier of a noun.
        Acl = "acl",
        /// Relative clause.
        AclRelcl = "acl:relcl",
        /// Adverbial clause.
        Advcl = "advcl",
        /// Adverbial relative clause.
        AdvclRelcl = "advcl:relcl",
        /// Adverbial modifier (also negation: "not" is `advmod`).
        Advmod = "advmod",
        /// Adjectival modifier.
        Amod = "amod",
        /// Apposition.
        Appos = "appos",
        /// Auxiliary.
        Aux = "aux",
        /// Passive auxiliary.
        AuxPass = "aux:pass",
        /// Case marker (adposition).
        Case = "case",
        /// Coordinating conjunction.
        Cc = "cc",
        /// Preconjunct.
        CcPreconj = "cc:preconj",
        /// Clausal complement.
        Ccomp = "ccomp",
        /// Classifier.
        Clf = "clf",
        /// Compound.
        Compound = "compound",
        /// Phrasal-verb particle.
        CompoundPrt = "compound:prt",
        /// Conjunct.
        Conj = "conj",
        /// Copula.
        Cop = "cop",
        /// Clausal subject.
        Csubj = "csubj",
        /// Outer clausal subject.
        CsubjOuter = "csubj:outer",
        /// Passive clausal subject.
        CsubjPass = "csubj:pass",
        /// Unspecified dependency.
        Dep = "dep",
        /// Determiner.
        Det = "det",
        /// Predeterminer.
        DetPredet = "det:predet",
        /// Discourse element.
        Discourse = "discourse",
        /// Dislocated element.
        Dislocated = "dislocated",
        /// Expletive.
        Expl = "expl",
        /// Fixed multiword expression.
        Fixed = "fixed",
        /// Flat multiword expression (names).
        Flat = "flat",
        /// Foreign words.
        FlatForeign = "flat:foreign",
        /// A word split by a space.
        Goeswith = "goeswith",
        /// Indirect object.
        Iobj = "iobj",
        /// List.
        List = "list",
        /// Marker (subordinating conjunction).
        Mark = "mark",
        /// Nominal modifier.
        Nmod = "nmod",
        /// Descriptive nominal modifier.
        NmodDesc = "nmod:desc",
        /// Possessive nominal modifier.
        NmodPoss = "nmod:poss",
        /// Temporal nominal modifier.
        NmodTmod = "nmod:tmod",
        /// Nominal modifier without a case marker (formerly `nmod:npmod`).
        NmodUnmarked = "nmod:unmarked",
        /// Nominal subject.
        Nsubj = "nsubj",
        /// Outer nominal subject.
        NsubjOuter = "nsubj:outer",
        /// Passive nominal subject.
        NsubjPass = "nsubj:pass",
        /// Numeric modifier.
        Nummod = "nummod",
        /// Object.
        Obj = "obj",
        /// Oblique nominal.
        Obl = "obl",
        /// Agent of a passive.
        OblAgent = "obl:agent",
        /// Temporal oblique.
        OblTmod = "obl:tmod",
        /// Oblique without a case marker (formerly `obl:npmod`).
        OblUnmarked = "obl:unmarked",
        /// Orphan in an ellipsis.
        Orphan = "orphan",
        /// Parataxis.
        Parataxis = "parataxis",
        /// Punctuation.
        Punct = "punct",
        /// Disfluency.
        Reparandum = "reparandum",
        /// Root of the sentence.
        Root = "root",
        /// Vocative.
        Vocative = "vocative",
        /// Open clausal complement.
        Xcomp = "xcomp",
    }
}

impl DepRel {
    /// Reads a relation. The older names `nmod:npmod` and `obl:npmod` become their UD 2.14
    /// names; an unknown subtype falls back to its universal relation, and an unknown
    /// relation to `dep`, so that every tree from any UD release can be read.
    pub fn parse(text: &str) -> DepRel {
        match text {
            "nmod:npmod" => DepRel::NmodUnmarked,
            "obl:npmod" => DepRel::OblUnmarked,
            _ => DepRel::from_exact(text)
                .or_else(|| DepRel::from_exact(text.split(':').next().unwrap_or(text)))
                .unwrap_or(DepRel::Dep),
        }
    }

    /// The universal relation without its subtype (`nsubj:pass` → `nsubj`), as the CoNLL
    /// 2018 shared task compares labels.
    pub fn universal(self) -> DepRel {
        DepRel::parse(self.as_str().split(':').next().unwrap_or(""))
    }
}

/// The parse of one token, made by the syntax stage: its tags, lemma, head and relation.
/// Heads are indexes into the document's token list, so that a later stage follows an arc
/// without any look-up; a sentence's root has none.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TokenSyntax {
    /// Universal part-of-speech tag.
    pub upos: Upos,
    /// Penn Treebank tag.
    pub xpos: Xpos,
    /// The lemma (the dictionary form: "said" → "say").
    pub lemma: String,
    /// The head: an index into the document's tokens, in the same sentence; `None` for the
    /// sentence's root.
    pub head: Option<usize>,
    /// The relation to the head ([`DepRel::Root`] for the root).
    pub deprel: DepRel,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tag_reads_back_from_its_text() {
        for u in Upos::ALL {
            assert_eq!(Upos::from_exact(u.as_str()), Some(*u));
            assert_eq!(Upos::ALL[u.index()], *u);
        }
        for x in Xpos::ALL {
            assert_eq!(Xpos::parse(x.as_str()), *x);
        }
        for d in DepRel::ALL {
            assert_eq!(DepRel::parse(d.as_str()), *d);
        }
    }

    #[test]
    fn tags_are_strings_in_json_and_unknown_ones_are_refused() {
        assert_eq!(
            serde_json::to_string(&DepRel::NsubjPass).unwrap(),
            "\"nsubj:pass\""
        );
        assert_eq!(
            serde_json::from_str::<Upos>("\"PROPN\"").unwrap(),
            Upos::Propn
        );
        assert!(serde_json::from_str::<Upos>("\"propn\"").is_err());
        assert!("bogus".parse::<DepRel>().is_err());
        assert_eq!("-LRB-".parse::<Xpos>(), Ok(Xpos::Lrb));
    }

    #[test]
    fn relations_fall_back_to_their_universal_part() {
        assert_eq!(DepRel::parse("obl:npmod"), DepRel::OblUnmarked);
        assert_eq!(DepRel::parse("nmod:of"), DepRel::Nmod);
        assert_eq!(DepRel::parse("bogus"), DepRel::Dep);
        assert_eq!(DepRel::NsubjPass.universal(), DepRel::Nsubj);
        assert_eq!(DepRel::Obj.universal(), DepRel::Obj);
        assert_eq!(Xpos::parse("NNP"), Xpos::Nnp);
        assert_eq!(Xpos::parse("???"), Xpos::Xx);
    }
}
