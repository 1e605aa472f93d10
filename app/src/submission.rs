//! What the server hands a page after a form post, in the request's
//! extensions: the form as typed with its problems, or what a verification
//! did. (Posts are handled by the server; the page only shows the outcome,
//! so the form works without JavaScript and keeps what was typed.)

use convene::registration::{FieldErrors, RegistrationForm};

/// A registration form that did not parse.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Submission {
    pub form: RegistrationForm,
    pub errors: FieldErrors,
}

/// What following a verification link did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerifyResult {
    Confirmed,
    Waiting(i64),
    AwaitingApproval,
    Expired,
    /// Unknown, or used already.
    Invalid,
}

/// A value the server put in the request, if any.
pub fn from_request<T: Clone + Send + Sync + 'static>() -> Option<T> {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<T>().cloned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}
