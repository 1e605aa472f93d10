//! The agenda editor's forms: a session's fields, and the sections of
//! people, roles and rooms.

use crate::locale::Locale;
use crate::pages::form::problem_text;
use crate::submission::from_request;
use leptos::prelude::*;

/// The session editor's fields, filled with `form`, the problems beside
/// them, posting to `action`.
pub(super) fn session_form(
    locale: &Locale,
    agenda: &convene::Agenda,
    form: &convene::session_edit::SessionForm,
    problems: &[(convene::session_edit::SessionField, convene::field::Problem)],
    held: Option<i64>,
    action: String,
    // The edited session's slug; empty for a new one.
    session: String,
) -> AnyView {
    use super::session_checks::SessionChecks;
    use convene::session_edit::SessionField;
    let lang = locale.lang;
    let c = &agenda.conference;
    let locale = *locale;
    let problem = |field: SessionField| {
        problems
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, p)| view! { <p class="problem">{problem_text(&locale, *p)}</p> })
    };
    let titles = c
    .languages
    .iter()
    .map(|l| {
        let id = format!("field-title_{}", l.code());
        view! {
            <div class="field">
                <label for=id.clone()>{locale.t("admin-session-title")} " (" {l.native_name()} ")"</label>
                <input id=id name=format!("title_{}", l.code()) value=form.title(*l).to_owned() lang=l.code()/>
                {problem(SessionField::Title(*l))}
            </div>
        }
    })
    .collect_view();
    let kinds = convene::SessionKind::ALL
    .iter()
    .map(|k| {
        let selected = form.kind == k.code();
        view! { <option value=k.code() selected=selected>{locale.t(&format!("kind-{}", k.code()))}</option> }
    })
    .collect_view();
    let rooms = agenda
    .rooms
    .iter()
    .map(|r| {
        let selected = form.room == r.slug.as_str();
        view! { <option value=r.slug.to_string() selected=selected>{r.name.get(lang).to_owned()}</option> }
    })
    .collect_view();
    let p_kind = problem(SessionField::Kind);
    let p_day = problem(SessionField::Day);
    let p_start = problem(SessionField::Start);
    let p_end = problem(SessionField::End);
    let p_room = problem(SessionField::Room);
    let p_seats = problem(SessionField::Seats);
    let p_track = problem(SessionField::Track);
    // Tracks exist while a session is in one: the sessions name them all.
    let mut track_names: Vec<String> = agenda
        .sessions
        .iter()
        .filter_map(|s| s.track.as_ref())
        .map(|t| {
            t.name
                .get(c.languages.first().copied().unwrap_or_default())
                .to_owned()
        })
        .collect();
    track_names.sort();
    track_names.dedup();
    let tracks = track_names
        .into_iter()
        .map(|name| view! { <option value=name/> })
        .collect_view();
    let seats_problem = held.map(|held| {
    view! { <p class="problem">{locale.t_args("admin-seats-below-held", &[("held", &held.to_string())])}</p> }
        });
    let zone_hint = locale.t_args("admin-times-in", &[("zone", &c.zone.city(lang))]);
    view! {
                <form class="registration" method="post" action=action novalidate>
            {titles}
            <div class="field">
                <label for="field-kind">{locale.t("admin-kind")}</label>
                <select id="field-kind" name="kind">{kinds}</select>
                {p_kind}
            </div>
            <p class="hint">{zone_hint}</p>
            <div class="field">
                <label for="field-day">{locale.t("admin-day")}</label>
                <input id="field-day" name="day" type="date" value=form.day.clone()/>
                {p_day}
            </div>
            <div class="field">
                <label for="field-start">{locale.t("admin-start")}</label>
                <input id="field-start" name="start" type="time" value=form.start.clone()/>
                {p_start}
            </div>
            <div class="field">
                <label for="field-end">{locale.t("admin-end")}</label>
                <input id="field-end" name="end" type="time" value=form.end.clone()/>
                {p_end}
            </div>
            <div class="field">
                <label for="field-room">{locale.t("admin-room")}</label>
                <select id="field-room" name="room"><option value="">{locale.t("admin-no-room")}</option>{rooms}</select>
                {p_room}
            </div>
            <div class="field">
                <label for="field-seats">{locale.t("admin-seat-limit")}</label>
                <input id="field-seats" name="seats" inputmode="numeric" value=form.seats.clone()/>
                {p_seats}
                {seats_problem}
            </div>
            <div class="field">
                <label for="field-track">{locale.t("admin-track")}</label>
                <input id="field-track" name="track" list="tracks" value=form.track.clone() aria-describedby="field-track-hint"/>
                <datalist id="tracks">{tracks}</datalist>
                <p class="hint" id="field-track-hint">{locale.t("admin-track-hint")}</p>
                {p_track}
            </div>
            <SessionChecks slug=c.slug.to_string() session=session lang=lang.code().to_owned()
                heading=locale.t("admin-live-health") none=locale.t("admin-live-health-none")/>
            <button type="submit" class="primary">{locale.t("admin-session-save")}</button>
        </form>
    }
    .into_any()
}

/// The people of the agenda page: each with a delete button, and a form
/// to add one (their roles are given in each session's editor).
pub(super) fn people_section(locale: &Locale, agenda: &convene::Agenda) -> AnyView {
    let c = &agenda.conference;
    let rows = agenda
        .people
        .iter()
        .map(|p| {
            let delete = locale.href(&convene::paths::admin::delete_person(&c.slug, &p.slug));
            let profile = locale.href(&convene::paths::admin::person(&c.slug, &p.slug));
            let hidden = (!p.public)
                .then(|| view! { " " <span class="tag">{locale.t("admin-person-hidden")}</span> });
            view! {
                <tr data-person=p.slug.to_string()>
                    <td><a href=profile>{p.name.clone()}</a>{hidden}</td>
                    <td>{p.affiliation(locale.lang)}</td>
                    <td>
                        <form method="post" action=delete>
                            <button type="submit">{locale.t("admin-room-delete")}</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let refused = from_request::<crate::submission::PersonRefused>();
    #[cfg(feature = "ssr")]
    if refused.is_some() {
        crate::pages::set_status(422);
    }
    let refused = refused.unwrap_or_default();
    let p_name = refused
        .name_problem
        .map(|p| view! { <p class="problem">{problem_text(locale, p)}</p> });
    let p_affiliation = refused
        .affiliation_problem
        .map(|p| view! { <p class="problem">{problem_text(locale, p)}</p> });
    let action = locale.href(&convene::paths::admin::people(&c.slug));
    view! {
        <section class="people">
            <h2>{locale.t("admin-people")}</h2>
            <table><tbody>{rows}</tbody></table>
            <h3>{locale.t("admin-add-person")}</h3>
            <form class="registration" method="post" action=action novalidate>
                <div class="field">
                    <label for="field-person-name">{locale.t("admin-person-name")}</label>
                    <input id="field-person-name" name="name" value=refused.name/>
                    {p_name}
                </div>
                <div class="field">
                    <label for="field-person-affiliation">{locale.t("admin-person-affiliation")}</label>
                    <input id="field-person-affiliation" name="affiliation" value=refused.affiliation/>
                    {p_affiliation}
                </div>
                <button type="submit">{locale.t("admin-add-person")}</button>
            </form>
        </section>
    }
    .into_any()
}

/// A session's people in its editor: their roles, each with a remove
/// button, and a form to give someone a role.
pub(super) fn roles_section(
    locale: &Locale,
    agenda: &convene::Agenda,
    session: &convene::Session,
) -> AnyView {
    let c = &agenda.conference;
    let base = convene::paths::admin::roles(&c.slug, &session.slug);
    let rows = session
        .people
        .iter()
        .map(|r| {
            let remove = locale.href(&convene::paths::admin::take_role(
                &c.slug,
                &session.slug,
                &r.person.slug,
                r.role.code(),
            ));
            view! {
                <li>
                    {r.person.name.clone()} " · " {locale.t(&format!("role-{}", r.role.code()))} " "
                    <form method="post" action=remove class="action">
                        <button type="submit">{locale.t("admin-role-remove")}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let people = agenda
        .people
        .iter()
        .map(|p| view! { <option value=p.slug.to_string()>{p.name.clone()}</option> })
        .collect_view();
    let roles = convene::agenda::Role::ALL
        .iter()
        .map(
            |r| view! { <option value=r.code()>{locale.t(&format!("role-{}", r.code()))}</option> },
        )
        .collect_view();
    view! {
        <section class="roles">
            <h2>{locale.t("admin-session-people")}</h2>
            <ul>{rows}</ul>
            <form method="post" action=locale.href(&base) class="filters">
                <div class="field">
                    <label for="field-role-person">{locale.t("admin-person-name")}</label>
                    <select id="field-role-person" name="person">{people}</select>
                </div>
                <div class="field">
                    <label for="field-role">{locale.t("admin-role")}</label>
                    <select id="field-role" name="role">{roles}</select>
                </div>
                <button type="submit">{locale.t("admin-role-give")}</button>
            </form>
        </section>
    }
    .into_any()
}

/// The rooms of the agenda page: each with its capacity and a delete
/// button, and a form to add one.
pub(super) fn rooms_section(locale: &Locale, agenda: &convene::Agenda) -> AnyView {
    use convene::session_edit::RoomField;
    let c = &agenda.conference;
    let lang = locale.lang;
    let rows = agenda
        .rooms
        .iter()
        .map(|r| {
            let delete = locale.href(&convene::paths::admin::delete_room(&c.slug, &r.slug));
            view! {
                <tr>
                    <td>{r.name.get(lang).to_owned()}</td>
                    <td>{r.capacity.map(|n| n.to_string()).unwrap_or_default()}</td>
                    <td>
                        <form method="post" action=delete>
                            <button type="submit">{locale.t("admin-room-delete")}</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let refused = from_request::<crate::submission::RoomRefused>();
    #[cfg(feature = "ssr")]
    if refused.is_some() {
        crate::pages::set_status(422);
    }
    let refused = refused.unwrap_or_default();
    let problem = |field: RoomField| {
        refused
            .problems
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, p)| view! { <p class="problem">{problem_text(locale, *p)}</p> })
    };
    let p_name = problem(RoomField::Name);
    let p_capacity = problem(RoomField::Capacity);
    let first = c.languages.first().copied().unwrap_or_default();
    let name_label = locale.t_args("admin-room-name", &[("lang", first.native_name())]);
    let action = locale.href(&convene::paths::admin::rooms(&c.slug));
    view! {
        <section class="rooms">
            <h2>{locale.t("admin-rooms")}</h2>
            <table>
                <thead><tr>
                    <th scope="col">{locale.t("admin-room")}</th>
                    <th scope="col">{locale.t("admin-room-capacity")}</th>
                    <th scope="col"></th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <h3>{locale.t("admin-add-room")}</h3>
            <form class="registration" method="post" action=action novalidate>
                <div class="field">
                    <label for="field-room-name">{name_label}</label>
                    <input id="field-room-name" name="name" value=refused.name lang=first.code()/>
                    {p_name}
                </div>
                <div class="field">
                    <label for="field-room-capacity">{locale.t("admin-room-capacity")}</label>
                    <input id="field-room-capacity" name="capacity" inputmode="numeric" value=refused.capacity/>
                    {p_capacity}
                </div>
                <button type="submit">{locale.t("admin-add-room")}</button>
            </form>
        </section>
    }
    .into_any()
}
