//! The schedule for other tools: Frab XML, the schedule JSON and xCal, in
//! the request's language.

use super::ReadError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header::{ACCESS_CONTROL_ALLOW_ORIGIN, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use convene::schedule::Format;
use convene_app::Locale;

async fn answer(state: AppState, locale: Locale, slug: String, format: Format) -> Response {
    let agenda = match state.store.agenda(&slug).await {
        Ok(Some(agenda)) => agenda,
        Ok(None) => return ReadError::NotFound.into_text(locale),
        Err(e) => return ReadError::from(e).into_text(locale),
    };
    let (lang, base) = (locale.lang, state.base_url.as_str());
    let body = match format {
        Format::Frab => convene::schedule::frab(&agenda, lang, base),
        Format::Json => convene::schedule::json(&agenda, lang, base),
        Format::Xcal => convene::schedule::xcal(&agenda, lang, base, chrono::Utc::now()),
    };
    (
        [
            (CONTENT_TYPE, format.content_type()),
            // Public data that conference apps read from their own pages.
            (ACCESS_CONTROL_ALLOW_ORIGIN, "*"),
        ],
        body,
    )
        .into_response()
}

/// GET /conferences/{slug}/schedule.xml
pub async fn frab(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
) -> Response {
    answer(state, locale, slug, Format::Frab).await
}

/// GET /conferences/{slug}/schedule.json
pub async fn json(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
) -> Response {
    answer(state, locale, slug, Format::Json).await
}

/// GET /conferences/{slug}/agenda.xcs
pub async fn xcal(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
) -> Response {
    answer(state, locale, slug, Format::Xcal).await
}
