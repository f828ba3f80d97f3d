//! The published JSON Schema of the record must be the one generated from the types.

#[test]
fn checked_in_schema_is_current() {
    let schema = schemars::schema_for!(readout_model::record::ArticleRecord);
    let generated = serde_json::to_string_pretty(&schema).expect("schema serialises") + "\n";
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/record.schema.json");
    if std::env::var_os("UPDATE_SCHEMA").is_some() {
        std::fs::write(path, &generated).expect("write schema");
        return;
    }
    let checked_in = std::fs::read_to_string(path).unwrap_or_default();
    assert!(
        checked_in == generated,
        "docs/record.schema.json is out of date; regenerate it with \
         `cargo run -p readout-cli -- schema > docs/record.schema.json` \
         (or UPDATE_SCHEMA=1 cargo test -p readout-model --test schema)"
    );
}
