//! End to end in headless Chromium (through chromedriver): a researcher opens the overview of
//! the example corpus, follows a person, sees the timeline, clicks an event on it, follows a
//! quote to its document and finds the passage marked. Screenshots go to `target/e2e/`.
//!
//! Needs Debian's `chromium` and `chromium-driver` (`.ci/run` installs them). Where they are
//! missing the test says so and passes, except under CI (`CI` set), where it fails.

use std::net::TcpListener as StdListener;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use dossier::pipeline::{self, IngestOptions, Progress};
use dossier::web::{app, AppState};
use fantoccini::{Client, ClientBuilder, Locator};
use serde_json::json;

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";
const CHROMIUM: &str = "/usr/bin/chromium";

/// Kills chromedriver however the test ends.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn free_port() -> u16 {
    StdListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).map(|a| a.port()).expect("a free port")
}

fn screenshots_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target"));
    let dir = target.join("e2e");
    std::fs::create_dir_all(&dir).expect("target/e2e");
    dir
}

async fn shot(client: &Client, name: &str) {
    let png = client.screenshot().await.expect("a screenshot");
    std::fs::write(screenshots_dir().join(name), png).expect("screenshot written");
}

async fn start_browser(profile: &Path) -> (Driver, Client) {
    let port = free_port();
    let child = Command::new(CHROMEDRIVER)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("chromedriver starts");
    let driver = Driver(child);
    let deadline = Instant::now() + Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not listen on {port}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        json!({
            "binary": CHROMIUM,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--window-size=1280,1000", format!("--user-data-dir={}", profile.display()),
            ]
        }),
    );
    let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .expect("a browser session");
    (driver, client)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_researcher_follows_a_quote_to_its_marked_passage() {
    if !Path::new(CHROMEDRIVER).exists() || !Path::new(CHROMIUM).exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{CHROMEDRIVER} or {CHROMIUM} is missing (apt-get install chromium chromium-driver)"
        );
        eprintln!("skipped: {CHROMEDRIVER} or {CHROMIUM} is missing (apt-get install chromium chromium-driver)");
        return;
    }
    let tmp = tempfile::tempdir().expect("a temporary folder");
    let mut store = dossier_store::Store::open(&tmp.path().join("e2e.db")).expect("a store");
    let corpus = dossier::example_corpus();
    pipeline::ingest(&mut store, &[corpus], &IngestOptions::default(), Progress::Quiet).expect("the example corpus");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a port");
    let base = format!("http://{}", listener.local_addr().expect("an address"));
    let server = tokio::spawn(async move {
        axum::serve(listener, app(AppState::new(store, None, 1 << 20))).await.expect("the server runs");
    });

    let profile = tmp.path().join("profile");
    let (_driver, client) = start_browser(&profile).await;
    let result = walk(&client, &base).await;
    let _ = client.close().await;
    server.abort();
    result.unwrap_or_else(|e| panic!("{e}"));
}

/// The walk itself; an `Err` carries what went wrong, after a screenshot of where.
async fn walk(client: &Client, base: &str) -> Result<(), String> {
    let fail = |what: String| async move {
        shot(client, "failure.png").await;
        what
    };
    client.goto(&format!("{base}/")).await.map_err(|e| e.to_string())?;
    let title = client.title().await.map_err(|e| e.to_string())?;
    if !title.starts_with("Overview") {
        return Err(fail(format!("the overview's title is {title:?}")).await);
    }
    client.find(Locator::Css("svg.chart")).await.map_err(|e| format!("no chart on the overview: {e}"))?;
    shot(client, "1-overview.png").await;

    // The first person in the table (the one with the most events).
    let person =
        client.find(Locator::Css("table.actors a")).await.map_err(|e| format!("no person on the overview: {e}"))?;
    let name = person.text().await.map_err(|e| e.to_string())?;
    person.click().await.map_err(|e| e.to_string())?;
    let heading = client.wait().for_element(Locator::Css("main h1")).await.map_err(|e| e.to_string())?;
    let heading = heading.text().await.map_err(|e| e.to_string())?;
    if heading != name {
        return Err(fail(format!("followed {name:?} but the page is {heading:?}")).await);
    }
    let dots = client.find_all(Locator::Css("svg.timeline a.tl-event")).await.map_err(|e| e.to_string())?;
    if dots.is_empty() {
        return Err(fail(format!("no events on the timeline of {name}")).await);
    }
    shot(client, "2-person.png").await;

    // An event on the timeline.
    dots[0].click().await.map_err(|e| format!("cannot click the timeline: {e}"))?;
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let url = client.current_url().await.map_err(|e| e.to_string())?;
        if url.path().starts_with("/events/") {
            break;
        }
        if Instant::now() > deadline {
            return Err(fail(format!("clicking the timeline led to {url}")).await);
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let quote = client
        .wait()
        .for_element(Locator::Css("article.source mark"))
        .await
        .map_err(|e| format!("no highlighted quote on the event page: {e}"))?
        .text()
        .await
        .map_err(|e| e.to_string())?;
    shot(client, "3-event.png").await;

    // The quote's link to its document.
    let link = client.find(Locator::Css("article.source h3 a")).await.map_err(|e| e.to_string())?;
    link.click().await.map_err(|e| e.to_string())?;
    let marked = client
        .wait()
        .for_element(Locator::Css(".passage.marked"))
        .await
        .map_err(|e| format!("the passage is not marked: {e}"))?;
    let url = client.current_url().await.map_err(|e| e.to_string())?;
    if !url.path().starts_with("/documents/") || !url.fragment().is_some_and(|f| f.starts_with("p-")) {
        return Err(fail(format!("the quote's link led to {url}")).await);
    }
    if !marked.is_displayed().await.map_err(|e| e.to_string())? {
        return Err(fail("the marked passage is not visible".into()).await);
    }
    let pieces = client.find_all(Locator::Css(".passage.marked")).await.map_err(|e| e.to_string())?;
    let mut text = String::new();
    for p in &pieces {
        text.push_str(&p.text().await.map_err(|e| e.to_string())?);
    }
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    if squash(&text) != squash(&quote) {
        return Err(fail(format!("the marked passage {text:?} is not the quote {quote:?}")).await);
    }
    shot(client, "4-document.png").await;
    Ok(())
}
