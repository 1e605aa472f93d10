//! At the venue: the check-in desks' answers, the badges' lines and
//! colours. A registration's pass ([`PassCode`]) is an opaque code, never
//! personal data; the desk looks it up and lets in only a confirmed
//! registration, once a day (the venue's day), however many desks scan it
//! at once.

use crate::field::Problem;
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

/// A colour as a colour input sends it, `#RRGGBB` (upper case kept).
pub fn parse_colour(typed: &str) -> Result<String, Problem> {
    let typed = typed.trim();
    if typed.is_empty() {
        return Err(Problem::Required);
    }
    luminance(typed)
        .map(|_| typed.to_ascii_uppercase())
        .ok_or(Problem::NotAColour)
}

/// Each category's colour on the badges: the organiser's, or the default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadgeColours(pub Vec<(Category, String)>);

impl BadgeColours {
    /// The colour of `category`'s band.
    pub fn of(&self, category: Category) -> &str {
        self.0
            .iter()
            .find(|(c, _)| *c == category)
            .map_or_else(|| default_colour(category), |(_, colour)| colour.as_str())
    }

    /// The form's fields `colour-{category}`, one for every category: the
    /// colours, or each field's problem.
    pub fn parse(pairs: &[(String, String)]) -> Result<BadgeColours, Vec<(Category, Problem)>> {
        let mut colours = vec![];
        let mut problems = vec![];
        for category in Category::ALL {
            let name = format!("colour-{}", category.code());
            let typed = pairs
                .iter()
                .find(|(n, _)| *n == name)
                .map_or("", |(_, v)| v.as_str());
            match parse_colour(typed) {
                Ok(colour) => colours.push((*category, colour)),
                Err(problem) => problems.push((*category, problem)),
            }
        }
        if problems.is_empty() {
            Ok(BadgeColours(colours))
        } else {
            Err(problems)
        }
    }
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
    fn colours_parse_as_a_colour_input_sends_them() {
        assert_eq!(parse_colour("#1f5fa8"), Ok("#1F5FA8".to_owned()));
        assert_eq!(parse_colour(""), Err(Problem::Required));
        for wrong in ["blue", "#12345", "#GGGGGG", "1F5FA8"] {
            assert_eq!(parse_colour(wrong), Err(Problem::NotAColour), "{wrong}");
        }
        let mut pairs: Vec<(String, String)> = Category::ALL
            .iter()
            .map(|c| {
                (
                    format!("colour-{}", c.code()),
                    default_colour(*c).to_owned(),
                )
            })
            .collect();
        pairs[7].1 = "#ffd700".into();
        let colours = BadgeColours::parse(&pairs).expect("colours");
        assert_eq!(colours.of(Category::Press), "#FFD700");
        assert_eq!(
            BadgeColours::default().of(Category::Press),
            default_colour(Category::Press)
        );
        pairs[0].1 = "red".into();
        assert_eq!(
            BadgeColours::parse(&pairs),
            Err(vec![(Category::MayorOrGovernor, Problem::NotAColour)])
        );
    }

    #[test]
    fn a_desk_has_a_name() {
        assert_eq!(DeskName::parse(" Entrance B ").as_str(), "Entrance B");
        assert_eq!(DeskName::parse("").as_str(), "1");
        assert_eq!(DeskName::parse("a\nb").as_str(), "1");
    }
}
