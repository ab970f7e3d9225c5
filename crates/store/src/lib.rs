//! Storage on embedded SQLite or a shared PostgreSQL server: documents, their text and
//! extractions, the resolved record, human judgements and a full-text index, behind one
//! [`Store`] handle.
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
//! # PostgreSQL
//!
//! [`Store::open_postgres`] opens the same store on a PostgreSQL server, with the same
//! migrations numbered alike (`migrations/postgres/*.sql`, the version in `schema_version`)
//! and the same queries. A write transaction holds a transaction-scoped advisory lock, so
//! writers take turns as they do on SQLite; a read that spans several queries runs at
//! REPEATABLE READ. A document's sha256 is unique, so several processes inserting the same
//! document store it once. Full-text search uses a `tsvector` with the `simple` configuration.
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
//! [`Store::save_resolution`] saves a resolver's state (its head and its pages, all of them
//! or the changed ones) with the record it built, in one transaction;
//! [`Store::additions_since`] then gives only the documents (and judgements) added since, when
//! nothing else changed, the resolver reads back the pages those lead to
//! ([`dossier_extract::PageSource`]), and the next save patches the changed record rows and
//! pages in place. A record saved any other way deletes the state.

mod convert;
mod db;
mod documents;
mod error;
mod judgements;
mod record;
mod resolution;

use std::path::Path;
use std::time::Duration;

use dossier_extract::DocExtraction;
use rusqlite::Connection;

use db::{vals, Db};
pub use documents::{Inserted, NewDocument, StoredDocument, HIT_END, HIT_START};
pub use error::{Error, Result};
pub use judgements::{Judgement, JudgementKind};
pub use resolution::{Additions, RecordPatch, RecordUpdate, ResolverState};

/// The migrations, in order; migration `i` brings the schema from version `i` to `i + 1`.
const MIGRATIONS: &[&str] = &[
    include_str!("../migrations/0001_init.sql"),
    include_str!("../migrations/0002_record.sql"),
    include_str!("../migrations/0003_resolver.sql"),
    include_str!("../migrations/0004_resolver_pages.sql"),
];

/// The same migrations for PostgreSQL, numbered alike.
const POSTGRES_MIGRATIONS: &[&str] = &[
    include_str!("../migrations/postgres/0001_init.sql"),
    include_str!("../migrations/postgres/0002_record.sql"),
    include_str!("../migrations/postgres/0003_resolver.sql"),
    include_str!("../migrations/postgres/0004_resolver_pages.sql"),
];

// Both backends must know the same schema versions.
const _: () = assert!(MIGRATIONS.len() == POSTGRES_MIGRATIONS.len());

/// The schema version this build writes (`PRAGMA user_version`, or `schema_version` on
/// PostgreSQL).
pub const SCHEMA_VERSION: u32 = MIGRATIONS.len() as u32;

/// How long a handle waits for another writer before failing with "database is locked".
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

const DOCUMENTS_GENERATION: &str = "documents_generation";
const RECORD_GENERATION: &str = "record_generation";

/// Whether `--db` names a PostgreSQL server (`postgres://…` or `postgresql://…`) rather than
/// a SQLite file.
pub fn is_postgres_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

/// A URL with its password, if any, replaced, for messages.
fn redacted(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let auth = &url[scheme + 3..at];
            match auth.find(':') {
                Some(colon) => format!("{}{}:***{}", &url[..scheme + 3], &auth[..colon], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// A handle on one dossier database.
#[derive(Debug)]
pub struct Store {
    db: Db,
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
        let mut store = Store { db: Db::Sqlite(conn) };
        store.migrate()?;
        Ok(store)
    }

    /// Opens the store on a PostgreSQL server (`postgres://user@host:port/dbname`), and
    /// brings its schema up to date. The database must exist; the tables are created in it.
    pub fn open_postgres(url: &str) -> Result<Store> {
        let client = postgres::Client::connect(url, postgres::NoTls)
            .map_err(|source| Error::Connect { url: redacted(url), source })?;
        let mut store = Store { db: Db::postgres(client) };
        // Notices (an empty search term, a table already there) are not the user's concern.
        store.db.batch("SET client_min_messages = warning")?;
        store.migrate()?;
        Ok(store)
    }

    /// Whether this store is on a PostgreSQL server.
    pub fn is_postgres(&self) -> bool {
        self.db.is_postgres()
    }

    /// A fresh database in memory, for tests and one-shot runs.
    pub fn open_in_memory() -> Result<Store> {
        let conn = Connection::open_in_memory()?;
        configure(&conn, false)?;
        let mut store = Store { db: Db::Sqlite(conn) };
        store.migrate()?;
        Ok(store)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        self.db.schema_version()
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
        self.db.exclusive(|| {
            let tx = self.db.write_tx()?;
            let current = check(tx.schema_version()?)?;
            if current == MIGRATIONS.len() {
                return Ok(());
            }
            let migrations = if tx.is_postgres() { POSTGRES_MIGRATIONS } else { MIGRATIONS };
            if tx.is_postgres() && current == 0 {
                tx.batch("CREATE TABLE IF NOT EXISTS schema_version (version BIGINT NOT NULL)")?;
            }
            for sql in &migrations[current..] {
                tx.batch(sql)?;
            }
            tx.set_schema_version(known)?;
            tx.commit()
        })
    }

    /// The current `documents_generation` (see the crate documentation).
    pub fn generation(&self) -> Result<u64> {
        generation(&self.db)
    }

    /// The extractions and judgements as of one generation, read in one transaction.
    pub fn snapshot(&self) -> Result<Snapshot> {
        let tx = self.db.read_tx()?;
        let snapshot = Snapshot {
            generation: generation(&tx)?,
            extractions: documents::read_extractions(&tx)?,
            judgements: judgements::read_judgements(&tx)?,
        };
        tx.commit()?;
        Ok(snapshot)
    }

    /// How many documents, and how many entities, events and conflicts in the saved record.
    pub fn counts(&self) -> Result<Counts> {
        let tx = self.db.read_tx()?;
        let count = |table: &str| -> Result<u64> {
            let n = tx.query_one(&format!("SELECT COUNT(*) FROM {table}"), &[])?.i64(0)?;
            convert::sql_to_u64(n, "row count")
        };
        let counts = Counts {
            documents: count("documents")?,
            entities: count("entities")?,
            events: count("events")?,
            conflicts: count("conflicts")?,
        };
        tx.commit()?;
        Ok(counts)
    }

    /// Checks the database: on SQLite the file, its foreign keys and its full-text index; on
    /// PostgreSQL (which checks its own pages and keys) that every document has its text and
    /// extraction. A failure is reported as [`Error::Corrupt`] with what was found.
    pub fn check_integrity(&self) -> Result<()> {
        let mut problems = Vec::new();
        match &self.db {
            Db::Sqlite(conn) => {
                let mut stmt = conn.prepare("PRAGMA integrity_check")?;
                let mut rows = stmt.query([])?;
                while let Some(row) = rows.next()? {
                    let line: String = row.get(0)?;
                    if line != "ok" {
                        problems.push(line);
                    }
                }
                let mut stmt = conn.prepare("PRAGMA foreign_key_check")?;
                let mut rows = stmt.query([])?;
                while let Some(row) = rows.next()? {
                    let table: String = row.get(0)?;
                    problems.push(format!("foreign key violation in {table}"));
                }
                if let Err(e) = conn.execute("INSERT INTO documents_fts (documents_fts) VALUES ('integrity-check')", [])
                {
                    problems.push(format!("full-text index: {e}"));
                }
            }
            Db::Postgres(_) => {
                let missing = self
                    .db
                    .query_one(
                        "SELECT COUNT(*) FROM documents d WHERE NOT EXISTS \
                         (SELECT 1 FROM document_texts t WHERE t.doc_id = d.id) \
                         OR NOT EXISTS (SELECT 1 FROM extractions e WHERE e.doc_id = d.id)",
                        &[],
                    )?
                    .i64(0)?;
                if missing > 0 {
                    problems.push(format!("{missing} documents without their text or extraction"));
                }
            }
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(Error::Corrupt(problems.join("; ")))
        }
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
    // A page cache of 64 MiB (the default is 2 MiB): saving a whole record inserts millions of
    // rows into indexes by document (mentions, sources) in entity and event order, and once
    // such an index outgrows the cache every insert reads a page back, so a save of a large
    // collection cost more than its size. Memory is taken only as pages are read.
    conn.pragma_update(None, "cache_size", -65536)?;
    Ok(())
}

fn meta_get(db: &Db, key: &str) -> Result<Option<u64>> {
    let value = db.query_opt("SELECT value FROM meta WHERE key = ?1", vals![key])?.map(|r| r.text(0)).transpose()?;
    value.map(|v| v.parse().map_err(|_| Error::Corrupt(format!("meta {key} is not a number: {v:?}")))).transpose()
}

fn meta_set(db: &Db, key: &str, value: u64) -> Result<()> {
    db.execute(
        "INSERT INTO meta (key, value) VALUES (?1, ?2) \
         ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        vals![key, value.to_string()],
    )?;
    Ok(())
}

fn generation(db: &Db) -> Result<u64> {
    Ok(meta_get(db, DOCUMENTS_GENERATION)?.unwrap_or(0))
}

/// Marks the record stale; call inside the write transaction that changes its inputs.
fn bump_generation(db: &Db) -> Result<u64> {
    let next = generation(db)? + 1;
    meta_set(db, DOCUMENTS_GENERATION, next)?;
    Ok(next)
}
