//! Persistence: one [`Store`] over SQLite (the embedded default) or
//! PostgreSQL, chosen by the URL's scheme.
//!
//! Both backends are native sqlx drivers behind one enum (sqlx's `Any` driver
//! lacks the chrono types). Each operation is written once: [`on_pool!`]
//! expands the same body for either pool, and the SQL is shared, with `$1`
//! placeholders in order of first use (both drivers accept them). Where the
//! dialects differ, the difference is kept here, beside the query.

use crate::i18n::{Lang, Localized};
use crate::slug::Slug;
use chrono::{DateTime, NaiveDate, Utc};
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePoolOptions, SqliteSynchronous};
use sqlx::{PgPool, SqlitePool};
use std::str::FromStr;
use std::time::Duration;

static SQLITE_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/sqlite");
static POSTGRES_MIGRATIONS: sqlx::migrate::Migrator = sqlx::migrate!("./migrations/postgres");

#[derive(Clone, Debug)]
pub enum Store {
    /// SQLite: readers share `pool`; the writing transactions take turns
    /// on `writer`, a pool of one connection, so that a writer never waits
    /// behind readers for a connection while the others wait for it.
    Sqlite {
        pool: SqlitePool,
        writer: SqlitePool,
    },
    Postgres(PgPool),
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("DATABASE_URL must start with sqlite: or postgres:, not {0:?}")]
    UnsupportedUrl(String),
    #[error("DATABASE_URL {url} is not valid: {source}")]
    BadUrl { url: String, source: sqlx::Error },
    #[error("cannot create the database folder {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
    #[error("cannot connect to the database at {url}: {source}")]
    Connect { url: String, source: sqlx::Error },
    #[error("cannot migrate the database: {0}")]
    Migrate(#[from] sqlx::migrate::MigrateError),
    #[error("database error: {0}")]
    Query(#[from] sqlx::Error),
    #[error("the database holds a value Convene cannot read ({0})")]
    Corrupt(String),
}

/// The URL with any password hidden, for messages and logs.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &url[..scheme_end + 3],
                    &credentials[..colon],
                    &url[at..]
                ),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

/// Runs the same body with whichever pool the store holds.
macro_rules! on_pool {
    ($store:expr, |$pool:ident| $body:expr) => {
        match $store {
            Store::Sqlite { pool: $pool, .. } => $body,
            Store::Postgres($pool) => $body,
        }
    };
}

#[macro_use]
mod tx;
#[macro_use]
mod site;
mod desk;
mod exports;
#[macro_use]
mod registrations;
mod outbox;
// After `registrations`: these use its transaction macros.
mod accounts;
#[macro_use]
mod agenda_edit;
mod audit;
pub use agenda_edit::{SessionDeleted, SessionSaved};
mod bench;
mod branding;
mod conferences;
mod demo;
mod documents;
mod materials;
mod messages;
mod my_agenda;
pub use my_agenda::{CalendarFeed, MyAgendaRow, Starred};
mod news;
mod onsite;
mod papers;
mod participants;
mod people;
mod recount;
mod reminders;
mod templates;
pub use accounts::{Membership, FAILURE_WINDOW, IDLE_FOR, RESET_FOR, SIGNED_IN_FOR};
pub use branding::FacePictures;
pub use conferences::{ConferenceSaved, Created};
pub use documents::DocumentSaved;
pub use messages::Recipient;
pub use news::{new_form_token, ImageChange, PostSaved, DESK_POSTS};
pub use onsite::{Whom, SEARCH_LIMIT};
pub use outbox::{backoff, Attempt, Claimed, LEASE, MAX_ATTEMPTS};
pub use papers::{Holder, Issue};
pub use people::{PhotoChange, ProfileSaved};
pub use registrations::{
    Changed, Decided, Promoted, Submitted, Verified, RESEND_AFTER, VERIFY_FOR,
};
pub use reminders::{reminder_step, REMINDER_DAYS};
pub use setup::{Invited, MailFacts, RegistrationLine};
pub use templates::SampleRegistration;
mod setup;

pub(crate) fn json<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("domain values serialise")
}

pub(crate) fn from_json<T: serde::de::DeserializeOwned>(
    what: &str,
    value: &str,
) -> Result<T, StoreError> {
    serde_json::from_str(value).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

/// Today in the calendar of a venue whose zone is stored as `zone`. A zone
/// that does not parse is a corrupt row: judging its window by UTC instead
/// would open or close registration a day early for some venues.
fn venue_today(zone: &str, now: DateTime<Utc>) -> Result<NaiveDate, StoreError> {
    crate::zone::VenueZone::parse(zone)
        .map(|venue| venue.day_of(now))
        .map_err(|_| StoreError::Corrupt(format!("time zone {zone:?}")))
}

pub(crate) fn slug(value: String) -> Result<Slug, StoreError> {
    Slug::parse(&value).map_err(|e| StoreError::Corrupt(format!("slug {value:?}: {e}")))
}

/// Copies what the write-ahead log holds into the database file, five
/// times a second, beside the writers (a passive checkpoint neither waits
/// for readers nor blocks writers), until the store is closed. A writer's
/// own checkpoint after its commit (every thousand pages) then finds
/// little or nothing left to copy and sync while the others wait for it;
/// it still completes one, so the log is started afresh and stays short.
async fn checkpoint_beside_writers(pool: SqlitePool) {
    let mut tick = tokio::time::interval(Duration::from_millis(200));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    while !pool.is_closed() {
        tick.tick().await;
        if let Err(error) = sqlx::query("PRAGMA wal_checkpoint(PASSIVE)")
            .execute(&pool)
            .await
        {
            if !pool.is_closed() {
                tracing::warn!(%error, "cannot checkpoint the database");
            }
        }
    }
}

impl Store {
    /// Opens the database a URL names: `sqlite://path?mode=rwc` (the folder
    /// is created) or `postgres://user:password@host/db`.
    pub async fn connect(url: &str) -> Result<Store, StoreError> {
        let shown = redact(url);
        if url.starts_with("sqlite:") {
            let options = SqliteConnectOptions::from_str(url)
                .map_err(|source| StoreError::BadUrl {
                    url: shown.clone(),
                    source,
                })?
                // WAL lets readers go on while one writer writes; writers
                // wait for each other up to the busy timeout.
                .journal_mode(SqliteJournalMode::Wal)
                // In WAL mode, NORMAL syncs at checkpoints, not at every
                // commit: a commit survives the process being killed, and
                // only a power cut can lose the last moments' commits
                // (ARCHITECTURE.md, "Decisions").
                .synchronous(SqliteSynchronous::Normal)
                .busy_timeout(Duration::from_secs(5))
                .foreign_keys(true);
            if let Some(folder) = options
                .get_filename()
                .parent()
                .filter(|p| !p.as_os_str().is_empty())
            {
                std::fs::create_dir_all(folder).map_err(|source| StoreError::Folder {
                    path: folder.display().to_string(),
                    source,
                })?;
            }
            // The writer first: it turns the file to WAL, which the
            // readers then find it in.
            let writer = SqlitePoolOptions::new()
                .max_connections(1)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options.clone())
                .await
                .map_err(|source| StoreError::Connect {
                    url: shown.clone(),
                    source,
                })?;
            // Six readers beside it (more would only add page caches, each
            // up to 2 MB, on two cores), which cannot write: a write that
            // skips the writer's turn (`in_write!`) fails at once.
            let pool = SqlitePoolOptions::new()
                .max_connections(6)
                .acquire_timeout(Duration::from_secs(10))
                .connect_with(options.pragma("query_only", "ON"))
                .await
                .map_err(|source| StoreError::Connect { url: shown, source })?;
            tokio::spawn(checkpoint_beside_writers(pool.clone()));
            Ok(Store::Sqlite { pool, writer })
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let options = PgConnectOptions::from_str(url).map_err(|source| StoreError::BadUrl {
                url: shown.clone(),
                source,
            })?;
            let pool = PgPoolOptions::new()
                .max_connections(16)
                .acquire_timeout(Duration::from_secs(5))
                .connect_with(options)
                .await
                .map_err(|source| StoreError::Connect { url: shown, source })?;
            Ok(Store::Postgres(pool))
        } else {
            Err(StoreError::UnsupportedUrl(shown))
        }
    }

    pub fn backend(&self) -> &'static str {
        match self {
            Store::Sqlite { .. } => "sqlite",
            Store::Postgres(_) => "postgres",
        }
    }

    /// Brings the schema up to date (safe to run at every start).
    pub async fn migrate(&self) -> Result<(), StoreError> {
        match self {
            Store::Sqlite { writer, .. } => SQLITE_MIGRATIONS.run(writer).await?,
            Store::Postgres(pool) => POSTGRES_MIGRATIONS.run(pool).await?,
        }
        Ok(())
    }

    /// Answers when the database does.
    pub async fn ping(&self) -> Result<(), StoreError> {
        on_pool!(self, |pool| sqlx::query("SELECT 1")
            .execute(pool)
            .await
            .map(|_| ())?);
        Ok(())
    }

    pub async fn close(&self) {
        match self {
            Store::Sqlite { pool, writer } => {
                writer.close().await;
                pool.close().await
            }
            Store::Postgres(pool) => pool.close().await,
        }
    }

    pub async fn conference_count(&self) -> Result<i64, StoreError> {
        let count: i64 = on_pool!(self, |pool| sqlx::query_scalar(
            "SELECT COUNT(*) FROM conferences"
        )
        .fetch_one(pool)
        .await?);
        Ok(count)
    }

    /// Stores the demo conferences when the database has no conference yet.
    /// Returns whether it did.
    pub async fn seed_demo(&self) -> Result<bool, StoreError> {
        if self.conference_count().await? > 0 {
            return Ok(false);
        }
        for (mut agenda, setup, dressing) in crate::demo::conferences() {
            self.dress_demo(&mut agenda, &dressing).await?;
            self.insert_agenda(&agenda).await?;
            self.set_registration_setup(agenda.conference.slug.as_str(), &setup)
                .await?;
        }
        for (document, texts) in crate::demo::documents() {
            use crate::documents::upload::{Accept, Upload};
            let mut files = vec![];
            for (lang, lines) in texts {
                let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
                let name = format!(
                    "{}-{}.pdf",
                    document.slug.as_ref().map_or("document", |s| s.as_str()),
                    lang.code()
                );
                let pdf = crate::documents::pdf::document(&lines);
                let upload = Upload::parse(&name, pdf, Accept::Pdf).map_err(|problem| {
                    StoreError::Corrupt(format!("the demo's {name}: {problem}"))
                })?;
                files.push((lang, upload));
            }
            let adopted = document
                .adopted_on
                .and_hms_opt(12, 0, 0)
                .map_or_else(chrono::Utc::now, |at| at.and_utc());
            self.save_document(None, &document, &files, None, adopted)
                .await?;
        }
        for post in crate::demo::posts() {
            // Written when it appeared, as in 2017.
            let written = post.publish_at.unwrap_or_else(chrono::Utc::now);
            self.create_post(&post, ImageChange::Keep, None, written)
                .await?;
        }
        Ok(true)
    }
}

#[cfg(test)]
mod tests {
    use super::redact;

    #[test]
    fn passwords_never_reach_messages() {
        assert_eq!(
            redact("postgres://convene:s3cret@db:5432/convene"),
            "postgres://convene:***@db:5432/convene"
        );
        assert_eq!(
            redact("sqlite://data/convene.db?mode=rwc"),
            "sqlite://data/convene.db?mode=rwc"
        );
        assert_eq!(
            redact("postgres://convene@db/convene"),
            "postgres://convene@db/convene"
        );
    }
}
