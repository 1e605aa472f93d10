//! Papers (`crate::papers`): issuing a letter or certificate (or finding
//! the one that stands), withdrawing it, the registration's papers, and
//! what a verification address shows.

use super::{Store, StoreError};
use crate::desk::AuditAction;
use crate::i18n::Lang;
use crate::papers::{
    Issued, PaperFacts, PaperKind, PaperWording, Refused, Standing, Verification, VerifyCode,
};
use crate::registration::{CountryCode, PassportNumber, Status, VisaRequest};
use chrono::{DateTime, NaiveDate, Utc};

/// Whose paper: the registration of a private link, or one that staff
/// opened in their conference.
#[derive(Clone, Copy, Debug)]
pub enum Holder<'a> {
    Link(&'a str),
    Staff { conference: &'a str, id: i64 },
}

/// What asking for a paper gave.
#[derive(Clone, Debug, PartialEq)]
pub enum Issue {
    Issued(Box<PaperFacts>),
    Refused(Refused),
    NotFound,
}

#[derive(sqlx::FromRow)]
struct PaperRow {
    id: i64,
    kind: String,
    number: i64,
    verify_code: String,
    issued_at: DateTime<Utc>,
    withdrawn_at: Option<DateTime<Utc>>,
}

fn kind_of(code: &str) -> Result<PaperKind, StoreError> {
    PaperKind::parse(code).ok_or_else(|| StoreError::Corrupt(format!("paper kind {code:?}")))
}

fn code_of(code: &str) -> Result<VerifyCode, StoreError> {
    VerifyCode::parse(code).ok_or_else(|| StoreError::Corrupt(format!("verify code {code:?}")))
}

impl Store {
    /// The standing paper of `kind` of `holder`'s registration, issued now
    /// if it has none (numbered in its conference, in the audit log), with
    /// what it says. A letter only for a confirmed registration that asked
    /// for one, a certificate only for one checked in. From a private link,
    /// a letter the organisers withdrew is not issued again: they do it.
    pub async fn issue_paper(
        &self,
        holder: Holder<'_>,
        kind: PaperKind,
        account: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<Issue, StoreError> {
        let (hash, conference, id) = match holder {
            Holder::Link(token) => (Some(super::tx::token_hash(token)), None, None),
            Holder::Staff { conference, id } => (None, Some(conference), Some(id)),
        };
        let from_link = hash.is_some();
        let issued: Result<(i64, String), Issue> = in_write!(self, |tx| {
            let found: Option<(i64, i64, String, String, String, String)> = sqlx::query_as(
                "SELECT r.id, r.conference_id, c.slug, r.status, r.given_name, r.family_name \
                 FROM registrations r JOIN conferences c ON c.id = r.conference_id \
                 WHERE r.manage_token_hash = $1 OR (c.slug = $2 AND r.id = $3)",
            )
            .bind(&hash)
            .bind(conference)
            .bind(id)
            .fetch_optional(&mut *tx)
            .await?;
            match found {
                None => Err(Issue::NotFound),
                Some((registration, conference, slug, status, given, family)) => {
                    // Numbers are handed out in the conference's turn.
                    sqlx::query("UPDATE conferences SET updated_at = updated_at WHERE id = $1")
                        .bind(conference)
                        .execute(&mut *tx)
                        .await?;
                    let passport_name: Option<String> = sqlx::query_scalar(
                        "SELECT passport_name FROM visa_requests WHERE registration_id = $1",
                    )
                    .bind(registration)
                    .fetch_optional(&mut *tx)
                    .await?;
                    let attended: i64 = sqlx::query_scalar(
                        "SELECT COUNT(*) FROM check_ins WHERE registration_id = $1 AND undone_at IS NULL",
                    )
                    .bind(registration)
                    .fetch_one(&mut *tx)
                    .await?;
                    let papers: Vec<PaperRow> = sqlx::query_as(
                        "SELECT id, kind, number, verify_code, issued_at, withdrawn_at FROM papers \
                         WHERE registration_id = $1 AND kind = $2 ORDER BY id DESC",
                    )
                    .bind(registration)
                    .bind(kind.code())
                    .fetch_all(&mut *tx)
                    .await?;
                    let refused = match kind {
                        PaperKind::Letter if status != Status::Confirmed.code() => {
                            Some(Refused::NotConfirmed)
                        }
                        PaperKind::Letter if passport_name.is_none() && !papers.is_empty() => {
                            Some(Refused::PassportDeleted)
                        }
                        PaperKind::Letter if passport_name.is_none() => Some(Refused::NotAsked),
                        PaperKind::Certificate if attended == 0 => Some(Refused::NotAttended),
                        _ => None,
                    };
                    let standing = papers.iter().find(|p| p.withdrawn_at.is_none());
                    match (refused, standing, papers.first()) {
                        (Some(refused), _, _) => Err(Issue::Refused(refused)),
                        (None, Some(paper), _) => Ok((registration, paper.verify_code.clone())),
                        (None, None, Some(_)) if from_link && kind == PaperKind::Letter => {
                            Err(Issue::Refused(Refused::Withdrawn))
                        }
                        (None, None, _) => {
                            let number: i64 = sqlx::query_scalar(
                                "SELECT CAST(COALESCE(MAX(number), 0) + 1 AS BIGINT) FROM papers \
                                 WHERE conference_id = $1 AND kind = $2",
                            )
                            .bind(conference)
                            .bind(kind.code())
                            .fetch_one(&mut *tx)
                            .await?;
                            let code = VerifyCode::random();
                            let holder = match (kind, passport_name) {
                                (PaperKind::Letter, Some(name)) => name,
                                _ => format!("{given} {family}"),
                            };
                            sqlx::query(
                                "INSERT INTO papers (registration_id, conference_id, kind, number, verify_code, \
                                 holder, issued_at, issued_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
                            )
                            .bind(registration)
                            .bind(conference)
                            .bind(kind.code())
                            .bind(number)
                            .bind(code.as_str())
                            .bind(&holder)
                            .bind(now)
                            .bind(account)
                            .execute(&mut *tx)
                            .await?;
                            audit!(
                                tx,
                                Some(conference),
                                account,
                                AuditAction::PaperIssued,
                                kind.reference(&slug, number),
                                now
                            );
                            Ok((registration, code.as_str().to_owned()))
                        }
                    }
                }
            }
        });
        match issued {
            Err(issue) => Ok(issue),
            Ok((registration, code)) => Ok(self
                .paper_facts(registration, &code)
                .await?
                .map_or(Issue::NotFound, |facts| Issue::Issued(Box::new(facts)))),
        }
    }

    /// What paper `code` of registration `registration` says, as it stands.
    async fn paper_facts(
        &self,
        registration: i64,
        code: &str,
    ) -> Result<Option<PaperFacts>, StoreError> {
        type Row = (String, i64, DateTime<Utc>, String, String, String, String);
        let (row, visa, days) = on_pool!(self, |pool| {
            let row: Option<Row> = sqlx::query_as(
                "SELECT p.kind, p.number, p.issued_at, c.slug, r.given_name, r.family_name, r.organisation \
                 FROM papers p JOIN registrations r ON r.id = p.registration_id \
                 JOIN conferences c ON c.id = p.conference_id WHERE p.verify_code = $1 AND p.registration_id = $2",
            )
            .bind(code)
            .bind(registration)
            .fetch_optional(pool)
            .await?;
            let visa: Option<(String, String, String, NaiveDate)> = sqlx::query_as(
                "SELECT passport_name, nationality, passport_number, date_of_birth FROM visa_requests \
                 WHERE registration_id = $1",
            )
            .bind(registration)
            .fetch_optional(pool)
            .await?;
            let days: Vec<NaiveDate> = sqlx::query_scalar(
                "SELECT day FROM check_ins WHERE registration_id = $1 AND undone_at IS NULL ORDER BY day",
            )
            .bind(registration)
            .fetch_all(pool)
            .await?;
            (row, visa, days)
        });
        let Some((kind, number, issued_at, slug, given_name, family_name, organisation)) = row
        else {
            return Ok(None);
        };
        let Some((conference, _)) = self.editable_conference(&slug).await? else {
            return Ok(None);
        };
        let kind = kind_of(&kind)?;
        let passport = match (kind, visa) {
            (PaperKind::Letter, Some((name, nationality, number, born))) => Some(VisaRequest {
                passport_name: crate::field::PersonName::parse(&name)
                    .map_err(|_| StoreError::Corrupt(format!("passport name {name:?}")))?,
                nationality: CountryCode::parse(&nationality)
                    .map_err(|_| StoreError::Corrupt(format!("nationality {nationality:?}")))?,
                passport_number: PassportNumber::parse(&number)
                    .map_err(|_| StoreError::Corrupt("passport number".into()))?,
                date_of_birth: born,
            }),
            _ => None,
        };
        Ok(Some(PaperFacts {
            kind,
            reference: kind.reference(&slug, number),
            verify: code_of(code)?,
            issued_on: conference.zone.day_of(issued_at),
            conference,
            given_name,
            family_name,
            organisation,
            passport,
            days,
        }))
    }

    /// Withdraws paper `paper` of conference `conference` (in the audit
    /// log): its registration's id, or `None` if no such paper stands.
    pub async fn withdraw_paper(
        &self,
        conference: &str,
        paper: i64,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, StoreError> {
        Ok(in_write!(self, |tx| {
            let withdrawn: Option<(i64, i64, String, i64)> = sqlx::query_as(
                "UPDATE papers SET withdrawn_at = $1, withdrawn_by = $2 WHERE id = $3 AND withdrawn_at IS NULL \
                 AND conference_id = (SELECT id FROM conferences WHERE slug = $4) \
                 RETURNING registration_id, conference_id, kind, number",
            )
            .bind(now)
            .bind(account)
            .bind(paper)
            .bind(conference)
            .fetch_optional(&mut *tx)
            .await?;
            match withdrawn {
                None => None,
                Some((registration, id, kind, number)) => {
                    let reference = kind_of(&kind)?.reference(conference, number);
                    audit!(
                        tx,
                        Some(id),
                        Some(account),
                        AuditAction::PaperWithdrawn,
                        reference,
                        now
                    );
                    Some(registration)
                }
            }
        }))
    }

    /// The papers issued for registration `id` of conference `conference`,
    /// newest first.
    pub async fn papers_of(&self, conference: &str, id: i64) -> Result<Vec<Issued>, StoreError> {
        let rows: Vec<PaperRow> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT p.id, p.kind, p.number, p.verify_code, p.issued_at, p.withdrawn_at FROM papers p \
             JOIN conferences c ON c.id = p.conference_id WHERE c.slug = $1 AND p.registration_id = $2 \
             ORDER BY p.id DESC"
        )
        .bind(conference)
        .bind(id)
        .fetch_all(pool)
        .await?
        });
        rows.into_iter()
            .map(|p| {
                let kind = kind_of(&p.kind)?;
                Ok(Issued {
                    id: p.id,
                    kind,
                    reference: kind.reference(conference, p.number),
                    verify: code_of(&p.verify_code)?,
                    issued_at: p.issued_at,
                    withdrawn_at: p.withdrawn_at,
                })
            })
            .collect()
    }

    /// What the verification address of `code` shows; `None` for a code
    /// no paper has.
    pub async fn verification(&self, code: &str) -> Result<Option<Verification>, StoreError> {
        let Some(code) = VerifyCode::parse(code) else {
            return Ok(None);
        };
        type Row = (
            i64,
            String,
            i64,
            String,
            DateTime<Utc>,
            Option<DateTime<Utc>>,
            String,
            String,
        );
        let (row, days) = on_pool!(self, |pool| {
            let row: Option<Row> = sqlx::query_as(
                "SELECT p.registration_id, p.kind, p.number, p.holder, p.issued_at, p.withdrawn_at, c.slug, \
                 r.status FROM papers p JOIN conferences c ON c.id = p.conference_id \
                 JOIN registrations r ON r.id = p.registration_id WHERE p.verify_code = $1",
            )
            .bind(code.as_str())
            .fetch_optional(pool)
            .await?;
            let days: Vec<NaiveDate> = sqlx::query_scalar(
                "SELECT k.day FROM check_ins k JOIN papers p ON p.registration_id = k.registration_id \
                 WHERE p.verify_code = $1 AND k.undone_at IS NULL ORDER BY k.day",
            )
            .bind(code.as_str())
            .fetch_all(pool)
            .await?;
            (row, days)
        });
        let Some((_, kind, number, holder, issued_at, withdrawn_at, slug, status)) = row else {
            return Ok(None);
        };
        let Some((conference, _)) = self.editable_conference(&slug).await? else {
            return Ok(None);
        };
        let kind = kind_of(&kind)?;
        // A letter stands while its registration does; a certificate says
        // what happened, whatever came after.
        let closed = [Status::Cancelled.code(), Status::Rejected.code()].contains(&status.as_str());
        let standing = match (withdrawn_at, kind, closed) {
            (Some(_), _, _) => Standing::Withdrawn,
            (None, PaperKind::Letter, true) => Standing::Cancelled,
            _ => Standing::Valid,
        };
        Ok(Some(Verification {
            kind,
            reference: kind.reference(&slug, number),
            holder,
            issued_on: conference.zone.day_of(issued_at),
            starts_on: conference.starts_on,
            ends_on: conference.ends_on,
            city: conference.city.clone(),
            conference: conference.title,
            standing,
            days: if kind == PaperKind::Certificate {
                days
            } else {
                vec![]
            },
        }))
    }

    /// The (kind, language) pairs conference `slug` has its own paper
    /// wording for.
    pub async fn paper_wordings(&self, slug: &str) -> Result<Vec<(String, String)>, StoreError> {
        Ok(on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT w.kind, w.lang FROM paper_wordings w JOIN conferences c ON c.id = w.conference_id \
                 WHERE c.slug = $1 ORDER BY w.kind, w.lang",
            )
            .bind(slug)
            .fetch_all(pool)
            .await?
        }))
    }

    /// Conference `slug`'s wording of `kind` in `lang`, if it has one.
    pub async fn paper_wording(
        &self,
        slug: &str,
        kind: PaperKind,
        lang: Lang,
    ) -> Result<Option<PaperWording>, StoreError> {
        let row: Option<(String, String, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT w.heading, w.opening, w.closing FROM paper_wordings w \
                 JOIN conferences c ON c.id = w.conference_id \
                 WHERE c.slug = $1 AND w.kind = $2 AND w.lang = $3",
            )
            .bind(slug)
            .bind(kind.code())
            .bind(lang.code())
            .fetch_optional(pool)
            .await?
        });
        Ok(row.map(|(heading, opening, closing)| PaperWording {
            heading,
            opening,
            closing,
        }))
    }

    /// Saves conference `slug`'s wording of `kind` in `lang` (`None`: back
    /// to the built-in text), in the audit log; `false` when there is no
    /// such conference.
    pub async fn save_paper_wording(
        &self,
        slug: &str,
        kind: PaperKind,
        lang: Lang,
        wording: Option<&PaperWording>,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        Ok(in_write!(self, |tx| {
            // Locked: two saves of one wording take turns, the last wins whole.
            let conference = locked_conference!(tx, slug);
            if let Some(id) = conference {
                sqlx::query(
                    "DELETE FROM paper_wordings WHERE conference_id = $1 AND kind = $2 AND lang = $3",
                )
                .bind(id)
                .bind(kind.code())
                .bind(lang.code())
                .execute(&mut *tx)
                .await?;
                if let Some(w) = wording {
                    sqlx::query(
                        "INSERT INTO paper_wordings (conference_id, kind, lang, heading, opening, closing) \
                         VALUES ($1, $2, $3, $4, $5, $6)",
                    )
                    .bind(id)
                    .bind(kind.code())
                    .bind(lang.code())
                    .bind(&w.heading)
                    .bind(&w.opening)
                    .bind(&w.closing)
                    .execute(&mut *tx)
                    .await?;
                }
                let action = if wording.is_some() {
                    AuditAction::PaperWordingChanged
                } else {
                    AuditAction::PaperWordingReset
                };
                audit!(
                    tx,
                    Some(id),
                    Some(account),
                    action,
                    format!("{} ({})", kind.code(), lang.code()),
                    now
                );
            }
            conference.is_some()
        }))
    }
}
