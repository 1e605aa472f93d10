//! The back office's door: who a request is signed in as, and whether it
//! may do what it asks. [`admit`] is the one authorisation, shared by the
//! pages' server functions (which answer an [`Access`]) and the server's
//! form posts (whose `Staff` extractor answers a refusal).

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
        .flat_map(cookie::Cookie::split_parse)
        .filter_map(Result::ok)
        .find(|c| c.name() == name)
        .and_then(|c| c.value_raw())
}

/// The signed-in account that passed the door, and its role in the
/// conference asked about (`None`: no role there, or no conference).
#[cfg(feature = "ssr")]
#[derive(Clone, Debug)]
pub struct Staff {
    pub account: convene::account::Account,
    pub role: Option<convene::account::StaffRole>,
}

/// Why a back-office request is not answered with what it asked for.
#[cfg(feature = "ssr")]
#[derive(Debug)]
pub enum Denied {
    /// Nobody is signed in (or the session ended).
    SignIn,
    /// Signed in, without a role that allows this.
    Forbidden,
    /// No such conference (or thing in it).
    NotFound,
    /// The database failed; logged where it is converted.
    Store(convene::store::StoreError),
}

#[cfg(feature = "ssr")]
impl From<convene::store::StoreError> for Denied {
    fn from(error: convene::store::StoreError) -> Self {
        Denied::Store(error)
    }
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

/// The one authorisation: the account the request is signed in as, if it
/// may do `action` in the conference `slug` (`None` for what belongs to
/// no conference, which only administrators may do).
#[cfg(feature = "ssr")]
pub async fn admit(
    store: &convene::store::Store,
    headers: &http::HeaderMap,
    slug: Option<&str>,
    action: convene::account::Action,
) -> Result<Staff, Denied> {
    let account = signed_in(store, headers).await?.ok_or(Denied::SignIn)?;
    let role = match slug {
        Some(slug) => store.role_in(account.id, slug).await?,
        None => None,
    };
    if !account.may(role, action) {
        return Err(Denied::Forbidden);
    }
    Ok(Staff { account, role })
}
