//! The private link of a registration (`/r/{token}`): what the delegate
//! registered and where it stands, the form to change it, and a button to
//! cancel it.

use super::form::RegistrationFields;
use super::param;
use crate::api::LinkPage;
use crate::components::{country_name, Frame, VenueTime};
use crate::locale::Locale;
use crate::submission::{from_request, ChangesSaved, PaperRefused, Submission};
use convene::registration::{Category, Honorific, Status};
use leptos::prelude::*;

#[component]
pub fn PrivateLinkPage() -> impl IntoView {
    // A private link's page holds personal data (passport details among
    // it): no cache, shared or the browser's, keeps it.
    super::no_store();
    let token = param("token");
    super::loaded(crate::api::get_registration(token.clone()), move |page| {
        view! { <Registration page token/> }
    })
}

#[component]
fn Registration(page: LinkPage, token: String) -> impl IntoView {
    let locale = Locale::current();
    let lang = locale.lang;
    let LinkPage {
        registration: r,
        form: form_page,
        pass_qr,
    } = page;
    let c = form_page.conference;
    let title = r.conference_title.get(lang).to_owned();
    let status = match (r.status, r.position) {
        (Status::Waiting, Some(position)) => locale.t_args(
            "link-status-waiting",
            &[("position", &position.to_string())],
        ),
        (status, _) => locale.t(&format!("link-status-{}", status.code())),
    };
    let d = &r.details;
    let yes_no = |b: bool| locale.t(if b { "register-yes" } else { "register-no" });
    let name = [
        Honorific::parse(&d.honorific).map(|h| locale.t(&h.key())),
        Some(d.given_name.clone()),
        Some(d.family_name.clone()),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let languages = d
        .languages
        .iter()
        .filter_map(|l| convene::Lang::parse(l).ok())
        .map(|l| l.native_name())
        .collect::<Vec<_>>()
        .join(", ");
    let rows = [
        (locale.t("link-name"), name),
        (locale.t("register-email"), d.email.clone()),
        (locale.t("register-organisation"), d.organisation.clone()),
        (locale.t("register-function"), d.function.clone()),
        (locale.t("register-city"), d.city.clone()),
        (
            locale.t("register-country"),
            country_name(&locale, &d.country),
        ),
        (
            locale.t("register-category"),
            Category::parse(&d.category)
                .map(|c| locale.t(&c.key()))
                .unwrap_or_default(),
        ),
        (locale.t("register-languages"), languages),
        (
            locale.t("register-interpretation"),
            yes_no(d.interpretation),
        ),
        (locale.t("register-accessibility"), d.accessibility.clone()),
        (locale.t("register-dietary"), d.dietary.clone()),
        (locale.t("register-visa-letter"), yes_no(d.visa_letter)),
        (locale.t("register-listed"), yes_no(d.listed)),
    ]
    .into_iter()
    .filter(|(_, value)| !value.is_empty())
    .map(|(label, value)| view! { <dt>{label}</dt> <dd>{value}</dd> })
    .collect_view();
    let zone = c.zone;
    let sessions = (!r.sessions.is_empty()).then(|| {
        let items =
            r.sessions
                .iter()
                .map(|s| {
                    let state = match (s.held, s.line) {
                        (true, _) => locale.t("link-session-held"),
                        (false, Some(line)) => locale
                            .t_args("link-session-in-line", &[("position", &line.to_string())]),
                        (false, None) => locale.t("link-session-chosen"),
                    };
                    view! {
                        <li data-held=s.held.to_string()>
                            {s.title.get(lang).to_owned()} " · "
                            <VenueTime zone start=s.starts_at end=s.ends_at/> " · "
                            <strong>{state}</strong>
                        </li>
                    }
                })
                .collect_view();
        view! {
            <h2>{locale.t("register-sessions")}</h2>
            <ul class="chosen-sessions">{items}</ul>
        }
    });
    // A closed registration shows where it stands and nothing more: the
    // server sends no details for it (`api::get_registration`).
    let open = !matches!(r.status, Status::Cancelled | Status::Rejected);
    let (rows, sessions) = if open {
        (Some(rows), sessions)
    } else {
        (None, None)
    };
    let saved = from_request::<ChangesSaved>()
        .map(|_| view! { <p class="outcome saved" role="status">{locale.t("link-changed")}</p> });
    let change = open.then(|| {
        let submission = from_request::<Submission>();
        #[cfg(feature = "ssr")]
        if submission.as_ref().is_some_and(|s| !s.errors.is_empty()) {
            super::set_status(422);
        }
        let (form, errors, opened) = match submission {
            Some(s) => (s.form, s.errors, true),
            None => (r.details.clone(), Default::default(), false),
        };
        let summary = (!errors.is_empty()).then(
            || view! { <p class="form-problems" role="alert">{locale.t("register-errors")}</p> },
        );
        let action = locale.href(&convene::paths::change(&token));
        let privacy_href = locale.href(&convene::paths::privacy(&c.slug));
        view! {
            <details class="change" open=opened>
                <summary>{locale.t("link-change-title")}</summary>
                {summary}
                <form class="registration" method="post" action=action novalidate>
                    <RegistrationFields setup=form_page.setup form errors zone privacy_href email_locked=true/>
                    <button type="submit" class="primary">{locale.t("link-change-submit")}</button>
                </form>
            </details>
        }
    });
    let cancel = open.then(|| {
        let action = locale.href(&convene::paths::cancel(&token));
        view! {
            <form method="post" action=action class="cancel">
                <p>{locale.t("link-cancel-explain")}</p>
                <button type="submit">{locale.t("link-cancel")}</button>
            </form>
        }
    });
    // The pass: its QR (our own SVG, of the code alone) and the code in
    // text, for a desk whose scanner fails.
    let pass = r.pass.as_ref().zip(pass_qr).map(|(code, svg)| {
        view! {
            <section class="pass" aria-labelledby="pass-title">
                <h2 id="pass-title">{locale.t("link-pass")}</h2>
                <div class="pass-qr" role="img" aria-label=locale.t("link-pass-qr") inner_html=svg></div>
                <p class="pass-code"><code>{code.grouped()}</code></p>
                <p class="hint">{locale.t("link-pass-hint")}</p>
            </section>
        }
    });
    // The letter once confirmed (for who asked), the certificate once
    // checked in; a refused download comes back here saying why.
    use convene::papers::PaperKind;
    let refused = from_request::<PaperRefused>().map(|PaperRefused(refused)| {
        view! { <p class="form-problems" role="alert">{locale.t(refused.key())}</p> }
    });
    let offered: Vec<(PaperKind, &str)> = [
        (
            r.status == Status::Confirmed && r.details.visa_letter,
            PaperKind::Letter,
            "link-letter-download",
        ),
        (
            r.attended,
            PaperKind::Certificate,
            "link-certificate-download",
        ),
    ]
    .into_iter()
    .filter(|(offer, _, _)| *offer)
    .map(|(_, kind, key)| (kind, key))
    .collect();
    let papers = (!offered.is_empty() || refused.is_some()).then(|| {
        let links = offered
            .into_iter()
            .map(|(kind, key)| {
                let href = locale.href(&convene::paths::paper(&token, kind));
                view! { <li><a href=href data-paper=kind.code()>{locale.t(key)}</a></li> }
            })
            .collect_view();
        view! {
            <section class="papers">
                <h2>{locale.t("link-papers")}</h2>
                {refused}
                <ul>{links}</ul>
            </section>
        }
    });
    // Their own agenda: stars, and the calendar that follows them.
    let my_agenda = open.then(|| {
        let href = locale.href(&convene::paths::my_agenda(&token, false));
        view! {
            <section class="my-agenda">
                <h2>{locale.t("my-agenda-title")}</h2>
                <p>{locale.t("link-my-agenda-hint")}</p>
                <p><a class="button" href=href>{locale.t("link-my-agenda")}</a></p>
            </section>
        }
    });
    let conference_href = locale.href(&convene::paths::conference(&r.conference));
    view! {
        <Frame title=format!("{} · {title}", locale.t("link-title"))>
            <p class="breadcrumb"><a href=conference_href>{title.clone()}</a></p>
            <h1>{locale.t("link-title")}</h1>
            {saved}
            <p class="outcome" role="status" data-status=r.status.code()>{status}</p>
            {pass}
            {papers}
            {my_agenda}
            {rows.map(|rows| view! { <dl class="facts">{rows}</dl> })}
            {sessions}
            {change}
            {cancel}
        </Frame>
    }
}
