//! The agenda editor: sessions, rooms, people and their roles.

use super::{door, not_found, see};
use crate::routes::{render, unavailable};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use convene_app::Locale;
use serde::Deserialize;

/// POST /admin/conferences/{slug}/agenda/{session}: saves a session's
/// changes, for the conference's organisers; an impossible value is
/// refused beside its field, a warning is saved and shown.
pub async fn save_session(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path((slug, session)): axum::extract::Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    use convene::account::Action;
    use convene::session_edit::{SessionEdit, SessionForm};
    use convene::store::SessionSaved;
    use convene_app::submission::{SessionRefused, SessionSavedNote};
    let account = match door(&state, &headers, locale, &slug, Action::EditConference).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    let agenda = match state.store.editable_agenda(&slug).await {
        Ok(Some(agenda)) => agenda,
        Ok(None) => return not_found(locale),
        Err(error) => return unavailable(locale, "session save failed", error),
    };
    let form = SessionForm::from_pairs(form_urlencoded::parse(&body).into_owned());
    let edit = match SessionEdit::parse(&form, &agenda) {
        Ok(edit) => edit,
        Err(problems) => {
            let refused = SessionRefused {
                form,
                problems,
                held: None,
            };
            return render(&state, uri, headers, locale, refused).await;
        }
    };
    match state
        .store
        .update_session(&slug, &session, &edit, account.id, chrono::Utc::now())
        .await
    {
        Ok(SessionSaved::Saved) => render(&state, uri, headers, locale, SessionSavedNote).await,
        Ok(SessionSaved::SeatsBelowHeld { held }) => {
            let refused = SessionRefused {
                form,
                problems: vec![],
                held: Some(held),
            };
            render(&state, uri, headers, locale, refused).await
        }
        Ok(SessionSaved::NotFound) => not_found(locale),
        Err(error) => unavailable(locale, "session save failed", error),
    }
}

/// POST /admin/conferences/{slug}/new-session: adds a session, for the
/// conference's organisers, and opens it in the editor.
pub async fn add_session(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    use convene::account::Action;
    use convene::session_edit::{SessionEdit, SessionForm};
    use convene_app::submission::SessionRefused;
    let account = match door(&state, &headers, locale, &slug, Action::EditConference).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    let agenda = match state.store.editable_agenda(&slug).await {
        Ok(Some(agenda)) => agenda,
        Ok(None) => return not_found(locale),
        Err(error) => return unavailable(locale, "session add failed", error),
    };
    let form = SessionForm::from_pairs(form_urlencoded::parse(&body).into_owned());
    let edit = match SessionEdit::parse(&form, &agenda) {
        Ok(edit) => edit,
        Err(problems) => {
            let refused = SessionRefused {
                form,
                problems,
                held: None,
            };
            return render(&state, uri, headers, locale, refused).await;
        }
    };
    match state
        .store
        .add_session(&slug, &edit, account.id, chrono::Utc::now())
        .await
    {
        Ok(Some(session)) => {
            see(&locale.href(&format!("/admin/conferences/{slug}/agenda/{session}")))
        }
        Ok(None) => not_found(locale),
        Err(error) => unavailable(locale, "session add failed", error),
    }
}

/// POST /admin/conferences/{slug}/agenda/{session}/delete: deletes a
/// session nobody chose, for the conference's organisers.
pub async fn delete_session(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path((slug, session)): axum::extract::Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    use convene::account::Action;
    use convene::store::SessionDeleted;
    use convene_app::submission::{SessionChosen, SessionDeletedNote};
    let account = match door(&state, &headers, locale, &slug, Action::EditConference).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    let page =
        |path: String| -> Uri { path.parse().unwrap_or_else(|_| Uri::from_static("/admin")) };
    match state
        .store
        .delete_session(&slug, &session, account.id, chrono::Utc::now())
        .await
    {
        Ok(SessionDeleted::Deleted) => {
            let agenda = page(format!("/admin/conferences/{slug}/agenda"));
            render(&state, agenda, headers, locale, SessionDeletedNote).await
        }
        Ok(SessionDeleted::Chosen { by }) => {
            let editor = page(format!("/admin/conferences/{slug}/agenda/{session}"));
            let mut response = render(&state, editor, headers, locale, SessionChosen { by }).await;
            *response.status_mut() = StatusCode::CONFLICT;
            response
        }
        Ok(SessionDeleted::NotFound) => not_found(locale),
        Err(error) => unavailable(locale, "session delete failed", error),
    }
}

#[derive(Deserialize)]
pub struct RoomForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    capacity: String,
}

/// POST /admin/conferences/{slug}/rooms: adds a room, for the
/// conference's organisers.
pub async fn add_room(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    headers: HeaderMap,
    Form(form): Form<RoomForm>,
) -> Response {
    use convene::account::Action;
    use convene::session_edit::RoomEdit;
    use convene_app::submission::RoomRefused;
    let account = match door(&state, &headers, locale, &slug, Action::EditConference).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    let agenda_page = format!("/admin/conferences/{slug}/agenda");
    let room = match RoomEdit::parse(&form.name, &form.capacity) {
        Ok(room) => room,
        Err(problems) => {
            let refused = RoomRefused {
                name: form.name,
                capacity: form.capacity,
                problems,
            };
            let uri = agenda_page
                .parse()
                .unwrap_or_else(|_| Uri::from_static("/admin"));
            return render(&state, uri, headers, locale, refused).await;
        }
    };
    let language = match state.store.editable_conference(&slug).await {
        Ok(Some((c, _))) => c.languages.first().copied().unwrap_or_default(),
        Ok(None) => return not_found(locale),
        Err(error) => return unavailable(locale, "room add failed", error),
    };
    let name = convene::Localized::new(language, room.name);
    match state
        .store
        .add_room(&slug, &name, room.capacity, account.id, chrono::Utc::now())
        .await
    {
        Ok(Some(_)) => see(&locale.href(&agenda_page)),
        Ok(None) => not_found(locale),
        Err(error) => unavailable(locale, "room add failed", error),
    }
}

/// POST /admin/conferences/{slug}/rooms/{room}/delete: deletes a room
/// (its sessions stay, without a room), for the conference's organisers.
pub async fn delete_room(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path((slug, room)): axum::extract::Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    use convene::account::Action;
    let account = match door(&state, &headers, locale, &slug, Action::EditConference).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    match state
        .store
        .delete_room(&slug, &room, account.id, chrono::Utc::now())
        .await
    {
        Ok(true) => see(&locale.href(&format!("/admin/conferences/{slug}/agenda"))),
        Ok(false) => not_found(locale),
        Err(error) => unavailable(locale, "room delete failed", error),
    }
}

#[derive(Deserialize)]
pub struct PersonForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    affiliation: String,
}

/// POST /admin/conferences/{slug}/people: adds a person, for the
/// conference's organisers.
pub async fn add_person(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    headers: HeaderMap,
    Form(form): Form<PersonForm>,
) -> Response {
    use convene::account::Action;
    use convene::session_edit::PersonEdit;
    use convene_app::submission::PersonRefused;
    let account = match door(&state, &headers, locale, &slug, Action::EditConference).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    let agenda_page = format!("/admin/conferences/{slug}/agenda");
    let person = match PersonEdit::parse(&form.name, &form.affiliation) {
        Ok(person) => person,
        Err((name_problem, affiliation_problem)) => {
            let refused = PersonRefused {
                name: form.name,
                affiliation: form.affiliation,
                name_problem,
                affiliation_problem,
            };
            let uri = agenda_page
                .parse()
                .unwrap_or_else(|_| Uri::from_static("/admin"));
            return render(&state, uri, headers, locale, refused).await;
        }
    };
    match state
        .store
        .add_person(
            &slug,
            &person.name,
            &person.affiliation,
            account.id,
            chrono::Utc::now(),
        )
        .await
    {
        Ok(Some(_)) => see(&locale.href(&agenda_page)),
        Ok(None) => not_found(locale),
        Err(error) => unavailable(locale, "person add failed", error),
    }
}

/// POST /admin/conferences/{slug}/people/{person}/delete: deletes a person
/// and their roles, for the conference's organisers.
pub async fn delete_person(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path((slug, person)): axum::extract::Path<(String, String)>,
    headers: HeaderMap,
) -> Response {
    use convene::account::Action;
    let account = match door(&state, &headers, locale, &slug, Action::EditConference).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    match state
        .store
        .delete_person(&slug, &person, account.id, chrono::Utc::now())
        .await
    {
        Ok(true) => see(&locale.href(&format!("/admin/conferences/{slug}/agenda"))),
        Ok(false) => not_found(locale),
        Err(error) => unavailable(locale, "person delete failed", error),
    }
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    person: String,
    #[serde(default)]
    role: String,
}

/// POST /admin/conferences/{slug}/agenda/{session}/roles: gives a person
/// a role in a session, for the conference's organisers.
pub async fn give_role(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path((slug, session)): axum::extract::Path<(String, String)>,
    headers: HeaderMap,
    Form(form): Form<RoleForm>,
) -> Response {
    set_role(
        &state,
        locale,
        &headers,
        &slug,
        &session,
        &form.person,
        &form.role,
        true,
    )
    .await
}

/// POST /admin/conferences/{slug}/agenda/{session}/roles/{person}/{role}/delete
pub async fn take_role(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path((slug, session, person, role)): axum::extract::Path<(
        String,
        String,
        String,
        String,
    )>,
    headers: HeaderMap,
) -> Response {
    set_role(
        &state, locale, &headers, &slug, &session, &person, &role, false,
    )
    .await
}

#[allow(clippy::too_many_arguments)]
async fn set_role(
    state: &AppState,
    locale: Locale,
    headers: &HeaderMap,
    slug: &str,
    session: &str,
    person: &str,
    role: &str,
    add: bool,
) -> Response {
    use convene::account::Action;
    let account = match door(state, headers, locale, slug, Action::EditConference).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    let Some(role) = convene::agenda::Role::parse(role) else {
        return (
            StatusCode::UNPROCESSABLE_ENTITY,
            locale.t("problem-choose-one"),
        )
            .into_response();
    };
    match state
        .store
        .set_session_role(
            slug,
            session,
            person,
            role,
            add,
            account.id,
            chrono::Utc::now(),
        )
        .await
    {
        Ok(true) => see(&locale.href(&format!("/admin/conferences/{slug}/agenda/{session}"))),
        Ok(false) => not_found(locale),
        Err(error) => unavailable(locale, "role change failed", error),
    }
}
