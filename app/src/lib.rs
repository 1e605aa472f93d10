//! Convene's pages: Leptos components, routes and server functions.
//!
//! The site is rendered on the server (islands mode): pages are plain HTML
//! that work without JavaScript, and only three islands ship WASM (the zone
//! toggle in [`components::zone`], the form's checks in
//! [`components::live_checks`], the agenda editor's in `admin`). Server
//! functions are the one way pages reach data: the public site's in
//! [`api`], the back office's beside their pages in [`admin`].

pub mod admin;
pub mod agenda_health;
pub mod api;
pub mod back_office;
pub mod components;
pub mod locale;
pub mod pages;
pub mod submission;

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags};
use leptos_router::components::{Route, Router, Routes};
use leptos_router::{path, SsrMode};

pub use locale::Locale;

/// The document around every page: `<html lang dir>` follow the request's
/// language (the server puts a [`Locale`] in the request).
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let locale = Locale::current();
    #[cfg(feature = "ssr")]
    content_security_policy();
    // An embed, in another site's page, runs no script of ours.
    let hydrate = (!is_embed()).then(|| view! { <HydrationScripts options islands=true/> });
    view! {
        <!DOCTYPE html>
        <html lang=locale.lang.code() dir=locale.lang.dir()>
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <link rel="stylesheet" href="/pkg/convene.css"/>
                {hydrate}
                <MetaTags/>
            </head>
            <body>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    provide_context(Locale::current());
    view! {
        <Router>
            <Routes fallback=pages::NotFound>
                <Route path=path!("/") view=pages::HomePage ssr=SsrMode::Async/>
                <Route path=path!("/topics/:topic") view=pages::TopicPage ssr=SsrMode::Async/>
                <Route path=path!("/news/:slug") view=pages::PostPage ssr=SsrMode::Async/>
                <Route path=path!("/conferences/:slug") view=pages::ConferencePage ssr=SsrMode::Async/>
                <Route path=path!("/conferences/:slug/agenda") view=pages::AgendaPage ssr=SsrMode::Async/>
                <Route
                    path=path!("/conferences/:slug/sessions/:session")
                    view=pages::SessionPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/conferences/:slug/people") view=pages::PeoplePage ssr=SsrMode::Async/>
                <Route path=path!("/conferences/:slug/register") view=pages::RegisterPage ssr=SsrMode::Async/>
                <Route
                    path=path!("/conferences/:slug/register/sent")
                    view=pages::RegisterSentPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/conferences/:slug/privacy") view=pages::PrivacyPage ssr=SsrMode::Async/>
                <Route path=path!("/admin") view=admin::AdminHomePage ssr=SsrMode::Async/>
                <Route path=path!("/admin/sign-in") view=admin::SignInPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/news") view=admin::AdminNewsPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/documents") view=admin::AdminDocumentsPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/documents/new") view=admin::AdminNewDocumentPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/documents/edit/:slug") view=admin::AdminDocumentPage ssr=SsrMode::Async/>
                <Route path=path!("/documents/:slug") view=pages::DocumentPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/news/new") view=admin::AdminNewPostPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/news/posts/:slug") view=admin::AdminPostPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/setup") view=admin::FirstRunPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/reset") view=admin::ResetRequestPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/reset/:token") view=admin::ResetPage ssr=SsrMode::Async/>
                <Route
                    path=path!("/admin/new-conference")
                    view=admin::AdminNewConferencePage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/admin/conferences/:slug/settings")
                    view=admin::AdminSettingsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/admin/conferences/:slug")
                    view=admin::AdminConferencePage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/admin/conferences/:slug/registrations")
                    view=admin::AdminRegistrationsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/admin/conferences/:slug/registrations/:id")
                    view=admin::AdminRegistrationPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/admin/conferences/:slug/mail") view=admin::AdminMailPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/conferences/:slug/agenda") view=admin::AdminAgendaPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/conferences/:slug/people/:person") view=admin::AdminPersonPage ssr=SsrMode::Async/>
                <Route path=path!("/admin/conferences/:slug/face") view=admin::AdminFacePage ssr=SsrMode::Async/>
                <Route
                    path=path!("/admin/conferences/:slug/agenda/:session")
                    view=admin::AdminSessionPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/admin/conferences/:slug/new-session")
                    view=admin::AdminNewSessionPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/admin/conferences/:slug/write") view=admin::AdminWritePage ssr=SsrMode::Async/>
                <Route
                    path=path!("/admin/conferences/:slug/templates")
                    view=admin::AdminTemplatesPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/admin/conferences/:slug/templates/:kind/:lang")
                    view=admin::AdminTemplatePage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/admin/conferences/:slug/audit") view=admin::AdminAuditPage ssr=SsrMode::Async/>
                <Route
                    path=path!("/admin/conferences/:slug/invitations")
                    view=admin::AdminInvitationsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/admin/conferences/:slug/badge-colours")
                    view=admin::AdminBadgeColoursPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/admin/conferences/:slug/paper-wording")
                    view=admin::AdminPaperWordingsPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/admin/conferences/:slug/paper-wording/:kind/:lang")
                    view=admin::AdminPaperWordingPage
                    ssr=SsrMode::Async
                />
                <Route
                    path=path!("/admin/conferences/:slug/check-in")
                    view=admin::AdminCheckInPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/r/verify/:token") view=pages::VerifyPage ssr=SsrMode::Async/>
                <Route path=path!("/verify/:code") view=pages::VerifyPaperPage ssr=SsrMode::Async/>
                <Route path=path!("/r/:token") view=pages::PrivateLinkPage ssr=SsrMode::Async/>
                <Route path=path!("/r/:token/agenda") view=pages::MyAgendaPage ssr=SsrMode::Async/>
                <Route path=path!("/conferences/:slug/participants") view=pages::ParticipantsPage ssr=SsrMode::Async/>
                <Route
                    path=path!("/admin/conferences/:slug/sharing")
                    view=admin::AdminSharingPage
                    ssr=SsrMode::Async
                />
                <Route path=path!("/embed/conferences/:slug/agenda") view=pages::EmbedAgendaPage ssr=SsrMode::Async/>
                <Route path=path!("/embed/upcoming") view=pages::EmbedUpcomingPage ssr=SsrMode::Async/>
                <Route path=path!("/embed/topics/:topic/upcoming") view=pages::EmbedUpcomingPage ssr=SsrMode::Async/>
                <Route
                    path=path!("/conferences/:slug/people/:person")
                    view=pages::PersonPage
                    ssr=SsrMode::Async
                />
            </Routes>
        </Router>
    }
}

#[cfg(feature = "hydrate")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn hydrate() {
    console_error_panic_hook::set_once();
    leptos::mount::hydrate_islands();
}

/// Whether the request is for an embed (`/embed/...`), the only pages
/// another site may frame.
fn is_embed() -> bool {
    locale::current_path().starts_with("/embed/")
}

/// The page's Content-Security-Policy: scripts only with this response's
/// nonce (Leptos puts it on its hydration scripts) and what they load from
/// here, WebAssembly compiled from our own bytes, styles from our
/// stylesheet (and the style attributes the agenda's grid and the
/// dashboard's bars set), nothing posted or loaded elsewhere, and framed
/// by no other site but for the embeds.
#[cfg(feature = "ssr")]
fn content_security_policy() {
    let (Some(nonce), Some(response)) = (
        leptos::nonce::use_nonce(),
        use_context::<leptos_axum::ResponseOptions>(),
    ) else {
        return;
    };
    // Embeds may be framed by any site; every other page by none.
    let ancestors = if is_embed() { "*" } else { "'none'" };
    let policy = format!(
        "default-src 'self'; script-src 'nonce-{nonce}' 'strict-dynamic' 'wasm-unsafe-eval'; \
         style-src 'self'; style-src-attr 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; \
         font-src 'self'; frame-ancestors {ancestors}; base-uri 'self'; form-action 'self'; object-src 'none'"
    );
    if let Ok(value) = http::HeaderValue::from_str(&policy) {
        response.insert_header(http::header::CONTENT_SECURITY_POLICY, value);
    }
}
