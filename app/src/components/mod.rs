//! Pieces every page uses: the frame (header, language switcher, footer),
//! times in the venue's zone, and the time zone island.

pub mod live_checks;
pub mod picture;
pub mod zone;

use crate::locale::{current_path, prefixed, Locale};
use chrono::{DateTime, Utc};
use convene::feed::Format;
use convene::scope::Scope;
use convene::{Lang, VenueZone};
use leptos::prelude::*;
use leptos_meta::{Link, Title};

/// The frame of a page: skip link, header with the language switcher, the
/// page's content in `<main>`, and the footer.
#[component]
pub fn Frame(
    #[prop(into)] title: String,
    /// A conference's accent colour, for its pages (`Face::style`).
    #[prop(default = None)]
    accent: Option<String>,
    children: Children,
) -> impl IntoView {
    let locale = Locale::current();
    let site = locale.t("site-name");
    let path = current_path();
    let switcher = Lang::ALL
        .into_iter()
        .map(|lang| {
            let current = (lang == locale.lang).then_some("page");
            view! {
                <li>
                    <a href=prefixed(lang, &path) hreflang=lang.code() lang=lang.code() aria-current=current>
                        {lang.native_name()}
                    </a>
                </li>
            }
        })
        .collect_view();
    view! {
        <Title text=escape_title(&format!("{title} · {site}"))/>
        <a class="skip" href="#content">{locale.t("skip-to-content")}</a>
        <header class="site-header">
            <a class="brand" href=locale.href("/")>
                <span class="brand-name">{site.clone()}</span>
                <span class="brand-tagline">{locale.t("site-tagline")}</span>
            </a>
            <nav class="languages" aria-label=locale.t("lang-switcher")>
                <ul>{switcher}</ul>
            </nav>
        </header>
        <main id="content" style=accent>{children()}</main>
        <footer class="site-footer">
            <h2>{locale.t("footer-feeds")}</h2>
            <ul>
                <li><Feeds scope=Scope::Site label=locale.t("footer-feed") title=site.clone()/></li>
                <li><a href=convene::paths::API>{locale.t("footer-api")}</a></li>
            </ul>
        </footer>
    }
}

/// A scope's feeds, in both formats and the page's language: announced in
/// the head for feed readers (autodiscovery, named `title`) and offered as
/// links after `label`.
#[component]
pub fn Feeds(scope: Scope, label: String, title: String) -> impl IntoView {
    let locale = Locale::current();
    let links = Format::ALL
        .iter()
        .map(|&format| {
            let href = locale.href(&convene::paths::feed(&scope, format));
            let title = format!("{title} ({})", format.label());
            view! {
                <Link rel="alternate" type_=format.content_type() href=href.clone() title=title/>
                " "
                <a class="feed" href=href type=format.content_type()>{format.label()}</a>
            }
        })
        .collect_view();
    view! { <span class="feeds">{label.clone()}":"{links}</span> }
}

/// leptos_meta 0.8 writes the `<title>` text into the head unescaped; a
/// conference titled `</title><script>` would otherwise run. Escaping here is
/// right because `<title>` content decodes character references.
fn escape_title(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// A time span in the venue's zone, labelled ("09:00–10:15 CET, Brussels
/// time"). The zone island rewrites it in the viewer's zone on request, from
/// the UTC instants in its data attributes.
#[component]
pub fn VenueTime(zone: VenueZone, start: DateTime<Utc>, end: DateTime<Utc>) -> impl IntoView {
    let locale = Locale::current();
    let label = zone.span_label(locale.lang, start, end);
    let day = zone.day_of(start).to_string();
    view! {
        <time
            class="when"
            datetime=start.to_rfc3339()
            data-start=start.to_rfc3339()
            data-end=end.to_rfc3339()
            data-day=day
        >
            {label}
        </time>
    }
}

/// The name of a country in the request's language, or the code as given
/// when it names no country.
pub fn country_name(locale: &Locale, code: &str) -> String {
    match convene::registration::country::CountryCode::parse(code) {
        Ok(country) => country.name(locale.lang).to_owned(),
        Err(_) => code.to_owned(),
    }
}

/// The zone toggle with its labels in the request's language.
#[component]
pub fn ZoneSwitch() -> impl IntoView {
    let locale = Locale::current();
    let yours = locale.t_args("zone-your-time", &[("time", "{time}"), ("zone", "{zone}")]);
    view! {
        <zone::ZoneToggle
            show_mine=locale.t("zone-show-mine")
            show_venue=locale.t("zone-show-venue")
            yours=yours
            lang=locale.lang.code().to_owned()
        />
    }
}
