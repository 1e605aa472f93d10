//! News: a topic's newest posts (on its page, ten at a time, with a link
//! to older ones that works without JavaScript) and one post's page.

use super::{loaded, param};
use crate::api::{NewsPage, PostPage};
use crate::components::{Feeds, Frame};
use crate::locale::Locale;
use convene::i18n::long_date;
use convene::news::Post;
use convene::scope::Scope;
use leptos::prelude::*;
use leptos_meta::Meta;

/// A post's kind as its list and page say it.
fn kind_label(locale: &Locale, post: &Post) -> String {
    match &post.kind_label {
        Some(label) => label.clone(),
        None => locale.t(&format!("news-kind-{}", post.kind.code())),
    }
}

/// The newest posts of `scope` (named `title`), the page `?news=N` says,
/// and the scope's feeds (the site's are in every page's footer).
#[component]
pub fn NewsSection(scope: Scope, title: String) -> impl IntoView {
    let locale = Locale::current();
    let page = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("news")
        .and_then(|n| n.parse::<u32>().ok())
        .unwrap_or(1);
    view! {
        <Suspense>
            {Suspend::new(async move {
                let feeds = (scope != Scope::Site).then(|| {
                    let label = locale.t("news-subscribe");
                    view! { <p><Feeds scope=scope.clone() label title/></p> }
                });
                let Ok(news) = crate::api::list_posts(scope.clone(), page).await else {
                    return view! { <p class="empty">{locale.t("error-body")}</p> }.into_any();
                };
                news_list(&locale, news, feeds).into_any()
            })}
        </Suspense>
    }
}

fn news_list(locale: &Locale, news: NewsPage, feeds: Option<impl IntoView>) -> impl IntoView {
    let items = news
        .posts
        .iter()
        .map(|post| {
            let href = locale.href(&convene::paths::news(&post.slug));
            let lang = post.title.lang_of(locale.lang).code();
            let date = long_date(locale.lang, post.published_at.date_naive());
            view! {
                <li class="post-card">
                    <span class="kind">{kind_label(locale, post)}</span>
                    <a href=href lang=lang>{post.title.get(locale.lang).to_owned()}</a>
                    <span class="dates">{date}</span>
                    <p lang=post.teaser.lang_of(locale.lang).code()>{post.teaser.get(locale.lang).to_owned()}</p>
                </li>
            }
        })
        .collect_view();
    let empty = news
        .posts
        .is_empty()
        .then(|| view! { <p class="empty">{locale.t("news-none")}</p> });
    let older = news.older.then(|| {
        let href = format!("?news={}", news.page + 1);
        view! { <p><a href=href rel="next">{locale.t("news-older")}</a></p> }
    });
    view! {
        <section class="news">
            <h2>{locale.t("news-title")}</h2>
            {feeds}
            {empty}
            <ul class="posts">{items}</ul>
            {older}
        </section>
    }
}

/// `/news/{slug}`: one post.
#[component]
pub fn PostPage() -> impl IntoView {
    let locale = Locale::current();
    let slug = param("slug");
    loaded(
        crate::api::get_post(slug, locale.lang.code().to_owned()),
        move |page: PostPage| {
            let post = page.post;
            let title = post.title.get(locale.lang).to_owned();
            let date = long_date(locale.lang, post.published_at.date_naive());
            let topics = post
                .topics
                .iter()
                .map(|t| {
                    let href = locale.href(&convene::paths::topic(&t.slug));
                    let name = t.name.get(locale.lang).to_owned();
                    view! { <li><a href=href lang=t.name.lang_of(locale.lang).code()>{name}</a></li> }
                })
                .collect_view();
            // Changed after it appeared: said, with the day.
            let updated = (post.updated_at > post.published_at).then(|| {
                let day = long_date(locale.lang, post.updated_at.date_naive());
                view! { " · " {locale.t_args("news-updated", &[("date", &day)])} }
            });
            let conference = post.conference.as_ref().zip(page.conference.as_ref()).map(|(slug, name)| {
                let href = locale.href(&convene::paths::conference(slug));
                view! { <p class="conference"><a href=href lang=name.lang_of(locale.lang).code()>{name.get(locale.lang).to_owned()}</a></p> }
            });
            let neighbour = |link: &Option<(convene::Slug, convene::Localized)>,
                             rel: &'static str,
                             key: &str| {
                link.as_ref().map(|(slug, title)| {
                    let href = locale.href(&convene::paths::news(slug));
                    view! {
                        <li class=rel>
                            {locale.t(key)} " "
                            <a href=href rel=rel lang=title.lang_of(locale.lang).code()>{title.get(locale.lang).to_owned()}</a>
                        </li>
                    }
                })
            };
            let older = neighbour(&page.older, "prev", "news-older-post");
            let newer = neighbour(&page.newer, "next", "news-newer-post");
            let teaser = post.teaser.get(locale.lang).to_owned();
            view! {
                <Frame title=title.clone()>
                    <Meta name="description" content=teaser.clone()/>
                    <Meta property="og:type" content="article"/>
                    <Meta property="og:title" content=title.clone()/>
                    <Meta property="og:description" content=teaser.clone()/>
                    <Meta property="og:locale" content=locale.lang.code()/>
                    <Meta property="article:published_time" content=post.published_at.to_rfc3339()/>
                    <article class="post">
                        <p class="kind">{kind_label(&locale, &post)}</p>
                        <h1 lang=post.title.lang_of(locale.lang).code()>{title}</h1>
                        <p class="dates">{locale.t_args("news-published", &[("date", &date)])}{updated}</p>
                        {conference}
                        <p class="teaser" lang=post.teaser.lang_of(locale.lang).code()>{post.teaser.get(locale.lang).to_owned()}</p>
                        {post.image.as_ref().map(|image| view! {
                            <figure>
                                <img src=image.path() alt=image.alt.get(locale.lang).to_owned() lang=image.alt.lang_of(locale.lang).code()/>
                            </figure>
                        })}
                        // Sanitised on the server (`news::markdown`).
                        <div class="body" lang=post.body.lang_of(locale.lang).code() inner_html=page.body_html></div>
                        <ul class="topics">{topics}</ul>
                        {super::documents::post_documents(&locale, &page.documents)}
                    </article>
                    <nav class="neighbours" aria-label=locale.t("news-title")>
                        <ul>{older}{newer}</ul>
                    </nav>
                </Frame>
            }
        },
    )
}
