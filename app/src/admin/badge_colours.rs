//! The colours of a conference's badges: a colour for each category's
//! band, with the band as it will print (its name in black or white,
//! whichever contrasts more, and the ratio). For its organisers.

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
use crate::submission::{from_request, ColoursDone};
#[cfg(feature = "ssr")]
use convene::account::Action;
use convene::onsite::{contrast, ink, BadgeColours};
use convene::registration::Category;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// A conference's badge colours in the back office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BadgeColoursDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    pub colours: BadgeColours,
}

/// The colours of conference `slug`'s badges, for its organisers.
#[server]
pub async fn get_badge_colours(slug: String) -> Result<Access<BadgeColoursDesk>, ServerFnError> {
    let store = store()?;
    answer(
        async {
            let (desk, account) = open_desk(&store, &slug, Action::EditConference).await?;
            Ok(BadgeColoursDesk {
                colours: store.badge_colours(&slug).await?,
                desk,
                signed_in_as: account.email,
            })
        }
        .await,
    )
}

#[component]
pub fn AdminBadgeColoursPage() -> impl IntoView {
    guarded(
        get_badge_colours(param("slug")),
        |page: BadgeColoursDesk| {
            let locale = Locale::current();
            let c = page.desk.conference;
            let title = c.title.get(locale.lang).to_owned();
            let done = from_request::<ColoursDone>();
            #[cfg(feature = "ssr")]
            if matches!(done, Some(ColoursDone::Refused { .. })) {
                crate::pages::set_status(422);
            }
            let (typed, problems, note) = match done {
                Some(ColoursDone::Refused { typed, problems }) => (
                    typed,
                    problems,
                    Some(view! { <p class="form-problems" role="alert">{locale.t("register-errors")}</p> }.into_any()),
                ),
                Some(ColoursDone::Saved) => (
                    vec![],
                    vec![],
                    Some(view! { <p class="outcome saved" role="status">{locale.t("badges-colours-saved")}</p> }.into_any()),
                ),
                None => (vec![], vec![], None),
            };
            let rows = Category::ALL
                .iter()
                .map(|category| {
                    let code = category.code();
                    let value = typed
                        .iter()
                        .find(|(c, _)| c == category)
                        .map(|(_, v)| v.clone())
                        .unwrap_or_else(|| page.colours.of(*category).to_owned());
                    let problem = problems.iter().find(|(c, _)| c == category).map(|(_, p)| {
                        view! {
                            <p class="problem" id=format!("colour-{code}-problem")>
                                {crate::pages::form::problem_text(&locale, *p)}
                            </p>
                        }
                    });
                    // The band as it prints, when the colour reads as one.
                    let band = convene::onsite::parse_colour(&value).ok().map(|colour| {
                        let ink = ink(&colour);
                        let ratio = format!("{:.1}", contrast(&colour, ink));
                        view! {
                            <span class="band" style=format!("background: {colour}; color: {ink}")>
                                {locale.t(&category.key())}
                            </span>
                            " "
                            <span class="hint">{locale.t_args("badges-contrast", &[("ratio", &ratio)])}</span>
                        }
                    });
                    view! {
                        <div class="field colour">
                            <label for=format!("field-colour-{code}")>{locale.t(&category.key())}</label>
                            <input id=format!("field-colour-{code}") name=format!("colour-{code}") type="text"
                                value=value maxlength="7" pattern="#[0-9A-Fa-f]{6}"
                                aria-invalid=problem.is_some().then_some("true")/>
                            {problem}
                            {band}
                        </div>
                    }
                })
                .collect_view();
            let action = locale.href(&convene::paths::admin::badge_colours(&c.slug));
            view! {
                <Frame title=format!("{} · {title}", locale.t("badges-colours"))>
                    <SignedInAs email=page.signed_in_as.clone()/>
                    <p class="breadcrumb">
                        <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                        <a href=locale.href(&convene::paths::admin::conference(&c.slug))>{title.clone()}</a>
                    </p>
                    <h1>{locale.t("badges-colours")}</h1>
                    <p class="hint">{locale.t("badges-colours-hint")}</p>
                    {note}
                    <form class="registration" method="post" action=action novalidate>
                        {rows}
                        <button type="submit" class="primary">{locale.t("badges-colours-save")}</button>
                    </form>
                </Frame>
            }
        },
    )
}
