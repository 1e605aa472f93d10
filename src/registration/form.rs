//! The registration form as posted ([`RegistrationForm`]), its fields
//! ([`Field`]) and their problems ([`FieldErrors`]), and its parse into a
//! [`NewRegistration`]: every field's problem at once, or a registration
//! that cannot be wrong.

use super::*;
use crate::field::{Email, PersonName, Problem, ShortText};

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
