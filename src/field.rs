//! The values any form's fields parse into, and what is wrong with them:
//! a [`Problem`] says what to fix, beside the field, in the visitor's
//! language (catalogue keys `problem-*`); [`Email`], [`PersonName`] and
//! [`ShortText`] cannot hold a value that is wrong. The registration form,
//! the back office's forms and the accounts share them.

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
    /// Not a date written as 2017-11-16.
    NotADate,
    /// A date of birth in the future or before 1900.
    DateOutOfRange,
    /// Not letters and digits as a passport number is.
    NotAPassportNumber,
    /// Two chosen sessions take place at the same time.
    SessionsOverlap,
    /// A password shorter than the minimum.
    PasswordTooShort { min: usize },
    /// One of the passwords people use most.
    PasswordCommon,
    /// Not a time written as 13:30.
    NotATime,
    /// Not a whole number above zero.
    NotANumber,
    /// An end at or before the start.
    EndsBeforeStart,
    /// A local time the clocks skip (the hour they go forward).
    SkippedByClocks,
    /// Not an address part such as mechelen-2017.
    NotASlug,
    /// Another conference has this address already.
    SlugTaken,
    /// Not a day written as 2017-11-16.
    NotADay,
    /// A last day before the first.
    LastDayBeforeFirst,
    /// Not a time zone such as Europe/Brussels.
    NotAZone,
    /// A choice needs at least two options.
    TooFewOptions,
    /// Not the first run's code that the server printed when it started.
    NotTheSetupCode,
    /// A file larger than `max` megabytes.
    FileTooLarge { max: usize },
    /// A file of a type the field does not take (whatever its name says).
    FileType,
    /// A file name with a path in it (`../`), or none.
    FileName,
    /// A PDF that carries a script, an action or an embedded file.
    FileScript,
    /// A file that says it is a PDF and does not read as one.
    FileUnreadable,
    /// Not a colour written as #1F5FA8.
    NotAColour,
    /// A `{word}` in a wording that is none of its placeholders.
    UnknownPlaceholder,
    /// A file that is not a picture this field takes.
    PictureType,
    /// A picture smaller than `width` × `height` pixels.
    PictureTooSmall { width: u32, height: u32 },
    /// A picture of more than `megapixels` million pixels.
    PictureTooManyPixels { megapixels: u32 },
    /// A file that says it is a picture and does not open as one.
    PictureUnreadable,
    /// An SVG with a script, an event handler or a link to content
    /// elsewhere.
    SvgScript,
    /// Not a web address starting with https:// (or http://).
    NotALink,
    /// A colour too light against white for text to be read on it.
    LowContrast,
}

impl Problem {
    /// One of each kind (with an example limit), for listing their messages.
    pub const EACH: [Problem; 38] = [
        Problem::Required,
        Problem::TooLong { max: 100 },
        Problem::ControlCharacters,
        Problem::Markup,
        Problem::NotAnEmail,
        Problem::ChooseOne,
        Problem::ConsentRequired,
        Problem::NotADate,
        Problem::DateOutOfRange,
        Problem::NotAPassportNumber,
        Problem::SessionsOverlap,
        Problem::PasswordTooShort { min: 8 },
        Problem::PasswordCommon,
        Problem::NotATime,
        Problem::NotANumber,
        Problem::EndsBeforeStart,
        Problem::SkippedByClocks,
        Problem::NotASlug,
        Problem::SlugTaken,
        Problem::NotADay,
        Problem::LastDayBeforeFirst,
        Problem::NotAZone,
        Problem::TooFewOptions,
        Problem::NotTheSetupCode,
        Problem::FileTooLarge { max: 10 },
        Problem::FileType,
        Problem::FileName,
        Problem::FileScript,
        Problem::FileUnreadable,
        Problem::NotAColour,
        Problem::UnknownPlaceholder,
        Problem::PictureType,
        Problem::PictureTooSmall {
            width: 200,
            height: 200,
        },
        Problem::PictureTooManyPixels { megapixels: 50 },
        Problem::PictureUnreadable,
        Problem::SvgScript,
        Problem::NotALink,
        Problem::LowContrast,
    ];

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
            Problem::NotADate => "problem-not-a-date",
            Problem::DateOutOfRange => "problem-date-out-of-range",
            Problem::NotAPassportNumber => "problem-not-a-passport-number",
            Problem::SessionsOverlap => "problem-sessions-overlap",
            Problem::PasswordTooShort { .. } => "problem-password-too-short",
            Problem::PasswordCommon => "problem-password-common",
            Problem::NotATime => "problem-not-a-time",
            Problem::NotANumber => "problem-not-a-number",
            Problem::EndsBeforeStart => "problem-ends-before-start",
            Problem::SkippedByClocks => "problem-skipped-by-clocks",
            Problem::NotASlug => "problem-not-a-slug",
            Problem::SlugTaken => "problem-slug-taken",
            Problem::NotADay => "problem-not-a-day",
            Problem::LastDayBeforeFirst => "problem-last-day-before-first",
            Problem::NotAZone => "problem-not-a-zone",
            Problem::TooFewOptions => "problem-too-few-options",
            Problem::NotTheSetupCode => "problem-not-the-setup-code",
            Problem::FileTooLarge { .. } => "problem-file-too-large",
            Problem::FileType => "problem-file-type",
            Problem::FileName => "problem-file-name",
            Problem::FileScript => "problem-file-script",
            Problem::FileUnreadable => "problem-file-unreadable",
            Problem::NotAColour => "problem-not-a-colour",
            Problem::UnknownPlaceholder => "problem-unknown-placeholder",
            Problem::PictureType => "problem-picture-type",
            Problem::PictureTooSmall { .. } => "problem-picture-too-small",
            Problem::PictureTooManyPixels { .. } => "problem-picture-too-many-pixels",
            Problem::PictureUnreadable => "problem-picture-unreadable",
            Problem::SvgScript => "problem-svg-script",
            Problem::NotALink => "problem-not-a-link",
            Problem::LowContrast => "problem-low-contrast",
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
            Problem::NotADate => f.write_str("not a date such as 2017-11-16"),
            Problem::DateOutOfRange => f.write_str("not a possible date of birth"),
            Problem::NotAPassportNumber => f.write_str("not a passport number"),
            Problem::SessionsOverlap => f.write_str("two chosen sessions overlap"),
            Problem::PasswordTooShort { min } => write!(f, "at least {min} characters"),
            Problem::PasswordCommon => f.write_str("one of the most common passwords"),
            Problem::NotATime => f.write_str("not a time such as 13:30"),
            Problem::NotANumber => f.write_str("not a whole number above zero"),
            Problem::EndsBeforeStart => f.write_str("ends at or before its start"),
            Problem::SkippedByClocks => f.write_str("a time the clocks skip"),
            Problem::NotASlug => f.write_str("not an address part such as mechelen-2017"),
            Problem::SlugTaken => f.write_str("another conference has this address"),
            Problem::NotADay => f.write_str("not a day such as 2017-11-16"),
            Problem::LastDayBeforeFirst => f.write_str("the last day is before the first"),
            Problem::NotAZone => f.write_str("not a time zone such as Europe/Brussels"),
            Problem::TooFewOptions => f.write_str("a choice needs two options or more"),
            Problem::NotTheSetupCode => f.write_str("not the setup code in the server's log"),
            Problem::FileTooLarge { max } => write!(f, "a file larger than {max} MB"),
            Problem::FileType => f.write_str("a file of a type not taken here"),
            Problem::FileName => f.write_str("a file name with a path in it"),
            Problem::FileScript => f.write_str("a PDF with a script or an action"),
            Problem::FileUnreadable => f.write_str("a PDF that does not open"),
            Problem::NotAColour => f.write_str("not a colour"),
            Problem::UnknownPlaceholder => f.write_str("a placeholder that does not exist"),
            Problem::PictureType => f.write_str("not a picture taken here"),
            Problem::PictureTooSmall { width, height } => {
                write!(f, "a picture smaller than {width} x {height} pixels")
            }
            Problem::PictureTooManyPixels { megapixels } => {
                write!(f, "a picture of more than {megapixels} million pixels")
            }
            Problem::PictureUnreadable => f.write_str("a picture that does not open"),
            Problem::SvgScript => f.write_str("an SVG with a script or an outside link"),
            Problem::NotALink => f.write_str("not a web address"),
            Problem::LowContrast => f.write_str("a colour too light to read on white"),
        }
    }
}

/// Trims, and refuses empty values and control characters.
pub(crate) fn clean(value: &str, max: usize) -> Result<String, Problem> {
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
pub(crate) fn is_bidi_override(c: char) -> bool {
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

/// A web address a page links to (a speaker's site, a livestream, a
/// partner): `https://` or `http://` and a host, at most 500 characters.
/// Anything else (`javascript:`, a bare word, a relative path) is refused,
/// so a link on the public site goes where it says.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct WebAddress(String);

impl WebAddress {
    pub fn parse(value: &str) -> Result<WebAddress, Problem> {
        let value = clean(value, 500)?;
        let url = url::Url::parse(&value).map_err(|_| Problem::NotALink)?;
        let host = url.host_str().unwrap_or_default();
        if !matches!(url.scheme(), "https" | "http") || host.is_empty() || !host.contains('.') {
            return Err(Problem::NotALink);
        }
        Ok(WebAddress(url.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The host, as a link's text when there is no other ("www.unesco.org").
    pub fn host(&self) -> &str {
        let rest = self.0.split_once("://").map_or(self.0.as_str(), |(_, r)| r);
        rest.split(['/', '?', '#']).next().unwrap_or(rest)
    }
}

crate::string_newtype!(WebAddress, Problem);
