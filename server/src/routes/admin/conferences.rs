//! Conferences: created and copied by administrators, set up, published
//! and taken off the site by organisers, with the questions of their form.

use super::{administrator, door, not_found, see};
use crate::routes::{render, unavailable};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use convene_app::Locale;
use serde::Deserialize;

/// POST /admin/new-conference: creates an unpublished conference, for
/// administrators, and opens its settings.
pub async fn create_conference(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    uri: Uri,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    use convene::conference_edit::{ConferenceField, ConferenceForm, ConferenceSettings};
    use convene::field::Problem;
    use convene::store::Created;
    use convene_app::submission::ConferenceRefused;
    let account = match administrator(&state, &headers, locale).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    let form = ConferenceForm::from_pairs(form_urlencoded::parse(&body).into_owned());
    let refused = |problems| ConferenceRefused {
        form: form.clone(),
        problems,
        confirmed: None,
    };
    let (settings, slug) = match ConferenceSettings::parse(&form, true) {
        Ok((settings, Some(slug))) => (settings, slug),
        Ok((_, None)) => return StatusCode::INTERNAL_SERVER_ERROR.into_response(),
        Err(problems) => return render(&state, uri, headers, locale, refused(problems)).await,
    };
    match state
        .store
        .create_conference(&slug, &settings, account.id, chrono::Utc::now())
        .await
    {
        Ok(Created::Created) => see(&locale.href(&format!("/admin/conferences/{slug}/settings"))),
        Ok(_) => {
            let problems = vec![(ConferenceField::Slug, Problem::SlugTaken)];
            render(&state, uri, headers, locale, refused(problems)).await
        }
        Err(error) => unavailable(locale, "conference creation failed", error),
    }
}

/// POST /admin/conferences/{slug}/settings: saves the settings, for the
/// conference's organisers.
pub async fn save_settings(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    use convene::account::Action;
    use convene::conference_edit::{ConferenceForm, ConferenceSettings};
    use convene::store::ConferenceSaved;
    use convene_app::submission::{ConferenceRefused, ConferenceSavedNote};
    let account = match door(&state, &headers, locale, &slug, Action::EditConference).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    let form = ConferenceForm::from_pairs(form_urlencoded::parse(&body).into_owned());
    let settings = match ConferenceSettings::parse(&form, false) {
        Ok((settings, _)) => settings,
        Err(problems) => {
            let refused = ConferenceRefused {
                form,
                problems,
                confirmed: None,
            };
            return render(&state, uri, headers, locale, refused).await;
        }
    };
    let now = chrono::Utc::now();
    match state
        .store
        .update_conference(&slug, &settings, account.id, &state.base_url, now)
        .await
    {
        Ok(ConferenceSaved::Saved) => {
            render(&state, uri, headers, locale, ConferenceSavedNote).await
        }
        Ok(ConferenceSaved::CapacityBelowConfirmed { confirmed }) => {
            let refused = ConferenceRefused {
                form,
                problems: vec![],
                confirmed: Some(confirmed),
            };
            render(&state, uri, headers, locale, refused).await
        }
        Ok(ConferenceSaved::NotFound) => not_found(locale),
        Err(error) => unavailable(locale, "settings save failed", error),
    }
}

/// POST /admin/conferences/{slug}/publish
pub async fn publish(
    state: State<AppState>,
    locale: Extension<Locale>,
    slug: axum::extract::Path<String>,
    headers: HeaderMap,
) -> Response {
    set_published(state, locale, slug, headers, true).await
}

/// POST /admin/conferences/{slug}/unpublish
pub async fn unpublish(
    state: State<AppState>,
    locale: Extension<Locale>,
    slug: axum::extract::Path<String>,
    headers: HeaderMap,
) -> Response {
    set_published(state, locale, slug, headers, false).await
}

/// Opens a conference on the public site or takes it off, for its
/// organisers.
async fn set_published(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    headers: HeaderMap,
    published: bool,
) -> Response {
    use convene::account::Action;
    let account = match door(&state, &headers, locale, &slug, Action::EditConference).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    match state
        .store
        .set_published(&slug, published, account.id, chrono::Utc::now())
        .await
    {
        Ok(true) => see(&locale.href(&format!("/admin/conferences/{slug}/settings"))),
        Ok(false) => not_found(locale),
        Err(error) => unavailable(locale, "publishing failed", error),
    }
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
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    headers: HeaderMap,
    Form(form): Form<CopyForm>,
) -> Response {
    use convene::conference_edit::{parse_day, parse_slug};
    use convene::field::Problem;
    use convene::store::Created;
    use convene_app::submission::CopyRefused;
    let account = match administrator(&state, &headers, locale).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    let settings_page = || -> Uri {
        format!("/admin/conferences/{slug}/settings")
            .parse()
            .unwrap_or_else(|_| Uri::from_static("/admin"))
    };
    let refused = |slug_problem, day_problem| CopyRefused {
        slug: form.copy_slug.clone(),
        starts_on: form.copy_starts_on.clone(),
        slug_problem,
        day_problem,
    };
    let (to, starts_on) = match (parse_slug(&form.copy_slug), parse_day(&form.copy_starts_on)) {
        (Ok(to), Ok(day)) => (to, day),
        (to, day) => {
            let refused = refused(to.err(), day.err());
            return render(&state, settings_page(), headers, locale, refused).await;
        }
    };
    match state
        .store
        .duplicate_conference(&slug, &to, starts_on, account.id, chrono::Utc::now())
        .await
    {
        Ok(Created::Created) => see(&locale.href(&format!("/admin/conferences/{to}/settings"))),
        Ok(Created::SlugTaken) => {
            let refused = refused(Some(Problem::SlugTaken), None);
            render(&state, settings_page(), headers, locale, refused).await
        }
        Ok(Created::NotFound) => not_found(locale),
        Err(error) => unavailable(locale, "copy failed", error),
    }
}

/// POST /admin/conferences/{slug}/questions: adds a question of the
/// organisers' own to the registration form, for the conference's
/// organisers.
pub async fn add_question(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    use convene::account::Action;
    use convene::questions::{Question, QuestionForm};
    use convene_app::submission::QuestionRefused;
    let account = match door(&state, &headers, locale, &slug, Action::EditConference).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
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
    let (existing, lang) = match (
        state.store.questions(&slug).await,
        state.store.editable_conference(&slug).await,
    ) {
        (Ok(Some(questions)), Ok(Some((c, _)))) => {
            (questions, c.languages.first().copied().unwrap_or_default())
        }
        (Ok(_), Ok(_)) => return not_found(locale),
        (Err(error), _) | (_, Err(error)) => {
            return unavailable(locale, "question add failed", error)
        }
    };
    let taken: Vec<convene::Slug> = existing.iter().map(|q| q.code.clone()).collect();
    let settings: Uri = format!("/admin/conferences/{slug}/settings")
        .parse()
        .unwrap_or_else(|_| Uri::from_static("/admin"));
    let question = match Question::from_form(&form, lang, &taken) {
        Ok(question) => question,
        Err(problems) => {
            let refused = QuestionRefused { form, problems };
            return render(&state, settings, headers, locale, refused).await;
        }
    };
    match state
        .store
        .change_questions(&slug, Some(&question), None, account.id, chrono::Utc::now())
        .await
    {
        Ok(true) => see(&locale.href(&format!("/admin/conferences/{slug}/settings"))),
        Ok(false) => not_found(locale),
        Err(error) => unavailable(locale, "question add failed", error),
    }
}

/// POST /admin/conferences/{slug}/questions/{code}/delete: removes a
/// question from the form (answers given stay), for the organisers.
pub async fn delete_question(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path((slug, code)): axum::extract::Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    use convene::account::Action;
    let account = match door(&state, &headers, locale, &slug, Action::EditConference).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    match state.store.questions(&slug).await {
        Ok(Some(questions)) if questions.iter().any(|q| q.code.as_str() == code) => {}
        Ok(_) => return not_found(locale),
        Err(error) => return unavailable(locale, "question removal failed", error),
    }
    match state
        .store
        .change_questions(&slug, None, Some(&code), account.id, chrono::Utc::now())
        .await
    {
        Ok(true) => see(&locale.href(&format!("/admin/conferences/{slug}/settings"))),
        Ok(false) => not_found(locale),
        Err(error) => unavailable(locale, "question removal failed", error),
    }
}
