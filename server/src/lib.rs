//! The `convene` server: configuration, start-up, the axum router and its
//! layers, the routes that are not pages (the form posts and their doors,
//! feeds, calendars, JSON, the kept public pages), and the mail worker.

pub mod client;
pub mod config;
pub mod first_run;
pub mod limits;
pub mod locale;
pub mod mail;
pub mod memory;
pub mod papers;
pub mod pictures;
pub mod routes;
pub mod startup;
pub mod state;

pub use config::Config;
pub use startup::{Application, StartupError};
