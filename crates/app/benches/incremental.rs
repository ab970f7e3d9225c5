//! Adding one document to a stored collection, end to end: open the store, insert the
//! document, refresh the record (the saved resolver state absorbs it, the changed record rows
//! and the state are saved in one transaction). Prints the median of several additions for
//! each collection size, and the one-off cost of resolving the whole collection first.
//!
//! Sizes come from `DOSSIER_BENCH_SIZES` (default `10000,100000`). Run with
//! `cargo bench -p dossier --bench incremental`.

#[path = "../../extract/benches/common/mod.rs"]
mod common;

use std::time::{Duration, Instant};

use common::{base, world_copy, SyntheticDoc};
use dossier::pipeline::refresh_record;
use dossier_extract::EXTRACTOR_VERSION;
use dossier_store::{NewDocument, Store};

// The allocator the `dossier` binary runs with, so the figures are the ones users get.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// How many single documents are added (and timed) per size.
const ADDITIONS: usize = 9;

fn sizes() -> Vec<usize> {
    std::env::var("DOSSIER_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .filter(|v: &Vec<usize>| !v.is_empty())
        .unwrap_or_else(|| vec![10_000, 100_000])
}

fn insert(store: &mut Store, serial: usize, doc: &SyntheticDoc) {
    let new = NewDocument {
        path: format!("synthetic/{serial}.txt"),
        title: None,
        published: None,
        sha256: format!("{serial:064x}"),
        format: "txt".into(),
        text: doc.text.clone(),
        confidential: false,
    };
    store.insert_document(&new, &doc.extraction, EXTRACTOR_VERSION).expect("insert");
}

fn median(mut xs: Vec<Duration>) -> Duration {
    xs.sort();
    xs.get(xs.len() / 2).copied().unwrap_or_default()
}

fn main() {
    // `cargo bench` passes `--bench`; `cargo test --benches` runs this without it: skip then.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let sizes = sizes();
    let largest = sizes.iter().copied().max().unwrap_or(0);
    let base = base(7, largest);
    for n in sizes {
        let dir = tempfile::tempdir().expect("temporary folder");
        let db = dir.path().join("bench.db");
        let mut store = Store::open(&db).expect("open");
        let start = Instant::now();
        for i in 0..n {
            insert(&mut store, i, &world_copy(&base[i % base.len()], i / base.len(), i));
        }
        let inserted = start.elapsed();
        let start = Instant::now();
        refresh_record(&mut store).expect("full resolution");
        let full = start.elapsed();
        drop(store);
        let state_bytes = Store::open(&db).ok().and_then(|s| s.resolver_state_bytes().ok()).unwrap_or(0);

        let mut add = Vec::new();
        let mut refresh = Vec::new();
        for k in 0..ADDITIONS {
            let serial = n + k;
            // A report of a world of its own: new people, shared places, organisations, dates.
            let doc = world_copy(&base[k % base.len()], 1_000_000 + k, serial);
            let start = Instant::now();
            let mut store = Store::open(&db).expect("open");
            insert(&mut store, serial, &doc);
            let inserted_at = start.elapsed();
            refresh_record(&mut store).expect("refresh");
            add.push(start.elapsed());
            refresh.push(start.elapsed() - inserted_at);
        }
        println!(
            "store/{n}: insert {n} documents {:.1} s; resolve all and save {:.2} s (state {:.1} MB); \
             add one document (open, insert, refresh): median {:.0} ms, of which refresh {:.0} ms \
             (min {:.0} ms, max {:.0} ms over {ADDITIONS})",
            inserted.as_secs_f64(),
            full.as_secs_f64(),
            state_bytes as f64 / 1e6,
            median(add.clone()).as_secs_f64() * 1e3,
            median(refresh).as_secs_f64() * 1e3,
            add.iter().min().copied().unwrap_or_default().as_secs_f64() * 1e3,
            add.iter().max().copied().unwrap_or_default().as_secs_f64() * 1e3,
        );
    }
}
