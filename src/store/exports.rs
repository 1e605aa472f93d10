//! The export of a conference's registrations, every page of what the
//! table's filter finds, as rows for a spreadsheet (CSV or Excel, written
//! by `desk::csv_line` and `xlsx`).

use super::desk::{conditions, order};
use super::{Store, StoreError};
use crate::desk::RegistrationFilter;
use chrono::{DateTime, Utc};

/// A registration as the export writes it.
#[derive(sqlx::FromRow)]
struct ExportRow {
    id: i64,
    status: String,
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
    created_at: DateTime<Utc>,
    passport_name: Option<String>,
    nationality: Option<String>,
    passport_number: Option<String>,
    date_of_birth: Option<chrono::NaiveDate>,
}

impl Store {
    /// Every registration the filter finds (all pages), as rows of cells
    /// under a header; passport details only when `with_passports`.
    pub async fn export_registrations(
        &self,
        conference: &str,
        filter: &RegistrationFilter,
        with_passports: bool,
    ) -> Result<Option<Vec<Vec<String>>>, StoreError> {
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
        let sql = format!(
            "SELECT r.id, r.status, r.honorific, r.given_name, r.family_name, r.email, r.organisation, r.job_title, \
             r.city, r.country, r.category, r.languages, r.interpretation, r.accessibility, r.dietary, r.listed, \
             r.answers, r.created_at, v.passport_name, v.nationality, v.passport_number, v.date_of_birth \
             FROM registrations r LEFT JOIN visa_requests v ON v.registration_id = r.id \
             WHERE r.conference_id = $1{conditions} ORDER BY {}",
            order(filter.sort())
        );
        let (rows, chosen, check_ins) = on_pool!(self, |pool| {
            let mut query = sqlx::query_as::<_, ExportRow>(&sql).bind(conference_id);
            for value in &values {
                query = query.bind(value.clone());
            }
            let chosen: Vec<(i64, String, bool)> = sqlx::query_as(
                "SELECT rs.registration_id, s.slug, rs.held FROM registration_sessions rs \
                 JOIN sessions s ON s.id = rs.session_id WHERE s.conference_id = $1 ORDER BY s.starts_at",
            )
            .bind(conference_id)
            .fetch_all(pool)
            .await?;
            let check_ins: Vec<(i64, DateTime<Utc>, String)> = sqlx::query_as(
                "SELECT registration_id, at, desk FROM check_ins WHERE conference_id = $1 \
                 AND undone_at IS NULL ORDER BY at",
            )
            .bind(conference_id)
            .fetch_all(pool)
            .await?;
            (query.fetch_all(pool).await?, chosen, check_ins)
        });
        let mut header: Vec<&str> = vec![
            "id",
            "status",
            "honorific",
            "given_name",
            "family_name",
            "email",
            "organisation",
            "function",
            "city",
            "country",
            "category",
            "languages",
            "interpretation",
            "accessibility",
            "dietary",
            "visa_letter",
        ];
        if with_passports {
            header.extend([
                "passport_name",
                "nationality",
                "passport_number",
                "date_of_birth",
            ]);
        }
        header.extend([
            "listed",
            "sessions",
            "answers",
            "registered_at",
            "checked_in",
        ]);
        let mut out = vec![header.into_iter().map(str::to_owned).collect::<Vec<_>>()];
        let yes = |b: bool| if b { "yes" } else { "no" }.to_owned();
        for r in rows {
            let sessions = chosen
                .iter()
                .filter(|(id, _, _)| *id == r.id)
                .map(|(_, slug, held)| {
                    if *held {
                        slug.clone()
                    } else {
                        format!("{slug} (no seat)")
                    }
                })
                .collect::<Vec<_>>()
                .join("; ");
            let answers: Vec<crate::registration::questions::Answer> =
                super::from_json("answers", &r.answers)?;
            let answers = answers
                .into_iter()
                .map(|a| format!("{}: {}", a.question, a.value))
                .collect::<Vec<_>>()
                .join("; ");
            let mut row = vec![
                r.id.to_string(),
                r.status,
                r.honorific.unwrap_or_default(),
                r.given_name,
                r.family_name,
                r.email,
                r.organisation,
                r.job_title.unwrap_or_default(),
                r.city,
                r.country,
                r.category,
                r.languages,
                yes(r.interpretation),
                r.accessibility.unwrap_or_default(),
                r.dietary.unwrap_or_default(),
                yes(r.passport_number.is_some()),
            ];
            if with_passports {
                row.extend([
                    r.passport_name.unwrap_or_default(),
                    r.nationality.unwrap_or_default(),
                    r.passport_number.unwrap_or_default(),
                    r.date_of_birth.map(|d| d.to_string()).unwrap_or_default(),
                ]);
            }
            // Each standing check-in: when (UTC, as registered_at) and where.
            let checked_in = check_ins
                .iter()
                .filter(|(id, _, _)| *id == r.id)
                .map(|(_, at, desk)| format!("{} (desk {desk})", at.format("%Y-%m-%d %H:%M UTC")))
                .collect::<Vec<_>>()
                .join("; ");
            row.extend([
                yes(r.listed),
                sessions,
                answers,
                r.created_at.format("%Y-%m-%d %H:%M:%S UTC").to_string(),
                checked_in,
            ]);
            out.push(row);
        }
        Ok(Some(out))
    }
}
