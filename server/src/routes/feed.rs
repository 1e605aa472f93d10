//! Feeds, RSS 2.0 and Atom, in the visitor's language: the whole site's
//! (its news and its conferences), a topic's (its news and conferences) and
//! a conference's (its news). Each answer carries an `ETag` and a
//! `Last-Modified`, so an aggregator polling every few minutes gets a
//! bodiless 304 (see [`super::conditional`]).

use super::refusal::Refusal;
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::header::{CONTENT_TYPE, ETAG, LAST_MODIFIED};
use axum::http::{HeaderValue, Uri};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use convene::feed::{Channel, Format, Item, FEED_POSTS};
use convene::scope::Scope;
use convene_app::Locale;

/// The format the address names by its extension.
fn format(uri: &Uri) -> Format {
    if uri.path().ends_with(".rss") {
        Format::Rss
    } else {
        Format::Atom
    }
}

fn channel(
    state: &AppState,
    locale: Locale,
    scope: &Scope,
    format: Format,
    title: String,
    page: String,
) -> Channel {
    Channel {
        description: title.clone(),
        title: format!("{} · {title}", locale.t("site-name")),
        lang: locale.lang,
        base: state.base_url.clone(),
        localized: format!(
            "{}{}",
            state.base_url,
            locale.href("/").trim_end_matches('/')
        ),
        page,
        feed: convene::paths::feed(scope, format),
    }
}

pub async fn site(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    uri: Uri,
) -> Result<Response, Refusal> {
    let format = format(&uri);
    let scope = Scope::Site;
    let now = chrono::Utc::now();
    let posts = state.store.newest_posts(&scope, now, FEED_POSTS, 0).await?;
    let conferences = state.store.conferences(None).await?;
    let channel = channel(
        &state,
        locale,
        &scope,
        format,
        locale.t("home-title"),
        "/".into(),
    );
    let documents = documents_of(&state, &posts).await?;
    let mut items = post_items(&posts, &documents);
    items.extend(conferences.iter().map(Item::Conference));
    Ok(answer(format, &channel, &mut items))
}

/// The documents each post refers to, in the posts' order.
async fn documents_of(
    state: &AppState,
    posts: &[convene::news::Post],
) -> Result<Vec<Vec<convene::documents::Document>>, Refusal> {
    let mut documents = Vec::with_capacity(posts.len());
    for post in posts {
        documents.push(state.store.post_documents(post.slug.as_str()).await?);
    }
    Ok(documents)
}

fn post_items<'a>(
    posts: &'a [convene::news::Post],
    documents: &'a [Vec<convene::documents::Document>],
) -> Vec<Item<'a>> {
    posts
        .iter()
        .zip(documents)
        .map(|(post, documents)| Item::Post(post, documents))
        .collect()
}

pub async fn topic(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(topic): Path<String>,
    uri: Uri,
) -> Result<Response, Refusal> {
    let format = format(&uri);
    let topic = state
        .store
        .topics()
        .await?
        .into_iter()
        .find(|t| t.slug.as_str() == topic)
        .ok_or(Refusal::NotFound)?;
    let scope = Scope::Topic(topic.slug.clone());
    let now = chrono::Utc::now();
    let posts = state.store.newest_posts(&scope, now, FEED_POSTS, 0).await?;
    let conferences = state.store.conferences(Some(topic.slug.as_str())).await?;
    let title = locale.t_args("topic-title", &[("topic", topic.name.get(locale.lang))]);
    let page = convene::paths::topic(&topic.slug);
    let channel = channel(&state, locale, &scope, format, title, page);
    let documents = documents_of(&state, &posts).await?;
    let mut items = post_items(&posts, &documents);
    items.extend(conferences.iter().map(Item::Conference));
    Ok(answer(format, &channel, &mut items))
}

pub async fn conference(
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    uri: Uri,
) -> Result<Response, Refusal> {
    let format = format(&uri);
    let conference = state
        .store
        .conference(&slug)
        .await?
        .ok_or(Refusal::NotFound)?;
    let scope = Scope::Conference(conference.slug.clone());
    let posts = state
        .store
        .newest_posts(&scope, chrono::Utc::now(), FEED_POSTS, 0)
        .await?;
    let title = conference.title.get(locale.lang).to_owned();
    let page = convene::paths::conference(&conference.slug);
    let channel = channel(&state, locale, &scope, format, title, page);
    let documents = documents_of(&state, &posts).await?;
    let mut items = post_items(&posts, &documents);
    Ok(answer(format, &channel, &mut items))
}

/// The feed, with its validators: the hash of its bytes (weak: compression
/// may change them on the way) and its newest change.
fn answer(format: Format, channel: &Channel, items: &mut [Item]) -> Response {
    let written = convene::feed::write(format, channel, items);
    let mut response = written.body.into_response();
    let headers = response.headers_mut();
    let content_type = format!("{}; charset=utf-8", format.content_type());
    let validators = [
        (CONTENT_TYPE, content_type),
        (ETAG, format!("W/\"{}\"", written.tag)),
        (
            LAST_MODIFIED,
            written
                .updated
                .format("%a, %d %b %Y %H:%M:%S GMT")
                .to_string(),
        ),
    ];
    for (name, value) in validators {
        if let Ok(value) = HeaderValue::from_str(&value) {
            headers.insert(name, value);
        }
    }
    response
}
