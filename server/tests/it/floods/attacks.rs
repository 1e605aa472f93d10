//! Floods and races an anonymous visitor can start, and what the server
//! does with them.

use super::*;
use crate::common::Inspect;
use chrono::Utc;
use common::{confirmed, TestApp, PASSWORD};
use convene::registration::Status;

on_both_backends!(
    eight_cancels_at_once_on_one_private_link_cancel_once,
    forty_wrong_passwords_at_once_are_at_most_five_checked,
);

on_both_databases!(
    posts_that_pretend_to_come_from_the_site_are_refused,
    a_registration_flood_from_one_address_queues_at_most_the_limit,
    behind_a_trusted_proxy_each_client_counts_alone,
    two_thousand_posts_that_each_cost_a_hash_leave_memory_bounded,
    a_flood_of_forged_verification_addresses_leaves_memory_bounded,
    a_flood_of_the_programme_s_public_reads_leaves_others_served,
);

on_both_stores!(attempt_counters_of_windows_that_are_over_are_forgotten);

async fn eight_cancels_at_once_on_one_private_link_cancel_once(app: TestApp) {
    let conference = "mechelen-2017";
    let token = confirmed(&app.store, conference, "amal@example.org", true).await;
    let other = confirmed(&app.store, conference, "bart@example.org", false).await;
    let before = app.store.registration_counts(conference).await.unwrap();
    let path = format!("/r/{token}/cancel");
    let answers = futures::future::join_all((0..8).map(|_| post(&app, &path).send())).await;
    for answer in &answers {
        // Each click lands on the page as it now stands: cancelled.
        assert_eq!(answer.as_ref().unwrap().status(), 303);
    }
    let problems = app.store.recount().await.unwrap();
    assert!(problems.is_empty(), "{problems:#?}");
    let outbox = app.store.outbox().await.unwrap();
    let cancellations = outbox
        .iter()
        .filter(|(k, to, _)| k == "cancellation" && to == "amal@example.org")
        .count();
    assert_eq!(cancellations, 1);
    let after = app.store.registration_counts(conference).await.unwrap();
    let confirmed_in = |counts: &[(Status, i64)]| {
        counts
            .iter()
            .find(|(s, _)| *s == Status::Confirmed)
            .map_or(0, |(_, n)| *n)
    };
    assert_eq!(confirmed_in(&after), confirmed_in(&before) - 1);
    // The cancelled link's page says so and shows nothing it was given,
    // and no cache may keep it; the other delegate's still shows theirs.
    let page = app.get(&format!("/r/{token}")).await;
    assert_eq!(page.headers()["cache-control"], "no-store");
    let page = common::html(page).await;
    assert!(page.contains("Your registration is cancelled."), "{page}");
    for given in [
        "Haddad",
        "Municipality of Beirut",
        "RL1234567",
        "amal@example.org",
    ] {
        assert!(!page.contains(given), "the cancelled page shows {given}");
    }
    // A "token" that no redirect can carry names no page.
    assert_eq!(
        post(&app, "/r/%0A/cancel").send().await.unwrap().status(),
        404
    );
    let theirs = app.get(&format!("/r/{other}")).await;
    assert_eq!(theirs.headers()["cache-control"], "no-store");
    assert!(common::html(theirs)
        .await
        .contains("Municipality of Beirut"));
    println!("8 cancels at once on one link: 8 × 303, 1 cancellation, 1 seat given back");
}

async fn forty_wrong_passwords_at_once_are_at_most_five_checked(app: TestApp) {
    common::account(&app, "admin@example.org", true).await;
    let answers = futures::future::join_all((0..40).map(|_| {
        post(&app, "/admin/sign-in")
            .form(&[
                ("email", "admin@example.org"),
                ("password", "wrong guess 1"),
            ])
            .send()
    }))
    .await;
    let statuses: Vec<u16> = answers
        .iter()
        .map(|a| a.as_ref().unwrap().status().as_u16())
        .collect();
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let waited = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!(checked + waited, 40, "{statuses:?}");
    assert!(checked <= 5, "{checked} passwords checked: {statuses:?}");
    // An address longer than any address is refused like any wrong one.
    let long = format!("{}@example.org", "a".repeat(3000));
    let answer = common::post_sign_in(&app.client, &app, &long, "guess").await;
    assert!(
        matches!(answer.status().as_u16(), 401 | 429),
        "{}",
        answer.status()
    );
    // The real user, from another address, signs in.
    let elsewhere = reqwest::Client::builder()
        .local_address(Some("127.0.0.2".parse().unwrap()))
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let r = common::post_sign_in(&elsewhere, &app, "admin@example.org", PASSWORD).await;
    assert_eq!(r.status(), 303);
    println!("40 wrong passwords at once: {checked} checked, {waited} told to wait; the user elsewhere signs in");
}

async fn posts_that_pretend_to_come_from_the_site_are_refused(postgres: bool) {
    let app = common::spawn_empty(postgres).await;
    let code = app.setup_code.clone().unwrap();
    let form = [
        ("code", code.as_str()),
        ("email", "intruder@example.org"),
        ("password", PASSWORD),
    ];
    let attempts: [(&str, &[(&str, &str)]); 5] = [
        // A page that rebound its name to this server's address.
        (
            "rebinding",
            &[("host", "evil.example"), ("origin", "http://evil.example")],
        ),
        ("rebinding without Origin", &[("host", "evil.example")]),
        ("another site", &[("origin", "https://evil.example")]),
        ("a sandboxed frame", &[("origin", "null")]),
        (
            "a browser hiding its Origin",
            &[("sec-fetch-site", "same-origin")],
        ),
    ];
    for (what, headers) in attempts {
        let mut request = app.client.post(app.url("/admin/setup")).form(&form);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let answer = request.send().await.unwrap();
        assert_eq!(answer.status(), 403, "{what}");
        let registration = app
            .client
            .post(app.url("/conferences/mechelen-2017/register"))
            .form(&common::mechelen_form("forged@example.org"));
        let mut registration = registration;
        for (name, value) in headers {
            registration = registration.header(*name, *value);
        }
        assert_eq!(registration.send().await.unwrap().status(), 403, "{what}");
    }
    assert_eq!(app.store.account_count().await.unwrap(), 0);
    assert!(app.store.outbox().await.unwrap().is_empty());
    // The site itself, by its own name, is let in.
    let made = app
        .client
        .post(app.url("/admin/setup"))
        .header("host", "convene.test")
        .header("origin", BASE)
        .header("sec-fetch-site", "same-origin")
        .form(&form)
        .send()
        .await
        .unwrap();
    assert_eq!(made.status(), 303);
    println!("5 kinds of forged posts refused with 403 on the first run and the form; the site's own accepted");
}

async fn a_registration_flood_from_one_address_queues_at_most_the_limit(postgres: bool) {
    let app = with_shipped_limits(postgres, "").await;
    let limit = convene_server::config::REGISTRATIONS_PER_ADDRESS as usize;
    let mut statuses = vec![];
    for i in 0..99 {
        let email = format!("victim{i}@example.org");
        let answer = post(&app, "/conferences/mechelen-2017/register")
            .form(&common::mechelen_form(&email))
            .send()
            .await
            .unwrap();
        statuses.push(answer.status().as_u16());
    }
    let verifications = app
        .store
        .outbox()
        .await
        .unwrap()
        .into_iter()
        .filter(|(kind, _, _)| kind == "verification")
        .count();
    assert_eq!(verifications, limit, "{statuses:?}");
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 99 - limit);
    // The page that says so, in the visitor's language, keeps the form.
    for (prefix, says) in [
        ("", "Too many registrations were sent from your network"),
        (
            "/fr",
            "Trop d'inscriptions ont été envoyées depuis votre réseau",
        ),
        ("/ar", "أُرسلت تسجيلات كثيرة من شبكتك"),
    ] {
        let answer = post(
            &app,
            &format!("{prefix}/conferences/mechelen-2017/register"),
        )
        .form(&common::mechelen_form("kept@example.org"))
        .send()
        .await
        .unwrap();
        assert_eq!(answer.status(), 429);
        assert!(answer.headers().contains_key("retry-after"));
        let page = common::html(answer).await;
        assert!(page.contains(says), "{prefix}: {page}");
        assert!(
            page.contains(r#"value="kept@example.org""#),
            "{prefix}: the address is kept"
        );
        assert!(
            page.contains(r#"value="City of Turin""#),
            "{prefix}: the organisation is kept"
        );
    }
    println!(
        "99 registrations from one address: {verifications} emails queued, {} told to wait (429)",
        99 - limit
    );
}

async fn behind_a_trusted_proxy_each_client_counts_alone(postgres: bool) {
    let app = with_shipped_limits(postgres, "127.0.0.1").await;
    let limit = convene_server::config::REGISTRATIONS_PER_ADDRESS as usize;
    // Sixty visitors behind the proxy, each its own address: all go on.
    for i in 0..60 {
        let answer = post(&app, "/conferences/mechelen-2017/register")
            .header("x-forwarded-for", format!("198.51.100.{i}"))
            .form(&common::mechelen_form(&format!("visitor{i}@example.org")))
            .send()
            .await
            .unwrap();
        assert_eq!(answer.status(), 303, "visitor {i}");
    }
    // One of them flooding waits; the header it writes itself counts for
    // nothing (the proxy appends the address it saw).
    let mut waited = 0;
    for i in 0..limit + 5 {
        let answer = post(&app, "/conferences/mechelen-2017/register")
            .header("x-forwarded-for", format!("10.{i}.0.1, 203.0.113.7"))
            .form(&common::mechelen_form(&format!("flood{i}@example.org")))
            .send()
            .await
            .unwrap();
        waited += usize::from(answer.status() == 429);
    }
    assert_eq!(waited, 5);
    println!(
        "behind a trusted proxy: 60 visitors registered; one of them flooding waited after {limit}"
    );
}

async fn two_thousand_posts_that_each_cost_a_hash_leave_memory_bounded(postgres: bool) {
    // Behind a trusted proxy, each post from an address of its own: the
    // per-address throttles never stop them, so every sign-in is checked
    // against a hash, the worst a crowd of addresses can do.
    let server = Server::start(postgres, &[("CONVENE_TRUSTED_PROXIES", "127.0.0.1")]).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let (started_mb, _) = server.memory();
    let flooding = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    // The health check, asked throughout: its slowest answer.
    let watch = server.watch_health(&client, &flooding);
    let mut statuses = std::collections::BTreeMap::new();
    let paths = [
        "/admin/sign-in",
        "/admin/setup",
        "/admin/reset/unknown-token",
    ];
    for wave in 0..20 {
        let answers = futures::future::join_all((0..100).map(|i| {
            let n = wave * 100 + i;
            client
                .post(format!("{}{}", server.base, paths[n % 3]))
                .header("x-forwarded-for", format!("10.{}.{}.1", n / 256, n % 256))
                .form(&[
                    ("email", format!("guess{n}@example.org")),
                    ("password", format!("guess number {n}")),
                    ("code", "WRONG-CODE".into()),
                ])
                .send()
        }))
        .await;
        for answer in answers {
            *statuses
                .entry(answer.unwrap().status().as_u16())
                .or_insert(0) += 1;
        }
    }
    flooding.store(false, std::sync::atomic::Ordering::SeqCst);
    let (slowest, asked) = watch.await.unwrap();
    let (now_mb, peak_mb) = server.memory();
    println!(
        "{}: 2000 hash-costing posts ({statuses:?}): resident {started_mb:.0} MB before, {peak_mb:.0} MB at \
         most, {now_mb:.0} MB after; /healthz asked {asked} times, slowest {} ms",
        if postgres { "PostgreSQL" } else { "SQLite" },
        slowest.as_millis()
    );
    assert!(peak_mb < 256.0, "peak {peak_mb:.0} MB");
    assert!(slowest < std::time::Duration::from_secs(1), "{slowest:?}");
    assert_eq!(statuses.values().sum::<usize>(), 2000);
    assert!(!statuses.contains_key(&500), "{statuses:?}");
}

/// `/verify/{code}` is open to anyone (an embassy has no account): two
/// thousand guesses, a hundred at a time, each a page rendered, find
/// nothing and leave the server's memory and its other answers alone.
async fn a_flood_of_forged_verification_addresses_leaves_memory_bounded(postgres: bool) {
    let server = Server::start(postgres, &[]).await;
    let client = reqwest::Client::new();
    let (started_mb, _) = server.memory();
    let flooding = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let watch = server.watch_health(&client, &flooding);
    let mut statuses = std::collections::BTreeMap::new();
    for wave in 0..20 {
        let answers = futures::future::join_all((0..100).map(|i| {
            // 20 characters of the codes' alphabet, never issued.
            let guess: String = format!("{:0>20}", wave * 100 + i)
                .chars()
                .map(|d| char::from(b'a' + d.to_digit(10).unwrap() as u8))
                .collect();
            client
                .get(format!(
                    "{}{}",
                    server.base,
                    convene::paths::verify_paper(&guess)
                ))
                .send()
        }))
        .await;
        for answer in answers {
            *statuses
                .entry(answer.unwrap().status().as_u16())
                .or_insert(0) += 1;
        }
    }
    flooding.store(false, std::sync::atomic::Ordering::SeqCst);
    let (slowest, asked) = watch.await.unwrap();
    let (now_mb, peak_mb) = server.memory();
    let home = client
        .get(format!("{}/", server.base))
        .send()
        .await
        .unwrap();
    println!(
        "{}: 2000 forged verification addresses ({statuses:?}): resident {started_mb:.0} MB before, \
         {peak_mb:.0} MB at most, {now_mb:.0} MB after; /healthz asked {asked} times, slowest {} ms",
        if postgres { "PostgreSQL" } else { "SQLite" },
        slowest.as_millis()
    );
    assert_eq!(statuses.get(&404), Some(&2000), "{statuses:?}");
    assert_eq!(home.status(), 200);
    assert!(peak_mb < 128.0, "peak {peak_mb:.0} MB");
    assert!(slowest < std::time::Duration::from_secs(1), "{slowest:?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_that_never_finishes_its_headers_is_let_go() {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let app = common::spawn_sqlite_with(false).await;
    let address = app.base.strip_prefix("http://").unwrap().to_owned();
    let mut slow = tokio::net::TcpStream::connect(&address).await.unwrap();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: convene.test\r\n")
        .await
        .unwrap();
    let started = std::time::Instant::now();
    // Meanwhile everyone else is answered.
    assert_eq!(app.get("/healthz").await.status(), 200);
    // And one that connects and says nothing at all.
    let mut silent = tokio::net::TcpStream::connect(&address).await.unwrap();
    let limit = convene_server::startup::HEADER_READ_TIMEOUT * 3;
    for (what, client) in [("slow", &mut slow), ("silent", &mut silent)] {
        let mut rest = vec![];
        let closed = tokio::time::timeout(limit, client.read_to_end(&mut rest)).await;
        assert!(
            closed.is_ok(),
            "the {what} connection is still open after {limit:?}"
        );
    }
    println!(
        "a client that never finished its headers, and one that sent nothing, were let go after {:.1} s",
        started.elapsed().as_secs_f64()
    );
}

async fn attempt_counters_of_windows_that_are_over_are_forgotten(store: convene::store::Store) {
    let key = vec![("address 203.0.113.9".to_owned(), 1)];
    let long_ago = Utc::now() - chrono::Duration::minutes(20);
    assert!(store.attempt(&key, long_ago).await.unwrap());
    assert!(
        !store.attempt(&key, long_ago).await.unwrap(),
        "the second is over the limit"
    );
    // The housekeeping forgets the window that is over; a new one starts.
    assert_eq!(store.forget_old_attempts(Utc::now()).await.unwrap(), 1);
    assert_eq!(store.forget_old_attempts(Utc::now()).await.unwrap(), 0);
    assert!(store.attempt(&key, Utc::now()).await.unwrap());
    println!("attempt counters: a window that is over forgotten by the housekeeping");
}

/// What anyone may ask of a conference's programme, two thousand times, a
/// hundred at a time: the list of participants searched for a different
/// name each time (each a page rendered, none kept alike), the schedule's
/// exports, the embeds in the three languages, calendar feeds with keys
/// guessed, stars posted with links guessed. Memory stays bounded, nothing
/// fails, and a delegate reading the agenda meanwhile is served.
async fn a_flood_of_the_programme_s_public_reads_leaves_others_served(postgres: bool) {
    let server = Server::start(postgres, &[]).await;
    let client = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap();
    let (started_mb, _) = server.memory();
    let flooding = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(true));
    let watch = server.watch_health(&client, &flooding);
    let mut statuses = std::collections::BTreeMap::new();
    let reads = |n: usize| -> String {
        match n % 8 {
            0 | 1 => format!(
                "/conferences/beirut-2017/participants?q=name{n}&page={}",
                n % 5
            ),
            2 => "/conferences/mechelen-2017/schedule.json".into(),
            3 => "/fr/conferences/mechelen-2017/schedule.xml".into(),
            4 => "/ar/conferences/mechelen-2017/agenda.xcs".into(),
            5 => format!(
                "/embed/conferences/mechelen-2017/agenda?lang={}",
                ["en", "fr", "ar"][n % 3]
            ),
            6 => format!("/my-agenda/{n}/guessed-key-{n:0>21}/calendar.ics"),
            _ => format!("/embed/topics/migration/upcoming?lang=fr&n={n}"),
        }
    };
    let mut slowest_agenda = std::time::Duration::ZERO;
    for wave in 0..20 {
        let reads = futures::future::join_all((0..100).map(|i| {
            let n = wave * 100 + i;
            if n % 10 == 9 {
                client
                    .post(format!("{}/r/guessed-link-{n}/stars", server.base))
                    .header("origin", server.base.as_str())
                    .form(&[("session", "opening-ceremony"), ("starred", "on")])
                    .send()
            } else {
                client.get(format!("{}{}", server.base, reads(n))).send()
            }
        }));
        let at = std::time::Instant::now();
        let agenda = client
            .get(format!("{}/conferences/mechelen-2017/agenda", server.base))
            .send();
        let (answers, agenda) = tokio::join!(reads, agenda);
        assert_eq!(agenda.unwrap().status(), 200, "a delegate reads the agenda");
        slowest_agenda = slowest_agenda.max(at.elapsed());
        for answer in answers {
            *statuses
                .entry(answer.unwrap().status().as_u16())
                .or_insert(0) += 1;
        }
    }
    flooding.store(false, std::sync::atomic::Ordering::SeqCst);
    let (slowest, asked) = watch.await.unwrap();
    let (now_mb, peak_mb) = server.memory();
    println!(
        "{}: 2000 reads of the programme ({statuses:?}): resident {started_mb:.0} MB before, \
         {peak_mb:.0} MB at most, {now_mb:.0} MB after; /healthz asked {asked} times, slowest {} ms; \
         the agenda meanwhile at most {} ms",
        if postgres { "PostgreSQL" } else { "SQLite" },
        slowest.as_millis(),
        slowest_agenda.as_millis()
    );
    assert!(peak_mb < 256.0, "peak {peak_mb:.0} MB");
    assert_eq!(statuses.values().sum::<usize>(), 2000);
    assert!(
        statuses.keys().all(|s| [200, 404].contains(s)),
        "{statuses:?}"
    );
}
