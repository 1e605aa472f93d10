//! Reminders before a conference: 7 days before, then the day before, in
//! the venue's calendar, to every confirmed delegate, each once. The mail
//! worker asks for them every minute; a server that was down on the day
//! sends the one still due when it is back (and only the nearest: who has
//! a day left is not told "in 7 days").

use super::tx::title_in;
use super::{Store, StoreError};
use crate::registration::Status;
use crate::zone::VenueZone;
use chrono::{DateTime, NaiveDate, Utc};
use serde_json::json;

/// How many days before the first day reminders go out, farthest first.
pub const REMINDER_DAYS: [i64; 2] = [7, 1];

/// The reminder due `days_left` days before a conference: the nearest
/// step at or above it; none on the day itself or after, nor more than a
/// week before.
pub fn reminder_step(days_left: i64) -> Option<i64> {
    if days_left < 1 {
        return None;
    }
    REMINDER_DAYS
        .iter()
        .rev()
        .copied()
        .find(|step| days_left <= *step)
}

impl Store {
    /// Queues the reminders due at `now`; how many.
    pub async fn queue_reminders(&self, now: DateTime<Utc>) -> Result<usize, StoreError> {
        let farthest = REMINDER_DAYS[0];
        let soon: Vec<(i64, NaiveDate, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT id, starts_on, time_zone FROM conferences WHERE published AND starts_on > $1 AND starts_on <= $2"
        )
        .bind(now.date_naive() - chrono::Duration::days(1))
        .bind(now.date_naive() + chrono::Duration::days(farthest + 1))
        .fetch_all(pool)
        .await?
        });
        let mut queued = 0;
        for (conference, starts_on, zone) in soon {
            let Ok(zone) = VenueZone::parse(&zone) else {
                continue;
            };
            let days_left = (starts_on - zone.day_of(now)).num_days();
            let Some(step) = reminder_step(days_left) else {
                continue;
            };
            queued += in_write!(self, |tx| {
                let title: String = sqlx::query_scalar(
                    "UPDATE conferences SET confirmed_count = confirmed_count WHERE id = $1 RETURNING title",
                )
                .bind(conference)
                .fetch_one(&mut *tx)
                .await?;
                let due: Vec<(i64, String, String)> = sqlx::query_as(
                    "SELECT id, email, lang FROM registrations WHERE conference_id = $1 AND status = $2 \
                     AND (reminded_days IS NULL OR reminded_days > $3)",
                )
                .bind(conference)
                .bind(Status::Confirmed.code())
                .bind(step as i32)
                .fetch_all(&mut *tx)
                .await?;
                for (id, email, lang) in &due {
                    let payload = json!({
                        "conference": title_in(&title, lang)?,
                        "days": days_left,
                    });
                    queue!(
                        tx,
                        crate::mail::MailKind::Reminder,
                        *id,
                        email,
                        lang,
                        payload,
                        now
                    );
                    event!(
                        tx,
                        *id,
                        None::<i64>,
                        crate::desk::EventAction::Reminded,
                        now
                    );
                }
                sqlx::query(
                    "UPDATE registrations SET reminded_days = $1 WHERE conference_id = $2 AND status = $3 \
                     AND (reminded_days IS NULL OR reminded_days > $1)",
                )
                .bind(step as i32)
                .bind(conference)
                .bind(Status::Confirmed.code())
                .execute(&mut *tx)
                .await?;
                due.len()
            });
        }
        Ok(queued)
    }
}

#[cfg(test)]
mod tests {
    use super::reminder_step;

    #[test]
    fn the_nearest_reminder_is_due() {
        assert_eq!(reminder_step(8), None);
        assert_eq!(reminder_step(7), Some(7));
        assert_eq!(reminder_step(3), Some(7));
        assert_eq!(reminder_step(1), Some(1));
        assert_eq!(reminder_step(0), None, "not on the day");
        assert_eq!(reminder_step(-2), None);
    }
}
