//! Personal invitations: paste addresses, see who registered, remind
//! the others.

use super::Desk;
#[cfg(feature = "ssr")]
use super::{answer, open_desk};
use super::{guarded, SignedInAs};
#[cfg(feature = "ssr")]
use crate::api::store;
use crate::back_office::Access;
use crate::components::Frame;
use crate::locale::Locale;
use crate::pages::param;
use crate::submission::from_request;
#[cfg(feature = "ssr")]
use convene::account::Action;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A conference's invitations in the back office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationsDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    /// (address, when invited, registered)
    pub invitations: Vec<(String, chrono::DateTime<chrono::Utc>, bool)>,
}

/// Who was invited to a conference and who registered, for its organisers
/// and staff.
#[server]
pub async fn get_invitations(slug: String) -> Result<Access<InvitationsDesk>, ServerFnError> {
    let store = store()?;
    answer(
        async {
            let (desk, account) = open_desk(&store, &slug, Action::ManageRegistrations).await?;
            let invitations = store.invitations(&slug).await?;
            Ok(InvitationsDesk {
                desk,
                signed_in_as: account.email,
                invitations,
            })
        }
        .await,
    )
}

/// Personal invitations: paste addresses, see who registered, remind the
/// others.
#[component]
pub fn AdminInvitationsPage() -> impl IntoView {
    guarded(get_invitations(param("slug")), |desk: InvitationsDesk| {
        let locale = Locale::current();
        let c = desk.desk.conference;
        let title = c.title.get(locale.lang).to_owned();
        let base = convene::paths::admin::invitations(&c.slug);
        let sent = from_request::<crate::submission::InvitationsSent>();
        #[cfg(feature = "ssr")]
        if sent.as_ref().is_some_and(|s| !s.not_addresses.is_empty()) {
            crate::pages::set_status(422);
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
                <form method="post" action=locale.href(&convene::paths::admin::remind_invited(&c.slug)) class="action">
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
                    <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                    <a href=locale.href(&convene::paths::admin::conference(&c.slug))>{title.clone()}</a>
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
    })
}
