//! Builds the story grouping's prior document frequencies
//! (`crates/readout-cluster/data/story_prior.tsv`): the word and name features of every
//! article of the corpus files given, through the default pipeline, counted once per
//! article. The output is sorted, so a rebuild from the same corpus gives the same bytes.
//!
//! `cargo run --release -p readout --example story_prior -- ../shared/corpus/newsarticles.jsonl ../shared/corpus/reuters21578.jsonl > crates/readout-cluster/data/story_prior.tsv`

use readout::{Pipeline, PipelineConfig};
use readout_cluster::Prior;
use readout_ingest::{Ingest, IngestConfig, Ingested, Input};

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() || !paths.iter().all(|p| std::path::Path::new(p).exists()) {
        eprintln!("skipped: give the corpus files (../shared/corpus/*.jsonl)");
        std::process::exit(2);
    }
    let pipeline = Pipeline::new(PipelineConfig::default()).expect("configuration");
    let inputs = paths.iter().map(|p| Input::parse(p)).collect();
    let mut prior = Prior::default();
    for item in Ingest::new(inputs, IngestConfig::default()) {
        if let Ingested::Article(a) = item {
            prior.count(&pipeline.process(*a).story_features());
        }
    }
    println!("# Prior document frequencies of the story grouping's words (W) and names (N):");
    println!("# how many articles of ../shared/corpus (newsarticles.jsonl, reuters21578.jsonl) hold each,");
    println!(
        "# terms held by {} or more. Built by crates/readout/examples/story_prior.rs; do not edit.",
        readout_cluster::PRIOR_MIN_ARTICLES
    );
    print!("{}", prior.to_text());
}
