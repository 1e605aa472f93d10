//! The secrets a registration leaves behind, kept no longer than their
//! use: links in sent mail, passport details, access taken away, and what
//! the Excel export holds.

use super::*;
use crate::common::Inspect;
use chrono::Utc;
use common::{amal, confirmed, PASSWORD};
use convene::Lang;

on_both_stores!(
    passport_details_go_on_refusal_cancellation_and_after_the_conference,
    a_sent_message_keeps_no_link_and_a_resend_makes_a_new_one,
    access_is_taken_away_and_reset_links_die_with_the_password,
);

async fn passport_details_go_on_refusal_cancellation_and_after_the_conference(
    store: convene::store::Store,
) {
    use convene::registration::PassportRetention;
    let passport = |token: String| {
        let store = store.clone();
        async move {
            store
                .registration_by_link(&token)
                .await
                .unwrap()
                .map(|r| r.details.passport_number)
        }
    };
    // Cancelled: gone at once.
    let token = confirmed(&store, "mechelen-2017", "cancel@example.org", true).await;
    assert_eq!(passport(token.clone()).await.as_deref(), Some("RL1234567"));
    assert!(store
        .cancel_registration(&token, BASE, Utc::now())
        .await
        .unwrap());
    assert_eq!(passport(token).await.as_deref(), Some(""));
    // Turned down: gone at once.
    let token = confirmed(&store, "beirut-2017", "refused@example.org", true).await;
    let id = common::line_of(&store, "beirut-2017", "refused@example.org")
        .await
        .id;
    store
        .decide_registration(
            id,
            false,
            None,
            Some("No seat for this delegation"),
            BASE,
            Utc::now(),
        )
        .await
        .unwrap();
    let refused_link = last_token(&store, "refused@example.org").await;
    assert_eq!(passport(refused_link).await.as_deref(), Some(""));
    let _ = token;
    // Confirmed: kept until the retention ends, the days after the last day.
    let token = confirmed(&store, "mechelen-2017", "kept@example.org", true).await;
    let retention = PassportRetention::default();
    let last_day = chrono::NaiveDate::from_ymd_opt(2017, 11, 17).unwrap();
    let deleted_on = retention.deleted_on(last_day);
    assert_eq!(
        deleted_on,
        chrono::NaiveDate::from_ymd_opt(2017, 12, 17).unwrap()
    );
    let day_before = deleted_on.pred_opt().unwrap();
    assert_eq!(
        store.forget_passports(retention, day_before).await.unwrap(),
        0
    );
    assert_eq!(passport(token.clone()).await.as_deref(), Some("RL1234567"));
    assert_eq!(
        store.forget_passports(retention, deleted_on).await.unwrap(),
        1
    );
    assert_eq!(passport(token).await.as_deref(), Some(""));
    let problems = store.recount().await.unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
    println!("passport details: deleted on cancellation, on refusal, and on {deleted_on} for Mechelen (ended {last_day})");
}

async fn a_sent_message_keeps_no_link_and_a_resend_makes_a_new_one(store: convene::store::Store) {
    use convene_server::mail::{deliver_due, parse_from, Mailer};
    let folder = tempfile::tempdir().unwrap();
    let mailer = Mailer::new(None, folder.path().to_path_buf()).unwrap();
    let from = parse_from("Convene <convene@localhost>").unwrap();
    let old = confirmed(&store, "mechelen-2017", "sent@example.org", false).await;
    store
        .submit_registration(
            "mechelen-2017",
            &amal("unverified@example.org", false),
            None,
            Lang::En,
            BASE,
            Utc::now(),
        )
        .await
        .unwrap();
    store
        .request_password_reset("nobody@example.org", Lang::En, BASE, Utc::now())
        .await
        .unwrap();
    let sent = deliver_due(&store, &mailer, &from, Utc::now()).await;
    assert_eq!(sent, 3);
    let outbox = store.outbox().await.unwrap();
    let kept: Vec<_> = outbox
        .iter()
        .filter(|(_, _, p)| p["link"].is_string())
        .collect();
    assert!(kept.is_empty(), "links kept after sending: {kept:?}");
    // They left with their links: the mail files hold them.
    let files: String = std::fs::read_dir(folder.path())
        .unwrap()
        .map(|f| std::fs::read_to_string(f.unwrap().path()).unwrap())
        .collect();
    assert!(
        files.contains(&format!("/r/{old}")),
        "the confirmation carried its link"
    );
    // Sent again from the mail room: a new link that opens the
    // registration, and the old one opens nothing.
    let staff = store
        .create_account(
            &convene::field::Email::parse("staff@example.org").unwrap(),
            "not a hash",
            true,
            Utc::now(),
        )
        .await
        .unwrap()
        .unwrap();
    let confirmation = store
        .conference_mail("mechelen-2017", None, 10)
        .await
        .unwrap()
        .into_iter()
        .find(|m| {
            m.recipient == "sent@example.org"
                && m.mail.kind == convene::mail::MailKind::Confirmation
        })
        .unwrap();
    assert!(store
        .resend_mail("mechelen-2017", confirmation.id, staff, BASE, Utc::now())
        .await
        .unwrap());
    let new = last_token(&store, "sent@example.org").await;
    assert_ne!(new, old);
    assert!(store.registration_by_link(&new).await.unwrap().is_some());
    assert!(store.registration_by_link(&old).await.unwrap().is_none());
    println!("{sent} messages sent, none keeps its link; a resend carries a new one");
}

async fn access_is_taken_away_and_reset_links_die_with_the_password(store: convene::store::Store) {
    let email = convene::field::Email::parse("staff@example.org").unwrap();
    let account = store
        .create_account(
            &email,
            &convene::password::hash(PASSWORD),
            false,
            Utc::now(),
        )
        .await
        .unwrap()
        .unwrap();
    // Two reset links asked; the password changed through one: the other dies.
    for _ in 0..2 {
        store
            .request_password_reset("staff@example.org", Lang::En, BASE, Utc::now())
            .await
            .unwrap();
    }
    let links: Vec<String> = store
        .outbox()
        .await
        .unwrap()
        .into_iter()
        .filter(|(kind, _, _)| kind == "password_reset")
        .map(|(_, _, p)| {
            p["link"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(links.len(), 2);
    let hash = convene::password::hash("a new password for staff");
    assert!(store
        .reset_password(&links[0], &hash, Utc::now())
        .await
        .unwrap());
    assert!(!store
        .password_reset_open(&links[1], Utc::now())
        .await
        .unwrap());
    assert!(!store
        .reset_password(&links[1], &hash, Utc::now())
        .await
        .unwrap());
    // A role taken away; then the account disabled: signed out at once,
    // no sign-in, and a reset request sends nothing.
    assert!(store
        .grant(
            "staff@example.org",
            "mechelen-2017",
            convene::account::StaffRole::Staff
        )
        .await
        .unwrap());
    assert!(store
        .revoke("staff@example.org", "mechelen-2017")
        .await
        .unwrap());
    assert!(store.memberships(account).await.unwrap().is_empty());
    let session = store.sign_in(account, Utc::now()).await.unwrap();
    assert!(store
        .signed_in(&session, Utc::now())
        .await
        .unwrap()
        .is_some());
    assert!(store.disable("staff@example.org").await.unwrap());
    assert!(store
        .signed_in(&session, Utc::now())
        .await
        .unwrap()
        .is_none());
    assert!(store
        .account_for_sign_in("staff@example.org")
        .await
        .unwrap()
        .is_none());
    let before = store.outbox().await.unwrap().len();
    store
        .request_password_reset("staff@example.org", Lang::En, BASE, Utc::now())
        .await
        .unwrap();
    assert_eq!(store.outbox().await.unwrap().len(), before);
    println!("a reset link died with the password change; a revoked role and a disabled account opened nothing");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_privacy_page_gives_the_day_passport_details_are_deleted() {
    let app = common::spawn_with(false, |config| config.passport_days = 45).await;
    // Mechelen's last day is 17 November 2017; 45 days after it:
    let page = app.page("/conferences/mechelen-2017/privacy").await;
    assert!(
        page.contains(
            "are deleted on Monday 1 January 2018, and at once if the registration is cancelled"
        ),
        "{page}"
    );
    let french = app.page("/fr/conferences/mechelen-2017/privacy").await;
    assert!(
        french.contains("sont effacées le") && french.contains("janvier 2018"),
        "{french}"
    );
    println!("the privacy page: passport details deleted on Monday 1 January 2018 (45 days set)");
}

/// Characters XML forbids, typed into a field the form takes, never reach
/// the workbook: it opens in a reader nobody here wrote.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_excel_export_opens_whatever_was_typed() {
    let app = common::spawn_sqlite().await;
    common::account(&app, "organiser@example.org", false).await;
    assert!(app
        .store
        .grant(
            "organiser@example.org",
            "mechelen-2017",
            convene::account::StaffRole::Organiser
        )
        .await
        .unwrap());
    let organiser = common::sign_in(&app, "organiser@example.org").await;
    let mut odd = common::amal("odd@example.org", false);
    odd.organisation = convene::field::ShortText::parse("Ville\u{FFFE} de Lyon\u{FFFF}")
        .expect("the form takes it");
    app.store
        .submit_registration("mechelen-2017", &odd, None, Lang::En, BASE, Utc::now())
        .await
        .unwrap();
    let xlsx = app
        .client
        .get(app.url("/admin/conferences/mechelen-2017/registrations.xlsx"))
        .header("cookie", organiser)
        .send()
        .await
        .unwrap();
    assert_eq!(xlsx.status(), 200);
    let cells = common::read_xlsx(&xlsx.bytes().await.unwrap());
    assert!(
        cells
            .iter()
            .any(|row| row.contains(&Some("Ville de Lyon".into()))),
        "{cells:?}"
    );
    println!("the export with U+FFFE and U+FFFF typed opened in openpyxl, without them");
}
