//! What a delegate types into the registration form, parsed into values
//! that cannot be wrong (the fields every form shares, an [`Email`], a
//! [`PersonName`], a [`ShortText`], are in [`crate::field`]), and the whole
//! form into a [`NewRegistration`] or every field's [`Problem`] at once. The
//! same parsers run in the browser and on the server.

use crate::field::{clean, Email, PersonName, Problem, ShortText};
use crate::i18n::{Lang, Localized};
use crate::questions::{Answer, Question};
use crate::slug::Slug;
use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

pub use crate::country::CountryCode;

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
}

/// The registration form as submitted: every field as typed, so that a form
/// with mistakes can be shown again exactly as it was.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegistrationForm {
    pub honorific: String,
    pub given_name: String,
    pub family_name: String,
    pub email: String,
    pub organisation: String,
    pub function: String,
    pub city: String,
    pub country: String,
    pub category: String,
    pub languages: Vec<String>,
    pub interpretation: bool,
    pub accessibility: String,
    pub dietary: String,
    pub visa_letter: bool,
    pub passport_name: String,
    pub nationality: String,
    pub passport_number: String,
    pub date_of_birth: String,
    pub listed: bool,
    /// Answers to the organiser's questions: (question code, value).
    pub answers: Vec<(String, String)>,
    pub sessions: Vec<String>,
    pub consent: bool,
    /// The personal invitation's token, for conferences by invitation.
    pub invitation: String,
}

impl RegistrationForm {
    /// The form from a posted body's pairs (checkboxes are there when
    /// ticked; `languages` and `sessions` may repeat; `q_{code}` answers a
    /// question). Unknown names are ignored.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> RegistrationForm {
        let mut form = RegistrationForm::default();
        for (name, value) in pairs {
            let ticked = !value.is_empty();
            match name.as_str() {
                "honorific" => form.honorific = value,
                "given_name" => form.given_name = value,
                "family_name" => form.family_name = value,
                "email" => form.email = value,
                "organisation" => form.organisation = value,
                "function" => form.function = value,
                "city" => form.city = value,
                "country" => form.country = value,
                "category" => form.category = value,
                "languages" => form.languages.push(value),
                "interpretation" => form.interpretation = ticked,
                "accessibility" => form.accessibility = value,
                "dietary" => form.dietary = value,
                "visa_letter" => form.visa_letter = ticked,
                "passport_name" => form.passport_name = value,
                "nationality" => form.nationality = value,
                "passport_number" => form.passport_number = value,
                "date_of_birth" => form.date_of_birth = value,
                "listed" => form.listed = ticked,
                "sessions" => form.sessions.push(value),
                "consent" => form.consent = ticked,
                "invitation" => form.invitation = value,
                other => {
                    if let Some(code) = other.strip_prefix("q_") {
                        form.answers.push((code.to_owned(), value));
                    }
                }
            }
        }
        form
    }

    /// What was typed for a question.
    pub fn answer(&self, question: &str) -> &str {
        self.answers
            .iter()
            .find(|(q, _)| q == question)
            .map(|(_, v)| v.as_str())
            .unwrap_or("")
    }
}

/// The fields of the form, named as its inputs are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    Honorific,
    GivenName,
    FamilyName,
    Email,
    Organisation,
    Function,
    City,
    Country,
    Category,
    Languages,
    Accessibility,
    Dietary,
    PassportName,
    Nationality,
    PassportNumber,
    DateOfBirth,
    /// The organiser's question at this index of the conference's list.
    Question(u16),
    Sessions,
    Consent,
}

impl Field {
    /// The name of the field's input (and, prefixed with `field-`, its id).
    pub fn input_name(self, setup: &FormSetup) -> String {
        let name = match self {
            Field::Honorific => "honorific",
            Field::GivenName => "given_name",
            Field::FamilyName => "family_name",
            Field::Email => "email",
            Field::Organisation => "organisation",
            Field::Function => "function",
            Field::City => "city",
            Field::Country => "country",
            Field::Category => "category",
            Field::Languages => "languages",
            Field::Accessibility => "accessibility",
            Field::Dietary => "dietary",
            Field::PassportName => "passport_name",
            Field::Nationality => "nationality",
            Field::PassportNumber => "passport_number",
            Field::DateOfBirth => "date_of_birth",
            Field::Question(i) => {
                return setup
                    .questions
                    .get(usize::from(i))
                    .map(Question::input_name)
                    .unwrap_or_default()
            }
            Field::Sessions => "sessions",
            Field::Consent => "consent",
        };
        name.to_owned()
    }
}

/// Every problem of a submitted form, field by field, in the form's order.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FieldErrors(pub Vec<(Field, Problem)>);

impl FieldErrors {
    pub fn get(&self, field: Field) -> Option<Problem> {
        self.0.iter().find(|(f, _)| *f == field).map(|(_, p)| *p)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The parsed value, or `None` with the problem noted against `field`.
    fn record<T>(&mut self, field: Field, result: Result<T, Problem>) -> Option<T> {
        result.map_err(|problem| self.0.push((field, problem))).ok()
    }
}

pub type Organisation = ShortText<200>;
pub type Function = ShortText<200>;
pub type City = ShortText<100>;
pub type Accessibility = ShortText<500>;
pub type Dietary = ShortText<200>;

/// A registration that passed every rule of the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRegistration {
    pub honorific: Option<Honorific>,
    pub given_name: PersonName,
    pub family_name: PersonName,
    pub email: Email,
    pub organisation: Organisation,
    pub function: Option<Function>,
    pub city: City,
    pub country: CountryCode,
    pub category: Category,
    /// At least one, each one of the conference's.
    pub languages: Vec<Lang>,
    pub interpretation: bool,
    pub accessibility: Option<Accessibility>,
    pub dietary: Option<Dietary>,
    pub visa: Option<VisaRequest>,
    pub listed: bool,
    pub answers: Vec<Answer>,
    /// Sessions with seats, none overlapping another.
    pub sessions: Vec<Slug>,
}

impl NewRegistration {
    /// Parses every field by the conference's rules and reports all
    /// problems at once, not the first.
    pub fn parse(form: &RegistrationForm, setup: &FormSetup) -> Result<Self, FieldErrors> {
        let mut errors = FieldErrors::default();
        let honorific = errors.record(
            Field::Honorific,
            match form.honorific.trim() {
                "" => Ok(None),
                code => Honorific::parse(code).map(Some).ok_or(Problem::ChooseOne),
            },
        );
        let given_name = errors.record(Field::GivenName, PersonName::parse(&form.given_name));
        let family_name = errors.record(Field::FamilyName, PersonName::parse(&form.family_name));
        let email = errors.record(Field::Email, Email::parse(&form.email));
        let organisation = errors.record(Field::Organisation, ShortText::parse(&form.organisation));
        let function = errors.record(Field::Function, ShortText::parse_optional(&form.function));
        let city = errors.record(Field::City, ShortText::parse(&form.city));
        let country = errors.record(Field::Country, CountryCode::parse(&form.country));
        let category = errors.record(
            Field::Category,
            choice(&form.category, Category::parse).and_then(|c| {
                setup
                    .categories
                    .contains(&c)
                    .then_some(c)
                    .ok_or(Problem::ChooseOne)
            }),
        );
        let languages = errors.record(Field::Languages, languages(&form.languages, setup));
        let accessibility = errors.record(
            Field::Accessibility,
            ShortText::parse_optional(&form.accessibility),
        );
        let dietary = errors.record(Field::Dietary, ShortText::parse_optional(&form.dietary));
        let visa = if form.visa_letter {
            let passport_name =
                errors.record(Field::PassportName, PersonName::parse(&form.passport_name));
            let nationality =
                errors.record(Field::Nationality, CountryCode::parse(&form.nationality));
            let passport_number = errors.record(
                Field::PassportNumber,
                PassportNumber::parse(&form.passport_number),
            );
            let date_of_birth = errors.record(
                Field::DateOfBirth,
                date_of_birth(&form.date_of_birth, setup.today),
            );
            match (passport_name, nationality, passport_number, date_of_birth) {
                (
                    Some(passport_name),
                    Some(nationality),
                    Some(passport_number),
                    Some(date_of_birth),
                ) => Some(Some(VisaRequest {
                    passport_name,
                    nationality,
                    passport_number,
                    date_of_birth,
                })),
                _ => None,
            }
        } else {
            Some(None)
        };
        let mut answers = Some(vec![]);
        for (i, question) in setup.questions.iter().enumerate() {
            let index = u16::try_from(i).unwrap_or(u16::MAX);
            match errors.record(
                Field::Question(index),
                question.answer(form.answer(question.code.as_str())),
            ) {
                Some(Some(answer)) => answers.iter_mut().for_each(|a| a.push(answer.clone())),
                Some(None) => {}
                None => answers = None,
            }
        }
        let sessions = errors.record(Field::Sessions, sessions(&form.sessions, setup));
        errors.record(
            Field::Consent,
            if form.consent {
                Ok(())
            } else {
                Err(Problem::ConsentRequired)
            },
        );
        let (
            Some(honorific),
            Some(given_name),
            Some(family_name),
            Some(email),
            Some(organisation),
            Some(function),
            Some(city),
            Some(country),
            Some(category),
            Some(languages),
            Some(accessibility),
            Some(dietary),
            Some(visa),
            Some(answers),
            Some(sessions),
        ) = (
            honorific,
            given_name,
            family_name,
            email,
            organisation,
            function,
            city,
            country,
            category,
            languages,
            accessibility,
            dietary,
            visa,
            answers,
            sessions,
        )
        else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        Ok(NewRegistration {
            honorific,
            given_name,
            family_name,
            email,
            organisation,
            function,
            city,
            country,
            category,
            languages,
            interpretation: form.interpretation,
            accessibility,
            dietary,
            visa,
            listed: form.listed,
            answers,
            sessions,
        })
    }
}

/// The problem of one input's value, by the same parsers as
/// [`NewRegistration::parse`]: for checking a field in the browser as the
/// delegate leaves it. Inputs whose rules need the conference (languages,
/// questions, sessions) or the whole form have none here; a list choice is
/// checked only for being made (its options come from the server).
pub fn check_input(name: &str, value: &str, today: NaiveDate) -> Option<Problem> {
    let chosen = |ok: bool| (!ok).then_some(Problem::ChooseOne);
    match name {
        "given_name" | "family_name" | "passport_name" => PersonName::parse(value).err(),
        "email" => Email::parse(value).err(),
        "organisation" => Organisation::parse(value).err(),
        "function" => Function::parse_optional(value).err(),
        "city" => City::parse(value).err(),
        "accessibility" => Accessibility::parse_optional(value).err(),
        "dietary" => Dietary::parse_optional(value).err(),
        "passport_number" => PassportNumber::parse(value).err(),
        "date_of_birth" => date_of_birth(value, today).err(),
        "country" | "nationality" => chosen(!value.trim().is_empty()),
        "category" => chosen(Category::parse(value.trim()).is_some()),
        "honorific" => chosen(value.trim().is_empty() || Honorific::parse(value.trim()).is_some()),
        _ => None,
    }
}

/// The chosen working languages: at least one, each one of the conference's.
fn languages(codes: &[String], setup: &FormSetup) -> Result<Vec<Lang>, Problem> {
    let mut chosen = vec![];
    for code in codes {
        match Lang::parse(code.trim()) {
            Ok(lang) if setup.languages.contains(&lang) => {
                if !chosen.contains(&lang) {
                    chosen.push(lang)
                }
            }
            _ => return Err(Problem::ChooseOne),
        }
    }
    if chosen.is_empty() {
        return Err(Problem::ChooseOne);
    }
    Ok(chosen)
}

/// The chosen sessions: each one offered, none at the same time as
/// another. A full one may be chosen: the delegate waits in line for a seat.
fn sessions(slugs: &[String], setup: &FormSetup) -> Result<Vec<Slug>, Problem> {
    let mut chosen: Vec<&SessionOffer> = vec![];
    for slug in slugs {
        let offer = setup
            .sessions
            .iter()
            .find(|s| s.slug.as_str() == slug.trim())
            .ok_or(Problem::ChooseOne)?;
        if chosen.iter().any(|c| c.slug == offer.slug) {
            continue;
        }
        if chosen
            .iter()
            .any(|c| c.starts_at < offer.ends_at && offer.starts_at < c.ends_at)
        {
            return Err(Problem::SessionsOverlap);
        }
        chosen.push(offer);
    }
    Ok(chosen.into_iter().map(|s| s.slug.clone()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_opens_and_closes_on_days_included() {
        let day = |d| NaiveDate::from_ymd_opt(2017, 10, d).unwrap();
        let w = RegistrationWindow {
            opens_on: Some(day(2)),
            closes_on: Some(day(20)),
        };
        assert_eq!(w.on(day(1)), WindowState::NotYet(day(2)));
        assert_eq!(w.on(day(2)), WindowState::Open);
        assert_eq!(w.on(day(20)), WindowState::Open);
        assert_eq!(w.on(day(21)), WindowState::Closed(day(20)));
        assert_eq!(RegistrationWindow::default().on(day(1)), WindowState::Open);
    }

    #[test]
    fn ordinary_and_odd_but_valid_emails_are_accepted() {
        for ok in [
            "bart.somers@mechelen.be",
            "o'brien+cities@example.org",
            "x@sub.domain.example.com",
            "delegate@بيروت.لبنان",
            "A.B@EXAMPLE.ORG",
        ] {
            assert!(Email::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            Email::parse("  A.B@EXAMPLE.ORG ").unwrap().as_str(),
            "A.B@example.org"
        );
        assert_eq!(
            Email::parse("A.B@EXAMPLE.ORG").unwrap().canonical(),
            "a.b@example.org"
        );
    }

    #[test]
    fn what_is_not_an_email_is_refused_with_the_reason() {
        assert_eq!(Email::parse(""), Err(Problem::Required));
        assert_eq!(Email::parse("   "), Err(Problem::Required));
        for bad in [
            "plainaddress",
            "@example.org",
            "a@",
            "a@b",
            "a@@b.org",
            "a b@c.org",
            ".a@b.org",
            "a..b@c.org",
            "a@-b.org",
            "a@b.c",
            "a@b.123",
            "<script>@x.org",
            "a@b.org>",
            "\"a\"@b.org",
        ] {
            assert_eq!(Email::parse(bad), Err(Problem::NotAnEmail), "{bad}");
        }
        assert_eq!(
            Email::parse("a@b.org\r\nBcc: victim@x.org"),
            Err(Problem::ControlCharacters)
        );
        assert_eq!(Email::parse("a\0@b.org"), Err(Problem::ControlCharacters));
        let long = format!("{}@example.org", "a".repeat(250));
        assert_eq!(Email::parse(&long), Err(Problem::TooLong { max: 254 }));
    }

    #[test]
    fn names_of_every_script_are_welcome() {
        for ok in [
            "Bart Somers",
            "Jamal Itani",
            "جمال عيتاني",
            "Zoë O'Connor-Ndiaye",
            "李",
        ] {
            assert!(PersonName::parse(ok).is_ok(), "{ok}");
        }
        assert_eq!(
            PersonName::parse("  Bart   Somers ").unwrap().as_str(),
            "Bart Somers"
        );
    }

    #[test]
    fn names_refuse_markup_control_and_length() {
        assert_eq!(
            PersonName::parse("<script>alert(1)</script>"),
            Err(Problem::Markup)
        );
        assert_eq!(
            PersonName::parse("Bart\r\nSomers"),
            Err(Problem::ControlCharacters)
        );
        assert_eq!(
            PersonName::parse("\u{202E}sremoS"),
            Err(Problem::ControlCharacters)
        );
        assert_eq!(
            PersonName::parse(&"é".repeat(101)),
            Err(Problem::TooLong { max: 100 })
        );
        assert!(PersonName::parse(&"é".repeat(100)).is_ok());
        assert_eq!(PersonName::parse(""), Err(Problem::Required));
    }

    #[test]
    fn optional_short_texts_may_be_empty() {
        assert_eq!(ShortText::<10>::parse_optional("  "), Ok(None));
        assert_eq!(
            ShortText::<3>::parse_optional("abcd"),
            Err(Problem::TooLong { max: 3 })
        );
        assert_eq!(
            ShortText::<10>::parse("City of Mechelen").map(|_| ()),
            Err(Problem::TooLong { max: 10 })
        );
    }

    #[test]
    fn every_problem_has_a_message_in_every_language() {
        for lang in crate::Lang::ALL {
            for p in Problem::EACH {
                assert!(crate::i18n::has(lang, p.key()), "{lang}: {}", p.key());
            }
            for c in Category::ALL {
                assert!(crate::i18n::has(lang, &c.key()), "{lang}: {}", c.key());
            }
            for h in Honorific::ALL {
                assert!(crate::i18n::has(lang, &h.key()), "{lang}: {}", h.key());
            }
        }
    }

    fn setup() -> FormSetup {
        let at = |h: u32| {
            NaiveDate::from_ymd_opt(2017, 11, 16)
                .unwrap()
                .and_hms_opt(h, 0, 0)
                .unwrap()
                .and_utc()
        };
        let offer = |slug: &str, start: u32, left: u32| SessionOffer {
            slug: Slug::parse(slug).unwrap(),
            title: Localized::new(Lang::En, slug),
            starts_at: at(start),
            ends_at: at(start + 2),
            seats: 60,
            left,
        };
        FormSetup {
            window: RegistrationWindow::default(),
            mode: RegistrationMode::Open,
            languages: vec![Lang::En, Lang::Fr],
            categories: Category::ALL.to_vec(),
            questions: vec![Question {
                code: Slug::parse("study-visit").unwrap(),
                label: Localized::new(Lang::En, "Will you join the study visit?"),
                required: true,
                kind: crate::questions::QuestionKind::YesNo,
            }],
            sessions: vec![
                offer("workshop-a", 13, 10),
                offer("workshop-b", 13, 10),
                offer("workshop-c", 15, 0),
                offer("workshop-d", 16, 5),
            ],
            privacy: Localized::new(Lang::En, "Privacy"),
            today: NaiveDate::from_ymd_opt(2017, 10, 1).unwrap(),
        }
    }

    fn filled() -> RegistrationForm {
        RegistrationForm::from_pairs(
            [
                ("honorific", "mr"),
                ("given_name", "Bart"),
                ("family_name", "Somers"),
                ("email", "Bart.Somers@Mechelen.be"),
                ("organisation", "City of Mechelen"),
                ("function", ""),
                ("city", "Mechelen"),
                ("country", "be"),
                ("category", "mayor_or_governor"),
                ("languages", "en"),
                ("languages", "fr"),
                ("q_study-visit", "yes"),
                ("sessions", "workshop-a"),
                ("sessions", "workshop-d"),
                ("consent", "on"),
                ("unknown", "ignored"),
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned())),
        )
    }

    #[test]
    fn a_filled_form_parses_into_a_registration() {
        let r = NewRegistration::parse(&filled(), &setup()).unwrap();
        assert_eq!(r.email.as_str(), "Bart.Somers@mechelen.be");
        assert_eq!(r.country.as_str(), "BE");
        assert_eq!(r.category, Category::MayorOrGovernor);
        assert_eq!(r.honorific, Some(Honorific::Mr));
        assert_eq!(r.function, None);
        assert_eq!(r.languages, [Lang::En, Lang::Fr]);
        assert_eq!(r.answers[0].value, "yes");
        assert_eq!(r.sessions.len(), 2);
        assert_eq!(r.visa, None);
        assert!(!r.listed && !r.interpretation);
    }

    #[test]
    fn every_mistake_is_reported_at_once_beside_its_field() {
        let form = RegistrationForm {
            given_name: "".into(),
            email: "bart@".into(),
            category: "astronaut".into(),
            languages: vec!["ar".into()],
            answers: vec![],
            consent: false,
            ..filled()
        };
        let errors = NewRegistration::parse(&form, &setup()).unwrap_err();
        assert_eq!(
            errors.0,
            vec![
                (Field::GivenName, Problem::Required),
                (Field::Email, Problem::NotAnEmail),
                (Field::Category, Problem::ChooseOne),
                (Field::Languages, Problem::ChooseOne),
                (Field::Question(0), Problem::ChooseOne),
                (Field::Consent, Problem::ConsentRequired),
            ]
        );
        assert_eq!(errors.get(Field::Email), Some(Problem::NotAnEmail));
        assert_eq!(errors.get(Field::City), None);
        assert_eq!(Field::Question(0).input_name(&setup()), "q_study-visit");
    }

    #[test]
    fn a_visa_letter_needs_the_passport_details() {
        let mut form = RegistrationForm {
            visa_letter: true,
            ..filled()
        };
        let errors = NewRegistration::parse(&form, &setup()).unwrap_err();
        let fields: Vec<Field> = errors.0.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                Field::PassportName,
                Field::Nationality,
                Field::PassportNumber,
                Field::DateOfBirth
            ]
        );
        form.passport_name = "SOMERS Bart".into();
        form.nationality = "BE".into();
        form.passport_number = "ej 123 456".into();
        form.date_of_birth = "2018-01-01".into();
        assert_eq!(
            NewRegistration::parse(&form, &setup()).unwrap_err().0,
            [(Field::DateOfBirth, Problem::DateOutOfRange)]
        );
        assert_eq!(iso_date("1964-03-21"), NaiveDate::from_ymd_opt(1964, 3, 21));
        for bad in [
            "1964-3-21",
            "64-03-21",
            "1964-02-30",
            "1964-03-21x",
            "",
            "1964/03/21",
        ] {
            assert_eq!(iso_date(bad), None, "{bad}");
        }
        form.date_of_birth = "21/03/1964".into();
        assert_eq!(
            NewRegistration::parse(&form, &setup()).unwrap_err().0,
            [(Field::DateOfBirth, Problem::NotADate)]
        );
        form.date_of_birth = "1964-03-21".into();
        let visa = NewRegistration::parse(&form, &setup())
            .unwrap()
            .visa
            .unwrap();
        assert_eq!(visa.passport_number.as_str(), "EJ123456");
        assert_eq!(
            PassportNumber::parse("EJ-123456"),
            Err(Problem::NotAPassportNumber)
        );
    }

    #[test]
    fn a_field_checked_alone_has_the_problem_the_whole_form_reports() {
        let today = setup().today;
        let form = RegistrationForm {
            given_name: "<b>".into(),
            email: "bart@".into(),
            city: "Mechelen\r\n".into(),
            function: "x".repeat(201),
            category: "astronaut".into(),
            visa_letter: true,
            passport_name: "SOMERS Bart".into(),
            nationality: "BE".into(),
            passport_number: "12".into(),
            date_of_birth: "2020-13-01".into(),
            ..filled()
        };
        let errors = NewRegistration::parse(&form, &setup()).unwrap_err();
        let inputs = [
            ("given_name", &form.given_name, Field::GivenName),
            ("email", &form.email, Field::Email),
            ("city", &form.city, Field::City),
            ("function", &form.function, Field::Function),
            ("category", &form.category, Field::Category),
            (
                "passport_number",
                &form.passport_number,
                Field::PassportNumber,
            ),
            ("date_of_birth", &form.date_of_birth, Field::DateOfBirth),
            ("organisation", &form.organisation, Field::Organisation),
        ];
        for (name, value, field) in inputs {
            assert_eq!(check_input(name, value, today), errors.get(field), "{name}");
        }
        assert_eq!(errors.get(Field::Organisation), None);
    }

    #[test]
    fn sessions_must_be_offered_and_not_overlap() {
        let with = |sessions: &[&str]| RegistrationForm {
            sessions: sessions.iter().map(|s| s.to_string()).collect(),
            ..filled()
        };
        let problem = |sessions: &[&str]| {
            NewRegistration::parse(&with(sessions), &setup())
                .map_err(|e| e.get(Field::Sessions))
                .err()
                .flatten()
        };
        assert_eq!(
            problem(&["workshop-a", "workshop-b"]),
            Some(Problem::SessionsOverlap)
        );
        assert_eq!(problem(&["workshop-c"]), None, "full: wait in line");
        assert_eq!(problem(&["opening-ceremony"]), Some(Problem::ChooseOne));
        assert_eq!(problem(&[]), None);
        assert_eq!(problem(&["workshop-a", "workshop-a"]), None);
    }
}
