//! Settings, from the command line or the environment; only this module
//! reads the environment.

use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/convene.db?mode=rwc";
/// Registrations from one client address in 10 minutes, by default.
pub const REGISTRATIONS_PER_ADDRESS: u32 = 20;
/// Registrations from everyone in a minute, per instance, by default.
pub const REGISTRATIONS_PER_MINUTE: u32 = 600;

#[derive(Args, Clone, Debug)]
pub struct Config {
    /// The database: sqlite://FILE?mode=rwc (embedded; the folder is created)
    /// or postgres://USER:PASSWORD@HOST:PORT/DB.
    #[arg(long, env = "DATABASE_URL", default_value = DEFAULT_DATABASE_URL, global = true, hide_env_values = true)]
    pub database_url: String,

    /// The address to listen on.
    #[arg(
        long,
        env = "LEPTOS_SITE_ADDR",
        default_value = "127.0.0.1:3000",
        global = true
    )]
    pub addr: SocketAddr,

    /// The folder with the built site (pkg/: the WASM, JS and CSS).
    #[arg(
        long,
        env = "LEPTOS_SITE_ROOT",
        default_value = "target/site",
        global = true
    )]
    pub site_root: PathBuf,

    /// The public address of the site, for links in feeds, calendars and
    /// mail (default: http://ADDR).
    #[arg(long, env = "CONVENE_BASE_URL", global = true)]
    pub base_url: Option<String>,

    /// The SMTP server for outgoing mail: smtp://host:port, or
    /// smtps://user:password@host. Without it, mail is written as .eml
    /// files into the mail folder.
    #[arg(long, env = "SMTP_URL", global = true, hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// The sender of outgoing mail.
    #[arg(
        long,
        env = "MAIL_FROM",
        default_value = "Convene <convene@localhost>",
        global = true
    )]
    pub mail_from: String,

    /// Where mail goes when there is no SMTP_URL.
    #[arg(
        long,
        env = "CONVENE_MAIL_DIR",
        default_value = "data/mail",
        global = true
    )]
    pub mail_dir: PathBuf,

    /// The reverse proxies in front of this server, whose X-Forwarded-For
    /// header names the client: addresses or networks, separated by commas
    /// (127.0.0.1, 10.0.0.0/8). Without it the header is ignored, and every
    /// visitor behind a proxy counts as the proxy's one address.
    #[arg(
        long,
        env = "CONVENE_TRUSTED_PROXIES",
        default_value = "",
        global = true
    )]
    pub trusted_proxies: String,

    /// Registrations the public form takes from one client address (an
    /// IPv6 /64) in 10 minutes; more wait.
    #[arg(
        long,
        env = "CONVENE_REGISTRATIONS_PER_ADDRESS",
        default_value_t = REGISTRATIONS_PER_ADDRESS,
        global = true
    )]
    pub registrations_per_address: u32,

    /// Registrations the public form takes in a minute from everyone
    /// together, per instance: the bound on the verification emails a
    /// flood from many addresses can queue. Raise it for an opening rush
    /// larger than that.
    #[arg(
        long,
        env = "CONVENE_REGISTRATIONS_PER_MINUTE",
        default_value_t = REGISTRATIONS_PER_MINUTE,
        global = true
    )]
    pub registrations_per_minute: u32,

    /// Days after a conference's last day when the passport details given
    /// for its visa letters are deleted.
    #[arg(
        long,
        env = "CONVENE_PASSPORT_DAYS",
        default_value_t = 30,
        global = true
    )]
    pub passport_days: u32,

    /// Serve without sending mail: for instances that only serve pages while
    /// another one (or several) runs the mail worker.
    #[arg(long = "no-mail-worker", action = clap::ArgAction::SetFalse, global = true)]
    pub mail_worker: bool,
}

impl Config {
    /// The public base URL, without a trailing slash.
    pub fn base_url(&self) -> String {
        match &self.base_url {
            Some(url) => url.trim_end_matches('/').to_owned(),
            None => format!("http://{}", self.addr),
        }
    }

    /// A configuration for tests: an ephemeral port on loopback. Every
    /// test client is 127.0.0.1, so the form's limits are set for a rush
    /// of a hundred thousand; the test of the limits sets the defaults.
    pub fn for_tests(database_url: impl Into<String>) -> Config {
        Config {
            database_url: database_url.into(),
            addr: "127.0.0.1:0".parse().expect("loopback"),
            site_root: PathBuf::from("target/site"),
            base_url: Some("http://convene.test".to_owned()),
            smtp_url: None,
            mail_from: "Convene <convene@localhost>".to_owned(),
            mail_dir: std::env::temp_dir()
                .join(format!("convene-test-mail-{}", std::process::id())),
            mail_worker: true,
            trusted_proxies: String::new(),
            registrations_per_address: 100_000,
            registrations_per_minute: 100_000,
            passport_days: 30,
        }
    }
}
