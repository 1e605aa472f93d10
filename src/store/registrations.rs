//! Registrations: submitting, verifying the address, cancelling; each change
//! and the email it causes are written in one transaction.
//!
//! Seats are taken with one conditional UPDATE of the conference's counter
//! (`confirmed_count < capacity`), so the count never passes the capacity
//! whatever arrives at once. Transactions lock the conference row first,
//! always (pretix's lesson: one lock order, no deadlocks). On SQLite every
//! writing transaction starts with `BEGIN IMMEDIATE`, which serialises
//! writers from the start instead of failing them at their first write.

use super::{venue_today, Store, StoreError};
use crate::i18n::{Lang, Localized};
use crate::registration::{
    ChosenSession, NewRegistration, RegistrationForm, RegistrationMode, RegistrationView, Status,
};
use base64::Engine;
use chrono::{DateTime, Duration, Utc};
use rand::RngCore;
use serde_json::json;
use sha2::{Digest, Sha256};

/// How long a verification link works.
pub const VERIFY_FOR: Duration = Duration::hours(48);
/// How long a password reset link works.
pub const RESET_FOR: Duration = Duration::hours(1);
/// A second submission within this time sends no new email (so that a
/// double click, or twenty, mails the delegate once).
pub const RESEND_AFTER: Duration = Duration::minutes(10);

/// What a submission did. `New` and `Known` answer the delegate the same
/// way ("check your email"), so that a stranger cannot learn who is
/// registered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Submitted {
    New,
    Known,
    /// The conference is by invitation, and the submission had no valid
    /// invitation for its address.
    NotInvited,
    /// Registration has not opened yet, or has closed.
    Closed,
}

/// What a staff decision on a registration did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decided {
    Confirmed,
    /// Approved, but the conference is full: on the waiting list.
    Waiting {
        position: i64,
    },
    Rejected,
    /// No such registration, or it is not awaiting approval.
    NotAwaiting,
}

/// What a change from the private link did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Changed {
    Saved,
    /// No such link, or the registration is cancelled or rejected.
    Closed,
}

/// What promoting a registration from the waiting list did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Promoted {
    Promoted,
    /// No seat is free: raise the conference's places first.
    Full,
    /// The registration is not on the waiting list (any more).
    NotWaiting,
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
    id: i64,
    slug: String,
    title: String,
    honorific: Option<String>,
    given_name: String,
    family_name: String,
    email: String,
    organisation: String,
    job_title: Option<String>,
    city: String,
    country: String,
    category: String,
    languages: String,
    interpretation: bool,
    accessibility: Option<String>,
    dietary: Option<String>,
    listed: bool,
    answers: String,
    status: String,
    position: i64,
}

#[derive(sqlx::FromRow)]
struct VisaRow {
    passport_name: String,
    nationality: String,
    passport_number: String,
    date_of_birth: chrono::NaiveDate,
}

#[derive(sqlx::FromRow)]
struct ChosenRow {
    slug: String,
    title: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    held: bool,
    /// Place in line for a seat (counting only confirmed delegates).
    line: i64,
}

/// A registration as it stands once its conference's row is locked: what
/// every transition decides on.
#[derive(sqlx::FromRow)]
struct CurrentRow {
    id: i64,
    conference_id: i64,
    status: String,
    email: String,
    lang: String,
    verify_expires_at: Option<DateTime<Utc>>,
}

struct Current {
    id: i64,
    conference_id: i64,
    status: Status,
    email: String,
    lang: String,
    verify_expires_at: Option<DateTime<Utc>>,
    /// The conference's registration mode and stored title.
    mode: RegistrationMode,
    title: String,
}

/// A secret for a link: 32 random bytes, URL-safe. Only its hash is stored.
pub(super) fn new_token() -> (String, String) {
    let mut bytes = [0u8; 32];
    rand::rng().fill_bytes(&mut bytes);
    let token = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes);
    let hash = token_hash(&token);
    (token, hash)
}

pub(super) fn token_hash(token: &str) -> String {
    Sha256::digest(token.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A conference's title (stored as JSON) in a delegate's language.
pub(super) fn title_in(title: &str, lang: &str) -> Result<String, StoreError> {
    let title: Localized = super::from_json("conference title", title)?;
    Ok(title.get(Lang::parse(lang).unwrap_or_default()).to_owned())
}

pub(super) fn message_id() -> String {
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
pub(super) static SQLITE_WRITER: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

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
                let _writer = super::registrations::SQLITE_WRITER.lock().await;
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
        .bind($action)
        .bind($now)
        .execute(&mut *$tx)
        .await?
    };
}

/// Moves registration `$id` from status `$from` to `$to`, in one
/// conditional statement: the one place a registration's status changes
/// (but for a new one, and one taken over after a cancellation). Under the
/// lock of [`lock_registration!`] it cannot miss; if it ever did, the
/// transaction is rolled back rather than a second effect written.
macro_rules! move_to {
    ($tx:ident, $id:expr, $from:expr, $to:expr, $now:expr) => {{
        let (from, to): (Status, Status) = ($from, $to);
        let moved = sqlx::query(
            "UPDATE registrations SET status = $1, waiting_since = $2, updated_at = $3 \
             WHERE id = $4 AND status = $5",
        )
        .bind(to.code())
        .bind((to == Status::Waiting).then_some($now))
        .bind($now)
        .bind($id)
        .bind(from.code())
        .execute(&mut *$tx)
        .await?
        .rows_affected();
        if moved != 1 {
            return Err(StoreError::Corrupt(format!(
                "registration {} was not {} any more",
                $id,
                from.code()
            )));
        }
    }};
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

/// Gives registration `$id` a new private link (the old one stops
/// working): evaluates to the link.
macro_rules! new_private_link {
    ($tx:ident, $id:expr, $base_url:expr, $now:expr) => {{
        let (manage_token, manage_hash) = new_token();
        sqlx::query(
            "UPDATE registrations SET manage_token_hash = $1, updated_at = $2 WHERE id = $3",
        )
        .bind(&manage_hash)
        .bind($now)
        .bind($id)
        .execute(&mut *$tx)
        .await?;
        crate::paths::link($base_url, &crate::paths::private(&manage_token))
    }};
}

/// Deletes registration `$id`'s passport details: they are kept for the
/// visa letter only, so not past a cancellation or a refusal.
macro_rules! forget_passport {
    ($tx:ident, $id:expr) => {
        sqlx::query("DELETE FROM visa_requests WHERE registration_id = $1")
            .bind($id)
            .execute(&mut *$tx)
            .await?
    };
}

/// The columns of a delegate's details, in the order [`details!`] binds them.
const DETAILS: &str = "honorific, given_name, family_name, organisation, job_title, city, country, \
                       category, languages, interpretation, accessibility, dietary, listed, answers, search_text";

/// Binds a [`NewRegistration`]'s details to `$query`, in [`DETAILS`] order.
macro_rules! details {
    ($query:expr, $r:expr) => {
        $query
            .bind($r.honorific.map(|h| h.code()))
            .bind($r.given_name.as_str())
            .bind($r.family_name.as_str())
            .bind($r.organisation.as_str())
            .bind($r.function.as_ref().map(|f| f.as_str()))
            .bind($r.city.as_str())
            .bind($r.country.as_str())
            .bind($r.category.code())
            .bind(
                $r.languages
                    .iter()
                    .map(|l| l.code())
                    .collect::<Vec<_>>()
                    .join(","),
            )
            .bind($r.interpretation)
            .bind($r.accessibility.as_ref().map(|a| a.as_str()))
            .bind($r.dietary.as_ref().map(|d| d.as_str()))
            .bind($r.listed)
            .bind(super::json(&$r.answers))
            .bind(crate::desk::search_text(&[
                $r.given_name.as_str(),
                $r.family_name.as_str(),
                $r.email.as_str(),
                $r.organisation.as_str(),
                $r.city.as_str(),
            ]))
    };
}

/// Writes the passport details and the chosen sessions of registration
/// `$id` (conference `$conference`), replacing what it had. Seats already
/// held in sessions still chosen stay held; seats in sessions no longer
/// chosen are given back: evaluates to those sessions' ids. `$fresh`: the
/// row is new, so it has nothing to replace.
macro_rules! write_choices {
    ($tx:ident, $id:expr, $conference:expr, $r:expr, $now:expr, $fresh:expr) => {{
        let mut freed: Vec<i64> = vec![];
        if !$fresh {
            sqlx::query("DELETE FROM visa_requests WHERE registration_id = $1")
                .bind($id)
                .execute(&mut *$tx)
                .await?;
        }
        if let Some(visa) = &$r.visa {
            sqlx::query(
                "INSERT INTO visa_requests (registration_id, passport_name, nationality, passport_number, \
                 date_of_birth) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind($id)
            .bind(visa.passport_name.as_str())
            .bind(visa.nationality.as_str())
            .bind(visa.passport_number.as_str())
            .bind(visa.date_of_birth)
            .execute(&mut *$tx)
            .await?;
        }
        let chosen: Vec<String> = $r.sessions.iter().map(|s| s.as_str().to_owned()).collect();
        let current: Vec<(i64, String, bool)> = if $fresh {
            vec![]
        } else {
            sqlx::query_as(
                "SELECT s.id, s.slug, rs.held FROM registration_sessions rs JOIN sessions s ON s.id = rs.session_id \
                 WHERE rs.registration_id = $1 ORDER BY s.id",
            )
            .bind($id)
            .fetch_all(&mut *$tx)
            .await?
        };
        for (session, slug, held) in &current {
            if !chosen.contains(slug) {
                if *held {
                    sqlx::query("UPDATE sessions SET taken = taken - 1 WHERE id = $1")
                        .bind(session)
                        .execute(&mut *$tx)
                        .await?;
                    freed.push(*session);
                }
                sqlx::query("DELETE FROM registration_sessions WHERE registration_id = $1 AND session_id = $2")
                    .bind($id)
                    .bind(session)
                    .execute(&mut *$tx)
                    .await?;
            }
        }
        for slug in &chosen {
            if !current.iter().any(|(_, s, _)| s == slug) {
                sqlx::query(
                    "INSERT INTO registration_sessions (registration_id, session_id, held, chosen_at) \
                     SELECT $1, id, FALSE, $2 FROM sessions WHERE conference_id = $3 AND slug = $4",
                )
                .bind($id)
                .bind($now)
                .bind($conference)
                .bind(slug)
                .execute(&mut *$tx)
                .await?;
            }
        }
        freed
    }};
}

/// Holds a seat of `$session` for registration `$id` if one is left:
/// whether it did. The one way a session seat is taken.
macro_rules! hold_seat {
    ($tx:ident, $id:expr, $session:expr) => {{
        let taken = sqlx::query(
            "UPDATE sessions SET taken = taken + 1 WHERE id = $1 AND (seats IS NULL OR taken < seats)",
        )
        .bind($session)
        .execute(&mut *$tx)
        .await?
        .rows_affected()
            == 1;
        if taken {
            sqlx::query(
                "UPDATE registration_sessions SET held = TRUE WHERE registration_id = $1 AND session_id = $2",
            )
            .bind($id)
            .bind($session)
            .execute(&mut *$tx)
            .await?;
        }
        taken
    }};
}

/// Holds a seat, where one is left, in each session registration `$id`
/// chose and holds none in yet (at confirmation). Session rows are locked
/// in id order, after the conference's, as every writer does.
macro_rules! hold_sessions {
    ($tx:ident, $id:expr) => {{
        let waiting: Vec<i64> = sqlx::query_scalar(
            "SELECT session_id FROM registration_sessions WHERE registration_id = $1 AND NOT held \
             ORDER BY session_id",
        )
        .bind($id)
        .fetch_all(&mut *$tx)
        .await?;
        for session in waiting {
            hold_seat!($tx, $id, session);
        }
    }};
}

/// Gives back the session seats registration `$id` holds (when cancelled):
/// evaluates to those sessions' ids.
macro_rules! release_sessions {
    ($tx:ident, $id:expr) => {{
        let freed: Vec<i64> = sqlx::query_scalar(
            "SELECT session_id FROM registration_sessions WHERE registration_id = $1 AND held ORDER BY session_id",
        )
        .bind($id)
        .fetch_all(&mut *$tx)
        .await?;
        sqlx::query(
            "UPDATE sessions SET taken = taken - 1 WHERE id IN \
             (SELECT session_id FROM registration_sessions WHERE registration_id = $1 AND held)",
        )
        .bind($id)
        .execute(&mut *$tx)
        .await?;
        sqlx::query("UPDATE registration_sessions SET held = FALSE WHERE registration_id = $1")
            .bind($id)
            .execute(&mut *$tx)
            .await?;
        freed
    }};
}

/// Gives each freed seat of the sessions `$freed` to the first confirmed
/// delegate in line for it (who chose the session when it was full), and
/// tells them by email with a new private link.
macro_rules! give_freed_seats {
    ($tx:ident, $freed:expr, $base_url:expr, $now:expr) => {{
        for session in $freed {
            let first: Option<(i64, String, String, String, String)> = sqlx::query_as(
                "SELECT r.id, r.email, r.lang, s.title, c.title FROM registration_sessions rs \
                 JOIN registrations r ON r.id = rs.registration_id \
                 JOIN sessions s ON s.id = rs.session_id JOIN conferences c ON c.id = r.conference_id \
                 WHERE rs.session_id = $1 AND NOT rs.held AND r.status = $2 \
                 ORDER BY rs.chosen_at, r.id LIMIT 1",
            )
            .bind(session)
            .bind(Status::Confirmed.code())
            .fetch_optional(&mut *$tx)
            .await?;
            let Some((next, email, lang, session_title, title)) = first else {
                continue;
            };
            if hold_seat!($tx, next, session) {
                let link = new_private_link!($tx, next, $base_url, $now);
                let session_title: Localized = super::from_json("session title", &session_title)?;
                let payload = json!({
                    "site": $base_url,
                    "conference": title_in(&title, &lang)?,
                    "session": session_title.get(Lang::parse(&lang).unwrap_or_default()),
                    "link": link,
                });
                queue!($tx, "session_seat", next, &email, &lang, payload, $now);
                event!($tx, next, None::<i64>, "session_seat", $now);
            }
        }
    }};
}

/// Confirms registration `$id` if the conference has a seat left, else puts
/// it on the waiting list; the conference's row must be locked already.
/// Evaluates to the new status and, when waiting, the place in line.
macro_rules! seat_or_wait {
    ($tx:ident, $id:expr, $conference:expr, $now:expr) => {{
        if take_seat!($tx, $conference) == 1 {
            hold_sessions!($tx, $id);
            (Status::Confirmed, None)
        } else {
            let ahead: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM registrations WHERE conference_id = $1 AND status = $2",
            )
            .bind($conference)
            .bind(Status::Waiting.code())
            .fetch_one(&mut *$tx)
            .await?;
            (Status::Waiting, Some(ahead + 1))
        }
    }};
}

/// Confirms registration `$id`, on the waiting list, which holds a
/// conference seat taken just now in the transaction `$tx`: its sessions'
/// seats, a new private link, the promotion email and the history entry
/// (`$account`: who did it).
macro_rules! confirm_from_waiting {
    ($tx:ident, $id:expr, $email:expr, $lang:expr, $title:expr, $base_url:expr, $account:expr, $now:expr) => {{
        hold_sessions!($tx, $id);
        move_to!($tx, $id, Status::Waiting, Status::Confirmed, $now);
        let link = new_private_link!($tx, $id, $base_url, $now);
        let payload = json!({
            "site": $base_url,
            "conference": title_in($title, $lang)?,
            "link": link,
        });
        queue!($tx, "promotion", $id, $email, $lang, payload, $now);
        event!($tx, $id, $account, "promoted", $now);
    }};
}

/// Gives a free seat of the conference to the first delegate on its
/// waiting list, in the transaction `$tx` (after the conference row is
/// locked), and tells them by email; `$title` is the conference's stored
/// title. Evaluates to whether someone was promoted.
macro_rules! promote_next {
    ($tx:ident, $conference:expr, $title:expr, $base_url:expr, $now:expr) => {{
        let first: Option<(i64, String, String)> = sqlx::query_as(
            "SELECT id, email, lang FROM registrations WHERE conference_id = $1 AND status = $2 \
             ORDER BY waiting_since, id LIMIT 1",
        )
        .bind($conference)
        .bind(Status::Waiting.code())
        .fetch_optional(&mut *$tx)
        .await?;
        let seated = match first {
            Some(_) => take_seat!($tx, $conference) == 1,
            None => false,
        };
        match first {
            Some((next, next_email, next_lang)) if seated => {
                confirm_from_waiting!(
                    $tx,
                    next,
                    &next_email,
                    &next_lang,
                    $title,
                    $base_url,
                    None::<i64>,
                    $now
                );
                true
            }
            _ => false,
        }
    }};
}

/// The id of the conference `$slug`, its row locked for the transaction
/// `$tx` (a no-op UPDATE; on SQLite, writers are serialised already), or
/// `None`. Writers that read, then write a conference's things (a free
/// slug for a session, room, person or track; its questions) take their
/// turn with it, so two cannot pick the same slug or lose each other's change.
macro_rules! locked_conference {
    ($tx:ident, $slug:expr) => {{
        let id: Option<i64> = sqlx::query_scalar(
            "UPDATE conferences SET updated_at = updated_at WHERE slug = $1 RETURNING id",
        )
        .bind($slug)
        .fetch_optional(&mut *$tx)
        .await?;
        id
    }};
}

/// Locks the conference's row (a no-op UPDATE; on SQLite, BEGIN IMMEDIATE
/// has serialised writers already) and reads its mode and title.
macro_rules! lock_conference {
    ($tx:ident, $conference:expr) => {{
        let (mode, title): (String, String) = sqlx::query_as(
            "UPDATE conferences SET confirmed_count = confirmed_count WHERE id = $1 \
             RETURNING registration_mode, title",
        )
        .bind($conference)
        .fetch_one(&mut *$tx)
        .await?;
        let mode = RegistrationMode::parse(&mode)
            .ok_or_else(|| StoreError::Corrupt(format!("registration mode {mode:?}")))?;
        (mode, title)
    }};
}

/// The registration whose `$column` is `$key` (a link's hash, or `id`),
/// locked for a transition in the transaction `$tx`, as it stands once
/// locked: `None` when there is none. Every transition of a registration
/// starts here. The conference's row is locked first, as by every writer
/// of registrations (one lock order), and the registration is read again
/// after: a transition that got there first has committed by then, so a
/// second click, or a staff action on the same registration at the same
/// moment, sees what the first did instead of the state both started from.
macro_rules! lock_registration {
    ($tx:ident, $column:literal, $key:expr) => {{
        let found: Option<i64> = sqlx::query_scalar(concat!(
            "SELECT conference_id FROM registrations WHERE ",
            $column,
            " = $1"
        ))
        .bind($key)
        .fetch_optional(&mut *$tx)
        .await?;
        match found {
            None => None,
            Some(conference_id) => {
                let (mode, title) = lock_conference!($tx, conference_id);
                let row: Option<CurrentRow> = sqlx::query_as(concat!(
                    "SELECT id, conference_id, status, email, lang, verify_expires_at \
                     FROM registrations WHERE ",
                    $column,
                    " = $1"
                ))
                .bind($key)
                .fetch_optional(&mut *$tx)
                .await?;
                match row {
                    None => None,
                    Some(row) => Some(Current {
                        id: row.id,
                        conference_id: row.conference_id,
                        status: Status::parse(&row.status).ok_or_else(|| {
                            StoreError::Corrupt(format!("status {:?}", row.status))
                        })?,
                        email: row.email,
                        lang: row.lang,
                        verify_expires_at: row.verify_expires_at,
                        mode,
                        title,
                    }),
                }
            }
        }
    }};
}

impl Store {
    /// Records a submitted registration (unverified) and queues the email
    /// with its verification link; a second submission of the same address
    /// sends the link again instead, unless one was sent moments ago.
    /// For a conference by invitation, `invitation` must be the token of
    /// the address's invitation. `None` when there is no published
    /// conference by that slug.
    pub async fn submit_registration(
        &self,
        conference: &str,
        r: &NewRegistration,
        invitation: Option<&str>,
        lang: Lang,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Submitted>, StoreError> {
        let email_key = r.email.canonical();
        let (verify_token, verify_hash) = new_token();
        let (_, manage_hash) = new_token();
        let verify_link = crate::paths::link(base_url, &crate::paths::verify(&verify_token));
        let invitation_hash = invitation.map(token_hash);
        let outcome = in_write!(self, |tx| {
            #[allow(clippy::type_complexity)]
            let row: Option<(
                i64,
                String,
                String,
                Option<chrono::NaiveDate>,
                Option<chrono::NaiveDate>,
                String,
            )> = sqlx::query_as(
                "SELECT id, title, registration_mode, registration_opens_on, registration_closes_on, \
                 time_zone FROM conferences WHERE slug = $1 AND published",
            )
            .bind(conference)
            .fetch_optional(&mut *tx)
            .await?;
            // Outside its window (in the venue's calendar), a conference
            // takes no new registration.
            let open = match &row {
                None => true,
                Some((_, _, _, opens_on, closes_on, zone)) => {
                    crate::registration::RegistrationWindow {
                        opens_on: *opens_on,
                        closes_on: *closes_on,
                    }
                    .on(venue_today(zone, now)?)
                        == crate::registration::WindowState::Open
                }
            };
            let conference_row = row.map(|(id, title, mode, ..)| (id, title, mode));
            let invited = match (&conference_row, &invitation_hash) {
                (Some((id, _, mode)), Some(hash))
                    if mode == RegistrationMode::Invitation.code() =>
                {
                    let found: Option<i64> = sqlx::query_scalar(
                        "SELECT id FROM invitations WHERE conference_id = $1 AND token_hash = $2 AND email_key = $3",
                    )
                    .bind(id)
                    .bind(hash)
                    .bind(&email_key)
                    .fetch_optional(&mut *tx)
                    .await?;
                    found.is_some()
                }
                (Some((_, _, mode)), _) => mode != RegistrationMode::Invitation.code(),
                (None, _) => false,
            };
            match conference_row {
                None => None,
                Some(_) if !open => Some(Submitted::Closed),
                Some(_) if !invited => Some(Submitted::NotInvited),
                Some((conference_id, title, _)) => {
                    // New: most are, in one statement that locks nothing
                    // but the new row.
                    let insert = format!(
                        "INSERT INTO registrations (conference_id, email, email_key, lang, status, \
                         verify_token_hash, verify_expires_at, manage_token_hash, created_at, updated_at, \
                         {DETAILS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, \
                         $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25) \
                         ON CONFLICT (conference_id, email_key) DO NOTHING RETURNING id"
                    );
                    let inserted: Option<i64> = details!(
                        sqlx::query_scalar(&insert)
                            .bind(conference_id)
                            .bind(r.email.as_str())
                            .bind(&email_key)
                            .bind(lang.code())
                            .bind(Status::Unverified.code())
                            .bind(&verify_hash)
                            .bind(now + VERIFY_FOR)
                            .bind(&manage_hash)
                            .bind(now)
                            .bind(now),
                        r
                    )
                    .fetch_optional(&mut *tx)
                    .await?;
                    // Else the address has a registration: locked as every
                    // transition locks it, it is taken over when it was
                    // cancelled, or its link sent again.
                    let known = match inserted {
                        Some(_) => None,
                        None => {
                            let id: i64 = sqlx::query_scalar(
                                "SELECT id FROM registrations WHERE conference_id = $1 AND email_key = $2",
                            )
                            .bind(conference_id)
                            .bind(&email_key)
                            .fetch_one(&mut *tx)
                            .await?;
                            lock_registration!(tx, "id", id)
                        }
                    };
                    let taken_over = match &known {
                        Some(c) if c.status == Status::Cancelled => {
                            move_to!(tx, c.id, Status::Cancelled, Status::Unverified, now);
                            details!(
                                sqlx::query(&format!(
                                    "UPDATE registrations SET ({DETAILS}) = ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
                                     $10, $11, $12, $13, $14, $15), email = $16, lang = $17, \
                                     verify_token_hash = $18, verify_expires_at = $19, manage_token_hash = $20, \
                                     created_at = $21, updated_at = $21 WHERE id = $22"
                                )),
                                r
                            )
                            .bind(r.email.as_str())
                            .bind(lang.code())
                            .bind(&verify_hash)
                            .bind(now + VERIFY_FOR)
                            .bind(&manage_hash)
                            .bind(now)
                            .bind(c.id)
                            .execute(&mut *tx)
                            .await?;
                            Some(c.id)
                        }
                        _ => None,
                    };
                    match (inserted, taken_over, known) {
                        (Some(id), _, _) | (None, Some(id), _) => {
                            write_choices!(tx, id, conference_id, r, now, inserted.is_some());
                            event!(tx, id, None::<i64>, "registered", now);
                            let payload = json!({
                                "conference": title_in(&title, lang.code())?,
                                "name": r.given_name.as_str(),
                                "link": verify_link,
                            });
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
                        (None, None, None) => {
                            return Err(StoreError::Corrupt(format!(
                                "a registration of conference {conference_id} neither new nor found"
                            )))
                        }
                        (None, None, Some(c)) => {
                            // What the delegate gave when they registered: the address,
                            // name and language of this submission may be a stranger's.
                            let known_name: String = sqlx::query_scalar(
                                "SELECT given_name FROM registrations WHERE id = $1",
                            )
                            .bind(c.id)
                            .fetch_one(&mut *tx)
                            .await?;
                            let recent: i64 = sqlx::query_scalar(
                                "SELECT COUNT(*) FROM outbox WHERE registration_id = $1 AND created_at > $2",
                            )
                            .bind(c.id)
                            .bind(now - RESEND_AFTER)
                            .fetch_one(&mut *tx)
                            .await?;
                            let known_title = title_in(&title, &c.lang)?;
                            if recent == 0 && c.status == Status::Unverified {
                                sqlx::query(
                                    "UPDATE registrations SET verify_token_hash = $1, verify_expires_at = $2, \
                                     updated_at = $3 WHERE id = $4",
                                )
                                .bind(&verify_hash)
                                .bind(now + VERIFY_FOR)
                                .bind(now)
                                .bind(c.id)
                                .execute(&mut *tx)
                                .await?;
                                let payload = json!({ "conference": known_title, "name": known_name, "link": verify_link });
                                queue!(tx, "verification", c.id, &c.email, &c.lang, payload, now);
                            } else if recent == 0 {
                                let link = new_private_link!(tx, c.id, base_url, now);
                                let payload = json!({ "conference": known_title, "link": link });
                                queue!(tx, "private_link", c.id, &c.email, &c.lang, payload, now);
                            }
                            Some(Submitted::Known)
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
            // The hash stays after use, so that a second click learns that
            // the first one worked rather than that the link is unknown.
            match lock_registration!(tx, "verify_token_hash", &hash) {
                None => Verified::Unknown,
                Some(r) if r.status != Status::Unverified => Verified::AlreadyUsed,
                Some(r) if r.verify_expires_at.is_none_or(|e| e <= now) => Verified::Expired,
                Some(r) => {
                    let (status, position) = if r.mode == RegistrationMode::Approval {
                        (Status::AwaitingApproval, None)
                    } else {
                        // Seats and places in line are handed out one at a time.
                        seat_or_wait!(tx, r.id, r.conference_id, now)
                    };
                    move_to!(tx, r.id, Status::Unverified, status, now);
                    let link = new_private_link!(tx, r.id, base_url, now);
                    let (kind, outcome) = match (status, position) {
                        (Status::AwaitingApproval, _) => {
                            ("awaiting_approval", Verified::AwaitingApproval)
                        }
                        (Status::Waiting, Some(position)) => {
                            ("waiting_list", Verified::Waiting { position })
                        }
                        _ => ("confirmation", Verified::Confirmed),
                    };
                    let payload = json!({ "conference": title_in(&r.title, &r.lang)?, "link": link, "position": position, "site": base_url });
                    queue!(tx, kind, r.id, &r.email, &r.lang, payload, now);
                    event!(tx, r.id, None::<i64>, status.code(), now);
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
        self.cancel(Some(token_hash(manage_token)), None, None, base_url, now)
            .await
    }

    /// Cancels registration `id` of `conference` for the back office's
    /// `account`, as [`Store::cancel_registration`] does for the delegate.
    pub async fn cancel_registration_as_staff(
        &self,
        conference: &str,
        id: i64,
        account: i64,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        if !self.in_conference(conference, id).await? {
            return Ok(false);
        }
        self.cancel(None, Some(id), Some(account), base_url, now)
            .await
    }

    /// Whether registration `id` belongs to `conference`.
    pub async fn in_conference(&self, conference: &str, id: i64) -> Result<bool, StoreError> {
        let found: Option<i64> = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT r.id FROM registrations r JOIN conferences c ON c.id = r.conference_id \
             WHERE r.id = $1 AND c.slug = $2"
        )
        .bind(id)
        .bind(conference)
        .fetch_optional(pool)
        .await?);
        Ok(found.is_some())
    }

    /// Cancels the registration of a private link's hash or of an id.
    async fn cancel(
        &self,
        hash: Option<String>,
        id: Option<i64>,
        account: Option<i64>,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let cancelled = in_write!(self, |tx| {
            let current = match (&hash, id) {
                (Some(hash), _) => lock_registration!(tx, "manage_token_hash", hash),
                (None, Some(id)) => lock_registration!(tx, "id", id),
                (None, None) => None,
            };
            match current {
                None => false,
                // Turned down is as final as cancelled: a rejection's link
                // cannot turn it into a cancellation (which a new
                // submission could take over).
                Some(r) if matches!(r.status, Status::Cancelled | Status::Rejected) => false,
                Some(r) => {
                    let freed = i32::from(r.status == Status::Confirmed);
                    sqlx::query("UPDATE conferences SET confirmed_count = confirmed_count - $1 WHERE id = $2")
                        .bind(freed)
                        .bind(r.conference_id)
                        .execute(&mut *tx)
                        .await?;
                    let freed_sessions = release_sessions!(tx, r.id);
                    move_to!(tx, r.id, r.status, Status::Cancelled, now);
                    // Freed workshop seats go to those in line for them first.
                    give_freed_seats!(tx, freed_sessions, base_url, now);
                    forget_passport!(tx, r.id);
                    let payload = json!({ "conference": title_in(&r.title, &r.lang)? });
                    queue!(tx, "cancellation", r.id, &r.email, &r.lang, payload, now);
                    event!(tx, r.id, account, "cancelled", now);
                    if freed == 1 {
                        promote_next!(tx, r.conference_id, &r.title, base_url, now);
                    }
                    true
                }
            }
        });
        Ok(cancelled)
    }

    /// The registration of a private link, with its details and sessions.
    pub async fn registration_by_link(
        &self,
        manage_token: &str,
    ) -> Result<Option<RegistrationView>, StoreError> {
        Ok(self
            .registration_view(Some(token_hash(manage_token)), None)
            .await?
            .map(|(_, view)| view))
    }

    /// A registration by its private link's hash or by its id, with its id.
    pub(super) async fn registration_view(
        &self,
        hash: Option<String>,
        id: Option<i64>,
    ) -> Result<Option<(i64, RegistrationView)>, StoreError> {
        let by_id = id;
        let (row, visa, sessions) = on_pool!(self, |pool| {
            let row: Option<LinkRow> = sqlx::query_as(&format!(
                "SELECT r.id, c.slug, c.title, r.email, r.status, {}, \
                 (SELECT COUNT(*) FROM registrations w WHERE w.conference_id = r.conference_id AND w.status = 'waiting' \
                  AND (w.waiting_since < r.waiting_since OR (w.waiting_since = r.waiting_since AND w.id <= r.id))) AS position \
                 FROM registrations r JOIN conferences c ON c.id = r.conference_id \
                 WHERE r.manage_token_hash = $1 OR r.id = $2",
                DETAILS.split(", ").map(|c| format!("r.{c}")).collect::<Vec<_>>().join(", ")
            ))
            .bind(&hash)
            .bind(by_id)
            .fetch_optional(pool)
            .await?;
            let id = row.as_ref().map(|r| r.id);
            let visa: Option<VisaRow> = sqlx::query_as(
                "SELECT passport_name, nationality, passport_number, date_of_birth FROM visa_requests \
                 WHERE registration_id = $1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await?;
            let sessions: Vec<ChosenRow> = sqlx::query_as(
                "SELECT s.slug, s.title, s.starts_at, s.ends_at, rs.held, \
                 (SELECT COUNT(*) FROM registration_sessions w JOIN registrations wr ON wr.id = w.registration_id \
                  WHERE w.session_id = rs.session_id AND NOT w.held AND wr.status = 'confirmed' \
                  AND (w.chosen_at < rs.chosen_at OR (w.chosen_at = rs.chosen_at AND w.registration_id <= rs.registration_id))) \
                  AS line FROM registration_sessions rs \
                 JOIN sessions s ON s.id = rs.session_id WHERE rs.registration_id = $1 ORDER BY s.starts_at, s.slug",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            (row, visa, sessions)
        });
        let Some(row) = row else { return Ok(None) };
        let status = Status::parse(&row.status)
            .ok_or_else(|| StoreError::Corrupt(format!("status {:?}", row.status)))?;
        let answers: Vec<crate::questions::Answer> = super::from_json("answers", &row.answers)?;
        let details = RegistrationForm {
            honorific: row.honorific.unwrap_or_default(),
            given_name: row.given_name,
            family_name: row.family_name,
            email: row.email,
            organisation: row.organisation,
            function: row.job_title.unwrap_or_default(),
            city: row.city,
            country: row.country,
            category: row.category,
            languages: row
                .languages
                .split(',')
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
            interpretation: row.interpretation,
            accessibility: row.accessibility.unwrap_or_default(),
            dietary: row.dietary.unwrap_or_default(),
            visa_letter: visa.is_some(),
            passport_name: visa
                .as_ref()
                .map(|v| v.passport_name.clone())
                .unwrap_or_default(),
            nationality: visa
                .as_ref()
                .map(|v| v.nationality.clone())
                .unwrap_or_default(),
            passport_number: visa
                .as_ref()
                .map(|v| v.passport_number.clone())
                .unwrap_or_default(),
            date_of_birth: visa
                .as_ref()
                .map(|v| v.date_of_birth.to_string())
                .unwrap_or_default(),
            listed: row.listed,
            answers: answers
                .into_iter()
                .map(|a| (a.question.as_str().to_owned(), a.value))
                .collect(),
            sessions: sessions.iter().map(|s| s.slug.clone()).collect(),
            consent: true,
            invitation: String::new(),
        };
        let sessions = sessions
            .into_iter()
            .map(|s| {
                Ok(ChosenSession {
                    slug: super::slug(s.slug)?,
                    title: super::from_json("session title", &s.title)?,
                    starts_at: s.starts_at,
                    ends_at: s.ends_at,
                    held: s.held,
                    line: (!s.held && status == Status::Confirmed).then_some(s.line),
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        let id = row.id;
        Ok(Some((
            id,
            RegistrationView {
                conference: super::slug(row.slug)?,
                conference_title: super::from_json("conference title", &row.title)?,
                status,
                position: (status == Status::Waiting).then_some(row.position),
                details,
                sessions,
            },
        )))
    }

    /// Changes the details and session choices of the registration of a
    /// private link (not its address), and emails the delegate that they
    /// changed. A confirmed delegate gets a seat in each newly chosen session
    /// that has one left.
    pub async fn change_registration(
        &self,
        manage_token: &str,
        r: &NewRegistration,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<Changed, StoreError> {
        let hash = token_hash(manage_token);
        let outcome = in_write!(self, |tx| {
            match lock_registration!(tx, "manage_token_hash", &hash) {
                Some(c) if c.status != Status::Cancelled && c.status != Status::Rejected => {
                    details!(
                        sqlx::query(&format!(
                            "UPDATE registrations SET ({DETAILS}) = ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, \
                             $11, $12, $13, $14, $15), updated_at = $16 WHERE id = $17"
                        )),
                        r
                    )
                    .bind(now)
                    .bind(c.id)
                    .execute(&mut *tx)
                    .await?;
                    let freed = write_choices!(tx, c.id, c.conference_id, r, now, false);
                    give_freed_seats!(tx, freed, base_url, now);
                    if c.status == Status::Confirmed {
                        hold_sessions!(tx, c.id);
                    }
                    let payload = json!({
                        "site": base_url,
                        "conference": title_in(&c.title, &c.lang)?,
                        "name": r.given_name.as_str(),
                        "link": crate::paths::link(base_url, &crate::paths::private(manage_token)),
                    });
                    queue!(tx, "details_changed", c.id, &c.email, &c.lang, payload, now);
                    event!(tx, c.id, None::<i64>, "changed", now);
                    Changed::Saved
                }
                _ => Changed::Closed,
            }
        });
        Ok(outcome)
    }

    /// Gives a registration on the waiting list a seat out of turn; the
    /// delegate is told by email. Seats freed are given to the first in
    /// line at once, so there is rarely one free: with `add_place` (an
    /// organiser's decision) the conference gets one more place for them,
    /// written to the audit log.
    pub async fn promote_registration(
        &self,
        id: i64,
        account: i64,
        add_place: bool,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<Promoted, StoreError> {
        let outcome = in_write!(self, |tx| {
            match lock_registration!(tx, "id", id) {
                Some(r) if r.status == Status::Waiting => {
                    let mut seated = take_seat!(tx, r.conference_id) == 1;
                    if !seated && add_place {
                        sqlx::query("UPDATE conferences SET capacity = capacity + 1 WHERE id = $1")
                            .bind(r.conference_id)
                            .execute(&mut *tx)
                            .await?;
                        sqlx::query(
                            "INSERT INTO audit_log (conference_id, account_id, action, subject, at) \
                             VALUES ($1, $2, 'place_added', $3, $4)",
                        )
                        .bind(r.conference_id)
                        .bind(account)
                        .bind(&r.email)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                        seated = take_seat!(tx, r.conference_id) == 1;
                    }
                    if !seated {
                        Promoted::Full
                    } else {
                        confirm_from_waiting!(
                            tx,
                            r.id,
                            &r.email,
                            &r.lang,
                            &r.title,
                            base_url,
                            Some(account),
                            now
                        );
                        Promoted::Promoted
                    }
                }
                _ => Promoted::NotWaiting,
            }
        });
        Ok(outcome)
    }

    /// Adds a staff note to a registration's history.
    pub async fn add_note(
        &self,
        id: i64,
        account: i64,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        on_pool!(self, |pool| sqlx::query(
            "INSERT INTO registration_events (registration_id, account_id, action, at, note) \
             VALUES ($1, $2, 'note', $3, $4)"
        )
        .bind(id)
        .bind(account)
        .bind(now)
        .bind(note)
        .execute(pool)
        .await?
        .rows_affected());
        Ok(())
    }

    /// Approves (or rejects) a registration that awaits approval: approved,
    /// it takes a seat while there is one, else joins the waiting list; the
    /// delegate is told by email either way (a rejection with the staff's
    /// `reason`, when given).
    pub async fn decide_registration(
        &self,
        id: i64,
        approve: bool,
        account: Option<i64>,
        reason: Option<&str>,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<Decided, StoreError> {
        let outcome = in_write!(self, |tx| {
            match lock_registration!(tx, "id", id) {
                Some(r) if r.status == Status::AwaitingApproval => {
                    let (status, position) = if approve {
                        seat_or_wait!(tx, r.id, r.conference_id, now)
                    } else {
                        (Status::Rejected, None)
                    };
                    move_to!(tx, r.id, Status::AwaitingApproval, status, now);
                    if status == Status::Rejected {
                        forget_passport!(tx, r.id);
                    }
                    let link = new_private_link!(tx, r.id, base_url, now);
                    let (kind, decided) = match (status, position) {
                        (Status::Rejected, _) => ("rejection", Decided::Rejected),
                        (Status::Waiting, Some(position)) => {
                            ("waiting_list", Decided::Waiting { position })
                        }
                        _ => ("confirmation", Decided::Confirmed),
                    };
                    let payload = json!({
                        "site": base_url,
                        "conference": title_in(&r.title, &r.lang)?,
                        "link": link,
                        "position": position,
                        "reason": reason.filter(|_| !approve),
                    });
                    queue!(tx, kind, r.id, &r.email, &r.lang, payload, now);
                    event!(
                        tx,
                        r.id,
                        account,
                        if approve { "approved" } else { "rejected" },
                        now
                    );
                    decided
                }
                _ => Decided::NotAwaiting,
            }
        });
        Ok(outcome)
    }

    /// A personal invitation to a conference for `email`, emailed with its
    /// link in `lang`; returns the link. Inviting an address again gives it
    /// a new link (the old one stops working).
    pub async fn invite(
        &self,
        conference: &str,
        email: &crate::field::Email,
        lang: Lang,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, StoreError> {
        let (token, hash) = new_token();
        let link = crate::paths::link(base_url, &crate::paths::invitation(conference, &token));
        let done = in_write!(self, |tx| {
            let row: Option<(i64, String)> =
                sqlx::query_as("SELECT id, title FROM conferences WHERE slug = $1")
                    .bind(conference)
                    .fetch_optional(&mut *tx)
                    .await?;
            match row {
                None => false,
                Some((conference_id, title)) => {
                    sqlx::query(
                        "INSERT INTO invitations (conference_id, email, email_key, token_hash, created_at) \
                         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (conference_id, email_key) \
                         DO UPDATE SET token_hash = excluded.token_hash, email = excluded.email",
                    )
                    .bind(conference_id)
                    .bind(email.as_str())
                    .bind(email.canonical())
                    .bind(&hash)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    let payload =
                        json!({ "conference": title_in(&title, lang.code())?, "link": link });
                    queue!(
                        tx,
                        "invitation",
                        None::<i64>,
                        email.as_str(),
                        lang.code(),
                        payload,
                        now
                    );
                    true
                }
            }
        });
        Ok(done.then_some(link))
    }

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
                    "password_reset",
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
                event!(tx, registration, Some(account), "mail_retried", now);
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
                    let mut payload: serde_json::Value =
                        super::from_json("outbox payload", &payload)?;
                    // A sent message's link was taken out when it left (a
                    // secret is kept no longer than its use): the copy gets
                    // a new one, and the old link stops working.
                    if payload.get("link").is_some_and(|link| link.is_null()) {
                        let link = if kind == "verification" {
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
                    queue!(tx, &kind, registration, &recipient, &lang, payload, now);
                    event!(tx, registration, Some(account), "mail_resent", now);
                    true
                }
            }
        });
        Ok(done)
    }

    /// Deletes the passport details of conferences whose retention has run
    /// out by `today` (UTC): how many were deleted.
    pub async fn forget_passports(
        &self,
        retention: crate::registration::PassportRetention,
        today: chrono::NaiveDate,
    ) -> Result<u64, StoreError> {
        let last_day = today - chrono::Days::new(u64::from(retention.days));
        let deleted = in_write!(self, |tx| {
            sqlx::query(
            "DELETE FROM visa_requests WHERE registration_id IN (SELECT r.id FROM registrations r \
             JOIN conferences c ON c.id = r.conference_id WHERE c.ends_on <= $1)"
        )
        .bind(last_day)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        });
        Ok(deleted)
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
