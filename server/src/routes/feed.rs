//! Atom feeds: every published conference, and those of one topic.

use super::ReadError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Response};
use axum::Extension;
use convene_app::Locale;

fn atom(body: String) -> Response {
    (
        [(CONTENT_TYPE, "application/atom+xml; charset=utf-8")],
        body,
    )
        .into_response()
}

/// The site's address in the visitor's language, for the feed's links.
fn site(state: &AppState, locale: Locale) -> String {
    format!(
        "{}{}",
        state.base_url,
        locale.href("/").trim_end_matches('/')
    )
}

pub async fn all(State(state): State<AppState>, Extension(locale): Extension<Locale>) -> Response {
    match state.store.conferences(None).await {
        Ok(conferences) => {
            let base = site(&state, locale);
            let title = format!("{} · {}", locale.t("site-name"), locale.t("home-title"));
            atom(convene::feed::atom(
                &title,
                &format!("{base}/feed.atom"),
                &base,
                &conferences,
                locale.lang,
            ))
        }
        Err(e) => ReadError::from(e).into_text(locale),
    }
}

pub async fn topic(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(topic): Path<String>,
) -> Response {
    let topics = match state.store.topics().await {
        Ok(topics) => topics,
        Err(e) => return ReadError::from(e).into_text(locale),
    };
    let Some(topic) = topics.into_iter().find(|t| t.slug.as_str() == topic) else {
        return ReadError::NotFound.into_text(locale);
    };
    match state.store.conferences(Some(topic.slug.as_str())).await {
        Ok(conferences) => {
            let base = site(&state, locale);
            let title = locale.t_args("topic-title", &[("topic", topic.name.get(locale.lang))]);
            let self_url = format!("{base}/topics/{}/feed.atom", topic.slug);
            atom(convene::feed::atom(
                &title,
                &self_url,
                &base,
                &conferences,
                locale.lang,
            ))
        }
        Err(e) => ReadError::from(e).into_text(locale),
    }
}
