//! What a conference shares beyond its own pages, for its organisers: the
//! categories its public list of participants shows (none by default),
//! the snippets that embed its agenda and its topics' upcoming
//! conferences in other sites, and its schedule for other tools.

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
use crate::submission::{from_request, SharingSaved};
#[cfg(feature = "ssr")]
use convene::account::Action;
use convene::participants::ListedCategories;
use convene::registration::Category;
use convene::schedule::Format;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SharingDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    pub listed: ListedCategories,
    /// The categories the conference offers, each with how many confirmed
    /// delegates agreed to be listed.
    pub offered: Vec<(Category, u32)>,
    /// The site's public address, for the snippets.
    pub site: String,
    pub topics: Vec<convene::Topic>,
}

/// Conference `slug`'s sharing, for its organisers.
#[server]
pub async fn get_sharing(slug: String) -> Result<Access<SharingDesk>, ServerFnError> {
    let store = store()?;
    let site = use_context::<convene::paths::SiteAddress>()
        .ok_or_else(|| ServerFnError::new("no site address in context"))?;
    answer(
        async {
            let (desk, account) = open_desk(&store, &slug, Action::EditConference).await?;
            let listed = store.listed_categories(&slug).await?.unwrap_or_default();
            let agreed = store.agreed_to_be_listed(&slug).await?;
            let offered = match store.conference_settings(&slug).await? {
                Some((settings, _)) => settings.categories,
                None => Category::ALL.to_vec(),
            };
            let topics = desk.conference.topics.clone();
            Ok(SharingDesk {
                offered: offered
                    .into_iter()
                    .map(|c| {
                        let n = agreed.iter().find(|(a, _)| *a == c).map_or(0, |(_, n)| *n);
                        (c, n)
                    })
                    .collect(),
                listed,
                site: site.0,
                topics,
                desk,
                signed_in_as: account.email,
            })
        }
        .await,
    )
}

#[component]
pub fn AdminSharingPage() -> impl IntoView {
    guarded(get_sharing(param("slug")), |page: SharingDesk| {
        let locale = Locale::current();
        let lang = locale.lang;
        let c = page.desk.conference.clone();
        let title = c.title.get(lang).to_owned();
        let saved = from_request::<SharingSaved>().map(
            |_| view! { <p class="outcome saved" role="status">{locale.t("sharing-saved")}</p> },
        );
        let boxes = page
            .offered
            .iter()
            .map(|(category, agreed)| {
                let code = category.code();
                let id = format!("field-listed-{code}");
                let count = locale.t_args("sharing-agreed", &[("count", &agreed.to_string())]);
                view! {
                    <div class="field check">
                        <input type="checkbox" id=id.clone() name=format!("listed-{code}")
                            checked=page.listed.has(*category)/>
                        <label for=id>{locale.t(&category.key())}</label>
                        " "
                        <span class="hint">{count}</span>
                    </div>
                }
            })
            .collect_view();
        let action = locale.href(&convene::paths::admin::sharing(&c.slug));
        let public_list = page.desk.published.then(|| {
            let href = locale.href(&convene::paths::participants(&c.slug));
            view! { <p><a href=href>{locale.t("sharing-see-list")}</a></p> }
        });
        // One snippet per language of the conference: the embed follows the
        // parent site's language by its `lang`.
        let snippet = |path: String, height: u32, name: &str| {
            let src = convene::paths::link(&page.site, &path);
            let name = convene::escape::markup(name);
            format!(
                "<iframe src=\"{src}\" title=\"{name}\" width=\"100%\" height=\"{height}\" style=\"border:0\" loading=\"lazy\"></iframe>"
            )
        };
        let languages = if c.languages.is_empty() {
            vec![lang]
        } else {
            c.languages.clone()
        };
        let agenda_snippets = languages
            .iter()
            .map(|l| {
                let text = snippet(
                    convene::paths::embed_agenda(&c.slug, *l),
                    800,
                    c.title.get(*l),
                );
                view! {
                    <p class="snippet-label">{l.native_name()}</p>
                    <pre class="snippet"><code>{text}</code></pre>
                }
            })
            .collect_view();
        let topic_snippets = page
            .topics
            .iter()
            .map(|t| {
                let text = snippet(
                    convene::paths::embed_upcoming(Some(t.slug.as_str()), lang),
                    480,
                    t.name.get(lang),
                );
                view! {
                    <p class="snippet-label">{t.name.get(lang).to_owned()}</p>
                    <pre class="snippet"><code>{text}</code></pre>
                }
            })
            .collect_view();
        let exports = Format::ALL
            .iter()
            .map(|f| {
                let href = convene::paths::link(&page.site, &convene::paths::schedule(&c.slug, *f));
                view! { <li><a href=href.clone()>{f.label()}</a> " " <code>{href}</code></li> }
            })
            .collect_view();
        view! {
            <Frame title=format!("{} · {title}", locale.t("sharing-title"))>
                <SignedInAs email=page.signed_in_as.clone()/>
                <p class="breadcrumb">
                    <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                    <a href=locale.href(&convene::paths::admin::conference(&c.slug))>{title.clone()}</a>
                </p>
                <h1>{locale.t("sharing-title")}</h1>
                {saved}
                <h2>{locale.t("participants-title")}</h2>
                <p class="hint">{locale.t("sharing-list-hint")}</p>
                <form class="registration" method="post" action=action novalidate>
                    <fieldset>
                        <legend>{locale.t("sharing-categories")}</legend>
                        {boxes}
                    </fieldset>
                    <button type="submit" class="primary">{locale.t("sharing-save")}</button>
                </form>
                {public_list}
                <h2>{locale.t("sharing-embed")}</h2>
                <p class="hint">{locale.t("sharing-embed-hint")}</p>
                {agenda_snippets}
                {(!page.topics.is_empty()).then(|| view! { <h3>{locale.t("sharing-embed-upcoming")}</h3> })}
                {topic_snippets}
                <h2>{locale.t("sharing-exports")}</h2>
                <p class="hint">{locale.t("sharing-exports-hint")}</p>
                <ul>{exports}</ul>
            </Frame>
        }
    })
}
