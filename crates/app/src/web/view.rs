//! One audience's view of the store, built once per change and shared by every request:
//! the record with the indexes the pages and the API read (each entity's events, each
//! document's mentions and passages, statuses, counts by type and year).

use std::collections::{BTreeMap, HashMap};

use dossier_extract::status::{self, Status, TimelineEntry};
use dossier_extract::{names, Edtf, EntityKind, EventType, Record};
use dossier_store::{Store, StoredDocument};

use crate::pipeline::{self, Audience};

/// A passage of a document that tells one or more events.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Passage {
    pub start: usize,
    pub end: usize,
    /// Indexes into [`Record::events`].
    pub events: Vec<usize>,
}

impl Passage {
    /// The fragment that names it in a document page's address (`#p-120-245`).
    pub fn anchor(&self) -> String {
        passage_anchor(self.start, self.end)
    }
}

pub fn passage_anchor(start: usize, end: usize) -> String {
    format!("p-{start}-{end}")
}

/// A mention of an entity in a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MentionAt {
    pub start: usize,
    pub end: usize,
    pub entity: usize,
}

/// The record as one audience sees it, with its indexes.
#[derive(Debug)]
pub struct View {
    pub audience: Audience,
    /// The store generation it was built from.
    pub generation: u64,
    pub record: Record,
    /// The documents this audience may see, in store order.
    pub documents: Vec<StoredDocument>,
    /// How many stored documents this audience may not see.
    pub hidden: usize,
    by_doc_id: HashMap<u64, usize>,
    /// For each entity, the events it takes part in or that happened there, in date order.
    pub timelines: Vec<Vec<TimelineEntry>>,
    /// Each entity's status as of [`View::now`].
    pub statuses: Vec<Status>,
    /// The collection's own "now": the latest publication date.
    pub now: Edtf,
    pub mentions: HashMap<u64, Vec<MentionAt>>,
    pub passages: HashMap<u64, Vec<Passage>>,
    /// Each event's conflicts (indexes into [`Record::conflicts`]).
    conflicts_by_event: Vec<Vec<usize>>,
    /// Events by type and year (undated events under `None`).
    pub counts: BTreeMap<(Option<i32>, EventType), usize>,
    /// The name keys of each entity's forms, for transliteration-insensitive lookup.
    keys: Vec<Vec<String>>,
    /// Each entity's word keys (one per word of every form): surname lookups.
    word_keys: Vec<Vec<String>>,
    /// Each entity's forms folded to lower-case ASCII: substring lookups.
    folded: Vec<Vec<String>>,
}

impl View {
    /// Builds the view of the store's current record for `audience`.
    pub fn build(store: &mut Store, audience: Audience) -> anyhow::Result<View> {
        let generation = store.generation()?;
        let record = pipeline::record_for(store, audience)?;
        let all = store.documents()?;
        let total = all.len();
        let documents: Vec<StoredDocument> =
            all.into_iter().filter(|d| audience == Audience::Trusted || !d.confidential).collect();
        let hidden = total - documents.len();
        let published: HashMap<u64, Edtf> =
            store.extractions()?.into_iter().filter_map(|(id, x)| Some((id, x.published?))).collect();
        // The date the extractor read (a date line, or inferred), as the export gives it.
        let documents: Vec<StoredDocument> = documents
            .into_iter()
            .map(|mut d| {
                d.published = published.get(&d.id).copied().or(d.published);
                d
            })
            .collect();
        let now = documents
            .iter()
            .filter_map(|d| published.get(&d.id).copied().or(d.published))
            .max_by_key(|d| d.last_ordinal())
            .unwrap_or(Edtf::point(dossier_extract::CalDate::y(1970)));
        let mut view = View::from_record(audience, generation, record, documents, now);
        view.hidden = hidden;
        Ok(view)
    }

    /// Indexes a record: everything a request needs beyond the store's text.
    pub fn from_record(
        audience: Audience,
        generation: u64,
        record: Record,
        documents: Vec<StoredDocument>,
        now: Edtf,
    ) -> View {
        let by_doc_id = documents.iter().enumerate().map(|(i, d)| (d.id, i)).collect();
        let mut involved: Vec<Vec<usize>> = vec![Vec::new(); record.entities.len()];
        let mut counts = BTreeMap::new();
        let mut passages: HashMap<u64, BTreeMap<(usize, usize), Vec<usize>>> = HashMap::new();
        for (i, ev) in record.events.iter().enumerate() {
            for p in &ev.participants {
                if let Some(list) = involved.get_mut(p.entity) {
                    list.push(i);
                }
            }
            if let Some(list) = ev.place.and_then(|p| involved.get_mut(p)) {
                list.push(i);
            }
            *counts.entry((ev.date.map(|d| d.start.first_day().0), ev.kind)).or_insert(0) += 1;
            for s in &ev.sources {
                let events = passages.entry(s.doc).or_default().entry((s.span.start, s.span.end)).or_default();
                if events.last() != Some(&i) {
                    events.push(i);
                }
            }
        }
        let timelines: Vec<Vec<TimelineEntry>> =
            involved.into_iter().enumerate().map(|(e, events)| status::timeline_among(&record, e, events)).collect();
        let statuses = timelines.iter().map(|t| status::status_from(&record, t, now)).collect();
        let mut mentions: HashMap<u64, Vec<MentionAt>> = HashMap::new();
        for (i, e) in record.entities.iter().enumerate() {
            for m in &e.mentions {
                mentions.entry(m.doc).or_default().push(MentionAt { start: m.start, end: m.end, entity: i });
            }
        }
        for list in mentions.values_mut() {
            list.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        }
        let passages = passages
            .into_iter()
            .map(|(doc, spans)| {
                let list = spans.into_iter().map(|((start, end), events)| Passage { start, end, events }).collect();
                (doc, list)
            })
            .collect();
        let keys = record
            .entities
            .iter()
            .map(|e| {
                let mut k: Vec<String> = std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .flat_map(|f| [names::person_key(f), names::org_key(f)])
                    .filter(|k| !k.is_empty())
                    .collect();
                k.sort();
                k.dedup();
                k
            })
            .collect();
        let mut conflicts_by_event = vec![Vec::new(); record.events.len()];
        for (k, c) in record.conflicts.iter().enumerate() {
            if let Some(list) = conflicts_by_event.get_mut(c.event) {
                list.push(k);
            }
        }
        let word_keys = record
            .entities
            .iter()
            .map(|e| {
                let mut k: Vec<String> = std::iter::once(&e.name)
                    .chain(&e.aliases)
                    .flat_map(|f| f.split_whitespace().map(names::word_key).collect::<Vec<_>>())
                    .collect();
                k.sort();
                k.dedup();
                k
            })
            .collect();
        let folded = record
            .entities
            .iter()
            .map(|e| std::iter::once(&e.name).chain(&e.aliases).map(|f| names::ascii_fold(f).to_lowercase()).collect())
            .collect();
        View {
            audience,
            generation,
            record,
            documents,
            by_doc_id,
            hidden: 0,
            timelines,
            statuses,
            now,
            mentions,
            passages,
            conflicts_by_event,
            counts,
            keys,
            word_keys,
            folded,
        }
    }

    /// The conflicts of one event.
    pub fn conflicts_of(&self, event: usize) -> impl Iterator<Item = &dossier_extract::Conflict> {
        self.conflicts_by_event.get(event).into_iter().flatten().filter_map(|&k| self.record.conflicts.get(k))
    }

    pub fn document(&self, id: u64) -> Option<&StoredDocument> {
        self.by_doc_id.get(&id).and_then(|&i| self.documents.get(i))
    }

    /// The short name of a document: its title, else its file name.
    pub fn document_label(&self, id: u64) -> String {
        match self.document(id) {
            Some(d) => d.title.clone().filter(|t| !t.trim().is_empty()).unwrap_or_else(|| file_name(&d.path)),
            None => format!("document {id}"),
        }
    }

    /// Entities a query names, best first: an exact form, then a form with the same
    /// transliteration-folded key (`Kushakbayev` = `Kushakbaev` = `Кушакбаев`), then a
    /// surname or a folded substring of a form.
    pub fn find_entities(&self, query: &str) -> Vec<usize> {
        let q = query.trim();
        if q.is_empty() {
            return Vec::new();
        }
        let qkeys = [names::person_key(q), names::org_key(q)];
        let qword = names::word_key(q);
        let qfold = names::ascii_fold(q).to_lowercase();
        let mut scored: Vec<(u8, usize, usize)> = Vec::new();
        for (i, e) in self.record.entities.iter().enumerate() {
            let forms = || std::iter::once(&e.name).chain(&e.aliases);
            let score = if forms().any(|f| f.eq_ignore_ascii_case(q)) {
                4
            } else if self.keys[i].iter().any(|k| qkeys.contains(k)) {
                3
            } else if !q.contains(' ') && self.word_keys[i].binary_search(&qword).is_ok() {
                2
            } else if qfold.chars().count() >= 3 && self.folded[i].iter().any(|f| f.contains(&qfold)) {
                1
            } else {
                0
            };
            if score > 0 {
                scored.push((score, e.mentions.len(), i));
            }
        }
        scored.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(&b.2)));
        scored.into_iter().map(|s| s.2).collect()
    }

    /// People and organisations that have events, most events first.
    pub fn actors(&self) -> Vec<usize> {
        let mut out: Vec<usize> = (0..self.record.entities.len())
            .filter(|&i| self.record.entities[i].kind != EntityKind::Place && !self.timelines[i].is_empty())
            .collect();
        out.sort_by_key(|&i| (std::cmp::Reverse(self.timelines[i].len()), i));
        out
    }

    /// Events newest first (undated last).
    pub fn latest_events(&self, n: usize) -> Vec<usize> {
        let mut out: Vec<usize> = (0..self.record.events.len()).collect();
        out.sort_by_key(|&i| (std::cmp::Reverse(self.record.events[i].date.map_or(i64::MIN, |d| d.last_ordinal())), i));
        out.truncate(n);
        out
    }
}

/// The last part of a path.
pub fn file_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_string()
}

/// Parses the web's entity and event ids (`e12`, `v3`) into record indexes.
pub fn parse_id(id: &str, prefix: char) -> Option<usize> {
    let n: usize = id.strip_prefix(prefix)?.parse().ok()?;
    n.checked_sub(1)
}

/// Parses a document id (`d7` or `7`).
pub fn parse_doc_id(id: &str) -> Option<u64> {
    id.strip_prefix('d').unwrap_or(id).parse().ok()
}

pub fn doc_id(id: u64) -> String {
    format!("d{id}")
}
