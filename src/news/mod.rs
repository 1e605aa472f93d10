//! News around the conferences: posts that a network publishes before,
//! during and long after a conference (a "save the date", a report, the
//! declaration adopted, a later statement that refers back to it). A post
//! has a kind, and in each of its languages a title, a teaser for lists
//! and a body written in Markdown ([`Markdown`]), which the server renders
//! to sanitised HTML (`markdown`, behind the `ssr` feature: the WASM client
//! never renders a post).

use crate::field::{is_bidi_override, Problem};
use serde::{Deserialize, Serialize};

mod form;
#[cfg(feature = "ssr")]
pub mod markdown;

pub use form::{PostEdit, PostField, PostForm, PostText};

crate::coded_enum! {
    /// What a post is, for its label in lists and feeds.
    pub enum PostKind {
        News = "news",
        /// Ahead of an event: "save the date".
        Announcement = "announcement",
        /// What happened at a conference.
        Report = "report",
        /// A statement or declaration, often an outcome.
        Statement = "statement",
        /// A kind the organiser names.
        Other = "other",
    }
}

/// A post as the public reads it, once its time has come.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Post {
    pub slug: crate::Slug,
    pub kind: PostKind,
    /// The organiser's name for the kind, when it is `Other`.
    pub kind_label: Option<String>,
    pub title: crate::Localized,
    pub teaser: crate::Localized,
    /// Markdown, rendered on the server (`markdown::to_html`).
    pub body: crate::Localized,
    /// The conference it belongs to, if any.
    pub conference: Option<crate::Slug>,
    pub topics: Vec<crate::Topic>,
    pub published_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
    /// Its picture, if it has one.
    pub image: Option<PostImage>,
}

/// A post's picture: a kept file, and what it shows in words for those who
/// cannot see it, in the post's languages.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostImage {
    pub hash: String,
    pub content_type: String,
    pub alt: crate::Localized,
}

impl PostImage {
    /// Its address, named by its type.
    pub fn path(&self) -> String {
        let extension = match self.content_type.as_str() {
            "image/png" => "png",
            "image/webp" => "webp",
            _ => "jpg",
        };
        crate::paths::file(&self.hash, &format!("picture.{extension}"))
    }
}

/// A post as the back office reads it: a draft or a scheduled one too.
/// (`post.published_at` means something only when `publish_at` is set; a
/// draft carries its last change there.)
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostRecord {
    pub post: Post,
    /// `None`: a draft.
    pub publish_at: Option<chrono::DateTime<chrono::Utc>>,
    /// The outcome documents it refers to.
    pub documents: Vec<crate::Slug>,
}

impl PostRecord {
    /// Whether the public reads it at `now`.
    pub fn is_public(&self, now: chrono::DateTime<chrono::Utc>) -> bool {
        self.publish_at.is_some_and(|at| at <= now)
    }
}

/// The clock of a post's publication time: its conference's venue, or
/// UTC for a post of the whole site.
pub fn site_zone() -> crate::VenueZone {
    crate::VenueZone::parse("UTC").expect("UTC is a zone")
}

/// Posts listed on a page.
pub const PER_PAGE: u32 = 10;

/// The longest body a post may have, in characters.
pub const BODY_MAX: usize = 50_000;

/// A post's body as its author wrote it, in Markdown: trimmed, line breaks
/// as `\n`, no control characters but line breaks and tabs, no
/// bidirectional overrides (which could make a sentence read as another),
/// at most [`BODY_MAX`] characters. Markup in it is harmless: rendering
/// sanitises what Markdown lets through.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Markdown(String);

impl Markdown {
    pub fn parse(value: &str) -> Result<Markdown, Problem> {
        let value = value.trim().replace("\r\n", "\n").replace('\r', "\n");
        if value.is_empty() {
            return Err(Problem::Required);
        }
        if value
            .chars()
            .any(|c| (c.is_control() && c != '\n' && c != '\t') || is_bidi_override(c))
        {
            return Err(Problem::ControlCharacters);
        }
        if value.chars().count() > BODY_MAX {
            return Err(Problem::TooLong { max: BODY_MAX });
        }
        Ok(Markdown(value))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Markdown {
    type Error = Problem;

    fn try_from(value: String) -> Result<Self, Problem> {
        Markdown::parse(&value)
    }
}

impl From<Markdown> for String {
    fn from(value: Markdown) -> String {
        value.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_body_is_trimmed_and_its_line_breaks_are_unix() {
        let body = Markdown::parse("  # Mechelen\r\n\r\nCities adopted it.\r\n ").unwrap();
        assert_eq!(body.as_str(), "# Mechelen\n\nCities adopted it.");
    }

    #[test]
    fn a_body_refuses_what_could_hide_or_mislead() {
        assert_eq!(Markdown::parse(" \n "), Err(Problem::Required));
        assert_eq!(Markdown::parse("a\u{0}b"), Err(Problem::ControlCharacters));
        assert_eq!(
            Markdown::parse("cities \u{202E}noitaralced"),
            Err(Problem::ControlCharacters)
        );
        let long = "a".repeat(BODY_MAX + 1);
        assert_eq!(
            Markdown::parse(&long),
            Err(Problem::TooLong { max: BODY_MAX })
        );
        assert!(Markdown::parse("a\ttab\nand a line").is_ok());
    }

    #[test]
    fn every_kind_has_its_code() {
        for &kind in PostKind::ALL {
            assert_eq!(PostKind::parse(kind.code()), Some(kind));
        }
    }
}
