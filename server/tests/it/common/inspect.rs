//! What only the tests read from the store, or set in it: the whole outbox,
//! a conference's or a session's places set without its settings form,
//! no news (for tests that count posts from none), and the count of kept
//! files.
//! Kept here, beside the tests, so that the store offers the program only
//! what the program does. Writes go through the writing connection (the
//! SQLite readers cannot write).

use convene::store::Store;

/// Runs the same body with the store's reading pool, whichever it is.
macro_rules! reading {
    ($store:expr, |$pool:ident| $body:expr) => {
        match $store {
            Store::Sqlite { pool: $pool, .. } => $body,
            Store::Postgres($pool) => $body,
        }
    };
}

/// Runs the same body with the store's writing pool, whichever it is.
macro_rules! writing {
    ($store:expr, |$pool:ident| $body:expr) => {
        match $store {
            Store::Sqlite { writer: $pool, .. } => $body,
            Store::Postgres($pool) => $body,
        }
    };
}

type Outbox = Vec<(String, String, serde_json::Value)>;

pub(crate) trait Inspect {
    /// Every message of the outbox (kind, recipient, payload), oldest first.
    async fn outbox(&self) -> Result<Outbox, sqlx::Error>;
    /// How many messages are in each state, by state.
    async fn outbox_states(&self) -> Result<Vec<(String, i64)>, sqlx::Error>;
    /// Limits a conference to `capacity` confirmed registrations.
    async fn set_capacity(
        &self,
        conference: &str,
        capacity: Option<u32>,
    ) -> Result<(), sqlx::Error>;
    /// Limits a session to `seats`; whether there is such a session.
    async fn set_session_seats(
        &self,
        conference: &str,
        session: &str,
        seats: Option<u32>,
    ) -> Result<bool, sqlx::Error>;
    /// Removes every post (the demo's too).
    async fn clear_news(&self) -> Result<(), sqlx::Error>;
    /// How many files are kept.
    async fn file_count(&self) -> Result<i64, sqlx::Error>;
    /// Every check-in row (undone ones too), as (registration, desk, undone).
    async fn check_in_rows(&self) -> Result<Vec<(i64, String, bool)>, sqlx::Error>;
    /// The pass code of registration `id`, as stored.
    async fn pass_code_of(&self, id: i64) -> Result<Option<String>, sqlx::Error>;
    /// Moves conference `slug` a year ahead of today (same length), so
    /// that the housekeeping keeps its passport details.
    async fn move_to_next_year(&self, slug: &str) -> Result<(), sqlx::Error>;
    /// How many sessions the registration of `email` starred.
    async fn stars_of(&self, email: &str) -> Result<i64, sqlx::Error>;
    /// Stars whose session or registration is gone (a recount: none).
    async fn orphan_stars(&self) -> Result<i64, sqlx::Error>;
}

impl Inspect for Store {
    async fn outbox(&self) -> Result<Outbox, sqlx::Error> {
        let rows: Vec<(String, String, String)> = reading!(self, |pool| {
            sqlx::query_as("SELECT kind, recipient, payload FROM outbox ORDER BY id")
                .fetch_all(pool)
                .await?
        });
        Ok(rows
            .into_iter()
            .map(|(kind, to, payload)| {
                let payload = serde_json::from_str(&payload).expect("a payload is JSON");
                (kind, to, payload)
            })
            .collect())
    }

    async fn outbox_states(&self) -> Result<Vec<(String, i64)>, sqlx::Error> {
        reading!(self, |pool| {
            sqlx::query_as("SELECT state, COUNT(*) FROM outbox GROUP BY state ORDER BY state")
                .fetch_all(pool)
                .await
        })
    }

    async fn set_capacity(
        &self,
        conference: &str,
        capacity: Option<u32>,
    ) -> Result<(), sqlx::Error> {
        let capacity = capacity.map(|c| i32::try_from(c).unwrap_or(i32::MAX));
        writing!(self, |pool| {
            sqlx::query("UPDATE conferences SET capacity = $1 WHERE slug = $2")
                .bind(capacity)
                .bind(conference)
                .execute(pool)
                .await
                .map(|_| ())
        })
    }

    async fn set_session_seats(
        &self,
        conference: &str,
        session: &str,
        seats: Option<u32>,
    ) -> Result<bool, sqlx::Error> {
        let seats = seats.map(|c| i32::try_from(c).unwrap_or(i32::MAX));
        let updated = writing!(self, |pool| {
            sqlx::query(
                "UPDATE sessions SET seats = $1 WHERE slug = $2 AND conference_id = \
                 (SELECT id FROM conferences WHERE slug = $3)",
            )
            .bind(seats)
            .bind(session)
            .bind(conference)
            .execute(pool)
            .await?
            .rows_affected()
        });
        Ok(updated == 1)
    }

    async fn clear_news(&self) -> Result<(), sqlx::Error> {
        writing!(self, |pool| {
            sqlx::query("DELETE FROM posts")
                .execute(pool)
                .await
                .map(|_| ())
        })
    }

    async fn file_count(&self) -> Result<i64, sqlx::Error> {
        reading!(self, |pool| {
            sqlx::query_scalar("SELECT COUNT(*) FROM files")
                .fetch_one(pool)
                .await
        })
    }

    async fn check_in_rows(&self) -> Result<Vec<(i64, String, bool)>, sqlx::Error> {
        reading!(self, |pool| {
            sqlx::query_as(
                "SELECT registration_id, desk, undone_at IS NOT NULL FROM check_ins ORDER BY id",
            )
            .fetch_all(pool)
            .await
        })
    }

    async fn move_to_next_year(&self, slug: &str) -> Result<(), sqlx::Error> {
        let (starts, ends): (chrono::NaiveDate, chrono::NaiveDate) = reading!(self, |pool| {
            sqlx::query_as("SELECT starts_on, ends_on FROM conferences WHERE slug = $1")
                .bind(slug)
                .fetch_one(pool)
                .await?
        });
        let new_start = chrono::Utc::now().date_naive() + chrono::Days::new(365);
        let new_end = new_start + (ends - starts);
        writing!(self, |pool| {
            sqlx::query("UPDATE conferences SET starts_on = $1, ends_on = $2 WHERE slug = $3")
                .bind(new_start)
                .bind(new_end)
                .bind(slug)
                .execute(pool)
                .await
                .map(|_| ())
        })
    }

    async fn pass_code_of(&self, id: i64) -> Result<Option<String>, sqlx::Error> {
        reading!(self, |pool| {
            sqlx::query_scalar("SELECT pass_code FROM registrations WHERE id = $1")
                .bind(id)
                .fetch_one(pool)
                .await
        })
    }

    async fn stars_of(&self, email: &str) -> Result<i64, sqlx::Error> {
        reading!(self, |pool| {
            sqlx::query_scalar(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM stars t JOIN registrations r ON r.id = t.registration_id \
                 WHERE r.email = $1",
            )
            .bind(email)
            .fetch_one(pool)
            .await
        })
    }

    async fn orphan_stars(&self) -> Result<i64, sqlx::Error> {
        reading!(self, |pool| {
            sqlx::query_scalar(
                "SELECT CAST(COUNT(*) AS BIGINT) FROM stars t \
                 WHERE NOT EXISTS (SELECT 1 FROM sessions s WHERE s.id = t.session_id) \
                 OR NOT EXISTS (SELECT 1 FROM registrations r WHERE r.id = t.registration_id)",
            )
            .fetch_one(pool)
            .await
        })
    }
}
