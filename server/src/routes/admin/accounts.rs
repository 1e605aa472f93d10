//! Signing in and out, the first run and password resets.
//!
//! Attempts are counted per client address and per account-from-address
//! before any password is checked: an address that tries too often waits,
//! and so does one account from one address, but a guesser elsewhere cannot
//! lock the real user out.

use super::{busy, see, throttled};
use crate::client::Client;
use crate::routes::{forbidden, render, same_origin, unavailable};
use crate::state::AppState;
use axum::extract::State;
use axum::http::header::SET_COOKIE;
use axum::http::{HeaderMap, HeaderValue, Uri};
use axum::response::Response;
use axum::{Extension, Form};
use convene::account::NewPassword;
use convene::field::{Email, Problem};
use convene::password;
use convene::store::SIGNED_IN_FOR;
use convene_app::back_office::{cookie, SESSION_COOKIE};
use convene_app::submission::{SetupRefused, SignInProblem, SignInRefused};
use convene_app::Locale;
use serde::Deserialize;

/// Failures from one address, whatever the account, before it waits.
pub const PER_ADDRESS: i64 = 20;

/// Failures for one account from one address before that pair waits.
pub const PER_ACCOUNT_AND_ADDRESS: i64 = 5;

/// Attempts at the first run, or at a reset link, from one address in a
/// window, before it waits: each may hash a password.
pub const SETUPS_PER_ADDRESS: i64 = 10;

/// Reset requests one address may make per window.
pub const RESETS_PER_ADDRESS: i64 = 5;

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
    // No address is longer (RFC 5321); a longer one would only make the
    // throttle's key too long to index.
    let email_key: String = credentials
        .email
        .trim()
        .to_lowercase()
        .chars()
        .take(254)
        .collect();
    let address = format!("address {}", client.key());
    let account_from_address = format!("account {email_key} from {}", client.key());
    let refused = |why| SignInRefused {
        email: credentials.email.clone(),
        why,
    };
    // Counted before the password is checked, so that attempts at once
    // cannot all pass a count that none of them has added to yet.
    let keys = [
        (address.clone(), PER_ADDRESS),
        (account_from_address.clone(), PER_ACCOUNT_AND_ADDRESS),
    ];
    match state.store.attempt(&keys, now).await {
        Ok(true) => {}
        Ok(false) => {
            return render(
                &state,
                page,
                headers,
                locale,
                refused(SignInProblem::Throttled),
            )
            .await
        }
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
        // The page again, with the address as typed: send it again shortly.
        Err(password::Busy) => {
            let mut response =
                render(&state, page, headers, locale, refused(SignInProblem::Busy)).await;
            response.headers_mut().insert(
                axum::http::header::RETRY_AFTER,
                HeaderValue::from_static("5"),
            );
            return response;
        }
    };
    match account {
        Some(account) if matches => {
            if let Err(error) = state.store.forgive(&account_from_address, &address).await {
                return unavailable(locale, "sign-in failed", error);
            }
            open_session(&state, locale, &headers, account.id).await
        }
        _ => render(&state, page, headers, locale, refused(SignInProblem::Wrong)).await,
    }
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
