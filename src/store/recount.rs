//! What must hold of the stored registrations whatever arrived at once,
//! recounted from the rows: `convene check` and the race tests ask it.
//! The counters the writers keep (`conferences.confirmed_count`,
//! `sessions.taken`) are what seats are handed out by, so a counter that
//! drifts from its rows gives seats that do not exist, or withholds some.

use super::{Store, StoreError};

impl Store {
    /// Every way the stored registrations break an invariant, in words; empty
    /// when all hold.
    pub async fn recount(&self) -> Result<Vec<String>, StoreError> {
        let (conferences, sessions, strays) = on_pool!(self, |pool| {
            let conferences: Vec<(String, i64, Option<i64>, i64)> = sqlx::query_as(
                "SELECT c.slug, CAST(c.confirmed_count AS BIGINT), CAST(c.capacity AS BIGINT), \
                 (SELECT COUNT(*) FROM registrations r WHERE r.conference_id = c.id AND r.status = 'confirmed') \
                 FROM conferences c ORDER BY c.slug",
            )
            .fetch_all(pool)
            .await?;
            let sessions: Vec<(String, String, i64, Option<i64>, i64)> = sqlx::query_as(
                "SELECT c.slug, s.slug, CAST(s.taken AS BIGINT), CAST(s.seats AS BIGINT), \
                 (SELECT COUNT(*) FROM registration_sessions rs WHERE rs.session_id = s.id AND rs.held) \
                 FROM sessions s JOIN conferences c ON c.id = s.conference_id ORDER BY c.slug, s.slug",
            )
            .fetch_all(pool)
            .await?;
            // Rows whose status contradicts what else is stored of them.
            let strays: Vec<(i64, String, String)> = sqlx::query_as(
                "SELECT r.id, r.status, 'holds a workshop seat' FROM registrations r \
                 WHERE r.status <> 'confirmed' AND EXISTS \
                   (SELECT 1 FROM registration_sessions rs WHERE rs.registration_id = r.id AND rs.held) \
                 UNION ALL SELECT r.id, r.status, 'has a place in line' FROM registrations r \
                 WHERE r.status <> 'waiting' AND r.waiting_since IS NOT NULL \
                 UNION ALL SELECT r.id, r.status, 'has no place in line' FROM registrations r \
                 WHERE r.status = 'waiting' AND r.waiting_since IS NULL \
                 UNION ALL SELECT r.id, r.status, 'keeps passport details' FROM registrations r \
                 WHERE r.status IN ('cancelled', 'rejected') AND EXISTS \
                   (SELECT 1 FROM visa_requests v WHERE v.registration_id = r.id) \
                 ORDER BY 1",
            )
            .fetch_all(pool)
            .await?;
            (conferences, sessions, strays)
        });
        let mut problems = vec![];
        for (slug, counted, capacity, confirmed) in conferences {
            if counted != confirmed {
                problems.push(format!(
                    "{slug}: the counter says {counted} confirmed, the rows {confirmed}"
                ));
            }
            if let Some(capacity) = capacity.filter(|capacity| confirmed > *capacity) {
                problems.push(format!(
                    "{slug}: {confirmed} confirmed for {capacity} places"
                ));
            }
        }
        for (conference, slug, taken, seats, held) in sessions {
            if taken != held {
                problems.push(format!(
                    "{conference}/{slug}: the counter says {taken} seats taken, the rows {held}"
                ));
            }
            if let Some(seats) = seats.filter(|seats| held > *seats) {
                problems.push(format!("{conference}/{slug}: {held} seats held of {seats}"));
            }
        }
        for (id, status, what) in strays {
            problems.push(format!("registration {id} is {status} but {what}"));
        }
        Ok(problems)
    }
}
