//! Why a post or a download is not done, and the answer that says so.
//!
//! A handler returns `Result<Response, Refusal>` and reads as door → parse
//! → store → answer, with `?`: the door is an extractor ([`Staff`] for the
//! back office, [`FromThisSite`] for the public forms), a store error
//! converts into [`Refusal::Unavailable`], and "no such thing" is
//! `ok_or(Refusal::NotFound)`. A refusal knows no language; [`in_words`]
//! (a layer of the router, inside the language negotiation) writes its
//! body in the visitor's.

use crate::routes::same_origin;
use crate::state::AppState;
use axum::extract::{FromRequestParts, RawPathParams, Request};
use axum::http::header::{LOCATION, RETRY_AFTER};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use convene::account::Action;
use convene_app::back_office::{admit, Denied};
use convene_app::Locale;
use std::marker::PhantomData;

/// A request not done: each answers one status and one text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Refusal {
    /// A post from another site (see [`same_origin`]): 403.
    CrossSite,
    /// Nobody signed in: 303 to the sign-in page.
    SignIn,
    /// Signed in, without a role that allows it: 403.
    Forbidden,
    /// No such conference, registration, session…: 404.
    NotFound,
    /// A choice the form never offers (a crafted post): 422.
    Unprocessable,
    /// Too many attempts from this address: 429, for the window's length.
    Throttled,
    /// Too many passwords being checked at once: 503, shortly.
    Busy,
    /// The store failed (logged when it converted): 503.
    Unavailable,
}

impl From<crate::papers::PaperError> for Refusal {
    fn from(error: crate::papers::PaperError) -> Self {
        match error {
            crate::papers::PaperError::Busy => Refusal::Busy,
            crate::papers::PaperError::Failed(error) => {
                tracing::error!(%error, "a paper failed");
                Refusal::Unavailable
            }
        }
    }
}

impl From<convene::store::StoreError> for Refusal {
    fn from(error: convene::store::StoreError) -> Self {
        tracing::error!(%error, "the store failed");
        Refusal::Unavailable
    }
}

impl From<convene::password::Busy> for Refusal {
    fn from(_: convene::password::Busy) -> Self {
        Refusal::Busy
    }
}

impl From<Denied> for Refusal {
    fn from(denied: Denied) -> Self {
        match denied {
            Denied::SignIn => Refusal::SignIn,
            Denied::Forbidden => Refusal::Forbidden,
            Denied::NotFound => Refusal::NotFound,
            Denied::Store(error) => error.into(),
        }
    }
}

impl IntoResponse for Refusal {
    /// The status, and the refusal itself for [`in_words`] to word.
    fn into_response(self) -> Response {
        let mut response = self.status().into_response();
        response.extensions_mut().insert(self);
        response
    }
}

impl Refusal {
    fn status(self) -> StatusCode {
        match self {
            Refusal::CrossSite | Refusal::Forbidden => StatusCode::FORBIDDEN,
            Refusal::SignIn => StatusCode::SEE_OTHER,
            Refusal::NotFound => StatusCode::NOT_FOUND,
            Refusal::Unprocessable => StatusCode::UNPROCESSABLE_ENTITY,
            Refusal::Throttled => StatusCode::TOO_MANY_REQUESTS,
            Refusal::Busy | Refusal::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
        }
    }

    /// The whole answer, in the visitor's language.
    fn answer(self, locale: Locale) -> Response {
        let key = match self {
            Refusal::SignIn => return see_other(&locale.href(convene::paths::admin::SIGN_IN)),
            Refusal::CrossSite => "error-cross-site",
            Refusal::Forbidden => "admin-forbidden-body",
            Refusal::NotFound => "not-found-body",
            Refusal::Unprocessable => "problem-choose-one",
            Refusal::Throttled => "admin-reset-throttled",
            Refusal::Busy => "admin-busy",
            Refusal::Unavailable => "error-body",
        };
        let mut response = (self.status(), locale.t(key)).into_response();
        let retry_after = match self {
            Refusal::Throttled => Some("900"),
            Refusal::Busy => Some("5"),
            _ => None,
        };
        if let Some(seconds) = retry_after {
            let headers = response.headers_mut();
            headers.insert(RETRY_AFTER, HeaderValue::from_static(seconds));
        }
        response
    }
}

/// Words a handler's refusal in the request's language.
pub async fn in_words(request: Request, next: Next) -> Response {
    let locale = request
        .extensions()
        .get::<Locale>()
        .copied()
        .unwrap_or_default();
    let mut response = next.run(request).await;
    match response.extensions_mut().remove::<Refusal>() {
        Some(refusal) => refusal.answer(locale),
        None => response,
    }
}

/// 303 to `location` (post, redirect, get).
pub fn see_other(location: &str) -> Response {
    let mut response = StatusCode::SEE_OTHER.into_response();
    if let Ok(location) = HeaderValue::from_str(location) {
        response.headers_mut().insert(LOCATION, location);
    }
    response
}

/// The door of a post that needs no account: it comes from this site.
/// A `GET` or `HEAD` passes (it changes nothing).
pub struct FromThisSite;

impl FromRequestParts<AppState> for FromThisSite {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Refusal> {
        let reads = parts.method == Method::GET || parts.method == Method::HEAD;
        if reads || same_origin(&parts.headers, &state.base_url) {
            Ok(FromThisSite)
        } else {
            Err(Refusal::CrossSite)
        }
    }
}

/// What a back-office route needs its account to be allowed: one of the
/// markers in [`may`].
pub trait Need {
    const ACTION: Action;
}

/// The markers of [`Staff`]: `Staff<may::EditConference>` lets in the
/// accounts that may edit the conference named by the route's `{slug}`.
pub mod may {
    use super::{Action, Need};

    /// See the conference's registrations (the exports).
    pub struct ViewRegistrations;
    /// Act on registrations, invitations and mail.
    pub struct ManageRegistrations;
    /// Let delegates in at the check-in desk.
    pub struct CheckIn;
    /// The agenda, the settings, the form's questions.
    pub struct EditConference;
    /// What belongs to no conference (creating, copying): administrators.
    pub struct Administer;

    impl Need for ViewRegistrations {
        const ACTION: Action = Action::ViewRegistrations;
    }
    impl Need for ManageRegistrations {
        const ACTION: Action = Action::ManageRegistrations;
    }
    impl Need for CheckIn {
        const ACTION: Action = Action::CheckIn;
    }
    impl Need for EditConference {
        const ACTION: Action = Action::EditConference;
    }
    impl Need for Administer {
        const ACTION: Action = Action::Administer;
    }
}

/// The back office's door, in order: from this site (for a post), signed
/// in, and allowed `N` in the route's `{slug}` by
/// [`convene_app::back_office::admit`], the same check as the pages'.
/// Put it first among a handler's arguments: nothing else is read before it.
pub struct Staff<N> {
    pub account: convene::account::Account,
    pub role: Option<convene::account::StaffRole>,
    need: PhantomData<N>,
}

impl<N: Need> Staff<N> {
    /// Whether this account may also do `action` where it came in.
    pub fn may(&self, action: Action) -> bool {
        self.account.may(self.role, action)
    }
}

impl<N: Need + Send + Sync> FromRequestParts<AppState> for Staff<N> {
    type Rejection = Refusal;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Refusal> {
        FromThisSite::from_request_parts(parts, state).await?;
        let slug = RawPathParams::from_request_parts(parts, state)
            .await
            .ok()
            .and_then(|params| {
                params
                    .iter()
                    .find(|(name, _)| *name == "slug")
                    .map(|(_, value)| value.to_owned())
            });
        let staff = admit(&state.store, &parts.headers, slug.as_deref(), N::ACTION).await?;
        Ok(Staff {
            account: staff.account,
            role: staff.role,
            need: PhantomData,
        })
    }
}

/// `Ok` when the store found what it was asked to change; else 404.
pub fn found(found: bool) -> Result<(), Refusal> {
    found.then_some(()).ok_or(Refusal::NotFound)
}
