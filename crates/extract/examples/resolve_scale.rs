//! Times batch resolution of the incremental bench's synthetic collection at given sizes and
//! prints a hash of each record, for A/B runs without criterion:
//! `cargo run --release -p dossier-extract --example resolve_scale -- 10000 40000`.
//! With `--rounds R`, the sizes take turns R times and the medians and the ratio of the last
//! size to the first are printed. With `--memory`, it also prints the heap each resolution
//! holds when done and its peak.
//!
//! Each resolution starts from a heap handed back to the system (`cold_heap`), as a fresh
//! process would; run it with `MIMALLOC_PURGE_DELAY=0` so that the allocator hands back
//! every page it frees at once. (The system still serves a small heap again cheaply: after
//! the first round, a 10k run spends a few hundredths of a second in the kernel, a 100k one
//! a second.) With `--warm`, one untimed resolution of the largest size goes first and the
//! heap is kept: run it with `MIMALLOC_PURGE_DELAY=-1`, so that no size pays the system for
//! its pages, and the times compare the work alone. The system's share of each run (CPU
//! time in the kernel, mostly zeroing fresh pages) is printed beside it, where `/proc`
//! tells it.

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

/// Hands the heap's free pages back to the system before each resolution (see the
/// `resolve_batch` bench).
fn cold_heap() {
    // SAFETY: `mi_collect` takes no pointer and may be called at any time on any thread.
    unsafe { libmimalloc_sys::mi_collect(true) }
}

fn median(xs: &mut [f64]) -> f64 {
    xs.sort_by(f64::total_cmp);
    xs.get(xs.len() / 2).copied().unwrap_or(f64::NAN)
}

/// CPU seconds this process spent so far, in user code and in the kernel (from
/// `/proc/self/stat`, in Linux's hundredths of a second; zero where there is none).
fn cpu_seconds() -> (f64, f64) {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // The fields after the command name, which is in parentheses and may hold spaces.
    let fields: Vec<&str> = stat.rsplit_once(')').map_or("", |(_, rest)| rest).split_whitespace().collect();
    let ticks = |i: usize| fields.get(i).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0) / 100.0;
    (ticks(11), ticks(12))
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let memory = args.iter().any(|a| a == "--memory");
    let warm = args.iter().any(|a| a == "--warm");
    let rounds: usize = args
        .iter()
        .position(|a| a == "--rounds")
        .and_then(|i| args.get(i + 1))
        .and_then(|r| r.parse().ok())
        .unwrap_or(1);
    let sizes: Vec<usize> = args
        .iter()
        .enumerate()
        .filter(|(i, _)| *i == 0 || args[i - 1] != "--rounds")
        .filter_map(|(_, s)| s.parse().ok())
        .collect();
    let largest = sizes.iter().copied().max().unwrap_or(0);
    let base = base(7, largest);
    let docs: Vec<SyntheticDoc> = (0..largest).map(|i| world_copy(&base[i % base.len()], i / base.len(), i)).collect();
    let refs_of = |n: usize| -> Vec<DocumentRef<'_>> {
        docs[..n]
            .iter()
            .enumerate()
            .map(|(k, d)| DocumentRef { key: k as u64 + 1, extraction: &d.extraction })
            .collect()
    };
    if warm {
        drop(Resolver::resolve(&refs_of(largest), &[]));
    }
    let mut times: Vec<Vec<f64>> = vec![Vec::new(); sizes.len()];
    // The sizes take turns, so that a slow stretch of a shared machine falls on all of them.
    for _ in 0..rounds {
        for (k, &n) in sizes.iter().enumerate() {
            let refs = refs_of(n);
            if !warm {
                cold_heap();
            }
            LIVE.store(0, Relaxed);
            PEAK.store(0, Relaxed);
            COUNT.store(memory, Relaxed);
            let (user, system) = cpu_seconds();
            let start = Instant::now();
            let r = Resolver::resolve(&refs, &[]);
            let took = start.elapsed();
            let cpu = cpu_seconds();
            let cpu = format!("user {:.2}s\tsystem {:.2}s", cpu.0 - user, cpu.1 - system);
            COUNT.store(false, Relaxed);
            times[k].push(took.as_secs_f64());
            let mut h = DefaultHasher::new();
            serde_json::to_string(&r.record()).unwrap_or_default().hash(&mut h);
            let heap = if memory {
                let mb = |b: usize| b as f64 / 1e6;
                format!("\theld {:.1} MB\tpeak {:.1} MB", mb(LIVE.load(Relaxed)), mb(PEAK.load(Relaxed)))
            } else {
                String::new()
            };
            println!("{n}\t{:.3}s\t{cpu}\trecord {:016x}{heap}", took.as_secs_f64(), h.finish());
        }
    }
    if rounds > 1 {
        let medians: Vec<f64> = times.iter_mut().map(|t| median(t)).collect();
        for (n, m) in sizes.iter().zip(&medians) {
            println!("median {n}\t{m:.3}s");
        }
        if let (Some(first), Some(last)) = (medians.first(), medians.last()) {
            println!("ratio {}/{}\t{:.1}x", sizes[sizes.len() - 1], sizes[0], last / first);
        }
    }
}
