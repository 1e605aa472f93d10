//! Registrations: submitting, verifying the address, cancelling, changing,
//! deciding and promoting; each change and the email it causes are written
//! in one transaction. `steps` holds the steps those transactions share,
//! `seats` the taking and giving back of seats.
//!
//! Seats are taken with one conditional UPDATE of the conference's counter
//! (`confirmed_count < capacity`), so the count never passes the capacity
//! whatever arrives at once. Transactions lock the conference row first,
//! always (pretix's lesson: one lock order, no deadlocks). On SQLite every
//! writing transaction starts with `BEGIN IMMEDIATE`, which serialises
//! writers from the start instead of failing them at their first write.

use super::tx::{new_token, title_in, token_hash};
use super::{venue_today, Store, StoreError};
use crate::i18n::{Lang, Localized};
use crate::registration::{
    ChosenSession, NewRegistration, RegistrationForm, RegistrationMode, RegistrationView, Status,
};
use chrono::{DateTime, Duration, Utc};
use serde_json::json;

#[macro_use]
mod steps;
use steps::DETAILS;
#[macro_use]
mod seats;
mod change;
mod decide;
mod submit;

/// How long a verification link works.
pub const VERIFY_FOR: Duration = Duration::hours(48);

/// A second submission within this time sends no new email (so that a
/// double click, or twenty, mails the delegate once).
pub const RESEND_AFTER: Duration = Duration::minutes(10);

/// What a submission did. `New` and `Known` answer the delegate the same
/// way ("check your email"), so that a stranger cannot learn who is
/// registered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Submitted {
    New,
    Known,
    /// The conference is by invitation, and the submission had no valid
    /// invitation for its address.
    NotInvited,
    /// Registration has not opened yet, or has closed.
    Closed,
}

/// What a staff decision on a registration did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decided {
    Confirmed,
    /// Approved, but the conference is full: on the waiting list.
    Waiting {
        position: i64,
    },
    Rejected,
    /// No such registration, or it is not awaiting approval.
    NotAwaiting,
}

/// What a change from the private link did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Changed {
    Saved,
    /// No such link, or the registration is cancelled or rejected.
    Closed,
}

/// What promoting a registration from the waiting list did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Promoted {
    Promoted,
    /// No seat is free: raise the conference's places first.
    Full,
    /// The registration is not on the waiting list (any more).
    NotWaiting,
}

/// What following a verification link did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verified {
    Confirmed,
    /// On the waiting list, at this position (1 is next).
    Waiting {
        position: i64,
    },
    AwaitingApproval,
    /// The link was used already.
    AlreadyUsed,
    Expired,
    /// No such link.
    Unknown,
}

/// A registration found by its private link.
#[derive(sqlx::FromRow)]
struct LinkRow {
    id: i64,
    pass_code: Option<String>,
    slug: String,
    title: String,
    honorific: Option<String>,
    given_name: String,
    family_name: String,
    email: String,
    organisation: String,
    job_title: Option<String>,
    city: String,
    country: String,
    category: String,
    languages: String,
    interpretation: bool,
    accessibility: Option<String>,
    dietary: Option<String>,
    listed: bool,
    answers: String,
    status: String,
    position: i64,
}

#[derive(sqlx::FromRow)]
struct VisaRow {
    passport_name: String,
    nationality: String,
    passport_number: String,
    date_of_birth: chrono::NaiveDate,
}

#[derive(sqlx::FromRow)]
struct ChosenRow {
    slug: String,
    title: String,
    starts_at: DateTime<Utc>,
    ends_at: DateTime<Utc>,
    held: bool,
    /// Place in line for a seat (counting only confirmed delegates).
    line: i64,
}

/// A registration as it stands once its conference's row is locked: what
/// every transition decides on.
#[derive(sqlx::FromRow)]
struct CurrentRow {
    id: i64,
    conference_id: i64,
    status: String,
    email: String,
    lang: String,
    verify_expires_at: Option<DateTime<Utc>>,
}

struct Current {
    id: i64,
    conference_id: i64,
    status: Status,
    email: String,
    lang: String,
    verify_expires_at: Option<DateTime<Utc>>,
    /// The conference's registration mode and stored title.
    mode: RegistrationMode,
    title: String,
}
