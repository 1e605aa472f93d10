//! The write path, and what every domain's writing transaction shares.
//!
//! [`in_write!`] is the one way to write: on SQLite it takes this process's
//! writer turn ([`SQLITE_WRITER`]) and the store's one writing connection,
//! and begins with `BEGIN IMMEDIATE`, so a transaction that reads before
//! it writes holds the write lock from its first read; on PostgreSQL it
//! begins a transaction on the pool, where a read-then-write locks the row
//! it reads (`lock_conference!`, `locked_conference!`). SQLite's reading
//! connections are opened `query_only`: a write that does not come this
//! way fails at once, in every test, instead of skipping the queue.

use super::{Lang, Localized, StoreError};
use base64::Engine;
use rand::RngCore;
use sha2::{Digest, Sha256};

/// A secret for a link: 32 random bytes, URL-safe. Only its hash is stored.
pub(crate) fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub(crate) fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A conference's title (stored as JSON) in a delegate's language.
pub(crate) fn title_in(title: &str, lang: &str) -> Result<String, StoreError> {
    let title: Localized = super::from_json("conference title", title)?;
    Ok(title.get(Lang::parse(lang).unwrap_or_default()).to_owned())
}

pub(crate) fn message_id() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    let id: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    format!("<{id}@convene>")
}

/// SQLite has one writer at a time. This process's writers queue here, in
/// turn, rather than in SQLite's busy handler, which sleeps between tries
/// (1, 2, 5, 10 ms and more) and so leaves the database idle under load;
/// the one holding it then takes the store's writing connection, which is
/// free. (Other processes on the same file still wait in the busy handler.)
pub(crate) static SQLITE_WRITER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

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
            Store::Sqlite { writer, .. } => {
                let _writer = $crate::store::tx::SQLITE_WRITER.lock().await;
                let mut $tx = begin_write!(sqlite, writer);
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

/// Queues a message of kind `$kind` (a [`crate::mail::MailKind`]) in the
/// transaction `$tx`.
macro_rules! queue {
    ($tx:ident, $kind:expr, $registration:expr, $recipient:expr, $lang:expr, $payload:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO outbox (message_id, kind, registration_id, recipient, lang, payload, state, \
             next_attempt_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7, $8)",
        )
        .bind($crate::store::tx::message_id())
        .bind($crate::mail::MailKind::code($kind))
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

/// Notes in the transaction `$tx` what happened to registration `$id`, and
/// which back-office account did it (`None`: the delegate, or the command
/// line).
macro_rules! event {
    ($tx:ident, $id:expr, $account:expr, $action:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO registration_events (registration_id, account_id, action, at) VALUES ($1, $2, $3, $4)",
        )
        .bind($id)
        .bind($account)
        .bind($crate::desk::EventAction::code($action))
        .bind($now)
        .execute(&mut *$tx)
        .await?
    };
}

/// Ends every signed-in session of account `$account` and deletes its
/// reset links, in the transaction `$tx`: when its password changes, and
/// when it is disabled.
macro_rules! end_sessions_and_resets {
    ($tx:ident, $account:expr) => {
        for table in ["sign_ins", "password_resets"] {
            sqlx::query(&format!("DELETE FROM {table} WHERE account_id = $1"))
                .bind($account)
                .execute(&mut *$tx)
                .await?;
        }
    };
}

/// Notes in the audit log, in the transaction `$tx`, a change by account
/// `$account` (a [`crate::desk::AuditAction`]) to conference `$conference`,
/// of `$subject` (a session's slug, a wording, a delegate's address).
macro_rules! audit {
    ($tx:ident, $conference:expr, $account:expr, $action:expr, $subject:expr, $now:expr) => {
        sqlx::query(
            "INSERT INTO audit_log (conference_id, account_id, action, subject, at) \
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind($conference)
        .bind($account)
        .bind($crate::desk::AuditAction::code($action))
        .bind($subject)
        .bind($now)
        .execute(&mut *$tx)
        .await?
    };
}

/// Keeps a file (its SHA-256 `$hash`, its type and bytes) in the
/// transaction `$tx`, once: the same bytes uploaded again are the same row.
macro_rules! keep_file {
    ($tx:ident, $hash:expr, $content_type:expr, $bytes:expr, $now:expr) => {{
        let bytes: &[u8] = $bytes;
        sqlx::query(
            "INSERT INTO files (hash, content_type, size, bytes, created_at) \
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (hash) DO NOTHING",
        )
        .bind($hash)
        .bind($content_type)
        .bind(i64::try_from(bytes.len()).unwrap_or(i64::MAX))
        .bind(bytes)
        .bind($now)
        .execute(&mut *$tx)
        .await?
    }};
}

/// Deletes the kept files among `$hashes` that nothing refers to any more,
/// in the transaction `$tx`: a portrait replaced or taken away, whose
/// files would otherwise keep a face the organisers removed. A file may be
/// shared (the same bytes uploaded twice, a copied conference's
/// portraits), so each is looked for in every place that names files: the
/// pictures' JSON (people, conferences' faces) and the columns that hold a
/// file's hash.
macro_rules! forget_files {
    ($tx:ident, $hashes:expr) => {{
        for hash in $hashes {
            let hash: &str = hash;
            sqlx::query(
                "DELETE FROM files WHERE hash = $1 \
                 AND NOT EXISTS (SELECT 1 FROM people WHERE photo LIKE '%' || $1 || '%') \
                 AND NOT EXISTS (SELECT 1 FROM conferences WHERE face LIKE '%' || $1 || '%') \
                 AND NOT EXISTS (SELECT 1 FROM posts WHERE image_hash = $1) \
                 AND NOT EXISTS (SELECT 1 FROM document_files WHERE file_hash = $1) \
                 AND NOT EXISTS (SELECT 1 FROM session_materials WHERE file_hash = $1)",
            )
            .bind(hash)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}
