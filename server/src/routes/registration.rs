//! The form posts of registration. Each checks that it comes from this
//! site, then parses, calls the store, and either redirects (post, redirect,
//! get) or renders the page again with what happened, so that the form works
//! without JavaScript and keeps what was typed.

use crate::startup::AppState;
use axum::body::Body;
use axum::extract::{Path, Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, HOST, ORIGIN};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Extension, Form};
use convene::registration::{NewRegistration, RegistrationForm};
use convene::store::Verified;
use convene_app::submission::{Submission, VerifyResult};
use convene_app::{shell, Locale};
use leptos::prelude::provide_context;

/// Whether a state-changing request comes from this site: the browser's
/// Sec-Fetch-Site says so, or its Origin is this site. Requests with neither
/// (not from a browser) carry no ambient credentials to abuse.
pub fn same_origin(headers: &HeaderMap, base_url: &str) -> bool {
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok()) {
        return matches!(site, "same-origin" | "none");
    }
    let Some(origin) = headers.get(ORIGIN).and_then(|v| v.to_str().ok()) else {
        return true;
    };
    let host = headers
        .get(HOST)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    origin == base_url
        || (!host.is_empty() && origin.split_once("://").map(|(_, h)| h) == Some(host))
}

/// The store could not do it: 503, and "try again in a moment".
fn unavailable(locale: Locale, what: &str, error: convene::store::StoreError) -> Response {
    tracing::error!(%error, "{what}");
    (StatusCode::SERVICE_UNAVAILABLE, locale.t("error-body")).into_response()
}

fn forbidden(locale: Locale) -> Response {
    (StatusCode::FORBIDDEN, locale.t("error-body")).into_response()
}

/// Renders the Leptos page at `uri` with `outcome` in the request.
async fn render<T: Clone + Send + Sync + 'static>(
    state: &AppState,
    uri: Uri,
    mut headers: HeaderMap,
    locale: Locale,
    outcome: T,
) -> Response {
    headers.remove(CONTENT_LENGTH);
    headers.remove(CONTENT_TYPE);
    let mut request = Request::new(Body::empty());
    *request.method_mut() = Method::GET;
    *request.uri_mut() = uri;
    *request.headers_mut() = headers;
    request.extensions_mut().insert(locale);
    request.extensions_mut().insert(outcome);
    let store = state.store.clone();
    let options = state.leptos_options.clone();
    let page = leptos_axum::render_app_async_with_context(
        move || provide_context(store.clone()),
        move || shell(options.clone()),
    );
    page(request).await
}

/// POST /conferences/{slug}/register
pub async fn submit(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    Form(form): Form<RegistrationForm>,
) -> Response {
    if !same_origin(&headers, &state.base_url) {
        return forbidden(locale);
    }
    let registration = match NewRegistration::try_from(&form) {
        Ok(registration) => registration,
        Err(errors) => {
            return render(&state, uri, headers, locale, Submission { form, errors }).await
        }
    };
    let now = chrono::Utc::now();
    match state
        .store
        .submit_registration(&slug, &registration, locale.lang, &state.base_url, now)
        .await
    {
        Ok(Some(_)) => Redirect::to(&locale.href(&format!("/conferences/{slug}/register/sent")))
            .into_response(),
        // No such conference: the page says so, with its 404.
        Ok(None) => render(&state, uri, headers, locale, Submission::default()).await,
        Err(error) => unavailable(locale, "registration failed", error),
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
        Ok(Verified::AlreadyUsed | Verified::Unknown) => VerifyResult::Invalid,
        Err(error) => return unavailable(locale, "verification failed", error),
    };
    render(&state, uri, headers, locale, result).await
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
        Ok(_) => Redirect::to(&locale.href(&format!("/r/{token}"))).into_response(),
        Err(error) => unavailable(locale, "cancellation failed", error),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn headers(pairs: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(*k, HeaderValue::from_static(v));
        }
        h
    }

    #[test]
    fn cross_site_posts_are_refused() {
        let base = "http://convene.test";
        assert!(same_origin(
            &headers(&[("sec-fetch-site", "same-origin")]),
            base
        ));
        assert!(!same_origin(
            &headers(&[("sec-fetch-site", "cross-site")]),
            base
        ));
        assert!(!same_origin(
            &headers(&[("sec-fetch-site", "same-site")]),
            base
        ));
        assert!(same_origin(
            &headers(&[("origin", "http://convene.test")]),
            base
        ));
        assert!(same_origin(
            &headers(&[
                ("origin", "http://127.0.0.1:3000"),
                ("host", "127.0.0.1:3000")
            ]),
            base
        ));
        assert!(!same_origin(
            &headers(&[
                ("origin", "https://evil.example"),
                ("host", "127.0.0.1:3000")
            ]),
            base
        ));
        assert!(same_origin(&headers(&[]), base));
    }
}
