//! The agenda editor: sessions, rooms, people and their roles, for the
//! conference's organisers.

use super::page;
use crate::routes::{found, may, render, see_other, Refusal, Staff};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use axum::{Extension, Form};
use convene::session_edit::{PersonEdit, RoomEdit, SessionEdit, SessionForm};
use convene::store::{SessionDeleted, SessionSaved};
use convene_app::submission::{
    PersonRefused, RoomRefused, SessionChosen, SessionDeletedNote, SessionRefused, SessionSavedNote,
};
use convene_app::Locale;
use serde::Deserialize;

type Answer = Result<Response, Refusal>;

/// The agenda editor's page of `slug`, where its forms post back to.
fn agenda_page(slug: &str) -> String {
    convene::paths::admin::agenda(slug)
}

/// POST /admin/conferences/{slug}/agenda/{session}: saves a session's
/// changes; an impossible value is refused beside its field, a warning is
/// saved and shown.
pub async fn save_session(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path((slug, session)): Path<(String, String)>,
    uri: Uri,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Answer {
    let agenda = state
        .store
        .editable_agenda(&slug)
        .await?
        .ok_or(Refusal::NotFound)?;
    let form = SessionForm::from_pairs(form_urlencoded::parse(&body).into_owned());
    let edit = match SessionEdit::parse(&form, &agenda) {
        Ok(edit) => edit,
        Err(problems) => {
            let refused = SessionRefused {
                form,
                problems,
                held: None,
            };
            return Ok(render(&state, uri, headers, locale, refused).await);
        }
    };
    let now = chrono::Utc::now();
    let saved = (state.store)
        .update_session(&slug, &session, &edit, staff.account.id, now)
        .await?;
    Ok(match saved {
        SessionSaved::Saved => render(&state, uri, headers, locale, SessionSavedNote).await,
        SessionSaved::SeatsBelowHeld { held } => {
            let refused = SessionRefused {
                form,
                problems: vec![],
                held: Some(held),
            };
            render(&state, uri, headers, locale, refused).await
        }
        SessionSaved::NotFound => return Err(Refusal::NotFound),
    })
}

/// POST /admin/conferences/{slug}/new-session: adds a session and opens it
/// in the editor.
pub async fn add_session(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Answer {
    let agenda = state
        .store
        .editable_agenda(&slug)
        .await?
        .ok_or(Refusal::NotFound)?;
    let form = SessionForm::from_pairs(form_urlencoded::parse(&body).into_owned());
    let edit = match SessionEdit::parse(&form, &agenda) {
        Ok(edit) => edit,
        Err(problems) => {
            let refused = SessionRefused {
                form,
                problems,
                held: None,
            };
            return Ok(render(&state, uri, headers, locale, refused).await);
        }
    };
    let session = (state.store)
        .add_session(&slug, &edit, staff.account.id, chrono::Utc::now())
        .await?
        .ok_or(Refusal::NotFound)?;
    Ok(see_other(
        &locale.href(&convene::paths::admin::session(&slug, &session)),
    ))
}

/// POST /admin/conferences/{slug}/agenda/{session}/delete: deletes a
/// session nobody chose.
pub async fn delete_session(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path((slug, session)): Path<(String, String)>,
    headers: HeaderMap,
) -> Answer {
    let deleted = (state.store)
        .delete_session(&slug, &session, staff.account.id, chrono::Utc::now())
        .await?;
    Ok(match deleted {
        SessionDeleted::Deleted => {
            let agenda = page(&agenda_page(&slug));
            render(&state, agenda, headers, locale, SessionDeletedNote).await
        }
        SessionDeleted::Chosen { by } => {
            let editor = page(&convene::paths::admin::session(&slug, &session));
            let mut response = render(&state, editor, headers, locale, SessionChosen { by }).await;
            *response.status_mut() = StatusCode::CONFLICT;
            response
        }
        SessionDeleted::NotFound => return Err(Refusal::NotFound),
    })
}

#[derive(Deserialize)]
pub struct RoomForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    capacity: String,
}

/// POST /admin/conferences/{slug}/rooms: adds a room.
pub async fn add_room(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    Form(form): Form<RoomForm>,
) -> Answer {
    let room = match RoomEdit::parse(&form.name, &form.capacity) {
        Ok(room) => room,
        Err(problems) => {
            let refused = RoomRefused {
                name: form.name,
                capacity: form.capacity,
                problems,
            };
            let uri = page(&agenda_page(&slug));
            return Ok(render(&state, uri, headers, locale, refused).await);
        }
    };
    let (conference, _) = state
        .store
        .editable_conference(&slug)
        .await?
        .ok_or(Refusal::NotFound)?;
    let language = conference.languages.first().copied().unwrap_or_default();
    let name = convene::Localized::new(language, room.name);
    (state.store)
        .add_room(
            &slug,
            &name,
            room.capacity,
            staff.account.id,
            chrono::Utc::now(),
        )
        .await?
        .ok_or(Refusal::NotFound)?;
    Ok(see_other(&locale.href(&agenda_page(&slug))))
}

/// POST /admin/conferences/{slug}/rooms/{room}/delete: deletes a room
/// (its sessions stay, without a room).
pub async fn delete_room(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path((slug, room)): Path<(String, String)>,
) -> Answer {
    let deleted = (state.store)
        .delete_room(&slug, &room, staff.account.id, chrono::Utc::now())
        .await?;
    found(deleted)?;
    Ok(see_other(&locale.href(&agenda_page(&slug))))
}

#[derive(Deserialize)]
pub struct PersonForm {
    #[serde(default)]
    name: String,
    #[serde(default)]
    affiliation: String,
}

/// POST /admin/conferences/{slug}/people: adds a person.
pub async fn add_person(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    Form(form): Form<PersonForm>,
) -> Answer {
    let person = match PersonEdit::parse(&form.name, &form.affiliation) {
        Ok(person) => person,
        Err((name_problem, affiliation_problem)) => {
            let refused = PersonRefused {
                name: form.name,
                affiliation: form.affiliation,
                name_problem,
                affiliation_problem,
            };
            let uri = page(&agenda_page(&slug));
            return Ok(render(&state, uri, headers, locale, refused).await);
        }
    };
    let now = chrono::Utc::now();
    (state.store)
        .add_person(
            &slug,
            &person.name,
            &person.affiliation,
            staff.account.id,
            now,
        )
        .await?
        .ok_or(Refusal::NotFound)?;
    Ok(see_other(&locale.href(&agenda_page(&slug))))
}

/// POST /admin/conferences/{slug}/people/{person}/delete: deletes a person
/// and their roles.
pub async fn delete_person(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path((slug, person)): Path<(String, String)>,
) -> Answer {
    let deleted = (state.store)
        .delete_person(&slug, &person, staff.account.id, chrono::Utc::now())
        .await?;
    found(deleted)?;
    Ok(see_other(&locale.href(&agenda_page(&slug))))
}

#[derive(Deserialize)]
pub struct RoleForm {
    #[serde(default)]
    person: String,
    #[serde(default)]
    role: String,
}

/// POST /admin/conferences/{slug}/agenda/{session}/roles: gives a person
/// a role in a session.
pub async fn give_role(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path((slug, session)): Path<(String, String)>,
    Form(form): Form<RoleForm>,
) -> Answer {
    let change = RoleChange {
        slug: &slug,
        session: &session,
        person: &form.person,
        role: &form.role,
        add: true,
    };
    change.make(&state, &staff, locale).await
}

/// POST /admin/conferences/{slug}/agenda/{session}/roles/{person}/{role}/delete
pub async fn take_role(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path((slug, session, person, role)): Path<(String, String, String, String)>,
) -> Answer {
    let change = RoleChange {
        slug: &slug,
        session: &session,
        person: &person,
        role: &role,
        add: false,
    };
    change.make(&state, &staff, locale).await
}

/// A person's role in a session, given (`add`) or taken.
struct RoleChange<'a> {
    slug: &'a str,
    session: &'a str,
    person: &'a str,
    role: &'a str,
    add: bool,
}

impl RoleChange<'_> {
    async fn make(
        self,
        state: &AppState,
        staff: &Staff<may::EditConference>,
        locale: Locale,
    ) -> Answer {
        let role = convene::agenda::Role::parse(self.role).ok_or(Refusal::Unprocessable)?;
        let (slug, session) = (self.slug, self.session);
        let now = chrono::Utc::now();
        let changed = (state.store)
            .set_session_role(
                slug,
                session,
                self.person,
                role,
                self.add,
                staff.account.id,
                now,
            )
            .await?;
        found(changed)?;
        Ok(see_other(
            &locale.href(&convene::paths::admin::session(slug, session)),
        ))
    }
}
