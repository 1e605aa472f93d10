//! Who changed what in a conference.

use super::at_venue;
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
#[cfg(feature = "ssr")]
use convene::account::Action;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A conference's audit log in the back office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    pub lines: Vec<convene::desk::AuditLine>,
}

/// Who changed what in a conference, for its organisers.
#[server]
pub async fn get_audit(slug: String) -> Result<Access<AuditDesk>, ServerFnError> {
    let store = store()?;
    answer(
        async {
            let (desk, account) = open_desk(&store, &slug, Action::EditConference).await?;
            let lines = store.audit_trail(&slug, 500).await?;
            Ok(AuditDesk {
                desk,
                signed_in_as: account.email,
                lines,
            })
        }
        .await,
    )
}

/// Who changed what in a conference, newest first.
#[component]
pub fn AdminAuditPage() -> impl IntoView {
    guarded(get_audit(param("slug")), |desk: AuditDesk| {
        let locale = Locale::current();
        let c = desk.desk.conference;
        let title = c.title.get(locale.lang).to_owned();
        let rows = desk
            .lines
            .iter()
            .map(|l| {
                let subject = match l.registration {
                    Some(id) => {
                        let href = locale.href(&convene::paths::admin::registration(&c.slug, id));
                        view! { <a href=href>{l.subject.clone()}</a> }.into_any()
                    }
                    None => l.subject.clone().into_any(),
                };
                let action = locale.t(&format!("admin-event-{}", l.action));
                view! {
                    <tr>
                        <td><time datetime=l.at.to_rfc3339()>{at_venue(&c.zone, l.at)}</time></td>
                        <td>{l.by.clone().unwrap_or_default()}</td>
                        <td>{action}</td>
                        <td>{subject}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <Frame title=format!("{} · {title}", locale.t("admin-audit"))>
                <SignedInAs email=desk.signed_in_as.clone()/>
                <p class="breadcrumb">
                    <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                    <a href=locale.href(&convene::paths::admin::conference(&c.slug))>{title.clone()}</a>
                </p>
                <h1>{locale.t("admin-audit")}</h1>
                <table class="audit"><tbody>{rows}</tbody></table>
            </Frame>
        }
    })
}
