//! What the back office's accounts changed in a conference: the audit log
//! (conferences, agendas, wordings) and the registrations' history, read
//! together for the audit page.

use super::{Store, StoreError};
use chrono::{DateTime, Utc};

/// A registration's change by an account, for the audit trail.
#[derive(sqlx::FromRow)]
struct TrailRow {
    action: String,
    id: i64,
    given_name: String,
    family_name: String,
    email: Option<String>,
    at: DateTime<Utc>,
}

impl Store {
    /// Everything the back office's accounts changed in a conference, newest
    /// first: the audit log and the registrations' history (subject: the
    /// registration's name).
    pub async fn audit_trail(
        &self,
        conference: &str,
        limit: i64,
    ) -> Result<Vec<crate::desk::AuditLine>, StoreError> {
        let mut lines: Vec<crate::desk::AuditLine> = self
            .audit_log(conference, limit)
            .await?
            .into_iter()
            .map(|(action, subject, by, at)| crate::desk::AuditLine {
                action,
                subject,
                by,
                at,
                registration: None,
            })
            .collect();
        let events: Vec<TrailRow> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT e.action, r.id, r.given_name, r.family_name, a.email, e.at FROM registration_events e \
             JOIN registrations r ON r.id = e.registration_id JOIN conferences c ON c.id = r.conference_id \
             JOIN accounts a ON a.id = e.account_id WHERE c.slug = $1 ORDER BY e.id DESC LIMIT $2"
        )
        .bind(conference)
        .bind(limit)
        .fetch_all(pool)
        .await?
        });
        lines.extend(events.into_iter().map(|e| crate::desk::AuditLine {
            action: e.action,
            subject: format!("{} {}", e.given_name, e.family_name),
            by: e.email,
            at: e.at,
            registration: Some(e.id),
        }));
        lines.sort_by_key(|line| std::cmp::Reverse(line.at));
        lines.truncate(usize::try_from(limit).unwrap_or(0));
        Ok(lines)
    }

    /// A conference's audit log, newest first: (action, subject, account's
    /// address, when).
    pub async fn audit_log(
        &self,
        conference: &str,
        limit: i64,
    ) -> Result<Vec<(String, String, Option<String>, DateTime<Utc>)>, StoreError> {
        let rows = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT l.action, l.subject, a.email, l.at FROM audit_log l JOIN conferences c ON c.id = l.conference_id \
             LEFT JOIN accounts a ON a.id = l.account_id WHERE c.slug = $1 ORDER BY l.id DESC LIMIT $2"
        )
        .bind(conference)
        .bind(limit)
        .fetch_all(pool)
        .await?
        });
        Ok(rows)
    }
}
