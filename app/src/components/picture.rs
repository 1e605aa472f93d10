//! A picture as pages show it: WebP where the browser takes it, JPEG or
//! PNG where not, each in the sizes made at upload so a phone downloads
//! the one its screen needs; `width` and `height` so the page does not
//! move when it arrives; lazy below the fold.

use crate::locale::Locale;
use convene::pictures::{Format, Picture};
use leptos::prelude::*;

/// `picture` shown `width` CSS pixels wide (its height follows).
#[component]
pub fn PictureView(
    picture: Picture,
    width: u32,
    /// Loaded at once (it is at the top of the page).
    #[prop(optional)]
    eager: bool,
    #[prop(optional, into)] class: String,
    /// Shown beside its own name (a logo by its title): its words would
    /// only repeat it to who hears the page.
    #[prop(optional)]
    decorative: bool,
    /// The `sizes` attribute, when it is not `width` pixels at every
    /// screen's width (a banner across a phone).
    #[prop(optional, into)]
    sizes: String,
) -> impl IntoView {
    let locale = Locale::current();
    let alt = if decorative {
        String::new()
    } else {
        picture.alt(locale.lang).to_owned()
    };
    let height = picture.height_at(width);
    let loading = if eager { "eager" } else { "lazy" };
    let sizes = if sizes.is_empty() {
        format!("{width}px")
    } else {
        sizes
    };
    let class = (!class.is_empty()).then_some(class);
    // An SVG scales by itself: one file.
    if picture.has(Format::Svg) {
        let src = picture
            .variants
            .first()
            .map(|v| v.path())
            .unwrap_or_default();
        return view! {
            <img class=class src=src alt=alt width=width height=height loading=loading decoding="async"/>
        }
        .into_any();
    }
    let src = picture
        .fallback(width * 2)
        .map(|v| v.path())
        .unwrap_or_default();
    view! {
        <picture>
            <source type="image/webp" srcset=picture.srcset(Format::Webp) sizes=sizes.clone()/>
            <img class=class src=src srcset=picture.fallback_srcset() sizes=sizes alt=alt
                width=width height=height loading=loading decoding="async"/>
        </picture>
    }
    .into_any()
}
