//! A session's materials from its editor: the livestream and recording
//! links, a document added (a PDF, checked like every upload, or a link),
//! a document removed. The problems are shown beside their fields on the
//! session's page.

use crate::routes::{found, may, render, see_other, Refusal, Staff};
use crate::state::AppState;
use axum::extract::{Path, Request, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::{Extension, Form};
use convene::documents::upload::{Accept, Upload};
use convene::materials::{MaterialEdit, MaterialField, MaterialForm, WatchEdit};
use convene_app::submission::{MaterialDraft, WatchDraft};
use convene_app::Locale;
use serde::Deserialize;

type Answer = Result<Response, Refusal>;

fn session_page(slug: &str, session: &str) -> String {
    convene::paths::admin::session(slug, session)
}

#[derive(Deserialize)]
pub struct WatchForm {
    #[serde(default)]
    livestream: String,
    #[serde(default)]
    recording: String,
}

/// POST /admin/conferences/{slug}/agenda/{session}/watch
pub async fn save_watch(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path((slug, session)): Path<(String, String)>,
    headers: HeaderMap,
    Form(form): Form<WatchForm>,
) -> Answer {
    let edit = match WatchEdit::parse(&form.livestream, &form.recording) {
        Ok(edit) => edit,
        Err(problems) => {
            let draft = WatchDraft {
                livestream: form.livestream,
                recording: form.recording,
                problems,
            };
            let uri = super::page(&session_page(&slug, &session));
            return Ok(render(&state, uri, headers, locale, draft).await);
        }
    };
    let done = (state.store)
        .set_session_watch(
            &slug,
            &session,
            &edit,
            Some(staff.account.id),
            chrono::Utc::now(),
        )
        .await?;
    found(done)?;
    let page = session_page(&slug, &session);
    Ok(see_other(&locale.href(&format!("{page}#materials"))))
}

/// POST /admin/conferences/{slug}/agenda/{session}/materials: adds a
/// document, a file or a link.
pub async fn add_material(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path((slug, session)): Path<(String, String)>,
    headers: HeaderMap,
    request: Request,
) -> Answer {
    let agenda = (state.store)
        .editable_agenda(&slug)
        .await?
        .ok_or(Refusal::NotFound)?;
    agenda.session(&session).ok_or(Refusal::NotFound)?;
    let (pairs, files) = super::form_parts(&state, request).await?;
    let mut form = MaterialForm::default();
    for (name, value) in pairs {
        match name.as_str() {
            "kind" => form.kind = value,
            "lang" => form.lang = value,
            "title" => form.title = value,
            "url" => form.url = value,
            _ => {}
        }
    }
    let mut problems = vec![];
    let mut file = None;
    for (field, name, bytes) in files {
        if field != "file" {
            return Err(Refusal::Unprocessable);
        }
        match Upload::parse(&name, bytes, Accept::Pdf) {
            Ok(upload) => file = Some(upload),
            Err(problem) => problems.push((MaterialField::Source, problem)),
        }
    }
    let has_file = file.is_some() || !problems.is_empty();
    let edit = match MaterialEdit::parse(&form, &agenda.conference.languages, has_file) {
        Ok(edit) if problems.is_empty() => edit,
        parsed => {
            problems.extend(parsed.err().unwrap_or_default());
            let draft = MaterialDraft { form, problems };
            let uri = super::page(&session_page(&slug, &session));
            return Ok(render(&state, uri, headers, locale, draft).await);
        }
    };
    (state.store)
        .add_material(
            &slug,
            &session,
            &edit,
            file.as_ref(),
            Some(staff.account.id),
            chrono::Utc::now(),
        )
        .await?
        .ok_or(Refusal::NotFound)?;
    let page = session_page(&slug, &session);
    Ok(see_other(&locale.href(&format!("{page}#materials"))))
}

/// POST /admin/conferences/{slug}/agenda/{session}/materials/{id}/delete
pub async fn delete_material(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path((slug, session, id)): Path<(String, String, i64)>,
) -> Answer {
    let deleted = (state.store)
        .delete_material(
            &slug,
            &session,
            id,
            Some(staff.account.id),
            chrono::Utc::now(),
        )
        .await?;
    found(deleted)?;
    let page = session_page(&slug, &session);
    Ok(see_other(&locale.href(&format!("{page}#materials"))))
}
