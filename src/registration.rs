//! What a delegate types into the registration form, parsed into values
//! that cannot be wrong: an [`Email`], a [`PersonName`], a [`ShortText`].
//!
//! Each parser says what to fix as a [`Problem`], which the form shows beside
//! the field in the delegate's language (catalogue keys `problem-*`). The
//! same parsers run in the browser and on the server.

use serde::{Deserialize, Serialize};
use std::fmt;

/// What is wrong with a field's value.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Problem {
    /// Nothing was entered where something is needed.
    Required,
    /// Longer than the field allows.
    TooLong { max: usize },
    /// Line breaks, tabs or other invisible control characters.
    ControlCharacters,
    /// Angle brackets, which no name needs.
    Markup,
    /// Not an email address.
    NotAnEmail,
    /// None of the offered options was chosen.
    ChooseOne,
    /// The delegate must agree to the processing of their data.
    ConsentRequired,
}

impl Problem {
    /// The catalogue key of the message that says what to fix.
    pub fn key(self) -> &'static str {
        match self {
            Problem::Required => "problem-required",
            Problem::TooLong { .. } => "problem-too-long",
            Problem::ControlCharacters => "problem-control-characters",
            Problem::Markup => "problem-markup",
            Problem::NotAnEmail => "problem-not-an-email",
            Problem::ChooseOne => "problem-choose-one",
            Problem::ConsentRequired => "problem-consent-required",
        }
    }
}

/// In English, for logs and errors outside a page; pages show [`Problem::key`].
impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Required => f.write_str("a value is required"),
            Problem::TooLong { max } => write!(f, "at most {max} characters"),
            Problem::ControlCharacters => f.write_str("control characters are not allowed"),
            Problem::Markup => f.write_str("angle brackets are not allowed"),
            Problem::NotAnEmail => f.write_str("not an email address"),
            Problem::ChooseOne => f.write_str("none of the options was chosen"),
            Problem::ConsentRequired => f.write_str("consent is required"),
        }
    }
}

/// Trims, and refuses empty values and control characters.
fn clean(value: &str, max: usize) -> Result<String, Problem> {
    let value = value.trim();
    if value.is_empty() {
        return Err(Problem::Required);
    }
    if value.chars().any(|c| c.is_control() || is_bidi_override(c)) {
        return Err(Problem::ControlCharacters);
    }
    if value.chars().count() > max {
        return Err(Problem::TooLong { max });
    }
    Ok(value.to_owned())
}

/// Bidirectional overrides and embeddings, which can make a name display
/// as something else (isolates, which the interface uses itself, too).
fn is_bidi_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// An email address, as a delegate is reached by it. The part before the @
/// keeps its case; the domain is lowercased. Two addresses are the same
/// delegate when their [`Email::canonical`] forms are equal.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    /// RFC 5321's limit on a forward path.
    pub const MAX_LEN: usize = 254;

    pub fn parse(value: &str) -> Result<Email, Problem> {
        let value = clean(value, Self::MAX_LEN)?;
        let (local, domain) = value.rsplit_once('@').ok_or(Problem::NotAnEmail)?;
        let local_ok = !local.is_empty()
            && local.len() <= 64
            && !local.starts_with('.')
            && !local.ends_with('.')
            && !local.contains("..")
            && local
                .chars()
                .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c));
        let labels: Vec<&str> = domain.split('.').collect();
        let domain_ok = labels.len() >= 2
            && labels.iter().all(|l| {
                !l.is_empty()
                    && l.len() <= 63
                    && !l.starts_with('-')
                    && !l.ends_with('-')
                    && l.chars().all(|c| c.is_alphanumeric() || c == '-')
            })
            && labels.last().is_some_and(|tld| {
                tld.chars().all(char::is_alphabetic) && tld.chars().count() >= 2
            });
        if !local_ok || !domain_ok {
            return Err(Problem::NotAnEmail);
        }
        Ok(Email(format!("{local}@{}", domain.to_lowercase())))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The form two submissions are compared in (case-insensitive).
    pub fn canonical(&self) -> String {
        self.0.to_lowercase()
    }
}

crate::string_newtype!(Email, Problem);

/// A given or family name: any script, apostrophes and hyphens welcome;
/// no control characters, no angle brackets, at most 100 characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct PersonName(String);

impl PersonName {
    pub const MAX_LEN: usize = 100;

    pub fn parse(value: &str) -> Result<PersonName, Problem> {
        let value = clean(value, Self::MAX_LEN)?;
        if value.contains(['<', '>']) {
            return Err(Problem::Markup);
        }
        // Runs of spaces become one: "Bart   Somers" is "Bart Somers".
        Ok(PersonName(
            value.split_whitespace().collect::<Vec<_>>().join(" "),
        ))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

crate::string_newtype!(PersonName, Problem);

/// A short free text (organisation, function, city): one line, at most
/// `MAX` characters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShortText<const MAX: usize>(String);

impl<const MAX: usize> ShortText<MAX> {
    pub fn parse(value: &str) -> Result<Self, Problem> {
        clean(value, MAX).map(ShortText)
    }

    /// An optional field: empty is `None`, anything else must parse.
    pub fn parse_optional(value: &str) -> Result<Option<Self>, Problem> {
        if value.trim().is_empty() {
            Ok(None)
        } else {
            Self::parse(value).map(Some)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Who may register for a conference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RegistrationMode {
    /// Anyone; confirmed once their address is, while seats last.
    Open,
    /// Anyone may ask; staff approve.
    Approval,
    /// Only from a personal invitation link.
    Invitation,
}

impl RegistrationMode {
    pub fn code(self) -> &'static str {
        match self {
            RegistrationMode::Open => "open",
            RegistrationMode::Approval => "approval",
            RegistrationMode::Invitation => "invitation",
        }
    }

    pub fn parse(code: &str) -> Option<RegistrationMode> {
        [
            RegistrationMode::Open,
            RegistrationMode::Approval,
            RegistrationMode::Invitation,
        ]
        .into_iter()
        .find(|m| m.code() == code)
    }
}

/// Where a registration stands. Submitted registrations are `Unverified`
/// until the delegate follows the emailed link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Unverified,
    AwaitingApproval,
    Confirmed,
    Waiting,
    Cancelled,
    Rejected,
}

impl Status {
    pub const ALL: [Status; 6] = [
        Status::Unverified,
        Status::AwaitingApproval,
        Status::Confirmed,
        Status::Waiting,
        Status::Cancelled,
        Status::Rejected,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Status::Unverified => "unverified",
            Status::AwaitingApproval => "awaiting_approval",
            Status::Confirmed => "confirmed",
            Status::Waiting => "waiting",
            Status::Cancelled => "cancelled",
            Status::Rejected => "rejected",
        }
    }

    pub fn parse(code: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// A registration as its private link shows it to the delegate.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegistrationView {
    pub conference: crate::slug::Slug,
    pub conference_title: crate::i18n::Localized,
    pub given_name: String,
    pub family_name: String,
    pub email: String,
    pub organisation: String,
    pub function: Option<String>,
    pub city: String,
    pub country: String,
    pub category: Category,
    pub status: Status,
    /// Place on the waiting list (1 is next), when waiting.
    pub position: Option<i64>,
}

/// Who a delegate is, for the organisers' counts and seating.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    MayorOrGovernor,
    LocalOrRegionalGovernment,
    NationalGovernment,
    InternationalOrganisation,
    CivilSociety,
    Academia,
    PrivateSector,
    Press,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::MayorOrGovernor,
        Category::LocalOrRegionalGovernment,
        Category::NationalGovernment,
        Category::InternationalOrganisation,
        Category::CivilSociety,
        Category::Academia,
        Category::PrivateSector,
        Category::Press,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Category::MayorOrGovernor => "mayor_or_governor",
            Category::LocalOrRegionalGovernment => "local_or_regional_government",
            Category::NationalGovernment => "national_government",
            Category::InternationalOrganisation => "international_organisation",
            Category::CivilSociety => "civil_society",
            Category::Academia => "academia",
            Category::PrivateSector => "private_sector",
            Category::Press => "press",
        }
    }

    pub fn parse(code: &str) -> Result<Category, Problem> {
        Category::ALL
            .into_iter()
            .find(|c| c.code() == code.trim())
            .ok_or(Problem::ChooseOne)
    }

    /// The catalogue key of its name.
    pub fn key(self) -> String {
        format!("category-{}", self.code())
    }
}

/// An ISO 3166-1 alpha-2 country code, such as BE or LB.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    pub fn parse(value: &str) -> Result<CountryCode, Problem> {
        match value.trim().as_bytes() {
            [] => Err(Problem::Required),
            [a, b] if a.is_ascii_alphabetic() && b.is_ascii_alphabetic() => Ok(CountryCode([
                a.to_ascii_uppercase(),
                b.to_ascii_uppercase(),
            ])),
            _ => Err(Problem::ChooseOne),
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("ASCII letters")
    }
}

/// The registration form as submitted: every field as typed, so that a form
/// with mistakes can be shown again exactly as it was.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegistrationForm {
    pub given_name: String,
    pub family_name: String,
    pub email: String,
    pub organisation: String,
    pub function: String,
    pub city: String,
    pub country: String,
    pub category: String,
    /// A checkbox: present ("on") when ticked.
    pub consent: Option<String>,
}

/// The fields of the form, named as its inputs are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    GivenName,
    FamilyName,
    Email,
    Organisation,
    Function,
    City,
    Country,
    Category,
    Consent,
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

/// A registration that passed every rule of the form.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NewRegistration {
    pub given_name: PersonName,
    pub family_name: PersonName,
    pub email: Email,
    pub organisation: ShortText<200>,
    pub function: Option<ShortText<200>>,
    pub city: ShortText<100>,
    pub country: CountryCode,
    pub category: Category,
}

impl TryFrom<&RegistrationForm> for NewRegistration {
    type Error = FieldErrors;

    /// Parses every field and reports all problems at once, not the first.
    fn try_from(form: &RegistrationForm) -> Result<Self, Self::Error> {
        let mut errors = FieldErrors::default();
        let given_name = errors.record(Field::GivenName, PersonName::parse(&form.given_name));
        let family_name = errors.record(Field::FamilyName, PersonName::parse(&form.family_name));
        let email = errors.record(Field::Email, Email::parse(&form.email));
        let organisation = errors.record(Field::Organisation, ShortText::parse(&form.organisation));
        let function = errors.record(Field::Function, ShortText::parse_optional(&form.function));
        let city = errors.record(Field::City, ShortText::parse(&form.city));
        let country = errors.record(Field::Country, CountryCode::parse(&form.country));
        let category = errors.record(Field::Category, Category::parse(&form.category));
        let ticked = matches!(form.consent.as_deref(), Some(v) if !v.is_empty());
        errors.record(
            Field::Consent,
            if ticked {
                Ok(())
            } else {
                Err(Problem::ConsentRequired)
            },
        );
        match (
            given_name,
            family_name,
            email,
            organisation,
            function,
            city,
            country,
            category,
        ) {
            (
                Some(given_name),
                Some(family_name),
                Some(email),
                Some(organisation),
                Some(function),
                Some(city),
                Some(country),
                Some(category),
            ) if errors.is_empty() => Ok(NewRegistration {
                given_name,
                family_name,
                email,
                organisation,
                function,
                city,
                country,
                category,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
        let problems = [
            Problem::Required,
            Problem::TooLong { max: 1 },
            Problem::ControlCharacters,
            Problem::Markup,
            Problem::NotAnEmail,
            Problem::ChooseOne,
            Problem::ConsentRequired,
        ];
        for lang in crate::Lang::ALL {
            for p in problems {
                assert!(crate::i18n::has(lang, p.key()), "{lang}: {}", p.key());
            }
            for c in Category::ALL {
                assert!(crate::i18n::has(lang, &c.key()), "{lang}: {}", c.key());
            }
        }
    }

    fn filled() -> RegistrationForm {
        RegistrationForm {
            given_name: "Bart".into(),
            family_name: "Somers".into(),
            email: "Bart.Somers@Mechelen.be".into(),
            organisation: "City of Mechelen".into(),
            function: "".into(),
            city: "Mechelen".into(),
            country: "be".into(),
            category: "mayor_or_governor".into(),
            consent: Some("on".into()),
        }
    }

    #[test]
    fn a_filled_form_parses_into_a_registration() {
        let r = NewRegistration::try_from(&filled()).unwrap();
        assert_eq!(r.email.as_str(), "Bart.Somers@mechelen.be");
        assert_eq!(r.country.as_str(), "BE");
        assert_eq!(r.category, Category::MayorOrGovernor);
        assert_eq!(r.function, None);
    }

    #[test]
    fn every_mistake_is_reported_at_once_beside_its_field() {
        let form = RegistrationForm {
            given_name: "".into(),
            email: "bart@".into(),
            category: "astronaut".into(),
            consent: None,
            ..filled()
        };
        let errors = NewRegistration::try_from(&form).unwrap_err();
        assert_eq!(
            errors.0,
            vec![
                (Field::GivenName, Problem::Required),
                (Field::Email, Problem::NotAnEmail),
                (Field::Category, Problem::ChooseOne),
                (Field::Consent, Problem::ConsentRequired),
            ]
        );
        assert_eq!(errors.get(Field::Email), Some(Problem::NotAnEmail));
        assert_eq!(errors.get(Field::City), None);
    }
}
