//! The steps of a registration's transaction: lock it, move its status,
//! give it a new private link, write its details and choices, forget its
//! passport. Each runs in the transaction `$tx` it is given.

/// Moves registration `$id` from status `$from` to `$to`, in one
/// conditional statement: the one place a registration's status changes
/// (but for a new one, and one taken over after a cancellation). Under the
/// lock of [`lock_registration!`] it cannot miss; if it ever did, the
/// transaction is rolled back rather than a second effect written.
macro_rules! move_to {
    ($tx:ident, $id:expr, $from:expr, $to:expr, $now:expr) => {{
        let (from, to): (Status, Status) = ($from, $to);
        let moved = sqlx::query(
            "UPDATE registrations SET status = $1, waiting_since = $2, updated_at = $3 \
             WHERE id = $4 AND status = $5",
        )
        .bind(to.code())
        .bind((to == Status::Waiting).then_some($now))
        .bind($now)
        .bind($id)
        .bind(from.code())
        .execute(&mut *$tx)
        .await?
        .rows_affected();
        if moved != 1 {
            return Err(StoreError::Corrupt(format!(
                "registration {} was not {} any more",
                $id,
                from.code()
            )));
        }
    }};
}

/// Gives registration `$id` a new private link (the old one stops
/// working): evaluates to the link.
macro_rules! new_private_link {
    ($tx:ident, $id:expr, $base_url:expr, $now:expr) => {{
        let (manage_token, manage_hash) = $crate::store::tx::new_token();
        sqlx::query(
            "UPDATE registrations SET manage_token_hash = $1, updated_at = $2 WHERE id = $3",
        )
        .bind(&manage_hash)
        .bind($now)
        .bind($id)
        .execute(&mut *$tx)
        .await?;
        crate::paths::link($base_url, &crate::paths::private(&manage_token))
    }};
}

/// Deletes registration `$id`'s passport details: they are kept for the
/// visa letter only, so not past a cancellation or a refusal.
macro_rules! forget_passport {
    ($tx:ident, $id:expr) => {
        sqlx::query("DELETE FROM visa_requests WHERE registration_id = $1")
            .bind($id)
            .execute(&mut *$tx)
            .await?
    };
}

/// The columns of a delegate's details, in the order [`details!`] binds them.
pub(super) const DETAILS: &str = "honorific, given_name, family_name, organisation, job_title, city, country, \
                       category, languages, interpretation, accessibility, dietary, listed, answers, search_text";

/// Binds a [`NewRegistration`]'s details to `$query`, in [`DETAILS`] order.
macro_rules! details {
    ($query:expr, $r:expr) => {
        $query
            .bind($r.honorific.map(|h| h.code()))
            .bind($r.given_name.as_str())
            .bind($r.family_name.as_str())
            .bind($r.organisation.as_str())
            .bind($r.function.as_ref().map(|f| f.as_str()))
            .bind($r.city.as_str())
            .bind($r.country.as_str())
            .bind($r.category.code())
            .bind(
                $r.languages
                    .iter()
                    .map(|l| l.code())
                    .collect::<Vec<_>>()
                    .join(","),
            )
            .bind($r.interpretation)
            .bind($r.accessibility.as_ref().map(|a| a.as_str()))
            .bind($r.dietary.as_ref().map(|d| d.as_str()))
            .bind($r.listed)
            .bind($crate::store::json(&$r.answers))
            .bind(crate::desk::search_text(&[
                $r.given_name.as_str(),
                $r.family_name.as_str(),
                $r.email.as_str(),
                $r.organisation.as_str(),
                $r.city.as_str(),
            ]))
    };
}

/// Writes the passport details and the chosen sessions of registration
/// `$id` (conference `$conference`), replacing what it had. Seats already
/// held in sessions still chosen stay held; seats in sessions no longer
/// chosen are given back: evaluates to those sessions' ids. `$fresh`: the
/// row is new, so it has nothing to replace.
macro_rules! write_choices {
    ($tx:ident, $id:expr, $conference:expr, $r:expr, $now:expr, $fresh:expr) => {{
        let mut freed: Vec<i64> = vec![];
        if !$fresh {
            sqlx::query("DELETE FROM visa_requests WHERE registration_id = $1")
                .bind($id)
                .execute(&mut *$tx)
                .await?;
        }
        if let Some(visa) = &$r.visa {
            sqlx::query(
                "INSERT INTO visa_requests (registration_id, passport_name, nationality, passport_number, \
                 date_of_birth) VALUES ($1, $2, $3, $4, $5)",
            )
            .bind($id)
            .bind(visa.passport_name.as_str())
            .bind(visa.nationality.as_str())
            .bind(visa.passport_number.as_str())
            .bind(visa.date_of_birth)
            .execute(&mut *$tx)
            .await?;
        }
        let chosen: Vec<String> = $r.sessions.iter().map(|s| s.as_str().to_owned()).collect();
        let current: Vec<(i64, String, bool)> = if $fresh {
            vec![]
        } else {
            sqlx::query_as(
                "SELECT s.id, s.slug, rs.held FROM registration_sessions rs JOIN sessions s ON s.id = rs.session_id \
                 WHERE rs.registration_id = $1 ORDER BY s.id",
            )
            .bind($id)
            .fetch_all(&mut *$tx)
            .await?
        };
        for (session, slug, held) in &current {
            if !chosen.contains(slug) {
                if *held {
                    sqlx::query("UPDATE sessions SET taken = taken - 1 WHERE id = $1")
                        .bind(session)
                        .execute(&mut *$tx)
                        .await?;
                    freed.push(*session);
                }
                sqlx::query("DELETE FROM registration_sessions WHERE registration_id = $1 AND session_id = $2")
                    .bind($id)
                    .bind(session)
                    .execute(&mut *$tx)
                    .await?;
            }
        }
        for slug in &chosen {
            if !current.iter().any(|(_, s, _)| s == slug) {
                sqlx::query(
                    "INSERT INTO registration_sessions (registration_id, session_id, held, chosen_at) \
                     SELECT $1, id, FALSE, $2 FROM sessions WHERE conference_id = $3 AND slug = $4",
                )
                .bind($id)
                .bind($now)
                .bind($conference)
                .bind(slug)
                .execute(&mut *$tx)
                .await?;
            }
        }
        freed
    }};
}

/// The id of the conference `$slug`, its row locked for the transaction
/// `$tx` (a no-op UPDATE; on SQLite, writers are serialised already), or
/// `None`. Writers that read, then write a conference's things (a free
/// slug for a session, room, person or track; its questions) take their
/// turn with it, so two cannot pick the same slug or lose each other's change.
macro_rules! locked_conference {
    ($tx:ident, $slug:expr) => {{
        let id: Option<i64> = sqlx::query_scalar(
            "UPDATE conferences SET updated_at = updated_at WHERE slug = $1 RETURNING id",
        )
        .bind($slug)
        .fetch_optional(&mut *$tx)
        .await?;
        id
    }};
}

/// Locks the conference's row (a no-op UPDATE; on SQLite, BEGIN IMMEDIATE
/// has serialised writers already) and reads its mode and title.
macro_rules! lock_conference {
    ($tx:ident, $conference:expr) => {{
        let (mode, title): (String, String) = sqlx::query_as(
            "UPDATE conferences SET confirmed_count = confirmed_count WHERE id = $1 \
             RETURNING registration_mode, title",
        )
        .bind($conference)
        .fetch_one(&mut *$tx)
        .await?;
        let mode = RegistrationMode::parse(&mode)
            .ok_or_else(|| StoreError::Corrupt(format!("registration mode {mode:?}")))?;
        (mode, title)
    }};
}

/// The registration whose `$column` is `$key` (a link's hash, or `id`),
/// locked for a transition in the transaction `$tx`, as it stands once
/// locked: `None` when there is none. Every transition of a registration
/// starts here. The conference's row is locked first, as by every writer
/// of registrations (one lock order), and the registration is read again
/// after: a transition that got there first has committed by then, so a
/// second click, or a staff action on the same registration at the same
/// moment, sees what the first did instead of the state both started from.
macro_rules! lock_registration {
    ($tx:ident, $column:literal, $key:expr) => {{
        let found: Option<i64> = sqlx::query_scalar(concat!(
            "SELECT conference_id FROM registrations WHERE ",
            $column,
            " = $1"
        ))
        .bind($key)
        .fetch_optional(&mut *$tx)
        .await?;
        match found {
            None => None,
            Some(conference_id) => {
                let (mode, title) = lock_conference!($tx, conference_id);
                let row: Option<CurrentRow> = sqlx::query_as(concat!(
                    "SELECT id, conference_id, status, email, lang, verify_expires_at \
                     FROM registrations WHERE ",
                    $column,
                    " = $1"
                ))
                .bind($key)
                .fetch_optional(&mut *$tx)
                .await?;
                match row {
                    None => None,
                    Some(row) => Some(Current {
                        id: row.id,
                        conference_id: row.conference_id,
                        status: Status::parse(&row.status).ok_or_else(|| {
                            StoreError::Corrupt(format!("status {:?}", row.status))
                        })?,
                        email: row.email,
                        lang: row.lang,
                        verify_expires_at: row.verify_expires_at,
                        mode,
                        title,
                    }),
                }
            }
        }
    }};
}
