//! The demo conferences (Mechelen and Beirut, 2017), from `demo/*.json`.
//!
//! The files give session times as wall-clock times at the venue, as an
//! organiser writes them; parsing turns them into UTC with the venue's zone.
//! They are the data `convene seed demo` stores and the tests' fixtures.

use crate::agenda::{
    Agenda, Person, PersonLink, PersonRef, Role, Room, Session, SessionKind, SessionRole, Track,
};
use crate::conference::{Conference, Topic};
use crate::field::WebAddress;
use crate::i18n::{Lang, Localized};
use crate::materials::{MaterialKind, Materials};
use crate::registration::questions::{Choice, Question, QuestionKind};
use crate::registration::{RegistrationMode, RegistrationSetup};
use crate::slug::Slug;
use crate::zone::VenueZone;
use chrono::{DateTime, NaiveDate, NaiveTime, Utc};
use serde::Deserialize;
use std::collections::BTreeMap;

const SOURCES: [(&str, &str); 2] = [
    (
        "demo/mechelen-2017.json",
        include_str!("../demo/mechelen-2017.json"),
    ),
    (
        "demo/beirut-2017.json",
        include_str!("../demo/beirut-2017.json"),
    ),
];

type Text = BTreeMap<Lang, String>;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoConference {
    slug: Slug,
    title: Text,
    description: Text,
    starts_on: NaiveDate,
    ends_on: NaiveDate,
    zone: VenueZone,
    venue: String,
    city: String,
    country: String,
    hosts: Vec<String>,
    partners: Vec<String>,
    languages: Vec<Lang>,
    registration: DemoRegistration,
    topics: Vec<DemoNamed>,
    rooms: Vec<DemoRoom>,
    tracks: Vec<DemoNamed>,
    people: Vec<DemoPerson>,
    sessions: Vec<DemoSession>,
    #[serde(default)]
    face: DemoFace,
}

/// The demo conference's face: a drawn banner, its colour, its hosts' and
/// partners' links, and a drawn wordmark for each.
#[derive(Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoFace {
    accent: Option<String>,
    /// What the drawn banner shows, in words; no banner without it.
    #[serde(default)]
    banner_alt: Text,
    #[serde(default)]
    links: BTreeMap<String, WebAddress>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoPerson {
    slug: Slug,
    name: String,
    #[serde(default)]
    position: Text,
    #[serde(default)]
    organisation: Text,
    #[serde(default)]
    bio: Text,
    #[serde(default)]
    links: Vec<PersonLink>,
    /// Whether the demo draws them a portrait (never a photograph).
    #[serde(default)]
    portrait: bool,
    /// The portrait's text for those who cannot see it.
    #[serde(default)]
    portrait_alt: Text,
}

/// A session's document in the demo: a PDF the demo writes, of these lines.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoMaterial {
    pub kind: MaterialKind,
    pub lang: Lang,
    pub title: String,
    pub lines: Vec<String>,
}

/// What the demo makes for a conference before storing it (server side:
/// the pictures and PDFs are made by the upload's own steps).
#[derive(Clone, Debug, Default)]
pub struct Dressing {
    /// A drawn banner, with its words.
    pub banner: Option<Localized>,
    /// The hosts and partners given a drawn wordmark.
    pub wordmarks: Vec<String>,
    /// The people drawn a portrait, with its text in each language.
    pub portraits: Vec<(Slug, Localized)>,
    /// Each session's documents.
    pub documents: Vec<(Slug, DemoMaterial)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoRegistration {
    mode: RegistrationMode,
    capacity: Option<u32>,
    privacy: Text,
    questions: Vec<DemoQuestion>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoQuestion {
    code: Slug,
    kind: String,
    required: bool,
    label: Text,
    #[serde(default)]
    options: Vec<DemoNamed>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoNamed {
    slug: Slug,
    name: Text,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoRoom {
    slug: Slug,
    name: Text,
    capacity: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoSession {
    slug: Slug,
    kind: SessionKind,
    day: NaiveDate,
    start: NaiveTime,
    end: NaiveTime,
    room: Option<Slug>,
    track: Option<Slug>,
    seats: Option<u32>,
    title: Text,
    #[serde(default)]
    description: Text,
    #[serde(default)]
    people: Vec<(Slug, Role)>,
    livestream: Option<WebAddress>,
    recording: Option<WebAddress>,
    #[serde(default)]
    materials: Vec<DemoMaterial>,
}

#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    #[error("{file}: {source}")]
    Json {
        file: &'static str,
        source: serde_json::Error,
    },
    #[error("{file}: {what}")]
    Invalid { file: &'static str, what: String },
}

fn localized(original: Lang, text: Text) -> Localized {
    Localized { original, text }
}

/// A text that may be missing: `None` when empty; in the conference's
/// first language if it has it, else in the first it has.
fn optional(original: Lang, text: Text) -> Option<Localized> {
    let original = if text.contains_key(&original) {
        original
    } else {
        *text.keys().next()?
    };
    Some(Localized { original, text })
}

/// The item named by an optional slug; the slug back when none has it.
fn find<T: Clone>(
    items: &[T],
    slug: Option<&Slug>,
    key: impl Fn(&T) -> &Slug,
) -> Result<Option<T>, Slug> {
    match slug {
        None => Ok(None),
        Some(slug) => items
            .iter()
            .find(|i| key(i) == slug)
            .cloned()
            .map(Some)
            .ok_or_else(|| slug.clone()),
    }
}

type Parsed = (Agenda, RegistrationSetup, Dressing);

fn parse(file: &'static str, source: &str) -> Result<Parsed, DemoError> {
    let demo: DemoConference =
        serde_json::from_str(source).map_err(|source| DemoError::Json { file, source })?;
    let invalid = |what: String| DemoError::Invalid { file, what };
    let original = *demo
        .languages
        .first()
        .ok_or_else(|| invalid("no languages".into()))?;
    let mut questions = vec![];
    for q in demo.registration.questions {
        let kind = match q.kind.as_str() {
            "text" => QuestionKind::Text,
            "yes_no" => QuestionKind::YesNo,
            "choice" => QuestionKind::Choice {
                options: q
                    .options
                    .into_iter()
                    .map(|o| Choice {
                        code: o.slug,
                        label: localized(original, o.name),
                    })
                    .collect(),
            },
            other => return Err(invalid(format!("{}: unknown kind {other}", q.code))),
        };
        questions.push(Question {
            code: q.code,
            label: localized(original, q.label),
            required: q.required,
            kind,
        });
    }
    let setup = RegistrationSetup {
        mode: demo.registration.mode,
        capacity: demo.registration.capacity,
        questions,
        privacy: localized(original, demo.registration.privacy),
    };
    let rooms: Vec<Room> = demo
        .rooms
        .into_iter()
        .map(|r| Room {
            slug: r.slug,
            name: localized(original, r.name),
            capacity: r.capacity,
        })
        .collect();
    let tracks: Vec<Track> = demo
        .tracks
        .into_iter()
        .map(|t| Track {
            slug: t.slug,
            name: localized(original, t.name),
        })
        .collect();
    let mut dressing = Dressing {
        banner: optional(original, demo.face.banner_alt),
        wordmarks: demo.hosts.iter().chain(&demo.partners).cloned().collect(),
        ..Dressing::default()
    };
    let accent = demo
        .face
        .accent
        .as_deref()
        .map(crate::branding::parse_accent)
        .transpose()
        .map_err(|p| invalid(format!("accent: {p}")))?
        .flatten();
    let names: Vec<&String> = demo.hosts.iter().chain(&demo.partners).collect();
    if let Some(name) = demo.face.links.keys().find(|n| !names.contains(n)) {
        return Err(invalid(format!(
            "a link for {name}, who is no host or partner"
        )));
    }
    let face = crate::branding::Face {
        accent,
        organisations: names
            .iter()
            .map(|name| crate::branding::Organisation {
                name: (*name).clone(),
                url: demo.face.links.get(*name).cloned(),
                logo: None,
            })
            .collect(),
        ..Default::default()
    };
    let mut everyone = vec![];
    for p in demo.people {
        if p.portrait {
            let alt = optional(original, p.portrait_alt)
                .ok_or_else(|| invalid(format!("{}: a portrait needs its text", p.slug)))?;
            dressing.portraits.push((p.slug.clone(), alt));
        }
        everyone.push(Person {
            position: optional(original, p.position),
            organisation: optional(original, p.organisation),
            bio: optional(original, p.bio),
            links: p.links,
            ..Person::named(p.slug, p.name)
        });
    }
    let mut sessions = vec![];
    for s in demo.sessions {
        let room = find(&rooms, s.room.as_ref(), |r| &r.slug)
            .map_err(|slug| invalid(format!("{}: unknown room {slug}", s.slug)))?;
        let track = find(&tracks, s.track.as_ref(), |t| &t.slug)
            .map_err(|slug| invalid(format!("{}: unknown track {slug}", s.slug)))?;
        let mut people = vec![];
        for (slug, role) in s.people {
            let person = everyone
                .iter()
                .find(|p| p.slug == slug)
                .ok_or_else(|| invalid(format!("{}: unknown person {slug}", s.slug)))?;
            people.push(SessionRole {
                person: PersonRef {
                    slug,
                    name: person.name.clone(),
                },
                role,
            });
        }
        let at = |time: NaiveTime| {
            demo.zone
                .to_utc(s.day.and_time(time))
                .map_err(|e| invalid(e.to_string()))
        };
        for material in s.materials {
            dressing.documents.push((s.slug.clone(), material));
        }
        sessions.push(Session {
            uid: format!("{}@{}.convene", s.slug, demo.slug),
            slug: s.slug,
            title: localized(original, s.title),
            description: localized(original, s.description),
            kind: s.kind,
            starts_at: at(s.start)?,
            ends_at: at(s.end)?,
            room,
            track,
            seats: s.seats,
            people,
            materials: Materials {
                livestream: s.livestream,
                recording: s.recording,
                documents: vec![],
            },
        });
    }
    sessions.sort_by_key(|s| (s.starts_at, s.ends_at));
    let conference = Conference {
        slug: demo.slug,
        title: localized(original, demo.title),
        description: localized(original, demo.description),
        starts_on: demo.starts_on,
        ends_on: demo.ends_on,
        zone: demo.zone,
        venue: demo.venue,
        city: demo.city,
        country: demo.country,
        hosts: demo.hosts,
        partners: demo.partners,
        face,
        languages: demo.languages,
        // Announced sixty days before the first day, for the feeds.
        updated_at: demo.starts_on.and_time(NaiveTime::MIN).and_utc() - chrono::Duration::days(60),
        participants: false,
        topics: demo
            .topics
            .into_iter()
            .map(|t| Topic {
                slug: t.slug,
                name: localized(Lang::En, t.name),
            })
            .collect(),
    };
    let agenda = Agenda {
        conference,
        rooms,
        sessions,
        people: everyone,
    };
    Ok((agenda, setup, dressing))
}

/// The demo conferences with their registration, or what is wrong with
/// their files.
pub fn try_conferences() -> Result<Vec<Parsed>, DemoError> {
    SOURCES
        .iter()
        .map(|(file, source)| parse(file, source))
        .collect()
}

/// The demo conferences' agendas, or what is wrong with their files.
pub fn try_agendas() -> Result<Vec<Agenda>, DemoError> {
    Ok(try_conferences()?.into_iter().map(|(a, _, _)| a).collect())
}

/// The demo conferences with their registration.
pub fn conferences() -> Vec<Parsed> {
    try_conferences().unwrap_or_else(|e| panic!("demo data: {e}"))
}

/// The demo conferences. The files are part of the binary and checked by
/// the tests, so a failure here is a bug.
pub fn agendas() -> Vec<Agenda> {
    try_agendas().unwrap_or_else(|e| panic!("demo data: {e}"))
}

/// A post of `demo/news.json`, as its author would type it.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoPost {
    slug: String,
    kind: String,
    topics: Vec<String>,
    conference: Option<String>,
    /// "2017-11-17 17:00", at the conference's venue (UTC without one).
    publish: String,
    /// The outcome documents it refers to.
    #[serde(default)]
    documents: Vec<String>,
    title: Text,
    teaser: Text,
    body: Text,
}

const NEWS: &str = include_str!("../demo/news.json");

/// The demo's news, read through the post form's own parser, or what is
/// wrong with the file.
pub fn try_posts() -> Result<Vec<crate::news::PostEdit>, DemoError> {
    use crate::news::{PostEdit, PostForm};
    let file = "demo/news.json";
    let posts: Vec<DemoPost> =
        serde_json::from_str(NEWS).map_err(|source| DemoError::Json { file, source })?;
    let agendas = try_agendas()?;
    posts
        .into_iter()
        .map(|post| {
            let zone = agendas
                .iter()
                .find(|a| Some(a.conference.slug.as_str()) == post.conference.as_deref())
                .map(|a| a.conference.zone)
                .unwrap_or_else(crate::news::site_zone);
            let (day, time) = post.publish.split_once(' ').unwrap_or((&post.publish, ""));
            let mut pairs = vec![
                ("kind".to_owned(), post.kind),
                ("slug".to_owned(), post.slug.clone()),
                ("topics".to_owned(), post.topics.join("\n")),
                ("conference".to_owned(), post.conference.unwrap_or_default()),
                ("publish_day".to_owned(), day.to_owned()),
                ("publish_time".to_owned(), time.to_owned()),
            ];
            for document in post.documents {
                pairs.push(("documents".to_owned(), document));
            }
            for (prefix, texts) in [
                ("title", post.title),
                ("teaser", post.teaser),
                ("body", post.body),
            ] {
                for (lang, text) in texts {
                    pairs.push((format!("{prefix}_{}", lang.code()), text));
                }
            }
            PostEdit::parse(&PostForm::from_pairs(pairs), zone).map_err(|problems| {
                DemoError::Invalid {
                    file,
                    what: format!("{}: {problems:?}", post.slug),
                }
            })
        })
        .collect()
}

/// The demo's news. The file is part of the binary and checked by the
/// tests, so a failure here is a bug.
pub fn posts() -> Vec<crate::news::PostEdit> {
    try_posts().unwrap_or_else(|e| panic!("demo data: {e}"))
}

/// An outcome document of `demo/documents.json`: its form's fields and,
/// per language, the lines of its PDF.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct DemoDocument {
    slug: String,
    conference: String,
    adopted_on: String,
    title: Text,
    text: BTreeMap<Lang, Vec<String>>,
}

const DOCUMENTS: &str = include_str!("../demo/documents.json");

/// A demo document: its parsed form, and per language the lines of its PDF.
pub type DemoDocumentText = (crate::documents::DocumentEdit, Vec<(Lang, Vec<String>)>);

/// The demo's outcome documents, each parsed by the document form's parser,
/// with the lines of its PDF per language (the PDFs are written when the
/// demo is stored, by `documents::pdf`).
pub fn try_documents() -> Result<Vec<DemoDocumentText>, DemoError> {
    use crate::documents::{DocumentEdit, DocumentForm};
    let file = "demo/documents.json";
    let documents: Vec<DemoDocument> =
        serde_json::from_str(DOCUMENTS).map_err(|source| DemoError::Json { file, source })?;
    documents
        .into_iter()
        .map(|document| {
            let mut pairs = vec![
                ("slug".to_owned(), document.slug.clone()),
                ("conference".to_owned(), document.conference),
                ("adopted_on".to_owned(), document.adopted_on),
            ];
            for (lang, title) in document.title {
                pairs.push((format!("title_{}", lang.code()), title));
            }
            let edit =
                DocumentEdit::parse(&DocumentForm::from_pairs(pairs)).map_err(|problems| {
                    DemoError::Invalid {
                        file,
                        what: format!("{}: {problems:?}", document.slug),
                    }
                })?;
            Ok((edit, document.text.into_iter().collect()))
        })
        .collect()
}

/// The demo's outcome documents (checked by the tests, like the rest).
pub fn documents() -> Vec<DemoDocumentText> {
    try_documents().unwrap_or_else(|e| panic!("demo data: {e}"))
}

const DELEGATES: &str = include_str!("../demo/delegates.json");

/// A demo delegate of 2017, as they registered, what the organisers decided
/// and what happened at the door: `convene serve` stores them into a new
/// database with the demo conferences (the tests' fixtures have none).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoDelegate {
    pub conference: Slug,
    pub lang: Lang,
    pub registered: DateTime<Utc>,
    /// The form as the delegate filled it in.
    pub form: crate::registration::RegistrationForm,
    /// Approved or turned down (an approval conference); none: still
    /// awaiting approval.
    pub decision: Option<DemoDecision>,
    /// When the visa invitation letter was issued.
    pub letter: Option<DateTime<Utc>>,
    #[serde(default)]
    pub checked_in: Vec<DemoCheckIn>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoDecision {
    pub approve: bool,
    pub at: DateTime<Utc>,
    pub reason: Option<String>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DemoCheckIn {
    pub at: DateTime<Utc>,
    pub desk: String,
}

/// The demo delegates, or what is wrong with their file.
pub fn try_delegates() -> Result<Vec<DemoDelegate>, DemoError> {
    serde_json::from_str(DELEGATES).map_err(|source| DemoError::Json {
        file: "demo/delegates.json",
        source,
    })
}

/// The demo delegates (checked by the tests, like the rest).
pub fn delegates() -> Vec<DemoDelegate> {
    try_delegates().unwrap_or_else(|e| panic!("demo data: {e}"))
}

/// A conference of the benchmark: Mechelen's settings and people under
/// `slug`, with `sessions` panels of half an hour from 08:00 to 18:00 on
/// its two days, as many rooms side by side as they need, each with a
/// speaker. Not part of the demo; `convene seed bench` stores it.
pub fn sized(slug: &Slug, sessions: usize) -> Agenda {
    let mut agenda = agendas().remove(0);
    let c = &mut agenda.conference;
    c.slug = slug.clone();
    c.title = Localized::new(Lang::En, format!("Benchmark: {sessions} sessions"));
    let zone = c.zone;
    let days = c.days();
    const SLOTS_A_DAY: usize = 20;
    let slots = SLOTS_A_DAY * days.len();
    let rooms = sessions.div_ceil(slots).max(1);
    agenda.rooms = (1..=rooms)
        .map(|n| Room {
            slug: Slug::parse(&format!("room-{n}")).expect("a valid slug"),
            name: Localized::new(Lang::En, format!("Room {n}")),
            capacity: Some(100),
        })
        .collect();
    let people = agenda.people.clone();
    agenda.sessions = (0..sessions)
        .map(|i| {
            let (slot, room) = (i / rooms, i % rooms);
            let day = days[slot / SLOTS_A_DAY];
            let minutes = 8 * 60 + 30 * (slot % SLOTS_A_DAY) as u32;
            let at = |m: u32| {
                let time = NaiveTime::from_hms_opt(m / 60, m % 60, 0).expect("a time");
                zone.to_utc(day.and_time(time))
                    .expect("no change of clocks by day")
            };
            let speaker = &people[i % people.len()];
            Session {
                slug: Slug::parse(&format!("session-{i}")).expect("a valid slug"),
                uid: format!("session-{i}@{slug}.convene"),
                title: Localized::new(Lang::En, format!("Panel {i}"))
                    .with(Lang::Fr, format!("Panel {i}")),
                description: Localized::new(Lang::En, "Cities share what works."),
                kind: SessionKind::Panel,
                starts_at: at(minutes),
                ends_at: at(minutes + 30),
                room: Some(agenda.rooms[room].clone()),
                track: None,
                seats: None,
                people: vec![SessionRole {
                    person: PersonRef {
                        slug: speaker.slug.clone(),
                        name: speaker.name.clone(),
                    },
                    role: Role::Speaker,
                }],
                materials: Materials::default(),
            }
        })
        .collect();
    agenda
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_benchmark_agenda_has_the_sessions_asked_and_no_clash() {
        let agenda = sized(&Slug::parse("bench-500").unwrap(), 500);
        assert_eq!(agenda.sessions.len(), 500);
        assert_eq!(agenda.rooms.len(), 13);
        let warnings = crate::health::check(&agenda);
        assert!(
            warnings
                .iter()
                .all(|w| matches!(w, crate::health::Warning::PersonTwice { .. })),
            "only the speakers are stretched thin: {:?}",
            warnings.first()
        );
    }

    #[test]
    fn the_demo_files_parse() {
        let agendas = try_agendas().unwrap();
        let slugs: Vec<_> = agendas.iter().map(|a| a.conference.slug.as_str()).collect();
        assert_eq!(slugs, ["mechelen-2017", "beirut-2017"]);
    }

    #[test]
    fn the_demo_documents_parse() {
        let documents = try_documents().unwrap();
        assert_eq!(documents.len(), 2);
        for (edit, texts) in &documents {
            assert!(edit.conference.is_some());
            assert_eq!(texts.len(), 2, "English and French");
        }
    }

    #[test]
    fn the_demo_news_parses_at_each_venue() {
        let posts = try_posts().unwrap();
        assert_eq!(posts.len(), 4);
        let declaration = posts
            .iter()
            .find(|p| {
                p.conference
                    .as_ref()
                    .is_some_and(|c| c.as_str() == "mechelen-2017")
            })
            .unwrap();
        // 17:00 in Mechelen, CET.
        assert_eq!(
            declaration.publish_at.unwrap().to_rfc3339(),
            "2017-11-17T16:00:00+00:00"
        );
        // Beirut's report was written in English, French and Arabic.
        let beirut = posts
            .iter()
            .find(|p| {
                p.conference
                    .as_ref()
                    .is_some_and(|c| c.as_str() == "beirut-2017")
            })
            .unwrap();
        assert_eq!(beirut.texts.len(), 3);
    }

    #[test]
    fn every_session_falls_within_its_conference_days() {
        for agenda in agendas() {
            let zone = agenda.conference.zone;
            for s in &agenda.sessions {
                let day = zone.day_of(s.starts_at);
                assert!(
                    agenda.conference.days().contains(&day),
                    "{} on {day}",
                    s.slug
                );
                assert!(s.ends_at > s.starts_at, "{}", s.slug);
            }
        }
    }

    #[test]
    fn the_known_programme_items_are_there() {
        let mechelen = &agendas()[0];
        let discussion = mechelen.session("guided-discussion").unwrap();
        let zone = mechelen.conference.zone;
        assert_eq!(
            zone.span_label(Lang::En, discussion.starts_at, discussion.ends_at),
            "10:30–12:00 CET, Brussels time"
        );
        assert_eq!(
            discussion.people_with(Role::Moderator).next().unwrap().name,
            "Mohamed Boussraoui"
        );
        let beirut = &agendas()[1];
        assert!(beirut.conference.title.get(Lang::Ar).contains("المتوسط"));
        assert_eq!(beirut.conference.zone.name(), "Asia/Beirut");
    }
}
