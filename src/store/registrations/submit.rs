//! A registration submitted (or taken over after a cancellation), and its
//! address verified.

use super::*;

impl Store {
    /// Records a submitted registration (unverified) and queues the email
    /// with its verification link; a second submission of the same address
    /// sends the link again instead, unless one was sent moments ago.
    /// For a conference by invitation, `invitation` must be the token of
    /// the address's invitation. `None` when there is no published
    /// conference by that slug.
    pub async fn submit_registration(
        &self,
        conference: &str,
        r: &NewRegistration,
        invitation: Option<&str>,
        lang: Lang,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Submitted>, StoreError> {
        let email_key = r.email.canonical();
        let (verify_token, verify_hash) = new_token();
        let (_, manage_hash) = new_token();
        let verify_link = crate::paths::link(base_url, &crate::paths::verify(&verify_token));
        let invitation_hash = invitation.map(token_hash);
        let outcome = in_write!(self, |tx| {
            #[allow(clippy::type_complexity)]
            let row: Option<(
                i64,
                String,
                String,
                Option<chrono::NaiveDate>,
                Option<chrono::NaiveDate>,
                String,
            )> = sqlx::query_as(
                "SELECT id, title, registration_mode, registration_opens_on, registration_closes_on, \
                 time_zone FROM conferences WHERE slug = $1 AND published",
            )
            .bind(conference)
            .fetch_optional(&mut *tx)
            .await?;
            // Outside its window (in the venue's calendar), a conference
            // takes no new registration.
            let open = match &row {
                None => true,
                Some((_, _, _, opens_on, closes_on, zone)) => {
                    crate::registration::RegistrationWindow {
                        opens_on: *opens_on,
                        closes_on: *closes_on,
                    }
                    .on(venue_today(zone, now)?)
                        == crate::registration::WindowState::Open
                }
            };
            let conference_row = row.map(|(id, title, mode, ..)| (id, title, mode));
            let invited = match (&conference_row, &invitation_hash) {
                (Some((id, _, mode)), Some(hash))
                    if mode == RegistrationMode::Invitation.code() =>
                {
                    let found: Option<i64> = sqlx::query_scalar(
                        "SELECT id FROM invitations WHERE conference_id = $1 AND token_hash = $2 AND email_key = $3",
                    )
                    .bind(id)
                    .bind(hash)
                    .bind(&email_key)
                    .fetch_optional(&mut *tx)
                    .await?;
                    found.is_some()
                }
                (Some((_, _, mode)), _) => mode != RegistrationMode::Invitation.code(),
                (None, _) => false,
            };
            match conference_row {
                None => None,
                Some(_) if !open => Some(Submitted::Closed),
                Some(_) if !invited => Some(Submitted::NotInvited),
                Some((conference_id, title, _)) => {
                    // New: most are, in one statement that locks nothing
                    // but the new row.
                    let insert = format!(
                        "INSERT INTO registrations (conference_id, email, email_key, lang, status, \
                         verify_token_hash, verify_expires_at, manage_token_hash, created_at, updated_at, \
                         {DETAILS}, pass_code) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, \
                         $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26) \
                         ON CONFLICT (conference_id, email_key) DO NOTHING RETURNING id"
                    );
                    let inserted: Option<i64> = details!(
                        sqlx::query_scalar(&insert)
                            .bind(conference_id)
                            .bind(r.email.as_str())
                            .bind(&email_key)
                            .bind(lang.code())
                            .bind(Status::Unverified.code())
                            .bind(&verify_hash)
                            .bind(now + VERIFY_FOR)
                            .bind(&manage_hash)
                            .bind(now)
                            .bind(now),
                        r
                    )
                    .bind(crate::registration::PassCode::random().as_str())
                    .fetch_optional(&mut *tx)
                    .await?;
                    // Else the address has a registration: locked as every
                    // transition locks it, it is taken over when it was
                    // cancelled, or its link sent again.
                    let known = match inserted {
                        Some(_) => None,
                        None => {
                            let id: i64 = sqlx::query_scalar(
                                "SELECT id FROM registrations WHERE conference_id = $1 AND email_key = $2",
                            )
                            .bind(conference_id)
                            .bind(&email_key)
                            .fetch_one(&mut *tx)
                            .await?;
                            lock_registration!(tx, "id", id)
                        }
                    };
                    let taken_over = match &known {
                        Some(c) if c.status == Status::Cancelled => {
                            move_to!(tx, c.id, Status::Cancelled, Status::Unverified, now);
                            details!(
                                sqlx::query(&format!(
                                    "UPDATE registrations SET ({DETAILS}) = ($1, $2, $3, $4, $5, $6, $7, $8, $9, \
                                     $10, $11, $12, $13, $14, $15), email = $16, lang = $17, \
                                     verify_token_hash = $18, verify_expires_at = $19, manage_token_hash = $20, \
                                     created_at = $21, updated_at = $21, pass_code = $23 WHERE id = $22"
                                )),
                                r
                            )
                            .bind(r.email.as_str())
                            .bind(lang.code())
                            .bind(&verify_hash)
                            .bind(now + VERIFY_FOR)
                            .bind(&manage_hash)
                            .bind(now)
                            .bind(c.id)
                            // A new pass: the cancelled one stays refused.
                            .bind(crate::registration::PassCode::random().as_str())
                            .execute(&mut *tx)
                            .await?;
                            Some(c.id)
                        }
                        _ => None,
                    };
                    match (inserted, taken_over, known) {
                        (Some(id), _, _) | (None, Some(id), _) => {
                            write_choices!(tx, id, conference_id, r, now, inserted.is_some());
                            event!(
                                tx,
                                id,
                                None::<i64>,
                                crate::desk::EventAction::Registered,
                                now
                            );
                            let payload = json!({
                                "conference": title_in(&title, lang.code())?,
                                "name": r.given_name.as_str(),
                                "link": verify_link,
                            });
                            queue!(
                                tx,
                                crate::mail::MailKind::Verification,
                                id,
                                r.email.as_str(),
                                lang.code(),
                                payload,
                                now
                            );
                            Some(Submitted::New)
                        }
                        (None, None, None) => {
                            return Err(StoreError::Corrupt(format!(
                                "a registration of conference {conference_id} neither new nor found"
                            )))
                        }
                        (None, None, Some(c)) => {
                            // What the delegate gave when they registered: the address,
                            // name and language of this submission may be a stranger's.
                            let known_name: String = sqlx::query_scalar(
                                "SELECT given_name FROM registrations WHERE id = $1",
                            )
                            .bind(c.id)
                            .fetch_one(&mut *tx)
                            .await?;
                            let recent: i64 = sqlx::query_scalar(
                                "SELECT COUNT(*) FROM outbox WHERE registration_id = $1 AND created_at > $2",
                            )
                            .bind(c.id)
                            .bind(now - RESEND_AFTER)
                            .fetch_one(&mut *tx)
                            .await?;
                            let known_title = title_in(&title, &c.lang)?;
                            if recent == 0 && c.status == Status::Unverified {
                                sqlx::query(
                                    "UPDATE registrations SET verify_token_hash = $1, verify_expires_at = $2, \
                                     updated_at = $3 WHERE id = $4",
                                )
                                .bind(&verify_hash)
                                .bind(now + VERIFY_FOR)
                                .bind(now)
                                .bind(c.id)
                                .execute(&mut *tx)
                                .await?;
                                let payload = json!({ "conference": known_title, "name": known_name, "link": verify_link });
                                queue!(
                                    tx,
                                    crate::mail::MailKind::Verification,
                                    c.id,
                                    &c.email,
                                    &c.lang,
                                    payload,
                                    now
                                );
                            } else if recent == 0 {
                                let link = new_private_link!(tx, c.id, base_url, now);
                                let payload = json!({ "conference": known_title, "link": link });
                                queue!(
                                    tx,
                                    crate::mail::MailKind::PrivateLink,
                                    c.id,
                                    &c.email,
                                    &c.lang,
                                    payload,
                                    now
                                );
                            }
                            Some(Submitted::Known)
                        }
                    }
                }
            }
        });
        Ok(outcome)
    }

    /// Follows a verification link: the address is confirmed, and the
    /// registration is confirmed while seats last (else waiting-listed) or
    /// left for staff to approve, with the email that says so.
    pub async fn verify_registration(
        &self,
        token: &str,
        base_url: &str,
        now: DateTime<Utc>,
    ) -> Result<Verified, StoreError> {
        let hash = token_hash(token);
        let outcome = in_write!(self, |tx| {
            // The hash stays after use, so that a second click learns that
            // the first one worked rather than that the link is unknown.
            match lock_registration!(tx, "verify_token_hash", &hash) {
                None => Verified::Unknown,
                Some(r) if r.status != Status::Unverified => Verified::AlreadyUsed,
                Some(r) if r.verify_expires_at.is_none_or(|e| e <= now) => Verified::Expired,
                Some(r) => {
                    let (status, position) = if r.mode == RegistrationMode::Approval {
                        (Status::AwaitingApproval, None)
                    } else {
                        // Seats and places in line are handed out one at a time.
                        seat_or_wait!(tx, r.id, r.conference_id, now)
                    };
                    move_to!(tx, r.id, Status::Unverified, status, now);
                    let link = new_private_link!(tx, r.id, base_url, now);
                    let (kind, outcome) = match (status, position) {
                        (Status::AwaitingApproval, _) => (
                            crate::mail::MailKind::AwaitingApproval,
                            Verified::AwaitingApproval,
                        ),
                        (Status::Waiting, Some(position)) => (
                            crate::mail::MailKind::WaitingList,
                            Verified::Waiting { position },
                        ),
                        _ => (crate::mail::MailKind::Confirmation, Verified::Confirmed),
                    };
                    let payload = json!({ "conference": title_in(&r.title, &r.lang)?, "link": link, "position": position, "site": base_url });
                    queue!(tx, kind, r.id, &r.email, &r.lang, payload, now);
                    event!(tx, r.id, None::<i64>, status.into(), now);
                    outcome
                }
            }
        });
        Ok(outcome)
    }
}
