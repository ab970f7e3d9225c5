//! `dossier --db postgres://…`: the example corpus through PostgreSQL gives the export SQLite
//! gives, whole or one file at a time (through the resolver pages saved on the server), and
//! three `dossier ingest` processes at once on overlapping folders store every document exactly
//! once and end with the record of a single run.

mod common;
#[path = "../../store/tests/common/pg.rs"]
mod pg;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{canonical, check_record, dossier, outcome};
use dossier::example_corpus;
use pg::PgDatabase;

/// `dossier --db URL ARGS...`, run in a scratch folder.
fn dossier_url(url: &str, dir: &Path) -> Command {
    let mut cmd = dossier();
    cmd.arg("--db").arg(url).current_dir(dir);
    cmd
}

fn export(url: &str, dir: &Path) -> serde_json::Value {
    let out = outcome(dossier_url(url, dir).args(["export", "--format", "json", "--output", "-"]).output().unwrap());
    assert_eq!(out.code, 0, "{out}");
    serde_json::from_str(&out.stdout).expect("export is JSON")
}

#[test]
fn the_example_corpus_through_postgres_exports_what_sqlite_exports() {
    let Some(db) = PgDatabase::create() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let corpus = example_corpus();

    let out = outcome(dossier_url(&db.url, tmp.path()).arg("ingest").arg(&corpus).output().unwrap());
    assert_eq!(out.code, 0, "{out}");
    let summary = out.summary();
    assert!(summary.new > 0, "{out}");
    // A second ingest changes nothing.
    let again = outcome(dossier_url(&db.url, tmp.path()).arg("ingest").arg(&corpus).output().unwrap());
    assert_eq!(again.code, 0, "{again}");
    assert_eq!(again.summary().new, 0, "{again}");
    assert_eq!(again.summary().unchanged, summary.new, "{again}");

    let sqlite = tmp.path().join("dossier.db");
    let out = common::ingest(&sqlite, &[&corpus], &[]);
    assert_eq!(out.code, 0, "{out}");

    let from_postgres = export(&db.url, tmp.path());
    check_record(&from_postgres);
    let from_sqlite: serde_json::Value = serde_json::from_str(&common::export_text(&sqlite)).unwrap();
    // One process storing the same files in the same order: the same ids too.
    assert_eq!(from_postgres, from_sqlite);
}

#[test]
fn one_file_at_a_time_through_postgres_exports_the_batch_record() {
    let Some(db) = PgDatabase::create() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let (files, refused) = dossier::pipeline::collect_files(&[example_corpus()]);
    assert!(refused.is_empty(), "{refused:?}");
    // Each ingest after the first absorbs its file into the resolver pages saved on the
    // server and patches the record there.
    for f in &files {
        let out = outcome(dossier_url(&db.url, tmp.path()).arg("ingest").arg(f).output().unwrap());
        assert_eq!(out.code, 0, "{out}");
    }
    let sqlite = tmp.path().join("dossier.db");
    let out = common::ingest(&sqlite, &[&example_corpus()], &[]);
    assert_eq!(out.code, 0, "{out}");
    let from_sqlite: serde_json::Value = serde_json::from_str(&common::export_text(&sqlite)).unwrap();
    assert_eq!(export(&db.url, tmp.path()), from_sqlite);
}

/// The example corpus split over three folders under one root.
fn three_folders(root: &Path) -> [PathBuf; 3] {
    let dirs = [root.join("a"), root.join("b"), root.join("c")];
    let mut files: Vec<PathBuf> =
        std::fs::read_dir(example_corpus()).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_file()).collect();
    files.sort();
    for (i, file) in files.iter().enumerate() {
        let dir = &dirs[i % 3];
        std::fs::create_dir_all(dir).unwrap();
        std::fs::copy(file, dir.join(file.file_name().unwrap())).unwrap();
    }
    dirs
}

#[test]
fn three_ingests_at_once_store_every_document_exactly_once() {
    let Some(shared) = PgDatabase::create() else { return };
    let Some(single) = PgDatabase::create() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("reports");
    let [a, b, c] = three_folders(&root);

    // Overlapping folders: the root (everything), a and b, b and c; the same files reached
    // by the same paths, so whichever process stores a file, it is stored the same way.
    let plans: [Vec<&Path>; 3] = [vec![&root], vec![&a, &b], vec![&c, &b]];
    let children: Vec<_> = plans
        .iter()
        .map(|paths| {
            dossier_url(&shared.url, tmp.path())
                .arg("ingest")
                .args(paths.iter())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let outs: Vec<_> = children.into_iter().map(|c| outcome(c.wait_with_output().unwrap())).collect();
    for out in &outs {
        assert_eq!(out.code, 0, "{out}");
    }
    let files = std::fs::read_dir(example_corpus()).unwrap().filter(|e| e.as_ref().unwrap().path().is_file()).count();
    let new: usize = outs.iter().map(|o| o.summary().new).sum();
    // How the work was shared (claims let a process pass by a file another is extracting).
    eprintln!("new per process: {:?}", outs.iter().map(|o| o.summary().new).collect::<Vec<_>>());
    assert_eq!(new, files, "every document is new in exactly one process: {outs:#?}");

    let mut client = shared.client();
    let (rows, distinct): (i64, i64) = {
        let r = client.query_one("SELECT COUNT(*), COUNT(DISTINCT sha256) FROM documents", &[]).unwrap();
        (r.get(0), r.get(1))
    };
    assert_eq!((rows, distinct), (files as i64, files as i64));
    let extractions: i64 = client.query_one("SELECT COUNT(*) FROM extractions", &[]).unwrap().get(0);
    assert_eq!(extractions, files as i64);
    let generation: String =
        client.query_one("SELECT value FROM meta WHERE key = 'documents_generation'", &[]).unwrap().get(0);
    assert_eq!(generation, files.to_string(), "one generation per stored document");

    // Resolution depends on the order documents were stored in (their ids), and three
    // processes interleave that order; one process storing the files in the order they ended
    // up in must give the very same export.
    let stored: Vec<String> =
        client.query("SELECT path FROM documents ORDER BY id", &[]).unwrap().iter().map(|r| r.get(0)).collect();
    let out = outcome(dossier_url(&single.url, tmp.path()).arg("ingest").args(&stored).output().unwrap());
    assert_eq!(out.code, 0, "{out}");
    let together = export(&shared.url, tmp.path());
    check_record(&together);
    let alone = export(&single.url, tmp.path());
    assert_eq!(canonical(&together), canonical(&alone));
    assert_eq!(together, alone);
}

/// Kills the server when the test ends, however it ends.
struct Server(std::process::Child);

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// `GET path` over plain HTTP/1.0: the status line and the body.
fn http_get(port: u16, path: &str) -> (String, String) {
    use std::io::{Read, Write};
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(stream, "GET {path} HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let mut reply = String::new();
    stream.read_to_string(&mut reply).unwrap();
    let (head, body) = reply.split_once("\r\n\r\n").unwrap_or((&reply, ""));
    (head.lines().next().unwrap_or_default().to_string(), body.to_string())
}

#[test]
fn the_server_serves_a_postgres_store() {
    let Some(db) = PgDatabase::create() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = outcome(dossier_url(&db.url, tmp.path()).arg("ingest").arg(example_corpus()).output().unwrap());
    assert_eq!(out.code, 0, "{out}");
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = dossier_url(&db.url, tmp.path())
        .args(["serve", "--addr", &format!("127.0.0.1:{port}")])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let _server = Server(child);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(std::time::Instant::now() < deadline, "dossier serve did not listen on {port}");
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    // The handlers reach the store from the server's async workers: the synchronous client
    // must not try to start its runtime inside theirs.
    let (status, body) = http_get(port, "/api/search?q=Khvastovich%20hunger");
    assert!(status.contains(" 200 "), "{status}\n{body}");
    let found: serde_json::Value = serde_json::from_str(&body).unwrap();
    assert!(!found["documents"].as_array().unwrap().is_empty(), "{body}");
    for path in ["/", "/conflicts", "/search?q=Khvastovich", "/documents/d1"] {
        let (status, body) = http_get(port, path);
        assert!(status.contains(" 200 "), "{path}: {status}\n{body}");
    }
}
