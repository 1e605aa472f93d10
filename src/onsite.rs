//! At the venue: the check-in desks' answers, the badges' lines and
//! colours. A registration's pass ([`PassCode`]) is an opaque code, never
//! personal data; the desk looks it up and lets in only a confirmed
//! registration, once a day (the venue's day), however many desks scan it
//! at once.

use crate::field::ShortText;
use crate::i18n::Localized;
use crate::registration::{Category, PassCode, Status};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The name a desk goes by ("2", "Entrance B"), shown on every check-in it
/// makes: one line, cut at 40 characters. Empty (or unreadable) is desk
/// "1": a desk's name is a convenience, never a reason to refuse a scan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskName(ShortText<40>);

impl DeskName {
    pub fn parse(typed: &str) -> DeskName {
        let cut: String = typed.trim().chars().take(40).collect();
        DeskName(
            ShortText::parse(&cut).unwrap_or_else(|_| ShortText::parse("1").expect("a short name")),
        )
    }

    pub fn as_str(&self) -> &str {
        self.0.as_str()
    }
}

/// A check-in: when, where, and whether it was undone since.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub id: i64,
    /// The venue's day it counts for.
    pub day: NaiveDate,
    pub at: DateTime<Utc>,
    pub desk: String,
}

/// Who stands at the desk, as the desk shows them: enough to recognise
/// them and to serve them (their needs, their workshops), nothing more.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Arrival {
    pub registration_id: i64,
    pub given_name: String,
    pub family_name: String,
    pub organisation: String,
    pub country: String,
    pub category: Category,
    pub status: Status,
    pub interpretation: bool,
    pub accessibility: Option<String>,
    pub dietary: Option<String>,
    /// The workshops whose seat they hold.
    pub workshops: Vec<Localized>,
    /// Today's check-in, if they have one.
    pub today: Option<CheckIn>,
}

/// What a desk tells the person at it after a scan, a search's "check in"
/// or an undo.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DeskAnswer {
    /// Let in now.
    CheckedIn(Arrival),
    /// Let in already today: the check-in says when and where.
    Already(Arrival),
    /// Not confirmed (waiting, awaiting approval, unverified), cancelled or
    /// turned down: not let in.
    NotAdmitted(Arrival),
    /// No registration of this conference has this code.
    Unknown(String),
    /// Today's check-in taken back.
    Undone(Arrival),
}

impl DeskAnswer {
    /// Whether the desk shows it in green: the person may go in.
    pub fn admits(&self) -> bool {
        matches!(self, DeskAnswer::CheckedIn(_) | DeskAnswer::Already(_))
    }
}

/// What a badge shows of a confirmed delegate.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadgeLine {
    pub given_name: String,
    pub family_name: String,
    pub organisation: String,
    pub country: String,
    pub category: Category,
    pub pass: PassCode,
}

/// A category's colour on the badges when the organiser has set none: eight
/// colours far apart, each dark or light enough for its text ([`ink`]).
pub fn default_colour(category: Category) -> &'static str {
    match category {
        Category::MayorOrGovernor => "#8B1E3F",
        Category::LocalOrRegionalGovernment => "#1F5FA8",
        Category::NationalGovernment => "#0F6B5C",
        Category::InternationalOrganisation => "#5B3C99",
        Category::CivilSociety => "#E08E0B",
        Category::Academia => "#2E7D32",
        Category::PrivateSector => "#4A4A4A",
        Category::Press => "#D9DEE4",
    }
}

/// The relative luminance of `#RRGGBB` (WCAG 2); `None` for anything else.
pub fn luminance(colour: &str) -> Option<f64> {
    let hex = colour.strip_prefix('#').filter(|h| h.len() == 6)?;
    let channel = |i: usize| -> Option<f64> {
        let c = f64::from(u8::from_str_radix(hex.get(i..i + 2)?, 16).ok()?) / 255.0;
        Some(if c <= 0.04045 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}

/// The contrast ratio of two colours (WCAG 2): 1 to 21.
pub fn contrast(a: &str, b: &str) -> f64 {
    let (a, b) = (luminance(a).unwrap_or(0.0), luminance(b).unwrap_or(0.0));
    (a.max(b) + 0.05) / (a.min(b) + 0.05)
}

/// Black or white, whichever contrasts more with `colour`.
pub fn ink(colour: &str) -> &'static str {
    if contrast(colour, "#FFFFFF") >= contrast(colour, "#000000") {
        "#FFFFFF"
    } else {
        "#000000"
    }
}

/// The check-ins of one venue day, by category.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DayCount {
    pub day: NaiveDate,
    pub category: Category,
    pub count: i64,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_default_colour_has_a_readable_ink() {
        for category in Category::ALL {
            let colour = default_colour(*category);
            // WCAG AA for normal text, though the band's name is large.
            assert!(
                contrast(colour, ink(colour)) >= 4.5,
                "{category:?} {colour}"
            );
        }
        assert_eq!(ink("#FFFF00"), "#000000");
        assert_eq!(ink("#000080"), "#FFFFFF");
        assert_eq!(luminance("red"), None);
        assert!((contrast("#000000", "#FFFFFF") - 21.0).abs() < 1e-9);
    }

    #[test]
    fn a_desk_has_a_name() {
        assert_eq!(DeskName::parse(" Entrance B ").as_str(), "Entrance B");
        assert_eq!(DeskName::parse("").as_str(), "1");
        assert_eq!(DeskName::parse("a\nb").as_str(), "1");
    }
}
