//! At the venue: a registration's pass (the code its QR carries) and the
//! check-in desks' answers. The pass is an opaque code, never personal
//! data; the desk looks it up and lets in only a confirmed registration,
//! once a day (the venue's day), however many desks scan it at once.

use crate::field::ShortText;
use crate::i18n::Localized;
use crate::registration::{Category, Status};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A pass's code: 12 hex digits, shown in groups of four
/// (`3F9A-0C71-BD42`), typed by a scanner or by hand in any case, with or
/// without the dashes and spaces. 48 random bits: a code cannot be guessed
/// among a conference's few thousand, and the desk shows whose it is.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PassCode(String);

impl PassCode {
    pub const DIGITS: usize = 12;

    /// `None` for anything but 12 hex digits (give or take dashes and
    /// spaces): the desk then searches names instead.
    pub fn parse(typed: &str) -> Option<PassCode> {
        let digits: String = typed
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .collect();
        (digits.len() == Self::DIGITS && digits.chars().all(|c| c.is_ascii_hexdigit()))
            .then(|| PassCode(digits.to_ascii_uppercase()))
    }

    /// A new random code.
    #[cfg(feature = "ssr")]
    pub fn new() -> PassCode {
        use rand::Rng;
        let bytes: [u8; 6] = rand::rng().random();
        PassCode(bytes.iter().map(|b| format!("{b:02X}")).collect())
    }

    /// As stored and as the QR carries it.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// As printed for a person to read: `3F9A-0C71-BD42`.
    pub fn grouped(&self) -> String {
        let digits: Vec<&str> = (0..Self::DIGITS)
            .step_by(4)
            .map(|i| &self.0[i..i + 4])
            .collect();
        digits.join("-")
    }
}

impl TryFrom<String> for PassCode {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        PassCode::parse(&value).ok_or(value)
    }
}

impl From<PassCode> for String {
    fn from(value: PassCode) -> String {
        value.0
    }
}

/// The name a desk goes by ("2", "Entrance B"), shown on every check-in it
/// makes: one line, cut at 40 characters. Empty (or unreadable) is desk
/// "1": a desk's name is a convenience, never a reason to refuse a scan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DeskName(ShortText<40>);

impl DeskName {
    pub fn parse(typed: &str) -> DeskName {
        let cut: String = typed.trim().chars().take(40).collect();
        DeskName(ShortText::parse(&cut).unwrap_or_else(|_| ShortText::parse("1").expect("a short name")))
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
    fn a_code_reads_however_it_is_typed() {
        let code = PassCode::parse("3f9a-0c71 bd42").expect("a code");
        assert_eq!(code.as_str(), "3F9A0C71BD42");
        assert_eq!(code.grouped(), "3F9A-0C71-BD42");
        assert_eq!(PassCode::parse(&code.grouped()), Some(code));
    }

    #[test]
    fn a_name_is_no_code() {
        for typed in ["", "Rana Haddad", "3F9A0C71BD4", "3F9A0C71BD42A", "3F9A0C71BD4G"] {
            assert_eq!(PassCode::parse(typed), None, "{typed:?}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn new_codes_parse_and_differ() {
        let a = PassCode::new();
        assert_eq!(PassCode::parse(a.as_str()), Some(a.clone()));
        assert_ne!(a, PassCode::new());
    }

    #[test]
    fn a_desk_has_a_name() {
        assert_eq!(DeskName::parse(" Entrance B ").as_str(), "Entrance B");
        assert_eq!(DeskName::parse("").as_str(), "1");
        assert_eq!(DeskName::parse("a\nb").as_str(), "1");
    }
}
