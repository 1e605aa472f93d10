//! The agenda: a tab per day; plenaries and breaks across the rooms,
//! parallel sessions side by side, one column per room.

use super::with_agenda;
use crate::components::picture::PictureView;
use crate::components::{Frame, VenueTime, ZoneSwitch};
use crate::locale::Locale;
use convene::agenda::{Column, Row};
use convene::i18n::long_date;
use convene::materials::Watch;
use convene::{Role, Session, VenueZone};
use leptos::prelude::*;

#[component]
pub fn AgendaPage() -> impl IntoView {
    with_agenda(|agenda| {
        let locale = Locale::current();
        let lang = locale.lang;
        let conference = &agenda.conference;
        let zone = conference.zone;
        let slug = conference.slug.to_string();
        let title = format!(
            "{} · {}",
            locale.t("agenda-title"),
            conference.title.get(lang)
        );
        #[cfg(feature = "ssr")]
        super::holds_until(convene::materials::next_turn(
            agenda
                .sessions
                .iter()
                .map(|s| (s.starts_at, s.ends_at, &s.materials)),
            chrono::Utc::now(),
        ));
        let days = agenda.days();
        let tabs = days
            .iter()
            .map(|day| {
                let label = long_date(lang, day.date);
                view! { <li><a href=format!("#day-{}", day.date)>{label}</a></li> }
            })
            .collect_view();
        let sections = days
            .into_iter()
            .map(|day| {
                let rows = day
                    .rows
                    .into_iter()
                    .map(|row| match row {
                        Row::Across(session) => view! {
                            <div class="row across">
                                <SessionCard session=*session zone slug=slug.clone() show_room=false/>
                            </div>
                        }
                        .into_any(),
                        Row::Parallel(columns) => {
                            let count = columns.len();
                            let columns = columns
                                .into_iter()
                                .map(|column| view! { <RoomColumn column zone slug=slug.clone()/> })
                                .collect_view();
                            view! {
                                <div class="row parallel" style=format!("--columns: {count}")>{columns}</div>
                            }
                            .into_any()
                        }
                    })
                    .collect_view();
                view! {
                    <section class="day" id=format!("day-{}", day.date)>
                        <h2>{long_date(lang, day.date)}</h2>
                        {rows}
                    </section>
                }
            })
            .collect_view();
        let empty = agenda
            .sessions
            .is_empty()
            .then(|| view! { <p>{locale.t("agenda-empty")}</p> });
        let conference_title = conference.title.get(lang).to_owned();
        let logo = conference.face.logo.clone().map(|picture| {
            let width = picture.width * 32 / picture.height.max(1);
            view! { <PictureView picture width eager=true class="logo" decorative=true/> }
        });
        view! {
            <Frame title=title accent=conference.face.style()>
                <p class="breadcrumb">
                    <a href=locale.href(&convene::paths::conference(&slug))>{logo}{conference_title}</a>
                </p>
                <h1>{locale.t("agenda-title")}</h1>
                <ZoneSwitch/>
                <nav class="day-tabs" aria-label=locale.t("agenda-days")>
                    <ul>{tabs}</ul>
                </nav>
                {empty}
                {sections}
            </Frame>
        }
    })
}

#[component]
fn RoomColumn(column: Column, zone: VenueZone, slug: String) -> impl IntoView {
    let locale = Locale::current();
    let room = column
        .room
        .as_ref()
        .map(|r| r.name.get(locale.lang).to_owned());
    let sessions = column
        .sessions
        .into_iter()
        .map(|session| view! { <SessionCard session zone slug=slug.clone() show_room=false/> })
        .collect_view();
    view! {
        <div class="room-column">
            {room.map(|name| view! { <h3 class="room">{name}</h3> })}
            {sessions}
        </div>
    }
}

/// One session as the agenda lists it.
#[component]
pub fn SessionCard(
    session: Session,
    zone: VenueZone,
    slug: String,
    show_room: bool,
) -> impl IntoView {
    let locale = Locale::current();
    let lang = locale.lang;
    let href = locale.href(&convene::paths::session(&slug, &session.slug));
    let kind = session.kind;
    let room = session
        .room
        .as_ref()
        .filter(|_| show_room || kind.spans_rooms())
        .map(|r| r.name.get(lang).to_owned());
    let track = session.track.as_ref().map(|t| t.name.get(lang).to_owned());
    let seats = session
        .seats
        .map(|n| locale.t_args("agenda-seats", &[("count", &n.to_string())]));
    let people = Role::ALL
        .iter()
        .copied()
        .filter_map(|role| {
            let names: Vec<_> = session.people_with(role).collect();
            if names.is_empty() {
                return None;
            }
            let links = names
                .into_iter()
                .enumerate()
                .map(|(i, p)| {
                    let href = locale.href(&convene::paths::person(&slug, &p.slug));
                    let separator = (i > 0).then_some(", ");
                    view! { {separator} <a href=href>{p.name.clone()}</a> }
                })
                .collect_view();
            Some(view! {
                <li><span class="role">{locale.t(&format!("role-{}", role.code()))}</span> " " {links}</li>
            })
        })
        .collect_view();
    // What it offers now: watched from here, read on its page.
    let watch = match session
        .materials
        .watch(session.starts_at, session.ends_at, chrono::Utc::now())
    {
        Watch::Nothing => None,
        Watch::Live(url) => Some(
            view! { <a class="watch live" data-watch="live" href=url.to_string() rel="noopener">{locale.t("agenda-watch-live")}</a> }
                .into_any(),
        ),
        Watch::Recording(url) => Some(
            view! { <a class="watch recording" data-watch="recording" href=url.to_string() rel="noopener">{locale.t("agenda-watch-recording")}</a> }
                .into_any(),
        ),
    };
    let documents = (!session.materials.documents.is_empty()).then(|| {
        view! { <a class="documents" href=format!("{href}#materials")>{locale.t("agenda-documents")}</a> }
    });
    let offers = (watch.is_some() || documents.is_some())
        .then(|| view! { <p class="offers">{watch} {documents}</p> });
    let title = session.title.get(lang).to_owned();
    let title_lang = session.title.lang_of(lang).code();
    let heading = if kind.is_break() {
        view! { <h4 class="title" lang=title_lang>{title}</h4> }.into_any()
    } else {
        view! { <h4 class="title" lang=title_lang><a href=href>{title}</a></h4> }.into_any()
    };
    view! {
        <article class=format!("session kind-{}", kind.code()) data-session=session.slug.to_string()>
            <VenueTime zone start=session.starts_at end=session.ends_at/>
            {heading}
            <p class="meta">
                <span class="kind">{locale.t(&format!("kind-{}", kind.code()))}</span>
                {room.map(|r| view! { " · " <span class="room">{r}</span> })}
                {track.map(|t| view! { " · " <span class="track">{t}</span> })}
                {seats.map(|s| view! { " · " <span class="seats">{s}</span> })}
            </p>
            <ul class="people">{people}</ul>
            {offers}
        </article>
    }
}
