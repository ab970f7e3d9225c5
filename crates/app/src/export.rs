//! The `dossier/1` record export (see docs/FORMAT.md): the project's stable interchange
//! format. Ids are positional (`d1`, `e1`, `v1`) and stable while the collection is unchanged.

use std::collections::HashMap;

use dossier_extract::{Amount, ConflictField, Count, Record};
use dossier_store::Store;
use serde_json::{json, Map, Value};

use crate::pipeline::Audience;

/// Export ids of the stored documents, by store id.
pub fn document_ids(store: &Store) -> anyhow::Result<HashMap<u64, String>> {
    Ok(store.documents()?.iter().enumerate().map(|(i, d)| (d.id, format!("d{}", i + 1))).collect())
}

pub fn entity_id(index: usize) -> String {
    format!("e{}", index + 1)
}

pub fn event_id(index: usize) -> String {
    format!("v{}", index + 1)
}

pub fn count_json(c: &Count) -> Value {
    json!({"value": c.value, "bound": serde_json::to_value(c.bound).unwrap_or(Value::Null)})
}

/// Whole numbers print without a fraction.
fn number(v: f64) -> Value {
    if v.fract() == 0.0 && v.abs() < 9.0e15 {
        json!(v as i64)
    } else {
        json!(v)
    }
}

pub fn amount_json(a: &Amount) -> Value {
    let mut m = Map::new();
    if let Some(v) = a.value {
        m.insert("value".into(), number(v));
    }
    if let Some(v) = a.min {
        m.insert("min".into(), number(v));
    }
    if let Some(v) = a.max {
        m.insert("max".into(), number(v));
    }
    m.insert("currency".into(), json!(a.currency));
    if let Some(v) = a.usd {
        m.insert("usd".into(), number(v));
    }
    Value::Object(m)
}

/// Builds the whole `dossier/1` document of a record resolved for `audience` (see
/// [`crate::pipeline::record_for`]): for the public, confidential documents are left out.
pub fn record_json(store: &Store, record: &Record, audience: Audience) -> anyhow::Result<Value> {
    let mut docs = store.documents()?;
    if audience == Audience::Public {
        docs.retain(|d| !d.confidential);
    }
    let ids = document_ids(store)?;
    let extractions: HashMap<u64, dossier_extract::DocExtraction> = store.extractions()?.into_iter().collect();
    let did = |k: u64| ids.get(&k).cloned().unwrap_or_else(|| format!("d?{k}"));
    let documents: Vec<Value> = docs
        .iter()
        .map(|d| {
            let published = extractions.get(&d.id).and_then(|x| x.published).or(d.published);
            let sections: Vec<Value> = extractions
                .get(&d.id)
                .map(|x| {
                    x.sections
                        .iter()
                        .map(|s| json!({"start": s.span.start, "end": s.span.end, "date": s.date.map(|d| d.to_string()), "title": s.title}))
                        .collect()
                })
                .unwrap_or_default();
            json!({
                "id": did(d.id),
                "path": d.path,
                "title": d.title,
                "published": published.map(|p| p.to_string()),
                "sha256": d.sha256,
                "format": d.format,
                "sections": sections,
            })
        })
        .collect();
    // Status as of the record's own latest date keeps the export the same from day to day.
    let now = crate::report::record_now(store, audience)?;
    let entities: Vec<Value> = record
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let mut v = json!({
                "id": entity_id(i),
                "kind": e.kind.as_str(),
                "name": e.name,
                "aliases": e.aliases,
                "mentions": e.mentions.iter().map(|m| json!({"doc": did(m.doc), "start": m.start, "end": m.end})).collect::<Vec<_>>(),
            });
            if e.kind != dossier_extract::EntityKind::Place {
                let timeline: Vec<String> = dossier_extract::status::timeline(record, i).iter().map(|t| event_id(t.event)).collect();
                if !timeline.is_empty() {
                    v["timeline"] = json!(timeline);
                    v["status"] = serde_json::to_value(dossier_extract::status::status(record, i, now)).unwrap_or(Value::Null);
                }
            }
            v
        })
        .collect();
    let events: Vec<Value> = record
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            json!({
                "id": event_id(i),
                "type": e.kind.as_str(),
                "date": e.date.map(|d| d.to_string()),
                "place": e.place.map(entity_id),
                "participants": e.participants.iter().map(|p| json!({"entity": entity_id(p.entity), "role": p.role.as_str()})).collect::<Vec<_>>(),
                "count": e.count.as_ref().map(count_json),
                "term": e.term.map(|t| t.iso()),
                "amount": e.amount.as_ref().map(amount_json),
                "legal": e.legal,
                "sources": e.sources.iter().map(|s| json!({"doc": did(s.doc), "start": s.span.start, "end": s.span.end, "quote": s.quote})).collect::<Vec<_>>(),
            })
        })
        .collect();
    let conflicts: Vec<Value> = record
        .conflicts
        .iter()
        .map(|c| {
            let values: Vec<Value> = c
                .values
                .iter()
                .map(|v| {
                    let value = match c.field {
                        ConflictField::Place => {
                            v.value.as_u64().map(|p| json!(entity_id(p as usize))).unwrap_or(Value::Null)
                        }
                        ConflictField::Count => serde_json::from_value::<Count>(v.value.clone())
                            .map(|c| count_json(&c))
                            .unwrap_or(v.value.clone()),
                        ConflictField::Amount => serde_json::from_value::<Amount>(v.value.clone())
                            .map(|a| amount_json(&a))
                            .unwrap_or(v.value.clone()),
                        _ => v.value.clone(),
                    };
                    let mut docs: Vec<String> = v.docs.iter().map(|d| did(*d)).collect();
                    docs.dedup();
                    json!({"value": value, "docs": docs})
                })
                .collect();
            json!({"event": event_id(c.event), "field": c.field.as_str(), "values": values})
        })
        .collect();
    let inconsistencies: Vec<Value> = dossier_extract::conflict::inconsistencies(record)
        .iter()
        .map(|x| {
            let src = &record.events[x.event].sources[x.claim];
            json!({
                "event": event_id(x.event),
                "field": "amount",
                "doc": did(src.doc),
                "quote": src.quote,
                "amount": number(x.amount),
                "currency": x.currency,
                "stated_usd": number(x.stated_usd),
                "expected_usd": number(x.expected_usd),
                "rate_year": x.rate_year,
            })
        })
        .collect();
    Ok(json!({
        "format": "dossier/1",
        "documents": documents,
        "entities": entities,
        "events": events,
        "conflicts": conflicts,
        "inconsistencies": inconsistencies,
    }))
}
