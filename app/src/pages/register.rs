//! Registration: the form (posted to the server, which answers with this
//! page again and the problems beside their fields, or sends the delegate
//! to "check your email"), and the page of the emailed verification link,
//! whose button confirms (a GET never changes anything: mail scanners
//! open links).

use super::form::RegistrationFields;
use super::param;
use crate::api::FormPage;
use crate::components::Frame;
use crate::locale::Locale;
use crate::submission::{from_request, Submission, VerifyResult};
use convene::registration::RegistrationMode;
use leptos::prelude::*;
use leptos_router::hooks::use_query_map;

/// Renders a conference's form data with `render`, or the 404 / 503 page.
pub(super) fn with_form<V: IntoView + 'static>(
    manage: Option<String>,
    render: impl FnOnce(FormPage) -> V + Send + 'static,
) -> impl IntoView {
    let invitation = use_query_map().read_untracked().get("invitation");
    super::loaded(
        crate::api::get_form(param("slug"), invitation, manage),
        render,
    )
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    with_form(None, |page| {
        let locale = Locale::current();
        let lang = locale.lang;
        let FormPage {
            conference: c,
            setup,
            invited,
            ..
        } = page;
        let submission = from_request::<Submission>().unwrap_or_default();
        let back = locale.href(&convene::paths::conference(&c.slug));
        let title = c.title.get(lang).to_owned();
        let l_title = locale.t("register-title");
        let frame_title = format!("{l_title} · {title}");
        let breadcrumb = view! { <p class="breadcrumb"><a href=back>{title.clone()}</a></p> };
        let today = c.zone.day_of(chrono::Utc::now());
        let closed = match setup.window.on(today) {
            convene::registration::WindowState::Open => None,
            convene::registration::WindowState::NotYet(day) => Some(locale.t_args(
                "register-opens-on",
                &[("day", &convene::i18n::long_date(locale.lang, day))],
            )),
            convene::registration::WindowState::Closed(day) => Some(locale.t_args(
                "register-closed-on",
                &[("day", &convene::i18n::long_date(locale.lang, day))],
            )),
        };
        if let Some(closed) = closed {
            #[cfg(feature = "ssr")]
            super::set_status(403);
            return view! {
                <Frame title=frame_title>
                    {breadcrumb}
                    <section class="message registration-closed">
                        <h1>{l_title}</h1>
                        <p>{closed}</p>
                    </section>
                </Frame>
            }
            .into_any();
        }
        if setup.mode == RegistrationMode::Invitation && invited.is_none() {
            #[cfg(feature = "ssr")]
            super::set_status(403);
            return view! {
                <Frame title=frame_title>
                    {breadcrumb}
                    <section class="message invitation-only">
                        <h1>{l_title}</h1>
                        <p>{locale.t("register-invitation-only")}</p>
                    </section>
                </Frame>
            }
            .into_any();
        }
        #[cfg(feature = "ssr")]
        if submission.throttled {
            super::set_status(429);
        } else if !submission.errors.is_empty() {
            super::set_status(422);
        }
        let throttled = submission.throttled.then(
            || view! { <p class="form-problems" role="alert">{locale.t("register-throttled")}</p> },
        );
        let mut form = submission.form;
        let invitation = use_query_map()
            .read_untracked()
            .get("invitation")
            .unwrap_or_else(|| form.invitation.clone());
        if let Some(email) = &invited {
            form.email = email.clone();
        }
        let errors = submission.errors;
        let summary = (!errors.is_empty()).then(
            || view! { <p class="form-problems" role="alert">{locale.t("register-errors")}</p> },
        );
        let approval = (setup.mode == RegistrationMode::Approval)
            .then(|| view! { <p class="note">{locale.t("register-approval-note")}</p> });
        let action = locale.href(&convene::paths::register(&c.slug));
        let privacy_href = locale.href(&convene::paths::privacy(&c.slug));
        let hidden = invited
            .is_some()
            .then(|| view! { <input type="hidden" name="invitation" value=invitation/> });
        view! {
            <Frame title=frame_title>
                {breadcrumb}
                <h1>{l_title.clone()}</h1>
                <p>{locale.t("register-intro")}</p>
                {approval}
                {throttled}
                {summary}
                <form class="registration" method="post" action=action novalidate>
                    {hidden}
                    <RegistrationFields setup form errors zone=c.zone privacy_href
                        email_locked=invited.is_some() consent=true/>
                    <button type="submit" class="primary">{locale.t("register-submit")}</button>
                </form>
            </Frame>
        }
        .into_any()
    })
}

/// What the conference does with the data delegates give.
#[component]
pub fn PrivacyPage() -> impl IntoView {
    with_form(None, |page| {
        let locale = Locale::current();
        let c = page.conference;
        let text = page.setup.privacy.get(locale.lang).to_owned();
        let text_lang = page.setup.privacy.lang_of(locale.lang).code();
        let passports = locale.t_args(
            "privacy-passports",
            &[(
                "day",
                &convene::i18n::long_date(locale.lang, page.passports_deleted_on),
            )],
        );
        view! {
            <Frame title=format!("{} · {}", locale.t("privacy-title"), c.title.get(locale.lang))>
                <p class="breadcrumb">
                    <a href=locale.href(&convene::paths::conference(&c.slug))>{c.title.get(locale.lang).to_owned()}</a>
                </p>
                <h1>{locale.t("privacy-title")}</h1>
                <p lang=text_lang class="privacy">{text}</p>
                <p class="privacy-passports">{passports}</p>
            </Frame>
        }
    })
}

/// After a registration was submitted: the same words whether the address
/// was new or known.
#[component]
pub fn RegisterSentPage() -> impl IntoView {
    super::with_conference(|c| {
        let locale = Locale::current();
        view! {
            <Frame title=locale.t("sent-title")>
                <p class="breadcrumb">
                    <a href=locale.href(&convene::paths::conference(&c.slug))>{c.title.get(locale.lang).to_owned()}</a>
                </p>
                <section class="message sent">
                    <h1>{locale.t("sent-title")}</h1>
                    <p>{locale.t("sent-body")}</p>
                    <p>{locale.t("sent-spam")}</p>
                </section>
            </Frame>
        }
    })
}

/// The page of a verification link: a button that confirms, then what it did.
#[component]
pub fn VerifyPage() -> impl IntoView {
    super::no_store();
    let locale = Locale::current();
    let token = param("token");
    let result = from_request::<VerifyResult>();
    let body = match result {
        None => {
            let action = locale.href(&convene::paths::verify(&token));
            view! {
                <p>{locale.t("verify-body")}</p>
                <form method="post" action=action>
                    <button type="submit" class="primary">{locale.t("verify-submit")}</button>
                </form>
            }
            .into_any()
        }
        Some(result) => {
            let text = match result {
                VerifyResult::Confirmed => locale.t("verify-confirmed"),
                VerifyResult::Waiting(position) => {
                    locale.t_args("verify-waiting", &[("position", &position.to_string())])
                }
                VerifyResult::AwaitingApproval => locale.t("verify-awaiting"),
                VerifyResult::Expired => locale.t("verify-expired"),
                VerifyResult::Used => locale.t("verify-used"),
                VerifyResult::Invalid => locale.t("verify-unknown"),
            };
            #[cfg(feature = "ssr")]
            if matches!(
                result,
                VerifyResult::Expired | VerifyResult::Invalid | VerifyResult::Used
            ) {
                super::set_status(410);
            }
            view! { <p class="outcome" role="status">{text}</p> }.into_any()
        }
    };
    view! {
        <Frame title=locale.t("verify-title")>
            <section class="message verify">
                <h1>{locale.t("verify-title")}</h1>
                {body}
            </section>
        </Frame>
    }
}
