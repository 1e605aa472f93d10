//! A conference's registrations: the table (search, filters, sort,
//! pages) and one registration with its history, emails and actions.

use super::at_venue;
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
use crate::submission::from_request;
#[cfg(feature = "ssr")]
use convene::account::Action;
use convene::registration::Status;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A conference's registration table in the back office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegistrationsDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    pub page: convene::desk::RegistrationPage,
    /// The sessions with seats, for the session filter: (slug, title).
    pub sessions: Vec<(String, convene::Localized)>,
}

/// One registration in the back office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegistrationDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    pub detail: convene::desk::RegistrationDetail,
    /// The conference's questions, to show each answer by its label.
    pub questions: Vec<convene::registration::questions::Question>,
    /// The letters and certificates issued, newest first.
    pub papers: Vec<convene::papers::Issued>,
    /// Whether the account may see passports (download the letter,
    /// withdraw a paper): organisers and administrators.
    pub organiser: bool,
}

/// A page of a conference's registrations, by the table's filter.
#[server]
pub async fn get_registrations(
    slug: String,
    filter: convene::desk::RegistrationFilter,
) -> Result<Access<RegistrationsDesk>, ServerFnError> {
    use crate::back_office::Denied;
    let store = store()?;
    answer(
        async {
            let (desk, account) = open_desk(&store, &slug, Action::ViewRegistrations).await?;
            let page = store
                .search_registrations(&slug, &filter)
                .await?
                .ok_or(Denied::NotFound)?;
            let sessions = store
                .form_setup(&slug, None, chrono::Utc::now())
                .await?
                .map(|setup| {
                    setup
                        .sessions
                        .into_iter()
                        .map(|s| (s.slug.to_string(), s.title))
                        .collect()
                })
                .unwrap_or_default();
            Ok(RegistrationsDesk {
                desk,
                signed_in_as: account.email,
                page,
                sessions,
            })
        }
        .await,
    )
}

/// One registration of a conference in full. Passport details are shown
/// only to organisers and administrators.
#[server]
pub async fn get_registration_detail(
    slug: String,
    id: i64,
) -> Result<Access<RegistrationDesk>, ServerFnError> {
    use crate::back_office::Denied;
    let store = store()?;
    answer(
        async {
            let (desk, account) = open_desk(&store, &slug, Action::ViewRegistrations).await?;
            let mut detail = store
                .registration_detail(&slug, id)
                .await?
                .ok_or(Denied::NotFound)?;
            let questions = store.questions(&slug).await?.unwrap_or_default();
            let papers = store.papers_of(&slug, id).await?;
            let organiser = account.sees_passports(desk.role);
            if !organiser {
                let d = &mut detail.view.details;
                d.passport_name.clear();
                d.nationality.clear();
                d.passport_number.clear();
                d.date_of_birth.clear();
            }
            Ok(RegistrationDesk {
                desk,
                signed_in_as: account.email,
                detail,
                questions,
                papers,
                organiser,
            })
        }
        .await,
    )
}

/// A conference's registrations: search, filters, sort, pages.
#[component]
pub fn AdminRegistrationsPage() -> impl IntoView {
    let filter = filter_from_query();
    let shown = filter.clone();
    guarded(
        get_registrations(param("slug"), filter),
        move |desk: RegistrationsDesk| {
            let signed_in_as = desk.signed_in_as.clone();
            let locale = Locale::current();
            let lang = locale.lang;
            let f = shown;
            let c = desk.desk.conference;
            let base = convene::paths::admin::registrations(&c.slug);
            let option = |value: &str, text: String, current: &str| {
                let selected = value == current;
                view! { <option value=value.to_owned() selected=selected>{text}</option> }
            };
            let statuses = Status::ALL
                .iter()
                .map(|s| {
                    option(
                        s.code(),
                        locale.t(&format!("admin-status-{}", s.code())),
                        &f.status,
                    )
                })
                .collect_view();
            let categories = convene::registration::Category::ALL
                .iter()
                .map(|k| option(k.code(), locale.t(&k.key()), &f.category))
                .collect_view();
            let sessions = desk
                .sessions
                .iter()
                .map(|(slug, title)| option(slug, title.get(lang).to_owned(), &f.session))
                .collect_view();
            let sorts = convene::desk::Sort::ALL
                .iter()
                .map(|s| {
                    option(
                        s.code(),
                        locale.t(&format!("admin-sort-{}", s.code())),
                        &f.sort,
                    )
                })
                .collect_view();
            let rows = desk
                .page
                .rows
                .iter()
                .map(|r| {
                    let href = locale.href(&convene::paths::admin::registration(&c.slug, r.id));
                    let needs = [
                        r.visa.then(|| locale.t("admin-needs-visa")),
                        r.interpretation.then(|| locale.t("admin-needs-interpretation")),
                    ]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join(", ");
                    let pick = (r.status == Status::AwaitingApproval).then(|| {
                        let label = locale.t_args("admin-select", &[("name", &r.name)]);
                        view! { <input type="checkbox" form="bulk" name="id" value=r.id.to_string() aria-label=label/> }
                    });
                    view! {
                        <tr data-status=r.status.code()>
                            <td>{pick}</td>
                            <td><a href=href>{r.name.clone()}</a></td>
                            <td>{r.email.clone()}</td>
                            <td>{r.organisation.clone()}</td>
                            <td>{format!("{}, {}", r.city, crate::components::country_name(&locale, &r.country))}</td>
                            <td>{locale.t(&r.category.key())}</td>
                            <td>{locale.t(&format!("admin-status-{}", r.status.code()))}</td>
                            <td>{needs}</td>
                        </tr>
                    }
                })
                .collect_view();
            let pages = desk.page.pages();
            let page = desk.page.page;
            let link = |to: u32, key: &str| {
                let href = locale.href(&format!("{base}?{}", f.query_at(to)));
                view! { <a href=href>{locale.t(key)}</a> }
            };
            let previous = (page > 1).then(|| link(page - 1, "admin-previous"));
            let next = (page < pages).then(|| link(page + 1, "admin-next"));
            let found = locale.t_args(
                "admin-found",
                &[
                    ("count", &desk.page.total.to_string()),
                    ("page", &page.to_string()),
                    ("pages", &pages.to_string()),
                ],
            );
            let title = c.title.get(lang).to_owned();
            let bulk_done = leptos_router::hooks::use_query_map()
                .read_untracked()
                .get("decided")
                .and_then(|n| n.parse::<u32>().ok())
                .map(|n| {
                    view! { <p class="outcome saved" role="status">{locale.t_args("admin-decided", &[("count", &n.to_string())])}</p> }
                });
            view! {
                <Frame title=format!("{} · {title}", locale.t("admin-registrations"))>
                    <SignedInAs email=signed_in_as.clone()/>
                    <p class="breadcrumb">
                        <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                        <a href=locale.href(&convene::paths::admin::conference(&c.slug))>{title.clone()}</a>
                    </p>
                    <h1>{locale.t("admin-registrations")}</h1>
                    <form class="filters" method="get" action=locale.href(&base)>
                        <div class="field">
                            <label for="filter-q">{locale.t("admin-search")}</label>
                            <input id="filter-q" name="q" type="search" value=f.q.clone()/>
                        </div>
                        <div class="field">
                            <label for="filter-status">{locale.t("admin-filter-status")}</label>
                            <select id="filter-status" name="status"><option value="">{locale.t("admin-all")}</option>{statuses}</select>
                        </div>
                        <div class="field">
                            <label for="filter-category">{locale.t("register-category")}</label>
                            <select id="filter-category" name="category"><option value="">{locale.t("admin-all")}</option>{categories}</select>
                        </div>
                        <div class="field">
                            <label for="filter-country">{locale.t("admin-filter-country")}</label>
                            <input id="filter-country" name="country" value=f.country.clone() size="2"/>
                        </div>
                        <div class="field">
                            <label for="filter-session">{locale.t("admin-filter-session")}</label>
                            <select id="filter-session" name="session"><option value="">{locale.t("admin-all")}</option>{sessions}</select>
                        </div>
                        <div class="field checkbox">
                            <input id="filter-visa" type="checkbox" name="visa" value="on" checked=f.visa()/>
                            <label for="filter-visa">{locale.t("admin-needs-visa")}</label>
                        </div>
                        <div class="field checkbox">
                            <input id="filter-interpretation" type="checkbox" name="interpretation" value="on" checked=f.interpretation()/>
                            <label for="filter-interpretation">{locale.t("admin-needs-interpretation")}</label>
                        </div>
                        <div class="field">
                            <label for="filter-sort">{locale.t("admin-sort")}</label>
                            <select id="filter-sort" name="sort">{sorts}</select>
                        </div>
                        <button type="submit">{locale.t("admin-apply")}</button>
                    </form>
                    <p class="found" role="status">{found}</p>
                    <p>
                        <a href=format!("{}?{}", convene::paths::admin::export(&c.slug, "csv"), f.query_at(1)) download="">{locale.t("admin-export-csv")}</a>
                        " · "
                        <a href=format!("{}?{}", convene::paths::admin::export(&c.slug, "xlsx"), f.query_at(1)) download="">{locale.t("admin-export-xlsx")}</a>
                        " · "
                        <a href=locale.href(&format!("{}?{}", convene::paths::admin::write(&c.slug), f.query_at(1)))>{locale.t("admin-write")}</a>
                    </p>
                    <p class="badges">
                        <a href=locale.href(&format!("{}?{}", convene::paths::admin::badges(&c.slug), f.query_at(1)))>{locale.t("badges-print")}</a>
                        " · "
                        <a href=locale.href(&format!("{}?{}&sheet=a4", convene::paths::admin::badges(&c.slug), f.query_at(1)))>{locale.t("badges-print-sheets")}</a>
                        " "
                        <span class="hint">{locale.t("badges-hint")}</span>
                    </p>
                    <table class="registrations">
                        <thead><tr>
                            <th scope="col"></th>
                            <th scope="col">{locale.t("link-name")}</th>
                            <th scope="col">{locale.t("register-email")}</th>
                            <th scope="col">{locale.t("register-organisation")}</th>
                            <th scope="col">{locale.t("register-city")}</th>
                            <th scope="col">{locale.t("register-category")}</th>
                            <th scope="col">{locale.t("admin-filter-status")}</th>
                            <th scope="col">{locale.t("admin-needs")}</th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                    <form id="bulk" method="post" action=locale.href(&convene::paths::admin::bulk(&c.slug)) class="bulk">
                        <input type="hidden" name="query" value=f.query_at(page)/>
                        <span>{locale.t("admin-selected")}</span> " "
                        <button type="submit" name="action" value="approve">{locale.t("admin-approve")}</button> " "
                        <button type="submit" name="action" value="reject">{locale.t("admin-reject")}</button>
                    </form>
                    {bulk_done}
                    <nav class="pager" aria-label=locale.t("admin-pages")>{previous} " " {next}</nav>
                </Frame>
            }
        },
    )
}

/// The registration table's filter in the address's query.
pub(super) fn filter_from_query() -> convene::desk::RegistrationFilter {
    let query = leptos_router::hooks::use_query_map().read_untracked();
    let get = |key: &str| query.get(key).unwrap_or_default();
    convene::desk::RegistrationFilter {
        q: get("q"),
        status: get("status"),
        category: get("category"),
        country: get("country"),
        session: get("session"),
        visa: get("visa"),
        interpretation: get("interpretation"),
        sort: get("sort"),
        page: get("page"),
    }
}

/// One registration: everything the delegate gave, its history, its
/// emails, and what staff can do with it.
#[component]
pub fn AdminRegistrationPage() -> impl IntoView {
    let id = param("id").parse::<i64>().unwrap_or(0);
    guarded(
        get_registration_detail(param("slug"), id),
        move |desk: RegistrationDesk| {
            let signed_in_as = desk.signed_in_as.clone();
            let locale = Locale::current();
            let lang = locale.lang;
            let c = desk.desk.conference;
            let d = desk.detail;
            let v = &d.view;
            let f = &v.details;
            let offers_letter =
                v.status == convene::registration::Status::Confirmed && f.visa_letter;
            let attended = v.attended;
            let title = c.title.get(lang).to_owned();
            let base = convene::paths::admin::registrations(&c.slug);
            let yes_no = |b: bool| locale.t(if b { "register-yes" } else { "register-no" });
            let facts = [
                (locale.t("register-honorific"), f.honorific.clone()),
                (
                    locale.t("link-name"),
                    format!("{} {}", f.given_name, f.family_name),
                ),
                (locale.t("register-email"), f.email.clone()),
                (locale.t("register-organisation"), f.organisation.clone()),
                (locale.t("register-function"), f.function.clone()),
                (locale.t("register-city"), f.city.clone()),
                (
                    locale.t("register-country"),
                    crate::components::country_name(&locale, &f.country),
                ),
                (
                    locale.t("register-category"),
                    convene::registration::Category::parse(&f.category)
                        .map(|k| locale.t(&k.key()))
                        .unwrap_or_default(),
                ),
                (locale.t("register-languages"), f.languages.join(", ")),
                (
                    locale.t("register-interpretation"),
                    yes_no(f.interpretation),
                ),
                (locale.t("register-accessibility"), f.accessibility.clone()),
                (locale.t("register-dietary"), f.dietary.clone()),
                (locale.t("register-visa-letter"), yes_no(f.visa_letter)),
                (locale.t("register-passport-name"), f.passport_name.clone()),
                (locale.t("register-nationality"), f.nationality.clone()),
                (
                    locale.t("register-passport-number"),
                    f.passport_number.clone(),
                ),
                (locale.t("register-date-of-birth"), f.date_of_birth.clone()),
                (locale.t("register-listed"), yes_no(f.listed)),
            ]
            .into_iter()
            .chain(convene::registration::questions::shown_answers(
                &desk.questions,
                &f.answers,
                lang,
            ))
            .filter(|(_, value)| !value.is_empty())
            .map(|(label, value)| view! { <dt>{label}</dt> <dd>{value}</dd> })
            .collect_view();
            let sessions = v
                .sessions
                .iter()
                .map(|s| {
                    let state = if s.held {
                        locale.t("link-session-held")
                    } else {
                        locale.t("link-session-chosen")
                    };
                    view! { <li>{s.title.get(lang).to_owned()} " · " {state}</li> }
                })
                .collect_view();
            let events = d
                .events
                .iter()
                .map(|e| {
                    let by = e.by.clone().unwrap_or_else(|| locale.t("admin-by-delegate"));
                    let note = e.note.clone().map(|n| view! { <p class="note">{n}</p> });
                    view! {
                        <tr><td><time datetime=e.at.to_rfc3339()>{at_venue(&c.zone, e.at)}</time></td>
                        <td>{locale.t(&format!("admin-event-{}", e.action.code()))}{note}</td><td>{by}</td></tr>
                    }
                })
                .collect_view();
            let emails = d
                .emails
                .iter()
                .map(|m| {
                    view! {
                        <tr data-state=m.state.code()>
                            <td>{at_venue(&c.zone, m.queued_at)}</td>
                            <td>{locale.t(&format!("admin-mail-{}", m.kind.code()))}</td>
                            <td>{locale.t(&format!("admin-mail-state-{}", m.state.code()))}</td>
                            <td>{m.attempts}</td>
                            <td>{m.last_error.clone().unwrap_or_default()}</td>
                        </tr>
                    }
                })
                .collect_view();
            let action = |name: &'static str, key: &'static str| {
                let href = locale.href(&convene::paths::admin::staff_action(&c.slug, d.id, name));
                view! {
                    <form method="post" action=href class="action">
                        <button type="submit">{locale.t(key)}</button>
                    </form>
                }
            };
            let reject_href = locale.href(&convene::paths::admin::staff_action(
                &c.slug, d.id, "reject",
            ));
            let decide = (v.status == Status::AwaitingApproval).then(|| {
                view! {
                    {action("approve", "admin-approve")}
                    <form method="post" action=reject_href class="action reject">
                        <label for="field-reason">{locale.t("admin-reject-reason")}</label>
                        <textarea id="field-reason" name="reason" rows="3" maxlength="1000"></textarea>
                        <button type="submit">{locale.t("admin-reject")}</button>
                    </form>
                }
            });
            let cancel = (!matches!(v.status, Status::Cancelled | Status::Rejected))
                .then(|| action("cancel", "admin-cancel"));
            let promote = (v.status == Status::Waiting).then(|| action("promote", "admin-promote"));
            let full = from_request::<crate::submission::NoSeatLeft>().map(|_| {
                view! { <p class="problem" role="alert">{locale.t("admin-no-seat-left")}</p> }
            });
            let note_href =
                locale.href(&convene::paths::admin::staff_action(&c.slug, d.id, "note"));
            let name = format!("{} {}", f.given_name, f.family_name);
            let status = v.status.code();
            let status_text = locale.t(&format!("admin-status-{status}"));
            view! {
                <Frame title=format!("{name} · {title}")>
                    <SignedInAs email=signed_in_as.clone()/>
                    <p class="breadcrumb">
                        <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                        <a href=locale.href(&base)>{locale.t("admin-registrations")}</a>
                    </p>
                    <h1>{name}</h1>
                    <p class="outcome" data-status=status>{status_text}</p>
                    {full}
                    <div class="actions">{decide}{promote}{cancel}</div>
                    <dl class="facts">{facts}</dl>
                    <h2>{locale.t("register-sessions")}</h2>
                    <ul>{sessions}</ul>
                    <h2>{locale.t("admin-history")}</h2>
                    <table class="history"><tbody>{events}</tbody></table>
                    <form method="post" action=note_href class="note">
                        <label for="field-note">{locale.t("admin-note")}</label>
                        <textarea id="field-note" name="note" rows="3" maxlength="2000"></textarea>
                        <button type="submit">{locale.t("admin-note-add")}</button>
                    </form>
                    <h2>{locale.t("admin-emails")}</h2>
                    <table class="emails"><tbody>{emails}</tbody></table>
                    <Papers slug=c.slug.to_string() id papers=desk.papers.clone() organiser=desk.organiser
                        letter=offers_letter certificate=attended/>
                </Frame>
            }
        },
    )
}

/// A registration's letters and certificates: download (issued the first
/// time), what was issued with its verification address, and withdrawal
/// for organisers.
#[component]
fn Papers(
    slug: String,
    id: i64,
    papers: Vec<convene::papers::Issued>,
    organiser: bool,
    letter: bool,
    certificate: bool,
) -> impl IntoView {
    use convene::papers::PaperKind;
    let locale = Locale::current();
    let downloads = [
        (letter && organiser, PaperKind::Letter),
        (certificate, PaperKind::Certificate),
    ]
    .into_iter()
    .filter(|(offer, _)| *offer)
    .map(|(_, kind)| {
        let href = locale.href(&convene::paths::admin::paper(&slug, id, kind));
        view! { <li><a href=href data-paper=kind.code()>{locale.t(&format!("paper-{}", kind.code()))}</a></li> }
    })
    .collect_view();
    let rows = papers
        .into_iter()
        .map(|p| {
            let verify = locale.href(&convene::paths::verify_paper(p.verify.as_str()));
            let state = match p.withdrawn_at {
                Some(at) => locale.t_args(
                    "admin-paper-withdrawn",
                    &[("day", &at.format("%Y-%m-%d").to_string())],
                ),
                None => locale.t("admin-paper-standing"),
            };
            let withdraw = (organiser && p.withdrawn_at.is_none()).then(|| {
                let action = locale.href(&convene::paths::admin::withdraw_paper(&slug, p.id));
                view! {
                    <form method="post" action=action>
                        <button type="submit">{locale.t("admin-paper-withdraw")}</button>
                    </form>
                }
            });
            view! {
                <tr data-paper=p.kind.code()>
                    <td>{locale.t(&format!("paper-{}", p.kind.code()))}</td>
                    <td><a href=verify>{p.reference.clone()}</a></td>
                    <td>{p.issued_at.format("%Y-%m-%d").to_string()}</td>
                    <td>{state}</td>
                    <td>{withdraw}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2>{locale.t("link-papers")}</h2>
        <ul class="papers">{downloads}</ul>
        <table class="papers"><tbody>{rows}</tbody></table>
    }
}
