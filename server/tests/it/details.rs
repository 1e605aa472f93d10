//! The whole registration form over HTTP, on SQLite and PostgreSQL: every
//! field stored and shown on the private link, seats in limited sessions,
//! changes from the private link confirmed by email, the confirmation email
//! with its calendar, approval, and invitations.

use crate::common;

use crate::common::Inspect;
use chrono::Utc;
use common::smtp::{header, SmtpServer};
use common::TestApp;
use convene::field::Email;
use convene::registration::RegistrationMode;
use convene::store::Decided;
use convene::Lang;
use convene_server::mail::{deliver_due, parse_from, Mailer};

on_both_backends!(
    every_field_is_kept_and_the_private_link_changes_them,
    approval_waits_for_staff_and_tells_the_delegate,
    a_conference_by_invitation_opens_only_from_the_invitation,
);

// The confirmation's test sends the mail itself: no worker may race it.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_the_confirmation_email_carries_the_sessions_and_a_calendar() {
    the_confirmation_email_carries_the_sessions_and_a_calendar(
        common::spawn_without_mail_worker(false).await,
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_the_confirmation_email_carries_the_sessions_and_a_calendar() {
    the_confirmation_email_carries_the_sessions_and_a_calendar(
        common::spawn_without_mail_worker(true).await,
    )
    .await
}

const BASE: &str = "http://convene.test";

fn full_form(email: &str) -> Vec<(&'static str, String)> {
    [
        ("honorific", "excellency"),
        ("given_name", "Bart"),
        ("family_name", "Somers"),
        ("email", email),
        ("organisation", "City of Mechelen"),
        ("function", "Mayor"),
        ("city", "Mechelen"),
        ("country", "BE"),
        ("category", "mayor_or_governor"),
        ("languages", "en"),
        ("languages", "fr"),
        ("interpretation", "on"),
        ("accessibility", "Step-free access"),
        ("dietary", "Vegetarian"),
        ("visa_letter", "on"),
        ("passport_name", "SOMERS Bart"),
        ("nationality", "BE"),
        ("passport_number", "ej 123 456"),
        ("date_of_birth", "1964-03-21"),
        ("listed", "on"),
        ("q_study-visit", "no"),
        ("sessions", "workshop-social-inclusion"),
        ("sessions", "workshop-labour-markets"),
        ("consent", "on"),
    ]
    .into_iter()
    .map(|(k, v)| (k, v.to_owned()))
    .collect()
}

async fn post(app: &TestApp, path: &str, form: &[(&str, String)]) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.base.as_str())
        .form(form)
        .send()
        .await
        .unwrap()
}

/// The path of the link in the last queued message.
async fn last_link(app: &TestApp) -> (String, String) {
    let outbox = app.store.outbox().await.unwrap();
    let (kind, _, payload) = outbox.last().unwrap();
    let link = payload["link"].as_str().unwrap();
    (
        kind.clone(),
        link.strip_prefix(BASE).unwrap_or(link).to_owned(),
    )
}

/// Registers for Mechelen with the whole form and confirms; the private link.
async fn register_and_confirm(app: &TestApp, email: &str) -> String {
    let response = post(
        app,
        "/conferences/mechelen-2017/register",
        &full_form(email),
    )
    .await;
    assert_eq!(response.status(), 303);
    let (_, verify) = last_link(app).await;
    let done = common::html(post(app, &verify, &[]).await).await;
    assert!(done.contains("Your registration is confirmed."), "{done}");
    let (kind, private) = last_link(app).await;
    assert_eq!(kind, "confirmation");
    private
}

async fn seats_left(app: &TestApp, session: &str) -> u32 {
    let setup = app
        .store
        .form_setup("mechelen-2017", None, Utc::now())
        .await
        .unwrap()
        .unwrap();
    setup
        .sessions
        .iter()
        .find(|s| s.slug.as_str() == session)
        .unwrap()
        .left
}

async fn every_field_is_kept_and_the_private_link_changes_them(app: TestApp) {
    let form = app.page("/conferences/mechelen-2017/register").await;
    for field in [
        r#"name="honorific""#,
        r#"name="languages""#,
        r#"name="interpretation""#,
        r#"name="accessibility""#,
        r#"name="dietary""#,
        r#"name="visa_letter""#,
        r#"name="passport_number""#,
        r#"name="listed""#,
        r#"name="q_study-visit""#,
        r#"name="sessions""#,
    ] {
        assert!(form.contains(field), "the form has {field}");
    }
    assert!(form.contains("60 seats left"));
    assert!(form.contains(r#"<option value="LB">Lebanon</option>"#));
    let french = app.page("/fr/conferences/mechelen-2017/register").await;
    assert!(french.contains(r#"<option value="LB">Liban</option>"#));

    let private = register_and_confirm(&app, "bart@example.org").await;
    assert_eq!(seats_left(&app, "workshop-social-inclusion").await, 59);
    assert_eq!(seats_left(&app, "workshop-labour-markets").await, 59);
    let page = app.page(&private).await;
    for shown in [
        "H.E. Bart Somers",
        "Step-free access",
        "Vegetarian",
        "Belgium",
        "English, Français",
        "Workshop: Social inclusion and cohesion",
        "seat reserved",
        // The change form holds what is stored, passport number included.
        r#"value="EJ123456""#,
    ] {
        assert!(page.contains(shown), "the private link shows {shown}");
    }
    // In the back office, the answer shows by its question, in the
    // reader's language, not by the code it is stored under.
    common::account(&app, "admin@example.org", true).await;
    let admin = common::sign_in(&app, "admin@example.org").await;
    let id = app.store.registrations("mechelen-2017").await.unwrap()[0].id;
    let detail = format!("/admin/conferences/mechelen-2017/registrations/{id}");
    for (lang, shown) in [
        ("en", "Friday afternoon?</dt><dd>No</dd>"),
        ("fr", "vendredi après-midi ?</dt><dd>Non</dd>"),
    ] {
        let headers = [("cookie", admin.as_str()), ("accept-language", lang)];
        let page = common::html(app.get_with(&detail, &headers).await).await;
        assert!(
            page.contains(shown) && !page.contains("study-visit</dt>"),
            "{lang}: {page}"
        );
    }

    // Two sessions at the same time: refused beside the field, nothing changed.
    let mut change = full_form("someone.else@example.org");
    change.retain(|(k, v)| *k != "sessions" || v != "workshop-social-inclusion");
    change.push(("sessions", "workshop-public-narrative".into()));
    let refused = post(&app, &format!("{private}/change"), &change).await;
    assert_eq!(refused.status(), 422);
    let refused = common::html(refused).await;
    assert!(refused.contains("take place at the same time"), "{refused}");
    assert_eq!(seats_left(&app, "workshop-social-inclusion").await, 59);

    // One session dropped, another taken, the diet changed: saved and mailed.
    change.retain(|(k, v)| *k != "sessions" || v != "workshop-labour-markets");
    change.retain(|(k, _)| *k != "dietary");
    change.push(("dietary", "Halal".into()));
    let saved = post(&app, &format!("{private}/change"), &change).await;
    assert_eq!(saved.status(), 200);
    let saved = common::html(saved).await;
    assert!(saved.contains("Your changes are saved."), "{saved}");
    assert!(saved.contains("Halal") && !saved.contains("Vegetarian"));
    // The address is not changed from the private link.
    assert!(saved.contains("bart@example.org") && !saved.contains("someone.else"));
    assert_eq!(seats_left(&app, "workshop-social-inclusion").await, 60);
    assert_eq!(seats_left(&app, "workshop-labour-markets").await, 60);
    assert_eq!(seats_left(&app, "workshop-public-narrative").await, 39);
    let outbox = app.store.outbox().await.unwrap();
    let (kind, to, _) = outbox.last().unwrap();
    assert_eq!(
        (kind.as_str(), to.as_str()),
        ("details_changed", "bart@example.org")
    );

    // Cancelling gives the seats back and forgets the passport.
    assert_eq!(
        post(&app, &format!("{private}/cancel"), &[]).await.status(),
        303
    );
    assert_eq!(seats_left(&app, "workshop-public-narrative").await, 40);
    let cancelled = app.page(&private).await;
    assert!(!cancelled.contains("EJ123456"));
}

async fn the_confirmation_email_carries_the_sessions_and_a_calendar(app: TestApp) {
    let smtp = SmtpServer::start();
    let mailer = Mailer::new(Some(&smtp.url()), std::env::temp_dir()).unwrap();
    let from = parse_from("Convene <convene@localhost>").unwrap();
    register_and_confirm(&app, "bart@example.org").await;
    assert_eq!(deliver_due(&app.store, &mailer, &from, Utc::now()).await, 2);
    let messages = smtp.messages();
    let confirmation = messages
        .iter()
        .find(|m| {
            header(m, "Subject")
                .unwrap_or_default()
                .starts_with("Your registration is confirmed")
        })
        .expect("the confirmation");
    assert!(header(confirmation, "Content-Type")
        .unwrap()
        .starts_with("multipart/mixed"));
    let parsed = mailparse::parse_mail(confirmation.as_bytes()).unwrap();
    let alternative = &parsed.subparts[0];
    assert_eq!(alternative.ctype.mimetype, "multipart/alternative");
    let text = alternative
        .subparts
        .iter()
        .find(|p| p.ctype.mimetype == "text/plain")
        .unwrap()
        .get_body()
        .unwrap();
    assert!(text.contains("- 16–17 November 2017"), "{text}");
    assert!(
        text.contains("Lamot Congress and Heritage Center, Mechelen"),
        "{text}"
    );
    assert!(
        text.contains(
            "Workshop: Social inclusion and cohesion: Thursday 16 November 2017, 13:30–15:00 CET"
        ),
        "{text}"
    );
    // The private link, as the delegate finds it in the message, opens
    // their registration.
    let link = text
        .lines()
        .find(|l| l.starts_with("http://convene.test/r/"))
        .expect("the private link in the text");
    let page = app.page(link.strip_prefix(BASE).unwrap()).await;
    assert!(page.contains("Your registration is confirmed."));
    let calendar = parsed
        .subparts
        .iter()
        .find(|p| p.ctype.mimetype == "text/calendar")
        .expect("a calendar attachment");
    let ics = calendar.get_body().unwrap();
    assert!(ics.contains("BEGIN:VCALENDAR") && ics.contains("BEGIN:VTIMEZONE"));
    assert!(ics.contains("UID:mechelen-2017@convene"));
    assert!(
        ics.contains("DTSTART;VALUE=DATE:20171116") && ics.contains("DTEND;VALUE=DATE:20171118")
    );
    assert!(ics.contains("UID:workshop-social-inclusion@mechelen-2017.convene"));
    assert!(ics.contains("DTSTART;TZID=Europe/Brussels:20171116T133000"));
    assert_eq!(
        ics.matches("BEGIN:VEVENT").count(),
        3,
        "the conference and two sessions"
    );
}

async fn approval_waits_for_staff_and_tells_the_delegate(app: TestApp) {
    app.store
        .set_registration_mode("mechelen-2017", RegistrationMode::Approval)
        .await
        .unwrap();
    let form = app.page("/conferences/mechelen-2017/register").await;
    assert!(form.contains("The organisers review every registration"));
    post(
        &app,
        "/conferences/mechelen-2017/register",
        &full_form("bart@example.org"),
    )
    .await;
    let (_, verify) = last_link(&app).await;
    let done = common::html(post(&app, &verify, &[]).await).await;
    assert!(
        done.contains("The organisers review every registration"),
        "{done}"
    );
    assert_eq!(seats_left(&app, "workshop-social-inclusion").await, 60);
    let line = app
        .store
        .registrations("mechelen-2017")
        .await
        .unwrap()
        .remove(0);
    assert_eq!(line.status.code(), "awaiting_approval");
    assert_eq!(
        app.store
            .decide_registration(line.id, true, None, None, BASE, Utc::now())
            .await
            .unwrap(),
        Decided::Confirmed
    );
    // Approved once only; the seat in the workshop is held now.
    assert_eq!(
        app.store
            .decide_registration(line.id, false, None, None, BASE, Utc::now())
            .await
            .unwrap(),
        Decided::NotAwaiting
    );
    assert_eq!(seats_left(&app, "workshop-social-inclusion").await, 59);
    let (kind, private) = last_link(&app).await;
    assert_eq!(kind, "confirmation");
    assert!(app
        .page(&private)
        .await
        .contains("Your registration is confirmed."));
}

async fn a_conference_by_invitation_opens_only_from_the_invitation(app: TestApp) {
    app.store
        .set_registration_mode("mechelen-2017", RegistrationMode::Invitation)
        .await
        .unwrap();
    let closed = app.get("/conferences/mechelen-2017/register").await;
    assert_eq!(closed.status(), 403);
    assert!(common::html(closed).await.contains("by invitation only"));

    let invited = Email::parse("Bart@Example.org").unwrap();
    let link = app
        .store
        .invite("mechelen-2017", &invited, Lang::En, BASE, Utc::now())
        .await
        .unwrap()
        .unwrap();
    let (kind, emailed) = last_link(&app).await;
    assert_eq!(kind, "invitation");
    let path = link.strip_prefix(BASE).unwrap();
    assert_eq!(emailed, path);
    let token = path.rsplit('=').next().unwrap().to_owned();
    let form = app.page(path).await;
    assert!(form.contains(r#"value="Bart@example.org""#) && form.contains("readonly"));

    // Someone else's address with the invitation: refused, nothing stored.
    let mut stranger = full_form("stranger@example.org");
    stranger.push(("invitation", token.clone()));
    let refused = post(&app, "/conferences/mechelen-2017/register", &stranger).await;
    assert_eq!(refused.status(), 403);
    assert!(app
        .store
        .registrations("mechelen-2017")
        .await
        .unwrap()
        .is_empty());
    // No invitation at all: refused too.
    let refused = post(
        &app,
        "/conferences/mechelen-2017/register",
        &full_form("bart@example.org"),
    )
    .await;
    assert_eq!(refused.status(), 403);

    let mut own = full_form("bart@example.org");
    own.push(("invitation", token));
    let accepted = post(&app, "/conferences/mechelen-2017/register", &own).await;
    assert_eq!(accepted.status(), 303);
    assert_eq!(
        app.store
            .registrations("mechelen-2017")
            .await
            .unwrap()
            .len(),
        1
    );
}
