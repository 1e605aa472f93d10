//! The read API: `/api/conferences` and `/api/conferences/{slug}/agenda`.

use super::ReadError;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::json;

fn error(e: ReadError) -> Response {
    match e {
        ReadError::NotFound => (
            StatusCode::NOT_FOUND,
            Json(json!({ "error": "no such conference" })),
        )
            .into_response(),
        ReadError::Store(error) => {
            tracing::error!(%error, "api read failed");
            (
                StatusCode::SERVICE_UNAVAILABLE,
                Json(json!({ "error": "the database is unavailable" })),
            )
                .into_response()
        }
    }
}

pub async fn conferences(State(state): State<AppState>) -> Response {
    match state.store.conferences(None).await {
        Ok(conferences) => {
            let items: Vec<_> = conferences
                .into_iter()
                .map(|c| {
                    let url = convene::paths::link(&state.base_url, &convene::paths::conference(&c.slug));
                    json!({
                        "url": url,
                        "agenda_url": format!("{}/api/conferences/{}/agenda", state.base_url, c.slug),
                        "conference": c,
                    })
                })
                .collect();
            Json(json!({ "conferences": items })).into_response()
        }
        Err(e) => error(e.into()),
    }
}

pub async fn agenda(State(state): State<AppState>, Path(slug): Path<String>) -> Response {
    match state.store.agenda(&slug).await {
        Ok(Some(agenda)) => Json(agenda).into_response(),
        Ok(None) => error(ReadError::NotFound),
        Err(e) => error(e.into()),
    }
}
