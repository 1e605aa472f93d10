//! The form posts of registration. Each checks that it comes from this
//! site ([`FromThisSite`]), then parses, calls the store, and either redirects (post, redirect,
//! get) or renders the page again with what happened, so that the form works
//! without JavaScript and keeps what was typed.

use super::{render, see_other, FromThisSite, Refusal};
use crate::client::Client;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header::RETRY_AFTER;
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use axum::Extension;
use convene::registration::{FormSetup, NewRegistration, RegistrationForm};
use convene::store::{Changed, Submitted, Verified};
use convene_app::submission::{ChangesSaved, Submission, VerifyResult};
use convene_app::Locale;

type Answer = Result<Response, Refusal>;

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
    _: FromThisSite,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    client: Client,
    uri: Uri,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Answer {
    let form = read_form(&body);
    let Some(setup) = form_setup(&state, &slug, None).await? else {
        // No such conference: the page says so, with its 404.
        return Ok(render(&state, uri, headers, locale, Submission::default()).await);
    };
    let registration = match NewRegistration::parse(&form, &setup) {
        Ok(registration) => registration,
        Err(errors) => {
            let errors = Submission {
                form,
                errors,
                throttled: false,
            };
            return Ok(render(&state, uri, headers, locale, errors).await);
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
        return Ok(response);
    }
    let invitation = (!form.invitation.is_empty()).then_some(form.invitation.as_str());
    let now = chrono::Utc::now();
    let lang = locale.lang;
    let submitted = (state.store)
        .submit_registration(&slug, &registration, invitation, lang, &state.base_url, now)
        .await?;
    Ok(match submitted {
        Some(Submitted::New | Submitted::Known) => {
            see_other(&locale.href(&convene::paths::register_sent(&slug)))
        }
        // By invitation, and this is not the invitation's address: the
        // page says the conference is by invitation only, with its 403.
        // Or registration is not open (the page says when it opens or
        // that it closed).
        Some(Submitted::NotInvited | Submitted::Closed) | None => {
            render(&state, uri, headers, locale, Submission::default()).await
        }
    })
}

/// POST /r/{token}/change: saves the changes and shows the private link's
/// page again, saying so; or shows the form with its problems.
pub async fn change(
    _: FromThisSite,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Answer {
    let page: Uri = convene::paths::private(&token)
        .parse()
        .unwrap_or_else(|_| Uri::from_static("/r/"));
    let Some(current) = state.store.registration_by_link(&token).await? else {
        return Ok(render(&state, page, headers, locale, Submission::default()).await);
    };
    let mut form = read_form(&body);
    // Neither the address nor the consent changes here.
    form.email = current.details.email.clone();
    form.consent = true;
    let Some(setup) = form_setup(&state, current.conference.as_str(), Some(&token)).await? else {
        return Ok(render(&state, page, headers, locale, Submission::default()).await);
    };
    let registration = match NewRegistration::parse(&form, &setup) {
        Ok(registration) => registration,
        Err(errors) => {
            let errors = Submission {
                form,
                errors,
                throttled: false,
            };
            return Ok(render(&state, page, headers, locale, errors).await);
        }
    };
    let now = chrono::Utc::now();
    let changed = (state.store)
        .change_registration(&token, &registration, &state.base_url, now)
        .await?;
    Ok(match changed {
        Changed::Saved => render(&state, page, headers, locale, ChangesSaved).await,
        Changed::Closed => render(&state, page, headers, locale, Submission::default()).await,
    })
}

/// POST /r/verify/{token}
pub async fn verify(
    _: FromThisSite,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(token): Path<String>,
    uri: Uri,
    headers: HeaderMap,
) -> Answer {
    let now = chrono::Utc::now();
    let verified = (state.store)
        .verify_registration(&token, &state.base_url, now)
        .await?;
    let result = match verified {
        Verified::Confirmed => VerifyResult::Confirmed,
        Verified::Waiting { position } => VerifyResult::Waiting(position),
        Verified::AwaitingApproval => VerifyResult::AwaitingApproval,
        Verified::Expired => VerifyResult::Expired,
        Verified::AlreadyUsed => VerifyResult::Used,
        Verified::Unknown => VerifyResult::Invalid,
    };
    Ok(render(&state, uri, headers, locale, result).await)
}

/// Whether `token` could be a link's token (URL-safe base64).
pub(crate) fn is_token(token: &str) -> bool {
    !token.is_empty()
        && token
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
}

/// POST /r/{token}/cancel: cancels, then shows the private link's page
/// again (post, redirect, get), which says it is cancelled.
pub async fn cancel(
    _: FromThisSite,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(token): Path<String>,
) -> Answer {
    let now = chrono::Utc::now();
    (state.store)
        .cancel_registration(&token, &state.base_url, now)
        .await?;
    // Back to the link's page; a token that is no token (it holds what a
    // redirect cannot carry) names no page.
    if !is_token(&token) {
        return Err(Refusal::NotFound);
    }
    Ok(see_other(&locale.href(&convene::paths::private(&token))))
}
