//! The feeds, read by a real feed reader's library (feedparser): RSS 2.0
//! and Atom, the site's, a topic's and a conference's, in English, French
//! and Arabic, with the demo's news; conditional GET; and a feed that
//! changes when a post is published from the back office.

use crate::common::{read_feed, TestApp};
use serde_json::Value;

/// The public address the tests' server is configured with.
const BASE: &str = "http://convene.test";

on_both_backends!(
    every_feed_reads_in_every_language_and_format,
    an_aggregator_polling_gets_304_until_a_post_is_published,
);

/// The titles of a feed's entries.
fn titles(feed: &Value) -> Vec<String> {
    feed["entries"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["title"].as_str().unwrap_or_default().to_owned())
        .collect()
}

async fn fetch(app: &TestApp, path: &str, content_type: &str) -> Value {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    assert_eq!(
        response.headers()["content-type"],
        format!("{content_type}; charset=utf-8"),
        "{path}"
    );
    let feed = read_feed(&response.text().await.unwrap());
    assert_eq!(feed["bozo"], false, "{path}: {}", feed["problem"]);
    feed
}

async fn every_feed_reads_in_every_language_and_format(app: TestApp) {
    let mut read = 0;
    for (prefix, lang) in [("", "en"), ("/fr", "fr"), ("/ar", "ar")] {
        for (extension, version, content_type) in [
            ("rss", "rss20", "application/rss+xml"),
            ("atom", "atom10", "application/atom+xml"),
        ] {
            let topic = format!("{prefix}/topics/migration/feed.{extension}");
            let feed = fetch(&app, &topic, content_type).await;
            read += 1;
            assert_eq!(feed["version"], version, "{topic}");
            assert_eq!(feed["language"], lang, "{topic}");
            let entries = feed["entries"].as_array().unwrap();
            // The four posts of the demo and its two conferences.
            assert_eq!(entries.len(), 6, "{topic}: {:?}", titles(&feed));
            // Newest first: International Migrants Day, 18 December 2017.
            let newest = &entries[0];
            assert_eq!(
                newest["link"],
                format!("{BASE}{prefix}/news/international-migrants-day-cities-reaffirm-mechelen"),
                "{topic}: links in the reader's language"
            );
            assert_eq!(
                newest["id"],
                format!("{BASE}/news/international-migrants-day-cities-reaffirm-mechelen"),
                "{topic}: one id in every language"
            );
            let declaration = entries
                .iter()
                .find(|e| {
                    e["link"]
                        .as_str()
                        .unwrap()
                        .ends_with("/news/mayors-adopt-the-mechelen-declaration")
                })
                .expect("the declaration");
            let content = declaration["content"][0].as_str().unwrap();
            assert!(
                content.contains("<strong>"),
                "{topic}: the whole body, rendered: {content}"
            );
            assert!(declaration["tags"]
                .as_array()
                .unwrap()
                .iter()
                .any(|t| t.as_str().is_some()));
            match lang {
                "fr" => assert!(
                    titles(&feed)
                        .iter()
                        .any(|t| t.starts_with("Des maires et gouverneurs")),
                    "{topic}: French titles"
                ),
                "ar" => {
                    assert!(
                        titles(&feed)
                            .iter()
                            .any(|t| t.starts_with("اليوم الدولي للمهاجرين")),
                        "{topic}: Arabic titles"
                    );
                    // No Arabic for the declaration: its English, said so.
                    assert!(declaration["title"].as_str().unwrap().starts_with("Mayors"));
                    if extension == "atom" {
                        assert_eq!(declaration["title_language"], "en", "{topic}");
                        assert_eq!(newest["title_language"], "ar", "{topic}");
                    }
                }
                _ => assert!(titles(&feed)
                    .iter()
                    .any(|t| t.starts_with("#Cities4Migration"))),
            }
        }
        for extension in ["rss", "atom"] {
            let content_type = format!("application/{extension}+xml");
            let site = format!("{prefix}/feed.{extension}");
            let feed = fetch(&app, &site, &content_type).await;
            assert_eq!(feed["entries"].as_array().unwrap().len(), 6, "{site}");
            let conference = format!("{prefix}/conferences/beirut-2017/feed.{extension}");
            let feed = fetch(&app, &conference, &content_type).await;
            assert_eq!(
                titles(&feed).len(),
                1,
                "{conference}: its own news only: {:?}",
                titles(&feed)
            );
            read += 2;
        }
    }
    for missing in [
        "/topics/no-such-topic/feed.rss",
        "/conferences/no-such-conference/feed.atom",
    ] {
        assert_eq!(app.get(missing).await.status(), 404, "{missing}");
    }
    // Every page announces the feeds to feed readers, and offers them.
    let topic = app.page("/ar/topics/migration").await;
    for href in [
        "/ar/topics/migration/feed.rss",
        "/ar/topics/migration/feed.atom",
        "/ar/feed.rss",
    ] {
        assert!(
            topic.contains(&format!(r#"<link href="{href}" rel="alternate""#)),
            "{href} announced in the topic page's head"
        );
    }
    assert!(
        topic.contains(r#"<a href="/ar/topics/migration/feed.rss" type="application/rss+xml""#),
        "a Subscribe link"
    );
    println!("feeds: {read} feeds read by feedparser (RSS and Atom, EN/FR/AR, site/topic/conference), none ill-formed");
}

async fn an_aggregator_polling_gets_304_until_a_post_is_published(app: TestApp) {
    let path = "/topics/migration/feed.atom";
    let first = app.get(path).await;
    assert_eq!(first.status(), 200);
    let tag = first.headers()["etag"].to_str().unwrap().to_owned();
    let modified = first.headers()["last-modified"]
        .to_str()
        .unwrap()
        .to_owned();
    assert!(tag.starts_with("W/\""), "{tag}");
    // International Migrants Day, 09:00 UTC: the newest of the demo.
    assert_eq!(modified, "Mon, 18 Dec 2017 09:00:00 GMT");
    let again = app.get_with(path, &[("if-none-match", &tag)]).await;
    assert_eq!(again.status(), 304);
    assert_eq!(again.headers()["etag"], tag.as_str());
    assert!(again.bytes().await.unwrap().is_empty(), "a 304 has no body");
    let since = app
        .get_with(path, &[("if-modified-since", &modified)])
        .await;
    assert_eq!(since.status(), 304);
    let other = app
        .get_with(path, &[("if-none-match", "W/\"something-else\"")])
        .await;
    assert_eq!(other.status(), 200);
    // A prefixed feed sets the language's cookie, which readers never send
    // back: it is kept as rendered all the same.
    let arabic = "/ar/topics/migration/feed.atom";
    assert!(app.get(arabic).await.headers().get("set-cookie").is_some());
    let kept = app.get(arabic).await;
    assert!(kept.headers().get("age").is_some(), "answered from memory");
    // An organiser publishes from the back office: the feed changes at once.
    crate::common::account(&app, "organiser-n@example.org", false).await;
    app.store
        .grant(
            "organiser-n@example.org",
            "mechelen-2017",
            convene::account::StaffRole::Organiser,
        )
        .await
        .unwrap();
    let cookie = crate::common::sign_in(&app, "organiser-n@example.org").await;
    let published = app
        .client
        .post(app.url("/admin/news/new"))
        .header("cookie", &cookie)
        .header("origin", app.base.as_str())
        .form(&[
            ("kind", "news"),
            ("title_en", "Mechelen, one year on"),
            ("teaser_en", "What the cities did."),
            ("body_en", "A year of **work**."),
            ("topics", "Migration"),
            ("conference", "mechelen-2017"),
            ("publish_day", "2018-11-16"),
            ("publish_time", "10:00"),
            ("intent", "save"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(published.status(), 303);
    let changed = app.get_with(path, &[("if-none-match", &tag)]).await;
    assert_eq!(changed.status(), 200, "a new post: a new feed");
    assert_ne!(changed.headers()["etag"], tag.as_str());
    let feed = read_feed(&changed.text().await.unwrap());
    assert_eq!(titles(&feed)[0], "Mechelen, one year on");
    println!("feeds: 304 for a matching ETag or date; a post published from the back office changes the feed at once");
}
