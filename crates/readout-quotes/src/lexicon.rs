//! The words the extractor knows: cue verbs, words that can head a source, relay words.

use std::collections::HashMap;
use std::sync::OnceLock;

/// How strongly a word announces a statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CueClass {
    /// Introduces a statement on its own ("said", "stressed").
    Strong,
    /// Introduces one only when "that" or a colon follows ("found that", "believes that").
    Weak,
}

/// The cue words, from the Gender Gap Tracker's list and readout's own additions.
pub(crate) struct Lexicon {
    cues: HashMap<&'static str, CueClass>,
}

const GGT_VERBS: &str = include_str!("../data/quote_verbs.txt");
const READOUT_CUES: &str = include_str!("../data/cues.txt");

impl Lexicon {
    /// The lexicon built from the embedded word lists, once per process.
    pub(crate) fn embedded() -> &'static Lexicon {
        static LEXICON: OnceLock<Lexicon> = OnceLock::new();
        LEXICON.get_or_init(|| Lexicon::parse(GGT_VERBS, READOUT_CUES))
    }

    /// Builds the lexicon: every word of `list` is a strong cue, then each `word<TAB>class`
    /// line of `overrides` adds a word, changes its class or (`exclude`) removes it.
    fn parse(list: &'static str, overrides: &'static str) -> Lexicon {
        let mut cues: HashMap<&'static str, CueClass> = list
            .lines()
            .map(str::trim)
            .filter(|w| !w.is_empty() && !w.starts_with('#'))
            .map(|w| (w, CueClass::Strong))
            .collect();
        for line in overrides.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let mut parts = line.split('\t');
            let (Some(word), Some(class)) = (parts.next(), parts.next()) else {
                continue;
            };
            match class.trim() {
                "strong" => {
                    cues.insert(word, CueClass::Strong);
                }
                "weak" => {
                    cues.insert(word, CueClass::Weak);
                }
                _ => {
                    cues.remove(word);
                }
            }
        }
        Lexicon { cues }
    }

    /// The class of a lower-case word, when it is a cue.
    pub(crate) fn cue(&self, lower: &str) -> Option<CueClass> {
        self.cues.get(lower).copied()
    }
}

const ATTRIBUTION_CUES: &str = include_str!("../data/attribution_cues.txt");

/// The prepositions an attribution verb of `data/attribution_cues.txt` takes (`None` for
/// its bare use), when the lower-case lemma is one.
pub(crate) fn attribution_preps(lemma: &str) -> Option<&'static [Option<&'static str>]> {
    static TABLE: OnceLock<HashMap<&'static str, Vec<Option<&'static str>>>> = OnceLock::new();
    TABLE
        .get_or_init(|| {
            let mut table: HashMap<&'static str, Vec<Option<&'static str>>> = HashMap::new();
            // The verbs tried and not kept are listed in the file; this variable brings them
            // back, so that bench/quotes_cue_precision.py can judge every candidate again.
            if std::env::var_os("READOUT_ATTRIBUTION_CANDIDATES").is_some() {
                let dropped = ATTRIBUTION_CUES
                    .lines()
                    .filter_map(|l| l.strip_prefix("# dropped:"))
                    .flat_map(str::split_whitespace);
                for lemma in dropped {
                    table.entry(lemma).or_default().push(None);
                }
            }
            for line in ATTRIBUTION_CUES.lines() {
                let line = line.trim_end();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                let mut parts = line.split('\t');
                let lemma = parts.next().unwrap_or_default().trim();
                let prep = parts.next().map(str::trim).filter(|p| !p.is_empty());
                if !lemma.is_empty() {
                    table.entry(lemma).or_default().push(prep);
                }
            }
            table
        })
        .get(lemma)
        .map(Vec::as_slice)
}

/// The lemmas a lower-case verb form may have, by the regular English endings and a few
/// irregular verbs of attribution ("accused" → "accuse", "planned" → "plan", "thought" →
/// "think"); a cheap sieve before the parse gives the real lemma.
pub(crate) fn lemmas_of(lower: &str) -> impl Iterator<Item = String> + '_ {
    let irregular = match lower {
        "thought" => Some("think"),
        "sought" => Some("seek"),
        "saw" | "seen" => Some("see"),
        "knew" | "known" => Some("know"),
        "found" => Some("find"),
        "shown" => Some("show"),
        _ => None,
    };
    let mut out: Vec<String> = vec![lower.to_string()];
    out.extend(irregular.map(str::to_string));
    for (suffix, add) in [
        ("ies", "y"),
        ("ied", "y"),
        ("es", ""),
        ("s", ""),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
    ] {
        if let Some(stem) = lower.strip_suffix(suffix).filter(|s| s.len() >= 2) {
            out.push(format!("{stem}{add}"));
            // "planned", "planning": a doubled final consonant.
            let b = stem.as_bytes();
            if add.is_empty() && b.len() >= 3 && b[b.len() - 1] == b[b.len() - 2] {
                out.push(stem[..stem.len() - 1].to_string());
            }
        }
    }
    out.into_iter()
}

/// Whether a lower-case noun names a gathering where statements are made ("at a news
/// conference", "at the forum").
pub(crate) fn is_venue_noun(lower: &str) -> bool {
    matches!(
        lower,
        "conference"
            | "briefing"
            | "rally"
            | "forum"
            | "summit"
            | "hearing"
            | "session"
            | "convention"
            | "assembly"
    )
}

/// Whether a lower-case word names a document whose author may follow it ("a report by",
/// "a statement from").
pub(crate) fn is_document_noun(lower: &str) -> bool {
    is_medium_noun(lower)
        || matches!(
            lower,
            "report"
                | "reports"
                | "study"
                | "survey"
                | "analysis"
                | "article"
                | "memo"
                | "document"
        )
}

/// Whether a lower-case word is a subject pronoun or one that can stand for a speaker.
pub(crate) fn is_pronoun(lower: &str) -> bool {
    matches!(
        lower,
        "he" | "she" | "they" | "i" | "we" | "it" | "you" | "who"
    )
}

/// Cue forms that still introduce a statement when capitalised in a title-case headline
/// ("Minister Says Talks Will Resume").
pub(crate) fn is_headline_cue(lower: &str) -> bool {
    matches!(
        lower,
        "says"
            | "say"
            | "said"
            | "tells"
            | "told"
            | "warns"
            | "warned"
            | "insists"
            | "admits"
            | "denies"
            | "vows"
            | "urges"
            | "asks"
            | "reveals"
            | "explains"
            | "argues"
            | "stresses"
            | "claims"
            | "declares"
            | "announces"
            | "confirms"
            | "suggests"
            | "predicts"
            | "writes"
    )
}

/// Words that head a share of people ("Thirty percent said", "a majority say").
pub(crate) fn is_quantity(lower: &str) -> bool {
    matches!(
        lower,
        "percent"
            | "%"
            | "majority"
            | "minority"
            | "half"
            | "third"
            | "thirds"
            | "quarter"
            | "quarters"
            | "plurality"
            | "most"
            | "many"
            | "few"
            | "some"
            | "all"
            | "none"
    )
}

/// Lower-case nouns that can head a speaker's description ("a senior official", "the
/// Kremlin aide", "sources", "the two leaders", "a new poll").
pub(crate) fn is_source_noun(lower: &str) -> bool {
    let singular = lower.strip_suffix('s').unwrap_or(lower);
    matches!(
        singular,
        "official"
            | "spokesman"
            | "spokeswoman"
            | "spokesperson"
            | "spokespeople"
            | "source"
            | "aide"
            | "adviser"
            | "advisor"
            | "minister"
            | "president"
            | "leader"
            | "analyst"
            | "expert"
            | "report"
            | "statement"
            | "survey"
            | "poll"
            | "study"
            | "studie"
            | "police"
            | "authoritie"
            | "critic"
            | "people"
            | "resident"
            | "witness"
            | "witnesse"
            | "lawmaker"
            | "senator"
            | "governor"
            | "campaign"
            | "ministry"
            | "government"
            | "agency"
            | "company"
            | "group"
            | "party"
            | "side"
            | "team"
            | "two"
            | "both"
            | "other"
            | "observer"
            | "diplomat"
            | "officer"
            | "investigator"
            | "prosecutor"
            | "lawyer"
            | "attorney"
            | "judge"
            | "court"
            | "researcher"
            | "scientist"
            | "economist"
            | "doctor"
            | "member"
            | "supporter"
            | "opponent"
            | "voter"
            | "candidate"
            | "nominee"
            | "chairman"
            | "chairwoman"
            | "chair"
            | "director"
            | "chief"
            | "head"
            | "ceo"
            | "secretary"
            | "ambassador"
            | "envoy"
            | "commander"
            | "general"
            | "mayor"
            | "sheriff"
            | "representative"
            | "congressman"
            | "congresswoman"
            | "speaker"
            | "document"
            | "memo"
            | "letter"
            | "filing"
            | "data"
            | "figure"
            | "website"
            | "article"
            | "newspaper"
            | "paper"
            | "network"
            | "media"
            | "outlet"
            | "administration"
            | "department"
            | "office"
            | "military"
            | "army"
            | "protester"
            | "activist"
            | "organizer"
            | "parent"
            | "family"
            | "friend"
            | "colleague"
            | "author"
            | "writer"
            | "columnist"
            | "editor"
            | "reporter"
            | "host"
            | "anchor"
            | "historian"
            | "professor"
            | "strategist"
            | "pollster"
            | "consultant"
            | "operative"
            | "insider"
            | "person"
            | "man"
            | "woman"
            | "men"
            | "women"
            | "everyone"
            | "democrat"
            | "republican"
            | "staff"
            | "staffer"
            | "manager"
            | "founder"
            | "owner"
            | "executive"
            | "union"
            | "council"
            | "committee"
            | "board"
            | "commission"
            | "organization"
            | "organisation"
            | "ally"
            | "allie"
            | "counterpart"
            | "negotiator"
            | "delegation"
            | "embassy"
            | "regulator"
            | "agencie"
            | "firm"
            | "bank"
            | "watchdog"
            | "coalition"
            | "movement"
            | "user"
            | "employee"
            | "worker"
            | "student"
            | "teacher"
            | "citizen"
            | "american"
            | "pundit"
            | "commentator"
            | "biographer"
            | "premier"
            | "chancellor"
            | "king"
            | "queen"
            | "prince"
            | "pope"
            | "cleric"
            | "rabbi"
            | "bishop"
            | "pastor"
            | "victim"
            | "survivor"
    )
}

/// Lower-case words that name an audience after "told" ("reporters", "the audience").
pub(crate) fn is_audience_word(lower: &str) -> bool {
    matches!(
        lower,
        "reporters"
            | "journalists"
            | "press"
            | "audience"
            | "crowd"
            | "supporters"
            | "lawmakers"
            | "legislators"
            | "parliament"
            | "congress"
            | "senate"
            | "committee"
            | "conference"
            | "briefing"
            | "students"
            | "voters"
            | "delegates"
            | "rally"
            | "gathering"
            | "forum"
            | "summit"
            | "meeting"
            | "viewers"
            | "listeners"
            | "readers"
            | "followers"
            | "members"
            | "investors"
            | "analysts"
            | "staff"
            | "employees"
            | "workers"
            | "residents"
            | "troops"
            | "people"
            | "nation"
            | "media"
            | "newsmen"
            | "correspondents"
            | "television"
            | "radio"
    )
}

/// Lower-case nouns of a medium ("in a statement", "in a post", "in an interview").
pub(crate) fn is_medium_noun(lower: &str) -> bool {
    matches!(
        lower,
        "statement"
            | "interview"
            | "post"
            | "tweet"
            | "letter"
            | "speech"
            | "release"
            | "op-ed"
            | "email"
            | "e-mail"
            | "video"
            | "memo"
            | "broadcast"
            | "podcast"
            | "message"
            | "column"
            | "essay"
            | "article"
            | "blog"
            | "address"
            | "remarks"
            | "comments"
            | "filing"
            | "report"
            | "posting"
            | "note"
            | "briefing"
            | "conference"
            | "appearance"
            | "testimony"
            | "hearing"
            | "book"
            | "memoir"
            | "editorial"
            | "announcement"
            | "communique"
            | "declaration"
            | "telegram"
            | "livestream"
    )
}

/// Lower-case words of a platform or channel after "on" ("on his social media platform",
/// "on Twitter", "on state television").
pub(crate) fn is_platform_word(lower: &str) -> bool {
    matches!(
        lower,
        "platform"
            | "twitter"
            | "x"
            | "facebook"
            | "instagram"
            | "telegram"
            | "tiktok"
            | "youtube"
            | "truth"
            | "social"
            | "media"
            | "website"
            | "blog"
            | "television"
            | "tv"
            | "radio"
            | "air"
            | "podcast"
            | "channel"
            | "account"
            | "feed"
            | "page"
            | "weibo"
            | "linkedin"
            | "threads"
            | "bluesky"
            | "substack"
    )
}

/// Words that end a noun phrase when read leftwards from a verb: conjunctions,
/// subordinators, relative words and prepositions.
pub(crate) fn is_np_boundary(lower: &str) -> bool {
    matches!(
        lower,
        "that"
            | "and"
            | "but"
            | "or"
            | "nor"
            | "because"
            | "while"
            | "when"
            | "whereas"
            | "as"
            | "if"
            | "after"
            | "before"
            | "which"
            | "where"
            | "since"
            | "so"
            | "than"
            | "then"
            | "with"
            | "in"
            | "on"
            | "at"
            | "for"
            | "from"
            | "by"
            | "to"
            | "about"
            | "during"
            | "into"
            | "under"
            | "over"
            | "though"
            | "although"
            | "unless"
            | "until"
            | "whether"
            | "what"
            | "how"
            | "why"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "not"
            | "also"
            | "yet"
            | "even"
            | "just"
            | "however"
            | "meanwhile"
            | "notably"
            | "instead"
            | "thus"
            | "still"
    )
}

/// Words that may sit between a speaker and the cue ("also", "has", "further", "once
/// again") and are passed over when looking for the speaker.
pub(crate) fn is_cue_modifier(lower: &str) -> bool {
    matches!(
        lower,
        "also"
            | "further"
            | "once"
            | "again"
            | "repeatedly"
            | "reportedly"
            | "later"
            | "then"
            | "has"
            | "had"
            | "have"
            | "will"
            | "would"
            | "could"
            | "may"
            | "might"
            | "previously"
            | "recently"
            | "publicly"
            | "privately"
            | "separately"
            | "earlier"
            | "first"
            | "often"
            | "flatly"
            | "simply"
            | "quickly"
            | "initially"
            | "subsequently"
            | "already"
            | "long"
            | "always"
            | "never"
            | "bluntly"
            | "openly"
            | "angrily"
            | "frequently"
            | "explicitly"
            | "clearly"
            | "specifically"
            | "directly"
            | "repeated"
            | "similarly"
            | "likewise"
            | "yesterday"
            | "today"
    ) || is_manner_adverb(lower)
}

/// Whether a lower-case word is an adverb in "-ly" ("candidly", "quietly", "tersely"): any
/// such word of five letters or more, except the nouns and adjectives that end so and can
/// head a source or stand before a verb ("the family said", "an ally says").
fn is_manner_adverb(lower: &str) -> bool {
    lower.len() >= 5
        && lower.ends_with("ly")
        && !matches!(
            lower,
            "family"
                | "ally"
                | "rally"
                | "supply"
                | "reply"
                | "assembly"
                | "belly"
                | "bully"
                | "monopoly"
                | "anomaly"
                | "daily"
                | "weekly"
                | "monthly"
                | "quarterly"
                | "yearly"
                | "tally"
                | "folly"
                | "homily"
                | "jelly"
                | "gully"
                | "melancholy"
                | "elderly"
                | "lonely"
                | "friendly"
                | "costly"
                | "deadly"
                | "holy"
                | "ugly"
                | "silly"
                | "early"
                | "only"
                | "likely"
                | "unlikely"
        )
}

/// Words that make the next word a noun, not a verb ("the claims", "his remarks").
pub(crate) fn is_determiner(lower: &str) -> bool {
    matches!(
        lower,
        "the"
            | "a"
            | "an"
            | "his"
            | "her"
            | "their"
            | "its"
            | "our"
            | "my"
            | "your"
            | "this"
            | "these"
            | "those"
            | "such"
            | "no"
            | "any"
            | "every"
            | "each"
            | "of"
            | "to"
            | "'s"
            | "’s"
    )
}

/// Cue forms that may be followed by "to" and still introduce a statement ("said to
/// reporters", "wrote to the committee"); for others "to" starts an infinitive
/// ("continued to insist").
pub(crate) fn allows_to(lower: &str) -> bool {
    matches!(
        lower,
        "said"
            | "say"
            | "says"
            | "saying"
            | "wrote"
            | "write"
            | "writes"
            | "writing"
            | "explained"
            | "complained"
            | "posted"
            | "replied"
            | "responded"
            | "admitted"
            | "confided"
            | "boasted"
            | "tweeted"
            | "declared"
            | "announced"
            | "reported"
            | "mentioned"
            | "commented"
            | "confirmed"
            | "stated"
            | "insisted"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lemmas_cover_regular_and_irregular_forms() {
        let has = |form: &str, lemma: &str| lemmas_of(form).any(|l| l == lemma);
        assert!(has("accused", "accuse"));
        assert!(has("urges", "urge"));
        assert!(has("criticizing", "criticize"));
        assert!(has("planned", "plan"));
        assert!(has("denies", "deny"));
        assert!(has("thought", "think"));
        assert!(!has("said", "sail"));
    }

    #[test]
    fn the_lists_combine_with_overrides() {
        let lex = Lexicon::embedded();
        assert_eq!(lex.cue("said"), Some(CueClass::Strong));
        assert_eq!(lex.cue("stressed"), Some(CueClass::Strong));
        assert_eq!(lex.cue("believes"), Some(CueClass::Weak));
        assert_eq!(lex.cue("ensure"), None, "excluded from the list");
        assert_eq!(lex.cue("table"), None);
    }

    #[test]
    fn overrides_add_change_and_remove() {
        let lex = Lexicon::parse(
            "said\nsay\nfoo\n",
            "# c\nsay\tweak\nfoo\texclude\nbar\tstrong\n",
        );
        assert_eq!(lex.cue("said"), Some(CueClass::Strong));
        assert_eq!(lex.cue("say"), Some(CueClass::Weak));
        assert_eq!(lex.cue("foo"), None);
        assert_eq!(lex.cue("bar"), Some(CueClass::Strong));
    }
}
