//! Posts: written in the back office, read by the public site once their
//! time has come (a draft has none; a scheduled post appears by itself,
//! as the clock passes its `publish_at`, with nothing to run).

use super::{from_json, json, slug, Store, StoreError};
use crate::conference::Topic;
use crate::desk::AuditAction;
use crate::documents::upload::Upload;
use crate::news::{Post, PostEdit, PostImage, PostKind, PostRecord, PER_PAGE};
use crate::scope::Scope;
use chrono::{DateTime, Utc};

/// What saving a post did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PostSaved {
    /// Saved, at this address.
    Saved(crate::Slug),
    /// Another post has the address typed.
    SlugTaken,
    /// No such post to change, or no such conference to put it under.
    NotFound,
}

/// A new post form's token (see [`PostEdit::token`]).
pub fn new_form_token() -> String {
    super::tx::new_token().0
}

/// The most posts the back office lists.
pub const DESK_POSTS: i64 = 200;

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
    image_hash: Option<String>,
    image_alt: Option<String>,
    image_type: Option<String>,
}

const POST_COLUMNS: &str = "p.id, p.slug, p.kind, p.kind_label, p.title, p.teaser, p.body, \
     c.slug AS conference, p.publish_at, p.updated_at, p.image_hash, p.image_alt, \
     f.content_type AS image_type";

/// Posts with their conference and their picture's file.
const POST_FROM: &str = "posts p LEFT JOIN conferences c ON c.id = p.conference_id \
     LEFT JOIN files f ON f.hash = p.image_hash";

/// What saving a post does to its picture.
#[derive(Clone, Copy, Debug)]
pub enum ImageChange<'a> {
    /// Keeps the one it has, if any.
    Keep,
    /// A new one, checked already: kept as a file.
    Set(&'a Upload),
    Remove,
}

impl Store {
    /// Stores a new post, its address made from its original title when
    /// none was typed.
    pub async fn create_post(
        &self,
        post: &PostEdit,
        image: ImageChange<'_>,
        account: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<PostSaved, StoreError> {
        self.save_post(None, post, image, account, now).await
    }

    /// Saves a post's changes (its address may change too: the old one
    /// then answers 404, as a removed post does).
    pub async fn update_post(
        &self,
        address: &str,
        post: &PostEdit,
        image: ImageChange<'_>,
        account: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<PostSaved, StoreError> {
        self.save_post(Some(address), post, image, account, now)
            .await
    }

    /// Creates (`existing` is `None`) or changes a post, with its audit
    /// entry, in one transaction.
    async fn save_post(
        &self,
        existing: Option<&str>,
        post: &PostEdit,
        image: ImageChange<'_>,
        account: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<PostSaved, StoreError> {
        let (Some(title), Some(teaser), Some(body)) = (post.title(), post.teaser(), post.body())
        else {
            return Err(StoreError::Corrupt("a post without a text".into()));
        };
        let saved = in_write!(self, |tx| {
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
                        None => return Ok(PostSaved::NotFound),
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
            // The same new post's form sent again: the post it wrote.
            if let (None, Some(token)) = (existing, &post.token) {
                let written: Option<String> =
                    sqlx::query_scalar("SELECT slug FROM posts WHERE form_token = $1")
                        .bind(token)
                        .fetch_optional(&mut *tx)
                        .await?;
                if let Some(written) = written {
                    return Ok(PostSaved::Saved(slug(written)?));
                }
            }
            // The post to change, and whether it was a draft.
            let (id, was_draft): (Option<i64>, bool) = match existing {
                None => (None, true),
                Some(address) => {
                    let row: Option<(i64, Option<DateTime<Utc>>)> =
                        sqlx::query_as("SELECT id, publish_at FROM posts WHERE slug = $1")
                            .bind(address)
                            .fetch_optional(&mut *tx)
                            .await?;
                    match row {
                        Some((id, at)) => (Some(id), at.is_none()),
                        None => return Ok(PostSaved::NotFound),
                    }
                }
            };
            let wanted = match (&post.slug, existing) {
                (Some(typed), _) => typed.clone(),
                (None, Some(address)) => slug(address.to_owned())?,
                (None, None) => crate::slug::Slug::from_title(title.get(title.original), "post"),
            };
            // Only the addresses it could clash with (itself, numbered),
            // the post's own apart.
            let taken: Vec<String> = sqlx::query_scalar(
                "SELECT slug FROM posts WHERE (slug = $1 OR slug LIKE $2) AND id <> $3",
            )
            .bind(wanted.as_str())
            .bind(format!("{}-%", wanted.as_str()))
            .bind(id.unwrap_or(-1))
            .fetch_all(&mut *tx)
            .await?;
            let address = match &post.slug {
                Some(typed) if taken.iter().any(|t| t == typed.as_str()) => {
                    return Ok(PostSaved::SlugTaken)
                }
                Some(typed) => typed.clone(),
                None if existing.is_some() => wanted,
                None => super::agenda_edit::free_slug(wanted, &taken),
            };
            let (id, action) = match id {
                None => {
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO posts (slug, kind, kind_label, conference_id, title, teaser, body, \
                         publish_at, created_at, updated_at, account_id, form_token) \
                         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10, $11) RETURNING id",
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
                    .bind(post.token.as_deref())
                    .fetch_one(&mut *tx)
                    .await?;
                    (id, AuditAction::PostWritten)
                }
                Some(id) => {
                    sqlx::query(
                        "UPDATE posts SET slug = $1, kind = $2, kind_label = $3, conference_id = $4, \
                         title = $5, teaser = $6, body = $7, publish_at = $8, updated_at = $9 \
                         WHERE id = $10",
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
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    (id, AuditAction::PostChanged)
                }
            };
            set_topics!(
                tx,
                "post_topics",
                "post_id",
                id,
                &post.topics,
                title.original
            );
            // The picture and its text: the text follows the form; the
            // file changes only when one was sent or taken away.
            let picture: Option<Option<&str>> = match image {
                ImageChange::Keep => None,
                ImageChange::Remove => Some(None),
                ImageChange::Set(upload) => {
                    keep_file!(tx, &upload.hash, upload.content_type, &upload.bytes, now);
                    Some(Some(upload.hash.as_str()))
                }
            };
            if let Some(hash) = picture {
                sqlx::query("UPDATE posts SET image_hash = $1 WHERE id = $2")
                    .bind(hash)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
            }
            sqlx::query("UPDATE posts SET image_alt = $1 WHERE id = $2")
                .bind(post.alt.as_ref().map(json))
                .bind(id)
                .execute(&mut *tx)
                .await?;
            sqlx::query("DELETE FROM post_documents WHERE post_id = $1")
                .bind(id)
                .execute(&mut *tx)
                .await?;
            for document in &post.documents {
                let inserted = sqlx::query(
                    "INSERT INTO post_documents (post_id, document_id) \
                     SELECT $1, id FROM documents WHERE slug = $2",
                )
                .bind(id)
                .bind(document.as_str())
                .execute(&mut *tx)
                .await?
                .rows_affected();
                if inserted == 0 {
                    // No such document: returning before the commit rolls
                    // the whole post back.
                    return Ok(PostSaved::NotFound);
                }
            }
            // Given a time for the first time: published (now or then).
            let action = match post.publish_at {
                Some(_) if was_draft => AuditAction::PostPublished,
                _ => action,
            };
            audit!(tx, conference, account, action, address.as_str(), now);
            PostSaved::Saved(address)
        });
        Ok(saved)
    }

    /// Removes a post (its address then answers 404); `false` when there
    /// is none.
    pub async fn delete_post(
        &self,
        address: &str,
        account: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let deleted = in_write!(self, |tx| {
            let conference: Option<Option<i64>> =
                sqlx::query_scalar("DELETE FROM posts WHERE slug = $1 RETURNING conference_id")
                    .bind(address)
                    .fetch_optional(&mut *tx)
                    .await?;
            match conference {
                Some(conference) => {
                    audit!(
                        tx,
                        conference,
                        account,
                        AuditAction::PostRemoved,
                        address,
                        now
                    );
                    true
                }
                None => false,
            }
        });
        Ok(deleted)
    }

    /// A post in whatever state (draft, scheduled, public), for the back
    /// office.
    pub async fn post_record(&self, address: &str) -> Result<Option<PostRecord>, StoreError> {
        let sql = format!(
            "SELECT {POST_COLUMNS} FROM {POST_FROM} \
             WHERE p.slug = $1"
        );
        let row: Option<PostRow> = on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(address)
            .fetch_optional(pool)
            .await?);
        Ok(self.records_of(row.into_iter().collect()).await?.pop())
    }

    /// The newest [`DESK_POSTS`] posts in whatever state, drafts and
    /// scheduled first, for the back office's list.
    pub async fn post_records(&self) -> Result<Vec<PostRecord>, StoreError> {
        let sql = format!(
            "SELECT {POST_COLUMNS} FROM {POST_FROM} \
             ORDER BY p.publish_at IS NULL DESC, p.publish_at DESC, p.id DESC LIMIT $1"
        );
        let rows: Vec<PostRow> = on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(DESK_POSTS)
            .fetch_all(pool)
            .await?);
        self.records_of(rows).await
    }

    /// The posts of `scope` whose time has come, newest first: page
    /// `page` (from 1) of [`PER_PAGE`], and whether older ones follow.
    pub async fn published_posts(
        &self,
        scope: &Scope,
        now: DateTime<Utc>,
        page: u32,
    ) -> Result<(Vec<Post>, bool), StoreError> {
        let offset = i64::from(page.max(1) - 1) * i64::from(PER_PAGE);
        let mut posts = self.newest_posts(scope, now, PER_PAGE + 1, offset).await?;
        let more = posts.len() > PER_PAGE as usize;
        posts.truncate(PER_PAGE as usize);
        Ok((posts, more))
    }

    /// At most `count` posts of `scope` whose time has come, newest first,
    /// skipping the `skip` newest.
    pub async fn newest_posts(
        &self,
        scope: &Scope,
        now: DateTime<Utc>,
        count: u32,
        skip: i64,
    ) -> Result<Vec<Post>, StoreError> {
        let sql = format!(
            "SELECT {POST_COLUMNS} FROM {POST_FROM} \
             WHERE p.publish_at <= $1 AND (p.conference_id IS NULL OR c.published) \
             AND ($2 IS NULL OR EXISTS (SELECT 1 FROM post_topics pt \
             JOIN topics t ON t.id = pt.topic_id WHERE pt.post_id = p.id AND t.slug = $2)) \
             AND ($3 IS NULL OR c.slug = $3) \
             ORDER BY p.publish_at DESC, p.id DESC LIMIT $4 OFFSET $5"
        );
        let rows: Vec<PostRow> = on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(now)
            .bind(scope.topic())
            .bind(scope.conference())
            .bind(i64::from(count))
            .bind(skip)
            .fetch_all(pool)
            .await?);
        self.posts_of(rows).await
    }

    /// A post whose time has come, by its address.
    pub async fn post(
        &self,
        address: &str,
        now: DateTime<Utc>,
    ) -> Result<Option<Post>, StoreError> {
        let sql = format!(
            "SELECT {POST_COLUMNS} FROM {POST_FROM} \
             WHERE p.slug = $1 AND p.publish_at <= $2 AND (p.conference_id IS NULL OR c.published)"
        );
        let row: Option<PostRow> = on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(address)
            .bind(now)
            .fetch_optional(pool)
            .await?);
        Ok(self.posts_of(row.into_iter().collect()).await?.pop())
    }

    /// The posts before and after `address` among those of `topic` (all
    /// when `None`) whose time has come: (older, newer), each its address
    /// and title.
    pub async fn post_neighbours(
        &self,
        address: &str,
        topic: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<
        (
            Option<(crate::Slug, crate::Localized)>,
            Option<(crate::Slug, crate::Localized)>,
        ),
        StoreError,
    > {
        let neighbour = |older: bool| {
            let (compare, order) = if older { ("<", "DESC") } else { (">", "ASC") };
            format!(
                "SELECT p.slug, p.title FROM posts p WHERE p.publish_at <= $1 \
                 AND (p.conference_id IS NULL OR EXISTS (SELECT 1 FROM conferences c \
                 WHERE c.id = p.conference_id AND c.published)) \
                 AND (p.publish_at, p.id) {compare} (SELECT publish_at, id FROM posts WHERE slug = $2) \
                 AND ($3 IS NULL OR EXISTS (SELECT 1 FROM post_topics pt JOIN topics t ON t.id = pt.topic_id \
                 WHERE pt.post_id = p.id AND t.slug = $3)) \
                 ORDER BY p.publish_at {order}, p.id {order} LIMIT 1"
            )
        };
        let mut found = vec![];
        for older in [true, false] {
            let sql = neighbour(older);
            let row: Option<(String, String)> = on_pool!(self, |pool| sqlx::query_as(&sql)
                .bind(now)
                .bind(address)
                .bind(topic)
                .fetch_optional(pool)
                .await?);
            found.push(
                row.map(|(s, title)| {
                    Ok::<_, StoreError>((slug(s)?, from_json("post title", &title)?))
                })
                .transpose()?,
            );
        }
        let newer = found.pop().flatten();
        let older = found.pop().flatten();
        Ok((older, newer))
    }

    /// Rows as the public reads them, each with its topics.
    async fn posts_of(&self, rows: Vec<PostRow>) -> Result<Vec<Post>, StoreError> {
        Ok(self
            .records_of(rows)
            .await?
            .into_iter()
            .map(|record| record.post)
            .collect())
    }

    /// Rows as the back office reads them, each with its topics (read for
    /// all of them in one query).
    async fn records_of(&self, rows: Vec<PostRow>) -> Result<Vec<PostRecord>, StoreError> {
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
        let sql = format!(
            "SELECT pd.post_id, d.slug FROM post_documents pd JOIN documents d \
             ON d.id = pd.document_id WHERE pd.post_id IN ({}) ORDER BY d.slug",
            placeholders.join(", ")
        );
        let documents: Vec<(i64, String)> = on_pool!(self, |pool| {
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
                let documents = documents
                    .iter()
                    .filter(|(post, _)| *post == row.id)
                    .map(|(_, document)| slug(document.clone()))
                    .collect::<Result<_, StoreError>>()?;
                record_of(row, topics, documents)
            })
            .collect()
    }
}

/// A row as the back office reads it.
fn record_of(
    row: PostRow,
    topics: Vec<Topic>,
    documents: Vec<crate::Slug>,
) -> Result<PostRecord, StoreError> {
    let post = Post {
        slug: slug(row.slug)?,
        kind: PostKind::parse(&row.kind)
            .ok_or_else(|| StoreError::Corrupt(format!("post kind {:?}", row.kind)))?,
        kind_label: row.kind_label,
        title: from_json("post title", &row.title)?,
        teaser: from_json("post teaser", &row.teaser)?,
        body: from_json("post body", &row.body)?,
        conference: row.conference.map(slug).transpose()?,
        topics,
        published_at: row.publish_at.unwrap_or(row.updated_at),
        updated_at: row.updated_at,
        image: match (row.image_hash, row.image_type, row.image_alt) {
            (Some(hash), Some(content_type), Some(alt)) => Some(PostImage {
                hash,
                content_type,
                alt: from_json("picture text", &alt)?,
            }),
            _ => None,
        },
    };
    Ok(PostRecord {
        post,
        publish_at: row.publish_at,
        documents,
    })
}
