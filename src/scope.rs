//! What a list or a feed covers: the whole site, a topic, or a conference.
//! The news, the outcome documents and the feeds are read by scope, and a
//! feed's address is made from one (`paths::feed`).

use crate::Slug;
use serde::{Deserialize, Serialize};

/// Whose news, documents or feed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    Site,
    Topic(Slug),
    Conference(Slug),
}

impl Scope {
    pub fn topic(&self) -> Option<&str> {
        match self {
            Scope::Topic(topic) => Some(topic.as_str()),
            _ => None,
        }
    }

    pub fn conference(&self) -> Option<&str> {
        match self {
            Scope::Conference(conference) => Some(conference.as_str()),
            _ => None,
        }
    }
}
