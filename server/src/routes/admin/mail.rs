//! The mail room (retry, resend), messages to the delegates a filter finds,
//! and a conference's own wording of its emails; for the conference's
//! organisers and staff.

use crate::routes::{found, may, render, see_other, Refusal, Staff};
use crate::state::AppState;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use axum::{Extension, Form};
use convene::desk::RegistrationFilter;
use convene::mail::MailKind;
use convene::mail::Message;
use convene_app::submission::{MessageDraft, TemplateDraft};
use convene_app::Locale;
use serde::Deserialize;

type Answer = Result<Response, Refusal>;

/// POST /admin/conferences/{slug}/mail/retry-failed and
/// /admin/conferences/{slug}/mail/{id}/resend: the mail room's actions.
pub async fn mail_action(
    staff: Staff<may::ManageRegistrations>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(path): Path<Vec<(String, String)>>,
) -> Answer {
    let value = |name: &str| path.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone());
    let slug = value("slug").ok_or(Refusal::NotFound)?;
    let now = chrono::Utc::now();
    let done = match value("id") {
        None => {
            (state.store)
                .retry_failed_mail(&slug, staff.account.id, now)
                .await?;
            true
        }
        Some(id) => {
            let id = id.parse::<i64>().map_err(|_| Refusal::NotFound)?;
            (state.store)
                .resend_mail(&slug, id, staff.account.id, &state.base_url, now)
                .await?
        }
    };
    found(done)?;
    Ok(see_other(&locale.href(&convene::paths::admin::mail(&slug))))
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
/// queues it for all of them.
pub async fn write(
    staff: Staff<may::ManageRegistrations>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    Query(filter): Query<RegistrationFilter>,
    uri: Uri,
    headers: HeaderMap,
    Form(form): Form<MessageForm>,
) -> Answer {
    let draft = |problems, preview| MessageDraft {
        subject: form.subject.clone(),
        body: form.body.clone(),
        problems,
        preview,
    };
    let message = match Message::parse(&form.subject, &form.body) {
        Ok(message) => message,
        Err(problems) => {
            return Ok(render(&state, uri, headers, locale, draft(problems, None)).await)
        }
    };
    if form.intent == "send" {
        let now = chrono::Utc::now();
        let sent = (state.store)
            .send_message(&slug, &filter, &message, staff.account.id, now)
            .await?
            .ok_or(Refusal::NotFound)?;
        let mail = format!("{}?sent={sent}", convene::paths::admin::mail(&slug));
        return Ok(see_other(&locale.href(&mail)));
    }
    // The preview: the email exactly as the first delegate will get it.
    let (recipients, title) = (state.store)
        .recipients(&slug, &filter)
        .await?
        .ok_or(Refusal::NotFound)?;
    let preview = recipients.first().map(|r| {
        let conference: convene::Localized =
            serde_json::from_str(&title).unwrap_or_else(|_| convene::Localized::new(r.lang, ""));
        let payload = serde_json::json!({
            "conference": conference.get(r.lang),
            "name": r.name,
            "subject": message.subject,
            "body": message.body,
        });
        let m = convene::mail::render(MailKind::Message, r.lang, &payload);
        (r.email.clone(), m.subject, m.text)
    });
    let draft = draft(Default::default(), preview);
    Ok(render(&state, uri, headers, locale, draft).await)
}

/// POST /admin/conferences/{slug}/templates/{kind}/{lang}: saves the
/// conference's wording of a kind of email (or goes back to the built-in
/// text, or previews what is typed).
pub async fn save_template(
    staff: Staff<may::ManageRegistrations>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path((slug, kind, lang)): Path<(String, String, String)>,
    uri: Uri,
    headers: HeaderMap,
    Form(form): Form<MessageForm>,
) -> Answer {
    let kind = MailKind::parse(&kind)
        .filter(|kind| kind.placeholders().is_some())
        .ok_or(Refusal::NotFound)?;
    let lang = convene::Lang::parse(&lang).map_err(|_| Refusal::NotFound)?;
    let page = convene::paths::admin::template(&slug, kind.code(), lang.code());
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
                return Ok(render(&state, uri, headers, locale, draft).await);
            }
        },
    };
    let now = chrono::Utc::now();
    let saved = (state.store)
        .save_template(
            &slug,
            kind,
            lang.code(),
            wording.as_ref(),
            staff.account.id,
            now,
        )
        .await?;
    found(saved)?;
    Ok(see_other(&locale.href(&format!("{page}?saved=1"))))
}
