//! Papers a delegate takes away: the visa invitation letter (for a
//! confirmed delegate who asked for one) and the certificate of attendance
//! (for one checked in on any day). Each issued paper has a reference and a
//! verification address (`/verify/{code}`) that an embassy or a funder opens
//! to see that it is genuine: who, which conference, when; never a
//! passport number.

use crate::i18n::Localized;
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
}

impl Refused {
    /// Its words' key.
    pub fn key(self) -> &'static str {
        match self {
            Refused::NotConfirmed => "paper-refused-not-confirmed",
            Refused::NotAsked => "paper-refused-not-asked",
            Refused::Withdrawn => "paper-refused-withdrawn",
            Refused::NotAttended => "paper-refused-not-attended",
        }
    }
}

/// What a letter or certificate says, read when it is issued or
/// downloaded again.
#[derive(Clone, Debug, PartialEq)]
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
