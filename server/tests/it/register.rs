//! Registering over HTTP, as a browser without JavaScript does it, on
//! SQLite and PostgreSQL: the form, its problems in the delegate's language
//! with what was typed kept, the emailed link, and cross-site refusal.

use crate::common;

use crate::common::Inspect;
use common::TestApp;

on_both_backends!(
    a_delegate_registers_and_confirms_through_the_emailed_link,
    mistakes_are_shown_beside_their_fields_and_the_form_keeps_what_was_typed,
    cross_site_posts_change_nothing,
);

fn filled() -> Vec<(&'static str, &'static str)> {
    vec![
        ("given_name", "Bart"),
        ("family_name", "Somers"),
        ("email", "bart.somers@example.org"),
        ("organisation", "City of Mechelen"),
        ("function", "Mayor"),
        ("city", "Mechelen"),
        ("country", "BE"),
        ("category", "mayor_or_governor"),
        ("languages", "en"),
        ("languages", "fr"),
        ("q_study-visit", "yes"),
        ("consent", "on"),
    ]
}

async fn post(app: &TestApp, path: &str, form: &[(&str, &str)]) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.base.as_str())
        .form(form)
        .send()
        .await
        .unwrap()
}

async fn a_delegate_registers_and_confirms_through_the_emailed_link(app: TestApp) {
    let page = app.page("/conferences/mechelen-2017/register").await;
    assert!(
        page.contains(
            r#"<form method="post" action="/conferences/mechelen-2017/register" novalidate"#
        ) || page.contains(r#"action="/conferences/mechelen-2017/register""#)
    );
    assert!(page.contains(r#"name="email""#) && page.contains(r#"name="consent""#));

    let response = post(&app, "/conferences/mechelen-2017/register", &filled()).await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        response.headers()["location"],
        "/conferences/mechelen-2017/register/sent"
    );
    let sent = app.page("/conferences/mechelen-2017/register/sent").await;
    assert!(sent.contains("Check your email"));

    let outbox = app.store.outbox().await.unwrap();
    assert_eq!(outbox.len(), 1);
    let link = outbox[0].2["link"].as_str().unwrap().to_owned();
    let path = link.strip_prefix("http://convene.test").unwrap().to_owned();
    // Opening the link (as a mail scanner would) changes nothing.
    let confirm = app.page(&path).await;
    assert!(confirm.contains("Confirm my registration"));
    assert_eq!(app.store.outbox().await.unwrap().len(), 1);
    // The button does.
    let done = common::html(post(&app, &path, &[]).await).await;
    assert!(done.contains("Your registration is confirmed."), "{done}");
    let outbox = app.store.outbox().await.unwrap();
    let (kind, _, payload) = outbox.last().unwrap();
    assert_eq!(kind, "confirmation");
    // The private link in the confirmation shows the registration...
    let private = payload["link"]
        .as_str()
        .unwrap()
        .strip_prefix("http://convene.test")
        .unwrap()
        .to_owned();
    let page = app.page(&private).await;
    assert!(page.contains("Your registration is confirmed."));
    assert!(
        page.contains("City of Mechelen")
            && page.contains("Mayor or governor")
            && page.contains("Belgium")
    );
    // ... and cancels it, after which it says so.
    let cancelled = post(&app, &format!("{private}/cancel"), &[]).await;
    assert_eq!(cancelled.status(), 303);
    assert_eq!(cancelled.headers()["location"], private.as_str());
    assert!(app
        .page(&private)
        .await
        .contains("Your registration is cancelled."));
    assert_eq!(
        app.store.outbox().await.unwrap().last().unwrap().0,
        "cancellation"
    );
    assert_eq!(app.get("/r/not-a-real-link").await.status(), 404);
    // Used once; a second time it says it did its work, with 410.
    let again = post(&app, &path, &[]).await;
    assert_eq!(again.status(), 410);
    assert!(common::html(again)
        .await
        .contains("Your address is confirmed already: this link has done its work."));
    // Registering again after cancelling starts over, in the same row: never two.
    let response = post(&app, "/conferences/mechelen-2017/register", &filled()).await;
    assert_eq!(response.status(), 303);
    let counts = app
        .store
        .registration_counts("mechelen-2017")
        .await
        .unwrap();
    assert_eq!(counts, vec![(convene::registration::Status::Unverified, 1)]);
}

async fn mistakes_are_shown_beside_their_fields_and_the_form_keeps_what_was_typed(app: TestApp) {
    let mut form = filled();
    form.retain(|(k, _)| *k != "consent");
    form.iter_mut().for_each(|(k, v)| {
        if *k == "email" {
            *v = "bart.somers@";
        }
        if *k == "family_name" {
            *v = "Somers\r\nBcc: someone@example.org";
        }
    });
    let response = post(&app, "/fr/conferences/mechelen-2017/register", &form).await;
    assert_eq!(response.status(), 422);
    let page = common::html(response).await;
    assert!(page.contains("Veuillez corriger les champs signalés ci-dessous."));
    assert!(page.contains("Veuillez saisir une adresse électronique comme nom@exemple.org."));
    assert!(page.contains(
        "Veuillez supprimer les retours à la ligne, tabulations et caractères invisibles."
    ));
    assert!(page.contains("Veuillez accepter le traitement de vos données"));
    // What was typed is still there.
    assert!(
        page.contains(r#"value="bart.somers@""#),
        "the email as typed"
    );
    assert!(page.contains(r#"value="City of Mechelen""#));
    assert!(page.contains(r#"<option value="mayor_or_governor" selected"#));
    assert!(page.contains(r#"aria-invalid="true""#));
    // Nothing was stored.
    assert!(app
        .store
        .registration_counts("mechelen-2017")
        .await
        .unwrap()
        .is_empty());
    assert!(app.store.outbox().await.unwrap().is_empty());
    // Script in a field comes back inert.
    let mut hostile = filled();
    hostile[0] = ("given_name", "<script>alert(1)</script>");
    let page =
        common::html(post(&app, "/conferences/mechelen-2017/register", &hostile).await).await;
    assert!(!page.contains("<script>alert(1)"));
    assert!(page.contains("Please remove the angle brackets"));
    let unknown = post(&app, "/conferences/nowhere/register", &filled()).await;
    assert_eq!(unknown.status(), 404);
}

async fn cross_site_posts_change_nothing(app: TestApp) {
    let response = app
        .client
        .post(app.url("/conferences/mechelen-2017/register"))
        .header("sec-fetch-site", "cross-site")
        .header("origin", "https://evil.example")
        .form(&filled())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 403);
    assert!(app
        .store
        .registration_counts("mechelen-2017")
        .await
        .unwrap()
        .is_empty());
    let forged = app
        .client
        .post(app.url("/r/verify/anything"))
        .header("origin", "https://evil.example")
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
}
