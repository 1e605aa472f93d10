//! The agenda editor's rooms, people and their roles in sessions: added
//! and deleted with an audit entry in the same transaction.

use super::*;
use crate::i18n::Localized;
use crate::slug::Slug;
use crate::store::{json, Store, StoreError};
use chrono::{DateTime, Utc};

impl Store {
    /// Adds a room at the end of a conference's rooms; `None` when there
    /// is no such conference.
    pub async fn add_room(
        &self,
        conference: &str,
        name: &Localized,
        capacity: Option<u32>,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<Slug>, StoreError> {
        let wanted = Slug::from_title(name.get(name.original), "room");
        let capacity = capacity.map(|c| i32::try_from(c).unwrap_or(i32::MAX));
        let added = in_write!(self, |tx| {
            let id = locked_conference!(tx, conference);
            match id {
                None => None,
                Some(id) => {
                    let taken: Vec<String> =
                        sqlx::query_scalar("SELECT slug FROM rooms WHERE conference_id = $1")
                            .bind(id)
                            .fetch_all(&mut *tx)
                            .await?;
                    let slug = free_slug(wanted, &taken);
                    sqlx::query(
                        "INSERT INTO rooms (conference_id, slug, name, capacity, position) \
                         VALUES ($1, $2, $3, $4, (SELECT COUNT(*) FROM rooms WHERE conference_id = $1))",
                    )
                    .bind(id)
                    .bind(slug.as_str())
                    .bind(json(name))
                    .bind(capacity)
                    .execute(&mut *tx)
                    .await?;
                    agenda_changed!(
                        tx,
                        id,
                        account,
                        crate::desk::AuditAction::RoomAdded,
                        slug.as_str(),
                        now
                    );
                    Some(slug)
                }
            }
        });
        Ok(added)
    }

    /// Deletes a room; its sessions keep their times without a room (the
    /// health panel does not mind, the agenda shows them unplaced).
    pub async fn delete_room(
        &self,
        conference: &str,
        room: &str,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let deleted = in_write!(self, |tx| {
            let row: Option<(i64, i64)> = sqlx::query_as(
                "SELECT r.id, c.id FROM rooms r JOIN conferences c ON c.id = r.conference_id \
                 WHERE c.slug = $1 AND r.slug = $2",
            )
            .bind(conference)
            .bind(room)
            .fetch_optional(&mut *tx)
            .await?;
            match row {
                None => false,
                Some((id, conference_id)) => {
                    sqlx::query("UPDATE sessions SET room_id = NULL WHERE room_id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query("DELETE FROM rooms WHERE id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    agenda_changed!(
                        tx,
                        conference_id,
                        account,
                        crate::desk::AuditAction::RoomDeleted,
                        room,
                        now
                    );
                    true
                }
            }
        });
        Ok(deleted)
    }

    /// Adds a person to a conference (a speaker, a moderator...); `None`
    /// when there is no such conference.
    pub async fn add_person(
        &self,
        conference: &str,
        name: &str,
        affiliation: &str,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<Slug>, StoreError> {
        let wanted = Slug::from_title(name, "person");
        let added = in_write!(self, |tx| {
            let id = locked_conference!(tx, conference);
            match id {
                None => None,
                Some(id) => {
                    let taken: Vec<String> =
                        sqlx::query_scalar("SELECT slug FROM people WHERE conference_id = $1")
                            .bind(id)
                            .fetch_all(&mut *tx)
                            .await?;
                    let slug = free_slug(wanted, &taken);
                    // The one line typed is their position, in the
                    // conference's first language; their profile has the rest.
                    let languages: String =
                        sqlx::query_scalar("SELECT languages FROM conferences WHERE id = $1")
                            .bind(id)
                            .fetch_one(&mut *tx)
                            .await?;
                    let first =
                        super::super::from_json::<Vec<crate::i18n::Lang>>("languages", &languages)?
                            .first()
                            .copied()
                            .unwrap_or_default();
                    let position = (!affiliation.is_empty())
                        .then(|| json(&crate::i18n::Localized::new(first, affiliation)));
                    sqlx::query(
                        "INSERT INTO people (conference_id, slug, name, position) VALUES ($1, $2, $3, $4)",
                    )
                    .bind(id)
                    .bind(slug.as_str())
                    .bind(name)
                    .bind(position)
                    .execute(&mut *tx)
                    .await?;
                    agenda_changed!(
                        tx,
                        id,
                        account,
                        crate::desk::AuditAction::PersonAdded,
                        slug.as_str(),
                        now
                    );
                    Some(slug)
                }
            }
        });
        Ok(added)
    }

    /// Deletes a person, their roles in the sessions, and their portrait.
    pub async fn delete_person(
        &self,
        conference: &str,
        person: &str,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let deleted = in_write!(self, |tx| {
            let row: Option<(i64, i64, Option<String>)> = sqlx::query_as(
                "SELECT p.id, c.id, p.photo FROM people p JOIN conferences c ON c.id = p.conference_id \
                 WHERE c.slug = $1 AND p.slug = $2",
            )
            .bind(conference)
            .bind(person)
            .fetch_optional(&mut *tx)
            .await?;
            match row {
                None => false,
                Some((id, conference_id, photo)) => {
                    sqlx::query("DELETE FROM session_people WHERE person_id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    sqlx::query("DELETE FROM people WHERE id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    // Their portrait goes with them.
                    let photo: Option<crate::pictures::Picture> = photo
                        .as_deref()
                        .map(|p| crate::store::from_json("photo", p))
                        .transpose()?;
                    forget_files!(
                        tx,
                        photo
                            .iter()
                            .flat_map(|p| &p.variants)
                            .map(|v| v.hash.as_str())
                    );
                    agenda_changed!(
                        tx,
                        conference_id,
                        account,
                        crate::desk::AuditAction::PersonDeleted,
                        person,
                        now
                    );
                    true
                }
            }
        });
        Ok(deleted)
    }

    /// Gives a person a role in a session (`add`), or takes it away;
    /// `false` when the session or the person is not the conference's.
    #[allow(clippy::too_many_arguments)]
    pub async fn set_session_role(
        &self,
        conference: &str,
        session: &str,
        person: &str,
        role: crate::agenda::Role,
        add: bool,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let done = in_write!(self, |tx| {
            let row: Option<(i64, i64, i64)> = sqlx::query_as(
                "SELECT s.id, p.id, c.id FROM sessions s JOIN conferences c ON c.id = s.conference_id \
                 JOIN people p ON p.conference_id = c.id WHERE c.slug = $1 AND s.slug = $2 AND p.slug = $3",
            )
            .bind(conference)
            .bind(session)
            .bind(person)
            .fetch_optional(&mut *tx)
            .await?;
            match row {
                None => false,
                Some((session_id, person_id, conference_id)) => {
                    if add {
                        sqlx::query(
                            "INSERT INTO session_people (session_id, person_id, role, position) \
                             VALUES ($1, $2, $3, (SELECT COUNT(*) FROM session_people WHERE session_id = $1)) \
                             ON CONFLICT (session_id, person_id, role) DO NOTHING",
                        )
                        .bind(session_id)
                        .bind(person_id)
                        .bind(role.code())
                        .execute(&mut *tx)
                        .await?;
                    } else {
                        sqlx::query(
                            "DELETE FROM session_people WHERE session_id = $1 AND person_id = $2 AND role = $3",
                        )
                        .bind(session_id)
                        .bind(person_id)
                        .bind(role.code())
                        .execute(&mut *tx)
                        .await?;
                    }
                    let action = if add {
                        crate::desk::AuditAction::RoleGiven
                    } else {
                        crate::desk::AuditAction::RoleTaken
                    };
                    let subject = format!("{session}: {person} ({})", role.code());
                    agenda_changed!(tx, conference_id, account, action, &subject, now);
                    true
                }
            }
        });
        Ok(done)
    }
}
