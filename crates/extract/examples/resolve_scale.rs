//! Times batch resolution of the incremental bench's synthetic collection at given sizes and
//! prints a hash of each record, for A/B runs without criterion:
//! `cargo run --release -p dossier-extract --example resolve_scale -- 10000 40000`.
//! With `--memory`, it also prints the heap the resolution holds when done and its peak.

#[path = "../benches/common/mod.rs"]
mod common;

use std::alloc::{GlobalAlloc, Layout};
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering::Relaxed};
use std::time::Instant;

use common::{base, world_copy, SyntheticDoc};
use dossier_extract::{DocumentRef, Resolver};

/// The allocator the `dossier` binary and the criterion benches run with, counting the live
/// heap when asked to (a relaxed flag read otherwise, so timings are unaffected).
struct Counting;

static COUNT: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNT.load(Relaxed) {
            let live = LIVE.fetch_add(layout.size(), Relaxed) + layout.size();
            PEAK.fetch_max(live, Relaxed);
        }
        // SAFETY: the caller's contract is passed on unchanged.
        unsafe { mimalloc::MiMalloc.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if COUNT.load(Relaxed) {
            LIVE.fetch_sub(layout.size(), Relaxed);
        }
        // SAFETY: as above.
        unsafe { mimalloc::MiMalloc.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if COUNT.load(Relaxed) {
            let live = LIVE.fetch_add(new_size, Relaxed) + new_size;
            LIVE.fetch_sub(layout.size(), Relaxed);
            PEAK.fetch_max(live, Relaxed);
        }
        // SAFETY: as above.
        unsafe { mimalloc::MiMalloc.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let memory = args.iter().any(|a| a == "--memory");
    let sizes: Vec<usize> = args.iter().filter_map(|s| s.parse().ok()).collect();
    let largest = sizes.iter().copied().max().unwrap_or(0);
    let base = base(7, largest);
    let docs: Vec<SyntheticDoc> = (0..largest).map(|i| world_copy(&base[i % base.len()], i / base.len(), i)).collect();
    for &n in &sizes {
        let refs: Vec<DocumentRef<'_>> = docs[..n]
            .iter()
            .enumerate()
            .map(|(k, d)| DocumentRef { key: k as u64 + 1, extraction: &d.extraction })
            .collect();
        LIVE.store(0, Relaxed);
        PEAK.store(0, Relaxed);
        COUNT.store(memory, Relaxed);
        let start = Instant::now();
        let r = Resolver::resolve(&refs, &[]);
        let took = start.elapsed();
        COUNT.store(false, Relaxed);
        let mut h = DefaultHasher::new();
        serde_json::to_string(&r.record()).unwrap_or_default().hash(&mut h);
        let heap = if memory {
            let mb = |b: usize| b as f64 / 1e6;
            format!("\theld {:.1} MB\tpeak {:.1} MB", mb(LIVE.load(Relaxed)), mb(PEAK.load(Relaxed)))
        } else {
            String::new()
        };
        println!("{n}\t{:.3}s\trecord {:016x}{heap}", took.as_secs_f64(), h.finish());
    }
}
