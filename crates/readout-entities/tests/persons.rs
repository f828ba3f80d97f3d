//! The Phoenix person fallback, case by case (`tests/data/persons_cases.json`, invented
//! persons), and through the whole pipeline with a real entry of the committed table.

use chrono::NaiveDate;
use readout_entities::persons::Persons;
use serde_json::Value;

#[test]
fn persons_cases() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/persons_cases.json");
    let data: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let table: Vec<&str> = data["table"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap())
        .collect();
    let persons = Persons::parse(&table.join("\n")).unwrap();
    let mut failed = Vec::new();
    for case in data["cases"].as_array().unwrap() {
        let name = case["name"].as_str().unwrap();
        let on = case["on"]
            .as_str()
            .map(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").unwrap());
        let code = persons.code_on(name, on).unwrap_or_default();
        let want = (
            case["country"].as_str().map(str::to_string),
            case["sector"].as_str().map(str::to_string),
        );
        if (code.country.clone(), code.sector.clone()) != want {
            failed.push(format!(
                "{name} on {on:?}: got {:?} {:?}, want {want:?} ({})",
                code.country, code.sector, case["why"]
            ));
        }
    }
    assert!(failed.is_empty(), "{}", failed.join("\n"));
}

#[test]
fn a_bare_name_gets_the_code_of_its_publication_date_in_the_pipeline() {
    let config = readout::PipelineConfig::default();
    let pipeline = readout::Pipeline::new(config).unwrap();
    let text = "Vladimir Putin said on Tuesday that talks would go on.";
    let code_on = |published: &str| {
        let article = readout_model::Article {
            text: text.to_string(),
            published: Some(readout_model::Published::date(
                NaiveDate::parse_from_str(published, "%Y-%m-%d").unwrap(),
            )),
            ..Default::default()
        };
        let doc = pipeline.process(article);
        let putin = doc
            .entities
            .iter()
            .find(|e| e.name.slice(text) == Some("Vladimir Putin"))
            .expect("Putin is found");
        putin.code.clone().map(|c| (c.country, c.sector))
    };
    let code = |c: &str, s: &str| Some((Some(c.to_string()), Some(s.to_string())));
    assert_eq!(code_on("2025-07-03"), code("RUS", "GOV"));
    // Between his terms as president he was prime minister: an elite code until 1999.
    assert_eq!(code_on("1995-01-01"), code("RUS", "ELI"));
}
