//! A conference's settings in the back office: creating one (for
//! administrators), changing its settings, publishing it, and copying it
//! to new dates. One form serves creating and editing
//! ([`convene::conference_edit`]).

use super::Desk;
#[cfg(feature = "ssr")]
use super::{answer, open_desk};
use super::{guarded, SignedInAs};
#[cfg(feature = "ssr")]
use crate::api::store;
use crate::back_office::Access;
use crate::components::Frame;
use crate::locale::Locale;
use crate::pages::form::problem_text;
use crate::pages::param;
use crate::submission::{from_request, ConferenceRefused, ConferenceSavedNote, CopyRefused};
#[cfg(feature = "ssr")]
use convene::account::Action;
use convene::conference_edit::{ConferenceField, ConferenceForm};
use convene::field::Problem;
use convene::registration::RegistrationMode;
use convene::Lang;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

fn problem_line(locale: &Locale, problem: Option<Problem>, id: &str) -> Option<AnyView> {
    problem.map(|p| {
        view! { <p class="problem" id=format!("{id}-problem")>{problem_text(locale, p)}</p> }
            .into_any()
    })
}

/// One labelled field: an input, or a textarea with `rows`.
#[allow(clippy::too_many_arguments)]
fn field(
    locale: &Locale,
    name: String,
    label: String,
    value: String,
    problem: Option<Problem>,
    hint: Option<String>,
    kind: &'static str,
    rows: Option<u32>,
    lang: Option<Lang>,
) -> AnyView {
    let id = format!("field-{name}");
    let described = [
        hint.as_ref().map(|_| format!("{id}-hint")),
        problem.map(|_| format!("{id}-problem")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    let described = (!described.is_empty()).then_some(described);
    let invalid = problem.map(|_| "true");
    let hint_view = hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> });
    let problem_view = problem_line(locale, problem, &id);
    let lang = lang.map(|l| l.code());
    let dir = lang.map(|l| if l == "ar" { "rtl" } else { "ltr" });
    let input = match rows {
        Some(rows) => view! {
            <textarea id=id.clone() name=name rows=rows lang=lang dir=dir
                aria-describedby=described aria-invalid=invalid>{value}</textarea>
        }
        .into_any(),
        None => view! {
            <input id=id.clone() name=name type=kind value=value lang=lang dir=dir
                aria-describedby=described aria-invalid=invalid/>
        }
        .into_any(),
    };
    view! {
        <div class="field">
            <label for=id>{label}</label>
            {hint_view}
            {input}
            {problem_view}
        </div>
    }
    .into_any()
}

/// The settings form's fields, filled with `form`, problems beside them.
fn conference_fields(
    locale: &Locale,
    form: &ConferenceForm,
    problems: &[(ConferenceField, Problem)],
    new: bool,
    confirmed: Option<i64>,
) -> AnyView {
    use ConferenceField as F;
    let lang = locale.lang;
    let p = |f: ConferenceField| problems.iter().find(|(g, _)| *g == f).map(|(_, p)| *p);
    let slug = new.then(|| {
        field(
            locale,
            "slug".into(),
            locale.t("admin-field-slug"),
            form.slug.clone(),
            p(F::Slug),
            Some(locale.t("admin-field-slug-hint")),
            "text",
            None,
            None,
        )
    });
    let languages = Lang::ALL
        .iter()
        .map(|l| {
            view! {
                <label class="choice">
                    <input type="checkbox" name="languages" value=l.code() checked=form.has_language(*l)/>
                    " " <span lang=l.code()>{l.native_name()}</span>
                </label>
            }
        })
        .collect_view();
    let languages_problem = problem_line(locale, p(F::Languages), "field-languages");
    let texts = Lang::ALL
        .iter()
        .map(|l| {
            let name = |what: &str| locale.t_args(what, &[("lang", l.native_name())]);
            view! {
                <fieldset class="language-texts">
                    <legend lang=l.code()>{l.native_name()}</legend>
                    {field(locale, format!("title_{}", l.code()), name("admin-field-title"),
                        form.title(*l).to_owned(), p(F::Title(*l)), None, "text", None, Some(*l))}
                    {field(locale, format!("description_{}", l.code()), name("admin-field-description"),
                        form.description(*l).to_owned(), p(F::Description(*l)), None, "text", Some(6), Some(*l))}
                    {field(locale, format!("privacy_{}", l.code()), name("admin-field-privacy"),
                        form.privacy_text(*l).to_owned(), p(F::Privacy(*l)), None, "text", Some(6), Some(*l))}
                </fieldset>
            }
        })
        .collect_view();
    let countries = convene::registration::country::countries(lang)
        .into_iter()
        .map(|(code, name)| {
            let selected = form.country.eq_ignore_ascii_case(code);
            view! { <option value=code selected=selected>{name}</option> }
        })
        .collect_view();
    let country_problem = problem_line(locale, p(F::Country), "field-country");
    let modes = RegistrationMode::ALL
        .iter()
        .map(|m| {
            let selected = form.mode == m.code();
            view! { <option value=m.code() selected=selected>{locale.t(&format!("admin-mode-{}", m.code()))}</option> }
        })
        .collect_view();
    let mode_problem = problem_line(locale, p(F::Mode), "field-mode");
    let categories = convene::registration::Category::ALL
        .iter()
        .map(|c| {
            view! {
                <label class="choice">
                    <input type="checkbox" name="categories" value=c.code() checked=form.has_category(*c)/>
                    " " {locale.t(&c.key())}
                </label>
            }
        })
        .collect_view();
    let categories_problem = problem_line(locale, p(F::Categories), "field-categories");
    let below = confirmed.map(|n| {
        view! {
            <p class="problem">{locale.t_args("admin-capacity-below-confirmed", &[("confirmed", &n.to_string())])}</p>
        }
    });
    view! {
        {slug}
        <fieldset class="field" aria-describedby=p(F::Languages).map(|_| "field-languages-problem")>
            <legend>{locale.t("admin-field-languages")}</legend>
            <p class="hint">{locale.t("admin-field-languages-hint")}</p>
            {languages}
            {languages_problem}
        </fieldset>
        {texts}
        {field(locale, "starts_on".into(), locale.t("admin-field-starts-on"), form.starts_on.clone(),
            p(F::StartsOn), None, "date", None, None)}
        {field(locale, "ends_on".into(), locale.t("admin-field-ends-on"), form.ends_on.clone(),
            p(F::EndsOn), None, "date", None, None)}
        {field(locale, "zone".into(), locale.t("admin-field-zone"), form.zone.clone(),
            p(F::Zone), Some(locale.t("admin-field-zone-hint")), "text", None, None)}
        {field(locale, "venue".into(), locale.t("admin-field-venue"), form.venue.clone(),
            p(F::Venue), None, "text", None, None)}
        {field(locale, "city".into(), locale.t("admin-field-city"), form.city.clone(),
            p(F::City), None, "text", None, None)}
        <div class="field">
            <label for="field-country">{locale.t("admin-field-country")}</label>
            <select id="field-country" name="country">
                <option value="">"—"</option>
                {countries}
            </select>
            {country_problem}
        </div>
        {field(locale, "hosts".into(), locale.t("admin-field-hosts"), form.hosts.clone(),
            p(F::Hosts), Some(locale.t("admin-field-names-hint")), "text", Some(4), None)}
        {field(locale, "partners".into(), locale.t("admin-field-partners"), form.partners.clone(),
            p(F::Partners), Some(locale.t("admin-field-names-hint")), "text", Some(4), None)}
        {field(locale, "topics".into(), locale.t("admin-field-topics"), form.topics.clone(),
            p(F::Topics), Some(locale.t("admin-field-topics-hint")), "text", Some(3), None)}
        <div class="field">
            <label for="field-mode">{locale.t("admin-field-mode")}</label>
            <select id="field-mode" name="mode">{modes}</select>
            {mode_problem}
        </div>
        <fieldset class="field" id="field-categories" aria-describedby=p(F::Categories).map(|_| "field-categories-problem")>
            <legend>{locale.t("admin-field-categories")}</legend>
            {categories}
            {categories_problem}
        </fieldset>
        {field(locale, "capacity".into(), locale.t("admin-field-capacity"), form.capacity.clone(),
            p(F::Capacity), None, "text", None, None)}
        {field(locale, "opens_on".into(), locale.t("admin-field-opens-on"), form.opens_on.clone(),
            p(F::OpensOn), None, "date", None, None)}
        {field(locale, "closes_on".into(), locale.t("admin-field-closes-on"), form.closes_on.clone(),
            p(F::ClosesOn), None, "date", None, None)}
        {below}
    }
    .into_any()
}

/// The refused form of this request, with 422, if any.
fn refused() -> Option<ConferenceRefused> {
    let refused = from_request::<ConferenceRefused>();
    #[cfg(feature = "ssr")]
    if refused.is_some() {
        crate::pages::set_status(422);
    }
    refused
}

/// `/admin/new-conference`: a new conference, unpublished, for
/// administrators.
#[component]
pub fn AdminNewConferencePage() -> impl IntoView {
    guarded(get_new_conference(), |signed_in_as: String| {
        let locale = Locale::current();
        let (form, problems) = match refused() {
            Some(r) => (r.form, r.problems),
            None => (
                ConferenceForm {
                    languages: vec![locale.lang.code().to_owned()],
                    mode: RegistrationMode::Open.code().to_owned(),
                    categories: convene::registration::Category::ALL
                        .iter()
                        .map(|c| c.code().to_owned())
                        .collect(),
                    ..Default::default()
                },
                vec![],
            ),
        };
        let fields = conference_fields(&locale, &form, &problems, true, None);
        view! {
            <Frame title=locale.t("admin-new-conference")>
                <SignedInAs email=signed_in_as/>
                <p class="breadcrumb"><a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a></p>
                <h1>{locale.t("admin-new-conference")}</h1>
                <form class="registration" method="post" action=locale.href(convene::paths::admin::NEW_CONFERENCE) novalidate>
                    {fields}
                    <button type="submit" class="primary">{locale.t("admin-create")}</button>
                </form>
            </Frame>
        }
    })
}

/// `/admin/conferences/{slug}/settings`: the settings, publishing, and
/// (for administrators) copying to new dates.
#[component]
pub fn AdminSettingsPage() -> impl IntoView {
    guarded(
        get_conference_settings(param("slug")),
        |desk: SettingsDesk| {
            let locale = Locale::current();
            let c = &desk.desk.conference;
            let slug = c.slug.to_string();
            let title = c.title.get(locale.lang).to_owned();
            let (form, problems, confirmed) = match refused() {
                Some(r) => (r.form, r.problems, r.confirmed),
                None => (ConferenceForm::of(&desk.settings), vec![], None),
            };
            let saved = from_request::<ConferenceSavedNote>().map(|_| {
                view! { <p class="outcome saved" role="status">{locale.t("admin-settings-saved")}</p> }
            });
            let fields = conference_fields(&locale, &form, &problems, false, confirmed);
            let base = convene::paths::admin::conference(&slug);
            let (state, hint, action, button) = if desk.desk.published {
                (
                    locale.t("admin-published"),
                    locale.t("admin-publish-hint-published"),
                    locale.href(&convene::paths::admin::unpublish(&slug)),
                    locale.t("admin-unpublish"),
                )
            } else {
                (
                    locale.t("admin-draft"),
                    locale.t("admin-publish-hint-draft"),
                    locale.href(&convene::paths::admin::publish(&slug)),
                    locale.t("admin-publish"),
                )
            };
            let copy = desk.may_copy.then(|| copy_form(&locale, &slug));
            let first = c.languages.first().copied().unwrap_or_default();
            let questions = questions_section(&locale, &slug, &desk.questions, first);
            view! {
                <Frame title=format!("{} · {title}", locale.t("admin-settings"))>
                    <SignedInAs email=desk.signed_in_as.clone()/>
                    <p class="breadcrumb">
                        <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                        <a href=locale.href(&base)>{title.clone()}</a>
                    </p>
                    <h1>{locale.t("admin-settings")}</h1>
                    {saved}
                    <section class="publishing">
                        <h2>{state}</h2>
                        <p>{hint}</p>
                        <form method="post" action=action>
                            <button type="submit">{button}</button>
                        </form>
                    </section>
                    <form class="registration" method="post" action=locale.href(&convene::paths::admin::settings(&slug)) novalidate>
                        {fields}
                        <button type="submit" class="primary">{locale.t("admin-settings-save")}</button>
                    </form>
                    {questions}
                    {copy}
                </Frame>
            }
        },
    )
}

/// The organiser's own questions: each with a remove button, and a form
/// to add one (its label in the conference's first language).
fn questions_section(
    locale: &Locale,
    slug: &str,
    questions: &[convene::registration::questions::Question],
    first: Lang,
) -> AnyView {
    use convene::registration::questions::QuestionKind;
    let rows = questions
        .iter()
        .map(|q| {
            let kind = match &q.kind {
                QuestionKind::Text => "text",
                QuestionKind::YesNo => "yes_no",
                QuestionKind::Choice { .. } => "choice",
            };
            let options = match &q.kind {
                QuestionKind::Choice { options } => options
                    .iter()
                    .map(|o| o.label.get(locale.lang).to_owned())
                    .collect::<Vec<_>>()
                    .join(", "),
                _ => String::new(),
            };
            let remove = locale.href(&convene::paths::admin::delete_question(slug, &q.code));
            view! {
                <li>
                    <strong>{q.label.get(locale.lang).to_owned()}</strong> " · "
                    {locale.t(&format!("admin-question-kind-{kind}"))} " " {options}
                    {q.required.then(|| view! { " · " {locale.t("admin-question-required")} })}
                    " "
                    <form method="post" action=remove class="action">
                        <button type="submit">{locale.t("admin-question-delete")}</button>
                    </form>
                </li>
            }
        })
        .collect_view();
    let none = questions
        .is_empty()
        .then(|| view! { <p>{locale.t("admin-questions-none")}</p> });
    let refused = from_request::<crate::submission::QuestionRefused>();
    #[cfg(feature = "ssr")]
    if refused.is_some() {
        crate::pages::set_status(422);
    }
    let refused = refused.unwrap_or_default();
    let kinds = ["text", "yes_no", "choice"]
        .into_iter()
        .map(|k| {
            let selected = refused.form.kind == k;
            view! { <option value=k selected=selected>{locale.t(&format!("admin-question-kind-{k}"))}</option> }
        })
        .collect_view();
    let label = locale.t_args("admin-question-label", &[("lang", first.native_name())]);
    let p = |problem: Option<Problem>| {
        problem.map(|p| view! { <p class="problem">{problem_text(locale, p)}</p> })
    };
    view! {
        <section class="questions">
            <h2>{locale.t("admin-questions")}</h2>
            {none}
            <ul>{rows}</ul>
            <form class="registration" method="post" action=locale.href(&convene::paths::admin::questions(slug)) novalidate>
                <div class="field">
                    <label for="field-question-label">{label}</label>
                    <input id="field-question-label" name="label" value=refused.form.label.clone() lang=first.code()/>
                    {p(refused.problems.label)}
                </div>
                <div class="field">
                    <label for="field-question-kind">{locale.t("admin-question-kind")}</label>
                    <select id="field-question-kind" name="kind">{kinds}</select>
                    {p(refused.problems.kind)}
                </div>
                <div class="field">
                    <label for="field-question-options">{locale.t("admin-question-options")}</label>
                    <textarea id="field-question-options" name="options" rows="4" lang=first.code()>{refused.form.options.clone()}</textarea>
                    {p(refused.problems.options)}
                </div>
                <label class="choice">
                    <input type="checkbox" name="required" value="on" checked=refused.form.required/>
                    " " {locale.t("admin-question-required")}
                </label>
                <button type="submit">{locale.t("admin-question-add")}</button>
            </form>
        </section>
    }
    .into_any()
}

/// Copying the conference: the new address and first day.
fn copy_form(locale: &Locale, slug: &str) -> AnyView {
    let refused = from_request::<CopyRefused>();
    #[cfg(feature = "ssr")]
    if refused.is_some() {
        crate::pages::set_status(422);
    }
    let refused = refused.unwrap_or_default();
    view! {
        <section class="copy">
            <h2>{locale.t("admin-copy")}</h2>
            <p class="hint">{locale.t("admin-copy-hint")}</p>
            <form class="registration" method="post" action=locale.href(&convene::paths::admin::copy(slug)) novalidate>
                {field(locale, "copy_slug".into(), locale.t("admin-copy-slug"), refused.slug,
                    refused.slug_problem, Some(locale.t("admin-field-slug-hint")), "text", None, None)}
                {field(locale, "copy_starts_on".into(), locale.t("admin-copy-starts-on"), refused.starts_on,
                    refused.day_problem, None, "date", None, None)}
                <button type="submit">{locale.t("admin-copy-submit")}</button>
            </form>
        </section>
    }
    .into_any()
}

/// A conference's settings in the back office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SettingsDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    pub settings: convene::conference_edit::ConferenceSettings,
    /// The organiser's own questions on the form.
    pub questions: Vec<convene::registration::questions::Question>,
    /// Administrators may copy the conference (a copy is a new conference).
    pub may_copy: bool,
}

/// A conference's settings, for its organisers.
#[server]
pub async fn get_conference_settings(slug: String) -> Result<Access<SettingsDesk>, ServerFnError> {
    use crate::back_office::Denied;
    let store = store()?;
    answer(
        async {
            let (desk, account) = open_desk(&store, &slug, Action::EditConference).await?;
            let (settings, _) = store
                .conference_settings(&slug)
                .await?
                .ok_or(Denied::NotFound)?;
            let questions = store.questions(&slug).await?.unwrap_or_default();
            Ok(SettingsDesk {
                desk,
                signed_in_as: account.email,
                settings,
                questions,
                may_copy: account.administrator,
            })
        }
        .await,
    )
}

/// The page to create a conference, for administrators: who is signed in.
#[server]
pub async fn get_new_conference() -> Result<Access<String>, ServerFnError> {
    use crate::back_office::admit;
    let store = store()?;
    let staff = admit(&store, &super::request_headers(), None, Action::Administer).await;
    answer(staff.map(|staff| staff.account.email))
}
