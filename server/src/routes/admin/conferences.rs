//! Conferences: created and copied by administrators, set up, published
//! and taken off the site by organisers, with the questions of their form.

use super::page;
use crate::routes::{found, may, render, see_other, Refusal, Staff};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use axum::{Extension, Form};
use convene::conference_edit::{
    parse_day, parse_slug, ConferenceField, ConferenceForm, ConferenceSettings,
};
use convene::field::Problem;
use convene::registration::questions::{Question, QuestionForm};
use convene::store::{ConferenceSaved, Created};
use convene_app::submission::{
    ConferenceRefused, ConferenceSavedNote, CopyRefused, QuestionRefused,
};
use convene_app::Locale;
use serde::Deserialize;

type Answer = Result<Response, Refusal>;

/// The settings page of `slug`, where most of these forms are.
fn settings_page(slug: &str) -> String {
    convene::paths::admin::settings(slug)
}

/// POST /admin/new-conference: creates an unpublished conference and opens
/// its settings.
pub async fn create_conference(
    staff: Staff<may::Administer>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    uri: Uri,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Answer {
    let form = ConferenceForm::from_pairs(form_urlencoded::parse(&body).into_owned());
    let refused = |problems| ConferenceRefused {
        form: form.clone(),
        problems,
        confirmed: None,
    };
    let (settings, slug) = match ConferenceSettings::parse(&form, true) {
        // A new conference's settings always carry its slug.
        Ok((settings, slug)) => (settings, slug.ok_or(Refusal::Unprocessable)?),
        Err(problems) => return Ok(render(&state, uri, headers, locale, refused(problems)).await),
    };
    let now = chrono::Utc::now();
    let created = (state.store)
        .create_conference(&slug, &settings, staff.account.id, now)
        .await?;
    Ok(match created {
        Created::Created => see_other(&locale.href(&settings_page(slug.as_str()))),
        _ => {
            let problems = vec![(ConferenceField::Slug, Problem::SlugTaken)];
            render(&state, uri, headers, locale, refused(problems)).await
        }
    })
}

/// POST /admin/conferences/{slug}/settings: saves the settings.
pub async fn save_settings(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Answer {
    let form = ConferenceForm::from_pairs(form_urlencoded::parse(&body).into_owned());
    let settings = match ConferenceSettings::parse(&form, false) {
        Ok((settings, _)) => settings,
        Err(problems) => {
            let refused = ConferenceRefused {
                form,
                problems,
                confirmed: None,
            };
            return Ok(render(&state, uri, headers, locale, refused).await);
        }
    };
    let now = chrono::Utc::now();
    let saved = (state.store)
        .update_conference(&slug, &settings, staff.account.id, &state.base_url, now)
        .await?;
    Ok(match saved {
        ConferenceSaved::Saved => render(&state, uri, headers, locale, ConferenceSavedNote).await,
        ConferenceSaved::CapacityBelowConfirmed { confirmed } => {
            let refused = ConferenceRefused {
                form,
                problems: vec![],
                confirmed: Some(confirmed),
            };
            render(&state, uri, headers, locale, refused).await
        }
        ConferenceSaved::NotFound => return Err(Refusal::NotFound),
    })
}

/// POST /admin/conferences/{slug}/publish: opens it on the public site.
pub async fn publish(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
) -> Answer {
    set_published(&state, &staff, locale, &slug, true).await
}

/// POST /admin/conferences/{slug}/unpublish: takes it off the site.
pub async fn unpublish(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
) -> Answer {
    set_published(&state, &staff, locale, &slug, false).await
}

async fn set_published(
    state: &AppState,
    staff: &Staff<may::EditConference>,
    locale: Locale,
    slug: &str,
    published: bool,
) -> Answer {
    let now = chrono::Utc::now();
    let done = (state.store)
        .set_published(slug, published, staff.account.id, now)
        .await?;
    found(done)?;
    Ok(see_other(&locale.href(&settings_page(slug))))
}

#[derive(Deserialize)]
pub struct CopyForm {
    #[serde(default)]
    copy_slug: String,
    #[serde(default)]
    copy_starts_on: String,
}

/// POST /admin/conferences/{slug}/copy: a copy of the conference on new
/// dates, for administrators; opens the copy's settings.
pub async fn copy(
    staff: Staff<may::Administer>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    Form(form): Form<CopyForm>,
) -> Answer {
    let refused = |slug_problem, day_problem| CopyRefused {
        slug: form.copy_slug.clone(),
        starts_on: form.copy_starts_on.clone(),
        slug_problem,
        day_problem,
    };
    let settings = page(&settings_page(&slug));
    let (to, starts_on) = match (parse_slug(&form.copy_slug), parse_day(&form.copy_starts_on)) {
        (Ok(to), Ok(day)) => (to, day),
        (to, day) => {
            let refused = refused(to.err(), day.err());
            return Ok(render(&state, settings, headers, locale, refused).await);
        }
    };
    let now = chrono::Utc::now();
    let created = (state.store)
        .duplicate_conference(&slug, &to, starts_on, staff.account.id, now)
        .await?;
    Ok(match created {
        Created::Created => see_other(&locale.href(&settings_page(to.as_str()))),
        Created::SlugTaken => {
            let refused = refused(Some(Problem::SlugTaken), None);
            render(&state, settings, headers, locale, refused).await
        }
        Created::NotFound => return Err(Refusal::NotFound),
    })
}

/// POST /admin/conferences/{slug}/questions: adds a question of the
/// organisers' own to the registration form.
pub async fn add_question(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Answer {
    let mut form = QuestionForm::default();
    for (name, value) in form_urlencoded::parse(&body) {
        match name.as_ref() {
            "label" => form.label = value.into_owned(),
            "kind" => form.kind = value.into_owned(),
            "options" => form.options = value.into_owned(),
            "required" => form.required = true,
            _ => {}
        }
    }
    let existing = state
        .store
        .questions(&slug)
        .await?
        .ok_or(Refusal::NotFound)?;
    let (conference, _) = state
        .store
        .editable_conference(&slug)
        .await?
        .ok_or(Refusal::NotFound)?;
    let lang = conference.languages.first().copied().unwrap_or_default();
    let taken: Vec<convene::Slug> = existing.iter().map(|q| q.code.clone()).collect();
    let question = match Question::from_form(&form, lang, &taken) {
        Ok(question) => question,
        Err(problems) => {
            let refused = QuestionRefused { form, problems };
            let settings = page(&settings_page(&slug));
            return Ok(render(&state, settings, headers, locale, refused).await);
        }
    };
    let now = chrono::Utc::now();
    let changed = (state.store)
        .change_questions(&slug, Some(&question), None, staff.account.id, now)
        .await?;
    found(changed)?;
    Ok(see_other(&locale.href(&settings_page(&slug))))
}

/// POST /admin/conferences/{slug}/questions/{code}/delete: removes a
/// question from the form (answers given stay).
pub async fn delete_question(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path((slug, code)): Path<(String, String)>,
) -> Answer {
    let questions = state
        .store
        .questions(&slug)
        .await?
        .ok_or(Refusal::NotFound)?;
    found(questions.iter().any(|q| q.code.as_str() == code))?;
    let now = chrono::Utc::now();
    let changed = (state.store)
        .change_questions(&slug, None, Some(&code), staff.account.id, now)
        .await?;
    found(changed)?;
    Ok(see_other(&locale.href(&settings_page(&slug))))
}
