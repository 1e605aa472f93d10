//! The back office's form posts and downloads, one file per domain:
//! `accounts` (signing in and out, the first run, password resets),
//! `conferences` (creating, setting up, publishing, copying; the form's
//! questions), `agenda` (sessions, rooms, people and their roles),
//! `registrations` (staff actions, exports, invitations), `check_in` (the
//! desk's scans, searches and undos), `sharing` (the list of
//! participants) and `mail` (the
//! mail room, messages to delegates, the wording of emails). Every route is
//! in [`routes`], which the access test walks; each handler's first
//! argument is its door ([`Staff`](crate::routes::Staff): same origin,
//! signed in, allowed), and it answers a [`Refusal`](crate::routes::Refusal)
//! with `?`.

pub mod accounts;
pub mod agenda;
pub mod branding;
pub mod check_in;
pub mod conferences;
pub mod documents;
pub mod mail;
pub mod materials;
pub mod news;
pub mod people;
pub mod registrations;
pub mod sharing;

use crate::state::AppState;
use axum::routing::{get, post, MethodRouter};

/// A posted form's text fields, and its files: (field, file name, bytes).
pub(crate) type Parts = (Vec<(String, String)>, Vec<(String, String, Vec<u8>)>);

/// Reads a form whole, multipart (with its files) or urlencoded (the body
/// limits bound both). Called after the door, so that nobody's upload is
/// read before they are known.
pub(crate) async fn form_parts(
    state: &AppState,
    request: axum::extract::Request,
) -> Result<Parts, crate::routes::Refusal> {
    use crate::routes::Refusal;
    use axum::extract::{FromRequest, Multipart};
    let multipart = request
        .headers()
        .get(axum::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("multipart/form-data"));
    if !multipart {
        let body = axum::body::to_bytes(request.into_body(), crate::routes::BODY_LIMIT)
            .await
            .map_err(|_| Refusal::Unprocessable)?;
        return Ok((form_urlencoded::parse(&body).into_owned().collect(), vec![]));
    }
    let mut multipart = Multipart::from_request(request, state)
        .await
        .map_err(|_| Refusal::Unprocessable)?;
    let (mut pairs, mut files) = (vec![], vec![]);
    while let Some(field) = multipart
        .next_field()
        .await
        .map_err(|_| Refusal::Unprocessable)?
    {
        let name = field.name().unwrap_or_default().to_owned();
        match field.file_name().map(str::to_owned) {
            Some(file_name) => {
                let bytes = field.bytes().await.map_err(|_| Refusal::Unprocessable)?;
                // An empty file input sends an empty part with no name.
                if !(file_name.is_empty() && bytes.is_empty()) {
                    files.push((name, file_name, bytes.to_vec()));
                }
            }
            None => {
                let text = field.text().await.map_err(|_| Refusal::Unprocessable)?;
                pairs.push((name, text));
            }
        }
    }
    Ok((pairs, files))
}

/// The largest body a form with files may send: a file in each language,
/// and the form around them.
pub const UPLOAD_LIMIT: usize =
    convene::documents::upload::MAX_MB * 1024 * 1024 * convene::Lang::ALL.len() + 64 * 1024;

/// Whether a route of [`routes`] takes files (its body limit is
/// [`UPLOAD_LIMIT`], every other's 256 KB).
/// `path` as the page to render; the back office's home if it is none.
pub(crate) fn page(path: &str) -> axum::http::Uri {
    path.parse()
        .unwrap_or_else(|_| axum::http::Uri::from_static(convene::paths::admin::HOME))
}

/// A person's profile, with their portrait.
const PROFILE: &str = "/admin/conferences/{slug}/people/{person}";

/// A conference's banner, logos and colour.
const FACE: &str = "/admin/conferences/{slug}/face";

/// Where a session's document is added, with its file.
const MATERIALS: &str = "/admin/conferences/{slug}/agenda/{session}/materials";

pub fn takes_files(path: &str) -> bool {
    path.starts_with("/admin/documents/")
        || path.starts_with("/admin/news/")
        || path == PROFILE
        || path == MATERIALS
        || path == FACE
}

/// Every back-office route that is not a page: the form posts and the
/// export. Pages are Leptos routes (`convene_app::App`).
pub fn routes() -> Vec<(&'static str, MethodRouter<AppState>)> {
    vec![
        ("/admin/sign-in", post(accounts::sign_in)),
        ("/admin/sign-out", post(accounts::sign_out)),
        ("/admin/setup", post(accounts::first_run)),
        ("/admin/reset", post(accounts::request_reset)),
        ("/admin/reset/{token}", post(accounts::reset)),
        (
            "/admin/new-conference",
            post(conferences::create_conference),
        ),
        (
            "/admin/conferences/{slug}/settings",
            post(conferences::save_settings),
        ),
        (
            "/admin/conferences/{slug}/publish",
            post(conferences::publish),
        ),
        (
            "/admin/conferences/{slug}/unpublish",
            post(conferences::unpublish),
        ),
        ("/admin/conferences/{slug}/copy", post(conferences::copy)),
        ("/admin/news/new", post(news::create_post)),
        ("/admin/news/posts/{slug}", post(news::save_post)),
        ("/admin/news/posts/{slug}/delete", post(news::delete_post)),
        ("/admin/documents/new", post(documents::create_document)),
        (
            "/admin/documents/edit/{slug}",
            post(documents::save_document),
        ),
        (
            "/admin/documents/edit/{slug}/delete",
            post(documents::delete_document),
        ),
        (
            "/admin/conferences/{slug}/new-session",
            post(agenda::add_session),
        ),
        (
            "/admin/conferences/{slug}/agenda/{session}/delete",
            post(agenda::delete_session),
        ),
        ("/admin/conferences/{slug}/rooms", post(agenda::add_room)),
        (PROFILE, post(people::save_profile)),
        (FACE, post(branding::save_face)),
        (
            "/admin/conferences/{slug}/agenda/{session}/watch",
            post(materials::save_watch),
        ),
        (MATERIALS, post(materials::add_material)),
        (
            "/admin/conferences/{slug}/agenda/{session}/materials/{id}/delete",
            post(materials::delete_material),
        ),
        (
            "/admin/conferences/{slug}/rooms/{room}/delete",
            post(agenda::delete_room),
        ),
        (
            "/admin/conferences/{slug}/agenda/{session}",
            post(agenda::save_session),
        ),
        (
            "/admin/conferences/{slug}/invitations",
            post(registrations::invite),
        ),
        (
            "/admin/conferences/{slug}/invitations/remind",
            post(registrations::remind_invited),
        ),
        (
            "/admin/conferences/{slug}/check-in",
            post(check_in::check_in),
        ),
        (
            "/admin/conferences/{slug}/check-in/undo",
            post(check_in::undo),
        ),
        (
            "/admin/conferences/{slug}/mail/retry-failed",
            post(mail::mail_action),
        ),
        (
            "/admin/conferences/{slug}/mail/{id}/resend",
            post(mail::mail_action),
        ),
        (
            "/admin/conferences/{slug}/registrations.csv",
            get(registrations::export),
        ),
        (
            "/admin/conferences/{slug}/registrations.xlsx",
            get(registrations::export_xlsx),
        ),
        (
            "/admin/conferences/{slug}/badges.pdf",
            get(check_in::badges),
        ),
        (
            "/admin/conferences/{slug}/badge-colours",
            post(check_in::save_colours),
        ),
        ("/admin/conferences/{slug}/sharing", post(sharing::save)),
        (
            "/admin/conferences/{slug}/registrations/{id}/letter.pdf",
            get(crate::routes::papers::staff_letter),
        ),
        (
            "/admin/conferences/{slug}/registrations/{id}/certificate.pdf",
            get(crate::routes::papers::staff_certificate),
        ),
        (
            "/admin/conferences/{slug}/papers/{paper}/withdraw",
            post(crate::routes::papers::withdraw),
        ),
        (
            "/admin/conferences/{slug}/paper-wording/{kind}/{lang}",
            post(crate::routes::papers::save_wording),
        ),
        (
            "/admin/conferences/{slug}/registrations/bulk",
            post(registrations::bulk),
        ),
        ("/admin/conferences/{slug}/write", post(mail::write)),
        (
            "/admin/conferences/{slug}/questions",
            post(conferences::add_question),
        ),
        (
            "/admin/conferences/{slug}/questions/{code}/delete",
            post(conferences::delete_question),
        ),
        ("/admin/conferences/{slug}/people", post(agenda::add_person)),
        (
            "/admin/conferences/{slug}/people/{person}/delete",
            post(agenda::delete_person),
        ),
        (
            "/admin/conferences/{slug}/agenda/{session}/roles",
            post(agenda::give_role),
        ),
        (
            "/admin/conferences/{slug}/agenda/{session}/roles/{person}/{role}/delete",
            post(agenda::take_role),
        ),
        (
            "/admin/conferences/{slug}/templates/{kind}/{lang}",
            post(mail::save_template),
        ),
        (
            "/admin/conferences/{slug}/registrations/{id}/{action}",
            post(registrations::staff_action),
        ),
    ]
}
