//! Staff actions on registrations (one, or a selection at once), the
//! table's exports, and invitations; for the conference's organisers and
//! staff.

use crate::routes::{found, may, render, see_other, Refusal, Staff};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use convene::account::Action;
use convene::desk::RegistrationFilter;
use convene::field::Email;
use convene::store::{Decided, Promoted};
use convene_app::submission::{InvitationsSent, NoSeatLeft};
use convene_app::Locale;
use serde::Deserialize;

type Answer = Result<Response, Refusal>;

/// POST /admin/conferences/{slug}/registrations/{id}/{action}: approve,
/// reject, cancel, promote from the waiting list or add a note, written
/// to the registration's history with who did it.
pub async fn staff_action(
    staff: Staff<may::ManageRegistrations>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path((slug, id, action)): Path<(String, i64, String)>,
    uri: Uri,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Answer {
    found(state.store.in_conference(&slug, id).await?)?;
    // A rejection may carry the staff's reason, for the email, and a note
    // its text: trimmed, at most 1,000 and 2,000 characters, no control
    // characters but line breaks.
    let text = |field: &str, max: usize| {
        form_urlencoded::parse(&body)
            .find(|(name, _)| name == field)
            .map(|(_, value)| {
                value
                    .trim()
                    .chars()
                    .filter(|c| !c.is_control() || *c == '\n')
                    .take(max)
                    .collect::<String>()
            })
            .filter(|text| !text.is_empty())
    };
    let reason = text("reason", 1000);
    let now = chrono::Utc::now();
    let by = staff.account.id;
    let detail = convene::paths::admin::registration(&slug, id);
    match action.as_str() {
        "approve" | "reject" => {
            let approve = action == "approve";
            (state.store)
                .decide_registration(
                    id,
                    approve,
                    Some(by),
                    reason.as_deref(),
                    &state.base_url,
                    now,
                )
                .await?;
        }
        "cancel" => {
            (state.store)
                .cancel_registration_as_staff(&slug, id, by, &state.base_url, now)
                .await?;
        }
        "promote" => {
            // Organisers may add a place for a delegate when it is full.
            let organiser = staff.may(Action::EditConference);
            let promoted = (state.store)
                .promote_registration(id, by, organiser, &state.base_url, now)
                .await?;
            if let Promoted::Full = promoted {
                let page = detail.parse().unwrap_or(uri);
                let mut response = render(&state, page, headers, locale, NoSeatLeft).await;
                *response.status_mut() = StatusCode::CONFLICT;
                return Ok(response);
            }
        }
        "note" => {
            if let Some(note) = text("note", 2000) {
                state.store.add_note(id, by, &note, now).await?;
            }
        }
        _ => return Err(Refusal::NotFound),
    }
    // Post, redirect, get: the page shows where the registration stands now.
    Ok(see_other(&locale.href(&detail)))
}

/// POST /admin/conferences/{slug}/registrations/bulk: approves or turns
/// down the selected registrations that await approval (the others are
/// left as they are), each in its own transaction with its own email;
/// back to the table as it was filtered.
pub async fn bulk(
    staff: Staff<may::ManageRegistrations>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    body: axum::body::Bytes,
) -> Answer {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let value = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    };
    let approve = match value("action") {
        "approve" => true,
        "reject" => false,
        _ => return Err(Refusal::Unprocessable),
    };
    let ids: Vec<i64> = pairs
        .iter()
        .filter(|(n, _)| n == "id")
        .filter_map(|(_, v)| v.parse().ok())
        .take(convene::desk::PER_PAGE as usize)
        .collect();
    let now = chrono::Utc::now();
    let mut decided = 0;
    for id in ids {
        if !state.store.in_conference(&slug, id).await? {
            continue;
        }
        let by = Some(staff.account.id);
        match (state.store)
            .decide_registration(id, approve, by, None, &state.base_url, now)
            .await?
        {
            Decided::NotAwaiting => {}
            _ => decided += 1,
        }
    }
    // The filter comes back as typed; only its own fields are kept.
    let filter: RegistrationFilter = serde_urlencoded::from_str(value("query")).unwrap_or_default();
    let page = filter.page.parse().unwrap_or(1);
    Ok(see_other(&locale.href(&format!(
        "{}?{}&decided={decided}",
        convene::paths::admin::registrations(&slug),
        filter.query_at(page)
    ))))
}

/// GET /admin/conferences/{slug}/registrations.csv
pub async fn export(
    staff: Staff<may::ViewRegistrations>,
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(filter): Query<RegistrationFilter>,
) -> Answer {
    export_as(&state, &staff, &slug, &filter, Sheet::Csv).await
}

/// GET /admin/conferences/{slug}/registrations.xlsx
pub async fn export_xlsx(
    staff: Staff<may::ViewRegistrations>,
    State(state): State<AppState>,
    Path(slug): Path<String>,
    Query(filter): Query<RegistrationFilter>,
) -> Answer {
    export_as(&state, &staff, &slug, &filter, Sheet::Xlsx).await
}

/// The two kinds of spreadsheet the table exports.
enum Sheet {
    Csv,
    Xlsx,
}

/// What the table's filter finds, every page, for a spreadsheet. Passport
/// details only for organisers and administrators; no cell can run as a
/// formula.
async fn export_as(
    state: &AppState,
    staff: &Staff<may::ViewRegistrations>,
    slug: &str,
    filter: &RegistrationFilter,
    sheet: Sheet,
) -> Answer {
    let with_passports = staff.account.sees_passports(staff.role);
    let rows = (state.store)
        .export_registrations(slug, filter, with_passports)
        .await?
        .ok_or(Refusal::NotFound)?;
    let (mut response, kind, extension) = match sheet {
        Sheet::Xlsx => (
            convene::xlsx::workbook(slug, &rows).into_response(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        ),
        Sheet::Csv => {
            // The byte order mark lets spreadsheets read the file as UTF-8.
            let mut body = String::from("\u{FEFF}");
            for row in &rows {
                body.push_str(&convene::desk::csv_line(row));
            }
            (body.into_response(), "text/csv; charset=utf-8", "csv")
        }
    };
    let disposition = format!("attachment; filename=\"{slug}-registrations.{extension}\"");
    let h = response.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        h.insert(CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

#[derive(Deserialize)]
pub struct InviteForm {
    #[serde(default)]
    emails: String,
    #[serde(default)]
    lang: String,
}

/// POST /admin/conferences/{slug}/invitations: invites every pasted
/// address (or nobody, when one is no address), each by email.
pub async fn invite(
    _staff: Staff<may::ManageRegistrations>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    Form(form): Form<InviteForm>,
) -> Answer {
    let (emails, not_addresses) = convene::desk::pasted_addresses(&form.emails);
    if !not_addresses.is_empty() {
        let sent = InvitationsSent {
            invited: 0,
            not_addresses,
            pasted: form.emails.clone(),
        };
        return Ok(render(&state, uri, headers, locale, sent).await);
    }
    let lang = convene::Lang::parse(&form.lang).unwrap_or(locale.lang);
    let now = chrono::Utc::now();
    for email in &emails {
        (state.store)
            .invite(&slug, email, lang, &state.base_url, now)
            .await?
            .ok_or(Refusal::NotFound)?;
    }
    let sent = InvitationsSent {
        invited: emails.len(),
        ..Default::default()
    };
    Ok(render(&state, uri, headers, locale, sent).await)
}

/// POST /admin/conferences/{slug}/invitations/remind: a new link, by
/// email, to every invited address that has not registered.
pub async fn remind_invited(
    _staff: Staff<may::ManageRegistrations>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
) -> Answer {
    let now = chrono::Utc::now();
    for (email, _, registered) in state.store.invitations(&slug).await? {
        let Ok(email) = Email::parse(&email) else {
            continue;
        };
        if !registered {
            (state.store)
                .invite(&slug, &email, locale.lang, &state.base_url, now)
                .await?;
        }
    }
    Ok(see_other(
        &locale.href(&convene::paths::admin::invitations(&slug)),
    ))
}
