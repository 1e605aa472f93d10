//! A paper's verification address (`/verify/{code}`): whether a visa
//! invitation letter or certificate of attendance is genuine and still
//! holds, and whom and what it names. Never a passport number: an embassy
//! compares the name with the passport in front of it.

use super::{loaded, param};
use crate::components::Frame;
use crate::locale::Locale;
use convene::papers::{PaperKind, Standing, Verification};
use leptos::prelude::*;

/// What the verification address of `code` shows; `None` for a code no
/// paper has (404: a forged letter's address).
#[server]
pub async fn get_verification(code: String) -> Result<Option<Verification>, ServerFnError> {
    crate::api::store()?
        .verification(&code)
        .await
        .map_err(crate::api::unavailable)
}

#[component]
pub fn VerifyPaperPage() -> impl IntoView {
    // Not for search engines, nor for caches: it says who came.
    super::no_store();
    loaded(get_verification(param("code")), |v: Verification| {
        let locale = Locale::current();
        let lang = locale.lang;
        let kind = locale.t(match v.kind {
            PaperKind::Letter => "paper-letter",
            PaperKind::Certificate => "paper-certificate",
        });
        let (class, verdict) = match v.standing {
            Standing::Valid => ("admit", locale.t("genuine-valid")),
            Standing::Withdrawn => ("refuse", locale.t("genuine-withdrawn")),
            Standing::Cancelled => ("refuse", locale.t("genuine-cancelled")),
        };
        let days = (!v.days.is_empty()).then(|| {
            let days = v
                .days
                .iter()
                .map(|d| convene::i18n::long_date(lang, *d))
                .collect::<Vec<_>>()
                .join("; ");
            view! { <dt>{locale.t("paper-days")}</dt> <dd>{days}</dd> }
        });
        view! {
            <Frame title=format!("{} · {}", locale.t("genuine-title"), v.reference)>
                <leptos_meta::Meta name="robots" content="noindex"/>
                <h1>{locale.t("genuine-title")}</h1>
                <section class=format!("desk-answer {class}") data-standing=format!("{:?}", v.standing).to_lowercase()>
                    <p class="verdict">{verdict}</p>
                </section>
                <dl class="facts">
                    <dt>{locale.t("genuine-kind")}</dt> <dd>{kind}</dd>
                    <dt>{locale.t("genuine-reference")}</dt> <dd>{v.reference.clone()}</dd>
                    <dt>{locale.t("genuine-holder")}</dt> <dd>{v.holder.clone()}</dd>
                    <dt>{locale.t("genuine-conference")}</dt> <dd>{v.conference.get(lang).to_owned()}</dd>
                    <dt>{locale.t("genuine-dates")}</dt>
                    <dd>{convene::i18n::date_range(lang, v.starts_on, v.ends_on)} " · " {v.city.clone()}</dd>
                    <dt>{locale.t("genuine-issued")}</dt> <dd>{convene::i18n::long_date(lang, v.issued_on)}</dd>
                    {days}
                </dl>
            </Frame>
        }
    })
}
