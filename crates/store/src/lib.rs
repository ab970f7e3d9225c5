//! Storage on embedded SQLite: documents, their text and extractions, the resolved record,
//! human judgements and a full-text index, behind one [`Store`] handle.
//!
//! # Guarantees
//!
//! * Every write is one `BEGIN IMMEDIATE` transaction: a document goes in with its text, its
//!   full-text row and its extraction, or not at all, even if the process is killed.
//! * Several handles (threads or processes) may write the same file: the journal is WAL, a
//!   busy handle waits up to [`BUSY_TIMEOUT`], and a document's sha256 is unique.
//! * The schema is versioned with `PRAGMA user_version`; [`Store::open`] applies the missing
//!   migrations (embedded from `migrations/*.sql`) and refuses a database from a newer dossier.
//!
//! # Record freshness
//!
//! The `meta` table holds `documents_generation`, bumped by every change that can change the
//! record (a new document, a re-extraction, a judgement), and `record_generation`, the
//! generation the saved record was built from. The record is fresh when the two are equal.
//! To resolve without racing concurrent writers, take a [`Snapshot`], resolve it, and save
//! with [`Store::save_record_for`] and the snapshot's generation.
//!
//! # Incremental resolution
//!
//! [`Store::save_resolution`] saves a resolver's state with the record it built, in one
//! transaction; [`Store::additions_since`] then gives only the documents (and judgements)
//! added since, when nothing else changed, and the next save patches the changed record rows
//! in place. A record saved any other way deletes the state.

mod convert;
mod documents;
mod error;
mod judgements;
mod record;
mod resolution;

use std::path::Path;
use std::time::Duration;

use dossier_extract::DocExtraction;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

pub use documents::{Inserted, NewDocument, StoredDocument, HIT_END, HIT_START};
pub use error::{Error, Result};
pub use judgements::{Judgement, JudgementKind};
pub use resolution::{Additions, RecordPatch, RecordUpdate, ResolverState};

/// The migrations, in order; migration `i` brings the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_record.sql"),
    include_str!("../migrations/0003_resolver.sql"),
];

/// The schema version this build writes (`PRAGMA user_version`).
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// How long a handle waits for another writer before failing with "database is locked".
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

const DOCUMENTS_GENERATION: &str = "documents_generation";
const RECORD_GENERATION: &str = "record_generation";

/// A handle on one dossier database.
#[derive(Debug)]
pub struct Store {
    conn: Connection,
}

/// How much the store holds. Entities, events and conflicts are those of the last saved
/// record, fresh or not (see [`Store::record_is_stale`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub documents: u64,
    pub entities: u64,
    pub events: u64,
    pub conflicts: u64,
}

/// Everything resolution needs, read in one transaction so the parts agree.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Snapshot {
    /// The `documents_generation` the rest was read at; pass it to [`Store::save_record_for`].
    pub generation: u64,
    /// Every document's extraction, by document id, ordered by id.
    pub extractions: Vec<(u64, DocExtraction)>,
    /// Every judgement, oldest first.
    pub judgements: Vec<Judgement>,
}

impl Store {
    /// Opens the database at `path`, creating it (and its directory) if needed, and brings its
    /// schema up to date.
    pub fn open(path: &Path) -> Result<Store> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|source| Error::CreateDir { path: dir.to_path_buf(), source })?;
        }
        let open_error = |source| Error::Open { path: path.to_path_buf(), source };
        let conn = Connection::open(path).map_err(open_error)?;
        configure(&conn, true).map_err(open_error)?;
        let mut store = Store { conn };
        store.migrate()?;
        Ok(store)
    }

    /// A fresh database in memory, for tests and one-shot runs.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        configure(&conn, false)?;
        let mut store = Store { conn };
        store.migrate()?;
        Ok(store)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self.conn.pragma_query_value(None, "user_version", |r| r.get(0))?)
    }

    fn migrate(&mut self) -> Result<()> {
        let known = SCHEMA_VERSION;
        let check = |found: i64| -> Result<usize> {
            match usize::try_from(found) {
                Ok(n) if n <= MIGRATIONS.len() => Ok(n),
                Ok(_) => Err(Error::SchemaTooNew { found, known }),
                Err(_) => Err(Error::Corrupt(format!("negative schema version {found}"))),
            }
        };
        if check(self.schema_version()?)? == MIGRATIONS.len() {
            return Ok(());
        }
        // Another process may be migrating too: decide again under the write lock.
        let tx = self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let current = check(tx.pragma_query_value(None, "user_version", |r| r.get(0))?)?;
        for sql in &MIGRATIONS[current..] {
            tx.execute_batch(sql)?;
        }
        tx.pragma_update(None, "user_version", known)?;
        tx.commit()?;
        Ok(())
    }

    /// The current `documents_generation` (see the crate documentation).
    pub fn generation(&self) -> Result<u64> {
        generation(&self.conn)
    }

    /// The extractions and judgements as of one generation, read in one transaction.
    pub fn snapshot(&self) -> Result<Snapshot> {
        // A read transaction: in WAL mode every read in it sees the same database state.
        let tx = self.conn.unchecked_transaction()?;
        let snapshot = Snapshot {
            generation: generation(&tx)?,
            extractions: documents::read_extractions(&tx)?,
            judgements: judgements::read_judgements(&tx)?,
        };
        tx.finish()?;
        Ok(snapshot)
    }

    /// How many documents, and how many entities, events and conflicts in the saved record.
    pub fn counts(&self) -> Result<Counts> {
        let tx = self.conn.unchecked_transaction()?;
        let count = |table: &str| -> Result<u64> {
            let n: i64 = tx.query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?;
            convert::sql_to_u64(n, "row count")
        };
        let counts = Counts {
            documents: count("documents")?,
            entities: count("entities")?,
            events: count("events")?,
            conflicts: count("conflicts")?,
        };
        tx.finish()?;
        Ok(counts)
    }

    /// Checks the database file, its foreign keys and its full-text index; a failure is
    /// reported as [`Error::Corrupt`] with what SQLite found.
    pub fn check_integrity(&self) -> Result<()> {
        let mut problems = Vec::new();
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let line: String = row.get(0)?;
            if line != "ok" {
                problems.push(line);
            }
        }
        let mut stmt = self.conn.prepare("PRAGMA foreign_key_check")?;
        let mut rows = stmt.query([])?;
        while let Some(row) = rows.next()? {
            let table: String = row.get(0)?;
            problems.push(format!("foreign key violation in {table}"));
        }
        if let Err(e) = self.conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')", []) {
            problems.push(format!("full-text index: {e}"));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Corrupt(problems.join("; ")))
        }
    }

    fn write_transaction(&mut self) -> Result<rusqlite::Transaction<'_>> {
        // IMMEDIATE takes the write lock up front, so the busy timeout applies; a deferred
        // transaction that upgrades from read to write can fail at once with SQLITE_BUSY.
        Ok(self.conn.transaction_with_behavior(TransactionBehavior::Immediate)?)
    }
}

fn configure(conn: &Connection, file: bool) -> rusqlite::Result<()> {
    conn.busy_timeout(BUSY_TIMEOUT)?;
    if file {
        // Answers the mode in force; a file system without WAL support keeps its journal.
        let _mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    }
    conn.pragma_update(None, "synchronous", "NORMAL")?;
    conn.pragma_update(None, "foreign_keys", true)?;
    Ok(())
}

fn meta_get(conn: &Connection, key: &str) -> Result<Option<u64>> {
    let value: Option<String> =
        conn.prepare_cached("SELECT value FROM meta WHERE key = ?1")?.query_row([key], |r| r.get(0)).optional()?;
    value.map(|v| v.parse().map_err(|_| Error::Corrupt(format!("meta {key} is not a number: {v:?}")))).transpose()
}

fn meta_set(conn: &Connection, key: &str, value: u64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
    )?
    .execute((key, value.to_string()))?;
    Ok(())
}

fn generation(conn: &Connection) -> Result<u64> {
    Ok(meta_get(conn, DOCUMENTS_GENERATION)?.unwrap_or(0))
}

/// Marks the record stale; call inside the write transaction that changes its inputs.
fn bump_generation(conn: &Connection) -> Result<u64> {
    let next = generation(conn)? + 1;
    meta_set(conn, DOCUMENTS_GENERATION, next)?;
    Ok(next)
}
