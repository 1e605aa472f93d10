//! The public list of participants: who is on it, and the organisers'
//! choice of categories.

use super::{Store, StoreError};
use crate::participants::{ListedCategories, Participant, ParticipantFilter, ParticipantPage};
use crate::registration::Category;
use chrono::{DateTime, Utc};

fn categories(stored: &str) -> Result<ListedCategories, StoreError> {
    let codes: Vec<String> = super::from_json("listed categories", stored)?;
    Ok(ListedCategories(
        codes.iter().filter_map(|c| Category::parse(c)).collect(),
    ))
}

impl Store {
    /// The categories conference `slug`'s list shows, published or not;
    /// `None` if there is no such conference.
    pub async fn listed_categories(
        &self,
        slug: &str,
    ) -> Result<Option<ListedCategories>, StoreError> {
        let stored: Option<String> = on_pool!(self, |pool| {
            sqlx::query_scalar("SELECT listed_categories FROM conferences WHERE slug = $1")
                .bind(slug)
                .fetch_optional(pool)
                .await?
        });
        stored.as_deref().map(categories).transpose()
    }

    /// How many confirmed delegates of conference `slug` agreed to be
    /// listed, per category (for the organisers' choice).
    pub async fn agreed_to_be_listed(
        &self,
        slug: &str,
    ) -> Result<Vec<(Category, u32)>, StoreError> {
        let rows: Vec<(String, i64)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT r.category, COUNT(*) FROM registrations r \
                 JOIN conferences c ON c.id = r.conference_id \
                 WHERE c.slug = $1 AND r.status = 'confirmed' AND r.listed \
                 GROUP BY r.category",
            )
            .bind(slug)
            .fetch_all(pool)
            .await?
        });
        Ok(rows
            .into_iter()
            .filter_map(|(c, n)| Some((Category::parse(&c)?, u32::try_from(n).ok()?)))
            .collect())
    }

    /// Sets the categories conference `slug`'s list shows (in the audit
    /// log); `false` if there is no such conference.
    pub async fn set_listed_categories(
        &self,
        slug: &str,
        listed: &ListedCategories,
        account: i64,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let codes: Vec<&str> = listed.0.iter().map(|c| c.code()).collect();
        let stored =
            serde_json::to_string(&codes).map_err(|e| StoreError::Corrupt(e.to_string()))?;
        Ok(in_write!(self, |tx| {
            let conference = locked_conference!(tx, slug);
            match conference {
                None => false,
                Some(id) => {
                    sqlx::query("UPDATE conferences SET listed_categories = $1 WHERE id = $2")
                        .bind(&stored)
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    let detail = if codes.is_empty() {
                        "-".to_owned()
                    } else {
                        codes.join(", ")
                    };
                    audit!(
                        tx,
                        Some(id),
                        Some(account),
                        crate::desk::AuditAction::ParticipantListChanged,
                        &detail,
                        now
                    );
                    true
                }
            }
        }))
    }

    /// The page `filter` asks for of published conference `slug`'s list;
    /// `None` if there is no such conference or it shows no list.
    pub async fn participants(
        &self,
        slug: &str,
        filter: &ParticipantFilter,
    ) -> Result<Option<ParticipantPage>, StoreError> {
        let stored: Option<(i64, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
                "SELECT id, listed_categories FROM conferences WHERE slug = $1 AND published",
            )
            .bind(slug)
            .fetch_optional(pool)
            .await?
        });
        let Some((id, stored)) = stored else {
            return Ok(None);
        };
        let listed = categories(&stored)?;
        if !listed.any() {
            return Ok(None);
        }
        // Everyone listed, then searched here: the search never looks at
        // an email, which the desk's search text holds.
        let rows: Vec<(String, String, Option<String>, String, String, String)> = on_pool!(
            self,
            |pool| {
                sqlx::query_as(
                    "SELECT given_name, family_name, job_title, organisation, country, category \
                     FROM registrations WHERE conference_id = $1 AND status = 'confirmed' AND listed \
                     ORDER BY id",
                )
                .bind(id)
                .fetch_all(pool)
                .await?
            }
        );
        let mut people: Vec<Participant> = rows
            .into_iter()
            .filter_map(
                |(given_name, family_name, function, organisation, country, category)| {
                    let category = Category::parse(&category)?;
                    listed.has(category).then_some(Participant {
                        given_name,
                        family_name,
                        function: function.unwrap_or_default(),
                        organisation,
                        country,
                        category,
                    })
                },
            )
            .collect();
        // Sorted here, not by the database: the two sort names by
        // different rules.
        people.sort_by_cached_key(|p| crate::desk::search_text(&[&p.family_name, &p.given_name]));
        Ok(Some(ParticipantPage::of(people, listed.0, filter)))
    }
}
