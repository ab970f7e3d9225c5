//! Schema versioning: migrations run once, in order, and a newer database is refused.

mod common;

use common::{document, extraction, PgDatabase};
use dossier_store::{Error, Store, SCHEMA_VERSION};
use rusqlite::Connection;

fn user_version(path: &std::path::Path) -> i64 {
    Connection::open(path).unwrap().pragma_query_value(None, "user_version", |r| r.get(0)).unwrap()
}

#[test]
fn reopening_does_not_rerun_migrations() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/dossier.db");
    {
        let mut store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), i64::from(SCHEMA_VERSION));
        store.insert_document(&document(1), &extraction(1), 1).unwrap();
    }
    // Rerunning 0001 would fail on CREATE TABLE; and it would reset the generation counter.
    let generation = Store::open(&path).unwrap().generation().unwrap();
    for _ in 0..3 {
        let store = Store::open(&path).unwrap();
        assert_eq!(store.documents().unwrap().len(), 1);
        assert_eq!(store.generation().unwrap(), generation);
    }
    assert_eq!(user_version(&path), i64::from(SCHEMA_VERSION));
    let journal: String =
        Connection::open(&path).unwrap().pragma_query_value(None, "journal_mode", |r| r.get(0)).unwrap();
    assert_eq!(journal, "wal");
}

#[test]
fn an_older_database_is_migrated_forward() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dossier.db");
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(include_str!("../migrations/0001_init.sql")).unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
    }
    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), i64::from(SCHEMA_VERSION));
    store.save_record(&common::record()).unwrap();
    assert_eq!(store.load_record().unwrap(), Some(common::record()));
}

#[test]
fn a_newer_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dossier.db");
    drop(Store::open(&path).unwrap());
    Connection::open(&path).unwrap().pragma_update(None, "user_version", 9).unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::SchemaTooNew { found: 9, known } if known == SCHEMA_VERSION));
    assert_eq!(err.to_string(), format!("database schema version 9 is newer than this dossier ({SCHEMA_VERSION})"));
    assert_eq!(SCHEMA_VERSION, 4);
    assert_eq!(user_version(&path), 9, "a refused database is left untouched");
}

#[test]
fn a_file_that_is_not_a_database_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notes.txt");
    std::fs::write(&path, "this is not sqlite, but it is long enough to look like a header").unwrap();
    let err = Store::open(&path).unwrap_err();
    assert!(matches!(err, Error::Open { .. }), "{err:?}");
    assert!(err.to_string().starts_with("cannot open database "), "{err}");
    assert!(std::error::Error::source(&err).is_some());
}

#[test]
fn postgres_migrates_once_keeps_the_version_and_refuses_a_newer_one() {
    let Some(db) = PgDatabase::create() else { return };
    {
        let mut store = Store::open_postgres(&db.url).unwrap();
        assert!(store.is_postgres());
        assert_eq!(store.schema_version().unwrap(), i64::from(SCHEMA_VERSION));
        store.insert_document(&document(1), &extraction(1), 1).unwrap();
    }
    for _ in 0..3 {
        let store = Store::open_postgres(&db.url).unwrap();
        assert_eq!(store.documents().unwrap().len(), 1);
        assert_eq!(store.generation().unwrap(), 1);
    }
    let mut client = db.client();
    let version: i64 = client.query_one("SELECT version FROM schema_version", &[]).unwrap().get(0);
    assert_eq!(version, i64::from(SCHEMA_VERSION));
    client.batch_execute("UPDATE schema_version SET version = 9").unwrap();
    let err = Store::open_postgres(&db.url).unwrap_err();
    assert!(matches!(err, Error::SchemaTooNew { found: 9, .. }), "{err:?}");
}

#[test]
fn postgres_opens_from_an_older_schema() {
    let Some(db) = PgDatabase::create() else { return };
    let mut client = db.client();
    client.batch_execute("CREATE TABLE schema_version (version BIGINT NOT NULL)").unwrap();
    client.batch_execute(include_str!("../migrations/postgres/0001_init.sql")).unwrap();
    client.batch_execute("INSERT INTO schema_version (version) VALUES (1)").unwrap();
    let mut store = Store::open_postgres(&db.url).unwrap();
    assert_eq!(store.schema_version().unwrap(), i64::from(SCHEMA_VERSION));
    store.save_record(&common::record()).unwrap();
    assert_eq!(store.load_record().unwrap(), Some(common::record()));
}

#[test]
fn an_unreachable_server_is_a_connect_error_without_the_password() {
    let err = Store::open_postgres("postgres://someone:secret@127.0.0.1:1/nothing").unwrap_err();
    assert!(matches!(err, Error::Connect { .. }), "{err:?}");
    let message = err.to_string();
    assert!(message.starts_with("cannot connect to postgresql at "), "{message}");
    assert!(!message.contains("secret"), "{message}");
}
