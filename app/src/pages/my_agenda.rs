//! A delegate's own agenda (`/r/{token}/agenda`): the conference's agenda
//! with a star on each session, or only theirs (`?mine=1`), and the
//! calendar feed to subscribe to. Reached from the private link; no
//! account. Stars are form posts, so they work without script; the page's
//! small script sends the same post without leaving the page.

use super::agenda::{AgendaDays, Stars};
use super::param;
use crate::components::{Frame, ZoneSwitch};
use crate::locale::Locale;
use convene::my_agenda::MyChoices;
use convene::Agenda;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// What a delegate's agenda shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MyAgenda {
    /// `None` while the conference's agenda is not published.
    pub agenda: Option<Agenda>,
    pub choices: MyChoices,
    /// The calendar feed, as `webcal://` and as `https://`.
    pub webcal: String,
    pub calendar: String,
    /// Cancelled or turned down: no stars.
    pub closed: bool,
}

/// The agenda of private link `token`; `None` for a link that names none.
#[server]
pub async fn get_my_agenda(token: String) -> Result<Option<MyAgenda>, ServerFnError> {
    use crate::api::{store, unavailable};
    use convene::registration::Status;
    let store = store()?;
    let Some(row) = store.my_agenda(&token).await.map_err(unavailable)? else {
        return Ok(None);
    };
    let agenda = store.agenda(&row.conference).await.map_err(unavailable)?;
    let site = use_context::<convene::paths::SiteAddress>()
        .ok_or_else(|| ServerFnError::new("no site address in context"))?;
    Ok(Some(MyAgenda {
        agenda,
        choices: row.choices,
        webcal: site.webcal(&row.calendar),
        calendar: convene::paths::link(&site.0, &row.calendar),
        closed: matches!(row.status, Status::Cancelled | Status::Rejected),
    }))
}

#[component]
pub fn MyAgendaPage() -> impl IntoView {
    // One person's page: no cache keeps it.
    super::no_store();
    let token = param("token");
    let mine = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("mine")
        .is_some_and(|v| v == "1");
    super::loaded(get_my_agenda(token.clone()), move |page| {
        view! { <Mine page token mine/> }
    })
}

#[component]
fn Mine(page: MyAgenda, token: String, mine: bool) -> impl IntoView {
    let locale = Locale::current();
    let lang = locale.lang;
    let back = view! {
        <p class="breadcrumb">
            <a href=locale.href(&convene::paths::private(&token))>{locale.t("my-agenda-back")}</a>
        </p>
    };
    let Some(mut agenda) = page.agenda else {
        return view! {
            <Frame title=locale.t("my-agenda-title")>
                {back}
                <h1>{locale.t("my-agenda-title")}</h1>
                <p>{locale.t("my-agenda-unpublished")}</p>
            </Frame>
        }
        .into_any();
    };
    let title = format!(
        "{} · {}",
        locale.t("my-agenda-title"),
        agenda.conference.title.get(lang)
    );
    if page.closed {
        return view! {
            <Frame title>
                {back}
                <h1>{locale.t("my-agenda-title")}</h1>
                <p class="outcome" role="status">{locale.t("my-agenda-closed")}</p>
            </Frame>
        }
        .into_any();
    }
    if mine {
        agenda
            .sessions
            .retain(|s| page.choices.has(s.slug.as_str()));
    }
    let empty = (mine && agenda.sessions.is_empty())
        .then(|| view! { <p class="empty">{locale.t("my-agenda-empty")}</p> });
    let filter = |to_mine: bool, key: &str| {
        let current = (to_mine == mine).then_some("page");
        let href = locale.href(&convene::paths::my_agenda(&token, to_mine));
        let label = locale.t(key);
        view! { <li><a href=href aria-current=current>{label}</a></li> }
    };
    let (all, only) = (
        filter(false, "my-agenda-all"),
        filter(true, "my-agenda-mine"),
    );
    let stars = Stars {
        action: locale.href(&convene::paths::stars(&token)),
        choices: page.choices,
        mine,
    };
    let accent = agenda.conference.face.style();
    view! {
        <Frame title accent>
            {back}
            <h1>{locale.t("my-agenda-title")}</h1>
            <p class="hint">{locale.t("my-agenda-hint")}</p>
            <section class="subscribe" aria-labelledby="subscribe">
                <h2 id="subscribe">{locale.t("my-agenda-calendar")}</h2>
                <p class="hint">{locale.t("my-agenda-calendar-hint")}</p>
                <p>
                    <a class="button" href=page.webcal>{locale.t("my-agenda-subscribe")}</a>
                    " "
                    <a href=page.calendar download="">{locale.t("my-agenda-download")}</a>
                </p>
            </section>
            <nav class="my-filter" aria-label=locale.t("my-agenda-show")>
                <ul>{all} {only}</ul>
            </nav>
            <ZoneSwitch/>
            {empty}
            <AgendaDays agenda stars=Some(stars)/>
            // With the page's nonce, or its policy blocks it.
            <script nonce=leptos::nonce::use_nonce() inner_html=include_str!("my_agenda.js")></script>
        </Frame>
    }
    .into_any()
}
