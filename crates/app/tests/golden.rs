//! Golden test: the record of the example corpus, compared with the one kept beside this
//! file. Refresh it after an intended change with `UPDATE_EXPECT=1 cargo test -p dossier --test golden`.

use std::path::{Path, PathBuf};
use std::process::Command;

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("workspace root")
}

#[test]
fn example_corpus_record_matches_the_golden_file() {
    let root = workspace_root();
    let tmp = tempfile::tempdir().expect("temporary folder");
    let db = tmp.path().join("golden.db");
    let bin = env!("CARGO_BIN_EXE_dossier");
    let ingest = Command::new(bin)
        .current_dir(&root)
        .args(["--db", db.to_str().expect("utf-8 path"), "ingest", "examples/corpus"])
        .output()
        .expect("run ingest");
    assert!(ingest.status.success(), "ingest failed: {}", String::from_utf8_lossy(&ingest.stderr));
    let export = Command::new(bin)
        .current_dir(&root)
        .args(["--db", db.to_str().expect("utf-8 path"), "export", "--format", "json"])
        .output()
        .expect("run export");
    assert!(export.status.success(), "export failed: {}", String::from_utf8_lossy(&export.stderr));
    let actual = String::from_utf8(export.stdout).expect("utf-8 export");
    // The sha256 and paths are part of the record; nothing machine-specific is.
    let golden = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/examples.record.json");
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&golden, &actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&golden).expect("golden file (refresh with UPDATE_EXPECT=1)");
    if actual != expected {
        let diff_at = actual.lines().zip(expected.lines()).position(|(a, b)| a != b);
        panic!(
            "the example corpus record changed (first differing line: {:?}); if intended, refresh with UPDATE_EXPECT=1",
            diff_at.map(|i| i + 1)
        );
    }
}
