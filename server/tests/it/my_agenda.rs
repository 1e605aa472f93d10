//! A delegate's own agenda: stars from the private link, by a form post
//! (no script) and by the page's JSON post (script); the calendar feed,
//! read by a real iCalendar parser (python's icalendar), following the
//! organiser's move; stars raced against themselves, a cancel and the
//! session's removal, counted against the database.

use crate::admin::member;
use crate::common::{self, Inspect, TestApp};
use convene::account::StaffRole;
use convene::registration::{NewRegistration, RegistrationForm};
use convene::Lang;

on_both_backends!(
    a_delegate_stars_sessions_and_subscribes_to_them,
    stars_race_themselves_a_cancel_and_a_removal,
);

const BASE: &str = "http://convene.test";

/// Registers `email` on Mechelen with a seat in `workshop`, confirmed:
/// the private link's token.
async fn delegate(app: &TestApp, email: &str, workshop: Option<&str>) -> String {
    let setup = app
        .store
        .form_setup("mechelen-2017", None, chrono::Utc::now())
        .await
        .unwrap()
        .unwrap();
    let form = RegistrationForm {
        given_name: "Sofia".into(),
        family_name: "Rossi".into(),
        email: email.into(),
        organisation: "City of Turin".into(),
        city: "Turin".into(),
        country: "IT".into(),
        category: "local_or_regional_government".into(),
        languages: vec!["en".into()],
        answers: vec![("study-visit".into(), "no".into())],
        sessions: workshop.into_iter().map(str::to_owned).collect(),
        consent: true,
        ..Default::default()
    };
    let registration = NewRegistration::parse(&form, &setup).unwrap();
    let now = chrono::Utc::now();
    app.store
        .submit_registration("mechelen-2017", &registration, None, Lang::En, BASE, now)
        .await
        .unwrap();
    let (_, verify) = common::last_link(&app.store, email).await;
    app.store
        .verify_registration(&verify, BASE, now)
        .await
        .unwrap();
    common::last_link(&app.store, email).await.1
}

fn star<'a>(
    app: &'a TestApp,
    token: &str,
    session: &'a str,
    on: bool,
    json: bool,
) -> reqwest::RequestBuilder {
    let mut request = app
        .client
        .post(app.url(&format!("/r/{token}/stars")))
        .header("origin", app.base.as_str())
        .form(&[
            ("session", session),
            ("starred", if on { "on" } else { "off" }),
        ]);
    if json {
        request = request.header("accept", "application/json");
    }
    request
}

/// The calendar feed's path, as the delegate's agenda page links it.
async fn calendar_path(app: &TestApp, token: &str) -> String {
    let page = app.page(&format!("/r/{token}/agenda")).await;
    let start = page.find("webcal://").expect("a webcal link");
    let link = &page[start..];
    let link = &link[..link.find('"').unwrap()];
    let path = &link[link.find("/my-agenda/").expect("the feed's path")..];
    assert!(
        !path.contains(token),
        "the feed's address is not the private link"
    );
    path.to_owned()
}

/// A calendar read by python's icalendar, as a calendar program reads
/// it: each event's UID, start (UTC, RFC 3339) and summary; and the
/// calendar's refresh interval.
fn read_calendar(body: &str) -> (Vec<(String, String, String)>, Option<String>) {
    let read = common::python(
        r#"
import json, sys, icalendar
from datetime import timezone
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
events = []
for e in cal.walk('VEVENT'):
    start = e.decoded('DTSTART')
    if hasattr(start, 'hour'):
        start = start.astimezone(timezone.utc).isoformat()
    else:
        start = start.isoformat()
    events.append([str(e['UID']), start, str(e['SUMMARY'])])
refresh = cal.get('REFRESH-INTERVAL')
print(json.dumps({'events': events, 'refresh': refresh.to_ical().decode() if refresh else None}))
"#,
        body.as_bytes(),
    );
    let events = read["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e[0].as_str().unwrap().to_owned(),
                e[1].as_str().unwrap().to_owned(),
                e[2].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    (events, read["refresh"].as_str().map(str::to_owned))
}

async fn uid_of(app: &TestApp, session: &str) -> String {
    let agenda = app.store.agenda("mechelen-2017").await.unwrap().unwrap();
    agenda
        .sessions
        .iter()
        .find(|s| s.slug.as_str() == session)
        .unwrap()
        .uid
        .clone()
}

async fn a_delegate_stars_sessions_and_subscribes_to_them(app: TestApp) {
    let token = delegate(&app, "sofia@example.org", Some("workshop-social-inclusion")).await;
    let link = app.page(&format!("/r/{token}")).await;
    assert!(
        link.contains(&format!(r#"href="/r/{token}/agenda""#)),
        "{link}"
    );

    // The whole agenda, a star on each session but the breaks; the
    // workshop with a seat is theirs already.
    let page = app.page(&format!("/r/{token}/agenda")).await;
    assert!(page.contains(r#"id="s-opening-ceremony""#));
    assert!(page.contains(r#"name="session" value="opening-ceremony""#));
    assert!(!page.contains(r#"name="session" value="welcome-coffee""#));
    assert!(!page.contains(r#"name="session" value="workshop-social-inclusion""#));
    assert!(page.contains("Your seat is booked"));

    // Without script: a form post, and back to the session on the page.
    let answer = star(&app, &token, "opening-ceremony", true, false)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 303);
    assert_eq!(
        answer.headers()["location"],
        format!("/r/{token}/agenda#s-opening-ceremony").as_str()
    );
    // With script: the same post, answered in JSON.
    let answer = star(&app, &token, "guided-discussion", true, true)
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), 200);
    let state: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(state, serde_json::json!({ "starred": true, "count": 2 }));

    // Only theirs: the two starred and the workshop.
    let mine = app.page(&format!("/r/{token}/agenda?mine=1")).await;
    for session in [
        "opening-ceremony",
        "guided-discussion",
        "workshop-social-inclusion",
    ] {
        assert!(
            mine.contains(&format!(r#"data-session="{session}""#)),
            "{session}"
        );
    }
    assert!(!mine.contains(r#"data-session="mayors-round-table""#));
    assert!(mine.contains(r#"data-starred="true""#));
    // The French page says it in French.
    let french = app.page(&format!("/fr/r/{token}/agenda")).await;
    assert!(french.contains("Dans mon programme"), "{french}");

    // The calendar: those three, by the sessions' own UIDs, and the
    // conference's days; fetched again every hour.
    let path = calendar_path(&app, &token).await;
    let feed = app.get(&path).await;
    assert_eq!(feed.status(), 200);
    assert!(feed.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/calendar"));
    assert!(feed.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("private"));
    let (events, refresh) = read_calendar(&feed.text().await.unwrap());
    assert_eq!(refresh.as_deref(), Some("PT1H"));
    let uids: Vec<&str> = events.iter().map(|e| e.0.as_str()).collect();
    let guided = uid_of(&app, "guided-discussion").await;
    for session in [
        "opening-ceremony",
        "guided-discussion",
        "workshop-social-inclusion",
    ] {
        assert!(
            uids.contains(&uid_of(&app, session).await.as_str()),
            "{session}"
        );
    }
    assert_eq!(
        events.len(),
        4,
        "three sessions and the conference: {events:?}"
    );
    let before = events.iter().find(|e| e.0 == guided).unwrap().1.clone();
    assert_eq!(before, "2017-11-16T09:30:00+00:00");

    // The organiser moves the discussion: the calendar follows.
    let organiser = member(&app, "organiser-s@example.org", StaffRole::Organiser).await;
    let moved = app
        .client
        .post(app.url("/admin/conferences/mechelen-2017/agenda/guided-discussion"))
        .header("origin", app.base.as_str())
        .header("cookie", organiser)
        .form(&[
            ("title_en", "Guided discussion"),
            ("title_fr", "Discussion guidée"),
            ("kind", "plenary"),
            ("day", "2017-11-16"),
            ("start", "11:00"),
            ("end", "12:00"),
            ("room", "main-hall"),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(moved.status(), 200);
    let (events, _) = read_calendar(&app.get(&path).await.text().await.unwrap());
    let after = events.iter().find(|e| e.0 == guided).expect("the same UID");
    assert_eq!(after.1, "2017-11-16T10:00:00+00:00");

    // A star taken back leaves the calendar.
    let answer = star(&app, &token, "guided-discussion", false, true)
        .send()
        .await
        .unwrap();
    let state: serde_json::Value = answer.json().await.unwrap();
    assert_eq!(state, serde_json::json!({ "starred": false, "count": 1 }));
    let (events, _) = read_calendar(&app.get(&path).await.text().await.unwrap());
    assert!(!events.iter().any(|e| e.0 == guided));

    // Another's key, a forged key, a post from elsewhere, a session
    // that does not exist, a token that names nobody.
    let other = delegate(&app, "marco@example.org", None).await;
    let other_path = calendar_path(&app, &other).await;
    let (id, _) = path
        .trim_start_matches("/my-agenda/")
        .split_once('/')
        .unwrap();
    let (_, other_key) = other_path
        .trim_start_matches("/my-agenda/")
        .split_once('/')
        .unwrap();
    assert_eq!(
        app.get(&format!("/my-agenda/{id}/{other_key}"))
            .await
            .status(),
        404
    );
    assert_eq!(
        app.get(&format!(
            "/my-agenda/{id}/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA/calendar.ics"
        ))
        .await
        .status(),
        404
    );
    let forged = app
        .client
        .post(app.url(&format!("/r/{token}/stars")))
        .header("origin", "https://elsewhere.example")
        .form(&[("session", "closing-plenary"), ("starred", "on")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    let nothing = star(&app, &token, "no-such-session", true, false)
        .send()
        .await
        .unwrap();
    assert_eq!(nothing.status(), 404);
    let nobody = star(&app, "nobody-at-all", "closing-plenary", true, false)
        .send()
        .await
        .unwrap();
    assert_eq!(nobody.status(), 404);
    let (events, _) = read_calendar(&app.get(&path).await.text().await.unwrap());
    assert_eq!(events.len(), 3, "nothing more was starred: {events:?}");

    // Cancelled: no stars any more, and the calendar empties.
    let cancel = app
        .client
        .post(app.url(&format!("/r/{token}/cancel")))
        .header("origin", app.base.as_str())
        .send()
        .await
        .unwrap();
    assert_eq!(cancel.status(), 303);
    let refused = star(&app, &token, "closing-plenary", true, true)
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), 409);
    let (events, _) = read_calendar(&app.get(&path).await.text().await.unwrap());
    assert!(events.is_empty(), "{events:?}");
    let closed = app.page(&format!("/r/{token}/agenda")).await;
    assert!(closed.contains("it has no agenda"));
    assert!(!closed.contains("form class=\"star\""));
}

async fn stars_race_themselves_a_cancel_and_a_removal(app: TestApp) {
    let token = delegate(&app, "race@example.org", None).await;
    // A double click, and eight parallel posts: one star.
    let posts = (0..8).map(|_| star(&app, &token, "closing-plenary", true, false).send());
    for answer in futures::future::join_all(posts).await {
        assert_eq!(answer.unwrap().status(), 303);
    }
    assert_eq!(app.store.stars_of("race@example.org").await.unwrap(), 1);
    // On and off at once, eight times over: whatever wins, one row or
    // none, and the page says what the database holds.
    let posts = (0..8).map(|i| star(&app, &token, "declaration-adoption", i % 2 == 0, true).send());
    for answer in futures::future::join_all(posts).await {
        assert_eq!(answer.unwrap().status(), 200);
    }
    let stored = app.store.stars_of("race@example.org").await.unwrap();
    assert!(stored == 1 || stored == 2, "{stored}");
    let mine = app.page(&format!("/r/{token}/agenda?mine=1")).await;
    assert_eq!(
        mine.contains(r#"data-session="declaration-adoption""#),
        stored == 2
    );

    // Stars racing the session's removal: each answered, none left on a
    // session that is gone.
    let organiser = member(&app, "organiser-r@example.org", StaffRole::Organiser).await;
    let remove = app
        .client
        .post(app.url("/admin/conferences/mechelen-2017/agenda/lunch-friday/delete"))
        .header("origin", app.base.as_str())
        .header("cookie", organiser)
        .send();
    let stars = (0..8).map(|_| star(&app, &token, "closing-plenary", true, true).send());
    let others = (0..8).map(|_| star(&app, &token, "lunch-friday", true, true).send());
    let (removed, starred, _) = tokio::join!(
        remove,
        futures::future::join_all(stars),
        futures::future::join_all(others)
    );
    assert_eq!(removed.unwrap().status(), 200, "the session is removed");
    assert!(app
        .store
        .agenda("mechelen-2017")
        .await
        .unwrap()
        .unwrap()
        .sessions
        .iter()
        .all(|s| s.slug.as_str() != "lunch-friday"));
    for answer in starred {
        assert_eq!(answer.unwrap().status(), 200);
    }

    // Stars racing a cancel: each star is saved before it or refused
    // after it, and the calendar is empty after.
    let path = calendar_path(&app, &token).await;
    let cancel = app
        .client
        .post(app.url(&format!("/r/{token}/cancel")))
        .header("origin", app.base.as_str())
        .send();
    let stars = (0..8).map(|_| star(&app, &token, "opening-ceremony", true, true).send());
    let (cancelled, answers) = tokio::join!(cancel, futures::future::join_all(stars));
    assert_eq!(cancelled.unwrap().status(), 303);
    for answer in answers {
        let status = answer.unwrap().status();
        assert!(status == 200 || status == 409, "{status}");
    }
    let (events, _) = read_calendar(&app.get(&path).await.text().await.unwrap());
    assert!(events.is_empty(), "{events:?}");
    // The recount: no star without its session or its registration.
    assert_eq!(app.store.orphan_stars().await.unwrap(), 0);
    println!(
        "my agenda: 8 identical stars kept 1; 8 on/off kept {}; stars raced a removal and a cancel",
        stored - 1
    );
}
