//! The published pages, kept as rendered for a moment.
//!
//! Rendering the agenda reads the database several times; serving it from
//! memory is about fifty times faster, and a conference's opening hour is
//! thousands of visitors reading the same few pages. So the public pages,
//! as an anonymous visitor gets them, are kept here per language and
//! address, and answered from memory while they are fresh:
//!
//! - A change made in the back office (a post from a signed-in session that
//!   this instance answers with 2xx or 3xx) forgets every page at once, so
//!   an edit shows on the next read. Nothing a visitor without a session
//!   does shows on these pages (registrations are counted nowhere on
//!   them), so an anonymous post, failed or not, forgets nothing: a flood
//!   of them cannot keep every visitor's page rendering.
//! - A page answered from memory says how old it is (`Age`).
//! - A page is fresh for [`FRESH_FOR`]; then the first request renders it
//!   again while the others still get the kept one, never older than
//!   [`STALE_AT_MOST`]. That bounds what this instance cannot see: writes by
//!   another instance on the same PostgreSQL, by the command line, and the
//!   clock passing a registration window's edge.
//! - A page whose content changes by the clock (a session's livestream
//!   link appears 15 minutes before its start) says when in `Expires`,
//!   and is not answered from here from that instant on.
//! - Only `200`s without a cookie are kept, and only for requests that
//!   carry no cookie but the language's: a signed-in visitor's page is never
//!   shared.
//! - Each answer gets its own CSP nonce: the kept page remembers where its
//!   nonce stood, and a fresh one is put there for every response.
//!
//! It wraps the whole application, language negotiation included, inside
//! compression only, so that a kept page costs no routing: the key is what
//! decides the language (the address, the language cookie,
//! Accept-Language), and the page is kept with every header the layers
//! inside set.

use axum::body::{Body, Bytes};
use axum::extract::{Request, State};
use axum::http::header::{
    ACCEPT_LANGUAGE, AGE, CONTENT_LENGTH, CONTENT_SECURITY_POLICY, COOKIE, EXPIRES, SET_COOKIE,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use convene::store::Store;
use convene_app::back_office::{cookie, SESSION_COOKIE};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long a kept page may be answered without rendering it again.
pub const FRESH_FOR: Duration = Duration::from_secs(1);
/// A kept page is never answered past this age, even while it is being
/// rendered again.
pub const STALE_AT_MOST: Duration = Duration::from_secs(3);
/// At most this many bytes of pages are kept (the agenda of Mechelen is
/// about 15 KB; the memory target of the whole server is 64 MB).
const MAX_BYTES: usize = 4 << 20;
/// A page larger than this is answered but not kept.
const MAX_PAGE: usize = 512 << 10;

/// The kept pages of one running application, and the store that tells
/// a signed-in session's post from an anonymous one.
#[derive(Clone)]
pub struct Published {
    pages: Arc<Mutex<Pages>>,
    store: Store,
}

#[derive(Default)]
struct Pages {
    /// Counts the changes answered: a page rendered before the last one is
    /// stale.
    changes: u64,
    bytes: usize,
    pages: HashMap<String, Arc<Page>>,
}

struct Page {
    changes: u64,
    at: Instant,
    /// A request is rendering it again (it is past [`FRESH_FOR`]).
    refreshing: AtomicBool,
    /// What the page shows changes by the clock then (a session's
    /// livestream appears): it says so in `Expires`, and is not answered
    /// from here from that instant on.
    turns_at: Option<chrono::DateTime<chrono::Utc>>,
    headers: HeaderMap,
    /// The body cut where its nonce stood (one piece when it has none).
    body: Vec<Bytes>,
    /// The CSP cut the same way, when the page has a nonced one.
    policy: Option<Vec<String>>,
    len: usize,
}

/// The public read routes, and only those: never the back office, a
/// private link, the registration form (its address may carry an
/// invitation) or the health check.
fn public(path: &str) -> bool {
    let segments: Vec<&str> = path.trim_matches('/').split('/').collect();
    match segments.as_slice() {
        [""] | ["feed.atom" | "feed.rss"] => true,
        ["topics", _] | ["topics", _, "feed.atom" | "feed.rss"] => true,
        ["news", _] => true,
        ["api", "conferences"] | ["api", "conferences", _, "agenda"] => true,
        ["conferences", _] => true,
        ["conferences", _, page] => matches!(
            *page,
            "agenda"
                | "agenda.ics"
                | "agenda.xcs"
                | "schedule.xml"
                | "schedule.json"
                | "participants"
                | "people"
                | "privacy"
                | "feed.atom"
                | "feed.rss"
        ),
        ["embed", "upcoming"] | ["embed", "topics", _, "upcoming"] => true,
        ["embed", "conferences", _, "agenda"] => true,
        ["conferences", _, "sessions", _] => true,
        ["conferences", _, "sessions", _, "calendar.ics"] => true,
        ["conferences", _, "people", _] => true,
        _ => false,
    }
}

/// The key a request's page is kept under, if it may be shared: what
/// decides its language, and its address.
fn key(request: &Request) -> Option<String> {
    let path = request.uri().path();
    let unprefixed = crate::locale::strip_prefix(path).map_or(path, |(_, rest)| rest);
    if !public(unprefixed) {
        return None;
    }
    let text = |name| {
        let mut values = request.headers().get_all(name).iter();
        match (values.next(), values.next()) {
            (None, _) => Some(""),
            (Some(value), None) => value.to_str().ok(),
            // Repeated: not worth sorting out.
            (Some(_), Some(_)) => None,
        }
    };
    let cookie = text(COOKIE)?;
    // The language cookie decides the language; any other cookie may be a
    // session, whose pages are not shared.
    let only_language = cookie.split(';').all(|pair| {
        let name = pair.split('=').next().unwrap_or("").trim();
        name.is_empty() || name == crate::locale::COOKIE_NAME
    });
    if !only_language {
        return None;
    }
    let languages = text(ACCEPT_LANGUAGE)?;
    let address = request.uri().path_and_query()?.as_str();
    Some(format!("{languages}\n{cookie}\n{address}"))
}

/// The middleware: answers a fresh kept page, or renders and keeps it;
/// forgets all pages when a change is answered.
pub async fn serve(State(published): State<Published>, request: Request, next: Next) -> Response {
    let method = request.method().clone();
    if method != Method::GET {
        let session = cookie(request.headers(), SESSION_COOKIE).map(str::to_owned);
        let response = next.run(request).await;
        let answered = response.status().is_success() || response.status().is_redirection();
        if method != Method::HEAD && answered {
            if let Some(session) = session {
                // Asked after the answer: signing out ends the session
                // (and changes no page).
                match published
                    .store
                    .session_open(&session, chrono::Utc::now())
                    .await
                {
                    Ok(false) => {}
                    // When unsure, forget: a page rendered again costs little.
                    Ok(true) | Err(_) => published.changed(),
                }
            }
        }
        return response;
    }
    let Some(key) = key(&request) else {
        return next.run(request).await;
    };
    let (changes, kept) = published.find(&key);
    if let Some(page) = kept {
        return page.answer();
    }
    let response = next.run(request).await;
    if response.status() != StatusCode::OK || !shareable_cookies(response.headers()) {
        // Not to be kept: the next request renders it too.
        published.forget(&key);
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, usize::MAX).await else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if bytes.len() <= MAX_PAGE {
        parts.headers.remove(CONTENT_LENGTH);
        published.keep(
            key,
            Page::new(changes, parts.headers.clone(), bytes.clone()),
        );
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// Whether the cookies an answer sets may go to everyone who asks the same
/// address with the same cookies: none, or only the language's (a prefixed
/// address sets it to its own language, the same for every such visitor;
/// without this, every feed reader and first visit of `/ar/…` was rendered
/// again, as they keep no cookie).
fn shareable_cookies(headers: &HeaderMap) -> bool {
    headers.get_all(SET_COOKIE).iter().all(|value| {
        value
            .to_str()
            .is_ok_and(|v| v.starts_with(&format!("{}=", crate::locale::COOKIE_NAME)))
    })
}

impl Published {
    pub fn new(store: Store) -> Published {
        Published {
            pages: Arc::default(),
            store,
        }
    }

    fn changed(&self) {
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        pages.changes += 1;
        pages.pages.clear();
        pages.bytes = 0;
    }

    /// The count of changes now, and the page under `key` if it may be
    /// answered: fresh, or not too stale while another request renders it.
    fn find(&self, key: &str) -> (u64, Option<Arc<Page>>) {
        let pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        let page = pages
            .pages
            .get(key)
            .filter(|page| {
                let age = page.at.elapsed();
                page.changes == pages.changes
                    && page.holds_at(chrono::Utc::now())
                    && (age < FRESH_FOR
                        || (age < STALE_AT_MOST && page.refreshing.swap(true, Ordering::Relaxed)))
            })
            .cloned();
        (pages.changes, page)
    }

    fn forget(&self, key: &str) {
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(old) = pages.pages.remove(key) {
            pages.bytes -= old.len;
        }
    }

    fn keep(&self, key: String, page: Page) {
        let mut pages = self.pages.lock().unwrap_or_else(|e| e.into_inner());
        // Rendered before a change that has been answered since: stale.
        if page.changes != pages.changes {
            return;
        }
        if pages.bytes + page.len > MAX_BYTES {
            let changes = pages.changes;
            pages
                .pages
                .retain(|_, kept| kept.changes == changes && kept.at.elapsed() < STALE_AT_MOST);
            pages.bytes = pages.pages.values().map(|kept| kept.len).sum();
            if pages.bytes + page.len > MAX_BYTES {
                return;
            }
        }
        pages.bytes += page.len;
        if let Some(old) = pages.pages.insert(key, Arc::new(page)) {
            pages.bytes -= old.len;
        }
    }
}

impl Page {
    /// Whether what the page shows still holds at `now`.
    fn holds_at(&self, now: chrono::DateTime<chrono::Utc>) -> bool {
        self.turns_at.is_none_or(|at| now < at)
    }

    fn new(changes: u64, headers: HeaderMap, bytes: Bytes) -> Page {
        let policy = headers
            .get(CONTENT_SECURITY_POLICY)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned);
        let nonce = policy
            .as_deref()
            .and_then(|policy| policy.split("'nonce-").nth(1))
            .and_then(|rest| rest.split('\'').next())
            .filter(|nonce| !nonce.is_empty());
        let len = bytes.len();
        let turns_at = headers
            .get(EXPIRES)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| chrono::DateTime::parse_from_rfc2822(v).ok())
            .map(|at| at.with_timezone(&chrono::Utc));
        let (body, policy) = match (nonce, &policy, std::str::from_utf8(&bytes)) {
            (Some(nonce), Some(policy), Ok(text)) => {
                let mut body = vec![];
                let mut at = 0;
                for piece in text.split(nonce) {
                    body.push(bytes.slice(at..at + piece.len()));
                    at += piece.len() + nonce.len();
                }
                let policy = policy.split(nonce).map(str::to_owned).collect();
                (body, Some(policy))
            }
            _ => (vec![bytes.clone()], None),
        };
        Page {
            changes,
            at: Instant::now(),
            refreshing: AtomicBool::new(false),
            turns_at,
            headers,
            body,
            policy,
            len,
        }
    }

    /// The kept page, with a nonce of its own.
    fn answer(&self) -> Response {
        let nonce = leptos::nonce::Nonce::new().to_string();
        let mut body = Vec::with_capacity(self.len + nonce.len() * self.body.len());
        for (i, piece) in self.body.iter().enumerate() {
            if i > 0 {
                body.extend_from_slice(nonce.as_bytes());
            }
            body.extend_from_slice(piece);
        }
        let mut response = Response::new(Body::from(body));
        *response.headers_mut() = self.headers.clone();
        response
            .headers_mut()
            .insert(AGE, HeaderValue::from(self.at.elapsed().as_secs()));
        if let Some(policy) = &self.policy {
            if let Ok(value) = HeaderValue::from_str(&policy.join(&nonce)) {
                response
                    .headers_mut()
                    .insert(CONTENT_SECURITY_POLICY, value);
            }
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_public_reads_are_shared() {
        for path in [
            "/",
            "/feed.atom",
            "/feed.rss",
            "/topics/migration",
            "/topics/migration/feed.rss",
            "/conferences/mechelen-2017/feed.atom",
            "/news/mechelen-declaration",
            "/conferences/mechelen-2017",
            "/conferences/mechelen-2017/agenda",
            "/conferences/mechelen-2017/sessions/opening",
            "/conferences/mechelen-2017/people/ada",
            "/api/conferences/mechelen-2017/agenda",
        ] {
            assert!(public(path), "{path}");
        }
        for path in [
            "/admin",
            "/admin/conferences/mechelen-2017",
            "/conferences/mechelen-2017/register",
            "/conferences/mechelen-2017/register/sent",
            "/r/abc",
            "/r/verify/abc",
            "/healthz",
            "/pkg/convene.wasm",
            "/conferences/mechelen-2017/agenda/x",
        ] {
            assert!(!public(path), "{path}");
        }
    }

    #[test]
    fn a_page_that_changes_by_the_clock_is_not_kept_past_then() {
        let turn = chrono::DateTime::parse_from_rfc3339("2017-11-16T08:45:00Z")
            .unwrap()
            .with_timezone(&chrono::Utc);
        let mut headers = HeaderMap::new();
        headers.insert(
            EXPIRES,
            HeaderValue::from_static("Thu, 16 Nov 2017 08:45:00 GMT"),
        );
        let page = Page::new(0, headers, Bytes::from_static(b"<p>soon</p>"));
        assert_eq!(page.turns_at, Some(turn));
        assert!(page.holds_at(turn - chrono::Duration::seconds(1)));
        assert!(!page.holds_at(turn));
        let plain = Page::new(0, HeaderMap::new(), Bytes::from_static(b"<p>always</p>"));
        assert!(plain.holds_at(turn + chrono::Duration::days(3650)));
    }

    #[test]
    fn only_the_language_cookie_may_be_shared() {
        let with = |cookies: &[&str]| {
            let mut headers = HeaderMap::new();
            for cookie in cookies {
                headers.append(SET_COOKIE, HeaderValue::from_str(cookie).unwrap());
            }
            shareable_cookies(&headers)
        };
        assert!(with(&[]));
        assert!(with(&[
            "convene_lang=ar; Path=/; Max-Age=31536000; SameSite=Lax"
        ]));
        assert!(!with(&["convene_session=secret; Path=/"]));
        assert!(!with(&[
            "convene_lang=ar; Path=/",
            "convene_session=secret"
        ]));
    }

    #[test]
    fn signed_in_visitors_pages_are_not_shared() {
        let request = |path: &str, cookie: Option<&str>| {
            let mut request = Request::get(path);
            if let Some(cookie) = cookie {
                request = request.header(COOKIE, cookie);
            }
            key(&request.body(Body::empty()).unwrap())
        };
        let agenda = "/conferences/mechelen-2017/agenda";
        assert!(request(agenda, None).is_some());
        assert!(request("/fr/conferences/mechelen-2017/agenda", None).is_some());
        assert!(request("/fr/admin", None).is_none());
        assert!(request(agenda, Some("convene_lang=fr")).is_some());
        assert_ne!(
            request(agenda, Some("convene_lang=fr")),
            request(agenda, None)
        );
        assert!(request(agenda, Some("convene_session=secret")).is_none());
        assert!(request(agenda, Some("convene_lang=fr; convene_session=secret")).is_none());
    }

    #[test]
    fn a_kept_page_gets_a_new_nonce_everywhere_its_old_one_stood() {
        let mut headers = HeaderMap::new();
        headers.insert(
            CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("script-src 'nonce-OLDNONCE' 'strict-dynamic'"),
        );
        let page = Page::new(
            0,
            headers,
            Bytes::from_static(b"<script nonce=\"OLDNONCE\">a</script><p>b</p><script nonce=\"OLDNONCE\"></script>"),
        );
        let first = page.answer();
        let second = page.answer();
        let policy = |r: &Response| {
            r.headers()[CONTENT_SECURITY_POLICY]
                .to_str()
                .unwrap()
                .to_owned()
        };
        let (p1, p2) = (policy(&first), policy(&second));
        assert_ne!(p1, p2);
        assert!(!p1.contains("OLDNONCE"));
        let nonce = p1
            .split("'nonce-")
            .nth(1)
            .unwrap()
            .split('\'')
            .next()
            .unwrap();
        let body = futures::executor::block_on(axum::body::to_bytes(first.into_body(), usize::MAX))
            .unwrap();
        assert_eq!(
            std::str::from_utf8(&body).unwrap(),
            format!(
                "<script nonce=\"{nonce}\">a</script><p>b</p><script nonce=\"{nonce}\"></script>"
            )
        );
    }
}
