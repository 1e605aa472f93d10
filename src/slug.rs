//! URL-safe identifiers of conferences, sessions, people and topics.

use serde::{Deserialize, Serialize};

/// A lowercase ASCII identifier for URLs: letters, digits and single hyphens
/// between them, 1 to 80 characters. `mechelen-2017` is one.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Slug(String);

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SlugError {
    #[error("a slug cannot be empty")]
    Empty,
    #[error("a slug has at most 80 characters")]
    TooLong,
    #[error("a slug has only lowercase letters a-z, digits and single hyphens between them")]
    Invalid,
}

impl Slug {
    pub const MAX_LEN: usize = 80;

    pub fn parse(value: &str) -> Result<Slug, SlugError> {
        if value.is_empty() {
            return Err(SlugError::Empty);
        }
        if value.len() > Self::MAX_LEN {
            return Err(SlugError::TooLong);
        }
        let valid_chars = value
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        if !valid_chars || value.starts_with('-') || value.ends_with('-') || value.contains("--") {
            return Err(SlugError::Invalid);
        }
        Ok(Slug(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

crate::string_newtype!(Slug, SlugError);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_the_reference_slugs() {
        assert_eq!(
            Slug::parse("mechelen-2017").unwrap().as_str(),
            "mechelen-2017"
        );
        assert!(Slug::parse("beirut-2017").is_ok());
        assert!(Slug::parse("a").is_ok());
    }

    #[test]
    fn rejects_what_would_break_a_url() {
        assert_eq!(Slug::parse(""), Err(SlugError::Empty));
        for bad in [
            "Mechelen", "a b", "a/b", "-a", "a-", "a--b", "é", "a_b", "../x", "a.ics",
        ] {
            assert_eq!(Slug::parse(bad), Err(SlugError::Invalid), "{bad}");
        }
        assert_eq!(Slug::parse(&"a".repeat(81)), Err(SlugError::TooLong));
        assert!(Slug::parse(&"a".repeat(80)).is_ok());
    }

    #[test]
    fn deserialising_parses() {
        assert!(serde_json::from_str::<Slug>("\"ok-1\"").is_ok());
        assert!(serde_json::from_str::<Slug>("\"Not ok\"").is_err());
    }
}
