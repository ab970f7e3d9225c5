//! Ingesting the same reports twice changes nothing: the second batch adds no document and
//! the export is byte-identical. The export is a valid `dossier/1` record whose quotes are
//! the files' own bytes.

mod common;

use std::path::Path;

use common::{canonical, check_record, entities_named, events_of, export_text, ingest, run_db, sha256_hex, write};

/// Four short reports about two people: plain text, Markdown, a CRLF file with a sentence
/// broken across lines, and a file with Cyrillic before the events (byte offsets, not
/// character offsets).
fn write_reports(dir: &Path) {
    write(
        &dir.join("01_monitor_digest.txt"),
        "Steppe Labour Monitor: weekly digest\n\
\n\
Published 2 April 2021\n\
\n\
Police arrested journalist Galym Sarsenov in Aktobe on 21 March 2021. His lawyer, Dana \
Ospanova, said the arrest was unlawful and that he had been denied access to counsel for two days.\n\
\n\
Sarsenov had reported on a strike by bus drivers in the city a week earlier.\n",
    );
    write(
        &dir.join("02_union_leader.md"),
        "# Miners' union leader detained in Karaganda\n\
\n\
*5 May 2021*\n\
\n\
On 4 May 2021 officers detained Yerlan Kaliyev, chair of the independent miners' union, at \
his home in Karaganda. Colleagues said the union had called a meeting on unpaid wages for the \
following week.\n",
    );
    write(
        &dir.join("03_court_watch.txt"),
        "Court Watch Bulletin\r\n\
\r\n\
Published 20 September 2021\r\n\
\r\n\
On 14 September 2021 the Aktobe City Court sentenced Galym Sarsenov to four years in prison for \"spreading\r\n\
false information\". Observers from three embassies attended the hearing.\r\n\
\r\n\
The court also fined the newspaper he worked for.\r\n",
    );
    write(
        &dir.join("04_release_note.txt"),
        "Release note\n\
\n\
Published 2 July 2021\n\
\n\
Ерлан Калиев — лидер профсоюза горняков.\n\
\n\
Yerlan Kaliev was released on 30 June 2021 after eight weeks in custody. He told reporters \
that he would continue to organise.\n",
    );
}

#[test]
fn a_second_ingest_changes_nothing_and_the_export_is_valid_dossier_1() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let reports = tmp.path().join("reports");
    write_reports(&reports);
    let db = tmp.path().join("record.db");

    let first = ingest(&db, &[&reports], &[]);
    assert_eq!(first.code, 0, "{first}");
    let s = first.summary();
    assert_eq!((s.new, s.unchanged, s.refused), (4, 0, 0), "{first}");
    let file_a = tmp.path().join("a.json");
    let out = run_db(&db, &["export", "--format", "json", "--output", file_a.to_str().expect("UTF-8 path")]);
    assert_eq!(out.code, 0, "{out}");
    assert!(out.stdout.is_empty(), "export to a file writes nothing on stdout:\n{out}");
    let a = std::fs::read(&file_a).expect("export A");

    let second = ingest(&db, &[&reports], &[]);
    assert_eq!(second.code, 0, "{second}");
    let s = second.summary();
    assert_eq!((s.new, s.unchanged, s.refused), (0, 4, 0), "{second}");
    assert!(second.stderr.contains("documents: 0 new, 4 unchanged, 0 refused"), "{second}");
    let file_b = tmp.path().join("b.json");
    let out = run_db(&db, &["export", "--output", file_b.to_str().expect("UTF-8 path")]);
    assert_eq!(out.code, 0, "{out}");
    let b = std::fs::read(&file_b).expect("export B");
    assert!(a == b, "the export changed after ingesting the same files again");
    // Standard output gets the same bytes.
    assert_eq!(export_text(&db).as_bytes(), a.as_slice(), "export to - differs from export to a file");

    // The same files, one by one, are still known.
    let paths: Vec<_> = std::fs::read_dir(&reports).expect("reports").map(|e| e.expect("entry").path()).collect();
    let refs: Vec<&Path> = paths.iter().map(|p| p.as_path()).collect();
    let third = ingest(&db, &refs, &[]);
    assert_eq!(third.code, 0, "{third}");
    assert_eq!(third.summary().unchanged, 4, "{third}");
    assert_eq!(export_text(&db).as_bytes(), a.as_slice());

    // A valid dossier/1 record with every file once.
    let record: serde_json::Value = serde_json::from_slice(&a).expect("export A is JSON");
    let docs = check_record(&record);
    assert_eq!(docs.len(), 4);
    let mut names: Vec<&str> = docs.iter().map(|d| d.path.rsplit('/').next().unwrap_or_default()).collect();
    names.sort_unstable();
    assert_eq!(names, ["01_monitor_digest.txt", "02_union_leader.md", "03_court_watch.txt", "04_release_note.txt"]);
    for d in &docs {
        assert_eq!(d.sha256, sha256_hex(&std::fs::read(&d.path).expect("file")));
        assert!(d.is_plain(), "{} stored as {}", d.path, d.format);
    }
    let md = docs.iter().find(|d| d.path.ends_with(".md")).expect("the Markdown report");
    assert_eq!(md.format, "markdown");
    let events = record["events"].as_array().expect("events");
    assert!(!events.is_empty(), "no events extracted from four reports");
    let quotes: usize = events.iter().map(|v| v["sources"].as_array().map_or(0, Vec::len)).sum();
    assert!(quotes >= events.len());

    // The plainest facts: a named journalist arrested on a stated day, and his sentence.
    let sarsenov = entities_named(&record, "Galym Sarsenov");
    assert_eq!(sarsenov.len(), 1, "one entity for Galym Sarsenov: {sarsenov:#?}");
    assert_eq!(sarsenov[0]["kind"], "person");
    let id = sarsenov[0]["id"].as_str().expect("id");
    let arrests = events_of(&record, id, "arrest");
    assert!(arrests.iter().any(|v| v["date"] == "2021-03-21"), "no arrest of Sarsenov on 2021-03-21: {arrests:#?}");
    let sentences = events_of(&record, id, "sentence");
    assert!(
        sentences.iter().any(|v| v["date"] == "2021-09-14" && v["term"] == "P4Y"),
        "no four-year sentence of Sarsenov on 2021-09-14: {sentences:#?}"
    );
    // The CRLF report's sentence spans a line break and its quote keeps it.
    let crlf = docs.iter().find(|d| d.path.ends_with("03_court_watch.txt")).expect("CRLF report");
    let crlf_quotes: Vec<&str> = sentences
        .iter()
        .flat_map(|v| v["sources"].as_array().into_iter().flatten())
        .filter(|s| s["doc"] == crlf.id.as_str())
        .filter_map(|s| s["quote"].as_str())
        .collect();
    assert!(crlf_quotes.iter().any(|q| q.contains("\r\n")), "the sentence quote lost its line break: {crlf_quotes:?}");
}

#[test]
fn the_same_files_in_another_order_give_the_same_record() {
    // Ids are positions, so they may follow the order documents were first stored in; what
    // the record says must not.
    let tmp = tempfile::tempdir().expect("temporary folder");
    let reports = tmp.path().join("reports");
    write_reports(&reports);
    let whole = tmp.path().join("whole.db");
    let out = ingest(&whole, &[&reports], &[]);
    assert_eq!(out.code, 0, "{out}");

    let piecewise = tmp.path().join("piecewise.db");
    for name in ["04_release_note.txt", "02_union_leader.md", "03_court_watch.txt", "01_monitor_digest.txt"] {
        let out = ingest(&piecewise, &[&reports.join(name)], &[]);
        assert_eq!(out.code, 0, "{out}");
        assert_eq!(out.summary().new, 1, "{out}");
    }
    let a: serde_json::Value = serde_json::from_str(&export_text(&whole)).expect("JSON");
    let b: serde_json::Value = serde_json::from_str(&export_text(&piecewise)).expect("JSON");
    check_record(&b);
    assert_eq!(canonical(&a), canonical(&b));
}
