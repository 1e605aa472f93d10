//! Outcome documents: a new one, a document's changes (each language's PDF
//! replaced when one is sent), and its removal. The forms are multipart
//! (they carry files); every file is checked (`documents::upload`) before
//! anything is stored, and a form with any problem stores nothing. The
//! door is the document's conference, as for posts ([`Writer`]).

use super::Parts;
use crate::routes::{found, render, see_other, FromThisSite, Refusal};
use crate::state::AppState;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use axum::Extension;
use convene::documents::upload::{Accept, Upload};
use convene::documents::{DocumentEdit, DocumentField, DocumentForm};
use convene::field::Problem;
use convene::store::DocumentSaved;
use convene::Lang;
use convene_app::admin::Writer;
use convene_app::submission::DocumentDraft;
use convene_app::Locale;

type Answer = Result<Response, Refusal>;

/// POST /admin/documents/new
pub async fn create_document(
    _: FromThisSite,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    uri: Uri,
    headers: HeaderMap,
    request: Request,
) -> Answer {
    let writer = Writer::of(&state.store, &headers).await?;
    let parts = super::form_parts(&state, request).await?;
    save(&state, writer, None, locale, uri, headers, parts).await
}

/// POST /admin/documents/edit/{slug}
pub async fn save_document(
    _: FromThisSite,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    request: Request,
) -> Answer {
    let writer = Writer::of(&state.store, &headers).await?;
    let document = state
        .store
        .document(&slug, false)
        .await?
        .ok_or(Refusal::NotFound)?;
    if !writer.may_write(document.conference.as_ref()) {
        return Err(Refusal::Forbidden);
    }
    let parts = super::form_parts(&state, request).await?;
    save(&state, writer, Some(&slug), locale, uri, headers, parts).await
}

async fn save(
    state: &AppState,
    writer: Writer,
    existing: Option<&str>,
    locale: Locale,
    uri: Uri,
    headers: HeaderMap,
    (pairs, files): Parts,
) -> Answer {
    let form = DocumentForm::from_pairs(pairs);
    let mut problems = vec![];
    let edit = DocumentEdit::parse(&form)
        .map_err(|found| problems.extend(found))
        .ok();
    let mut uploads: Vec<(Lang, Upload)> = vec![];
    for (field, name, bytes) in files {
        let Some(lang) = field
            .strip_prefix("file_")
            .and_then(|code| Lang::parse(code).ok())
        else {
            return Err(Refusal::Unprocessable);
        };
        match Upload::parse(&name, bytes, Accept::Pdf) {
            Ok(upload) => uploads.push((lang, upload)),
            Err(problem) => problems.push((DocumentField::File(lang), problem)),
        }
    }
    if let Some(edit) = &edit {
        if !writer.may_write(edit.conference.as_ref()) {
            problems.push((DocumentField::Conference, Problem::ChooseOne));
        }
        // A new document has a file in its original language at least.
        if existing.is_none() && uploads.is_empty() && problems.is_empty() {
            problems.push((DocumentField::File(edit.title.original), Problem::Required));
        }
    }
    let edit = match edit {
        Some(edit) if problems.is_empty() => edit,
        _ => {
            let draft = DocumentDraft { form, problems };
            return Ok(render(state, uri, headers, locale, draft).await);
        }
    };
    let saved = state
        .store
        .save_document(
            existing,
            &edit,
            &uploads,
            Some(writer.account.id),
            chrono::Utc::now(),
        )
        .await?;
    match saved {
        DocumentSaved::Saved(address) => {
            let page = convene::paths::admin::document(&address);
            Ok(see_other(&locale.href(&format!("{page}?saved=1"))))
        }
        DocumentSaved::SlugTaken => {
            let draft = DocumentDraft {
                form,
                problems: vec![(DocumentField::Slug, Problem::SlugTaken)],
            };
            Ok(render(state, uri, headers, locale, draft).await)
        }
        DocumentSaved::NotFound => Err(Refusal::NotFound),
    }
}

/// POST /admin/documents/edit/{slug}/delete
pub async fn delete_document(
    _: FromThisSite,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Answer {
    let writer = Writer::of(&state.store, &headers).await?;
    let document = state
        .store
        .document(&slug, false)
        .await?
        .ok_or(Refusal::NotFound)?;
    if !writer.may_write(document.conference.as_ref()) {
        return Err(Refusal::Forbidden);
    }
    let removed = state
        .store
        .delete_document(&slug, Some(writer.account.id), chrono::Utc::now())
        .await?;
    found(removed)?;
    Ok(see_other(&locale.href(convene::paths::admin::DOCUMENTS)))
}
