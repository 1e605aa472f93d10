//! The back office's form posts: signing in and out, and the first run.
//!
//! Failed sign-ins are counted per address and per account-from-address:
//! an address that fails too often waits, and so does one account from
//! one address, but a guesser elsewhere cannot lock the real user out.

use super::{forbidden, render, same_origin, unavailable};
use crate::client::Client;
use crate::state::AppState;
use axum::extract::State;
use axum::http::header::{LOCATION, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use axum::{Extension, Form};
use convene::account::NewPassword;
use convene::field::{Email, Problem};
use convene::password;
use convene::store::SIGNED_IN_FOR;
use convene_app::back_office::{cookie, SESSION_COOKIE};
use convene_app::submission::{SetupRefused, SignInRefused};
use convene_app::Locale;
use serde::Deserialize;

/// Failures from one address, whatever the account, before it waits.
pub const PER_ADDRESS: i64 = 20;
/// Failures for one account from one address before that pair waits.
pub const PER_ACCOUNT_AND_ADDRESS: i64 = 5;

#[derive(Deserialize)]
pub struct Credentials {
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

/// The session cookie: only over HTTPS when the site is served so, never
/// to scripts, not sent with other sites' requests.
fn session_cookie(state: &AppState, value: &str, max_age: i64) -> HeaderValue {
    let secure = if state.base_url.starts_with("https://") {
        "; Secure"
    } else {
        ""
    };
    HeaderValue::from_str(&format!(
        "{SESSION_COOKIE}={value}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{secure}"
    ))
    .expect("a token is URL-safe base64")
}

/// 303 to `location` (post, redirect, get).
fn see(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(location) {
        response.headers_mut().insert(LOCATION, location);
    }
    response
}

/// 303 to `location`, setting `cookie`.
fn see_other(location: &str, cookie: HeaderValue) -> Response {
    let mut response = see(location);
    response.headers_mut().insert(SET_COOKIE, cookie);
    response
}

/// Starts a session for `account` (ending the one the browser had, if any)
/// and sends the browser to the back office.
async fn open_session(
    state: &AppState,
    locale: Locale,
    headers: &HeaderMap,
    account: i64,
) -> Response {
    if let Some(old) = cookie(headers, SESSION_COOKIE) {
        if let Err(error) = state.store.sign_out(old).await {
            return unavailable(locale, "sign-in failed", error);
        }
    }
    match state.store.sign_in(account, chrono::Utc::now()).await {
        Ok(token) => see_other(
            &locale.href("/admin"),
            session_cookie(state, &token, SIGNED_IN_FOR.num_seconds()),
        ),
        Err(error) => unavailable(locale, "sign-in failed", error),
    }
}

/// POST /admin/sign-in
pub async fn sign_in(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    client: Client,
    headers: HeaderMap,
    Form(credentials): Form<Credentials>,
) -> Response {
    if !same_origin(&headers, &state.base_url) {
        return forbidden(locale);
    }
    let page = Uri::from_static("/admin/sign-in");
    let now = chrono::Utc::now();
    let email_key = credentials.email.trim().to_lowercase();
    let address = format!("address {}", client.key());
    let account_from_address = format!("account {email_key} from {}", client.key());
    let refused = |throttled| SignInRefused {
        email: credentials.email.clone(),
        throttled,
    };
    // Counted before the password is checked, so that attempts at once
    // cannot all pass a count that none of them has added to yet.
    let keys = [
        (address.clone(), PER_ADDRESS),
        (account_from_address.clone(), PER_ACCOUNT_AND_ADDRESS),
    ];
    match state.store.attempt(&keys, now).await {
        Ok(true) => {}
        Ok(false) => return render(&state, page, headers, locale, refused(true)).await,
        Err(error) => return unavailable(locale, "sign-in failed", error),
    }
    let found = match state.store.account_for_sign_in(&email_key).await {
        Ok(found) => found,
        Err(error) => return unavailable(locale, "sign-in failed", error),
    };
    // An unknown address is checked against a decoy hash: it takes as long
    // as a wrong password, and answers the same.
    let (account, hash) = match found {
        Some((account, hash)) => (Some(account), hash),
        None => (None, password::DECOY.clone()),
    };
    let matches = match password::verify_queued(credentials.password.clone(), hash).await {
        Ok(matches) => matches,
        Err(password::Busy) => return busy(locale),
    };
    match account {
        Some(account) if matches => {
            if let Err(error) = state.store.forgive(&account_from_address, &address).await {
                return unavailable(locale, "sign-in failed", error);
            }
            open_session(&state, locale, &headers, account.id).await
        }
        _ => render(&state, page, headers, locale, refused(false)).await,
    }
}

/// Too many attempts from this address: 429, try again after the window.
fn throttled(locale: Locale) -> Response {
    let mut response = (
        StatusCode::TOO_MANY_REQUESTS,
        locale.t("admin-reset-throttled"),
    )
        .into_response();
    response.headers_mut().insert(
        axum::http::header::RETRY_AFTER,
        HeaderValue::from_static("900"),
    );
    response
}

/// Too many passwords are being checked at once: 503, try again shortly.
fn busy(locale: Locale) -> Response {
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, locale.t("admin-busy")).into_response();
    response.headers_mut().insert(
        axum::http::header::RETRY_AFTER,
        HeaderValue::from_static("5"),
    );
    response
}

/// POST /admin/sign-out: ends the session on the server and forgets the
/// cookie.
pub async fn sign_out(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    headers: HeaderMap,
) -> Response {
    if !same_origin(&headers, &state.base_url) {
        return forbidden(locale);
    }
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        if let Err(error) = state.store.sign_out(token).await {
            return unavailable(locale, "sign-out failed", error);
        }
    }
    see_other(
        &locale.href("/admin/sign-in"),
        session_cookie(&state, "", 0),
    )
}

/// Attempts at the first run, or at a reset link, from one address in a
/// window, before it waits: each may hash a password.
pub const SETUPS_PER_ADDRESS: i64 = 10;

/// POST /admin/setup: the first administrator, while no account exists,
/// for whoever has the setup code from the server's log.
pub async fn setup(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    client: Client,
    headers: HeaderMap,
    Form(form): Form<SetupForm>,
) -> Response {
    if !same_origin(&headers, &state.base_url) {
        return forbidden(locale);
    }
    let page = Uri::from_static("/admin/setup");
    let now = chrono::Utc::now();
    let keys = [(format!("setup from {}", client.key()), SETUPS_PER_ADDRESS)];
    match state.store.attempt(&keys, now).await {
        Ok(true) => {}
        Ok(false) => return throttled(locale),
        Err(error) => return unavailable(locale, "first run failed", error),
    }
    // Nothing is hashed for a page that is closed or a code that is wrong.
    match state.store.account_count().await {
        Ok(0) => {}
        Ok(_) => return render(&state, page, headers, locale, SetupRefused::default()).await,
        Err(error) => return unavailable(locale, "first run failed", error),
    }
    let code_problem = (!state.setup_code.matches(&form.code)).then_some(Problem::NotTheSetupCode);
    let email = Email::parse(&form.email);
    let password = NewPassword::parse(&form.password);
    let (email, password) = match (email, password, code_problem) {
        (Ok(email), Ok(password), None) => (email, password),
        (email, password, code_problem) => {
            let refused = SetupRefused {
                email: form.email.clone(),
                code: form.code.clone(),
                code_problem,
                email_problem: email.err(),
                password_problem: password.err(),
            };
            return render(&state, page, headers, locale, refused).await;
        }
    };
    let hash = match password::hash_queued(password.as_str().to_owned()).await {
        Ok(hash) => hash,
        Err(password::Busy) => return busy(locale),
    };
    match state
        .store
        .create_first_administrator(&email, &hash, now)
        .await
    {
        Ok(Some(account)) => {
            state.setup_code.forget();
            open_session(&state, locale, &headers, account).await
        }
        // Someone was first: the page now says there is nothing here.
        Ok(None) => render(&state, page, headers, locale, SetupRefused::default()).await,
        Err(error) => unavailable(locale, "first run failed", error),
    }
}

#[derive(Deserialize)]
pub struct SetupForm {
    #[serde(default)]
    code: String,
    #[serde(default)]
    email: String,
    #[serde(default)]
    password: String,
}

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

/// Reset requests one address may make per window.
pub const RESETS_PER_ADDRESS: i64 = 5;

#[derive(Deserialize)]
pub struct ResetRequest {
    #[serde(default)]
    email: String,
}

/// POST /admin/reset: emails a reset link if the address has an account;
/// answers the same either way.
pub async fn request_reset(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    client: Client,
    headers: HeaderMap,
    Form(form): Form<ResetRequest>,
) -> Response {
    use convene_app::submission::ResetRequested;
    if !same_origin(&headers, &state.base_url) {
        return forbidden(locale);
    }
    let page = Uri::from_static("/admin/reset");
    let now = chrono::Utc::now();
    let keys = [(format!("reset from {}", client.key()), RESETS_PER_ADDRESS)];
    let asked = async {
        if !state.store.attempt(&keys, now).await? {
            return Ok(true);
        }
        state
            .store
            .request_password_reset(&form.email, locale.lang, &state.base_url, now)
            .await
            .map(|()| false)
    };
    match asked.await {
        Ok(throttled) => render(&state, page, headers, locale, ResetRequested { throttled }).await,
        Err(error) => unavailable(locale, "reset failed", error),
    }
}

#[derive(Deserialize)]
pub struct NewPasswordForm {
    #[serde(default)]
    password: String,
}

/// POST /admin/reset/{token}: the new password, once; then sign in with it.
pub async fn reset(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path(token): axum::extract::Path<String>,
    client: Client,
    uri: Uri,
    headers: HeaderMap,
    Form(form): Form<NewPasswordForm>,
) -> Response {
    use convene_app::submission::ResetRefused;
    if !same_origin(&headers, &state.base_url) {
        return forbidden(locale);
    }
    let now = chrono::Utc::now();
    let keys = [(
        format!("reset link from {}", client.key()),
        SETUPS_PER_ADDRESS,
    )];
    match state.store.attempt(&keys, now).await {
        Ok(true) => {}
        Ok(false) => return throttled(locale),
        Err(error) => return unavailable(locale, "reset failed", error),
    }
    // A link that does not work is not worth a hash: its page says so.
    match state.store.password_reset_open(&token, now).await {
        Ok(true) => {}
        Ok(false) => return render(&state, uri, headers, locale, ()).await,
        Err(error) => return unavailable(locale, "reset failed", error),
    }
    let password = match NewPassword::parse(&form.password) {
        Ok(password) => password,
        Err(problem) => {
            return render(&state, uri, headers, locale, ResetRefused { problem }).await
        }
    };
    let hash = match password::hash_queued(password.as_str().to_owned()).await {
        Ok(hash) => hash,
        Err(password::Busy) => return busy(locale),
    };
    match state.store.reset_password(&token, &hash, now).await {
        Ok(true) => see(&locale.href("/admin/sign-in?reset=done")),
        // Used or expired meanwhile: the page says so.
        Ok(false) => render(&state, uri, headers, locale, ()).await,
        Err(error) => unavailable(locale, "reset failed", error),
    }
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

/// POST /admin/conferences/{slug}/mail/retry-failed and
/// /admin/conferences/{slug}/mail/{id}/resend: the mail room's actions, for
/// organisers and staff of the conference.
pub async fn mail_action(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path(path): axum::extract::Path<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    use convene::account::Action;
    if !same_origin(&headers, &state.base_url) {
        return forbidden(locale);
    }
    let value = |name: &str| path.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let Some(slug) = value("slug") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let account =
        match permitted(&state, &headers, locale, &slug, Action::ManageRegistrations).await {
            Ok(account) => account,
            Err(refused) => return refused,
        };
    let now = chrono::Utc::now();
    let done = match value("id").map(|id| id.parse::<i64>()) {
        None => state
            .store
            .retry_failed_mail(&slug, account.id, now)
            .await
            .map(|_| true),
        Some(Ok(id)) => {
            state
                .store
                .resend_mail(&slug, id, account.id, &state.base_url, now)
                .await
        }
        Some(Err(_)) => Ok(false),
    };
    match done {
        Ok(true) => see(&locale.href(&format!("/admin/conferences/{slug}/mail"))),
        Ok(false) => not_found(locale),
        Err(error) => unavailable(locale, "mail action failed", error),
    }
}

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

/// A back-office post's doors, in order: from this site, signed in, and
/// allowed to do `action` in `slug`; the account, or the answer to give.
async fn door(
    state: &AppState,
    headers: &HeaderMap,
    locale: Locale,
    slug: &str,
    action: convene::account::Action,
) -> Result<convene::account::Account, Response> {
    if !same_origin(headers, &state.base_url) {
        return Err(forbidden(locale));
    }
    permitted(state, headers, locale, slug, action).await
}

/// 404, in the visitor's language.
fn not_found(locale: Locale) -> Response {
    (StatusCode::NOT_FOUND, locale.t("not-found-body")).into_response()
}

/// The account a back-office post acts as, if it may do `action` in
/// `slug`; else the answer to give: sent to sign in, or 403.
async fn permitted(
    state: &AppState,
    headers: &HeaderMap,
    locale: Locale,
    slug: &str,
    action: convene::account::Action,
) -> Result<convene::account::Account, Response> {
    let account = match convene_app::back_office::signed_in(&state.store, headers).await {
        Ok(Some(account)) => account,
        Ok(None) => return Err(see(&locale.href("/admin/sign-in"))),
        Err(error) => return Err(unavailable(locale, "back-office request failed", error)),
    };
    match state.store.role_in(account.id, slug).await {
        Ok(role) if account.may(role, action) => Ok(account),
        Ok(_) => Err((StatusCode::FORBIDDEN, locale.t("admin-forbidden-body")).into_response()),
        Err(error) => Err(unavailable(locale, "back-office request failed", error)),
    }
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

/// The account a post acts as, if it comes from this site and from an
/// administrator; else the answer to give.
async fn administrator(
    state: &AppState,
    headers: &HeaderMap,
    locale: Locale,
) -> Result<convene::account::Account, Response> {
    if !same_origin(headers, &state.base_url) {
        return Err(forbidden(locale));
    }
    match convene_app::back_office::signed_in(&state.store, headers).await {
        Ok(Some(account)) if account.administrator => Ok(account),
        Ok(Some(_)) => {
            Err((StatusCode::FORBIDDEN, locale.t("admin-forbidden-body")).into_response())
        }
        Ok(None) => Err(see(&locale.href("/admin/sign-in"))),
        Err(error) => Err(unavailable(locale, "back-office request failed", error)),
    }
}

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

/// Every back-office route that is not a page: the form posts and the
/// export. Pages are Leptos routes (`convene_app::App`).
pub fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/admin/sign-in", post(sign_in)),
        ("/admin/sign-out", post(sign_out)),
        ("/admin/setup", post(setup)),
        ("/admin/reset", post(request_reset)),
        ("/admin/reset/{token}", post(reset)),
        ("/admin/new-conference", post(create_conference)),
        ("/admin/conferences/{slug}/settings", post(save_settings)),
        ("/admin/conferences/{slug}/publish", post(publish)),
        ("/admin/conferences/{slug}/unpublish", post(unpublish)),
        ("/admin/conferences/{slug}/copy", post(copy)),
        ("/admin/conferences/{slug}/new-session", post(add_session)),
        (
            "/admin/conferences/{slug}/agenda/{session}/delete",
            post(delete_session),
        ),
        ("/admin/conferences/{slug}/rooms", post(add_room)),
        (
            "/admin/conferences/{slug}/rooms/{room}/delete",
            post(delete_room),
        ),
        (
            "/admin/conferences/{slug}/agenda/{session}",
            post(save_session),
        ),
        ("/admin/conferences/{slug}/invitations", post(invite)),
        ("/admin/conferences/{slug}/invitations/remind", post(remind)),
        (
            "/admin/conferences/{slug}/mail/retry-failed",
            post(mail_action),
        ),
        (
            "/admin/conferences/{slug}/mail/{id}/resend",
            post(mail_action),
        ),
        ("/admin/conferences/{slug}/registrations.csv", get(export)),
        (
            "/admin/conferences/{slug}/registrations.xlsx",
            get(export_xlsx),
        ),
        ("/admin/conferences/{slug}/registrations/bulk", post(bulk)),
        ("/admin/conferences/{slug}/write", post(write)),
        ("/admin/conferences/{slug}/questions", post(add_question)),
        (
            "/admin/conferences/{slug}/questions/{code}/delete",
            post(delete_question),
        ),
        ("/admin/conferences/{slug}/people", post(add_person)),
        (
            "/admin/conferences/{slug}/people/{person}/delete",
            post(delete_person),
        ),
        (
            "/admin/conferences/{slug}/agenda/{session}/roles",
            post(give_role),
        ),
        (
            "/admin/conferences/{slug}/agenda/{session}/roles/{person}/{role}/delete",
            post(take_role),
        ),
        (
            "/admin/conferences/{slug}/templates/{kind}/{lang}",
            post(save_template),
        ),
        (
            "/admin/conferences/{slug}/registrations/{id}/{action}",
            post(act),
        ),
    ]
}

#[derive(Deserialize)]
pub struct MessageForm {
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    intent: String,
}

/// POST /admin/conferences/{slug}/write?{filter}: previews a message to
/// the delegates the filter finds, as the first of them will read it, or
/// queues it for all of them; for organisers and staff.
pub async fn write(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    axum::extract::Query(filter): axum::extract::Query<convene::desk::RegistrationFilter>,
    uri: Uri,
    headers: HeaderMap,
    Form(form): Form<MessageForm>,
) -> Response {
    use convene::account::Action;
    use convene::desk::Message;
    use convene_app::submission::MessageDraft;
    let account = match door(&state, &headers, locale, &slug, Action::ManageRegistrations).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    let draft = |problems, preview| MessageDraft {
        subject: form.subject.clone(),
        body: form.body.clone(),
        problems,
        preview,
    };
    let message = match Message::parse(&form.subject, &form.body) {
        Ok(message) => message,
        Err(problems) => return render(&state, uri, headers, locale, draft(problems, None)).await,
    };
    if form.intent == "send" {
        return match state
            .store
            .send_message(&slug, &filter, &message, account.id, chrono::Utc::now())
            .await
        {
            Ok(Some(n)) => see(&locale.href(&format!("/admin/conferences/{slug}/mail?sent={n}"))),
            Ok(None) => not_found(locale),
            Err(error) => unavailable(locale, "message failed", error),
        };
    }
    // The preview: the email exactly as the first delegate will get it.
    let preview = match state.store.recipients(&slug, &filter).await {
        Ok(Some((recipients, title))) => recipients.first().map(|r| {
            let conference: convene::Localized = serde_json::from_str(&title)
                .unwrap_or_else(|_| convene::Localized::new(r.lang, ""));
            let payload = serde_json::json!({
                "conference": conference.get(r.lang),
                "name": r.name,
                "subject": message.subject,
                "body": message.body,
            });
            convene::mail::render("message", r.lang, &payload)
                .map(|m| (r.email.clone(), m.subject, m.text))
                .ok()
        }),
        Ok(None) => return not_found(locale),
        Err(error) => return unavailable(locale, "message preview failed", error),
    };
    let preview = preview.flatten();
    render(
        &state,
        uri,
        headers,
        locale,
        draft(Default::default(), preview),
    )
    .await
}

/// POST /admin/conferences/{slug}/templates/{kind}/{lang}: saves the
/// conference's wording of a kind of email (or goes back to the built-in
/// text, or previews what is typed), for organisers and staff.
pub async fn save_template(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path((slug, kind, lang)): axum::extract::Path<(String, String, String)>,
    uri: Uri,
    headers: HeaderMap,
    Form(form): Form<MessageForm>,
) -> Response {
    use convene::account::Action;
    use convene::desk::Message;
    use convene_app::submission::TemplateDraft;
    let account = match door(&state, &headers, locale, &slug, Action::ManageRegistrations).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    let editable = convene::mail::EDITABLE.iter().any(|(k, _)| *k == kind);
    let Some(lang) = convene::Lang::parse(&lang).ok().filter(|_| editable) else {
        return not_found(locale);
    };
    let page = format!("/admin/conferences/{slug}/templates/{kind}/{}", lang.code());
    let wording = match form.intent.as_str() {
        "reset" => None,
        _ => match Message::parse(&form.subject, &form.body) {
            Ok(message) if form.intent == "save" => Some(message),
            parsed => {
                let draft = TemplateDraft {
                    subject: form.subject.clone(),
                    body: form.body.clone(),
                    problems: parsed.err().unwrap_or_default(),
                };
                return render(&state, uri, headers, locale, draft).await;
            }
        },
    };
    match state
        .store
        .save_template(
            &slug,
            &kind,
            lang.code(),
            wording.as_ref(),
            account.id,
            chrono::Utc::now(),
        )
        .await
    {
        Ok(true) => see(&locale.href(&format!("{page}?saved=1"))),
        Ok(false) => not_found(locale),
        Err(error) => unavailable(locale, "template save failed", error),
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
