//! The back office's first page (the signed-in account's conferences)
//! and a conference's page: its registrations at a glance.

use super::Desk;
#[cfg(feature = "ssr")]
use super::{answer, open_desk};
use super::{guarded, SignedInAs};
#[cfg(feature = "ssr")]
use crate::api::store;
use crate::back_office::Access;
use crate::components::Frame;
use crate::locale::Locale;
use crate::pages::param;
#[cfg(feature = "ssr")]
use convene::account::Action;
use convene::registration::Status;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The back office's first page: who is signed in, and their conferences.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BackOffice {
    pub account: convene::account::Account,
    pub desks: Vec<Desk>,
}

/// A conference's page in the back office: its registrations by status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConferenceDesk {
    pub desk: Desk,
    /// The signed-in account's address, for "signed in as".
    pub signed_in_as: String,
    pub counts: Vec<(convene::registration::Status, i64)>,
    pub dashboard: convene::desk::Dashboard,
    /// Whether the account may edit the agenda and settings.
    pub can_edit: bool,
    /// Standing check-ins by venue day and category.
    pub check_ins: Vec<convene::onsite::DayCount>,
}

/// The conferences of the signed-in account: all of them for an
/// administrator, else those it holds a role in.
#[server]
pub async fn get_back_office() -> Result<Access<BackOffice>, ServerFnError> {
    use crate::back_office::{signed_in, Denied};
    let store = store()?;
    answer(
        async {
            let account = signed_in(&store, &super::request_headers())
                .await?
                .ok_or(Denied::SignIn)?;
            let memberships = store.memberships(account.id).await?;
            let desks = store
                .all_conferences()
                .await?
                .into_iter()
                .filter_map(|(conference, published)| {
                    let role = memberships
                        .iter()
                        .find(|m| m.conference == conference.slug.as_str())
                        .map(|m| m.role);
                    (role.is_some() || account.administrator).then_some(Desk {
                        conference,
                        role,
                        published,
                    })
                })
                .collect();
            Ok(BackOffice { account, desks })
        }
        .await,
    )
}

/// One conference's page in the back office, for its organisers and staff
/// and the administrators.
#[server]
pub async fn get_conference_desk(slug: String) -> Result<Access<ConferenceDesk>, ServerFnError> {
    let store = store()?;
    answer(
        async {
            let (desk, account) = open_desk(&store, &slug, Action::ViewRegistrations).await?;
            let counts = store.registration_counts(&slug).await?;
            let dashboard = store.dashboard(&slug).await?;
            let can_edit = account.may(desk.role, Action::EditConference);
            Ok(ConferenceDesk {
                desk,
                signed_in_as: account.email,
                counts,
                dashboard,
                can_edit,
                check_ins: store.check_in_counts(&slug).await?,
            })
        }
        .await,
    )
}

#[component]
pub fn AdminHomePage() -> impl IntoView {
    guarded(get_back_office(), |home: BackOffice| {
        let locale = Locale::current();
        let lang = locale.lang;
        let none = home.desks.is_empty();
        let writes = home.account.administrator
            || home.desks.iter().any(|d| {
                home.account
                    .may(d.role, convene::account::Action::WritePosts)
            });
        let desks = home
            .desks
            .into_iter()
            .map(|d| {
                let role = match d.role {
                    Some(role) => locale.t(&format!("admin-role-{}", role.code())),
                    None => locale.t("admin-role-administrator"),
                };
                // An editor's desk is the news: nothing of registrations.
                let href = if d.role == Some(convene::account::StaffRole::Editor) {
                    locale.href(convene::paths::admin::NEWS)
                } else {
                    locale.href(&convene::paths::admin::conference(&d.conference.slug))
                };
                let draft = (!d.published)
                    .then(|| view! { " · " <span class="draft">{locale.t("admin-draft")}</span> });
                view! {
                    <li>
                        <a href=href>{d.conference.title.get(lang).to_owned()}</a>
                        " · " <span class="role">{role}</span>
                        {draft}
                    </li>
                }
            })
            .collect_view();
        let empty = none.then(|| view! { <p>{locale.t("admin-no-conferences")}</p> });
        let news = writes.then(|| {
            view! {
                <p>
                    <a href=locale.href(convene::paths::admin::NEWS)>{locale.t("admin-news")}</a>
                    " · "
                    <a href=locale.href(convene::paths::admin::DOCUMENTS)>{locale.t("admin-documents")}</a>
                </p>
            }
        });
        let create = home.account.administrator.then(|| {
            view! { <p><a href=locale.href(convene::paths::admin::NEW_CONFERENCE)>{locale.t("admin-new-conference")}</a></p> }
        });
        view! {
            <Frame title=locale.t("admin-title")>
                <SignedInAs email=home.account.email.clone()/>
                <h1>{locale.t("admin-title")}</h1>
                {empty}
                <ul class="desks">{desks}</ul>
                {news}
                {create}
            </Frame>
        }
    })
}

#[component]
pub fn AdminConferencePage() -> impl IntoView {
    guarded(
        get_conference_desk(param("slug")),
        |desk: ConferenceDesk| {
            let signed_in_as = desk.signed_in_as.clone();
            let locale = Locale::current();
            let c = desk.desk.conference;
            let title = c.title.get(locale.lang).to_owned();
            let counts = Status::ALL
            .iter()
            .map(|status| {
                let n = desk
                    .counts
                    .iter()
                    .find(|(s, _)| s == status)
                    .map_or(0, |(_, n)| *n);
                view! {
                    <tr data-status=status.code()>
                        <th scope="row">{locale.t(&format!("admin-status-{}", status.code()))}</th>
                        <td>{n}</td>
                    </tr>
                }
            })
            .collect_view();
            let registrations = locale.href(&convene::paths::admin::registrations(&c.slug));
            let mail = locale.href(&convene::paths::admin::mail(&c.slug));
            let templates = locale.href(&convene::paths::admin::templates(&c.slug));
            let invitations = locale.href(&convene::paths::admin::invitations(&c.slug));
            let check_in = locale.href(&convene::paths::admin::check_in(&c.slug));
            let badge_colours = locale.href(&convene::paths::admin::badge_colours(&c.slug));
            let sharing = locale.href(&convene::paths::admin::sharing(&c.slug));
            let paper_wordings = locale.href(&convene::paths::admin::paper_wordings(&c.slug));
            let agenda = locale.href(&convene::paths::admin::agenda(&c.slug));
            let face = locale.href(&convene::paths::admin::face(&c.slug));
            let can_edit = desk.can_edit;
            let audit = locale.href(&convene::paths::admin::audit(&c.slug));
            let settings = locale.href(&convene::paths::admin::settings(&c.slug));
            let draft = (!desk.desk.published)
                .then(|| view! { <p class="draft">{locale.t("admin-publish-hint-draft")}</p> });
            view! {
                <Frame title=format!("{} · {title}", locale.t("admin-title"))>
                    <SignedInAs email=signed_in_as.clone()/>
                    <p class="breadcrumb"><a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a></p>
                    <h1>{title}</h1>
                    <h2>{locale.t("admin-registrations")}</h2>
                    <p><a href=registrations>{locale.t("admin-see-registrations")}</a></p>
                    <p><a href=mail>{locale.t("admin-mail-room")}</a></p>
                    <p><a href=templates>{locale.t("admin-templates")}</a></p>
                    <p><a href=invitations>{locale.t("admin-invitations")}</a></p>
                    <p><a href=check_in>{locale.t("checkin-title")}</a></p>
                    {draft}
                    {can_edit.then(|| view! {
                        <p><a href=settings>{locale.t("admin-settings")}</a></p>
                        <p><a href=agenda>{locale.t("admin-agenda")}</a></p>
                        <p><a href=face>{locale.t("admin-face")}</a></p>
                        <p><a href=audit>{locale.t("admin-audit")}</a></p>
                        <p><a href=badge_colours>{locale.t("badges-colours")}</a></p>
                        <p><a href=sharing>{locale.t("sharing-title")}</a></p>
                        <p><a href=paper_wordings>{locale.t("admin-paper-wordings")}</a></p>
                    })}
                    <table class="counts">
                        <tbody>{counts}</tbody>
                    </table>
                    <DashboardPanel dashboard=desk.dashboard.clone()/>
                    <h2>{locale.t("checkin-title")}</h2>
                    <super::CountsTable counts=desk.check_ins.clone()/>
                </Frame>
            }
        },
    )
}

/// Counts by category and country, seats left in the workshops, and
/// registrations per day as bars (plain HTML: readable without script).
#[component]
fn DashboardPanel(dashboard: convene::desk::Dashboard) -> impl IntoView {
    let locale = Locale::current();
    let lang = locale.lang;
    let d = dashboard;
    let categories = d
        .by_category
        .iter()
        .map(|(c, n)| view! { <tr><th scope="row">{locale.t(&c.key())}</th><td>{*n}</td></tr> })
        .collect_view();
    let countries = d
        .by_country
        .iter()
        .map(|(c, n)| {
            view! { <tr><th scope="row">{crate::components::country_name(&locale, c)}</th><td>{*n}</td></tr> }
        })
        .collect_view();
    let seats = d
        .seats
        .iter()
        .map(|(title, seats, taken)| {
            let left = (seats - taken).max(0);
            view! {
                <tr>
                    <th scope="row">{title.get(lang).to_owned()}</th>
                    <td>{locale.t_args("admin-seats-left", &[("left", &left.to_string()), ("seats", &seats.to_string())])}</td>
                </tr>
            }
        })
        .collect_view();
    let most = d.per_day.iter().map(|(_, n)| *n).max().unwrap_or(1).max(1);
    let days = d
        .per_day
        .iter()
        .map(|(day, n)| {
            let width = format!("inline-size: {}%", n * 100 / most);
            view! {
                <tr>
                    <th scope="row"><time datetime=day.to_string()>{convene::i18n::long_date(lang, *day)}</time></th>
                    <td><span class="bar" style=width></span> " " {*n}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <section class="glance">
            <h2>{locale.t("admin-by-category")}</h2>
            <table class="counts"><tbody>{categories}</tbody></table>
            <h2>{locale.t("admin-by-country")}</h2>
            <table class="counts"><tbody>{countries}</tbody></table>
            <h2>{locale.t("admin-seats")}</h2>
            <table class="counts"><tbody>{seats}</tbody></table>
            <h2>{locale.t("admin-per-day")}</h2>
            <table class="per-day"><tbody>{days}</tbody></table>
        </section>
    }
}
