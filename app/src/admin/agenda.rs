//! The agenda editor: its health, every session, rooms and people, and
//! the editor of one session (checked as it is typed by `check_session`).

use super::agenda_forms::{people_section, roles_section, rooms_section, session_form};
use super::Desk;
#[cfg(feature = "ssr")]
use super::{answer, open_desk};
use super::{guarded, SignedInAs};
#[cfg(feature = "ssr")]
use crate::api::store;
use crate::back_office::Access;
use crate::components::Frame;
use crate::locale::Locale;
use crate::pages::{param, NotFound};
use crate::submission::from_request;
#[cfg(feature = "ssr")]
use convene::account::Action;
use convene::Agenda;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A conference's agenda in the back office, with its health.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgendaDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    pub agenda: Agenda,
    pub warnings: Vec<convene::health::Warning>,
}

/// The agenda and its warnings, for the conference's organisers (staff
/// do not edit the agenda).
#[server]
pub async fn get_agenda_desk(slug: String) -> Result<Access<AgendaDesk>, ServerFnError> {
    use crate::back_office::Denied;
    let store = store()?;
    answer(
        async {
            let (desk, account) = open_desk(&store, &slug, Action::EditConference).await?;
            let agenda = store
                .editable_agenda(&slug)
                .await?
                .ok_or(Denied::NotFound)?;
            let warnings = convene::health::check(&agenda);
            Ok(AgendaDesk {
                desk,
                signed_in_as: account.email,
                agenda,
                warnings,
            })
        }
        .await,
    )
}

/// The health panel: every warning, or "no problem found".
fn health_panel(
    locale: &Locale,
    agenda: &convene::Agenda,
    warnings: &[convene::health::Warning],
) -> impl IntoView {
    let items = warnings
        .iter()
        .map(|w| view! { <li data-warning=w.key()>{crate::agenda_health::warning_text(locale, agenda, w)}</li> })
        .collect_view();
    let none = warnings
        .is_empty()
        .then(|| view! { <p>{locale.t("health-none")}</p> });
    view! {
        <section class="health" aria-labelledby="health-title">
            <h2 id="health-title">{locale.t("health-title")}</h2>
            {none}
            <ul>{items}</ul>
        </section>
    }
}

/// The agenda in the back office: its health, and every session with a
/// link to change it.
#[component]
pub fn AdminAgendaPage() -> impl IntoView {
    guarded(get_agenda_desk(param("slug")), |desk: AgendaDesk| {
        let locale = Locale::current();
        let lang = locale.lang;
        let signed_in_as = desk.signed_in_as.clone();
        let agenda = desk.agenda;
        let c = &agenda.conference;
        let title = c.title.get(lang).to_owned();
        let health = health_panel(&locale, &agenda, &desk.warnings);
        let rows = agenda
            .sessions
            .iter()
            .map(|s| {
                let href = locale.href(&convene::paths::admin::session(&c.slug, &s.slug));
                let room = s.room.as_ref().map(|r| r.name.get(lang).to_owned()).unwrap_or_default();
                view! {
                    <tr>
                        <td>
                            {convene::i18n::long_date(lang, c.zone.day_of(s.starts_at))} " · "
                            <crate::components::VenueTime zone=c.zone start=s.starts_at end=s.ends_at/>
                        </td>
                        <td><a href=href>{s.title.get(lang).to_owned()}</a></td>
                        <td>{room}</td>
                        <td>{s.seats.map(|n| n.to_string()).unwrap_or_default()}</td>
                    </tr>
                }
            })
            .collect_view();
        let slug = c.slug.clone();
        let rooms = rooms_section(&locale, &agenda);
        let people = people_section(&locale, &agenda);
        let add = locale.href(&convene::paths::admin::new_session(&slug));
        let deleted = from_request::<crate::submission::SessionDeletedNote>().map(|_| {
            view! { <p class="outcome saved" role="status">{locale.t("admin-session-deleted")}</p> }
        });
        view! {
            <Frame title=format!("{} · {title}", locale.t("admin-agenda"))>
                <SignedInAs email=signed_in_as/>
                <p class="breadcrumb">
                    <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                    <a href=locale.href(&convene::paths::admin::conference(&slug))>{title.clone()}</a>
                </p>
                <h1>{locale.t("admin-agenda")}</h1>
                {deleted}
                {health}
                <p><a href=add>{locale.t("admin-add-session")}</a></p>
                <table class="agenda-sessions">
                    <thead><tr>
                        <th scope="col">{locale.t("admin-when")}</th>
                        <th scope="col">{locale.t("admin-session")}</th>
                        <th scope="col">{locale.t("admin-room")}</th>
                        <th scope="col">{locale.t("admin-seat-limit")}</th>
                    </tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                {rooms}
                {people}
            </Frame>
        }
    })
}

/// One session in the editor: its fields in the venue's time, the problems
/// beside them, and the warnings that concern it.
#[component]
pub fn AdminSessionPage() -> impl IntoView {
    let session = param("session");
    guarded(get_agenda_desk(param("slug")), move |desk: AgendaDesk| {
        use convene::session_edit::SessionForm;
        let locale = Locale::current();
        let lang = locale.lang;
        let signed_in_as = desk.signed_in_as.clone();
        let agenda = desk.agenda;
        let c = agenda.conference.clone();
        let Some(s) = agenda
            .sessions
            .iter()
            .find(|s| s.slug.as_str() == session)
            .cloned()
        else {
            return view! { <NotFound/> }.into_any();
        };
        let refused = from_request::<crate::submission::SessionRefused>();
        #[cfg(feature = "ssr")]
        if refused.is_some() {
            crate::pages::set_status(422);
        }
        let saved = from_request::<crate::submission::SessionSavedNote>()
            .map(|_| view! { <p class="outcome saved" role="status">{locale.t("admin-session-saved")}</p> });
        let (form, problems, held) = match refused {
            Some(r) => (r.form, r.problems, r.held),
            None => {
                let local = |at| c.zone.local(at);
                (
                    SessionForm {
                        titles: c
                            .languages
                            .iter()
                            .map(|l| {
                                (
                                    l.code().to_owned(),
                                    s.title.text.get(l).cloned().unwrap_or_default(),
                                )
                            })
                            .collect(),
                        kind: s.kind.code().to_owned(),
                        day: local(s.starts_at).date_naive().to_string(),
                        start: local(s.starts_at).format("%H:%M").to_string(),
                        end: local(s.ends_at).format("%H:%M").to_string(),
                        room: s
                            .room
                            .as_ref()
                            .map(|r| r.slug.to_string())
                            .unwrap_or_default(),
                        seats: s.seats.map(|n| n.to_string()).unwrap_or_default(),
                        track: s
                            .track
                            .as_ref()
                            .map(|t| {
                                t.name
                                    .get(c.languages.first().copied().unwrap_or_default())
                                    .to_owned()
                            })
                            .unwrap_or_default(),
                    },
                    vec![],
                    None,
                )
            }
        };
        let concerning: Vec<convene::health::Warning> = desk
            .warnings
            .iter()
            .filter(|w| w.concerns(&s.slug))
            .cloned()
            .collect();
        let health = health_panel(&locale, &agenda, &concerning);
        let action = locale.href(&convene::paths::admin::session(&c.slug, &s.slug));
        let form_view = session_form(
            &locale,
            &agenda,
            &form,
            &problems,
            held,
            action,
            s.slug.to_string(),
        );
        let roles = roles_section(&locale, &agenda, &s);
        let materials = super::materials::materials_section(&locale, &c, &s);
        let delete = locale.href(&convene::paths::admin::delete_session(&c.slug, &s.slug));
        let chosen = from_request::<crate::submission::SessionChosen>().map(|chosen| {
                view! { <p class="problem" role="alert">{locale.t_args("admin-session-chosen", &[("count", &chosen.by.to_string())])}</p> }
            });
        view! {
            <Frame title=format!("{} · {}", s.title.get(lang), c.title.get(lang))>
                <SignedInAs email=signed_in_as/>
                <p class="breadcrumb">
                    <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                    <a href=locale.href(&convene::paths::admin::agenda(&c.slug))>{locale.t("admin-agenda")}</a>
                </p>
                <h1>{s.title.get(lang).to_owned()}</h1>
                {saved}
                {health}
                {form_view}
                {roles}
                {materials}
                <form class="delete" method="post" action=delete>
                    {chosen}
                    <button type="submit">{locale.t("admin-session-delete")}</button>
                </form>
            </Frame>
        }
        .into_any()
    })
}

/// `/admin/conferences/{slug}/new-session`: a session added to the
/// agenda, with the same fields and rules as the editor.
#[component]
pub fn AdminNewSessionPage() -> impl IntoView {
    guarded(get_agenda_desk(param("slug")), |desk: AgendaDesk| {
        use convene::session_edit::SessionForm;
        let locale = Locale::current();
        let agenda = desk.agenda;
        let c = &agenda.conference;
        let refused = from_request::<crate::submission::SessionRefused>();
        #[cfg(feature = "ssr")]
        if refused.is_some() {
            crate::pages::set_status(422);
        }
        let (form, problems) = match refused {
            Some(r) => (r.form, r.problems),
            None => (
                SessionForm {
                    day: c.starts_on.to_string(),
                    kind: convene::SessionKind::Plenary.code().to_owned(),
                    ..Default::default()
                },
                vec![],
            ),
        };
        let action = locale.href(&convene::paths::admin::new_session(&c.slug));
        let form_view = session_form(
            &locale,
            &agenda,
            &form,
            &problems,
            None,
            action,
            String::new(),
        );
        let agenda_href = locale.href(&convene::paths::admin::agenda(&c.slug));
        view! {
            <Frame title=format!("{} · {}", locale.t("admin-add-session"), c.title.get(locale.lang))>
                <SignedInAs email=desk.signed_in_as.clone()/>
                <p class="breadcrumb">
                    <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                    <a href=agenda_href>{locale.t("admin-agenda")}</a>
                </p>
                <h1>{locale.t("admin-add-session")}</h1>
                {form_view}
            </Frame>
        }
    })
}
