//! Registrations: submitting, verifying the address, cancelling; each change
//! and the email it causes are written in one transaction.
//!
//! Seats are taken with one conditional UPDATE of the conference's counter
//! (`confirmed_count < capacity`), so the count never passes the capacity
//! whatever arrives at once. Transactions lock the conference row first,
//! always (pretix's lesson: one lock order, no deadlocks). On SQLite every
//! writing transaction starts with `BEGIN IMMEDIATE`, which serialises
//! writers from the start instead of failing them at their first write.

use super::{Store, StoreError};
use crate::i18n::{Lang, Localized};
use crate::registration::{Category, NewRegistration, RegistrationMode, RegistrationView, Status};
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use serde_json::json;
use sha2::{Digest, Sha256};

/// How long a verification link works.
pub const VERIFY_FOR: Duration = Duration::hours(48);
/// A second submission within this time sends no new email (so that a
/// double click, or twenty, mails the delegate once).
pub const RESEND_AFTER: Duration = Duration::minutes(10);

/// What a submission did. Both answer the delegate the same way ("check your
/// email"), so that a stranger cannot learn who is registered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Submitted {
    New,
    Known,
}

/// What following a verification link did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verified {
    Confirmed,
    /// On the waiting list, at this position (1 is next).
    Waiting {
        position: i64,
    },
    AwaitingApproval,
    /// The link was used already.
    AlreadyUsed,
    Expired,
    /// No such link.
    Unknown,
}

/// A registration found by its private link.
#[derive(sqlx::FromRow)]
struct LinkRow {
    slug: String,
    title: String,
    given_name: String,
    family_name: String,
    email: String,
    organisation: String,
    job_title: Option<String>,
    city: String,
    country: String,
    category: String,
    status: String,
    position: i64,
}

/// A registration found by its verification link.
#[derive(sqlx::FromRow)]
struct Pending {
    id: i64,
    conference_id: i64,
    status: String,
    email: String,
    lang: String,
    verify_expires_at: Option<DateTime<Utc>>,
}

/// A secret for a link: 32 random bytes, URL-safe. Only its hash is stored.
fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A conference's title (stored as JSON) in a delegate's language.
fn title_in(title: &str, lang: &str) -> Result<String, StoreError> {
    let title: Localized = super::from_json("conference title", title)?;
    Ok(title.get(Lang::parse(lang).unwrap_or_default()).to_owned())
}

fn message_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("<{id}@convene>")
}

/// Starts a writing transaction: `BEGIN IMMEDIATE` on SQLite.
macro_rules! begin_write {
    (sqlite, $pool:expr) => {
        $pool.begin_with("BEGIN IMMEDIATE").await?
    };
    (postgres, $pool:expr) => {
        $pool.begin().await?
    };
}

/// Runs the body with a writing transaction `$tx` on whichever pool the
/// store holds.
macro_rules! in_write {
    ($store:expr, |$tx:ident| $body:expr) => {
        match $store {
            Store::Sqlite(pool) => {
                let mut $tx = begin_write!(sqlite, pool);
                let out = $body;
                $tx.commit().await?;
                out
            }
            Store::Postgres(pool) => {
                let mut $tx = begin_write!(postgres, pool);
                let out = $body;
                $tx.commit().await?;
                out
            }
        }
    };
}

/// Takes a seat of the conference if one is left, in the transaction `$tx`:
/// 1 when taken, 0 when full. The one way a registration is confirmed.
macro_rules! take_seat {
    ($tx:ident, $conference:expr) => {
        sqlx::query(
            "UPDATE conferences SET confirmed_count = confirmed_count + 1 \
             WHERE id = $1 AND (capacity IS NULL OR confirmed_count < capacity)",
        )
        .bind($conference)
        .execute(&mut *$tx)
        .await?
        .rows_affected()
    };
}

/// Queues a message in the transaction `$tx`.
macro_rules! queue {
    ($tx:ident, $kind:expr, $registration:expr, $recipient:expr, $lang:expr, $payload:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO outbox (message_id, kind, registration_id, recipient, lang, payload, state, \
             next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7, $8)",
        )
        .bind(message_id())
        .bind($kind)
        .bind($registration)
        .bind($recipient)
        .bind($lang)
        .bind($payload.to_string())
        .bind($now)
        .bind($now)
        .execute(&mut *$tx)
        .await?
    };
}

impl Store {
    /// Records a submitted registration (unverified) and queues the email
    /// with its verification link; a second submission of the same address
    /// sends the link again instead, unless one was sent moments ago.
    /// `None` when there is no published conference by that slug.
    pub async fn submit_registration(
        &self,
        conference: &str,
        r: &NewRegistration,
        lang: Lang,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Submitted>, StoreError> {
        let email_key = r.email.canonical();
        let (verify_token, verify_hash) = new_token();
        let (_, manage_hash) = new_token();
        let verify_link = format!("{base_url}/r/verify/{verify_token}");
        let outcome = in_write!(self, |tx| {
            let conference_row: Option<(i64, String)> =
                sqlx::query_as("SELECT id, title FROM conferences WHERE slug = $1 AND published")
                    .bind(conference)
                    .fetch_optional(&mut *tx)
                    .await?;
            match conference_row {
                None => None,
                Some((conference_id, title)) => {
                    let inserted: Option<i64> = sqlx::query_scalar(
                        "INSERT INTO registrations (conference_id, email, email_key, given_name, family_name, \
                         organisation, job_title, city, country, category, lang, status, verify_token_hash, \
                         verify_expires_at, manage_token_hash, created_at, updated_at) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17) \
                         ON CONFLICT (conference_id, email_key) DO NOTHING RETURNING id",
                    )
                    .bind(conference_id)
                    .bind(r.email.as_str())
                    .bind(&email_key)
                    .bind(r.given_name.as_str())
                    .bind(r.family_name.as_str())
                    .bind(r.organisation.as_str())
                    .bind(r.function.as_ref().map(|f| f.as_str()))
                    .bind(r.city.as_str())
                    .bind(r.country.as_str())
                    .bind(r.category.code())
                    .bind(lang.code())
                    .bind(Status::Unverified.code())
                    .bind(&verify_hash)
                    .bind(now + VERIFY_FOR)
                    .bind(&manage_hash)
                    .bind(now)
                    .bind(now)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let payload = json!({
                        "conference": title_in(&title, lang.code())?,
                        "name": r.given_name.as_str(),
                        "link": verify_link,
                    });
                    match inserted {
                        Some(id) => {
                            queue!(
                                tx,
                                "verification",
                                id,
                                r.email.as_str(),
                                lang.code(),
                                payload,
                                now
                            );
                            Some(Submitted::New)
                        }
                        None => {
                            // What the delegate gave when they registered: the address,
                            // name and language of this submission may be a stranger's.
                            let (id, status, known_lang, recipient, known_name): (
                                i64,
                                String,
                                String,
                                String,
                                String,
                            ) = sqlx::query_as(
                                "SELECT id, status, lang, email, given_name FROM registrations \
                                     WHERE conference_id = $1 AND email_key = $2",
                            )
                            .bind(conference_id)
                            .bind(&email_key)
                            .fetch_one(&mut *tx)
                            .await?;
                            let recent: i64 = sqlx::query_scalar(
                                "SELECT COUNT(*) FROM outbox WHERE registration_id = $1 AND created_at > $2",
                            )
                            .bind(id)
                            .bind(now - RESEND_AFTER)
                            .fetch_one(&mut *tx)
                            .await?;
                            let known_title = title_in(&title, &known_lang)?;
                            // A delegate who cancelled registers anew: their row is
                            // taken over by this submission (once, if several race).
                            let revived = if status == Status::Cancelled.code() {
                                sqlx::query(
                                    "UPDATE registrations SET email = $1, given_name = $2, family_name = $3, \
                                     organisation = $4, job_title = $5, city = $6, country = $7, category = $8, \
                                     lang = $9, status = $10, verify_token_hash = $11, verify_expires_at = $12, \
                                     waiting_since = NULL, updated_at = $13 WHERE id = $14 AND status = $15",
                                )
                                .bind(r.email.as_str())
                                .bind(r.given_name.as_str())
                                .bind(r.family_name.as_str())
                                .bind(r.organisation.as_str())
                                .bind(r.function.as_ref().map(|f| f.as_str()))
                                .bind(r.city.as_str())
                                .bind(r.country.as_str())
                                .bind(r.category.code())
                                .bind(lang.code())
                                .bind(Status::Unverified.code())
                                .bind(&verify_hash)
                                .bind(now + VERIFY_FOR)
                                .bind(now)
                                .bind(id)
                                .bind(Status::Cancelled.code())
                                .execute(&mut *tx)
                                .await?
                                .rows_affected()
                                    == 1
                            } else {
                                false
                            };
                            let submitted = if revived {
                                queue!(
                                    tx,
                                    "verification",
                                    id,
                                    r.email.as_str(),
                                    lang.code(),
                                    payload,
                                    now
                                );
                                Submitted::New
                            } else if recent == 0 && status == Status::Unverified.code() {
                                sqlx::query(
                                    "UPDATE registrations SET verify_token_hash = $1, verify_expires_at = $2, \
                                     updated_at = $3 WHERE id = $4",
                                )
                                .bind(&verify_hash)
                                .bind(now + VERIFY_FOR)
                                .bind(now)
                                .bind(id)
                                .execute(&mut *tx)
                                .await?;
                                let payload = json!({ "conference": known_title, "name": known_name, "link": verify_link });
                                queue!(
                                    tx,
                                    "verification",
                                    id,
                                    &recipient,
                                    &known_lang,
                                    payload,
                                    now
                                );
                                Submitted::Known
                            } else if recent == 0 {
                                let (manage_token, manage_hash) = new_token();
                                sqlx::query("UPDATE registrations SET manage_token_hash = $1, updated_at = $2 WHERE id = $3")
                                    .bind(&manage_hash)
                                    .bind(now)
                                    .bind(id)
                                    .execute(&mut *tx)
                                    .await?;
                                let payload = json!({ "conference": known_title, "link": format!("{base_url}/r/{manage_token}") });
                                queue!(
                                    tx,
                                    "private_link",
                                    id,
                                    &recipient,
                                    &known_lang,
                                    payload,
                                    now
                                );
                                Submitted::Known
                            } else {
                                Submitted::Known
                            };
                            Some(submitted)
                        }
                    }
                }
            }
        });
        Ok(outcome)
    }

    /// Follows a verification link: the address is confirmed, and the
    /// registration is confirmed while seats last (else waiting-listed) or
    /// left for staff to approve, with the email that says so.
    pub async fn verify_registration(
        &self,
        token: &str,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<Verified, StoreError> {
        let hash = token_hash(token);
        let outcome = in_write!(self, |tx| {
            let row: Option<Pending> = sqlx::query_as(
                "SELECT id, conference_id, status, email, lang, verify_expires_at FROM registrations \
                 WHERE verify_token_hash = $1",
            )
            .bind(&hash)
            .fetch_optional(&mut *tx)
            .await?;
            match row {
                None => Verified::Unknown,
                Some(p) if p.status != Status::Unverified.code() => Verified::AlreadyUsed,
                Some(p) if p.verify_expires_at.is_none_or(|e| e <= now) => Verified::Expired,
                Some(Pending {
                    id,
                    conference_id,
                    email,
                    lang,
                    ..
                }) => {
                    // A no-op UPDATE takes the conference's row lock (PostgreSQL;
                    // SQLite's BEGIN IMMEDIATE has serialised us already), so
                    // that seats and places in line are handed out one at a time.
                    let (mode, title): (String, String) = sqlx::query_as(
                        "UPDATE conferences SET confirmed_count = confirmed_count WHERE id = $1 \
                         RETURNING registration_mode, title",
                    )
                    .bind(conference_id)
                    .fetch_one(&mut *tx)
                    .await?;
                    let mode = RegistrationMode::parse(&mode).ok_or_else(|| {
                        StoreError::Corrupt(format!("registration mode {mode:?}"))
                    })?;
                    let (manage_token, manage_hash) = new_token();
                    let link = format!("{base_url}/r/{manage_token}");
                    let (status, kind, outcome) = if mode == RegistrationMode::Approval {
                        (
                            Status::AwaitingApproval,
                            "awaiting_approval",
                            Verified::AwaitingApproval,
                        )
                    } else {
                        // The seat, if there is one: the lock on the conference row.
                        let taken = take_seat!(tx, conference_id);
                        if taken == 1 {
                            (Status::Confirmed, "confirmation", Verified::Confirmed)
                        } else {
                            let ahead: i64 = sqlx::query_scalar(
                                "SELECT COUNT(*) FROM registrations WHERE conference_id = $1 AND status = $2",
                            )
                            .bind(conference_id)
                            .bind(Status::Waiting.code())
                            .fetch_one(&mut *tx)
                            .await?;
                            (
                                Status::Waiting,
                                "waiting_list",
                                Verified::Waiting {
                                    position: ahead + 1,
                                },
                            )
                        }
                    };
                    sqlx::query(
                        "UPDATE registrations SET status = $1, verify_token_hash = NULL, manage_token_hash = $2, \
                         waiting_since = $3, updated_at = $4 WHERE id = $5",
                    )
                    .bind(status.code())
                    .bind(&manage_hash)
                    .bind((status == Status::Waiting).then_some(now))
                    .bind(now)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    let position = match outcome {
                        Verified::Waiting { position } => Some(position),
                        _ => None,
                    };
                    let payload = json!({ "conference": title_in(&title, &lang)?, "link": link, "position": position });
                    queue!(tx, kind, id, &email, &lang, payload, now);
                    outcome
                }
            }
        });
        Ok(outcome)
    }

    /// Cancels the registration of a private link. A confirmed delegate's
    /// seat goes to the first on the waiting list, who is told by email.
    /// Returns whether there was such a registration to cancel.
    pub async fn cancel_registration(
        &self,
        manage_token: &str,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let hash = token_hash(manage_token);
        let cancelled = in_write!(self, |tx| {
            let row: Option<(i64, i64, String, String, String)> = sqlx::query_as(
                "SELECT id, conference_id, status, email, lang FROM registrations WHERE manage_token_hash = $1",
            )
            .bind(&hash)
            .fetch_optional(&mut *tx)
            .await?;
            match row {
                None => false,
                Some((_, _, status, ..)) if status == Status::Cancelled.code() => false,
                Some((id, conference_id, status, email, lang)) => {
                    let freed = i32::from(status == Status::Confirmed.code());
                    // The conference row first, as every writer locks it.
                    sqlx::query("UPDATE conferences SET confirmed_count = confirmed_count - $1 WHERE id = $2")
                        .bind(freed)
                        .bind(conference_id)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query(
                        "UPDATE registrations SET status = $1, updated_at = $2 WHERE id = $3",
                    )
                    .bind(Status::Cancelled.code())
                    .bind(now)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    let title: String =
                        sqlx::query_scalar("SELECT title FROM conferences WHERE id = $1")
                            .bind(conference_id)
                            .fetch_one(&mut *tx)
                            .await?;
                    let payload = json!({ "conference": title_in(&title, &lang)? });
                    queue!(tx, "cancellation", id, &email, &lang, payload, now);
                    if freed == 1 {
                        let first: Option<(i64, String, String)> = sqlx::query_as(
                            "SELECT id, email, lang FROM registrations WHERE conference_id = $1 AND status = $2 \
                             ORDER BY waiting_since, id LIMIT 1",
                        )
                        .bind(conference_id)
                        .bind(Status::Waiting.code())
                        .fetch_optional(&mut *tx)
                        .await?;
                        if let Some((next, next_email, next_lang)) = first {
                            let taken = take_seat!(tx, conference_id);
                            if taken == 1 {
                                let (manage_token, manage_hash) = new_token();
                                sqlx::query(
                                    "UPDATE registrations SET status = $1, waiting_since = NULL, \
                                     manage_token_hash = $2, updated_at = $3 WHERE id = $4",
                                )
                                .bind(Status::Confirmed.code())
                                .bind(&manage_hash)
                                .bind(now)
                                .bind(next)
                                .execute(&mut *tx)
                                .await?;
                                let payload = json!({
                                    "conference": title_in(&title, &next_lang)?,
                                    "link": format!("{base_url}/r/{manage_token}"),
                                });
                                queue!(
                                    tx,
                                    "promotion",
                                    next,
                                    &next_email,
                                    &next_lang,
                                    payload,
                                    now
                                );
                            }
                        }
                    }
                    true
                }
            }
        });
        Ok(cancelled)
    }

    /// The registration of a private link.
    pub async fn registration_by_link(
        &self,
        manage_token: &str,
    ) -> Result<Option<RegistrationView>, StoreError> {
        let hash = token_hash(manage_token);
        let row: Option<LinkRow> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT c.slug, c.title, r.given_name, r.family_name, r.email, r.organisation, r.job_title, r.city, \
             r.country, r.category, r.status, \
             (SELECT COUNT(*) FROM registrations w WHERE w.conference_id = r.conference_id AND w.status = 'waiting' \
              AND (w.waiting_since < r.waiting_since OR (w.waiting_since = r.waiting_since AND w.id <= r.id))) AS position \
             FROM registrations r JOIN conferences c ON c.id = r.conference_id WHERE r.manage_token_hash = $1",
        )
        .bind(&hash)
        .fetch_optional(pool)
        .await?
        });
        let Some(row) = row else { return Ok(None) };
        let status = Status::parse(&row.status)
            .ok_or_else(|| StoreError::Corrupt(format!("status {:?}", row.status)))?;
        Ok(Some(RegistrationView {
            conference: super::slug(row.slug)?,
            conference_title: super::from_json("conference title", &row.title)?,
            given_name: row.given_name,
            family_name: row.family_name,
            email: row.email,
            organisation: row.organisation,
            function: row.job_title,
            city: row.city,
            country: row.country,
            category: Category::parse(&row.category)
                .map_err(|_| StoreError::Corrupt(format!("category {:?}", row.category)))?,
            status,
            position: (status == Status::Waiting).then_some(row.position),
        }))
    }

    /// Limits a conference to `capacity` confirmed registrations (`None`: no limit).
    pub async fn set_capacity(
        &self,
        conference: &str,
        capacity: Option<u32>,
    ) -> Result<(), StoreError> {
        let capacity = capacity.map(|c| i32::try_from(c).unwrap_or(i32::MAX));
        in_write!(self, |tx| sqlx::query(
            "UPDATE conferences SET capacity = $1 WHERE slug = $2"
        )
        .bind(capacity)
        .bind(conference)
        .execute(&mut *tx)
        .await
        .map(|_| ())?);
        Ok(())
    }

    /// How many registrations of a conference are in each status.
    pub async fn registration_counts(
        &self,
        conference: &str,
    ) -> Result<Vec<(Status, i64)>, StoreError> {
        let rows: Vec<(String, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT r.status, COUNT(*) FROM registrations r JOIN conferences c ON c.id = r.conference_id \
             WHERE c.slug = $1 GROUP BY r.status ORDER BY r.status",
        )
        .bind(conference)
        .fetch_all(pool)
        .await?
        });
        rows.into_iter()
            .map(|(status, n)| {
                Status::parse(&status)
                    .map(|s| (s, n))
                    .ok_or_else(|| StoreError::Corrupt(format!("status {status:?}")))
            })
            .collect()
    }

    /// The queued messages (kind, recipient, payload), oldest first: what the
    /// mail worker will send.
    pub async fn outbox(&self) -> Result<Vec<(String, String, serde_json::Value)>, StoreError> {
        let rows: Vec<(String, String, String)> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT kind, recipient, payload FROM outbox ORDER BY id"
        )
        .fetch_all(pool)
        .await?);
        rows.into_iter()
            .map(|(kind, to, payload)| {
                Ok((kind, to, super::from_json("outbox payload", &payload)?))
            })
            .collect()
    }
}
