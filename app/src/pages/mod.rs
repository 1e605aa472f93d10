//! One module per page. Each reads its parameters, awaits its data through
//! a server function and renders; a missing conference, session or person
//! renders [`NotFound`] with status 404, a store failure [`Unavailable`]
//! with status 503.

mod agenda;
pub(crate) mod conference;
pub(crate) mod documents;
mod embed;
pub(crate) mod form;
mod home;
pub(crate) mod my_agenda;
mod news;
mod participants;
mod people;
mod private_link;
mod register;
mod session;
mod verify;

pub use agenda::AgendaPage;
pub use conference::ConferencePage;
pub use documents::DocumentPage;
pub use embed::{EmbedAgendaPage, EmbedUpcomingPage};
pub use home::{HomePage, TopicPage};
pub use my_agenda::MyAgendaPage;
pub use news::PostPage;
pub use participants::ParticipantsPage;
pub use people::{PeoplePage, PersonPage};
pub use private_link::PrivateLinkPage;
pub use register::{PrivacyPage, RegisterPage, RegisterSentPage, VerifyPage};
pub use session::SessionPage;
pub use verify::{get_verification, GetVerification, VerifyPaperPage};

use crate::components::Frame;
use crate::locale::Locale;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[cfg(feature = "ssr")]
pub(crate) fn set_status(code: u16) {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::from_u16(code).expect("valid status"));
    }
}

/// A page that is one person's (the back office, a private link): never
/// kept by a cache, shared or the browser's.
pub(crate) fn no_store() {
    #[cfg(feature = "ssr")]
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.insert_header(
            http::header::CACHE_CONTROL,
            http::HeaderValue::from_static("no-store"),
        );
    }
}

/// The page shows something that changes by the clock at `at` (a
/// session's livestream appearing, its recording replacing it): it says so
/// in `Expires`, and the server's kept pages are not answered past then.
/// `no-cache` with it: an edit in the back office changes the page too, so
/// a browser or proxy asks again each time rather than keeping the page
/// until `Expires` (public pages send no caching headers otherwise).
#[cfg(feature = "ssr")]
pub(crate) fn holds_until(at: Option<chrono::DateTime<chrono::Utc>>) {
    let Some(at) = at else { return };
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        let date = at.format("%a, %d %b %Y %H:%M:%S GMT").to_string();
        if let Ok(value) = http::HeaderValue::from_str(&date) {
            response.insert_header(http::header::EXPIRES, value);
            response.insert_header(
                http::header::CACHE_CONTROL,
                http::HeaderValue::from_static("no-cache"),
            );
        }
    }
}

/// The page for an address that names nothing: 404, in the visitor's language.
#[component]
pub fn NotFound() -> impl IntoView {
    message_page(404, "not-found", "not-found-title", "not-found-body", true)
}

/// The page when the data cannot be read just now: 503.
#[component]
pub fn Unavailable() -> impl IntoView {
    message_page(503, "unavailable", "error-title", "error-body", false)
}

fn message_page(
    status: u16,
    class: &'static str,
    title_key: &'static str,
    body_key: &'static str,
    home_link: bool,
) -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_status(status);
    #[cfg(not(feature = "ssr"))]
    let _ = status;
    let locale = Locale::current();
    let home = home_link
        .then(|| view! { <p><a href=locale.href("/")>{locale.t("not-found-home")}</a></p> });
    view! {
        <Frame title=locale.t(title_key)>
            <section class=format!("message {class}")>
                <h1>{locale.t(title_key)}</h1>
                <p>{locale.t(body_key)}</p>
                {home}
            </section>
        </Frame>
    }
}

/// A route parameter ("" when absent, which no slug matches).
pub(crate) fn param(name: &'static str) -> String {
    use_params_map()
        .read_untracked()
        .get(name)
        .unwrap_or_default()
}

/// Renders what `load` finds with `render`; the 404 page when it finds
/// nothing, the 503 page when the data cannot be read.
pub(crate) fn loaded<T, V>(
    load: impl std::future::Future<Output = Result<Option<T>, ServerFnError>> + Send + 'static,
    render: impl FnOnce(T) -> V + Send + 'static,
) -> impl IntoView
where
    T: Send + 'static,
    V: IntoView + 'static,
{
    view! {
        <Suspense>
            {Suspend::new(async move {
                match load.await {
                    Ok(Some(data)) => render(data).into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <Unavailable/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

/// Renders a conference's agenda with `render`, or the 404 / 503 page.
fn with_agenda<V: IntoView + 'static>(
    render: impl FnOnce(convene::Agenda) -> V + Send + 'static,
) -> impl IntoView {
    loaded(crate::api::get_agenda(param("slug")), render)
}

/// Renders a conference (without its agenda) with `render`, or the 404 /
/// 503 page.
fn with_conference<V: IntoView + 'static>(
    render: impl FnOnce(convene::Conference) -> V + Send + 'static,
) -> impl IntoView {
    loaded(crate::api::get_conference(param("slug")), render)
}
