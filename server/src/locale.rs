//! Language negotiation, before routing.
//!
//! `/fr/...` and `/ar/...` (and `/en/...`) name the language: the prefix is
//! stripped so that one set of routes serves all languages, and the choice is
//! remembered in a cookie. Unprefixed URLs use that cookie, then
//! Accept-Language, then English. The result travels to the pages as a
//! [`Locale`] in the request's extensions.

use axum::extract::Request;
use axum::http::header::{ACCEPT_LANGUAGE, SET_COOKIE, VARY};
use axum::http::{HeaderMap, HeaderValue, Uri};
use axum::middleware::Next;
use axum::response::Response;
use convene::Lang;
use convene_app::Locale;

pub const COOKIE_NAME: &str = "convene_lang";

/// Splits `/fr/conferences` into (fr, `/conferences`).
pub fn strip_prefix(path: &str) -> Option<(Lang, &str)> {
    let rest = path.strip_prefix('/')?;
    let (first, tail) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    Lang::parse(first)
        .ok()
        .map(|lang| (lang, if tail.is_empty() { "/" } else { tail }))
}

/// The language an embed's `lang` parameter names.
fn embedded_lang(path: &str, query: Option<&str>) -> Option<Lang> {
    if !path.starts_with("/embed/") {
        return None;
    }
    form_urlencoded::parse(query?.as_bytes())
        .find(|(name, _)| name == "lang")
        .and_then(|(_, value)| Lang::parse(&value).ok())
}

fn remembered(headers: &HeaderMap) -> Option<Lang> {
    convene_app::back_office::cookie(headers, COOKIE_NAME).and_then(|value| Lang::parse(value).ok())
}

fn accepted(headers: &HeaderMap) -> Option<Lang> {
    headers
        .get(ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(Lang::from_accept_language)
}

/// The middleware: decides the [`Locale`], rewrites the URI, remembers an
/// explicit choice.
pub async fn negotiate(secure_cookie: bool, mut request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let remembered = remembered(request.headers());
    let locale = match strip_prefix(&path) {
        Some((lang, rest)) => {
            let rewritten = match request.uri().query() {
                Some(query) => format!("{rest}?{query}"),
                None => rest.to_owned(),
            };
            if let Ok(uri) = rewritten.parse::<Uri>() {
                *request.uri_mut() = uri;
            }
            Locale {
                lang,
                prefixed: true,
            }
        }
        // An embed, framed by another site, follows that site's language by
        // its `lang` parameter; its links then keep it, as a prefix would.
        None => match embedded_lang(&path, request.uri().query()) {
            Some(lang) => Locale {
                lang,
                prefixed: true,
            },
            None => Locale {
                lang: remembered
                    .or_else(|| accepted(request.headers()))
                    .unwrap_or_default(),
                prefixed: false,
            },
        },
    };
    let embedded = path.starts_with("/embed/");
    request.extensions_mut().insert(locale);
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    if embedded {
        // Nothing remembered from inside another site's page: the choice
        // is the parent's, and the page stays one every visitor shares.
    } else if locale.prefixed {
        if remembered != Some(locale.lang) {
            let secure = if secure_cookie { "; Secure" } else { "" };
            let cookie = format!(
                "{COOKIE_NAME}={}; Path=/; Max-Age=31536000; SameSite=Lax{secure}",
                locale.lang.code()
            );
            if let Ok(value) = HeaderValue::from_str(&cookie) {
                headers.append(SET_COOKIE, value);
            }
        }
    } else if !path.starts_with("/pkg/") {
        // The same address answers in different languages: caches must know.
        headers.append(VARY, HeaderValue::from_static("Accept-Language, Cookie"));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_are_whole_segments() {
        assert_eq!(
            strip_prefix("/fr/conferences/x"),
            Some((Lang::Fr, "/conferences/x"))
        );
        assert_eq!(strip_prefix("/ar"), Some((Lang::Ar, "/")));
        assert_eq!(strip_prefix("/ar/"), Some((Lang::Ar, "/")));
        assert_eq!(strip_prefix("/french"), None);
        assert_eq!(strip_prefix("/conferences"), None);
        assert_eq!(strip_prefix("/"), None);
    }

    #[test]
    fn the_cookie_is_found_among_others() {
        use axum::http::header::COOKIE;
        let mut headers = HeaderMap::new();
        headers.insert(
            COOKIE,
            HeaderValue::from_static("a=1; convene_lang=ar; b=2"),
        );
        assert_eq!(remembered(&headers), Some(Lang::Ar));
        headers.insert(COOKIE, HeaderValue::from_static("convene_lang=de"));
        assert_eq!(remembered(&headers), None);
    }
}
