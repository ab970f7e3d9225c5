//! Throughput of `extract_document` (MB/s) and the cost of `resolve` over ~1,000 documents.
//!
//! The corpus is synthetic and built in memory (see `common/mod.rs`), so the numbers do not
//! depend on any file. Run with `cargo bench -p dossier-extract --bench extract`.

mod common;

use std::hint::black_box;
use std::time::Duration;

use common::{corpus, document, extract, Rng};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use dossier_extract::{resolve, DocExtraction, DocumentRef};

// The allocator the `dossier` binary runs with: resolution at 100k documents allocates and
// frees about a gigabyte in small pieces, and the figures should be the ones users get.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn bench_extract(c: &mut Criterion) {
    let docs = corpus(1, 400_000, 8);
    let bytes: usize = docs.iter().map(String::len).sum();
    let mut g = c.benchmark_group("extract_document");
    g.sample_size(20).measurement_time(Duration::from_secs(5)).warm_up_time(Duration::from_secs(1));

    // Many report-sized documents, as a collection is.
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function(BenchmarkId::new("corpus", format!("{} docs, {} KB", docs.len(), bytes / 1024)), |b| {
        b.iter(|| {
            for d in &docs {
                black_box(extract(black_box(d)));
            }
        })
    });

    // The same text as one long page: shows any cost that grows faster than the text.
    let long = docs[..docs.len() / 4].join("\n\n");
    g.throughput(Throughput::Bytes(long.len() as u64));
    g.bench_function(BenchmarkId::new("one_long_page", format!("{} KB", long.len() / 1024)), |b| {
        b.iter(|| black_box(extract(black_box(&long))))
    });
    g.finish();
}

fn bench_resolve(c: &mut Criterion) {
    // About 1,000 short reports of a few paragraphs each, sharing names, unions and places.
    let mut r = Rng(2);
    let docs: Vec<String> = (0..1_000)
        .map(|_| {
            let n = 1 + r.below(3);
            document(&mut r, n)
        })
        .collect();
    let extractions: Vec<DocExtraction> = docs.iter().map(|d| extract(d)).collect();
    let refs: Vec<DocumentRef<'_>> =
        extractions.iter().enumerate().map(|(k, extraction)| DocumentRef { key: k as u64 + 1, extraction }).collect();
    let mut g = c.benchmark_group("resolve");
    g.sample_size(20).measurement_time(Duration::from_secs(5)).warm_up_time(Duration::from_secs(1));
    g.throughput(Throughput::Elements(refs.len() as u64));
    g.bench_function(BenchmarkId::new("documents", refs.len()), |b| {
        b.iter(|| black_box(resolve(black_box(&refs), &[])))
    });
    g.finish();
}

criterion_group!(benches, bench_extract, bench_resolve);
criterion_main!(benches);
