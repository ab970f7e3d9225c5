//! The resolved record in normalised tables: saving it whole, loading it back, freshness.

use dossier_extract::{
    Amount, Claim, Conflict, ConflictValue, DocSpan, Entity, EntityKind, Event, EventType, Participant, Record, Role,
    Span,
};
use std::collections::HashMap;

use crate::convert::{
    count_to_sql, edtf_to_sql, sql_to_conflict_field, sql_to_count, sql_to_edtf, sql_to_term, sql_to_u64, sql_to_usize,
    u64_to_sql, usize_to_sql,
};
use crate::db::{vals, Db};
use crate::error::{Error, Result};
use crate::{generation, meta_get, meta_set, Store, RECORD_GENERATION};

/// Record tables, children before parents, for clearing under foreign keys.
const RECORD_TABLES: [&str; 8] = [
    "conflict_values",
    "conflicts",
    "event_sources",
    "event_participants",
    "events",
    "entity_mentions",
    "entity_aliases",
    "entities",
];

impl Store {
    /// Replaces the whole saved record in one transaction and marks it fresh as of the
    /// current generation. When documents may be added concurrently, prefer
    /// [`Store::save_record_for`] with the generation of the [`crate::Snapshot`] it was
    /// resolved from.
    pub fn save_record(&mut self, record: &Record) -> Result<()> {
        self.save(record, None)
    }

    /// Replaces the whole saved record in one transaction, as resolved from the documents of
    /// `generation`: it is fresh only if nothing changed since then.
    pub fn save_record_for(&mut self, record: &Record, generation: u64) -> Result<()> {
        self.save(record, Some(generation))
    }

    fn save(&mut self, record: &Record, built_from: Option<u64>) -> Result<()> {
        let tx = self.db.write_tx()?;
        let built_from = match built_from {
            Some(g) => g,
            None => generation(&tx)?,
        };
        replace_record(&tx, record)?;
        // A record saved without a resolver state: no saved state describes it any more.
        crate::resolution::forget_state(&tx)?;
        meta_set(&tx, RECORD_GENERATION, built_from)?;
        tx.commit()?;
        Ok(())
    }

    /// The saved record, or `None` when it is stale (documents or judgements changed since it
    /// was resolved) or was never saved.
    pub fn load_record(&self) -> Result<Option<Record>> {
        let tx = self.db.read_tx()?;
        let record = if is_stale(&tx)? { None } else { Some(read_record(&tx)?) };
        tx.commit()?;
        Ok(record)
    }

    /// The last saved record even when stale (to serve while a new one is resolved), or
    /// `None` when none was ever saved.
    pub fn load_saved_record(&self) -> Result<Option<Record>> {
        let tx = self.db.read_tx()?;
        let record = match meta_get(&tx, RECORD_GENERATION)? {
            Some(_) => Some(read_record(&tx)?),
            None => None,
        };
        tx.commit()?;
        Ok(record)
    }

    /// Whether the record needs resolving again: never saved, or saved before the latest
    /// document, re-extraction or judgement.
    pub fn record_is_stale(&self) -> Result<bool> {
        let tx = self.db.read_tx()?;
        let stale = is_stale(&tx)?;
        tx.commit()?;
        Ok(stale)
    }
}

fn is_stale(db: &Db) -> Result<bool> {
    Ok(meta_get(db, RECORD_GENERATION)? != Some(generation(db)?))
}

fn pos(index: usize) -> Result<i64> {
    usize_to_sql(index, "position")
}

/// An amount as JSON, refusing non-finite numbers (JSON would turn them into null).
fn amount_to_sql(amount: &Amount) -> Result<String> {
    let numbers = [amount.value, amount.min, amount.max, amount.usd];
    if numbers.iter().flatten().any(|n| !n.is_finite()) {
        return Err(Error::Unstorable(format!("amount {amount:?}: not a finite number")));
    }
    Ok(serde_json::to_string(amount)?)
}

/// Replaces every record table's rows with the record's.
pub(crate) fn replace_record(tx: &Db, record: &Record) -> Result<()> {
    for table in RECORD_TABLES {
        tx.execute(&format!("DELETE FROM {table}"), &[])?;
    }
    write_record(tx, record)
}

fn write_record(tx: &Db, record: &Record) -> Result<()> {
    for (i, e) in record.entities.iter().enumerate() {
        write_entity(tx, i, e, 0)?;
    }
    for (i, ev) in record.events.iter().enumerate() {
        write_event(tx, i, ev)?;
    }
    for (i, c) in record.conflicts.iter().enumerate() {
        write_conflict(tx, pos(i)?, c)?;
    }
    Ok(())
}

/// Writes one entity's row (inserted or updated), its aliases and its mentions, numbered from
/// `first_mention` on (the entity holds those mentions only); the caller has removed any
/// aliases and mentions it replaces.
pub(crate) fn write_entity(tx: &Db, index: usize, e: &Entity, first_mention: usize) -> Result<()> {
    let id = pos(index)?;
    tx.execute(
        "INSERT INTO entities (id, kind, name) VALUES (?1, ?2, ?3) \
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, name = excluded.name",
        vals![id, e.kind.as_str(), &e.name],
    )?;
    for (seq, a) in e.aliases.iter().enumerate() {
        tx.execute("INSERT INTO entity_aliases (entity_id, seq, alias) VALUES (?1, ?2, ?3)", vals![id, pos(seq)?, a])?;
    }
    for (seq, m) in e.mentions.iter().enumerate().map(|(k, m)| (first_mention + k, m)) {
        tx.execute(
            "INSERT INTO entity_mentions (entity_id, seq, doc_id, span_start, span_end) \
             VALUES (?1, ?2, ?3, ?4, ?5)",
            vals![
                id,
                pos(seq)?,
                u64_to_sql(m.doc, "document id")?,
                usize_to_sql(m.start, "span start")?,
                usize_to_sql(m.end, "span end")?,
            ],
        )?;
    }
    Ok(())
}

/// Writes one event's row (inserted or updated), its participants and its sources; the
/// caller has removed any participants and sources it replaces.
pub(crate) fn write_event(tx: &Db, index: usize, ev: &Event) -> Result<()> {
    const EVENT: &str = "INSERT INTO events (id, kind, date, date_start, date_end, place_entity, count_value, \
         count_bound, term, amount_json, legal_json) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) \
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, date = excluded.date, \
         date_start = excluded.date_start, date_end = excluded.date_end, \
         place_entity = excluded.place_entity, count_value = excluded.count_value, \
         count_bound = excluded.count_bound, term = excluded.term, \
         amount_json = excluded.amount_json, legal_json = excluded.legal_json";
    const PARTICIPANT: &str = "INSERT INTO event_participants (event_id, seq, entity_id, role) VALUES (?1, ?2, ?3, ?4)";
    const SOURCE: &str = "INSERT INTO event_sources (event_id, seq, doc_id, span_start, span_end, quote, date, \
         place_entity, count_value, count_bound, term, amount_json) \
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)";
    let id = pos(index)?;
    let (count_value, count_bound) = count_to_sql(ev.count)?;
    tx.execute(
        EVENT,
        vals![
            id,
            ev.kind.as_str(),
            ev.date.as_ref().map(edtf_to_sql).transpose()?,
            ev.date.map(|d| d.first_ordinal()),
            ev.date.map(|d| d.last_ordinal()),
            ev.place.map(|p| usize_to_sql(p, "place entity")).transpose()?,
            count_value,
            count_bound,
            ev.term.map(|t| t.iso()),
            ev.amount.as_ref().map(amount_to_sql).transpose()?,
            serde_json::to_string(&ev.legal)?,
        ],
    )?;
    for (seq, p) in ev.participants.iter().enumerate() {
        tx.execute(PARTICIPANT, vals![id, pos(seq)?, usize_to_sql(p.entity, "participant entity")?, p.role.as_str()])?;
    }
    for (seq, c) in ev.sources.iter().enumerate() {
        let (count_value, count_bound) = count_to_sql(c.count)?;
        tx.execute(
            SOURCE,
            vals![
                id,
                pos(seq)?,
                u64_to_sql(c.doc, "document id")?,
                usize_to_sql(c.span.start, "span start")?,
                usize_to_sql(c.span.end, "span end")?,
                &c.quote,
                c.date.as_ref().map(edtf_to_sql).transpose()?,
                c.place.map(|p| usize_to_sql(p, "place entity")).transpose()?,
                count_value,
                count_bound,
                c.term.map(|t| t.iso()),
                c.amount.as_ref().map(amount_to_sql).transpose()?,
            ],
        )?;
    }
    Ok(())
}

/// Writes one conflict and its values under the given id.
pub(crate) fn write_conflict(tx: &Db, id: i64, c: &Conflict) -> Result<()> {
    tx.execute(
        "INSERT INTO conflicts (id, event_id, field) VALUES (?1, ?2, ?3)",
        vals![id, usize_to_sql(c.event, "conflict event")?, c.field.as_str()],
    )?;
    for (seq, v) in c.values.iter().enumerate() {
        tx.execute(
            "INSERT INTO conflict_values (conflict_id, seq, value_json, docs_json, claims_json) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
            vals![
                id,
                pos(seq)?,
                serde_json::to_string(&v.value)?,
                serde_json::to_string(&v.docs)?,
                serde_json::to_string(&v.claims)?,
            ],
        )?;
    }
    Ok(())
}

/// The element a child row belongs to, by the parent's id.
fn parent<'v, T>(items: &'v mut [T], id: i64, what: &str) -> Result<&'v mut T> {
    usize::try_from(id)
        .ok()
        .and_then(|i| items.get_mut(i))
        .ok_or_else(|| Error::Corrupt(format!("row for missing {what} {id}")))
}

/// Checks that a parent table's ids run 0, 1, 2, ... in order.
fn expect_next(id: i64, next: usize, what: &str) -> Result<()> {
    if usize::try_from(id).ok() == Some(next) {
        Ok(())
    } else {
        Err(Error::Corrupt(format!("{what} ids are not consecutive: found {id} where {next} was expected")))
    }
}

fn json<T: serde::de::DeserializeOwned>(text: &str, what: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| Error::Corrupt(format!("{what}: {e}")))
}

fn read_record(db: &Db) -> Result<Record> {
    let mut entities: Vec<Entity> = Vec::new();
    for row in db.query("SELECT id, kind, name FROM entities ORDER BY id", &[])? {
        expect_next(row.i64(0)?, entities.len(), "entity")?;
        let kind = row.text(1)?;
        entities.push(Entity {
            kind: EntityKind::parse(&kind).ok_or_else(|| Error::Corrupt(format!("unknown entity kind {kind:?}")))?,
            name: row.text(2)?,
            aliases: Vec::new(),
            mentions: Vec::new(),
        });
    }
    for row in db.query("SELECT entity_id, alias FROM entity_aliases ORDER BY entity_id, seq", &[])? {
        parent(&mut entities, row.i64(0)?, "entity")?.aliases.push(row.text(1)?);
    }
    for row in
        db.query("SELECT entity_id, doc_id, span_start, span_end FROM entity_mentions ORDER BY entity_id, seq", &[])?
    {
        let mention = DocSpan {
            doc: sql_to_u64(row.i64(1)?, "document id")?,
            start: sql_to_usize(row.i64(2)?, "span start")?,
            end: sql_to_usize(row.i64(3)?, "span end")?,
        };
        parent(&mut entities, row.i64(0)?, "entity")?.mentions.push(mention);
    }

    let mut events: Vec<Event> = Vec::new();
    for row in db.query(
        "SELECT id, kind, date, place_entity, count_value, count_bound, term, amount_json, \
         legal_json FROM events ORDER BY id",
        &[],
    )? {
        expect_next(row.i64(0)?, events.len(), "event")?;
        let kind = row.text(1)?;
        events.push(Event {
            kind: EventType::parse(&kind).ok_or_else(|| Error::Corrupt(format!("unknown event type {kind:?}")))?,
            date: row.opt_text(2)?.as_deref().map(sql_to_edtf).transpose()?,
            place: row.opt_i64(3)?.map(|p| sql_to_usize(p, "place entity")).transpose()?,
            participants: Vec::new(),
            count: sql_to_count(row.opt_i64(4)?, row.opt_text(5)?)?,
            term: row.opt_text(6)?.as_deref().map(sql_to_term).transpose()?,
            amount: row.opt_text(7)?.as_deref().map(|a| json(a, "event amount")).transpose()?,
            legal: json(&row.text(8)?, "event legal basis")?,
            sources: Vec::new(),
        });
    }
    for row in db.query("SELECT event_id, entity_id, role FROM event_participants ORDER BY event_id, seq", &[])? {
        let role = row.text(2)?;
        let p = Participant {
            entity: sql_to_usize(row.i64(1)?, "participant entity")?,
            role: Role::parse(&role).ok_or_else(|| Error::Corrupt(format!("unknown role {role:?}")))?,
        };
        parent(&mut events, row.i64(0)?, "event")?.participants.push(p);
    }
    for row in db.query(
        "SELECT event_id, doc_id, span_start, span_end, quote, date, place_entity, \
         count_value, count_bound, term, amount_json FROM event_sources \
         ORDER BY event_id, seq",
        &[],
    )? {
        let claim = Claim {
            doc: sql_to_u64(row.i64(1)?, "document id")?,
            span: Span { start: sql_to_usize(row.i64(2)?, "span start")?, end: sql_to_usize(row.i64(3)?, "span end")? },
            quote: row.text(4)?,
            date: row.opt_text(5)?.as_deref().map(sql_to_edtf).transpose()?,
            place: row.opt_i64(6)?.map(|p| sql_to_usize(p, "place entity")).transpose()?,
            count: sql_to_count(row.opt_i64(7)?, row.opt_text(8)?)?,
            term: row.opt_text(9)?.as_deref().map(sql_to_term).transpose()?,
            amount: row.opt_text(10)?.as_deref().map(|a| json(a, "claim amount")).transpose()?,
        };
        parent(&mut events, row.i64(0)?, "event")?.sources.push(claim);
    }

    // A conflict's place in the record is its event's, then its id's: ids are unique but, once
    // the record is updated in place, not positions.
    let mut conflicts: Vec<Conflict> = Vec::new();
    let mut conflict_at: HashMap<i64, usize> = HashMap::new();
    for row in db.query("SELECT id, event_id, field FROM conflicts ORDER BY event_id, id", &[])? {
        conflict_at.insert(row.i64(0)?, conflicts.len());
        conflicts.push(Conflict {
            event: sql_to_usize(row.i64(1)?, "conflict event")?,
            field: sql_to_conflict_field(&row.text(2)?)?,
            values: Vec::new(),
        });
    }
    for row in db.query(
        "SELECT conflict_id, value_json, docs_json, claims_json FROM conflict_values ORDER BY conflict_id, seq",
        &[],
    )? {
        let id = row.i64(0)?;
        let v = ConflictValue {
            value: json(&row.text(1)?, "conflict value")?,
            docs: json(&row.text(2)?, "conflict documents")?,
            claims: json(&row.text(3)?, "conflict claims")?,
        };
        let conflict = conflict_at.get(&id).and_then(|&at| conflicts.get_mut(at));
        conflict.ok_or_else(|| Error::Corrupt(format!("row for missing conflict {id}")))?.values.push(v);
    }

    Ok(Record { entities, events, conflicts })
}
