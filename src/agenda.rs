//! The agenda: sessions in rooms, the people in them, and the layout the
//! public agenda shows (one section a day; parallel sessions side by side per
//! room; plenaries and breaks across all rooms).

use crate::conference::Conference;
use crate::field::WebAddress;
use crate::i18n::{Lang, Localized};
use crate::materials::Materials;
use crate::pictures::Picture;
use crate::slug::Slug;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Room {
    pub slug: Slug,
    pub name: Localized,
    /// Seats, where known.
    pub capacity: Option<u32>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Track {
    pub slug: Slug,
    pub name: Localized,
}

crate::coded_enum! {
    pub enum SessionKind {
        Ceremony = "ceremony",
        Plenary = "plenary",
        Panel = "panel",
        Discussion = "discussion",
        Workshop = "workshop",
        RoundTable = "round_table",
        Break = "break",
        Meal = "meal",
    }
}

impl SessionKind {
    /// Sessions of these kinds are for everyone: the agenda shows them
    /// across all rooms.
    pub fn spans_rooms(self) -> bool {
        matches!(
            self,
            SessionKind::Ceremony | SessionKind::Plenary | SessionKind::Break | SessionKind::Meal
        )
    }

    pub fn is_break(self) -> bool {
        matches!(self, SessionKind::Break | SessionKind::Meal)
    }
}

crate::coded_enum! {
    /// What a person does in a session, in the order the agenda lists them.
    #[derive(PartialOrd, Ord)]
    pub enum Role {
        Chair = "chair",
        Moderator = "moderator",
        Speaker = "speaker",
        Rapporteur = "rapporteur",
    }
}

/// A person as a session names them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PersonRef {
    pub slug: Slug,
    pub name: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionRole {
    pub person: PersonRef,
    pub role: Role,
}

/// A speaker, moderator, chair or rapporteur of a conference, with what
/// their page says of them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Person {
    pub slug: Slug,
    pub name: String,
    /// Their function ("President"), in each language given.
    pub position: Option<Localized>,
    /// Where they are from ("UCLG").
    pub organisation: Option<Localized>,
    /// A few paragraphs, plain text.
    pub bio: Option<Localized>,
    /// A portrait, with its text for those who cannot see it.
    pub photo: Option<Picture>,
    pub links: Vec<PersonLink>,
    /// Shown on the public site. A person being prepared is seen in the
    /// back office only, and their roles are left out of public pages.
    pub public: bool,
}

impl Person {
    /// A person with a name and nothing else yet, shown publicly.
    pub fn named(slug: Slug, name: impl Into<String>) -> Person {
        Person {
            slug,
            name: name.into(),
            position: None,
            organisation: None,
            bio: None,
            photo: None,
            links: vec![],
            public: true,
        }
    }

    /// Position and organisation on one line, in `lang`: "President, UCLG"
    /// (with Arabic's comma in Arabic).
    pub fn affiliation(&self, lang: Lang) -> String {
        [&self.position, &self.organisation]
            .into_iter()
            .flatten()
            .map(|t| t.get(lang).trim())
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(lang.comma())
    }
}

/// A link on a person's page: their site, a social profile.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonLink {
    /// What the link says; its address's host when empty.
    pub label: String,
    pub url: WebAddress,
}

impl PersonLink {
    pub fn text(&self) -> &str {
        if self.label.is_empty() {
            self.url.host()
        } else {
            &self.label
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub slug: Slug,
    /// Stable across edits: calendars recognise the session by it.
    pub uid: String,
    pub title: Localized,
    pub description: Localized,
    pub kind: SessionKind,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub room: Option<Room>,
    pub track: Option<Track>,
    /// Seats that can be booked, for sessions with limited places.
    pub seats: Option<u32>,
    pub people: Vec<SessionRole>,
    /// Its livestream, recording and documents.
    pub materials: Materials,
}

impl Session {
    pub fn people_with(&self, role: Role) -> impl Iterator<Item = &PersonRef> {
        self.people
            .iter()
            .filter(move |p| p.role == role)
            .map(|p| &p.person)
    }
}

/// A conference with everything its agenda shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Agenda {
    pub conference: Conference,
    /// In the order the organiser gave (the main hall first).
    pub rooms: Vec<Room>,
    /// In order of start.
    pub sessions: Vec<Session>,
    pub people: Vec<Person>,
}

/// One day of the agenda, as rows from morning to evening.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Day {
    pub date: NaiveDate,
    pub rows: Vec<Row>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Row {
    /// A plenary, ceremony or break: for everyone, across all rooms.
    Across(Box<Session>),
    /// Sessions running at the same time, one column per room in use.
    Parallel(Vec<Column>),
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Column {
    pub room: Option<Room>,
    pub sessions: Vec<Session>,
}

impl Agenda {
    pub fn session(&self, slug: &str) -> Option<&Session> {
        self.sessions.iter().find(|s| s.slug.as_str() == slug)
    }

    pub fn person(&self, slug: &str) -> Option<&Person> {
        self.people.iter().find(|p| p.slug.as_str() == slug)
    }

    /// The sessions a person takes part in, with their role, in time order.
    pub fn roles_of<'a>(
        &'a self,
        person: &'a Slug,
    ) -> impl Iterator<Item = (&'a Session, Role)> + 'a {
        self.sessions.iter().flat_map(move |s| {
            s.people
                .iter()
                .filter(move |p| &p.person.slug == person)
                .map(move |p| (s, p.role))
        })
    }

    /// The agenda laid out per day. Consecutive sessions that do not span the
    /// rooms form one parallel row, split into columns by room (in the
    /// conference's room order); a spanning session starts a row of its own.
    /// Days without sessions are left out.
    pub fn days(&self) -> Vec<Day> {
        let zone = self.conference.zone;
        let mut sessions: Vec<&Session> = self.sessions.iter().collect();
        sessions.sort_by_key(|s| (s.starts_at, s.ends_at));
        let mut days: Vec<Day> = vec![];
        for session in sessions {
            let date = zone.day_of(session.starts_at);
            if days.last().is_none_or(|d| d.date != date) {
                days.push(Day { date, rows: vec![] });
            }
            let rows = &mut days.last_mut().expect("a day was just pushed").rows;
            if session.kind.spans_rooms() {
                rows.push(Row::Across(Box::new(session.clone())));
                continue;
            }
            if !matches!(rows.last(), Some(Row::Parallel(_))) {
                rows.push(Row::Parallel(vec![]));
            }
            let Some(Row::Parallel(columns)) = rows.last_mut() else {
                unreachable!()
            };
            let room_slug = session.room.as_ref().map(|r| &r.slug);
            match columns
                .iter_mut()
                .find(|c| c.room.as_ref().map(|r| &r.slug) == room_slug)
            {
                Some(column) => column.sessions.push(session.clone()),
                None => columns.push(Column {
                    room: session.room.clone(),
                    sessions: vec![session.clone()],
                }),
            }
        }
        let position = |room: &Option<Room>| {
            room.as_ref()
                .and_then(|r| self.rooms.iter().position(|x| x.slug == r.slug))
                .unwrap_or(usize::MAX)
        };
        for day in &mut days {
            for row in &mut day.rows {
                if let Row::Parallel(columns) = row {
                    columns.sort_by_key(|c| position(&c.room));
                }
            }
        }
        days
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    fn mechelen() -> Agenda {
        demo::agendas()
            .into_iter()
            .find(|a| a.conference.slug.as_str() == "mechelen-2017")
            .unwrap()
    }

    #[test]
    fn mechelen_has_two_days_in_venue_time() {
        let days = mechelen().days();
        let dates: Vec<_> = days.iter().map(|d| d.date.to_string()).collect();
        assert_eq!(dates, ["2017-11-16", "2017-11-17"]);
    }

    #[test]
    fn the_opening_spans_the_rooms_and_workshops_run_side_by_side() {
        let agenda = mechelen();
        let day = &agenda.days()[0];
        let Row::Across(coffee) = &day.rows[0] else {
            panic!("the day opens with coffee, across")
        };
        assert!(coffee.kind.is_break());
        let Row::Across(opening) = &day.rows[1] else {
            panic!("then the opening, across")
        };
        assert_eq!(opening.title.get(crate::Lang::En), "Opening ceremony");
        let parallel = day
            .rows
            .iter()
            .find_map(|r| match r {
                Row::Parallel(cols) if cols.len() > 1 => Some(cols),
                _ => None,
            })
            .expect("parallel workshops");
        let rooms: Vec<_> = parallel
            .iter()
            .map(|c| c.room.as_ref().unwrap().slug.to_string())
            .collect();
        let mut in_conference_order = rooms.clone();
        in_conference_order
            .sort_by_key(|slug| agenda.rooms.iter().position(|r| r.slug.as_str() == slug));
        assert_eq!(rooms, in_conference_order);
        assert!(day
            .rows
            .iter()
            .any(|r| matches!(r, Row::Across(s) if s.kind.is_break())));
    }

    #[test]
    fn a_session_after_midnight_utc_belongs_to_the_venue_day() {
        let mut agenda = mechelen();
        // 00:30 in Brussels on the 17th is 23:30 UTC on the 16th.
        let late = agenda
            .conference
            .zone
            .to_utc(
                NaiveDate::from_ymd_opt(2017, 11, 17)
                    .unwrap()
                    .and_hms_opt(0, 30, 0)
                    .unwrap(),
            )
            .unwrap();
        let mut night = agenda.sessions[0].clone();
        night.slug = Slug::parse("night-walk").unwrap();
        night.kind = SessionKind::Workshop;
        night.starts_at = late;
        night.ends_at = late + chrono::Duration::minutes(30);
        agenda.sessions.push(night);
        let days = agenda.days();
        let friday = days
            .iter()
            .find(|d| d.date.to_string() == "2017-11-17")
            .unwrap();
        let Row::Parallel(cols) = &friday.rows[0] else {
            panic!("night walk first on Friday")
        };
        assert_eq!(cols[0].sessions[0].slug.as_str(), "night-walk");
    }

    #[test]
    fn a_person_s_line_is_in_the_reader_s_language_and_punctuation() {
        let beirut = demo::agendas().remove(1);
        let itani = beirut.person("jamal-itani").unwrap();
        assert_eq!(
            itani.affiliation(Lang::En),
            "Mayor of Beirut, Municipality of Beirut"
        );
        assert_eq!(itani.affiliation(Lang::Ar), "رئيس بلدية بيروت، بلدية بيروت");
        let mechelen = demo::agendas().remove(0);
        let boussraoui = mechelen.person("mohamed-boussraoui").unwrap();
        assert_eq!(
            boussraoui.affiliation(Lang::Fr),
            "Cités et Gouvernements Locaux Unis (CGLU)"
        );
    }

    #[test]
    fn one_person_can_hold_roles_in_several_sessions() {
        let agenda = mechelen();
        let busiest = agenda
            .people
            .iter()
            .map(|p| agenda.roles_of(&p.slug).count())
            .max()
            .unwrap();
        assert!(busiest >= 2);
    }
}
