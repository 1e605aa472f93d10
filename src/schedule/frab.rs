//! The Frab XML (`schedule.xml`), as frab and pretalx export it; written
//! by `quick-xml`, which escapes every text and attribute.

use super::plan::{at_venue, duration, Plan};
use crate::agenda::Agenda;
use crate::i18n::Lang;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

type Out = Writer<Vec<u8>>;
type Result = std::result::Result<(), quick_xml::Error>;

fn open(w: &mut Out, name: &str, attributes: &[(&str, &str)]) -> Result {
    let mut start = BytesStart::new(name);
    for attribute in attributes {
        start.push_attribute(*attribute);
    }
    w.write_event(Event::Start(start))?;
    Ok(())
}

fn close(w: &mut Out, name: &str) -> Result {
    w.write_event(Event::End(BytesEnd::new(name)))?;
    Ok(())
}

/// `<name attributes>text</name>`.
pub(super) fn leaf(w: &mut Out, name: &str, attributes: &[(&str, &str)], text: &str) -> Result {
    open(w, name, attributes)?;
    w.write_event(Event::Text(BytesText::new(text)))?;
    close(w, name)
}

/// The Frab XML of `agenda`, in `lang`, with whole addresses on `base`.
pub fn frab(agenda: &Agenda, lang: Lang, base: &str) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 2);
    // Writing to memory fails only if the writer is misused; the result
    // is then empty, and the schema test says so.
    let _ = write(&mut w, &Plan::new(agenda, lang, base));
    String::from_utf8(w.into_inner()).unwrap_or_default()
}

fn write(w: &mut Out, plan: &Plan) -> Result {
    let conference = &plan.agenda.conference;
    let lang = plan.lang;
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    // The schema's order: generator, url, version, conference, days.
    open(w, "schedule", &[])?;
    w.write_event(Event::Empty(BytesStart::new("generator").with_attributes(
        [("name", "Convene"), ("version", env!("CARGO_PKG_VERSION"))],
    )))?;
    leaf(w, "url", &[], &plan.conference_url())?;
    leaf(w, "version", &[], &plan.version)?;
    open(w, "conference", &[])?;
    leaf(w, "acronym", &[], &plan.acronym)?;
    leaf(w, "title", &[], conference.title.get(lang))?;
    leaf(w, "start", &[], &conference.starts_on.to_string())?;
    leaf(w, "end", &[], &conference.ends_on.to_string())?;
    leaf(w, "days", &[], &plan.days.len().to_string())?;
    leaf(w, "timeslot_duration", &[], "00:05")?;
    leaf(w, "time_zone_name", &[], conference.zone.name())?;
    leaf(w, "url", &[], &plan.conference_url())?;
    close(w, "conference")?;
    for day in &plan.days {
        let index = day.index.to_string();
        let date = day.date.to_string();
        let (start, end) = (at_venue(day.start), at_venue(day.end));
        open(
            w,
            "day",
            &[
                ("index", &index),
                ("date", &date),
                ("start", &start),
                ("end", &end),
            ],
        )?;
        for room in &day.rooms {
            let guid = room.guid.to_string();
            open(w, "room", &[("name", &room.name), ("guid", &guid)])?;
            for e in &room.events {
                let session = e.session;
                let (id, guid) = (e.id.to_string(), e.guid.to_string());
                open(w, "event", &[("id", &id), ("guid", &guid)])?;
                leaf(w, "room", &[], &e.room)?;
                leaf(w, "title", &[], session.title.get(lang))?;
                leaf(w, "subtitle", &[], "")?;
                leaf(w, "type", &[], &plan.kind(session))?;
                leaf(w, "date", &[], &at_venue(e.start))?;
                leaf(w, "start", &[], &e.start.format("%H:%M").to_string())?;
                leaf(w, "duration", &[], &duration(session))?;
                leaf(w, "abstract", &[], session.description.get(lang))?;
                leaf(w, "slug", &[], &e.slug)?;
                leaf(
                    w,
                    "track",
                    &[],
                    session.track.as_ref().map_or("", |t| t.name.get(lang)),
                )?;
                leaf(w, "language", &[], session.title.lang_of(lang).code())?;
                leaf(w, "url", &[], &plan.session_url(session))?;
                open(w, "persons", &[])?;
                for (name, guid, _) in plan.people(session) {
                    leaf(w, "person", &[("guid", &guid.to_string())], name)?;
                }
                close(w, "persons")?;
                open(w, "links", &[])?;
                let watch = [
                    (&session.materials.livestream, "agenda-watch-live"),
                    (&session.materials.recording, "agenda-watch-recording"),
                ];
                for (address, key) in watch {
                    if let Some(address) = address {
                        leaf(
                            w,
                            "link",
                            &[("href", address.as_str())],
                            &crate::i18n::t(lang, key),
                        )?;
                    }
                }
                close(w, "links")?;
                open(w, "attachments", &[])?;
                for document in &session.materials.documents {
                    let href = plan.whole(document.source.href());
                    leaf(w, "attachment", &[("href", &href)], &document.title)?;
                }
                close(w, "attachments")?;
                close(w, "event")?;
            }
            close(w, "room")?;
        }
        close(w, "day")?;
    }
    close(w, "schedule")
}
