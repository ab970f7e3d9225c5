//! Several handles on one file: concurrent opens and overlapping inserts.

mod common;

use std::collections::HashSet;
use std::sync::{Arc, Barrier};

use common::{document, extraction};
use dossier_store::Store;

#[test]
fn two_handles_inserting_overlapping_sets_store_each_document_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dossier.db");
    // Ranges overlap on 100..300; the second thread walks backwards so the two meet.
    let plans: [Vec<usize>; 2] = [(0..300).collect(), (100..400).rev().collect()];
    let barrier = Arc::new(Barrier::new(plans.len()));
    let handles: Vec<_> = plans
        .into_iter()
        .map(|plan| {
            let path = path.clone();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                // Both open a fresh file at once: migrations must not race either.
                let mut store = Store::open(&path).unwrap();
                barrier.wait();
                let mut new = Vec::new();
                for i in plan {
                    let inserted = store.insert_document(&document(i), &extraction(i), 1).unwrap();
                    if inserted.is_new() {
                        new.push(i);
                    }
                }
                new
            })
        })
        .collect();
    let news: Vec<Vec<usize>> = handles.into_iter().map(|h| h.join().unwrap()).collect();

    let mut all_new: Vec<usize> = news.concat();
    all_new.sort_unstable();
    assert_eq!(all_new, (0..400).collect::<Vec<_>>(), "each document is New exactly once");

    let store = Store::open(&path).unwrap();
    store.check_integrity().unwrap();
    let docs = store.documents().unwrap();
    assert_eq!(docs.len(), 400);
    let shas: HashSet<_> = docs.iter().map(|d| d.sha256.clone()).collect();
    assert_eq!(shas, (0..400).map(|i| document(i).sha256).collect());
    assert_eq!(store.extractions().unwrap().len(), 400);
    assert_eq!(store.generation().unwrap(), 400);
}

#[test]
fn readers_see_whole_documents_while_a_writer_runs() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dossier.db");
    let mut writer = Store::open(&path).unwrap();
    let reader_path = path.clone();
    let reader = std::thread::spawn(move || {
        let reader = Store::open(&reader_path).unwrap();
        let mut seen = 0;
        while seen < 200 {
            let snapshot = reader.snapshot().unwrap();
            assert_eq!(snapshot.generation as usize, snapshot.extractions.len());
            seen = snapshot.extractions.len();
        }
    });
    for i in 0..200 {
        writer.insert_document(&document(i), &extraction(i), 1).unwrap();
    }
    reader.join().unwrap();
}
