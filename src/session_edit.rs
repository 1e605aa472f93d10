//! A session as the agenda editor changes it: the form as typed, and the
//! change it parses into. Times are typed in the venue's calendar and
//! clock. An impossible value (an end before the start, a time the clocks
//! skip) is refused beside its field; what is merely unusual (a session
//! outside the conference's days, a room used twice) is saved and shown on
//! the agenda's health panel ([`crate::health`]).

use crate::agenda::{Agenda, SessionKind};
use crate::field::{Problem, ShortText};
use crate::i18n::Lang;
use crate::slug::Slug;
use chrono::{DateTime, NaiveTime, Utc};
use serde::{Deserialize, Serialize};

/// The editor's fields, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct SessionForm {
    /// The title in each of the conference's languages: (code, text).
    pub titles: Vec<(String, String)>,
    pub kind: String,
    /// 2017-11-16
    pub day: String,
    /// 13:30
    pub start: String,
    pub end: String,
    /// A room's slug; empty for none.
    pub room: String,
    /// Empty: no limit.
    pub seats: String,
    /// A track's name in the conference's first language; empty for none.
    pub track: String,
}

impl SessionForm {
    /// From a posted body: `title_en`, `title_fr`, ... and the other fields.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> SessionForm {
        let mut form = SessionForm::default();
        for (name, value) in pairs {
            match name.as_str() {
                "kind" => form.kind = value,
                "day" => form.day = value,
                "start" => form.start = value,
                "end" => form.end = value,
                "room" => form.room = value,
                "seats" => form.seats = value,
                "track" => form.track = value,
                other => {
                    if let Some(lang) = other.strip_prefix("title_") {
                        form.titles.push((lang.to_owned(), value));
                    }
                }
            }
        }
        form
    }

    pub fn title(&self, lang: Lang) -> &str {
        self.titles
            .iter()
            .find(|(l, _)| l == lang.code())
            .map(|(_, t)| t.as_str())
            .unwrap_or("")
    }
}

/// The editor's fields, for problems beside them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum SessionField {
    Title(Lang),
    Kind,
    Day,
    Start,
    End,
    Room,
    Seats,
    Track,
}

/// A change that passed every rule of the editor.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SessionEdit {
    /// In the conference's languages; the first is required.
    pub titles: Vec<(Lang, String)>,
    pub kind: SessionKind,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub room: Option<Slug>,
    pub seats: Option<u32>,
    /// The track's name: an existing track's, or a new one's.
    pub track: Option<String>,
}

impl SessionEdit {
    /// Parses the form by the agenda's conference (its languages, zone and
    /// rooms), reporting every problem at once.
    pub fn parse(
        form: &SessionForm,
        agenda: &Agenda,
    ) -> Result<SessionEdit, Vec<(SessionField, Problem)>> {
        let mut problems = vec![];
        let c = &agenda.conference;
        let mut titles = vec![];
        for (i, lang) in c.languages.iter().enumerate() {
            let typed = form.title(*lang);
            let parsed = if i == 0 {
                ShortText::<300>::parse(typed).map(Some)
            } else {
                ShortText::<300>::parse_optional(typed)
            };
            match parsed {
                Ok(Some(title)) => titles.push((*lang, title.as_str().to_owned())),
                Ok(None) => {}
                Err(p) => problems.push((SessionField::Title(*lang), p)),
            }
        }
        let kind = SessionKind::parse(form.kind.trim());
        if kind.is_none() {
            problems.push((SessionField::Kind, Problem::ChooseOne));
        }
        let day = crate::registration::iso_date(&form.day);
        if day.is_none() {
            problems.push((SessionField::Day, Problem::NotADate));
        }
        let time = |value: &str, field, problems: &mut Vec<(SessionField, Problem)>| {
            let parsed = NaiveTime::parse_from_str(value.trim(), "%H:%M").ok();
            if parsed.is_none() {
                problems.push((field, Problem::NotATime));
            }
            parsed
        };
        let start = time(&form.start, SessionField::Start, &mut problems);
        let end = time(&form.end, SessionField::End, &mut problems);
        let room = match form.room.trim() {
            "" => None,
            slug => match agenda.rooms.iter().find(|r| r.slug.as_str() == slug) {
                Some(room) => Some(room.slug.clone()),
                None => {
                    problems.push((SessionField::Room, Problem::ChooseOne));
                    None
                }
            },
        };
        let seats = match form.seats.trim() {
            "" => None,
            n => match n.parse::<u32>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    problems.push((SessionField::Seats, Problem::NotANumber));
                    None
                }
            },
        };
        let track = match ShortText::<100>::parse_optional(&form.track) {
            Ok(track) => track.map(|t| t.as_str().to_owned()),
            Err(p) => {
                problems.push((SessionField::Track, p));
                None
            }
        };
        let at = |time: Option<NaiveTime>, field, problems: &mut Vec<(SessionField, Problem)>| {
            let (day, time) = (day?, time?);
            match c.zone.to_utc(day.and_time(time)) {
                Ok(at) => Some(at),
                Err(_) => {
                    problems.push((field, Problem::SkippedByClocks));
                    None
                }
            }
        };
        let starts_at = at(start, SessionField::Start, &mut problems);
        let ends_at = at(end, SessionField::End, &mut problems);
        if let (Some(s), Some(e)) = (starts_at, ends_at) {
            if e <= s {
                problems.push((SessionField::End, Problem::EndsBeforeStart));
            }
        }
        match (kind, starts_at, ends_at) {
            (Some(kind), Some(starts_at), Some(ends_at)) if problems.is_empty() => {
                Ok(SessionEdit {
                    titles,
                    kind,
                    starts_at,
                    ends_at,
                    room,
                    seats,
                    track,
                })
            }
            _ => Err(problems),
        }
    }
}

impl SessionEdit {
    /// The title, its first language the original.
    pub fn title(&self) -> Option<crate::i18n::Localized> {
        let (first, _) = self.titles.first()?;
        let mut title = crate::i18n::Localized::new(*first, "");
        for (lang, text) in &self.titles {
            title = title.with(*lang, text.clone());
        }
        Some(title)
    }

    /// The agenda as it would be if this session were saved, as `current`
    /// (the session being edited, keeping its people) or as a new session
    /// when `None`, and its health warnings about this session: what the
    /// change causes, for the editor to show as it is typed.
    pub fn as_saved(
        &self,
        agenda: &Agenda,
        current: Option<&Slug>,
    ) -> (Agenda, Vec<crate::health::Warning>) {
        // A slug no stored session has, for a session not saved yet.
        let unsaved = Slug::parse("unsaved-session").expect("a valid slug");
        let slug = current.cloned().unwrap_or(unsaved);
        let mut agenda = agenda.clone();
        let existing = agenda.sessions.iter().position(|s| s.slug == slug);
        let people = existing
            .map(|i| agenda.sessions[i].people.clone())
            .unwrap_or_default();
        let room = self
            .room
            .as_ref()
            .and_then(|r| agenda.rooms.iter().find(|room| &room.slug == r))
            .cloned();
        let original = agenda
            .conference
            .languages
            .first()
            .copied()
            .unwrap_or_default();
        let title = self
            .title()
            .unwrap_or_else(|| crate::i18n::Localized::new(original, ""));
        let candidate = crate::agenda::Session {
            slug: slug.clone(),
            uid: String::new(),
            title,
            description: crate::i18n::Localized::new(original, ""),
            kind: self.kind,
            starts_at: self.starts_at,
            ends_at: self.ends_at,
            room,
            track: None,
            seats: self.seats,
            people,
            materials: Default::default(),
        };
        match existing {
            Some(i) => agenda.sessions[i] = candidate,
            None => agenda.sessions.push(candidate),
        }
        let warnings = crate::health::check(&agenda)
            .into_iter()
            .filter(|w| w.concerns(&slug))
            .collect();
        (agenda, warnings)
    }
}

/// A person as the agenda editor adds them: a name, and where they are
/// from (optional).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonEdit {
    pub name: String,
    pub affiliation: String,
}

impl PersonEdit {
    /// The problems are beside the name and the affiliation, in order.
    pub fn parse(
        name: &str,
        affiliation: &str,
    ) -> Result<PersonEdit, (Option<Problem>, Option<Problem>)> {
        let name = crate::field::PersonName::parse(name);
        let affiliation = ShortText::<200>::parse_optional(affiliation);
        match (name, affiliation) {
            (Ok(name), Ok(affiliation)) => Ok(PersonEdit {
                name: name.as_str().to_owned(),
                affiliation: affiliation
                    .map(|a| a.as_str().to_owned())
                    .unwrap_or_default(),
            }),
            (name, affiliation) => Err((name.err(), affiliation.err())),
        }
    }
}

/// A room as the agenda editor adds it: its name in the conference's
/// first language, and how many it holds.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoomEdit {
    pub name: String,
    pub capacity: Option<u32>,
}

/// The room form's fields, for problems beside them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RoomField {
    Name,
    Capacity,
}

impl RoomEdit {
    pub fn parse(name: &str, capacity: &str) -> Result<RoomEdit, Vec<(RoomField, Problem)>> {
        let mut problems = vec![];
        let name = ShortText::<100>::parse(name)
            .map_err(|p| problems.push((RoomField::Name, p)))
            .ok();
        let capacity = match capacity.trim() {
            "" => None,
            n => match n.parse::<u32>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    problems.push((RoomField::Capacity, Problem::NotANumber));
                    None
                }
            },
        };
        match name {
            Some(name) if problems.is_empty() => Ok(RoomEdit {
                name: name.as_str().to_owned(),
                capacity,
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> SessionForm {
        SessionForm::from_pairs(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())))
    }

    #[test]
    fn a_session_is_edited_in_the_venues_time() {
        let agenda = crate::demo::agendas().remove(0);
        let edit = SessionEdit::parse(
            &form(&[
                ("title_en", "Workshop: Housing"),
                ("title_fr", ""),
                ("kind", "workshop"),
                ("day", "2017-11-16"),
                ("start", "13:30"),
                ("end", "15:00"),
                ("room", "room-a"),
                ("seats", "40"),
            ]),
            &agenda,
        )
        .unwrap();
        assert_eq!(edit.titles, [(Lang::En, "Workshop: Housing".to_owned())]);
        assert_eq!(
            edit.starts_at.to_rfc3339(),
            "2017-11-16T12:30:00+00:00",
            "13:30 CET"
        );
        assert_eq!(edit.seats, Some(40));
    }

    #[test]
    fn a_session_as_typed_is_checked_against_the_rest_of_the_agenda() {
        use crate::health::Warning;
        let agenda = crate::demo::agendas().remove(0);
        let typed = |day: &str, room: &str| {
            SessionEdit::parse(
                &form(&[
                    ("title_en", "Housing"),
                    ("kind", "workshop"),
                    ("day", day),
                    ("start", "14:00"),
                    ("end", "15:00"),
                    ("room", room),
                    ("seats", "100"),
                    ("track", " Local practice "),
                ]),
                &agenda,
            )
            .unwrap()
        };
        let new = typed("2017-11-16", "room-a");
        assert_eq!(new.track.as_deref(), Some("Local practice"));
        let (_, warnings) = new.as_saved(&agenda, None);
        assert!(
            warnings
                .iter()
                .any(|w| matches!(w, Warning::RoomTwice { first, .. }
                if first.as_str() == "workshop-social-inclusion")),
            "{warnings:?}"
        );
        assert!(warnings.contains(&Warning::SeatsAboveCapacity {
            session: Slug::parse("unsaved-session").unwrap(),
            seats: 100,
            capacity: 80,
        }));
        // The workshop itself, moved a day after the conference: it no
        // longer meets its old neighbours, but is outside the days.
        let own = Slug::parse("workshop-social-inclusion").unwrap();
        let (_, moved) = typed("2017-11-18", "room-a").as_saved(&agenda, Some(&own));
        assert!(moved.contains(&Warning::OutsideDays {
            session: own.clone()
        }));
        assert!(!moved.iter().any(|w| matches!(w, Warning::RoomTwice { .. })));
        // In its own room at its own time, it does not clash with itself.
        let (_, same) = typed("2017-11-16", "room-a").as_saved(&agenda, Some(&own));
        assert!(
            !same.iter().any(|w| matches!(w, Warning::RoomTwice { .. })),
            "{same:?}"
        );
    }

    #[test]
    fn rooms_have_a_name_and_maybe_a_capacity() {
        assert_eq!(
            RoomEdit::parse(" Salle Dürer ", "120"),
            Ok(RoomEdit {
                name: "Salle Dürer".into(),
                capacity: Some(120)
            })
        );
        assert_eq!(
            RoomEdit::parse("", "many"),
            Err(vec![
                (RoomField::Name, Problem::Required),
                (RoomField::Capacity, Problem::NotANumber)
            ])
        );
    }

    #[test]
    fn impossible_values_are_refused_beside_their_field() {
        let agenda = crate::demo::agendas().remove(0);
        let problems = SessionEdit::parse(
            &form(&[
                ("title_en", ""),
                ("kind", "party"),
                ("day", "2017-11-16"),
                ("start", "15:00"),
                ("end", "14:00"),
                ("room", "attic"),
                ("seats", "-3"),
            ]),
            &agenda,
        )
        .unwrap_err();
        assert_eq!(
            problems,
            vec![
                (SessionField::Title(Lang::En), Problem::Required),
                (SessionField::Kind, Problem::ChooseOne),
                (SessionField::Room, Problem::ChooseOne),
                (SessionField::Seats, Problem::NotANumber),
                (SessionField::End, Problem::EndsBeforeStart),
            ]
        );
        // 02:30 on the last Sunday of March 2017 does not exist in Brussels.
        let skipped = SessionEdit::parse(
            &form(&[
                ("title_en", "Night"),
                ("kind", "break"),
                ("day", "2017-03-26"),
                ("start", "02:30"),
                ("end", "04:00"),
            ]),
            &agenda,
        )
        .unwrap_err();
        assert_eq!(
            skipped,
            vec![(SessionField::Start, Problem::SkippedByClocks)]
        );
    }
}
