//! A delegate's own agenda: the sessions they starred from their private
//! link, and the sessions they hold a seat in, which are theirs without a
//! star. Their calendar feed (`webcal://`) is these sessions, with the
//! sessions' own UIDs, written again at each fetch, so a session the
//! organiser moves moves in their calendar too.
//!
//! The feed's address is not the private link: a calendar service that
//! fetches it must not be able to change or cancel the registration. It is
//! the registration's number and a key derived from the private link's
//! stored hash ([`calendar_key`]): nothing more is stored, it works for
//! every registration made before it existed, and knowing it gives no way
//! back to the private link.

use crate::slug::Slug;
use serde::{Deserialize, Serialize};

/// What a star's form asks: the session starred, or not. A state rather
/// than a toggle, so a double click asks the same thing twice.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StarWish {
    pub session: Slug,
    pub starred: bool,
}

impl StarWish {
    /// From the form's fields: `session` (its slug) and `starred`
    /// (`on` or `off`); `None` when either is missing or names nothing.
    pub fn parse(pairs: &[(String, String)]) -> Option<StarWish> {
        let field = |name: &str| pairs.iter().find(|(n, _)| n == name).map(|(_, v)| v);
        let session = Slug::parse(field("session")?).ok()?;
        let starred = match field("starred")?.as_str() {
            "on" => true,
            "off" => false,
            _ => return None,
        };
        Some(StarWish { session, starred })
    }
}

/// A delegate's choices within their conference's agenda.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MyChoices {
    /// Sessions they starred, by slug.
    pub starred: Vec<String>,
    /// Sessions they hold a seat in, by slug.
    pub held: Vec<String>,
}

impl MyChoices {
    /// Whether the session is in their agenda, starred or held.
    pub fn has(&self, session: &str) -> bool {
        self.starred.iter().chain(&self.held).any(|s| s == session)
    }

    pub fn holds(&self, session: &str) -> bool {
        self.held.iter().any(|s| s == session)
    }

    pub fn starred(&self, session: &str) -> bool {
        self.starred.iter().any(|s| s == session)
    }
}

/// The key of a registration's calendar feed, from its private link's
/// stored hash: 32 URL-safe characters (192 bits).
#[cfg(feature = "ssr")]
pub fn calendar_key(manage_token_hash: &str) -> String {
    use base64::Engine;
    use sha2::{Digest, Sha256};
    let digest = Sha256::new()
        .chain_update(b"convene calendar\n")
        .chain_update(manage_token_hash.as_bytes())
        .finalize();
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&digest[..24])
}

/// Whether `given` is the calendar key of `manage_token_hash`, compared
/// in constant time.
#[cfg(feature = "ssr")]
pub fn is_calendar_key(manage_token_hash: &str, given: &str) -> bool {
    let expected = calendar_key(manage_token_hash);
    expected.len() == given.len()
        && expected
            .bytes()
            .zip(given.bytes())
            .fold(0u8, |acc, (a, b)| acc | (a ^ b))
            == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items
            .iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    #[test]
    fn a_wish_is_a_session_and_a_state() {
        let wish = StarWish::parse(&pairs(&[("session", "opening"), ("starred", "on")])).unwrap();
        assert_eq!(wish.session.as_str(), "opening");
        assert!(wish.starred);
        let off = StarWish::parse(&pairs(&[("session", "opening"), ("starred", "off")])).unwrap();
        assert!(!off.starred);
        assert_eq!(
            StarWish::parse(&pairs(&[("session", "opening"), ("starred", "yes")])),
            None
        );
        assert_eq!(StarWish::parse(&pairs(&[("starred", "on")])), None);
        assert_eq!(
            StarWish::parse(&pairs(&[("session", "../x"), ("starred", "on")])),
            None
        );
    }

    #[cfg(feature = "ssr")]
    #[test]
    fn the_calendar_key_is_stable_and_its_own() {
        let a = calendar_key("aa");
        assert_eq!(a, calendar_key("aa"));
        assert_eq!(a.len(), 32);
        assert_ne!(a, calendar_key("ab"));
        assert!(is_calendar_key("aa", &a));
        assert!(!is_calendar_key("ab", &a));
        assert!(!is_calendar_key("aa", &a[..31]));
    }
}
