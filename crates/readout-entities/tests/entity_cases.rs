//! Entity patterns case by case (`tests/data/entity_cases.jsonl`, invented persons and
//! companies): each case names entities that must be found, with their type and actor code
//! where given, and phrases that must not be the name of any entity or mention.

use readout_entities::Recognizer;
use serde_json::Value;

#[test]
fn entity_cases() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/entity_cases.jsonl");
    let text = std::fs::read_to_string(path).unwrap();
    let mut failed = Vec::new();
    let mut cases = 0;
    for (n, line) in text.lines().enumerate() {
        let case: Value =
            serde_json::from_str(line).unwrap_or_else(|e| panic!("{path}:{}: {e}", n + 1));
        cases += 1;
        let name = case["name"].as_str().unwrap();
        let text = case["text"].as_str().unwrap();
        let seg = readout_text::segment(text);
        let entities = Recognizer::embedded().entities(text, &seg.tokens, &seg.sentences);
        // Each entity once per mention text, so that a name written twice ("GENEVA" in a
        // headline, "Geneva" below) is found by either.
        let found: Vec<(String, &str, String)> = entities
            .iter()
            .flat_map(|e| e.mentions.iter().map(move |m| (e, m)))
            .filter(|(_, m)| {
                matches!(
                    m.link,
                    readout_model::MentionLink::Name | readout_model::MentionLink::PartialName
                )
            })
            .map(|(e, m)| {
                let code = e.code.as_ref().map_or(String::new(), |c| {
                    format!(
                        "{}:{}",
                        c.country.as_deref().unwrap_or(""),
                        c.sector.as_deref().unwrap_or("")
                    )
                });
                (
                    m.span.slice(text).unwrap_or("").to_string(),
                    e.kind.as_str(),
                    code,
                )
            })
            .collect();
        for want in case["present"].as_array().unwrap() {
            let (w, kind, code) = (
                want[0].as_str().unwrap(),
                want[1].as_str(),
                want[2].as_str(),
            );
            let ok = found.iter().any(|(n, k, c)| {
                n == w && kind.is_none_or(|kind| kind == *k) && code.is_none_or(|code| code == c)
            });
            if !ok {
                failed.push(format!("{name}: want {want} among {found:?}"));
            }
        }
        for absent in case["absent"].as_array().unwrap() {
            let absent = absent.as_str().unwrap();
            let hit = entities.iter().any(|e| {
                e.mentions
                    .iter()
                    .any(|m| m.span.slice(text) == Some(absent))
            });
            if hit {
                failed.push(format!("{name}: {absent:?} is a mention, among {found:?}"));
            }
        }
    }
    assert!(cases >= 8, "only {cases} cases read");
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}
