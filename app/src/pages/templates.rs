//! A conference's own wording of its emails: the list of kinds and
//! languages, and the editor of one, with its placeholders beside it and
//! a preview as a delegate will read it. Without a wording of its own, a
//! kind uses the built-in text.

use super::admin::{guarded, SignedInAs};
use super::form::problem_text;
use super::param;
use crate::api::{TemplateDesk, TemplatesDesk};
use crate::components::Frame;
use crate::locale::Locale;
use crate::submission::{from_request, TemplateDraft};
use leptos::prelude::*;

/// `/admin/conferences/{slug}/templates`
#[component]
pub fn AdminTemplatesPage() -> impl IntoView {
    guarded(
        crate::api::get_templates(param("slug")),
        |desk: TemplatesDesk| {
            let locale = Locale::current();
            let c = desk.desk.conference;
            let title = c.title.get(locale.lang).to_owned();
            let base = format!("/admin/conferences/{}/templates", c.slug);
            let rows = convene::mail::EDITABLE
                .iter()
                .map(|(kind, _)| {
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
                            let href = locale.href(&format!("{base}/{kind}/{}", l.code()));
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
                        <a href=locale.href("/admin")>{locale.t("admin-title")}</a> " › "
                        <a href=locale.href(&format!("/admin/conferences/{}", c.slug))>{title.clone()}</a>
                    </p>
                    <h1>{locale.t("admin-templates")}</h1>
                    <p>{locale.t("admin-templates-intro")}</p>
                    <table class="templates"><tbody>{rows}</tbody></table>
                </Frame>
            }
        },
    )
}

/// `/admin/conferences/{slug}/templates/{kind}/{lang}`
#[component]
pub fn AdminTemplatePage() -> impl IntoView {
    guarded(
        crate::api::get_template(param("slug"), param("kind"), param("lang")),
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
                super::set_status(422);
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
            let wording = convene::desk::Message {
                subject: subject.clone(),
                body: body.clone(),
            };
            let preview = convene::mail::render_with(&desk.kind, lang, &desk.sample, Some(&wording))
                .ok()
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
            let placeholders = convene::mail::EDITABLE
                .iter()
                .find(|(k, _)| *k == desk.kind)
                .map(|(_, p)| {
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
            let kind_name = locale.t(&format!("admin-mail-{}", desk.kind));
            let list = locale.href(&format!("/admin/conferences/{}/templates", c.slug));
            let action = locale.href(&format!(
                "/admin/conferences/{}/templates/{}/{}",
                c.slug,
                desk.kind,
                lang.code()
            ));
            let reset = desk.custom.then(|| {
                view! { <button type="submit" name="intent" value="reset">{locale.t("admin-template-reset")}</button> }
            });
            view! {
                <Frame title=format!("{kind_name} ({}) · {}", lang.native_name(), c.title.get(locale.lang))>
                    <SignedInAs email=desk.signed_in_as.clone()/>
                    <p class="breadcrumb">
                        <a href=locale.href("/admin")>{locale.t("admin-title")}</a> " › "
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
