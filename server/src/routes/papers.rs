//! Letters and certificates as PDF: from a private link (the delegate's
//! own), and from the back office (a letter, with its passport details,
//! for organisers only; a certificate for staff too); withdrawing one;
//! the organisers' wording of a kind of paper, with its example preview.
//! Setting a PDF waits its turn (`papers::render`); a flood is answered
//! 503 rather than queued without end.

use super::{may, render, see_other, Refusal, Staff};
use crate::papers::letters::{self, Mark};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::http::{HeaderMap, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use convene::papers::{PaperFacts, PaperKind, PaperWording};
use convene::store::{Holder, Issue};
use convene_app::submission::{PaperRefused, PaperWordingDraft};
use convene_app::Locale;
use serde::Deserialize;

type Answer = Result<Response, Refusal>;

/// GET /r/{token}/letter.pdf
pub async fn link_letter(
    state: State<AppState>,
    locale: Extension<Locale>,
    token: Path<String>,
    headers: HeaderMap,
) -> Answer {
    from_link(state, locale, token, headers, PaperKind::Letter).await
}

/// GET /r/{token}/certificate.pdf
pub async fn link_certificate(
    state: State<AppState>,
    locale: Extension<Locale>,
    token: Path<String>,
    headers: HeaderMap,
) -> Answer {
    from_link(state, locale, token, headers, PaperKind::Certificate).await
}

/// A private link's paper in the page's language, issued if it is the
/// first time; a paper not given is the private link's page again, saying
/// why (409).
async fn from_link(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(token): Path<String>,
    headers: HeaderMap,
    kind: PaperKind,
) -> Answer {
    let issue = (state.store)
        .issue_paper(Holder::Link(&token), kind, None, chrono::Utc::now())
        .await?;
    match issue {
        Issue::NotFound => Err(Refusal::NotFound),
        Issue::Refused(refused) => {
            let page: Uri = convene::paths::private(&token)
                .parse()
                .map_err(|_| Refusal::NotFound)?;
            let mut response = render(&state, page, headers, locale, PaperRefused(refused)).await;
            *response.status_mut() = StatusCode::CONFLICT;
            Ok(response)
        }
        Issue::Issued(facts) => pdf(&state, &facts, locale).await,
    }
}

/// GET /admin/conferences/{slug}/registrations/{id}/letter.pdf
pub async fn staff_letter(
    staff: Staff<may::ViewRegistrations>,
    state: State<AppState>,
    locale: Extension<Locale>,
    path: Path<(String, i64)>,
) -> Answer {
    // The letter shows the passport: not for staff, as the table hides it.
    if !staff.account.sees_passports(staff.role) {
        return Err(Refusal::Forbidden);
    }
    from_back_office(staff, state, locale, path, PaperKind::Letter).await
}

/// GET /admin/conferences/{slug}/registrations/{id}/certificate.pdf
pub async fn staff_certificate(
    staff: Staff<may::ViewRegistrations>,
    state: State<AppState>,
    locale: Extension<Locale>,
    path: Path<(String, i64)>,
) -> Answer {
    from_back_office(staff, state, locale, path, PaperKind::Certificate).await
}

/// A registration's paper, issued by the signed-in account if it is the
/// first time; 409 when it is not given (the registration's page says
/// when it is).
async fn from_back_office(
    staff: Staff<may::ViewRegistrations>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path((slug, id)): Path<(String, i64)>,
    kind: PaperKind,
) -> Answer {
    let holder = Holder::Staff {
        conference: &slug,
        id,
    };
    let issue = (state.store)
        .issue_paper(holder, kind, Some(staff.account.id), chrono::Utc::now())
        .await?;
    match issue {
        Issue::NotFound => Err(Refusal::NotFound),
        Issue::Refused(refused) => Ok((
            StatusCode::CONFLICT,
            convene::i18n::t(locale.lang, refused.key()),
        )
            .into_response()),
        Issue::Issued(facts) => pdf(&state, &facts, locale).await,
    }
}

/// POST /admin/conferences/{slug}/papers/{paper}/withdraw: organisers
/// withdraw a letter or certificate; its verification address says so.
pub async fn withdraw(
    staff: Staff<may::ManageRegistrations>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path((slug, paper)): Path<(String, i64)>,
) -> Answer {
    if !staff.account.sees_passports(staff.role) {
        return Err(Refusal::Forbidden);
    }
    let registration = (state.store)
        .withdraw_paper(&slug, paper, staff.account.id, chrono::Utc::now())
        .await?
        .ok_or(Refusal::NotFound)?;
    Ok(see_other(&locale.href(
        &convene::paths::admin::registration(&slug, registration),
    )))
}

/// The PDF of `facts` in `locale`'s language and the conference's wording
/// (as it is now: a paper downloaded again takes a changed wording, while
/// its facts, reference and verification stay), never kept by a cache.
async fn pdf(state: &AppState, facts: &PaperFacts, locale: Locale) -> Answer {
    let wording = (state.store)
        .paper_wording(facts.conference.slug.as_str(), facts.kind, locale.lang)
        .await?;
    let bytes = letters::paper(
        facts,
        locale.lang,
        wording.as_ref(),
        &state.base_url,
        Mark::Real,
    )
    .await?;
    Ok(pdf_response(bytes, &facts.reference))
}

fn pdf_response(bytes: Vec<u8>, name: &str) -> Response {
    let mut response = bytes.into_response();
    let h = response.headers_mut();
    h.insert(CONTENT_TYPE, HeaderValue::from_static("application/pdf"));
    h.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(value) = HeaderValue::from_str(&format!("inline; filename=\"{name}.pdf\"")) {
        h.insert(CONTENT_DISPOSITION, value);
    }
    response
}

/// A paper's wording as the editor posts it.
#[derive(Deserialize)]
pub struct WordingForm {
    #[serde(default)]
    heading: String,
    #[serde(default)]
    opening: String,
    #[serde(default)]
    closing: String,
    #[serde(default)]
    intent: String,
}

/// POST /admin/conferences/{slug}/paper-wording/{kind}/{lang}: organisers
/// save the conference's wording of a paper in a language (`save`), go
/// back to the built-in text (`reset`), see it on the page (`preview`) or
/// as the PDF for an example delegate (`pdf`). A wording that does not
/// parse comes back as typed, with what to fix (422), and nothing saved.
pub async fn save_wording(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path((slug, kind, lang)): Path<(String, String, String)>,
    uri: Uri,
    headers: HeaderMap,
    Form(form): Form<WordingForm>,
) -> Answer {
    let kind = PaperKind::parse(&kind).ok_or(Refusal::NotFound)?;
    let lang = convene::Lang::parse(&lang).map_err(|_| Refusal::NotFound)?;
    let wording = match form.intent.as_str() {
        "reset" => None,
        intent => match PaperWording::parse(&form.heading, &form.opening, &form.closing) {
            Ok(wording) if intent == "save" => Some(wording),
            Ok(wording) if intent == "pdf" => {
                let (conference, _) = (state.store)
                    .editable_conference(&slug)
                    .await?
                    .ok_or(Refusal::NotFound)?;
                let example = PaperFacts::example(kind, conference, lang);
                let bytes = letters::paper(
                    &example,
                    lang,
                    Some(&wording),
                    &state.base_url,
                    Mark::Example,
                )
                .await?;
                return Ok(pdf_response(bytes, &example.reference));
            }
            parsed => {
                let draft = PaperWordingDraft {
                    heading: form.heading,
                    opening: form.opening,
                    closing: form.closing,
                    problems: parsed.err().unwrap_or_default(),
                };
                return Ok(render(&state, uri, headers, locale, draft).await);
            }
        },
    };
    let saved = (state.store)
        .save_paper_wording(
            &slug,
            kind,
            lang,
            wording.as_ref(),
            staff.account.id,
            chrono::Utc::now(),
        )
        .await?;
    if !saved {
        return Err(Refusal::NotFound);
    }
    let page = convene::paths::admin::paper_wording(&slug, kind.code(), lang.code());
    Ok(see_other(&locale.href(&format!("{page}?saved=1"))))
}
