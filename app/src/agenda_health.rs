//! The agenda's health in words, in the visitor's language: what a warning
//! says (naming sessions, rooms and people by their names) and which field
//! of the session editor a problem belongs to. The health panel and the
//! editor's checks as a session is typed (`admin::check_session`) say the
//! same things in the same words.

use crate::locale::Locale;

/// A session editor's field, as its label names it.
#[cfg(feature = "ssr")]
pub fn session_field_label(locale: &Locale, field: convene::session_edit::SessionField) -> String {
    use convene::session_edit::SessionField as F;
    match field {
        F::Title(l) => format!("{} ({})", locale.t("admin-session-title"), l.native_name()),
        F::Kind => locale.t("admin-kind"),
        F::Day => locale.t("admin-day"),
        F::Start => locale.t("admin-start"),
        F::End => locale.t("admin-end"),
        F::Room => locale.t("admin-room"),
        F::Seats => locale.t("admin-seat-limit"),
        F::Track => locale.t("admin-track"),
    }
}

/// A warning in words, naming sessions by their titles.
pub fn warning_text(
    locale: &Locale,
    agenda: &convene::Agenda,
    warning: &convene::health::Warning,
) -> String {
    use convene::health::Warning;
    let lang = locale.lang;
    let session = |slug: &convene::Slug| {
        agenda
            .sessions
            .iter()
            .find(|s| &s.slug == slug)
            .map(|s| s.title.get(lang).to_owned())
            .unwrap_or_else(|| slug.to_string())
    };
    let room = |slug: &convene::Slug| {
        agenda
            .rooms
            .iter()
            .find(|r| &r.slug == slug)
            .map(|r| r.name.get(lang).to_owned())
            .unwrap_or_else(|| slug.to_string())
    };
    let person = |slug: &convene::Slug| {
        agenda
            .people
            .iter()
            .find(|p| &p.slug == slug)
            .map(|p| p.name.clone())
            .unwrap_or_else(|| slug.to_string())
    };
    let args: Vec<(&str, String)> = match warning {
        Warning::RoomTwice {
            room: r,
            first,
            second,
        } => {
            vec![
                ("room", room(r)),
                ("first", session(first)),
                ("second", session(second)),
            ]
        }
        Warning::PersonTwice {
            person: p,
            first,
            second,
        } => {
            vec![
                ("person", person(p)),
                ("first", session(first)),
                ("second", session(second)),
            ]
        }
        Warning::OutsideDays { session: s } | Warning::EndsBeforeStart { session: s } => {
            vec![("session", session(s))]
        }
        Warning::SeatsAboveCapacity {
            session: s,
            seats,
            capacity,
        } => vec![
            ("session", session(s)),
            ("seats", seats.to_string()),
            ("capacity", capacity.to_string()),
        ],
    };
    let args: Vec<(&str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    locale.t_args(warning.key(), &args)
}
