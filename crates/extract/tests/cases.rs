//! Data-first extraction tests: each `tests/cases/NAME.txt` (the team's own sentences) is
//! extracted and rendered as text, and compared with `tests/cases/NAME.expected` beside it.
//! `UPDATE_EXPECT=1 cargo test -p dossier-extract --test cases` rewrites the expected files;
//! review the diff before committing it.

use std::path::{Path, PathBuf};

use dossier_extract::{extract_document, DocExtraction, DocumentInput};

/// The extraction as lines a reviewer can read: the date, the entities, then each event
/// with its attributes and the words it was read from.
fn render(text: &str, x: &DocExtraction) -> String {
    let mut out = String::new();
    out.push_str(&format!("published: {}\n", x.published.map(|d| d.to_string()).unwrap_or_else(|| "-".into())));
    for e in &x.entities {
        out.push_str(&format!("entity {}: {}\n", e.kind.as_str(), e.name));
    }
    for ev in &x.events {
        let people: Vec<String> =
            ev.participants.iter().map(|p| format!("{} ({})", x.entities[p.entity].name, p.role.as_str())).collect();
        let mut line = format!(
            "event {} {}: {}",
            ev.kind.as_str(),
            ev.date.map(|d| d.to_string()).unwrap_or_else(|| "undated".into()),
            people.join(", ")
        );
        if let Some(p) = ev.place {
            line.push_str(&format!("; place {}", x.entities[p].name));
        }
        if let Some(c) = ev.count {
            line.push_str(&format!("; count {:?} {}", c.bound, c.value));
        }
        if let Some(t) = ev.term {
            line.push_str(&format!("; term {}", t.iso()));
        }
        if let Some(a) = &ev.amount {
            line.push_str(&format!("; amount {:?} {}", a.value, a.currency));
        }
        if !ev.legal.is_empty() {
            line.push_str(&format!("; under {}", ev.legal.join(", ")));
        }
        out.push_str(&line);
        out.push('\n');
        let quote = ev.source.slice(text);
        assert_eq!(quote, ev.quote, "a quote differs from the text at its span");
        out.push_str(&format!("    \"{}\"\n", quote.split_whitespace().collect::<Vec<_>>().join(" ")));
    }
    out
}

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/cases")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_case_matches_its_expected_extraction() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let mut failures = Vec::new();
    let files = cases();
    assert!(!files.is_empty(), "no cases in tests/cases");
    for input in files {
        let text = std::fs::read_to_string(&input).expect("a case");
        let x = extract_document(&DocumentInput { text: &text, title: None, published: None });
        let got = render(&text, &x);
        let expected_path = input.with_extension("expected");
        if update {
            std::fs::write(&expected_path, &got).expect("expected file written");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if expected != got {
            failures.push(format!(
                "{}:\n--- expected\n{expected}--- got\n{got}",
                input.file_name().and_then(|n| n.to_str()).unwrap_or("?")
            ));
        }
    }
    assert!(failures.is_empty(), "extraction changed (UPDATE_EXPECT=1 to accept):\n{}", failures.join("\n"));
}
