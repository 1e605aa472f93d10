//! One registration changed many times at once, on SQLite and PostgreSQL:
//! every transition raced against itself (a double click, eight clicks)
//! and against the others on the same registration, round after round.
//! After each round the seat counters must equal a recount of the rows
//! (`Store::recount`), no conference or workshop may hold more than its
//! places, and each delegate must have had each effect at most once: one
//! confirmation, one cancellation, one decision, never a second email.

use crate::common;

use crate::common::Inspect;
use chrono::Utc;
use convene::registration::{NewRegistration, RegistrationMode, Status};
use convene::store::{Store, Verified};
use convene::Lang;
use std::collections::HashMap;

const BASE: &str = "http://convene.test";
/// Parallel calls of each transition.
const CLICKS: usize = 8;
const ROUNDS: usize = 6;

on_both_stores!(
    verifying_cancelling_changing_and_promoting_race_without_a_second_effect,
    approving_rejecting_and_cancelling_race_to_one_decision,
    eight_submissions_of_a_cancelled_address_take_it_over_once,
    eight_saves_and_resets_of_one_wording_leave_one_or_none,
    eight_saves_and_resets_of_a_paper_wording_leave_one_whole_or_none,
    eight_saves_of_badge_colours_leave_one_whole_set,
);

fn delegate(email: &str) -> NewRegistration {
    common::amal(email, false)
}

/// How many messages of each kind went to `to`.
async fn mail_to(store: &Store, to: &str) -> HashMap<String, usize> {
    let mut kinds = HashMap::new();
    for (kind, recipient, _) in store.outbox().await.unwrap() {
        if recipient == to {
            *kinds.entry(kind).or_insert(0) += 1;
        }
    }
    kinds
}

async fn status_of(store: &Store, conference: &str, email: &str) -> Status {
    common::line_of(store, conference, email).await.status
}

async fn id_of(store: &Store, conference: &str, email: &str) -> i64 {
    common::line_of(store, conference, email).await.id
}

/// A back-office account that the staff actions are made as.
async fn staff(store: &Store) -> i64 {
    store
        .create_account(
            &convene::field::Email::parse("staff@example.org").unwrap(),
            &convene::password::hash(common::PASSWORD),
            true,
            Utc::now(),
        )
        .await
        .unwrap()
        .expect("a new account")
}

/// The counters agree with the rows, and nothing is over its limit.
async fn recounted(store: &Store, after: &str) {
    let problems = store.recount().await.unwrap();
    assert!(problems.is_empty(), "after {after}: {problems:#?}");
}

/// Runs `CLICKS` copies of each of `calls` at once.
async fn at_once<T: Send + 'static>(
    calls: Vec<std::pin::Pin<Box<dyn std::future::Future<Output = T> + Send>>>,
) -> Vec<T> {
    let handles: Vec<_> = calls.into_iter().map(tokio::spawn).collect();
    let mut out = vec![];
    for handle in handles {
        out.push(handle.await.expect("the call finished"));
    }
    out
}

async fn verifying_cancelling_changing_and_promoting_race_without_a_second_effect(store: Store) {
    let conference = "mechelen-2017";
    let staff = staff(&store).await;
    let (mut verified, mut cancelled, mut promoted) = (0, 0, 0);
    for round in 0..ROUNDS {
        let emails: Vec<String> = (0..4)
            .map(|i| format!("r{round}-{i}@example.org"))
            .collect();
        for email in &emails {
            common::submit(&store, conference, email, false).await;
        }
        // Two places left for four delegates who each click eight times.
        let confirmed = store
            .registration_counts(conference)
            .await
            .unwrap()
            .into_iter()
            .find(|(s, _)| *s == Status::Confirmed)
            .map_or(0, |(_, n)| n);
        store
            .set_capacity(conference, Some(confirmed as u32 + 2))
            .await
            .unwrap();
        let mut calls: Vec<std::pin::Pin<Box<dyn std::future::Future<Output = Verified> + Send>>> =
            vec![];
        for email in &emails {
            let (_, token) = common::last_link(&store, email).await;
            for _ in 0..CLICKS {
                let (store, token) = (store.clone(), token.clone());
                calls.push(Box::pin(async move {
                    store
                        .verify_registration(&token, BASE, Utc::now())
                        .await
                        .unwrap()
                }));
            }
        }
        let outcomes = at_once(calls).await;
        let used = outcomes
            .iter()
            .filter(|o| **o == Verified::AlreadyUsed)
            .count();
        assert_eq!(
            used,
            4 * (CLICKS - 1),
            "one click of each worked: {outcomes:?}"
        );
        recounted(&store, "verifying").await;
        let mut statuses = vec![];
        for email in &emails {
            let mail = mail_to(&store, email).await;
            let told =
                mail.get("confirmation").unwrap_or(&0) + mail.get("waiting_list").unwrap_or(&0);
            assert_eq!(told, 1, "{email} was told once where they stand: {mail:?}");
            statuses.push(status_of(&store, conference, email).await);
        }
        assert_eq!(
            statuses.iter().filter(|s| **s == Status::Confirmed).count(),
            2
        );
        assert_eq!(
            statuses.iter().filter(|s| **s == Status::Waiting).count(),
            2
        );
        verified += 4;

        // One confirmed delegate cancels from the link eight times while
        // staff cancel them eight times and they change their details
        // eight times; a second confirmed one changes theirs; the two in
        // line are promoted out of turn eight times each, one of them
        // cancelling eight times at once.
        let a = emails[statuses
            .iter()
            .position(|s| *s == Status::Confirmed)
            .unwrap()]
        .clone();
        let b = emails[statuses
            .iter()
            .rposition(|s| *s == Status::Confirmed)
            .unwrap()]
        .clone();
        let c = emails[statuses.iter().position(|s| *s == Status::Waiting).unwrap()].clone();
        let d = emails[statuses
            .iter()
            .rposition(|s| *s == Status::Waiting)
            .unwrap()]
        .clone();
        let (a_link, b_link, d_link) = (
            common::last_link(&store, &a).await.1,
            common::last_link(&store, &b).await.1,
            common::last_link(&store, &d).await.1,
        );
        let (a_id, c_id, d_id) = (
            id_of(&store, conference, &a).await,
            id_of(&store, conference, &c).await,
            id_of(&store, conference, &d).await,
        );
        let mut calls: Vec<std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>> =
            vec![];
        for _ in 0..CLICKS {
            let s = store.clone();
            let link = a_link.clone();
            calls.push(Box::pin(async move {
                s.cancel_registration(&link, BASE, Utc::now())
                    .await
                    .unwrap();
            }));
            let s = store.clone();
            calls.push(Box::pin(async move {
                s.cancel_registration_as_staff(conference, a_id, staff, BASE, Utc::now())
                    .await
                    .unwrap();
            }));
            for (link, email) in [(a_link.clone(), a.clone()), (b_link.clone(), b.clone())] {
                let s = store.clone();
                calls.push(Box::pin(async move {
                    s.change_registration(&link, &delegate(&email), BASE, Utc::now())
                        .await
                        .unwrap();
                }));
            }
            for (id, add_place) in [(c_id, false), (d_id, true)] {
                let s = store.clone();
                calls.push(Box::pin(async move {
                    s.promote_registration(id, staff, add_place, BASE, Utc::now())
                        .await
                        .unwrap();
                }));
            }
            let s = store.clone();
            let link = d_link.clone();
            calls.push(Box::pin(async move {
                s.cancel_registration(&link, BASE, Utc::now())
                    .await
                    .unwrap();
            }));
        }
        at_once(calls).await;
        recounted(&store, "cancelling, changing and promoting").await;
        assert_eq!(status_of(&store, conference, &a).await, Status::Cancelled);
        let a_mail = mail_to(&store, &a).await;
        assert_eq!(a_mail.get("cancellation"), Some(&1), "{a}: {a_mail:?}");
        cancelled += 1;
        // The place A gave back went to the first in line (C or D), or C
        // was placed out of turn into it: C is confirmed and was told so
        // once, or still waits, told nothing.
        let c_mail = mail_to(&store, &c).await;
        match status_of(&store, conference, &c).await {
            Status::Confirmed => assert_eq!(c_mail.get("promotion"), Some(&1), "{c_mail:?}"),
            Status::Waiting => assert_eq!(c_mail.get("promotion"), None, "{c_mail:?}"),
            other => panic!("{c} is {other:?}, which no single request gives"),
        }
        // D was promoted (with a place added) or cancelled first; whichever
        // came first, the other found nothing to do (a promotion gives a
        // new private link, so D's old one cancels nothing after it).
        let d_mail = mail_to(&store, &d).await;
        match status_of(&store, conference, &d).await {
            Status::Confirmed => {
                assert_eq!(d_mail.get("promotion"), Some(&1), "{d_mail:?}");
                assert_eq!(d_mail.get("cancellation"), None, "{d_mail:?}");
                promoted += 1;
            }
            Status::Cancelled => {
                assert_eq!(d_mail.get("cancellation"), Some(&1), "{d_mail:?}");
                assert_eq!(d_mail.get("promotion"), None, "{d_mail:?}");
            }
            other => panic!("{d} is {other:?}, which no single request gives"),
        }
        // B's changes were saved each time; B keeps their place.
        assert_eq!(status_of(&store, conference, &b).await, Status::Confirmed);
    }
    println!(
        "races: {ROUNDS} rounds of {CLICKS} parallel calls of each transition; {verified} verified, \
         {cancelled} cancelled once each, {promoted} promoted out of turn before their own \
         cancellation; counts equal the recount after every round"
    );
}

async fn approving_rejecting_and_cancelling_race_to_one_decision(store: Store) {
    let conference = "beirut-2017";
    let staff = staff(&store).await;
    store
        .set_registration_mode(conference, RegistrationMode::Approval)
        .await
        .unwrap();
    let mut outcomes: HashMap<Status, usize> = HashMap::new();
    for round in 0..ROUNDS {
        let email = format!("decide{round}@example.org");
        common::confirmed(&store, conference, &email, false).await;
        assert_eq!(
            status_of(&store, conference, &email).await,
            Status::AwaitingApproval
        );
        let id = id_of(&store, conference, &email).await;
        let mut calls: Vec<std::pin::Pin<Box<dyn std::future::Future<Output = ()> + Send>>> =
            vec![];
        for _ in 0..CLICKS {
            for approve in [true, false] {
                let s = store.clone();
                calls.push(Box::pin(async move {
                    s.decide_registration(id, approve, Some(staff), None, BASE, Utc::now())
                        .await
                        .unwrap();
                }));
            }
            // Every other round, staff also cancel it at the same moment.
            if round % 2 == 1 {
                let s = store.clone();
                calls.push(Box::pin(async move {
                    s.cancel_registration_as_staff(conference, id, staff, BASE, Utc::now())
                        .await
                        .unwrap();
                }));
            }
        }
        at_once(calls).await;
        recounted(&store, "deciding").await;
        let mail = mail_to(&store, &email).await;
        let decisions = ["confirmation", "waiting_list", "rejection"]
            .iter()
            .map(|k| mail.get(*k).unwrap_or(&0))
            .sum::<usize>();
        let status = status_of(&store, conference, &email).await;
        // Decided once (and perhaps cancelled after), or cancelled before
        // any decision: never two decisions, never two cancellations.
        assert!(decisions <= 1, "{email}: {mail:?}");
        assert!(
            mail.get("cancellation").unwrap_or(&0) <= &1,
            "{email}: {mail:?}"
        );
        match status {
            Status::Cancelled => {}
            Status::Confirmed | Status::Waiting | Status::Rejected => assert_eq!(decisions, 1),
            other => panic!("{email} is {other:?}, which no single request gives"),
        }
        *outcomes.entry(status).or_insert(0) += 1;
    }
    println!(
        "decisions: {ROUNDS} rounds of {CLICKS} approvals and {CLICKS} refusals at once on one \
         registration ({CLICKS} cancellations too every other round) ended as {outcomes:?}, each \
         with at most one decision"
    );
}

async fn eight_submissions_of_a_cancelled_address_take_it_over_once(store: Store) {
    let conference = "mechelen-2017";
    let email = "again@example.org";
    let link = common::confirmed(&store, conference, email, false).await;
    assert!(store
        .cancel_registration(&link, BASE, Utc::now())
        .await
        .unwrap());
    let calls = (0..CLICKS)
        .map(|_| {
            let s = store.clone();
            Box::pin(async move {
                s.submit_registration(
                    conference,
                    &delegate(email),
                    None,
                    Lang::En,
                    BASE,
                    Utc::now(),
                )
                .await
                .unwrap()
            }) as std::pin::Pin<Box<dyn std::future::Future<Output = _> + Send>>
        })
        .collect();
    at_once(calls).await;
    recounted(&store, "taking over").await;
    assert_eq!(
        status_of(&store, conference, email).await,
        Status::Unverified
    );
    let mail = mail_to(&store, email).await;
    // The first registration's link, and one more for the new one: the
    // other seven submissions came within the resend pause.
    assert_eq!(mail.get("verification"), Some(&2), "{mail:?}");
    println!("takeover: {CLICKS} submissions at once of a cancelled address made one registration and one email");
}

/// Eight saves of one email wording at once, and eight going back to the
/// built-in text, round after round: each lands whole (no 503 from a row
/// two of them made at once), and what stays is one row or none.
async fn eight_saves_and_resets_of_one_wording_leave_one_or_none(store: Store) {
    use convene::mail::MailKind;
    use convene::mail::Message;
    let account = staff(&store).await;
    let conference = "mechelen-2017";
    let kind = MailKind::Confirmation;
    for round in 0..ROUNDS {
        let mut calls: Vec<std::pin::Pin<Box<dyn std::future::Future<Output = bool> + Send>>> =
            vec![];
        for click in 0..CLICKS {
            for reset in [false, true] {
                let store = store.clone();
                calls.push(Box::pin(async move {
                    let wording = Message {
                        subject: format!("Round {round}, save {click}"),
                        body: "Dear {name}, you are confirmed.".into(),
                    };
                    let wording = (!reset).then_some(wording);
                    store
                        .save_template(
                            conference,
                            kind,
                            "en",
                            wording.as_ref(),
                            account,
                            Utc::now(),
                        )
                        .await
                        .expect("each save lands whole")
                }));
            }
        }
        let saved = at_once(calls).await;
        assert!(
            saved.iter().all(|found| *found),
            "round {round}: all found the conference"
        );
        let rows = store.templates(conference).await.unwrap();
        assert!(
            rows.len() <= 1,
            "round {round}: one wording at most, {rows:?}"
        );
        if let Some(wording) = store.template(conference, kind, "en").await.unwrap() {
            assert!(wording
                .subject
                .starts_with(&format!("Round {round}, save ")));
        }
    }
    println!("wording: {ROUNDS} rounds of {CLICKS} saves and {CLICKS} resets at once, each whole");
}

async fn eight_saves_and_resets_of_a_paper_wording_leave_one_whole_or_none(store: Store) {
    use convene::papers::{PaperKind, PaperWording};
    let account = staff(&store).await;
    let conference = "beirut-2017";
    let kind = PaperKind::Letter;
    for round in 0..ROUNDS {
        let mut calls: Vec<std::pin::Pin<Box<dyn std::future::Future<Output = bool> + Send>>> =
            vec![];
        for click in 0..CLICKS {
            for reset in [false, true] {
                let store = store.clone();
                calls.push(Box::pin(async move {
                    let mark = format!("{round}.{click}");
                    let wording = PaperWording {
                        heading: format!("Invitation {mark}"),
                        opening: format!("{{host}} invites {{name}} ({mark})."),
                        closing: format!("Closing {mark}"),
                    };
                    let wording = (!reset).then_some(wording);
                    store
                        .save_paper_wording(
                            conference,
                            kind,
                            Lang::Ar,
                            wording.as_ref(),
                            account,
                            Utc::now(),
                        )
                        .await
                        .expect("each save lands whole")
                }));
            }
        }
        let saved = at_once(calls).await;
        assert!(saved.iter().all(|found| *found), "round {round}");
        let rows = store.paper_wordings(conference).await.unwrap();
        assert!(rows.len() <= 1, "round {round}: {rows:?}");
        // One save's wording, never the heading of one and the text of another.
        if let Some(w) = store
            .paper_wording(conference, kind, Lang::Ar)
            .await
            .unwrap()
        {
            let mark = w.heading.strip_prefix("Invitation ").unwrap().to_owned();
            assert!(mark.starts_with(&format!("{round}.")), "{w:?}");
            assert!(
                w.opening.ends_with(&format!("({mark})."))
                    && w.closing == format!("Closing {mark}"),
                "{w:?}"
            );
        }
    }
    let audit = store.audit_log(conference, 1000).await.unwrap();
    let logged = audit
        .iter()
        .filter(|(action, ..)| action.starts_with("paper_wording_"))
        .count();
    assert_eq!(logged, ROUNDS * CLICKS * 2, "each save in the audit log");
    println!(
        "paper wording: {ROUNDS} rounds of {CLICKS} saves and {CLICKS} resets at once, each whole"
    );
}

async fn eight_saves_of_badge_colours_leave_one_whole_set(store: Store) {
    use convene::onsite::BadgeColours;
    use convene::registration::Category;
    let account = staff(&store).await;
    let conference = "mechelen-2017";
    for round in 0..ROUNDS {
        let sets: Vec<BadgeColours> = (0..CLICKS)
            .map(|click| {
                BadgeColours(
                    Category::ALL
                        .iter()
                        .map(|c| (*c, format!("#{round:02X}{click:02X}{:02X}", c.code().len())))
                        .collect(),
                )
            })
            .collect();
        let calls = sets
            .iter()
            .cloned()
            .map(|set| {
                let store = store.clone();
                Box::pin(async move {
                    store
                        .set_badge_colours(conference, &set, account, Utc::now())
                        .await
                        .expect("each save lands whole")
                })
                    as std::pin::Pin<Box<dyn std::future::Future<Output = bool> + Send>>
            })
            .collect();
        assert!(
            at_once(calls).await.iter().all(|saved| *saved),
            "round {round}"
        );
        let now = store.badge_colours(conference).await.unwrap();
        let whole = |set: &BadgeColours| Category::ALL.iter().all(|c| set.of(*c) == now.of(*c));
        assert!(
            sets.iter().any(whole),
            "round {round}: one save's colours, {now:?}"
        );
    }
    println!("badge colours: {ROUNDS} rounds of {CLICKS} saves at once, each whole");
}

/// The one write path holds on SQLite: its reading connections cannot
/// write, so a write that skipped the writer's turn would fail in every
/// test rather than pass unnoticed.
#[tokio::test]
async fn sqlite_readers_cannot_write() {
    let (store, _folder) = common::sqlite_store().await;
    let Store::Sqlite { pool, writer } = &store else {
        unreachable!()
    };
    let through_a_reader = sqlx::query("UPDATE conferences SET capacity = 1")
        .execute(pool)
        .await;
    let refused = through_a_reader.expect_err("a reader cannot write");
    assert!(refused.to_string().contains("readonly"), "{refused}");
    let through_the_writer = sqlx::query("UPDATE conferences SET capacity = capacity")
        .execute(writer)
        .await;
    assert!(through_the_writer.is_ok(), "the writer writes");
}
