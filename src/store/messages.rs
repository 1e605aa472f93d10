//! Staff's messages to the delegates a filter of the registration table
//! finds: one outbox row per delegate, all in one transaction with the
//! registrations' history and the audit log, so a message goes to all of
//! them or to none.

use super::tx::title_in;
use super::{Store, StoreError};
use crate::desk::RegistrationFilter;
use crate::i18n::Lang;
use crate::mail::Message;
use chrono::{DateTime, Utc};
use serde_json::json;

/// A delegate a message goes to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recipient {
    pub id: i64,
    pub email: String,
    pub lang: Lang,
    pub name: String,
}

/// Cancelled and turned-down registrations are never written to, whatever
/// the filter.
const WRITABLE: &str = " AND r.status NOT IN ('cancelled', 'rejected')";

impl Store {
    /// Who a message to `filter` would reach, in the table's order, and
    /// the conference's stored title; `None` when there is no conference.
    pub async fn recipients(
        &self,
        conference: &str,
        filter: &RegistrationFilter,
    ) -> Result<Option<(Vec<Recipient>, String)>, StoreError> {
        let found: Option<(i64, String)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT id, title FROM conferences WHERE slug = $1"
        )
        .bind(conference)
        .fetch_optional(pool)
        .await?);
        let Some((id, title)) = found else {
            return Ok(None);
        };
        let (sql, values) = recipients_query(filter);
        let rows: Vec<(i64, String, String, String, String)> = on_pool!(self, |pool| {
            let mut query = sqlx::query_as(&sql).bind(id);
            for value in &values {
                query = query.bind(value.clone());
            }
            query.fetch_all(pool).await?
        });
        Ok(Some((rows.into_iter().map(recipient).collect(), title)))
    }

    /// Queues `message` to every delegate `filter` finds (but the
    /// cancelled and turned down), each in their language; how many, or
    /// `None` when there is no such conference.
    pub async fn send_message(
        &self,
        conference: &str,
        filter: &RegistrationFilter,
        message: &Message,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<usize>, StoreError> {
        let (sql, values) = recipients_query(filter);
        let sent = in_write!(self, |tx| {
            let found: Option<(i64, String)> =
                sqlx::query_as("SELECT id, title FROM conferences WHERE slug = $1")
                    .bind(conference)
                    .fetch_optional(&mut *tx)
                    .await?;
            match found {
                None => None,
                Some((conference_id, title)) => {
                    let mut query = sqlx::query_as(&sql).bind(conference_id);
                    for value in &values {
                        query = query.bind(value.clone());
                    }
                    let rows: Vec<(i64, String, String, String, String)> =
                        query.fetch_all(&mut *tx).await?;
                    let n = rows.len();
                    for r in rows.into_iter().map(recipient) {
                        let payload = json!({
                            "conference": title_in(&title, r.lang.code())?,
                            "name": r.name,
                            "subject": message.subject,
                            "body": message.body,
                        });
                        queue!(
                            tx,
                            crate::mail::MailKind::Message,
                            r.id,
                            &r.email,
                            r.lang.code(),
                            payload,
                            now
                        );
                        event!(
                            tx,
                            r.id,
                            Some(account),
                            crate::desk::EventAction::MessageSent,
                            now
                        );
                    }
                    let subject = format!("{} × {n}", message.subject);
                    let action = crate::desk::AuditAction::MessageSent;
                    audit!(tx, conference_id, account, action, subject, now);
                    Some(n)
                }
            }
        });
        Ok(sent)
    }
}

fn recipients_query(filter: &RegistrationFilter) -> (String, Vec<String>) {
    let (conditions, values) = super::desk::conditions(filter);
    (
        format!(
            "SELECT r.id, r.email, r.lang, r.given_name, r.family_name FROM registrations r \
             WHERE r.conference_id = $1{conditions}{WRITABLE} ORDER BY r.id"
        ),
        values,
    )
}

fn recipient((id, email, lang, given, family): (i64, String, String, String, String)) -> Recipient {
    Recipient {
        id,
        email,
        lang: Lang::parse(&lang).unwrap_or_default(),
        name: format!("{given} {family}"),
    }
}
