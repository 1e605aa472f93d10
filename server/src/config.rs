//! Settings, from the command line or the environment; only this module
//! reads the environment.

use clap::Args;
use std::net::SocketAddr;
use std::path::PathBuf;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/convene.db?mode=rwc";

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

    /// A configuration for tests: an ephemeral port on loopback.
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
        }
    }
}
