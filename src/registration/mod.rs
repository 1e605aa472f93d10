//! What a delegate types into the registration form, parsed into values
//! that cannot be wrong (the fields every form shares, an [`Email`], a
//! [`PersonName`], a [`ShortText`], are in [`crate::field`]), and the whole
//! form into a [`NewRegistration`] or every field's [`Problem`] at once. The
//! same parsers run in the browser and on the server.

use crate::field::{clean, PersonName, Problem};
use crate::i18n::{Lang, Localized};
use crate::registration::questions::{Answer, Question};
use crate::slug::Slug;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use crate::registration::country::CountryCode;

pub mod country;
mod form;
mod pass;
pub mod questions;
#[cfg(test)]
mod tests;

pub use form::{check_input, Field, FieldErrors, NewRegistration, RegistrationForm};
pub use pass::PassCode;

/// A passport number: letters and digits only (spaces are dropped),
/// 5 to 20 of them, upper case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PassportNumber(String);

impl PassportNumber {
    pub fn parse(value: &str) -> Result<PassportNumber, Problem> {
        let value: String = clean(value, 40)?.split_whitespace().collect();
        if !(5..=20).contains(&value.len()) || !value.chars().all(|c| c.is_ascii_alphanumeric()) {
            return Err(Problem::NotAPassportNumber);
        }
        Ok(PassportNumber(value.to_ascii_uppercase()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

crate::string_newtype!(PassportNumber, Problem);

/// A date of birth as a date input sends it (1970-03-21): not in the future,
/// not before 1900.
pub fn date_of_birth(value: &str, today: NaiveDate) -> Result<NaiveDate, Problem> {
    let value = clean(value, 10)?;
    let date = iso_date(&value).ok_or(Problem::NotADate)?;
    if date > today || date.year() < 1900 {
        return Err(Problem::DateOutOfRange);
    }
    Ok(date)
}

/// A date written as a date input sends it: 1970-03-21. (Read by hand:
/// chrono's format parser would add its weight to the browser's code, which
/// runs this too.)
pub fn iso_date(value: &str) -> Option<NaiveDate> {
    let mut parts = value.trim().splitn(3, '-');
    let mut number = |digits: usize| {
        parts
            .next()
            .filter(|p| p.len() == digits && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
    };
    let (year, month, day) = (number(4)?, number(2)?, number(2)?);
    NaiveDate::from_ymd_opt(i32::try_from(year).ok()?, month, day)
}

/// What the embassy's visa invitation letter needs, exactly as in the
/// passport. Asked only of delegates who need the letter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VisaRequest {
    pub passport_name: PersonName,
    pub nationality: CountryCode,
    pub passport_number: PassportNumber,
    pub date_of_birth: NaiveDate,
}

crate::coded_enum! {
    /// Who may register for a conference.
    pub enum RegistrationMode {
        /// Anyone; confirmed once their address is, while seats last.
        Open = "open",
        /// Anyone may ask; staff approve.
        Approval = "approval",
        /// Only from a personal invitation link.
        Invitation = "invitation",
    }
}

crate::coded_enum! {
    /// Where a registration stands. Submitted registrations are `Unverified`
    /// until the delegate follows the emailed link.
    pub enum Status {
        Unverified = "unverified",
        AwaitingApproval = "awaiting_approval",
        Confirmed = "confirmed",
        Waiting = "waiting",
        Cancelled = "cancelled",
        Rejected = "rejected",
    }
}

crate::coded_enum! {
    /// Who a delegate is, for the organisers' counts and seating.
    pub enum Category {
        MayorOrGovernor = "mayor_or_governor",
        LocalOrRegionalGovernment = "local_or_regional_government",
        NationalGovernment = "national_government",
        InternationalOrganisation = "international_organisation",
        CivilSociety = "civil_society",
        Academia = "academia",
        PrivateSector = "private_sector",
        Press = "press",
    }
}

impl Category {
    /// The catalogue key of its name.
    pub fn key(self) -> String {
        format!("category-{}", self.code())
    }

    /// The categories a conference offers, from its stored list: every
    /// category when the list is empty (a conference stored before
    /// conferences chose theirs), in the order of [`Category::ALL`].
    pub fn offered(stored: &[Category]) -> Vec<Category> {
        Category::ALL
            .iter()
            .copied()
            .filter(|c| stored.is_empty() || stored.contains(c))
            .collect()
    }
}

crate::coded_enum! {
    /// How a delegate is addressed (optional).
    pub enum Honorific {
        Mr = "mr",
        Ms = "ms",
        Mx = "mx",
        Dr = "dr",
        Prof = "prof",
        /// His or Her Excellency, for ambassadors and ministers.
        Excellency = "excellency",
        Honourable = "honourable",
    }
}

impl Honorific {
    /// The catalogue key of its name.
    pub fn key(self) -> String {
        format!("honorific-{}", self.code())
    }
}

/// One of the codes of a coded enum, or "choose one of the options".
fn choice<T>(value: &str, parse: fn(&str) -> Option<T>) -> Result<T, Problem> {
    parse(value.trim()).ok_or(Problem::ChooseOne)
}

/// A session with a seat limit that delegates sign up for in the form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SessionOffer {
    pub slug: Slug,
    pub title: Localized,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub seats: u32,
    /// Seats not held by anyone (the delegate's own held seat counts as
    /// left when they change their choice).
    pub left: u32,
}

/// What a conference's form asks and offers, for parsing what was posted.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormSetup {
    pub mode: RegistrationMode,
    /// When new registrations are taken.
    pub window: RegistrationWindow,
    /// The working languages delegates may choose: the conference's.
    pub languages: Vec<Lang>,
    /// The participant categories the conference offers.
    pub categories: Vec<Category>,
    pub questions: Vec<Question>,
    pub sessions: Vec<SessionOffer>,
    /// What the consent links to, per language.
    pub privacy: Localized,
    /// For dates of birth.
    pub today: NaiveDate,
}

/// How long the passport details given for a visa letter are kept: until
/// this many days after the conference's last day (and no longer than the
/// registration: a cancellation or a refusal deletes them at once).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct PassportRetention {
    pub days: u32,
}

impl Default for PassportRetention {
    fn default() -> Self {
        PassportRetention { days: 30 }
    }
}

impl PassportRetention {
    /// The day a conference that ends on `last_day` deletes them.
    pub fn deleted_on(self, last_day: chrono::NaiveDate) -> chrono::NaiveDate {
        last_day + chrono::Days::new(u64::from(self.days))
    }
}

/// The days, in the venue's calendar, from and until which new
/// registrations are taken (both included); `None`: no limit.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationWindow {
    pub opens_on: Option<NaiveDate>,
    pub closes_on: Option<NaiveDate>,
}

/// Where a registration window stands on a day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WindowState {
    NotYet(NaiveDate),
    Open,
    Closed(NaiveDate),
}

impl RegistrationWindow {
    pub fn on(&self, today: NaiveDate) -> WindowState {
        match (self.opens_on, self.closes_on) {
            (Some(opens), _) if today < opens => WindowState::NotYet(opens),
            (_, Some(closes)) if today > closes => WindowState::Closed(closes),
            _ => WindowState::Open,
        }
    }
}

/// How a conference's registration is set up, as an organiser gives it
/// (the demo files; the back office later).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegistrationSetup {
    pub mode: RegistrationMode,
    pub capacity: Option<u32>,
    pub questions: Vec<Question>,
    pub privacy: Localized,
}

/// A session a registration chose, and whether a seat in it is theirs.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ChosenSession {
    pub slug: Slug,
    pub title: Localized,
    pub starts_at: DateTime<Utc>,
    pub ends_at: DateTime<Utc>,
    pub held: bool,
    /// For a confirmed delegate without a seat: their place in line for
    /// one (1 is next).
    pub line: Option<i64>,
}

/// A registration as its private link shows it to the delegate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegistrationView {
    pub conference: Slug,
    pub conference_title: Localized,
    pub status: Status,
    /// Place on the waiting list (1 is next), when waiting.
    pub position: Option<i64>,
    /// The details as stored, in the form's shape, for showing and changing.
    pub details: RegistrationForm,
    pub sessions: Vec<ChosenSession>,
    /// The pass the check-in desk scans: only while confirmed.
    pub pass: Option<PassCode>,
    /// Checked in on some day: a certificate of attendance is theirs.
    pub attended: bool,
}
