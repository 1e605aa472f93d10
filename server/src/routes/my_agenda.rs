//! A delegate's own agenda: a star set or cleared from the private link's
//! agenda (a form post, or the same post sent by the page's script), and
//! the calendar feed calendar programs subscribe to.

use super::{see_other, FromThisSite, Refusal};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header::{ACCEPT, CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use convene::my_agenda::StarWish;
use convene::store::Starred;
use convene_app::Locale;

/// POST /r/{token}/stars: `session` starred (`starred=on`) or not
/// (`off`). A browser without script is sent back to the agenda, at the
/// session; the page's script asks for JSON (`Accept`) and gets the new
/// state and count.
pub async fn star(
    _: FromThisSite,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(token): Path<String>,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, Refusal> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let wish = StarWish::parse(&pairs).ok_or(Refusal::Unprocessable)?;
    let starred = (state.store)
        .star(&token, &wish, chrono::Utc::now())
        .await?;
    let wants_json = headers
        .get(ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.contains("application/json"));
    let count = match starred {
        Starred::NoLink | Starred::NoSession => return Err(Refusal::NotFound),
        Starred::Closed if wants_json => return Ok(StatusCode::CONFLICT.into_response()),
        Starred::Closed => None,
        Starred::Saved { count } => Some(count),
    };
    if wants_json {
        return Ok(Json(serde_json::json!({
            "starred": wish.starred,
            "count": count,
        }))
        .into_response());
    }
    // Back where the form was: the whole agenda or only the delegate's.
    let mine = pairs.iter().any(|(n, v)| n == "mine" && v == "1");
    // A token that is no token names no page (and could not be a
    // redirect's address).
    if !super::registration::is_token(&token) {
        return Err(Refusal::NotFound);
    }
    let page = locale.href(&convene::paths::my_agenda(&token, mine));
    Ok(see_other(&format!("{page}#s-{}", wish.session)))
}

/// GET /my-agenda/{id}/{key}/calendar.ics: the delegate's sessions, in
/// their language, written at each fetch.
pub async fn calendar(
    State(state): State<AppState>,
    Path((id, key)): Path<(String, String)>,
) -> Result<Response, Refusal> {
    let id: i64 = id.parse().map_err(|_| Refusal::NotFound)?;
    let feed = (state.store)
        .calendar_feed(id, &key)
        .await?
        .ok_or(Refusal::NotFound)?;
    let agenda = (state.store)
        .agenda(&feed.conference)
        .await?
        .ok_or(Refusal::NotFound)?;
    let sessions: Option<Vec<_>> = feed.sessions.as_ref().map(|chosen| {
        agenda
            .sessions
            .iter()
            .filter(|s| chosen.iter().any(|slug| slug == s.slug.as_str()))
            .collect()
    });
    let lang = convene::Lang::parse(&feed.lang).unwrap_or_default();
    let body = convene::ics::subscribed_calendar(
        &agenda,
        sessions.as_deref(),
        lang,
        &state.base_url,
        chrono::Utc::now(),
    );
    Ok((
        [
            (CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("inline; filename=\"{}.ics\"", feed.conference),
            ),
            // One person's: no shared cache keeps it, and a program asks
            // again rather than trusting its copy.
            (CACHE_CONTROL, "private, no-cache".to_owned()),
        ],
        body,
    )
        .into_response())
}
