//! A session's materials: its livestream and recording links, and its
//! documents (a kept file or a link each), changed from the session's
//! editor with an audit entry in the same transaction.

use super::{Store, StoreError};
use crate::desk::AuditAction;
use crate::documents::upload::Upload;
use crate::materials::{Material, MaterialEdit, Source, WatchEdit};
use chrono::{DateTime, Utc};

/// The session's id and its conference's, in the transaction `$tx`.
macro_rules! session_ids {
    ($tx:ident, $conference:expr, $session:expr) => {{
        let ids: Option<(i64, i64)> = sqlx::query_as(
            "SELECT s.id, c.id FROM sessions s JOIN conferences c ON c.id = s.conference_id \
             WHERE c.slug = $1 AND s.slug = $2",
        )
        .bind($conference)
        .bind($session)
        .fetch_optional(&mut *$tx)
        .await?;
        ids
    }};
}

impl Store {
    /// Sets a session's livestream and recording; `false` when there is no
    /// such session.
    pub async fn set_session_watch(
        &self,
        conference: &str,
        session: &str,
        edit: &WatchEdit,
        account: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let done = in_write!(self, |tx| {
            match session_ids!(tx, conference, session) {
                None => false,
                Some((id, conference_id)) => {
                    sqlx::query(
                        "UPDATE sessions SET livestream = $1, recording = $2 WHERE id = $3",
                    )
                    .bind(edit.livestream.as_ref().map(|a| a.as_str()))
                    .bind(edit.recording.as_ref().map(|a| a.as_str()))
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    agenda_changed!(
                        tx,
                        conference_id,
                        account,
                        AuditAction::MaterialsChanged,
                        session,
                        now
                    );
                    true
                }
            }
        });
        Ok(done)
    }

    /// Adds a document to a session: `file`, checked already, or the
    /// edit's link. `None` when there is no such session.
    pub async fn add_material(
        &self,
        conference: &str,
        session: &str,
        edit: &MaterialEdit,
        file: Option<&Upload>,
        account: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, StoreError> {
        let source = match (file, &edit.url) {
            (Some(upload), _) => Source::File {
                hash: upload.hash.clone(),
                name: upload.name.clone(),
                content_type: upload.content_type.to_owned(),
                bytes: i64::try_from(upload.bytes.len()).unwrap_or(i64::MAX),
            },
            (None, Some(url)) => Source::Link(url.clone()),
            (None, None) => return Err(StoreError::Corrupt("a document without a source".into())),
        };
        let material = Material {
            id: 0,
            kind: edit.kind,
            lang: edit.lang,
            title: edit.title.clone(),
            source,
        };
        let added = in_write!(self, |tx| {
            match session_ids!(tx, conference, session) {
                None => None,
                Some((id, conference_id)) => {
                    if let Some(upload) = file {
                        keep_file!(tx, &upload.hash, upload.content_type, &upload.bytes, now);
                    }
                    let material_id = insert_material!(tx, id, &material);
                    agenda_changed!(
                        tx,
                        conference_id,
                        account,
                        AuditAction::MaterialsChanged,
                        session,
                        now
                    );
                    Some(material_id)
                }
            }
        });
        Ok(added)
    }

    /// Removes one of a session's documents (its file stays: another may
    /// share it); `false` when the session has no such document.
    pub async fn delete_material(
        &self,
        conference: &str,
        session: &str,
        material: i64,
        account: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let deleted = in_write!(self, |tx| {
            match session_ids!(tx, conference, session) {
                None => false,
                Some((id, conference_id)) => {
                    let gone = sqlx::query(
                        "DELETE FROM session_materials WHERE id = $1 AND session_id = $2",
                    )
                    .bind(material)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?
                    .rows_affected()
                        > 0;
                    if gone {
                        agenda_changed!(
                            tx,
                            conference_id,
                            account,
                            AuditAction::MaterialsChanged,
                            session,
                            now
                        );
                    }
                    gone
                }
            }
        });
        Ok(deleted)
    }
}
