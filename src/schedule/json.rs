//! The schedule JSON, as frab and pretalx export it (the `schedule.json`
//! conference apps and video pipelines read; its schema is c3voc's).

use super::plan::{at_venue, duration, Event, Plan};
use crate::agenda::Agenda;
use crate::i18n::Lang;
use crate::materials::MaterialKind;
use serde_json::{json, Map, Value};

/// The schedule JSON of `agenda`, in `lang`, with whole addresses on
/// `base`.
pub fn json(agenda: &Agenda, lang: Lang, base: &str) -> String {
    let plan = Plan::new(agenda, lang, base);
    let conference = &agenda.conference;
    let days: Vec<Value> = plan
        .days
        .iter()
        .map(|day| {
            let rooms: Map<String, Value> = day
                .rooms
                .iter()
                .map(|room| {
                    let events = room.events.iter().map(|e| event(&plan, e)).collect();
                    (room.name.clone(), Value::Array(events))
                })
                .collect();
            json!({
                "index": day.index,
                "date": day.date.to_string(),
                "day_start": at_venue(day.start),
                "day_end": at_venue(day.end),
                "rooms": rooms,
            })
        })
        .collect();
    let rooms: Vec<Value> = agenda
        .rooms
        .iter()
        .map(|room| {
            let mut value = json!({
                "name": room.name.get(lang),
                "slug": room.slug.as_str(),
                "guid": super::plan::guid(&format!("room:{}/{}", conference.slug, room.slug)),
            });
            if let Some(capacity) = room.capacity {
                value["capacity"] = json!(capacity);
            }
            value
        })
        .collect();
    let mut tracks: Vec<Value> = vec![];
    for track in agenda.sessions.iter().filter_map(|s| s.track.as_ref()) {
        let value = json!({ "name": track.name.get(lang), "slug": track.slug.as_str() });
        if !tracks.contains(&value) {
            tracks.push(value);
        }
    }
    let description = conference.description.get(lang);
    let mut conference_value = json!({
        "acronym": plan.acronym,
        "title": conference.title.get(lang),
        "start": conference.starts_on.to_string(),
        "end": conference.ends_on.to_string(),
        "daysCount": plan.days.len(),
        "timeslot_duration": "00:05",
        "time_zone_name": conference.zone.name(),
        "url": plan.conference_url(),
        "rooms": rooms,
        "tracks": tracks,
        "days": days,
    });
    if !description.is_empty() {
        conference_value["description"] = json!(description);
    }
    let document = json!({
        "$schema": "https://c3voc.de/schedule/schema.json",
        "generator": { "name": "Convene", "version": env!("CARGO_PKG_VERSION") },
        "schedule": {
            "version": plan.version,
            "base_url": plan.conference_url(),
            "conference": conference_value,
        },
    });
    serde_json::to_string_pretty(&document).unwrap_or_default()
}

fn event(plan: &Plan, e: &Event) -> Value {
    let session = e.session;
    let lang = plan.lang;
    let description = session.description.get(lang);
    let persons: Vec<Value> = plan
        .people(session)
        .into_iter()
        .map(|(name, guid, profile)| {
            let mut person = json!({ "name": name, "guid": guid });
            if let Some(profile) = profile {
                person["url"] = json!(crate::paths::link(
                    plan.base,
                    &crate::paths::person(&plan.agenda.conference.slug, &profile.slug)
                ));
                if let Some(bio) = &profile.bio {
                    person["biography"] = json!(bio.get(lang));
                }
            }
            person
        })
        .collect();
    let mut links: Vec<Value> = vec![];
    if let Some(live) = &session.materials.livestream {
        links.push(json!({ "url": live.as_str(), "title": crate::i18n::t(lang, "agenda-watch-live"), "type": "media" }));
    }
    if let Some(recording) = &session.materials.recording {
        links.push(json!({ "url": recording.as_str(), "title": crate::i18n::t(lang, "agenda-watch-recording"), "type": "media" }));
    }
    let attachments: Vec<Value> = session
        .materials
        .documents
        .iter()
        .map(|d| {
            let kind = match d.kind {
                MaterialKind::Slides => "slides",
                MaterialKind::Summary => "paper",
                _ => "related",
            };
            json!({ "url": plan.whole(d.source.href()), "title": d.title, "type": kind })
        })
        .collect();
    json!({
        "guid": e.guid,
        "id": e.id,
        "date": at_venue(e.start),
        "start": e.start.format("%H:%M").to_string(),
        "duration": duration(session),
        "room": e.room,
        "slug": e.slug,
        "url": plan.session_url(session),
        "title": session.title.get(lang),
        "subtitle": null,
        "track": session.track.as_ref().map(|t| t.name.get(lang).to_owned()),
        "type": plan.kind(session),
        "language": session.title.lang_of(lang).code(),
        "abstract": if description.is_empty() { Value::Null } else { json!(description) },
        "description": null,
        "persons": persons,
        "links": links,
        "attachments": attachments,
    })
}
