//! Human judgements about entities ("these two are the same", "these two differ"), which
//! resolution must respect.

use serde::{Deserialize, Serialize};

use crate::convert::{now_rfc3339, sql_to_u64};
use crate::db::{vals, Db};
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

pub(crate) fn read_judgements(db: &Db) -> Result<Vec<Judgement>> {
    let rows = db.query("SELECT id, kind, a, b, created_at FROM judgements ORDER BY id", &[])?;
    rows.iter()
        .map(|row| {
            let kind = row.text(1)?;
            Ok(Judgement {
                id: sql_to_u64(row.i64(0)?, "judgement id")?,
                kind: JudgementKind::parse(&kind)
                    .ok_or_else(|| Error::Corrupt(format!("unknown judgement kind {kind:?}")))?,
                a: row.text(2)?,
                b: row.text(3)?,
                created_at: row.text(4)?,
            })
        })
        .collect()
}

impl Store {
    /// Records a judgement and marks the record stale; returns the judgement's id.
    pub fn add_judgement(&mut self, kind: JudgementKind, a: &str, b: &str) -> Result<u64> {
        let now = now_rfc3339();
        let tx = self.db.write_tx()?;
        let id = tx
            .query_one(
                "INSERT INTO judgements (kind, a, b, created_at) VALUES (?1, ?2, ?3, ?4) RETURNING id",
                vals![kind.as_str(), a, b, now],
            )?
            .i64(0)?;
        bump_generation(&tx)?;
        tx.commit()?;
        sql_to_u64(id, "judgement id")
    }

    /// Every judgement, oldest first.
    pub fn judgements(&self) -> Result<Vec<Judgement>> {
        read_judgements(&self.db)
    }
}
