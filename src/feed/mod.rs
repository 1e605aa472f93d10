//! Feeds of a site's news: RSS 2.0 and Atom, site-wide, per topic and per
//! conference ([`Scope`](crate::scope::Scope)), each in the reader's language. The formats and
//! their addresses are shared with the pages (for the autodiscovery links
//! and the "Subscribe" links); writing them is the server's (`write`,
//! behind `ssr`, with the maintained `rss` and `atom_syndication` crates).

#[cfg(feature = "ssr")]
mod write;
#[cfg(feature = "ssr")]
pub use write::{write, Channel, Item, Written};

crate::coded_enum! {
    /// A feed's format, named by its address's extension.
    pub enum Format {
        Rss = "rss",
        Atom = "atom",
    }
}

impl Format {
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Rss => "application/rss+xml",
            Format::Atom => "application/atom+xml",
        }
    }

    /// How a subscribe link names it.
    pub fn label(self) -> &'static str {
        match self {
            Format::Rss => "RSS",
            Format::Atom => "Atom",
        }
    }
}

/// The most posts a feed carries: aggregators poll often and keep what
/// they have read.
pub const FEED_POSTS: u32 = 20;
