//! Routes that are not Leptos pages: feeds, calendars, the JSON API and the
//! health check, which only read; the form posts (`registration`, and the
//! back office's in `admin`), with their doors and refusals (`refusal`);
//! and the public pages kept as rendered (`published`).

// A handler takes one argument per thing it reads from the request (its
// door, the state, the language, the path, the form…): axum's way, which
// counting them would not make clearer.
#![allow(clippy::too_many_arguments)]

pub mod admin;
pub mod api;
pub mod calendar;
pub mod conditional;
pub mod feed;
pub mod files;
pub mod my_agenda;
pub mod papers;
pub mod published;
pub mod refusal;
pub mod registration;
pub mod schedule;

pub use refusal::{found, may, see_other, FromThisSite, Refusal, Staff};

use crate::state::AppState;
use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::header::{CONTENT_LENGTH, CONTENT_TYPE, HOST, ORIGIN};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use convene::store::{Store, StoreError};
use convene_app::{shell, Locale};

/// The largest body of a request that sends no file.
pub const BODY_LIMIT: usize = 256 * 1024;

/// Refuses a request whose address or body holds a NUL character (raw,
/// `%00`, or `\u0000` in JSON) with 400, before any handler: no field
/// means one, and PostgreSQL can neither store nor compare text with it,
/// so a NUL would otherwise reach the database as an error (a 503) rather
/// than as a mistake. The body is read here, up to [`BODY_LIMIT`] (413
/// past it), and handed on unchanged. A multipart body carries files, whose
/// bytes may be anything: it passes unread (only the forms that take files
/// read it, after their door), and its text fields meet their parsers,
/// which refuse control characters.
pub async fn refuse_nul(request: Request, next: axum::middleware::Next) -> Response {
    fn has_nul(bytes: &[u8]) -> bool {
        bytes.contains(&0)
            || bytes
                .windows(3)
                .any(|w| w[0] == b'%' && w[1] == b'0' && w[2] == b'0')
            || bytes.windows(6).any(|w| w.eq_ignore_ascii_case(b"\\u0000"))
    }
    let refuse = |request: &Request| {
        let locale = request
            .extensions()
            .get::<Locale>()
            .copied()
            .unwrap_or_default();
        (StatusCode::BAD_REQUEST, locale.t("error-nul")).into_response()
    };
    let address = request
        .uri()
        .path_and_query()
        .map(|p| p.as_str())
        .unwrap_or("");
    if has_nul(address.as_bytes()) {
        return refuse(&request);
    }
    let multipart = request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if request.method() == Method::GET || request.method() == Method::HEAD || multipart {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = match axum::body::to_bytes(body, BODY_LIMIT).await {
        Ok(bytes) => bytes,
        // Past the body limit (or cut off): the limit's own answer.
        Err(_) => return StatusCode::PAYLOAD_TOO_LARGE.into_response(),
    };
    let request = Request::from_parts(parts, Body::from(bytes.clone()));
    if has_nul(&bytes) {
        return refuse(&request);
    }
    next.run(request).await
}

/// A state-changing request runs to its end even when its client goes away
/// or its time runs out: it is spawned, so that dropping the connection
/// drops only the wait for its answer. Dropped half-way, a write would
/// leave its database connection inside a transaction, and SQLite locked
/// for every other writer.
pub async fn finish_writes(request: Request, next: axum::middleware::Next) -> Response {
    if request.method() == Method::GET || request.method() == Method::HEAD {
        return next.run(request).await;
    }
    let locale = request
        .extensions()
        .get::<Locale>()
        .copied()
        .unwrap_or_default();
    match tokio::spawn(next.run(request)).await {
        Ok(response) => response,
        Err(error) => {
            tracing::error!(%error, "a request failed");
            (StatusCode::INTERNAL_SERVER_ERROR, locale.t("error-body")).into_response()
        }
    }
}

/// Whether a state-changing request comes from this site.
///
/// - Its `Host` is the site's own (`CONVENE_BASE_URL`'s), an address
///   literal or `localhost`: a page that rebinds its own name to this
///   server's address (DNS rebinding) is same-origin to the browser, but
///   its requests name that page's host, so they are refused here.
/// - Its `Origin`, when sent, is the site's own, or that same host's; never
///   `null` (a sandboxed frame, a redirect from elsewhere).
/// - A browser (one that sends `Sec-Fetch-Site`) must say `same-origin`
///   and send its `Origin`, as every browser that knows the header does
///   with a post.
///
/// Requests with neither header are not from a browser: they carry no
/// ambient credentials (cookies) to abuse, and are let through.
pub fn same_origin(headers: &HeaderMap, base_url: &str) -> bool {
    let text = |name: &str| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let own = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let host = text(HOST.as_str()).unwrap_or("");
    let literal = host_is_literal(host);
    if !(host.eq_ignore_ascii_case(own) || literal) {
        return false;
    }
    let origin = text(ORIGIN.as_str());
    if let Some(site) = text(SEC_FETCH_SITE) {
        if site != "same-origin" || origin.is_none() {
            return false;
        }
    }
    match origin {
        None => true,
        Some(origin) => {
            origin.eq_ignore_ascii_case(base_url)
                || (literal
                    && origin
                        .split_once("://")
                        .is_some_and(|(_, rest)| rest.eq_ignore_ascii_case(host)))
        }
    }
}

const SEC_FETCH_SITE: &str = "sec-fetch-site";

/// A `Host` that names no domain: an IP address (with or without a port)
/// or localhost. A rebinding page cannot send one: its requests carry the
/// name it was loaded from.
fn host_is_literal(host: &str) -> bool {
    let name = if let Some(v6) = host.strip_prefix('[') {
        v6.split(']').next().unwrap_or("")
    } else {
        host.rsplit_once(':').map_or(host, |(name, _)| name)
    };
    name.eq_ignore_ascii_case("localhost") || name.parse::<std::net::IpAddr>().is_ok()
}

/// Renders the Leptos page at `uri` with `outcome` in the request.
pub async fn render<T: Clone + Send + Sync + 'static>(
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
    let options = state.leptos_options.clone();
    let page = leptos_axum::render_app_async_with_context(state.page_context(), move || {
        shell(options.clone())
    });
    page(request).await
}

/// What a read route can answer besides its content.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("not found")]
    NotFound,
    #[error(transparent)]
    Store(#[from] StoreError),
}

impl ReadError {
    /// A plain-text answer in the visitor's language.
    pub fn into_text(self, locale: Locale) -> Response {
        match self {
            ReadError::NotFound => {
                (StatusCode::NOT_FOUND, locale.t("not-found-body")).into_response()
            }
            ReadError::Store(error) => {
                tracing::error!(%error, "read failed");
                (StatusCode::SERVICE_UNAVAILABLE, locale.t("error-body")).into_response()
            }
        }
    }
}

/// `/healthz`: 200 when the database answers.
pub async fn health(State(store): State<Store>) -> Response {
    match store.ping().await {
        Ok(()) => (StatusCode::OK, "ok\n").into_response(),
        Err(error) => {
            tracing::warn!(%error, "health check failed");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable\n").into_response()
        }
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
        let ours = [("host", "convene.test")];
        let with = |extra: &[(&'static str, &'static str)]| {
            let mut all = ours.to_vec();
            all.extend_from_slice(extra);
            headers(&all)
        };
        // A browser on the site.
        assert!(same_origin(
            &with(&[
                ("sec-fetch-site", "same-origin"),
                ("origin", "http://convene.test")
            ]),
            base
        ));
        // Other sites, and a browser that hides where it posts from.
        for site in ["cross-site", "same-site", "none"] {
            assert!(!same_origin(
                &with(&[("sec-fetch-site", site), ("origin", "http://convene.test")]),
                base
            ));
        }
        assert!(!same_origin(
            &with(&[("sec-fetch-site", "same-origin")]),
            base
        ));
        assert!(!same_origin(&with(&[("origin", "null")]), base));
        assert!(!same_origin(
            &with(&[("origin", "https://evil.example")]),
            base
        ));
        // Served by address: the address is its own origin.
        assert!(same_origin(
            &headers(&[
                ("host", "127.0.0.1:3000"),
                ("origin", "http://127.0.0.1:3000")
            ]),
            base
        ));
        assert!(same_origin(
            &headers(&[("host", "[::1]:3000"), ("origin", "http://[::1]:3000")]),
            base
        ));
        assert!(!same_origin(
            &headers(&[
                ("host", "127.0.0.1:3000"),
                ("origin", "https://evil.example")
            ]),
            base
        ));
        // DNS rebinding: a name that is not the site's, Origin agreeing.
        assert!(!same_origin(
            &headers(&[("host", "evil.example"), ("origin", "http://evil.example")]),
            base
        ));
        assert!(!same_origin(&headers(&[("host", "evil.example")]), base));
        // Not a browser.
        assert!(same_origin(&with(&[]), base));
    }
}
