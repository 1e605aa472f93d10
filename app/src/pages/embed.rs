//! Pages made to be framed by other sites (a member city's website):
//! a conference's agenda (`/embed/conferences/{slug}/agenda`) and the
//! upcoming conferences of a topic (`/embed/topics/{topic}/upcoming`) or
//! of all (`/embed/upcoming`). Plain HTML with no script; `?lang=` follows
//! the parent site's language. Only these routes may be framed
//! (`frame-ancestors *`, see `content_security_policy`); every link opens
//! the full site in a new tab.

use super::param;
use crate::locale::Locale;
use convene::i18n::{date_range, long_date};
use convene::{Agenda, Conference};
use leptos::prelude::*;
use leptos_meta::Title;

/// The frame of an embed: its title, and its content with no site header
/// or footer (the parent page has its own).
#[component]
fn EmbedFrame(#[prop(into)] title: String, children: Children) -> impl IntoView {
    view! {
        <Title text=title.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")/>
        <main class="embed">{children()}</main>
    }
}

/// A link into the full site, opened outside the frame.
fn out(href: String, text: String) -> impl IntoView {
    view! { <a href=href target="_blank" rel="noopener">{text}</a> }
}

#[component]
pub fn EmbedAgendaPage() -> impl IntoView {
    super::loaded(crate::api::get_agenda(param("slug")), |agenda| {
        view! { <EmbeddedAgenda agenda/> }
    })
}

#[component]
fn EmbeddedAgenda(agenda: Agenda) -> impl IntoView {
    let locale = Locale::current();
    let lang = locale.lang;
    let conference = &agenda.conference;
    let zone = conference.zone;
    let slug = conference.slug.to_string();
    let title = conference.title.get(lang).to_owned();
    let days = agenda
        .days()
        .into_iter()
        .map(|day| {
            let mut sessions: Vec<&convene::Session> = agenda
                .sessions
                .iter()
                .filter(|s| zone.day_of(s.starts_at) == day.date)
                .collect();
            sessions.sort_by_key(|s| (s.starts_at, s.ends_at));
            let items = sessions
                .into_iter()
                .map(|s| {
                    let when = zone.span_label(lang, s.starts_at, s.ends_at);
                    let room = s.room.as_ref().map(|r| r.name.get(lang).to_owned());
                    let href = locale.href(&convene::paths::session(&slug, &s.slug));
                    let title = s.title.get(lang).to_owned();
                    let heading = if s.kind.is_break() {
                        view! { <span class="title">{title}</span> }.into_any()
                    } else {
                        view! { <span class="title">{out(href, title)}</span> }.into_any()
                    };
                    view! {
                        <li class=format!("kind-{}", s.kind.code())>
                            <time datetime=s.starts_at.to_rfc3339()>{when}</time>
                            " " {heading}
                            {room.map(|r| view! { " · " <span class="room">{r}</span> })}
                        </li>
                    }
                })
                .collect_view();
            view! {
                <section class="day">
                    <h2>{long_date(lang, day.date)}</h2>
                    <ol class="embed-sessions">{items}</ol>
                </section>
            }
        })
        .collect_view();
    let full = locale.href(&convene::paths::agenda(&slug));
    let dates = date_range(lang, conference.starts_on, conference.ends_on);
    let place = format!("{}, {}", conference.venue, conference.city);
    view! {
        <EmbedFrame title=format!("{} · {title}", locale.t("agenda-title"))>
            <h1>{out(locale.href(&convene::paths::conference(&slug)), title.clone())}</h1>
            <p class="dates">
                {dates} " · " {place}
            </p>
            {days}
            <p class="more">{out(full, locale.t("embed-full-agenda"))}</p>
        </EmbedFrame>
    }
}

#[component]
pub fn EmbedUpcomingPage() -> impl IntoView {
    let topic = param("topic");
    let topic = (!topic.is_empty()).then_some(topic);
    super::loaded(get_upcoming(topic), |upcoming| {
        view! { <Upcoming upcoming/> }
    })
}

/// The upcoming conferences of a topic, or of all.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct UpcomingConferences {
    /// The topic, when one is asked for.
    pub topic: Option<convene::Topic>,
    pub conferences: Vec<Conference>,
}

/// Published conferences not yet over (at their venue), of `topic` when
/// given; `None` for a topic that does not exist.
#[server]
pub async fn get_upcoming(
    topic: Option<String>,
) -> Result<Option<UpcomingConferences>, ServerFnError> {
    use crate::api::{store, unavailable};
    let store = store()?;
    let found = match &topic {
        Some(slug) => {
            let topics = store.topics().await.map_err(unavailable)?;
            match topics.into_iter().find(|t| t.slug.as_str() == slug) {
                Some(topic) => Some(topic),
                None => return Ok(None),
            }
        }
        None => None,
    };
    let now = chrono::Utc::now();
    let conferences = store
        .conferences(topic.as_deref())
        .await
        .map_err(unavailable)?
        .into_iter()
        .filter(|c| c.is_upcoming(c.zone.day_of(now)))
        .collect();
    Ok(Some(UpcomingConferences {
        topic: found,
        conferences,
    }))
}

#[component]
fn Upcoming(upcoming: UpcomingConferences) -> impl IntoView {
    let locale = Locale::current();
    let lang = locale.lang;
    let heading = match &upcoming.topic {
        Some(topic) => locale.t_args("embed-upcoming-topic", &[("topic", topic.name.get(lang))]),
        None => locale.t("embed-upcoming"),
    };
    let items = upcoming
        .conferences
        .iter()
        .map(|c| {
            let href = locale.href(&convene::paths::conference(&c.slug));
            view! {
                <li>
                    <span class="title">{out(href, c.title.get(lang).to_owned())}</span>
                    <br/>
                    <span class="dates">{date_range(lang, c.starts_on, c.ends_on)}</span>
                    " · "
                    <span class="place">{format!("{}, {}", c.city, crate::components::country_name(&locale, &c.country))}</span>
                </li>
            }
        })
        .collect_view();
    let none = upcoming
        .conferences
        .is_empty()
        .then(|| view! { <p class="empty">{locale.t("embed-none")}</p> });
    let more = match &upcoming.topic {
        Some(topic) => locale.href(&convene::paths::topic(&topic.slug)),
        None => locale.href("/"),
    };
    view! {
        <EmbedFrame title=heading.clone()>
            <h1>{heading}</h1>
            <ul class="embed-conferences">{items}</ul>
            {none}
            <p class="more">{out(more, locale.t("embed-all-conferences"))}</p>
        </EmbedFrame>
    }
}
