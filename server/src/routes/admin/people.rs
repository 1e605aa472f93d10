//! A person's profile saved from the back office: its fields checked
//! beside each other, its portrait made into its sizes (off the async
//! threads) before anything is stored, then all kept in one transaction.

use crate::routes::{may, render, see_other, Refusal, Staff};
use crate::state::AppState;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use axum::Extension;
use convene::people::{ProfileEdit, ProfileField, ProfileForm};
use convene::pictures::Shape;
use convene::store::{PhotoChange, ProfileSaved};
use convene_app::submission::ProfileDraft;
use convene_app::Locale;

/// POST /admin/conferences/{slug}/people/{person}: saves a profile.
pub async fn save_profile(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path((slug, person)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
    request: Request,
) -> Result<Response, Refusal> {
    let agenda = (state.store)
        .editable_agenda(&slug)
        .await?
        .ok_or(Refusal::NotFound)?;
    let existing = agenda.person(&person).ok_or(Refusal::NotFound)?;
    let (pairs, files) = super::form_parts(&state, request).await?;
    let form = ProfileForm::from_pairs(pairs);
    let mut problems = vec![];
    let mut made = None;
    for (field, _name, bytes) in files {
        if field != "photo" {
            return Err(Refusal::Unprocessable);
        }
        match crate::pictures::make(bytes, Shape::Portrait).await {
            Ok(picture) => made = Some(picture),
            Err(problem) => problems.push((ProfileField::Photo, problem)),
        }
    }
    let has_photo = made.is_some() || existing.photo.is_some();
    let languages = &agenda.conference.languages;
    let edit = match ProfileEdit::parse(&form, languages, has_photo) {
        Ok(edit) if problems.is_empty() => edit,
        parsed => {
            problems.extend(parsed.err().unwrap_or_default());
            let draft = ProfileDraft { form, problems };
            return Ok(render(&state, uri, headers, locale, draft).await);
        }
    };
    let photo = made.as_ref().map_or(PhotoChange::Keep, PhotoChange::Set);
    let saved = (state.store)
        .save_profile(
            &slug,
            &person,
            &edit,
            photo,
            Some(staff.account.id),
            chrono::Utc::now(),
        )
        .await?;
    match saved {
        ProfileSaved::Saved => {
            let page = convene::paths::admin::person(&slug, &person);
            Ok(see_other(&locale.href(&format!("{page}?saved=1"))))
        }
        ProfileSaved::NotFound => Err(Refusal::NotFound),
    }
}
