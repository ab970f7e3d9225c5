//! The HTML pages: overview, person or organisation, event, document, conflicts, search,
//! login. Server-rendered with maud, which escapes every value it interpolates, so a
//! report's text can never become markup. One small script only marks a linked passage.

use std::collections::BTreeSet;
use std::sync::Arc;

use axum::extract::{Form, Path, Query, State};
use axum::http::header::{self, HeaderMap, HeaderValue};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use dossier_extract::{ConflictField, Edtf, EntityKind, EventType};
use maud::{html, Markup, PreEscaped, DOCTYPE};
use serde::Deserialize;

use super::error::{ApiError, PageError};
use super::svg;
use super::view::{doc_id, parse_doc_id, parse_id, passage_anchor, View};
use super::{AppState, TOKEN_COOKIE};
use crate::pipeline::Audience;
use crate::report::status_line;

type PageResult = Result<Html<String>, PageError>;

fn page(markup: Markup) -> Html<String> {
    Html(markup.into_string())
}

/// The frame of every page: head, navigation with the search box, and the body.
pub fn layout(title: &str, body: Markup, audience: Option<Audience>) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " · dossier" }
                link rel="stylesheet" href="/static/app.css";
                script src="/static/app.js" defer {}
            }
            body {
                header.top {
                    a.brand href="/" { "dossier" }
                    nav {
                        a href="/" { "Overview" }
                        a href="/conflicts" { "Conflicts" }
                    }
                    form.search action="/search" method="get" role="search" {
                        input type="search" name="q" placeholder="Search names and reports" aria-label="Search";
                        button type="submit" { "Search" }
                    }
                    @match audience {
                        Some(Audience::Trusted) => form.inline action="/logout" method="post" { button.link type="submit" { "Log out" } },
                        _ => a.login href="/login" { "Token" },
                    }
                }
                main { h1 { (title) } (body) }
            }
        }
    }
}

/// The view for this request's audience.
fn view_for(state: &AppState, headers: &HeaderMap) -> Result<(Arc<View>, Audience), PageError> {
    let audience = state.audience(headers)?;
    Ok((state.view(audience)?, audience))
}

pub fn entity_href(i: usize) -> String {
    format!("/entities/e{}", i + 1)
}

pub fn event_href(i: usize) -> String {
    format!("/events/v{}", i + 1)
}

pub fn passage_href(doc: u64, start: usize, end: usize) -> String {
    format!("/documents/{}#{}", doc_id(doc), passage_anchor(start, end))
}

/// A prison term or ban in words: `P2Y6M` → "2 years 6 months".
pub fn term_words(t: &dossier_extract::Term) -> String {
    let part = |n: u32, one: &str| match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {one}s")),
    };
    let parts: Vec<String> =
        [part(t.years, "year"), part(t.months, "month"), part(t.days, "day")].into_iter().flatten().collect();
    if parts.is_empty() {
        "0 days".into()
    } else {
        parts.join(" ")
    }
}

/// Reads back an ISO 8601 term as [`dossier_extract::Term::iso`] writes it (`P2Y6M`).
fn parse_iso_term(s: &str) -> Option<dossier_extract::Term> {
    let mut t = dossier_extract::Term::default();
    let mut n = String::new();
    for c in s.strip_prefix('P')?.chars() {
        match c {
            '0'..='9' => n.push(c),
            'Y' | 'M' | 'D' => {
                let v: u32 = std::mem::take(&mut n).parse().ok()?;
                match c {
                    'Y' => t.years = v,
                    'M' => t.months = v,
                    _ => t.days = v,
                }
            }
            _ => return None,
        }
    }
    n.is_empty().then_some(t)
}

pub fn count_words(c: &dossier_extract::Count) -> String {
    use dossier_extract::Bound;
    let bound = match c.bound {
        Bound::Exact => "",
        Bound::About => "about ",
        Bound::AtLeast => "at least ",
        Bound::MoreThan => "more than ",
        Bound::AtMost => "at most ",
        Bound::FewerThan => "fewer than ",
    };
    format!("{bound}{}", c.value)
}

pub fn amount_words(a: &dossier_extract::Amount) -> String {
    let n = |v: f64| {
        if v.fract() == 0.0 && v.abs() < 1e15 {
            group_thousands(v as i64)
        } else {
            format!("{v:.2}")
        }
    };
    let value = match (a.value, a.min, a.max) {
        (Some(v), _, _) => n(v),
        (None, Some(lo), Some(hi)) => format!("{}–{}", n(lo), n(hi)),
        (None, Some(lo), None) => format!("at least {}", n(lo)),
        (None, None, Some(hi)) => format!("up to {}", n(hi)),
        (None, None, None) => "an amount".into(),
    };
    match a.usd {
        Some(usd) => format!("{value} {} (US${})", a.currency, n(usd)),
        None => format!("{value} {}", a.currency),
    }
}

fn group_thousands(v: i64) -> String {
    let digits = v.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if v < 0 {
        format!("-{out}")
    } else {
        out
    }
}

/// One line about an event: type, date, place, and its figures.
pub fn event_line(view: &View, i: usize) -> Markup {
    let Some(ev) = view.record.events.get(i) else { return html! {} };
    html! {
        span.event-line {
            (svg::swatch(ev.kind)) " "
            a href=(event_href(i)) { strong { (svg::label(ev.kind)) } }
            " "
            span.date { (ev.date.map(|d| d.to_string()).unwrap_or_else(|| "undated".into())) }
            @if let Some(p) = ev.place.and_then(|p| view.record.entities.get(p).map(|e| (p, e))) {
                " in " a href=(entity_href(p.0)) { (p.1.name) }
            }
            @if let Some(t) = ev.term { " · " (term_words(&t)) }
            @if let Some(c) = ev.count { " · " (count_words(&c)) }
            @if let Some(a) = &ev.amount { " · " (amount_words(a)) }
            @if view.conflicts_of(i).next().is_some() { " " span.badge.conflict { "sources disagree" } }
        }
    }
}

fn participants(view: &View, i: usize) -> Markup {
    let Some(ev) = view.record.events.get(i) else { return html! {} };
    html! {
        @for (n, p) in ev.participants.iter().enumerate() {
            @if n > 0 { ", " }
            @if let Some(e) = view.record.entities.get(p.entity) {
                a href=(entity_href(p.entity)) { (e.name) } " "
                span.role { "(" (p.role.as_str()) ")" }
            }
        }
    }
}

fn kind_word(kind: EntityKind) -> &'static str {
    match kind {
        EntityKind::Person => "person",
        EntityKind::Organization => "organisation",
        EntityKind::Place => "place",
    }
}

// ---------------------------------------------------------------------------------------
// Overview

pub async fn overview(State(state): State<AppState>, headers: HeaderMap) -> PageResult {
    let (view, audience) = view_for(&state, &headers)?;
    let r = &view.record;
    let actors = view.actors();
    let (people, orgs): (Vec<usize>, Vec<usize>) =
        actors.iter().partition(|&&i| r.entities[i].kind == EntityKind::Person);
    let body = html! {
        p.summary {
            (view.documents.len()) " documents · " (r.entities.len()) " people, organisations and places · "
            (r.events.len()) " events · " a href="/conflicts" { (r.conflicts.len()) " conflicts" }
            " · status as of " (view.now.to_string())
        }
        section {
            h2 { "Events by year and type" }
            (svg::events_by_year(&view.counts))
        }
        div.columns {
            section {
                h2 { "People" }
                (actor_table(&view, &people))
            }
            section {
                h2 { "Organisations" }
                (actor_table(&view, &orgs))
            }
        }
        section {
            h2 { "Latest events" }
            ul.events { @for i in view.latest_events(15) { li { (event_line(&view, i)) " — " (participants(&view, i)) } } }
        }
        section {
            h2 { "Open conflicts" }
            (conflict_list(&view, &r.conflicts.iter().collect::<Vec<_>>()))
        }
        @if audience == Audience::Trusted {
            section.upload {
                h2 { "Add a report" }
                form method="post" action="/documents" enctype="multipart/form-data" {
                    input type="file" name="file" required aria-label="Report file";
                    label { " " input type="checkbox" name="confidential" value="1"; " confidential" }
                    " " button type="submit" { "Upload" }
                }
                p.muted { "Text, Markdown, HTML or PDF." }
            }
        }
    };
    Ok(page(layout("Overview", body, Some(audience))))
}

fn actor_table(view: &View, list: &[usize]) -> Markup {
    html! {
        @if list.is_empty() { p.muted { "None yet." } } @else {
            table.actors {
                thead { tr { th { "Name" } th { "Events" } th { "Status" } } }
                tbody {
                    @for &i in list.iter().take(100) {
                        @let e = &view.record.entities[i];
                        tr {
                            td { a href=(entity_href(i)) { (e.name) } }
                            td.num { (view.timelines[i].len()) }
                            td { (short_status(view, i)) }
                        }
                    }
                }
            }
            @if list.len() > 100 { p.muted { "and " (list.len() - 100) " more: use the search." } }
        }
    }
}

/// The status without its "as of" prefix.
fn short_status(view: &View, i: usize) -> String {
    let line = status_line(view.record.entities[i].kind, &view.statuses[i]);
    line.split_once(": ").map(|(_, s)| s.to_string()).unwrap_or(line)
}

// ---------------------------------------------------------------------------------------
// A person or organisation

pub async fn entity(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> PageResult {
    let (view, audience) = view_for(&state, &headers)?;
    let i = parse_id(&id, 'e')
        .filter(|&i| i < view.record.entities.len())
        .ok_or_else(|| ApiError::not_found(format!("no entity {id}")))?;
    let e = &view.record.entities[i];
    let timeline = &view.timelines[i];
    let body = html! {
        p.kind { (kind_word(e.kind)) }
        @if !e.aliases.is_empty() {
            p { "Also written: " @for (n, a) in e.aliases.iter().enumerate() { @if n > 0 { ", " } span.alias { (a) } } }
        }
        @if e.kind != EntityKind::Place {
            p.status { (status_line(e.kind, &view.statuses[i])) }
        }
        section {
            h2 { "Timeline" }
            (svg::timeline(timeline, event_href))
        }
        section {
            h2 { "Events" }
            @if timeline.is_empty() { p.muted { "No events." } }
            @for t in timeline {
                article.event id=(format!("v{}", t.event + 1)) {
                    h3 { (event_line(&view, t.event)) }
                    p { (participants(&view, t.event)) }
                    (disagreements(&view, t.event))
                    (quotes(&view, t.event))
                }
            }
        }
        p.muted { (e.mentions.len()) " mentions in " (mention_docs(&view, i)) " documents." }
        @if audience == Audience::Trusted {
            section.judge {
                h2 { "Correct the record" }
                form method="post" action="/judgements" {
                    input type="hidden" name="a" value=(e.name);
                    label { (e.name) " is " select name="kind" {
                        option value="same" { "the same as" }
                        option value="different" { "not the same as" }
                    } }
                    " " input type="text" name="b" required placeholder="another name" aria-label="Another name";
                    " " button type="submit" { "Record" }
                }
                p.muted { "A judgement wins over the automatic matching and survives new documents." }
            }
        }
    };
    Ok(page(layout(&e.name, body, Some(audience))))
}

fn mention_docs(view: &View, i: usize) -> usize {
    view.record.entities[i].mentions.iter().map(|m| m.doc).collect::<BTreeSet<_>>().len()
}

fn quotes(view: &View, i: usize) -> Markup {
    let Some(ev) = view.record.events.get(i) else { return html! {} };
    html! {
        ul.quotes {
            @for s in &ev.sources {
                li {
                    blockquote { (s.quote) }
                    a.source href=(passage_href(s.doc, s.span.start, s.span.end)) { (view.document_label(s.doc)) }
                }
            }
        }
    }
}

fn conflict_value_text(view: &View, field: ConflictField, v: &serde_json::Value) -> String {
    match field {
        ConflictField::Place => v
            .as_u64()
            .and_then(|p| view.record.entities.get(p as usize))
            .map(|e| e.name.clone())
            .unwrap_or_else(|| "?".into()),
        ConflictField::Count => serde_json::from_value::<dossier_extract::Count>(v.clone())
            .map(|c| count_words(&c))
            .unwrap_or_else(|_| v.to_string()),
        ConflictField::Amount => serde_json::from_value::<dossier_extract::Amount>(v.clone())
            .map(|a| amount_words(&a))
            .unwrap_or_else(|_| v.to_string()),
        ConflictField::Term => v
            .as_str()
            .and_then(parse_iso_term)
            .map(|t| term_words(&t))
            .unwrap_or_else(|| v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())),
        ConflictField::Date => v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()),
    }
}

fn disagreements(view: &View, i: usize) -> Markup {
    let conflicts: Vec<_> = view.conflicts_of(i).collect();
    html! {
        @for c in conflicts {
            div.disagreement {
                strong { "Sources disagree on the " (c.field.as_str()) ": " }
                @for (n, v) in c.values.iter().enumerate() {
                    @if n > 0 { " / " }
                    span.value { (conflict_value_text(view, c.field, &v.value)) }
                    " (" @for (k, d) in v.docs.iter().enumerate() { @if k > 0 { ", " } (view.document_label(*d)) } ")"
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// An event

pub async fn event(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> PageResult {
    let (view, audience) = view_for(&state, &headers)?;
    let i = parse_id(&id, 'v')
        .filter(|&i| i < view.record.events.len())
        .ok_or_else(|| ApiError::not_found(format!("no event {id}")))?;
    let ev = &view.record.events[i];
    // Each source's passage in its context, read from the stored text.
    let mut contexts = Vec::new();
    state.with_store(|store| {
        for (k, s) in ev.sources.iter().enumerate() {
            let text = store.document_text(s.doc).map_err(ApiError::from_internal)?.unwrap_or_default();
            let around = context(&text, s.span.start, s.span.end, 320)
                .map(|(a, q, b)| (a.to_string(), q.to_string(), b.to_string()));
            contexts.push((k, s, around));
        }
        Ok(())
    })?;
    let conflicts: Vec<_> = view.conflicts_of(i).collect();
    let title = format!("{} {}", svg::label(ev.kind), ev.date.map(|d| d.to_string()).unwrap_or_default());
    let body = html! {
        p { (event_line(&view, i)) }
        @if !ev.participants.is_empty() { p { "Who: " (participants(&view, i)) } }
        @if !ev.legal.is_empty() { p { "Under: " (ev.legal.join("; ")) } }
        @if !conflicts.is_empty() {
            section.conflicts {
                h2 { "Where the sources disagree" }
                @for c in &conflicts {
                    table.conflict {
                        caption { (c.field.as_str()) }
                        thead { tr { th { "Value" } th { "Said by" } } }
                        tbody {
                            @for v in &c.values {
                                tr {
                                    td.value { (conflict_value_text(&view, c.field, &v.value)) }
                                    td { @for (k, d) in v.docs.iter().enumerate() { @if k > 0 { ", " } (view.document_label(*d)) } }
                                }
                            }
                        }
                    }
                }
            }
        }
        section {
            h2 { (ev.sources.len()) " sources" }
            div.sources {
                @for (k, s, ctx) in &contexts {
                    article.source id=(format!("source-{}", k + 1)) {
                        h3 { a href=(passage_href(s.doc, s.span.start, s.span.end)) { (view.document_label(s.doc)) } }
                        @if let Some(d) = view.document(s.doc).and_then(|d| d.published) { p.muted { "published " (d.to_string()) } }
                        p.context {
                            @if let Some((before, quote, after)) = ctx {
                                "…" (before) mark { (quote) } (after) "…"
                            } @else {
                                mark { (s.quote) }
                            }
                        }
                        p.values {
                            @if let Some(d) = s.date { "date " (d.to_string()) " " }
                            @if let Some(c) = s.count { "· count " (count_words(&c)) " " }
                            @if let Some(t) = s.term { "· term " (term_words(&t)) " " }
                            @if let Some(a) = &s.amount { "· amount " (amount_words(a)) }
                        }
                    }
                }
            }
        }
    };
    Ok(page(layout(&title, body, Some(audience))))
}

/// The passage with up to `around` bytes of text either side, cut on character boundaries.
fn context(text: &str, start: usize, end: usize, around: usize) -> Option<(&str, &str, &str)> {
    if start > end || end > text.len() || !text.is_char_boundary(start) || !text.is_char_boundary(end) {
        return None;
    }
    let mut a = start.saturating_sub(around);
    while !text.is_char_boundary(a) {
        a += 1;
    }
    let mut b = (end + around).min(text.len());
    while !text.is_char_boundary(b) {
        b -= 1;
    }
    Some((&text[a..start], &text[start..end], &text[end..b]))
}

// ---------------------------------------------------------------------------------------
// A document

pub async fn document(State(state): State<AppState>, headers: HeaderMap, Path(id): Path<String>) -> PageResult {
    let (view, audience) = view_for(&state, &headers)?;
    let doc = parse_doc_id(&id)
        .and_then(|d| view.document(d))
        .ok_or_else(|| ApiError::not_found(format!("no document {id}")))?
        .clone();
    let text = state.with_store(|s| s.document_text(doc.id).map_err(ApiError::from_internal))?.unwrap_or_default();
    let mentions = view.mentions.get(&doc.id).map(Vec::as_slice).unwrap_or(&[]);
    let passages = view.passages.get(&doc.id).map(Vec::as_slice).unwrap_or(&[]);
    let title = view.document_label(doc.id);
    let body = html! {
        p.muted {
            (doc.path) " · " (doc.format)
            @if let Some(p) = doc.published { " · published " (p.to_string()) }
            @if doc.confidential { " · " span.badge { "confidential" } }
            " · " (passages.len()) " passages tell events"
        }
        div.doc-text { (highlighted(&view, &text, mentions, passages)) }
    };
    Ok(page(layout(&title, body, Some(audience))))
}

/// The text with entity mentions as links and event passages marked. Passages may overlap,
/// so the text is cut at every boundary and each piece carries the passages it belongs to
/// (`data-p`); an empty anchor at each passage's start is what `#p-…` scrolls to.
fn highlighted(
    view: &View,
    text: &str,
    mentions: &[super::view::MentionAt],
    passages: &[super::view::Passage],
) -> Markup {
    let ok = |i: usize| i <= text.len() && text.is_char_boundary(i);
    let mut cuts: BTreeSet<usize> = BTreeSet::from([0, text.len()]);
    for m in mentions.iter().filter(|m| m.start < m.end && ok(m.start) && ok(m.end)) {
        cuts.insert(m.start);
        cuts.insert(m.end);
    }
    for p in passages.iter().filter(|p| p.start < p.end && ok(p.start) && ok(p.end)) {
        cuts.insert(p.start);
        cuts.insert(p.end);
    }
    let cuts: Vec<usize> = cuts.into_iter().collect();
    let mut out = String::with_capacity(text.len() * 2);
    let mut mention_at = 0;
    for w in cuts.windows(2) {
        let (a, b) = (w[0], w[1]);
        for p in passages.iter().filter(|p| p.start == a && p.end > a) {
            out.push_str(&html! { span.anchor id=(p.anchor()) {} }.into_string());
        }
        let active: Vec<&super::view::Passage> = passages.iter().filter(|p| p.start <= a && p.end >= b).collect();
        while mention_at < mentions.len() && mentions[mention_at].end <= a {
            mention_at += 1;
        }
        let mention = mentions[mention_at.min(mentions.len())..]
            .iter()
            .take_while(|m| m.start <= a)
            .find(|m| m.start <= a && m.end >= b);
        let piece = &text[a..b];
        let inner = match mention {
            Some(m) => {
                let kind = view.record.entities.get(m.entity).map(|e| e.kind.as_str()).unwrap_or("person");
                html! { a class=(format!("mention {kind}")) href=(entity_href(m.entity)) { (piece) } }
            }
            None => html! { (piece) },
        };
        if active.is_empty() {
            out.push_str(&inner.into_string());
        } else {
            let ids: Vec<String> = active.iter().map(|p| p.anchor()).collect();
            let events: Vec<String> =
                active.iter().flat_map(|p| p.events.iter().map(|e| format!("v{}", e + 1))).collect();
            out.push_str(
                &html! { span.passage data-p=(ids.join(" ")) title=(format!("tells {}", events.join(", "))) { (inner) } }
                    .into_string(),
            );
        }
    }
    PreEscaped(out)
}

// ---------------------------------------------------------------------------------------
// Conflicts

#[derive(Debug, Default, Deserialize)]
pub struct ConflictFilter {
    pub field: Option<String>,
    #[serde(rename = "type")]
    pub kind: Option<String>,
}

pub async fn conflicts(
    State(state): State<AppState>,
    headers: HeaderMap,
    Query(filter): Query<ConflictFilter>,
) -> PageResult {
    let (view, audience) = view_for(&state, &headers)?;
    let field = filter.field.as_deref().filter(|s| !s.is_empty());
    let kind = filter.kind.as_deref().filter(|s| !s.is_empty());
    let list: Vec<&dossier_extract::Conflict> = view
        .record
        .conflicts
        .iter()
        .filter(|c| field.is_none_or(|f| c.field.as_str() == f))
        .filter(|c| kind.is_none_or(|k| view.record.events.get(c.event).is_some_and(|e| e.kind.as_str() == k)))
        .collect();
    let body = html! {
        form.filters method="get" action="/conflicts" {
            label { "Field " select name="field" {
                option value="" { "any" }
                @for f in ["date", "count", "amount", "term", "place"] {
                    option value=(f) selected[field == Some(f)] { (f) }
                }
            } }
            label { "Event type " select name="type" {
                option value="" { "any" }
                @for t in EventType::ALL {
                    option value=(t.as_str()) selected[kind == Some(t.as_str())] { (svg::label(t)) }
                }
            } }
            button type="submit" { "Filter" }
        }
        p.muted { (list.len()) " of " (view.record.conflicts.len()) " conflicts" }
        (conflict_list(&view, &list))
    };
    Ok(page(layout("Conflicts", body, Some(audience))))
}

fn conflict_list(view: &View, list: &[&dossier_extract::Conflict]) -> Markup {
    html! {
        @if list.is_empty() { p.muted { "No disagreements between sources." } }
        ul.conflicts {
            @for c in list {
                li {
                    (event_line(view, c.event)) " — " (participants(view, c.event))
                    div.disagreement {
                        "on the " (c.field.as_str()) ": "
                        @for (n, v) in c.values.iter().enumerate() {
                            @if n > 0 { " / " }
                            span.value { (conflict_value_text(view, c.field, &v.value)) }
                            " ("
                            @for (k, &claim) in v.claims.iter().enumerate() {
                                @if k > 0 { ", " }
                                @if let Some(s) = view.record.events.get(c.event).and_then(|e| e.sources.get(claim)) {
                                    a href=(passage_href(s.doc, s.span.start, s.span.end)) { (view.document_label(s.doc)) }
                                }
                            }
                            ")"
                        }
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------
// Search

#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    #[serde(default)]
    pub q: String,
    #[serde(rename = "type")]
    pub kind: Option<String>,
    pub from: Option<String>,
    pub to: Option<String>,
    pub place: Option<String>,
}

pub async fn search(State(state): State<AppState>, headers: HeaderMap, Query(query): Query<SearchQuery>) -> PageResult {
    let (view, audience) = view_for(&state, &headers)?;
    let found = super::api::run_search(&state, &view, &query)?;
    let body = html! {
        form.filters method="get" action="/search" {
            input type="search" name="q" value=(query.q) aria-label="Search terms";
            label { "Type " select name="type" {
                option value="" { "any" }
                @for t in EventType::ALL {
                    option value=(t.as_str()) selected[query.kind.as_deref() == Some(t.as_str())] { (svg::label(t)) }
                }
            } }
            label { "From " input type="text" name="from" size="10" placeholder="2017" value=(query.from.clone().unwrap_or_default()); }
            label { "To " input type="text" name="to" size="10" placeholder="2019-06" value=(query.to.clone().unwrap_or_default()); }
            label { "Place " input type="text" name="place" size="12" value=(query.place.clone().unwrap_or_default()); }
            button type="submit" { "Search" }
        }
        section {
            h2 { "Names (" (found.entities.len()) ")" }
            ul { @for &i in &found.entities {
                @let e = &view.record.entities[i];
                li { a href=(entity_href(i)) { (e.name) } " " span.muted { (kind_word(e.kind)) @if !e.aliases.is_empty() { " · " (e.aliases.join(", ")) } } }
            } }
        }
        section {
            h2 { "Events (" (found.events.len()) ")" }
            ul.events { @for &i in &found.events { li { (event_line(&view, i)) " — " (participants(&view, i)) } } }
        }
        section {
            h2 { "Reports (" (found.documents.len()) ")" }
            ul { @for (d, snippet) in &found.documents {
                li { a href=(format!("/documents/{}", doc_id(*d))) { (view.document_label(*d)) } p.snippet { (snippet_markup(snippet)) } }
            } }
        }
    };
    let title = if query.q.trim().is_empty() { "Search".to_string() } else { format!("Search: {}", query.q.trim()) };
    Ok(page(layout(&title, body, Some(audience))))
}

/// A search snippet with its hits marked (the store marks them with private-use characters).
fn snippet_markup(snippet: &str) -> Markup {
    let mut parts = Vec::new();
    let mut rest = snippet;
    while let Some(s) = rest.find(dossier_store::HIT_START) {
        parts.push((false, &rest[..s]));
        let after = &rest[s + dossier_store::HIT_START.len()..];
        let e = after.find(dossier_store::HIT_END).unwrap_or(after.len());
        parts.push((true, &after[..e]));
        rest = after.get(e + dossier_store::HIT_END.len()..).unwrap_or("");
    }
    parts.push((false, rest));
    html! { @for (hit, p) in parts { @if hit { mark { (p) } } @else { (p) } } }
}

// ---------------------------------------------------------------------------------------
// Token in the browser

pub async fn login_form(State(state): State<AppState>, headers: HeaderMap) -> PageResult {
    let audience = state.audience(&headers).unwrap_or(Audience::Public);
    let body = html! {
        p { "With the token you can see confidential documents and record judgements. It is kept in a cookie for this site only." }
        form method="post" action="/login" {
            label { "Token " input type="password" name="token" autocomplete="current-password" required; }
            " " button type="submit" { "Use token" }
        }
    };
    Ok(page(layout("Token", body, Some(audience))))
}

#[derive(Debug, Deserialize)]
pub struct LoginForm {
    pub token: String,
}

pub async fn login(State(state): State<AppState>, Form(form): Form<LoginForm>) -> Result<Response, PageError> {
    if !state.token_matches(&form.token) {
        return Err(ApiError::unauthorized("the token is not valid").into());
    }
    let cookie = format!("{TOKEN_COOKIE}={}; Path=/; HttpOnly; SameSite=Strict", AppState::cookie_for(&form.token));
    let mut response = Redirect::to("/").into_response();
    let value = HeaderValue::from_str(&cookie).map_err(|_| ApiError::bad_request("the token cannot be stored"))?;
    response.headers_mut().insert(header::SET_COOKIE, value);
    Ok(response)
}

pub async fn logout() -> Response {
    let mut response = Redirect::to("/").into_response();
    response.headers_mut().insert(
        header::SET_COOKIE,
        HeaderValue::from_static("dossier_token=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"),
    );
    response
}

// ---------------------------------------------------------------------------------------
// Static files and fallbacks

pub async fn stylesheet() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/css; charset=utf-8")], include_str!("static/app.css"))
}

pub async fn script() -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/javascript; charset=utf-8")], include_str!("static/app.js"))
}

pub async fn not_found() -> PageError {
    PageError(ApiError::new(StatusCode::NOT_FOUND, "not_found", "no such page"))
}

/// Parses a date filter (EDTF: `2017`, `2017-03`, `2017-03-05`).
pub fn parse_date_filter(s: Option<&str>, name: &str) -> Result<Option<Edtf>, ApiError> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) => Edtf::parse(s).map(Some).ok_or_else(|| {
            ApiError::bad_request(format!("{name}: not a date: {s:?} (use 2017, 2017-03 or 2017-03-05)"))
        }),
    }
}
