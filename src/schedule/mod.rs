//! A conference's schedule for other tools: the Frab XML and the schedule
//! JSON that frab and pretalx export (read by conference apps and video
//! pipelines; checked against the schemas schedule tools publish, kept in
//! `server/tests/data/schedule`), and xCal (RFC 6321, the calendar as
//! XML).
//!
//! All three are written from one [`Plan`]: the days, each day's rooms and
//! their sessions, every session, room and person with a GUID that stays
//! the same across edits and exports (a UUID v5 of the session's own UID,
//! or of the conference and the room's or person's slug).

#[cfg(feature = "ssr")]
mod frab;
#[cfg(feature = "ssr")]
mod json;
#[cfg(feature = "ssr")]
mod xcal;

#[cfg(feature = "ssr")]
pub use frab::frab;
#[cfg(feature = "ssr")]
pub use json::json;
#[cfg(feature = "ssr")]
pub use xcal::xcal;

/// The formats, by the file each is served as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Frab,
    Json,
    Xcal,
}

impl Format {
    pub const ALL: [Format; 3] = [Format::Frab, Format::Json, Format::Xcal];

    pub fn file_name(self) -> &'static str {
        match self {
            Format::Frab => "schedule.xml",
            Format::Json => "schedule.json",
            Format::Xcal => "agenda.xcs",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Frab => "application/xml; charset=utf-8",
            Format::Json => "application/json",
            Format::Xcal => "application/calendar+xml; charset=utf-8",
        }
    }

    /// What the agenda page's link says (the format's own name).
    pub fn label(self) -> &'static str {
        match self {
            Format::Frab => "Frab XML",
            Format::Json => "Schedule JSON",
            Format::Xcal => "xCal",
        }
    }
}

#[cfg(feature = "ssr")]
pub use plan::*;

#[cfg(feature = "ssr")]
mod plan {
    use crate::agenda::{Agenda, Person, Session};
    use crate::i18n::Lang;
    use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
    use chrono_tz::Tz;
    use std::collections::HashSet;
    use uuid::Uuid;

    /// The namespace of every GUID the exports give (a UUID v5 of it and a
    /// name): fixed, so a GUID never changes with the site's address.
    const NAMESPACE: Uuid = Uuid::from_u128(0x6c0e_7a4e_2f0b_4d55_9a57_3c1d_8e4b_2a10);

    /// A schedule to write: the agenda as days of rooms of sessions.
    pub struct Plan<'a> {
        pub agenda: &'a Agenda,
        pub lang: Lang,
        /// The site's address, no trailing slash.
        pub base: &'a str,
        /// `[a-z0-9_]`, at least four: what both schemas take.
        pub acronym: String,
        pub days: Vec<PlanDay<'a>>,
        /// A digest of everything exported: changes when anything does.
        pub version: String,
    }

    pub struct PlanDay<'a> {
        /// 1 is the first.
        pub index: usize,
        pub date: NaiveDate,
        pub start: DateTime<Tz>,
        pub end: DateTime<Tz>,
        pub rooms: Vec<PlanRoom<'a>>,
    }

    pub struct PlanRoom<'a> {
        pub name: String,
        pub guid: Uuid,
        pub events: Vec<Event<'a>>,
    }

    pub struct Event<'a> {
        pub session: &'a Session,
        /// A positive number, unique in the schedule and the same from one
        /// export to the next (from the session's UID).
        pub id: u32,
        pub guid: Uuid,
        /// `{acronym}-{id}-{session slug}`: the form both schemas take.
        pub slug: String,
        pub room: String,
        pub start: DateTime<Tz>,
    }

    impl<'a> Plan<'a> {
        pub fn new(agenda: &'a Agenda, lang: Lang, base: &'a str) -> Plan<'a> {
            let zone = agenda.conference.zone;
            let acronym = acronym(agenda.conference.slug.as_str());
            let venue = agenda.conference.venue.clone();
            let mut ids = HashSet::new();
            let mut days: Vec<PlanDay> = vec![];
            for session in &agenda.sessions {
                let date = zone.day_of(session.starts_at);
                if days.last().is_none_or(|d| d.date != date) {
                    days.push(PlanDay {
                        index: days.len() + 1,
                        date,
                        start: zone.local(session.starts_at),
                        end: zone.local(session.ends_at),
                        rooms: vec![],
                    });
                }
                let Some(day) = days.last_mut() else { continue };
                day.end = day.end.max(zone.local(session.ends_at));
                let (room, room_guid) = match &session.room {
                    Some(room) => (
                        room.name.get(lang).to_owned(),
                        guid(&format!("room:{}/{}", agenda.conference.slug, room.slug)),
                    ),
                    // Sessions without a room are at the venue.
                    None => (
                        venue.clone(),
                        guid(&format!("venue:{}", agenda.conference.slug)),
                    ),
                };
                let id = unique_id(&session.uid, &mut ids);
                let event = Event {
                    session,
                    id,
                    guid: guid(&format!("session:{}", session.uid)),
                    slug: format!("{acronym}-{id:04}-{}", session.slug),
                    room: room.clone(),
                    start: zone.local(session.starts_at),
                };
                match day.rooms.iter_mut().find(|r| r.guid == room_guid) {
                    Some(r) => r.events.push(event),
                    None => day.rooms.push(PlanRoom {
                        name: room,
                        guid: room_guid,
                        events: vec![event],
                    }),
                }
            }
            // The rooms of a day in the organiser's order, the venue last.
            let order = |guid: Uuid| {
                agenda
                    .rooms
                    .iter()
                    .position(|r| {
                        self::guid(&format!("room:{}/{}", agenda.conference.slug, r.slug)) == guid
                    })
                    .unwrap_or(usize::MAX)
            };
            for day in &mut days {
                day.rooms.sort_by_key(|r| order(r.guid));
            }
            let version = version(agenda, lang);
            Plan {
                agenda,
                lang,
                base,
                acronym,
                days,
                version,
            }
        }

        pub fn events(&self) -> impl Iterator<Item = &Event<'a>> {
            self.days
                .iter()
                .flat_map(|d| d.rooms.iter().flat_map(|r| r.events.iter()))
        }

        /// A session's public page, whole.
        pub fn session_url(&self, session: &Session) -> String {
            crate::paths::link(
                self.base,
                &crate::paths::session(&self.agenda.conference.slug, &session.slug),
            )
        }

        pub fn conference_url(&self) -> String {
            crate::paths::link(
                self.base,
                &crate::paths::conference(&self.agenda.conference.slug),
            )
        }

        /// A document's address, whole (a kept file's is a path here).
        pub fn whole(&self, href: String) -> String {
            if href.starts_with('/') {
                crate::paths::link(self.base, &href)
            } else {
                href
            }
        }

        /// The people of a session, each once, with their profile when
        /// public.
        pub fn people(&self, session: &'a Session) -> Vec<(&'a str, Uuid, Option<&'a Person>)> {
            let mut seen = HashSet::new();
            let agenda = self.agenda;
            session
                .people
                .iter()
                .filter(|r| seen.insert(r.person.slug.clone()))
                .map(|r| {
                    let profile = agenda.people.iter().find(|p| p.slug == r.person.slug);
                    (
                        r.person.name.as_str(),
                        guid(&format!(
                            "person:{}/{}",
                            agenda.conference.slug, r.person.slug
                        )),
                        profile,
                    )
                })
                .collect()
        }

        /// What kind of session, in the schedule's language.
        pub fn kind(&self, session: &Session) -> String {
            crate::i18n::t(self.lang, &format!("kind-{}", session.kind.code()))
        }
    }

    /// A conference's slug as both schemas' acronym: `[a-z0-9_]`, at
    /// least four characters.
    fn acronym(slug: &str) -> String {
        let mut acronym: String = slug
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .collect();
        while acronym.len() < 4 {
            acronym.push('_');
        }
        acronym
    }

    pub(super) fn guid(name: &str) -> Uuid {
        Uuid::new_v5(&NAMESPACE, name.as_bytes())
    }

    /// A number for the session from its UID (the schemas want a number,
    /// unique in the schedule); the next free one in the rare collision.
    fn unique_id(uid: &str, taken: &mut HashSet<u32>) -> u32 {
        let bytes = guid(&format!("id:{uid}")).into_bytes();
        let mut id = u32::from_be_bytes([bytes[0], bytes[1], bytes[2], bytes[3]]) % 1_000_000 + 1;
        while !taken.insert(id) {
            id = id % 1_000_000 + 1;
        }
        id
    }

    fn version(agenda: &Agenda, lang: Lang) -> String {
        use sha2::{Digest, Sha256};
        let mut digest = Sha256::new();
        digest.update(serde_json::to_vec(agenda).unwrap_or_default());
        digest.update(lang.code());
        digest.finalize()[..6]
            .iter()
            .map(|b| format!("{b:02x}"))
            .collect()
    }

    /// `HH:MM`, as both schemas write a start and a duration.
    pub fn hours_minutes(minutes: i64) -> String {
        format!("{:02}:{:02}", minutes / 60, minutes % 60)
    }

    pub fn duration(session: &Session) -> String {
        let length: TimeDelta = session.ends_at - session.starts_at;
        hours_minutes(length.num_minutes().max(0))
    }

    /// An instant as RFC 3339 at the venue's offset.
    pub fn at_venue(at: DateTime<Tz>) -> String {
        at.to_rfc3339()
    }

    /// An instant in UTC, as xCal writes it.
    pub fn utc(at: DateTime<Utc>) -> String {
        at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
    }

    #[cfg(test)]
    mod tests {
        use super::*;

        #[test]
        fn acronyms_fit_both_schemas() {
            assert_eq!(acronym("mechelen-2017"), "mechelen_2017");
            assert_eq!(acronym("ab"), "ab__");
        }

        #[test]
        fn ids_are_stable_and_unique() {
            let mut taken = HashSet::new();
            let a = unique_id("x@y", &mut taken);
            let mut again = HashSet::new();
            assert_eq!(a, unique_id("x@y", &mut again));
            // The same UID twice in one schedule still gets two numbers.
            assert_ne!(a, unique_id("x@y", &mut taken));
            assert!(a >= 1);
        }
    }
}
