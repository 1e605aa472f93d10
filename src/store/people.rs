//! Speakers' profiles: position, organisation, biography, links, the
//! public switch, and the portrait (its variants kept as files, made
//! before the transaction; its text kept with it; the files of the one it
//! replaces deleted).

use super::{json, Store, StoreError};
use crate::desk::AuditAction;
use crate::people::ProfileEdit;
use crate::pictures::make::Made;
use crate::pictures::Picture;
use chrono::{DateTime, Utc};

/// What happens to a portrait when a profile is saved.
#[derive(Debug)]
pub enum PhotoChange<'a> {
    Keep,
    Set(&'a Made),
}

/// What saving a profile did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProfileSaved {
    Saved,
    NotFound,
}

impl Store {
    /// Saves a person's profile, and their portrait if one was sent (or
    /// takes it away), with its audit entry, in one transaction.
    pub async fn save_profile(
        &self,
        conference: &str,
        person: &str,
        edit: &ProfileEdit,
        photo: PhotoChange<'_>,
        account: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<ProfileSaved, StoreError> {
        let saved = in_write!(self, |tx| {
            // Locks the person's row (a no-op UPDATE) before reading the
            // portrait it replaces: a save that waited reads the one the
            // save before it kept, and deletes that one's files.
            let found: Option<(i64, i64, Option<String>)> = sqlx::query_as(
                "UPDATE people SET photo = photo WHERE slug = $2 \
                 AND conference_id = (SELECT id FROM conferences WHERE slug = $1) \
                 RETURNING id, conference_id, photo",
            )
            .bind(conference)
            .bind(person)
            .fetch_optional(&mut *tx)
            .await?;
            match found {
                None => ProfileSaved::NotFound,
                Some((id, conference_id, kept)) => {
                    let kept: Option<Picture> = kept
                        .as_deref()
                        .map(|p| super::from_json("photo", p))
                        .transpose()?;
                    let mut picture: Option<Picture> = match photo {
                        PhotoChange::Set(made) => {
                            for file in &made.files {
                                keep_file!(tx, &file.hash, file.content_type, &file.bytes, now);
                            }
                            Some(made.picture.clone())
                        }
                        PhotoChange::Keep => kept.clone(),
                    };
                    if edit.remove_photo {
                        picture = None;
                    }
                    if let Some(p) = picture.as_mut() {
                        p.alt = edit.alt.clone();
                    }
                    sqlx::query(
                        "UPDATE people SET name = $1, position = $2, organisation = $3, bio = $4, \
                         photo = $5, links = $6, public = $7 WHERE id = $8",
                    )
                    .bind(&edit.name)
                    .bind(edit.position.as_ref().map(json))
                    .bind(edit.organisation.as_ref().map(json))
                    .bind(edit.bio.as_ref().map(json))
                    .bind(picture.as_ref().map(json))
                    .bind(json(&edit.links))
                    .bind(edit.public)
                    .bind(id)
                    .execute(&mut *tx)
                    .await?;
                    // A portrait replaced or taken away is not kept.
                    if let Some(old) = &kept {
                        let gone = old.variants.iter().map(|v| v.hash.as_str()).filter(|h| {
                            !picture
                                .iter()
                                .flat_map(|p| &p.variants)
                                .any(|v| v.hash == *h)
                        });
                        forget_files!(tx, gone);
                    }
                    agenda_changed!(
                        tx,
                        conference_id,
                        account,
                        AuditAction::ProfileChanged,
                        person,
                        now
                    );
                    ProfileSaved::Saved
                }
            }
        });
        Ok(saved)
    }
}
