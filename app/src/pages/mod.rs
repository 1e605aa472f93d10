//! One module per page. Each reads its parameters, awaits its data through
//! a server function and renders; a missing conference, session or person
//! renders [`NotFound`] with status 404, a store failure [`Unavailable`]
//! with status 503.

mod agenda;
mod conference;
mod home;
mod people;
mod session;

pub use agenda::AgendaPage;
pub use conference::ConferencePage;
pub use home::{HomePage, TopicPage};
pub use people::{PeoplePage, PersonPage};
pub use session::SessionPage;

use crate::components::Frame;
use crate::locale::Locale;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[cfg(feature = "ssr")]
fn set_status(code: u16) {
    if let Some(response) = use_context::<leptos_axum::ResponseOptions>() {
        response.set_status(http::StatusCode::from_u16(code).expect("valid status"));
    }
}

/// The page for an address that names nothing: 404, in the visitor's language.
#[component]
pub fn NotFound() -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_status(404);
    let locale = Locale::current();
    view! {
        <Frame title=locale.t("not-found-title")>
            <section class="message not-found">
                <h1>{locale.t("not-found-title")}</h1>
                <p>{locale.t("not-found-body")}</p>
                <p><a href=locale.href("/")>{locale.t("not-found-home")}</a></p>
            </section>
        </Frame>
    }
}

/// The page when the data cannot be read just now: 503.
#[component]
pub fn Unavailable() -> impl IntoView {
    #[cfg(feature = "ssr")]
    set_status(503);
    let locale = Locale::current();
    view! {
        <Frame title=locale.t("error-title")>
            <section class="message unavailable">
                <h1>{locale.t("error-title")}</h1>
                <p>{locale.t("error-body")}</p>
            </section>
        </Frame>
    }
}

/// A route parameter ("" when absent, which no slug matches).
fn param(name: &'static str) -> String {
    use_params_map()
        .read_untracked()
        .get(name)
        .unwrap_or_default()
}

/// Renders a conference's agenda with `render`, or the 404 / 503 page.
fn with_agenda<V: IntoView + 'static>(
    render: impl FnOnce(convene::Agenda) -> V + Send + 'static,
) -> impl IntoView {
    let slug = param("slug");
    view! {
        <Suspense>
            {Suspend::new(async move {
                match crate::api::get_agenda(slug).await {
                    Ok(Some(agenda)) => render(agenda).into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <Unavailable/> }.into_any(),
                }
            })}
        </Suspense>
    }
}
