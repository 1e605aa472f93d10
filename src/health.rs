//! The agenda's health: what would confuse delegates or cannot happen,
//! found before delegates see it (pretalx's schedule warnings). Each
//! warning names the sessions concerned; saving with a warning is allowed,
//! the back office lists them on the agenda's health panel.

use crate::agenda::Agenda;
use crate::slug::Slug;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Warning {
    /// Two sessions in one room at the same time.
    RoomTwice {
        room: Slug,
        first: Slug,
        second: Slug,
    },
    /// One person in two sessions at the same time.
    PersonTwice {
        person: Slug,
        first: Slug,
        second: Slug,
    },
    /// A session on a day the conference does not have (in the venue's
    /// calendar).
    OutsideDays { session: Slug },
    /// A session that ends when or before it starts.
    EndsBeforeStart { session: Slug },
    /// More seats offered than the room holds.
    SeatsAboveCapacity {
        session: Slug,
        seats: u32,
        capacity: u32,
    },
}

impl Warning {
    /// Whether the warning names the session `slug`.
    pub fn concerns(&self, slug: &Slug) -> bool {
        match self {
            Warning::RoomTwice { first, second, .. }
            | Warning::PersonTwice { first, second, .. } => first == slug || second == slug,
            Warning::OutsideDays { session }
            | Warning::EndsBeforeStart { session }
            | Warning::SeatsAboveCapacity { session, .. } => session == slug,
        }
    }

    /// The catalogue key of its message.
    pub fn key(&self) -> &'static str {
        match self {
            Warning::RoomTwice { .. } => "health-room-twice",
            Warning::PersonTwice { .. } => "health-person-twice",
            Warning::OutsideDays { .. } => "health-outside-days",
            Warning::EndsBeforeStart { .. } => "health-ends-before-start",
            Warning::SeatsAboveCapacity { .. } => "health-seats-above-capacity",
        }
    }
}

/// Every warning of an agenda, in the order of its sessions.
pub fn check(agenda: &Agenda) -> Vec<Warning> {
    let mut warnings = vec![];
    let days = agenda.conference.days();
    let zone = agenda.conference.zone;
    let sessions = &agenda.sessions;
    for (i, s) in sessions.iter().enumerate() {
        if s.ends_at <= s.starts_at {
            warnings.push(Warning::EndsBeforeStart {
                session: s.slug.clone(),
            });
        }
        let day = zone.day_of(s.starts_at);
        if !days.contains(&day) {
            warnings.push(Warning::OutsideDays {
                session: s.slug.clone(),
            });
        }
        if let (Some(seats), Some(capacity)) = (s.seats, s.room.as_ref().and_then(|r| r.capacity)) {
            if seats > capacity {
                warnings.push(Warning::SeatsAboveCapacity {
                    session: s.slug.clone(),
                    seats,
                    capacity,
                });
            }
        }
        for other in &sessions[i + 1..] {
            let overlap = s.starts_at < other.ends_at && other.starts_at < s.ends_at;
            if !overlap {
                continue;
            }
            if let (Some(a), Some(b)) = (&s.room, &other.room) {
                if a.slug == b.slug {
                    warnings.push(Warning::RoomTwice {
                        room: a.slug.clone(),
                        first: s.slug.clone(),
                        second: other.slug.clone(),
                    });
                }
            }
            for role in &s.people {
                if other
                    .people
                    .iter()
                    .any(|r| r.person.slug == role.person.slug)
                {
                    warnings.push(Warning::PersonTwice {
                        person: role.person.slug.clone(),
                        first: s.slug.clone(),
                        second: other.slug.clone(),
                    });
                }
            }
        }
    }
    warnings.dedup();
    warnings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    #[test]
    fn the_demo_agendas_are_healthy() {
        for agenda in demo::agendas() {
            assert_eq!(check(&agenda), vec![], "{}", agenda.conference.slug);
        }
    }

    #[test]
    fn every_kind_of_mistake_is_found() {
        let mut agenda = demo::agendas().remove(0);
        let hour = chrono::Duration::hours(1);
        let (workshop_a, workshop_b) = {
            let mut workshops = agenda
                .sessions
                .iter()
                .enumerate()
                .filter(|(_, s)| s.seats.is_some());
            (workshops.next().unwrap().0, workshops.next().unwrap().0)
        };
        // The second workshop moves into the first one's room, with its speaker.
        let room = agenda.sessions[workshop_a].room.clone();
        let speaker = agenda
            .sessions
            .iter()
            .find_map(|s| s.people.first().cloned());
        assert!(speaker.is_some());
        agenda.sessions[workshop_b].room = room;
        agenda.sessions[workshop_a].people.extend(speaker.clone());
        agenda.sessions[workshop_b].people.extend(speaker);
        // A seat limit above the room's capacity; a session ending at its start;
        // one a year later.
        agenda.sessions[workshop_a].seats = Some(500);
        let last = agenda.sessions.len() - 1;
        agenda.sessions[last].ends_at = agenda.sessions[last].starts_at;
        agenda.sessions[1].starts_at += hour * 24 * 365;
        agenda.sessions[1].ends_at += hour * 24 * 365;
        let keys: Vec<&str> = check(&agenda).iter().map(Warning::key).collect();
        for key in [
            "health-room-twice",
            "health-person-twice",
            "health-outside-days",
            "health-ends-before-start",
            "health-seats-above-capacity",
        ] {
            assert!(keys.contains(&key), "{key} in {keys:?}");
        }
        for lang in crate::Lang::ALL {
            for key in &keys {
                assert!(crate::i18n::has(lang, key), "{lang}: {key}");
            }
        }
    }
}
