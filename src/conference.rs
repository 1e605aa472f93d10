//! Conferences and the topics they are listed under.

use crate::i18n::{Lang, Localized};
use crate::slug::Slug;
use crate::zone::VenueZone;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// A topic conferences are listed under ("Migration").
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Topic {
    pub slug: Slug,
    pub name: Localized,
}

/// A conference as the public site shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Conference {
    pub slug: Slug,
    pub title: Localized,
    pub description: Localized,
    /// First and last day, in the venue's calendar.
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub zone: VenueZone,
    pub venue: String,
    pub city: String,
    /// ISO 3166-1 alpha-2.
    pub country: String,
    pub hosts: Vec<String>,
    pub partners: Vec<String>,
    /// Its banner, logo, accent colour, and its hosts' and partners' links
    /// and logos.
    pub face: crate::branding::Face,
    /// The conference's working languages, in the order the organiser gave.
    pub languages: Vec<Lang>,
    pub topics: Vec<Topic>,
    /// When the public information last changed (for feeds).
    pub updated_at: DateTime<Utc>,
    /// Whether it shows a public list of participants.
    #[serde(default)]
    pub participants: bool,
}

impl Conference {
    /// The hosts, then the partners: the face's form lists them in this
    /// order.
    pub fn organisations(&self) -> Vec<String> {
        self.hosts.iter().chain(&self.partners).cloned().collect()
    }

    /// Upcoming until its last day is over (in the venue's calendar).
    pub fn is_upcoming(&self, today_at_venue: NaiveDate) -> bool {
        self.ends_on >= today_at_venue
    }

    /// The days of the conference, first to last.
    pub fn days(&self) -> Vec<NaiveDate> {
        self.starts_on
            .iter_days()
            .take_while(|d| *d <= self.ends_on)
            .collect()
    }
}

/// Conferences split as the home page lists them: upcoming first (soonest
/// first), then past (latest first).
pub fn upcoming_and_past(
    mut conferences: Vec<Conference>,
    today: NaiveDate,
) -> (Vec<Conference>, Vec<Conference>) {
    conferences.sort_by_key(|c| c.starts_on);
    let (upcoming, mut past): (Vec<_>, Vec<_>) =
        conferences.into_iter().partition(|c| c.is_upcoming(today));
    past.reverse();
    (upcoming, past)
}
