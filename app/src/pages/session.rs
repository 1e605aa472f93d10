//! A session's page: when and where, who takes part, what it is about.

use super::{param, with_agenda, NotFound};
use crate::components::{Frame, VenueTime, ZoneSwitch};
use crate::locale::Locale;
use convene::i18n::long_date;
use convene::Role;
use leptos::prelude::*;

#[component]
pub fn SessionPage() -> impl IntoView {
    let session_slug = param("session");
    with_agenda(move |agenda| {
        let locale = Locale::current();
        let lang = locale.lang;
        let Some(session) = agenda.session(&session_slug).cloned() else {
            return view! { <NotFound/> }.into_any();
        };
        let c = &agenda.conference;
        let zone = c.zone;
        let slug = c.slug.clone();
        let agenda_href = locale.href(&convene::paths::agenda(&slug));
        let calendar_href = locale.href(&convene::paths::session_calendar(&slug, &session.slug));
        let title = session.title.get(lang).to_owned();
        let day = long_date(lang, zone.day_of(session.starts_at));
        let place = match &session.room {
            Some(room) => format!("{}, {}, {}", room.name.get(lang), c.venue, c.city),
            None => format!("{}, {}", c.venue, c.city),
        };
        let people = Role::ALL
            .iter()
            .copied()
            .flat_map(|role| {
                session
                    .people_with(role)
                    .map(move |p| (role, p.clone()))
                    .collect::<Vec<_>>()
            })
            .map(|(role, person)| {
                let href = locale.href(&convene::paths::person(&slug, &person.slug));
                let affiliation = agenda
                    .person(person.slug.as_str())
                    .map(|p| p.affiliation.clone());
                view! {
                    <li>
                        <a href=href>{person.name}</a>
                        {affiliation.map(|a| view! { ", " <span class="affiliation">{a}</span> })}
                        " — " <span class="role">{locale.t(&format!("role-{}", role.code()))}</span>
                    </li>
                }
            })
            .collect_view();
        let description = session.description.get(lang).to_owned();
        view! {
            <Frame title=format!("{title} · {}", c.title.get(lang))>
                <p class="breadcrumb">
                    <a href=agenda_href>{locale.t("session-back")}</a>
                </p>
                <article class=format!("session-page kind-{}", session.kind.code())>
                    <h1 lang=session.title.lang_of(lang).code()>{title}</h1>
                    <ZoneSwitch/>
                    <dl class="facts">
                        <dt>{locale.t("session-when")}</dt>
                        <dd>{day} ", " <VenueTime zone start=session.starts_at end=session.ends_at/></dd>
                        <dt>{locale.t("session-where")}</dt>
                        <dd>{place}</dd>
                        <dt>{locale.t("session-kind")}</dt>
                        <dd>{locale.t(&format!("kind-{}", session.kind.code()))}</dd>
                        {session.track.as_ref().map(|t| view! {
                            <dt>{locale.t("agenda-track")}</dt>
                            <dd>{t.name.get(lang).to_owned()}</dd>
                        })}
                        {session.seats.map(|n| view! {
                            <dt>{locale.t("session-seats")}</dt>
                            <dd>{n}</dd>
                        })}
                    </dl>
                    {(!description.is_empty()).then(|| view! {
                        <p class="description" lang=session.description.lang_of(lang).code()>{description}</p>
                    })}
                    {(!session.people.is_empty()).then(|| view! {
                        <section>
                            <h2>{locale.t("session-people")}</h2>
                            <ul class="people">{people}</ul>
                        </section>
                    })}
                    <p>
                        <a href=calendar_href>
                            {locale.t("session-calendar")}
                        </a>
                    </p>
                </article>
            </Frame>
        }
        .into_any()
    })
}
