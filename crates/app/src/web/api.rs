//! The JSON API: the pages' data for other tools, the upload of a report, and judgements.
//! Ids are those of the pages and of the `dossier/1` export (`e12`, `v3`); documents are
//! `d` and their store id. Every error has the shape `{"error": {status, code, message}}`.

use std::collections::BTreeSet;

use axum::body::Bytes;
use axum::extract::rejection::{BytesRejection, JsonRejection};
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use dossier_extract::{names, EntityKind, EventType};
use dossier_store::{Inserted, JudgementKind};
use serde::Deserialize;
use serde_json::{json, Value};

use super::error::ApiError;
use super::pages::{entity_href, event_href, parse_date_filter, passage_href, SearchQuery};
use super::view::{doc_id, parse_doc_id, parse_id, View};
use super::AppState;
use crate::export::{amount_json, count_json, entity_id, event_id};
use crate::pipeline::{self, IngestOptions};

type ApiResult = Result<Json<Value>, ApiError>;

fn view_for(state: &AppState, headers: &HeaderMap) -> Result<std::sync::Arc<View>, ApiError> {
    state.view(state.audience(headers)?)
}

fn entity_ref(view: &View, i: usize) -> Value {
    match view.record.entities.get(i) {
        Some(e) => json!({"id": entity_id(i), "name": e.name, "kind": e.kind.as_str(), "href": entity_href(i)}),
        None => Value::Null,
    }
}

fn event_json(view: &View, i: usize) -> Value {
    let Some(ev) = view.record.events.get(i) else { return Value::Null };
    let conflicts: Vec<Value> = view.conflicts_of(i).map(|c| conflict_json(view, c)).collect();
    json!({
        "id": event_id(i),
        "type": ev.kind.as_str(),
        "date": ev.date.map(|d| d.to_string()),
        "place": ev.place.map(|p| entity_ref(view, p)),
        "participants": ev.participants.iter().map(|p| {
            let mut v = entity_ref(view, p.entity);
            v["role"] = json!(p.role.as_str());
            v
        }).collect::<Vec<_>>(),
        "count": ev.count.as_ref().map(count_json),
        "term": ev.term.map(|t| t.iso()),
        "amount": ev.amount.as_ref().map(amount_json),
        "legal": ev.legal,
        "sources": ev.sources.iter().map(|s| json!({
            "doc": doc_id(s.doc),
            "title": view.document_label(s.doc),
            "start": s.span.start,
            "end": s.span.end,
            "quote": s.quote,
            "href": passage_href(s.doc, s.span.start, s.span.end),
        })).collect::<Vec<_>>(),
        "conflicts": conflicts,
        "href": event_href(i),
    })
}

fn conflict_json(view: &View, c: &dossier_extract::Conflict) -> Value {
    let values: Vec<Value> = c
        .values
        .iter()
        .map(|v| {
            let value = match c.field {
                dossier_extract::ConflictField::Place => {
                    v.value.as_u64().map(|p| entity_ref(view, p as usize)).unwrap_or(Value::Null)
                }
                _ => v.value.clone(),
            };
            let docs: BTreeSet<u64> = v.docs.iter().copied().collect();
            let quotes: Vec<Value> = v
                .claims
                .iter()
                .filter_map(|&k| view.record.events.get(c.event)?.sources.get(k))
                .map(|s| json!({"doc": doc_id(s.doc), "quote": s.quote, "href": passage_href(s.doc, s.span.start, s.span.end)}))
                .collect();
            json!({"value": value, "docs": docs.into_iter().map(doc_id).collect::<Vec<_>>(), "quotes": quotes})
        })
        .collect();
    json!({"event": event_id(c.event), "field": c.field.as_str(), "values": values})
}

fn entity_summary(view: &View, i: usize) -> Value {
    let e = &view.record.entities[i];
    let mut v = json!({
        "id": entity_id(i),
        "kind": e.kind.as_str(),
        "name": e.name,
        "aliases": e.aliases,
        "events": view.timelines[i].len(),
        "href": entity_href(i),
    });
    if e.kind != EntityKind::Place {
        v["status"] = serde_json::to_value(&view.statuses[i]).unwrap_or(Value::Null);
    }
    v
}

#[derive(Debug, Default, Deserialize)]
pub struct EntityFilter {
    pub kind: Option<String>,
    pub q: Option<String>,
}

pub async fn entities(State(state): State<AppState>, headers: HeaderMap, Query(f): Query<EntityFilter>) -> ApiResult {
    let view = view_for(&state, &headers)?;
    let kind =
        match f.kind.as_deref().filter(|k| !k.is_empty()) {
            None => None,
            Some(k) => Some(EntityKind::parse(k).ok_or_else(|| {
                ApiError::bad_request(format!("kind: {k:?} is not one of person, organization, place"))
            })?),
        };
    let indexes: Vec<usize> = match f.q.as_deref().map(str::trim).filter(|q| !q.is_empty()) {
        Some(q) => view.find_entities(q),
        None => (0..view.record.entities.len()).collect(),
    };
    let list: Vec<Value> = indexes
        .into_iter()
        .filter(|&i| kind.is_none_or(|k| view.record.entities[i].kind == k))
        .map(|i| entity_summary(&view, i))
        .collect();
    Ok(Json(json!({"entities": list})))
}

pub async fn entity(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> ApiResult {
    let view = view_for(&state, &headers)?;
    let i = parse_id(&id, 'e')
        .filter(|&i| i < view.record.entities.len())
        .ok_or_else(|| ApiError::not_found(format!("no entity {id}")))?;
    let mut v = entity_summary(&view, i);
    v["as_of"] = json!(view.now.to_string());
    v["timeline"] = view.timelines[i]
        .iter()
        .map(|t| {
            let mut e = event_json(&view, t.event);
            e["role"] = json!(t.role.map(|r| r.as_str()));
            e
        })
        .collect();
    v["mentions"] = json!(view.record.entities[i].mentions.len());
    Ok(Json(v))
}

#[derive(Debug, Default, Deserialize)]
pub struct EventFilter {
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub entity: Option<String>,
    pub place: Option<String>,
}

/// Events matching a filter, in date order (undated last).
fn filter_events(
    view: &View,
    candidates: impl Iterator<Item = usize>,
    f: &EventFilter,
) -> Result<Vec<usize>, ApiError> {
    let kind = match f.kind.as_deref().filter(|k| !k.is_empty()) {
        None => None,
        Some(k) => {
            Some(EventType::parse(k).ok_or_else(|| ApiError::bad_request(format!("type: unknown event type {k:?}")))?)
        }
    };
    let from = parse_date_filter(f.from.as_deref(), "from")?;
    let to = parse_date_filter(f.to.as_deref(), "to")?;
    let entity: Option<BTreeSet<usize>> = f.entity.as_deref().map(str::trim).filter(|e| !e.is_empty()).map(|e| {
        match parse_id(e, 'e').filter(|&i| i < view.record.entities.len()) {
            Some(i) => BTreeSet::from([i]),
            None => view.find_entities(e).into_iter().take(5).collect(),
        }
    });
    let places: Option<BTreeSet<usize>> = f.place.as_deref().map(str::trim).filter(|p| !p.is_empty()).map(|p| {
        view.find_entities(p).into_iter().filter(|&i| view.record.entities[i].kind == EntityKind::Place).collect()
    });
    let mut out: Vec<usize> = candidates
        .filter(|&i| {
            let ev = &view.record.events[i];
            kind.is_none_or(|k| ev.kind == k)
                && from.is_none_or(|d| ev.date.is_some_and(|e| e.last_ordinal() >= d.first_ordinal()))
                && to.is_none_or(|d| ev.date.is_some_and(|e| e.first_ordinal() <= d.last_ordinal()))
                && entity.as_ref().is_none_or(|set| {
                    ev.participants.iter().any(|p| set.contains(&p.entity))
                        || ev.place.is_some_and(|p| set.contains(&p))
                })
                && places.as_ref().is_none_or(|set| ev.place.is_some_and(|p| set.contains(&p)))
        })
        .collect();
    out.sort_by_key(|&i| (view.record.events[i].date.map_or(i64::MAX, |d| d.first_ordinal()), i));
    out.dedup();
    Ok(out)
}

pub async fn events(State(state): State<AppState>, headers: HeaderMap, Query(f): Query<EventFilter>) -> ApiResult {
    let view = view_for(&state, &headers)?;
    let list = filter_events(&view, 0..view.record.events.len(), &f)?;
    Ok(Json(json!({"events": list.into_iter().map(|i| event_json(&view, i)).collect::<Vec<_>>()})))
}

pub async fn event(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> ApiResult {
    let view = view_for(&state, &headers)?;
    let i = parse_id(&id, 'v')
        .filter(|&i| i < view.record.events.len())
        .ok_or_else(|| ApiError::not_found(format!("no event {id}")))?;
    Ok(Json(event_json(&view, i)))
}

fn document_summary(d: &dossier_store::StoredDocument) -> Value {
    json!({
        "id": doc_id(d.id),
        "path": d.path,
        "title": d.title,
        "published": d.published.map(|p| p.to_string()),
        "format": d.format,
        "bytes": d.byte_len,
        "confidential": d.confidential,
        "href": format!("/documents/{}", doc_id(d.id)),
    })
}

pub async fn documents(State(state): State<AppState>, headers: HeaderMap) -> ApiResult {
    let view = view_for(&state, &headers)?;
    Ok(Json(json!({"documents": view.documents.iter().map(document_summary).collect::<Vec<_>>()})))
}

pub async fn document(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> ApiResult {
    let view = view_for(&state, &headers)?;
    let doc = parse_doc_id(&id)
        .and_then(|d| view.document(d))
        .ok_or_else(|| ApiError::not_found(format!("no document {id}")))?;
    let text = state.with_store(|s| s.document_text(doc.id).map_err(ApiError::from_internal))?.unwrap_or_default();
    let mut v = document_summary(doc);
    v["text"] = json!(text);
    v["mentions"] = view
        .mentions
        .get(&doc.id)
        .map(|ms| ms.iter().map(|m| json!({"start": m.start, "end": m.end, "entity": entity_id(m.entity)})).collect())
        .unwrap_or_else(|| json!([]));
    v["passages"] = view
        .passages
        .get(&doc.id)
        .map(|ps| {
            ps.iter()
                .map(|p| json!({"start": p.start, "end": p.end, "anchor": p.anchor(), "events": p.events.iter().map(|&e| event_id(e)).collect::<Vec<_>>()}))
                .collect()
        })
        .unwrap_or_else(|| json!([]));
    Ok(Json(v))
}

#[derive(Debug, Default, Deserialize)]
pub struct UploadQuery {
    pub name: Option<String>,
    #[serde(default)]
    pub confidential: bool,
}

/// `POST /api/documents?name=report.pdf[&confidential=true]` with the file's bytes as the
/// body: 201 with the new document, 200 when the same bytes are stored already, 422 when
/// the input is refused (with the reason), 413 when it is too large.
pub async fn upload(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(q): Query<UploadQuery>,
    body: Result<Bytes, BytesRejection>,
) -> Result<Response, ApiError> {
    state.require_writer(&headers)?;
    let body = body.map_err(|e| {
        let status = e.status();
        let code = if status == StatusCode::PAYLOAD_TOO_LARGE { "too_large" } else { "bad_request" };
        ApiError::new(status, code, e.body_text().to_lowercase())
    })?;
    let inserted = ingest_upload(&state, q.name.as_deref(), body, q.confidential).await?;
    let status = if inserted.is_new() { StatusCode::CREATED } else { StatusCode::OK };
    let doc = state.with_store(|s| s.document(inserted.id()).map_err(ApiError::from_internal))?;
    let mut v = doc.as_ref().map(document_summary).unwrap_or(Value::Null);
    v["new"] = json!(matches!(inserted, Inserted::New(_)));
    Ok((status, Json(v)).into_response())
}

/// Ingests an uploaded file off the async workers: 422 with the reason when refused.
pub async fn ingest_upload(
    state: &AppState,
    name: Option<&str>,
    body: Bytes,
    confidential: bool,
) -> Result<Inserted, ApiError> {
    let name = name.filter(|n| !n.trim().is_empty()).unwrap_or("upload");
    // Only the file name is kept: a client cannot make the stored path point anywhere.
    let name =
        format!("upload/{}", super::view::file_name(name).chars().filter(|c| !c.is_control()).collect::<String>());
    let options = IngestOptions { limits: dossier_ingest::Limits { max_bytes: state.inner.max_upload }, confidential };
    let worker = state.clone();
    let outcome = tokio::task::spawn_blocking(move || {
        let mut store = worker.store()?;
        pipeline::ingest_bytes(&mut store, &name, &body, &options).map_err(ApiError::from_internal)
    })
    .await
    .map_err(ApiError::from_internal)??;
    outcome.map_err(ApiError::refused)
}

pub async fn conflicts(State(state): State<AppState>, headers: HeaderMap) -> ApiResult {
    let view = view_for(&state, &headers)?;
    let list: Vec<Value> = view.record.conflicts.iter().map(|c| conflict_json(&view, c)).collect();
    Ok(Json(json!({"conflicts": list})))
}

/// The most events and reports a search returns (names are capped at 50).
const SEARCH_EVENTS: usize = 100;
const SEARCH_DOCUMENTS: usize = 50;

/// What a search found, shared by the search page and the API.
pub struct Found {
    pub entities: Vec<usize>,
    pub events: Vec<usize>,
    /// Document ids with a snippet.
    pub documents: Vec<(u64, String)>,
}

/// Searches names (any spelling or script), the events of the names found, and the reports'
/// text, where each word of the query also matches the other spellings of a name it is part
/// of (`Kushakbayev` finds reports that write `Kushakbaev` or `Кушакбаев`).
pub fn run_search(state: &AppState, view: &View, query: &SearchQuery) -> Result<Found, ApiError> {
    let q = query.q.trim();
    let filter = EventFilter {
        kind: query.kind.clone(),
        from: query.from.clone(),
        to: query.to.clone(),
        entity: None,
        place: query.place.clone(),
    };
    let filtered = filter.kind.as_deref().is_some_and(|s| !s.is_empty())
        || filter.from.as_deref().is_some_and(|s| !s.is_empty())
        || filter.to.as_deref().is_some_and(|s| !s.is_empty())
        || filter.place.as_deref().is_some_and(|s| !s.is_empty());
    let mut entities = if q.is_empty() { Vec::new() } else { view.find_entities(q) };
    entities.truncate(50);
    let events = if !entities.is_empty() {
        let involved: BTreeSet<usize> =
            entities.iter().take(10).flat_map(|&e| view.timelines[e].iter().map(|t| t.event)).collect();
        filter_events(view, involved.into_iter(), &filter)?
    } else if q.is_empty() && filtered {
        filter_events(view, 0..view.record.events.len(), &filter)?
    } else {
        // Validate the filters even when nothing is searched by them.
        filter_events(view, std::iter::empty(), &filter)?
    };
    let mut events = events;
    events.truncate(SEARCH_EVENTS);
    let mut documents = Vec::new();
    if !q.is_empty() {
        let groups: Vec<Vec<String>> = q
            .split_whitespace()
            .map(|word| {
                let key = names::word_key(word);
                let mut forms: BTreeSet<String> = BTreeSet::from([word.to_string()]);
                for &e in entities.iter().take(10) {
                    let ent = &view.record.entities[e];
                    for form in std::iter::once(&ent.name).chain(&ent.aliases) {
                        for w in form.split_whitespace() {
                            let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                            if !w.is_empty() && names::word_key(w) == key {
                                forms.insert(w.to_string());
                            }
                        }
                    }
                }
                forms.into_iter().collect()
            })
            .collect();
        // Hidden documents are filtered after the query, so ask for more only when some are.
        let limit = if view.hidden > 0 { 4 * SEARCH_DOCUMENTS } else { SEARCH_DOCUMENTS };
        let hits = state.with_store(|s| s.search_documents_any(&groups, limit).map_err(ApiError::from_internal))?;
        documents = hits.into_iter().filter(|(d, _)| view.document(*d).is_some()).take(SEARCH_DOCUMENTS).collect();
    }
    Ok(Found { entities, events, documents })
}

pub async fn search(State(state): State<AppState>, headers: HeaderMap, Query(query): Query<SearchQuery>) -> ApiResult {
    let view = view_for(&state, &headers)?;
    let found = run_search(&state, &view, &query)?;
    let strip = |s: &str| s.replace(dossier_store::HIT_START, "").replace(dossier_store::HIT_END, "");
    Ok(Json(json!({
        "query": query.q,
        "entities": found.entities.iter().map(|&i| entity_summary(&view, i)).collect::<Vec<_>>(),
        "events": found.events.iter().map(|&i| event_json(&view, i)).collect::<Vec<_>>(),
        "documents": found.documents.iter().map(|(d, snippet)| json!({
            "id": doc_id(*d),
            "title": view.document_label(*d),
            "snippet": strip(snippet),
            "href": format!("/documents/{}", doc_id(*d)),
        })).collect::<Vec<_>>(),
    })))
}

#[derive(Debug, Deserialize)]
pub struct JudgementBody {
    /// `same` or `different`.
    pub kind: String,
    pub a: String,
    pub b: String,
}

/// `POST /api/judgements {"kind": "same"|"different", "a": name, "b": name}`: records a
/// human judgement that wins over the rules, as `dossier merge` / `split` do.
pub async fn judgement(
    State(state): State<AppState>,
    headers: HeaderMap,
    body: Result<Json<JudgementBody>, JsonRejection>,
) -> ApiResult {
    state.require_writer(&headers)?;
    let Json(body) = body.map_err(|e| ApiError::bad_request(e.body_text().to_lowercase()))?;
    let kind = JudgementKind::parse(&body.kind)
        .ok_or_else(|| ApiError::bad_request(format!("kind: {:?} is not same or different", body.kind)))?;
    let (a, b, id) = record_judgement(&state, kind, &body.a, &body.b)?;
    let view = state.view(crate::pipeline::Audience::Trusted)?;
    let result: Vec<Value> =
        [&a, &b].into_iter().filter_map(|n| view.find_entities(n).first().map(|&i| entity_summary(&view, i))).collect();
    Ok(Json(json!({"judgement": id, "kind": kind.as_str(), "a": a, "b": b, "entities": result})))
}

/// Stores a judgement between the entities two names find (any spelling), naming each by the
/// form that was asked for when it has one: the forms stored, and the judgement's id.
pub fn record_judgement(
    state: &AppState,
    kind: JudgementKind,
    a: &str,
    b: &str,
) -> Result<(String, String, u64), ApiError> {
    // Judgements name forms of the full record: the writer holds the token.
    let view = state.view(crate::pipeline::Audience::Trusted)?;
    let form = |name: &str| -> Result<String, ApiError> {
        let i = *view
            .find_entities(name)
            .first()
            .ok_or_else(|| ApiError::not_found(format!("no person, organisation or place named {name:?}")))?;
        let e = &view.record.entities[i];
        Ok(std::iter::once(&e.name).chain(&e.aliases).find(|f| f.eq_ignore_ascii_case(name)).unwrap_or(&e.name).clone())
    };
    let (a, b) = (form(a)?, form(b)?);
    if a == b {
        return Err(ApiError::bad_request(format!("{a:?} and {b:?} are the same name")));
    }
    let id = state.with_store(|s| s.add_judgement(kind, &a, &b).map_err(ApiError::from_internal))?;
    Ok((a, b, id))
}

pub async fn openapi() -> Json<Value> {
    Json(super::openapi::document())
}

pub async fn not_found() -> ApiError {
    ApiError::not_found("no such endpoint")
}
