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
        let empty = agenda
            .sessions
            .is_empty()
            .then(|| view! { <p>{locale.t("agenda-empty")}</p> });
        let days = view! { <AgendaDays agenda=agenda.clone()/> };
        let exports = view! { <Exports slug=slug.clone()/> };
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
                {exports}
                {empty}
                {days}
            </Frame>
        }
    })
}

/// The agenda in the formats other programs read: the calendar, and the
/// schedule for conference apps and video teams. Announced in the head
/// (`<link rel="alternate">`) and offered as links.
#[component]
fn Exports(slug: String) -> impl IntoView {
    use convene::schedule::Format;
    use leptos_meta::Link;
    let locale = Locale::current();
    let calendar = locale.href(&convene::paths::agenda_calendar(&slug));
    let formats = Format::ALL
        .iter()
        .map(|&format| {
            let href = locale.href(&convene::paths::schedule(&slug, format));
            let kind = format.content_type().split(';').next().unwrap_or_default();
            view! {
                <Link rel="alternate" type_=kind href=href.clone() title=format.label()/>
                " · "
                <a href=href type=kind>{format.label()}</a>
            }
        })
        .collect_view();
    view! {
        <Link rel="alternate" type_="text/calendar" href=calendar.clone() title=locale.t("conference-calendar")/>
        <p class="exports">
            {locale.t("agenda-exports")} ": "
            <a href=calendar type="text/calendar">{locale.t("conference-calendar")}</a>
            {formats}
        </p>
    }
}

/// A delegate's stars on their own agenda: where each star's form posts,
/// what they chose, and whether the page shows only theirs.
#[derive(Clone, Debug)]
pub struct Stars {
    pub action: String,
    pub choices: convene::my_agenda::MyChoices,
    pub mine: bool,
}

/// The agenda's days: their tabs, then each day's rows. With `stars`,
/// each session has its star.
#[component]
pub fn AgendaDays(
    agenda: convene::Agenda,
    #[prop(default = None)] stars: Option<Stars>,
) -> impl IntoView {
    let locale = Locale::current();
    let lang = locale.lang;
    let zone = agenda.conference.zone;
    let slug = agenda.conference.slug.to_string();
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
                            <SessionCard session=*session zone slug=slug.clone() show_room=false stars=stars.clone()/>
                        </div>
                    }
                    .into_any(),
                    Row::Parallel(columns) => {
                        let count = columns.len();
                        let columns = columns
                            .into_iter()
                            .map(|column| view! { <RoomColumn column zone slug=slug.clone() stars=stars.clone()/> })
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
    view! {
        <nav class="day-tabs" aria-label=locale.t("agenda-days")>
            <ul>{tabs}</ul>
        </nav>
        {sections}
    }
}

#[component]
fn RoomColumn(
    column: Column,
    zone: VenueZone,
    slug: String,
    stars: Option<Stars>,
) -> impl IntoView {
    let locale = Locale::current();
    let room = column
        .room
        .as_ref()
        .map(|r| r.name.get(locale.lang).to_owned());
    let sessions = column
        .sessions
        .into_iter()
        .map(|session| view! { <SessionCard session zone slug=slug.clone() show_room=false stars=stars.clone()/> })
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
    #[prop(default = None)] stars: Option<Stars>,
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
    let star = stars
        .filter(|_| !kind.is_break())
        .map(|stars| view! { <Star stars session=session.slug.to_string()/> });
    let anchor = star.is_some().then(|| format!("s-{}", session.slug));
    view! {
        <article class=format!("session kind-{}", kind.code()) id=anchor data-session=session.slug.to_string()>
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
            {star}
        </article>
    }
}

/// A session's star on a delegate's agenda: a form that asks for the
/// other state (the page's script sends it without leaving the page). A
/// session they hold a seat in is theirs without one.
#[component]
fn Star(stars: Stars, session: String) -> impl IntoView {
    let locale = Locale::current();
    if stars.choices.holds(&session) {
        return view! { <p class="star held">{locale.t("my-agenda-held")}</p> }.into_any();
    }
    let starred = stars.choices.starred(&session);
    let add = locale.t("my-agenda-add");
    let remove = locale.t("my-agenda-remove");
    let label = if starred { remove.clone() } else { add.clone() };
    view! {
        <form class="star" method="post" action=stars.action data-starred=starred.to_string()
            data-add=add data-remove=remove>
            <input type="hidden" name="session" value=session/>
            <input type="hidden" name="starred" value=if starred { "off" } else { "on" }/>
            {stars.mine.then(|| view! { <input type="hidden" name="mine" value="1"/> })}
            <button type="submit">{label}</button>
        </form>
    }
    .into_any()
}
