//! The back office's form posts and downloads, one file per domain:
//! `accounts` (signing in and out, the first run, password resets),
//! `conferences` (creating, setting up, publishing, copying; the form's
//! questions), `agenda` (sessions, rooms, people and their roles),
//! `registrations` (staff actions, exports, invitations) and `mail` (the
//! mail room, messages to delegates, the wording of emails). Every route is
//! in [`routes`], which the access test walks; each handler passes its
//! door ([`door`]: same origin, signed in, allowed) before anything else.

pub mod accounts;
pub mod agenda;
pub mod conferences;
pub mod mail;
pub mod registrations;

use crate::routes::{forbidden, same_origin, unavailable};
use crate::state::AppState;
use axum::http::header::LOCATION;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, MethodRouter};
use convene_app::Locale;

/// Every back-office route that is not a page: the form posts and the
/// export. Pages are Leptos routes (`convene_app::App`).
pub fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/admin/sign-in", post(accounts::sign_in)),
        ("/admin/sign-out", post(accounts::sign_out)),
        ("/admin/setup", post(accounts::setup)),
        ("/admin/reset", post(accounts::request_reset)),
        ("/admin/reset/{token}", post(accounts::reset)),
        (
            "/admin/new-conference",
            post(conferences::create_conference),
        ),
        (
            "/admin/conferences/{slug}/settings",
            post(conferences::save_settings),
        ),
        (
            "/admin/conferences/{slug}/publish",
            post(conferences::publish),
        ),
        (
            "/admin/conferences/{slug}/unpublish",
            post(conferences::unpublish),
        ),
        ("/admin/conferences/{slug}/copy", post(conferences::copy)),
        (
            "/admin/conferences/{slug}/new-session",
            post(agenda::add_session),
        ),
        (
            "/admin/conferences/{slug}/agenda/{session}/delete",
            post(agenda::delete_session),
        ),
        ("/admin/conferences/{slug}/rooms", post(agenda::add_room)),
        (
            "/admin/conferences/{slug}/rooms/{room}/delete",
            post(agenda::delete_room),
        ),
        (
            "/admin/conferences/{slug}/agenda/{session}",
            post(agenda::save_session),
        ),
        (
            "/admin/conferences/{slug}/invitations",
            post(registrations::invite),
        ),
        (
            "/admin/conferences/{slug}/invitations/remind",
            post(registrations::remind),
        ),
        (
            "/admin/conferences/{slug}/mail/retry-failed",
            post(mail::mail_action),
        ),
        (
            "/admin/conferences/{slug}/mail/{id}/resend",
            post(mail::mail_action),
        ),
        (
            "/admin/conferences/{slug}/registrations.csv",
            get(registrations::export),
        ),
        (
            "/admin/conferences/{slug}/registrations.xlsx",
            get(registrations::export_xlsx),
        ),
        (
            "/admin/conferences/{slug}/registrations/bulk",
            post(registrations::bulk),
        ),
        ("/admin/conferences/{slug}/write", post(mail::write)),
        (
            "/admin/conferences/{slug}/questions",
            post(conferences::add_question),
        ),
        (
            "/admin/conferences/{slug}/questions/{code}/delete",
            post(conferences::delete_question),
        ),
        ("/admin/conferences/{slug}/people", post(agenda::add_person)),
        (
            "/admin/conferences/{slug}/people/{person}/delete",
            post(agenda::delete_person),
        ),
        (
            "/admin/conferences/{slug}/agenda/{session}/roles",
            post(agenda::give_role),
        ),
        (
            "/admin/conferences/{slug}/agenda/{session}/roles/{person}/{role}/delete",
            post(agenda::take_role),
        ),
        (
            "/admin/conferences/{slug}/templates/{kind}/{lang}",
            post(mail::save_template),
        ),
        (
            "/admin/conferences/{slug}/registrations/{id}/{action}",
            post(registrations::act),
        ),
    ]
}

/// 303 to `location` (post, redirect, get).
pub(super) fn see(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(location) {
        response.headers_mut().insert(LOCATION, location);
    }
    response
}

/// 404, in the visitor's language.
pub(super) fn not_found(locale: Locale) -> Response {
    (StatusCode::NOT_FOUND, locale.t("not-found-body")).into_response()
}

/// A back-office post's doors, in order: from this site, signed in, and
/// allowed to do `action` in `slug`; the account, or the answer to give.
pub(super) async fn door(
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

/// The account a back-office post acts as, if it may do `action` in
/// `slug`; else the answer to give: sent to sign in, or 403.
pub(super) async fn permitted(
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

/// The account a post acts as, if it comes from this site and from an
/// administrator; else the answer to give.
pub(super) async fn administrator(
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

/// Too many attempts from this address: 429, try again after the window.
pub(super) fn throttled(locale: Locale) -> Response {
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
pub(super) fn busy(locale: Locale) -> Response {
    let mut response = (StatusCode::SERVICE_UNAVAILABLE, locale.t("admin-busy")).into_response();
    response.headers_mut().insert(
        axum::http::header::RETRY_AFTER,
        HeaderValue::from_static("5"),
    );
    response
}
