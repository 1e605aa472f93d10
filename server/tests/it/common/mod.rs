//! Starts the real server on port 0 against a fresh database: a SQLite file
//! in a temporary folder, or a new database on the PostgreSQL server named
//! by CONVENE_TEST_POSTGRES_URL (scripts/test starts one).

#![allow(dead_code)]

pub mod hostile;
mod inspect;
pub mod pdf;
pub(crate) use inspect::Inspect;
pub mod smtp;

use convene::store::Store;
use convene_server::{Application, Config};
use std::sync::atomic::{AtomicU32, Ordering};

pub struct TestApp {
    pub base: String,
    /// The first run's code the server printed, while no account exists.
    pub setup_code: Option<String>,
    pub client: reqwest::Client,
    pub store: Store,
    _folder: Option<tempfile::TempDir>,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(self.url(path))
            .send()
            .await
            .expect("request")
    }

    /// GET with headers, as a browser would send them.
    pub async fn get_with(&self, path: &str, headers: &[(&str, &str)]) -> reqwest::Response {
        let mut request = self.client.get(self.url(path));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        request.send().await.expect("request")
    }

    /// The body of a page that must answer 200, as [`html`] gives it.
    pub async fn page(&self, path: &str) -> String {
        let response = self.get(path).await;
        assert_eq!(response.status(), 200, "GET {path}");
        html(response).await
    }
}

/// A page's HTML without the empty hydration markers (`<!>`) and comments
/// Leptos puts between text nodes, so tests can look for what a reader sees.
/// Written here rather than with an HTML parser on purpose: the tests look
/// at the bytes the browser got (whether `<` arrived as `&lt;`, which
/// attribute carries which nonce), and a parser's re-serialisation would
/// normalise exactly that away.
pub async fn html(response: reqwest::Response) -> String {
    let body = response.text().await.expect("body");
    let mut out = String::with_capacity(body.len());
    let mut rest = body.as_str();
    while let Some(start) = rest.find("<!") {
        out.push_str(&rest[..start]);
        let tail = &rest[start..];
        let end = if tail.starts_with("<!>") {
            3
        } else if tail.starts_with("<!--") {
            tail.find("-->").map(|i| i + 3).unwrap_or(tail.len())
        } else {
            // <!DOCTYPE html>
            out.push_str("<!");
            2
        };
        rest = &tail[end..];
    }
    out.push_str(rest);
    out
}

/// The nonce a Content-Security-Policy allows scripts by.
pub fn policy_nonce(policy: &str) -> String {
    policy
        .split("'nonce-")
        .nth(1)
        .and_then(|rest| rest.split('\'').next())
        .expect("the policy names a nonce")
        .to_owned()
}

pub fn sqlite_url(folder: &tempfile::TempDir) -> String {
    format!("sqlite://{}/convene.db?mode=rwc", folder.path().display())
}

pub async fn spawn_sqlite() -> TestApp {
    spawn_sqlite_with(true).await
}

pub async fn spawn_sqlite_with(demo: bool) -> TestApp {
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = sqlite_url(&folder);
    spawn(url, demo, Some(folder)).await
}

static DATABASES: AtomicU32 = AtomicU32::new(0);

/// A new, empty PostgreSQL database; its URL.
pub async fn fresh_postgres_database() -> String {
    let admin = std::env::var("CONVENE_TEST_POSTGRES_URL").expect(
        "CONVENE_TEST_POSTGRES_URL must name a PostgreSQL server the tests may create databases on \
         (e.g. postgres://postgres@127.0.0.1:5432/postgres); scripts/test starts one",
    );
    let name = format!(
        "convene_test_{}_{}_{}",
        std::process::id(),
        DATABASES.fetch_add(1, Ordering::SeqCst),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos()
    );
    let pool = sqlx::PgPool::connect(&admin)
        .await
        .expect("connect to the test PostgreSQL server");
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(&pool)
        .await
        .expect("create database");
    pool.close().await;
    let (server, _) = admin.rsplit_once('/').expect("the URL names a database");
    format!("{server}/{name}")
}

pub async fn spawn_postgres() -> TestApp {
    spawn(fresh_postgres_database().await, true, None).await
}

/// A server whose mail stays in the outbox (no worker sends it), on a
/// fresh SQLite or PostgreSQL database, for tests that handle mail
/// themselves.
pub async fn spawn_without_mail_worker(postgres: bool) -> TestApp {
    spawn_with(postgres, |config| config.mail_worker = false).await
}

/// A server with the demo, on a fresh SQLite or PostgreSQL database, with
/// settings changed from the tests' own by `change`.
pub async fn spawn_with(postgres: bool, change: impl FnOnce(&mut Config)) -> TestApp {
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = if postgres {
        fresh_postgres_database().await
    } else {
        sqlite_url(&folder)
    };
    let mut config = Config::for_tests(url);
    change(&mut config);
    start(config, true, Some(folder)).await
}

/// A server on a fresh, empty SQLite or PostgreSQL database: no demo and
/// no account (its first run is open).
pub async fn spawn_empty(postgres: bool) -> TestApp {
    let folder = tempfile::tempdir().expect("temporary folder");
    let url = if postgres {
        fresh_postgres_database().await
    } else {
        sqlite_url(&folder)
    };
    start(Config::for_tests(url), false, Some(folder)).await
}

/// A server with the demo on the database at `database_url`.
pub async fn spawn_on(database_url: String) -> TestApp {
    spawn(database_url, true, None).await
}

async fn spawn(database_url: String, demo: bool, folder: Option<tempfile::TempDir>) -> TestApp {
    start(Config::for_tests(database_url), demo, folder).await
}

async fn start(config: Config, demo: bool, folder: Option<tempfile::TempDir>) -> TestApp {
    let app = Application::build(&config, demo)
        .await
        .expect("the application starts");
    let base = format!("http://127.0.0.1:{}", app.port());
    let store = app.store().clone();
    let setup_code = app.setup_code();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        base,
        setup_code,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        store,
        _folder: folder,
    }
}

/// A same-origin form with files (multipart), with a session cookie.
pub async fn send_form(
    app: &TestApp,
    path: &str,
    cookie: &str,
    form: reqwest::multipart::Form,
) -> reqwest::Response {
    app.client
        .post(app.url(path))
        .header("origin", app.base.as_str())
        .header("cookie", cookie)
        .multipart(form)
        .send()
        .await
        .unwrap()
}

/// A migrated SQLite store with the demo conferences, and the folder that
/// holds it (the store lives as long as the folder).
pub async fn sqlite_store() -> (Store, tempfile::TempDir) {
    let folder = tempfile::tempdir().expect("temporary folder");
    let store = Store::connect(&sqlite_url(&folder)).await.expect("SQLite");
    store.migrate().await.expect("migrations");
    store.seed_demo().await.expect("demo");
    (store, folder)
}

/// A migrated PostgreSQL store, in a new database, with the demo conferences.
pub async fn postgres_store() -> Store {
    let store = Store::connect(&fresh_postgres_database().await)
        .await
        .expect("PostgreSQL");
    store.migrate().await.expect("migrations");
    store.seed_demo().await.expect("demo");
    store
}

/// Runs each named test, which takes a [`Store`], on SQLite and on PostgreSQL.
#[macro_export]
macro_rules! on_both_stores {
    ($($test:ident),* $(,)?) => {
        $(
            mod $test {
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn sqlite() {
                    let (store, _folder) = $crate::common::sqlite_store().await;
                    super::$test(store).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
                async fn postgres() {
                    super::$test($crate::common::postgres_store().await).await
                }
            }
        )*
    };
}

/// Runs each named test against SQLite and against PostgreSQL.
#[macro_export]
macro_rules! on_both_backends {
    ($($test:ident),* $(,)?) => {
        $(
            mod $test {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$test($crate::common::spawn_sqlite().await).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$test($crate::common::spawn_postgres().await).await
                }
            }
        )*
    };
}

/// The same, with no mail worker: for tests that read a link from the
/// outbox, which the worker takes out of a message once it is sent.
#[macro_export]
macro_rules! on_both_backends_without_mail {
    ($($test:ident),* $(,)?) => {
        $(
            mod $test {
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn sqlite() {
                    super::$test($crate::common::spawn_without_mail_worker(false).await).await
                }
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn postgres() {
                    super::$test($crate::common::spawn_without_mail_worker(true).await).await
                }
            }
        )*
    };
}

/// A registration from a filled form, parsed by the rules of a form that
/// asks no question and offers no session (the store's own tests do not
/// go through the page). Working language and consent are given.
#[allow(dead_code)]
pub fn registration(
    form: convene::registration::RegistrationForm,
) -> convene::registration::NewRegistration {
    use convene::registration::{FormSetup, NewRegistration, RegistrationForm, RegistrationMode};
    let form = RegistrationForm {
        languages: if form.languages.is_empty() {
            vec!["en".into()]
        } else {
            form.languages.clone()
        },
        consent: true,
        ..form
    };
    let setup = FormSetup {
        window: Default::default(),
        mode: RegistrationMode::Open,
        languages: convene::Lang::ALL.to_vec(),
        categories: convene::registration::Category::ALL.to_vec(),
        questions: vec![],
        sessions: vec![],
        privacy: convene::Localized::new(convene::Lang::En, ""),
        today: chrono::Utc::now().date_naive(),
    };
    NewRegistration::parse(&form, &setup).expect("a valid registration")
}

/// A client address of its own, as a trusted proxy names it in
/// `X-Forwarded-For`: every call gives another.
pub fn visitor() -> String {
    static NEXT: AtomicU32 = AtomicU32::new(1);
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    format!("10.{}.{}.{}", (n >> 16) & 255, (n >> 8) & 255, n & 255)
}

/// Amal Haddad of Beirut registering as `email`, with passport details for
/// a visa letter when `visa`.
pub fn amal(email: &str, visa: bool) -> convene::registration::NewRegistration {
    let passport = |value: &str| if visa { value.into() } else { String::new() };
    registration(convene::registration::RegistrationForm {
        given_name: "Amal".into(),
        family_name: "Haddad".into(),
        email: email.into(),
        organisation: "Municipality of Beirut".into(),
        city: "Beirut".into(),
        country: "LB".into(),
        category: "local_or_regional_government".into(),
        visa_letter: visa,
        passport_name: passport("AMAL HADDAD"),
        nationality: passport("LB"),
        passport_number: passport("RL1234567"),
        date_of_birth: passport("1980-03-21"),
        ..Default::default()
    })
}

/// The kind of the last message with a link sent to `to`, and the token at
/// the end of that link.
pub async fn last_link(store: &Store, to: &str) -> (String, String) {
    let outbox = store.outbox().await.unwrap();
    let (kind, _, payload) = outbox
        .iter()
        .rev()
        .find(|(_, r, p)| r == to && p["link"].is_string())
        .expect("a message with a link to the delegate");
    let link = payload["link"].as_str().unwrap();
    (kind.clone(), link.rsplit('/').next().unwrap().to_owned())
}

/// Registers [`amal`] as `email` for `conference` (the verification link
/// is queued, not followed).
pub async fn submit(store: &Store, conference: &str, email: &str, visa: bool) {
    store
        .submit_registration(
            conference,
            &amal(email, visa),
            None,
            convene::Lang::En,
            "http://convene.test",
            chrono::Utc::now(),
        )
        .await
        .unwrap();
}

/// Registers [`amal`] as `email` for `conference` and follows the emailed
/// verification link: the token of the private link that came after.
pub async fn confirmed(store: &Store, conference: &str, email: &str, visa: bool) -> String {
    submit(store, conference, email, visa).await;
    let (_, token) = last_link(store, email).await;
    store
        .verify_registration(&token, "http://convene.test", chrono::Utc::now())
        .await
        .unwrap();
    last_link(store, email).await.1
}

/// The registration of `email` in `conference`, as the back office lists it.
pub async fn line_of(
    store: &Store,
    conference: &str,
    email: &str,
) -> convene::store::RegistrationLine {
    store
        .registrations(conference)
        .await
        .unwrap()
        .into_iter()
        .find(|r| r.email == email)
        .expect("registered")
}

/// A workbook read back by openpyxl, a spreadsheet reader nobody here
/// wrote: its first sheet's cells, row by row (it fails on a workbook that
/// does not open).
pub fn read_xlsx(bytes: &[u8]) -> Vec<Vec<Option<String>>> {
    let folder = tempfile::tempdir().unwrap();
    let file = folder.path().join("export.xlsx");
    std::fs::write(&file, bytes).unwrap();
    let python =
        std::env::var("CONVENE_TEST_SMTP_PYTHON").expect("the test Python (scripts/setup)");
    let read = std::process::Command::new(python)
        .arg("-c")
        .arg(
            "import json, sys, openpyxl\n\
             sheet = openpyxl.load_workbook(sys.argv[1]).active\n\
             print(json.dumps([[c.value for c in row] for row in sheet.iter_rows()]))",
        )
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        read.status.success(),
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    serde_json::from_slice(&read.stdout).unwrap()
}

/// A feed read by feedparser, the feed reader's library nobody here wrote:
/// its format, whether it found the feed ill-formed (`bozo`), and its
/// entries as a reader gets them, as JSON.
pub fn read_feed(body: &str) -> serde_json::Value {
    python(
        "import json, sys, feedparser\n\
             d = feedparser.parse(sys.stdin.buffer.read())\n\
             lang = lambda detail: (detail or {}).get('language')\n\
             print(json.dumps({\n\
               'version': d.version, 'bozo': bool(d.bozo), 'problem': str(d.get('bozo_exception', '')),\n\
               'title': d.feed.get('title'), 'language': d.feed.get('language'),\n\
               'links': [l.get('href') for l in d.feed.get('links', [])],\n\
               'entries': [{\n\
                 'id': e.get('id'), 'link': e.get('link'), 'title': e.get('title'),\n\
                 'title_language': lang(e.get('title_detail')),\n\
                 'summary': e.get('summary'),\n\
                 'content': [c.get('value') for c in e.get('content', [])],\n\
                 'published': e.get('published'), 'updated': e.get('updated'),\n\
                 'tags': [t.get('label') or t.get('term') for t in e.get('tags', [])],\n\
               } for e in d.entries],\n\
               'enclosures': [{'href': l.get('href'), 'type': l.get('type'), 'length': l.get('length')}\n\
                 for e in d.entries for l in e.get('enclosures', [])]}))",
        body.as_bytes(),
    )
}

/// Runs `script` in the tests' Python (scripts/setup installs its
/// libraries: feedparser, icalendar, jsonschema, xmlschema) with `input`
/// on its standard input: what it printed, read as JSON. Fails the test
/// when the script fails, with what it said.
pub fn python(script: &str, input: &[u8]) -> serde_json::Value {
    let python =
        std::env::var("CONVENE_TEST_SMTP_PYTHON").expect("the test Python (scripts/setup)");
    let mut read = std::process::Command::new(python)
        .arg("-c")
        .arg(script)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    read.stdin.take().unwrap().write_all(input).unwrap();
    let read = read.wait_with_output().unwrap();
    assert!(
        read.status.success(),
        "{}",
        String::from_utf8_lossy(&read.stderr)
    );
    serde_json::from_slice(&read.stdout).unwrap()
}

/// The password of every account the tests make.
pub const PASSWORD: &str = "Mechelen declaration 2017";

/// Makes a back-office account with [`PASSWORD`].
pub async fn account(app: &TestApp, email: &str, administrator: bool) {
    let hash = convene::password::hash(PASSWORD);
    app.store
        .create_account(
            &convene::field::Email::parse(email).unwrap(),
            &hash,
            administrator,
            chrono::Utc::now(),
        )
        .await
        .unwrap()
        .expect("a new account");
}

pub async fn post_sign_in(
    client: &reqwest::Client,
    app: &TestApp,
    email: &str,
    password: &str,
) -> reqwest::Response {
    client
        .post(app.url("/admin/sign-in"))
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.base.as_str())
        .form(&[("email", email), ("password", password)])
        .send()
        .await
        .unwrap()
}

/// Signs in; the session cookie (`name=value`).
pub async fn sign_in(app: &TestApp, email: &str) -> String {
    let response = post_sign_in(&app.client, app, email, PASSWORD).await;
    assert_eq!(response.status(), 303, "{email} signs in");
    assert_eq!(response.headers()["location"], "/admin");
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_owned();
    cookie.split(';').next().unwrap().to_owned()
}

/// A valid Mechelen registration form for `email`, as a browser posts it.
pub fn mechelen_form(email: &str) -> [(&'static str, &str); 10] {
    [
        ("given_name", "Delegate"),
        ("family_name", "Burst"),
        ("email", email),
        ("organisation", "City of Turin"),
        ("city", "Turin"),
        ("country", "IT"),
        ("category", "local_or_regional_government"),
        ("languages", "en"),
        ("q_study-visit", "no"),
        ("consent", "on"),
    ]
}
