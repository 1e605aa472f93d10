//! The back office as pages see it: who the request is signed in as, and
//! what a page may show them. Every back-office server function answers an
//! [`Access`], decided inside it from the request's own session cookie.

use serde::{Deserialize, Serialize};

/// The cookie that holds a signed-in session's secret.
pub const SESSION_COOKIE: &str = "convene_session";

/// What a back-office page may show.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Access<T> {
    /// Nobody is signed in (or the session ended): sign in first.
    SignIn,
    /// Signed in, without a role that allows this.
    Forbidden,
    NotFound,
    Granted(T),
}

/// A cookie's value among a request's headers.
#[cfg(feature = "ssr")]
pub fn cookie<'a>(headers: &'a http::HeaderMap, name: &str) -> Option<&'a str> {
    headers
        .get_all(http::header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, value)| value)
}

/// The account the request is signed in as, if its session is open.
#[cfg(feature = "ssr")]
pub async fn signed_in(
    store: &convene::store::Store,
    headers: &http::HeaderMap,
) -> Result<Option<convene::account::Account>, convene::store::StoreError> {
    match cookie(headers, SESSION_COOKIE) {
        Some(token) => store.signed_in(token, chrono::Utc::now()).await,
        None => Ok(None),
    }
}
