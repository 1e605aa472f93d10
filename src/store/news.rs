//! Posts: written in the back office, read by the public site once their
//! time has come (a draft has none; a scheduled post appears by itself,
//! as the clock passes its `publish_at`, with nothing to run).

use super::{from_json, json, slug, Created, Store, StoreError};
use crate::conference::Topic;
use crate::news::{Post, PostEdit, PostKind, PER_PAGE};
use chrono::{DateTime, Utc};

#[derive(sqlx::FromRow)]
struct PostRow {
    id: i64,
    slug: String,
    kind: String,
    kind_label: Option<String>,
    title: String,
    teaser: String,
    body: String,
    conference: Option<String>,
    publish_at: Option<DateTime<Utc>>,
    updated_at: DateTime<Utc>,
}

const POST_COLUMNS: &str = "p.id, p.slug, p.kind, p.kind_label, p.title, p.teaser, p.body, \
     c.slug AS conference, p.publish_at, p.updated_at";

impl Store {
    /// Stores a new post, its address made from its original title when
    /// none was typed; `SlugTaken` when the typed one is another post's,
    /// `NotFound` when its conference does not exist.
    pub async fn create_post(
        &self,
        post: &PostEdit,
        account: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<Created, StoreError> {
        let (Some(title), Some(teaser), Some(body)) = (post.title(), post.teaser(), post.body())
        else {
            return Err(StoreError::Corrupt("a post without a text".into()));
        };
        let created = in_write!(self, |tx| {
            let conference: Option<i64> = match &post.conference {
                None => None,
                Some(c) => {
                    let id: Option<i64> =
                        sqlx::query_scalar("SELECT id FROM conferences WHERE slug = $1")
                            .bind(c.as_str())
                            .fetch_optional(&mut *tx)
                            .await?;
                    match id {
                        Some(id) => Some(id),
                        None => return Ok(Created::NotFound),
                    }
                }
            };
            // Two posts written at once with the same title must not pick
            // the same free address: on PostgreSQL they take turns here
            // (SQLite's writers take turns already).
            if matches!(self, Store::Postgres(_)) {
                sqlx::query("LOCK TABLE posts IN SHARE ROW EXCLUSIVE MODE")
                    .execute(&mut *tx)
                    .await?;
            }
            let wanted = match &post.slug {
                Some(typed) => typed.clone(),
                None => crate::slug::Slug::from_title(title.get(title.original), "post"),
            };
            // Only the addresses it could clash with: itself, numbered.
            let taken: Vec<String> =
                sqlx::query_scalar("SELECT slug FROM posts WHERE slug = $1 OR slug LIKE $2")
                    .bind(wanted.as_str())
                    .bind(format!("{}-%", wanted.as_str()))
                    .fetch_all(&mut *tx)
                    .await?;
            let address = match &post.slug {
                Some(typed) if taken.iter().any(|t| t == typed.as_str()) => {
                    return Ok(Created::SlugTaken)
                }
                Some(typed) => typed.clone(),
                None => super::agenda_edit::free_slug(wanted, &taken),
            };
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO posts (slug, kind, kind_label, conference_id, title, teaser, body, \
                 publish_at, created_at, updated_at, account_id) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) RETURNING id",
            )
            .bind(address.as_str())
            .bind(post.kind.code())
            .bind(post.kind_label.as_deref())
            .bind(conference)
            .bind(json(&title))
            .bind(json(&teaser))
            .bind(json(&body))
            .bind(post.publish_at)
            .bind(now)
            .bind(account)
            .fetch_one(&mut *tx)
            .await?;
            set_topics!(
                tx,
                "post_topics",
                "post_id",
                id,
                &post.topics,
                title.original
            );
            Created::Created
        });
        Ok(created)
    }

    /// The posts whose time has come, newest first, under the topic
    /// `topic` (or all): page `page` (from 1) of [`PER_PAGE`], and whether
    /// older ones follow.
    pub async fn published_posts(
        &self,
        topic: Option<&str>,
        now: DateTime<Utc>,
        page: u32,
    ) -> Result<(Vec<Post>, bool), StoreError> {
        let offset = i64::from(page.max(1) - 1) * i64::from(PER_PAGE);
        let sql = format!(
            "SELECT {POST_COLUMNS} FROM posts p LEFT JOIN conferences c ON c.id = p.conference_id \
             WHERE p.publish_at <= $1 AND ($2 IS NULL OR EXISTS (SELECT 1 FROM post_topics pt \
             JOIN topics t ON t.id = pt.topic_id WHERE pt.post_id = p.id AND t.slug = $2)) \
             ORDER BY p.publish_at DESC, p.id DESC LIMIT $3 OFFSET $4"
        );
        let rows: Vec<PostRow> = on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(now)
            .bind(topic)
            .bind(i64::from(PER_PAGE) + 1)
            .bind(offset)
            .fetch_all(pool)
            .await?);
        let more = rows.len() > PER_PAGE as usize;
        let rows: Vec<PostRow> = rows.into_iter().take(PER_PAGE as usize).collect();
        Ok((self.posts_of(rows).await?, more))
    }

    /// A post whose time has come, by its address.
    pub async fn post(
        &self,
        address: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Post>, StoreError> {
        let sql = format!(
            "SELECT {POST_COLUMNS} FROM posts p LEFT JOIN conferences c ON c.id = p.conference_id \
             WHERE p.slug = $1 AND p.publish_at <= $2"
        );
        let row: Option<PostRow> = on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(address)
            .bind(now)
            .fetch_optional(pool)
            .await?);
        Ok(self.posts_of(row.into_iter().collect()).await?.pop())
    }

    /// Rows as the public reads them, each with its topics (read for all
    /// of them in one query).
    async fn posts_of(&self, rows: Vec<PostRow>) -> Result<Vec<Post>, StoreError> {
        if rows.is_empty() {
            return Ok(vec![]);
        }
        let placeholders: Vec<String> = (1..=rows.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "SELECT pt.post_id, t.slug, t.name FROM post_topics pt \
             JOIN topics t ON t.id = pt.topic_id WHERE pt.post_id IN ({}) ORDER BY t.slug",
            placeholders.join(", ")
        );
        let topics: Vec<(i64, String, String)> = on_pool!(self, |pool| {
            let mut query = sqlx::query_as(&sql);
            for row in &rows {
                query = query.bind(row.id);
            }
            query.fetch_all(pool).await?
        });
        rows.into_iter()
            .map(|row| {
                let topics = topics
                    .iter()
                    .filter(|(post, _, _)| *post == row.id)
                    .map(|(_, topic, name)| {
                        Ok(Topic {
                            slug: slug(topic.clone())?,
                            name: from_json("topic name", name)?,
                        })
                    })
                    .collect::<Result<_, StoreError>>()?;
                post_of(row, topics)
            })
            .collect()
    }
}

/// A row as the public reads it.
fn post_of(row: PostRow, topics: Vec<Topic>) -> Result<Post, StoreError> {
    Ok(Post {
        slug: slug(row.slug)?,
        kind: PostKind::parse(&row.kind)
            .ok_or_else(|| StoreError::Corrupt(format!("post kind {:?}", row.kind)))?,
        kind_label: row.kind_label,
        title: from_json("post title", &row.title)?,
        teaser: from_json("post teaser", &row.teaser)?,
        body: from_json("post body", &row.body)?,
        conference: row.conference.map(slug).transpose()?,
        topics,
        published_at: row
            .publish_at
            .ok_or_else(|| StoreError::Corrupt("a published post without its time".into()))?,
        updated_at: row.updated_at,
    })
}
