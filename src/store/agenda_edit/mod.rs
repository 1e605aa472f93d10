//! The agenda editor's writes: a session changed, with an audit entry in
//! the same transaction. The session's uid never changes, so calendars
//! that hold it update it rather than add another.

use super::{json, Store, StoreError};
use crate::i18n::Localized;
use crate::session_edit::SessionEdit;
use crate::slug::Slug;
use chrono::{DateTime, Utc};

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

/// What deleting a session did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SessionDeleted {
    Deleted,
    NotFound,
    /// Delegates chose it: they would lose it without being told.
    Chosen {
        by: i64,
    },
}

/// The first of `wanted`, `wanted-2`, `wanted-3`... not in `taken`.
pub(super) fn free_slug(wanted: Slug, taken: &[String]) -> Slug {
    let mut slug = wanted.clone();
    let mut n = 1;
    while taken.iter().any(|t| t == slug.as_str()) {
        n += 1;
        slug = wanted.numbered(n);
    }
    slug
}

/// Notes in the transaction `$tx` that the agenda changed: for feeds and
/// calendars, and in the audit log.
macro_rules! agenda_changed {
    ($tx:ident, $conference:expr, $account:expr, $action:expr, $subject:expr, $now:expr) => {
        sqlx::query("UPDATE conferences SET updated_at = $1 WHERE id = $2")
            .bind($now)
            .bind($conference)
            .execute(&mut *$tx)
            .await?;
        audit!($tx, $conference, $account, $action, $subject, $now);
    };
}

/// The id of the session's track in the conference `$conference`, in the
/// transaction `$tx`: the track with that name (in any language, ignoring
/// case), or a new one named in `$lang`; `None` for no track.
macro_rules! track_id {
    ($tx:ident, $conference:expr, $track:expr, $lang:expr) => {
        match $track {
            None => None,
            Some(name) => {
                let rows: Vec<(i64, String, String)> =
                    sqlx::query_as("SELECT id, slug, name FROM tracks WHERE conference_id = $1")
                        .bind($conference)
                        .fetch_all(&mut *$tx)
                        .await?;
                let mut found = None;
                for (id, _, stored) in &rows {
                    let stored: Localized = super::from_json("track name", stored)?;
                    if stored.is_named(name) {
                        found = Some(*id);
                    }
                }
                match found {
                    Some(id) => Some(id),
                    None => {
                        let taken: Vec<String> = rows.into_iter().map(|(_, slug, _)| slug).collect();
                        let slug = free_slug(Slug::from_title(name, "track"), &taken);
                        let id: i64 = sqlx::query_scalar(
                            "INSERT INTO tracks (conference_id, slug, name) VALUES ($1, $2, $3) RETURNING id",
                        )
                        .bind($conference)
                        .bind(slug.as_str())
                        .bind(json(&Localized::new($lang, name.as_str())))
                        .fetch_one(&mut *$tx)
                        .await?;
                        Some(id)
                    }
                }
            }
        }
    };
}

/// Deletes the conference's tracks that no session is in any more, in the
/// transaction `$tx`: a track exists while a session is in it.
macro_rules! prune_tracks {
    ($tx:ident, $conference:expr) => {
        sqlx::query(
            "DELETE FROM tracks WHERE conference_id = $1 AND id NOT IN \
             (SELECT track_id FROM sessions WHERE conference_id = $1 AND track_id IS NOT NULL)",
        )
        .bind($conference)
        .execute(&mut *$tx)
        .await?;
    };
}

mod rooms_and_people;

impl Store {
    /// Adds a session to a conference's agenda; its slug comes from its
    /// title, its uid is new and random (a deleted session's calendar
    /// entry is never revived). `None` when there is no such conference.
    pub async fn add_session(
        &self,
        conference: &str,
        edit: &SessionEdit,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<Slug>, StoreError> {
        let Some(title) = edit.title() else {
            return Ok(None);
        };
        let seats = edit.seats.map(|s| i32::try_from(s).unwrap_or(i32::MAX));
        let wanted = Slug::from_title(title.get(title.original), "session");
        let added = in_write!(self, |tx| {
            let id = locked_conference!(tx, conference);
            match id {
                None => None,
                Some(id) => {
                    let taken: Vec<String> =
                        sqlx::query_scalar("SELECT slug FROM sessions WHERE conference_id = $1")
                            .bind(id)
                            .fetch_all(&mut *tx)
                            .await?;
                    let slug = free_slug(wanted, &taken);
                    let track = track_id!(tx, id, edit.track.as_ref(), title.original);
                    let (random, _) = super::tx::new_token();
                    let uid = format!(
                        "{}@{conference}.convene",
                        random.to_ascii_lowercase().replace(['-', '_'], "")
                    );
                    sqlx::query(
                        "INSERT INTO sessions (conference_id, slug, uid, title, description, kind, \
                         starts_at, ends_at, room_id, track_id, seats) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, \
                         (SELECT id FROM rooms WHERE conference_id = $1 AND slug = $9), $11, $10)",
                    )
                    .bind(id)
                    .bind(slug.as_str())
                    .bind(&uid)
                    .bind(json(&title))
                    .bind(json(&Localized::new(title.original, "")))
                    .bind(edit.kind.code())
                    .bind(edit.starts_at)
                    .bind(edit.ends_at)
                    .bind(edit.room.as_ref().map(|r| r.as_str()))
                    .bind(seats)
                    .bind(track)
                    .execute(&mut *tx)
                    .await?;
                    agenda_changed!(
                        tx,
                        id,
                        account,
                        crate::desk::AuditAction::SessionAdded,
                        slug.as_str(),
                        now
                    );
                    Some(slug)
                }
            }
        });
        Ok(added)
    }

    /// Deletes a session nobody chose.
    pub async fn delete_session(
        &self,
        conference: &str,
        session: &str,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<SessionDeleted, StoreError> {
        let deleted = in_write!(self, |tx| {
            let row: Option<(i64, i64)> = sqlx::query_as(
                "SELECT s.id, c.id FROM sessions s JOIN conferences c ON c.id = s.conference_id \
                 WHERE c.slug = $1 AND s.slug = $2",
            )
            .bind(conference)
            .bind(session)
            .fetch_optional(&mut *tx)
            .await?;
            match row {
                None => SessionDeleted::NotFound,
                Some((id, conference_id)) => {
                    let by: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM registration_sessions rs JOIN registrations r \
                         ON r.id = rs.registration_id WHERE rs.session_id = $1 AND r.status <> 'cancelled'",
                    )
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
                    if by > 0 {
                        SessionDeleted::Chosen { by }
                    } else {
                        sqlx::query("DELETE FROM sessions WHERE id = $1")
                            .bind(id)
                            .execute(&mut *tx)
                            .await?;
                        prune_tracks!(tx, conference_id);
                        agenda_changed!(
                            tx,
                            conference_id,
                            account,
                            crate::desk::AuditAction::SessionDeleted,
                            session,
                            now
                        );
                        SessionDeleted::Deleted
                    }
                }
            }
        });
        Ok(deleted)
    }

    /// Saves a session's changes for `account`.
    pub async fn update_session(
        &self,
        conference: &str,
        session: &str,
        edit: &SessionEdit,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<SessionSaved, StoreError> {
        let Some(title) = edit.title() else {
            return Ok(SessionSaved::NotFound);
        };
        let seats = edit.seats.map(|s| i32::try_from(s).unwrap_or(i32::MAX));
        let saved = in_write!(self, |tx| {
            // A new track's slug is picked in turn.
            locked_conference!(tx, conference);
            let row: Option<(i64, i64, i64)> = sqlx::query_as(
                "SELECT s.id, c.id, CAST(s.taken AS BIGINT) FROM sessions s JOIN conferences c ON c.id = s.conference_id \
                 WHERE c.slug = $1 AND s.slug = $2",
            )
            .bind(conference)
            .bind(session)
            .fetch_optional(&mut *tx)
            .await?;
            match row {
                None => SessionSaved::NotFound,
                Some((_, _, held)) if seats.is_some_and(|s| i64::from(s) < held) => {
                    SessionSaved::SeatsBelowHeld { held }
                }
                Some((id, conference_id, _)) => {
                    let track = track_id!(tx, conference_id, edit.track.as_ref(), title.original);
                    sqlx::query(
                        "UPDATE sessions SET title = $1, kind = $2, starts_at = $3, ends_at = $4, \
                         room_id = (SELECT id FROM rooms WHERE conference_id = $5 AND slug = $6), seats = $7, \
                         track_id = $9 WHERE id = $8",
                    )
                    .bind(json(&title))
                    .bind(edit.kind.code())
                    .bind(edit.starts_at)
                    .bind(edit.ends_at)
                    .bind(conference_id)
                    .bind(edit.room.as_ref().map(|r| r.as_str()))
                    .bind(seats)
                    .bind(id)
                    .bind(track)
                    .execute(&mut *tx)
                    .await?;
                    prune_tracks!(tx, conference_id);
                    agenda_changed!(
                        tx,
                        conference_id,
                        account,
                        crate::desk::AuditAction::SessionChanged,
                        session,
                        now
                    );
                    SessionSaved::Saved
                }
            }
        });
        Ok(saved)
    }
}
