//! The demo's delegates (`demo/delegates.json`): stored through the same
//! steps as a real delegate's (registered, address confirmed, decided,
//! letter issued, checked in at the desks), each at its moment of 2017, so
//! that the back office of a new demo shows a conference that happened:
//! its badges, its counts at the door, its papers and their verification.
//! The messages those steps queued are dropped: they were never to be
//! sent (and they hold links).

use super::{Holder, Store, StoreError, Whom};
use crate::demo::DemoDelegate;
use crate::registration::NewRegistration;

/// Where the queued messages' links would point; they are dropped.
const NOWHERE: &str = "http://demo.invalid";

impl Store {
    /// Stores the demo delegates into a database that has the demo
    /// conferences and no registration yet: how many were stored.
    pub async fn seed_demo_delegates(&self) -> Result<usize, StoreError> {
        let registered: i64 = on_pool!(self, |pool| {
            sqlx::query_scalar("SELECT CAST(COUNT(*) AS BIGINT) FROM registrations")
                .fetch_one(pool)
                .await?
        });
        if registered > 0 {
            return Ok(0);
        }
        let delegates = crate::demo::delegates();
        for delegate in &delegates {
            self.seed_delegate(delegate).await?;
        }
        in_write!(self, |tx| {
            sqlx::query("DELETE FROM outbox").execute(&mut *tx).await?;
        });
        Ok(delegates.len())
    }

    async fn seed_delegate(&self, d: &DemoDelegate) -> Result<(), StoreError> {
        let slug = d.conference.as_str();
        let corrupt =
            |what: String| StoreError::Corrupt(format!("demo delegate {}: {what}", d.form.email));
        let setup = self
            .form_setup(slug, None, d.registered)
            .await?
            .ok_or_else(|| corrupt("no such conference".into()))?;
        let registration =
            NewRegistration::parse(&d.form, &setup).map_err(|e| corrupt(format!("{e:?}")))?;
        self.submit_registration(slug, &registration, None, d.lang, NOWHERE, d.registered)
            .await?;
        // The verification link, from the message just queued.
        let (id, link): (i64, String) = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT o.registration_id, o.payload FROM outbox o WHERE o.recipient = $1 \
                 AND o.kind = 'verification' ORDER BY o.id DESC LIMIT 1",
            )
            .bind(registration.email.as_str())
            .fetch_one(pool)
            .await?
        });
        let payload: serde_json::Value =
            serde_json::from_str(&link).map_err(|e| corrupt(e.to_string()))?;
        let token = payload["link"]
            .as_str()
            .and_then(|link| link.rsplit('/').next())
            .ok_or_else(|| corrupt("no verification link".into()))?;
        let confirmed = d.registered + chrono::Duration::minutes(7);
        self.verify_registration(token, NOWHERE, confirmed).await?;
        if let Some(decision) = &d.decision {
            self.decide_registration(
                id,
                decision.approve,
                None,
                decision.reason.as_deref(),
                NOWHERE,
                decision.at,
            )
            .await?;
        }
        if let Some(at) = d.letter {
            let holder = Holder::Staff {
                conference: slug,
                id,
            };
            self.issue_paper(holder, crate::papers::PaperKind::Letter, None, at)
                .await?;
        }
        for arrival in &d.checked_in {
            let desk = crate::onsite::DeskName::parse(&arrival.desk);
            self.check_in(slug, Whom::Registration(id), &desk, None, arrival.at)
                .await?;
        }
        Ok(())
    }
}
