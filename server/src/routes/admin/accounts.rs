//! Signing in and out, the first run and password resets.
//!
//! Attempts are counted per client address and per account-from-address
//! before any password is checked: an address that tries too often waits,
//! and so does one account from one address, but a guesser elsewhere cannot
//! lock the real user out.

use crate::client::Client;
use crate::routes::{render, see_other, FromThisSite, Refusal};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header::{RETRY_AFTER, SET_COOKIE};
use axum::http::{HeaderMap, HeaderValue, Uri};
use axum::response::Response;
use axum::{Extension, Form};
use convene::account::NewPassword;
use convene::field::{Email, Problem};
use convene::password;
use convene::store::SIGNED_IN_FOR;
use convene_app::back_office::{cookie, SESSION_COOKIE};
use convene_app::submission::{
    FirstRunRefused, ResetRefused, ResetRequested, SignInProblem, SignInRefused,
};
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

type Answer = Result<Response, Refusal>;

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
    let cookie = cookie::Cookie::build((SESSION_COOKIE, value))
        .path("/")
        .http_only(true)
        .same_site(cookie::SameSite::Lax)
        .max_age(cookie::time::Duration::seconds(max_age))
        .secure(state.base_url.starts_with("https://"))
        .build();
    HeaderValue::from_str(&cookie.to_string()).expect("a token is URL-safe base64")
}

/// 303 to `location`, setting `cookie`.
fn see_other_setting(location: &str, cookie: HeaderValue) -> Response {
    let mut response = see_other(location);
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
) -> Answer {
    if let Some(old) = cookie(headers, SESSION_COOKIE) {
        state.store.sign_out(old).await?;
    }
    let token = state.store.sign_in(account, chrono::Utc::now()).await?;
    let cookie = session_cookie(state, &token, SIGNED_IN_FOR.num_seconds());
    Ok(see_other_setting(
        &locale.href(convene::paths::admin::HOME),
        cookie,
    ))
}

/// POST /admin/sign-in
pub async fn sign_in(
    _: FromThisSite,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    client: Client,
    headers: HeaderMap,
    Form(credentials): Form<Credentials>,
) -> Answer {
    let page = Uri::from_static(convene::paths::admin::SIGN_IN);
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
    if !state.store.attempt(&keys, now).await? {
        let refused = refused(SignInProblem::Throttled);
        return Ok(render(&state, page, headers, locale, refused).await);
    }
    let found = state.store.account_for_sign_in(&email_key).await?;
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
            let refused = refused(SignInProblem::Busy);
            let mut response = render(&state, page, headers, locale, refused).await;
            let retry = HeaderValue::from_static("5");
            response.headers_mut().insert(RETRY_AFTER, retry);
            return Ok(response);
        }
    };
    match account {
        Some(account) if matches => {
            state.store.forgive(&account_from_address, &address).await?;
            open_session(&state, locale, &headers, account.id).await
        }
        _ => {
            let refused = refused(SignInProblem::Wrong);
            Ok(render(&state, page, headers, locale, refused).await)
        }
    }
}

/// POST /admin/sign-out: ends the session on the server and forgets the
/// cookie.
pub async fn sign_out(
    _: FromThisSite,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    headers: HeaderMap,
) -> Answer {
    if let Some(token) = cookie(&headers, SESSION_COOKIE) {
        state.store.sign_out(token).await?;
    }
    let forget = session_cookie(&state, "", 0);
    Ok(see_other_setting(
        &locale.href(convene::paths::admin::SIGN_IN),
        forget,
    ))
}

/// POST /admin/setup: the first administrator, while no account exists,
/// for whoever has the setup code from the server's log.
pub async fn first_run(
    _: FromThisSite,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    client: Client,
    headers: HeaderMap,
    Form(form): Form<FirstRunForm>,
) -> Answer {
    let page = Uri::from_static(convene::paths::admin::SETUP);
    let now = chrono::Utc::now();
    let keys = [(format!("setup from {}", client.key()), SETUPS_PER_ADDRESS)];
    if !state.store.attempt(&keys, now).await? {
        return Err(Refusal::Throttled);
    }
    // Nothing is hashed for a page that is closed or a code that is wrong.
    if state.store.account_count().await? > 0 {
        return Ok(render(&state, page, headers, locale, FirstRunRefused::default()).await);
    }
    let code_problem = (!state.setup_code.matches(&form.code)).then_some(Problem::NotTheSetupCode);
    let email = Email::parse(&form.email);
    let password = NewPassword::parse(&form.password);
    let (email, password) = match (email, password, code_problem) {
        (Ok(email), Ok(password), None) => (email, password),
        (email, password, code_problem) => {
            let refused = FirstRunRefused {
                email: form.email.clone(),
                code: form.code.clone(),
                code_problem,
                email_problem: email.err(),
                password_problem: password.err(),
            };
            return Ok(render(&state, page, headers, locale, refused).await);
        }
    };
    let hash = password::hash_queued(password.as_str().to_owned()).await?;
    match state
        .store
        .create_first_administrator(&email, &hash, now)
        .await?
    {
        Some(account) => {
            state.setup_code.forget();
            open_session(&state, locale, &headers, account).await
        }
        // Someone was first: the page now says there is nothing here.
        None => Ok(render(&state, page, headers, locale, FirstRunRefused::default()).await),
    }
}

#[derive(Deserialize)]
pub struct FirstRunForm {
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
    _: FromThisSite,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    client: Client,
    headers: HeaderMap,
    Form(form): Form<ResetRequest>,
) -> Answer {
    let page = Uri::from_static(convene::paths::admin::RESET);
    let now = chrono::Utc::now();
    let keys = [(format!("reset from {}", client.key()), RESETS_PER_ADDRESS)];
    let throttled = !state.store.attempt(&keys, now).await?;
    if !throttled {
        (state.store)
            .request_password_reset(&form.email, locale.lang, &state.base_url, now)
            .await?;
    }
    Ok(render(&state, page, headers, locale, ResetRequested { throttled }).await)
}

#[derive(Deserialize)]
pub struct NewPasswordForm {
    #[serde(default)]
    password: String,
}

/// POST /admin/reset/{token}: the new password, once; then sign in with it.
pub async fn reset(
    _: FromThisSite,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(token): Path<String>,
    client: Client,
    uri: Uri,
    headers: HeaderMap,
    Form(form): Form<NewPasswordForm>,
) -> Answer {
    let now = chrono::Utc::now();
    let key = format!("reset link from {}", client.key());
    if !state
        .store
        .attempt(&[(key, SETUPS_PER_ADDRESS)], now)
        .await?
    {
        return Err(Refusal::Throttled);
    }
    // A link that does not work is not worth a hash: its page says so.
    if !state.store.password_reset_open(&token, now).await? {
        return Ok(render(&state, uri, headers, locale, ()).await);
    }
    let password = match NewPassword::parse(&form.password) {
        Ok(password) => password,
        Err(problem) => {
            return Ok(render(&state, uri, headers, locale, ResetRefused { problem }).await)
        }
    };
    let hash = password::hash_queued(password.as_str().to_owned()).await?;
    Ok(
        match state.store.reset_password(&token, &hash, now).await? {
            true => {
                see_other(&locale.href(&format!("{}?reset=done", convene::paths::admin::SIGN_IN)))
            }
            // Used or expired meanwhile: the page says so.
            false => render(&state, uri, headers, locale, ()).await,
        },
    )
}
