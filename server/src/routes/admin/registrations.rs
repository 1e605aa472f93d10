//! Staff actions on registrations (one, or a selection at once), the
//! table's exports, and invitations.

use super::{door, not_found, permitted, see};
use crate::routes::{render, unavailable};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use convene::field::Email;
use convene_app::Locale;
use serde::Deserialize;

/// POST /admin/conferences/{slug}/registrations/{id}/{action}: approve,
/// reject, cancel, promote from the waiting list or add a note, by
/// organisers and staff of that conference (and administrators), written
/// to the registration's history with who did it.
pub async fn act(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path((slug, id, action)): axum::extract::Path<(String, i64, String)>,
    uri: Uri,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    use convene::account::Action;
    let account = match door(&state, &headers, locale, &slug, Action::ManageRegistrations).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    match state.store.in_conference(&slug, id).await {
        Ok(true) => {}
        Ok(false) => return not_found(locale),
        Err(error) => return unavailable(locale, "staff action failed", error),
    }
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
    let detail = format!("/admin/conferences/{slug}/registrations/{id}");
    // Organisers may add a place for a delegate when the conference is full.
    let organiser = match state.store.role_in(account.id, &slug).await {
        Ok(role) => account.may(role, convene::account::Action::EditConference),
        Err(error) => return unavailable(locale, "staff action failed", error),
    };
    let done = match action.as_str() {
        "approve" | "reject" => state
            .store
            .decide_registration(
                id,
                action == "approve",
                Some(account.id),
                reason.as_deref(),
                &state.base_url,
                now,
            )
            .await
            .map(|_| ()),
        "cancel" => state
            .store
            .cancel_registration_as_staff(&slug, id, account.id, &state.base_url, now)
            .await
            .map(|_| ()),
        "promote" => match state
            .store
            .promote_registration(id, account.id, organiser, &state.base_url, now)
            .await
        {
            Ok(convene::store::Promoted::Full) => {
                use convene_app::submission::NoSeatLeft;
                let page = detail.parse().unwrap_or(uri);
                let mut response = render(&state, page, headers, locale, NoSeatLeft).await;
                *response.status_mut() = StatusCode::CONFLICT;
                return response;
            }
            done => done.map(|_| ()),
        },
        "note" => match text("note", 2000) {
            Some(note) => state.store.add_note(id, account.id, &note, now).await,
            None => Ok(()),
        },
        _ => return not_found(locale),
    };
    if let Err(error) = done {
        return unavailable(locale, "staff action failed", error);
    }
    // Post, redirect, get: the page shows where the registration stands now.
    see(&locale.href(&detail))
}

/// POST /admin/conferences/{slug}/registrations/bulk: approves or turns
/// down the selected registrations that await approval (the others are
/// left as they are), each in its own transaction with its own email;
/// back to the table as it was filtered.
pub async fn bulk(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    use convene::account::Action;
    use convene::store::Decided;
    let account = match door(&state, &headers, locale, &slug, Action::ManageRegistrations).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
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
        _ => return StatusCode::UNPROCESSABLE_ENTITY.into_response(),
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
        match state.store.in_conference(&slug, id).await {
            Ok(true) => {}
            Ok(false) => continue,
            Err(error) => return unavailable(locale, "bulk decision failed", error),
        }
        match state
            .store
            .decide_registration(id, approve, Some(account.id), None, &state.base_url, now)
            .await
        {
            Ok(Decided::NotAwaiting) => {}
            Ok(_) => decided += 1,
            Err(error) => return unavailable(locale, "bulk decision failed", error),
        }
    }
    // The filter comes back as typed; only its own fields are kept.
    let filter: convene::desk::RegistrationFilter =
        serde_urlencoded::from_str(value("query")).unwrap_or_default();
    let page = filter.page.parse().unwrap_or(1);
    see(&locale.href(&format!(
        "/admin/conferences/{slug}/registrations?{}&decided={decided}",
        filter.query_at(page)
    )))
}

/// GET /admin/conferences/{slug}/registrations.csv
pub async fn export(
    state: State<AppState>,
    locale: Extension<Locale>,
    slug: axum::extract::Path<String>,
    filter: axum::extract::Query<convene::desk::RegistrationFilter>,
    headers: HeaderMap,
) -> Response {
    export_as(state, locale, slug, filter, headers, false).await
}

/// GET /admin/conferences/{slug}/registrations.xlsx
pub async fn export_xlsx(
    state: State<AppState>,
    locale: Extension<Locale>,
    slug: axum::extract::Path<String>,
    filter: axum::extract::Query<convene::desk::RegistrationFilter>,
    headers: HeaderMap,
) -> Response {
    export_as(state, locale, slug, filter, headers, true).await
}

/// What the table's filter finds, every page, for a spreadsheet: CSV, or
/// XLSX with `xlsx`. Passport details only for organisers and
/// administrators; no cell can run as a formula.
async fn export_as(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    axum::extract::Query(filter): axum::extract::Query<convene::desk::RegistrationFilter>,
    headers: HeaderMap,
    xlsx: bool,
) -> Response {
    use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
    use convene::account::{Action, StaffRole};
    let account = match permitted(&state, &headers, locale, &slug, Action::ViewRegistrations).await
    {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    let role = match state.store.role_in(account.id, &slug).await {
        Ok(role) => role,
        Err(error) => return unavailable(locale, "export failed", error),
    };
    let with_passports = account.administrator || role == Some(StaffRole::Organiser);
    let rows = match state
        .store
        .export_registrations(&slug, &filter, with_passports)
        .await
    {
        Ok(Some(rows)) => rows,
        Ok(None) => return not_found(locale),
        Err(error) => return unavailable(locale, "export failed", error),
    };
    let (mut response, kind, extension) = if xlsx {
        let book = convene::xlsx::workbook(&slug, &rows);
        (
            book.into_response(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            "xlsx",
        )
    } else {
        // The byte order mark lets spreadsheets read the file as UTF-8.
        let mut body = String::from("\u{FEFF}");
        for row in &rows {
            body.push_str(&convene::desk::csv_line(row));
        }
        (body.into_response(), "text/csv; charset=utf-8", "csv")
    };
    let disposition = format!("attachment; filename=\"{slug}-registrations.{extension}\"");
    let h = response.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        h.insert(CONTENT_DISPOSITION, value);
    }
    response
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
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    uri: Uri,
    headers: HeaderMap,
    Form(form): Form<InviteForm>,
) -> Response {
    use convene_app::submission::InvitationsSent;
    if let Err(refused) = door(
        &state,
        &headers,
        locale,
        &slug,
        convene::account::Action::ManageRegistrations,
    )
    .await
    {
        return refused;
    }
    let (emails, not_addresses) = convene::desk::pasted_addresses(&form.emails);
    if !not_addresses.is_empty() {
        let sent = InvitationsSent {
            invited: 0,
            not_addresses,
            pasted: form.emails.clone(),
        };
        return render(&state, uri, headers, locale, sent).await;
    }
    let lang = convene::Lang::parse(&form.lang).unwrap_or(locale.lang);
    let now = chrono::Utc::now();
    for email in &emails {
        match state
            .store
            .invite(&slug, email, lang, &state.base_url, now)
            .await
        {
            Ok(Some(_)) => {}
            Ok(None) => return not_found(locale),
            Err(error) => return unavailable(locale, "invitation failed", error),
        }
    }
    let sent = InvitationsSent {
        invited: emails.len(),
        ..Default::default()
    };
    render(&state, uri, headers, locale, sent).await
}

/// POST /admin/conferences/{slug}/invitations/remind: a new link, by
/// email, to every invited address that has not registered.
pub async fn remind(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    headers: HeaderMap,
) -> Response {
    if let Err(refused) = door(
        &state,
        &headers,
        locale,
        &slug,
        convene::account::Action::ManageRegistrations,
    )
    .await
    {
        return refused;
    }
    let waiting = match state.store.invitations(&slug).await {
        Ok(invitations) => invitations,
        Err(error) => return unavailable(locale, "reminder failed", error),
    };
    let now = chrono::Utc::now();
    for (email, _, registered) in waiting {
        if registered {
            continue;
        }
        let Ok(email) = Email::parse(&email) else {
            continue;
        };
        if let Err(error) = state
            .store
            .invite(&slug, &email, locale.lang, &state.base_url, now)
            .await
        {
            return unavailable(locale, "reminder failed", error);
        }
    }
    see(&locale.href(&format!("/admin/conferences/{slug}/invitations")))
}
