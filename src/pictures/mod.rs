//! Pictures: speakers' portraits, a conference's banner, logos. An upload
//! is made, once, into the sizes the pages use, each in WebP and in a
//! fallback (JPEG, or PNG where the picture has transparency), and the
//! original is not kept: re-encoded pixels carry no EXIF, so no camera's
//! GPS position or serial number reaches the public site. A logo may also
//! be an SVG, kept as sent once it is found to hold no script.
//!
//! These types travel to the pages; the making is server-side
//! ([`make`], [`svg`]).

#[cfg(feature = "ssr")]
pub mod drawn;
#[cfg(feature = "ssr")]
pub mod make;
#[cfg(feature = "ssr")]
pub mod samples;
#[cfg(feature = "ssr")]
pub mod svg;

use crate::i18n::{Lang, Localized};
use serde::{Deserialize, Serialize};

crate::coded_enum! {
    /// What a picture is for: its shape, its smallest size, its variants.
    pub enum Shape {
        /// A person's face: cropped square.
        Portrait = "portrait",
        /// Across the top of a conference's page: cropped to 3 by 1.
        Banner = "banner",
        /// A conference's, a host's or a partner's: kept whole.
        Logo = "logo",
    }
}

impl Shape {
    /// The smallest picture taken, in pixels (width, height): smaller ones
    /// look blurred on a phone's screen.
    pub fn minimum(self) -> (u32, u32) {
        match self {
            Shape::Portrait => (200, 200),
            Shape::Banner => (960, 320),
            Shape::Logo => (64, 64),
        }
    }

    /// The sizes made (widths; for a logo, heights), smallest first. A
    /// picture smaller than a size is made up to its own size only.
    pub fn sizes(self) -> &'static [u32] {
        match self {
            Shape::Portrait => &[96, 192, 384],
            Shape::Banner => &[480, 960, 1440, 1920],
            Shape::Logo => &[48, 96, 192],
        }
    }

    /// Width over height, for the shapes that are cropped.
    pub fn ratio(self) -> Option<(u32, u32)> {
        match self {
            Shape::Portrait => Some((1, 1)),
            Shape::Banner => Some((3, 1)),
            Shape::Logo => None,
        }
    }
}

crate::coded_enum! {
    pub enum Format {
        Webp = "webp",
        Jpeg = "jpeg",
        Png = "png",
        Svg = "svg",
    }
}

impl Format {
    pub fn content_type(self) -> &'static str {
        match self {
            Format::Webp => "image/webp",
            Format::Jpeg => "image/jpeg",
            Format::Png => "image/png",
            Format::Svg => "image/svg+xml",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            other => other.code(),
        }
    }
}

/// One made size of a picture: a kept file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Variant {
    pub width: u32,
    pub height: u32,
    pub format: Format,
    /// The SHA-256 of its bytes: its key among the kept files.
    pub hash: String,
    pub bytes: u32,
}

impl Variant {
    /// Where it is served.
    pub fn path(&self) -> String {
        crate::paths::file(
            &self.hash,
            &format!("{}.{}", self.width, self.format.extension()),
        )
    }
}

/// A picture as pages show it: its variants, and its text for those who
/// cannot see it, in each language.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Picture {
    pub shape: Shape,
    /// Of the largest variant: what the page's `width` and `height` say, so
    /// the page does not move when it arrives.
    pub width: u32,
    pub height: u32,
    pub variants: Vec<Variant>,
    pub alt: Option<Localized>,
}

impl Picture {
    /// The text for those who cannot see it, in `lang` (empty: decorative).
    pub fn alt(&self, lang: Lang) -> &str {
        self.alt.as_ref().map(|a| a.get(lang)).unwrap_or("")
    }

    /// `srcset` of one format: "/files/…/96.webp 96w, /files/…/192.webp 192w".
    pub fn srcset(&self, format: Format) -> String {
        self.of(format)
            .map(|v| format!("{} {}w", v.path(), v.width))
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// Whether it was made in `format` (an SVG logo is in SVG only).
    pub fn has(&self, format: Format) -> bool {
        self.of(format).next().is_some()
    }

    /// What a browser that reads no `srcset` shows: the fallback nearest
    /// to `width` pixels wide, not smaller where one is larger.
    pub fn fallback(&self, width: u32) -> Option<&Variant> {
        let fallbacks = || self.variants.iter().filter(|v| v.format != Format::Webp);
        fallbacks()
            .filter(|v| v.width >= width)
            .min_by_key(|v| v.width)
            .or_else(|| fallbacks().max_by_key(|v| v.width))
    }

    /// The fallback format's `srcset` (JPEG or PNG, whichever was made).
    pub fn fallback_srcset(&self) -> String {
        self.variants
            .iter()
            .find(|v| v.format != Format::Webp)
            .map(|v| self.srcset(v.format))
            .unwrap_or_default()
    }

    /// The height at `width`, keeping the proportions.
    pub fn height_at(&self, width: u32) -> u32 {
        if self.width == 0 {
            return width;
        }
        ((u64::from(width) * u64::from(self.height) + u64::from(self.width) / 2)
            / u64::from(self.width)) as u32
    }

    fn of(&self, format: Format) -> impl Iterator<Item = &Variant> {
        self.variants.iter().filter(move |v| v.format == format)
    }
}
