//! Routes that are not Leptos pages: feeds, calendars, the JSON API and the
//! health check, which only read; and the form posts of registration.

pub mod api;
pub mod calendar;
pub mod feed;
pub mod registration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use convene::store::{Store, StoreError};
use convene_app::Locale;

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
