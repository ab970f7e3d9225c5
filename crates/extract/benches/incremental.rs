//! Incremental resolution at scale: resolving 10,000 and 100,000 documents in one go (their
//! ratio shows how the cost grows), and absorbing one more document into a resolution of
//! 10,000 and of 100,000, with the entities and events it changes made ready to save.
//!
//! The collections are synthetic (see `common/mod.rs`). Sizes come from
//! `DOSSIER_BENCH_SIZES` (default `10000,100000`). Run with
//! `cargo bench -p dossier-extract --bench incremental`.

mod common;

use std::hint::black_box;
use std::time::{Duration, Instant};

use common::{base, world_copy, SyntheticDoc};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode};
use dossier_extract::{DocumentRef, Resolver};

// The allocator the `dossier` binary runs with: resolution at 100k documents allocates and
// frees about a gigabyte in small pieces, and the figures should be the ones users get.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Hands the heap's free pages back to the system, so that a resolution starts as in a fresh
/// process. Without it the allocator keeps the pages a sample freed for a second and the
/// next sample reuses them: a 10,000 document sample (a quarter of a second) never pays for
/// its memory while a 100,000 one (four seconds) pays for most of its own, and the ratio of
/// the two measures the allocator's timer as much as the resolver. Even so the system serves
/// a small heap again more cheaply than a large one (after the first sample, a 10k run
/// spends a few hundredths of a second in the kernel, a 100k run about a second), which is
/// why `scripts/bench.sh` also times both sizes on a warmed heap (`resolve_scale --warm`).
/// The resolver's drop is left out of the timing for the same reason.
fn cold_heap() {
    // SAFETY: `mi_collect` takes no pointer and may be called at any time on any thread.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

fn sizes() -> Vec<usize> {
    std::env::var("DOSSIER_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .filter(|v: &Vec<usize>| !v.is_empty())
        .unwrap_or_else(|| vec![10_000, 100_000])
}

fn refs(docs: &[SyntheticDoc]) -> Vec<DocumentRef<'_>> {
    docs.iter().enumerate().map(|(k, d)| DocumentRef { key: k as u64 + 1, extraction: &d.extraction }).collect()
}

/// Absorbs one document and makes the changed rows of the record, as a store update needs.
fn add_one(resolver: &mut Resolver, doc: DocumentRef<'_>) -> usize {
    let change = resolver.absorb(&[doc], &[]).expect("a new world's report changes no earlier decision");
    let entities = change.entities.iter().filter_map(|&(id, _)| resolver.entity(id)).count();
    let events = change.events.iter().filter_map(|&p| resolver.event_with_conflicts(p)).count();
    entities + events
}

fn bench(c: &mut Criterion) {
    let sizes = sizes();
    let largest = sizes.iter().copied().max().unwrap_or(0);
    let base = base(7, largest);
    let docs: Vec<SyntheticDoc> = (0..largest).map(|i| world_copy(&base[i % base.len()], i / base.len(), i)).collect();

    let mut g = c.benchmark_group("resolve_batch");
    g.sampling_mode(SamplingMode::Flat).sample_size(10).warm_up_time(Duration::from_millis(1));
    for &n in &sizes {
        let refs = refs(&docs[..n]);
        g.bench_function(BenchmarkId::new("documents", n), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    cold_heap();
                    let start = Instant::now();
                    let resolver = black_box(Resolver::resolve(&refs, &[]));
                    total += start.elapsed();
                    drop(resolver);
                }
                total
            })
        });
    }
    g.finish();

    let mut g = c.benchmark_group("absorb_one");
    // A short measurement: every iteration grows the state by one document.
    g.sample_size(10).measurement_time(Duration::from_secs(1)).warm_up_time(Duration::from_millis(200));
    for &n in &sizes {
        let mut resolver = Resolver::resolve(&refs(&docs[..n]), &[]);
        // Each iteration adds a report of a world of its own (new people, shared places,
        // organisations and dates), under a new key.
        let mut next = 0usize;
        g.bench_function(BenchmarkId::new("into", n), |b| {
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let doc = world_copy(&base[next % base.len()], 1_000_000 + next, n + next);
                    let key = (n + next + 1) as u64;
                    next += 1;
                    let start = Instant::now();
                    black_box(add_one(&mut resolver, DocumentRef { key, extraction: &doc.extraction }));
                    total += start.elapsed();
                }
                total
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
