//! The organisers' choice of the categories the public list of
//! participants shows.

use crate::routes::{may, render, Refusal, Staff};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use axum::Extension;
use convene::participants::ListedCategories;
use convene_app::submission::SharingSaved;
use convene_app::Locale;

/// POST /admin/conferences/{slug}/sharing: the ticked categories, none
/// ticked being no list at all.
pub async fn save(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: axum::body::Bytes,
) -> Result<Response, Refusal> {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(&body).into_owned().collect();
    let listed = ListedCategories::parse(&pairs);
    let saved = (state.store)
        .set_listed_categories(&slug, &listed, staff.account.id, chrono::Utc::now())
        .await?;
    if !saved {
        return Err(Refusal::NotFound);
    }
    Ok(render(&state, uri, headers, locale, SharingSaved).await)
}
