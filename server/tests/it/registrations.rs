//! Registrations in the store, on SQLite and on PostgreSQL: verification,
//! no doubles, no overbooking under concurrency, the waiting list, and an
//! email queued in the same transaction as every change.

use crate::common;

use crate::common::Inspect;
use chrono::{Duration, Utc};
use convene::registration::{NewRegistration, RegistrationForm, Status};
use convene::store::{Store, Submitted, Verified, RESEND_AFTER, VERIFY_FOR};
use convene::Lang;

pub(crate) const BASE: &str = "http://convene.test";

on_both_stores!(
    a_registration_is_confirmed_by_following_the_emailed_link,
    the_same_person_is_never_registered_twice,
    twenty_identical_submissions_make_one_registration_and_one_email,
    the_last_seat_goes_to_exactly_one_of_two_hundred,
    fifty_seats_go_to_exactly_fifty_of_two_hundred,
    a_cancellation_promotes_the_first_in_line,
    forged_and_expired_links_change_nothing,
);

pub(crate) fn delegate(email: &str) -> NewRegistration {
    let form = RegistrationForm {
        given_name: "Amal".into(),
        family_name: "Haddad".into(),
        email: email.into(),
        organisation: "Municipality of Beirut".into(),
        function: "Adviser".into(),
        city: "Beirut".into(),
        country: "LB".into(),
        category: "local_or_regional_government".into(),
        ..Default::default()
    };
    common::registration(form)
}

/// The token at the end of the link of the last queued message to `to`.
pub(crate) async fn last_link(store: &Store, to: &str) -> (String, String) {
    let outbox = store.outbox().await.unwrap();
    let (kind, _, payload) = outbox
        .iter()
        .rev()
        .find(|(_, r, _)| r == to)
        .expect("a message to the delegate");
    let link = payload["link"].as_str().expect("a link").to_owned();
    (kind.clone(), link.rsplit('/').next().unwrap().to_owned())
}

async fn count(store: &Store, status: Status) -> i64 {
    let counts = store.registration_counts("mechelen-2017").await.unwrap();
    counts
        .into_iter()
        .find(|(s, _)| *s == status)
        .map(|(_, n)| n)
        .unwrap_or(0)
}

/// Registers and verifies one delegate; what verifying answered.
pub(crate) async fn register_and_verify(store: &Store, email: &str) -> Verified {
    let now = Utc::now();
    let submitted = store
        .submit_registration("mechelen-2017", &delegate(email), None, Lang::En, BASE, now)
        .await
        .unwrap();
    assert_eq!(submitted, Some(Submitted::New));
    let (_, token) = last_link(store, email).await;
    store.verify_registration(&token, BASE, now).await.unwrap()
}

async fn a_registration_is_confirmed_by_following_the_emailed_link(store: Store) {
    let now = Utc::now();
    let r = delegate("amal.haddad@beirut.gov.lb");
    let submitted = store
        .submit_registration("mechelen-2017", &r, None, Lang::Ar, BASE, now)
        .await
        .unwrap();
    assert_eq!(submitted, Some(Submitted::New));
    assert_eq!(count(&store, Status::Unverified).await, 1);
    let outbox = store.outbox().await.unwrap();
    assert_eq!(
        outbox.len(),
        1,
        "the verification email is queued with the registration"
    );
    let (kind, to, payload) = &outbox[0];
    assert_eq!(
        (kind.as_str(), to.as_str()),
        ("verification", "amal.haddad@beirut.gov.lb")
    );
    assert!(payload["link"]
        .as_str()
        .unwrap()
        .starts_with("http://convene.test/r/verify/"));
    assert_eq!(
        payload["conference"], "Global Conference on Cities and Migration",
        "no Arabic title: the original"
    );

    let (_, token) = last_link(&store, to).await;
    assert_eq!(
        store.verify_registration(&token, BASE, now).await.unwrap(),
        Verified::Confirmed
    );
    assert_eq!(count(&store, Status::Confirmed).await, 1);
    let (kind, manage) = last_link(&store, to).await;
    assert_eq!(kind, "confirmation");
    assert_ne!(manage, token);
    // The link is single-use: a second click learns the first worked.
    assert_eq!(
        store.verify_registration(&token, BASE, now).await.unwrap(),
        Verified::AlreadyUsed
    );
    assert_eq!(
        store
            .submit_registration("nowhere", &r, None, Lang::En, BASE, now)
            .await
            .unwrap(),
        None
    );
}

async fn the_same_person_is_never_registered_twice(store: Store) {
    let now = Utc::now();
    store
        .submit_registration(
            "mechelen-2017",
            &delegate("a.h@example.org"),
            None,
            Lang::En,
            BASE,
            now,
        )
        .await
        .unwrap();
    let again = store
        .submit_registration(
            "mechelen-2017",
            &delegate("A.H@EXAMPLE.org"),
            None,
            Lang::Fr,
            BASE,
            now + Duration::minutes(1),
        )
        .await
        .unwrap();
    assert_eq!(again, Some(Submitted::Known));
    assert_eq!(count(&store, Status::Unverified).await, 1);
    assert_eq!(
        store.outbox().await.unwrap().len(),
        1,
        "moments later: no second email"
    );
    // Later, the verification link is sent again, to the address first given.
    let later = now + RESEND_AFTER + Duration::minutes(1);
    let mut stranger = delegate("A.H@example.org");
    stranger.given_name = convene::field::PersonName::parse("Mallory").unwrap();
    store
        .submit_registration("mechelen-2017", &stranger, None, Lang::Fr, BASE, later)
        .await
        .unwrap();
    let outbox = store.outbox().await.unwrap();
    assert_eq!(outbox.len(), 2);
    assert_eq!(
        (outbox[1].0.as_str(), outbox[1].1.as_str()),
        ("verification", "a.h@example.org")
    );
    assert_eq!(
        outbox[1].2["name"], "Amal",
        "the email greets whom registered, not the new submitter"
    );
    // Once confirmed, a new submission sends the private link instead.
    let (_, token) = last_link(&store, "a.h@example.org").await;
    assert_eq!(
        store
            .verify_registration(&token, BASE, later)
            .await
            .unwrap(),
        Verified::Confirmed
    );
    let much_later = later + RESEND_AFTER + Duration::minutes(1);
    store
        .submit_registration(
            "mechelen-2017",
            &delegate("a.h@example.org"),
            None,
            Lang::En,
            BASE,
            much_later,
        )
        .await
        .unwrap();
    assert_eq!(last_link(&store, "a.h@example.org").await.0, "private_link");
    assert_eq!(count(&store, Status::Confirmed).await, 1);
}

async fn twenty_identical_submissions_make_one_registration_and_one_email(store: Store) {
    let now = Utc::now();
    let tasks: Vec<_> = (0..20)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                store
                    .submit_registration(
                        "mechelen-2017",
                        &delegate("twin@example.org"),
                        None,
                        Lang::En,
                        BASE,
                        now,
                    )
                    .await
            })
        })
        .collect();
    let mut new = 0;
    for task in tasks {
        if task.await.unwrap().unwrap() == Some(Submitted::New) {
            new += 1;
        }
    }
    assert_eq!(new, 1);
    assert_eq!(count(&store, Status::Unverified).await, 1);
    let mails = store.outbox().await.unwrap();
    println!(
        "duplicates: 20 identical submissions, {} registration, {} email",
        new,
        mails.len()
    );
    assert_eq!(mails.len(), 1);
}

/// `n` delegates register and verify at once for `seats` seats.
async fn race_for_seats(store: Store, seats: u32, n: usize) {
    store
        .set_capacity("mechelen-2017", Some(seats))
        .await
        .unwrap();
    let tasks: Vec<_> = (0..n)
        .map(|i| {
            let store = store.clone();
            tokio::spawn(async move {
                register_and_verify(&store, &format!("delegate{i}@example.org")).await
            })
        })
        .collect();
    let mut confirmed = 0;
    let mut positions = vec![];
    for task in tasks {
        match task.await.unwrap() {
            Verified::Confirmed => confirmed += 1,
            Verified::Waiting { position } => positions.push(position),
            other => panic!("unexpected {other:?}"),
        }
    }
    println!(
        "overbooking: {} confirmed of {n} for {seats} seats, {} waiting",
        confirmed,
        positions.len()
    );
    assert_eq!(confirmed, seats as usize);
    assert_eq!(count(&store, Status::Confirmed).await, i64::from(seats));
    assert_eq!(
        count(&store, Status::Waiting).await as usize,
        n - seats as usize
    );
    positions.sort();
    let expected: Vec<i64> = (1..=(n - seats as usize) as i64).collect();
    assert_eq!(
        positions, expected,
        "every waiting delegate has their own place in line"
    );
}

async fn the_last_seat_goes_to_exactly_one_of_two_hundred(store: Store) {
    race_for_seats(store, 1, 200).await
}

async fn fifty_seats_go_to_exactly_fifty_of_two_hundred(store: Store) {
    race_for_seats(store, 50, 200).await
}

async fn a_cancellation_promotes_the_first_in_line(store: Store) {
    store.set_capacity("mechelen-2017", Some(1)).await.unwrap();
    assert_eq!(
        register_and_verify(&store, "first@example.org").await,
        Verified::Confirmed
    );
    let (_, first_manage) = last_link(&store, "first@example.org").await;
    assert_eq!(
        register_and_verify(&store, "second@example.org").await,
        Verified::Waiting { position: 1 }
    );
    assert_eq!(
        register_and_verify(&store, "third@example.org").await,
        Verified::Waiting { position: 2 }
    );
    assert!(store
        .cancel_registration(&first_manage, BASE, Utc::now())
        .await
        .unwrap());
    assert_eq!(last_link(&store, "second@example.org").await.0, "promotion");
    let outbox = store.outbox().await.unwrap();
    assert!(outbox
        .iter()
        .any(|(k, to, _)| k == "cancellation" && to == "first@example.org"));
    assert_eq!(count(&store, Status::Confirmed).await, 1);
    assert_eq!(count(&store, Status::Waiting).await, 1);
    assert_eq!(count(&store, Status::Cancelled).await, 1);
    // Whoever cancelled can register again, and waits in line like anyone.
    let again = store
        .submit_registration(
            "mechelen-2017",
            &delegate("first@example.org"),
            None,
            Lang::En,
            BASE,
            Utc::now(),
        )
        .await
        .unwrap();
    assert_eq!(again, Some(Submitted::New));
    let (kind, token) = last_link(&store, "first@example.org").await;
    assert_eq!(kind, "verification");
    assert_eq!(
        store
            .verify_registration(&token, BASE, Utc::now())
            .await
            .unwrap(),
        Verified::Waiting { position: 2 }
    );
    assert_eq!(count(&store, Status::Cancelled).await, 0);
    // Cancelling an old link twice changes nothing more.
    assert!(!store
        .cancel_registration(&first_manage, BASE, Utc::now())
        .await
        .unwrap());
    assert_eq!(count(&store, Status::Confirmed).await, 1);
}

async fn forged_and_expired_links_change_nothing(store: Store) {
    let now = Utc::now();
    assert_eq!(
        store
            .verify_registration("forged", BASE, now)
            .await
            .unwrap(),
        Verified::Unknown
    );
    assert!(!store
        .cancel_registration("forged", BASE, now)
        .await
        .unwrap());
    store
        .submit_registration(
            "mechelen-2017",
            &delegate("late@example.org"),
            None,
            Lang::En,
            BASE,
            now,
        )
        .await
        .unwrap();
    let (_, token) = last_link(&store, "late@example.org").await;
    let too_late = now + VERIFY_FOR + Duration::seconds(1);
    assert_eq!(
        store
            .verify_registration(&token, BASE, too_late)
            .await
            .unwrap(),
        Verified::Expired
    );
    assert_eq!(count(&store, Status::Unverified).await, 1);
    assert_eq!(count(&store, Status::Confirmed).await, 0);
}
