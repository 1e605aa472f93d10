//! What anonymous visitors can make the server do, attacked (`attacks`):
//! a private link clicked eight times at once, forty wrong passwords at
//! once, posts from pages that pretend to be the site, a flood of
//! registrations, a flood of posts that each cost a password hash, a
//! flood of forged verification addresses, a client that never finishes
//! its headers; and the secrets a registration
//! leaves behind (`secrets`: links in sent mail, passport details, access
//! taken away, what an export holds).

use crate::common;
use common::TestApp;

const BASE: &str = "http://convene.test";

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

mod attacks;
mod secrets;

/// The token of the last link sent to `to`.
pub(super) async fn last_token(store: &convene::store::Store, to: &str) -> String {
    common::last_link(store, to).await.1
}

pub(super) fn post(app: &TestApp, path: &str) -> reqwest::RequestBuilder {
    app.client
        .post(app.url(path))
        .header("sec-fetch-site", "same-origin")
        .header("origin", app.base.as_str())
}

/// A server with the form's limits as shipped (the tests' own are raised).
pub(super) async fn with_shipped_limits(postgres: bool, trusted_proxies: &str) -> TestApp {
    let proxies = trusted_proxies.to_owned();
    common::spawn_with(postgres, move |config| {
        config.registrations_per_address = convene_server::config::REGISTRATIONS_PER_ADDRESS;
        config.registrations_per_minute = convene_server::config::REGISTRATIONS_PER_MINUTE;
        config.trusted_proxies = proxies;
    })
    .await
}

/// A `convene serve` process of its own, whose memory is its own.
pub(super) struct Server {
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

    /// Asks `/healthz` every 20 ms until `flooding` turns false: the
    /// slowest answer, and how many were asked (each must be 200).
    fn watch_health(
        &self,
        client: &reqwest::Client,
        flooding: &std::sync::Arc<std::sync::atomic::AtomicBool>,
    ) -> tokio::task::JoinHandle<(std::time::Duration, usize)> {
        let (client, base, flooding) = (client.clone(), self.base.clone(), flooding.clone());
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
