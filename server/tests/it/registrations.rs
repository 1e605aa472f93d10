//! Registrations in the store, on SQLite and on PostgreSQL: verification,
//! no doubles, no overbooking under concurrency, the waiting list, and an
//! email queued in the same transaction as every change.

use crate::common;

use crate::common::Inspect;
use chrono::{Duration, Utc};
use convene::registration::{NewRegistration, RegistrationForm, Status};
use convene::store::{Store, Submitted, Verified, RESEND_AFTER, VERIFY_FOR};
use convene::Lang;

const BASE: &str = "http://convene.test";

on_both_stores!(
    a_registration_is_confirmed_by_following_the_emailed_link,
    the_same_person_is_never_registered_twice,
    twenty_identical_submissions_make_one_registration_and_one_email,
    the_last_seat_goes_to_exactly_one_of_two_hundred,
    fifty_seats_go_to_exactly_fifty_of_two_hundred,
    a_cancellation_promotes_the_first_in_line,
    forged_and_expired_links_change_nothing,
    a_freed_workshop_seat_goes_to_the_first_in_line,
    reminders_go_out_a_week_and_a_day_before_each_once,
);

fn delegate(email: &str) -> NewRegistration {
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
async fn last_link(store: &Store, to: &str) -> (String, String) {
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
async fn register_and_verify(store: &Store, email: &str) -> Verified {
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

/// A delegate who chose `session`, parsed by Mechelen's own form rules.
async fn workshop_delegate(store: &Store, email: &str, session: &str) -> NewRegistration {
    let setup = store
        .form_setup("mechelen-2017", None, Utc::now())
        .await
        .unwrap()
        .unwrap();
    let form = RegistrationForm {
        given_name: "Delegate".into(),
        family_name: "In Line".into(),
        email: email.into(),
        organisation: "City of Lyon".into(),
        city: "Lyon".into(),
        country: "FR".into(),
        category: "local_or_regional_government".into(),
        languages: vec!["fr".into()],
        answers: vec![("study-visit".into(), "yes".into())],
        sessions: vec![session.into()],
        consent: true,
        ..Default::default()
    };
    NewRegistration::parse(&form, &setup).unwrap()
}

async fn a_freed_workshop_seat_goes_to_the_first_in_line(store: Store) {
    const WORKSHOP: &str = "workshop-social-inclusion";
    assert!(store
        .set_session_seats("mechelen-2017", WORKSHOP, Some(1))
        .await
        .unwrap());
    let now = Utc::now();
    let mut links = vec![];
    for (i, email) in [
        "first@example.org",
        "second@example.org",
        "third@example.org",
    ]
    .into_iter()
    .enumerate()
    {
        let r = workshop_delegate(&store, email, WORKSHOP).await;
        store
            .submit_registration(
                "mechelen-2017",
                &r,
                None,
                Lang::Fr,
                BASE,
                now + Duration::seconds(i as i64),
            )
            .await
            .unwrap();
        let (_, token) = last_link(&store, email).await;
        assert_eq!(
            store.verify_registration(&token, BASE, now).await.unwrap(),
            Verified::Confirmed
        );
        links.push(last_link(&store, email).await.1);
    }
    let seat = |view: &convene::registration::RegistrationView| {
        let s = &view.sessions[0];
        (s.held, s.line)
    };
    let view = |token: String| {
        let store = store.clone();
        async move { store.registration_by_link(&token).await.unwrap().unwrap() }
    };
    assert_eq!(seat(&view(links[0].clone()).await), (true, None));
    assert_eq!(seat(&view(links[1].clone()).await), (false, Some(1)));
    assert_eq!(seat(&view(links[2].clone()).await), (false, Some(2)));

    // The first cancels: the seat goes to the second, who is told.
    assert!(store
        .cancel_registration(&links[0], BASE, now)
        .await
        .unwrap());
    let (kind, second) = last_link(&store, "second@example.org").await;
    assert_eq!(kind, "session_seat");
    assert_eq!(seat(&view(second).await), (true, None));
    assert_eq!(seat(&view(links[2].clone()).await), (false, Some(1)));
    let setup = store
        .form_setup("mechelen-2017", None, now)
        .await
        .unwrap()
        .unwrap();
    let offer = setup
        .sessions
        .iter()
        .find(|s| s.slug.as_str() == WORKSHOP)
        .unwrap();
    assert_eq!(
        (offer.seats, offer.left),
        (1, 0),
        "never more held than seats"
    );
}

async fn reminders_go_out_a_week_and_a_day_before_each_once(store: Store) {
    use chrono::TimeZone;
    for email in ["one@example.org", "two@example.org"] {
        assert_eq!(
            register_and_verify(&store, email).await,
            Verified::Confirmed
        );
    }
    // Registered, but the address never confirmed: not reminded.
    store
        .submit_registration(
            "mechelen-2017",
            &delegate("three@example.org"),
            None,
            Lang::En,
            BASE,
            Utc::now(),
        )
        .await
        .unwrap();
    let reminders = |store: &Store| {
        let store = store.clone();
        async move {
            store
                .outbox()
                .await
                .unwrap()
                .into_iter()
                .filter(|(kind, ..)| kind == "reminder")
                .map(|(_, to, payload)| (to, payload["days"].as_i64().unwrap()))
                .collect::<Vec<_>>()
        }
    };
    // Mechelen begins on 16 November 2017, in Brussels.
    let at = |day: u32, hour: u32| Utc.with_ymd_and_hms(2017, 11, day, hour, 0, 0).unwrap();
    assert_eq!(
        store.queue_reminders(at(8, 12)).await.unwrap(),
        0,
        "8 days before: too early"
    );
    assert_eq!(
        store.queue_reminders(at(10, 12)).await.unwrap(),
        2,
        "6 days before: the week's reminder"
    );
    assert_eq!(store.queue_reminders(at(10, 13)).await.unwrap(), 0, "once");
    assert_eq!(store.queue_reminders(at(14, 12)).await.unwrap(), 0);
    // 23:30 UTC on the 14th is already the 15th in Brussels: the day before.
    assert_eq!(
        store
            .queue_reminders(at(14, 23) + Duration::minutes(30))
            .await
            .unwrap(),
        2
    );
    assert_eq!(store.queue_reminders(at(15, 12)).await.unwrap(), 0, "once");
    assert_eq!(
        store.queue_reminders(at(16, 8)).await.unwrap(),
        0,
        "not on the day"
    );
    let mut sent = reminders(&store).await;
    sent.sort();
    assert_eq!(
        sent,
        [
            ("one@example.org".to_owned(), 1),
            ("one@example.org".to_owned(), 6),
            ("two@example.org".to_owned(), 1),
            ("two@example.org".to_owned(), 6),
        ]
    );
    let tomorrow = convene::mail::render(
        convene::mail::MailKind::Reminder,
        Lang::En,
        &serde_json::json!({ "conference": "Mechelen", "days": 1 }),
    );
    assert_eq!(tomorrow.subject, "Tomorrow: Mechelen");
    println!(
        "reminders: 2 delegates × (6 days before, the day before), each once; none unconfirmed"
    );
}
