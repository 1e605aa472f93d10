//! The server's integration tests, as one test binary: each of these
//! modules would otherwise link the whole server again, and eleven such
//! binaries filled a small CI disk. `cargo test -p convene-server --test it
//! hostile::` runs one module's tests.

// First, so that its `on_both_*` macros are in scope in every module below.
#[macro_use]
mod common;

mod admin;
mod branding;
mod details;
mod documents;
mod embeds;
mod faults;
mod feeds;
mod floods;
mod hostile;
mod mail;
mod materials;
mod my_agenda;
mod news;
mod onsite;
mod outbox;
mod papers;
mod participants;
mod processes;
mod races;
mod register;
mod registrations;
mod schedule;
mod seats;
mod site;
mod startup;
