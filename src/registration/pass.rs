//! A registration's pass: the code its QR carries, which the check-in desk
//! reads (`crate::onsite`).

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
    pub fn random() -> PassCode {
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
        for typed in [
            "",
            "Rana Haddad",
            "3F9A0C71BD4",
            "3F9A0C71BD42A",
            "3F9A0C71BD4G",
        ] {
            assert_eq!(PassCode::parse(typed), None, "{typed:?}");
        }
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn new_codes_parse_and_differ() {
        let a = PassCode::random();
        assert_eq!(PassCode::parse(a.as_str()), Some(a.clone()));
        assert_ne!(a, PassCode::random());
    }
}
