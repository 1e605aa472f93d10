//! The outbox: messages waiting to be sent, claimed by the mail worker,
//! and what became of each attempt.
//!
//! States: `queued` → `sending` (claimed, with a lease) → `sent`, or
//! `retrying` (a temporary failure; due again after a backoff) → ... →
//! `failed` (a permanent failure, or too many attempts). A `sending` row
//! whose lease ran out (the process died mid-send) is due again: at worst
//! the message is sent twice, with the same Message-ID; it is never lost.

use super::tx::new_token;
use super::VERIFY_FOR;
use super::{Store, StoreError};
use crate::desk::MailState;
use chrono::{DateTime, Duration, Utc};

/// How long a claimed message is reserved for the worker that claimed it.
pub const LEASE: Duration = Duration::minutes(5);
/// Attempts before a message that keeps failing temporarily is given up.
pub const MAX_ATTEMPTS: i32 = 12;

/// A message claimed for sending.
#[derive(Clone, Debug, PartialEq, sqlx::FromRow)]
pub struct Claimed {
    pub id: i64,
    pub message_id: String,
    pub kind: String,
    pub registration_id: Option<i64>,
    pub recipient: String,
    pub lang: String,
    pub payload: String,
    /// Including this one.
    pub attempts: i32,
}

/// How an attempt ended, as the worker classifies the server's answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Attempt {
    Sent,
    /// 4xx, connection refused, timeouts: try again later.
    Temporary(String),
    /// 5xx: the message will never go through as it is.
    Permanent(String),
}

/// A sent message's payload without its link, which is a secret (it opens
/// a registration, or resets a password) and has done its work once the
/// message left: `"link": null` says there was one (a resend makes a new
/// one). `None` when there is no link to take out.
fn without_link(payload: &str) -> Option<String> {
    let mut value: serde_json::Value = serde_json::from_str(payload).ok()?;
    let link = value.get_mut("link").filter(|link| !link.is_null())?;
    *link = serde_json::Value::Null;
    Some(value.to_string())
}

/// The wait before attempt `attempts + 1`: 30 s, 1 min, 2 min ... capped at
/// an hour.
pub fn backoff(attempts: i32) -> Duration {
    let exponent = attempts.clamp(1, 8) - 1;
    std::cmp::min(Duration::seconds(30 * (1 << exponent)), Duration::hours(1))
}

// Claiming differs by dialect: PostgreSQL lets several instances claim at
// once and skips the rows another has locked; SQLite has one writer at a time
// (BEGIN IMMEDIATE) and no FOR UPDATE.
const CLAIM_POSTGRES: &str = "UPDATE outbox SET state = 'sending', attempts = attempts + 1, next_attempt_at = $1 \
     WHERE id IN (SELECT id FROM outbox WHERE state IN ('queued', 'retrying', 'sending') AND next_attempt_at <= $2 \
     ORDER BY next_attempt_at, id LIMIT $3 FOR UPDATE SKIP LOCKED) \
     RETURNING id, message_id, kind, registration_id, recipient, lang, payload, attempts";
const CLAIM_SQLITE: &str = "UPDATE outbox SET state = 'sending', attempts = attempts + 1, next_attempt_at = $1 \
     WHERE id IN (SELECT id FROM outbox WHERE state IN ('queued', 'retrying', 'sending') AND next_attempt_at <= $2 \
     ORDER BY next_attempt_at, id LIMIT $3) \
     RETURNING id, message_id, kind, registration_id, recipient, lang, payload, attempts";

impl Store {
    /// Claims up to `limit` due messages for [`LEASE`].
    pub async fn claim_due(
        &self,
        limit: i64,
        now: DateTime<Utc>,
    ) -> Result<Vec<Claimed>, StoreError> {
        let sql = match self {
            Store::Sqlite { .. } => CLAIM_SQLITE,
            Store::Postgres(_) => CLAIM_POSTGRES,
        };
        let mut claimed: Vec<Claimed> = in_write!(self, |tx| sqlx::query_as(sql)
            .bind(now + LEASE)
            .bind(now)
            .bind(limit)
            .fetch_all(&mut *tx)
            .await?);
        claimed.sort_by_key(|c| c.id);
        Ok(claimed)
    }

    /// Records how attempts ended, in one transaction: one UPDATE each, by
    /// the attempt number the claim returned. A worker whose lease ran out
    /// while another claimed the message again records nothing over the
    /// newer attempt.
    pub async fn record_attempts<'a>(
        &self,
        attempts: impl IntoIterator<Item = (&'a Claimed, &'a Attempt)>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let rows: Vec<_> = attempts
            .into_iter()
            .map(|(claimed, attempt)| {
                let (state, next, error) = match attempt {
                    Attempt::Sent => (MailState::Sent, now, None),
                    Attempt::Temporary(e) if claimed.attempts < MAX_ATTEMPTS => (
                        MailState::Retrying,
                        now + backoff(claimed.attempts),
                        Some(e),
                    ),
                    Attempt::Temporary(e) | Attempt::Permanent(e) => {
                        (MailState::Failed, now, Some(e))
                    }
                };
                let error = error.map(|e| e.chars().take(500).collect::<String>());
                let sent_at = (state == MailState::Sent).then_some(now);
                let payload = sent_at.and_then(|_| without_link(&claimed.payload));
                (
                    claimed.id,
                    claimed.attempts,
                    state,
                    next,
                    error,
                    sent_at,
                    payload,
                )
            })
            .collect();
        if rows.is_empty() {
            return Ok(());
        }
        in_write!(self, |tx| {
            for (id, attempts, state, next, error, sent_at, payload) in &rows {
                sqlx::query(
                    "UPDATE outbox SET state = $1, next_attempt_at = $2, last_error = $3, sent_at = $4, \
                     payload = COALESCE($7, payload) WHERE id = $5 AND attempts = $6",
                )
                .bind(state.code())
                .bind(*next)
                .bind(error.as_deref())
                .bind(*sent_at)
                .bind(*id)
                .bind(*attempts)
                .bind(payload.as_deref())
                .execute(&mut *tx)
                .await?;
            }
        });
        Ok(())
    }
}

/// The mail room's actions: failed messages tried again, one sent again.
impl Store {
    /// Tries the conference's failed messages again, from their first
    /// attempt; notes it in each registration's history. How many.
    pub async fn retry_failed_mail(
        &self,
        conference: &str,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<u64, StoreError> {
        let retried = in_write!(self, |tx| {
            let failed: Vec<(i64, i64)> = sqlx::query_as(
                "SELECT o.id, r.id FROM outbox o JOIN registrations r ON r.id = o.registration_id \
                 JOIN conferences c ON c.id = r.conference_id WHERE c.slug = $1 AND o.state = 'failed'",
            )
            .bind(conference)
            .fetch_all(&mut *tx)
            .await?;
            for (message, registration) in &failed {
                sqlx::query(
                    "UPDATE outbox SET state = 'queued', attempts = 0, next_attempt_at = $1 WHERE id = $2",
                )
                .bind(now)
                .bind(message)
                .execute(&mut *tx)
                .await?;
                event!(
                    tx,
                    registration,
                    Some(account),
                    crate::desk::EventAction::MailRetried,
                    now
                );
            }
            failed.len() as u64
        });
        Ok(retried)
    }

    /// Sends one of a conference's messages again, as a new message (its
    /// own Message-ID) with the same content. `false`: no such message.
    pub async fn resend_mail(
        &self,
        conference: &str,
        message: i64,
        account: i64,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let done = in_write!(self, |tx| {
            let row: Option<(String, i64, String, String, String)> = sqlx::query_as(
                "SELECT o.kind, r.id, o.recipient, o.lang, o.payload FROM outbox o \
                 JOIN registrations r ON r.id = o.registration_id JOIN conferences c ON c.id = r.conference_id \
                 WHERE c.slug = $1 AND o.id = $2",
            )
            .bind(conference)
            .bind(message)
            .fetch_optional(&mut *tx)
            .await?;
            match row {
                None => false,
                Some((kind, registration, recipient, lang, payload)) => {
                    let kind = crate::mail::MailKind::parse(&kind)
                        .ok_or_else(|| StoreError::Corrupt(format!("mail kind {kind:?}")))?;
                    let mut payload: serde_json::Value =
                        super::from_json("outbox payload", &payload)?;
                    // A sent message's link was taken out when it left (a
                    // secret is kept no longer than its use): the copy gets
                    // a new one, and the old link stops working.
                    if payload.get("link").is_some_and(|link| link.is_null()) {
                        let link = if kind == crate::mail::MailKind::Verification {
                            let (token, hash) = new_token();
                            sqlx::query(
                                "UPDATE registrations SET verify_token_hash = $1, verify_expires_at = $2 \
                                 WHERE id = $3",
                            )
                            .bind(&hash)
                            .bind(now + VERIFY_FOR)
                            .bind(registration)
                            .execute(&mut *tx)
                            .await?;
                            crate::paths::link(base_url, &crate::paths::verify(&token))
                        } else {
                            new_private_link!(tx, registration, base_url, now)
                        };
                        payload["link"] = serde_json::Value::String(link);
                    }
                    queue!(tx, kind, registration, &recipient, &lang, payload, now);
                    event!(
                        tx,
                        registration,
                        Some(account),
                        crate::desk::EventAction::MailResent,
                        now
                    );
                    true
                }
            }
        });
        Ok(done)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_grows_and_is_capped() {
        assert_eq!(backoff(1), Duration::seconds(30));
        assert_eq!(backoff(2), Duration::minutes(1));
        assert_eq!(backoff(3), Duration::minutes(2));
        assert_eq!(backoff(8), Duration::hours(1));
        assert_eq!(backoff(20), Duration::hours(1));
    }
}
