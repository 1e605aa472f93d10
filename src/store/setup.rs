//! How a conference's registration is set up, and what the form, the mail
//! worker and the command line read of registrations.

use super::{from_json, json, slug, venue_today, Store, StoreError};
use crate::i18n::Localized;
use crate::registration::questions::Question;
use crate::registration::{FormSetup, RegistrationMode, RegistrationSetup, SessionOffer, Status};
use chrono::{DateTime, NaiveDate, Utc};

/// A registration as the command line lists it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RegistrationLine {
    pub id: i64,
    pub status: Status,
    pub name: String,
    pub email: String,
}

/// What the mail worker adds to a registration's message: the sessions it
/// holds a seat in (for the summary and the calendar attachment).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MailFacts {
    pub conference: String,
    pub held: Vec<String>,
    /// The delegate's pass, while they are confirmed.
    pub pass: Option<crate::registration::PassCode>,
}

/// The address a personal invitation was made for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Invited {
    pub email: String,
}

#[derive(sqlx::FromRow)]
struct OfferRow {
    slug: String,
    title: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    seats: i32,
    left_over: i64,
}

impl Store {
    /// Sets how a conference's registration works.
    pub async fn set_registration_setup(
        &self,
        conference: &str,
        setup: &RegistrationSetup,
    ) -> Result<bool, StoreError> {
        let capacity = setup.capacity.map(|c| i32::try_from(c).unwrap_or(i32::MAX));
        let updated = in_write!(self, |tx| {
            sqlx::query(
            "UPDATE conferences SET registration_mode = $1, capacity = $2, questions = $3, privacy = $4 \
             WHERE slug = $5"
        )
        .bind(setup.mode.code())
        .bind(capacity)
        .bind(json(&setup.questions))
        .bind(json(&setup.privacy))
        .bind(conference)
        .execute(&mut *tx)
        .await?
        .rows_affected()
        });
        Ok(updated == 1)
    }

    /// Sets only the registration mode of a conference.
    pub async fn set_registration_mode(
        &self,
        conference: &str,
        mode: RegistrationMode,
    ) -> Result<bool, StoreError> {
        let updated = in_write!(self, |tx| sqlx::query(
            "UPDATE conferences SET registration_mode = $1 WHERE slug = $2"
        )
        .bind(mode.code())
        .bind(conference)
        .execute(&mut *tx)
        .await?
        .rows_affected());
        Ok(updated == 1)
    }

    /// What a published conference's form asks and offers. With the private
    /// link of a registration, the seats it holds count as left (they are
    /// its own to keep when it changes its choice).
    pub async fn form_setup(
        &self,
        conference: &str,
        manage_token: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<Option<FormSetup>, StoreError> {
        let holder = manage_token.map(super::tx::token_hash);
        let (row, offers) = on_pool!(self, |pool| {
            #[allow(clippy::type_complexity)]
            let row: Option<(i64, String, String, String, String, Option<NaiveDate>, Option<NaiveDate>, String, String, bool)> = sqlx::query_as(
                "SELECT id, registration_mode, languages, questions, privacy, registration_opens_on, \
                 registration_closes_on, categories, time_zone, \
                 EXISTS (SELECT 1 FROM sessions s WHERE s.conference_id = c.id AND s.seats IS NOT NULL) \
                 FROM conferences c WHERE slug = $1 AND published",
            )
            .bind(conference)
            .fetch_optional(pool)
            .await?;
            // The sessions with seats, read only if it has any: the form is
            // read at every registration.
            let seated = matches!(row, Some((.., true)));
            let offers: Vec<OfferRow> = if !seated {
                vec![]
            } else {
                sqlx::query_as(
                "SELECT s.slug, s.title, s.starts_at, s.ends_at, s.seats, \
                 s.seats - s.taken + (SELECT COUNT(*) FROM registration_sessions rs \
                   JOIN registrations r ON r.id = rs.registration_id \
                   WHERE rs.session_id = s.id AND rs.held AND r.manage_token_hash = $2) AS left_over \
                 FROM sessions s JOIN conferences c ON c.id = s.conference_id \
                 WHERE c.slug = $1 AND s.seats IS NOT NULL ORDER BY s.starts_at, s.slug",
            )
            .bind(conference)
            .bind(holder.as_deref())
            .fetch_all(pool)
            .await?
            };
            (row, offers)
        });
        let Some((
            _,
            mode,
            languages,
            questions,
            privacy,
            opens_on,
            closes_on,
            categories,
            zone,
            _,
        )) = row
        else {
            return Ok(None);
        };
        // Today in the venue's calendar (for the window and dates of birth).
        let today = venue_today(&zone, now)?;
        let questions: Vec<Question> = from_json("questions", &questions)?;
        let privacy: Localized = from_json("privacy", &privacy)
            // A conference set up before privacy texts existed.
            .unwrap_or_else(|_| Localized::new(crate::Lang::En, ""));
        let sessions = offers
            .into_iter()
            .map(|o| {
                Ok(SessionOffer {
                    slug: slug(o.slug)?,
                    title: from_json("session title", &o.title)?,
                    starts_at: o.starts_at,
                    ends_at: o.ends_at,
                    seats: o.seats.max(0) as u32,
                    left: o.left_over.clamp(0, i64::from(u32::MAX)) as u32,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Some(FormSetup {
            window: crate::registration::RegistrationWindow {
                opens_on,
                closes_on,
            },
            mode: RegistrationMode::parse(&mode)
                .ok_or_else(|| StoreError::Corrupt(format!("registration mode {mode:?}")))?,
            languages: from_json("languages", &languages)?,
            categories: crate::registration::Category::offered(&from_json::<Vec<_>>(
                "categories",
                &categories,
            )?),
            questions,
            sessions,
            privacy,
            today,
        }))
    }

    /// The address of a conference's invitation, by the token of its link.
    pub async fn invitation(
        &self,
        conference: &str,
        token: &str,
    ) -> Result<Option<Invited>, StoreError> {
        let hash = super::tx::token_hash(token);
        let email: Option<String> = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT i.email FROM invitations i JOIN conferences c ON c.id = i.conference_id \
             WHERE c.slug = $1 AND i.token_hash = $2"
        )
        .bind(conference)
        .bind(&hash)
        .fetch_optional(pool)
        .await?);
        Ok(email.map(|email| Invited { email }))
    }

    /// A conference's invitations, oldest first: (address, when, whether
    /// that address has registered).
    pub async fn invitations(
        &self,
        conference: &str,
    ) -> Result<Vec<(String, DateTime<Utc>, bool)>, StoreError> {
        let rows: Vec<(String, DateTime<Utc>, bool)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT i.email, i.created_at, EXISTS (SELECT 1 FROM registrations r WHERE r.conference_id = i.conference_id \
             AND r.email_key = i.email_key AND r.status <> 'cancelled') AS registered \
             FROM invitations i JOIN conferences c ON c.id = i.conference_id WHERE c.slug = $1 ORDER BY i.id"
        )
        .bind(conference)
        .fetch_all(pool)
        .await?
        });
        Ok(rows)
    }

    /// The registrations of a conference, oldest first.
    pub async fn registrations(
        &self,
        conference: &str,
    ) -> Result<Vec<RegistrationLine>, StoreError> {
        let rows: Vec<(i64, String, String, String, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT r.id, r.status, r.given_name, r.family_name, r.email FROM registrations r \
                 JOIN conferences c ON c.id = r.conference_id WHERE c.slug = $1 ORDER BY r.id",
            )
            .bind(conference)
            .fetch_all(pool)
            .await?
        });
        rows.into_iter()
            .map(|(id, status, given, family, email)| {
                Ok(RegistrationLine {
                    id,
                    status: Status::parse(&status)
                        .ok_or_else(|| StoreError::Corrupt(format!("status {status:?}")))?,
                    name: format!("{given} {family}"),
                    email,
                })
            })
            .collect()
    }

    /// The conference of a registration and the sessions it holds seats in.
    pub async fn mail_facts(&self, registration: i64) -> Result<Option<MailFacts>, StoreError> {
        let (conference, held) = on_pool!(self, |pool| {
            let conference: Option<(String, String, Option<String>)> = sqlx::query_as(
                "SELECT c.slug, r.status, r.pass_code FROM registrations r \
                 JOIN conferences c ON c.id = r.conference_id WHERE r.id = $1",
            )
            .bind(registration)
            .fetch_optional(pool)
            .await?;
            let held: Vec<String> = sqlx::query_scalar(
                "SELECT s.slug FROM registration_sessions rs JOIN sessions s ON s.id = rs.session_id \
                 WHERE rs.registration_id = $1 AND rs.held ORDER BY s.starts_at",
            )
            .bind(registration)
            .fetch_all(pool)
            .await?;
            (conference, held)
        });
        Ok(conference.map(|(conference, status, pass)| MailFacts {
            conference,
            held,
            pass: pass
                .filter(|_| status == crate::registration::Status::Confirmed.code())
                .as_deref()
                .and_then(crate::registration::PassCode::parse),
        }))
    }
}
