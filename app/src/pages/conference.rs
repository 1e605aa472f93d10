//! A conference's page: dates, venue, hosts, partners, languages, description.

use super::with_agenda;
use crate::components::picture::PictureView;
use crate::components::{country_name, Frame};
use crate::locale::Locale;
use convene::i18n::date_range;
use leptos::prelude::*;

#[component]
pub fn ConferencePage() -> impl IntoView {
    with_agenda(|agenda| {
        let locale = Locale::current();
        let lang = locale.lang;
        let c = agenda.conference;
        let news_scope = convene::scope::Scope::Conference(c.slug.clone());
        let title = c.title.get(lang).to_owned();
        let first_session = agenda.sessions.first().map(|s| s.starts_at);
        let zone = match first_session {
            Some(at) => format!("{} ({})", c.zone.name(), c.zone.abbreviation(at)),
            None => c.zone.name().to_owned(),
        };
        let face = c.face.clone();
        let list = move |items: Vec<String>| {
            let face = face.clone();
            items
                .into_iter()
                .map(move |name| {
                    let o = face.of(&name).cloned();
                    let logo = o.as_ref().and_then(|o| o.logo.clone()).map(|picture| {
                        let width = picture.width * 48 / picture.height.max(1);
                        view! { <PictureView picture width class="org-logo" decorative=true/> }
                    });
                    let label = match o.and_then(|o| o.url) {
                        Some(url) => view! { <a href=url.to_string() rel="noopener">{logo}<span>{name}</span></a> }.into_any(),
                        None => view! { {logo}<span>{name}</span> }.into_any(),
                    };
                    view! { <li>{label}</li> }
                })
                .collect_view()
        };
        let languages = c
            .languages
            .iter()
            .map(|l| l.native_name().to_owned())
            .collect::<Vec<_>>()
            .join(", ");
        let topics = c
            .topics
            .iter()
            .map(|t| {
                let href = locale.href(&convene::paths::topic(&t.slug));
                view! { <a href=href>{t.name.get(lang).to_owned()}</a> " " }
            })
            .collect_view();
        view! {
            <Frame title=title.clone() accent=c.face.style()>
                <article class="conference">
                    <Masthead conference=c.clone()/>
                    <dl class="facts">
                        <dt>{locale.t("conference-dates")}</dt>
                        <dd>{date_range(lang, c.starts_on, c.ends_on)}</dd>
                        <dt>{locale.t("conference-venue")}</dt>
                        <dd>{format!("{}, {}, {}", c.venue, c.city, country_name(&locale, &c.country))}</dd>
                        <dt>{locale.t("conference-zone")}</dt>
                        <dd>{zone}</dd>
                        <dt>{locale.t("conference-languages")}</dt>
                        <dd>{languages}</dd>
                        <dt>{locale.t("conference-topics")}</dt>
                        <dd>{topics}</dd>
                    </dl>
                    <nav class="conference-nav">
                        <a class="primary" href=locale.href(&convene::paths::register(&c.slug))>{locale.t("conference-register")}</a>
                        <a href=locale.href(&convene::paths::agenda(&c.slug))>{locale.t("conference-agenda")}</a>
                        <a href=locale.href(&convene::paths::people(&c.slug))>{locale.t("conference-people")}</a>
                        {c.participants.then(|| view! {
                            <a href=locale.href(&convene::paths::participants(&c.slug))>{locale.t("participants-title")}</a>
                        })}
                        <a href=locale.href(&convene::paths::agenda_calendar(&c.slug))>{locale.t("conference-calendar")}</a>
                    </nav>
                    <section>
                        <h2>{locale.t("conference-about")}</h2>
                        <p lang=c.description.lang_of(lang).code()>{c.description.get(lang).to_owned()}</p>
                    </section>
                    <super::documents::DocumentsSection scope=news_scope.clone()/>
                    <super::news::NewsSection scope=news_scope title=title.clone()/>
                    <section>
                        <h2>{locale.t("conference-hosts")}</h2>
                        <ul class="organisations">{list(c.hosts.clone())}</ul>
                    </section>
                    <section>
                        <h2>{locale.t("conference-partners")}</h2>
                        <ul class="organisations">{list(c.partners.clone())}</ul>
                    </section>
                </article>
            </Frame>
        }
    })
}

/// The top of a conference's page: its banner across, its logo beside its
/// title.
#[component]
pub fn Masthead(conference: convene::Conference) -> impl IntoView {
    let locale = Locale::current();
    let lang = locale.lang;
    let c = conference;
    let banner = c.face.banner.clone().map(|picture| {
        view! { <PictureView picture width=960 eager=true class="banner" sizes="(max-width: 60rem) 100vw, 60rem"/> }
    });
    let logo = c.face.logo.clone().map(|picture| {
        let width = picture.width * 64 / picture.height.max(1);
        view! { <PictureView picture width eager=true class="logo" decorative=true/> }
    });
    view! {
        <header class="masthead">
            {banner}
            <div class="masthead-title">
                {logo}
                <h1 lang=c.title.lang_of(lang).code()>{c.title.get(lang).to_owned()}</h1>
            </div>
        </header>
    }
}
