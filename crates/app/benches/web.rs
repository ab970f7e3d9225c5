//! Web latency on a large store: a person page and a search, median and p99, measured
//! through the router (`oneshot`, no network) on a generated collection.
//!
//!   cargo bench -p dossier --bench web -- [--docs 10000] [--requests 400]
//!
//! Targets (issue #5, on the 2-core CI machine): person page p99 under 20 ms, search p99
//! under 50 ms. The view of the record is built once (timed apart), as after any change.

use std::time::{Duration, Instant};

use axum::body::Body;
use axum::http::{Request, StatusCode};
use dossier::pipeline::{self, Audience, IngestOptions, Progress};
use dossier::web::{app, AppState};
use http_body_util::BodyExt;
use tower::ServiceExt;

// The allocator the `dossier` binary runs with, so the figures are the ones users get.
#[global_allocator]
static ALLOC: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn arg(name: &str, default: usize) -> usize {
    let args: Vec<String> = std::env::args().collect();
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).and_then(|v| v.parse().ok()).unwrap_or(default)
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted.get(i).copied().unwrap_or_default()
}

fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1000.0)
}

async fn timed(router: &axum::Router, uri: &str) -> Duration {
    let start = Instant::now();
    let response =
        router.clone().oneshot(Request::get(uri).body(Body::empty()).expect("request")).await.expect("reply");
    let status = response.status();
    let body = response.into_body().collect().await.expect("body").to_bytes();
    let elapsed = start.elapsed();
    assert_eq!(status, StatusCode::OK, "{uri}: {}", String::from_utf8_lossy(&body));
    elapsed
}

fn report(name: &str, mut times: Vec<Duration>, target: Duration) {
    times.sort();
    let p99 = percentile(&times, 0.99);
    println!(
        "{name:<24} n={:<5} median {:>9}  p99 {:>9}  max {:>9}  target p99 < {}: {}",
        times.len(),
        ms(percentile(&times, 0.5)),
        ms(p99),
        ms(*times.last().unwrap_or(&Duration::ZERO)),
        ms(target),
        if p99 < target { "met" } else { "MISSED" }
    );
}

fn main() -> anyhow::Result<()> {
    // `cargo test --benches` runs benches once as tests; keep that quick.
    let quick = std::env::args().any(|a| a == "--test" || a == "--list");
    let docs = arg("--docs", if quick { 200 } else { 10_000 });
    let requests = arg("--requests", if quick { 20 } else { 400 });
    if std::env::args().any(|a| a == "--list") {
        return Ok(());
    }
    let tmp = tempfile::tempdir()?;
    let start = Instant::now();
    dossier::gen::generate_to_dir(&tmp.path().join("corpus"), docs, 11)?;
    let mut store = dossier_store::Store::open(&tmp.path().join("web.db"))?;
    let summary =
        pipeline::ingest(&mut store, &[tmp.path().join("corpus/reports")], &IngestOptions::default(), Progress::Quiet)?;
    println!(
        "store: {} documents, {} entities, {} events, built in {:.1} s",
        summary.new,
        summary.entities,
        summary.events,
        start.elapsed().as_secs_f64()
    );
    let state = AppState::new(store, None, 1 << 20);
    let start = Instant::now();
    let view = state.view(Audience::Public).map_err(|e| anyhow::anyhow!("{e}"))?;
    println!("view of the record built in {:.0} ms (once per change)", start.elapsed().as_secs_f64() * 1000.0);
    // The people with the most events: the heaviest pages.
    let people: Vec<usize> = view
        .actors()
        .into_iter()
        .filter(|&i| view.record.entities[i].kind == dossier_extract::EntityKind::Person)
        .take(50)
        .collect();
    let queries: Vec<String> = people
        .iter()
        .map(|&i| view.record.entities[i].name.split_whitespace().last().unwrap_or("union").to_string())
        .chain(["strike", "arrested", "union", "court sentenced"].map(String::from))
        .collect();
    anyhow::ensure!(!people.is_empty(), "the generated collection has no people with events");
    let router = app(state);
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
    runtime.block_on(async {
        // Warm-up: caches, allocator.
        for &i in people.iter().take(5) {
            timed(&router, &format!("/entities/e{}", i + 1)).await;
        }
        let mut page = Vec::new();
        let mut api = Vec::new();
        let mut search = Vec::new();
        let mut api_search = Vec::new();
        let mut by_query: std::collections::BTreeMap<String, Duration> = Default::default();
        for k in 0..requests {
            let person = people[k % people.len()] + 1;
            let q = queries[k % queries.len()].replace(' ', "+");
            page.push(timed(&router, &format!("/entities/e{person}")).await);
            api.push(timed(&router, &format!("/api/entities/e{person}")).await);
            search.push(timed(&router, &format!("/search?q={q}")).await);
            let took = timed(&router, &format!("/api/search?q={q}")).await;
            api_search.push(took);
            let worst = by_query.entry(q.clone()).or_default();
            *worst = (*worst).max(took);
        }
        println!("latency over {docs} documents, {requests} requests each:");
        report("person page", page, Duration::from_millis(20));
        report("person (API)", api, Duration::from_millis(20));
        report("search page", search, Duration::from_millis(50));
        report("search (API)", api_search, Duration::from_millis(50));
        let mut slowest: Vec<(Duration, String)> = by_query.into_iter().map(|(q, d)| (d, q)).collect();
        slowest.sort();
        let tail: Vec<String> = slowest.iter().rev().take(5).map(|(d, q)| format!("{q:?} {}", ms(*d))).collect();
        println!("slowest searches (API, worst of each): {}", tail.join(", "));
    });
    Ok(())
}
