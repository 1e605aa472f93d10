//! A conference's page: dates, venue, hosts, partners, languages, description.

use super::with_agenda;
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
        let list = |items: Vec<String>| {
            items
                .into_iter()
                .map(|i| view! { <li>{i}</li> })
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
            <Frame title=title.clone()>
                <article class="conference">
                    <h1 lang=c.title.lang_of(lang).code()>{title.clone()}</h1>
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
                        <ul>{list(c.hosts)}</ul>
                    </section>
                    <section>
                        <h2>{locale.t("conference-partners")}</h2>
                        <ul>{list(c.partners)}</ul>
                    </section>
                </article>
            </Frame>
        }
    })
}
