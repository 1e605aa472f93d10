//! A workshop's seats and the line for them, and the reminders before a
//! conference, in the store, on SQLite and PostgreSQL.

use crate::common::Inspect;
use crate::registrations::{delegate, last_link, register_and_verify, BASE};
use chrono::{Duration, Utc};
use convene::registration::{NewRegistration, RegistrationForm};
use convene::store::{Store, Verified};
use convene::Lang;

on_both_stores!(
    a_freed_workshop_seat_goes_to_the_first_in_line,
    reminders_go_out_a_week_and_a_day_before_each_once,
);

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
