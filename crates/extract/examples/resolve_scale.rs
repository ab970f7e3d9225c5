//! Times batch resolution of the incremental bench's synthetic collection at given sizes and
//! prints a hash of each record, for A/B runs without criterion:
//! `cargo run --release -p dossier-extract --example resolve_scale -- 10000 40000`.

#[path = "../benches/common/mod.rs"]
mod common;

use std::hash::{DefaultHasher, Hash, Hasher};
use std::time::Instant;

use common::{base, world_copy, SyntheticDoc};
use dossier_extract::{DocumentRef, Resolver};

fn main() {
    let sizes: Vec<usize> = std::env::args().skip(1).filter_map(|s| s.parse().ok()).collect();
    let largest = sizes.iter().copied().max().unwrap_or(0);
    let base = base(7, largest);
    let docs: Vec<SyntheticDoc> = (0..largest).map(|i| world_copy(&base[i % base.len()], i / base.len(), i)).collect();
    for &n in &sizes {
        let refs: Vec<DocumentRef<'_>> = docs[..n]
            .iter()
            .enumerate()
            .map(|(k, d)| DocumentRef { key: k as u64 + 1, extraction: &d.extraction })
            .collect();
        let start = Instant::now();
        let r = Resolver::resolve(&refs, &[]);
        let took = start.elapsed();
        let mut h = DefaultHasher::new();
        serde_json::to_string(&r.record()).unwrap_or_default().hash(&mut h);
        println!("{n}\t{:.3}s\trecord {:016x}", took.as_secs_f64(), h.finish());
    }
}
