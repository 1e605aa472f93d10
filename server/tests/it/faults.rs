//! The database failing under a running server: PostgreSQL gone (the
//! database refusing and dropping every connection), and a SQLite write
//! that fails half-way (its last statement refused, as a full disk
//! refuses it). Each answers a clear 503, stores nothing half, and the
//! server recovers without a restart.

use crate::common;

use crate::common::Inspect;
use common::TestApp;

async fn register(app: &TestApp, email: &str) -> reqwest::Response {
    app.client
        .post(app.url("/conferences/mechelen-2017/register"))
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.base.as_str())
        .form(&common::mechelen_form(email))
        .send()
        .await
        .unwrap()
}

/// A 503 that says what to do.
async fn refused_for_now(response: reqwest::Response) {
    assert_eq!(response.status(), 503);
    let text = response.text().await.unwrap();
    assert!(text.contains("Please try again in a moment."), "{text}");
}

async fn emails(app: &TestApp) -> Vec<String> {
    app.store
        .registrations("mechelen-2017")
        .await
        .unwrap()
        .into_iter()
        .map(|r| r.email)
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_gone_answers_503_and_the_server_recovers_without_a_restart() {
    let url = common::fresh_postgres_database().await;
    let name = url.rsplit('/').next().unwrap().to_owned();
    let app = common::spawn_on(url).await;
    assert_eq!(register(&app, "before@example.org").await.status(), 303);

    let admin = sqlx::PgPool::connect(&std::env::var("CONVENE_TEST_POSTGRES_URL").unwrap())
        .await
        .unwrap();
    let gone = |allowed: bool| {
        let admin = admin.clone();
        let name = name.clone();
        async move {
            sqlx::query(&format!(
                "ALTER DATABASE {name} WITH ALLOW_CONNECTIONS {allowed}"
            ))
            .execute(&admin)
            .await
            .unwrap();
            if !allowed {
                sqlx::query(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1",
                )
                .bind(&name)
                .execute(&admin)
                .await
                .unwrap();
            }
        }
    };
    gone(false).await;
    refused_for_now(register(&app, "during@example.org").await).await;
    assert_eq!(app.get("/healthz").await.status(), 503);
    let page = app.get("/conferences/mechelen-2017").await;
    assert_eq!(page.status(), 503);
    assert!(common::html(page).await.contains("try again in a moment"));

    gone(true).await;
    let mut tries = 0;
    let status = loop {
        tries += 1;
        let status = register(&app, "after@example.org").await.status();
        if status != 503 || tries == 20 {
            break status;
        }
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    };
    assert_eq!(status, 303, "back without a restart");
    assert_eq!(app.get("/healthz").await.status(), 200);
    let stored = emails(&app).await;
    println!("database gone: 503 while gone, back after {tries} tries, stored {stored:?}");
    assert_eq!(stored.len(), 2);
    assert!(!stored.contains(&"during@example.org".to_owned()));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_a_write_refused_half_way_stores_nothing_and_the_server_goes_on() {
    let app = common::spawn_sqlite().await;
    assert_eq!(register(&app, "before@example.org").await.status(), 303);
    // Through the writing connection: the readers cannot write.
    let convene::store::Store::Sqlite { writer: pool, .. } = &app.store else {
        unreachable!()
    };
    // The registration's row is written, then its verification email is
    // refused: the transaction's last statement fails.
    sqlx::query(
        "CREATE TRIGGER full BEFORE INSERT ON outbox \
         BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
    )
    .execute(pool)
    .await
    .unwrap();
    refused_for_now(register(&app, "during@example.org").await).await;
    assert!(
        !emails(&app)
            .await
            .contains(&"during@example.org".to_owned()),
        "no registration without its email"
    );
    sqlx::query("DROP TRIGGER full")
        .execute(pool)
        .await
        .unwrap();
    assert_eq!(register(&app, "during@example.org").await.status(), 303);
    let stored = emails(&app).await;
    println!("write refused half-way: 503, nothing stored half, then {stored:?}");
    assert_eq!(stored.len(), 2);
    assert_eq!(
        app.store
            .outbox_states()
            .await
            .unwrap()
            .iter()
            .map(|(_, n)| n)
            .sum::<i64>(),
        2,
        "one email per registration"
    );
}

/// Delegates whose connection drops while their registration is being
/// written (a closed laptop, a proxy's timeout), then others registering:
/// the writes cut off leave nothing locked.
async fn clients_gone_mid_write_leave_nothing_locked(app: TestApp) {
    let impatient = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let mut cut = 0;
    let mut answered = 0;
    for round in 0..20 {
        let attempts: Vec<_> = (0..10)
            .map(|i| {
                let request = impatient
                    .post(app.url("/conferences/mechelen-2017/register"))
                    .header("sec-fetch-site", "same-origin")
                    .header("origin", app.base.as_str())
                    .form(&common::mechelen_form(&format!(
                        "gone-{round}-{i}@example.org"
                    )))
                    // From very soon to a little later: some are cut while
                    // their transaction is open.
                    .timeout(std::time::Duration::from_micros(
                        1000 + 150 * (10 * round + i),
                    ));
                tokio::spawn(request.send())
            })
            .collect();
        for attempt in attempts {
            match attempt.await.unwrap() {
                Ok(_) => answered += 1,
                Err(_) => cut += 1,
            }
        }
    }
    assert!(cut > 0, "no request was cut off");
    let mut statuses = vec![];
    for i in 0..5 {
        let response = register(&app, &format!("after-{i}@example.org")).await;
        statuses.push(response.status().as_u16());
    }
    let stored = emails(&app).await;
    let written = stored.iter().filter(|e| e.starts_with("gone-")).count();
    println!(
        "clients gone mid-write: {cut} of 200 cut off, {answered} answered, {written} written \
         to their end; then {statuses:?}"
    );
    assert_eq!(statuses, [303; 5], "the next delegates register");
    assert!(
        written > answered,
        "some of the writes cut off were under way, and finished"
    );
    assert_eq!(
        stored.len(),
        written + 5,
        "no write cut half-way (none is stored without its address)"
    );
}

on_both_backends!(clients_gone_mid_write_leave_nothing_locked);
