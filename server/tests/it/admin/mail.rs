//! The mail room, messages to the delegates a filter finds, and the
//! conference's own wording of its emails.

use super::*;
use crate::common;
use crate::common::Inspect;
use chrono::Utc;
use common::TestApp;
use convene::account::StaffRole;

on_both_backends!(staff_write_to_the_delegates_a_filter_finds,);

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_the_mail_room_shows_failures_and_sends_again() {
    the_mail_room_shows_failures_and_sends_again(common::spawn_without_mail_worker(false).await)
        .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_the_mail_room_shows_failures_and_sends_again() {
    the_mail_room_shows_failures_and_sends_again(common::spawn_without_mail_worker(true).await)
        .await
}

// The wording test sends the mail itself, to a real SMTP server.

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_staff_word_the_confirmation_and_the_delegate_reads_it() {
    staff_word_the_confirmation_and_the_delegate_reads_it(
        common::spawn_without_mail_worker(false).await,
    )
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_staff_word_the_confirmation_and_the_delegate_reads_it() {
    staff_word_the_confirmation_and_the_delegate_reads_it(
        common::spawn_without_mail_worker(true).await,
    )
    .await
}

async fn the_mail_room_shows_failures_and_sends_again(app: TestApp) {
    let staff = member(&app, "staff-a@example.org", StaffRole::Staff).await;
    delegate_token(&app).await;
    // The mail server refused the confirmation for good.
    let now = Utc::now();
    let claimed = app.store.claim_due(10, now).await.unwrap();
    assert_eq!(claimed.len(), 2, "verification and confirmation");
    let attempts: Vec<_> = claimed
        .iter()
        .map(|c| {
            if c.kind == "confirmation" {
                convene::store::Attempt::Permanent("550 mailbox unavailable".into())
            } else {
                convene::store::Attempt::Sent
            }
        })
        .collect();
    app.store
        .record_attempts(claimed.iter().zip(&attempts), now)
        .await
        .unwrap();
    let room =
        common::html(get_as(&app, "/admin/conferences/mechelen-2017/mail", Some(&staff)).await)
            .await;
    assert!(
        room.contains(
            "<td>Confirmation</td><td>Failed</td><td>1</td><td>550 mailbox unavailable</td>"
        ),
        "{room}"
    );
    assert!(room.contains("Try the 1 failed messages again"));
    let failed_only = common::html(
        get_as(
            &app,
            "/admin/conferences/mechelen-2017/mail?state=failed",
            Some(&staff),
        )
        .await,
    )
    .await;
    assert_eq!(failed_only.matches("<tr data-state=").count(), 1);

    let post = |path: String| {
        app.client
            .post(app.url(&path))
            .header("sec-fetch-site", "same-origin")
            .header("origin", app.base.as_str())
            .header("cookie", &staff)
            .send()
    };
    let retried = post("/admin/conferences/mechelen-2017/mail/retry-failed".into())
        .await
        .unwrap();
    assert_eq!(retried.status(), 303);
    let states = app.store.outbox_states().await.unwrap();
    assert_eq!(states, [("queued".to_owned(), 1), ("sent".to_owned(), 1)]);
    let id = app
        .store
        .conference_mail("mechelen-2017", Some(convene::desk::MailState::Sent), 10)
        .await
        .unwrap()[0]
        .id;
    assert_eq!(
        post(format!("/admin/conferences/mechelen-2017/mail/{id}/resend"))
            .await
            .unwrap()
            .status(),
        303
    );
    assert_eq!(app.store.outbox().await.unwrap().len(), 3, "a new message");
    assert_eq!(
        post("/admin/conferences/mechelen-2017/mail/99999/resend".into())
            .await
            .unwrap()
            .status(),
        404
    );
    let registration = app.store.registrations("mechelen-2017").await.unwrap()[0].id;
    let history = common::html(
        get_as(
            &app,
            &format!("/admin/conferences/mechelen-2017/registrations/{registration}"),
            Some(&staff),
        )
        .await,
    )
    .await;
    assert!(history.contains("<td>Failed email tried again</td><td>staff-a@example.org</td>"));
    assert!(history.contains("<td>Email sent again</td><td>staff-a@example.org</td>"));
}

async fn staff_write_to_the_delegates_a_filter_finds(app: TestApp) {
    let staff = member(&app, "staff-a@example.org", StaffRole::Staff).await;
    for email in ["one@example.org", "two@example.org", "three@example.org"] {
        confirmed_at_mechelen(&app, email).await;
    }
    let lines = app.store.registrations("mechelen-2017").await.unwrap();
    let three = lines
        .iter()
        .find(|l| l.email == "three@example.org")
        .unwrap()
        .id;
    let (account, _) = app
        .store
        .account_for_sign_in("staff-a@example.org")
        .await
        .unwrap()
        .unwrap();
    app.store
        .cancel_registration_as_staff(
            "mechelen-2017",
            three,
            account.id,
            "http://convene.test",
            Utc::now(),
        )
        .await
        .unwrap();
    let path = "/admin/conferences/mechelen-2017/write?country=BE";
    let page = common::html(get_as(&app, path, Some(&staff)).await).await;
    assert!(
        page.contains("This message goes to the 2 delegates"),
        "the cancelled one is left out: {page}"
    );

    let refused = post_as(
        &app,
        path,
        &staff,
        &owned(&[
            ("subject", ""),
            ("body", "Kept as typed."),
            ("intent", "send"),
        ]),
    )
    .await;
    assert_eq!(refused.status(), 422);
    let refused = common::html(refused).await;
    assert!(refused.contains("Please fill this in."));
    assert!(refused.contains("Kept as typed."));
    assert!(app
        .store
        .outbox()
        .await
        .unwrap()
        .iter()
        .all(|(kind, ..)| kind != "message"));

    let message = owned(&[
        ("subject", "Your badge for {conference}"),
        (
            "body",
            "Dear {name},\n\nBadges are at the desk <b>from 8:00</b>.",
        ),
        ("intent", "preview"),
    ]);
    let preview = common::html(post_as(&app, path, &staff, &message).await).await;
    assert!(preview.contains("one@example.org"), "{preview}");
    assert!(preview.contains("Your badge for Global Conference on Cities and Migration"));
    assert!(preview.contains("Dear Delegate one@example.org,"));
    assert!(preview.contains("&lt;b&gt;from 8:00&lt;/b&gt;"), "escaped");
    assert!(
        app.store
            .outbox()
            .await
            .unwrap()
            .iter()
            .all(|(kind, ..)| kind != "message"),
        "a preview sends nothing"
    );

    let mut send = message.clone();
    send[2].1 = "send".into();
    let sent = post_as(&app, path, &staff, &send).await;
    assert_eq!(sent.status(), 303);
    assert_eq!(
        sent.headers()["location"],
        "/admin/conferences/mechelen-2017/mail?sent=2"
    );
    let outbox = app.store.outbox().await.unwrap();
    let mut to: Vec<&str> = outbox
        .iter()
        .filter(|(kind, ..)| kind == "message")
        .map(|(_, to, _)| to.as_str())
        .collect();
    to.sort();
    assert_eq!(to, ["one@example.org", "two@example.org"]);
    let room = common::html(
        get_as(
            &app,
            "/admin/conferences/mechelen-2017/mail?sent=2",
            Some(&staff),
        )
        .await,
    )
    .await;
    assert!(room.contains("2 messages are queued"));
    assert!(room.contains("Message from the organisers"));
    let log = app.store.audit_log("mechelen-2017", 1).await.unwrap();
    assert_eq!(log[0].0, "message_sent");
    println!("message: previewed, then queued to 2 of 3 delegates (1 cancelled left out)");
}

async fn staff_word_the_confirmation_and_the_delegate_reads_it(app: TestApp) {
    use common::smtp::{header, SmtpServer};
    let staff = member(&app, "staff-a@example.org", StaffRole::Staff).await;
    let list = common::html(
        get_as(
            &app,
            "/admin/conferences/mechelen-2017/templates",
            Some(&staff),
        )
        .await,
    )
    .await;
    assert!(list.contains("Confirmation") && list.contains("built-in text"));
    let path = "/admin/conferences/mechelen-2017/templates/confirmation/en";
    let editor = common::html(get_as(&app, path, Some(&staff)).await).await;
    assert!(
        editor.contains("{name}, {conference}"),
        "the placeholders are listed: {editor}"
    );
    assert!(
        editor.contains("Your registration is confirmed"),
        "the built-in text to start from"
    );

    let wording = |intent: &str, body: &str| {
        owned(&[
            ("subject", "Welcome to {conference}"),
            ("body", body),
            ("intent", intent),
        ])
    };
    let preview = post_as(
        &app,
        path,
        &staff,
        &wording("preview", "See you in Mechelen, {name}."),
    )
    .await;
    assert_eq!(preview.status(), 200);
    let preview = common::html(preview).await;
    assert!(
        preview.contains("Welcome to Global Conference on Cities and Migration"),
        "{preview}"
    );
    assert!(
        preview.contains("See you in Mechelen, Amal Haddad."),
        "a sample name while nobody registered"
    );
    assert!(
        app.store
            .template("mechelen-2017", convene::mail::MailKind::Confirmation, "en")
            .await
            .unwrap()
            .is_none(),
        "a preview saves nothing"
    );
    let refused = post_as(&app, path, &staff, &wording("save", "")).await;
    assert_eq!(refused.status(), 422);
    assert!(common::html(refused).await.contains("Please fill this in."));
    let saved = post_as(
        &app,
        path,
        &staff,
        &wording("save", "See you in Mechelen, {name}."),
    )
    .await;
    assert_eq!(saved.status(), 303);
    assert_eq!(saved.headers()["location"], format!("{path}?saved=1"));

    // A delegate confirmed now gets the conference's wording, link and calendar included.
    let smtp = SmtpServer::start();
    let mailer =
        convene_server::mail::Mailer::new(Some(&smtp.url()), std::env::temp_dir()).unwrap();
    let from = convene_server::mail::parse_from("Convene <convene@localhost>").unwrap();
    confirmed_at_mechelen(&app, "bart@example.org").await;
    // The preview now reads as that delegate's email, summary included.
    let preview = common::html(get_as(&app, path, Some(&staff)).await).await;
    assert!(
        preview.contains("As Delegate bart@example.org would read it"),
        "{preview}"
    );
    assert!(preview.contains("See you in Mechelen, Delegate bart@example.org."));
    assert!(
        preview.contains("16–17 November 2017")
            && preview.contains("Lamot Congress and Heritage Center, Mechelen"),
        "the summary's dates: {preview}"
    );
    assert_eq!(
        convene_server::mail::deliver_due(&app.store, &mailer, &from, Utc::now()).await,
        2
    );
    let messages = smtp.messages();
    let confirmation = messages
        .iter()
        .find(|m| {
            header(m, "Subject").as_deref()
                == Some("Welcome to Global Conference on Cities and Migration")
        })
        .expect("the confirmation in the conference's wording");
    let parsed = mailparse::parse_mail(confirmation.as_bytes()).unwrap();
    let text = parsed.subparts[0]
        .subparts
        .iter()
        .find(|p| p.ctype.mimetype == "text/plain")
        .unwrap()
        .get_body()
        .unwrap();
    assert!(
        text.contains("See you in Mechelen, Delegate bart@example.org."),
        "{text}"
    );
    assert!(text.contains("/r/"), "the private link stays: {text}");
    // The verification email keeps the built-in text.
    assert!(
        messages
            .iter()
            .any(|m| header(m, "Subject")
                .is_some_and(|s| s.starts_with("Confirm your email address"))),
        "{messages:?}"
    );

    // Back to the built-in text.
    let reset = post_as(&app, path, &staff, &owned(&[("intent", "reset")])).await;
    assert_eq!(reset.status(), 303);
    assert!(app
        .store
        .template("mechelen-2017", convene::mail::MailKind::Confirmation, "en")
        .await
        .unwrap()
        .is_none());
    let log = app.store.audit_log("mechelen-2017", 2).await.unwrap();
    assert_eq!(log[0].0, "template_reset");
    assert_eq!(log[1].0, "template_changed");
}
