//! Registration: the form (posted to the server, which answers with this
//! page again and the problems beside their fields, or sends the delegate
//! to "check your email"), and the page of the emailed verification link,
//! whose button confirms (a GET never changes anything: mail scanners
//! open links).

use super::{param, with_agenda};
use crate::components::Frame;
use crate::locale::Locale;
use crate::submission::{from_request, Submission, VerifyResult};
use convene::registration::{Category, Field, Problem};
use leptos::prelude::*;

fn problem_text(locale: &Locale, problem: Problem) -> String {
    match problem {
        Problem::TooLong { max } => locale.t_args(problem.key(), &[("max", &max.to_string())]),
        other => locale.t(other.key()),
    }
}

/// One labelled input, with its problem beside it.
#[component]
fn Input(
    field: &'static str,
    label: String,
    value: String,
    problem: Option<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<String>,
) -> impl IntoView {
    let id = format!("field-{field}");
    let invalid = problem.is_some();
    // Screen readers announce the hint and the problem, whichever there are.
    let described = [
        hint.as_ref().map(|_| format!("{id}-hint")),
        problem.as_ref().map(|_| format!("{id}-problem")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let described = (!described.is_empty()).then_some(described);
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>{label}</label>
            {hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })}
            <input
                id=id.clone()
                name=field
                type=kind
                value=value
                autocomplete=autocomplete
                aria-invalid=invalid.then_some("true")
                aria-describedby=described
            />
            {problem.map(|p| view! { <p class="problem" id=format!("{id}-problem")>{p}</p> })}
        </div>
    }
}

#[component]
pub fn RegisterPage() -> impl IntoView {
    with_agenda(|agenda| {
        let locale = Locale::current();
        let lang = locale.lang;
        let c = agenda.conference;
        let submission = from_request::<Submission>().unwrap_or_default();
        #[cfg(feature = "ssr")]
        if !submission.errors.is_empty() {
            super::set_status(422);
        }
        let form = submission.form;
        let errors = submission.errors;
        let problem = |field: Field| errors.get(field).map(|p| problem_text(&locale, p));
        let [p_given, p_family, p_email, p_organisation, p_function, p_city, p_country] = [
            Field::GivenName,
            Field::FamilyName,
            Field::Email,
            Field::Organisation,
            Field::Function,
            Field::City,
            Field::Country,
        ]
        .map(problem);
        let function_label = format!(
            "{} ({})",
            locale.t("register-function"),
            locale.t("register-optional")
        );
        let labels = [
            "register-given-name",
            "register-family-name",
            "register-email",
            "register-organisation",
            "register-city",
            "register-country",
            "register-country-hint",
            "register-category",
            "register-choose",
            "register-consent",
            "register-submit",
            "register-title",
            "register-intro",
        ]
        .map(|key| locale.t(key));
        let [l_given, l_family, l_email, l_organisation, l_city, l_country, l_country_hint, l_category, l_choose, l_consent, l_submit, l_title, l_intro] =
            labels;
        let back = locale.href(&format!("/conferences/{}", c.slug));
        let title = c.title.get(lang).to_owned();
        let action = locale.href(&format!("/conferences/{}/register", c.slug));
        let categories = Category::ALL
            .into_iter()
            .map(|category| {
                let selected = form.category == category.code();
                view! { <option value=category.code() selected=selected>{locale.t(&category.key())}</option> }
            })
            .collect_view();
        let category_problem = problem(Field::Category);
        let consent_problem = problem(Field::Consent);
        let category_invalid = category_problem.is_some();
        let consent_invalid = consent_problem.is_some();
        let consented = form.consent.is_some();
        let summary = (!errors.is_empty()).then(
            || view! { <p class="form-problems" role="alert">{locale.t("register-errors")}</p> },
        );
        view! {
            <Frame title=format!("{l_title} · {title}")>
                <p class="breadcrumb"><a href=back>{title.clone()}</a></p>
                <h1>{l_title.clone()}</h1>
                <p>{l_intro}</p>
                {summary}
                <form class="registration" method="post" action=action novalidate>
                    <Input field="given_name" label=l_given value=form.given_name.clone()
                        problem=p_given autocomplete="given-name"/>
                    <Input field="family_name" label=l_family value=form.family_name.clone()
                        problem=p_family autocomplete="family-name"/>
                    <Input field="email" label=l_email value=form.email.clone()
                        problem=p_email kind="email" autocomplete="email"/>
                    <Input field="organisation" label=l_organisation value=form.organisation.clone()
                        problem=p_organisation autocomplete="organization"/>
                    <Input field="function" label=function_label value=form.function.clone()
                        problem=p_function autocomplete="organization-title"/>
                    <Input field="city" label=l_city value=form.city.clone()
                        problem=p_city autocomplete="address-level2"/>
                    <Input field="country" label=l_country value=form.country.clone()
                        problem=p_country autocomplete="country" hint=l_country_hint/>
                    <div class="field" class:invalid=category_invalid>
                        <label for="field-category">{l_category}</label>
                        <select id="field-category" name="category"
                            aria-invalid=category_invalid.then_some("true")
                            aria-describedby=category_invalid.then_some("field-category-problem")>
                            <option value="">{l_choose}</option>
                            {categories}
                        </select>
                        {category_problem.map(|p| view! { <p class="problem" id="field-category-problem">{p}</p> })}
                    </div>
                    <div class="field checkbox" class:invalid=consent_invalid>
                        <input id="field-consent" type="checkbox" name="consent" value="on" checked=consented
                            aria-invalid=consent_invalid.then_some("true")
                            aria-describedby=consent_invalid.then_some("field-consent-problem")/>
                        <label for="field-consent">{l_consent}</label>
                        {consent_problem.map(|p| view! { <p class="problem" id="field-consent-problem">{p}</p> })}
                    </div>
                    <button type="submit" class="primary">{l_submit}</button>
                </form>
            </Frame>
        }
    })
}

/// After a registration was submitted: the same words whether the address
/// was new or known.
#[component]
pub fn RegisterSentPage() -> impl IntoView {
    with_agenda(|agenda| {
        let locale = Locale::current();
        let c = agenda.conference;
        view! {
            <Frame title=locale.t("sent-title")>
                <p class="breadcrumb">
                    <a href=locale.href(&format!("/conferences/{}", c.slug))>{c.title.get(locale.lang).to_owned()}</a>
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
    let locale = Locale::current();
    let token = param("token");
    let result = from_request::<VerifyResult>();
    let body = match result {
        None => {
            let action = locale.href(&format!("/r/verify/{token}"));
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
                VerifyResult::Invalid => locale.t("verify-unknown"),
            };
            #[cfg(feature = "ssr")]
            if matches!(result, VerifyResult::Expired | VerifyResult::Invalid) {
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
