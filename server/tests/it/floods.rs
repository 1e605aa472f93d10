//! What anonymous visitors can make the server do, attacked: a private
//! link clicked eight times at once, forty wrong passwords at once, posts
//! from pages that pretend to be the site, a flood of registrations, a
//! flood of posts that each cost a password hash; and the secrets a
//! registration leaves behind (links in sent mail, passport details, pages
//! a cache could keep).

use crate::common;

use chrono::Utc;
use common::{TestApp, PASSWORD};
use convene::registration::Status;
use convene::Lang;

const BASE: &str = "http://convene.test";

on_both_backends!(
    eight_cancels_at_once_on_one_private_link_cancel_once,
    forty_wrong_passwords_at_once_are_at_most_five_checked,
);

/// Runs each named test, which takes whether to use PostgreSQL, on SQLite
/// and on PostgreSQL (for tests that start a server with settings of their
/// own).
macro_rules! on_both_databases {
    ($($test:ident),* $(,)?) => {
        $(
            mod $test {
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn sqlite() {
                    super::$test(false).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn postgres() {
                    super::$test(true).await
                }
            }
        )*
    };
}

on_both_databases!(
    posts_that_pretend_to_come_from_the_site_are_refused,
    a_registration_flood_from_one_address_queues_at_most_the_limit,
    behind_a_trusted_proxy_each_client_counts_alone,
    two_thousand_posts_that_each_cost_a_hash_leave_memory_bounded,
);

on_both_stores!(
    passport_details_go_on_refusal_cancellation_and_after_the_conference,
    a_sent_message_keeps_no_link_and_a_resend_makes_a_new_one,
    access_is_taken_away_and_reset_links_die_with_the_password,
    attempt_counters_of_windows_that_are_over_are_forgotten,
);

use common::amal;

/// The token of the last link sent to `to`.
async fn last_token(store: &convene::store::Store, to: &str) -> String {
    common::last_link(store, to).await.1
}

use common::confirmed;

fn post(app: &TestApp, path: &str) -> reqwest::RequestBuilder {
    app.client
        .post(app.url(path))
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.base.as_str())
}

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

/// A server with the form's limits as shipped (the tests' own are raised).
async fn with_shipped_limits(postgres: bool, trusted_proxies: &str) -> TestApp {
    let proxies = trusted_proxies.to_owned();
    common::spawn_with(postgres, move |config| {
        config.registrations_per_address = convene_server::config::REGISTRATIONS_PER_ADDRESS;
        config.registrations_per_minute = convene_server::config::REGISTRATIONS_PER_MINUTE;
        config.trusted_proxies = proxies;
    })
    .await
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

/// A `convene serve` process of its own, whose memory is its own.
struct Server {
    child: std::process::Child,
    base: String,
    _folder: tempfile::TempDir,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    async fn start(postgres: bool, env: &[(&str, &str)]) -> Server {
        let folder = tempfile::tempdir().unwrap();
        let database = if postgres {
            common::fresh_postgres_database().await
        } else {
            common::sqlite_url(&folder)
        };
        let port = common::smtp::free_port();
        let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_convene"));
        command
            .arg("serve")
            .env("DATABASE_URL", database)
            .env("LEPTOS_SITE_ADDR", format!("127.0.0.1:{port}"))
            .env("LEPTOS_SITE_ROOT", folder.path())
            .env("CONVENE_MAIL_DIR", folder.path().join("mail"))
            .env("RUST_LOG", "off")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        for (name, value) in env {
            command.env(name, value);
        }
        let child = command.spawn().expect("start convene");
        let base = format!("http://127.0.0.1:{port}");
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while !reqwest::get(format!("{base}/healthz"))
            .await
            .is_ok_and(|r| r.status() == 200)
        {
            assert!(
                std::time::Instant::now() < deadline,
                "convene did not start"
            );
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        }
        Server {
            child,
            base,
            _folder: folder,
        }
    }

    /// Resident memory now and at its peak, in MB (from /proc).
    fn memory(&self) -> (f64, f64) {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let field = |name: &str| {
            status
                .lines()
                .find(|l| l.starts_with(name))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
                .expect("a memory figure")
                / 1024.0
        };
        (field("VmRSS:"), field("VmHWM:"))
    }
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
    let watch = {
        let (client, base, flooding) = (client.clone(), server.base.clone(), flooding.clone());
        tokio::spawn(async move {
            let mut slowest = std::time::Duration::ZERO;
            let mut asked = 0;
            while flooding.load(std::sync::atomic::Ordering::SeqCst) {
                let at = std::time::Instant::now();
                let answer = client.get(format!("{base}/healthz")).send().await.unwrap();
                assert_eq!(answer.status(), 200);
                slowest = slowest.max(at.elapsed());
                asked += 1;
                tokio::time::sleep(std::time::Duration::from_millis(20)).await;
            }
            (slowest, asked)
        })
    };
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
        .find(|m| m.recipient == "sent@example.org" && m.mail.kind == "confirmation")
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
