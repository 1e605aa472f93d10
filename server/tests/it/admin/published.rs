//! The public pages, kept as rendered, show a back-office edit at once,
//! each answer with its own nonce.

use super::*;
use crate::common;
use common::TestApp;
use convene::account::StaffRole;

on_both_backends!(published_pages_show_an_edit_at_once_each_answer_with_its_own_nonce);

/// A public page's body and the nonce its CSP allows, checked to be the
/// nonce its scripts carry.
async fn nonced(app: &TestApp, path: &str) -> (String, String) {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "GET {path}");
    let nonce = common::policy_nonce(
        response.headers()["content-security-policy"]
            .to_str()
            .unwrap(),
    );
    let body = response.text().await.unwrap();
    assert!(
        body.contains(&format!("nonce=\"{nonce}\"")),
        "{path}: the scripts carry the policy's nonce"
    );
    (nonce, body)
}

async fn published_pages_show_an_edit_at_once_each_answer_with_its_own_nonce(app: TestApp) {
    let agenda = "/conferences/mechelen-2017/agenda";
    // Read in a row (the later answers come from memory): the same page,
    // each with a nonce of its own.
    let mut nonces = vec![];
    let mut pages = vec![];
    for _ in 0..5 {
        let (nonce, body) = nonced(&app, agenda).await;
        pages.push(body.replace(&nonce, "NONCE"));
        nonces.push(nonce);
    }
    // Answered from memory, which says how old the page is; and kept while
    // anonymous posts, failed or not, arrive: the conference is taken off
    // the site behind the server's back, and the kept page still answers.
    // (Asserted only when the reads came within the second a page stays
    // fresh; a slow machine tries again.)
    let administrator = app
        .store
        .create_account(
            &convene::field::Email::parse("root@example.org").unwrap(),
            "not a hash",
            true,
            chrono::Utc::now(),
        )
        .await
        .unwrap()
        .unwrap();
    let mut tries = 0;
    loop {
        tries += 1;
        let started = std::time::Instant::now();
        app.get(agenda).await;
        let kept = app.get(agenda).await;
        app.store
            .set_published("mechelen-2017", false, administrator, chrono::Utc::now())
            .await
            .unwrap();
        for path in ["/r/nothing/cancel", "/admin/reset", "/admin/reset/nothing"] {
            app.client
                .post(app.url(path))
                .header("cookie", "convene_session=forged")
                .form(&[("email", "nobody@example.org"), ("password", "x")])
                .send()
                .await
                .unwrap();
        }
        let after = app.get(agenda).await;
        app.store
            .set_published("mechelen-2017", true, administrator, chrono::Utc::now())
            .await
            .unwrap();
        if started.elapsed() > std::time::Duration::from_millis(800) && tries < 5 {
            continue;
        }
        assert!(
            kept.headers().contains_key("age"),
            "a kept page is answered from memory"
        );
        assert_eq!(after.status(), 200, "anonymous posts forget no page");
        assert!(after.headers().contains_key("age"));
        break;
    }
    nonces.sort();
    nonces.dedup();
    assert_eq!(nonces.len(), 5, "a new nonce for every answer");
    assert!(pages.iter().all(|page| page == &pages[0]));
    // Each language is a page of its own, prefixed or negotiated.
    assert!(app
        .page("/fr/conferences/mechelen-2017/agenda")
        .await
        .contains(r#"<html lang="fr""#));
    let french = app
        .get_with(agenda, &[("accept-language", "fr")])
        .await
        .text()
        .await
        .unwrap();
    assert!(french.contains(r#"<html lang="fr""#));
    assert!(app.page(agenda).await.contains(r#"<html lang="en""#));
    // An organiser's edit shows on the very next read.
    let organiser = member(&app, "organiser-a@example.org", StaffRole::Organiser).await;
    let pairs = [
        ("title_en", "Workshop: Social inclusion, moved"),
        ("kind", "workshop"),
        ("day", "2017-11-16"),
        ("start", "13:30"),
        ("end", "15:00"),
        ("room", "room-a"),
        ("seats", "60"),
    ];
    let saved = post_as(
        &app,
        "/admin/conferences/mechelen-2017/agenda/workshop-social-inclusion",
        &organiser,
        &owned(&pairs),
    )
    .await;
    assert_eq!(saved.status(), 200);
    let edited = app.get(agenda).await;
    assert!(!edited.headers().contains_key("age"), "rendered again");
    assert!(common::html(edited)
        .await
        .contains("Social inclusion, moved"));
    println!("published pages: 5 answers, 5 nonces; the edit shown on the next read");
}
