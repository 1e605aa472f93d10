//! The mail room (what was sent, what waits, what failed) and writing
//! to the delegates a filter of the table finds.

use super::at_venue;
use super::registrations::filter_from_query;
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
use crate::submission::from_request;
#[cfg(feature = "ssr")]
use convene::account::Action;
use convene::desk::MailState;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A conference's mail room: its messages, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MailDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    /// The state the list is filtered by, if any.
    pub state: Option<MailState>,
    pub messages: Vec<convene::desk::LoggedMail>,
    /// How many of the conference's messages are in each state.
    pub counts: Vec<(MailState, i64)>,
}

/// The messages of a conference (the last 500, in one state or all), for
/// its organisers and staff.
#[server]
pub async fn get_mail(slug: String, state: String) -> Result<Access<MailDesk>, ServerFnError> {
    let store = store()?;
    answer(
        async {
            let (desk, account) = open_desk(&store, &slug, Action::ViewRegistrations).await?;
            // Any other value lists every state.
            let state = MailState::parse(&state);
            let messages = store.conference_mail(&slug, state, 500).await?;
            let counts = store.conference_mail_counts(&slug).await?;
            Ok(MailDesk {
                desk,
                signed_in_as: account.email,
                state,
                messages,
                counts,
            })
        }
        .await,
    )
}

/// Writing to the delegates a filter finds: how many it reaches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WriteDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    pub filter: convene::desk::RegistrationFilter,
    pub recipients: usize,
}

/// The message page for a filter of the table, for organisers and staff.
#[server]
pub async fn get_write(
    slug: String,
    filter: convene::desk::RegistrationFilter,
) -> Result<Access<WriteDesk>, ServerFnError> {
    use crate::back_office::Denied;
    let store = store()?;
    answer(
        async {
            let (desk, account) = open_desk(&store, &slug, Action::ManageRegistrations).await?;
            let (recipients, _) = store
                .recipients(&slug, &filter)
                .await?
                .ok_or(Denied::NotFound)?;
            Ok(WriteDesk {
                desk,
                signed_in_as: account.email,
                filter,
                recipients: recipients.len(),
            })
        }
        .await,
    )
}

/// `/admin/conferences/{slug}/write?{filter}`: a message to the delegates
/// the table's filter finds, previewed as the first of them will read it,
/// then sent through the outbox.
#[component]
pub fn AdminWritePage() -> impl IntoView {
    guarded(
        get_write(param("slug"), filter_from_query()),
        |desk: WriteDesk| {
            let locale = Locale::current();
            let c = desk.desk.conference;
            let title = c.title.get(locale.lang).to_owned();
            let query = desk.filter.query_at(1);
            let table = locale.href(&format!(
                "{}?{query}",
                convene::paths::admin::registrations(&c.slug)
            ));
            let action = locale.href(&format!(
                "{}?{query}",
                convene::paths::admin::write(&c.slug)
            ));
            let draft = from_request::<crate::submission::MessageDraft>().unwrap_or_default();
            #[cfg(feature = "ssr")]
            if draft.problems.subject.is_some() || draft.problems.body.is_some() {
                crate::pages::set_status(422);
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
                        <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
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

/// The mail room of a conference: what was sent, what waits, what failed;
/// send one again, try the failed ones again.
#[component]
pub fn AdminMailPage() -> impl IntoView {
    let state = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("state")
        .unwrap_or_default();
    guarded(get_mail(param("slug"), state), |desk: MailDesk| {
        let locale = Locale::current();
        let signed_in_as = desk.signed_in_as.clone();
        let c = desk.desk.conference;
        let title = c.title.get(locale.lang).to_owned();
        let base = convene::paths::admin::mail(&c.slug);
        let states = MailState::ALL
            .iter()
            .map(|&state| {
                let selected = desk.state == Some(state);
                let s = state.code();
                view! { <option value=s selected=selected>{locale.t(&format!("admin-mail-state-{s}"))}</option> }
            })
            .collect_view();
        let failed = desk
            .messages
            .iter()
            .filter(|m| m.mail.state == MailState::Failed)
            .count();
        let retry = (failed > 0).then(|| {
            view! {
                <form method="post" action=locale.href(&convene::paths::admin::retry_failed(&c.slug)) class="action">
                    <button type="submit">{locale.t_args("admin-mail-retry", &[("count", &failed.to_string())])}</button>
                </form>
            }
        });
        let rows = desk
            .messages
            .iter()
            .map(|m| {
                let registration = m.registration.map(|id| {
                    let href = locale.href(&convene::paths::admin::registration(&c.slug, id));
                    view! { <a href=href>{m.recipient.clone()}</a> }
                });
                let resend = locale.href(&convene::paths::admin::resend(&c.slug, m.id));
                view! {
                    <tr data-state=m.mail.state.code()>
                        <td>{at_venue(&c.zone, m.mail.queued_at)}</td>
                        <td>{registration}</td>
                        <td>{locale.t(&format!("admin-mail-{}", m.mail.kind.code()))}</td>
                        <td>{locale.t(&format!("admin-mail-state-{}", m.mail.state.code()))}</td>
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
        let sending = desk
            .counts
            .iter()
            .any(|(state, n)| *n > 0 && state.on_its_way());
        // While messages go out, the page refreshes itself: progress
        // without a script.
        let refresh =
            sending.then(|| view! { <leptos_meta::Meta http_equiv="refresh" content="5"/> });
        let counts = desk
                .counts
                .iter()
                .map(|(state, n)| {
                    let state = state.code();
                    view! { <li data-state=state>{locale.t(&format!("admin-mail-state-{state}"))} ": " {*n}</li> }
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
                    <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                    <a href=locale.href(&convene::paths::admin::conference(&c.slug))>{title.clone()}</a>
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
    })
}
