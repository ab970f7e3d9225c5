//! Writing from the browser, for token holders: uploading a report and recording that two
//! names are (or are not) one entity. Plain HTML forms that answer with a redirect; the
//! cookie is `SameSite=Strict`, so another site cannot submit them for the user.

use axum::extract::{Form, Multipart, State};
use axum::http::HeaderMap;
use axum::response::Redirect;
use dossier_store::JudgementKind;
use serde::Deserialize;

use super::api::{ingest_upload, record_judgement};
use super::error::{ApiError, PageError};
use super::pages::entity_href;
use super::view::doc_id;
use super::AppState;
use crate::pipeline::Audience;

#[derive(Debug, Deserialize)]
pub struct JudgementForm {
    /// `same` or `different`.
    pub kind: String,
    pub a: String,
    pub b: String,
}

/// `POST /judgements`: back to the page of the first name's entity as it is now.
pub async fn judgement(
    State(state): State<AppState>,
    headers: HeaderMap,
    Form(form): Form<JudgementForm>,
) -> Result<Redirect, PageError> {
    state.require_writer(&headers)?;
    let kind = JudgementKind::parse(&form.kind)
        .ok_or_else(|| ApiError::bad_request(format!("{:?} is not same or different", form.kind)))?;
    let (a, _, _) = record_judgement(&state, kind, &form.a, &form.b)?;
    let view = state.view(Audience::Trusted)?;
    Ok(match view.find_entities(&a).first() {
        Some(&i) => Redirect::to(&entity_href(i)),
        None => Redirect::to("/"),
    })
}

/// `POST /documents` (multipart: `file`, optional `confidential`): to the new document's page.
pub async fn upload(
    State(state): State<AppState>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> Result<Redirect, PageError> {
    state.require_writer(&headers)?;
    let mut file: Option<(Option<String>, axum::body::Bytes)> = None;
    let mut confidential = false;
    while let Some(field) = multipart.next_field().await.map_err(|e| ApiError::bad_request(e.body_text()))? {
        match field.name() {
            Some("file") => {
                let name = field.file_name().map(str::to_string);
                let bytes = field.bytes().await.map_err(|e| ApiError::new(e.status(), "bad_request", e.body_text()))?;
                file = Some((name, bytes));
            }
            Some("confidential") => confidential = true,
            _ => {}
        }
    }
    let (name, bytes) = file.ok_or_else(|| ApiError::bad_request("no file in the form"))?;
    let inserted = ingest_upload(&state, name.as_deref(), bytes, confidential).await?;
    Ok(Redirect::to(&format!("/documents/{}", doc_id(inserted.id()))))
}
