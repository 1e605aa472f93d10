//! The mail room (retry, resend), messages to the delegates a filter finds,
//! and a conference's own wording of its emails.

use super::{door, not_found, permitted, see};
use crate::routes::{forbidden, render, same_origin, unavailable};
use crate::state::AppState;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::{Extension, Form};
use convene_app::Locale;
use serde::Deserialize;

/// POST /admin/conferences/{slug}/mail/retry-failed and
/// /admin/conferences/{slug}/mail/{id}/resend: the mail room's actions, for
/// organisers and staff of the conference.
pub async fn mail_action(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path(path): axum::extract::Path<Vec<(String, String)>>,
    headers: HeaderMap,
) -> Response {
    use convene::account::Action;
    if !same_origin(&headers, &state.base_url) {
        return forbidden(locale);
    }
    let value = |name: &str| path.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let Some(slug) = value("slug") else {
        return StatusCode::NOT_FOUND.into_response();
    };
    let account =
        match permitted(&state, &headers, locale, &slug, Action::ManageRegistrations).await {
            Ok(account) => account,
            Err(refused) => return refused,
        };
    let now = chrono::Utc::now();
    let done = match value("id").map(|id| id.parse::<i64>()) {
        None => state
            .store
            .retry_failed_mail(&slug, account.id, now)
            .await
            .map(|_| true),
        Some(Ok(id)) => {
            state
                .store
                .resend_mail(&slug, id, account.id, &state.base_url, now)
                .await
        }
        Some(Err(_)) => Ok(false),
    };
    match done {
        Ok(true) => see(&locale.href(&format!("/admin/conferences/{slug}/mail"))),
        Ok(false) => not_found(locale),
        Err(error) => unavailable(locale, "mail action failed", error),
    }
}

#[derive(Deserialize)]
pub struct MessageForm {
    #[serde(default)]
    subject: String,
    #[serde(default)]
    body: String,
    #[serde(default)]
    intent: String,
}

/// POST /admin/conferences/{slug}/write?{filter}: previews a message to
/// the delegates the filter finds, as the first of them will read it, or
/// queues it for all of them; for organisers and staff.
pub async fn write(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path(slug): axum::extract::Path<String>,
    axum::extract::Query(filter): axum::extract::Query<convene::desk::RegistrationFilter>,
    uri: Uri,
    headers: HeaderMap,
    Form(form): Form<MessageForm>,
) -> Response {
    use convene::account::Action;
    use convene::desk::Message;
    use convene_app::submission::MessageDraft;
    let account = match door(&state, &headers, locale, &slug, Action::ManageRegistrations).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    let draft = |problems, preview| MessageDraft {
        subject: form.subject.clone(),
        body: form.body.clone(),
        problems,
        preview,
    };
    let message = match Message::parse(&form.subject, &form.body) {
        Ok(message) => message,
        Err(problems) => return render(&state, uri, headers, locale, draft(problems, None)).await,
    };
    if form.intent == "send" {
        return match state
            .store
            .send_message(&slug, &filter, &message, account.id, chrono::Utc::now())
            .await
        {
            Ok(Some(n)) => see(&locale.href(&format!("/admin/conferences/{slug}/mail?sent={n}"))),
            Ok(None) => not_found(locale),
            Err(error) => unavailable(locale, "message failed", error),
        };
    }
    // The preview: the email exactly as the first delegate will get it.
    let preview = match state.store.recipients(&slug, &filter).await {
        Ok(Some((recipients, title))) => recipients.first().map(|r| {
            let conference: convene::Localized = serde_json::from_str(&title)
                .unwrap_or_else(|_| convene::Localized::new(r.lang, ""));
            let payload = serde_json::json!({
                "conference": conference.get(r.lang),
                "name": r.name,
                "subject": message.subject,
                "body": message.body,
            });
            convene::mail::render("message", r.lang, &payload)
                .map(|m| (r.email.clone(), m.subject, m.text))
                .ok()
        }),
        Ok(None) => return not_found(locale),
        Err(error) => return unavailable(locale, "message preview failed", error),
    };
    let preview = preview.flatten();
    render(
        &state,
        uri,
        headers,
        locale,
        draft(Default::default(), preview),
    )
    .await
}

/// POST /admin/conferences/{slug}/templates/{kind}/{lang}: saves the
/// conference's wording of a kind of email (or goes back to the built-in
/// text, or previews what is typed), for organisers and staff.
pub async fn save_template(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    axum::extract::Path((slug, kind, lang)): axum::extract::Path<(String, String, String)>,
    uri: Uri,
    headers: HeaderMap,
    Form(form): Form<MessageForm>,
) -> Response {
    use convene::account::Action;
    use convene::desk::Message;
    use convene_app::submission::TemplateDraft;
    let account = match door(&state, &headers, locale, &slug, Action::ManageRegistrations).await {
        Ok(account) => account,
        Err(refused) => return refused,
    };
    let editable = convene::mail::EDITABLE.iter().any(|(k, _)| *k == kind);
    let Some(lang) = convene::Lang::parse(&lang).ok().filter(|_| editable) else {
        return not_found(locale);
    };
    let page = format!("/admin/conferences/{slug}/templates/{kind}/{}", lang.code());
    let wording = match form.intent.as_str() {
        "reset" => None,
        _ => match Message::parse(&form.subject, &form.body) {
            Ok(message) if form.intent == "save" => Some(message),
            parsed => {
                let draft = TemplateDraft {
                    subject: form.subject.clone(),
                    body: form.body.clone(),
                    problems: parsed.err().unwrap_or_default(),
                };
                return render(&state, uri, headers, locale, draft).await;
            }
        },
    };
    match state
        .store
        .save_template(
            &slug,
            &kind,
            lang.code(),
            wording.as_ref(),
            account.id,
            chrono::Utc::now(),
        )
        .await
    {
        Ok(true) => see(&locale.href(&format!("{page}?saved=1"))),
        Ok(false) => not_found(locale),
        Err(error) => unavailable(locale, "template save failed", error),
    }
}
