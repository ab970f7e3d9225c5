//! Extraction alone, on one core, over a folder of plain-text reports: `extract_speed DIR
//! [--max-bytes N] [--rounds R] [--dump FILE]`. Prints each round's MB/s and their median, for
//! `scripts/bench.sh`.
//!
//! The files are read once, before timing, so only `extract_document` is measured. They are
//! taken in name order until `--max-bytes`, the rule `scripts/peer_baseline.py` follows, so
//! both measure the same text.

use std::hint::black_box;
use std::path::PathBuf;
use std::time::Instant;

use dossier_extract::{extract_document, DocumentInput};

// The allocator the `dossier` binary runs with, so the figure is the one users get.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut dir: Option<PathBuf> = None;
    let mut max_bytes = usize::MAX;
    let mut rounds = 3usize;
    let mut dump: Option<PathBuf> = None;
    while let Some(a) = args.next() {
        match a.as_str() {
            "--max-bytes" => max_bytes = args.next().and_then(|v| v.parse().ok()).unwrap_or(max_bytes),
            "--rounds" => rounds = args.next().and_then(|v| v.parse().ok()).unwrap_or(rounds).max(1),
            "--dump" => dump = args.next().map(PathBuf::from),
            _ => dir = Some(PathBuf::from(a)),
        }
    }
    let Some(dir) = dir else {
        anyhow::bail!("usage: extract_speed DIR [--max-bytes N] [--rounds R] [--dump FILE]");
    };
    let texts = load(&dir, max_bytes)?;
    let bytes: usize = texts.iter().map(String::len).sum();
    if bytes == 0 {
        anyhow::bail!("no .txt reports in {}", dir.display());
    }
    if let Some(path) = dump {
        // Every extraction as one JSON line, untimed: to check that a change to the
        // extractor left its output byte for byte the same.
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path)?);
        for text in &texts {
            let x = extract_document(&DocumentInput { text, title: None, published: None });
            serde_json::to_writer(&mut out, &x)?;
            std::io::Write::write_all(&mut out, b"\n")?;
        }
        std::io::Write::flush(&mut out)?;
    }
    let mut speeds = Vec::with_capacity(rounds);
    for round in 1..=rounds {
        // Each round on a thread of its own, so it starts with the extractor's per-thread
        // memos of name keys empty, as one pass over a new corpus does: a later round on
        // the same thread would find every name keyed already.
        let elapsed = std::thread::scope(|scope| {
            scope
                .spawn(|| {
                    let t = Instant::now();
                    for text in &texts {
                        black_box(extract_document(&DocumentInput {
                            text: black_box(text),
                            title: None,
                            published: None,
                        }));
                    }
                    t.elapsed()
                })
                .join()
        })
        .map_err(|_| anyhow::anyhow!("extraction panicked"))?;
        let mbps = bytes as f64 / 1e6 / elapsed.as_secs_f64();
        eprintln!("round {round}: {mbps:.2} MB/s");
        speeds.push(mbps);
    }
    speeds.sort_by(f64::total_cmp);
    let median = speeds[speeds.len() / 2];
    println!("docs={} bytes={bytes} rounds={rounds} mbps_median={median:.3}", texts.len());
    Ok(())
}

/// The `.txt` files of the folder in name order, until `max_bytes` of text.
fn load(dir: &std::path::Path, max_bytes: usize) -> anyhow::Result<Vec<String>> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    paths.sort();
    let mut texts = Vec::new();
    let mut total = 0;
    for p in paths {
        if total >= max_bytes {
            break;
        }
        let text = std::fs::read_to_string(&p)?;
        total += text.len();
        texts.push(text);
    }
    Ok(texts)
}
