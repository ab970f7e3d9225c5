//! A batch with one good report and every kind of bad input: each bad file is refused with
//! one line naming it and saying why, the batch goes on, the good report goes in whole, and
//! nothing of the bad ones is stored. Running the batch again adds nothing.

mod common;

use std::path::{Path, PathBuf};

use common::{check_record, export, export_text, ingest, sha256_hex, write};

const GOOD: &str = "Steppe Labour Observer: case note\n\
\n\
Published 2 April 2021\n\
\n\
Police arrested the journalist Galym Sarsenov in Aktobe on 21 March 2021, hours after he \
filmed a picket outside the regional administration. His lawyer said no charge had been \
shown to him.\n";

/// A bad file, and words of which at least one should be in the reason for refusing it
/// (compared in lower case).
struct Bad {
    path: PathBuf,
    reason_words: &'static [&'static str],
}

fn fixtures(dir: &Path) -> (PathBuf, Vec<Bad>) {
    let batch = dir.join("batch");
    let good = write(&batch.join("good_report.txt"), GOOD);
    let mut bad = Vec::new();
    let mut add = |name: &str, bytes: Vec<u8>, reason_words: &'static [&'static str]| {
        bad.push(Bad { path: write(&batch.join(name), bytes), reason_words });
    };

    add("empty.txt", Vec::new(), &["empty"]);
    add("blank.md", b"  \n\t\n   \r\n".to_vec(), &["empty", "blank", "no text"]);

    // A PNG signature and header, then noise.
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x01\x00\x00\x00\x01\x00\x08\x06\x00\x00\x00".to_vec();
    let mut rng = common::Lcg(7);
    png.extend((0..4096).map(|_| rng.next_u32() as u8));
    add("photo.png", png, &["binary", "not a text"]);

    // Latin-1, not UTF-8: "José" and "Almaty's" with a Latin-1 e-acute and a cp1252 quote.
    let mut latin1 = b"Union bulletin\n\nThe organiser Jos".to_vec();
    latin1.push(0xE9);
    latin1.extend_from_slice(b" Ramirez was detained in Almaty on 4 May 2021 ");
    latin1.push(0x92);
    latin1.extend_from_slice(b"s police said.\n");
    add("latin1_bulletin.txt", latin1, &["utf-8", "utf8", "encoding"]);

    // A PDF cut off after its first object.
    add(
        "truncated.pdf",
        b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Ki"
            .to_vec(),
        &["pdf"],
    );

    // A page with nothing but scripts and styles.
    add(
        "scripts_only.html",
        b"<!DOCTYPE html>\n<html><head><style>body { color: #333 } .x { display: none }</style>\n\
<script>window.dataLayer = window.dataLayer || []; function gtag(){dataLayer.push(arguments);}</script>\n\
</head><body><script src=\"/app.js\"></script><style>p{margin:0}</style>\n\
<script>document.write('')</script></body></html>\n"
            .to_vec(),
        &["text", "empty"],
    );

    // 2 MB of perfectly good text, over a 1 MB limit.
    let line = "Workers at the copper smelter in Balkhash stopped work on 3 June 2021 over unpaid wages.\n";
    let big: String = line.repeat(2 * 1024 * 1024 / line.len() + 1);
    add("oversized.txt", big.into_bytes(), &["limit", "large", "size"]);

    // A path that does not exist, named on the command line.
    bad.push(Bad {
        path: dir.join("no_such_report.txt"),
        reason_words: &["no such", "not found", "cannot read", "does not exist"],
    });

    // A hidden file is not a report: skipped without a word.
    write(&batch.join(".DS_Store"), b"\x00\x00\x00\x01Bud1\x00\x00");

    (good, bad)
}

fn check_refusals(out: &common::Outcome, good: &Path, bad: &[Bad]) {
    let refused = out.refused_lines();
    assert_eq!(refused.len(), bad.len(), "one refused line per bad file:\n{out}");
    for b in bad {
        let prefix = format!("refused {}: ", b.path.display());
        let lines: Vec<&&str> = refused.iter().filter(|l| l.starts_with(&prefix)).collect();
        assert_eq!(lines.len(), 1, "exactly one refused line for {}:\n{out}", b.path.display());
        let reason = lines[0][prefix.len()..].trim().to_lowercase();
        assert!(!reason.is_empty(), "no reason given for {}", b.path.display());
        assert!(
            b.reason_words.iter().any(|w| reason.contains(w)),
            "the reason for refusing {} ({reason:?}) says none of {:?}",
            b.path.display(),
            b.reason_words
        );
    }
    let good_name = good.display().to_string();
    assert!(!out.stderr.contains(&good_name), "the good report is mentioned on stderr:\n{out}");
    assert!(!out.stderr.contains(".DS_Store"), "hidden files are skipped silently:\n{out}");
    // Nothing else on stderr: no panics, warnings or progress bars.
    for l in out.stderr_lines() {
        assert!(l.starts_with("refused ") || l.starts_with("documents: "), "unexpected stderr line {l:?}:\n{out}");
    }
}

#[test]
fn bad_files_are_refused_one_line_each_and_the_good_one_goes_in_whole() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let (good, bad) = fixtures(tmp.path());
    let db = tmp.path().join("record.db");
    let missing = &bad.last().expect("the missing path").path;
    let batch = tmp.path().join("batch");
    let args: [&Path; 2] = [&batch, missing];

    let first = ingest(&db, &args, &["--max-mb", "1"]);
    assert_eq!(first.code, 3, "a batch with refusals exits 3:\n{first}");
    check_refusals(&first, &good, &bad);
    let s = first.summary();
    assert_eq!((s.new, s.unchanged, s.refused), (1, 0, bad.len()), "summary:\n{first}");
    assert!(first.stdout.is_empty(), "ingest writes nothing on stdout:\n{first}");

    let record = export(&db);
    let docs = check_record(&record);
    assert_eq!(docs.len(), 1, "only the good report is stored: {docs:#?}");
    assert_eq!(docs[0].path, good.display().to_string());
    assert_eq!(docs[0].sha256, sha256_hex(GOOD.as_bytes()));
    // Nothing in the record points anywhere but the good report.
    for e in record["entities"].as_array().expect("entities") {
        for m in e["mentions"].as_array().expect("mentions") {
            assert_eq!(m["doc"], "d1", "mention of a refused document: {e}");
        }
    }
    for v in record["events"].as_array().expect("events") {
        for s in v["sources"].as_array().expect("sources") {
            assert_eq!(s["doc"], "d1", "event sourced from a refused document: {v}");
        }
    }
    let before = export_text(&db);

    // The same batch again: nothing new, the same refusals, the same record.
    let second = ingest(&db, &args, &["--max-mb", "1"]);
    assert_eq!(second.code, 3, "still exits 3:\n{second}");
    check_refusals(&second, &good, &bad);
    let s = second.summary();
    assert_eq!((s.new, s.unchanged, s.refused), (0, 1, bad.len()), "summary of the second run:\n{second}");
    assert!(second.stderr.contains("0 new, 1 unchanged"), "summary wording:\n{second}");
    assert_eq!(export_text(&db), before, "a second run changes the record");
}

#[test]
fn the_size_limit_is_the_flag_and_a_file_of_exactly_the_limit_goes_in() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    const MIB: usize = 1024 * 1024;
    // Text without names or dates, so that extraction is quick even in a debug build.
    let line = "workers at the smelter stopped work over unpaid wages and asked for talks.\n";
    let mut text = line.repeat(MIB / line.len() + 1);
    text.truncate(MIB - 1);
    text.push('\n');
    let at_limit = write(&tmp.path().join("at_limit.txt"), &text);
    text.insert(0, '\n');
    let over_limit = write(&tmp.path().join("over_limit.txt"), &text);
    assert_eq!(std::fs::metadata(&at_limit).map(|m| m.len()).ok(), Some(MIB as u64));
    assert_eq!(std::fs::metadata(&over_limit).map(|m| m.len()).ok(), Some(MIB as u64 + 1));
    let db = tmp.path().join("record.db");

    let out = ingest(&db, &[&at_limit, &over_limit], &["--max-mb", "1"]);
    assert_eq!(out.code, 3, "{out}");
    let refused = out.refused_lines();
    assert_eq!(refused.len(), 1, "{out}");
    assert!(refused[0].starts_with(&format!("refused {}: ", over_limit.display())), "{out}");
    let s = out.summary();
    assert_eq!((s.new, s.unchanged, s.refused), (1, 0, 1), "{out}");
    let docs = check_record(&export(&db));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].path, at_limit.display().to_string());

    // With a larger limit the other file goes in too.
    let out = ingest(&db, &[&at_limit, &over_limit], &["--max-mb", "2"]);
    assert_eq!(out.code, 0, "{out}");
    let s = out.summary();
    assert_eq!((s.new, s.unchanged, s.refused), (1, 1, 0), "{out}");
    assert_eq!(check_record(&export(&db)).len(), 2);
}

// Known bugs: these state the intended behaviour and are ignored until src is fixed.

/// A file name with a line break prints as two `refused` lines, the second one forged by
/// the name: `pipeline.rs` writes `path.display()` as is.
#[test]
fn a_refused_file_name_with_a_line_break_is_still_one_line() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let batch = tmp.path().join("batch");
    write(&batch.join("empty\nrefused forged.txt: made up"), "");
    let db = tmp.path().join("record.db");
    let out = ingest(&db, &[&batch], &[]);
    assert_eq!(out.code, 3, "{out}");
    assert_eq!(out.summary().refused, 1, "{out}");
    assert_eq!(out.stderr_lines().len(), 2, "one refused line and the summary:\n{out}");
}

/// A symbolic link to a report inside a folder is neither read nor refused: the walk does
/// not follow links and drops everything that is not a plain file without a word.
#[test]
#[cfg(unix)]
fn a_symlinked_report_in_a_folder_is_read_or_refused() {
    let tmp = tempfile::tempdir().expect("temporary folder");
    let target = write(&tmp.path().join("elsewhere/report.txt"), GOOD);
    let batch = tmp.path().join("batch");
    std::fs::create_dir_all(&batch).expect("batch");
    std::os::unix::fs::symlink(&target, batch.join("linked_report.txt")).expect("symlink");
    let db = tmp.path().join("record.db");
    let out = ingest(&db, &[&batch], &[]);
    let s = out.summary();
    assert_eq!(s.new + s.refused, 1, "the link was neither ingested nor refused:\n{out}");
}
