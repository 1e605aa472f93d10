//! The back office's pages: signing in, the first run, the conferences of
//! the signed-in account, and a conference's registrations at a glance.
//! What each may show is decided by its server function ([`Access`]).

use super::form::problem_text;
use super::{param, NotFound, Unavailable};
use crate::api::{BackOffice, ConferenceDesk};
use crate::back_office::Access;
use crate::components::Frame;
use crate::locale::Locale;
use crate::submission::{
    from_request, ResetRefused, ResetRequested, SetupRefused, SignInProblem, SignInRefused,
};
use convene::registration::Status;
use leptos::prelude::*;

/// A moment in the venue's time, as the back office lists it
/// ("2017-11-16 09:30 CET"): organisers think in the conference's clock.
fn at_venue(zone: &convene::VenueZone, at: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "{} {}",
        zone.local(at).format("%Y-%m-%d %H:%M"),
        zone.abbreviation(at)
    )
}

/// Back-office pages are never cached: they are one account's.
fn private() {
    super::no_store();
}

/// Renders what a back-office server function allows: the page, or a
/// redirect to sign in, or 403, 404, 503.
pub(super) fn guarded<T, V>(
    load: impl std::future::Future<Output = Result<Access<T>, ServerFnError>> + Send + 'static,
    render: impl FnOnce(T) -> V + Send + 'static,
) -> impl IntoView
where
    T: Send + 'static,
    V: IntoView + 'static,
{
    private();
    view! {
        <Suspense>
            {Suspend::new(async move {
                match load.await {
                    Ok(Access::Granted(data)) => render(data).into_any(),
                    Ok(Access::SignIn) => {
                        let locale = Locale::current();
                        let href = locale.href("/admin/sign-in");
                        #[cfg(feature = "ssr")]
                        leptos_axum::redirect(&href);
                        view! { <p><a href=href>{locale.t("admin-sign-in-title")}</a></p> }.into_any()
                    }
                    Ok(Access::Forbidden) => view! { <Forbidden/> }.into_any(),
                    Ok(Access::NotFound) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <Unavailable/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Forbidden() -> impl IntoView {
    #[cfg(feature = "ssr")]
    super::set_status(403);
    let locale = Locale::current();
    view! {
        <Frame title=locale.t("admin-forbidden-title")>
            <section class="message forbidden">
                <h1>{locale.t("admin-forbidden-title")}</h1>
                <p>{locale.t("admin-forbidden-body")}</p>
                <p><a href=locale.href("/admin")>{locale.t("admin-home")}</a></p>
            </section>
        </Frame>
    }
}

/// The sign-out button, on every signed-in page.
#[component]
pub(super) fn SignedInAs(email: String) -> impl IntoView {
    let locale = Locale::current();
    view! {
        <form class="signed-in" method="post" action=locale.href("/admin/sign-out")>
            <span>{locale.t_args("admin-signed-in-as", &[("email", &email)])}</span>
            " "
            <button type="submit">{locale.t("admin-sign-out")}</button>
        </form>
    }
}

#[component]
pub fn AdminHomePage() -> impl IntoView {
    guarded(crate::api::get_back_office(), |home: BackOffice| {
        let locale = Locale::current();
        let lang = locale.lang;
        let none = home.desks.is_empty();
        let desks = home
            .desks
            .into_iter()
            .map(|d| {
                let role = match d.role {
                    Some(role) => locale.t(&format!("admin-role-{}", role.code())),
                    None => locale.t("admin-role-administrator"),
                };
                let href = locale.href(&format!("/admin/conferences/{}", d.conference.slug));
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
        let create = home.account.administrator.then(|| {
            view! { <p><a href=locale.href("/admin/new-conference")>{locale.t("admin-new-conference")}</a></p> }
        });
        view! {
            <Frame title=locale.t("admin-title")>
                <SignedInAs email=home.account.email.clone()/>
                <h1>{locale.t("admin-title")}</h1>
                {empty}
                <ul class="desks">{desks}</ul>
                {create}
            </Frame>
        }
    })
}

#[component]
pub fn AdminConferencePage() -> impl IntoView {
    guarded(
        crate::api::get_conference_desk(param("slug")),
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
            let registrations =
                locale.href(&format!("/admin/conferences/{}/registrations", c.slug));
            let mail = locale.href(&format!("/admin/conferences/{}/mail", c.slug));
            let templates = locale.href(&format!("/admin/conferences/{}/templates", c.slug));
            let invitations = locale.href(&format!("/admin/conferences/{}/invitations", c.slug));
            let agenda = locale.href(&format!("/admin/conferences/{}/agenda", c.slug));
            let can_edit = desk.can_edit;
            let audit = locale.href(&format!("/admin/conferences/{}/audit", c.slug));
            let settings = locale.href(&format!("/admin/conferences/{}/settings", c.slug));
            let draft = (!desk.desk.published)
                .then(|| view! { <p class="draft">{locale.t("admin-publish-hint-draft")}</p> });
            view! {
                <Frame title=format!("{} · {title}", locale.t("admin-title"))>
                    <SignedInAs email=signed_in_as.clone()/>
                    <p class="breadcrumb"><a href=locale.href("/admin")>{locale.t("admin-title")}</a></p>
                    <h1>{title}</h1>
                    <h2>{locale.t("admin-registrations")}</h2>
                    <p><a href=registrations>{locale.t("admin-see-registrations")}</a></p>
                    <p><a href=mail>{locale.t("admin-mail-room")}</a></p>
                    <p><a href=templates>{locale.t("admin-templates")}</a></p>
                    <p><a href=invitations>{locale.t("admin-invitations")}</a></p>
                    {draft}
                    {can_edit.then(|| view! {
                        <p><a href=settings>{locale.t("admin-settings")}</a></p>
                        <p><a href=agenda>{locale.t("admin-agenda")}</a></p>
                        <p><a href=audit>{locale.t("admin-audit")}</a></p>
                    })}
                    <table class="counts">
                        <tbody>{counts}</tbody>
                    </table>
                    <Glance dashboard=desk.dashboard.clone()/>
                </Frame>
            }
        },
    )
}

#[component]
pub fn SignInPage() -> impl IntoView {
    private();
    let locale = Locale::current();
    let refused = from_request::<SignInRefused>();
    #[cfg(feature = "ssr")]
    if let Some(r) = &refused {
        super::set_status(match r.why {
            SignInProblem::Wrong => 401,
            SignInProblem::Throttled => 429,
            SignInProblem::Busy => 503,
        });
    }
    let problem = refused.as_ref().map(|r| {
        let key = match r.why {
            SignInProblem::Wrong => "admin-sign-in-failed",
            SignInProblem::Throttled => "admin-throttled",
            SignInProblem::Busy => "admin-busy",
        };
        view! { <p class="form-problems" role="alert">{locale.t(key)}</p> }
    });
    let email = refused.map(|r| r.email).unwrap_or_default();
    let reset_done = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("reset")
        .is_some_and(|v| v == "done")
        .then(|| view! { <p class="outcome" role="status">{locale.t("admin-reset-done")}</p> });
    view! {
        <Frame title=locale.t("admin-sign-in-title")>
            <h1>{locale.t("admin-sign-in-title")}</h1>
            {reset_done}
            {problem}
            <form class="registration" method="post" action=locale.href("/admin/sign-in")>
                <div class="field">
                    <label for="field-email">{locale.t("register-email")}</label>
                    <input id="field-email" name="email" type="email" value=email autocomplete="username" required/>
                </div>
                <div class="field">
                    <label for="field-password">{locale.t("admin-password")}</label>
                    <input id="field-password" name="password" type="password" autocomplete="current-password" required/>
                </div>
                <button type="submit" class="primary">{locale.t("admin-sign-in-submit")}</button>
            </form>
            <p><a href=locale.href("/admin/reset")>{locale.t("admin-forgot")}</a></p>
        </Frame>
    }
}

/// "Forgot your password?": asks for the address, and says the same
/// whether it has an account or not.
#[component]
pub fn ResetRequestPage() -> impl IntoView {
    private();
    let locale = Locale::current();
    let requested = from_request::<ResetRequested>();
    #[cfg(feature = "ssr")]
    if requested.is_some_and(|r| r.throttled) {
        super::set_status(429);
    }
    let outcome = requested.map(|r| {
        let key = if r.throttled {
            "admin-reset-throttled"
        } else {
            "admin-reset-sent"
        };
        view! { <p class="outcome" role="status">{locale.t(key)}</p> }
    });
    view! {
        <Frame title=locale.t("admin-reset-title")>
            <h1>{locale.t("admin-reset-title")}</h1>
            {outcome}
            <p>{locale.t("admin-reset-intro")}</p>
            <form class="registration" method="post" action=locale.href("/admin/reset")>
                <div class="field">
                    <label for="field-email">{locale.t("register-email")}</label>
                    <input id="field-email" name="email" type="email" autocomplete="username" required/>
                </div>
                <button type="submit" class="primary">{locale.t("admin-reset-submit")}</button>
            </form>
        </Frame>
    }
}

/// The page of an emailed reset link: a new password, once.
#[component]
pub fn ResetPage() -> impl IntoView {
    private();
    let token = param("token");
    super::loaded(
        crate::api::reset_link_open(token.clone()),
        move |open: bool| {
            let locale = Locale::current();
            if !open {
                #[cfg(feature = "ssr")]
                super::set_status(410);
                return view! {
                <Frame title=locale.t("admin-reset-title")>
                    <section class="message">
                        <h1>{locale.t("admin-reset-title")}</h1>
                        <p>{locale.t("admin-reset-expired")}</p>
                        <p><a href=locale.href("/admin/reset")>{locale.t("admin-forgot")}</a></p>
                    </section>
                </Frame>
            }
            .into_any();
            }
            let problem = from_request::<ResetRefused>().map(|r| problem_text(&locale, r.problem));
            #[cfg(feature = "ssr")]
            if problem.is_some() {
                super::set_status(422);
            }
            let invalid = problem.is_some();
            view! {
            <Frame title=locale.t("admin-reset-title")>
                <h1>{locale.t("admin-reset-title")}</h1>
                <form class="registration" method="post" action=locale.href(&convene::paths::password_reset(&token)) novalidate>
                    <div class="field" class:invalid=invalid>
                        <label for="field-password">{locale.t("admin-new-password")}</label>
                        <p class="hint" id="field-password-hint">{locale.t("admin-password-hint")}</p>
                        <input id="field-password" name="password" type="password" autocomplete="new-password"
                            aria-describedby="field-password-hint"/>
                        {problem.map(|p| view! { <p class="problem" id="field-password-problem">{p}</p> })}
                    </div>
                    <button type="submit" class="primary">{locale.t("admin-reset-save")}</button>
                </form>
            </Frame>
        }
        .into_any()
        },
    )
}

/// The first run: makes the first administrator, and only while no account
/// exists.
#[component]
pub fn SetupPage() -> impl IntoView {
    private();
    super::loaded(crate::api::first_run_open(), |open: bool| {
        let locale = Locale::current();
        if !open {
            return view! { <NotFound/> }.into_any();
        }
        let refused = from_request::<SetupRefused>().unwrap_or_default();
        #[cfg(feature = "ssr")]
        if refused.code_problem.is_some()
            || refused.email_problem.is_some()
            || refused.password_problem.is_some()
        {
            super::set_status(422);
        }
        let code_problem = refused.code_problem.map(|p| problem_text(&locale, p));
        let code_invalid = code_problem.is_some();
        let email_problem = refused.email_problem.map(|p| problem_text(&locale, p));
        let password_problem = refused.password_problem.map(|p| problem_text(&locale, p));
        let (email_invalid, password_invalid) =
            (email_problem.is_some(), password_problem.is_some());
        view! {
            <Frame title=locale.t("admin-setup-title")>
                <h1>{locale.t("admin-setup-title")}</h1>
                <p>{locale.t("admin-setup-intro")}</p>
                <form class="registration" method="post" action=locale.href("/admin/setup") novalidate>
                    <div class="field" class:invalid=code_invalid>
                        <label for="field-code">{locale.t("admin-setup-code")}</label>
                        <p class="hint" id="field-code-hint">{locale.t("admin-setup-code-hint")}</p>
                        <input id="field-code" name="code" value=refused.code.clone() autocomplete="off"
                            spellcheck="false" aria-describedby="field-code-hint"/>
                        {code_problem.map(|t| view! { <p class="problem" id="field-code-problem">{t}</p> })}
                    </div>
                    <div class="field" class:invalid=email_invalid>
                        <label for="field-email">{locale.t("register-email")}</label>
                        <input id="field-email" name="email" type="email" value=refused.email.clone()
                            autocomplete="username"/>
                        {email_problem.map(|t| view! { <p class="problem" id="field-email-problem">{t}</p> })}
                    </div>
                    <div class="field" class:invalid=password_invalid>
                        <label for="field-password">{locale.t("admin-password")}</label>
                        <p class="hint" id="field-password-hint">{locale.t("admin-password-hint")}</p>
                        <input id="field-password" name="password" type="password" autocomplete="new-password"
                            aria-describedby="field-password-hint"/>
                        {password_problem.map(|t| view! { <p class="problem" id="field-password-problem">{t}</p> })}
                    </div>
                    <button type="submit" class="primary">{locale.t("admin-setup-submit")}</button>
                </form>
            </Frame>
        }
        .into_any()
    })
}

/// A conference's registrations: search, filters, sort, pages.
#[component]
pub fn AdminRegistrationsPage() -> impl IntoView {
    let filter = filter_from_query();
    let shown = filter.clone();
    guarded(
        crate::api::get_registrations(param("slug"), filter),
        move |desk: crate::api::RegistrationsDesk| {
            let signed_in_as = desk.signed_in_as.clone();
            let locale = Locale::current();
            let lang = locale.lang;
            let f = shown;
            let c = desk.desk.conference;
            let base = format!("/admin/conferences/{}/registrations", c.slug);
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
                    let href = locale.href(&format!("{base}/{}", r.id));
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
                        <a href=locale.href("/admin")>{locale.t("admin-title")}</a> " › "
                        <a href=locale.href(&format!("/admin/conferences/{}", c.slug))>{title.clone()}</a>
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
                        <a href=format!("{base}.csv?{}", f.query_at(1)) download="">{locale.t("admin-export-csv")}</a>
                        " · "
                        <a href=format!("{base}.xlsx?{}", f.query_at(1)) download="">{locale.t("admin-export-xlsx")}</a>
                        " · "
                        <a href=locale.href(&format!("/admin/conferences/{}/write?{}", c.slug, f.query_at(1)))>{locale.t("admin-write")}</a>
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
                    <form id="bulk" method="post" action=locale.href(&format!("{base}/bulk")) class="bulk">
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
fn filter_from_query() -> convene::desk::RegistrationFilter {
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

/// `/admin/conferences/{slug}/write?{filter}`: a message to the delegates
/// the table's filter finds, previewed as the first of them will read it,
/// then sent through the outbox.
#[component]
pub fn AdminWritePage() -> impl IntoView {
    guarded(
        crate::api::get_write(param("slug"), filter_from_query()),
        |desk: crate::api::WriteDesk| {
            let locale = Locale::current();
            let c = desk.desk.conference;
            let title = c.title.get(locale.lang).to_owned();
            let query = desk.filter.query_at(1);
            let table = locale.href(&format!(
                "/admin/conferences/{}/registrations?{query}",
                c.slug
            ));
            let action = locale.href(&format!("/admin/conferences/{}/write?{query}", c.slug));
            let draft = from_request::<crate::submission::MessageDraft>().unwrap_or_default();
            #[cfg(feature = "ssr")]
            if draft.problems.subject.is_some() || draft.problems.body.is_some() {
                super::set_status(422);
            }
            let p_subject = draft
                .problems
                .subject
                .map(|p| view! { <p class="problem" id="field-subject-problem">{problem_text(&locale, p)}</p> });
            let p_body = draft
                .problems
                .body
                .map(|p| view! { <p class="problem" id="field-body-problem">{problem_text(&locale, p)}</p> });
            let preview = draft.preview.clone().map(|(to, subject, text)| {
                view! {
                    <section class="preview" aria-labelledby="preview-title">
                        <h2 id="preview-title">{locale.t("admin-message-preview")}</h2>
                        <p>{locale.t("admin-mail-to")} ": " {to}</p>
                        <p><strong>{subject}</strong></p>
                        <pre class="mail-text">{text}</pre>
                    </section>
                }
            });
            let count = desk.recipients.to_string();
            view! {
                <Frame title=format!("{} · {title}", locale.t("admin-write"))>
                    <SignedInAs email=desk.signed_in_as.clone()/>
                    <p class="breadcrumb">
                        <a href=locale.href("/admin")>{locale.t("admin-title")}</a> " › "
                        <a href=table>{locale.t("admin-registrations")}</a>
                    </p>
                    <h1>{locale.t("admin-write")}</h1>
                    <p role="status">{locale.t_args("admin-write-to", &[("count", &count)])}</p>
                    {preview}
                    <form class="registration" method="post" action=action novalidate>
                        <div class="field">
                            <label for="field-subject">{locale.t("admin-message-subject")}</label>
                            <input id="field-subject" name="subject" value=draft.subject.clone()/>
                            {p_subject}
                        </div>
                        <div class="field">
                            <label for="field-body">{locale.t("admin-message-body")}</label>
                            <p class="hint" id="field-body-hint">{locale.t("admin-message-hint")}</p>
                            <textarea id="field-body" name="body" rows="12" aria-describedby="field-body-hint">{draft.body.clone()}</textarea>
                            {p_body}
                        </div>
                        <button type="submit" name="intent" value="preview">{locale.t("admin-message-preview")}</button>
                        " "
                        <button type="submit" name="intent" value="send" class="primary">
                            {locale.t_args("admin-message-send", &[("count", &count)])}
                        </button>
                    </form>
                </Frame>
            }
        },
    )
}

/// One registration: everything the delegate gave, its history, its
/// emails, and what staff can do with it.
#[component]
pub fn AdminRegistrationPage() -> impl IntoView {
    let id = param("id").parse::<i64>().unwrap_or(0);
    guarded(
        crate::api::get_registration_detail(param("slug"), id),
        move |desk: crate::api::RegistrationDesk| {
            let signed_in_as = desk.signed_in_as.clone();
            let locale = Locale::current();
            let lang = locale.lang;
            let c = desk.desk.conference;
            let d = desk.detail;
            let v = &d.view;
            let f = &v.details;
            let title = c.title.get(lang).to_owned();
            let base = format!("/admin/conferences/{}/registrations", c.slug);
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
            .chain(convene::questions::shown_answers(
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
                        <td>{locale.t(&format!("admin-event-{}", e.action))}{note}</td><td>{by}</td></tr>
                    }
                })
                .collect_view();
            let emails = d
                .emails
                .iter()
                .map(|m| {
                    view! {
                        <tr data-state=m.state.clone()>
                            <td>{at_venue(&c.zone, m.queued_at)}</td>
                            <td>{locale.t(&format!("admin-mail-{}", m.kind))}</td>
                            <td>{locale.t(&format!("admin-mail-state-{}", m.state))}</td>
                            <td>{m.attempts}</td>
                            <td>{m.last_error.clone().unwrap_or_default()}</td>
                        </tr>
                    }
                })
                .collect_view();
            let action = |name: &'static str, key: &'static str| {
                let href = locale.href(&format!("{base}/{}/{name}", d.id));
                view! {
                    <form method="post" action=href class="action">
                        <button type="submit">{locale.t(key)}</button>
                    </form>
                }
            };
            let reject_href = locale.href(&format!("{base}/{}/reject", d.id));
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
            let note_href = locale.href(&format!("{base}/{}/note", d.id));
            let name = format!("{} {}", f.given_name, f.family_name);
            let status = v.status.code();
            let status_text = locale.t(&format!("admin-status-{status}"));
            view! {
                <Frame title=format!("{name} · {title}")>
                    <SignedInAs email=signed_in_as.clone()/>
                    <p class="breadcrumb">
                        <a href=locale.href("/admin")>{locale.t("admin-title")}</a> " › "
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
                </Frame>
            }
        },
    )
}

/// Counts by category and country, seats left in the workshops, and
/// registrations per day as bars (plain HTML: readable without script).
#[component]
fn Glance(dashboard: convene::desk::Dashboard) -> impl IntoView {
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

/// The mail room of a conference: what was sent, what waits, what failed;
/// send one again, try the failed ones again.
#[component]
pub fn AdminMailPage() -> impl IntoView {
    let state = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("state")
        .unwrap_or_default();
    guarded(
        crate::api::get_mail(param("slug"), state),
        |desk: crate::api::MailDesk| {
            let locale = Locale::current();
            let signed_in_as = desk.signed_in_as.clone();
            let c = desk.desk.conference;
            let title = c.title.get(locale.lang).to_owned();
            let base = format!("/admin/conferences/{}/mail", c.slug);
            let states = convene::desk::MAIL_STATES
            .into_iter()
            .map(|s| {
                let selected = desk.state == s;
                view! { <option value=s selected=selected>{locale.t(&format!("admin-mail-state-{s}"))}</option> }
            })
            .collect_view();
            let failed = desk
                .messages
                .iter()
                .filter(|m| m.mail.state == "failed")
                .count();
            let retry = (failed > 0).then(|| {
            view! {
                <form method="post" action=locale.href(&format!("{base}/retry-failed")) class="action">
                    <button type="submit">{locale.t_args("admin-mail-retry", &[("count", &failed.to_string())])}</button>
                </form>
            }
        });
            let rows = desk
                .messages
                .iter()
                .map(|m| {
                    let registration = m.registration.map(|id| {
                        let href = locale
                            .href(&format!("/admin/conferences/{}/registrations/{id}", c.slug));
                        view! { <a href=href>{m.recipient.clone()}</a> }
                    });
                    let resend = locale.href(&format!("{base}/{}/resend", m.id));
                    view! {
                        <tr data-state=m.mail.state.clone()>
                            <td>{at_venue(&c.zone, m.mail.queued_at)}</td>
                            <td>{registration}</td>
                            <td>{locale.t(&format!("admin-mail-{}", m.mail.kind))}</td>
                            <td>{locale.t(&format!("admin-mail-state-{}", m.mail.state))}</td>
                            <td>{m.mail.attempts}</td>
                            <td>{m.mail.last_error.clone().unwrap_or_default()}</td>
                            <td>
                                <form method="post" action=resend class="action">
                                    <button type="submit">{locale.t("admin-mail-resend")}</button>
                                </form>
                            </td>
                        </tr>
                    }
                })
                .collect_view();
            let sending = desk.counts.iter().any(|(state, n)| {
                *n > 0 && matches!(state.as_str(), "queued" | "sending" | "retrying")
            });
            // While messages go out, the page refreshes itself: progress
            // without a script.
            let refresh =
                sending.then(|| view! { <leptos_meta::Meta http_equiv="refresh" content="5"/> });
            let counts = desk
                .counts
                .iter()
                .map(|(state, n)| {
                    view! { <li data-state=state.clone()>{locale.t(&format!("admin-mail-state-{state}"))} ": " {*n}</li> }
                })
                .collect_view();
            let queued = leptos_router::hooks::use_query_map()
                .read_untracked()
                .get("sent")
                .and_then(|n| n.parse::<u32>().ok())
                .map(|n| {
                    view! { <p class="outcome saved" role="status">{locale.t_args("admin-message-queued", &[("count", &n.to_string())])}</p> }
                });
            view! {
                <Frame title=format!("{} · {title}", locale.t("admin-mail-room"))>
                    {refresh}
                    <SignedInAs email=signed_in_as/>
                    <p class="breadcrumb">
                        <a href=locale.href("/admin")>{locale.t("admin-title")}</a> " › "
                        <a href=locale.href(&format!("/admin/conferences/{}", c.slug))>{title.clone()}</a>
                    </p>
                    <h1>{locale.t("admin-mail-room")}</h1>
                    {queued}
                    <ul class="mail-counts" aria-live="polite">{counts}</ul>
                    <form class="filters" method="get" action=locale.href(&base)>
                        <div class="field">
                            <label for="filter-state">{locale.t("admin-filter-status")}</label>
                            <select id="filter-state" name="state"><option value="">{locale.t("admin-all")}</option>{states}</select>
                        </div>
                        <button type="submit">{locale.t("admin-apply")}</button>
                    </form>
                    {retry}
                    <table class="mail">
                        <thead><tr>
                            <th scope="col">{locale.t("admin-mail-queued-at")}</th>
                            <th scope="col">{locale.t("admin-mail-to")}</th>
                            <th scope="col">{locale.t("admin-mail-kind")}</th>
                            <th scope="col">{locale.t("admin-filter-status")}</th>
                            <th scope="col">{locale.t("admin-mail-attempts")}</th>
                            <th scope="col">{locale.t("admin-mail-answer")}</th>
                            <th scope="col"></th>
                        </tr></thead>
                        <tbody>{rows}</tbody>
                    </table>
                </Frame>
            }
        },
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
    guarded(
        crate::api::get_agenda_desk(param("slug")),
        |desk: crate::api::AgendaDesk| {
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
                let href = locale.href(&format!("/admin/conferences/{}/agenda/{}", c.slug, s.slug));
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
            let add = locale.href(&format!("/admin/conferences/{slug}/new-session"));
            let deleted = from_request::<crate::submission::SessionDeletedNote>().map(|_| {
                view! { <p class="outcome saved" role="status">{locale.t("admin-session-deleted")}</p> }
            });
            view! {
                <Frame title=format!("{} · {title}", locale.t("admin-agenda"))>
                    <SignedInAs email=signed_in_as/>
                    <p class="breadcrumb">
                        <a href=locale.href("/admin")>{locale.t("admin-title")}</a> " › "
                        <a href=locale.href(&format!("/admin/conferences/{slug}"))>{title.clone()}</a>
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
        },
    )
}

/// The session editor's fields, filled with `form`, the problems beside
/// them, posting to `action`.
fn session_form(
    locale: &Locale,
    agenda: &convene::Agenda,
    form: &convene::session_edit::SessionForm,
    problems: &[(convene::session_edit::SessionField, convene::field::Problem)],
    held: Option<i64>,
    action: String,
    // The edited session's slug; empty for a new one.
    session: String,
) -> AnyView {
    use crate::components::session_checks::SessionChecks;
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

/// One session in the editor: its fields in the venue's time, the problems
/// beside them, and the warnings that concern it.
#[component]
pub fn AdminSessionPage() -> impl IntoView {
    let session = param("session");
    guarded(
        crate::api::get_agenda_desk(param("slug")),
        move |desk: crate::api::AgendaDesk| {
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
                super::set_status(422);
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
            let action = locale.href(&format!("/admin/conferences/{}/agenda/{}", c.slug, s.slug));
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
            let delete = locale.href(&format!(
                "/admin/conferences/{}/agenda/{}/delete",
                c.slug, s.slug
            ));
            let chosen = from_request::<crate::submission::SessionChosen>().map(|chosen| {
                view! { <p class="problem" role="alert">{locale.t_args("admin-session-chosen", &[("count", &chosen.by.to_string())])}</p> }
            });
            view! {
            <Frame title=format!("{} · {}", s.title.get(lang), c.title.get(lang))>
                <SignedInAs email=signed_in_as/>
                <p class="breadcrumb">
                    <a href=locale.href("/admin")>{locale.t("admin-title")}</a> " › "
                    <a href=locale.href(&format!("/admin/conferences/{}/agenda", c.slug))>{locale.t("admin-agenda")}</a>
                </p>
                <h1>{s.title.get(lang).to_owned()}</h1>
                {saved}
                {health}
                {form_view}
                {roles}
                <form class="delete" method="post" action=delete>
                    {chosen}
                    <button type="submit">{locale.t("admin-session-delete")}</button>
                </form>
            </Frame>
        }
        .into_any()
        },
    )
}

/// `/admin/conferences/{slug}/new-session`: a session added to the
/// agenda, with the same fields and rules as the editor.
#[component]
pub fn AdminNewSessionPage() -> impl IntoView {
    guarded(
        crate::api::get_agenda_desk(param("slug")),
        |desk: crate::api::AgendaDesk| {
            use convene::session_edit::SessionForm;
            let locale = Locale::current();
            let agenda = desk.agenda;
            let c = &agenda.conference;
            let refused = from_request::<crate::submission::SessionRefused>();
            #[cfg(feature = "ssr")]
            if refused.is_some() {
                super::set_status(422);
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
            let action = locale.href(&format!("/admin/conferences/{}/new-session", c.slug));
            let form_view = session_form(
                &locale,
                &agenda,
                &form,
                &problems,
                None,
                action,
                String::new(),
            );
            let agenda_href = locale.href(&format!("/admin/conferences/{}/agenda", c.slug));
            view! {
                <Frame title=format!("{} · {}", locale.t("admin-add-session"), c.title.get(locale.lang))>
                    <SignedInAs email=desk.signed_in_as.clone()/>
                    <p class="breadcrumb">
                        <a href=locale.href("/admin")>{locale.t("admin-title")}</a> " › "
                        <a href=agenda_href>{locale.t("admin-agenda")}</a>
                    </p>
                    <h1>{locale.t("admin-add-session")}</h1>
                    {form_view}
                </Frame>
            }
        },
    )
}

/// The people of the agenda page: each with a delete button, and a form
/// to add one (their roles are given in each session's editor).
fn people_section(locale: &Locale, agenda: &convene::Agenda) -> AnyView {
    let c = &agenda.conference;
    let rows = agenda
        .people
        .iter()
        .map(|p| {
            let delete = locale.href(&format!(
                "/admin/conferences/{}/people/{}/delete",
                c.slug, p.slug
            ));
            view! {
                <tr>
                    <td>{p.name.clone()}</td>
                    <td>{p.affiliation.clone()}</td>
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
        super::set_status(422);
    }
    let refused = refused.unwrap_or_default();
    let p_name = refused
        .name_problem
        .map(|p| view! { <p class="problem">{problem_text(locale, p)}</p> });
    let p_affiliation = refused
        .affiliation_problem
        .map(|p| view! { <p class="problem">{problem_text(locale, p)}</p> });
    let action = locale.href(&format!("/admin/conferences/{}/people", c.slug));
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
fn roles_section(locale: &Locale, agenda: &convene::Agenda, session: &convene::Session) -> AnyView {
    let c = &agenda.conference;
    let base = format!(
        "/admin/conferences/{}/agenda/{}/roles",
        c.slug, session.slug
    );
    let rows = session
        .people
        .iter()
        .map(|r| {
            let remove = locale.href(&format!(
                "{base}/{}/{}/delete",
                r.person.slug,
                r.role.code()
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
fn rooms_section(locale: &Locale, agenda: &convene::Agenda) -> AnyView {
    use convene::session_edit::RoomField;
    let c = &agenda.conference;
    let lang = locale.lang;
    let rows = agenda
        .rooms
        .iter()
        .map(|r| {
            let delete = locale.href(&format!(
                "/admin/conferences/{}/rooms/{}/delete",
                c.slug, r.slug
            ));
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
        super::set_status(422);
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
    let action = locale.href(&format!("/admin/conferences/{}/rooms", c.slug));
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

/// Who changed what in a conference, newest first.
#[component]
pub fn AdminAuditPage() -> impl IntoView {
    guarded(
        crate::api::get_audit(param("slug")),
        |desk: crate::api::AuditDesk| {
            let locale = Locale::current();
            let c = desk.desk.conference;
            let title = c.title.get(locale.lang).to_owned();
            let rows = desk
            .lines
            .iter()
            .map(|l| {
                let subject = match l.registration {
                    Some(id) => {
                        let href = locale.href(&format!("/admin/conferences/{}/registrations/{id}", c.slug));
                        view! { <a href=href>{l.subject.clone()}</a> }.into_any()
                    }
                    None => l.subject.clone().into_any(),
                };
                let action = locale.t(&format!("admin-event-{}", l.action));
                view! {
                    <tr>
                        <td><time datetime=l.at.to_rfc3339()>{at_venue(&c.zone, l.at)}</time></td>
                        <td>{l.by.clone().unwrap_or_default()}</td>
                        <td>{action}</td>
                        <td>{subject}</td>
                    </tr>
                }
            })
            .collect_view();
            view! {
                <Frame title=format!("{} · {title}", locale.t("admin-audit"))>
                    <SignedInAs email=desk.signed_in_as.clone()/>
                    <p class="breadcrumb">
                        <a href=locale.href("/admin")>{locale.t("admin-title")}</a> " › "
                        <a href=locale.href(&format!("/admin/conferences/{}", c.slug))>{title.clone()}</a>
                    </p>
                    <h1>{locale.t("admin-audit")}</h1>
                    <table class="audit"><tbody>{rows}</tbody></table>
                </Frame>
            }
        },
    )
}

/// Personal invitations: paste addresses, see who registered, remind the
/// others.
#[component]
pub fn AdminInvitationsPage() -> impl IntoView {
    guarded(
        crate::api::get_invitations(param("slug")),
        |desk: crate::api::InvitationsDesk| {
            let locale = Locale::current();
            let c = desk.desk.conference;
            let title = c.title.get(locale.lang).to_owned();
            let base = format!("/admin/conferences/{}/invitations", c.slug);
            let sent = from_request::<crate::submission::InvitationsSent>();
            #[cfg(feature = "ssr")]
            if sent.as_ref().is_some_and(|s| !s.not_addresses.is_empty()) {
                super::set_status(422);
            }
            let pasted = sent.as_ref().map(|s| s.pasted.clone()).unwrap_or_default();
            let outcome = sent.map(|s| {
            if s.not_addresses.is_empty() {
                view! { <p class="outcome" role="status">{locale.t_args("admin-invited", &[("count", &s.invited.to_string())])}</p> }.into_any()
            } else {
                let list = s.not_addresses.join(", ");
                view! { <p class="form-problems" role="alert">{locale.t_args("admin-not-addresses", &[("list", &list)])}</p> }.into_any()
            }
        });
            let waiting = desk
                .invitations
                .iter()
                .filter(|(_, _, registered)| !registered)
                .count();
            let remind = (waiting > 0).then(|| {
            view! {
                <form method="post" action=locale.href(&format!("{base}/remind")) class="action">
                    <button type="submit">{locale.t_args("admin-remind", &[("count", &waiting.to_string())])}</button>
                </form>
            }
        });
            let rows = desk
                .invitations
                .iter()
                .map(|(email, at, registered)| {
                    let state = locale.t(if *registered {
                        "admin-invitation-registered"
                    } else {
                        "admin-invitation-waiting"
                    });
                    view! {
                        <tr data-registered=registered.to_string()>
                            <td>{email.clone()}</td>
                            <td>{at.format("%Y-%m-%d").to_string()}</td>
                            <td>{state}</td>
                        </tr>
                    }
                })
                .collect_view();
            let languages = convene::Lang::ALL
                .iter()
                .map(|l| view! { <option value=l.code()>{l.native_name()}</option> })
                .collect_view();
            view! {
                <Frame title=format!("{} · {title}", locale.t("admin-invitations"))>
                    <SignedInAs email=desk.signed_in_as.clone()/>
                    <p class="breadcrumb">
                        <a href=locale.href("/admin")>{locale.t("admin-title")}</a> " › "
                        <a href=locale.href(&format!("/admin/conferences/{}", c.slug))>{title.clone()}</a>
                    </p>
                    <h1>{locale.t("admin-invitations")}</h1>
                    {outcome}
                    <form class="registration" method="post" action=locale.href(&base)>
                        <div class="field">
                            <label for="field-emails">{locale.t("admin-invite-emails")}</label>
                            <p class="hint">{locale.t("admin-invite-hint")}</p>
                            <textarea id="field-emails" name="emails" rows="6">{pasted}</textarea>
                        </div>
                        <div class="field">
                            <label for="field-lang">{locale.t("admin-invite-lang")}</label>
                            <select id="field-lang" name="lang">{languages}</select>
                        </div>
                        <button type="submit" class="primary">{locale.t("admin-invite-submit")}</button>
                    </form>
                    {remind}
                    <table class="invitations"><tbody>{rows}</tbody></table>
                </Frame>
            }
        },
    )
}
