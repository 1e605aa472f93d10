//! Mail through a real SMTP server (aiosmtpd on loopback), on SQLite and
//! PostgreSQL: what a delegate receives, outages, and files when no SMTP
//! server is configured.

use crate::common;

use crate::common::Inspect;
use chrono::{Duration, Utc};
use common::smtp::{header, SmtpServer};
use convene::registration::RegistrationForm;
use convene::store::Store;
use convene::Lang;
use convene_server::mail::{deliver_due, parse_from, Mailer};
use std::collections::HashSet;

on_both_stores!(
    the_delegate_receives_a_multipart_email_with_the_link,
    mail_queued_during_an_outage_is_delivered_once_after_it,
);

async fn register(store: &Store, email: &str, lang: Lang) {
    let form = RegistrationForm {
        given_name: "Amal".into(),
        family_name: "Haddad".into(),
        email: email.into(),
        organisation: "Municipality of Beirut".into(),
        city: "Beirut".into(),
        country: "LB".into(),
        category: "local_or_regional_government".into(),
        ..Default::default()
    };
    let r = common::registration(form);
    store
        .submit_registration(
            "beirut-2017",
            &r,
            None,
            lang,
            "http://convene.test",
            Utc::now(),
        )
        .await
        .unwrap();
}

fn from() -> lettre::message::Mailbox {
    parse_from("Convene <convene@localhost>").unwrap()
}

async fn the_delegate_receives_a_multipart_email_with_the_link(store: Store) {
    let smtp = SmtpServer::start();
    let mailer = Mailer::new(Some(&smtp.url()), std::env::temp_dir()).unwrap();
    register(&store, "amal@example.org", Lang::Ar).await;
    assert_eq!(deliver_due(&store, &mailer, &from(), Utc::now()).await, 1);
    let messages = smtp.messages();
    assert_eq!(messages.len(), 1);
    let m = &messages[0];
    assert_eq!(header(m, "To").as_deref(), Some("amal@example.org"));
    assert!(header(m, "Content-Type")
        .unwrap()
        .starts_with("multipart/alternative"));
    let message_id = header(m, "Message-ID").unwrap();
    assert!(message_id.ends_with("@convene>"), "{message_id}");
    let parsed = mailparse::parse_mail(m.as_bytes()).unwrap();
    let subject = parsed
        .headers
        .iter()
        .find(|h| h.get_key() == "Subject")
        .unwrap()
        .get_value();
    assert_eq!(
        subject,
        "أكِّد عنوان بريدك الإلكتروني: المؤتمر الرفيع المستوى لمشروع الهجرة من مدينة إلى مدينة في المتوسط",
        "the subject names the conference in the delegate's language"
    );
    let part = |mime: &str| {
        let part = parsed
            .subparts
            .iter()
            .find(|p| p.ctype.mimetype == mime)
            .unwrap_or_else(|| panic!("a {mime} part"));
        part.get_body().unwrap()
    };
    let text = part("text/plain");
    assert!(text.contains("شكراً لتسجيلك"), "{text}");
    assert!(
        text.contains("http://convene.test/r/verify/"),
        "the link is in the text"
    );
    let html = part("text/html");
    assert!(html.contains(r#"<html lang="ar" dir="rtl">"#), "{html}");
    assert!(html.contains(r#"<a href="http://convene.test/r/verify/"#));
    let states = store.outbox_states().await.unwrap();
    assert_eq!(states, vec![("sent".to_owned(), 1)]);
}

async fn mail_queued_during_an_outage_is_delivered_once_after_it(store: Store) {
    let mut smtp = SmtpServer::start();
    smtp.stop();
    let mailer = Mailer::new(Some(&smtp.url()), std::env::temp_dir()).unwrap();
    for i in 0..20 {
        register(&store, &format!("d{i}@example.org"), Lang::En).await;
    }
    let now = Utc::now();
    assert_eq!(
        deliver_due(&store, &mailer, &from(), now).await,
        20,
        "every message is tried"
    );
    assert_eq!(
        store.outbox_states().await.unwrap(),
        vec![("retrying".to_owned(), 20)]
    );
    smtp.resume();
    // Not before the backoff; then all, once.
    assert_eq!(
        deliver_due(&store, &mailer, &from(), now + Duration::seconds(5)).await,
        0
    );
    assert_eq!(
        deliver_due(&store, &mailer, &from(), now + Duration::seconds(31)).await,
        20
    );
    assert_eq!(
        deliver_due(&store, &mailer, &from(), now + Duration::hours(2)).await,
        0,
        "nothing is due twice"
    );
    let ids: Vec<_> = smtp
        .messages()
        .iter()
        .map(|m| header(m, "Message-ID").unwrap())
        .collect();
    let distinct: HashSet<_> = ids.iter().collect();
    println!(
        "outage: {} messages received after recovery, {} distinct, of 20",
        ids.len(),
        distinct.len()
    );
    assert_eq!((ids.len(), distinct.len()), (20, 20));
    assert_eq!(
        store.outbox_states().await.unwrap(),
        vec![("sent".to_owned(), 20)]
    );
}

#[tokio::test]
async fn without_smtp_mail_is_kept_as_eml_files() {
    let (store, _folder) = common::sqlite_store().await;
    let mail = tempfile::tempdir().unwrap();
    let mailer = Mailer::new(None, mail.path().join("mail")).unwrap();
    register(&store, "amal@example.org", Lang::Fr).await;
    assert_eq!(deliver_due(&store, &mailer, &from(), Utc::now()).await, 1);
    let files: Vec<_> = std::fs::read_dir(mail.path().join("mail"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1);
    assert_eq!(files[0].extension().unwrap(), "eml");
    let eml = std::fs::read_to_string(&files[0]).unwrap();
    assert_eq!(header(&eml, "To").as_deref(), Some("amal@example.org"));
    assert!(eml.contains("http://convene.test/r/verify/"));
}

#[test]
fn a_wrong_smtp_url_is_refused_without_showing_the_password() {
    let Err(error) = Mailer::new(Some("smtp://user:s3cret@:bad:port"), std::env::temp_dir()) else {
        panic!("the URL is not valid")
    };
    let message = error.to_string();
    assert!(message.starts_with("SMTP_URL is not valid"), "{message}");
    assert!(!message.contains("s3cret"), "{message}");
}
