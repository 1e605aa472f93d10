//! Who speaks where: a conference's people, and one person's sessions.

use super::{param, with_agenda, NotFound};
use crate::components::picture::PictureView;
use crate::components::{Frame, VenueTime, ZoneSwitch};
use crate::locale::Locale;
use convene::{Agenda, Person};
use leptos::prelude::*;

#[component]
pub fn PeoplePage() -> impl IntoView {
    with_agenda(|agenda| {
        let locale = Locale::current();
        let lang = locale.lang;
        let c = &agenda.conference;
        let title = format!("{} · {}", locale.t("people-title"), c.title.get(lang));
        let people = agenda
            .people
            .iter()
            .map(|person| view! { <li><PersonSummary agenda=agenda.clone() person=person.clone() heading=true/></li> })
            .collect_view();
        let empty = agenda
            .people
            .is_empty()
            .then(|| view! { <p>{locale.t("people-none")}</p> });
        let conference_href = locale.href(&convene::paths::conference(&c.slug));
        let conference_title = c.title.get(lang).to_owned();
        view! {
            <Frame title=title accent=c.face.style()>
                <p class="breadcrumb">
                    <a href=conference_href>{conference_title}</a>
                </p>
                <h1>{locale.t("people-title")}</h1>
                <ZoneSwitch/>
                {empty}
                <ul class="people-list">{people}</ul>
            </Frame>
        }
    })
}

#[component]
pub fn PersonPage() -> impl IntoView {
    let person_slug = param("person");
    with_agenda(move |agenda| {
        let locale = Locale::current();
        let Some(person) = agenda.person(&person_slug).cloned() else {
            return view! { <NotFound/> }.into_any();
        };
        let c = &agenda.conference;
        let title = format!("{} · {}", person.name, c.title.get(locale.lang));
        let people_href = locale.href(&convene::paths::people(&c.slug));
        view! {
            <Frame title=title accent=c.face.style()>
                <p class="breadcrumb">
                    <a href=people_href>{locale.t("people-title")}</a>
                </p>
                <ZoneSwitch/>
                <PersonSummary agenda=agenda.clone() person heading=false/>
            </Frame>
        }
        .into_any()
    })
}

/// A person's portrait, name, position and sessions with their role in
/// each. On the person's own page (`heading` false) the name is the page's
/// h1, the portrait larger, and their biography and links follow.
#[component]
fn PersonSummary(agenda: Agenda, person: Person, heading: bool) -> impl IntoView {
    let locale = Locale::current();
    let lang = locale.lang;
    let slug = agenda.conference.slug.to_string();
    let zone = agenda.conference.zone;
    let href = locale.href(&convene::paths::person(&slug, &person.slug));
    let name = if heading {
        view! { <h2><a href=href>{person.name.clone()}</a></h2> }.into_any()
    } else {
        view! { <h1>{person.name.clone()}</h1> }.into_any()
    };
    let photo = person.photo.clone().map(|picture| {
        let width = if heading { 96 } else { 192 };
        view! { <PictureView picture width eager=!heading class="portrait"/> }
    });
    let affiliation = person.affiliation(lang);
    let affiliation_lang = person
        .position
        .as_ref()
        .or(person.organisation.as_ref())
        .map(|t| t.lang_of(lang).code());
    let bio = (!heading).then(|| person.bio.clone()).flatten().map(|bio| {
        let paragraphs = bio
            .get(lang)
            .split("\n\n")
            .map(|p| view! { <p>{p.trim().to_owned()}</p> })
            .collect_view();
        view! { <div class="bio" lang=bio.lang_of(lang).code()>{paragraphs}</div> }
    });
    let links = (!heading && !person.links.is_empty()).then(|| {
        let items = person
            .links
            .iter()
            .map(|l| view! { <li><a href=l.url.to_string() rel="noopener">{l.text().to_owned()}</a></li> })
            .collect_view();
        view! { <ul class="links">{items}</ul> }
    });
    let sessions = agenda
        .roles_of(&person.slug)
        .map(|(session, role)| {
            let href = locale.href(&convene::paths::session(&slug, &session.slug));
            view! {
                <li>
                    <VenueTime zone start=session.starts_at end=session.ends_at/>
                    " · "
                    <a href=href lang=session.title.lang_of(lang).code()>{session.title.get(lang).to_owned()}</a>
                    " — "
                    <span class="role">{locale.t(&format!("role-{}", role.code()))}</span>
                </li>
            }
        })
        .collect_view();
    view! {
        <article class="person" data-person=person.slug.to_string()>
            {photo}
            {name}
            {(!affiliation.is_empty()).then(|| view! { <p class="affiliation" lang=affiliation_lang>{affiliation}</p> })}
            {bio}
            {links}
            <h3>{locale.t("person-sessions")}</h3>
            <ul class="sessions">{sessions}</ul>
        </article>
    }
}
