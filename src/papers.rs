//! Papers a delegate takes away: the visa invitation letter (for a
//! confirmed delegate who asked for one) and the certificate of attendance
//! (for one checked in on any day). Each issued paper has a reference and a
//! verification address (`/verify/{code}`) that an embassy or a funder opens
//! to see that it is genuine: who, which conference, when; never a
//! passport number.

use crate::field::Problem;
use crate::i18n::{date_range, long_date, t, t_args, Lang, Localized};
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

crate::coded_enum! {
    /// The kinds of paper.
    pub enum PaperKind {
        Letter = "letter",
        Certificate = "certificate",
    }
}

impl PaperKind {
    /// The letter of a reference: L or C.
    fn letter(self) -> char {
        match self {
            PaperKind::Letter => 'L',
            PaperKind::Certificate => 'C',
        }
    }

    /// The reference printed on the paper: the conference's address, the
    /// kind and its number there (`BEIRUT-2017-L-0007`).
    pub fn reference(self, conference: &str, number: i64) -> String {
        format!(
            "{}-{}-{number:04}",
            conference.to_ascii_uppercase(),
            self.letter()
        )
    }
}

/// A verification code: 20 characters of 31 that cannot be misread (99
/// random bits), in a paper's verification address. Knowing one shows a name and a
/// conference, so it cannot be guessed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct VerifyCode(String);

const ALPHABET: &[u8] = b"abcdefghjkmnpqrstuvwxyz23456789";

impl VerifyCode {
    pub const LENGTH: usize = 20;

    /// `None` for anything that is no code (it is then found nowhere).
    pub fn parse(value: &str) -> Option<VerifyCode> {
        (value.len() == Self::LENGTH && value.bytes().all(|b| ALPHABET.contains(&b)))
            .then(|| VerifyCode(value.to_owned()))
    }

    #[cfg(feature = "ssr")]
    pub fn random() -> VerifyCode {
        use rand::Rng;
        let mut rng = rand::rng();
        VerifyCode(
            (0..Self::LENGTH)
                .map(|_| char::from(ALPHABET[rng.random_range(0..ALPHABET.len())]))
                .collect(),
        )
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// An issued paper, as the back office lists it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Issued {
    pub id: i64,
    pub kind: PaperKind,
    pub reference: String,
    pub verify: VerifyCode,
    pub issued_at: DateTime<Utc>,
    pub withdrawn_at: Option<DateTime<Utc>>,
}

/// What a verification address shows.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Verification {
    pub kind: PaperKind,
    pub reference: String,
    /// The name it was issued to (for a letter, as in the passport).
    pub holder: String,
    pub conference: Localized,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub city: String,
    pub issued_on: NaiveDate,
    pub standing: Standing,
    /// For a certificate: the days the holder was checked in.
    pub days: Vec<NaiveDate>,
}

/// Whether a paper still holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Standing {
    Valid,
    /// Withdrawn by the organisers.
    Withdrawn,
    /// The registration was cancelled or turned down since.
    Cancelled,
}

/// Why a paper is not given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refused {
    /// A letter: the registration is not confirmed (waiting, awaiting
    /// approval, unverified, cancelled, turned down).
    NotConfirmed,
    /// A letter: the delegate asked for none (no passport details).
    NotAsked,
    /// A letter: the organisers withdrew it; they issue a new one.
    Withdrawn,
    /// A certificate: never checked in.
    NotAttended,
    /// A letter issued before its conference: the passport details were
    /// deleted after it, as the privacy notice says, so it can no longer
    /// be printed (its verification address still confirms it).
    PassportDeleted,
}

impl Refused {
    /// Its words' key.
    pub fn key(self) -> &'static str {
        match self {
            Refused::NotConfirmed => "paper-refused-not-confirmed",
            Refused::NotAsked => "paper-refused-not-asked",
            Refused::Withdrawn => "paper-refused-withdrawn",
            Refused::NotAttended => "paper-refused-not-attended",
            Refused::PassportDeleted => "paper-refused-passport-deleted",
        }
    }
}

/// What a letter or certificate says, read when it is issued or
/// downloaded again.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaperFacts {
    pub kind: PaperKind,
    pub reference: String,
    pub verify: VerifyCode,
    pub issued_on: NaiveDate,
    pub conference: crate::Conference,
    pub given_name: String,
    pub family_name: String,
    pub organisation: String,
    /// A letter's passport details; `None` for a certificate.
    pub passport: Option<crate::registration::VisaRequest>,
    /// A certificate's days of attendance.
    pub days: Vec<NaiveDate>,
}

/// The placeholders a conference's own wording of a paper may use, each
/// filled in from the paper's facts.
pub const PLACEHOLDERS: [&str; 7] = [
    "name",
    "organisation",
    "conference",
    "venue",
    "city",
    "dates",
    "host",
];

/// A conference's own wording of a kind of paper in one language: the
/// heading, the paragraphs before the facts (a letter's passport details,
/// a certificate's days) and those after. The facts, the reference, the
/// verification address and the signature line are always printed: an
/// embassy relies on them, so no wording can leave them out.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct PaperWording {
    pub heading: String,
    /// Paragraphs, separated by an empty line.
    pub opening: String,
    /// Paragraphs, separated by an empty line; may be empty.
    pub closing: String,
}

/// What to fix in a wording, beside each field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct WordingProblems {
    pub heading: Option<Problem>,
    pub opening: Option<Problem>,
    pub closing: Option<Problem>,
}

impl PaperWording {
    /// A wording as an organiser typed it: a heading of one line, an
    /// opening, and a closing that may be empty; every `{word}` one of
    /// [`PLACEHOLDERS`] (a misspelt one would print as typed on a letter
    /// sent to an embassy).
    pub fn parse(
        heading: &str,
        opening: &str,
        closing: &str,
    ) -> Result<PaperWording, WordingProblems> {
        let heading = crate::field::clean(heading, 200).and_then(known_placeholders);
        let body =
            |value: &str, required: bool| match crate::conference_edit::paragraphs(value, 10_000) {
                Ok(Some(text)) => known_placeholders(text),
                Ok(None) if required => Err(Problem::Required),
                Ok(None) => Ok(String::new()),
                Err(p) => Err(p),
            };
        match (heading, body(opening, true), body(closing, false)) {
            (Ok(heading), Ok(opening), Ok(closing)) => Ok(PaperWording {
                heading,
                opening,
                closing,
            }),
            (heading, opening, closing) => Err(WordingProblems {
                heading: heading.err(),
                opening: opening.err(),
                closing: closing.err(),
            }),
        }
    }

    /// The built-in wording of `kind` in `lang`, with its placeholders as
    /// `{name}`: what a paper says until the conference words it its own
    /// way, and where that wording starts.
    pub fn builtin(kind: PaperKind, lang: Lang) -> PaperWording {
        let args = PLACEHOLDERS.map(|p| (p, format!("{{{p}}}")));
        let args: Vec<(&str, &str)> = args.iter().map(|(p, v)| (*p, v.as_str())).collect();
        let say = |key: &str| t_args(lang, key, &args);
        match kind {
            PaperKind::Letter => PaperWording {
                heading: t(lang, "paper-letter-heading"),
                opening: [
                    say("paper-letter-addressee"),
                    say("paper-letter-invite"),
                    say("paper-letter-confirmed"),
                ]
                .join("\n\n"),
                closing: say("paper-letter-purpose"),
            },
            PaperKind::Certificate => PaperWording {
                heading: t(lang, "paper-certificate-heading"),
                opening: say("paper-certificate-text"),
                closing: say("paper-certificate-issued-again"),
            },
        }
    }
}

/// Refuses a text with a `{word}` that is no placeholder.
fn known_placeholders(text: String) -> Result<String, Problem> {
    let mut rest = text.as_str();
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        let Some(close) = rest.find('}') else { break };
        if !PLACEHOLDERS.contains(&&rest[..close]) {
            return Err(Problem::UnknownPlaceholder);
        }
        rest = &rest[close + 1..];
    }
    Ok(text)
}

/// `text` with each `{placeholder}` replaced by its value, in one pass:
/// a value that itself reads `{name}` (an organisation may be called
/// anything) stays as it is.
fn fill(text: &str, args: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            args.iter()
                .find(|(k, _)| *k == &after[..close])
                .map(|(_, v)| (close, v))
        });
        match value {
            Some((close, value)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// A paper's words in one language: what its PDF prints and what the
/// back office's preview of a wording shows.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaperText {
    /// The hosts (or the conference, without any), who sign.
    pub host: String,
    pub heading: String,
    pub before: Vec<String>,
    /// (label, value): a letter's passport details, a certificate's days.
    pub facts: Vec<(String, String)>,
    pub after: Vec<String>,
}

impl PaperFacts {
    /// Its words in `lang`, in the conference's own wording when it has
    /// one, else the built-in one.
    pub fn text(&self, lang: Lang, wording: Option<&PaperWording>) -> PaperText {
        let c = &self.conference;
        let host = if c.hosts.is_empty() {
            c.title.get(lang).to_owned()
        } else {
            c.hosts.join(", ")
        };
        let name = match &self.passport {
            Some(passport) => passport.passport_name.as_str().to_owned(),
            None => format!("{} {}", self.given_name, self.family_name),
        };
        let dates = date_range(lang, c.starts_on, c.ends_on);
        let args = [
            ("host", host.as_str()),
            ("name", name.as_str()),
            ("organisation", self.organisation.as_str()),
            ("conference", c.title.get(lang)),
            ("venue", c.venue.as_str()),
            ("city", c.city.as_str()),
            ("dates", dates.as_str()),
        ];
        let builtin;
        let wording = match wording {
            Some(w) => w,
            None => {
                builtin = PaperWording::builtin(self.kind, lang);
                &builtin
            }
        };
        let paragraphs = |text: &str| {
            text.split("\n\n")
                .map(str::trim)
                .filter(|p| !p.is_empty())
                .map(|p| fill(p, &args))
                .collect::<Vec<_>>()
        };
        let facts = match (self.kind, &self.passport) {
            (PaperKind::Letter, Some(p)) => vec![
                (t(lang, "paper-passport-name"), p.passport_name.to_string()),
                (
                    t(lang, "paper-nationality"),
                    p.nationality.name(lang).to_owned(),
                ),
                (
                    t(lang, "paper-passport-number"),
                    p.passport_number.as_str().to_owned(),
                ),
                (
                    t(lang, "paper-date-of-birth"),
                    long_date(lang, p.date_of_birth),
                ),
            ],
            (PaperKind::Letter, None) => vec![],
            (PaperKind::Certificate, _) => {
                let days = self
                    .days
                    .iter()
                    .map(|d| long_date(lang, *d))
                    .collect::<Vec<_>>();
                vec![(t(lang, "paper-days"), days.join("; "))]
            }
        };
        PaperText {
            heading: fill(&wording.heading, &args),
            before: paragraphs(&wording.opening),
            facts,
            after: paragraphs(&wording.closing),
            host,
        }
    }

    /// A paper of `conference` for an example delegate, never a real one:
    /// what the back office previews a wording with (an organiser's
    /// preview need not show anyone's passport).
    pub fn example(kind: PaperKind, conference: crate::Conference, lang: Lang) -> PaperFacts {
        let name = t(lang, "admin-template-sample-name");
        let (given, family) = name.split_once(' ').unwrap_or((name.as_str(), ""));
        let passport = (kind == PaperKind::Letter).then(|| crate::registration::VisaRequest {
            passport_name: crate::field::PersonName::parse(&name.to_uppercase()).unwrap_or_else(
                |_| crate::field::PersonName::parse("AMAL HADDAD").expect("a name"),
            ),
            nationality: crate::registration::CountryCode::parse("LB").expect("a country"),
            passport_number: crate::registration::PassportNumber::parse("RL0123456")
                .expect("a passport number"),
            date_of_birth: NaiveDate::from_ymd_opt(1980, 5, 17).expect("a day"),
        });
        PaperFacts {
            kind,
            reference: kind.reference(conference.slug.as_str(), 1),
            verify: VerifyCode("examplexamplexamplex".to_owned()),
            issued_on: conference.starts_on,
            days: vec![conference.starts_on],
            given_name: given.to_owned(),
            family_name: family.to_owned(),
            organisation: t(lang, "paper-example-organisation"),
            passport,
            conference,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn references_name_the_conference_kind_and_number() {
        assert_eq!(
            PaperKind::Letter.reference("beirut-2017", 7),
            "BEIRUT-2017-L-0007"
        );
        assert_eq!(
            PaperKind::Certificate.reference("mechelen-2017", 12345),
            "MECHELEN-2017-C-12345"
        );
    }

    #[test]
    fn a_wording_names_only_its_placeholders() {
        let ok = PaperWording::parse(
            " Invitation ",
            "Dear {name},\r\n\r\n{host} invites you.",
            "",
        )
        .unwrap();
        assert_eq!(ok.heading, "Invitation");
        assert_eq!(ok.opening, "Dear {name},\n\n{host} invites you.");
        assert_eq!(ok.closing, "");
        let wrong = PaperWording::parse("", "Dear {Name}", "{venue} in {town}").unwrap_err();
        assert_eq!(wrong.heading, Some(Problem::Required));
        assert_eq!(wrong.opening, Some(Problem::UnknownPlaceholder));
        assert_eq!(wrong.closing, Some(Problem::UnknownPlaceholder));
        assert_eq!(
            PaperWording::parse("A", "  ", "").unwrap_err().opening,
            Some(Problem::Required)
        );
        // A lone brace is text.
        assert!(PaperWording::parse("A", "Costs { if any", "").is_ok());
    }

    #[test]
    fn placeholders_are_filled_once() {
        let args = [("name", "{organisation}"), ("organisation", "City of Tyre")];
        assert_eq!(
            fill("{name} of {organisation}, {nothing} {", &args),
            "{organisation} of City of Tyre, {nothing} {"
        );
    }

    #[test]
    fn the_built_in_wording_is_a_wording_and_prints_as_before() {
        for lang in Lang::ALL {
            for kind in PaperKind::ALL {
                let builtin = PaperWording::builtin(*kind, lang);
                let parsed =
                    PaperWording::parse(&builtin.heading, &builtin.opening, &builtin.closing)
                        .unwrap_or_else(|p| panic!("{kind:?} {lang:?}: {p:?}"));
                assert_eq!(parsed, builtin);
                let beirut = crate::demo::agendas().remove(1).conference;
                let facts = PaperFacts::example(*kind, beirut, lang);
                let text = facts.text(lang, None);
                assert_eq!(text, facts.text(lang, Some(&builtin)));
                assert!(!text.before.concat().contains('{'), "{text:?}");
                assert!(!text.before.is_empty() && !text.after.is_empty());
            }
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn verify_codes_parse_and_differ() {
        let code = VerifyCode::random();
        assert_eq!(VerifyCode::parse(code.as_str()), Some(code.clone()));
        assert_ne!(code, VerifyCode::random());
        assert_eq!(VerifyCode::parse("too-short"), None);
        assert_eq!(VerifyCode::parse("ABCDEFGHJKMNPQRSTUVW"), None);
    }
}
