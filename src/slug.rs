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

    /// A slug made from a title: its ASCII letters and digits, lowercased,
    /// words joined by hyphens, at most 60 characters; `fallback` when the
    /// title has none (an Arabic title, say).
    pub fn from_title(title: &str, fallback: &str) -> Slug {
        let mut slug = String::new();
        for word in title
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
        {
            if slug.len() + word.len() + 1 > 60 {
                break;
            }
            if !slug.is_empty() {
                slug.push('-');
            }
            slug.push_str(&word.to_ascii_lowercase());
        }
        Slug::parse(&slug)
            .or_else(|_| Slug::parse(fallback))
            .unwrap_or_else(|_| Slug("item".to_owned()))
    }

    /// This slug with `-n` after it, for the `n`th of the same name.
    pub fn numbered(&self, n: u32) -> Slug {
        let base: String = self.0.chars().take(Self::MAX_LEN - 11).collect();
        Slug(format!("{}-{n}", base.trim_end_matches('-')))
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
    fn titles_make_slugs() {
        assert_eq!(
            Slug::from_title("Workshop: Housing & the City (2)", "session").as_str(),
            "workshop-housing-the-city-2"
        );
        assert_eq!(Slug::from_title("ورشة عمل", "session").as_str(), "session");
        let long = Slug::from_title(&"word ".repeat(40), "session");
        assert!(long.as_str().len() <= 60 && !long.as_str().ends_with('-'));
        assert_eq!(
            Slug::from_title("Room A", "room").numbered(2).as_str(),
            "room-a-2"
        );
    }

    #[test]
    fn deserialising_parses() {
        assert!(serde_json::from_str::<Slug>("\"ok-1\"").is_ok());
        assert!(serde_json::from_str::<Slug>("\"Not ok\"").is_err());
    }
}
