//! Property tests: for any text, spans are valid, sentences tile the non-white-space
//! characters in order, tokens sit inside their sentences, and nothing panics.

use proptest::prelude::*;
use readout_text::segment;

/// Pieces that stress the rules: abbreviations, quotes of every kind, brackets, white space
/// of every kind (including NBSP and Unicode line separators) and multibyte letters.
const PIECES: &[&str] = &[
    "a",
    "Z",
    "word",
    "The",
    "U.S.",
    "Mr.",
    "J.",
    "e.g.",
    "no.",
    "No. 1",
    "3.5",
    "10:00",
    "3,824",
    ".",
    "..",
    "...",
    "…",
    "!",
    "?",
    ",",
    ";",
    ":",
    "-",
    "--",
    "—",
    "–",
    "'",
    "\"",
    "’",
    "‘",
    "“",
    "”",
    "«",
    "»",
    "(",
    ")",
    "[",
    "]",
    "'s",
    "n't",
    "’s",
    "don't",
    "@x",
    "#y",
    "http://a.b/c.",
    "a@b.cd",
    " ",
    "  ",
    "\t",
    "\n",
    "\n\n",
    "\r\n",
    "\r",
    "\u{a0}",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "\u{3000}",
    "é",
    "ß",
    "Ж",
    "中文",
    "。",
    "🎉",
    "e\u{301}",
    "\u{200b}",
    "$",
    "%",
    "&",
    "_",
    "/",
    "\\",
];

fn mixed_text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|v| v.concat())
}

fn check(text: &str) -> Result<(), TestCaseError> {
    let seg = segment(text);
    let mut prev_end = 0;
    let mut next_token = 0;
    for s in &seg.sentences {
        prop_assert!(s.span.start < s.span.end, "empty sentence {:?}", s.span);
        prop_assert!(
            text.get(s.span.start..s.span.end).is_some(),
            "sentence off boundary"
        );
        prop_assert!(
            s.span.start >= prev_end,
            "sentences overlap or are unsorted"
        );
        let between = &text[prev_end..s.span.start];
        prop_assert!(
            between.chars().all(char::is_whitespace),
            "uncovered text {between:?}"
        );
        let body = &text[s.span.start..s.span.end];
        prop_assert!(
            !body.starts_with(char::is_whitespace),
            "sentence not trimmed"
        );
        prop_assert!(!body.ends_with(char::is_whitespace), "sentence not trimmed");
        prop_assert_eq!(s.tokens.start, next_token, "token ranges not contiguous");
        prop_assert!(s.tokens.start < s.tokens.end, "sentence without tokens");
        for t in &seg.tokens[s.tokens.clone()] {
            prop_assert!(t.span.start < t.span.end, "empty token");
            prop_assert!(s.span.contains(t.span), "token outside its sentence");
            let tok = text.get(t.span.start..t.span.end);
            prop_assert!(tok.is_some(), "token off boundary");
            prop_assert!(
                !tok.unwrap_or("").contains(char::is_whitespace),
                "token holds space"
            );
        }
        next_token = s.tokens.end;
        prev_end = s.span.end;
    }
    prop_assert_eq!(next_token, seg.tokens.len(), "tokens outside any sentence");
    prop_assert!(
        text[prev_end..].chars().all(char::is_whitespace),
        "uncovered tail"
    );
    // Tokens cover every non-white-space character too.
    let mut pos = 0;
    for t in &seg.tokens {
        prop_assert!(text[pos..t.span.start].chars().all(char::is_whitespace));
        pos = t.span.end;
    }
    let paragraphs: Vec<usize> = seg.sentences.iter().map(|s| s.paragraph).collect();
    prop_assert!(
        paragraphs.windows(2).all(|w| w[0] <= w[1]),
        "paragraphs decrease"
    );
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn arbitrary_unicode(text in any::<String>()) {
        check(&text)?;
    }

    #[test]
    fn mixed_pieces(text in mixed_text()) {
        check(&text)?;
    }

    #[test]
    fn ascii_soup(text in "[a-zA-Z .,!?'\"()\n\r\t:@#&-]{0,80}") {
        check(&text)?;
    }
}

#[test]
fn empty_and_blank() {
    assert!(segment("").sentences.is_empty());
    assert!(segment(" \n\u{a0}\t").tokens.is_empty());
}
