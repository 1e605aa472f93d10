//! Server functions: the pages' way to the data. Each takes the [`Store`]
//! from context, calls the core and maps its error to one the page can show
//! without revealing anything of the database.
//!
//! [`Store`]: convene::store::Store

use convene::registration::RegistrationView;
use convene::{Agenda, Conference, Topic};
use leptos::prelude::*;

#[cfg(feature = "ssr")]
fn store() -> Result<convene::store::Store, ServerFnError> {
    use_context::<convene::store::Store>()
        .ok_or_else(|| ServerFnError::new("no database in context"))
}

#[cfg(feature = "ssr")]
fn unavailable(error: convene::store::StoreError) -> ServerFnError {
    tracing_error(&error);
    ServerFnError::new("the database is unavailable")
}

#[cfg(feature = "ssr")]
fn tracing_error(error: &convene::store::StoreError) {
    leptos::logging::error!("store: {error}");
}

/// Published topics.
#[server]
pub async fn list_topics() -> Result<Vec<Topic>, ServerFnError> {
    store()?.topics().await.map_err(unavailable)
}

/// Published conferences, all or of one topic.
#[server]
pub async fn list_conferences(topic: Option<String>) -> Result<Vec<Conference>, ServerFnError> {
    store()?
        .conferences(topic.as_deref())
        .await
        .map_err(unavailable)
}

/// A published conference with its agenda; `None` when there is none by that slug.
#[server]
pub async fn get_agenda(slug: String) -> Result<Option<Agenda>, ServerFnError> {
    store()?.agenda(&slug).await.map_err(unavailable)
}

/// The registration of a private link; `None` for a link that names none.
#[server]
pub async fn get_registration(token: String) -> Result<Option<RegistrationView>, ServerFnError> {
    store()?
        .registration_by_link(&token)
        .await
        .map_err(unavailable)
}
