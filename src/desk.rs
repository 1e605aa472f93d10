//! What the back office's registration table asks and shows: a filter
//! (search, status, category, country, session, needs), a sort, a page of
//! rows; and one registration in full, with its history and its emails.

use crate::registration::{Category, RegistrationView, Status};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

crate::coded_enum! {
    /// The orders the table offers.
    pub enum Sort {
        Newest = "newest",
        Name = "name",
        Country = "country",
        Status = "status",
    }
}

/// Text as the search compares it: lowercase, without accents ("Zoë
/// Ø'Brien" is found by "zoe"), the parts joined by spaces.
pub fn search_text(parts: &[&str]) -> String {
    use unicode_normalization::UnicodeNormalization;
    parts
        .join(" ")
        .nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Rows a page of the table holds.
pub const PER_PAGE: u32 = 50;

/// The table's filter, as its GET form sends it (`?q=&status=...`). Values
/// that name nothing are ignored rather than refused: a stale link still
/// opens the table.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct RegistrationFilter {
    /// Searched in names, email, organisation and city.
    pub q: String,
    pub status: String,
    pub category: String,
    pub country: String,
    /// A session's slug: who chose it.
    pub session: String,
    /// "on": only those who need a visa letter.
    pub visa: String,
    /// "on": only those who need interpretation.
    pub interpretation: String,
    pub sort: String,
    /// 1 is the first.
    pub page: String,
}

impl RegistrationFilter {
    pub fn status(&self) -> Option<Status> {
        Status::parse(self.status.trim())
    }

    pub fn category(&self) -> Option<Category> {
        Category::parse(self.category.trim())
    }

    pub fn country(&self) -> Option<crate::registration::country::CountryCode> {
        crate::registration::country::CountryCode::parse(&self.country).ok()
    }

    pub fn sort(&self) -> Sort {
        Sort::parse(self.sort.trim()).unwrap_or(Sort::Newest)
    }

    pub fn page(&self) -> u32 {
        self.page.trim().parse().unwrap_or(1).max(1)
    }

    pub fn visa(&self) -> bool {
        !self.visa.is_empty()
    }

    pub fn interpretation(&self) -> bool {
        !self.interpretation.is_empty()
    }

    /// The query string of this filter at another page (for the pager's
    /// links), values escaped.
    pub fn query_at(&self, page: u32) -> String {
        let pairs = [
            ("q", self.q.as_str()),
            ("status", self.status.as_str()),
            ("category", self.category.as_str()),
            ("country", self.country.as_str()),
            ("session", self.session.as_str()),
            ("visa", self.visa.as_str()),
            ("interpretation", self.interpretation.as_str()),
            ("sort", self.sort.as_str()),
        ];
        let mut query: Vec<String> = pairs
            .iter()
            .filter(|(_, v)| !v.is_empty())
            .map(|(k, v)| format!("{k}={}", percent_encode(v)))
            .collect();
        query.push(format!("page={page}"));
        query.join("&")
    }
}

/// Percent-encodes everything but unreserved characters (RFC 3986).
pub fn percent_encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

/// A spreadsheet cell that cannot run as a formula: a value starting with
/// `=`, `+`, `-`, `@`, a tab or a carriage return gets a leading `'`, which
/// spreadsheets show as text.
pub fn neutralised(value: &str) -> String {
    if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_owned()
    }
}

/// One line of CSV (RFC 4180): every cell neutralised and quoted.
pub fn csv_line(cells: &[String]) -> String {
    let quoted: Vec<String> = cells
        .iter()
        .map(|c| format!("\"{}\"", neutralised(c).replace('"', "\"\"")))
        .collect();
    format!("{}\r\n", quoted.join(","))
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationRow {
    pub id: i64,
    pub status: Status,
    pub name: String,
    pub email: String,
    pub organisation: String,
    pub city: String,
    pub country: String,
    pub category: Category,
    pub registered_at: DateTime<Utc>,
    pub visa: bool,
    pub interpretation: bool,
}

/// A page of the table and how many rows the filter finds in all.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RegistrationPage {
    pub rows: Vec<RegistrationRow>,
    pub total: i64,
    pub page: u32,
}

impl RegistrationPage {
    pub fn pages(&self) -> u32 {
        u32::try_from(self.total.max(0))
            .unwrap_or(u32::MAX)
            .div_ceil(PER_PAGE)
            .max(1)
    }
}

crate::coded_enum! {
    /// A change the back office made to a conference, as its audit log
    /// stores it.
    pub enum AuditAction {
        ConferenceCreated = "conference_created",
        SettingsChanged = "settings_changed",
        Published = "published",
        Unpublished = "unpublished",
        ConferenceCopied = "conference_copied",
        QuestionAdded = "question_added",
        QuestionRemoved = "question_removed",
        SessionAdded = "session_added",
        SessionChanged = "session_changed",
        SessionDeleted = "session_deleted",
        RoomAdded = "room_added",
        RoomDeleted = "room_deleted",
        PersonAdded = "person_added",
        PersonDeleted = "person_deleted",
        RoleGiven = "role_given",
        RoleTaken = "role_taken",
        TemplateChanged = "template_changed",
        TemplateReset = "template_reset",
        MessageSent = "message_sent",
        PlaceAdded = "place_added",
        /// A post written as a draft or scheduled.
        PostWritten = "post_written",
        /// A post written to appear at once or at its time.
        PostPublished = "post_published",
        PostChanged = "post_changed",
        PostRemoved = "post_removed",
        DocumentAdded = "document_added",
        DocumentChanged = "document_changed",
        DocumentRemoved = "document_removed",
        /// A visa letter or certificate issued (its reference).
        PaperIssued = "paper_issued",
        PaperWithdrawn = "paper_withdrawn",
        BadgeColoursChanged = "badge_colours_changed",
        PaperWordingChanged = "paper_wording_changed",
        PaperWordingReset = "paper_wording_reset",
        ProfileChanged = "profile_changed",
        MaterialsChanged = "materials_changed",
        FaceChanged = "face_changed",
        /// The categories of the public list of participants (their codes).
        ParticipantListChanged = "participant_list_changed",
    }
}

crate::coded_enum! {
    /// What happened to a registration, as its history stores it. The
    /// status a registration is put in is one too (by its code).
    pub enum EventAction {
        Registered = "registered",
        Unverified = "unverified",
        Confirmed = "confirmed",
        Waiting = "waiting",
        AwaitingApproval = "awaiting_approval",
        Changed = "changed",
        Cancelled = "cancelled",
        Promoted = "promoted",
        Approved = "approved",
        Rejected = "rejected",
        SessionSeat = "session_seat",
        Note = "note",
        MessageSent = "message_sent",
        Reminded = "reminded",
        MailRetried = "mail_retried",
        MailResent = "mail_resent",
        CheckedIn = "checked_in",
        CheckInUndone = "check_in_undone",
    }
}

impl From<crate::registration::Status> for EventAction {
    /// A registration put in a status: the event of the same code.
    fn from(status: crate::registration::Status) -> EventAction {
        use crate::registration::Status;
        match status {
            Status::Unverified => EventAction::Unverified,
            Status::AwaitingApproval => EventAction::AwaitingApproval,
            Status::Confirmed => EventAction::Confirmed,
            Status::Waiting => EventAction::Waiting,
            Status::Cancelled => EventAction::Cancelled,
            Status::Rejected => EventAction::Rejected,
        }
    }
}

/// Something that happened to a registration, and who did it (`None`: the
/// delegate or the command line).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct EventLine {
    pub action: EventAction,
    pub by: Option<String>,
    pub at: DateTime<Utc>,
    /// A staff note's text (action `note`).
    pub note: Option<String>,
}

/// An email of a registration as the outbox holds it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct MailLine {
    pub kind: crate::mail::MailKind,
    pub state: MailState,
    pub attempts: i32,
    pub last_error: Option<String>,
    pub queued_at: DateTime<Utc>,
    pub sent_at: Option<DateTime<Utc>>,
}

/// One registration as the back office shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegistrationDetail {
    pub id: i64,
    pub view: RegistrationView,
    pub events: Vec<EventLine>,
    pub emails: Vec<MailLine>,
}

/// A conference's registrations at a glance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dashboard {
    /// Not counting cancelled and turned-down registrations.
    pub by_category: Vec<(Category, i64)>,
    pub by_country: Vec<(String, i64)>,
    /// Sessions with seats: title, seats, seats held.
    pub seats: Vec<(crate::Localized, i64, i64)>,
    /// Registrations made per day (UTC), oldest first.
    pub per_day: Vec<(chrono::NaiveDate, i64)>,
}

crate::coded_enum! {
    /// The states an outbox message goes through, stored as their code
    /// (the outbox's SQL names them too: `'queued'`, `'sending'`…).
    pub enum MailState {
        Queued = "queued",
        Sending = "sending",
        Sent = "sent",
        Retrying = "retrying",
        Failed = "failed",
    }
}

impl MailState {
    /// Whether the worker has still to send it (or is sending it).
    pub fn on_its_way(self) -> bool {
        matches!(
            self,
            MailState::Queued | MailState::Sending | MailState::Retrying
        )
    }
}

/// A message of the conference's mail log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LoggedMail {
    pub id: i64,
    pub registration: Option<i64>,
    pub recipient: String,
    pub mail: MailLine,
}

/// A change made in the back office, for the audit log.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditLine {
    pub action: String,
    /// What was changed: a session's slug, a registration's name.
    pub subject: String,
    pub by: Option<String>,
    pub at: DateTime<Utc>,
    /// The registration concerned, if any.
    pub registration: Option<i64>,
}

/// The addresses in what was pasted (one a line, or separated by commas,
/// semicolons or spaces; a CSV's first column works too), each parsed; the
/// pieces that are no address, as typed.
pub fn pasted_addresses(text: &str) -> (Vec<crate::field::Email>, Vec<String>) {
    let mut good: Vec<crate::field::Email> = vec![];
    let mut bad = vec![];
    for piece in text.split(|c: char| c == ',' || c == ';' || c.is_whitespace()) {
        let piece = piece.trim().trim_matches('"');
        if piece.is_empty() {
            continue;
        }
        match crate::field::Email::parse(piece) {
            Ok(email) if !good.iter().any(|g| g.canonical() == email.canonical()) => {
                good.push(email)
            }
            Ok(_) => {}
            Err(_) => bad.push(piece.to_owned()),
        }
    }
    (good, bad)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_reads_leniently_and_links_to_its_pages() {
        let filter = RegistrationFilter {
            q: "Mé & co".into(),
            status: "confirmed".into(),
            category: "astronaut".into(),
            page: "0".into(),
            ..Default::default()
        };
        assert_eq!(filter.status(), Some(Status::Confirmed));
        assert_eq!(filter.category(), None);
        assert_eq!(filter.page(), 1);
        assert_eq!(filter.sort(), Sort::Newest);
        assert_eq!(
            filter.query_at(3),
            "q=M%C3%A9%20%26%20co&status=confirmed&category=astronaut&page=3"
        );
        let page = RegistrationPage {
            rows: vec![],
            total: 101,
            page: 1,
        };
        assert_eq!(page.pages(), 3);
    }

    #[test]
    fn every_change_has_its_words_in_every_language() {
        let codes = AuditAction::ALL
            .iter()
            .map(|a| a.code())
            .chain(EventAction::ALL.iter().map(|a| a.code()));
        for code in codes {
            for lang in crate::Lang::ALL {
                let key = format!("admin-event-{code}");
                assert_ne!(crate::i18n::t(lang, &key), key, "{key} in {lang:?}");
            }
        }
    }

    #[test]
    fn search_ignores_case_and_accents() {
        assert_eq!(search_text(&["Zoë", "ÉLODIE"]), "zoe elodie");
    }

    #[test]
    fn no_exported_cell_can_run_as_a_formula() {
        for dangerous in ["=1+1", "+33 1 23", "-2", "@SUM(A1)", "\tx", "\rx"] {
            assert!(neutralised(dangerous).starts_with('\''), "{dangerous:?}");
        }
        assert_eq!(neutralised("Mechelen"), "Mechelen");
        assert_eq!(
            csv_line(&["a\"b".into(), "=HYPERLINK(\"x\")".into(), "x,y\nz".into()]),
            "\"a\"\"b\",\"'=HYPERLINK(\"\"x\"\")\",\"x,y\nz\"\r\n"
        );
    }

    #[test]
    fn pasted_addresses_are_read_from_lines_and_lists() {
        let (good, bad) =
            pasted_addresses("a@example.org, B@Example.org\n\"c@example.org\";x\na@EXAMPLE.org");
        let good: Vec<&str> = good.iter().map(|e| e.as_str()).collect();
        assert_eq!(good, ["a@example.org", "B@example.org", "c@example.org"]);
        assert_eq!(bad, ["x"]);
    }
}
