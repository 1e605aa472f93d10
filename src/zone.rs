//! The venue's time zone: every time is stored in UTC and shown in the
//! venue's local time, labelled ("09:00 CET, Brussels time").

use crate::i18n::{t_args, Lang};
use chrono::{DateTime, LocalResult, NaiveDate, NaiveDateTime, TimeZone, Utc};
use chrono_tz::Tz;
use serde::{Deserialize, Serialize};
use std::fmt;

/// An IANA time zone, such as `Europe/Brussels`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct VenueZone(Tz);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ZoneError {
    #[error("unknown time zone {0:?}: use an IANA name such as Europe/Brussels")]
    Unknown(String),
    #[error("{0} does not exist in {1}: the clocks skip it")]
    SkippedByClocks(NaiveDateTime, String),
}

impl VenueZone {
    pub fn parse(name: &str) -> Result<VenueZone, ZoneError> {
        name.parse::<Tz>()
            .map(VenueZone)
            .map_err(|_| ZoneError::Unknown(name.to_owned()))
    }

    pub fn name(&self) -> &'static str {
        self.0.name()
    }

    pub fn tz(&self) -> Tz {
        self.0
    }

    pub fn local(&self, at: DateTime<Utc>) -> DateTime<Tz> {
        at.with_timezone(&self.0)
    }

    /// The day an instant falls on in the venue's calendar: a session's day
    /// on the agenda, the day a registration window is judged by.
    pub fn day_of(&self, at: DateTime<Utc>) -> NaiveDate {
        self.local(at).date_naive()
    }

    /// The UTC instant of a wall-clock time at the venue. When the clocks go
    /// back and a time happens twice, the first is meant (as organisers write
    /// programmes); a time the clocks skip is refused.
    pub fn to_utc(&self, local: NaiveDateTime) -> Result<DateTime<Utc>, ZoneError> {
        match self.0.from_local_datetime(&local) {
            LocalResult::Single(t) => Ok(t.with_timezone(&Utc)),
            LocalResult::Ambiguous(first, _) => Ok(first.with_timezone(&Utc)),
            LocalResult::None => Err(ZoneError::SkippedByClocks(local, self.name().to_owned())),
        }
    }

    /// The zone's abbreviation at an instant: CET in winter, CEST in summer.
    pub fn abbreviation(&self, at: DateTime<Utc>) -> String {
        self.local(at).format("%Z").to_string()
    }

    /// The city the zone is named after, in the interface language.
    pub fn city(&self, lang: Lang) -> String {
        let exemplar = self
            .name()
            .rsplit('/')
            .next()
            .unwrap_or(self.name())
            .replace('_', " ");
        let known = match (self.name(), lang) {
            ("Europe/Brussels", Lang::Fr) => "Bruxelles",
            ("Europe/Brussels", Lang::Ar) => "بروكسل",
            ("Asia/Beirut", Lang::Fr) => "Beyrouth",
            ("Asia/Beirut", Lang::Ar) => "بيروت",
            _ => "",
        };
        if known.is_empty() {
            exemplar
        } else {
            known.to_owned()
        }
    }

    /// "09:00 CET, Brussels time".
    pub fn time_label(&self, lang: Lang, at: DateTime<Utc>) -> String {
        let time = self.local(at).format("%H:%M").to_string();
        self.label(lang, time, at)
    }

    /// "09:00–10:15 CET, Brussels time".
    pub fn span_label(&self, lang: Lang, start: DateTime<Utc>, end: DateTime<Utc>) -> String {
        let time = format!(
            "{}–{}",
            self.local(start).format("%H:%M"),
            self.local(end).format("%H:%M")
        );
        self.label(lang, time, start)
    }

    fn label(&self, lang: Lang, time: String, at: DateTime<Utc>) -> String {
        let mut abbr = self.abbreviation(at);
        let mut time = time;
        if lang.dir() == "rtl" {
            // Left-to-right isolates: without them "09:00–09:30 EET" inside
            // Arabic text is reordered into "EET 09:30–09:00".
            time = format!("\u{2066}{time}\u{2069}");
            abbr = format!("\u{2066}{abbr}\u{2069}");
        }
        let city = self.city(lang);
        t_args(
            lang,
            "zone-venue-time",
            &[("time", &time), ("abbr", &abbr), ("city", &city)],
        )
    }
}

impl TryFrom<String> for VenueZone {
    type Error = ZoneError;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        VenueZone::parse(&value)
    }
}

impl From<VenueZone> for String {
    fn from(zone: VenueZone) -> String {
        zone.name().to_owned()
    }
}

impl fmt::Display for VenueZone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn local(y: i32, m: u32, d: u32, h: u32, min: u32) -> NaiveDateTime {
        NaiveDate::from_ymd_opt(y, m, d)
            .unwrap()
            .and_hms_opt(h, min, 0)
            .unwrap()
    }

    #[test]
    fn mechelen_morning_is_stored_an_hour_earlier_in_utc() {
        let brussels = VenueZone::parse("Europe/Brussels").unwrap();
        let opening = brussels.to_utc(local(2017, 11, 16, 9, 0)).unwrap();
        assert_eq!(opening.to_rfc3339(), "2017-11-16T08:00:00+00:00");
        assert_eq!(
            brussels.time_label(Lang::En, opening),
            "09:00 CET, Brussels time"
        );
        assert_eq!(
            brussels.time_label(Lang::Fr, opening),
            "09:00 CET, heure de Bruxelles"
        );
    }

    #[test]
    fn beirut_is_two_hours_ahead_in_november() {
        let beirut = VenueZone::parse("Asia/Beirut").unwrap();
        let at = beirut.to_utc(local(2017, 11, 7, 9, 30)).unwrap();
        assert_eq!(at.to_rfc3339(), "2017-11-07T07:30:00+00:00");
        assert_eq!(beirut.abbreviation(at), "EET");
        let end = at + chrono::Duration::minutes(45);
        assert_eq!(
            beirut.span_label(Lang::En, at, end),
            "09:30–10:15 EET, Beirut time"
        );
        assert_eq!(
            beirut.span_label(Lang::Ar, at, end),
            "\u{2066}09:30–10:15\u{2069} \u{2066}EET\u{2069}، بتوقيت بيروت",
            "times and abbreviations stay left to right inside Arabic"
        );
    }

    #[test]
    fn daylight_saving_edges_are_handled() {
        let brussels = VenueZone::parse("Europe/Brussels").unwrap();
        // 29 October 2017: 03:00 CEST became 02:00 CET; 02:30 happened twice.
        let twice = brussels.to_utc(local(2017, 10, 29, 2, 30)).unwrap();
        assert_eq!(twice.to_rfc3339(), "2017-10-29T00:30:00+00:00");
        assert_eq!(brussels.abbreviation(twice), "CEST");
        let after = brussels.to_utc(local(2017, 10, 29, 3, 30)).unwrap();
        assert_eq!(brussels.abbreviation(after), "CET");
        assert_eq!((after - twice).num_minutes(), 120);
        // 26 March 2017: 02:00 CET became 03:00 CEST; 02:30 never happened.
        assert!(matches!(
            brussels.to_utc(local(2017, 3, 26, 2, 30)),
            Err(ZoneError::SkippedByClocks(..))
        ));
    }

    #[test]
    fn unknown_zones_are_refused_with_the_fix() {
        let err = VenueZone::parse("Mechelen").unwrap_err();
        assert!(err.to_string().contains("Europe/Brussels"));
    }
}
