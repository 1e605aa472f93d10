//! The check-in desks (`crate::onsite`): a scan or a search's "check in",
//! an undo, the search itself, and the counts by day and category.

use super::{from_json, venue_today, Store, StoreError};
use crate::desk::EventAction;
use crate::desk::RegistrationFilter;
use crate::i18n::Localized;
use crate::onsite::{Arrival, BadgeColours, BadgeLine, CheckIn, DayCount, DeskAnswer, DeskName};
use crate::registration::{Category, PassCode, Status};
use chrono::{DateTime, NaiveDate, Utc};

/// Whom a desk checks in: the code it scanned, or a registration its
/// search found.
#[derive(Clone, Copy, Debug)]
pub enum Whom<'a> {
    Code(&'a PassCode),
    Registration(i64),
}

/// How a check-in went, before the arrival is read.
enum Outcome {
    CheckedIn,
    Already,
    NotAdmitted,
    Unknown,
}

#[derive(sqlx::FromRow)]
struct ArrivalRow {
    id: i64,
    given_name: String,
    family_name: String,
    organisation: String,
    country: String,
    category: String,
    status: String,
    interpretation: bool,
    accessibility: Option<String>,
    dietary: Option<String>,
}

const ARRIVAL: &str = "r.id, r.given_name, r.family_name, r.organisation, r.country, r.category, \
                       r.status, r.interpretation, r.accessibility, r.dietary";

/// At most this many people answer a desk's search: a longer list is no
/// help in a queue; the desk types more of the name.
pub const SEARCH_LIMIT: i64 = 12;

impl Store {
    /// Checks `whom` in at `desk` of conference `slug`, for the venue's
    /// day of `now`: once a day, however many desks scan the same code at
    /// once (the registration's row is locked, and the unique index of a
    /// day's check-ins stands behind it). Only a confirmed registration is
    /// let in; whatever the answer, the desk is told whom the code names.
    /// `account`: who scanned (`None` for the demo's delegates of 2017).
    pub async fn check_in(
        &self,
        slug: &str,
        whom: Whom<'_>,
        desk: &DeskName,
        account: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<DeskAnswer, StoreError> {
        let (code, id) = match whom {
            Whom::Code(code) => (Some(code.as_str()), None),
            Whom::Registration(id) => (None, Some(id)),
        };
        let (outcome, registration, day) = in_write!(self, |tx| {
            let zone: Option<(i64, String)> =
                sqlx::query_as("SELECT id, time_zone FROM conferences WHERE slug = $1")
                    .bind(slug)
                    .fetch_optional(&mut *tx)
                    .await?;
            match zone {
                None => (Outcome::Unknown, 0, None),
                Some((conference, zone)) => {
                    let day = venue_today(&zone, now)?;
                    // A no-op UPDATE locks the row: a cancel, or another
                    // desk, waits for this check-in, and this one reads the
                    // status as it is once they are done.
                    let found: Option<(i64, String)> = sqlx::query_as(
                        "UPDATE registrations SET updated_at = updated_at \
                         WHERE conference_id = $1 AND (pass_code = $2 OR id = $3) RETURNING id, status",
                    )
                    .bind(conference)
                    .bind(code)
                    .bind(id)
                    .fetch_optional(&mut *tx)
                    .await?;
                    match found {
                        None => (Outcome::Unknown, 0, Some(day)),
                        Some((registration, status)) if status != Status::Confirmed.code() => {
                            (Outcome::NotAdmitted, registration, Some(day))
                        }
                        Some((registration, _)) => {
                            let inserted: Option<i64> = sqlx::query_scalar(
                                "INSERT INTO check_ins (registration_id, conference_id, day, at, desk, account_id) \
                                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING RETURNING id",
                            )
                            .bind(registration)
                            .bind(conference)
                            .bind(day)
                            .bind(now)
                            .bind(desk.as_str())
                            .bind(account)
                            .fetch_optional(&mut *tx)
                            .await?;
                            if inserted.is_some() {
                                event!(tx, registration, account, EventAction::CheckedIn, now);
                                (Outcome::CheckedIn, registration, Some(day))
                            } else {
                                (Outcome::Already, registration, Some(day))
                            }
                        }
                    }
                }
            }
        });
        let (Some(day), Outcome::CheckedIn | Outcome::Already | Outcome::NotAdmitted) =
            (day, &outcome)
        else {
            return Ok(DeskAnswer::Unknown(
                code.map(str::to_owned).unwrap_or_default(),
            ));
        };
        let arrival = self
            .arrival(registration, day)
            .await?
            .ok_or_else(|| StoreError::Corrupt(format!("registration {registration} went")))?;
        Ok(match outcome {
            Outcome::CheckedIn => DeskAnswer::CheckedIn(arrival),
            Outcome::Already => DeskAnswer::Already(arrival),
            _ => DeskAnswer::NotAdmitted(arrival),
        })
    }

    /// Takes back check-in `check_in` of conference `slug` (a desk's
    /// mistake): kept, with who undid it, and no longer counted. `None` if
    /// there is no such check-in standing.
    pub async fn undo_check_in(
        &self,
        slug: &str,
        check_in: i64,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<DeskAnswer>, StoreError> {
        let undone: Option<(i64, NaiveDate)> = in_write!(self, |tx| {
            let undone: Option<(i64, NaiveDate)> = sqlx::query_as(
                "UPDATE check_ins SET undone_at = $1, undone_by = $2 WHERE id = $3 AND undone_at IS NULL \
                 AND conference_id = (SELECT id FROM conferences WHERE slug = $4) RETURNING registration_id, day",
            )
            .bind(now)
            .bind(account)
            .bind(check_in)
            .bind(slug)
            .fetch_optional(&mut *tx)
            .await?;
            if let Some((registration, _)) = undone {
                event!(
                    tx,
                    registration,
                    Some(account),
                    EventAction::CheckInUndone,
                    now
                );
            }
            undone
        });
        let Some((registration, day)) = undone else {
            return Ok(None);
        };
        Ok(self
            .arrival(registration, day)
            .await?
            .map(DeskAnswer::Undone))
    }

    /// The registrations of conference `slug` whose name, address,
    /// organisation or city holds `text` (accents and case aside), as the
    /// desk shows them on the venue's day of `now`.
    pub async fn search_arrivals(
        &self,
        slug: &str,
        text: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<Arrival>, StoreError> {
        let sql = format!(
            "SELECT r.id, c.time_zone FROM registrations r JOIN conferences c ON c.id = r.conference_id \
             WHERE c.slug = $1 AND r.search_text LIKE $2 ESCAPE '\\' \
             ORDER BY r.family_name, r.given_name, r.id LIMIT {SEARCH_LIMIT}"
        );
        let found: Vec<(i64, String)> = on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(slug)
            .bind(super::desk::like(text))
            .fetch_all(pool)
            .await?);
        let mut arrivals = Vec::with_capacity(found.len());
        for (id, zone) in found {
            if let Some(arrival) = self.arrival(id, venue_today(&zone, now)?).await? {
                arrivals.push(arrival);
            }
        }
        Ok(arrivals)
    }

    /// Registration `id` as a desk shows it, with its check-in of `day`.
    async fn arrival(&self, id: i64, day: NaiveDate) -> Result<Option<Arrival>, StoreError> {
        let (row, workshops, today) = on_pool!(self, |pool| {
            let row: Option<ArrivalRow> = sqlx::query_as(&format!(
                "SELECT {ARRIVAL} FROM registrations r WHERE r.id = $1"
            ))
            .bind(id)
            .fetch_optional(pool)
            .await?;
            let workshops: Vec<String> = sqlx::query_scalar(
                "SELECT s.title FROM registration_sessions rs JOIN sessions s ON s.id = rs.session_id \
                 WHERE rs.registration_id = $1 AND rs.held ORDER BY s.starts_at, s.slug",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let today: Option<(i64, DateTime<Utc>, String)> = sqlx::query_as(
                "SELECT id, at, desk FROM check_ins WHERE registration_id = $1 AND day = $2 \
                 AND undone_at IS NULL",
            )
            .bind(id)
            .bind(day)
            .fetch_optional(pool)
            .await?;
            (row, workshops, today)
        });
        let Some(row) = row else { return Ok(None) };
        let workshops = workshops
            .iter()
            .map(|title| from_json::<Localized>("session title", title))
            .collect::<Result<_, _>>()?;
        Ok(Some(Arrival {
            registration_id: row.id,
            given_name: row.given_name,
            family_name: row.family_name,
            organisation: row.organisation,
            country: row.country,
            category: Category::parse(&row.category)
                .ok_or_else(|| StoreError::Corrupt(format!("category {:?}", row.category)))?,
            status: Status::parse(&row.status)
                .ok_or_else(|| StoreError::Corrupt(format!("status {:?}", row.status)))?,
            interpretation: row.interpretation,
            accessibility: row.accessibility,
            dietary: row.dietary,
            workshops,
            today: today.map(|(id, at, desk)| CheckIn { id, day, at, desk }),
        }))
    }

    /// The badges of the confirmed registrations that `filter` finds in
    /// conference `slug` (every page, in the table's order); `None` if
    /// there is no such conference. Only the confirmed: a badge's pass
    /// admits nobody else.
    pub async fn badge_lines(
        &self,
        slug: &str,
        filter: &RegistrationFilter,
    ) -> Result<Option<Vec<BadgeLine>>, StoreError> {
        let conference: Option<i64> = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT id FROM conferences WHERE slug = $1"
        )
        .bind(slug)
        .fetch_optional(pool)
        .await?);
        let Some(conference) = conference else {
            return Ok(None);
        };
        let (conditions, values) = super::desk::conditions(filter);
        let sql = format!(
            "SELECT r.given_name, r.family_name, r.organisation, r.country, r.category, r.pass_code \
             FROM registrations r WHERE r.conference_id = $1{conditions} AND r.status = 'confirmed' \
             ORDER BY {}",
            super::desk::order(filter.sort())
        );
        type Row = (String, String, String, String, String, Option<String>);
        let rows: Vec<Row> = on_pool!(self, |pool| {
            let mut query = sqlx::query_as::<_, Row>(&sql).bind(conference);
            for value in &values {
                query = query.bind(value.clone());
            }
            query.fetch_all(pool).await?
        });
        rows.into_iter()
            .map(
                |(given_name, family_name, organisation, country, category, pass)| {
                    Ok(BadgeLine {
                        given_name,
                        family_name,
                        organisation,
                        country,
                        category: Category::parse(&category)
                            .ok_or_else(|| StoreError::Corrupt(format!("category {category:?}")))?,
                        pass: pass
                            .as_deref()
                            .and_then(PassCode::parse)
                            .ok_or_else(|| StoreError::Corrupt(format!("pass code {pass:?}")))?,
                    })
                },
            )
            .collect::<Result<Vec<_>, _>>()
            .map(Some)
    }

    /// The colours of conference `slug`'s badges.
    pub async fn badge_colours(&self, slug: &str) -> Result<BadgeColours, StoreError> {
        let rows: Vec<(String, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT b.category, b.colour FROM badge_colours b JOIN conferences c ON c.id = b.conference_id \
             WHERE c.slug = $1"
        )
        .bind(slug)
        .fetch_all(pool)
        .await?
        });
        rows.into_iter()
            .map(|(category, colour)| {
                Ok((
                    Category::parse(&category)
                        .ok_or_else(|| StoreError::Corrupt(format!("category {category:?}")))?,
                    colour,
                ))
            })
            .collect::<Result<_, StoreError>>()
            .map(BadgeColours)
    }

    /// Sets the colours of conference `slug`'s badges (in the audit log);
    /// `false` if there is no such conference.
    pub async fn set_badge_colours(
        &self,
        slug: &str,
        colours: &BadgeColours,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        Ok(in_write!(self, |tx| {
            // Locked: two saves at once take turns (on PostgreSQL the
            // second's DELETE would miss the first's new rows and its
            // INSERT collide with them).
            let conference = locked_conference!(tx, slug);
            match conference {
                None => false,
                Some(id) => {
                    sqlx::query("DELETE FROM badge_colours WHERE conference_id = $1")
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    for (category, colour) in &colours.0 {
                        sqlx::query(
                            "INSERT INTO badge_colours (conference_id, category, colour) VALUES ($1, $2, $3)",
                        )
                        .bind(id)
                        .bind(category.code())
                        .bind(colour)
                        .execute(&mut *tx)
                        .await?;
                    }
                    audit!(
                        tx,
                        Some(id),
                        Some(account),
                        crate::desk::AuditAction::BadgeColoursChanged,
                        slug,
                        now
                    );
                    true
                }
            }
        }))
    }

    /// Conference `slug`'s standing check-ins by venue day and category.
    pub async fn check_in_counts(&self, slug: &str) -> Result<Vec<DayCount>, StoreError> {
        let rows: Vec<(NaiveDate, String, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT k.day, r.category, CAST(COUNT(*) AS BIGINT) FROM check_ins k \
             JOIN registrations r ON r.id = k.registration_id JOIN conferences c ON c.id = k.conference_id \
             WHERE c.slug = $1 AND k.undone_at IS NULL GROUP BY k.day, r.category ORDER BY k.day, r.category"
        )
        .bind(slug)
        .fetch_all(pool)
        .await?
        });
        rows.into_iter()
            .map(|(day, category, count)| {
                Ok(DayCount {
                    day,
                    category: Category::parse(&category)
                        .ok_or_else(|| StoreError::Corrupt(format!("category {category:?}")))?,
                    count,
                })
            })
            .collect()
    }
}
