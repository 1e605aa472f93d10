//! Posts in the store, on SQLite and PostgreSQL: a draft is never read, a
//! scheduled post appears when its time comes and not before, the newest
//! come first, a topic lists its own, pages of ten say whether older ones
//! follow, and an address is made from the title or refused when taken.
//! Each starts from no news (the demo's posts removed).

use crate::common::Inspect;
use chrono::{Duration, TimeZone, Utc};
use convene::news::{PostEdit, PostForm, PER_PAGE};
use convene::scope::Scope;
use convene::store::{ImageChange, PostSaved, Store};
use convene::VenueZone;

on_both_backends!(a_topic_page_lists_its_news_and_a_post_reads_whole_and_inert,);

on_both_stores!(
    a_post_appears_when_its_time_comes_and_a_draft_never,
    topics_list_their_posts_newest_first_ten_a_page,
    an_address_is_made_from_the_title_or_refused_when_taken,
    eight_posts_of_one_title_at_once_get_eight_addresses,
);

fn saved(address: &str) -> PostSaved {
    PostSaved::Saved(convene::Slug::parse(address).unwrap())
}

fn topic(slug: &str) -> Scope {
    Scope::Topic(convene::Slug::parse(slug).unwrap())
}

/// A post as the form would give it, published at `day time` in Brussels
/// (a draft when `day` is empty).
fn post(title: &str, topics: &str, day: &str, time: &str) -> PostEdit {
    let pairs = [
        ("kind", "news"),
        ("title_en", title),
        ("teaser_en", "Cities and migration."),
        ("body_en", "The **Mechelen Declaration** was adopted."),
        ("topics", topics),
        ("publish_day", day),
        ("publish_time", time),
    ];
    let form = PostForm::from_pairs(pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())));
    PostEdit::parse(&form, VenueZone::parse("Europe/Brussels").unwrap()).expect("a post")
}

fn titles(posts: &[convene::news::Post]) -> Vec<String> {
    posts
        .iter()
        .map(|p| p.title.get(convene::Lang::En).to_owned())
        .collect()
}

async fn a_post_appears_when_its_time_comes_and_a_draft_never(store: Store) {
    store.clear_news().await.unwrap();
    let now = Utc.with_ymd_and_hms(2017, 11, 17, 12, 0, 0).unwrap();
    for edit in [
        post("Save the date", "Migration", "2017-09-01", "09:00"),
        post(
            "The declaration is adopted",
            "Migration",
            "2017-11-17",
            "16:00",
        ),
        post("A draft nobody reads", "Migration", "", ""),
    ] {
        assert!(matches!(
            store
                .create_post(&edit, ImageChange::Keep, None, now)
                .await
                .unwrap(),
            PostSaved::Saved(_)
        ));
    }
    let (before, _) = store.published_posts(&Scope::Site, now, 1).await.unwrap();
    assert_eq!(
        titles(&before),
        ["Save the date"],
        "16:00 in Brussels has not come"
    );
    assert!(store
        .post("the-declaration-is-adopted", now)
        .await
        .unwrap()
        .is_none());
    // 16:00 in Brussels is 15:00 UTC.
    let after = Utc.with_ymd_and_hms(2017, 11, 17, 15, 0, 0).unwrap();
    let (posts, more) = store.published_posts(&Scope::Site, after, 1).await.unwrap();
    assert_eq!(
        titles(&posts),
        ["The declaration is adopted", "Save the date"]
    );
    assert!(!more);
    let adopted = store
        .post("the-declaration-is-adopted", after)
        .await
        .unwrap()
        .expect("published at its time");
    assert_eq!(adopted.published_at, after);
    let topics: Vec<(&str, &str)> = adopted
        .topics
        .iter()
        .map(|t| (t.slug.as_str(), t.name.get(convene::Lang::En)))
        .collect();
    assert_eq!(topics, [("migration", "Migration")]);
    let never = after + Duration::days(3650);
    let (all, _) = store.published_posts(&Scope::Site, never, 1).await.unwrap();
    assert!(!titles(&all).contains(&"A draft nobody reads".to_owned()));
    assert!(store
        .post("a-draft-nobody-reads", never)
        .await
        .unwrap()
        .is_none());
    println!("posts: a scheduled post appeared at 15:00 UTC (16:00 in Brussels), not before; a draft never");
}

async fn topics_list_their_posts_newest_first_ten_a_page(store: Store) {
    store.clear_news().await.unwrap();
    let now = Utc.with_ymd_and_hms(2018, 1, 1, 0, 0, 0).unwrap();
    for day in 1..=12 {
        let edit = post(
            &format!("Migration news {day}"),
            "Migration",
            &format!("2017-12-{day:02}"),
            "10:00",
        );
        store
            .create_post(&edit, ImageChange::Keep, None, now)
            .await
            .unwrap();
    }
    let other = post("Climate news", "Climate", "2017-12-31", "10:00");
    store
        .create_post(&other, ImageChange::Keep, None, now)
        .await
        .unwrap();
    let (first, more) = store
        .published_posts(&topic("migration"), now, 1)
        .await
        .unwrap();
    assert_eq!(first.len(), PER_PAGE as usize);
    assert!(more, "older ones follow");
    assert_eq!(first[0].title.get(convene::Lang::En), "Migration news 12");
    let (second, more) = store
        .published_posts(&topic("migration"), now, 2)
        .await
        .unwrap();
    assert_eq!(titles(&second), ["Migration news 2", "Migration news 1"]);
    assert!(!more);
    let (climate, _) = store
        .published_posts(&topic("climate"), now, 1)
        .await
        .unwrap();
    assert_eq!(titles(&climate), ["Climate news"]);
    let (everything, _) = store.published_posts(&Scope::Site, now, 1).await.unwrap();
    assert_eq!(everything[0].title.get(convene::Lang::En), "Climate news");
    println!("posts: 12 under Migration in pages of 10 and 2, newest first; Climate lists its own");
}

async fn an_address_is_made_from_the_title_or_refused_when_taken(store: Store) {
    store.clear_news().await.unwrap();
    let now = Utc::now();
    let edit = post(
        "Cities reaffirm their commitment",
        "",
        "2017-12-18",
        "09:00",
    );
    assert_eq!(
        store
            .create_post(&edit, ImageChange::Keep, None, now)
            .await
            .unwrap(),
        saved("cities-reaffirm-their-commitment")
    );
    assert_eq!(
        store
            .create_post(&edit, ImageChange::Keep, None, now)
            .await
            .unwrap(),
        saved("cities-reaffirm-their-commitment-2")
    );
    let (posts, _) = store.published_posts(&Scope::Site, now, 1).await.unwrap();
    let mut addresses: Vec<&str> = posts.iter().map(|p| p.slug.as_str()).collect();
    addresses.sort();
    assert_eq!(
        addresses,
        [
            "cities-reaffirm-their-commitment",
            "cities-reaffirm-their-commitment-2"
        ]
    );
    let mut typed = edit.clone();
    typed.slug = Some(convene::Slug::parse("cities-reaffirm-their-commitment").unwrap());
    assert_eq!(
        store
            .create_post(&typed, ImageChange::Keep, None, now)
            .await
            .unwrap(),
        PostSaved::SlugTaken
    );
    let mut elsewhere = edit.clone();
    elsewhere.conference = Some(convene::Slug::parse("no-such-conference").unwrap());
    assert_eq!(
        store
            .create_post(&elsewhere, ImageChange::Keep, None, now)
            .await
            .unwrap(),
        PostSaved::NotFound
    );
    let mut mechelen = edit;
    mechelen.conference = Some(convene::Slug::parse("mechelen-2017").unwrap());
    assert_eq!(
        store
            .create_post(&mechelen, ImageChange::Keep, None, now)
            .await
            .unwrap(),
        saved("cities-reaffirm-their-commitment-3")
    );
}

async fn eight_posts_of_one_title_at_once_get_eight_addresses(store: Store) {
    store.clear_news().await.unwrap();
    let now = Utc::now();
    let edit = post("Save the date", "Migration", "2017-09-01", "09:00");
    let writes: Vec<_> = (0..8)
        .map(|_| {
            let (store, edit) = (store.clone(), edit.clone());
            tokio::spawn(
                async move { store.create_post(&edit, ImageChange::Keep, None, now).await },
            )
        })
        .collect();
    for write in writes {
        assert!(
            matches!(write.await.unwrap().unwrap(), PostSaved::Saved(_)),
            "each lands whole"
        );
    }
    let (posts, _) = store
        .published_posts(&topic("migration"), now, 1)
        .await
        .unwrap();
    let mut addresses: Vec<&str> = posts.iter().map(|p| p.slug.as_str()).collect();
    addresses.sort();
    addresses.dedup();
    assert_eq!(addresses.len(), 8, "{addresses:?}");
    println!("posts: 8 of one title written at once, 8 addresses");
}

/// A post in English and Arabic whose body tries every trick.
fn declaration() -> PostEdit {
    let pairs = [
        ("kind", "statement"),
        ("title_en", "Mayors adopt the Mechelen Declaration"),
        ("teaser_en", "Cities commit to welcoming migrants."),
        (
            "body_en",
            "The **declaration** was adopted.\n\n<script>alert(1)</script>\n\n\
             <img src=x onerror=alert(2)> [read](javascript:alert(3))",
        ),
        ("title_ar", "رؤساء البلديات يعتمدون إعلان ميخلين"),
        ("teaser_ar", "المدن تلتزم باستقبال المهاجرين."),
        ("body_ar", "تم **اعتماد** الإعلان."),
        ("topics", "Migration"),
        ("publish_day", "2017-11-17"),
        ("publish_time", "16:00"),
    ];
    let form = PostForm::from_pairs(pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())));
    PostEdit::parse(&form, VenueZone::parse("Europe/Brussels").unwrap()).expect("a post")
}

async fn a_topic_page_lists_its_news_and_a_post_reads_whole_and_inert(app: crate::common::TestApp) {
    app.store.clear_news().await.unwrap();
    let now = Utc::now();
    assert!(matches!(
        app.store
            .create_post(&declaration(), ImageChange::Keep, None, now)
            .await
            .unwrap(),
        PostSaved::Saved(_)
    ));
    let draft = post("A draft nobody reads", "Migration", "", "");
    app.store
        .create_post(&draft, ImageChange::Keep, None, now)
        .await
        .unwrap();
    let topic = app.page("/topics/migration").await;
    assert!(
        topic.contains("Mayors adopt the Mechelen Declaration"),
        "the title is listed"
    );
    assert!(
        topic.contains("Cities commit to welcoming migrants."),
        "with its teaser"
    );
    assert!(topic.contains(r#"href="/news/mayors-adopt-the-mechelen-declaration""#));
    assert!(!topic.contains("A draft nobody reads"));
    let page = app
        .page("/news/mayors-adopt-the-mechelen-declaration")
        .await;
    assert!(
        page.contains("<strong>declaration</strong>"),
        "Markdown rendered"
    );
    assert!(
        page.contains(r#"href="/topics/migration" lang="en">Migration</a>"#),
        "its topic by name"
    );
    for inert in ["<script>alert", "onerror", "javascript:"] {
        assert!(!page.contains(inert), "{inert} in the post's page");
    }
    assert!(page.contains("Published 17 November 2017") || page.contains("17 November 2017"));
    let arabic = app
        .page("/ar/news/mayors-adopt-the-mechelen-declaration")
        .await;
    assert!(
        arabic.contains("<strong>اعتماد</strong>"),
        "the Arabic body in Arabic"
    );
    assert!(arabic.contains("رؤساء البلديات يعتمدون إعلان ميخلين"));
    let french = app
        .page("/fr/news/mayors-adopt-the-mechelen-declaration")
        .await;
    assert!(
        french.contains(r#"lang="en""#) && french.contains("<strong>declaration</strong>"),
        "no French: the original, marked as English"
    );
    assert_eq!(app.get("/news/a-draft-nobody-reads").await.status(), 404);
    assert_eq!(app.get("/news/no-such-post").await.status(), 404);
    // Eleven posts: ten on the first page, and a link to the older ones.
    for n in 0..10 {
        let edit = post(&format!("Week {n}"), "Migration", "2017-12-01", "10:00");
        app.store
            .create_post(&edit, ImageChange::Keep, None, now)
            .await
            .unwrap();
    }
    // Another address than the one read above, which the site keeps for a
    // moment: these posts were written behind its back.
    let first = app.page("/topics/migration?news=1").await;
    assert!(first.contains(r#"href="?news=2""#), "older news follow");
    let second = app.page("/topics/migration?news=2").await;
    assert!(
        second.contains("Mayors adopt the Mechelen Declaration"),
        "the oldest, on page 2"
    );
    assert!(!second.contains(r#"href="?news=3""#));
    println!("news: a topic page lists its posts ten a page; a post reads in EN and AR, inert");
}
