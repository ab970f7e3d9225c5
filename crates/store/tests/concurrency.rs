//! Several handles on one database (a SQLite file, a PostgreSQL database): concurrent opens,
//! overlapping inserts, record saves racing inserts.

mod common;

use std::collections::HashSet;
use std::sync::{Arc, Barrier};

use common::{backends, document, extraction, record};

#[test]
fn two_handles_inserting_overlapping_sets_store_each_document_once() {
    for backend in backends() {
        overlapping_inserts(&backend.place());
    }
}

fn overlapping_inserts(place: &common::Place) {
    // Ranges overlap on 100..300; the second thread walks backwards so the two meet.
    let plans: [Vec<usize>; 2] = [(0..300).collect(), (100..400).rev().collect()];
    let barrier = Arc::new(Barrier::new(plans.len()));
    let handles: Vec<_> = plans
        .into_iter()
        .map(|plan| {
            let place = place.clone();
            let barrier = Arc::clone(&barrier);
            std::thread::spawn(move || {
                barrier.wait();
                // Both open a fresh database at once: migrations must not race either.
                let mut store = place.open();
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

    let store = place.open();
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
    for backend in backends() {
        readers_and_a_writer(&backend.place());
    }
}

fn readers_and_a_writer(place: &common::Place) {
    let mut writer = place.open();
    let reader_place = place.clone();
    let reader = std::thread::spawn(move || {
        let reader = reader_place.open();
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

#[test]
fn record_saves_racing_inserts_keep_the_generations_straight() {
    for backend in backends() {
        let place = backend.place();
        let saver_place = place.clone();
        // One handle resolves-and-saves in a loop while another inserts: every save is
        // stamped with the snapshot's generation, so the last one is fresh only if nothing
        // arrived after its snapshot.
        let saver = std::thread::spawn(move || {
            let mut store = saver_place.open();
            for _ in 0..30 {
                let snapshot = store.snapshot().unwrap();
                assert_eq!(snapshot.generation as usize, snapshot.extractions.len());
                store.save_record_for(&record(), snapshot.generation).unwrap();
            }
        });
        let mut writer = place.open();
        for i in 0..100 {
            writer.insert_document(&document(i), &extraction(i), 1).unwrap();
        }
        saver.join().unwrap();
        assert_eq!(writer.generation().unwrap(), 100, "{}", backend.name());
        let snapshot = writer.snapshot().unwrap();
        writer.save_record_for(&record(), snapshot.generation).unwrap();
        assert_eq!(writer.load_record().unwrap(), Some(record()), "{}", backend.name());
        writer.check_integrity().unwrap();
    }
}
