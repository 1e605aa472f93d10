//! Back-office accounts, their roles, their signed-in sessions, and the
//! counting of failed sign-ins that slows down password guessing.

use super::tx::{new_token, token_hash};
use super::{Store, StoreError};
use crate::account::{Account, StaffRole};
use crate::i18n::Lang;
use chrono::{DateTime, Duration, Utc};
use serde_json::json;

/// How long a password reset link works.
pub const RESET_FOR: Duration = Duration::hours(1);

/// A signed-in session ends after this long without a request...
pub const IDLE_FOR: Duration = Duration::hours(2);
/// ... and after this long in any case.
pub const SIGNED_IN_FOR: Duration = Duration::hours(12);

/// Failed sign-ins counted per key in a window of this length.
pub const FAILURE_WINDOW: Duration = Duration::minutes(15);

/// A conference an account holds a role in.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Membership {
    pub conference: String,
    pub role: StaffRole,
}

#[derive(sqlx::FromRow)]
struct AccountRow {
    id: i64,
    email: String,
    administrator: bool,
}

impl From<AccountRow> for Account {
    fn from(row: AccountRow) -> Account {
        Account {
            id: row.id,
            email: row.email,
            administrator: row.administrator,
        }
    }
}

impl Store {
    /// Creates an account with an already hashed password; `None` when the
    /// address has one already.
    pub async fn create_account(
        &self,
        email: &crate::field::Email,
        password_hash: &str,
        administrator: bool,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, StoreError> {
        let id: Option<i64> = in_write!(self, |tx| {
            sqlx::query_scalar(
            "INSERT INTO accounts (email, email_key, password_hash, administrator, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (email_key) DO NOTHING RETURNING id"
        )
        .bind(email.as_str())
        .bind(email.canonical())
        .bind(password_hash)
        .bind(administrator)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?
        });
        Ok(id)
    }

    /// The first administrator, from the first-run page: created only while
    /// no account exists (one of two racing first runs wins).
    pub async fn create_first_administrator(
        &self,
        email: &crate::field::Email,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, StoreError> {
        let id: Option<i64> = in_write!(self, |tx| {
            // Serialises first runs: PostgreSQL by a lock on the table,
            // SQLite by its single writer (taken by this first write).
            if matches!(self, Store::Postgres(_)) {
                sqlx::query("LOCK TABLE accounts IN EXCLUSIVE MODE")
                    .execute(&mut *tx)
                    .await?;
            }
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO accounts (email, email_key, password_hash, administrator, created_at) \
                 SELECT $1, $2, $3, TRUE, $4 WHERE NOT EXISTS (SELECT 1 FROM accounts) RETURNING id",
            )
            .bind(email.as_str())
            .bind(email.canonical())
            .bind(password_hash)
            .bind(now)
            .fetch_optional(&mut *tx)
            .await?;
            id
        });
        Ok(id)
    }

    pub async fn account_count(&self) -> Result<i64, StoreError> {
        let n: i64 = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT COUNT(*) FROM accounts"
        )
        .fetch_one(pool)
        .await?);
        Ok(n)
    }

    /// The account of an address and its password hash, for signing in.
    pub async fn account_for_sign_in(
        &self,
        email: &str,
    ) -> Result<Option<(Account, String)>, StoreError> {
        let row: Option<(i64, String, bool, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT id, email, administrator, password_hash FROM accounts WHERE email_key = $1 AND NOT disabled"
        )
        .bind(email.trim().to_lowercase())
        .fetch_optional(pool)
        .await?
        });
        Ok(row.map(|(id, email, administrator, hash)| {
            (
                Account {
                    id,
                    email,
                    administrator,
                },
                hash,
            )
        }))
    }

    /// Starts a signed-in session: the secret for its cookie (only its hash
    /// is kept).
    pub async fn sign_in(&self, account: i64, now: DateTime<Utc>) -> Result<String, StoreError> {
        let (token, hash) = new_token();
        in_write!(self, |tx| {
            sqlx::query(
            "INSERT INTO sign_ins (token_hash, account_id, created_at, last_seen_at) VALUES ($1, $2, $3, $4)"
        )
        .bind(&hash)
        .bind(account)
        .bind(now)
        .bind(now)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        });
        Ok(token)
    }

    /// The account of a signed-in session that is still open (and marks it
    /// seen now). Idle or too old, it is ended.
    pub async fn signed_in(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Account>, StoreError> {
        let hash = token_hash(token);
        let row: Option<AccountRow> = in_write!(self, |tx| {
            let account: Option<i64> = sqlx::query_scalar(
                "UPDATE sign_ins SET last_seen_at = $1 WHERE token_hash = $2 AND last_seen_at > $3 \
                 AND created_at > $4 RETURNING account_id",
            )
            .bind(now)
            .bind(&hash)
            .bind(now - IDLE_FOR)
            .bind(now - SIGNED_IN_FOR)
            .fetch_optional(&mut *tx)
            .await?;
            sqlx::query_as(
                "SELECT id, email, administrator FROM accounts WHERE id = $1 AND NOT disabled",
            )
            .bind(account)
            .fetch_optional(&mut *tx)
            .await?
        });
        if row.is_none() {
            self.sign_out(token).await?;
        }
        Ok(row.map(Account::from))
    }

    /// Takes an account's role in a conference away; `false` when it had none.
    pub async fn revoke(&self, email: &str, conference: &str) -> Result<bool, StoreError> {
        let done = in_write!(self, |tx| {
            sqlx::query(
            "DELETE FROM memberships WHERE account_id = (SELECT id FROM accounts WHERE email_key = $1) \
             AND conference_id = (SELECT id FROM conferences WHERE slug = $2)"
        )
        .bind(email.trim().to_lowercase())
        .bind(conference)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        });
        Ok(done == 1)
    }

    /// Disables an account: it signs in no more, its sessions end at once,
    /// and its reset links stop working; `false` when there is no such
    /// account.
    pub async fn disable(&self, email: &str) -> Result<bool, StoreError> {
        let done = in_write!(self, |tx| {
            let id: Option<i64> = sqlx::query_scalar(
                "UPDATE accounts SET disabled = TRUE WHERE email_key = $1 RETURNING id",
            )
            .bind(email.trim().to_lowercase())
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(id) = id {
                end_sessions_and_resets!(tx, id);
            }
            id.is_some()
        });
        Ok(done)
    }

    /// Whether a signed-in session is open, without marking it seen.
    pub async fn session_open(&self, token: &str, now: DateTime<Utc>) -> Result<bool, StoreError> {
        let hash = token_hash(token);
        let found: Option<i64> = on_pool!(self, |pool| {
            sqlx::query_scalar(
            "SELECT s.account_id FROM sign_ins s JOIN accounts a ON a.id = s.account_id \
             WHERE s.token_hash = $1 AND s.last_seen_at > $2 AND s.created_at > $3 AND NOT a.disabled"
        )
        .bind(&hash)
        .bind(now - IDLE_FOR)
        .bind(now - SIGNED_IN_FOR)
        .fetch_optional(pool)
        .await?
        });
        Ok(found.is_some())
    }

    /// Ends a signed-in session on the server.
    pub async fn sign_out(&self, token: &str) -> Result<(), StoreError> {
        let hash = token_hash(token);
        in_write!(self, |tx| sqlx::query(
            "DELETE FROM sign_ins WHERE token_hash = $1"
        )
        .bind(&hash)
        .execute(&mut *tx)
        .await?
        .rows_affected());
        Ok(())
    }

    /// Gives an account a role in a conference (replacing the one it had);
    /// `false` when there is no such account or conference.
    pub async fn grant(
        &self,
        email: &str,
        conference: &str,
        role: StaffRole,
    ) -> Result<bool, StoreError> {
        let done = in_write!(self, |tx| {
            sqlx::query(
            "INSERT INTO memberships (account_id, conference_id, role) \
             SELECT a.id, c.id, $1 FROM accounts a, conferences c WHERE a.email_key = $2 AND c.slug = $3 \
             ON CONFLICT (account_id, conference_id) DO UPDATE SET role = excluded.role"
        )
        .bind(role.code())
        .bind(email.trim().to_lowercase())
        .bind(conference)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        });
        Ok(done == 1)
    }

    /// The conferences an account holds a role in, by slug.
    pub async fn memberships(&self, account: i64) -> Result<Vec<Membership>, StoreError> {
        let rows: Vec<(String, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT c.slug, m.role FROM memberships m JOIN conferences c ON c.id = m.conference_id \
             WHERE m.account_id = $1 ORDER BY c.starts_on, c.slug"
        )
        .bind(account)
        .fetch_all(pool)
        .await?
        });
        rows.into_iter()
            .map(|(conference, role)| {
                Ok(Membership {
                    conference,
                    role: StaffRole::parse(&role)
                        .ok_or_else(|| StoreError::Corrupt(format!("role {role:?}")))?,
                })
            })
            .collect()
    }

    /// The role an account holds in a conference, if any.
    pub async fn role_in(
        &self,
        account: i64,
        conference: &str,
    ) -> Result<Option<StaffRole>, StoreError> {
        Ok(self
            .memberships(account)
            .await?
            .into_iter()
            .find(|m| m.conference == conference)
            .map(|m| m.role))
    }

    /// Counts one attempt under each key (a new window when the last one
    /// is over), before the work it guards, and says whether every key is
    /// still within its limit. Each count is one statement that returns the
    /// new figure, so that attempts arriving at once each see their own
    /// place: of forty at once against a limit of five, five go on. (Read
    /// first and written after the work, all forty would have gone on.)
    pub async fn attempt(
        &self,
        keys: &[(String, i64)],
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let mut within = true;
        // One statement per key, each its own transaction: two attempts
        // never hold one key's row while waiting for another's.
        for (key, limit) in keys {
            let count: i64 = in_write!(self, |tx| {
                sqlx::query_scalar(
                "INSERT INTO sign_in_failures (key, failures, window_started_at) VALUES ($1, 1, $2) \
                 ON CONFLICT (key) DO UPDATE SET \
                 failures = CASE WHEN sign_in_failures.window_started_at > $3 \
                   THEN sign_in_failures.failures + 1 ELSE 1 END, \
                 window_started_at = CASE WHEN sign_in_failures.window_started_at > $3 \
                   THEN sign_in_failures.window_started_at ELSE $2 END \
                 RETURNING CAST(failures AS BIGINT)"
            )
            .bind(key)
            .bind(now)
            .bind(now - FAILURE_WINDOW)
            .fetch_one(&mut *tx)
            .await?
            });
            within &= count <= *limit;
        }
        Ok(within)
    }

    /// Forgets the counters of windows that are over (they count for
    /// nothing), so that attempts from ever new addresses do not grow the
    /// table: the housekeeping's, not each attempt's (a window lasts 15
    /// minutes, so a pass every 10 keeps the table to what 25 minutes add).
    pub async fn forget_old_attempts(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let forgotten = in_write!(self, |tx| sqlx::query(
            "DELETE FROM sign_in_failures WHERE window_started_at <= $1"
        )
        .bind(now - FAILURE_WINDOW)
        .execute(&mut *tx)
        .await?
        .rows_affected());
        Ok(forgotten)
    }

    /// Takes back attempts that turned out right (a good sign-in): `forget`'s
    /// count goes, `less`'s loses one.
    pub async fn forgive(&self, forget: &str, less: &str) -> Result<(), StoreError> {
        in_write!(self, |tx| {
            sqlx::query("DELETE FROM sign_in_failures WHERE key = $1")
                .bind(forget)
                .execute(&mut *tx)
                .await?;
            sqlx::query(
                "UPDATE sign_in_failures SET failures = failures - 1 WHERE key = $1 AND failures > 0",
            )
            .bind(less)
            .execute(&mut *tx)
            .await?
            .rows_affected()
        });
        Ok(())
    }
}

/// Password resets: a link by email, used once.
impl Store {
    /// Emails a password reset link to the account of `email`, if there is
    /// one (the caller answers the same either way). The link works once,
    /// for [`RESET_FOR`].
    pub async fn request_password_reset(
        &self,
        email: &str,
        lang: Lang,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let (token, hash) = new_token();
        in_write!(self, |tx| {
            let account: Option<(i64, String)> = sqlx::query_as(
                "SELECT id, email FROM accounts WHERE email_key = $1 AND NOT disabled",
            )
            .bind(email.trim().to_lowercase())
            .fetch_optional(&mut *tx)
            .await?;
            if let Some((account, address)) = account {
                sqlx::query(
                    "INSERT INTO password_resets (token_hash, account_id, expires_at) VALUES ($1, $2, $3)",
                )
                .bind(&hash)
                .bind(account)
                .bind(now + RESET_FOR)
                .execute(&mut *tx)
                .await?;
                let payload = json!({ "link": crate::paths::link(base_url, &crate::paths::password_reset(&token)) });
                queue!(
                    tx,
                    crate::mail::MailKind::PasswordReset,
                    None::<i64>,
                    &address,
                    lang.code(),
                    payload,
                    now
                );
            }
        });
        Ok(())
    }

    /// Whether a password reset link can still be used.
    pub async fn password_reset_open(
        &self,
        token: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let hash = token_hash(token);
        let found: Option<String> = on_pool!(self, |pool| {
            sqlx::query_scalar(
            "SELECT token_hash FROM password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2"
        )
        .bind(&hash)
        .bind(now)
        .fetch_optional(pool)
        .await?
        });
        Ok(found.is_some())
    }

    /// Sets a new password hash through a reset link, once; every session of
    /// the account ends. `false` when the link is used, expired or unknown.
    pub async fn reset_password(
        &self,
        token: &str,
        password_hash: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let hash = token_hash(token);
        let done = in_write!(self, |tx| {
            let account: Option<i64> = sqlx::query_scalar(
                "UPDATE password_resets SET used_at = $1 WHERE token_hash = $2 AND used_at IS NULL \
                 AND expires_at > $1 RETURNING account_id",
            )
            .bind(now)
            .bind(&hash)
            .fetch_optional(&mut *tx)
            .await?;
            match account {
                None => false,
                Some(account) => {
                    sqlx::query("UPDATE accounts SET password_hash = $1 WHERE id = $2")
                        .bind(password_hash)
                        .bind(account)
                        .execute(&mut *tx)
                        .await?;
                    // Every other reset link dies with the password it was for.
                    end_sessions_and_resets!(tx, account);
                    true
                }
            }
        });
        Ok(done)
    }
}
