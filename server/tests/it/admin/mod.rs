//! The back office, on SQLite and PostgreSQL, a file per domain (as in
//! the server's `routes/admin` and the app's `admin`), with the helpers
//! they share here.

mod access;
mod accounts;
mod agenda;
mod conferences;
mod decisions;
mod mail;
mod news;
mod people;
mod published;
mod registrations;

use crate::common;
use crate::common::Inspect;
use chrono::Utc;
use common::{account, sign_in, TestApp};
use convene::account::StaffRole;

/// Signs in an account that holds `role` in Mechelen; its cookie.
pub(crate) async fn member(app: &TestApp, email: &str, role: StaffRole) -> String {
    account(app, email, false).await;
    assert!(app.store.grant(email, "mechelen-2017", role).await.unwrap());
    sign_in(app, email).await
}

/// A same-origin form post with a session cookie.
pub(crate) async fn post_as(
    app: &TestApp,
    path: &str,
    cookie: &str,
    pairs: &[(String, String)],
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.base.as_str())
        .header("accept", "text/html")
        .header("cookie", cookie)
        .form(pairs)
        .send()
        .await
        .unwrap()
}

pub(crate) fn owned(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// Registers and confirms the address of a delegate at Mechelen.
pub(super) async fn confirmed_at_mechelen(app: &TestApp, email: &str) -> convene::store::Verified {
    confirmed_at_mechelen_in(app, email, vec![]).await
}

/// The same, choosing `sessions`.
pub(super) async fn confirmed_at_mechelen_in(
    app: &TestApp,
    email: &str,
    sessions: Vec<String>,
) -> convene::store::Verified {
    let form = convene::registration::RegistrationForm {
        sessions,
        given_name: "Delegate".into(),
        family_name: email.into(),
        email: email.into(),
        organisation: "City".into(),
        city: "Mechelen".into(),
        country: "BE".into(),
        category: "civil_society".into(),
        languages: vec!["en".into()],
        consent: true,
        ..Default::default()
    };
    let now = Utc::now();
    let setup = app
        .store
        .form_setup("mechelen-2017", None, now)
        .await
        .unwrap()
        .unwrap();
    // The organiser's own question (study visit, yes or no).
    let form = convene::registration::RegistrationForm {
        answers: vec![("study-visit".into(), "no".into())],
        ..form
    };
    let r =
        convene::registration::NewRegistration::parse(&form, &setup).expect("a valid registration");
    let base = "http://convene.test";
    app.store
        .submit_registration("mechelen-2017", &r, None, convene::Lang::En, base, now)
        .await
        .unwrap();
    let outbox = app.store.outbox().await.unwrap();
    let (_, _, payload) = outbox.iter().rev().find(|(_, to, _)| to == email).unwrap();
    let token = payload["link"]
        .as_str()
        .unwrap()
        .rsplit('/')
        .next()
        .unwrap();
    app.store
        .verify_registration(token, base, now)
        .await
        .unwrap()
}

/// GET as a browser navigating (it accepts HTML, which is when Leptos
/// answers a redirect with 302).
pub(crate) async fn get_as(app: &TestApp, path: &str, cookie: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(app.url(path)).header("accept", "text/html");
    if let Some(cookie) = cookie {
        request = request.header("cookie", cookie);
    }
    request.send().await.unwrap()
}

/// A delegate's private link token, from registering for Mechelen.
pub(super) async fn delegate_token(app: &TestApp) -> String {
    let r = common::registration(convene::registration::RegistrationForm {
        given_name: "Amal".into(),
        family_name: "Haddad".into(),
        email: "amal@example.org".into(),
        organisation: "Municipality of Beirut".into(),
        city: "Beirut".into(),
        country: "LB".into(),
        category: "civil_society".into(),
        ..Default::default()
    });
    let base = "http://convene.test";
    app.store
        .submit_registration(
            "mechelen-2017",
            &r,
            None,
            convene::Lang::En,
            base,
            Utc::now(),
        )
        .await
        .unwrap();
    let token = |payload: &serde_json::Value| {
        payload["link"]
            .as_str()
            .unwrap()
            .rsplit('/')
            .next()
            .unwrap()
            .to_owned()
    };
    let outbox = app.store.outbox().await.unwrap();
    app.store
        .verify_registration(&token(&outbox[0].2), base, Utc::now())
        .await
        .unwrap();
    token(&app.store.outbox().await.unwrap().last().unwrap().2)
}

/// The settings form of a stored conference, as the page fills it.
pub(super) async fn settings_pairs(app: &TestApp, slug: &str) -> Vec<(String, String)> {
    use convene::conference_edit::ConferenceForm;
    let (settings, _) = app.store.conference_settings(slug).await.unwrap().unwrap();
    let f = ConferenceForm::of(&settings);
    let mut pairs = vec![];
    for (name, texts) in [
        ("title", &f.titles),
        ("description", &f.descriptions),
        ("privacy", &f.privacy),
    ] {
        for (lang, text) in texts {
            pairs.push((format!("{name}_{lang}"), text.clone()));
        }
    }
    for lang in &f.languages {
        pairs.push(("languages".into(), lang.clone()));
    }
    for (name, value) in [
        ("starts_on", &f.starts_on),
        ("ends_on", &f.ends_on),
        ("zone", &f.zone),
        ("venue", &f.venue),
        ("city", &f.city),
        ("country", &f.country),
        ("hosts", &f.hosts),
        ("partners", &f.partners),
        ("mode", &f.mode),
        ("capacity", &f.capacity),
        ("opens_on", &f.opens_on),
        ("closes_on", &f.closes_on),
        ("topics", &f.topics),
    ] {
        pairs.push((name.into(), value.clone()));
    }
    for category in &f.categories {
        pairs.push(("categories".into(), category.clone()));
    }
    pairs
}
