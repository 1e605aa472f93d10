//! xCal (RFC 6321): the agenda's calendar as XML, the same events as the
//! `.ics` (the sessions' own UIDs), with times in UTC so that no time
//! zone needs defining.

use super::frab::leaf;
use super::plan::{utc, Plan};
use crate::agenda::Agenda;
use crate::i18n::Lang;
use chrono::{DateTime, Utc};
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, Event};
use quick_xml::Writer;

type Out = Writer<Vec<u8>>;
type Result = std::result::Result<(), quick_xml::Error>;

const NAMESPACE: &str = "urn:ietf:params:xml:ns:icalendar-2.0";

fn open(w: &mut Out, name: &str) -> Result {
    w.write_event(Event::Start(BytesStart::new(name)))?;
    Ok(())
}

fn close(w: &mut Out, name: &str) -> Result {
    w.write_event(Event::End(BytesEnd::new(name)))?;
    Ok(())
}

/// A property with one value: `<name><kind>value</kind></name>`.
fn property(w: &mut Out, name: &str, kind: &str, value: &str) -> Result {
    open(w, name)?;
    leaf(w, kind, &[], value)?;
    close(w, name)
}

/// The xCal of `agenda`, in `lang`; `stamp` is every event's DTSTAMP.
pub fn xcal(agenda: &Agenda, lang: Lang, base: &str, stamp: DateTime<Utc>) -> String {
    let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
    let _ = write(&mut w, &Plan::new(agenda, lang, base), stamp);
    String::from_utf8(w.into_inner()).unwrap_or_default()
}

fn write(w: &mut Out, plan: &Plan, stamp: DateTime<Utc>) -> Result {
    let conference = &plan.agenda.conference;
    let lang = plan.lang;
    w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))?;
    w.write_event(Event::Start(
        BytesStart::new("icalendar").with_attributes([("xmlns", NAMESPACE)]),
    ))?;
    open(w, "vcalendar")?;
    open(w, "properties")?;
    property(w, "prodid", "text", "-//Convene//Convene//EN")?;
    property(w, "version", "text", "2.0")?;
    property(w, "calscale", "text", "GREGORIAN")?;
    close(w, "properties")?;
    open(w, "components")?;
    for e in plan.events() {
        let session = e.session;
        open(w, "vevent")?;
        open(w, "properties")?;
        property(w, "uid", "text", &session.uid)?;
        property(w, "dtstamp", "date-time", &utc(stamp))?;
        property(w, "dtstart", "date-time", &utc(session.starts_at))?;
        property(w, "dtend", "date-time", &utc(session.ends_at))?;
        property(w, "summary", "text", session.title.get(lang))?;
        let description = session.description.get(lang);
        if !description.is_empty() {
            property(w, "description", "text", description)?;
        }
        let room = session.room.as_ref().map_or("", |_| e.room.as_str());
        let location = [room, &conference.venue, &conference.city]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect::<Vec<_>>()
            .join(", ");
        property(w, "location", "text", &location)?;
        property(w, "url", "uri", &plan.session_url(session))?;
        close(w, "properties")?;
        close(w, "vevent")?;
    }
    close(w, "components")?;
    close(w, "vcalendar")?;
    close(w, "icalendar")
}
