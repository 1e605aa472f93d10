//! The back office: one module per domain, each with its pages and the
//! server functions they read through. What each page may show is decided
//! inside its server function, by [`crate::back_office::admit`], and
//! answered as an [`Access`].

mod accounts;
mod agenda;
mod agenda_forms;
mod audit;
mod badge_colours;
mod branding;
mod check_in;
mod conferences;
mod documents;
mod home;
mod invitations;
mod mail;
mod materials;
mod news;
mod paper_wording;
mod pass_camera;
mod people;
mod registrations;
mod session_checks;
mod sharing;
mod templates;

pub use accounts::*;
pub use agenda::*;
pub use audit::*;
pub use badge_colours::*;
pub use branding::*;
pub use check_in::*;
pub use conferences::*;
pub use documents::*;
pub use home::*;
pub use invitations::*;
pub use mail::*;
pub use news::*;
pub use paper_wording::*;
pub use pass_camera::*;
pub use people::*;
pub use registrations::*;
pub use session_checks::{check_session, CheckSession};
pub use sharing::*;
pub use templates::*;

use crate::back_office::Access;
use crate::components::Frame;
use crate::locale::Locale;
use crate::pages::{NotFound, Unavailable};
use convene::Conference;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A moment in the venue's time, as the back office lists it
/// ("2017-11-16 09:30 CET"): organisers think in the conference's clock.
pub(crate) fn at_venue(zone: &convene::VenueZone, at: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "{} {}",
        zone.local(at).format("%Y-%m-%d %H:%M"),
        zone.abbreviation(at)
    )
}

/// Back-office pages are never cached: they are one account's.
pub(crate) fn private() {
    crate::pages::no_store();
}

/// Renders what a back-office server function allows: the page, or a
/// redirect to sign in, or 403, 404, 503.
pub(crate) fn guarded<T, V>(
    load: impl std::future::Future<Output = Result<Access<T>, ServerFnError>> + Send + 'static,
    render: impl FnOnce(T) -> V + Send + 'static,
) -> impl IntoView
where
    T: Send + 'static,
    V: IntoView + 'static,
{
    private();
    view! {
        <Suspense>
            {Suspend::new(async move {
                match load.await {
                    Ok(Access::Granted(data)) => render(data).into_any(),
                    Ok(Access::SignIn) => {
                        let locale = Locale::current();
                        let href = locale.href(convene::paths::admin::SIGN_IN);
                        #[cfg(feature = "ssr")]
                        leptos_axum::redirect(&href);
                        view! { <p><a href=href>{locale.t("admin-sign-in-title")}</a></p> }.into_any()
                    }
                    Ok(Access::Forbidden) => view! { <Forbidden/> }.into_any(),
                    Ok(Access::NotFound) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <Unavailable/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Forbidden() -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::pages::set_status(403);
    let locale = Locale::current();
    view! {
        <Frame title=locale.t("admin-forbidden-title")>
            <section class="message forbidden">
                <h1>{locale.t("admin-forbidden-title")}</h1>
                <p>{locale.t("admin-forbidden-body")}</p>
                <p><a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-home")}</a></p>
            </section>
        </Frame>
    }
}

/// The sign-out button, on every signed-in page.
#[component]
pub(crate) fn SignedInAs(email: String) -> impl IntoView {
    let locale = Locale::current();
    view! {
        <form class="signed-in" method="post" action=locale.href(convene::paths::admin::SIGN_OUT)>
            <span>{locale.t_args("admin-signed-in-as", &[("email", &email)])}</span>
            " "
            <button type="submit">{locale.t("admin-sign-out")}</button>
        </form>
    }
}

/// A conference as the back office lists it, with the account's role
/// there (`None` for an administrator without one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Desk {
    pub conference: Conference,
    pub role: Option<convene::account::StaffRole>,
    /// Whether the public site shows it.
    pub published: bool,
}

/// The request's own headers, where its session cookie is.
#[cfg(feature = "ssr")]
pub(crate) fn request_headers() -> http::HeaderMap {
    use_context::<http::request::Parts>()
        .map(|parts| parts.headers)
        .unwrap_or_default()
}

/// A back-office server function's answer: its page's data, or why not.
/// A store error is logged and becomes the "unavailable" page.
#[cfg(feature = "ssr")]
pub(crate) fn answer<T>(
    result: Result<T, crate::back_office::Denied>,
) -> Result<Access<T>, ServerFnError> {
    use crate::back_office::Denied;
    match result {
        Ok(data) => Ok(Access::Granted(data)),
        Err(Denied::SignIn) => Ok(Access::SignIn),
        Err(Denied::Forbidden) => Ok(Access::Forbidden),
        Err(Denied::NotFound) => Ok(Access::NotFound),
        Err(Denied::Store(error)) => Err(crate::api::unavailable(error)),
    }
}

/// The signed-in account, if it may do `action` in `slug`, and the
/// conference's desk.
#[cfg(feature = "ssr")]
pub(crate) async fn open_desk(
    store: &convene::store::Store,
    slug: &str,
    action: convene::account::Action,
) -> Result<(Desk, convene::account::Account), crate::back_office::Denied> {
    use crate::back_office::{admit, Denied};
    let staff = admit(store, &request_headers(), Some(slug), action).await?;
    let (conference, published) = store
        .editable_conference(slug)
        .await?
        .ok_or(Denied::NotFound)?;
    let desk = Desk {
        conference,
        role: staff.role,
        published,
    };
    Ok((desk, staff.account))
}
