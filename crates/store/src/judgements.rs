//! Human judgements about entities ("these two are the same", "these two differ"), which
//! resolution must respect.

use rusqlite::{params, Connection};
use serde::{Deserialize, Serialize};

use crate::convert::{now_rfc3339, sql_to_u64};
use crate::error::{Error, Result};
use crate::{bump_generation, Store};

/// What a person decided about two entities.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum JudgementKind {
    /// `dossier merge A B`: A and B are one real-world thing.
    Same,
    /// `dossier split A B`: A and B are different things.
    Different,
}

impl JudgementKind {
    pub fn as_str(self) -> &'static str {
        match self {
            JudgementKind::Same => "same",
            JudgementKind::Different => "different",
        }
    }
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "same" => Some(JudgementKind::Same),
            "different" => Some(JudgementKind::Different),
            _ => None,
        }
    }
}

/// A stored judgement. `a` and `b` are entity references as the caller wrote them (names or
/// keys); the store does not interpret them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Judgement {
    pub id: u64,
    pub kind: JudgementKind,
    pub a: String,
    pub b: String,
    /// RFC 3339 UTC.
    pub created_at: String,
}

pub(crate) fn read_judgements(conn: &Connection) -> Result<Vec<Judgement>> {
    let mut stmt = conn.prepare_cached("SELECT id, kind, a, b, created_at FROM judgements ORDER BY id")?;
    let mut rows = stmt.query([])?;
    let mut out = Vec::new();
    while let Some(row) = rows.next()? {
        let kind: String = row.get(1)?;
        out.push(Judgement {
            id: sql_to_u64(row.get(0)?, "judgement id")?,
            kind: JudgementKind::parse(&kind)
                .ok_or_else(|| Error::Corrupt(format!("unknown judgement kind {kind:?}")))?,
            a: row.get(2)?,
            b: row.get(3)?,
            created_at: row.get(4)?,
        });
    }
    Ok(out)
}

impl Store {
    /// Records a judgement and marks the record stale; returns the judgement's id.
    pub fn add_judgement(&mut self, kind: JudgementKind, a: &str, b: &str) -> Result<u64> {
        let now = now_rfc3339();
        let tx = self.write_transaction()?;
        let id: i64 = tx
            .prepare_cached(
                "INSERT INTO judgements (kind, a, b, created_at) VALUES (?1, ?2, ?3, ?4) \
                 RETURNING id",
            )?
            .query_row(params![kind.as_str(), a, b, now], |r| r.get(0))?;
        bump_generation(&tx)?;
        tx.commit()?;
        sql_to_u64(id, "judgement id")
    }

    /// Every judgement, oldest first.
    pub fn judgements(&self) -> Result<Vec<Judgement>> {
        read_judgements(&self.conn)
    }
}
