//! Conditional GET (RFC 9110, 13.1): an answer that carries validators
//! (`ETag`, `Last-Modified`: the feeds do) becomes a bodiless 304 when the
//! client already holds it. It wraps the kept public pages, so a kept feed
//! costs an aggregator nothing either.

use axum::body::Body;
use axum::extract::Request;
use axum::http::header::{
    CACHE_CONTROL, ETAG, EXPIRES, IF_MODIFIED_SINCE, IF_NONE_MATCH, LAST_MODIFIED, VARY,
};
use axum::http::{HeaderMap, Method, StatusCode};
use axum::middleware::Next;
use axum::response::Response;
use chrono::{DateTime, Utc};

pub async fn answer(request: Request, next: Next) -> Response {
    let read = matches!(*request.method(), Method::GET | Method::HEAD);
    let asked = (
        request.headers().get(IF_NONE_MATCH).cloned(),
        request.headers().get(IF_MODIFIED_SINCE).cloned(),
    );
    let response = next.run(request).await;
    if !read || response.status() != StatusCode::OK || !unchanged(asked, response.headers()) {
        return response;
    }
    let mut not_modified = Response::new(Body::empty());
    *not_modified.status_mut() = StatusCode::NOT_MODIFIED;
    for name in [ETAG, LAST_MODIFIED, CACHE_CONTROL, EXPIRES, VARY] {
        if let Some(value) = response.headers().get(&name) {
            not_modified.headers_mut().insert(name, value.clone());
        }
    }
    not_modified
}

/// Whether the client's copy is the answer's: `If-None-Match` decides when
/// sent (weak comparison, as for a GET), else `If-Modified-Since`.
fn unchanged(
    (none_match, modified_since): (
        Option<axum::http::HeaderValue>,
        Option<axum::http::HeaderValue>,
    ),
    answer: &HeaderMap,
) -> bool {
    let weak = |tag: &str| tag.trim().trim_start_matches("W/").to_owned();
    if let Some(none_match) = none_match {
        let Some(tag) = answer.get(ETAG).and_then(|t| t.to_str().ok()) else {
            return false;
        };
        let tag = weak(tag);
        return none_match
            .to_str()
            .unwrap_or("")
            .split(',')
            .any(|sent| sent.trim() == "*" || weak(sent) == tag);
    }
    let date = |value: &axum::http::HeaderValue| {
        value
            .to_str()
            .ok()
            .and_then(|v| DateTime::parse_from_rfc2822(v).ok())
            .map(|d| d.with_timezone(&Utc))
    };
    match (
        modified_since.as_ref().and_then(date),
        answer.get(LAST_MODIFIED).and_then(date),
    ) {
        (Some(since), Some(modified)) => modified <= since,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    fn answer_with(tag: &str, modified: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(ETAG, HeaderValue::from_str(tag).unwrap());
        headers.insert(LAST_MODIFIED, HeaderValue::from_str(modified).unwrap());
        headers
    }

    #[test]
    fn a_matching_tag_or_an_old_enough_date_means_unchanged() {
        let answer = answer_with("W/\"abc\"", "Fri, 17 Nov 2017 16:00:00 GMT");
        let tag = |t: &str| (Some(HeaderValue::from_str(t).unwrap()), None);
        assert!(unchanged(tag("W/\"abc\""), &answer));
        assert!(unchanged(tag("\"abc\""), &answer));
        assert!(unchanged(tag("\"x\", W/\"abc\""), &answer));
        assert!(unchanged(tag("*"), &answer));
        assert!(!unchanged(tag("W/\"abd\""), &answer));
        let since = |d: &str| (None, Some(HeaderValue::from_str(d).unwrap()));
        assert!(unchanged(since("Fri, 17 Nov 2017 16:00:00 GMT"), &answer));
        assert!(!unchanged(since("Fri, 17 Nov 2017 15:59:59 GMT"), &answer));
        assert!(!unchanged(since("yesterday"), &answer));
        // A tag sent decides, whatever the date says.
        let both = (
            Some(HeaderValue::from_static("\"other\"")),
            Some(HeaderValue::from_static("Fri, 17 Nov 2030 16:00:00 GMT")),
        );
        assert!(!unchanged(both, &answer));
        assert!(!unchanged((None, None), &answer));
    }
}
