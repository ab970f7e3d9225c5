//! Views of the record for people: one entity with its events, the conflicts, the demo's
//! overview. Text for terminals, the same structures as JSON.

use std::collections::HashMap;
use std::io::Write;

use dossier_extract::conflict::Inconsistency;
use dossier_extract::status::{self, Custody, Standing, Status};
use dossier_extract::{names, Edtf, Entity, EntityKind, Record};
use dossier_store::Store;
use serde::Serialize;

use crate::export;
use crate::pipeline::Audience;

/// Document paths by store id.
fn paths(store: &Store) -> anyhow::Result<HashMap<u64, String>> {
    Ok(store.documents()?.into_iter().map(|d| (d.id, d.path)).collect())
}

/// How well a query names an entity: exact form, then transliteration-folded key, then
/// surname key.
fn match_score(e: &Entity, query: &str) -> u8 {
    let q = query.trim();
    let forms = std::iter::once(&e.name).chain(e.aliases.iter());
    let mut best = 0;
    let qkey = names::person_key(q);
    let qorg = names::org_key(q);
    for f in forms {
        if f.eq_ignore_ascii_case(q) {
            return 3;
        }
        if names::person_key(f) == qkey || (e.kind != EntityKind::Person && names::org_key(f) == qorg) {
            best = best.max(2);
        }
        if !q.contains(' ') && f.split_whitespace().last().is_some_and(|w| names::word_key(w) == qkey) {
            best = best.max(1);
        }
    }
    best
}

/// Finds the entity a query names, preferring the best match and then the most mentioned.
pub fn find_entity(record: &Record, query: &str) -> Option<usize> {
    record
        .entities
        .iter()
        .enumerate()
        .map(|(i, e)| (match_score(e, query), e.mentions.len(), std::cmp::Reverse(i)))
        .filter(|(s, _, _)| *s > 0)
        .max()
        .map(|(_, _, std::cmp::Reverse(i))| i)
}

#[derive(Debug, Serialize)]
pub struct SourceView {
    pub document: String,
    pub start: usize,
    pub end: usize,
    pub quote: String,
}

#[derive(Debug, Serialize)]
pub struct EventView {
    pub id: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub date: Option<String>,
    pub place: Option<String>,
    pub role: Option<String>,
    pub term: Option<String>,
    pub count: Option<serde_json::Value>,
    pub amount: Option<serde_json::Value>,
    /// Where its sources disagree: "date: 2017-01-21 (a.txt) / 2017-01-20 (b.txt)".
    pub disagreements: Vec<String>,
    pub sources: Vec<SourceView>,
}

#[derive(Debug, Serialize)]
pub struct EntityView {
    pub id: String,
    pub kind: String,
    pub name: String,
    pub aliases: Vec<String>,
    pub status: Status,
    pub events: Vec<EventView>,
}

/// One line saying what the status means.
pub fn status_line(kind: EntityKind, s: &Status) -> String {
    let since = |d: &Option<String>| d.as_deref().map(|d| format!(" since {d}")).unwrap_or_default();
    let mut parts: Vec<String> = Vec::new();
    if kind == EntityKind::Organization {
        match &s.organisation {
            Standing::Active => parts.push("no dissolution or refusal on record".into()),
            Standing::Dissolved { since: d } => parts.push(format!("dissolved{}", since(d))),
            Standing::RegistrationDenied { since: d } => parts.push(format!("refused registration{}", since(d))),
        }
    } else {
        parts.push(match &s.custody {
            Custody::Free => "not in custody on record".into(),
            Custody::Charged { since: d } => format!("charged{}", since(d)),
            Custody::Detained { since: d } => format!("detained{}", since(d)),
            Custody::Serving { since: d, until, term } => format!(
                "serving a sentence{}{}{}",
                term.as_deref().map(|t| format!(" of {t}")).unwrap_or_default(),
                since(d),
                until.as_deref().map(|u| format!(", until {u}")).unwrap_or_default()
            ),
            Custody::Released { since: d } => format!("released{}", since(d)),
            Custody::Pardoned { since: d } => format!("pardoned{}", since(d)),
        });
        if let Some(b) = &s.banned_until {
            parts.push(format!("banned until {b}"));
        }
    }
    format!("status as of {}: {}", s.as_of, parts.join("; "))
}

impl EntityView {
    pub fn find(store: &Store, record: &Record, query: &str, as_of: Edtf) -> anyhow::Result<Option<EntityView>> {
        let Some(idx) = find_entity(record, query) else { return Ok(None) };
        let paths = paths(store)?;
        let e = &record.entities[idx];
        let mut events: Vec<(Option<i64>, EventView)> = record
            .events
            .iter()
            .enumerate()
            .filter_map(|(i, ev)| {
                let role = ev.participants.iter().find(|p| p.entity == idx).map(|p| p.role.as_str().to_string());
                if role.is_none() && ev.place != Some(idx) {
                    return None;
                }
                let view = EventView {
                    id: export::event_id(i),
                    kind: ev.kind.as_str().to_string(),
                    date: ev.date.map(|d| d.to_string()),
                    place: ev.place.map(|p| record.entities[p].name.clone()),
                    role,
                    term: ev.term.map(|t| t.iso()),
                    count: ev.count.as_ref().map(export::count_json),
                    amount: ev.amount.as_ref().map(export::amount_json),
                    disagreements: record
                        .conflicts
                        .iter()
                        .filter(|c| c.event == i)
                        .map(|c| {
                            let values: Vec<String> = c
                                .values
                                .iter()
                                .map(|v| {
                                    let docs: Vec<String> = v
                                        .docs
                                        .iter()
                                        .map(|d| {
                                            let p = paths.get(d).cloned().unwrap_or_default();
                                            p.rsplit('/').next().unwrap_or(&p).to_string()
                                        })
                                        .collect();
                                    let value = match (c.field, v.value.as_u64()) {
                                        (dossier_extract::ConflictField::Place, Some(p)) => {
                                            record.entities.get(p as usize).map(|e| e.name.clone()).unwrap_or_default()
                                        }
                                        _ => {
                                            v.value.as_str().map(str::to_string).unwrap_or_else(|| v.value.to_string())
                                        }
                                    };
                                    format!("{value} ({})", docs.join(", "))
                                })
                                .collect();
                            format!("{}: {}", c.field.as_str(), values.join(" / "))
                        })
                        .collect(),
                    sources: ev
                        .sources
                        .iter()
                        .map(|s| SourceView {
                            document: paths.get(&s.doc).cloned().unwrap_or_default(),
                            start: s.span.start,
                            end: s.span.end,
                            quote: s.quote.clone(),
                        })
                        .collect(),
                };
                Some((ev.date.map(|d| d.first_ordinal()), view))
            })
            .collect();
        // Date order; undated events last, in record order.
        events.sort_by_key(|(d, _)| d.unwrap_or(i64::MAX));
        Ok(Some(EntityView {
            id: export::entity_id(idx),
            kind: e.kind.as_str().to_string(),
            name: e.name.clone(),
            aliases: e.aliases.clone(),
            status: status::status(record, idx, as_of),
            events: events.into_iter().map(|(_, v)| v).collect(),
        }))
    }

    pub fn write_text(&self, out: &mut impl Write) -> std::io::Result<()> {
        writeln!(out, "{} ({})", self.name, self.kind)?;
        if !self.aliases.is_empty() {
            writeln!(out, "  also: {}", self.aliases.join(", "))?;
        }
        let kind = EntityKind::parse(&self.kind).unwrap_or(EntityKind::Person);
        writeln!(out, "  {}", status_line(kind, &self.status))?;
        writeln!(out)?;
        for ev in &self.events {
            write_event_line(out, ev)?;
        }
        if self.events.is_empty() {
            writeln!(out, "  no events")?;
        }
        Ok(())
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn write_event_line(out: &mut impl Write, ev: &EventView) -> std::io::Result<()> {
    let mut head = format!("  {:<10} {}", ev.date.as_deref().unwrap_or("undated"), ev.kind);
    if let Some(p) = &ev.place {
        head.push_str(&format!(" in {p}"));
    }
    if let Some(t) = &ev.term {
        head.push_str(&format!(", term {t}"));
    }
    if let Some(c) = &ev.count {
        head.push_str(&format!(", count {}", c));
    }
    if let Some(a) = &ev.amount {
        head.push_str(&format!(", amount {}", a));
    }
    writeln!(out, "{head}")?;
    for d in &ev.disagreements {
        writeln!(out, "      sources disagree on the {d}")?;
    }
    for s in &ev.sources {
        writeln!(out, "      \"{}\"", one_line(&s.quote))?;
        writeln!(out, "        ({} @{}..{})", s.document, s.start, s.end)?;
    }
    Ok(())
}

#[derive(Debug, Serialize)]
pub struct ConflictValueView {
    pub value: serde_json::Value,
    pub documents: Vec<String>,
    pub quotes: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct ConflictView {
    pub event: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub about: Vec<String>,
    pub field: String,
    pub values: Vec<ConflictValueView>,
}

pub fn conflict_views(store: &Store, record: &Record) -> anyhow::Result<Vec<ConflictView>> {
    let paths = paths(store)?;
    Ok(record
        .conflicts
        .iter()
        .filter_map(|c| {
            let ev = record.events.get(c.event)?;
            Some(ConflictView {
                event: export::event_id(c.event),
                kind: ev.kind.as_str().to_string(),
                about: ev.participants.iter().map(|p| record.entities[p.entity].name.clone()).collect(),
                field: c.field.as_str().to_string(),
                values: c
                    .values
                    .iter()
                    .map(|v| ConflictValueView {
                        value: match c.field {
                            dossier_extract::ConflictField::Place => v
                                .value
                                .as_u64()
                                .and_then(|p| record.entities.get(p as usize))
                                .map(|e| serde_json::Value::String(e.name.clone()))
                                .unwrap_or(serde_json::Value::Null),
                            _ => v.value.clone(),
                        },
                        documents: v.docs.iter().map(|d| paths.get(d).cloned().unwrap_or_default()).collect(),
                        quotes: v
                            .claims
                            .iter()
                            .filter_map(|&k| ev.sources.get(k))
                            .map(|s| one_line(&s.quote))
                            .collect(),
                    })
                    .collect(),
            })
        })
        .collect())
}

pub fn write_conflicts(out: &mut impl Write, views: &[ConflictView]) -> std::io::Result<()> {
    if views.is_empty() {
        writeln!(out, "no disagreements between sources")?;
    }
    for c in views {
        let about = if c.about.is_empty() { String::new() } else { format!(" of {}", c.about.join(", ")) };
        writeln!(out, "{} {}{}: sources disagree on the {}", c.event, c.kind, about, c.field)?;
        for v in &c.values {
            writeln!(out, "  {} says {}", v.documents.join(", "), v.value)?;
            for q in &v.quotes {
                writeln!(out, "      \"{q}\"")?;
            }
        }
        writeln!(out)?;
    }
    Ok(())
}

/// Passages that contradict themselves: a sum whose stated dollar equivalent is off by more
/// than a factor of two.
pub fn write_inconsistencies(out: &mut impl Write, record: &Record, odd: &[Inconsistency]) -> std::io::Result<()> {
    for x in odd {
        let ev = &record.events[x.event];
        writeln!(
            out,
            "{} {}: {} {} is stated as US${}, but at {}'s rate it is about US${}",
            export::event_id(x.event),
            ev.kind.as_str(),
            x.amount,
            x.currency,
            x.stated_usd,
            x.rate_year,
            x.expected_usd
        )?;
        writeln!(out, "      \"{}\"", one_line(&ev.sources[x.claim].quote))?;
    }
    Ok(())
}

/// The record's own "now": the latest date a document was published, so that views and
/// exports of the same collection do not change from one day to the next.
/// For the public, confidential documents do not count: their dates are theirs to keep.
pub fn record_now(store: &Store, audience: Audience) -> anyhow::Result<Edtf> {
    let hidden: std::collections::HashSet<u64> = match audience {
        Audience::Trusted => Default::default(),
        Audience::Public => store.documents()?.into_iter().filter(|d| d.confidential).map(|d| d.id).collect(),
    };
    let latest = store
        .extractions()?
        .into_iter()
        .filter(|(id, _)| !hidden.contains(id))
        .filter_map(|(_, x)| x.published)
        .max_by_key(|d| d.last_ordinal());
    Ok(latest.unwrap_or(Edtf::point(dossier_extract::CalDate::y(1970))))
}

/// The demo's overview: each person with their events, then the conflicts.
pub fn write_overview(out: &mut impl Write, store: &Store, record: &Record) -> anyhow::Result<()> {
    let docs = store.documents()?;
    writeln!(
        out,
        "{} documents, {} entities, {} events, {} conflicts\n",
        docs.len(),
        record.entities.len(),
        record.events.len(),
        record.conflicts.len()
    )?;
    writeln!(out, "PEOPLE AND THEIR EVENTS\n")?;
    let mut people: Vec<usize> = (0..record.entities.len())
        .filter(|&i| record.entities[i].kind == EntityKind::Person)
        .filter(|&i| record.events.iter().any(|e| e.participants.iter().any(|p| p.entity == i)))
        .collect();
    people.sort_by_key(|&i| {
        std::cmp::Reverse(record.events.iter().filter(|e| e.participants.iter().any(|p| p.entity == i)).count())
    });
    for i in people {
        let name = &record.entities[i].name;
        if let Some(view) = EntityView::find(store, record, name, record_now(store, Audience::Trusted)?)? {
            view.write_text(out)?;
            writeln!(out)?;
        }
    }
    writeln!(out, "CONFLICTS\n")?;
    write_conflicts(out, &conflict_views(store, record)?)?;
    Ok(())
}
