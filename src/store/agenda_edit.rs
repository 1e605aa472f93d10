//! The agenda editor's writes: a session changed, with an audit entry in
//! the same transaction. The session's uid never changes, so calendars
//! that hold it update it rather than add another.

use super::{json, Store, StoreError};
use crate::i18n::Localized;
use crate::session_edit::SessionEdit;
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

/// What saving a session did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionSaved {
    Saved,
    NotFound,
    /// The seat limit would be below the seats delegates already hold.
    SeatsBelowHeld {
        held: i64,
    },
}

impl Store {
    /// Saves a session's changes for `account`.
    pub async fn update_session(
        &self,
        conference: &str,
        session: &str,
        edit: &SessionEdit,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<SessionSaved, StoreError> {
        let Some((first, _)) = edit.titles.first() else {
            return Ok(SessionSaved::NotFound);
        };
        let mut title = Localized::new(*first, "");
        for (lang, text) in &edit.titles {
            title = title.with(*lang, text.clone());
        }
        let seats = edit.seats.map(|s| i32::try_from(s).unwrap_or(i32::MAX));
        let saved = on_pool!(self, |pool| {
            let mut tx = pool.begin().await?;
            let row: Option<(i64, i64, i64)> = sqlx::query_as(
                "SELECT s.id, c.id, CAST(s.taken AS BIGINT) FROM sessions s JOIN conferences c ON c.id = s.conference_id \
                 WHERE c.slug = $1 AND s.slug = $2",
            )
            .bind(conference)
            .bind(session)
            .fetch_optional(&mut *tx)
            .await?;
            let saved = match row {
                None => SessionSaved::NotFound,
                Some((_, _, held)) if seats.is_some_and(|s| i64::from(s) < held) => {
                    SessionSaved::SeatsBelowHeld { held }
                }
                Some((id, conference_id, _)) => {
                    sqlx::query(
                        "UPDATE sessions SET title = $1, kind = $2, starts_at = $3, ends_at = $4, \
                         room_id = (SELECT id FROM rooms WHERE conference_id = $5 AND slug = $6), seats = $7 \
                         WHERE id = $8",
                    )
                    .bind(json(&title))
                    .bind(edit.kind.code())
                    .bind(edit.starts_at)
                    .bind(edit.ends_at)
                    .bind(conference_id)
                    .bind(edit.room.as_ref().map(|r| r.as_str()))
                    .bind(seats)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    // Feeds and calendars say the agenda changed.
                    sqlx::query("UPDATE conferences SET updated_at = $1 WHERE id = $2")
                        .bind(now)
                        .bind(conference_id)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query(
                        "INSERT INTO audit_log (conference_id, account_id, action, subject, at) \
                         VALUES ($1, $2, 'session_changed', $3, $4)",
                    )
                    .bind(conference_id)
                    .bind(account)
                    .bind(session)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    SessionSaved::Saved
                }
            };
            tx.commit().await?;
            saved
        });
        Ok(saved)
    }

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
