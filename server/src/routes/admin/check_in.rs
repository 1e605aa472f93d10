//! The check-in desk's posts: a scan (or a typed name, which becomes a
//! search), a search's "check in", and an undo; and the badges of the
//! table's selection. For the conference's organisers and staff. Each answers with the desk's page, its answer on
//! top and the field ready for the next scan.

use crate::papers::badges::Sheet;
use crate::routes::{may, render, see_other, Refusal, Staff};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, Uri};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use convene::desk::RegistrationFilter;
use convene::onsite::BadgeColours;
use convene::onsite::DeskName;
use convene::registration::Category;
use convene::registration::PassCode;
use convene::store::Whom;
use convene_app::submission::{ColoursDone, DeskDone};
use convene_app::Locale;
use serde::Deserialize;

#[derive(Deserialize)]
pub struct CheckInForm {
    /// What the scanner (or a person) typed: a pass, or part of a name.
    #[serde(default)]
    code: String,
    /// A search's choice: a registration's id.
    #[serde(default)]
    registration: String,
    #[serde(default)]
    desk: String,
}

/// POST /admin/conferences/{slug}/check-in: a pass checks its delegate in;
/// anything that is no pass is searched for among the names (303 to the
/// page with the search); a search's button checks its registration in.
pub async fn check_in(
    staff: Staff<may::CheckIn>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    Form(form): Form<CheckInForm>,
) -> Result<Response, Refusal> {
    let desk = DeskName::parse(&form.desk);
    let code = PassCode::parse(&form.code);
    let whom = match (&code, form.registration.trim().parse::<i64>()) {
        (Some(code), _) => Whom::Code(code),
        (None, Ok(id)) => Whom::Registration(id),
        (None, Err(_)) => {
            let query = form_urlencoded::Serializer::new(String::new())
                .append_pair("q", form.code.trim())
                .append_pair("desk", desk.as_str())
                .finish();
            let page = convene::paths::admin::check_in(&slug);
            return Ok(see_other(&format!("{}?{query}", locale.href(&page))));
        }
    };
    let answer = (state.store)
        .check_in(
            &slug,
            whom,
            &desk,
            Some(staff.account.id),
            chrono::Utc::now(),
        )
        .await?;
    desk_page(&state, &slug, headers, locale, answer, desk).await
}

#[derive(Deserialize)]
pub struct UndoForm {
    #[serde(default)]
    check_in: String,
    #[serde(default)]
    desk: String,
}

/// POST /admin/conferences/{slug}/check-in/undo: takes a check-in back (a
/// desk's mistake); 404 if it does not stand.
pub async fn undo(
    staff: Staff<may::CheckIn>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    headers: HeaderMap,
    Form(form): Form<UndoForm>,
) -> Result<Response, Refusal> {
    let id = form
        .check_in
        .trim()
        .parse::<i64>()
        .map_err(|_| Refusal::NotFound)?;
    let answer = (state.store)
        .undo_check_in(&slug, id, staff.account.id, chrono::Utc::now())
        .await?;
    let desk = DeskName::parse(&form.desk);
    let answer = answer.ok_or(Refusal::NotFound)?;
    desk_page(&state, &slug, headers, locale, answer, desk).await
}

/// The desk's page with `answer` on top.
async fn desk_page(
    state: &AppState,
    slug: &str,
    headers: HeaderMap,
    locale: Locale,
    answer: convene::onsite::DeskAnswer,
    desk: DeskName,
) -> Result<Response, Refusal> {
    let page: Uri = convene::paths::admin::check_in(slug)
        .parse()
        .map_err(|_| Refusal::NotFound)?;
    let done = DeskDone {
        answer,
        desk: desk.as_str().to_owned(),
    };
    Ok(render(state, page, headers, locale, done).await)
}

#[derive(Deserialize)]
pub struct BadgeSheet {
    #[serde(default)]
    sheet: String,
}

/// GET /admin/conferences/{slug}/badges.pdf?{the table's filter}&sheet=a4:
/// the badges of the confirmed registrations the filter finds, A6 or four
/// to an A4 sheet, in the request's language; 404 when it finds none.
pub async fn badges(
    _staff: Staff<may::ViewRegistrations>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    Query(filter): Query<RegistrationFilter>,
    Query(sheet): Query<BadgeSheet>,
) -> Result<Response, Refusal> {
    let (conference, _) = (state.store)
        .editable_conference(&slug)
        .await?
        .ok_or(Refusal::NotFound)?;
    let lines = (state.store)
        .badge_lines(&slug, &filter)
        .await?
        .ok_or(Refusal::NotFound)?;
    if lines.is_empty() {
        return Err(Refusal::NotFound);
    }
    let title = conference.title.get(locale.lang).to_owned();
    let colours = state.store.badge_colours(&slug).await?;
    let sheet = Sheet::parse(&sheet.sheet);
    let pdf = crate::papers::badges::badges(&title, &lines, &colours, sheet, locale.lang).await?;
    let mut response = pdf.into_response();
    let h = response.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&format!("inline; filename=\"{slug}-badges.pdf\"")) {
        h.insert(CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// POST /admin/conferences/{slug}/badge-colours: the organisers' colours
/// of the categories' bands, every one a colour or nothing saved (422 with
/// the colours as typed).
pub async fn save_colours(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, Refusal> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let done = match BadgeColours::parse(&pairs) {
        Err(problems) => ColoursDone::Refused {
            typed: Category::ALL
                .iter()
                .map(|c| {
                    let name = format!("colour-{}", c.code());
                    let typed = pairs
                        .iter()
                        .find(|(n, _)| *n == name)
                        .map(|(_, v)| v.clone());
                    (*c, typed.unwrap_or_default())
                })
                .collect(),
            problems,
        },
        Ok(colours) => {
            let saved = (state.store)
                .set_badge_colours(&slug, &colours, staff.account.id, chrono::Utc::now())
                .await?;
            if !saved {
                return Err(Refusal::NotFound);
            }
            ColoursDone::Saved
        }
    };
    Ok(render(&state, uri, headers, locale, done).await)
}
