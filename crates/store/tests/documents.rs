//! Documents, extractions, judgements, freshness and full-text search through the public API.

mod common;

use common::{document, each_store, extraction, record, PgDatabase};
use dossier_store::{Error, Inserted, JudgementKind, Store};
use proptest::prelude::*;

#[test]
fn documents_round_trip() {
    each_store(|store| {
        let mut ids = Vec::new();
        for i in 0..4 {
            let inserted = store.insert_document(&document(i), &extraction(i), 1).unwrap();
            assert!(inserted.is_new());
            ids.push(inserted.id());
        }
        let docs = store.documents().unwrap();
        assert_eq!(docs.iter().map(|d| d.id).collect::<Vec<_>>(), ids);
        for (i, d) in docs.iter().enumerate() {
            let new = document(i);
            assert_eq!(d.path, new.path);
            assert_eq!(d.title, new.title);
            assert_eq!(d.published, new.published);
            assert_eq!(d.sha256, new.sha256);
            assert_eq!(d.format, new.format);
            assert_eq!(d.byte_len, new.text.len() as u64);
            assert_eq!(d.confidential, new.confidential);
            assert!(d.ingested_at.ends_with('Z') && d.ingested_at.len() == 20);
            assert_eq!(store.document(d.id).unwrap().as_ref(), Some(d));
            assert_eq!(store.document_text(d.id).unwrap(), Some(new.text));
            assert_eq!(store.contains_sha(&new.sha256).unwrap(), Some(d.id));
        }
        let extractions = store.extractions().unwrap();
        assert_eq!(extractions.len(), 4);
        for (i, (id, ex)) in extractions.iter().enumerate() {
            assert_eq!(*id, ids[i]);
            assert_eq!(*ex, extraction(i), "extractions read back bit-exact");
        }
        assert_eq!(store.extraction(ids[2]).unwrap(), Some((extraction(2), 1)));
        assert_eq!(store.document(999).unwrap(), None);
        assert_eq!(store.document(u64::MAX).unwrap(), None);
        assert_eq!(store.document_text(u64::MAX).unwrap(), None);
        assert_eq!(store.contains_sha("nope").unwrap(), None);
        assert_eq!(store.counts().unwrap().documents, 4);
        store.check_integrity().unwrap();
    });
}

#[test]
fn same_sha_is_unchanged_and_writes_nothing() {
    each_store(|store| {
        let first = store.insert_document(&document(1), &extraction(1), 1).unwrap();
        let generation = store.generation().unwrap();
        let mut again = document(1);
        again.path = "elsewhere/copy.html".into();
        let second = store.insert_document(&again, &extraction(2), 2).unwrap();
        assert_eq!(second, Inserted::Unchanged(first.id()));
        assert!(!second.is_new());
        assert_eq!(store.generation().unwrap(), generation);
        let docs = store.documents().unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].path, document(1).path);
        assert_eq!(store.extraction(first.id()).unwrap(), Some((extraction(1), 1)));
    });
}

#[test]
fn stale_extractions_are_replaced() {
    each_store(|store| {
        let a = store.insert_document(&document(0), &extraction(0), 1).unwrap().id();
        let b = store.insert_document(&document(1), &extraction(1), 2).unwrap().id();
        assert_eq!(store.stale_extractions(2).unwrap(), vec![a]);
        assert_eq!(store.stale_extractions(3).unwrap(), vec![a, b]);

        store.save_record(&record()).unwrap();
        assert!(!store.record_is_stale().unwrap());
        store.replace_extraction(a, &extraction(5), 2).unwrap();
        assert!(store.record_is_stale().unwrap(), "a new extraction invalidates the record");
        assert_eq!(store.stale_extractions(2).unwrap(), Vec::<u64>::new());
        assert_eq!(store.extraction(a).unwrap(), Some((extraction(5), 2)));

        let err = store.replace_extraction(999, &extraction(5), 2).unwrap_err();
        assert!(matches!(err, Error::NoSuchDocument(999)));
        assert_eq!(err.to_string(), "no document with id 999");
    });
}

#[test]
fn record_freshness_follows_documents_and_judgements() {
    each_store(|store| {
        assert!(store.record_is_stale().unwrap(), "never saved is stale");
        assert_eq!(store.load_record().unwrap(), None);
        assert_eq!(store.load_saved_record().unwrap(), None);

        store.save_record(&record()).unwrap();
        assert!(!store.record_is_stale().unwrap());
        assert_eq!(store.load_record().unwrap(), Some(record()));

        store.insert_document(&document(1), &extraction(1), 1).unwrap();
        assert!(store.record_is_stale().unwrap());
        assert_eq!(store.load_record().unwrap(), None);
        assert_eq!(store.load_saved_record().unwrap(), Some(record()));

        store.save_record(&record()).unwrap();
        assert!(!store.record_is_stale().unwrap());
        // Re-inserting a known document changes nothing.
        store.insert_document(&document(1), &extraction(1), 1).unwrap();
        assert!(!store.record_is_stale().unwrap());

        let id = store.add_judgement(JudgementKind::Same, "Ales Bialiatski", "A. Bialiatski").unwrap();
        assert!(store.record_is_stale().unwrap());
        store.add_judgement(JudgementKind::Different, "Minsk", "Minsk Oblast").unwrap();
        let judgements = store.judgements().unwrap();
        assert_eq!(judgements.len(), 2);
        assert_eq!(judgements[0].id, id);
        assert_eq!(judgements[0].kind, JudgementKind::Same);
        assert_eq!(judgements[0].a, "Ales Bialiatski");
        assert_eq!(judgements[0].b, "A. Bialiatski");
        assert_eq!(judgements[1].kind, JudgementKind::Different);
        assert!(judgements[1].created_at.ends_with('Z'));
    });
}

#[test]
fn a_record_resolved_from_an_old_snapshot_stays_stale() {
    each_store(|store| {
        store.insert_document(&document(1), &extraction(1), 1).unwrap();
        store.add_judgement(JudgementKind::Same, "a", "b").unwrap();
        let snapshot = store.snapshot().unwrap();
        assert_eq!(snapshot.extractions.len(), 1);
        assert_eq!(snapshot.judgements.len(), 1);
        assert_eq!(snapshot.generation, store.generation().unwrap());

        // A document arrives while the snapshot is being resolved.
        store.insert_document(&document(2), &extraction(2), 1).unwrap();
        store.save_record_for(&record(), snapshot.generation).unwrap();
        assert!(store.record_is_stale().unwrap());
        assert_eq!(store.load_record().unwrap(), None);

        let snapshot = store.snapshot().unwrap();
        store.save_record_for(&record(), snapshot.generation).unwrap();
        assert_eq!(store.load_record().unwrap(), Some(record()));
    });
}

#[test]
fn counts_cover_documents_and_the_saved_record() {
    each_store(|store| {
        store.insert_document(&document(1), &extraction(1), 1).unwrap();
        store.insert_document(&document(2), &extraction(2), 1).unwrap();
        store.save_record(&record()).unwrap();
        let counts = store.counts().unwrap();
        assert_eq!(counts.documents, 2);
        assert_eq!(counts.entities, 3);
        assert_eq!(counts.events, 3);
        assert_eq!(counts.conflicts, 3);
    });
}

#[test]
fn search_finds_words_and_marks_them() {
    each_store(|store| {
        let ids: Vec<u64> =
            (0..5).map(|i| store.insert_document(&document(i), &extraction(i), 1).unwrap().id()).collect();
        let hits = store.search_documents("docmark3", 10).unwrap();
        assert_eq!(hits.len(), 1);
        assert_eq!(hits[0].0, ids[3]);
        assert!(hits[0].1.contains("[docmark3]"), "{}", hits[0].1);

        // Every term must match; case does not matter, nor diacritics on SQLite (PostgreSQL's
        // 'simple' configuration keeps them).
        assert_eq!(store.search_documents("BIALIATSKI mInsk", 10).unwrap().len(), 5);
        if !store.is_postgres() {
            assert_eq!(store.search_documents("BIALIÁTSKI mínsk", 10).unwrap().len(), 5);
        }
        assert_eq!(store.search_documents("minsk docmark1", 10).unwrap().len(), 1);
        assert_eq!(store.search_documents("minsk nowhere", 10).unwrap().len(), 0);
        assert_eq!(store.search_documents("minsk", 2).unwrap().len(), 2);
        assert_eq!(store.search_documents("minsk", 0).unwrap().len(), 0);
        // FTS syntax is taken literally.
        for query in [
            "\"",
            "AND",
            "OR minsk",
            "NOT",
            "min*",
            "col:minsk",
            "(minsk",
            "NEAR(a b)",
            "^minsk",
            "",
            "   ",
            "\0",
            "minsk\0docmark2",
            "-",
            "+",
            "{text}: minsk",
        ] {
            store.search_documents(query, 10).unwrap();
        }
        assert_eq!(store.search_documents("minsk.", 10).unwrap().len(), 5);
    });
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn search_never_fails_on_any_input(query in any::<String>(), words in prop::collection::vec("[a-zA-Z\"*():^+\\-]{0,6}", 0..4)) {
        let mut store = Store::open_in_memory().unwrap();
        store.insert_document(&document(1), &extraction(1), 1).unwrap();
        store.search_documents(&query, 5).unwrap();
        store.search_documents(&words.join(" "), 5).unwrap();
    }
}

#[test]
fn search_any_form_of_every_group() {
    each_store(|store| {
        let ids: Vec<u64> =
            (0..5).map(|i| store.insert_document(&document(i), &extraction(i), 1).unwrap().id()).collect();
        let forms = |g: &[&[&str]]| g.iter().map(|f| f.iter().map(|s| s.to_string()).collect()).collect::<Vec<_>>();
        // Any form of a group; a form is a phrase.
        let hits = store.search_documents_any(&forms(&[&["docmark1", "docmark3"]]), 10).unwrap();
        let mut found: Vec<u64> = hits.iter().map(|h| h.0).collect();
        found.sort_unstable();
        assert_eq!(found, vec![ids[1], ids[3]]);
        for (_, snippet) in &hits {
            assert!(snippet.contains(&format!("{}docmark", dossier_store::HIT_START)), "{snippet}");
            assert!(snippet.contains(dossier_store::HIT_END), "{snippet}");
        }
        // Every group must match.
        let hits = store.search_documents_any(&forms(&[&["docmark1", "docmark3"], &["Ales Bialiatski"]]), 10).unwrap();
        assert_eq!(hits.len(), 2);
        assert!(store.search_documents_any(&forms(&[&["docmark1"], &["nowhere"]]), 10).unwrap().is_empty());
        assert!(store.search_documents_any(&forms(&[&["Bialiatski Ales"]]), 10).unwrap().is_empty(), "phrase order");
        assert!(store.search_documents_any(&forms(&[&[" ", "\0"]]), 10).unwrap().is_empty());
        assert!(store.search_documents_any(&[], 10).unwrap().is_empty());
        assert_eq!(store.search_documents_any(&forms(&[&["Minsk"]]), 3).unwrap().len(), 3);
    });
}

#[test]
fn search_never_fails_on_postgres_either() {
    let Some(db) = PgDatabase::create() else { return };
    let mut store = Store::open_postgres(&db.url).unwrap();
    store.insert_document(&document(1), &extraction(1), 1).unwrap();
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(100));
    let words = prop::collection::vec("[a-zA-Z\"*():^+\\-!&|<>']{0,6}", 0..4);
    runner
        .run(&(any::<String>(), words), |(query, words)| {
            store.search_documents(&query, 5).unwrap();
            store.search_documents(&words.join(" "), 5).unwrap();
            store.search_documents_any(&[words.clone(), vec![query.clone()]], 5).unwrap();
            Ok(())
        })
        .unwrap();
}
