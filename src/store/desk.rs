//! The back office's reads of registrations: the filtered, sorted, paged
//! table, and one registration with its history and its emails.

use super::{Store, StoreError};
use crate::desk::{
    Dashboard, EventLine, MailLine, RegistrationDetail, RegistrationFilter, RegistrationPage,
    RegistrationRow, Sort, PER_PAGE,
};
use crate::registration::{Category, Status};
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    status: String,
    given_name: String,
    family_name: String,
    email: String,
    organisation: String,
    city: String,
    country: String,
    category: String,
    created_at: DateTime<Utc>,
    interpretation: bool,
    visa: bool,
}

#[derive(sqlx::FromRow)]
struct LoggedRow {
    id: i64,
    registration_id: Option<i64>,
    recipient: String,
    #[sqlx(flatten)]
    mail: MailRow,
}

#[derive(sqlx::FromRow)]
struct MailRow {
    kind: String,
    state: String,
    attempts: i32,
    last_error: Option<String>,
    created_at: DateTime<Utc>,
    sent_at: Option<DateTime<Utc>>,
}

/// `LIKE` matches the text as typed: its wildcards are escaped.
pub(super) fn like(text: &str) -> String {
    let escaped = crate::desk::search_text(&[text.trim()])
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// The WHERE clause of a filter (after `r.conference_id = $1`) and its
/// values, numbered from $2.
pub(super) fn conditions(filter: &RegistrationFilter) -> (String, Vec<String>) {
    let mut sql = String::new();
    let mut values = vec![];
    let next = |value: String, values: &mut Vec<String>| {
        values.push(value);
        format!("${}", values.len() + 1)
    };
    if !filter.q.trim().is_empty() {
        let p = next(like(&filter.q), &mut values);
        sql.push_str(&format!(" AND r.search_text LIKE {p} ESCAPE '\\'"));
    }
    if let Some(status) = filter.status() {
        let p = next(status.code().into(), &mut values);
        sql.push_str(&format!(" AND r.status = {p}"));
    }
    if let Some(category) = filter.category() {
        let p = next(category.code().into(), &mut values);
        sql.push_str(&format!(" AND r.category = {p}"));
    }
    if let Some(country) = filter.country() {
        let p = next(country.as_str().into(), &mut values);
        sql.push_str(&format!(" AND r.country = {p}"));
    }
    if !filter.session.trim().is_empty() {
        let p = next(filter.session.trim().into(), &mut values);
        sql.push_str(&format!(
            " AND EXISTS (SELECT 1 FROM registration_sessions rs JOIN sessions s ON s.id = rs.session_id \
             WHERE rs.registration_id = r.id AND s.slug = {p})"
        ));
    }
    if filter.visa() {
        sql.push_str(" AND EXISTS (SELECT 1 FROM visa_requests v WHERE v.registration_id = r.id)");
    }
    if filter.interpretation() {
        sql.push_str(" AND r.interpretation");
    }
    (sql, values)
}

pub(super) fn order(sort: Sort) -> &'static str {
    match sort {
        Sort::Newest => "r.created_at DESC, r.id DESC",
        Sort::Name => "lower(r.family_name), lower(r.given_name), r.id",
        Sort::Country => "r.country, lower(r.family_name), r.id",
        Sort::Status => "r.status, r.created_at DESC, r.id DESC",
    }
}

impl Store {
    /// A page of a conference's registrations, by the table's filter and
    /// sort, and how many the filter finds; `None`: no such conference.
    pub async fn search_registrations(
        &self,
        conference: &str,
        filter: &RegistrationFilter,
    ) -> Result<Option<RegistrationPage>, StoreError> {
        let conference_id: Option<i64> = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT id FROM conferences WHERE slug = $1"
        )
        .bind(conference)
        .fetch_optional(pool)
        .await?);
        let Some(conference_id) = conference_id else {
            return Ok(None);
        };
        let (conditions, values) = conditions(filter);
        let page = filter.page();
        let offset = i64::from(page - 1) * i64::from(PER_PAGE);
        // Narrowed by status, category or country, the filter finds its
        // rows through the index made for it (`registrations_for_the_desk`),
        // and only those are sorted. Left to itself, SQLite would walk the
        // conference's rows in the page's order, reading each, until it
        // has found a page: slow for a filter that finds few.
        let narrowed =
            filter.status().is_some() || filter.category().is_some() || filter.country().is_some();
        let found = if narrowed {
            format!(
                "r.id IN (SELECT r.id FROM registrations r WHERE r.conference_id = $1{conditions})"
            )
        } else {
            format!("r.conference_id = $1{conditions}")
        };
        let rows_sql = format!(
            "SELECT r.id, r.status, r.given_name, r.family_name, r.email, r.organisation, r.city, r.country, \
             r.category, r.created_at, r.interpretation, \
             EXISTS (SELECT 1 FROM visa_requests v WHERE v.registration_id = r.id) AS visa \
             FROM registrations r WHERE {found} ORDER BY {} LIMIT {PER_PAGE} OFFSET {offset}",
            order(filter.sort())
        );
        let count_sql =
            format!("SELECT COUNT(*) FROM registrations r WHERE r.conference_id = $1{conditions}");
        let (rows, total) = on_pool!(self, |pool| {
            let mut rows = sqlx::query_as::<_, Row>(&rows_sql).bind(conference_id);
            let mut count = sqlx::query_scalar::<_, i64>(&count_sql).bind(conference_id);
            for value in &values {
                rows = rows.bind(value.clone());
                count = count.bind(value.clone());
            }
            (rows.fetch_all(pool).await?, count.fetch_one(pool).await?)
        });
        let rows = rows
            .into_iter()
            .map(|r| {
                Ok(RegistrationRow {
                    id: r.id,
                    status: Status::parse(&r.status)
                        .ok_or_else(|| StoreError::Corrupt(format!("status {:?}", r.status)))?,
                    name: format!("{} {}", r.given_name, r.family_name),
                    email: r.email,
                    organisation: r.organisation,
                    city: r.city,
                    country: r.country,
                    category: Category::parse(&r.category)
                        .ok_or_else(|| StoreError::Corrupt(format!("category {:?}", r.category)))?,
                    registered_at: r.created_at,
                    visa: r.visa,
                    interpretation: r.interpretation,
                })
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        Ok(Some(RegistrationPage { rows, total, page }))
    }

    /// Registration `id` of `conference` in full, with what happened to it
    /// and its emails, oldest first.
    pub async fn registration_detail(
        &self,
        conference: &str,
        id: i64,
    ) -> Result<Option<RegistrationDetail>, StoreError> {
        if !self.in_conference(conference, id).await? {
            return Ok(None);
        }
        let Some((id, view)) = self.registration_view(None, Some(id)).await? else {
            return Ok(None);
        };
        let (events, emails) = on_pool!(self, |pool| {
            #[allow(clippy::type_complexity)]
            let events: Vec<(String, Option<String>, DateTime<Utc>, Option<String>)> =
                sqlx::query_as(
                "SELECT e.action, a.email, e.at, e.note FROM registration_events e \
                 LEFT JOIN accounts a ON a.id = e.account_id WHERE e.registration_id = $1 ORDER BY e.id",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let emails: Vec<MailRow> = sqlx::query_as(
                "SELECT kind, state, attempts, last_error, created_at, sent_at FROM outbox \
                 WHERE registration_id = $1 ORDER BY id",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            (events, emails)
        });
        Ok(Some(RegistrationDetail {
            id,
            view,
            events: events
                .into_iter()
                .map(|(action, by, at, note)| {
                    Ok(EventLine {
                        action: crate::desk::EventAction::parse(&action)
                            .ok_or_else(|| StoreError::Corrupt(format!("event {action:?}")))?,
                        by,
                        at,
                        note,
                    })
                })
                .collect::<Result<_, StoreError>>()?,
            emails: emails
                .into_iter()
                .map(MailLine::try_from)
                .collect::<Result<_, _>>()?,
        }))
    }
}

impl TryFrom<MailRow> for MailLine {
    type Error = StoreError;

    fn try_from(m: MailRow) -> Result<MailLine, StoreError> {
        Ok(MailLine {
            kind: crate::mail::MailKind::parse(&m.kind)
                .ok_or_else(|| StoreError::Corrupt(format!("mail kind {:?}", m.kind)))?,
            state: mail_state(&m.state)?,
            attempts: m.attempts,
            last_error: m.last_error,
            queued_at: m.created_at,
            sent_at: m.sent_at,
        })
    }
}

fn mail_state(code: &str) -> Result<crate::desk::MailState, StoreError> {
    crate::desk::MailState::parse(code)
        .ok_or_else(|| StoreError::Corrupt(format!("mail state {code:?}")))
}

impl Store {
    /// How many of a conference's messages are in each state.
    pub async fn conference_mail_counts(
        &self,
        conference: &str,
    ) -> Result<Vec<(crate::desk::MailState, i64)>, StoreError> {
        let rows: Vec<(String, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT o.state, COUNT(*) FROM outbox o JOIN registrations r ON r.id = o.registration_id \
             JOIN conferences c ON c.id = r.conference_id WHERE c.slug = $1 GROUP BY o.state ORDER BY o.state"
        )
        .bind(conference)
        .fetch_all(pool)
        .await?
        });
        rows.into_iter()
            .map(|(state, n)| Ok((mail_state(&state)?, n)))
            .collect()
    }

    /// The messages of a conference's registrations, newest first, in one
    /// state or all; at most `limit`.
    pub async fn conference_mail(
        &self,
        conference: &str,
        state: Option<crate::desk::MailState>,
        limit: i64,
    ) -> Result<Vec<crate::desk::LoggedMail>, StoreError> {
        let rows: Vec<LoggedRow> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT o.id, o.registration_id, o.recipient, o.kind, o.state, o.attempts, o.last_error, \
             o.created_at, o.sent_at FROM outbox o JOIN registrations r ON r.id = o.registration_id \
             JOIN conferences c ON c.id = r.conference_id \
             WHERE c.slug = $1 AND ($2 IS NULL OR o.state = $2) ORDER BY o.id DESC LIMIT $3"
        )
        .bind(conference)
        .bind(state.map(|s| s.code()))
        .bind(limit)
        .fetch_all(pool)
        .await?
        });
        rows.into_iter()
            .map(|r| {
                Ok(crate::desk::LoggedMail {
                    id: r.id,
                    registration: r.registration_id,
                    recipient: r.recipient,
                    mail: r.mail.try_into()?,
                })
            })
            .collect()
    }
}

impl Store {
    /// Counts of a conference's registrations for the back office.
    pub async fn dashboard(&self, conference: &str) -> Result<Dashboard, StoreError> {
        let (categories, countries, seats, created) = on_pool!(self, |pool| {
            let live = "r.status NOT IN ('cancelled', 'rejected')";
            let categories: Vec<(String, i64)> = sqlx::query_as(&format!(
                "SELECT r.category, COUNT(*) FROM registrations r JOIN conferences c ON c.id = r.conference_id \
                 WHERE c.slug = $1 AND {live} GROUP BY r.category ORDER BY COUNT(*) DESC, r.category"
            ))
            .bind(conference)
            .fetch_all(pool)
            .await?;
            let countries: Vec<(String, i64)> = sqlx::query_as(&format!(
                "SELECT r.country, COUNT(*) FROM registrations r JOIN conferences c ON c.id = r.conference_id \
                 WHERE c.slug = $1 AND {live} GROUP BY r.country ORDER BY COUNT(*) DESC, r.country"
            ))
            .bind(conference)
            .fetch_all(pool)
            .await?;
            let seats: Vec<(String, i64, i64)> = sqlx::query_as(
                "SELECT s.title, CAST(s.seats AS BIGINT), CAST(s.taken AS BIGINT) FROM sessions s \
                 JOIN conferences c ON c.id = s.conference_id WHERE c.slug = $1 AND s.seats IS NOT NULL \
                 ORDER BY s.starts_at, s.slug",
            )
            .bind(conference)
            .fetch_all(pool)
            .await?;
            let created: Vec<DateTime<Utc>> = sqlx::query_scalar(
                "SELECT r.created_at FROM registrations r JOIN conferences c ON c.id = r.conference_id \
                 WHERE c.slug = $1 ORDER BY r.created_at",
            )
            .bind(conference)
            .fetch_all(pool)
            .await?;
            (categories, countries, seats, created)
        });
        let mut per_day: Vec<(chrono::NaiveDate, i64)> = vec![];
        for at in created {
            let day = at.date_naive();
            match per_day.last_mut() {
                Some((last, n)) if *last == day => *n += 1,
                _ => per_day.push((day, 1)),
            }
        }
        Ok(Dashboard {
            by_category: categories
                .into_iter()
                .map(|(c, n)| {
                    Category::parse(&c)
                        .map(|c| (c, n))
                        .ok_or_else(|| StoreError::Corrupt(format!("category {c:?}")))
                })
                .collect::<Result<_, _>>()?,
            by_country: countries,
            seats: seats
                .into_iter()
                .map(|(title, seats, taken)| {
                    Ok((super::from_json("session title", &title)?, seats, taken))
                })
                .collect::<Result<_, StoreError>>()?,
            per_day,
        })
    }
}
