//! Span invariants of the whole path from raw bytes to the record: for any plain-text
//! input, every article's sentence and token spans lie inside its text on character
//! boundaries, sentences tile the text without overlap, and the source map leads back to
//! the very bytes of the input; and the parse gives every token one head in its own
//! sentence, each sentence a single root and no cycle.

use proptest::prelude::*;
use readout::{Pipeline, PipelineConfig};
use readout_ingest::{finish, text_articles, IngestConfig, Ingested};

/// Pieces that make news-like pages: headlines, datelines, quotes, breaks, odd bytes.
fn piece() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        Just(b"Harbour Workers Return After Strike".to_vec()),
        Just(b"OSLO (Reuters) - ".to_vec()),
        Just("Lisbon: ".as_bytes().to_vec()),
        Just(b"The U.S. envoy met Mr. Lund on Jan. 5. ".to_vec()),
        Just(
            "\u{201C}We will not abandon it,\u{201D} she said. "
                .as_bytes()
                .to_vec()
        ),
        Just(b"\"Go!\" Anna shouted. ".to_vec()),
        Just(
            "Prices rose 3.5% \u{2014} a record\u{00A0}high. "
                .as_bytes()
                .to_vec()
        ),
        Just(b"\n".to_vec()),
        Just(b"\n\n".to_vec()),
        Just(b"\r\n".to_vec()),
        Just(b"\n---\n".to_vec()),
        Just(b"# Heading Line\n".to_vec()),
        Just(b"    ".to_vec()),
        Just(vec![0xff, 0xfe]),
        Just(vec![0xe2, 0x80]),
        "[a-zA-Z .,;:!?'\"()\\-]{0,30}".prop_map(String::into_bytes),
        "\\PC{0,12}".prop_map(String::into_bytes),
    ]
}

fn page() -> impl Strategy<Value = Vec<u8>> {
    prop::collection::vec(piece(), 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn spans_and_maps_hold_for_any_text(raw in page()) {
        let config = IngestConfig::default();
        // Tokens in the record make the pipeline parse every sentence.
        let pipeline = Pipeline::new(PipelineConfig {
            threads: 1,
            tokens: true,
            ..PipelineConfig::default()
        })
        .expect("pipeline");
        for item in text_articles("prop.txt", &raw, &config) {
            let Ingested::Article(mut article) = item else { continue };
            finish(&mut article, &config);
            let doc = pipeline.process(*article);
            let text = &doc.article.text;

            // Sentences: inside, on boundaries, ordered, disjoint, covering every
            // non-white-space character.
            let mut covered = vec![false; text.len()];
            let mut prev_end = 0;
            for s in &doc.sentences {
                prop_assert!(s.span.start < s.span.end && s.span.end <= text.len());
                prop_assert!(text.is_char_boundary(s.span.start) && text.is_char_boundary(s.span.end));
                prop_assert!(s.span.start >= prev_end, "overlap at {}", s.span.start);
                prev_end = s.span.end;
                covered[s.span.start..s.span.end].iter_mut().for_each(|c| *c = true);
                for t in &doc.tokens[s.tokens.clone()] {
                    prop_assert!(s.span.contains(t.span), "token outside its sentence");
                    prop_assert!(text.is_char_boundary(t.span.start) && text.is_char_boundary(t.span.end));
                }
            }
            for (i, ch) in text.char_indices() {
                if !ch.is_whitespace() {
                    prop_assert!(covered[i], "char {ch:?} at {i} in no sentence");
                }
            }

            // The source map leads back to the same bytes wherever it copies them.
            let map = doc.article.source_map.as_ref().expect("plain text has a map");
            for run in &map.runs {
                prop_assert!(run.text_end <= text.len() && run.raw_end <= raw.len());
                if run.text_end - run.text_start == run.raw_end - run.raw_start {
                    prop_assert_eq!(
                        &text.as_bytes()[run.text_start..run.text_end],
                        &raw[run.raw_start..run.raw_end]
                    );
                } else {
                    prop_assert_eq!(&text[run.text_start..run.text_end], "\u{FFFD}");
                }
            }
            // The dateline's raw range holds the dateline as written.
            if let Some(d) = &doc.article.dateline {
                if let (Some(s), Some(e)) = (d.raw_start, d.raw_end) {
                    prop_assert_eq!(&raw[s..e], d.text.as_bytes());
                }
            }
            // The parse: one entry per token; in each sentence one root (no head, `root`),
            // every other token's head in the same sentence and not itself, and following
            // heads from any token reaches the root.
            prop_assert_eq!(doc.syntax.len(), doc.tokens.len());
            for s in &doc.sentences {
                let range = s.tokens.clone();
                let parse = &doc.syntax[range.clone()];
                let roots = parse.iter().filter(|p| p.head.is_none()).count();
                prop_assert_eq!(roots, usize::from(!range.is_empty()));
                for (k, p) in parse.iter().enumerate() {
                    match p.head {
                        None => prop_assert_eq!(p.deprel, readout_model::DepRel::Root),
                        Some(h) => {
                            prop_assert!(range.contains(&h) && h != range.start + k);
                            prop_assert_ne!(p.deprel, readout_model::DepRel::Root);
                        }
                    }
                    let mut at = range.start + k;
                    let mut steps = 0;
                    while let Some(h) = doc.syntax[at].head {
                        at = h;
                        steps += 1;
                        prop_assert!(steps <= range.len(), "a cycle through token {}", range.start + k);
                    }
                }
            }
            // The record shows exactly the spans' text, and heads within the sentence.
            let record = doc.to_record(true);
            for s in &record.sentences {
                prop_assert_eq!(&text[s.start..s.end], s.text.as_str());
                let tokens = s.tokens.as_ref().expect("tokens asked for");
                for t in tokens {
                    prop_assert!(t.head.is_none_or(|h| h < tokens.len()));
                    prop_assert!(t.upos.is_some() && t.deprel.is_some());
                }
            }
        }
    }
}
