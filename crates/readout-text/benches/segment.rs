//! Criterion benchmark of [`readout_text::segment`] over the shared news corpus.
//!
//! The corpus path defaults to `../../../shared/corpus/newsarticles.jsonl` relative to the
//! crate and can be overridden with `READOUT_CORPUS`.

use criterion::{criterion_group, criterion_main, Criterion, Throughput};

fn load() -> Vec<String> {
    let path = std::env::var("READOUT_CORPUS").unwrap_or_else(|_| {
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../../shared/corpus/newsarticles.jsonl"
        )
        .to_owned()
    });
    let data = match std::fs::read_to_string(&path) {
        Ok(d) => d,
        Err(e) => {
            eprintln!("cannot read {path}: {e}; benchmarking a built-in sample instead");
            "Mr. J. R. Smith of Acme Corp. arrived in the U.S. on Jan. 5. \"We will win,\" he said.\n\n"
                .repeat(2000)
        }
    };
    let texts: Vec<String> = data
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter_map(|v| v.get("text").and_then(|t| t.as_str()).map(str::to_owned))
        .collect();
    if texts.is_empty() {
        vec![data]
    } else {
        texts
    }
}

fn bench(c: &mut Criterion) {
    let texts = load();
    let bytes: usize = texts.iter().map(String::len).sum();
    let mut group = c.benchmark_group("segment");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.sample_size(10);
    group.bench_function("corpus", |b| {
        let mut out = readout_text::Segmentation::default();
        b.iter(|| {
            let mut tokens = 0;
            for t in &texts {
                readout_text::segment_into(t, &mut out);
                tokens += out.tokens.len();
            }
            tokens
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
