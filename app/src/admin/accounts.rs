//! Signing in, the first run and password resets: the pages, and the
//! server functions that say whether their links are open.

use super::private;
#[cfg(feature = "ssr")]
use crate::api::store;
use crate::components::Frame;
use crate::locale::Locale;
use crate::pages::form::problem_text;
use crate::pages::{param, NotFound};
use crate::submission::{
    from_request, FirstRunRefused, ResetRefused, ResetRequested, SignInProblem, SignInRefused,
};
use leptos::prelude::*;

#[component]
pub fn SignInPage() -> impl IntoView {
    private();
    let locale = Locale::current();
    let refused = from_request::<SignInRefused>();
    #[cfg(feature = "ssr")]
    if let Some(r) = &refused {
        crate::pages::set_status(match r.why {
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
            <form class="registration" method="post" action=locale.href(convene::paths::admin::SIGN_IN)>
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
            <p><a href=locale.href(convene::paths::admin::RESET)>{locale.t("admin-forgot")}</a></p>
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
        crate::pages::set_status(429);
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
            <form class="registration" method="post" action=locale.href(convene::paths::admin::RESET)>
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
    crate::pages::loaded(reset_link_open(token.clone()), move |open: bool| {
        let locale = Locale::current();
        if !open {
            #[cfg(feature = "ssr")]
            crate::pages::set_status(410);
            return view! {
                <Frame title=locale.t("admin-reset-title")>
                    <section class="message">
                        <h1>{locale.t("admin-reset-title")}</h1>
                        <p>{locale.t("admin-reset-expired")}</p>
                        <p><a href=locale.href(convene::paths::admin::RESET)>{locale.t("admin-forgot")}</a></p>
                    </section>
                </Frame>
            }
            .into_any();
        }
        let problem = from_request::<ResetRefused>().map(|r| problem_text(&locale, r.problem));
        #[cfg(feature = "ssr")]
        if problem.is_some() {
            crate::pages::set_status(422);
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
    })
}

/// The first run: makes the first administrator, and only while no account
/// exists.
#[component]
pub fn FirstRunPage() -> impl IntoView {
    private();
    crate::pages::loaded(first_run_open(), |open: bool| {
        let locale = Locale::current();
        if !open {
            return view! { <NotFound/> }.into_any();
        }
        let refused = from_request::<FirstRunRefused>().unwrap_or_default();
        #[cfg(feature = "ssr")]
        if refused.code_problem.is_some()
            || refused.email_problem.is_some()
            || refused.password_problem.is_some()
        {
            crate::pages::set_status(422);
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
                <form class="registration" method="post" action=locale.href(convene::paths::admin::SETUP) novalidate>
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

/// Whether the first-run page is open: no account exists yet.
#[server]
pub async fn first_run_open() -> Result<Option<bool>, ServerFnError> {
    let n = store()?
        .account_count()
        .await
        .map_err(crate::api::unavailable)?;
    Ok(Some(n == 0))
}

/// Whether a password reset link can still be used.
#[server]
pub async fn reset_link_open(token: String) -> Result<Option<bool>, ServerFnError> {
    store()?
        .password_reset_open(&token, chrono::Utc::now())
        .await
        .map(Some)
        .map_err(crate::api::unavailable)
}
