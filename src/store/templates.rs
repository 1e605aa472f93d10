//! A conference's own wording of its emails, per kind and language, and
//! what the mail worker and the preview read of it.

use super::{Store, StoreError};
use crate::mail::Message;
use chrono::{DateTime, Utc};

impl Store {
    /// The (kind, language) pairs a conference has its own wording for.
    pub async fn templates(&self, conference: &str) -> Result<Vec<(String, String)>, StoreError> {
        let rows = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT t.kind, t.lang FROM mail_templates t JOIN conferences c ON c.id = t.conference_id \
             WHERE c.slug = $1 ORDER BY t.kind, t.lang"
        )
        .bind(conference)
        .fetch_all(pool)
        .await?
        });
        Ok(rows)
    }

    /// A conference's wording of `kind` in `lang`, if it has one.
    pub async fn template(
        &self,
        conference: &str,
        kind: crate::mail::MailKind,
        lang: &str,
    ) -> Result<Option<Message>, StoreError> {
        let row: Option<(String, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT t.subject, t.body FROM mail_templates t JOIN conferences c ON c.id = t.conference_id \
             WHERE c.slug = $1 AND t.kind = $2 AND t.lang = $3"
        )
        .bind(conference)
        .bind(kind.code())
        .bind(lang)
        .fetch_optional(pool)
        .await?
        });
        Ok(row.map(|(subject, body)| Message { subject, body }))
    }

    /// What the mail worker adds to a registration's message: the
    /// conference's wording of `kind` in `lang`, if it has one, and the
    /// delegate's name as it is now (for the greeting and `{name}`).
    pub async fn mail_context(
        &self,
        registration: i64,
        kind: crate::mail::MailKind,
        lang: &str,
    ) -> Result<(Option<Message>, Option<String>), StoreError> {
        // One query per message: the worker runs it for every send.
        #[allow(clippy::type_complexity)]
        let row: Option<(String, String, Option<String>, Option<String>)> = on_pool!(
            self,
            |pool| {
                sqlx::query_as(
                "SELECT r.given_name, r.family_name, t.subject, t.body FROM registrations r \
                 LEFT JOIN mail_templates t ON t.conference_id = r.conference_id AND t.kind = $2 AND t.lang = $3 \
                 WHERE r.id = $1"
            )
            .bind(registration)
            .bind(kind.code())
            .bind(lang)
            .fetch_optional(pool)
            .await?
            }
        );
        let Some((given, family, subject, body)) = row else {
            return Ok((None, None));
        };
        let template = subject
            .zip(body)
            .map(|(subject, body)| Message { subject, body });
        Ok((template, Some(format!("{given} {family}"))))
    }
    /// Saves a conference's wording of `kind` in `lang` (`None`: back to
    /// the built-in text); `false` when there is no such conference.
    pub async fn save_template(
        &self,
        conference: &str,
        kind: crate::mail::MailKind,
        lang: &str,
        template: Option<&Message>,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let saved = in_write!(self, |tx| {
            // Locked: two saves of one wording at once take turns (on
            // PostgreSQL too), so neither finds the other's row half-made.
            let id = locked_conference!(tx, conference);
            if let Some(id) = id {
                sqlx::query(
                    "DELETE FROM mail_templates WHERE conference_id = $1 AND kind = $2 AND lang = $3",
                )
                .bind(id)
                .bind(kind.code())
                .bind(lang)
                .execute(&mut *tx)
                .await?;
                if let Some(t) = template {
                    sqlx::query(
                        "INSERT INTO mail_templates (conference_id, kind, lang, subject, body) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(id)
                    .bind(kind.code())
                    .bind(lang)
                    .bind(&t.subject)
                    .bind(&t.body)
                    .execute(&mut *tx)
                    .await?;
                }
                let action = if template.is_some() {
                    crate::desk::AuditAction::TemplateChanged
                } else {
                    crate::desk::AuditAction::TemplateReset
                };
                audit!(
                    tx,
                    id,
                    account,
                    action,
                    format!("{} ({lang})", kind.code()),
                    now
                );
            }
            id.is_some()
        });
        Ok(saved)
    }

    /// A registration to preview a conference's emails with: the newest
    /// in `lang` (else the newest of all), its place in line if it waits,
    /// and the sessions it holds seats in.
    pub async fn sample_registration(
        &self,
        conference: &str,
        lang: &str,
    ) -> Result<Option<SampleRegistration>, StoreError> {
        let row: Option<(i64, String, String, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT r.id, r.given_name, r.family_name, \
                 (SELECT COUNT(*) FROM registrations w WHERE w.conference_id = r.conference_id \
                  AND w.status = 'waiting' AND r.status = 'waiting' AND w.waiting_since <= r.waiting_since) \
                 FROM registrations r JOIN conferences c ON c.id = r.conference_id \
                 WHERE c.slug = $1 ORDER BY CASE WHEN r.lang = $2 THEN 0 ELSE 1 END, r.id DESC LIMIT 1",
            )
            .bind(conference)
            .bind(lang)
            .fetch_optional(pool)
            .await?
        });
        let Some((id, given, family, position)) = row else {
            return Ok(None);
        };
        let held = self
            .mail_facts(id)
            .await?
            .map(|f| f.held)
            .unwrap_or_default();
        Ok(Some(SampleRegistration {
            name: format!("{given} {family}"),
            position: (position > 0).then_some(position),
            held,
        }))
    }
}

/// A real registration to preview an email with.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SampleRegistration {
    pub name: String,
    /// Its place on the waiting list, if it waits.
    pub position: Option<i64>,
    /// The slugs of the sessions it holds seats in, in order of start.
    pub held: Vec<String>,
}
