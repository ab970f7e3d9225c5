//! The corpus generator: the same seed gives the same bytes, the gold record's quotes are the
//! text at their offsets, and a small generated corpus goes through the whole pipeline with
//! a record that finds most of what the gold says (a floor, scored here without Python).

use std::collections::{HashMap, HashSet};

use dossier::gen::{generate_in_memory, generate_to_dir};
use dossier::pipeline::{self, IngestOptions, Progress};
use serde_json::Value;

#[test]
fn a_seed_gives_the_same_corpus_and_another_seed_another() {
    let (docs_a, gold_a) = generate_in_memory(150, 42);
    let (docs_b, gold_b) = generate_in_memory(150, 42);
    assert_eq!(docs_a, docs_b);
    assert_eq!(serde_json::to_string(&gold_a).unwrap(), serde_json::to_string(&gold_b).unwrap());
    let (docs_c, _) = generate_in_memory(150, 43);
    assert_ne!(docs_a, docs_c);
    assert_eq!(docs_a.len(), 150);
}

#[test]
fn gold_quotes_are_the_text_at_their_offsets() {
    let (docs, gold) = generate_in_memory(400, 7);
    let by_key: HashMap<&str, &str> = docs.iter().map(|d| (&d.name[..6], d.text.as_str())).collect();
    assert_eq!(gold.documents.len(), docs.len());
    for key in gold.documents.keys() {
        assert!(by_key.contains_key(key.as_str()), "gold document {key} has no file");
    }
    assert!(!gold.events.is_empty());
    for ev in &gold.events {
        assert!(!ev.sources.is_empty(), "{} has no source", ev.key);
        assert!((1..=4).contains(&ev.docs.len()), "{} told by {} reports", ev.key, ev.docs.len());
        for s in &ev.sources {
            let text = by_key[s.doc.as_str()];
            assert_eq!(text.get(s.start..s.end), Some(s.quote.as_str()), "{} in {}", ev.key, s.doc);
        }
    }
    // A form names one entity only, or the scorer could not tell them apart.
    let mut owner: HashMap<String, &str> = HashMap::new();
    for e in &gold.entities {
        assert!(!e.forms.is_empty());
        for f in &e.forms {
            if let Some(other) = owner.insert(f.to_lowercase(), &e.key) {
                assert_eq!(other, e.key, "{f:?} names two entities");
            }
        }
    }
    // The corpus has the variety it promises: disagreements, Cyrillic forms, several families.
    assert!(!gold.conflicts.is_empty());
    assert!(gold.entities.iter().any(|e| e.forms.iter().any(|f| f.chars().any(|c| ('а'..='я').contains(&c)))));
    for family in ["_news_", "_statement_", "_update_"] {
        assert!(docs.iter().any(|d| d.name.contains(family)), "no {family} report");
    }
}

#[test]
fn a_generated_corpus_goes_through_the_pipeline() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("corpus");
    let summary = generate_to_dir(&dir, 80, 11).unwrap();
    assert_eq!(summary.documents, 80);
    let gold: Value = serde_json::from_slice(&std::fs::read(dir.join("gold.json")).unwrap()).unwrap();

    let mut store = dossier_store::Store::open(&tmp.path().join("gen.db")).unwrap();
    let s = pipeline::ingest(&mut store, &[dir.join("reports")], &IngestOptions::default(), Progress::Quiet).unwrap();
    assert_eq!((s.new, s.refused), (80, 0));
    let record = pipeline::current_record(&mut store).unwrap();
    let export = dossier::export::record_json(&store, &record, dossier::pipeline::Audience::Trusted).unwrap();

    // Documents by the gold's key (the file name's first six characters).
    let doc_key: HashMap<&str, String> = export["documents"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            let path = d["path"].as_str().unwrap();
            let name = std::path::Path::new(path).file_name().unwrap().to_str().unwrap();
            (d["id"].as_str().unwrap(), name[..6].to_string())
        })
        .collect();
    let published = export["documents"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|d| {
            let key = &doc_key[d["id"].as_str().unwrap()];
            gold["documents"][key]["published"][0] == d["published"]
        })
        .count();
    assert!(published >= 76, "published dates right for {published} of 80");

    // Event recall, leniently: a system event of the type that cites one of the reports.
    let told: HashSet<(String, String)> = export["events"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|e| {
            let ty = e["type"].as_str().unwrap().to_string();
            let docs: Vec<String> =
                e["sources"].as_array().unwrap().iter().map(|s| doc_key[s["doc"].as_str().unwrap()].clone()).collect();
            docs.into_iter().map(move |d| (ty.clone(), d))
        })
        .collect();
    let events = gold["events"].as_array().unwrap();
    let found = events
        .iter()
        .filter(|g| {
            let ty = g["types"][0].as_str().unwrap().to_string();
            g["docs"].as_array().unwrap().iter().any(|d| told.contains(&(ty.clone(), d.as_str().unwrap().to_string())))
        })
        .count();
    let recall = found as f64 / events.len() as f64;
    assert!(recall >= 0.6, "lenient event recall {recall:.2} ({found} of {})", events.len());
}
