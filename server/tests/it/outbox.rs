//! The outbox as the mail worker uses it, on SQLite and PostgreSQL:
//! claims with a lease, retries with backoff, permanent failures, and
//! concurrent claimers that never take the same message.

use crate::common;

use crate::common::Inspect;
use chrono::{DateTime, Duration, Utc};
use convene::registration::RegistrationForm;
use convene::store::{Attempt, Store, LEASE};
use convene::Lang;
use std::collections::HashSet;

on_both_stores!(
    claimed_messages_are_leased_and_their_attempts_recorded,
    a_message_whose_sender_died_is_sent_again_with_the_same_id,
    concurrent_claimers_never_take_the_same_message,
);

/// Queues `n` verification emails by registering `n` delegates at `now`.
async fn queue(store: &Store, n: usize, now: DateTime<Utc>) {
    for i in 0..n {
        let form = RegistrationForm {
            given_name: "Delegate".into(),
            family_name: format!("Number {i}"),
            email: format!("d{i}@example.org"),
            organisation: "City".into(),
            city: "Turin".into(),
            country: "IT".into(),
            category: "civil_society".into(),
            ..Default::default()
        };
        let r = common::registration(form);
        store
            .submit_registration(
                "beirut-2017",
                &r,
                None,
                Lang::Fr,
                "http://convene.test",
                now,
            )
            .await
            .unwrap();
    }
}

fn state(states: &[(String, i64)], name: &str) -> i64 {
    states
        .iter()
        .find(|(s, _)| s == name)
        .map(|(_, n)| *n)
        .unwrap_or(0)
}

async fn claimed_messages_are_leased_and_their_attempts_recorded(store: Store) {
    let now = Utc::now();
    queue(&store, 3, now).await;
    let claimed = store.claim_due(10, now).await.unwrap();
    assert_eq!(claimed.len(), 3);
    assert!(claimed
        .iter()
        .all(|c| c.attempts == 1 && c.kind == "verification" && c.lang == "fr"));
    assert!(
        store.claim_due(10, now).await.unwrap().is_empty(),
        "claimed messages are leased"
    );

    // Recorded together, as the worker records a group of sends.
    let outcomes = [
        Attempt::Sent,
        Attempt::Temporary("421 try later".into()),
        Attempt::Permanent("550 no such user".into()),
    ];
    store
        .record_attempts(claimed.iter().zip(&outcomes), now)
        .await
        .unwrap();
    let states = store.outbox_states().await.unwrap();
    assert_eq!(
        (
            state(&states, "sent"),
            state(&states, "retrying"),
            state(&states, "failed")
        ),
        (1, 1, 1)
    );

    assert!(
        store
            .claim_due(10, now + Duration::seconds(29))
            .await
            .unwrap()
            .is_empty(),
        "not before the backoff"
    );
    let again = store
        .claim_due(10, now + Duration::seconds(31))
        .await
        .unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!((again[0].id, again[0].attempts), (claimed[1].id, 2));
}

async fn a_message_whose_sender_died_is_sent_again_with_the_same_id(store: Store) {
    let now = Utc::now();
    queue(&store, 1, now).await;
    let first = store.claim_due(10, now).await.unwrap();
    // No attempt recorded: the process died while sending.
    let later = now + LEASE + Duration::seconds(1);
    let again = store.claim_due(10, later).await.unwrap();
    assert_eq!(again.len(), 1);
    assert_eq!(again[0].message_id, first[0].message_id);
    assert_eq!(again[0].attempts, 2);
}

async fn concurrent_claimers_never_take_the_same_message(store: Store) {
    let now = Utc::now();
    queue(&store, 300, now).await;
    let claimers: Vec<_> = (0..4)
        .map(|_| {
            let store = store.clone();
            tokio::spawn(async move {
                let mut mine = vec![];
                loop {
                    let batch = store.claim_due(10, now).await.unwrap();
                    if batch.is_empty() {
                        return mine;
                    }
                    mine.extend(batch.into_iter().map(|c| c.id));
                }
            })
        })
        .collect();
    let mut all = vec![];
    for claimer in claimers {
        all.extend(claimer.await.unwrap());
    }
    let distinct: HashSet<_> = all.iter().collect();
    println!(
        "outbox: 4 claimers took {} messages, {} distinct, of 300",
        all.len(),
        distinct.len()
    );
    assert_eq!(all.len(), 300);
    assert_eq!(distinct.len(), 300);
}
