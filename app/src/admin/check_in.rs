//! The check-in desk: one field that a USB scanner types a pass into (and
//! Enter), or where staff type a name; the answer large, green or red;
//! undo; the day's count. Works without JavaScript: a scan is a form post
//! whose answer is this page again. Where the browser reads QR codes, a
//! phone's camera can be the scanner (`PassCamera`, a small script).

use super::Desk;
#[cfg(feature = "ssr")]
use super::{answer, open_desk};
use super::{guarded, SignedInAs};
#[cfg(feature = "ssr")]
use crate::api::store;
use crate::back_office::Access;
use crate::components::{country_name, Frame};
use crate::locale::Locale;
use crate::pages::param;
use crate::submission::{from_request, DeskDone};
#[cfg(feature = "ssr")]
use convene::account::Action;
use convene::onsite::{Arrival, DayCount, DeskAnswer};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A conference's check-in desk.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CheckInDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    /// Standing check-ins by day and category.
    pub counts: Vec<DayCount>,
    /// The venue's today.
    pub today: chrono::NaiveDate,
    /// What was searched, and who was found.
    pub search: Option<(String, Vec<Arrival>)>,
}

/// The check-in desk of conference `slug`, with the people whose name,
/// organisation, city or address holds `q` (if given), for its organisers
/// and staff.
#[server]
pub async fn get_check_in_desk(
    slug: String,
    q: Option<String>,
) -> Result<Access<CheckInDesk>, ServerFnError> {
    let store = store()?;
    answer(
        async {
            let (desk, account) = open_desk(&store, &slug, Action::CheckIn).await?;
            let now = chrono::Utc::now();
            let q = q.map(|q| q.trim().chars().take(100).collect::<String>());
            let search = match q.filter(|q| !q.is_empty()) {
                Some(q) => {
                    let found = store.search_arrivals(&slug, &q, now).await?;
                    Some((q, found))
                }
                None => None,
            };
            Ok(CheckInDesk {
                counts: store.check_in_counts(&slug).await?,
                today: desk.conference.zone.day_of(now),
                desk,
                signed_in_as: account.email,
                search,
            })
        }
        .await,
    )
}

#[component]
pub fn AdminCheckInPage() -> impl IntoView {
    let query = leptos_router::hooks::use_query_map().read_untracked();
    let q = query.get("q");
    let desk_name = query.get("desk");
    guarded(
        get_check_in_desk(param("slug"), q),
        move |page: CheckInDesk| {
            let locale = Locale::current();
            let c = page.desk.conference.clone();
            let title = c.title.get(locale.lang).to_owned();
            let action = locale.href(&convene::paths::admin::check_in(&c.slug));
            let done = from_request::<DeskDone>();
            let desk = done
                .as_ref()
                .map(|d| d.desk.clone())
                .or(desk_name)
                .unwrap_or_else(|| "1".to_owned());
            let today: i64 = page
                .counts
                .iter()
                .filter(|n| n.day == page.today)
                .map(|n| n.count)
                .sum();
            let answer = done.map(|d| {
                view! { <AnswerPanel answer=d.answer desk=desk.clone() zone=c.zone slug=c.slug.to_string()/> }
            });
            let search = page.search.clone().map(|(q, found)| {
                view! { <Found q found desk=desk.clone() zone=c.zone slug=c.slug.to_string()/> }
            });
            view! {
                <Frame title=format!("{} · {title}", locale.t("checkin-title"))>
                    <SignedInAs email=page.signed_in_as.clone()/>
                    <p class="breadcrumb">
                        <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                        <a href=locale.href(&convene::paths::admin::conference(&c.slug))>{title.clone()}</a>
                    </p>
                    <h1>{locale.t("checkin-title")}</h1>
                    <p class="checkin-count" data-today=today.to_string()>
                        {locale.t_args("checkin-today", &[("count", &today.to_string())])}
                    </p>
                    {answer}
                    <form class="checkin" method="post" action=action.clone()>
                        <div class="field">
                            <label for="field-code">{locale.t("checkin-code")}</label>
                            <p class="hint" id="hint-code">{locale.t("checkin-code-hint")}</p>
                            <input id="field-code" name="code" type="text" autofocus=true autocomplete="off"
                                spellcheck="false" aria-describedby="hint-code" required=true maxlength="100"/>
                        </div>
                        <div class="field desk-name">
                            <label for="field-desk">{locale.t("checkin-desk")}</label>
                            <input id="field-desk" name="desk" type="text" value=desk.clone() maxlength="40"/>
                        </div>
                        <button type="submit" class="primary">{locale.t("checkin-submit")}</button>
                    </form>
                    <super::PassCamera
                        start=locale.t("checkin-camera-start")
                        stop=locale.t("checkin-camera-stop")
                        hint=locale.t("checkin-camera-hint")
                        denied=locale.t("checkin-camera-denied")
                    />
                    {search}
                    <CountsTable counts=page.counts.clone()/>
                </Frame>
            }
        },
    )
}

/// The answer to a scan, a search's "check in" or an undo: large, and
/// unmistakable without its colour (it says in words whether to let in).
#[component]
fn AnswerPanel(
    answer: DeskAnswer,
    desk: String,
    zone: convene::VenueZone,
    slug: String,
) -> impl IntoView {
    let locale = Locale::current();
    let time_and_desk = |a: &Arrival| {
        a.today
            .as_ref()
            .map(|k| (zone.local(k.at).format("%H:%M").to_string(), k.desk.clone()))
            .unwrap_or_default()
    };
    let (class, verdict, arrival) = match &answer {
        DeskAnswer::CheckedIn(a) => {
            let (time, at_desk) = time_and_desk(a);
            (
                "admit",
                locale.t_args("checkin-admitted", &[("time", &time), ("desk", &at_desk)]),
                Some(a),
            )
        }
        DeskAnswer::Already(a) => {
            let (time, at_desk) = time_and_desk(a);
            (
                "already",
                locale.t_args("checkin-already", &[("time", &time), ("desk", &at_desk)]),
                Some(a),
            )
        }
        DeskAnswer::NotAdmitted(a) => (
            "refuse",
            locale.t_args(
                "checkin-not-admitted",
                &[(
                    "status",
                    &locale.t(&format!("admin-status-{}", a.status.code())),
                )],
            ),
            Some(a),
        ),
        DeskAnswer::Unknown(code) => (
            "refuse",
            locale.t_args("checkin-unknown", &[("code", code)]),
            None,
        ),
        DeskAnswer::Undone(a) => ("undone", locale.t("checkin-undone"), Some(a)),
    };
    let role = if answer.admits() { "status" } else { "alert" };
    let who = arrival.map(|a| view! { <Person arrival=a.clone()/> });
    let undo = match &answer {
        DeskAnswer::CheckedIn(a) | DeskAnswer::Already(a) => a.today.as_ref().map(|k| {
            let action = locale.href(&convene::paths::admin::undo_check_in(&slug));
            view! {
                <form method="post" action=action class="undo">
                    <input type="hidden" name="check_in" value=k.id.to_string()/>
                    <input type="hidden" name="desk" value=desk.clone()/>
                    <button type="submit">{locale.t("checkin-undo")}</button>
                </form>
            }
        }),
        _ => None,
    };
    view! {
        <section class=format!("desk-answer {class}") role=role data-answer=class>
            <p class="verdict">{verdict}</p>
            {who}
            {undo}
        </section>
    }
}

/// Who a pass or a search names, and what the desk must do for them.
#[component]
fn Person(arrival: Arrival) -> impl IntoView {
    let locale = Locale::current();
    let lang = locale.lang;
    let a = arrival;
    let mut needs = vec![];
    if a.interpretation {
        needs.push(locale.t("checkin-needs-interpretation"));
    }
    if let Some(access) = &a.accessibility {
        needs.push(format!("{}: {access}", locale.t("register-accessibility")));
    }
    if let Some(dietary) = &a.dietary {
        needs.push(format!("{}: {dietary}", locale.t("register-dietary")));
    }
    let needs = (!needs.is_empty()).then(|| {
        let items = needs
            .into_iter()
            .map(|n| view! { <li>{n}</li> })
            .collect_view();
        view! { <ul class="needs" aria-label=locale.t("checkin-needs")>{items}</ul> }
    });
    let workshops = (!a.workshops.is_empty()).then(|| {
        let items = a
            .workshops
            .iter()
            .map(|w| view! { <li>{w.get(lang).to_owned()}</li> })
            .collect_view();
        view! { <p class="workshops-label">{locale.t("checkin-workshops")}</p> <ul class="workshops">{items}</ul> }
    });
    view! {
        <p class="who">
            <span class="given">{a.given_name.clone()}</span> " "
            <span class="family">{a.family_name.clone()}</span>
        </p>
        <p class="what">
            <span class="category">{locale.t(&a.category.key())}</span> " · "
            {a.organisation.clone()} " · " {country_name(&locale, &a.country)}
        </p>
        {needs}
        {workshops}
    }
}

/// A search's people, each with a button that checks them in.
#[component]
fn Found(
    q: String,
    found: Vec<Arrival>,
    desk: String,
    zone: convene::VenueZone,
    slug: String,
) -> impl IntoView {
    let locale = Locale::current();
    if found.is_empty() {
        return view! {
            <p class="form-problems" role="alert">{locale.t_args("checkin-nobody", &[("q", &q)])}</p>
        }
        .into_any();
    }
    let action = locale.href(&convene::paths::admin::check_in(&slug));
    let rows = found
        .into_iter()
        .map(|a| {
            let state = match (&a.today, a.status) {
                (Some(k), _) => locale.t_args(
                    "checkin-in-at",
                    &[
                        ("time", &zone.local(k.at).format("%H:%M").to_string()),
                        ("desk", &k.desk),
                    ],
                ),
                (None, status) => locale.t(&format!("admin-status-{}", status.code())),
            };
            view! {
                <tr data-registration=a.registration_id.to_string()>
                    <td>{a.given_name.clone()} " " {a.family_name.clone()}</td>
                    <td>{a.organisation.clone()}</td>
                    <td>{state}</td>
                    <td>
                        <form method="post" action=action.clone()>
                            <input type="hidden" name="registration" value=a.registration_id.to_string()/>
                            <input type="hidden" name="desk" value=desk.clone()/>
                            <button type="submit">{locale.t("checkin-this-one")}</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="found">
            <caption>{locale.t_args("checkin-found", &[("q", &q)])}</caption>
            <thead><tr>
                <th scope="col">{locale.t("link-name")}</th>
                <th scope="col">{locale.t("register-organisation")}</th>
                <th scope="col">{locale.t("checkin-state")}</th>
                <th scope="col">{locale.t("checkin-submit")}</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

/// Standing check-ins by venue day and category, for the desk and the
/// conference's dashboard.
#[component]
pub fn CountsTable(counts: Vec<DayCount>) -> impl IntoView {
    let locale = Locale::current();
    let lang = locale.lang;
    if counts.is_empty() {
        return view! { <p class="checkin-counts">{locale.t("checkin-none-yet")}</p> }.into_any();
    }
    let mut days: Vec<chrono::NaiveDate> = counts.iter().map(|n| n.day).collect();
    days.dedup();
    let rows = days
        .into_iter()
        .map(|day| {
            let of_day: Vec<&DayCount> = counts.iter().filter(|n| n.day == day).collect();
            let total: i64 = of_day.iter().map(|n| n.count).sum();
            let by = of_day
                .iter()
                .map(|n| format!("{} {}", locale.t(&n.category.key()), n.count))
                .collect::<Vec<_>>()
                .join(" · ");
            view! {
                <tr data-day=day.to_string()>
                    <th scope="row"><time datetime=day.to_string()>{convene::i18n::long_date(lang, day)}</time></th>
                    <td class="total">{total}</td>
                    <td>{by}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="checkin-counts">
            <caption>{locale.t("checkin-counts")}</caption>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}
