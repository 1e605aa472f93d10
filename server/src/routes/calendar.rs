//! iCalendar files: the whole agenda, or one session.

use super::ReadError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use convene_app::Locale;

fn ics(filename: &str, body: String) -> Response {
    (
        [
            (CONTENT_TYPE, "text/calendar; charset=utf-8".to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{filename}\""),
            ),
        ],
        body,
    )
        .into_response()
}

pub async fn agenda(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
) -> Response {
    let agenda = match state.store.agenda(&slug).await {
        Ok(Some(agenda)) => agenda,
        Ok(None) => return ReadError::NotFound.into_text(locale),
        Err(e) => return ReadError::from(e).into_text(locale),
    };
    let sessions: Vec<_> = agenda.sessions.iter().collect();
    let body = convene::ics::calendar(
        &agenda,
        &sessions,
        locale.lang,
        &state.base_url,
        chrono::Utc::now(),
    );
    ics(&format!("{slug}.ics"), body)
}

pub async fn session(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path((slug, session)): Path<(String, String)>,
) -> Response {
    let agenda = match state.store.agenda(&slug).await {
        Ok(Some(agenda)) => agenda,
        Ok(None) => return ReadError::NotFound.into_text(locale),
        Err(e) => return ReadError::from(e).into_text(locale),
    };
    let Some(one) = agenda.session(&session) else {
        return ReadError::NotFound.into_text(locale);
    };
    let body = convene::ics::calendar(
        &agenda,
        &[one],
        locale.lang,
        &state.base_url,
        chrono::Utc::now(),
    );
    ics(&format!("{slug}-{session}.ics"), body)
}
