//! A delegate's own agenda: stars set and cleared from the private link,
//! read back with the seats they hold, and the calendar feed's reads.

use super::tx::token_hash;
use super::{Store, StoreError};
use crate::my_agenda::{is_calendar_key, MyChoices, StarWish};
use crate::registration::Status;
use chrono::{DateTime, Utc};

/// What became of a star's wish.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Starred {
    /// Saved: the session is starred or not, as asked; `count` sessions
    /// are starred now.
    Saved { count: u32 },
    /// The registration is cancelled or turned down: its agenda is closed.
    Closed,
    /// The conference has no such session (it was removed, say).
    NoSession,
    /// The link names no registration.
    NoLink,
}

/// A private link's agenda: whose, in which conference, what they chose.
#[derive(Clone, Debug, PartialEq)]
pub struct MyAgendaRow {
    pub conference: String,
    pub status: Status,
    pub choices: MyChoices,
    /// The calendar feed's path (`/my-agenda/{id}/{key}/calendar.ics`).
    pub calendar: String,
}

/// What a calendar feed holds: the conference, the delegate's language,
/// and their sessions; `None` once the registration is closed, so that
/// everything leaves the subscriber's calendar.
#[derive(Clone, Debug, PartialEq)]
pub struct CalendarFeed {
    pub conference: String,
    pub lang: String,
    pub sessions: Option<Vec<String>>,
}

/// A registration with a closed agenda.
fn closed(status: Status) -> bool {
    matches!(status, Status::Cancelled | Status::Rejected)
}

fn status(code: &str) -> Result<Status, StoreError> {
    Status::parse(code).ok_or_else(|| StoreError::Corrupt(format!("status {code:?}")))
}

impl Store {
    /// Stars a session, or clears its star, for the registration of
    /// private link `token`. Setting what is already set changes nothing,
    /// so a double click or eight parallel posts leave one star.
    pub async fn star(
        &self,
        token: &str,
        wish: &StarWish,
        now: DateTime<Utc>,
    ) -> Result<Starred, StoreError> {
        let hash = token_hash(token);
        Ok(in_write!(self, |tx| {
            // Locks the registration's row, and only it: a cancel (which
            // takes the conference's row, then this one) waits for the
            // star or sees it, and a star after a cancel sees the cancel.
            // One row, so no order to keep with anything else.
            let found: Option<(i64, i64, String)> = sqlx::query_as(
                "UPDATE registrations SET status = status WHERE manage_token_hash = $1 \
                 RETURNING id, conference_id, status",
            )
            .bind(&hash)
            .fetch_optional(&mut *tx)
            .await?;
            match found {
                None => Starred::NoLink,
                Some((_, _, code)) if closed(status(&code)?) => Starred::Closed,
                Some((id, conference_id, _)) => {
                    let session: Option<i64> = sqlx::query_scalar(
                        "SELECT id FROM sessions WHERE conference_id = $1 AND slug = $2",
                    )
                    .bind(conference_id)
                    .bind(wish.session.as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
                    match session {
                        None => Starred::NoSession,
                        Some(session) => {
                            if wish.starred {
                                sqlx::query(
                                    "INSERT INTO stars (registration_id, session_id, starred_at) \
                                     VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
                                )
                                .bind(id)
                                .bind(session)
                                .bind(now)
                                .execute(&mut *tx)
                                .await?;
                            } else {
                                sqlx::query(
                                    "DELETE FROM stars WHERE registration_id = $1 AND session_id = $2",
                                )
                                .bind(id)
                                .bind(session)
                                .execute(&mut *tx)
                                .await?;
                            }
                            let count: i64 = sqlx::query_scalar(
                                "SELECT COUNT(*) FROM stars WHERE registration_id = $1",
                            )
                            .bind(id)
                            .fetch_one(&mut *tx)
                            .await?;
                            Starred::Saved {
                                count: u32::try_from(count).unwrap_or(u32::MAX),
                            }
                        }
                    }
                }
            }
        }))
    }

    /// The agenda of private link `token`: its conference, where the
    /// registration stands, its stars and seats; `None` for no such link.
    pub async fn my_agenda(&self, token: &str) -> Result<Option<MyAgendaRow>, StoreError> {
        let hash = token_hash(token);
        let row: Option<(i64, String, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT r.id, c.slug, r.status FROM registrations r \
                 JOIN conferences c ON c.id = r.conference_id WHERE r.manage_token_hash = $1",
            )
            .bind(&hash)
            .fetch_optional(pool)
            .await?
        });
        let Some((id, conference, code)) = row else {
            return Ok(None);
        };
        let choices = self.choices(id).await?;
        Ok(Some(MyAgendaRow {
            conference,
            status: status(&code)?,
            choices,
            calendar: crate::paths::my_calendar(id, &crate::my_agenda::calendar_key(&hash)),
        }))
    }

    /// The stars and held seats of registration `id`, by session slug.
    async fn choices(&self, id: i64) -> Result<MyChoices, StoreError> {
        let rows: Vec<(String, bool)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT s.slug, FALSE FROM stars t JOIN sessions s ON s.id = t.session_id \
                 WHERE t.registration_id = $1 \
                 UNION ALL \
                 SELECT s.slug, TRUE FROM registration_sessions rs JOIN sessions s ON s.id = rs.session_id \
                 WHERE rs.registration_id = $1 AND rs.held",
            )
            .bind(id)
            .fetch_all(pool)
            .await?
        });
        let mut choices = MyChoices::default();
        for (slug, held) in rows {
            if held {
                choices.held.push(slug);
            } else {
                choices.starred.push(slug);
            }
        }
        Ok(choices)
    }

    /// The calendar feed of registration `id`, if `key` is its key.
    pub async fn calendar_feed(
        &self,
        id: i64,
        key: &str,
    ) -> Result<Option<CalendarFeed>, StoreError> {
        let row: Option<(String, String, String, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT r.manage_token_hash, c.slug, r.lang, r.status FROM registrations r \
                 JOIN conferences c ON c.id = r.conference_id WHERE r.id = $1",
            )
            .bind(id)
            .fetch_optional(pool)
            .await?
        });
        let Some((hash, conference, lang, code)) = row else {
            return Ok(None);
        };
        if !is_calendar_key(&hash, key) {
            return Ok(None);
        }
        let sessions = if closed(status(&code)?) {
            None
        } else {
            let choices = self.choices(id).await?;
            Some(choices.held.into_iter().chain(choices.starred).collect())
        };
        Ok(Some(CalendarFeed {
            conference,
            lang,
            sessions,
        }))
    }
}
