//! A conference's own wording of its emails: the list of kinds and
//! languages, and the editor of one, with its placeholders beside it and
//! a preview as a delegate will read it. Without a wording of its own, a
//! kind uses the built-in text.

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
use crate::submission::{from_request, TemplateDraft};
#[cfg(feature = "ssr")]
use convene::account::Action;
#[cfg(feature = "ssr")]
use convene::Agenda;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// `/admin/conferences/{slug}/templates`
#[component]
pub fn AdminTemplatesPage() -> impl IntoView {
    guarded(get_templates(param("slug")), |desk: TemplatesDesk| {
        let locale = Locale::current();
        let c = desk.desk.conference;
        let title = c.title.get(locale.lang).to_owned();
        let rows = convene::mail::MailKind::editable()
            .map(|kind| {
                let kind = kind.code();
                let cells = c
                    .languages
                    .iter()
                    .map(|l| {
                        let own = desk.custom.iter().any(|(k, g)| k == kind && g == l.code());
                        let state = locale.t(if own {
                            "admin-template-own"
                        } else {
                            "admin-template-builtin"
                        });
                        let href =
                            locale.href(&convene::paths::admin::template(&c.slug, kind, l.code()));
                        view! { <td><a href=href>{l.native_name()} " · " {state}</a></td> }
                    })
                    .collect_view();
                view! {
                    <tr>
                        <th scope="row">{locale.t(&format!("admin-mail-{kind}"))}</th>
                        {cells}
                    </tr>
                }
            })
            .collect_view();
        view! {
            <Frame title=format!("{} · {title}", locale.t("admin-templates"))>
                <SignedInAs email=desk.signed_in_as.clone()/>
                <p class="breadcrumb">
                    <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                    <a href=locale.href(&convene::paths::admin::conference(&c.slug))>{title.clone()}</a>
                </p>
                <h1>{locale.t("admin-templates")}</h1>
                <p>{locale.t("admin-templates-intro")}</p>
                <table class="templates"><tbody>{rows}</tbody></table>
            </Frame>
        }
    })
}

/// `/admin/conferences/{slug}/templates/{kind}/{lang}`
#[component]
pub fn AdminTemplatePage() -> impl IntoView {
    guarded(
        get_template(param("slug"), param("kind"), param("lang")),
        |desk: TemplateDesk| {
            let locale = Locale::current();
            let c = desk.desk.conference;
            let lang = desk.lang;
            let draft = from_request::<TemplateDraft>();
            #[cfg(feature = "ssr")]
            if draft
                .as_ref()
                .is_some_and(|d| d.problems.subject.is_some() || d.problems.body.is_some())
            {
                crate::pages::set_status(422);
            }
            let (subject, body, problems) = match draft {
                Some(d) => (d.subject, d.body, d.problems),
                None => (
                    desk.wording.subject.clone(),
                    desk.wording.body.clone(),
                    Default::default(),
                ),
            };
            // The preview: what the delegate of the sample reads with this wording.
            let whose = match &desk.sample_of {
                Some(name) => locale.t_args("admin-template-preview-of", &[("name", name)]),
                None => locale.t("admin-template-preview-example"),
            };
            let wording = convene::mail::Message {
                subject: subject.clone(),
                body: body.clone(),
            };
            let preview = Some(convene::mail::render_with(desk.kind, lang, &desk.sample, Some(&wording)))
                .map(|m| {
                    view! {
                        <section class="preview" aria-labelledby="preview-title" lang=lang.code() dir=lang.dir()>
                            <h2 id="preview-title">{locale.t("admin-message-preview")}</h2>
                            <p class="hint">{whose}</p>
                            <p><strong>{m.subject}</strong></p>
                            <pre class="mail-text">{m.text}</pre>
                        </section>
                    }
                });
            let placeholders = desk
                .kind
                .placeholders()
                .map(|p| {
                    p.iter()
                        .map(|p| format!("{{{p}}}"))
                        .collect::<Vec<_>>()
                        .join(", ")
                })
                .unwrap_or_default();
            let p_subject = problems
                .subject
                .map(|p| view! { <p class="problem" id="field-subject-problem">{problem_text(&locale, p)}</p> });
            let p_body = problems
                .body
                .map(|p| view! { <p class="problem" id="field-body-problem">{problem_text(&locale, p)}</p> });
            let saved = leptos_router::hooks::use_query_map()
                .read_untracked()
                .get("saved")
                .map(|_| view! { <p class="outcome saved" role="status">{locale.t("admin-template-saved")}</p> });
            let state = locale.t(if desk.custom {
                "admin-template-own"
            } else {
                "admin-template-builtin"
            });
            let kind_name = locale.t(&format!("admin-mail-{}", desk.kind.code()));
            let list = locale.href(&convene::paths::admin::templates(&c.slug));
            let action = locale.href(&convene::paths::admin::template(
                &c.slug,
                desk.kind.code(),
                lang.code(),
            ));
            let reset = desk.custom.then(|| {
                view! { <button type="submit" name="intent" value="reset">{locale.t("admin-template-reset")}</button> }
            });
            view! {
                <Frame title=format!("{kind_name} ({}) · {}", lang.native_name(), c.title.get(locale.lang))>
                    <SignedInAs email=desk.signed_in_as.clone()/>
                    <p class="breadcrumb">
                        <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                        <a href=list>{locale.t("admin-templates")}</a>
                    </p>
                    <h1>{kind_name.clone()} " (" {lang.native_name()} ")"</h1>
                    <p>{state}</p>
                    {saved}
                    <form class="registration" method="post" action=action novalidate>
                        <p class="hint" id="placeholders">
                            {locale.t_args("admin-template-placeholders", &[("list", &placeholders)])}
                        </p>
                        <div class="field">
                            <label for="field-subject">{locale.t("admin-message-subject")}</label>
                            <input id="field-subject" name="subject" value=subject lang=lang.code() dir=lang.dir()
                                aria-describedby="placeholders"/>
                            {p_subject}
                        </div>
                        <div class="field">
                            <label for="field-body">{locale.t("admin-message-body")}</label>
                            <textarea id="field-body" name="body" rows="10" lang=lang.code() dir=lang.dir()
                                aria-describedby="placeholders">{body}</textarea>
                            {p_body}
                        </div>
                        <button type="submit" name="intent" value="preview">{locale.t("admin-message-preview")}</button>
                        " "
                        <button type="submit" name="intent" value="save" class="primary">{locale.t("admin-template-save")}</button>
                        " "
                        {reset}
                    </form>
                    {preview}
                </Frame>
            }
        },
    )
}

/// A conference's email wordings: which kinds and languages have their own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplatesDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    /// (kind, language code) with the conference's own wording.
    pub custom: Vec<(String, String)>,
}

/// The list of a conference's email wordings, for organisers and staff.
#[server]
pub async fn get_templates(slug: String) -> Result<Access<TemplatesDesk>, ServerFnError> {
    let store = store()?;
    answer(
        async {
            let (desk, account) = open_desk(&store, &slug, Action::ManageRegistrations).await?;
            let custom = store.templates(&slug).await?;
            Ok(TemplatesDesk {
                desk,
                signed_in_as: account.email,
                custom,
            })
        }
        .await,
    )
}

/// One kind of email in one language: its wording (the conference's own
/// or the built-in one) and a real name for the preview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplateDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    pub kind: convene::mail::MailKind,
    pub lang: convene::Lang,
    pub wording: convene::mail::Message,
    pub custom: bool,
    /// What the preview fills the placeholders (and the summary) with.
    pub sample: serde_json::Value,
    /// Whose registration the preview shows; `None`: an example, as no
    /// one has registered yet.
    pub sample_of: Option<String>,
}

/// The editor of one kind of email in one language, for organisers and
/// staff; `NotFound` for a kind that cannot be changed.
#[server]
pub async fn get_template(
    slug: String,
    kind: String,
    lang: String,
) -> Result<Access<TemplateDesk>, ServerFnError> {
    use crate::back_office::Denied;
    let store = store()?;
    answer(
        async {
            let (desk, account) = open_desk(&store, &slug, Action::ManageRegistrations).await?;
            let kind = convene::mail::MailKind::parse(&kind)
                .filter(|kind| kind.placeholders().is_some())
                .ok_or(Denied::NotFound)?;
            let lang = convene::Lang::parse(&lang).map_err(|_| Denied::NotFound)?;
            let own = store.template(&slug, kind, lang.code()).await?;
            let agenda = store
                .editable_agenda(&slug)
                .await?
                .ok_or(Denied::NotFound)?;
            let registration = store.sample_registration(&slug, lang.code()).await?;
            let (sample, sample_of) = preview_payload(&agenda, kind, lang, registration);
            Ok(TemplateDesk {
                desk,
                signed_in_as: account.email,
                custom: own.is_some(),
                wording: own.unwrap_or_else(|| convene::mail::builtin(kind, lang)),
                kind,
                lang,
                sample,
                sample_of,
            })
        }
        .await,
    )
}

/// The payload a preview renders, as the outbox would hold it for the
/// registration (its name, place in line, sessions and summary), or for
/// an example delegate when there is none. The link is never a real one.
#[cfg(feature = "ssr")]
fn preview_payload(
    agenda: &Agenda,
    kind: convene::mail::MailKind,
    lang: convene::Lang,
    registration: Option<convene::store::SampleRegistration>,
) -> (serde_json::Value, Option<String>) {
    let held: Vec<&convene::Session> = registration
        .iter()
        .flat_map(|r| &r.held)
        .filter_map(|slug| agenda.sessions.iter().find(|s| s.slug.as_str() == slug))
        .collect();
    // A session with seats stands in when the registration holds none.
    let session = held
        .first()
        .copied()
        .or_else(|| agenda.sessions.iter().find(|s| s.seats.is_some()))
        .map(|s| s.title.get(lang).to_owned())
        .unwrap_or_else(|| convene::i18n::t(lang, "admin-template-sample-session"));
    let name = registration.as_ref().map(|r| r.name.clone());
    let mut payload = serde_json::json!({
        "conference": agenda.conference.title.get(lang),
        "name": name.clone().unwrap_or_else(|| convene::i18n::t(lang, "admin-template-sample-name")),
        "position": registration.as_ref().and_then(|r| r.position).unwrap_or(1),
        "session": session,
        "days": convene::store::REMINDER_DAYS[0],
        "link": "https://…/r/…",
    });
    if kind.with_summary() {
        payload["summary"] = convene::mail::summary(agenda, &held, lang).into();
    }
    (payload, name)
}
