//! The fields of the registration form, shared by the register page and the
//! private link's "change your details": each field with its label, its
//! hint, what was typed, and its problem beside it.

use crate::components::live_checks::LiveChecks;
use crate::components::VenueTime;
use crate::locale::Locale;
use convene::field::Problem;
use convene::registration::country::countries;
use convene::registration::questions::QuestionKind;
use convene::registration::{Field, FieldErrors, FormSetup, Honorific, RegistrationForm};
use convene::VenueZone;
use leptos::prelude::*;

pub fn problem_text(locale: &Locale, problem: Problem) -> String {
    match problem {
        Problem::TooLong { max } | Problem::FileTooLarge { max } => {
            locale.t_args(problem.key(), &[("max", &max.to_string())])
        }
        Problem::PasswordTooShort { min } => {
            locale.t_args(problem.key(), &[("min", &min.to_string())])
        }
        Problem::PictureTooSmall { width, height } => locale.t_args(
            problem.key(),
            &[
                ("width", &width.to_string()),
                ("height", &height.to_string()),
            ],
        ),
        Problem::PictureTooManyPixels { megapixels } => {
            locale.t_args(problem.key(), &[("megapixels", &megapixels.to_string())])
        }
        other => locale.t(other.key()),
    }
}

/// The ids a field's `aria-describedby` names: its hint and its problem,
/// whichever there are.
fn described_by(id: &str, hint: bool, problem: bool) -> Option<String> {
    let ids = [
        hint.then(|| format!("{id}-hint")),
        problem.then(|| format!("{id}-problem")),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ");
    (!ids.is_empty()).then_some(ids)
}

fn hint_view(id: &str, hint: Option<String>) -> impl IntoView {
    hint.map(|h| view! { <p class="hint" id=format!("{id}-hint")>{h}</p> })
}

fn problem_view(id: &str, problem: Option<String>) -> impl IntoView {
    problem.map(|p| view! { <p class="problem" id=format!("{id}-problem")>{p}</p> })
}

/// One labelled input.
#[component]
fn Input(
    name: String,
    label: String,
    value: String,
    problem: Option<String>,
    #[prop(default = "text")] kind: &'static str,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<String>,
    #[prop(optional)] readonly: bool,
) -> impl IntoView {
    let id = format!("field-{name}");
    let invalid = problem.is_some();
    let described = described_by(&id, hint.is_some(), invalid);
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>{label}</label>
            {hint_view(&id, hint)}
            <input
                id=id.clone()
                name=name
                type=kind
                value=value
                autocomplete=autocomplete
                readonly=readonly
                aria-invalid=invalid.then_some("true")
                aria-describedby=described
            />
            {problem_view(&id, problem)}
        </div>
    }
}

/// One labelled list of options; `""` is the "choose…" option.
#[component]
fn Select(
    name: String,
    label: String,
    value: String,
    options: Vec<(String, String)>,
    choose: String,
    problem: Option<String>,
    #[prop(default = "off")] autocomplete: &'static str,
    #[prop(optional)] hint: Option<String>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let invalid = problem.is_some();
    let described = described_by(&id, hint.is_some(), invalid);
    let options = options
        .into_iter()
        .map(|(code, text)| {
            let selected = code == value;
            view! { <option value=code selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field" class:invalid=invalid>
            <label for=id.clone()>{label}</label>
            {hint_view(&id, hint)}
            <select id=id.clone() name=name autocomplete=autocomplete
                aria-invalid=invalid.then_some("true") aria-describedby=described>
                <option value="">{choose}</option>
                {options}
            </select>
            {problem_view(&id, problem)}
        </div>
    }
}

/// A group of checkboxes or radios sharing one name, with one problem.
#[component]
fn Choices(
    name: String,
    legend: String,
    /// (value, label, checked, disabled)
    options: Vec<(String, AnyView, bool, bool)>,
    problem: Option<String>,
    #[prop(default = "checkbox")] kind: &'static str,
    #[prop(optional)] hint: Option<String>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let invalid = problem.is_some();
    let described = described_by(&id, hint.is_some(), invalid);
    let options = options
        .into_iter()
        .enumerate()
        .map(|(i, (value, label, checked, disabled))| {
            let option_id = format!("{id}-{i}");
            view! {
                <div class="choice">
                    <input id=option_id.clone() type=kind name=name.clone() value=value
                        checked=checked disabled=disabled/>
                    <label for=option_id>{label}</label>
                </div>
            }
        })
        .collect_view();
    view! {
        <fieldset class="field choices" class:invalid=invalid id=id.clone()
            aria-invalid=invalid.then_some("true") aria-describedby=described>
            <legend>{legend}</legend>
            {hint_view(&id, hint)}
            {options}
            {problem_view(&id, problem)}
        </fieldset>
    }
}

/// One checkbox with its label.
#[component]
fn Check(
    name: String,
    label: AnyView,
    checked: bool,
    problem: Option<String>,
    #[prop(optional)] hint: Option<String>,
) -> impl IntoView {
    let id = format!("field-{name}");
    let invalid = problem.is_some();
    let described = described_by(&id, hint.is_some(), invalid);
    view! {
        <div class="field checkbox" class:invalid=invalid>
            <input id=id.clone() type="checkbox" name=name value="on" checked=checked
                aria-invalid=invalid.then_some("true") aria-describedby=described/>
            <label for=id.clone()>{label}</label>
            {hint_view(&id, hint)}
            {problem_view(&id, problem)}
        </div>
    }
}

/// Every field of the form. `email_locked`: the address cannot be changed
/// here (an invitation's, or a registration's own); `consent`: whether to
/// ask for it (it was given once a registration exists).
#[component]
pub fn RegistrationFields(
    setup: FormSetup,
    form: RegistrationForm,
    errors: FieldErrors,
    zone: VenueZone,
    privacy_href: String,
    #[prop(optional)] email_locked: bool,
    #[prop(optional)] consent: bool,
) -> impl IntoView {
    let locale = Locale::current();
    let lang = locale.lang;
    let problem = |field: Field| errors.get(field).map(|p| problem_text(&locale, p));
    let t = |key: &str| locale.t(key);
    let optional = |key: &str| format!("{} ({})", locale.t(key), locale.t("register-optional"));
    let name = |field: Field| field.input_name(&setup);

    let honorifics = Honorific::ALL
        .iter()
        .map(|h| (h.code().to_owned(), t(&h.key())))
        .collect();
    let categories = setup
        .categories
        .iter()
        .map(|c| (c.code().to_owned(), t(&c.key())))
        .collect();
    let country_list: Vec<(String, String)> = countries(lang)
        .into_iter()
        .map(|(code, name)| (code.to_owned(), name.to_owned()))
        .collect();
    let languages = setup
        .languages
        .iter()
        .map(|l| {
            let checked = form.languages.iter().any(|c| c == l.code());
            (
                l.code().to_owned(),
                view! { <span lang=l.code()>{l.native_name()}</span> }.into_any(),
                checked,
                false,
            )
        })
        .collect();
    let sessions = setup
        .sessions
        .iter()
        .map(|s| {
            let checked = form.sessions.iter().any(|c| c == s.slug.as_str());
            let seats = if s.left == 0 {
                t("register-session-full")
            } else {
                locale.t_args("register-seats-left", &[("count", &s.left.to_string())])
            };
            let label = view! {
                <span class="session-title">{s.title.get(lang).to_owned()}</span>
                " · " <VenueTime zone=zone start=s.starts_at end=s.ends_at/>
                " · " <span class="seats">{seats}</span>
            }
            .into_any();
            (
                s.slug.as_str().to_owned(),
                label,
                checked,
                s.left == 0 && !checked,
            )
        })
        .collect::<Vec<_>>();
    let sessions_view = (!sessions.is_empty()).then(|| {
        view! {
            <Choices name=name(Field::Sessions) legend=optional("register-sessions") options=sessions
                problem=problem(Field::Sessions) hint=t("register-sessions-hint")/>
        }
    });
    let questions = setup
        .questions
        .iter()
        .enumerate()
        .map(|(i, q)| {
            let field = Field::Question(u16::try_from(i).unwrap_or(u16::MAX));
            let label = if q.required {
                q.label.get(lang).to_owned()
            } else {
                format!("{} ({})", q.label.get(lang), t("register-optional"))
            };
            let value = form.answer(q.code.as_str()).to_owned();
            let problem = problem(field);
            match &q.kind {
                QuestionKind::Text => view! {
                    <Input name=q.input_name() label value problem/>
                }
                .into_any(),
                QuestionKind::YesNo => {
                    let options = [("yes", "register-yes"), ("no", "register-no")]
                        .into_iter()
                        .map(|(code, key)| (code.to_owned(), t(key).into_any(), value == code, false))
                        .collect();
                    view! { <Choices name=q.input_name() legend=label options problem kind="radio"/> }.into_any()
                }
                QuestionKind::Choice { options } => {
                    let options = options
                        .iter()
                        .map(|o| (o.code.as_str().to_owned(), o.label.get(lang).to_owned()))
                        .collect();
                    view! {
                        <Select name=q.input_name() label value options choose=t("register-choose") problem/>
                    }
                    .into_any()
                }
            }
        })
        .collect_view();
    let consent_view = consent.then(|| {
        let label = view! {
            {t("register-consent")} " "
            <a href=privacy_href.clone() target="_blank">{t("register-privacy-link")}</a>
        }
        .into_any();
        view! { <Check name=name(Field::Consent) label checked=form.consent problem=problem(Field::Consent)/> }
    });
    let email_hint = email_locked.then(|| t("register-email-locked"));
    // Every problem's message for the island, `{max}` left for the limit.
    let messages: Vec<(String, String)> = Problem::EACH
        .iter()
        .map(|p| {
            let text = match p {
                Problem::TooLong { .. } => locale.t_args(p.key(), &[("max", "{max}")]),
                other => problem_text(&locale, *other),
            };
            (p.key().to_owned(), text)
        })
        .collect();
    view! {
        <fieldset class="group">
            <legend>{t("register-about-you")}</legend>
            <Select name=name(Field::Honorific) label=optional("register-honorific") value=form.honorific.clone()
                options=honorifics choose=t("register-choose") problem=problem(Field::Honorific)
                autocomplete="honorific-prefix"/>
            <Input name=name(Field::GivenName) label=t("register-given-name") value=form.given_name.clone()
                problem=problem(Field::GivenName) autocomplete="given-name"/>
            <Input name=name(Field::FamilyName) label=t("register-family-name") value=form.family_name.clone()
                problem=problem(Field::FamilyName) autocomplete="family-name"/>
            {match email_hint {
                Some(hint) => view! {
                    <Input name=name(Field::Email) label=t("register-email") value=form.email.clone()
                        problem=problem(Field::Email) kind="email" autocomplete="email" hint readonly=true/>
                }.into_any(),
                None => view! {
                    <Input name=name(Field::Email) label=t("register-email") value=form.email.clone()
                        problem=problem(Field::Email) kind="email" autocomplete="email"/>
                }.into_any(),
            }}
            <Input name=name(Field::Organisation) label=t("register-organisation") value=form.organisation.clone()
                problem=problem(Field::Organisation) autocomplete="organization"/>
            <Input name=name(Field::Function) label=optional("register-function") value=form.function.clone()
                problem=problem(Field::Function) autocomplete="organization-title"/>
            <Input name=name(Field::City) label=t("register-city") value=form.city.clone()
                problem=problem(Field::City) autocomplete="address-level2"/>
            <Select name=name(Field::Country) label=t("register-country") value=form.country.to_ascii_uppercase()
                options=country_list.clone() choose=t("register-choose") problem=problem(Field::Country)
                autocomplete="country"/>
            <Select name=name(Field::Category) label=t("register-category") value=form.category.clone()
                options=categories choose=t("register-choose") problem=problem(Field::Category)/>
        </fieldset>
        <fieldset class="group">
            <legend>{t("register-languages-legend")}</legend>
            <Choices name=name(Field::Languages) legend=t("register-languages") options=languages
                problem=problem(Field::Languages) hint=t("register-languages-hint")/>
            <Check name="interpretation".to_owned() label=t("register-interpretation").into_any()
                checked=form.interpretation problem=None/>
        </fieldset>
        <fieldset class="group">
            <legend>{t("register-needs")}</legend>
            <Input name=name(Field::Accessibility) label=optional("register-accessibility")
                value=form.accessibility.clone() problem=problem(Field::Accessibility)
                hint=t("register-accessibility-hint")/>
            <Input name=name(Field::Dietary) label=optional("register-dietary") value=form.dietary.clone()
                problem=problem(Field::Dietary) hint=t("register-dietary-hint")/>
        </fieldset>
        <fieldset class="group visa">
            <legend>{t("register-visa")}</legend>
            <Check name="visa_letter".to_owned() label=t("register-visa-letter").into_any()
                checked=form.visa_letter problem=None hint=t("register-visa-hint")/>
            <Input name=name(Field::PassportName) label=t("register-passport-name") value=form.passport_name.clone()
                problem=problem(Field::PassportName)/>
            <Select name=name(Field::Nationality) label=t("register-nationality") value=form.nationality.to_ascii_uppercase()
                options=country_list choose=t("register-choose") problem=problem(Field::Nationality)/>
            <Input name=name(Field::PassportNumber) label=t("register-passport-number")
                value=form.passport_number.clone() problem=problem(Field::PassportNumber)/>
            <Input name=name(Field::DateOfBirth) label=t("register-date-of-birth") value=form.date_of_birth.clone()
                problem=problem(Field::DateOfBirth) kind="date" hint=t("register-date-hint")/>
        </fieldset>
        {sessions_view}
        <fieldset class="group">
            <legend>{t("register-more")}</legend>
            {questions}
            <Check name="listed".to_owned() label=t("register-listed").into_any() checked=form.listed problem=None/>
            {consent_view}
        </fieldset>
        <LiveChecks messages/>
    }
}
