//! The private link of a registration (`/r/{token}`): what the delegate
//! registered, where it stands, and a button to cancel it.

use super::{param, NotFound, Unavailable};
use crate::components::{country_name, Frame};
use crate::locale::Locale;
use convene::registration::{RegistrationView, Status};
use leptos::prelude::*;

#[component]
pub fn PrivateLinkPage() -> impl IntoView {
    let token = param("token");
    view! {
        <Suspense>
            {Suspend::new(async move {
                match crate::api::get_registration(token.clone()).await {
                    Ok(Some(registration)) => view! { <Registration registration token/> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Err(_) => view! { <Unavailable/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

#[component]
fn Registration(registration: RegistrationView, token: String) -> impl IntoView {
    let locale = Locale::current();
    let r = registration;
    let title = r.conference_title.get(locale.lang).to_owned();
    let status = match (r.status, r.position) {
        (Status::Waiting, Some(position)) => locale.t_args(
            "link-status-waiting",
            &[("position", &position.to_string())],
        ),
        (status, _) => locale.t(&format!("link-status-{}", status.code())),
    };
    let rows = [
        (locale.t("register-given-name"), r.given_name.clone()),
        (locale.t("register-family-name"), r.family_name.clone()),
        (locale.t("register-email"), r.email.clone()),
        (locale.t("register-organisation"), r.organisation.clone()),
        (
            locale.t("register-function"),
            r.function.clone().unwrap_or_default(),
        ),
        (locale.t("register-city"), r.city.clone()),
        (
            locale.t("register-country"),
            country_name(&locale, &r.country),
        ),
        (locale.t("register-category"), locale.t(&r.category.key())),
    ]
    .into_iter()
    .map(|(label, value)| view! { <dt>{label}</dt> <dd>{value}</dd> })
    .collect_view();
    let cancellable = !matches!(r.status, Status::Cancelled | Status::Rejected);
    let cancel = cancellable.then(|| {
        let action = locale.href(&format!("/r/{token}/cancel"));
        view! {
            <form method="post" action=action class="cancel">
                <p>{locale.t("link-cancel-explain")}</p>
                <button type="submit">{locale.t("link-cancel")}</button>
            </form>
        }
    });
    let conference_href = locale.href(&format!("/conferences/{}", r.conference));
    view! {
        <Frame title=format!("{} · {title}", locale.t("link-title"))>
            <p class="breadcrumb"><a href=conference_href>{title.clone()}</a></p>
            <h1>{locale.t("link-title")}</h1>
            <p class="outcome" role="status" data-status=r.status.code()>{status}</p>
            <dl class="facts">{rows}</dl>
            {cancel}
        </Frame>
    }
}
