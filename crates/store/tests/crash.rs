//! Crash safety: a writer killed with SIGKILL mid-stream leaves only whole documents.
//!
//! The test re-executes its own binary as the writer: `crash_writer_child` does nothing
//! unless `DOSSIER_STORE_CRASH_WRITER` names a database, in which case it inserts documents
//! until killed.

mod common;

use std::collections::hash_map::RandomState;
use std::collections::HashSet;
use std::hash::BuildHasher;
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::extraction;
use dossier_store::{NewDocument, Store};

const WRITER_ENV: &str = "DOSSIER_STORE_CRASH_WRITER";
/// What the writer prints after its first insert (libtest may put text before it on the line).
const READY: &str = "<<crash writer ready>>";
/// The writer stops by itself after this long, should the parent die without killing it.
const WRITER_LIFETIME: Duration = Duration::from_secs(30);
/// More documents than the writer can insert before it is killed.
const DOCUMENTS: usize = 1500;

/// A document heavy enough that a kill usually lands inside a transaction.
fn crash_document(i: usize) -> NewDocument {
    let mut doc = common::document(i);
    doc.text.push_str(&format!("filler{i} ").repeat(300));
    doc
}

/// The writer, when this binary runs as the child; otherwise a no-op test.
#[test]
fn crash_writer_child() {
    let Ok(path) = std::env::var(WRITER_ENV) else {
        return;
    };
    let started = Instant::now();
    let mut store = Store::open(Path::new(&path)).unwrap();
    let mut announced = false;
    for i in (0..DOCUMENTS).cycle() {
        store.insert_document(&crash_document(i), &extraction(i), 1).unwrap();
        if !announced {
            println!("{READY}");
            announced = true;
        }
        if started.elapsed() > WRITER_LIFETIME {
            return;
        }
    }
}

/// Kills the writer when dropped, so a failing test leaves no process behind.
struct Writer(Child);

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A random delay from the std hasher's random keys (no rand dependency needed).
fn random_millis(range: std::ops::Range<u64>) -> u64 {
    let r = RandomState::new().hash_one(Instant::now());
    range.start + r % (range.end - range.start)
}

/// Checks that the database is sound and every document in it is whole; returns how many.
fn check_whole(path: &Path) -> usize {
    let store = Store::open(path).unwrap();
    store.check_integrity().unwrap();
    let docs = store.documents().unwrap();
    let extractions = store.extractions().unwrap();
    assert_eq!(
        docs.iter().map(|d| d.id).collect::<Vec<_>>(),
        extractions.iter().map(|(id, _)| *id).collect::<Vec<_>>(),
        "every document has its extraction, and no extraction lacks its document"
    );
    let mut shas = HashSet::new();
    for doc in &docs {
        assert!(shas.insert(doc.sha256.clone()), "sha {} twice", doc.sha256);
        let i = usize::from_str_radix(&doc.sha256, 16).unwrap();
        let text = store.document_text(doc.id).unwrap().expect("text present");
        assert_eq!(text, crash_document(i).text);
        assert_eq!(doc.byte_len, text.len() as u64);
        let hits = store.search_documents(&format!("docmark{i}"), 5).unwrap();
        assert_eq!(hits.iter().map(|h| h.0).collect::<Vec<_>>(), vec![doc.id], "full-text row of document {i}");
    }
    assert_eq!(store.generation().unwrap() as usize, docs.len());
    docs.len()
}

#[test]
fn a_killed_writer_leaves_only_whole_documents() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("crash.db");
    let exe = std::env::current_exe().unwrap();
    let mut present = 0;
    for round in 0..5 {
        let mut writer = Writer(
            Command::new(&exe)
                .args(["crash_writer_child", "--exact", "--nocapture", "--test-threads=1"])
                .env(WRITER_ENV, &path)
                .stdout(Stdio::piped())
                .stderr(Stdio::null())
                .spawn()
                .unwrap(),
        );
        let stdout = writer.0.stdout.take().unwrap();
        let (ready_tx, ready_rx) = mpsc::channel();
        std::thread::spawn(move || {
            let ready = BufReader::new(stdout).lines().map_while(Result::ok).any(|line| line.contains(READY));
            let _ = ready_tx.send(ready);
        });
        let ready = ready_rx.recv_timeout(Duration::from_secs(20));
        assert_eq!(ready, Ok(true), "round {round}: the writer never got going");
        std::thread::sleep(Duration::from_millis(random_millis(20..400)));
        writer.0.kill().unwrap(); // SIGKILL on Unix
        writer.0.wait().unwrap();
        drop(writer);

        let now = check_whole(&path);
        eprintln!("round {round}: killed with {now} whole documents stored");
        assert!(now >= present, "documents never disappear");
        present = now;
        if present == DOCUMENTS {
            // A fast machine: later kills would land after the last insert.
            break;
        }
    }
    assert!(present > 0);

    // Inserting the whole set again leaves every document exactly once.
    let mut store = Store::open(&path).unwrap();
    let mut new = 0;
    for i in 0..DOCUMENTS {
        if store.insert_document(&crash_document(i), &extraction(i), 1).unwrap().is_new() {
            new += 1;
        }
    }
    assert_eq!(new, DOCUMENTS - present);
    drop(store);
    assert_eq!(check_whole(&path), DOCUMENTS);
}
