//! Data for the benchmark (`bench/run`), written in bulk: conferences with
//! agendas of a given size, tens of thousands of registrations, queued
//! mail. Only `convene seed bench` calls these; the site never does.

use super::{Store, StoreError};
use chrono::{DateTime, Utc};
use serde_json::json;

/// Generated registrations stored at once, per statement.
const CHUNK: i64 = 5_000;

impl Store {
    /// Adds `count` registrations to `conference`, made up from their
    /// number (delegate-17@bench.example.org): confirmed but every tenth
    /// waiting, in the eight categories and five countries, and counted
    /// in the conference's confirmed seats. `false` when there is no
    /// such conference.
    pub async fn add_generated_registrations(
        &self,
        conference: &str,
        count: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let done = in_write!(self, |tx| {
            let id: Option<i64> = sqlx::query_scalar("SELECT id FROM conferences WHERE slug = $1")
                .bind(conference)
                .fetch_optional(&mut *tx)
                .await?;
            match id {
                None => false,
                Some(id) => {
                    let first: i64 = sqlx::query_scalar(
                        "SELECT CAST(COUNT(*) AS BIGINT) FROM registrations WHERE conference_id = $1",
                    )
                    .bind(id)
                    .fetch_one(&mut *tx)
                    .await?;
                    let mut from = first;
                    while from < first + count {
                        let to = (from + CHUNK).min(first + count);
                        // One statement a chunk: the numbers from a recursive
                        // query, the same SQL on both databases.
                        sqlx::query(
                            "WITH RECURSIVE n(i) AS (SELECT CAST($2 AS BIGINT) + 1 UNION ALL \
                             SELECT i + 1 FROM n WHERE i < $3) \
                             INSERT INTO registrations (conference_id, email, email_key, given_name, \
                             family_name, organisation, city, country, category, lang, status, \
                             manage_token_hash, waiting_since, created_at, updated_at, languages, search_text, pass_code) \
                             SELECT $1, 'delegate-' || i || '@bench.example.org', \
                             'delegate-' || i || '@bench.example.org', 'Delegate', 'Number ' || i, \
                             'City of ' || (i % 500), 'Town ' || (i % 500), \
                             CASE i % 5 WHEN 0 THEN 'BE' WHEN 1 THEN 'LB' WHEN 2 THEN 'FR' WHEN 3 THEN 'MA' ELSE 'TN' END, \
                             CASE i % 8 WHEN 0 THEN 'mayor_or_governor' WHEN 1 THEN 'local_or_regional_government' \
                             WHEN 2 THEN 'national_government' WHEN 3 THEN 'international_organisation' \
                             WHEN 4 THEN 'civil_society' WHEN 5 THEN 'academia' WHEN 6 THEN 'private_sector' \
                             ELSE 'press' END, \
                             'en', CASE WHEN i % 10 = 0 THEN 'waiting' ELSE 'confirmed' END, \
                             'bench-' || $1 || '-' || i, CASE WHEN i % 10 = 0 THEN $4 END, $4, $4, 'en', \
                             'delegate number ' || i || ' delegate-' || i || '@bench.example.org city of ' \
                             || (i % 500) || ' town ' || (i % 500), \
                             CAST(100000000000 + $1 * 1000000 + i AS TEXT) \
                             FROM n",
                        )
                        .bind(id)
                        .bind(from)
                        .bind(to)
                        .bind(now)
                        .execute(&mut *tx)
                        .await?;
                        from = to;
                    }
                    sqlx::query(
                        "UPDATE conferences SET confirmed_count = \
                         (SELECT COUNT(*) FROM registrations WHERE conference_id = $1 AND status = 'confirmed') \
                         WHERE id = $1",
                    )
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    true
                }
            }
        });
        Ok(done)
    }

    /// Queues `count` messages from the organisers, due now, each to its
    /// own address at `domain` (mail-17@bench.example.org).
    pub async fn queue_generated_mail(
        &self,
        count: u32,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        in_write!(self, |tx| {
            for n in 0..count {
                let payload = json!({
                    "conference": "Benchmark",
                    "name": format!("Delegate {n}"),
                    "subject": "The programme is online",
                    "body": "Dear {name}, the programme of {conference} is online.",
                });
                let recipient = format!("mail-{n}@bench.example.org");
                queue!(
                    tx,
                    crate::mail::MailKind::Message,
                    None::<i64>,
                    &recipient,
                    "en",
                    payload,
                    now
                );
            }
        });
        Ok(())
    }
}
