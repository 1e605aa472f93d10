//! What a delegate does from the private link (read, change, cancel), a
//! cancellation by staff, and passport details forgotten after the
//! conference.

use super::*;
use crate::registration::PassCode;

impl Store {
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
                    queue!(
                        tx,
                        crate::mail::MailKind::Cancellation,
                        r.id,
                        &r.email,
                        &r.lang,
                        payload,
                        now
                    );
                    event!(tx, r.id, account, crate::desk::EventAction::Cancelled, now);
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
    pub(crate) async fn registration_view(
        &self,
        hash: Option<String>,
        id: Option<i64>,
    ) -> Result<Option<(i64, RegistrationView)>, StoreError> {
        let by_id = id;
        let (row, visa, sessions, attended) = on_pool!(self, |pool| {
            let row: Option<LinkRow> = sqlx::query_as(&format!(
                "SELECT r.id, r.pass_code, c.slug, c.title, r.email, r.status, {}, \
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
            let attended: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM check_ins WHERE registration_id = $1 AND undone_at IS NULL",
            )
            .bind(id)
            .fetch_one(pool)
            .await?;
            (row, visa, sessions, attended)
        });
        let Some(row) = row else { return Ok(None) };
        let status = Status::parse(&row.status)
            .ok_or_else(|| StoreError::Corrupt(format!("status {:?}", row.status)))?;
        let answers: Vec<crate::registration::questions::Answer> =
            crate::store::from_json("answers", &row.answers)?;
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
                    slug: crate::store::slug(s.slug)?,
                    title: crate::store::from_json("session title", &s.title)?,
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
                conference: crate::store::slug(row.slug)?,
                conference_title: crate::store::from_json("conference title", &row.title)?,
                status,
                position: (status == Status::Waiting).then_some(row.position),
                details,
                sessions,
                // A pass admits only while confirmed: no other status shows it.
                attended: attended > 0,
                pass: match status {
                    Status::Confirmed => row.pass_code.as_deref().and_then(PassCode::parse),
                    _ => None,
                },
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
                    queue!(
                        tx,
                        crate::mail::MailKind::DetailsChanged,
                        c.id,
                        &c.email,
                        &c.lang,
                        payload,
                        now
                    );
                    event!(
                        tx,
                        c.id,
                        None::<i64>,
                        crate::desk::EventAction::Changed,
                        now
                    );
                    Changed::Saved
                }
                _ => Changed::Closed,
            }
        });
        Ok(outcome)
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
}
