//! The news desk, on SQLite and PostgreSQL: an editor writes Mechelen's
//! news in three languages and sees nothing of its registrations; a form
//! with problems comes back as typed with each problem beside its field;
//! the preview stores nothing; a post outside the account's conferences
//! is refused; every publish, change and removal is in the audit log; a
//! double click writes one post, and eight parallel saves of one post
//! leave one post.

use super::*;
use crate::common::html;

on_both_backends!(
    an_editor_writes_news_in_three_languages_and_sees_no_registration,
    a_post_form_with_problems_comes_back_as_typed,
    a_double_click_and_eight_parallel_saves_leave_one_post,
    a_picture_needs_its_words_in_each_language,
);

/// A post in English, French and Arabic at Mechelen, published at `day`.
fn three_languages(token: &str, day: &str) -> Vec<(String, String)> {
    owned(&[
        ("token", token),
        ("kind", "report"),
        ("title_en", "The workshops of Mechelen"),
        ("teaser_en", "Four workshops, one declaration."),
        ("body_en", "Cities met in **four** workshops."),
        ("title_fr", "Les ateliers de Malines"),
        ("teaser_fr", "Quatre ateliers, une déclaration."),
        (
            "body_fr",
            "Les villes se sont réunies en **quatre** ateliers.",
        ),
        ("title_ar", "ورش عمل ميخلين"),
        ("teaser_ar", "أربع ورش عمل وإعلان واحد."),
        ("body_ar", "اجتمعت المدن في **أربع** ورش عمل."),
        ("topics", "Migration"),
        ("conference", "mechelen-2017"),
        ("publish_day", day),
        ("publish_time", "18:00"),
        ("intent", "save"),
    ])
}

async fn post_count(app: &TestApp) -> usize {
    app.store.post_records().await.unwrap().len()
}

async fn an_editor_writes_news_in_three_languages_and_sees_no_registration(app: TestApp) {
    let editor = member(&app, "editor-a@example.org", StaffRole::Editor).await;
    // Nothing of registrations.
    for path in [
        "/admin/conferences/mechelen-2017",
        "/admin/conferences/mechelen-2017/registrations",
        "/admin/conferences/mechelen-2017/registrations.csv",
        "/admin/conferences/mechelen-2017/mail",
    ] {
        let response = app.get_with(path, &[("cookie", &editor)]).await;
        assert_eq!(response.status(), 403, "{path}");
    }
    // The desk lists Mechelen's posts, not Beirut's nor the whole site's.
    let desk = html(app.get_with("/admin/news", &[("cookie", &editor)]).await).await;
    assert!(desk.contains("Mayors and governors from around the world adopt"));
    assert!(!desk.contains("#Cities4Migration"));
    assert!(!desk.contains("November, a month for cities and migration"));
    let home = html(app.get_with("/admin", &[("cookie", &editor)]).await).await;
    assert!(
        home.contains(r#"href="/admin/news""#),
        "the editor's way in"
    );

    let before = post_count(&app).await;
    // A preview: rendered as the public will read it, nothing stored.
    let mut preview = three_languages("", "2017-11-17");
    preview.retain(|(n, _)| n != "intent");
    preview.push(("intent".into(), "preview".into()));
    let shown = post_as(&app, "/admin/news/new", &editor, &preview).await;
    assert_eq!(shown.status(), 200);
    let shown = html(shown).await;
    assert!(shown.contains("Cities met in <strong>four</strong> workshops."));
    assert!(shown.contains("اجتمعت المدن في <strong>أربع</strong> ورش عمل."));
    assert_eq!(post_count(&app).await, before, "a preview stores nothing");

    // Published on 17 November 2017: on the topic page, and in the feed.
    let saved = post_as(
        &app,
        "/admin/news/new",
        &editor,
        &three_languages("form-1", "2017-11-17"),
    )
    .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(
        saved.headers()["location"],
        "/admin/news/posts/the-workshops-of-mechelen?saved=1"
    );
    let topic = app.page("/fr/topics/migration").await;
    assert!(
        topic.contains("Les ateliers de Malines"),
        "French on the French page"
    );
    let page = app.page("/ar/news/the-workshops-of-mechelen").await;
    assert!(page.contains("ورش عمل ميخلين"));
    // Scheduled for a day to come: not yet.
    let later = post_as(
        &app,
        "/admin/news/posts/the-workshops-of-mechelen",
        &editor,
        &three_languages("", "2999-01-01"),
    )
    .await;
    assert_eq!(later.status(), 303);
    assert_eq!(
        app.get("/news/the-workshops-of-mechelen").await.status(),
        404
    );
    let form = html(
        app.get_with(
            "/admin/news/posts/the-workshops-of-mechelen",
            &[("cookie", &editor)],
        )
        .await,
    )
    .await;
    assert!(form.contains(r#"value="2999-01-01""#), "the form as stored");
    assert!(form.contains("Last changed"), "and when it changed");

    // Outside its conference: refused beside the field, nothing stored.
    for conference in ["beirut-2017", ""] {
        let mut elsewhere = three_languages("form-2", "2017-11-17");
        elsewhere.retain(|(n, _)| n != "conference");
        elsewhere.push(("conference".into(), conference.into()));
        let refused = post_as(&app, "/admin/news/new", &editor, &elsewhere).await;
        assert_eq!(refused.status(), 422, "conference {conference:?}");
        assert!(html(refused)
            .await
            .contains(r#"id="field-conference-problem""#));
    }
    let beirut = post_as(
        &app,
        "/admin/news/posts/cities4migration-beirut-high-level-conference",
        &editor,
        &three_languages("", "2017-11-17"),
    )
    .await;
    assert_eq!(beirut.status(), 403, "Beirut's post is not the editor's");

    let removed = post_as(
        &app,
        "/admin/news/posts/the-workshops-of-mechelen/delete",
        &editor,
        &[],
    )
    .await;
    assert_eq!(removed.status(), 303);
    assert_eq!(post_count(&app).await, before);
    let log: Vec<String> = app
        .store
        .audit_log("mechelen-2017", 10)
        .await
        .unwrap()
        .into_iter()
        .filter(|(_, subject, _, _)| subject == "the-workshops-of-mechelen")
        .map(|(action, _, by, _)| {
            assert_eq!(by.as_deref(), Some("editor-a@example.org"));
            action
        })
        .collect();
    assert_eq!(log, ["post_removed", "post_changed", "post_published"]);
    println!("news desk: an editor wrote, scheduled and removed a post in EN/FR/AR; 4 registration pages refused; 3 audit entries");
}

async fn a_post_form_with_problems_comes_back_as_typed(app: TestApp) {
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let before = post_count(&app).await;
    let typed = owned(&[
        ("kind", "other"),
        ("kind_label", ""),
        ("title_en", "Half a post <b>typed</b>"),
        ("teaser_en", ""),
        ("body_en", "Some text"),
        ("conference", "mechelen-2017"),
        ("publish_day", "17/11/2017"),
        ("publish_time", "late"),
        ("slug", "Not An Address!"),
        ("intent", "save"),
    ]);
    let refused = post_as(&app, "/admin/news/new", &organiser, &typed).await;
    assert_eq!(refused.status(), 422);
    let page = html(refused).await;
    for field in [
        "field-teaser-en",
        "field-kind-label",
        "field-publish-day",
        "field-publish-time",
        "field-slug",
    ] {
        assert!(
            page.contains(&format!(r#"id="{field}-problem""#)),
            "{field}'s problem beside it"
        );
    }
    assert!(
        page.contains("Half a post &lt;b&gt;typed&lt;/b&gt;"),
        "the title as typed, escaped"
    );
    assert!(page.contains(r#"value="17/11/2017""#));
    assert_eq!(post_count(&app).await, before, "nothing stored");
    // An address another post has: said beside the address.
    let mut taken = three_languages("", "2017-11-17");
    taken.push((
        "slug".into(),
        "mayors-adopt-the-mechelen-declaration".into(),
    ));
    let refused = post_as(&app, "/admin/news/new", &organiser, &taken).await;
    assert_eq!(refused.status(), 422);
    assert!(html(refused).await.contains(r#"id="field-slug-problem""#));
    // In French, the problems are French.
    let french = post_as(&app, "/fr/admin/news/new", &organiser, &typed).await;
    let page = html(french).await;
    assert!(page.contains(r#"lang="fr""#));
    assert!(
        !page.contains("This field is required"),
        "no English problem"
    );
    // From another site: refused before anything is read.
    let forged = app
        .client
        .post(app.url("/admin/news/new"))
        .header("origin", "https://elsewhere.example")
        .header("cookie", &organiser)
        .form(&three_languages("", "2017-11-17"))
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    assert_eq!(post_count(&app).await, before);
    println!("news desk: 5 problems shown beside their fields, as typed, in the visitor's language; a forged post refused");
}

async fn a_double_click_and_eight_parallel_saves_leave_one_post(app: TestApp) {
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let before = post_count(&app).await;
    // The same new post's form sent eight times at once.
    let form = three_languages("one-form-token-0001", "2017-11-17");
    let sends: Vec<_> = (0..8)
        .map(|_| post_as(&app, "/admin/news/new", &organiser, &form))
        .collect();
    for response in futures::future::join_all(sends).await {
        assert_eq!(response.status(), 303);
        assert_eq!(
            response.headers()["location"],
            "/admin/news/posts/the-workshops-of-mechelen?saved=1"
        );
    }
    assert_eq!(post_count(&app).await, before + 1, "one post, once");
    // Eight saves of its changes at once, each with another title.
    let sends: Vec<_> = (0..8)
        .map(|n| {
            let mut form = three_languages("", "2017-11-17");
            form.retain(|(name, _)| name != "title_en");
            form.push(("title_en".into(), format!("The workshops, take {n}")));
            form.push(("slug".into(), "the-workshops-of-mechelen".into()));
            (n, form)
        })
        .collect();
    let sends: Vec<_> = sends
        .iter()
        .map(|(_, form)| {
            post_as(
                &app,
                "/admin/news/posts/the-workshops-of-mechelen",
                &organiser,
                form,
            )
        })
        .collect();
    for response in futures::future::join_all(sends).await {
        assert_eq!(response.status(), 303);
    }
    assert_eq!(post_count(&app).await, before + 1);
    let record = app
        .store
        .post_record("the-workshops-of-mechelen")
        .await
        .unwrap()
        .unwrap();
    assert!(record
        .post
        .title
        .get(convene::Lang::En)
        .starts_with("The workshops, take "));
    assert_eq!(record.post.topics.len(), 1, "topics written once, whole");
    let log = app.store.audit_log("mechelen-2017", 50).await.unwrap();
    let entries = log
        .iter()
        .filter(|(_, subject, _, _)| subject == "the-workshops-of-mechelen")
        .count();
    assert_eq!(entries, 9, "one publication and eight changes");
    println!("news desk: 8 sends of one form wrote 1 post; 8 parallel saves left 1 post, whole, and 9 audit entries");
}

/// A 2×2 PNG.
const PNG: [u8; 73] = [
    0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52,
    0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, 0x02, 0x08, 0x02, 0x00, 0x00, 0x00, 0xfd, 0xd4, 0x9a,
    0x73, 0x00, 0x00, 0x00, 0x10, 0x49, 0x44, 0x41, 0x54, 0x78, 0x9c, 0x63, 0x90, 0xcf, 0xdf, 0x02,
    0x44, 0x0c, 0x10, 0x0a, 0x00, 0x20, 0xf2, 0x05, 0x09, 0xb7, 0xaa, 0xde, 0xb7, 0x00, 0x00, 0x00,
    0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82,
];

/// The post in three languages as a multipart form, with `image`.
fn with_picture(
    alts: &[(&'static str, &'static str)],
    image: Vec<u8>,
    name: &str,
) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new();
    for (field, value) in three_languages("", "2017-11-17") {
        form = form.text(field, value);
    }
    for (field, value) in alts {
        form = form.text(*field, *value);
    }
    form.part(
        "image",
        reqwest::multipart::Part::bytes(image).file_name(name.to_owned()),
    )
}

async fn a_picture_needs_its_words_in_each_language(app: TestApp) {
    let editor = member(&app, "editor-a@example.org", StaffRole::Editor).await;
    let before = post_count(&app).await;
    // Words in English only, for a post in three languages.
    let refused = common::send_form(
        &app,
        "/admin/news/new",
        &editor,
        with_picture(
            &[("alt_en", "Mayors on the stage")],
            PNG.to_vec(),
            "stage.png",
        ),
    )
    .await;
    assert_eq!(refused.status(), 422);
    let page = html(refused).await;
    assert!(page.contains(r#"id="field-alt-fr-problem""#));
    assert!(page.contains(r#"id="field-alt-ar-problem""#));
    assert!(!page.contains(r#"id="field-alt-en-problem""#));
    assert!(
        page.contains(r#"value="Mayors on the stage""#),
        "kept as typed"
    );
    // A PDF as a picture.
    let pdf = convene::documents::pdf::document(&["x"]);
    let refused = common::send_form(
        &app,
        "/admin/news/new",
        &editor,
        with_picture(&[], pdf, "stage.png"),
    )
    .await;
    assert_eq!(refused.status(), 422);
    assert!(html(refused).await.contains(r#"id="field-image-problem""#));
    assert_eq!(post_count(&app).await, before, "nothing stored");
    let alts = [
        ("alt_en", "Mayors on the stage"),
        ("alt_fr", "Des maires sur la scène"),
        ("alt_ar", "رؤساء بلديات على المنصة"),
    ];
    let saved = common::send_form(
        &app,
        "/admin/news/new",
        &editor,
        with_picture(&alts, PNG.to_vec(), "stage.png"),
    )
    .await;
    assert_eq!(saved.status(), 303);
    let post = app.page("/fr/news/the-workshops-of-mechelen").await;
    let src = post
        .split("<img src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the picture")
        .to_owned();
    assert!(
        post.contains(r#"alt="Des maires sur la scène""#),
        "its words in French"
    );
    let picture = app.get(&src).await;
    assert_eq!(picture.headers()["content-type"], "image/png");
    assert_eq!(picture.bytes().await.unwrap().as_ref(), PNG.as_slice());
    // Taken away: the page shows none.
    let mut removed = reqwest::multipart::Form::new();
    for (field, value) in three_languages("", "2017-11-17") {
        removed = removed.text(field, value);
    }
    let removed = common::send_form(
        &app,
        "/admin/news/posts/the-workshops-of-mechelen",
        &editor,
        removed.text("remove_image", "on"),
    )
    .await;
    assert_eq!(removed.status(), 303);
    assert!(!app
        .page("/news/the-workshops-of-mechelen")
        .await
        .contains("<img src="));
    println!("news desk: a picture refused without its words in 2 of 3 languages and as a PDF; shown with its French words; taken away");
}
