//! The back office's writes to conferences: creating one, changing its
//! settings, publishing it, copying it to new dates. Each writes an
//! `audit_log` row in the same transaction. A new conference or copy is
//! unpublished until an organiser publishes it: the public site, the
//! feeds and the registration form know only published conferences.

use super::{json, Store, StoreError};
use crate::agenda::Agenda;
use crate::conference_edit::ConferenceSettings;
use crate::i18n::Lang;
use crate::registration::country::CountryCode;
use crate::registration::{Category, RegistrationMode, Status};
use crate::slug::Slug;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;
use std::collections::HashMap;

/// What saving a conference's settings did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ConferenceSaved {
    Saved,
    NotFound,
    /// The capacity would be below the registrations already confirmed.
    CapacityBelowConfirmed {
        confirmed: i64,
    },
}

/// What creating or copying a conference did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Created {
    Created,
    /// Another conference has the address already.
    SlugTaken,
    /// The conference to copy does not exist.
    NotFound,
}

fn capacity(settings: &ConferenceSettings) -> Option<i32> {
    settings
        .capacity
        .map(|c| i32::try_from(c).unwrap_or(i32::MAX))
}

impl Store {
    /// A conference's settings as the back office edits them, published or
    /// not, and whether it is published.
    pub async fn conference_settings(
        &self,
        slug: &str,
    ) -> Result<Option<(ConferenceSettings, bool)>, StoreError> {
        let Some((c, published)) = self.editable_conference(slug).await? else {
            return Ok(None);
        };
        #[allow(clippy::type_complexity)]
        let (mode, capacity, privacy, opens_on, closes_on, categories): (
            String,
            Option<i32>,
            String,
            Option<NaiveDate>,
            Option<NaiveDate>,
            String,
        ) = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT registration_mode, capacity, privacy, registration_opens_on, registration_closes_on, \
                 categories FROM conferences WHERE slug = $1",
            )
            .bind(slug)
            .fetch_one(pool)
            .await?
        });
        let original = c.languages.first().copied().unwrap_or_default();
        let topics = c
            .topics
            .iter()
            .map(|t| t.name.get(original).to_owned())
            .collect();
        let categories: Vec<Category> = super::from_json("categories", &categories)?;
        let settings = ConferenceSettings {
            title: c.title,
            description: c.description,
            privacy: super::from_json("privacy", &privacy)?,
            starts_on: c.starts_on,
            ends_on: c.ends_on,
            zone: c.zone,
            venue: c.venue,
            city: c.city,
            country: CountryCode::parse(&c.country)
                .map_err(|_| StoreError::Corrupt(format!("country {:?}", c.country)))?,
            hosts: c.hosts,
            partners: c.partners,
            languages: c.languages,
            mode: RegistrationMode::parse(&mode)
                .ok_or_else(|| StoreError::Corrupt(format!("registration mode {mode:?}")))?,
            capacity: capacity.map(|c| c.max(0) as u32),
            window: crate::registration::RegistrationWindow {
                opens_on,
                closes_on,
            },
            categories: Category::offered(&categories),
            topics,
        };
        Ok(Some((settings, published)))
    }

    /// Creates an unpublished conference with no agenda yet.
    pub async fn create_conference(
        &self,
        slug: &Slug,
        settings: &ConferenceSettings,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<Created, StoreError> {
        let created = in_write!(self, |tx| {
            let id: Option<i64> = sqlx::query_scalar(
                "INSERT INTO conferences (slug, title, description, starts_on, ends_on, time_zone, venue, \
                 city, country, hosts, partners, languages, published, updated_at, registration_mode, \
                 capacity, questions, privacy, registration_opens_on, registration_closes_on, categories) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, FALSE, $13, $14, $15, '[]', $16, $17, $18, $19) \
                 ON CONFLICT (slug) DO NOTHING RETURNING id",
            )
            .bind(slug.as_str())
            .bind(json(&settings.title))
            .bind(json(&settings.description))
            .bind(settings.starts_on)
            .bind(settings.ends_on)
            .bind(settings.zone.name())
            .bind(&settings.venue)
            .bind(&settings.city)
            .bind(settings.country.as_str())
            .bind(json(&settings.hosts))
            .bind(json(&settings.partners))
            .bind(json(&settings.languages))
            .bind(now)
            .bind(settings.mode.code())
            .bind(capacity(settings))
            .bind(json(&settings.privacy))
            .bind(settings.window.opens_on)
            .bind(settings.window.closes_on)
            .bind(json(&settings.categories))
            .fetch_optional(&mut *tx)
            .await?;
            match id {
                Some(id) => {
                    set_topics!(
                        tx,
                        "conference_topics",
                        "conference_id",
                        id,
                        &settings.topics,
                        settings.languages[0]
                    );
                    audit!(
                        tx,
                        id,
                        account,
                        crate::desk::AuditAction::ConferenceCreated,
                        slug.as_str(),
                        now
                    );
                    Created::Created
                }
                None => Created::SlugTaken,
            }
        });
        Ok(created)
    }

    /// Saves a conference's settings. A capacity below the confirmed
    /// registrations is refused; a larger one gives the new seats to the
    /// waiting list at once, first in line first, each told by email.
    /// Sessions keep their times: a change of days or zone shows on the
    /// agenda's health panel.
    pub async fn update_conference(
        &self,
        slug: &str,
        settings: &ConferenceSettings,
        account: i64,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<ConferenceSaved, StoreError> {
        let saved = in_write!(self, |tx| {
            let capacity = capacity(settings);
            // This UPDATE locks the conference's row, as every writer does first.
            let id: Option<i64> = sqlx::query_scalar(
                "UPDATE conferences SET title = $1, description = $2, privacy = $3, starts_on = $4, \
                 ends_on = $5, time_zone = $6, venue = $7, city = $8, country = $9, hosts = $10, \
                 partners = $11, languages = $12, registration_mode = $13, capacity = $14, updated_at = $15, \
                 registration_opens_on = $17, registration_closes_on = $18, categories = $19 \
                 WHERE slug = $16 AND ($14 IS NULL OR confirmed_count <= $14) RETURNING id",
            )
            .bind(json(&settings.title))
            .bind(json(&settings.description))
            .bind(json(&settings.privacy))
            .bind(settings.starts_on)
            .bind(settings.ends_on)
            .bind(settings.zone.name())
            .bind(&settings.venue)
            .bind(&settings.city)
            .bind(settings.country.as_str())
            .bind(json(&settings.hosts))
            .bind(json(&settings.partners))
            .bind(json(&settings.languages))
            .bind(settings.mode.code())
            .bind(capacity)
            .bind(now)
            .bind(slug)
            .bind(settings.window.opens_on)
            .bind(settings.window.closes_on)
            .bind(json(&settings.categories))
            .fetch_optional(&mut *tx)
            .await?;
            match id {
                Some(id) => {
                    set_topics!(
                        tx,
                        "conference_topics",
                        "conference_id",
                        id,
                        &settings.topics,
                        settings.languages[0]
                    );
                    let title = json(&settings.title);
                    while promote_next!(tx, id, &title, base_url, now) {}
                    audit!(
                        tx,
                        id,
                        account,
                        crate::desk::AuditAction::SettingsChanged,
                        slug,
                        now
                    );
                    ConferenceSaved::Saved
                }
                None => {
                    let confirmed: Option<i64> = sqlx::query_scalar(
                        "SELECT CAST(confirmed_count AS BIGINT) FROM conferences WHERE slug = $1",
                    )
                    .bind(slug)
                    .fetch_optional(&mut *tx)
                    .await?;
                    match confirmed {
                        Some(confirmed) => ConferenceSaved::CapacityBelowConfirmed { confirmed },
                        None => ConferenceSaved::NotFound,
                    }
                }
            }
        });
        Ok(saved)
    }

    /// Publishes a conference (its pages, feeds and form open) or takes it
    /// off the public site; `false` when there is none by that slug.
    pub async fn set_published(
        &self,
        slug: &str,
        published: bool,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let done = in_write!(self, |tx| {
            let id: Option<i64> = sqlx::query_scalar(
                "UPDATE conferences SET published = $1, updated_at = $2 WHERE slug = $3 RETURNING id",
            )
            .bind(published)
            .bind(now)
            .bind(slug)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some(id) = id {
                let action = if published {
                    crate::desk::AuditAction::Published
                } else {
                    crate::desk::AuditAction::Unpublished
                };
                audit!(tx, id, account, action, slug, now);
            }
            id.is_some()
        });
        Ok(done)
    }

    /// Copies a conference to `to`, starting on `starts_on`: its settings,
    /// questions, rooms, tracks, people and agenda, every session moved by
    /// the same number of days at the same time of day at the venue, with
    /// new uids (they are other events for calendars); and its organisers
    /// and staff, who usually run the next edition too. No registration is
    /// copied. The copy is unpublished.
    pub async fn duplicate_conference(
        &self,
        from: &str,
        to: &Slug,
        starts_on: NaiveDate,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<Created, StoreError> {
        let Some(agenda) = self.editable_agenda(from).await? else {
            return Ok(Created::NotFound);
        };
        let copy = moved(agenda, to, starts_on, now);
        let created = in_write!(self, |tx| {
            let taken: Option<i64> =
                sqlx::query_scalar("SELECT id FROM conferences WHERE slug = $1")
                    .bind(to.as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
            if taken.is_some() {
                Created::SlugTaken
            } else {
                let id = insert_agenda!(tx, copy, false);
                sqlx::query(
                    "UPDATE conferences SET (registration_mode, capacity, questions, privacy, categories) = \
                     (SELECT registration_mode, capacity, questions, privacy, categories FROM conferences WHERE slug = $1) \
                     WHERE id = $2",
                )
                .bind(from)
                .bind(id)
                .execute(&mut *tx)
                .await?;
                sqlx::query(
                    "INSERT INTO memberships (account_id, conference_id, role) \
                     SELECT m.account_id, $1, m.role FROM memberships m \
                     JOIN conferences c ON c.id = m.conference_id WHERE c.slug = $2",
                )
                .bind(id)
                .bind(from)
                .execute(&mut *tx)
                .await?;
                audit!(
                    tx,
                    id,
                    account,
                    crate::desk::AuditAction::ConferenceCopied,
                    from,
                    now
                );
                Created::Created
            }
        });
        Ok(created)
    }
}

/// The agenda moved to `slug` and to start on `starts_on`.
fn moved(mut agenda: Agenda, slug: &Slug, starts_on: NaiveDate, now: DateTime<Utc>) -> Agenda {
    let c = &mut agenda.conference;
    let days = starts_on - c.starts_on;
    let zone = c.zone;
    c.starts_on = starts_on;
    c.ends_on += days;
    c.slug = slug.clone();
    c.updated_at = now;
    // The same wall-clock time at the venue, even across a change of
    // clocks; a time the clocks skip on the new day moves by whole days.
    let shift = |at: DateTime<Utc>| {
        zone.to_utc(zone.local(at).naive_local() + days)
            .unwrap_or(at + days)
    };
    for session in &mut agenda.sessions {
        session.starts_at = shift(session.starts_at);
        session.ends_at = shift(session.ends_at);
        session.uid = format!("{}@{}.convene", session.slug, slug);
    }
    agenda
}

impl Store {
    /// A conference's own questions, published or not.
    pub async fn questions(
        &self,
        conference: &str,
    ) -> Result<Option<Vec<crate::registration::questions::Question>>, StoreError> {
        let row: Option<String> = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT questions FROM conferences WHERE slug = $1"
        )
        .bind(conference)
        .fetch_optional(pool)
        .await?);
        row.map(|q| super::from_json("questions", &q)).transpose()
    }

    /// Adds a question to the end of a conference's form (`Some`), or
    /// removes the one with `code` (answers already given stay with their
    /// registrations); `false` when there is no such conference.
    pub async fn change_questions(
        &self,
        conference: &str,
        added: Option<&crate::registration::questions::Question>,
        removed: Option<&str>,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let done = in_write!(self, |tx| {
            let row: Option<(i64, String)> =
                // Read and written in turn: the UPDATE locks the row.
                sqlx::query_as(
                    "UPDATE conferences SET questions = questions WHERE slug = $1 RETURNING id, questions",
                )
                    .bind(conference)
                    .fetch_optional(&mut *tx)
                    .await?;
            match row {
                None => false,
                Some((id, questions)) => {
                    let mut questions: Vec<crate::registration::questions::Question> =
                        super::from_json("questions", &questions)?;
                    if let Some(code) = removed {
                        questions.retain(|q| q.code.as_str() != code);
                        audit!(
                            tx,
                            id,
                            account,
                            crate::desk::AuditAction::QuestionRemoved,
                            code,
                            now
                        );
                    }
                    if let Some(question) = added {
                        questions.push(question.clone());
                        audit!(
                            tx,
                            id,
                            account,
                            crate::desk::AuditAction::QuestionAdded,
                            question.code.as_str(),
                            now
                        );
                    }
                    sqlx::query("UPDATE conferences SET questions = $1 WHERE id = $2")
                        .bind(json(&questions))
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    true
                }
            }
        });
        Ok(done)
    }
}
