//! The demo's dressing and delegates. Its portraits and session documents
//! are drawn and written here, and kept as an organiser's uploads are. Its
//! delegates (`demo/delegates.json`) are stored through the same steps as
//! a real delegate's (registered, address confirmed, decided,
//! letter issued, checked in at the desks), each at its moment of 2017, so
//! that the back office of a new demo shows a conference that happened:
//! its badges, its counts at the door, its papers and their verification.
//! The messages those steps queued are dropped: they were never to be
//! sent (and they hold links).

use super::{Holder, Store, StoreError, Whom};
use crate::agenda::Agenda;
use crate::demo::{DemoDelegate, Dressing};
use crate::documents::upload::{Accept, Upload};
use crate::materials::{Material, Source};
use crate::pictures::make::MadeFile;
use crate::pictures::{Picture, Shape};
use crate::registration::NewRegistration;
use crate::slug::Slug;
use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

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
            // Beirut shows its list of participants: the delegates who
            // agreed to be listed, of the categories its organisers chose.
            sqlx::query("UPDATE conferences SET listed_categories = $1 WHERE slug = 'beirut-2017'")
                .bind(r#"["mayor_or_governor","local_or_regional_government","academia"]"#)
                .execute(&mut *tx)
                .await?;
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

/// The demo's drawn portraits and written session documents, made once per
/// process (they are the same each time, and a test run seeds the demo
/// many times): per conference, the files and what they become.
#[derive(Clone)]
struct Dressed {
    files: Vec<MadeFile>,
    banner: Option<Picture>,
    wordmarks: Vec<(String, Picture)>,
    portraits: Vec<(Slug, Picture)>,
    documents: Vec<(Slug, Material)>,
}

fn dressed(conference: &Slug, dressing: &Dressing) -> Result<Dressed, StoreError> {
    static MADE: OnceLock<Mutex<HashMap<Slug, Dressed>>> = OnceLock::new();
    let mut made = MADE
        .get_or_init(Default::default)
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner());
    if let Some(dressed) = made.get(conference) {
        return Ok(dressed.clone());
    }
    let corrupt = |what: String| StoreError::Corrupt(format!("the demo's {what}"));
    let mut files = vec![];
    let banner = match &dressing.banner {
        None => None,
        Some(alt) => {
            let png = crate::pictures::drawn::banner(conference.as_str(), 1920);
            let made = crate::pictures::make::make(&png, Shape::Banner)
                .map_err(|p| corrupt(format!("banner: {p}")))?;
            files.extend(made.files);
            Some(Picture {
                alt: Some(alt.clone()),
                ..made.picture
            })
        }
    };
    let mut wordmarks = vec![];
    for name in &dressing.wordmarks {
        let svg = crate::pictures::drawn::monogram(name);
        let made = crate::pictures::make::make(&svg, Shape::Logo)
            .map_err(|p| corrupt(format!("monogram of {name}: {p}")))?;
        files.extend(made.files);
        wordmarks.push((name.clone(), made.picture));
    }
    let mut portraits = vec![];
    for (person, alt) in &dressing.portraits {
        let png = crate::pictures::drawn::portrait(person.as_str(), 512);
        let made = crate::pictures::make::make(&png, Shape::Portrait)
            .map_err(|p| corrupt(format!("portrait of {person}: {p}")))?;
        files.extend(made.files);
        let picture = Picture {
            alt: Some(alt.clone()),
            ..made.picture
        };
        portraits.push((person.clone(), picture));
    }
    let mut documents = vec![];
    for (session, m) in &dressing.documents {
        let lines: Vec<&str> = m.lines.iter().map(String::as_str).collect();
        let name = format!("{session}-{}-{}.pdf", m.kind.code(), m.lang.code());
        let upload = Upload::parse(&name, crate::documents::pdf::document(&lines), Accept::Pdf)
            .map_err(|p| corrupt(format!("{name}: {p}")))?;
        documents.push((
            session.clone(),
            Material {
                id: 0,
                kind: m.kind,
                lang: m.lang,
                title: m.title.clone(),
                source: Source::File {
                    hash: upload.hash.clone(),
                    name: upload.name.clone(),
                    content_type: upload.content_type.to_owned(),
                    bytes: i64::try_from(upload.bytes.len()).unwrap_or(i64::MAX),
                },
            },
        ));
        files.push(MadeFile {
            hash: upload.hash,
            content_type: upload.content_type,
            bytes: upload.bytes,
        });
    }
    let dressed = Dressed {
        files,
        banner,
        wordmarks,
        portraits,
        documents,
    };
    made.insert(conference.clone(), dressed.clone());
    Ok(dressed)
}

impl Store {
    /// Puts the demo's portraits and session documents on `agenda`, and
    /// keeps their files, before the agenda is stored.
    pub(super) async fn dress_demo(
        &self,
        agenda: &mut Agenda,
        dressing: &Dressing,
    ) -> Result<(), StoreError> {
        let Dressed {
            files,
            banner,
            wordmarks,
            portraits,
            documents,
        } = dressed(&agenda.conference.slug, dressing)?;
        let face = &mut agenda.conference.face;
        face.banner = banner;
        for (name, picture) in wordmarks {
            if let Some(o) = face.organisations.iter_mut().find(|o| o.name == name) {
                o.logo = Some(picture);
            }
        }
        for (slug, picture) in portraits {
            if let Some(person) = agenda.people.iter_mut().find(|p| p.slug == slug) {
                person.photo = Some(picture);
            }
        }
        for (slug, material) in documents {
            if let Some(session) = agenda.sessions.iter_mut().find(|s| s.slug == slug) {
                session.materials.documents.push(material);
            }
        }
        let now = chrono::Utc::now();
        in_write!(self, |tx| {
            for file in &files {
                keep_file!(tx, &file.hash, file.content_type, &file.bytes, now);
            }
        });
        Ok(())
    }
}
