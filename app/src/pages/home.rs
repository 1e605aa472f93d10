//! The home page (conferences by topic, upcoming and past) and a topic's page.

use super::{param, NotFound, Unavailable};
use crate::components::picture::PictureView;
use crate::components::{country_name, Frame};
use crate::locale::Locale;
use convene::conference::upcoming_and_past;
use convene::i18n::date_range;
use convene::scope::Scope;
use convene::{Conference, Topic};
use leptos::prelude::*;

#[component]
pub fn HomePage() -> impl IntoView {
    let locale = Locale::current();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let topics = crate::api::list_topics().await;
                let conferences = crate::api::list_conferences(None).await;
                let (Ok(topics), Ok(conferences)) = (topics, conferences) else {
                    return view! { <Unavailable/> }.into_any();
                };
                let untopiced: Vec<Conference> =
                    conferences.iter().filter(|c| c.topics.is_empty()).cloned().collect();
                let sections = topics
                    .into_iter()
                    .map(|topic| {
                        let of_topic: Vec<Conference> = conferences
                            .iter()
                            .filter(|c| c.topics.iter().any(|t| t.slug == topic.slug))
                            .cloned()
                            .collect();
                        view! { <TopicSection topic=Some(topic) conferences=of_topic heading=2/> }
                    })
                    .collect_view();
                let rest = (!untopiced.is_empty())
                    .then(|| view! { <TopicSection topic=None conferences=untopiced heading=2/> });
                let empty = conferences.is_empty().then(|| view! { <p>{locale.t("home-no-conferences")}</p> });
                view! {
                    <Frame title=locale.t("home-title")>
                        <h1>{locale.t("home-title")}</h1>
                        <super::news::NewsSection scope=Scope::Site title=locale.t("site-name")/>
                        <super::documents::DocumentsSection scope=Scope::Site/>
                        {empty}
                        {sections}
                        {rest}
                    </Frame>
                }
                .into_any()
            })}
        </Suspense>
    }
}

#[component]
pub fn TopicPage() -> impl IntoView {
    let locale = Locale::current();
    let topic_slug = param("topic");
    view! {
        <Suspense>
            {Suspend::new(async move {
                let topics = crate::api::list_topics().await;
                let conferences = crate::api::list_conferences(Some(topic_slug.clone())).await;
                let (Ok(topics), Ok(conferences)) = (topics, conferences) else {
                    return view! { <Unavailable/> }.into_any();
                };
                let Some(topic) = topics.into_iter().find(|t| t.slug.as_str() == topic_slug) else {
                    return view! { <NotFound/> }.into_any();
                };
                let title = locale.t_args("topic-title", &[("topic", topic.name.get(locale.lang))]);
                let scope = Scope::Topic(topic.slug.clone());
                let topic_name = topic.name.get(locale.lang).to_owned();
                view! {
                    <Frame title=title.clone()>
                        <h1>{title}</h1>
                        <TopicSection topic=Some(topic) conferences heading=0/>
                        <super::news::NewsSection scope=scope.clone() title=topic_name/>
                        <super::documents::DocumentsSection scope/>
                    </Frame>
                }
                .into_any()
            })}
        </Suspense>
    }
}

/// A topic's conferences, upcoming then past. `heading` is the level of the
/// topic's own heading (0: the page's h1 already names it).
#[component]
fn TopicSection(topic: Option<Topic>, conferences: Vec<Conference>, heading: u8) -> impl IntoView {
    let locale = Locale::current();
    let today = chrono::Utc::now().date_naive();
    let (upcoming, past) = upcoming_and_past(conferences, today);
    let title = topic
        .as_ref()
        .map(|t| t.name.get(locale.lang).to_owned())
        .unwrap_or_else(|| locale.t("nav-conferences"));
    let topic_link = topic
        .as_ref()
        .map(|t| locale.href(&convene::paths::topic(&t.slug)));
    let head = match (heading, topic_link) {
        (0, _) => None,
        (_, Some(href)) => Some(view! { <h2><a href=href>{title}</a></h2> }.into_any()),
        (_, None) => Some(view! { <h2>{title}</h2> }.into_any()),
    };
    view! {
        <section class="topic">
            {head}
            <h3>{locale.t("home-upcoming")}</h3>
            <ConferenceList conferences=upcoming empty=locale.t("home-no-upcoming")/>
            <h3>{locale.t("home-past")}</h3>
            <ConferenceList conferences=past empty=locale.t("home-no-past")/>
        </section>
    }
}

#[component]
fn ConferenceList(conferences: Vec<Conference>, empty: String) -> impl IntoView {
    let locale = Locale::current();
    if conferences.is_empty() {
        return view! { <p class="empty">{empty}</p> }.into_any();
    }
    let items = conferences
        .into_iter()
        .map(|c| {
            let href = locale.href(&convene::paths::conference(&c.slug));
            let dates = date_range(locale.lang, c.starts_on, c.ends_on);
            let place = format!("{}, {}", c.city, country_name(&locale, &c.country));
            let logo = c.face.logo.clone().map(|picture| {
                let width = picture.width * 40 / picture.height.max(1);
                view! { <PictureView picture width class="logo" decorative=true/> }
            });
            view! {
                <li class="conference-card" style=c.face.style()>
                    {logo}
                    <a href=href lang=c.title.lang_of(locale.lang).code()>{c.title.get(locale.lang).to_owned()}</a>
                    <span class="dates">{dates}</span>
                    <span class="place">{place}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="conferences">{items}</ul> }.into_any()
}
