//! The two backends behind one small interface: SQL written once with `?N` placeholders,
//! parameters and columns as [`Val`]s, and transactions that roll back unless committed.
//!
//! Only what differs between SQLite and PostgreSQL lives in here (placeholders, value
//! encoding, how a write transaction excludes other writers, the schema version); every
//! query of the store is shared.

use std::cell::RefCell;
use std::collections::HashMap;

use postgres::types::{FromSql, IsNull, ToSql, Type};
use rusqlite::types::{ToSqlOutput, ValueRef};

use crate::error::{Error, Result};

/// The key of the advisory lock every PostgreSQL write transaction holds: like SQLite's
/// `BEGIN IMMEDIATE`, one writer at a time, so read-modify-write sequences (the generation
/// counter, a record patch against the saved state) cannot interleave. Advisory locks are
/// scoped to one database, so two dossiers on one server do not wait for each other.
const WRITE_LOCK: i64 = 0x0064_6f73_7369_6572; // "dossier"

/// One SQL value, as a parameter or a column.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Val {
    Null,
    Int(i64),
    Text(String),
    Bool(bool),
}

impl From<i64> for Val {
    fn from(v: i64) -> Val {
        Val::Int(v)
    }
}
impl From<u32> for Val {
    fn from(v: u32) -> Val {
        Val::Int(i64::from(v))
    }
}
impl From<bool> for Val {
    fn from(v: bool) -> Val {
        Val::Bool(v)
    }
}
impl From<&str> for Val {
    fn from(v: &str) -> Val {
        Val::Text(v.to_string())
    }
}
impl From<&String> for Val {
    fn from(v: &String) -> Val {
        Val::Text(v.clone())
    }
}
impl From<String> for Val {
    fn from(v: String) -> Val {
        Val::Text(v)
    }
}
impl<T: Into<Val>> From<Option<T>> for Val {
    fn from(v: Option<T>) -> Val {
        v.map_or(Val::Null, Into::into)
    }
}

/// Parameters for [`Db`] calls: `vals![a, b]` is `&[Val::from(a), Val::from(b)]`.
macro_rules! vals {
    ($($v:expr),* $(,)?) => { &[$($crate::db::Val::from($v)),*][..] };
}
pub(crate) use vals;

/// One result row.
#[derive(Debug)]
pub(crate) struct Row(Vec<Val>);

impl Row {
    fn at(&self, i: usize) -> Result<&Val> {
        self.0.get(i).ok_or_else(|| Error::Corrupt(format!("missing column {i}")))
    }
    pub(crate) fn opt_i64(&self, i: usize) -> Result<Option<i64>> {
        match self.at(i)? {
            Val::Null => Ok(None),
            Val::Int(v) => Ok(Some(*v)),
            other => Err(Error::Corrupt(format!("column {i} is not an integer: {other:?}"))),
        }
    }
    pub(crate) fn i64(&self, i: usize) -> Result<i64> {
        self.opt_i64(i)?.ok_or_else(|| Error::Corrupt(format!("column {i} is null")))
    }
    pub(crate) fn u32(&self, i: usize) -> Result<u32> {
        let v = self.i64(i)?;
        u32::try_from(v).map_err(|_| Error::Corrupt(format!("column {i} out of range: {v}")))
    }
    pub(crate) fn opt_text(&self, i: usize) -> Result<Option<String>> {
        match self.at(i)? {
            Val::Null => Ok(None),
            Val::Text(v) => Ok(Some(v.clone())),
            other => Err(Error::Corrupt(format!("column {i} is not text: {other:?}"))),
        }
    }
    pub(crate) fn text(&self, i: usize) -> Result<String> {
        self.opt_text(i)?.ok_or_else(|| Error::Corrupt(format!("column {i} is null")))
    }
    /// A boolean: PostgreSQL's BOOLEAN, or SQLite's 0/1 INTEGER.
    pub(crate) fn bool(&self, i: usize) -> Result<bool> {
        match self.at(i)? {
            Val::Bool(v) => Ok(*v),
            Val::Int(0) => Ok(false),
            Val::Int(1) => Ok(true),
            other => Err(Error::Corrupt(format!("column {i} is not a boolean: {other:?}"))),
        }
    }
}

/// A PostgreSQL connection and its prepared statements, by the SQL they were written as.
pub(crate) struct Pg {
    client: postgres::Client,
    statements: HashMap<String, postgres::Statement>,
}

impl std::fmt::Debug for Pg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pg").field("statements", &self.statements.len()).finish_non_exhaustive()
    }
}

/// An open database of either kind.
#[derive(Debug)]
pub(crate) enum Db {
    Sqlite(rusqlite::Connection),
    // Behind a RefCell because the client needs `&mut` to query while the store's readers
    // take `&self`; the store is not `Sync`, so no two calls overlap.
    Postgres(Box<RefCell<Pg>>),
}

/// `?1` → `$1`: the store's SQL is written with SQLite's numbered placeholders.
fn to_postgres(sql: &str) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut chars = sql.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '?' && chars.peek().is_some_and(char::is_ascii_digit) {
            out.push('$');
        } else {
            out.push(c);
        }
    }
    out
}

impl Db {
    pub(crate) fn postgres(client: postgres::Client) -> Db {
        Db::Postgres(Box::new(RefCell::new(Pg { client, statements: HashMap::new() })))
    }

    pub(crate) fn is_postgres(&self) -> bool {
        matches!(self, Db::Postgres(_))
    }

    /// Runs statements without parameters (migrations, transaction control).
    pub(crate) fn batch(&self, sql: &str) -> Result<()> {
        match self {
            Db::Sqlite(c) => c.execute_batch(sql)?,
            Db::Postgres(pg) => pg.borrow_mut().client.batch_execute(sql)?,
        }
        Ok(())
    }

    /// Runs one statement; answers how many rows it changed.
    pub(crate) fn execute(&self, sql: &str, params: &[Val]) -> Result<u64> {
        match self {
            Db::Sqlite(c) => {
                let n = c.prepare_cached(sql)?.execute(rusqlite::params_from_iter(params))?;
                Ok(n as u64)
            }
            Db::Postgres(pg) => {
                let mut pg = pg.borrow_mut();
                let stmt = pg.statement(sql)?;
                Ok(pg.client.execute(&stmt, &pg_params(params))?)
            }
        }
    }

    /// Runs one query and reads every row.
    pub(crate) fn query(&self, sql: &str, params: &[Val]) -> Result<Vec<Row>> {
        match self {
            Db::Sqlite(c) => {
                let mut stmt = c.prepare_cached(sql)?;
                let columns = stmt.column_count();
                let mut rows = stmt.query(rusqlite::params_from_iter(params))?;
                let mut out = Vec::new();
                while let Some(row) = rows.next()? {
                    let vals = (0..columns).map(|i| sqlite_val(row.get_ref(i)?)).collect::<Result<Vec<_>>>()?;
                    out.push(Row(vals));
                }
                Ok(out)
            }
            Db::Postgres(pg) => {
                let mut pg = pg.borrow_mut();
                let stmt = pg.statement(sql)?;
                let rows = pg.client.query(&stmt, &pg_params(params))?;
                rows.iter()
                    .map(|row| Ok(Row((0..row.len()).map(|i| row.try_get::<_, Val>(i)).collect::<Result<_, _>>()?)))
                    .collect()
            }
        }
    }

    /// The first row of a query, if any.
    pub(crate) fn query_opt(&self, sql: &str, params: &[Val]) -> Result<Option<Row>> {
        Ok(self.query(sql, params)?.into_iter().next())
    }

    /// The first row of a query that always answers one.
    pub(crate) fn query_one(&self, sql: &str, params: &[Val]) -> Result<Row> {
        self.query_opt(sql, params)?.ok_or_else(|| Error::Corrupt(format!("no row from {sql:?}")))
    }

    /// A transaction that writes: it waits for other writers (the busy timeout on SQLite,
    /// the advisory lock on PostgreSQL) and then has the database to itself for writing.
    pub(crate) fn write_tx(&self) -> Result<Tx<'_>> {
        match self {
            // IMMEDIATE takes the write lock up front, so the busy timeout applies; a deferred
            // transaction that upgrades from read to write can fail at once with SQLITE_BUSY.
            Db::Sqlite(_) => self.batch("BEGIN IMMEDIATE")?,
            Db::Postgres(_) => self.batch(&format!("BEGIN; SELECT pg_advisory_xact_lock({WRITE_LOCK})"))?,
        }
        Ok(Tx { db: self, open: true })
    }

    /// Runs `f` with the write lock held across transactions, for migrations. On PostgreSQL the
    /// lock is taken before the transactions `f` opens: a transaction that started before
    /// another process committed new tables could miss them in its catalog caches, so `f` must
    /// begin its own after the wait. On SQLite the write transaction itself suffices.
    pub(crate) fn exclusive<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        if !self.is_postgres() {
            return f();
        }
        self.batch(&format!("SELECT pg_advisory_lock({WRITE_LOCK})"))?;
        let result = f();
        let unlocked = self.batch(&format!("SELECT pg_advisory_unlock({WRITE_LOCK})"));
        let value = result?;
        unlocked?;
        Ok(value)
    }

    /// A transaction that reads one consistent state of the database.
    pub(crate) fn read_tx(&self) -> Result<Tx<'_>> {
        match self {
            // In WAL mode every read in one transaction sees the same database state.
            Db::Sqlite(_) => self.batch("BEGIN")?,
            Db::Postgres(_) => self.batch("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")?,
        }
        Ok(Tx { db: self, open: true })
    }

    /// The schema version: `PRAGMA user_version` on SQLite, the `schema_version` table on
    /// PostgreSQL (0 before the first migration).
    pub(crate) fn schema_version(&self) -> Result<i64> {
        match self {
            Db::Sqlite(c) => Ok(c.pragma_query_value(None, "user_version", |r| r.get(0))?),
            Db::Postgres(_) => {
                let exists = self.query_one("SELECT to_regclass('schema_version') IS NOT NULL", &[])?.bool(0)?;
                if !exists {
                    return Ok(0);
                }
                Ok(self
                    .query_opt("SELECT version FROM schema_version", &[])?
                    .map(|r| r.i64(0))
                    .transpose()?
                    .unwrap_or(0))
            }
        }
    }

    /// Sets the schema version; call inside the migrating transaction.
    pub(crate) fn set_schema_version(&self, version: u32) -> Result<()> {
        match self {
            Db::Sqlite(c) => c.pragma_update(None, "user_version", version)?,
            Db::Postgres(_) => {
                self.execute("DELETE FROM schema_version", &[])?;
                self.execute("INSERT INTO schema_version (version) VALUES (?1)", vals![version])?;
            }
        }
        Ok(())
    }
}

impl Pg {
    fn statement(&mut self, sql: &str) -> Result<postgres::Statement> {
        if let Some(stmt) = self.statements.get(sql) {
            return Ok(stmt.clone());
        }
        let stmt = self.client.prepare(&to_postgres(sql))?;
        self.statements.insert(sql.to_string(), stmt.clone());
        Ok(stmt)
    }
}

fn pg_params(params: &[Val]) -> Vec<&(dyn ToSql + Sync)> {
    params.iter().map(|p| p as &(dyn ToSql + Sync)).collect()
}

fn sqlite_val(v: ValueRef<'_>) -> Result<Val> {
    Ok(match v {
        ValueRef::Null => Val::Null,
        ValueRef::Integer(i) => Val::Int(i),
        ValueRef::Text(t) => {
            Val::Text(String::from_utf8(t.to_vec()).map_err(|_| Error::Corrupt("text that is not utf-8".into()))?)
        }
        ValueRef::Real(_) | ValueRef::Blob(_) => return Err(Error::Corrupt("unexpected real or blob column".into())),
    })
}

impl rusqlite::ToSql for Val {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(match self {
            Val::Null => ValueRef::Null,
            Val::Int(i) => ValueRef::Integer(*i),
            Val::Text(s) => ValueRef::Text(s.as_bytes()),
            Val::Bool(b) => ValueRef::Integer(i64::from(*b)),
        }))
    }
}

type BoxError = Box<dyn std::error::Error + Sync + Send>;

impl ToSql for Val {
    fn to_sql(&self, ty: &Type, out: &mut bytes::BytesMut) -> Result<IsNull, BoxError> {
        match self {
            Val::Null => Ok(IsNull::Yes),
            Val::Int(i) => match *ty {
                Type::INT2 => i16::try_from(*i)?.to_sql(ty, out),
                Type::INT4 => i32::try_from(*i)?.to_sql(ty, out),
                _ => i.to_sql(ty, out),
            },
            Val::Text(s) => s.to_sql(ty, out),
            Val::Bool(b) => b.to_sql(ty, out),
        }
    }

    fn accepts(_: &Type) -> bool {
        true
    }

    postgres::types::to_sql_checked!();
}

impl<'a> FromSql<'a> for Val {
    fn from_sql(ty: &Type, raw: &'a [u8]) -> Result<Val, BoxError> {
        Ok(match *ty {
            Type::INT8 => Val::Int(i64::from_sql(ty, raw)?),
            Type::INT4 => Val::Int(i32::from_sql(ty, raw)?.into()),
            Type::INT2 => Val::Int(i16::from_sql(ty, raw)?.into()),
            Type::BOOL => Val::Bool(bool::from_sql(ty, raw)?),
            _ => Val::Text(String::from_sql(ty, raw)?),
        })
    }

    fn from_sql_null(_: &Type) -> Result<Val, BoxError> {
        Ok(Val::Null)
    }

    fn accepts(ty: &Type) -> bool {
        matches!(*ty, Type::INT8 | Type::INT4 | Type::INT2 | Type::BOOL) || <String as FromSql>::accepts(ty)
    }
}

/// An open transaction: rolled back when dropped without [`Tx::commit`], so an early return
/// with `?` leaves the database as it was.
pub(crate) struct Tx<'a> {
    db: &'a Db,
    open: bool,
}

impl Tx<'_> {
    pub(crate) fn commit(mut self) -> Result<()> {
        self.open = false;
        self.db.batch("COMMIT")
    }
}

impl std::ops::Deref for Tx<'_> {
    type Target = Db;
    fn deref(&self) -> &Db {
        self.db
    }
}

impl Drop for Tx<'_> {
    fn drop(&mut self) {
        if self.open {
            // Nothing to report to: the error that ended the transaction is already on its way.
            let _ = self.db.batch("ROLLBACK");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_become_dollars() {
        assert_eq!(to_postgres("SELECT ?1, ?12 WHERE a = '?'"), "SELECT $1, $12 WHERE a = '?'");
    }
}
