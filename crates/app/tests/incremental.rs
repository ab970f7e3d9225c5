//! Incremental resolution through the store: the example corpus ingested one file at a time
//! (each ingest absorbing its document into the saved resolver state and patching the saved
//! record) gives the record of one batch, also after a judgement and across reopenings.

use std::path::{Path, PathBuf};

use dossier::pipeline::{self, IngestOptions, Progress};
use dossier_extract::{Record, Resolver, RESOLVER_VERSION};
use dossier_store::{JudgementKind, RecordUpdate, ResolverState, Store};

fn corpus() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../examples/corpus");
    let (files, refused) = pipeline::collect_files(&[dir]);
    assert!(refused.is_empty(), "{refused:?}");
    files
}

fn ingest(store: &mut Store, paths: &[PathBuf]) {
    pipeline::ingest(store, paths, &IngestOptions::default(), Progress::Quiet).unwrap();
}

/// What the record tables hold, as a fresh process reads them.
fn saved(store: &Store) -> Record {
    store.load_record().unwrap().expect("a fresh saved record")
}

fn batch(files: &[PathBuf], judgements: &[(JudgementKind, &str, &str)]) -> Record {
    let mut store = Store::open_in_memory().unwrap();
    ingest(&mut store, files);
    for (kind, a, b) in judgements {
        store.add_judgement(*kind, a, b).unwrap();
    }
    pipeline::current_record(&mut store).unwrap()
}

fn state(store: &Store) -> ResolverState {
    store.resolver_state().unwrap().expect("a saved resolver state")
}

#[test]
fn one_file_at_a_time_gives_the_batch_record() {
    let files = corpus();
    let expected = batch(&files, &[]);
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("dossier.db");
    for (i, f) in files.iter().enumerate() {
        // A new process each time: the state comes from the database.
        let mut store = Store::open(&db).unwrap();
        ingest(&mut store, std::slice::from_ref(f));
        let s = state(&store);
        assert_eq!(s.generation, store.generation().unwrap());
        assert_eq!(s.last_document, i as u64 + 1);
        let record = saved(&store);
        store.check_integrity().unwrap();
        if i + 1 == files.len() {
            assert_eq!(record, expected);
        }
    }
}

#[test]
fn a_judgement_after_incremental_updates_still_wins() {
    let files = corpus();
    let judged = [
        (JudgementKind::Same, "Iryna Sharapava", "Irina Sharapova"),
        (JudgementKind::Different, "Andrei Khvastovich", "Andrei Hvastovich"),
    ];
    for (kind, a, b) in judged {
        let mut store = Store::open_in_memory().unwrap();
        for f in &files[..files.len() - 2] {
            ingest(&mut store, std::slice::from_ref(f));
        }
        store.add_judgement(kind, a, b).unwrap();
        let after_judgement = pipeline::current_record(&mut store).unwrap();
        // More documents after the judgement go through the saved state again.
        for f in &files[files.len() - 2..] {
            ingest(&mut store, std::slice::from_ref(f));
        }
        let record = saved(&store);
        assert_eq!(record, batch(&files, &[(kind, a, b)]));
        assert_eq!(pipeline::current_record(&mut store).unwrap(), record);
        let owner = |r: &Record, form: &str| {
            r.entities.iter().position(|e| e.name == form || e.aliases.iter().any(|x| x == form))
        };
        assert!(owner(&after_judgement, a).is_some() && owner(&record, b).is_some());
        assert_eq!(owner(&record, a) == owner(&record, b), kind == JudgementKind::Same, "{kind:?} {a} {b}");
    }
}

#[test]
fn a_state_that_cannot_continue_is_resolved_again() {
    let files = corpus();
    let expected = batch(&files, &[]);
    let half = files.len() / 2;

    // A state from another resolver version is ignored.
    let mut store = Store::open_in_memory().unwrap();
    ingest(&mut store, &files[..half]);
    let mut old = state(&store);
    old.resolver_version = RESOLVER_VERSION + 1;
    old.state = "not a state".into();
    let record = saved(&store);
    assert!(store.save_resolution(RecordUpdate::Whole(&record), &old, &[]).unwrap());
    ingest(&mut store, &files[half..]);
    assert_eq!(saved(&store), expected);
    assert_eq!(state(&store).resolver_version, RESOLVER_VERSION);

    // A state that does not read back is ignored.
    let mut store = Store::open_in_memory().unwrap();
    ingest(&mut store, &files[..half]);
    let mut broken = state(&store);
    broken.state = "{}".into();
    let record = saved(&store);
    assert!(store.save_resolution(RecordUpdate::Whole(&record), &broken, &[]).unwrap());
    ingest(&mut store, &files[half..]);
    assert_eq!(saved(&store), expected);

    // A record saved without a state forgets the state.
    let mut store = Store::open_in_memory().unwrap();
    ingest(&mut store, &files[..half]);
    let record = saved(&store);
    store.save_record(&record).unwrap();
    assert_eq!(store.resolver_state().unwrap(), None);
    ingest(&mut store, &files[half..]);
    assert_eq!(saved(&store), expected);
    assert!(Resolver::from_head(&state(&store).state).is_some());

    // A head whose pages are gone (saved with none) cannot continue either.
    let mut store = Store::open_in_memory().unwrap();
    ingest(&mut store, &files[..half]);
    let headless = state(&store);
    let record = saved(&store);
    assert!(store.save_resolution(RecordUpdate::Whole(&record), &headless, &[]).unwrap());
    ingest(&mut store, &files[half..]);
    assert_eq!(saved(&store), expected);
}
