//! A conference's face saved from the back office: read, changed and
//! written back under the conference's lock, so two organisers saving at
//! once both land, one after the other, and neither loses the other's
//! files.

use super::{from_json, json, Store, StoreError};
use crate::branding::{Face, FaceEdit, Organisation};
use crate::desk::AuditAction;
use crate::pictures::make::Made;
use crate::pictures::Picture;
use crate::Localized;
use chrono::{DateTime, Utc};

/// The pictures sent with a face's form, made already.
#[derive(Debug, Default)]
pub struct FacePictures<'a> {
    pub banner: Option<&'a Made>,
    pub logo: Option<&'a Made>,
    /// By position among the hosts then partners.
    pub organisations: Vec<(usize, &'a Made)>,
}

impl Store {
    /// Saves a conference's face; `false` when there is no such
    /// conference. `names` are its hosts then partners as the form listed
    /// them; the face keeps what it holds for those names only.
    pub async fn save_face(
        &self,
        conference: &str,
        names: &[String],
        edit: &FaceEdit,
        pictures: &FacePictures<'_>,
        account: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let saved = in_write!(self, |tx| {
            let row: Option<(i64, String, String)> = sqlx::query_as(
                "UPDATE conferences SET updated_at = $1 WHERE slug = $2 RETURNING id, face, title",
            )
            .bind(now)
            .bind(conference)
            .fetch_optional(&mut *tx)
            .await?;
            match row {
                None => false,
                Some((id, face, title)) => {
                    let old: Face = from_json("face", &face)?;
                    let title: Localized = from_json("conference title", &title)?;
                    // What was sent replaces what was kept; "take it away"
                    // takes the kept one.
                    let set = |kept: Option<Picture>, sent: Option<&Made>, remove: bool| match sent
                    {
                        Some(m) => Some(m.picture.clone()),
                        None if remove => None,
                        None => kept,
                    };
                    let mut banner = set(old.banner.clone(), pictures.banner, edit.remove_banner);
                    if let Some(b) = banner.as_mut() {
                        b.alt = edit.banner_alt.clone();
                    }
                    let mut logo = set(old.logo.clone(), pictures.logo, edit.remove_logo);
                    if let Some(l) = logo.as_mut() {
                        l.alt = Some(title.clone());
                    }
                    let mut organisations = vec![];
                    for (i, name) in names.iter().enumerate() {
                        let kept = old.of(name).and_then(|o| o.logo.clone());
                        let sent = pictures
                            .organisations
                            .iter()
                            .find(|(at, _)| *at == i)
                            .map(|(_, m)| *m);
                        let remove = edit.remove_logos.get(i).copied().unwrap_or(false);
                        let mut logo = set(kept, sent, remove);
                        if let Some(l) = logo.as_mut() {
                            l.alt = Some(Localized::new(title.original, name.as_str()));
                        }
                        organisations.push(Organisation {
                            name: name.clone(),
                            url: edit.urls.get(i).cloned().flatten(),
                            logo,
                        });
                    }
                    let sent = pictures
                        .banner
                        .iter()
                        .chain(&pictures.logo)
                        .chain(pictures.organisations.iter().map(|(_, m)| m));
                    for m in sent {
                        for file in &m.files {
                            keep_file!(tx, &file.hash, file.content_type, &file.bytes, now);
                        }
                    }
                    let face = Face {
                        banner,
                        logo,
                        accent: edit.accent.clone(),
                        organisations,
                    };
                    sqlx::query("UPDATE conferences SET face = $1 WHERE id = $2")
                        .bind(json(&face))
                        .bind(id)
                        .execute(&mut *tx)
                        .await?;
                    // Pictures replaced or taken away are not kept.
                    let hashes = |face: &Face| -> Vec<String> {
                        face.banner
                            .iter()
                            .chain(&face.logo)
                            .chain(face.organisations.iter().flat_map(|o| &o.logo))
                            .flat_map(|p| &p.variants)
                            .map(|v| v.hash.clone())
                            .collect()
                    };
                    let now_kept = hashes(&face);
                    let gone: Vec<String> = hashes(&old)
                        .into_iter()
                        .filter(|h| !now_kept.contains(h))
                        .collect();
                    forget_files!(tx, gone.iter().map(String::as_str));
                    audit!(
                        tx,
                        Some(id),
                        account,
                        AuditAction::FaceChanged,
                        conference,
                        now
                    );
                    true
                }
            }
        });
        Ok(saved)
    }
}
