//! The store's one error type and its `Result` alias.

use std::path::PathBuf;

/// Everything that can go wrong in the store.
///
/// Messages are lowercase fragments without a trailing period; wrapped errors are reachable
/// through [`std::error::Error::source`] rather than repeated in the message.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// The database file could not be opened or configured (not a database, no permission).
    #[error("cannot open database {}", path.display())]
    Open {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },

    /// The PostgreSQL server could not be reached or refused the connection (the URL is shown
    /// without its password).
    #[error("cannot connect to postgresql at {url}")]
    Connect {
        url: String,
        #[source]
        source: postgres::Error,
    },

    /// The directory that should hold the database could not be created.
    #[error("cannot create directory {}", path.display())]
    CreateDir {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    /// The database was written by a newer dossier, with migrations this one does not know.
    #[error("database schema version {found} is newer than this dossier ({known})")]
    SchemaTooNew { found: i64, known: u32 },

    /// SQLite reported an error (locked past the busy timeout, disk full, constraint failed).
    #[error("database error")]
    Sqlite(#[from] rusqlite::Error),

    /// PostgreSQL reported an error (connection lost, constraint failed, deadlock).
    #[error("postgresql error")]
    Postgres(#[from] postgres::Error),

    /// A value could not be encoded to, or decoded from, its JSON column.
    #[error("json encoding error")]
    Json(#[from] serde_json::Error),

    /// The document id names no stored document.
    #[error("no document with id {0}")]
    NoSuchDocument(u64),

    /// A value cannot be represented in the database (an id past `i64::MAX`, a date that
    /// does not read back).
    #[error("cannot store {0}")]
    Unstorable(String),

    /// The database holds a value this version cannot read back.
    #[error("corrupt database: {0}")]
    Corrupt(String),
}

/// The store's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
