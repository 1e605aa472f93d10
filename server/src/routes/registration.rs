//! The form posts of registration. Each checks that it comes from this
//! site, then parses, calls the store, and either redirects (post, redirect,
//! get) or renders the page again with what happened, so that the form works
//! without JavaScript and keeps what was typed.

use super::{forbidden, render, same_origin, unavailable};
use crate::client::Client;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::Extension;
use convene::registration::{FormSetup, NewRegistration, RegistrationForm};
use convene::store::{Changed, Submitted, Verified};
use convene_app::submission::{ChangesSaved, Submission, VerifyResult};
use convene_app::Locale;

/// A posted form body as the registration form. Read by hand rather than
/// with axum's `Form`, because checkboxes of one name repeat
/// (`languages=en&languages=fr`) and questions are named by the conference.
fn read_form(body: &[u8]) -> RegistrationForm {
    RegistrationForm::from_pairs(form_urlencoded::parse(body).into_owned())
}

/// What the conference's form asks, for parsing a post.
async fn form_setup(
    state: &AppState,
    slug: &str,
    manage: Option<&str>,
) -> Result<Option<FormSetup>, convene::store::StoreError> {
    state
        .store
        .form_setup(slug, manage, chrono::Utc::now())
        .await
}

/// POST /conferences/{slug}/register
pub async fn submit(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    client: Client,
    uri: Uri,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    if !same_origin(&headers, &state.base_url) {
        return forbidden(locale);
    }
    let form = read_form(&body);
    let setup = match form_setup(&state, &slug, None).await {
        Ok(Some(setup)) => setup,
        // No such conference: the page says so, with its 404.
        Ok(None) => return render(&state, uri, headers, locale, Submission::default()).await,
        Err(error) => return unavailable(locale, "registration failed", error),
    };
    let registration = match NewRegistration::parse(&form, &setup) {
        Ok(registration) => registration,
        Err(errors) => {
            let errors = Submission {
                form,
                errors,
                throttled: false,
            };
            return render(&state, uri, headers, locale, errors).await;
        }
    };
    // Counted only once it parses: that is what would queue an email.
    if state.form_limits.check(client).is_err() {
        let throttled = Submission {
            form,
            errors: Default::default(),
            throttled: true,
        };
        let mut response = render(&state, uri, headers, locale, throttled).await;
        response
            .headers_mut()
            .insert(RETRY_AFTER, axum::http::HeaderValue::from_static("60"));
        return response;
    }
    let invitation = (!form.invitation.is_empty()).then_some(form.invitation.as_str());
    let now = chrono::Utc::now();
    match state
        .store
        .submit_registration(
            &slug,
            &registration,
            invitation,
            locale.lang,
            &state.base_url,
            now,
        )
        .await
    {
        Ok(Some(Submitted::New | Submitted::Known)) => {
            Redirect::to(&locale.href(&format!("/conferences/{slug}/register/sent")))
                .into_response()
        }
        // By invitation, and this is not the invitation's address: the
        // page says the conference is by invitation only, with its 403.
        // Or registration is not open (the page says when it opens or
        // that it closed).
        Ok(Some(Submitted::NotInvited | Submitted::Closed) | None) => {
            render(&state, uri, headers, locale, Submission::default()).await
        }
        Err(error) => unavailable(locale, "registration failed", error),
    }
}

/// POST /r/{token}/change: saves the changes and shows the private link's
/// page again, saying so; or shows the form with its problems.
pub async fn change(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Response {
    if !same_origin(&headers, &state.base_url) {
        return forbidden(locale);
    }
    let page: Uri = convene::paths::private(&token)
        .parse()
        .unwrap_or_else(|_| Uri::from_static("/r/"));
    let current = match state.store.registration_by_link(&token).await {
        Ok(Some(current)) => current,
        Ok(None) => return render(&state, page, headers, locale, Submission::default()).await,
        Err(error) => return unavailable(locale, "change failed", error),
    };
    let mut form = read_form(&body);
    // Neither the address nor the consent changes here.
    form.email = current.details.email.clone();
    form.consent = true;
    let setup = match form_setup(&state, current.conference.as_str(), Some(&token)).await {
        Ok(Some(setup)) => setup,
        Ok(None) => return render(&state, page, headers, locale, Submission::default()).await,
        Err(error) => return unavailable(locale, "change failed", error),
    };
    let registration = match NewRegistration::parse(&form, &setup) {
        Ok(registration) => registration,
        Err(errors) => {
            let errors = Submission {
                form,
                errors,
                throttled: false,
            };
            return render(&state, page, headers, locale, errors).await;
        }
    };
    match state
        .store
        .change_registration(&token, &registration, &state.base_url, chrono::Utc::now())
        .await
    {
        Ok(Changed::Saved) => render(&state, page, headers, locale, ChangesSaved).await,
        Ok(Changed::Closed) => render(&state, page, headers, locale, Submission::default()).await,
        Err(error) => unavailable(locale, "change failed", error),
    }
}

/// POST /r/verify/{token}
pub async fn verify(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(token): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Response {
    if !same_origin(&headers, &state.base_url) {
        return forbidden(locale);
    }
    let result = match state
        .store
        .verify_registration(&token, &state.base_url, chrono::Utc::now())
        .await
    {
        Ok(Verified::Confirmed) => VerifyResult::Confirmed,
        Ok(Verified::Waiting { position }) => VerifyResult::Waiting(position),
        Ok(Verified::AwaitingApproval) => VerifyResult::AwaitingApproval,
        Ok(Verified::Expired) => VerifyResult::Expired,
        Ok(Verified::AlreadyUsed) => VerifyResult::Used,
        Ok(Verified::Unknown) => VerifyResult::Invalid,
        Err(error) => return unavailable(locale, "verification failed", error),
    };
    render(&state, uri, headers, locale, result).await
}

/// Whether `token` could be a link's token (URL-safe base64).
fn is_token(token: &str) -> bool {
    !token.is_empty()
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// POST /r/{token}/cancel: cancels, then shows the private link's page
/// again (post, redirect, get), which says it is cancelled.
pub async fn cancel(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(token): Path<String>,
    headers: HeaderMap,
) -> Response {
    if !same_origin(&headers, &state.base_url) {
        return forbidden(locale);
    }
    match state
        .store
        .cancel_registration(&token, &state.base_url, chrono::Utc::now())
        .await
    {
        // Back to the link's page; a token that is no token (it holds
        // what a redirect cannot carry) names no page.
        Ok(_) if is_token(&token) => {
            Redirect::to(&locale.href(&convene::paths::private(&token))).into_response()
        }
        Ok(_) => (
            axum::http::StatusCode::NOT_FOUND,
            locale.t("not-found-body"),
        )
            .into_response(),
        Err(error) => unavailable(locale, "cancellation failed", error),
    }
}
