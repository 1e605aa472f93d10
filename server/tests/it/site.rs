//! The public site over HTTP, against the real server on SQLite and on
//! PostgreSQL: pages in three languages, 404s, calendars, feeds and JSON.

use crate::common;

use common::TestApp;

on_both_backends!(
    every_picture_of_the_demo_has_its_words_in_every_language,
    home_lists_the_conferences_by_topic_in_english,
    a_conference_page_shows_its_facts,
    the_agenda_shows_days_rooms_and_venue_times,
    session_and_people_pages_say_who_speaks_where,
    prefixed_urls_choose_the_language_and_remember_it,
    unprefixed_urls_follow_accept_language,
    unknown_addresses_answer_404_in_the_visitors_language,
    calendars_are_rfc5545_with_stable_uids,
    feeds_list_the_conferences,
    the_json_api_gives_conferences_and_agendas,
    health_answers_when_the_database_does,
    content_is_escaped_in_pages,
    pages_run_only_their_own_nonced_scripts,
);

async fn home_lists_the_conferences_by_topic_in_english(app: TestApp) {
    let html = app.page("/").await;
    assert!(
        html.contains(r#"<html lang="en" dir="ltr""#),
        "{}",
        &html[..200.min(html.len())]
    );
    assert!(html.contains(">Migration</a></h2>"));
    assert!(html.contains("Global Conference on Cities and Migration"));
    assert!(html.contains("Mediterranean City-to-City Migration (MC2CM) High-Level Conference"));
    assert!(
        html.contains("No upcoming conferences yet."),
        "both conferences were in 2017"
    );
    // Past conferences: the latest first.
    let mechelen = html
        .find("Global Conference on Cities and Migration")
        .unwrap();
    let beirut = html.find("Mediterranean City-to-City").unwrap();
    assert!(
        mechelen < beirut,
        "Mechelen (16 Nov) comes before Beirut (7 Nov) among past ones"
    );
    assert!(html.contains("16–17 November 2017"));
    assert!(html.contains("Mechelen, Belgium"));
    assert!(html.contains(r#"<link href="/feed.rss" rel="alternate""#));
    assert!(html.contains(r#"<a href="/feed.atom" type="application/atom+xml""#));
}

async fn a_conference_page_shows_its_facts(app: TestApp) {
    let html = app.page("/conferences/mechelen-2017").await;
    for fact in [
        "<h1 lang=\"en\">Global Conference on Cities and Migration</h1>",
        "16–17 November 2017",
        "Lamot Congress and Heritage Center, Mechelen, Belgium",
        "Europe/Brussels (CET)",
        "English, Français",
        "City of Mechelen",
        "UN-Habitat",
        "Mechelen Declaration on Cities and Migration",
        r#"href="/conferences/mechelen-2017/agenda""#,
        r#"href="/conferences/mechelen-2017/agenda.ics""#,
    ] {
        assert!(html.contains(fact), "missing {fact:?}");
    }
    let arabic = app.page("/ar/conferences/beirut-2017").await;
    assert!(arabic.contains(r#"<html lang="ar" dir="rtl""#));
    assert!(arabic.contains("المؤتمر الرفيع المستوى لمشروع الهجرة من مدينة إلى مدينة في المتوسط"));
    assert!(arabic.contains("لبنان"));
    assert!(
        arabic.contains(r#"href="/ar/conferences/beirut-2017/agenda""#),
        "links keep the language"
    );
}

async fn the_agenda_shows_days_rooms_and_venue_times(app: TestApp) {
    let html = app.page("/conferences/mechelen-2017/agenda").await;
    assert!(html.contains(r##"<a href="#day-2017-11-16">Thursday 16 November 2017</a>"##));
    assert!(html.contains(r##"<a href="#day-2017-11-17">Friday 17 November 2017</a>"##));
    assert!(html.contains("09:00–10:15 CET, Brussels time"));
    assert!(
        html.contains(r#"data-start="2017-11-16T08:00:00+00:00""#),
        "UTC instants for the zone island"
    );
    assert!(html.contains("Mohamed Boussraoui"));
    // The workshops at 13:30 run side by side in two rooms.
    assert!(html.contains(r#"class="row parallel" style="--columns: 2;""#));
    // Round table and two workshops at 15:30: three columns, main hall first.
    let three = html
        .find(r#"style="--columns: 3;""#)
        .expect("three parallel sessions at 15:30");
    let rest = &html[three..];
    let hall = rest.find("Main hall").unwrap();
    let room_a = rest.find("Room A").unwrap();
    assert!(hall < room_a);
    assert!(html.contains(r#"class="row across""#));
    assert!(html.contains("Limited to 60 seats"));
    assert!(
        html.contains(r#"data-zone-toggle"#) && html.contains("hidden"),
        "the island is rendered hidden until hydrated"
    );

    let beirut = app.page("/fr/conferences/beirut-2017/agenda").await;
    assert!(beirut.contains("mardi 7 novembre 2017"));
    assert!(beirut.contains("09:30–10:30 EET, heure de Beyrouth"));
    assert!(beirut.contains("Ouverture par le maire de Beyrouth"));
}

async fn session_and_people_pages_say_who_speaks_where(app: TestApp) {
    let html = app
        .page("/conferences/mechelen-2017/sessions/guided-discussion")
        .await;
    assert!(html.contains("Guided discussion: What are the key elements that can inform the Global Compact on Migration?"));
    assert!(html.contains("Thursday 16 November 2017"));
    assert!(html.contains("10:30–12:00 CET, Brussels time"));
    assert!(html.contains("Main hall, Lamot Congress and Heritage Center, Mechelen"));
    assert!(html.contains(
        r#"<a href="/conferences/mechelen-2017/people/mohamed-boussraoui">Mohamed Boussraoui</a>"#
    ));
    assert!(html.contains("Moderator"));
    assert!(html
        .contains(r#"href="/conferences/mechelen-2017/sessions/guided-discussion/calendar.ics""#));

    let people = app.page("/conferences/mechelen-2017/people").await;
    for name in ["Bart Somers", "Parks Tau", "Mohamed Boussraoui"] {
        assert!(people.contains(name), "{name}");
    }
    let person = app
        .page("/conferences/mechelen-2017/people/bart-somers")
        .await;
    assert!(person.contains("<h1>Bart Somers</h1>"));
    assert!(person.contains("Mayor of Mechelen"));
    assert!(person.contains("Opening ceremony"));
    assert!(person.contains("Mayors&#x27; round table") || person.contains("Mayors' round table"));
    assert!(person.contains("Chair"));
}

async fn prefixed_urls_choose_the_language_and_remember_it(app: TestApp) {
    let response = app.get("/fr/conferences/mechelen-2017").await;
    assert_eq!(response.status(), 200);
    let cookie = response
        .headers()
        .get("set-cookie")
        .expect("the choice is remembered")
        .to_str()
        .unwrap()
        .to_owned();
    assert!(cookie.starts_with("convene_lang=fr;"), "{cookie}");
    assert!(cookie.contains("SameSite=Lax"));
    let html = common::html(response).await;
    assert!(html.contains(r#"<html lang="fr" dir="ltr""#));
    assert!(html.contains("Conférence mondiale sur les villes et les migrations"));
    assert!(html.contains("Belgique"));
    // Content without a translation falls back to its original.
    let beirut = app
        .page("/fr/conferences/mechelen-2017/people/parks-tau")
        .await;
    assert!(beirut.contains("Président, Cités et Gouvernements Locaux Unis (CGLU)"));
    let boussraoui = app
        .page("/fr/conferences/mechelen-2017/people/mohamed-boussraoui")
        .await;
    assert!(boussraoui.contains("Works at the UCLG World Secretariat"));
    // The remembered choice wins over Accept-Language on unprefixed URLs.
    let html = common::html(
        app.get_with(
            "/conferences/mechelen-2017",
            &[("cookie", "convene_lang=ar"), ("accept-language", "fr")],
        )
        .await,
    )
    .await;
    assert!(html.contains(r#"<html lang="ar" dir="rtl""#));
    // The language switcher offers the same page in each language.
    assert!(html.contains(r#"href="/en/conferences/mechelen-2017""#));
    assert!(html.contains(r#"href="/fr/conferences/mechelen-2017""#));
    assert!(html.contains(r#"href="/ar/conferences/mechelen-2017""#));
}

async fn unprefixed_urls_follow_accept_language(app: TestApp) {
    let response = app
        .get_with("/", &[("accept-language", "fr-BE,fr;q=0.9,en;q=0.5")])
        .await;
    let vary: Vec<_> = response
        .headers()
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .collect();
    assert!(
        vary.iter().any(|v| v.contains("Accept-Language")),
        "{vary:?}"
    );
    let html = common::html(response).await;
    assert!(html.contains(r#"<html lang="fr""#));
    assert!(html.contains("Conférences"));
    let html = common::html(
        app.get_with("/", &[("accept-language", "de-DE,nl;q=0.8")])
            .await,
    )
    .await;
    assert!(
        html.contains(r#"<html lang="en""#),
        "English when nothing we speak is asked"
    );
}

async fn unknown_addresses_answer_404_in_the_visitors_language(app: TestApp) {
    for path in [
        "/conferences/nowhere-2099",
        "/conferences/nowhere-2099/agenda",
        "/conferences/mechelen-2017/sessions/no-such-session",
        "/conferences/mechelen-2017/people/nobody",
        "/topics/no-topic",
        "/no/such/page",
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 404, "{path}");
        let body = common::html(response).await;
        assert!(body.contains("Page not found"), "{path}");
        assert!(
            body.contains(r#"<a href="/">See all conferences</a>"#),
            "{path}"
        );
        let french = app.get(&format!("/fr{path}")).await;
        assert_eq!(french.status(), 404, "/fr{path}");
        assert!(
            common::html(french).await.contains("Page introuvable"),
            "/fr{path}"
        );
    }
    let arabic = common::html(app.get("/ar/conferences/nowhere-2099").await).await;
    assert!(arabic.contains("الصفحة غير موجودة"));
    assert_eq!(
        app.get("/conferences/nowhere-2099/agenda.ics")
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get("/conferences/mechelen-2017/sessions/nope/calendar.ics")
            .await
            .status(),
        404
    );
    assert_eq!(app.get("/topics/nope/feed.atom").await.status(), 404);
}

async fn calendars_are_rfc5545_with_stable_uids(app: TestApp) {
    let response = app.get("/conferences/mechelen-2017/agenda.ics").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "text/calendar; charset=utf-8"
    );
    let ics = response.text().await.unwrap().replace("\r\n ", "");
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 16);
    assert!(ics.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Brussels\r\n"));
    assert!(ics.contains("UID:opening-ceremony@mechelen-2017.convene\r\n"));
    assert!(ics.contains("DTSTART;TZID=Europe/Brussels:20171116T090000\r\n"));
    assert!(
        ics.contains("LOCATION:Main hall\\, Lamot Congress and Heritage Center\\, Mechelen\r\n")
    );
    assert!(ics.contains(
        "URL:http://convene.test/conferences/mechelen-2017/sessions/opening-ceremony\r\n"
    ));
    // The same UID on every download: calendars update rather than duplicate.
    let again = app
        .get("/conferences/mechelen-2017/agenda.ics")
        .await
        .text()
        .await
        .unwrap();
    assert!(again.contains("UID:opening-ceremony@mechelen-2017.convene\r\n"));

    let one = app
        .get("/conferences/beirut-2017/sessions/opening/calendar.ics")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(one.matches("BEGIN:VEVENT").count(), 1);
    assert!(one.contains("DTSTART;TZID=Asia/Beirut:20171107T093000\r\n"));
    let french = app
        .get("/fr/conferences/beirut-2017/sessions/opening/calendar.ics")
        .await
        .text()
        .await
        .unwrap();
    assert!(french.contains("SUMMARY:Ouverture par le maire de Beyrouth\r\n"));
}

async fn feeds_list_the_conferences(app: TestApp) {
    let response = app.get("/feed.atom").await;
    assert_eq!(response.status(), 200);
    assert_eq!(
        response.headers()["content-type"],
        "application/atom+xml; charset=utf-8"
    );
    let feed = response.text().await.unwrap();
    assert!(feed.starts_with("<?xml version=\"1.0\"?>\n<feed"), "{feed}");
    assert!(feed.contains("xmlns=\"http://www.w3.org/2005/Atom\""));
    // The demo's four posts and its two conferences.
    assert_eq!(feed.matches("<entry>").count(), 6);
    assert!(feed.contains(r#"href="http://convene.test/conferences/mechelen-2017""#));
    let topic = app
        .get("/topics/migration/feed.atom")
        .await
        .text()
        .await
        .unwrap();
    assert_eq!(topic.matches("<entry>").count(), 6);
    assert!(topic.contains("<title>Convene · Conferences on Migration</title>"));
    let french = app.get("/fr/feed.atom").await.text().await.unwrap();
    assert!(french.contains("xml:lang=\"fr\""));
    assert!(french.contains("Conférence mondiale sur les villes et les migrations"));
    assert!(french.contains(r#"href="http://convene.test/fr/conferences/mechelen-2017""#));
}

async fn the_json_api_gives_conferences_and_agendas(app: TestApp) {
    let response = app.get("/api/conferences").await;
    assert_eq!(response.status(), 200);
    let body: serde_json::Value = response.json().await.unwrap();
    let list = body["conferences"].as_array().unwrap();
    assert_eq!(list.len(), 2);
    assert_eq!(list[0]["conference"]["slug"], "beirut-2017");
    assert_eq!(list[0]["conference"]["zone"], "Asia/Beirut");
    assert_eq!(
        list[1]["url"],
        "http://convene.test/conferences/mechelen-2017"
    );

    let agenda: serde_json::Value = app
        .get("/api/conferences/mechelen-2017/agenda")
        .await
        .json()
        .await
        .unwrap();
    let sessions = agenda["sessions"].as_array().unwrap();
    let opening = sessions
        .iter()
        .find(|s| s["slug"] == "opening-ceremony")
        .unwrap();
    assert_eq!(opening["starts_at"], "2017-11-16T08:00:00Z");
    assert_eq!(opening["kind"], "ceremony");
    assert_eq!(opening["room"]["slug"], "main-hall");
    assert_eq!(agenda["rooms"].as_array().unwrap().len(), 3);

    let missing = app.get("/api/conferences/nowhere/agenda").await;
    assert_eq!(missing.status(), 404);
    let body: serde_json::Value = missing.json().await.unwrap();
    assert_eq!(body["error"], "no such conference");
}

async fn health_answers_when_the_database_does(app: TestApp) {
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    app.store.close().await;
    assert_eq!(app.get("/healthz").await.status(), 503);
    let page = app.get("/conferences/mechelen-2017").await;
    assert_eq!(
        page.status(),
        503,
        "a page whose data cannot be read says so"
    );
}

async fn content_is_escaped_in_pages(app: TestApp) {
    let mut agenda = convene::demo::agendas().remove(0);
    agenda.conference.slug = convene::Slug::parse("hostile").unwrap();
    agenda.conference.title =
        convene::Localized::new(convene::Lang::En, "<script>alert('x')</script>");
    for session in &mut agenda.sessions {
        session.uid = format!("{}@hostile", session.slug);
    }
    agenda.sessions[1].title =
        convene::Localized::new(convene::Lang::En, "<img src=x onerror=alert(1)>");
    app.store.insert_agenda(&agenda).await.unwrap();
    for path in ["/conferences/hostile", "/conferences/hostile/agenda", "/"] {
        let html = app.page(path).await;
        if let Some(i) = html.find("<script>alert") {
            panic!(
                "{path}: unescaped markup: {}",
                &html[i.saturating_sub(20)..(i + 300).min(html.len())]
            );
        }
        assert!(!html.contains("<img src=x"), "{path}");
        assert!(
            html.contains("&lt;script&gt;") || path.ends_with("agenda"),
            "{path}"
        );
    }
    let page = app.page("/conferences/hostile").await;
    assert!(
        page.contains("<title>&lt;script&gt;alert('x')&lt;/script&gt; · Convene</title>"),
        "the title is escaped once"
    );
    let agenda_html = app.page("/conferences/hostile/agenda").await;
    assert!(agenda_html.contains("&lt;img src=x onerror=alert(1)&gt;"));
}

async fn pages_run_only_their_own_nonced_scripts(app: TestApp) {
    let mut nonces = vec![];
    for path in [
        "/conferences/mechelen-2017/agenda",
        "/conferences/mechelen-2017/register",
    ] {
        let response = app.get(path).await;
        let headers = response.headers().clone();
        let policy = headers["content-security-policy"]
            .to_str()
            .unwrap()
            .to_owned();
        for header in ["x-content-type-options", "referrer-policy"] {
            assert!(headers.contains_key(header), "{path}: {header}");
        }
        let html = response.text().await.unwrap();
        let nonce = common::policy_nonce(&policy);
        assert!(policy.contains("frame-ancestors 'none'") && policy.contains("object-src 'none'"));
        let script_src = policy
            .split(';')
            .find(|d| d.trim().starts_with("script-src"))
            .expect("a script-src");
        assert!(!script_src.contains("unsafe-inline"), "{script_src}");
        // Every script of the page carries the response's nonce.
        let scripts = html.matches("<script").count();
        let nonced = html.matches(&format!("nonce=\"{nonce}\"")).count();
        assert!(scripts > 0, "{path} hydrates");
        assert!(
            nonced >= scripts,
            "{path}: {scripts} scripts, {nonced} with the nonce"
        );
        nonces.push(nonce);
    }
    assert_ne!(nonces[0], nonces[1], "a new nonce for every response");
    // Other responses keep the site-wide policy.
    let feed = app.get("/feed.atom").await;
    assert!(feed.headers()["content-security-policy"]
        .to_str()
        .unwrap()
        .contains("frame-ancestors 'none'"));
    println!("csp: 2 pages, every script with its response's nonce");
}

/// Every `<img>` of the demo's public pages, in each language: a portrait
/// or a banner says what it shows in that language; a logo beside its
/// own name says nothing (`alt=""`), as it would only repeat the name.
async fn every_picture_of_the_demo_has_its_words_in_every_language(app: TestApp) {
    let portrait = [
        ("en", "A drawn portrait made for the demo, not a photograph"),
        (
            "fr",
            "Un portrait dessiné pour la démonstration, pas une photographie",
        ),
        ("ar", "صورة مرسومة للعرض التوضيحي، وليست صورة فوتوغرافية"),
    ];
    let mut pictures = 0;
    for conference in ["mechelen-2017", "beirut-2017"] {
        let agenda = app.store.agenda(conference).await.unwrap().unwrap();
        let mut paths = vec![
            format!("/conferences/{conference}"),
            format!("/conferences/{conference}/agenda"),
            format!("/conferences/{conference}/people"),
        ];
        paths.extend(
            agenda
                .people
                .iter()
                .map(|p| format!("/conferences/{conference}/people/{}", p.slug)),
        );
        paths.extend(
            agenda
                .sessions
                .iter()
                .map(|s| format!("/conferences/{conference}/sessions/{}", s.slug)),
        );
        for (lang, words) in portrait {
            // Mechelen works in English and French: its Arabic pages show
            // the English words, marked as such by the page around them.
            let words = if conference == "mechelen-2017" && lang == "ar" {
                portrait[0].1
            } else {
                words
            };
            for path in &paths {
                let page = app.page(&format!("/{lang}{path}")).await;
                for img in page.split("<img").skip(1) {
                    let tag = &img[..img.find('>').unwrap()];
                    let alt = tag
                        .split(" alt=\"")
                        .nth(1)
                        .map(|rest| &rest[..rest.find('"').unwrap()])
                        .unwrap_or_else(|| panic!("{lang}{path}: an <img> without alt: {tag}"));
                    let class = tag.split(" class=\"").nth(1).unwrap_or("");
                    if class.starts_with("portrait") || class.starts_with("face") {
                        assert_eq!(alt, words, "{lang}{path}");
                    } else if class.starts_with("banner") {
                        assert!(!alt.is_empty(), "{lang}{path}: a banner without words");
                    } else {
                        assert!(
                            class.starts_with("logo") || class.starts_with("org-logo"),
                            "{tag}"
                        );
                        assert_eq!(alt, "", "{lang}{path}: a logo beside its name");
                    }
                    assert!(
                        tag.contains(" width=\"") && tag.contains(" height=\""),
                        "{tag}"
                    );
                    pictures += 1;
                }
            }
        }
    }
    assert!(pictures > 100, "{pictures}");
    println!(
        "pictures: {pictures} pictures on the demo's pages in 3 languages, each with its words"
    );
}
