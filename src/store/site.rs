//! What the public site reads (topics, conferences, agendas, in the
//! languages they were written in) and how a conference with its agenda
//! is stored (`insert_agenda!`, for the demo, the benchmark and a copy).
//! A little over 500 lines on purpose: the agenda's rows are read and
//! written here side by side, so a column added to one is seen in the
//! other.

use super::{from_json, slug, Store, StoreError};
use crate::agenda::{
    Agenda, Person, PersonRef, Role, Room, Session, SessionKind, SessionRole, Track,
};
use crate::conference::{Conference, Topic};
use crate::field::WebAddress;
use crate::i18n::{Lang, Localized};
use crate::materials::{Material, MaterialKind, Materials, Source};
use crate::zone::VenueZone;
use chrono::{DateTime, NaiveDate, Utc};
use std::collections::HashMap;

/// Stores a conference (published or not) with its rooms, tracks, people
/// and sessions in the transaction `$tx`; evaluates to its id.
macro_rules! insert_agenda {
    ($tx:ident, $agenda:expr, $published:expr) => {{
        let c = &$agenda.conference;
        let languages: Vec<Lang> = c.languages.clone();
            let conference_id: i64 = sqlx::query_scalar(
                "INSERT INTO conferences (slug, title, description, starts_on, ends_on, time_zone, venue, \
                 city, country, hosts, partners, languages, published, updated_at, face) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) RETURNING id",
            )
            .bind(c.slug.as_str())
            .bind($crate::store::json(&c.title))
            .bind($crate::store::json(&c.description))
            .bind(c.starts_on)
            .bind(c.ends_on)
            .bind(c.zone.name())
            .bind(&c.venue)
            .bind(&c.city)
            .bind(&c.country)
            .bind($crate::store::json(&c.hosts))
            .bind($crate::store::json(&c.partners))
            .bind($crate::store::json(&languages))
            .bind($published)
            .bind(c.updated_at)
            .bind($crate::store::json(&c.face))
            .fetch_one(&mut *$tx)
            .await?;
            for topic in &c.topics {
                // A topic is shared between conferences: create it once.
                sqlx::query(
                    "INSERT INTO topics (slug, name) VALUES ($1, $2) ON CONFLICT (slug) DO NOTHING",
                )
                .bind(topic.slug.as_str())
                .bind($crate::store::json(&topic.name))
                .execute(&mut *$tx)
                .await?;
                sqlx::query(
                    "INSERT INTO conference_topics (conference_id, topic_id) \
                     SELECT $1, id FROM topics WHERE slug = $2",
                )
                .bind(conference_id)
                .bind(topic.slug.as_str())
                .execute(&mut *$tx)
                .await?;
            }
            let mut room_ids = HashMap::new();
            for (position, room) in $agenda.rooms.iter().enumerate() {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO rooms (conference_id, slug, name, capacity, position) \
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(conference_id)
                .bind(room.slug.as_str())
                .bind($crate::store::json(&room.name))
                .bind(room.capacity.map(|c| c as i32))
                .bind(position as i32)
                .fetch_one(&mut *$tx)
                .await?;
                room_ids.insert(room.slug.clone(), id);
            }
            let mut track_ids = HashMap::new();
            let tracks = $agenda.sessions.iter().filter_map(|s| s.track.as_ref());
            for track in tracks {
                if track_ids.contains_key(&track.slug) {
                    continue;
                }
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO tracks (conference_id, slug, name) VALUES ($1, $2, $3) RETURNING id",
                )
                .bind(conference_id)
                .bind(track.slug.as_str())
                .bind($crate::store::json(&track.name))
                .fetch_one(&mut *$tx)
                .await?;
                track_ids.insert(track.slug.clone(), id);
            }
            let mut person_ids = HashMap::new();
            for person in &$agenda.people {
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO people (conference_id, slug, name, position, organisation, bio, \
                     photo, links, public) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                )
                .bind(conference_id)
                .bind(person.slug.as_str())
                .bind(&person.name)
                .bind(person.position.as_ref().map($crate::store::json))
                .bind(person.organisation.as_ref().map($crate::store::json))
                .bind(person.bio.as_ref().map($crate::store::json))
                .bind(person.photo.as_ref().map($crate::store::json))
                .bind($crate::store::json(&person.links))
                .bind(person.public)
                .fetch_one(&mut *$tx)
                .await?;
                person_ids.insert(person.slug.clone(), id);
            }
            for session in &$agenda.sessions {
                let session_id: i64 = sqlx::query_scalar(
                    "INSERT INTO sessions (conference_id, slug, uid, title, description, kind, starts_at, \
                     ends_at, room_id, track_id, seats, livestream, recording) \
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id",
                )
                .bind(conference_id)
                .bind(session.slug.as_str())
                .bind(&session.uid)
                .bind($crate::store::json(&session.title))
                .bind($crate::store::json(&session.description))
                .bind(session.kind.code())
                .bind(session.starts_at)
                .bind(session.ends_at)
                .bind(session.room.as_ref().and_then(|r| room_ids.get(&r.slug).copied()))
                .bind(session.track.as_ref().and_then(|t| track_ids.get(&t.slug).copied()))
                .bind(session.seats.map(|s| s as i32))
                .bind(session.materials.livestream.as_ref().map(|a| a.as_str()))
                .bind(session.materials.recording.as_ref().map(|a| a.as_str()))
                .fetch_one(&mut *$tx)
                .await?;
                for material in &session.materials.documents {
                    insert_material!($tx, session_id, material);
                }
                for (position, role) in session.people.iter().enumerate() {
                    let person_id =
                        person_ids.get(&role.person.slug).copied().ok_or_else(|| {
                            StoreError::Corrupt(format!(
                                "{} names unknown person {}",
                                session.slug, role.person.slug
                            ))
                        })?;
                    sqlx::query(
                        "INSERT INTO session_people (session_id, person_id, role, position) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(session_id)
                    .bind(person_id)
                    .bind(role.role.code())
                    .bind(position as i32)
                    .execute(&mut *$tx)
                    .await?;
                }
            }
            conference_id
    }};
}

/// Adds a session's document (whose file, if any, is kept already) in the
/// transaction `$tx`; evaluates to its id.
macro_rules! insert_material {
    ($tx:ident, $session_id:expr, $material:expr) => {{
        let m: &$crate::materials::Material = $material;
        let (hash, name, url) = match &m.source {
            $crate::materials::Source::File { hash, name, .. } => {
                (Some(hash.as_str()), Some(name.as_str()), None)
            }
            $crate::materials::Source::Link(url) => (None, None, Some(url.as_str())),
        };
        let id: i64 = sqlx::query_scalar(
            "INSERT INTO session_materials (session_id, kind, lang, title, file_hash, file_name, url) \
             VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
        )
        .bind($session_id)
        .bind(m.kind.code())
        .bind(m.lang.code())
        .bind(&m.title)
        .bind(hash)
        .bind(name)
        .bind(url)
        .fetch_one(&mut *$tx)
        .await?;
        id
    }};
}

/// Lists `$id` (a conference, a post) under exactly the topics `$names`,
/// in the transaction `$tx`, through the link table `$table` whose column
/// `$owner` holds `$id`. A name matches a topic that has it in any
/// language (ignoring case); a new name makes a new topic, named in
/// `$lang`, its address made from the name.
macro_rules! set_topics {
    ($tx:ident, $table:literal, $owner:literal, $id:expr, $names:expr, $lang:expr) => {{
        sqlx::query(concat!("DELETE FROM ", $table, " WHERE ", $owner, " = $1"))
            .bind($id)
            .execute(&mut *$tx)
            .await?;
        let mut known: Vec<(i64, String, crate::i18n::Localized)> = vec![];
        let rows: Vec<(i64, String, String)> = sqlx::query_as("SELECT id, slug, name FROM topics")
            .fetch_all(&mut *$tx)
            .await?;
        for (id, slug, name) in rows {
            known.push((id, slug, $crate::store::from_json("topic name", &name)?));
        }
        for name in $names {
            let found = known
                .iter()
                .find(|(_, _, n)| n.is_named(name))
                .map(|(id, _, _)| *id);
            let topic = match found {
                Some(id) => id,
                None => {
                    let taken: Vec<String> = known.iter().map(|(_, s, _)| s.clone()).collect();
                    let slug = $crate::store::agenda_edit::free_slug(
                        $crate::slug::Slug::from_title(name, "topic"),
                        &taken,
                    );
                    let localized = $crate::i18n::Localized::new($lang, name.as_str());
                    // Topics are shared: another conference's settings may
                    // have made this one a moment ago.
                    let inserted: Option<i64> = sqlx::query_scalar(
                        "INSERT INTO topics (slug, name) VALUES ($1, $2) \
                         ON CONFLICT (slug) DO NOTHING RETURNING id",
                    )
                    .bind(slug.as_str())
                    .bind($crate::store::json(&localized))
                    .fetch_optional(&mut *$tx)
                    .await?;
                    let id: i64 = match inserted {
                        Some(id) => id,
                        None => {
                            sqlx::query_scalar("SELECT id FROM topics WHERE slug = $1")
                                .bind(slug.as_str())
                                .fetch_one(&mut *$tx)
                                .await?
                        }
                    };
                    known.push((id, slug.to_string(), localized));
                    id
                }
            };
            sqlx::query(concat!(
                "INSERT INTO ",
                $table,
                " (",
                $owner,
                ", topic_id) VALUES ($1, $2) \
                 ON CONFLICT DO NOTHING"
            ))
            .bind($id)
            .bind(topic)
            .execute(&mut *$tx)
            .await?;
        }
    }};
}

#[derive(sqlx::FromRow)]
struct ConferenceRow {
    id: i64,
    slug: String,
    title: String,
    description: String,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    time_zone: String,
    venue: String,
    city: String,
    country: String,
    hosts: String,
    partners: String,
    face: String,
    languages: String,
    published: bool,
    updated_at: DateTime<Utc>,
    listed_categories: String,
}

#[derive(sqlx::FromRow)]
struct TopicRow {
    conference_id: i64,
    slug: String,
    name: String,
}

#[derive(sqlx::FromRow)]
struct RoomRow {
    id: i64,
    slug: String,
    name: String,
    capacity: Option<i32>,
}

#[derive(sqlx::FromRow)]
struct TrackRow {
    id: i64,
    slug: String,
    name: String,
}

#[derive(sqlx::FromRow)]
struct PersonRow {
    id: i64,
    slug: String,
    name: String,
    position: Option<String>,
    organisation: Option<String>,
    bio: Option<String>,
    photo: Option<String>,
    links: String,
    public: bool,
}

impl PersonRow {
    fn person(self) -> Result<Person, StoreError> {
        let text = |what, value: Option<String>| {
            value.map(|v| from_json::<Localized>(what, &v)).transpose()
        };
        Ok(Person {
            slug: slug(self.slug)?,
            name: self.name,
            position: text("position", self.position)?,
            organisation: text("organisation", self.organisation)?,
            bio: text("biography", self.bio)?,
            photo: self.photo.map(|p| from_json("photo", &p)).transpose()?,
            links: from_json("links", &self.links)?,
            public: self.public,
        })
    }
}

pub(super) const PERSON_COLUMNS: &str =
    "id, slug, name, position, organisation, bio, photo, links, public";

#[derive(sqlx::FromRow)]
pub(super) struct MaterialRow {
    pub session_id: i64,
    id: i64,
    kind: String,
    lang: String,
    title: String,
    file_hash: Option<String>,
    file_name: Option<String>,
    url: Option<String>,
    content_type: Option<String>,
    size: Option<i64>,
}

pub(super) const MATERIAL_COLUMNS: &str = "m.session_id, m.id, m.kind, m.lang, m.title, \
     m.file_hash, m.file_name, m.url, f.content_type, f.size";

impl MaterialRow {
    pub(super) fn material(self) -> Result<Material, StoreError> {
        let corrupt = |what: &str| StoreError::Corrupt(format!("material {}: {what}", self.id));
        let source = match (self.file_hash, self.url) {
            (Some(hash), None) => Source::File {
                hash,
                name: self.file_name.unwrap_or_else(|| "file".to_owned()),
                content_type: self.content_type.unwrap_or_default(),
                bytes: self.size.unwrap_or(0),
            },
            (None, Some(url)) => {
                Source::Link(WebAddress::parse(&url).map_err(|_| corrupt("address"))?)
            }
            _ => return Err(corrupt("neither a file nor a link")),
        };
        Ok(Material {
            id: self.id,
            kind: MaterialKind::parse(&self.kind).ok_or_else(|| corrupt("kind"))?,
            lang: Lang::parse(&self.lang).map_err(|_| corrupt("language"))?,
            title: self.title,
            source,
        })
    }
}

#[derive(sqlx::FromRow)]
struct SessionRow {
    id: i64,
    slug: String,
    uid: String,
    title: String,
    description: String,
    kind: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    room_id: Option<i64>,
    track_id: Option<i64>,
    seats: Option<i32>,
    livestream: Option<String>,
    recording: Option<String>,
}

#[derive(sqlx::FromRow)]
struct SessionPersonRow {
    session_id: i64,
    person_id: i64,
    role: String,
}

pub(super) const CONFERENCE_COLUMNS: &str =
    "id, slug, title, description, starts_on, ends_on, time_zone, venue, \
     city, country, hosts, partners, face, languages, published, updated_at, listed_categories";

impl Store {
    /// Stores a published conference with its rooms, tracks, people and
    /// sessions, all or nothing.
    pub async fn insert_agenda(&self, agenda: &Agenda) -> Result<(), StoreError> {
        in_write!(self, |tx| {
            insert_agenda!(tx, agenda, true);
        });
        Ok(())
    }

    /// All topics that have at least one published conference, by slug.
    pub async fn topics(&self) -> Result<Vec<Topic>, StoreError> {
        let rows: Vec<TopicRow> = on_pool!(self, |pool| sqlx::query_as(
            "SELECT MIN(ct.conference_id) AS conference_id, t.slug, t.name FROM topics t \
             JOIN conference_topics ct ON ct.topic_id = t.id \
             JOIN conferences c ON c.id = ct.conference_id AND c.published \
             GROUP BY t.slug, t.name ORDER BY t.slug",
        )
        .fetch_all(pool)
        .await?);
        rows.into_iter()
            .map(|r| {
                Ok(Topic {
                    slug: slug(r.slug)?,
                    name: from_json("topic name", &r.name)?,
                })
            })
            .collect()
    }

    /// Published conferences, optionally of one topic, soonest first.
    pub async fn conferences(&self, topic: Option<&str>) -> Result<Vec<Conference>, StoreError> {
        let rows: Vec<ConferenceRow> = match topic {
            None => on_pool!(self, |pool| {
                sqlx::query_as(&format!(
                "SELECT {CONFERENCE_COLUMNS} FROM conferences WHERE published ORDER BY starts_on, slug"
            ))
            .fetch_all(pool)
            .await?
            }),
            Some(topic) => on_pool!(self, |pool| {
                sqlx::query_as(&format!(
                "SELECT {CONFERENCE_COLUMNS} FROM conferences WHERE published AND id IN \
                 (SELECT ct.conference_id FROM conference_topics ct JOIN topics t ON t.id = ct.topic_id \
                  WHERE t.slug = $1) ORDER BY starts_on, slug"
            ))
            .bind(topic)
            .fetch_all(pool)
            .await?
            }),
        };
        let topics = self.conference_topics(None).await?;
        rows.into_iter()
            .map(|row| conference(row, &topics))
            .collect()
    }

    /// A published conference.
    pub async fn conference(&self, slug: &str) -> Result<Option<Conference>, StoreError> {
        Ok(self.conference_row(slug, true).await?.map(|(c, _, _)| c))
    }

    /// A conference, published or not (for the back office), and whether
    /// it is published.
    pub async fn editable_conference(
        &self,
        slug: &str,
    ) -> Result<Option<(Conference, bool)>, StoreError> {
        Ok(self
            .conference_row(slug, false)
            .await?
            .map(|(c, _, published)| (c, published)))
    }

    /// Every conference, published or not, soonest first, and whether it
    /// is published (for the back office).
    pub async fn all_conferences(&self) -> Result<Vec<(Conference, bool)>, StoreError> {
        let rows: Vec<ConferenceRow> = on_pool!(self, |pool| sqlx::query_as(&format!(
            "SELECT {CONFERENCE_COLUMNS} FROM conferences ORDER BY starts_on, slug"
        ))
        .fetch_all(pool)
        .await?);
        let topics = self.conference_topics(None).await?;
        rows.into_iter()
            .map(|row| {
                let published = row.published;
                Ok((conference(row, &topics)?, published))
            })
            .collect()
    }

    /// A conference (only if published, with `published_only`), its id,
    /// and whether it is published.
    async fn conference_row(
        &self,
        slug: &str,
        published_only: bool,
    ) -> Result<Option<(Conference, i64, bool)>, StoreError> {
        let row: Option<ConferenceRow> = on_pool!(self, |pool| sqlx::query_as(&format!(
            "SELECT {CONFERENCE_COLUMNS} FROM conferences WHERE slug = $1 AND (published OR $2)"
        ))
        .bind(slug)
        .bind(!published_only)
        .fetch_optional(pool)
        .await?);
        let Some(row) = row else { return Ok(None) };
        let (id, published) = (row.id, row.published);
        let topics = self.conference_topics(Some(id)).await?;
        Ok(Some((conference(row, &topics)?, id, published)))
    }

    /// The topics of one conference, or (`None`) of every conference.
    async fn conference_topics(
        &self,
        conference: Option<i64>,
    ) -> Result<HashMap<i64, Vec<Topic>>, StoreError> {
        let rows: Vec<TopicRow> = on_pool!(self, |pool| {
            sqlx::query_as(
            "SELECT ct.conference_id, t.slug, t.name FROM conference_topics ct \
             JOIN topics t ON t.id = ct.topic_id WHERE $1 IS NULL OR ct.conference_id = $1 ORDER BY t.slug",
        )
        .bind(conference)
        .fetch_all(pool)
        .await?
        });
        let mut topics: HashMap<i64, Vec<Topic>> = HashMap::new();
        for r in rows {
            let topic = Topic {
                slug: slug(r.slug)?,
                name: from_json("topic name", &r.name)?,
            };
            topics.entry(r.conference_id).or_default().push(topic);
        }
        Ok(topics)
    }

    /// A published conference with its whole agenda.
    pub async fn agenda(&self, slug: &str) -> Result<Option<Agenda>, StoreError> {
        self.agenda_of(slug, true).await
    }

    /// A conference with its whole agenda, published or not (for the back
    /// office).
    pub async fn editable_agenda(&self, slug: &str) -> Result<Option<Agenda>, StoreError> {
        self.agenda_of(slug, false).await
    }

    async fn agenda_of(
        &self,
        slug_: &str,
        published_only: bool,
    ) -> Result<Option<Agenda>, StoreError> {
        let Some((conference, id, _)) = self.conference_row(slug_, published_only).await? else {
            return Ok(None);
        };
        let (rooms, tracks, people, sessions, roles, materials) = on_pool!(self, |pool| {
            let rooms: Vec<RoomRow> = sqlx::query_as(
                "SELECT id, slug, name, capacity FROM rooms WHERE conference_id = $1 ORDER BY position",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let tracks: Vec<TrackRow> = sqlx::query_as(
                "SELECT id, slug, name FROM tracks WHERE conference_id = $1 ORDER BY slug",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let people: Vec<PersonRow> = sqlx::query_as(&format!(
                "SELECT {PERSON_COLUMNS} FROM people WHERE conference_id = $1 ORDER BY name, slug"
            ))
            .bind(id)
            .fetch_all(pool)
            .await?;
            let sessions: Vec<SessionRow> = sqlx::query_as(
                "SELECT id, slug, uid, title, description, kind, starts_at, ends_at, room_id, track_id, seats, \
                 livestream, recording FROM sessions WHERE conference_id = $1 ORDER BY starts_at, ends_at, id",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let roles: Vec<SessionPersonRow> = sqlx::query_as(
                "SELECT sp.session_id, sp.person_id, sp.role FROM session_people sp \
                 JOIN sessions s ON s.id = sp.session_id WHERE s.conference_id = $1 \
                 ORDER BY sp.session_id, sp.position",
            )
            .bind(id)
            .fetch_all(pool)
            .await?;
            let materials: Vec<MaterialRow> = sqlx::query_as(&format!(
                "SELECT {MATERIAL_COLUMNS} FROM session_materials m \
                 JOIN sessions s ON s.id = m.session_id LEFT JOIN files f ON f.hash = m.file_hash \
                 WHERE s.conference_id = $1 ORDER BY m.session_id, m.id"
            ))
            .bind(id)
            .fetch_all(pool)
            .await?;
            (rooms, tracks, people, sessions, roles, materials)
        });
        let mut room_by_id = HashMap::new();
        let mut room_list = vec![];
        for r in rooms {
            let room = Room {
                slug: slug(r.slug)?,
                name: from_json("room name", &r.name)?,
                capacity: r.capacity.map(|c| c.max(0) as u32),
            };
            room_by_id.insert(r.id, room.clone());
            room_list.push(room);
        }
        let mut track_by_id = HashMap::new();
        for t in tracks {
            track_by_id.insert(
                t.id,
                Track {
                    slug: slug(t.slug)?,
                    name: from_json("track name", &t.name)?,
                },
            );
        }
        let mut person_by_id = HashMap::new();
        let mut person_list = vec![];
        for p in people {
            let id = p.id;
            let person = p.person()?;
            // The public site does not see a person being prepared, nor
            // their roles.
            if published_only && !person.public {
                person_by_id.insert(id, None);
                continue;
            }
            person_by_id.insert(id, Some(person.clone()));
            person_list.push(person);
        }
        let mut roles_by_session: HashMap<i64, Vec<SessionRole>> = HashMap::new();
        for r in roles {
            let Some(person) = person_by_id
                .get(&r.person_id)
                .ok_or_else(|| StoreError::Corrupt(format!("session person {}", r.person_id)))?
            else {
                continue;
            };
            let role = Role::parse(&r.role)
                .ok_or_else(|| StoreError::Corrupt(format!("role {:?}", r.role)))?;
            roles_by_session
                .entry(r.session_id)
                .or_default()
                .push(SessionRole {
                    person: PersonRef {
                        slug: person.slug.clone(),
                        name: person.name.clone(),
                    },
                    role,
                });
        }
        let mut materials_by_session: HashMap<i64, Vec<Material>> = HashMap::new();
        for m in materials {
            materials_by_session
                .entry(m.session_id)
                .or_default()
                .push(m.material()?);
        }
        let mut session_list = vec![];
        for s in sessions {
            let address = |what, a: Option<String>| {
                a.map(|a| {
                    WebAddress::parse(&a)
                        .map_err(|_| StoreError::Corrupt(format!("session {}: {what}", s.id)))
                })
                .transpose()
            };
            let materials = Materials {
                livestream: address("livestream", s.livestream.clone())?,
                recording: address("recording", s.recording.clone())?,
                documents: materials_by_session.remove(&s.id).unwrap_or_default(),
            };
            session_list.push(Session {
                slug: slug(s.slug)?,
                uid: s.uid,
                title: from_json("session title", &s.title)?,
                description: from_json::<Localized>("session description", &s.description)?,
                kind: SessionKind::parse(&s.kind)
                    .ok_or_else(|| StoreError::Corrupt(format!("session kind {:?}", s.kind)))?,
                starts_at: s.starts_at,
                ends_at: s.ends_at,
                room: s.room_id.and_then(|id| room_by_id.get(&id).cloned()),
                track: s.track_id.and_then(|id| track_by_id.get(&id).cloned()),
                seats: s.seats.map(|n| n.max(0) as u32),
                people: roles_by_session.remove(&s.id).unwrap_or_default(),
                materials,
            });
        }
        Ok(Some(Agenda {
            conference,
            rooms: room_list,
            sessions: session_list,
            people: person_list,
        }))
    }
}

fn conference(
    row: ConferenceRow,
    topics: &HashMap<i64, Vec<Topic>>,
) -> Result<Conference, StoreError> {
    Ok(Conference {
        slug: slug(row.slug)?,
        title: from_json("conference title", &row.title)?,
        description: from_json("conference description", &row.description)?,
        starts_on: row.starts_on,
        ends_on: row.ends_on,
        zone: VenueZone::parse(&row.time_zone).map_err(|e| StoreError::Corrupt(e.to_string()))?,
        venue: row.venue,
        city: row.city,
        country: row.country,
        hosts: from_json("hosts", &row.hosts)?,
        partners: from_json("partners", &row.partners)?,
        face: from_json("face", &row.face)?,
        languages: from_json("languages", &row.languages)?,
        topics: topics.get(&row.id).cloned().unwrap_or_default(),
        updated_at: row.updated_at,
        participants: row.listed_categories.trim() != "[]",
    })
}
