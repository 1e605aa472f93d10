//! Staff's decisions: approve or turn down, promote from the waiting
//! list, note; invitations; the conference's places and its counts.

use super::*;

impl Store {
    /// Gives a registration on the waiting list a seat out of turn; the
    /// delegate is told by email. Seats freed are given to the first in
    /// line at once, so there is rarely one free: with `add_place` (an
    /// organiser's decision) the conference gets one more place for them,
    /// written to the audit log.
    pub async fn promote_registration(
        &self,
        id: i64,
        account: i64,
        add_place: bool,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<Promoted, StoreError> {
        let outcome = in_write!(self, |tx| {
            match lock_registration!(tx, "id", id) {
                Some(r) if r.status == Status::Waiting => {
                    let mut seated = take_seat!(tx, r.conference_id) == 1;
                    if !seated && add_place {
                        sqlx::query("UPDATE conferences SET capacity = capacity + 1 WHERE id = $1")
                            .bind(r.conference_id)
                            .execute(&mut *tx)
                            .await?;
                        let action = crate::desk::AuditAction::PlaceAdded;
                        audit!(tx, r.conference_id, account, action, &r.email, now);
                        seated = take_seat!(tx, r.conference_id) == 1;
                    }
                    if !seated {
                        Promoted::Full
                    } else {
                        confirm_from_waiting!(
                            tx,
                            r.id,
                            &r.email,
                            &r.lang,
                            &r.title,
                            base_url,
                            Some(account),
                            now
                        );
                        Promoted::Promoted
                    }
                }
                _ => Promoted::NotWaiting,
            }
        });
        Ok(outcome)
    }

    /// Adds a staff note to a registration's history.
    pub async fn add_note(
        &self,
        id: i64,
        account: i64,
        note: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        in_write!(self, |tx| sqlx::query(
            "INSERT INTO registration_events (registration_id, account_id, action, at, note) \
             VALUES ($1, $2, $3, $4, $5)"
        )
        .bind(id)
        .bind(account)
        .bind(crate::desk::EventAction::Note.code())
        .bind(now)
        .bind(note)
        .execute(&mut *tx)
        .await?
        .rows_affected());
        Ok(())
    }

    /// Approves (or rejects) a registration that awaits approval: approved,
    /// it takes a seat while there is one, else joins the waiting list; the
    /// delegate is told by email either way (a rejection with the staff's
    /// `reason`, when given).
    pub async fn decide_registration(
        &self,
        id: i64,
        approve: bool,
        account: Option<i64>,
        reason: Option<&str>,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<Decided, StoreError> {
        let outcome = in_write!(self, |tx| {
            match lock_registration!(tx, "id", id) {
                Some(r) if r.status == Status::AwaitingApproval => {
                    let (status, position) = if approve {
                        seat_or_wait!(tx, r.id, r.conference_id, now)
                    } else {
                        (Status::Rejected, None)
                    };
                    move_to!(tx, r.id, Status::AwaitingApproval, status, now);
                    if status == Status::Rejected {
                        forget_passport!(tx, r.id);
                    }
                    let link = new_private_link!(tx, r.id, base_url, now);
                    let (kind, decided) = match (status, position) {
                        (Status::Rejected, _) => {
                            (crate::mail::MailKind::Rejection, Decided::Rejected)
                        }
                        (Status::Waiting, Some(position)) => (
                            crate::mail::MailKind::WaitingList,
                            Decided::Waiting { position },
                        ),
                        _ => (crate::mail::MailKind::Confirmation, Decided::Confirmed),
                    };
                    let payload = json!({
                        "site": base_url,
                        "conference": title_in(&r.title, &r.lang)?,
                        "link": link,
                        "position": position,
                        "reason": reason.filter(|_| !approve),
                    });
                    queue!(tx, kind, r.id, &r.email, &r.lang, payload, now);
                    event!(
                        tx,
                        r.id,
                        account,
                        if approve {
                            crate::desk::EventAction::Approved
                        } else {
                            crate::desk::EventAction::Rejected
                        },
                        now
                    );
                    decided
                }
                _ => Decided::NotAwaiting,
            }
        });
        Ok(outcome)
    }

    /// A personal invitation to a conference for `email`, emailed with its
    /// link in `lang`; returns the link. Inviting an address again gives it
    /// a new link (the old one stops working).
    pub async fn invite(
        &self,
        conference: &str,
        email: &crate::field::Email,
        lang: Lang,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<String>, StoreError> {
        let (token, hash) = new_token();
        let link = crate::paths::link(base_url, &crate::paths::invitation(conference, &token));
        let done = in_write!(self, |tx| {
            let row: Option<(i64, String)> =
                sqlx::query_as("SELECT id, title FROM conferences WHERE slug = $1")
                    .bind(conference)
                    .fetch_optional(&mut *tx)
                    .await?;
            match row {
                None => false,
                Some((conference_id, title)) => {
                    sqlx::query(
                        "INSERT INTO invitations (conference_id, email, email_key, token_hash, created_at) \
                         VALUES ($1, $2, $3, $4, $5) ON CONFLICT (conference_id, email_key) \
                         DO UPDATE SET token_hash = excluded.token_hash, email = excluded.email",
                    )
                    .bind(conference_id)
                    .bind(email.as_str())
                    .bind(email.canonical())
                    .bind(&hash)
                    .bind(now)
                    .execute(&mut *tx)
                    .await?;
                    let payload =
                        json!({ "conference": title_in(&title, lang.code())?, "link": link });
                    queue!(
                        tx,
                        crate::mail::MailKind::Invitation,
                        None::<i64>,
                        email.as_str(),
                        lang.code(),
                        payload,
                        now
                    );
                    true
                }
            }
        });
        Ok(done.then_some(link))
    }

    /// How many registrations of a conference are in each status.
    pub async fn registration_counts(
        &self,
        conference: &str,
    ) -> Result<Vec<(Status, i64)>, StoreError> {
        let rows: Vec<(String, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT r.status, COUNT(*) FROM registrations r JOIN conferences c ON c.id = r.conference_id \
             WHERE c.slug = $1 GROUP BY r.status ORDER BY r.status",
        )
        .bind(conference)
        .fetch_all(pool)
        .await?
        });
        rows.into_iter()
            .map(|(status, n)| {
                Status::parse(&status)
                    .map(|s| (s, n))
                    .ok_or_else(|| StoreError::Corrupt(format!("status {status:?}")))
            })
            .collect()
    }
}
