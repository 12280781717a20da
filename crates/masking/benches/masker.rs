//! Throughput of `Masker::mask` over the dev corpus: messages with entities, and clean
//! messages (the corpus's non-sensitive lines: dates, amounts, order numbers, IPs, versions).

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use masking::Masker;

/// The corpus texts, split into lines with entities and lines without.
fn corpus() -> (Vec<String>, Vec<String>) {
    let path =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/masking-dev.jsonl");
    let text = std::fs::read_to_string(&path).expect("dev corpus");
    let (mut with, mut clean) = (Vec::new(), Vec::new());
    for line in text.lines() {
        let row: serde_json::Value = serde_json::from_str(line).expect("corpus line");
        let message = row["text"].as_str().expect("text").to_owned();
        let has_entities = row["entities"].as_array().is_some_and(|e| !e.is_empty());
        if has_entities {
            with.push(message);
        } else {
            clean.push(message);
        }
    }
    (with, clean)
}

fn bench(c: &mut Criterion) {
    let masker = Masker::new();
    let (with, clean) = corpus();
    let mut group = c.benchmark_group("mask");
    for (name, lines) in [("with_entities", &with), ("clean", &clean)] {
        let bytes: usize = lines.iter().map(String::len).sum();
        group.throughput(Throughput::Bytes(bytes as u64));
        group.bench_function(name, |b| {
            b.iter(|| {
                for line in lines {
                    black_box(masker.mask(black_box(line)));
                }
            })
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
