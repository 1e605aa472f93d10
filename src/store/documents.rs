//! Outcome documents and the files they are made of. A file is kept once
//! per content (its SHA-256 is its key), in the database, so every
//! instance of a PostgreSQL deployment serves it. A document of an
//! unpublished conference is not public.

use super::{from_json, json, slug, Store, StoreError};
use crate::desk::AuditAction;
use crate::documents::upload::Upload;
use crate::documents::{Document, DocumentEdit, StoredFile};
use crate::i18n::{Lang, Localized};
use crate::scope::Scope;
use crate::Slug;
use chrono::{DateTime, NaiveDate, Utc};

/// What saving a document did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum DocumentSaved {
    /// Saved, at this address.
    Saved(Slug),
    /// Another document has the address typed.
    SlugTaken,
    /// No such document to change, or no such conference.
    NotFound,
}

#[derive(sqlx::FromRow)]
struct DocumentRow {
    id: i64,
    slug: String,
    title: String,
    adopted_on: NaiveDate,
    conference: Option<String>,
}

const DOCUMENT_COLUMNS: &str = "d.id, d.slug, d.title, d.adopted_on, c.slug AS conference";

/// Public: of no conference, or of a published one.
const PUBLIC: &str = "(d.conference_id IS NULL OR c.published)";

impl Store {
    /// Creates (`existing` is `None`) or changes a document, with the
    /// files given (each replaces its language's), and its audit entry,
    /// in one transaction.
    pub async fn save_document(
        &self,
        existing: Option<&str>,
        edit: &DocumentEdit,
        files: &[(Lang, Upload)],
        account: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<DocumentSaved, StoreError> {
        let saved = in_write!(self, |tx| {
            let conference: Option<i64> = match &edit.conference {
                None => None,
                Some(c) => {
                    let id: Option<i64> =
                        sqlx::query_scalar("SELECT id FROM conferences WHERE slug = $1")
                            .bind(c.as_str())
                            .fetch_optional(&mut *tx)
                            .await?;
                    match id {
                        Some(id) => Some(id),
                        None => return Ok(DocumentSaved::NotFound),
                    }
                }
            };
            // Two documents of one title at once must not pick the same
            // free address (SQLite's writers take turns already).
            if matches!(self, Store::Postgres(_)) {
                sqlx::query("LOCK TABLE documents IN SHARE ROW EXCLUSIVE MODE")
                    .execute(&mut *tx)
                    .await?;
            }
            let id: Option<i64> = match existing {
                None => None,
                Some(address) => {
                    let id: Option<i64> =
                        sqlx::query_scalar("SELECT id FROM documents WHERE slug = $1")
                            .bind(address)
                            .fetch_optional(&mut *tx)
                            .await?;
                    match id {
                        Some(id) => Some(id),
                        None => return Ok(DocumentSaved::NotFound),
                    }
                }
            };
            let wanted = match (&edit.slug, existing) {
                (Some(typed), _) => typed.clone(),
                (None, Some(address)) => slug(address.to_owned())?,
                (None, None) => Slug::from_title(edit.title.get(edit.title.original), "document"),
            };
            let taken: Vec<String> = sqlx::query_scalar(
                "SELECT slug FROM documents WHERE (slug = $1 OR slug LIKE $2) AND id <> $3",
            )
            .bind(wanted.as_str())
            .bind(format!("{}-%", wanted.as_str()))
            .bind(id.unwrap_or(-1))
            .fetch_all(&mut *tx)
            .await?;
            let address = match &edit.slug {
                Some(typed) if taken.iter().any(|t| t == typed.as_str()) => {
                    return Ok(DocumentSaved::SlugTaken)
                }
                Some(typed) => typed.clone(),
                None if existing.is_some() => wanted,
                None => super::agenda_edit::free_slug(wanted, &taken),
            };
            let (id, action) = match id {
                None => {
                    let id: i64 = sqlx::query_scalar(
                        "INSERT INTO documents (slug, title, adopted_on, conference_id, \
                         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5) RETURNING id",
                    )
                    .bind(address.as_str())
                    .bind(json(&edit.title))
                    .bind(edit.adopted_on)
                    .bind(conference)
                    .bind(now)
                    .fetch_one(&mut *tx)
                    .await?;
                    (id, AuditAction::DocumentAdded)
                }
                Some(id) => {
                    sqlx::query(
                        "UPDATE documents SET slug = $1, title = $2, adopted_on = $3, \
                         conference_id = $4, updated_at = $5 WHERE id = $6",
                    )
                    .bind(address.as_str())
                    .bind(json(&edit.title))
                    .bind(edit.adopted_on)
                    .bind(conference)
                    .bind(now)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    (id, AuditAction::DocumentChanged)
                }
            };
            for (lang, upload) in files {
                keep_file!(tx, &upload.hash, upload.content_type, &upload.bytes, now);
                sqlx::query(
                    "INSERT INTO document_files (document_id, lang, file_hash, name) \
                     VALUES ($1, $2, $3, $4) ON CONFLICT (document_id, lang) \
                     DO UPDATE SET file_hash = excluded.file_hash, name = excluded.name",
                )
                .bind(id)
                .bind(lang.code())
                .bind(&upload.hash)
                .bind(&upload.name)
                .execute(&mut *tx)
                .await?;
            }
            audit!(tx, conference, account, action, address.as_str(), now);
            DocumentSaved::Saved(address)
        });
        Ok(saved)
    }

    /// Removes a document (its files stay: another may share them);
    /// `false` when there is none.
    pub async fn delete_document(
        &self,
        address: &str,
        account: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let deleted = in_write!(self, |tx| {
            let conference: Option<Option<i64>> =
                sqlx::query_scalar("DELETE FROM documents WHERE slug = $1 RETURNING conference_id")
                    .bind(address)
                    .fetch_optional(&mut *tx)
                    .await?;
            match conference {
                Some(conference) => {
                    audit!(
                        tx,
                        conference,
                        account,
                        AuditAction::DocumentRemoved,
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

    /// The public documents of `scope` (a topic's: its conferences'),
    /// newest first.
    pub async fn documents(&self, scope: &Scope) -> Result<Vec<Document>, StoreError> {
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM documents d LEFT JOIN conferences c ON c.id = d.conference_id \
             WHERE {PUBLIC} AND ($1 IS NULL OR EXISTS (SELECT 1 FROM conference_topics ct \
             JOIN topics t ON t.id = ct.topic_id WHERE ct.conference_id = d.conference_id AND t.slug = $1)) \
             AND ($2 IS NULL OR c.slug = $2) ORDER BY d.adopted_on DESC, d.id DESC"
        );
        let rows: Vec<DocumentRow> = on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(scope.topic())
            .bind(scope.conference())
            .fetch_all(pool)
            .await?);
        self.documents_of(rows).await
    }

    /// Every document, public or not, for the back office.
    pub async fn all_documents(&self) -> Result<Vec<Document>, StoreError> {
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM documents d LEFT JOIN conferences c ON c.id = d.conference_id \
             ORDER BY d.adopted_on DESC, d.id DESC"
        );
        let rows: Vec<DocumentRow> =
            on_pool!(self, |pool| sqlx::query_as(&sql).fetch_all(pool).await?);
        self.documents_of(rows).await
    }

    /// A document by its address; `public`: only if the public may read it.
    pub async fn document(
        &self,
        address: &str,
        public: bool,
    ) -> Result<Option<Document>, StoreError> {
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM documents d LEFT JOIN conferences c ON c.id = d.conference_id \
             WHERE d.slug = $1 AND ($2 = FALSE OR {PUBLIC})"
        );
        let row: Option<DocumentRow> = on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(address)
            .bind(public)
            .fetch_optional(pool)
            .await?);
        Ok(self.documents_of(row.into_iter().collect()).await?.pop())
    }

    /// The public documents a post refers to.
    pub async fn post_documents(&self, post: &str) -> Result<Vec<Document>, StoreError> {
        let sql = format!(
            "SELECT {DOCUMENT_COLUMNS} FROM documents d LEFT JOIN conferences c ON c.id = d.conference_id \
             JOIN post_documents pd ON pd.document_id = d.id JOIN posts p ON p.id = pd.post_id \
             WHERE p.slug = $1 AND {PUBLIC} ORDER BY d.adopted_on DESC, d.id DESC"
        );
        let rows: Vec<DocumentRow> = on_pool!(self, |pool| sqlx::query_as(&sql)
            .bind(post)
            .fetch_all(pool)
            .await?);
        self.documents_of(rows).await
    }

    /// The posts whose time has come that refer to a document: address
    /// and title, newest first.
    pub async fn posts_about(
        &self,
        document: &str,
        now: DateTime<Utc>,
    ) -> Result<Vec<(Slug, Localized)>, StoreError> {
        let rows: Vec<(String, String)> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT p.slug, p.title FROM posts p JOIN post_documents pd ON pd.post_id = p.id \
             JOIN documents d ON d.id = pd.document_id LEFT JOIN conferences c ON c.id = p.conference_id \
             WHERE d.slug = $1 AND p.publish_at <= $2 AND (p.conference_id IS NULL OR c.published) \
             ORDER BY p.publish_at DESC, p.id DESC"
        )
        .bind(document)
        .bind(now)
        .fetch_all(pool)
        .await?
        });
        rows.into_iter()
            .map(|(s, title)| Ok((slug(s)?, from_json("post title", &title)?)))
            .collect()
    }

    /// A kept file's type and size, by its hash.
    pub async fn file(&self, hash: &str) -> Result<Option<(String, i64)>, StoreError> {
        let file = on_pool!(self, |pool| sqlx::query_as(
            "SELECT content_type, size FROM files WHERE hash = $1"
        )
        .bind(hash)
        .fetch_optional(pool)
        .await?);
        Ok(file)
    }

    /// At most `length` bytes of a kept file from `offset` (from 0): a
    /// download reads its file a slice at a time, so a file in flight
    /// costs the server a slice, whatever its size and however slowly it
    /// is read.
    pub async fn file_slice(
        &self,
        hash: &str,
        offset: i64,
        length: i64,
    ) -> Result<Option<Vec<u8>>, StoreError> {
        let slice = on_pool!(self, |pool| {
            sqlx::query_scalar(
            "SELECT substr(bytes, CAST($2 AS INTEGER), CAST($3 AS INTEGER)) FROM files WHERE hash = $1"
        )
        .bind(hash)
        .bind(offset + 1)
        .bind(length)
        .fetch_optional(pool)
        .await?
        });
        Ok(slice)
    }

    /// Rows with their files (read for all of them in one query).
    async fn documents_of(&self, rows: Vec<DocumentRow>) -> Result<Vec<Document>, StoreError> {
        if rows.is_empty() {
            return Ok(vec![]);
        }
        let placeholders: Vec<String> = (1..=rows.len()).map(|n| format!("${n}")).collect();
        let sql = format!(
            "SELECT df.document_id, df.lang, df.name, f.hash, f.content_type, f.size \
             FROM document_files df JOIN files f ON f.hash = df.file_hash \
             WHERE df.document_id IN ({}) ORDER BY df.lang",
            placeholders.join(", ")
        );
        let files: Vec<(i64, String, String, String, String, i64)> = on_pool!(self, |pool| {
            let mut query = sqlx::query_as(&sql);
            for row in &rows {
                query = query.bind(row.id);
            }
            query.fetch_all(pool).await?
        });
        rows.into_iter()
            .map(|row| {
                let mut own: Vec<(Lang, StoredFile)> = files
                    .iter()
                    .filter(|f| f.0 == row.id)
                    .map(|(_, lang, name, hash, content_type, size)| {
                        let lang = Lang::parse(lang)
                            .map_err(|_| StoreError::Corrupt(format!("file language {lang:?}")))?;
                        Ok((
                            lang,
                            StoredFile {
                                hash: hash.clone(),
                                content_type: content_type.clone(),
                                size: *size,
                                name: name.clone(),
                            },
                        ))
                    })
                    .collect::<Result<_, StoreError>>()?;
                // The site's order of languages.
                own.sort_by_key(|(lang, _)| Lang::ALL.iter().position(|l| l == lang));
                Ok(Document {
                    slug: slug(row.slug)?,
                    title: from_json("document title", &row.title)?,
                    adopted_on: row.adopted_on,
                    conference: row.conference.map(slug).transpose()?,
                    files: own,
                })
            })
            .collect()
    }
}
