//! Real `convene` processes: two instances sharing one PostgreSQL database
//! under a burst of registrations, a server killed in the middle of
//! sending a message, then started again, and a server killed five times
//! under a stream of registrations.

use crate::common;

use crate::common::Inspect;
use chrono::Utc;
use common::smtp::{free_port, header, SmtpServer};
use convene::registration::Status;
use convene::store::{Store, LEASE};
use convene_server::mail::{deliver_due, parse_from, Mailer};
use std::collections::HashSet;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A `convene serve` process.
struct Instance {
    child: Child,
    base: String,
}

impl Instance {
    async fn start(database_url: &str, smtp_url: &str, folder: &std::path::Path) -> Instance {
        let port = free_port();
        let child = Command::new(env!("CARGO_BIN_EXE_convene"))
            .arg("serve")
            .env("DATABASE_URL", database_url)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("LEPTOS_SITE_ROOT", folder)
            .env("CONVENE_BASE_URL", "http://convene.test")
            .env("SMTP_URL", smtp_url)
            .env("CONVENE_MAIL_DIR", folder.join("mail"))
            .env("RUST_LOG", "off")
            // Behind a proxy (each test delegate has an address of its
            // own), ready for a rush, as bench/run measures it.
            .env("CONVENE_TRUSTED_PROXIES", "127.0.0.1")
            .env("CONVENE_REGISTRATIONS_PER_MINUTE", "1000000")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start convene");
        let base = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(60);
        loop {
            let health = reqwest::get(format!("{base}/healthz")).await;
            if health.is_ok_and(|r| r.status() == 200) {
                break;
            }
            assert!(Instant::now() < deadline, "convene did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        Instance { child, base }
    }

    /// SIGKILL: no shutdown, no chance to finish anything.
    fn kill(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Instance {
    fn drop(&mut self) {
        self.kill();
    }
}

fn client() -> reqwest::Client {
    reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
}

async fn register(client: &reqwest::Client, base: &str, email: &str) -> reqwest::StatusCode {
    client
        .post(format!("{base}/conferences/mechelen-2017/register"))
        .header("sec-fetch-site", "same-origin")
        .header("origin", base)
        .header("x-forwarded-for", common::visitor())
        .form(&common::mechelen_form(email))
        .send()
        .await
        .unwrap()
        .status()
}

/// Waits until `done` says yes, or fails after `seconds`.
async fn wait_for(what: &str, seconds: u64, mut done: impl AsyncFnMut() -> bool) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    while !done().await {
        assert!(Instant::now() < deadline, "timed out waiting: {what}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

fn message_ids(smtp: &SmtpServer) -> Vec<String> {
    smtp.messages()
        .iter()
        .map(|m| header(m, "Message-ID").expect("a Message-ID"))
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_on_one_database_send_every_message_once_and_sell_no_seat_twice() {
    const DELEGATES: usize = 120;
    const SEATS: u32 = 50;
    let database = common::fresh_postgres_database().await;
    let smtp = SmtpServer::start();
    let folder = tempfile::tempdir().unwrap();
    // The first stores the demo; the second finds it there.
    let a = Instance::start(&database, &smtp.url(), folder.path()).await;
    let b = Instance::start(&database, &smtp.url(), folder.path()).await;
    let store = Store::connect(&database).await.unwrap();
    store
        .set_capacity("mechelen-2017", Some(SEATS))
        .await
        .unwrap();
    let instances = [a.base.clone(), b.base.clone()];
    let client = client();

    let submitted = futures::future::join_all((0..DELEGATES).map(|i| {
        let (client, base) = (client.clone(), instances[i % 2].clone());
        async move { register(&client, &base, &format!("d{i}@example.org")).await }
    }))
    .await;
    assert!(submitted.iter().all(|s| *s == 303), "{submitted:?}");

    // Each delegate confirms through the other instance, all at once.
    let links: Vec<String> = store
        .outbox()
        .await
        .unwrap()
        .into_iter()
        .filter(|(kind, _, _)| kind == "verification")
        .map(|(_, _, payload)| {
            payload["link"]
                .as_str()
                .unwrap()
                .strip_prefix("http://convene.test")
                .unwrap()
                .to_owned()
        })
        .collect();
    assert_eq!(links.len(), DELEGATES);
    let verified = futures::future::join_all(links.iter().enumerate().map(|(i, path)| {
        let (client, base) = (client.clone(), instances[(i + 1) % 2].clone());
        async move {
            client
                .post(format!("{base}{path}"))
                .header("origin", base.as_str())
                .send()
                .await
                .unwrap()
                .status()
        }
    }))
    .await;
    assert!(verified.iter().all(|s| *s == 200), "{verified:?}");

    let counts = store.registration_counts("mechelen-2017").await.unwrap();
    let count = |status| {
        counts
            .iter()
            .find(|(s, _)| *s == status)
            .map_or(0, |(_, n)| *n)
    };
    assert_eq!(count(Status::Confirmed), i64::from(SEATS));
    assert_eq!(count(Status::Waiting), DELEGATES as i64 - i64::from(SEATS));

    // Both workers send; every message arrives once.
    let expected = 2 * DELEGATES;
    wait_for("every message sent", 120, async || {
        store.outbox_states().await.unwrap() == [("sent".to_owned(), expected as i64)]
    })
    .await;
    let ids = message_ids(&smtp);
    let distinct: HashSet<&String> = ids.iter().collect();
    println!(
        "scale-out: 2 instances, {DELEGATES} delegates for {SEATS} seats: {} confirmed, {} messages received, {} distinct",
        count(Status::Confirmed),
        ids.len(),
        distinct.len()
    );
    assert_eq!(ids.len(), expected);
    assert_eq!(distinct.len(), expected);
}

/// A server killed while a message is on its way loses neither the
/// registration it answered nor the message: once the message's lease runs
/// out, it goes again, once, with its Message-ID.
async fn a_server_killed_mid_send_loses_nothing(database: String) {
    let folder = tempfile::tempdir().unwrap();
    // A mail server that accepts connections and never answers: the
    // worker is stuck in the middle of sending.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let silent_url = format!("smtp://127.0.0.1:{}", silent.local_addr().unwrap().port());
    // (The accepted connections stay open while the thread waits for more.)
    std::thread::spawn(move || silent.incoming().take(100).collect::<Vec<_>>());
    let mut first = Instance::start(&database, &silent_url, folder.path()).await;
    let store = Store::connect(&database).await.unwrap();
    let client = client();
    assert_eq!(
        register(&client, &first.base, "first@example.org").await,
        303
    );
    wait_for("the message being sent", 30, async || {
        store.outbox_states().await.unwrap() == [("sending".to_owned(), 1)]
    })
    .await;
    first.kill();

    // What the server answered for is stored.
    assert_eq!(store.registrations("mechelen-2017").await.unwrap().len(), 1);
    if database.starts_with("sqlite:") {
        let check: String = match &store {
            Store::Sqlite { pool, .. } => sqlx::query_scalar("PRAGMA integrity_check")
                .fetch_one(pool)
                .await
                .unwrap(),
            Store::Postgres(_) => unreachable!(),
        };
        assert_eq!(check, "ok");
    }

    // Started again with a working mail server, it sends what comes next...
    let smtp = SmtpServer::start();
    let second = Instance::start(&database, &smtp.url(), folder.path()).await;
    assert_eq!(
        register(&client, &second.base, "second@example.org").await,
        303
    );
    wait_for("the new message sent", 30, async || {
        store.outbox_states().await.unwrap() == [("sending".to_owned(), 1), ("sent".to_owned(), 1)]
    })
    .await;
    // ... and, once its lease has run out, the interrupted one (the worker
    // of the restarted server, run here at that later time).
    let mailer = Mailer::new(Some(&smtp.url()), folder.path().join("mail")).unwrap();
    let from = parse_from("Convene <convene@localhost>").unwrap();
    let later = Utc::now() + LEASE + chrono::Duration::seconds(1);
    assert_eq!(deliver_due(&store, &mailer, &from, later).await, 1);
    let messages = smtp.messages();
    let recipients: HashSet<String> = messages.iter().filter_map(|m| header(m, "To")).collect();
    assert_eq!(
        recipients,
        HashSet::from([
            "first@example.org".to_owned(),
            "second@example.org".to_owned()
        ])
    );
    let ids = message_ids(&smtp);
    println!(
        "kill -9 mid-send: {} registrations kept, {} messages delivered, {} distinct",
        store.registrations("mechelen-2017").await.unwrap().len(),
        ids.len(),
        ids.iter().collect::<HashSet<_>>().len()
    );
    assert_eq!(ids.len(), 2);
    assert_eq!(
        store.outbox_states().await.unwrap(),
        [("sent".to_owned(), 2)]
    );
    drop(second);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_a_server_killed_mid_send_loses_nothing() {
    let folder = tempfile::tempdir().unwrap();
    let url = common::sqlite_url(&folder);
    a_server_killed_mid_send_loses_nothing(url).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_a_server_killed_mid_send_loses_nothing() {
    a_server_killed_mid_send_loses_nothing(common::fresh_postgres_database().await).await;
}

/// `kill -9` five times while delegates keep registering: every
/// registration that got its success answer is there afterwards, its
/// verification mail is delivered exactly once (by Message-ID), and the
/// SQLite file passes its integrity check.
async fn killed_five_times_under_load_keeps_what_it_answered(database: String) {
    use std::sync::{Arc, Mutex};
    let folder = tempfile::tempdir().unwrap();
    let smtp = SmtpServer::start();
    let answered = Arc::new(Mutex::new(Vec::<String>::new()));
    let mut attempts = 0;
    for round in 0..5 {
        let mut server = Instance::start(&database, &smtp.url(), folder.path()).await;
        let mut load = vec![];
        for worker in 0..8 {
            let (base, answered) = (server.base.clone(), answered.clone());
            load.push(tokio::spawn(async move {
                let client = client();
                let mut sent = 0;
                loop {
                    let email = format!("r{round}-w{worker}-{sent}@example.org");
                    sent += 1;
                    let answer = client
                        .post(format!("{base}/conferences/mechelen-2017/register"))
                        .header("origin", base.as_str())
                        .header("x-forwarded-for", common::visitor())
                        .form(&common::mechelen_form(&email))
                        .send()
                        .await;
                    match answer {
                        Ok(r) if r.status() == 303 => answered.lock().unwrap().push(email),
                        Ok(r) => panic!("{email}: {}", r.status()),
                        // The server is gone: this worker's round is over.
                        Err(_) => return sent,
                    }
                }
            }));
        }
        // Killed at a different moment of the stream each round.
        tokio::time::sleep(Duration::from_millis(400 + 150 * round)).await;
        server.kill();
        for worker in load {
            attempts += worker.await.unwrap();
        }
    }
    let answered = answered.lock().unwrap().clone();
    assert!(answered.len() > 20, "the load ran: {}", answered.len());

    let store = Store::connect(&database).await.unwrap();
    if let Store::Sqlite { pool, .. } = &store {
        let check: String = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_one(pool)
            .await
            .unwrap();
        assert_eq!(check, "ok");
    }
    let stored: HashSet<String> = store
        .registrations("mechelen-2017")
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.email)
        .collect();
    let lost: Vec<&String> = answered.iter().filter(|e| !stored.contains(*e)).collect();
    assert!(lost.is_empty(), "answered but not stored: {lost:?}");

    // Restarted, it sends what is due; what a killed server was sending
    // goes again once its lease has run out (its worker, at that time).
    let last = Instance::start(&database, &smtp.url(), folder.path()).await;
    let mailer = Mailer::new(Some(&smtp.url()), folder.path().join("mail")).unwrap();
    let from = parse_from("Convene <convene@localhost>").unwrap();
    let later = Utc::now() + LEASE + chrono::Duration::seconds(1);
    wait_for("every message sent", 120, async || {
        deliver_due(&store, &mailer, &from, later).await;
        let states = store.outbox_states().await.unwrap();
        states.iter().all(|(state, _)| state == "sent")
    })
    .await;
    drop(last);
    let ids = message_ids(&smtp);
    let distinct: HashSet<&String> = ids.iter().collect();
    let mailed: HashSet<String> = smtp
        .messages()
        .iter()
        .filter_map(|m| header(m, "To"))
        .collect();
    let unmailed: Vec<&String> = answered.iter().filter(|e| !mailed.contains(*e)).collect();
    println!(
        "kill -9 ×5 under load: {attempts} attempts, {} answered, {} stored, {} lost, {} messages received, {} distinct, {} answered without mail",
        answered.len(),
        stored.len(),
        lost.len(),
        ids.len(),
        distinct.len(),
        unmailed.len()
    );
    assert!(unmailed.is_empty(), "{unmailed:?}");
    assert_eq!(
        distinct.len(),
        store.registrations("mechelen-2017").await.unwrap().len(),
        "one verification message per registration"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn sqlite_killed_five_times_under_load_keeps_what_it_answered() {
    let folder = tempfile::tempdir().unwrap();
    killed_five_times_under_load_keeps_what_it_answered(common::sqlite_url(&folder)).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn postgres_killed_five_times_under_load_keeps_what_it_answered() {
    killed_five_times_under_load_keeps_what_it_answered(common::fresh_postgres_database().await)
        .await;
}
