//! Seats: the conference's (one conditional UPDATE of its counter, so the
//! count never passes the capacity whatever arrives at once), a seated
//! session's, and the waiting list that is given the seats set free.

/// Takes a seat of the conference if one is left, in the transaction `$tx`:
/// 1 when taken, 0 when full. The one way a registration is confirmed.
macro_rules! take_seat {
    ($tx:ident, $conference:expr) => {
        sqlx::query(
            "UPDATE conferences SET confirmed_count = confirmed_count + 1 \
             WHERE id = $1 AND (capacity IS NULL OR confirmed_count < capacity)",
        )
        .bind($conference)
        .execute(&mut *$tx)
        .await?
        .rows_affected()
    };
}

/// Holds a seat of `$session` for registration `$id` if one is left:
/// whether it did. The one way a session seat is taken.
macro_rules! hold_seat {
    ($tx:ident, $id:expr, $session:expr) => {{
        let taken = sqlx::query(
            "UPDATE sessions SET taken = taken + 1 WHERE id = $1 AND (seats IS NULL OR taken < seats)",
        )
        .bind($session)
        .execute(&mut *$tx)
        .await?
        .rows_affected()
            == 1;
        if taken {
            sqlx::query(
                "UPDATE registration_sessions SET held = TRUE WHERE registration_id = $1 AND session_id = $2",
            )
            .bind($id)
            .bind($session)
            .execute(&mut *$tx)
            .await?;
        }
        taken
    }};
}

/// Holds a seat, where one is left, in each session registration `$id`
/// chose and holds none in yet (at confirmation). Session rows are locked
/// in id order, after the conference's, as every writer does.
macro_rules! hold_sessions {
    ($tx:ident, $id:expr) => {{
        let waiting: Vec<i64> = sqlx::query_scalar(
            "SELECT session_id FROM registration_sessions WHERE registration_id = $1 AND NOT held \
             ORDER BY session_id",
        )
        .bind($id)
        .fetch_all(&mut *$tx)
        .await?;
        for session in waiting {
            hold_seat!($tx, $id, session);
        }
    }};
}

/// Gives back the session seats registration `$id` holds (when cancelled):
/// evaluates to those sessions' ids.
macro_rules! release_sessions {
    ($tx:ident, $id:expr) => {{
        let freed: Vec<i64> = sqlx::query_scalar(
            "SELECT session_id FROM registration_sessions WHERE registration_id = $1 AND held ORDER BY session_id",
        )
        .bind($id)
        .fetch_all(&mut *$tx)
        .await?;
        sqlx::query(
            "UPDATE sessions SET taken = taken - 1 WHERE id IN \
             (SELECT session_id FROM registration_sessions WHERE registration_id = $1 AND held)",
        )
        .bind($id)
        .execute(&mut *$tx)
        .await?;
        sqlx::query("UPDATE registration_sessions SET held = FALSE WHERE registration_id = $1")
            .bind($id)
            .execute(&mut *$tx)
            .await?;
        freed
    }};
}

/// Gives each freed seat of the sessions `$freed` to the first confirmed
/// delegate in line for it (who chose the session when it was full), and
/// tells them by email with a new private link.
macro_rules! give_freed_seats {
    ($tx:ident, $freed:expr, $base_url:expr, $now:expr) => {{
        for session in $freed {
            let first: Option<(i64, String, String, String, String)> = sqlx::query_as(
                "SELECT r.id, r.email, r.lang, s.title, c.title FROM registration_sessions rs \
                 JOIN registrations r ON r.id = rs.registration_id \
                 JOIN sessions s ON s.id = rs.session_id JOIN conferences c ON c.id = r.conference_id \
                 WHERE rs.session_id = $1 AND NOT rs.held AND r.status = $2 \
                 ORDER BY rs.chosen_at, r.id LIMIT 1",
            )
            .bind(session)
            .bind(Status::Confirmed.code())
            .fetch_optional(&mut *$tx)
            .await?;
            let Some((next, email, lang, session_title, title)) = first else {
                continue;
            };
            if hold_seat!($tx, next, session) {
                let link = new_private_link!($tx, next, $base_url, $now);
                let session_title: Localized = crate::store::from_json("session title", &session_title)?;
                let payload = json!({
                    "site": $base_url,
                    "conference": $crate::store::tx::title_in(&title, &lang)?,
                    "session": session_title.get(Lang::parse(&lang).unwrap_or_default()),
                    "link": link,
                });
                queue!($tx, $crate::mail::MailKind::SessionSeat, next, &email, &lang, payload, $now);
                event!($tx, next, None::<i64>, $crate::desk::EventAction::SessionSeat, $now);
            }
        }
    }};
}

/// Confirms registration `$id` if the conference has a seat left, else puts
/// it on the waiting list; the conference's row must be locked already.
/// Evaluates to the new status and, when waiting, the place in line.
macro_rules! seat_or_wait {
    ($tx:ident, $id:expr, $conference:expr, $now:expr) => {{
        if take_seat!($tx, $conference) == 1 {
            hold_sessions!($tx, $id);
            (Status::Confirmed, None)
        } else {
            let ahead: i64 = sqlx::query_scalar(
                "SELECT COUNT(*) FROM registrations WHERE conference_id = $1 AND status = $2",
            )
            .bind($conference)
            .bind(Status::Waiting.code())
            .fetch_one(&mut *$tx)
            .await?;
            (Status::Waiting, Some(ahead + 1))
        }
    }};
}

/// Confirms registration `$id`, on the waiting list, which holds a
/// conference seat taken just now in the transaction `$tx`: its sessions'
/// seats, a new private link, the promotion email and the history entry
/// (`$account`: who did it).
macro_rules! confirm_from_waiting {
    ($tx:ident, $id:expr, $email:expr, $lang:expr, $title:expr, $base_url:expr, $account:expr, $now:expr) => {{
        hold_sessions!($tx, $id);
        move_to!($tx, $id, Status::Waiting, Status::Confirmed, $now);
        let link = new_private_link!($tx, $id, $base_url, $now);
        let payload = json!({
            "site": $base_url,
            "conference": $crate::store::tx::title_in($title, $lang)?,
            "link": link,
        });
        queue!($tx, $crate::mail::MailKind::Promotion, $id, $email, $lang, payload, $now);
        event!($tx, $id, $account, $crate::desk::EventAction::Promoted, $now);
    }};
}

/// Gives a free seat of the conference to the first delegate on its
/// waiting list, in the transaction `$tx` (after the conference row is
/// locked), and tells them by email; `$title` is the conference's stored
/// title. Evaluates to whether someone was promoted.
macro_rules! promote_next {
    ($tx:ident, $conference:expr, $title:expr, $base_url:expr, $now:expr) => {{
        let first: Option<(i64, String, String)> = sqlx::query_as(
            "SELECT id, email, lang FROM registrations WHERE conference_id = $1 AND status = $2 \
             ORDER BY waiting_since, id LIMIT 1",
        )
        .bind($conference)
        .bind(Status::Waiting.code())
        .fetch_optional(&mut *$tx)
        .await?;
        let seated = match first {
            Some(_) => take_seat!($tx, $conference) == 1,
            None => false,
        };
        match first {
            Some((next, next_email, next_lang)) if seated => {
                confirm_from_waiting!(
                    $tx,
                    next,
                    &next_email,
                    &next_lang,
                    $title,
                    $base_url,
                    None::<i64>,
                    $now
                );
                true
            }
            _ => false,
        }
    }};
}
