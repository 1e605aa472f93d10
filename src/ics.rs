//! iCalendar (RFC 5545) for the whole agenda or one session.
//!
//! Times are written in the venue's zone (`DTSTART;TZID=...`) with the
//! VTIMEZONE that defines it, so calendars show the right hour whatever their
//! own zone. Every event's UID is the session's stable uid.
//!
//! Written here rather than with the `icalendar` crate: that crate cannot
//! write a VTIMEZONE (its transitions from the zone's rules), and without
//! one a TZID is only a name some calendars guess at.

use crate::agenda::{Agenda, Session};
use crate::i18n::Lang;
use crate::zone::VenueZone;
use chrono::{DateTime, Datelike, Duration, Offset, TimeZone, Utc};
use std::fmt::Write;

/// The calendar of `sessions` of the agenda's conference.
/// `base_url` has no trailing slash; `stamp` is the DTSTAMP of every event.
pub fn calendar(
    agenda: &Agenda,
    sessions: &[&Session],
    lang: Lang,
    base_url: &str,
    stamp: DateTime<Utc>,
) -> String {
    write(agenda, sessions, Kind::Agenda, lang, base_url, stamp)
}

/// A delegate's calendar: the conference's days, then the sessions they
/// hold a seat in (attached to their confirmation).
pub fn registration_calendar(
    agenda: &Agenda,
    sessions: &[&Session],
    lang: Lang,
    base_url: &str,
    stamp: DateTime<Utc>,
) -> String {
    write(agenda, sessions, Kind::Registration, lang, base_url, stamp)
}

/// A delegate's subscribed calendar (`my_agenda`): like
/// [`registration_calendar`], and it asks calendar programs to fetch it
/// again every hour, so that a session moved by the organiser moves there.
/// `None` for a closed registration: no event at all, so that every one
/// leaves the subscriber's calendar.
pub fn subscribed_calendar(
    agenda: &Agenda,
    sessions: Option<&[&Session]>,
    lang: Lang,
    base_url: &str,
    stamp: DateTime<Utc>,
) -> String {
    match sessions {
        Some(sessions) => write(agenda, sessions, Kind::Subscribed, lang, base_url, stamp),
        None => write(agenda, &[], Kind::Emptied, lang, base_url, stamp),
    }
}

/// Which calendar: the agenda's (its sessions only), a delegate's
/// (the conference's days first), a delegate's subscribed feed, or that
/// feed once the registration is closed (nothing).
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Agenda,
    Registration,
    Subscribed,
    Emptied,
}

fn write(
    agenda: &Agenda,
    sessions: &[&Session],
    kind: Kind,
    lang: Lang,
    base_url: &str,
    stamp: DateTime<Utc>,
) -> String {
    let conference = &agenda.conference;
    let zone = conference.zone;
    let mut out = Lines::default();
    out.line("BEGIN:VCALENDAR");
    out.line("VERSION:2.0");
    out.line("PRODID:-//Convene//Convene//EN");
    out.line("CALSCALE:GREGORIAN");
    out.line("METHOD:PUBLISH");
    if matches!(kind, Kind::Subscribed | Kind::Emptied) {
        // RFC 7986's REFRESH-INTERVAL, and the older name some programs
        // read: fetched again every hour.
        out.line("REFRESH-INTERVAL;VALUE=DURATION:PT1H");
        out.line("X-PUBLISHED-TTL:PT1H");
    }
    out.property("X-WR-CALNAME", &text(conference.title.get(lang)));
    out.property("X-WR-TIMEZONE", zone.name());
    let years = sessions.iter().map(|s| zone.local(s.starts_at).year());
    if let (Some(first), Some(last)) = (years.clone().min(), years.max()) {
        vtimezone(&mut out, zone, first, last);
    }
    if matches!(kind, Kind::Registration | Kind::Subscribed) {
        // The conference's days as one all-day event (DTEND is exclusive).
        out.line("BEGIN:VEVENT");
        out.property("UID", &text(&format!("{}@convene", conference.slug)));
        out.property("DTSTAMP", &stamp.format("%Y%m%dT%H%M%SZ").to_string());
        out.property(
            "DTSTART;VALUE=DATE",
            &conference.starts_on.format("%Y%m%d").to_string(),
        );
        out.property(
            "DTEND;VALUE=DATE",
            &(conference.ends_on + Duration::days(1))
                .format("%Y%m%d")
                .to_string(),
        );
        out.property("SUMMARY", &text(conference.title.get(lang)));
        out.property(
            "LOCATION",
            &text(&format!("{}, {}", conference.venue, conference.city)),
        );
        out.property(
            "URL",
            &crate::paths::link(base_url, &crate::paths::conference(&conference.slug)),
        );
        out.line("END:VEVENT");
    }
    for session in sessions {
        out.line("BEGIN:VEVENT");
        out.property("UID", &text(&session.uid));
        out.property("DTSTAMP", &stamp.format("%Y%m%dT%H%M%SZ").to_string());
        out.property(
            &format!("DTSTART;TZID={}", zone.name()),
            &local(zone, session.starts_at),
        );
        out.property(
            &format!("DTEND;TZID={}", zone.name()),
            &local(zone, session.ends_at),
        );
        out.property("SUMMARY", &text(session.title.get(lang)));
        let description = session.description.get(lang);
        if !description.is_empty() {
            out.property("DESCRIPTION", &text(description));
        }
        let mut location = vec![];
        if let Some(room) = &session.room {
            location.push(room.name.get(lang).to_owned());
        }
        location.push(conference.venue.clone());
        location.push(conference.city.clone());
        out.property("LOCATION", &text(&location.join(", ")));
        out.property(
            "URL",
            &crate::paths::link(
                base_url,
                &crate::paths::session(&conference.slug, &session.slug),
            ),
        );
        out.line("END:VEVENT");
    }
    out.line("END:VCALENDAR");
    out.0
}

fn local(zone: VenueZone, at: DateTime<Utc>) -> String {
    zone.local(at).format("%Y%m%dT%H%M%S").to_string()
}

/// The zone's definition for the years the events fall in: the offset in
/// force on 1 January of the first year, then every change of offset.
fn vtimezone(out: &mut Lines, zone: VenueZone, first_year: i32, last_year: i32) {
    let tz = zone.tz();
    let offset = |at: DateTime<Utc>| {
        tz.offset_from_utc_datetime(&at.naive_utc())
            .fix()
            .local_minus_utc()
    };
    let start = Utc
        .with_ymd_and_hms(first_year, 1, 1, 0, 0, 0)
        .single()
        .expect("1 January exists");
    let end = Utc
        .with_ymd_and_hms(last_year + 1, 1, 1, 0, 0, 0)
        .single()
        .expect("1 January exists");
    let mut observances = vec![(start, offset(start), offset(start))];
    let mut at = start;
    // Zones change offset on the hour or half hour; scan in quarter hours.
    while at < end {
        let next = at + Duration::minutes(15);
        let (before, after) = (offset(at), offset(next));
        if before != after {
            observances.push((next, before, after));
        }
        at = next;
    }
    out.line("BEGIN:VTIMEZONE");
    out.property("TZID", zone.name());
    for (onset, from, to) in observances {
        let kind = if to > from { "DAYLIGHT" } else { "STANDARD" };
        out.line(&format!("BEGIN:{kind}"));
        let onset_local = onset.naive_utc() + Duration::seconds(from.into());
        out.property("DTSTART", &onset_local.format("%Y%m%dT%H%M%S").to_string());
        out.property("TZOFFSETFROM", &utc_offset(from));
        out.property("TZOFFSETTO", &utc_offset(to));
        out.property("TZNAME", &text(&zone.abbreviation(onset)));
        out.line(&format!("END:{kind}"));
    }
    out.line("END:VTIMEZONE");
}

fn utc_offset(seconds: i32) -> String {
    let sign = if seconds < 0 { '-' } else { '+' };
    let minutes = seconds.abs() / 60;
    format!("{sign}{:02}{:02}", minutes / 60, minutes % 60)
}

/// A TEXT value (RFC 5545 §3.3.11): backslash, semicolon, comma and newline
/// escaped; other control characters dropped.
fn text(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Content lines, CRLF-terminated and folded at 75 octets (§3.1) without
/// splitting a character.
#[derive(Default)]
struct Lines(String);

impl Lines {
    fn property(&mut self, name: &str, value: &str) {
        self.line(&format!("{name}:{value}"));
    }

    fn line(&mut self, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            if width + c.len_utf8() > 75 {
                self.0.push_str("\r\n ");
                width = 1;
            }
            self.0.push(c);
            width += c.len_utf8();
        }
        let _ = write!(self.0, "\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    fn unfold(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    #[test]
    fn the_agenda_calendar_is_well_formed() {
        let agenda = &demo::agendas()[0];
        let sessions: Vec<_> = agenda.sessions.iter().collect();
        let ics = calendar(
            agenda,
            &sessions,
            Lang::En,
            "https://example.org",
            Utc::now(),
        );
        assert!(ics.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "line longer than 75 octets: {line}");
        }
        assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF");
        let ics = unfold(&ics);
        assert_eq!(ics.matches("BEGIN:VEVENT").count(), agenda.sessions.len());
        assert!(ics.contains("UID:opening-ceremony@mechelen-2017.convene\r\n"));
        assert!(ics.contains("DTSTART;TZID=Europe/Brussels:20171116T090000\r\n"));
        assert!(ics.contains("DTEND;TZID=Europe/Brussels:20171116T101500\r\n"));
        assert!(ics
            .contains("LOCATION:Main hall\\, Lamot Congress and Heritage Center\\, Mechelen\r\n"));
        assert!(ics.contains("SUMMARY:Guided discussion: What are the key elements that can inform the Global Compact on Migration?\r\n"));
    }

    #[test]
    fn the_zone_definition_has_the_2017_changes() {
        let agenda = &demo::agendas()[0];
        let sessions: Vec<_> = agenda.sessions.iter().take(1).collect();
        let ics = calendar(
            agenda,
            &sessions,
            Lang::En,
            "https://example.org",
            Utc::now(),
        );
        // Summer time from 26 March 02:00, winter time from 29 October 03:00 (local).
        assert!(ics.contains("BEGIN:DAYLIGHT\r\nDTSTART:20170326T020000\r\nTZOFFSETFROM:+0100\r\nTZOFFSETTO:+0200\r\nTZNAME:CEST\r\n"));
        assert!(ics.contains("BEGIN:STANDARD\r\nDTSTART:20171029T030000\r\nTZOFFSETFROM:+0200\r\nTZOFFSETTO:+0100\r\nTZNAME:CET\r\n"));
    }

    #[test]
    fn translations_and_hostile_text_are_escaped() {
        let agenda = &demo::agendas()[0];
        let mut session = agenda.sessions[1].clone();
        session.title = crate::Localized::new(Lang::En, "a;b,c\\d\nEND:VCALENDAR\r");
        let ics = calendar(
            agenda,
            &[&session],
            Lang::En,
            "https://example.org",
            Utc::now(),
        );
        assert!(unfold(&ics).contains("SUMMARY:a\\;b\\,c\\\\d\\nEND:VCALENDAR\r\n"));
        let ends = unfold(&ics)
            .split("\r\n")
            .filter(|l| *l == "END:VCALENDAR")
            .count();
        assert_eq!(ends, 1, "text must not end the calendar");
        let fr = calendar(
            agenda,
            &[&agenda.sessions[1]],
            Lang::Fr,
            "https://example.org",
            Utc::now(),
        );
        assert!(unfold(&fr).contains("SUMMARY:Cérémonie d'ouverture\r\n"));
    }

    #[test]
    fn folding_never_splits_a_character() {
        let mut lines = Lines::default();
        lines.property("SUMMARY", &"é".repeat(100));
        for line in lines.0.split("\r\n") {
            assert!(line.len() <= 75);
        }
        assert_eq!(
            lines.0.replace("\r\n ", ""),
            format!("SUMMARY:{}\r\n", "é".repeat(100))
        );
    }
}
