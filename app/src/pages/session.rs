//! A session's page: when and where, who takes part, what it is about.

use super::{param, with_agenda, NotFound};
use crate::components::picture::PictureView;
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
                let profile = agenda.person(person.slug.as_str());
                let affiliation = profile
                    .map(|p| p.affiliation(lang))
                    .filter(|a| !a.is_empty());
                let face = profile.and_then(|p| p.photo.clone()).map(|picture| {
                    view! { <PictureView picture width=48 class="face"/> }
                });
                view! {
                    <li>
                        {face}
                        <a href=href>{person.name}</a>
                        {affiliation.map(|a| view! { ", " <span class="affiliation">{a}</span> })}
                        " — " <span class="role">{locale.t(&format!("role-{}", role.code()))}</span>
                    </li>
                }
            })
            .collect_view();
        let description = session.description.get(lang).to_owned();
        let now = chrono::Utc::now();
        #[cfg(feature = "ssr")]
        super::holds_until(convene::materials::next_turn(
            [(session.starts_at, session.ends_at, &session.materials)],
            now,
        ));
        let materials = Materials(MaterialsProps {
            session: session.clone(),
            now,
        });
        view! {
            <Frame title=format!("{title} · {}", c.title.get(lang)) accent=c.face.style()>
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
                    {materials}
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

/// What the session offers now: its livestream (from shortly before the
/// start to the end) or its recording (after), and its documents in the
/// visitor's language.
#[component]
fn Materials(session: convene::Session, now: chrono::DateTime<chrono::Utc>) -> impl IntoView {
    use convene::materials::{Source, Watch};
    let locale = Locale::current();
    let lang = locale.lang;
    let m = &session.materials;
    let watch = match m.watch(session.starts_at, session.ends_at, now) {
        Watch::Nothing => None,
        Watch::Live(url) => Some(view! {
            <p class="watch live" data-watch="live">
                <a class="button primary" href=url.to_string() rel="noopener">{locale.t("session-watch-live")}</a>
            </p>
        }),
        Watch::Recording(url) => Some(view! {
            <p class="watch recording" data-watch="recording">
                <a class="button" href=url.to_string() rel="noopener">{locale.t("session-watch-recording")}</a>
            </p>
        }),
    };
    let documents = m.documents_for(lang);
    let documents = (!documents.is_empty()).then(|| {
        let items = documents
            .into_iter()
            .map(|d| {
                let kind = locale.t(&format!("material-{}", d.kind.code()));
                let detail = match &d.source {
                    Source::File { content_type, bytes, .. } => {
                        let kind = if content_type == "application/pdf" { "PDF" } else { "" };
                        format!("{kind} {}", size(*bytes, &locale))
                    }
                    Source::Link(url) => url.host().to_owned(),
                };
                view! {
                    <li data-kind=d.kind.code() data-lang=d.lang.code()>
                        <a href=d.source.href() hreflang=d.lang.code()>
                            <span lang=d.lang.code()>{d.title.clone()}</span>
                        </a>
                        " " <span class="meta">"(" {[kind, d.lang.native_name().to_owned(), detail.trim().to_owned()].join(lang.comma())} ")"</span>
                    </li>
                }
            })
            .collect_view();
        view! { <ul class="documents">{items}</ul> }
    });
    (watch.is_some() || documents.is_some()).then(|| {
        view! {
            <section class="materials" id="materials">
                <h2>{locale.t("session-materials")}</h2>
                {watch}
                {documents}
            </section>
        }
    })
}

/// "1.2 MB", "340 KB".
fn size(bytes: i64, locale: &Locale) -> String {
    let kb = (bytes as f64 / 1024.0).ceil();
    if kb < 1024.0 {
        locale.t_args("size-kb", &[("n", &format!("{kb:.0}"))])
    } else {
        locale.t_args("size-mb", &[("n", &format!("{:.1}", kb / 1024.0))])
    }
}
