//! The resolver's saved state and the record updated in place, so that adding documents to a
//! large store costs what the new documents change, not a new resolution of every document.
//!
//! The state is a head row (`resolver_state`) and pages (`resolver_pages`, read on demand
//! through [`PageSource`]). The head, the changed pages and the record tables are written in
//! one transaction, and the state is only trusted while the record's generation is the
//! state's: a killed process leaves both as they were, and a record saved any other way
//! deletes the state.

use dossier_extract::{Conflict, DocExtraction, Entity, Event, PageId, PageSource, Record, StatePage};

use crate::convert::{sql_to_u64, u64_to_sql, usize_to_sql};
use crate::db::{vals, Db};
use crate::error::Result;
use crate::judgements::{read_judgements, Judgement};
use crate::record::{replace_record, write_conflict, write_entity, write_event};
use crate::{generation, meta_get, meta_set, Store, RECORD_GENERATION};

/// A resolver state's head as saved beside the record (see `migrations/0003_resolver.sql`
/// and `migrations/0004_resolver_pages.sql` for its pages).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolverState {
    /// The `documents_generation` the state, and the record saved with it, were built from.
    pub generation: u64,
    /// The highest document id the state has absorbed (0 when none).
    pub last_document: u64,
    /// The highest judgement id it was built under (0 when none).
    pub last_judgement: u64,
    pub extractor_version: u32,
    pub resolver_version: u32,
    /// The state's head (`dossier_extract::Resolver::head`); its pages are apart (see
    /// [`Store::save_resolution`]).
    pub state: String,
}

/// What was added to the store since a saved state, read in one transaction.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Additions {
    /// The `documents_generation` the rest was read at.
    pub generation: u64,
    /// The documents added since, by id, ascending.
    pub extractions: Vec<(u64, DocExtraction)>,
    /// Every judgement, oldest first (the new ones included).
    pub judgements: Vec<Judgement>,
}

impl Additions {
    /// The highest document id, given the state's.
    pub fn last_document(&self, before: u64) -> u64 {
        self.extractions.last().map_or(before, |(id, _)| *id)
    }
    /// The highest judgement id, given the state's.
    pub fn last_judgement(&self, before: u64) -> u64 {
        self.judgements.last().map_or(before, |j| j.id)
    }
}

/// The rows of the record one absorption changed.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct RecordPatch {
    /// Changed or new entities by id, each with how many of its saved mentions stay: the
    /// entity holds only the mentions that follow, which are appended.
    pub entities: Vec<(usize, Entity, usize)>,
    /// Changed or new events by position, with their conflicts (numbered by that position).
    pub events: Vec<(usize, Event, Vec<Conflict>)>,
}

/// How a save changes the record tables.
#[derive(Debug, Clone, Copy)]
pub enum RecordUpdate<'a> {
    /// Every row replaced by this record.
    Whole(&'a Record),
    /// Rows changed in place, on the record saved with the state of this generation.
    Patch { patch: &'a RecordPatch, on: u64 },
}

const STATE_COLUMNS: &str = "generation, last_document, last_judgement, extractor_version, resolver_version, state";

pub(crate) fn forget_state(db: &Db) -> Result<()> {
    db.execute("DELETE FROM resolver_state", &[])?;
    db.execute("DELETE FROM resolver_pages", &[])?;
    Ok(())
}

fn page_id(part: i64, page: i64) -> Result<PageId> {
    Ok(PageId {
        part: u32::try_from(part).map_err(|_| crate::error::Error::Corrupt(format!("page part {part}")))?,
        page: sql_to_u64(page, "page")?,
    })
}

fn write_pages(tx: &Db, pages: &[StatePage]) -> Result<()> {
    for p in pages {
        tx.execute(
            "INSERT INTO resolver_pages (part, page, data) VALUES (?1, ?2, ?3) \
             ON CONFLICT (part, page) DO UPDATE SET data = excluded.data",
            vals![i64::from(p.id.part), u64_to_sql(p.id.page, "page")?, &p.data],
        )?;
    }
    Ok(())
}

fn read_state(db: &Db) -> Result<Option<ResolverState>> {
    let row = db.query_opt(&format!("SELECT {STATE_COLUMNS} FROM resolver_state WHERE id = 1"), &[])?;
    row.map(|r| {
        Ok(ResolverState {
            generation: sql_to_u64(r.i64(0)?, "state generation")?,
            last_document: sql_to_u64(r.i64(1)?, "document id")?,
            last_judgement: sql_to_u64(r.i64(2)?, "judgement id")?,
            extractor_version: r.u32(3)?,
            resolver_version: r.u32(4)?,
            state: r.text(5)?,
        })
    })
    .transpose()
}

/// Changes the record's rows in place: entities and events by id, an event's conflicts
/// replaced under fresh ids.
fn apply_patch(tx: &Db, patch: &RecordPatch) -> Result<()> {
    for (id, e, kept) in &patch.entities {
        let sql_id = usize_to_sql(*id, "entity id")?;
        tx.execute("DELETE FROM entity_aliases WHERE entity_id = ?1", vals![sql_id])?;
        tx.execute(
            "DELETE FROM entity_mentions WHERE entity_id = ?1 AND seq >= ?2",
            vals![sql_id, usize_to_sql(*kept, "mention position")?],
        )?;
        write_entity(tx, *id, e, *kept)?;
    }
    let mut next_conflict = tx.query_one("SELECT COALESCE(MAX(id) + 1, 0) FROM conflicts", &[])?.i64(0)?;
    for (position, event, conflicts) in &patch.events {
        let sql_id = usize_to_sql(*position, "event id")?;
        for sql in [
            "DELETE FROM event_participants WHERE event_id = ?1",
            "DELETE FROM event_sources WHERE event_id = ?1",
            "DELETE FROM conflict_values WHERE conflict_id IN (SELECT id FROM conflicts WHERE event_id = ?1)",
            "DELETE FROM conflicts WHERE event_id = ?1",
        ] {
            tx.execute(sql, vals![sql_id])?;
        }
        write_event(tx, *position, event)?;
        for c in conflicts {
            write_conflict(tx, next_conflict, c)?;
            next_conflict += 1;
        }
    }
    Ok(())
}

impl Store {
    /// The saved resolver state, if any (fresh or not: see [`Store::additions_since`]).
    pub fn resolver_state(&self) -> Result<Option<ResolverState>> {
        read_state(&self.db)
    }

    /// How many bytes the saved resolver state takes: its head and every page.
    pub fn resolver_state_bytes(&self) -> Result<u64> {
        let pages = self.db.query_one("SELECT COALESCE(SUM(LENGTH(data)), 0) FROM resolver_pages", &[])?.i64(0)?;
        let head = read_state(&self.db)?.map_or(0, |s| s.state.len() as u64);
        Ok(sql_to_u64(pages, "state size")? + head)
    }

    /// What was added since a saved state, when the state can absorb it: the saved record is
    /// the state's, and every change since is a new document or a new judgement (no
    /// re-extraction). `None` when the state cannot continue and everything must be resolved
    /// again.
    pub fn additions_since(&self, state: &ResolverState) -> Result<Option<Additions>> {
        let tx = self.db.read_tx()?;
        let additions = additions(&tx, state)?;
        tx.commit()?;
        Ok(additions)
    }

    /// Saves a record update with the resolver state that produced it (its head in `state`,
    /// and `pages`: every page for a whole record, which replaces the saved pages; the changed
    /// ones for a patch), in one transaction, and marks the record fresh as of
    /// `state.generation`. A patch applies only to the record saved with the state of its
    /// generation: when another process saved since, nothing is written and the answer is
    /// `false`.
    pub fn save_resolution(
        &mut self,
        update: RecordUpdate<'_>,
        state: &ResolverState,
        pages: &[StatePage],
    ) -> Result<bool> {
        let tx = self.db.write_tx()?;
        match update {
            RecordUpdate::Whole(record) => {
                replace_record(&tx, record)?;
                tx.execute("DELETE FROM resolver_pages", &[])?;
            }
            RecordUpdate::Patch { patch, on } => {
                let saved = read_state(&tx)?.map(|s| s.generation);
                if saved != Some(on) || meta_get(&tx, RECORD_GENERATION)? != Some(on) {
                    return Ok(false);
                }
                apply_patch(&tx, patch)?;
            }
        }
        write_pages(&tx, pages)?;
        meta_set(&tx, RECORD_GENERATION, state.generation)?;
        tx.execute(
            &format!(
                "INSERT INTO resolver_state (id, {STATE_COLUMNS}) VALUES (1, ?1, ?2, ?3, ?4, ?5, ?6) \
                 ON CONFLICT (id) DO UPDATE SET generation = excluded.generation, \
                 last_document = excluded.last_document, last_judgement = excluded.last_judgement, \
                 extractor_version = excluded.extractor_version, \
                 resolver_version = excluded.resolver_version, state = excluded.state"
            ),
            vals![
                u64_to_sql(state.generation, "generation")?,
                u64_to_sql(state.last_document, "document id")?,
                u64_to_sql(state.last_judgement, "judgement id")?,
                state.extractor_version,
                state.resolver_version,
                &state.state,
            ],
        )?;
        tx.commit()?;
        Ok(true)
    }
}

/// The saved state's pages, for a resolver read back from its head. The pages come from
/// several reads, so a save by another process in between can mix two states: such a mix can
/// only be followed by a save that is refused (its state's generation moved), or by a stale
/// absorption, never by a patch of the wrong record.
impl PageSource for Store {
    type Error = crate::error::Error;

    fn pages(&mut self, ids: &[PageId]) -> Result<Vec<StatePage>> {
        let mut out = Vec::with_capacity(ids.len());
        for id in ids {
            let row = self.db.query_opt(
                "SELECT data FROM resolver_pages WHERE part = ?1 AND page = ?2",
                vals![i64::from(id.part), u64_to_sql(id.page, "page")?],
            )?;
            if let Some(r) = row {
                out.push(StatePage { id: *id, data: r.text(0)? });
            }
        }
        Ok(out)
    }

    fn all_pages(&mut self) -> Result<Vec<StatePage>> {
        self.db
            .query("SELECT part, page, data FROM resolver_pages", &[])?
            .into_iter()
            .map(|r| Ok(StatePage { id: page_id(r.i64(0)?, r.i64(1)?)?, data: r.text(2)? }))
            .collect()
    }
}

fn additions(db: &Db, state: &ResolverState) -> Result<Option<Additions>> {
    if meta_get(db, RECORD_GENERATION)? != Some(state.generation) {
        return Ok(None);
    }
    let now = generation(db)?;
    let count_after = |sql: &str, id: u64| -> Result<u64> {
        let n = db.query_one(sql, vals![u64_to_sql(id, "id")?])?.i64(0)?;
        sql_to_u64(n, "row count")
    };
    let documents = count_after("SELECT COUNT(*) FROM documents WHERE id > ?1", state.last_document)?;
    let judgements = count_after("SELECT COUNT(*) FROM judgements WHERE id > ?1", state.last_judgement)?;
    // Every change bumps the generation once: when new documents and judgements account for
    // every bump, nothing else (a re-extraction) happened.
    if now.checked_sub(state.generation) != Some(documents + judgements) {
        return Ok(None);
    }
    let extractions = crate::documents::read_extractions_after(db, state.last_document)?;
    if extractions.len() as u64 != documents {
        return Ok(None);
    }
    Ok(Some(Additions { generation: now, extractions, judgements: read_judgements(db)? }))
}
