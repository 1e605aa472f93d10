//! Emails as delegates read them: a subject, a plain-text part and an HTML
//! part, in the delegate's language, from an outbox row's kind and payload.
//!
//! The wording is in the catalogue (`mail-{kind}-subject`, `mail-{kind}-body`);
//! placeholders are filled from the payload. Everything that came from a
//! person is escaped in the HTML part, and no line break can reach a header.

use crate::escape::markup as escape_html;
use crate::i18n::{t, t_args, Lang};
use serde::{Deserialize, Serialize};
use serde_json::Value;

crate::coded_enum! {
    /// The kinds of message the outbox holds, stored as their code.
    pub enum MailKind {
        Verification = "verification",
        Confirmation = "confirmation",
        WaitingList = "waiting_list",
        AwaitingApproval = "awaiting_approval",
        PrivateLink = "private_link",
        Cancellation = "cancellation",
        Promotion = "promotion",
        DetailsChanged = "details_changed",
        Rejection = "rejection",
        Invitation = "invitation",
        SessionSeat = "session_seat",
        PasswordReset = "password_reset",
        /// The organisers' own message to the delegates of a filter.
        Message = "message",
        Reminder = "reminder",
    }
}

impl MailKind {
    /// The placeholders a conference's own wording of this kind may use,
    /// if it may change it (per language). The link, the summary, the
    /// greeting and the closing stay as they are. (Invitations are not
    /// among them: they are sent before there is a registration, and the
    /// worker finds a wording through the registration.)
    pub fn placeholders(self) -> Option<&'static [&'static str]> {
        use MailKind::*;
        match self {
            Verification | Confirmation | AwaitingApproval | Rejection | Promotion
            | DetailsChanged | Cancellation => Some(&["name", "conference"]),
            WaitingList => Some(&["name", "conference", "position"]),
            SessionSeat => Some(&["name", "conference", "session"]),
            Reminder => Some(&["name", "conference", "days"]),
            PrivateLink | Invitation | PasswordReset | Message => None,
        }
    }

    /// The kinds a conference may word its own way, in the order the
    /// back office lists them: a registration's life, from its first
    /// email to the reminder.
    pub fn editable() -> impl Iterator<Item = MailKind> {
        use MailKind::*;
        const LISTED: [MailKind; 10] = [
            Verification,
            Confirmation,
            AwaitingApproval,
            Rejection,
            WaitingList,
            Promotion,
            SessionSeat,
            DetailsChanged,
            Cancellation,
            Reminder,
        ];
        LISTED.into_iter()
    }

    /// Whether it tells a delegate their registration holds: such a
    /// message carries a summary (dates, venue, sessions) and the calendar.
    pub fn with_summary(self) -> bool {
        use MailKind::*;
        matches!(
            self,
            Confirmation | Reminder | Promotion | DetailsChanged | SessionSeat
        )
    }
}

/// The built-in wording of an editable kind in `lang`, with its
/// placeholders as `{name}`: where a conference's own wording starts.
pub fn builtin(kind: MailKind, lang: Lang) -> Message {
    let args = [
        ("conference", "{conference}"),
        ("name", "{name}"),
        ("position", "{position}"),
        ("session", "{session}"),
        ("days", "{days}"),
    ];
    Message {
        subject: t_args(lang, &format!("mail-{}-subject", kind.code()), &args),
        body: t_args(lang, &format!("mail-{}-body", kind.code()), &args),
    }
}

/// The summary lines of a message with one ([`MailKind::with_summary`]): the
/// conference's days, venue and zone, then each session the delegate
/// holds a seat in, at the venue's time.
pub fn summary(agenda: &crate::Agenda, held: &[&crate::Session], lang: Lang) -> Vec<String> {
    let c = &agenda.conference;
    let mut lines = vec![
        crate::i18n::date_range(lang, c.starts_on, c.ends_on),
        format!("{}, {}", c.venue, c.city),
        t_args(lang, "mail-zone", &[("zone", &c.zone.city(lang))]),
    ];
    for s in held {
        lines.push(format!(
            "{}: {}, {}",
            s.title.get(lang),
            crate::i18n::long_date(lang, c.zone.day_of(s.starts_at)),
            c.zone.span_label(lang, s.starts_at, s.ends_at)
        ));
    }
    lines
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    /// One line, safe for a header.
    pub subject: String,
    pub text: String,
    pub html: String,
}

/// One line: line breaks and other control characters become spaces.
pub fn header_safe(value: &str) -> String {
    value
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect::<String>()
        .trim()
        .to_owned()
}

fn field<'a>(payload: &'a Value, name: &str) -> &'a str {
    payload.get(name).and_then(Value::as_str).unwrap_or("")
}

/// Renders an outbox message in the built-in wording.
pub fn render(kind: MailKind, lang: Lang, payload: &Value) -> Rendered {
    render_with(kind, lang, payload, None)
}

/// Renders an outbox message, in the conference's own wording of its kind
/// when it has one (`template`): its `{placeholders}` are filled in from
/// the payload.
pub fn render_with(
    kind: MailKind,
    lang: Lang,
    payload: &Value,
    template: Option<&Message>,
) -> Rendered {
    let conference = header_safe(field(payload, "conference"));
    let name = header_safe(field(payload, "name"));
    let session = header_safe(field(payload, "session"));
    let link = field(payload, "link");
    let position = payload
        .get("position")
        .and_then(Value::as_i64)
        .map(|p| p.to_string())
        .unwrap_or_default();
    let days = payload
        .get("days")
        .and_then(Value::as_i64)
        .map(|d| d.to_string())
        .unwrap_or_default();
    let args = [
        ("conference", conference.as_str()),
        ("name", name.as_str()),
        ("position", position.as_str()),
        ("session", session.as_str()),
        ("days", days.as_str()),
    ];
    // The organisers' own words: a message to delegates carries them, a
    // template gives them for its kind.
    let own = match (kind, template) {
        (MailKind::Message, _) => Some((field(payload, "subject"), field(payload, "body"))),
        (_, Some(t)) => Some((t.subject.as_str(), t.body.as_str())),
        _ => None,
    };
    let (subject, mut body) = if let Some((subject, body)) = own {
        let fill = |text: &str| {
            args.iter().fold(text.to_owned(), |text, (name, value)| {
                text.replace(&format!("{{{name}}}"), value)
            })
        };
        (header_safe(&fill(subject)), fill(body))
    } else {
        // The day before, a reminder says "tomorrow".
        let key = match (kind, days.as_str()) {
            (MailKind::Reminder, "1") => "reminder-tomorrow",
            _ => kind.code(),
        };
        (
            header_safe(&t_args(lang, &format!("mail-{key}-subject"), &args)),
            t_args(lang, &format!("mail-{key}-body"), &args),
        )
    };
    // The organisers' own words (a rejection's reason), as a paragraph.
    let reason = field(payload, "reason").trim();
    if !reason.is_empty() {
        body.push_str("\n\n");
        body.push_str(&t_args(lang, "mail-reason", &[("reason", reason)]));
    }
    let greeting = if name.is_empty() {
        t(lang, "mail-greeting-plain")
    } else {
        t_args(lang, "mail-greeting", &args)
    };
    let closing = t(lang, "mail-closing");

    // Lines the worker adds (dates, venue, sessions), one per item.
    let summary: Vec<String> = payload
        .get("summary")
        .and_then(Value::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(Value::as_str)
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();

    let mut text = format!("{greeting}\n\n{body}\n");
    if !summary.is_empty() {
        text.push('\n');
        for line in &summary {
            text.push_str(&format!("- {line}\n"));
        }
    }
    // The pass, for a message the worker found one for: its code in
    // words, and in the HTML its QR, attached to the message as PASS_QR_CID.
    let pass = field(payload, "pass");
    let pass_line = (!pass.is_empty()).then(|| t_args(lang, "mail-pass", &[("code", pass)]));
    if let Some(line) = &pass_line {
        text.push_str(&format!("\n{line}\n"));
    }
    if !link.is_empty() {
        text.push_str(&format!("\n{link}\n"));
    }
    text.push_str(&format!("\n{closing}\n"));

    let paragraphs: String = body
        .split("\n\n")
        .map(|p| format!("<p>{}</p>", escape_html(p)))
        .collect();
    let list = if summary.is_empty() {
        String::new()
    } else {
        let items: String = summary
            .iter()
            .map(|l| format!("<li>{}</li>", escape_html(l)))
            .collect();
        format!("<ul>{items}</ul>")
    };
    let pass = match &pass_line {
        None => String::new(),
        Some(line) => format!(
            "<p><img src=\"cid:{PASS_QR_CID}\" alt=\"{alt}\" width=\"200\" height=\"200\"></p><p>{line}</p>",
            alt = escape_html(&t(lang, "mail-pass-qr")),
            line = escape_html(line),
        ),
    };
    let button = if link.is_empty() {
        String::new()
    } else {
        let link = escape_html(link);
        format!("<p><a href=\"{link}\">{link}</a></p>")
    };
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family: sans-serif; line-height: 1.5\"><p>{greeting}</p>{paragraphs}{list}{pass}{button}<p>{closing}</p></body></html>",
        code = lang.code(),
        dir = lang.dir(),
        title = escape_html(&subject),
        greeting = escape_html(&greeting),
        closing = escape_html(&closing),
    );
    Rendered {
        subject,
        text,
        html,
    }
}

/// The Content-ID of the pass's QR picture, which the HTML of a message
/// with a pass shows.
pub const PASS_QR_CID: &str = "pass-qr";

/// A message to the delegates of a filter, as staff write it: a subject
/// line and paragraphs, where `{name}` and `{conference}` are filled in
/// for each delegate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Message {
    pub subject: String,
    pub body: String,
}

/// What to fix in a message, beside each field.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MessageProblems {
    pub subject: Option<crate::field::Problem>,
    pub body: Option<crate::field::Problem>,
}

impl Message {
    pub fn parse(subject: &str, body: &str) -> Result<Message, MessageProblems> {
        use crate::field::Problem;
        let subject = crate::field::clean(subject, 200);
        let body = match crate::conference_edit::paragraphs(body, 20_000) {
            Ok(Some(body)) => Ok(body),
            Ok(None) => Err(Problem::Required),
            Err(p) => Err(p),
        };
        match (subject, body) {
            (Ok(subject), Ok(body)) => Ok(Message { subject, body }),
            (subject, body) => Err(MessageProblems {
                subject: subject.err(),
                body: body.err(),
            }),
        }
    }
}

#[cfg(test)]
mod message_tests {
    use super::*;
    use crate::field::Problem;

    #[test]
    fn a_message_needs_a_subject_line_and_a_body() {
        let m = Message::parse(" Visa letters ", "Dear {name},\r\n\r\nThey are ready.").unwrap();
        assert_eq!(m.subject, "Visa letters");
        assert_eq!(m.body, "Dear {name},\n\nThey are ready.");
        assert_eq!(
            Message::parse("Two\nlines", " "),
            Err(MessageProblems {
                subject: Some(Problem::ControlCharacters),
                body: Some(Problem::Required),
            })
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_listed_kinds_are_those_a_conference_may_word() {
        let listed: Vec<MailKind> = MailKind::editable().collect();
        for &kind in MailKind::ALL {
            assert_eq!(
                listed.contains(&kind),
                kind.placeholders().is_some(),
                "{kind:?}"
            );
        }
        assert_eq!(listed.len(), 10, "each once");
    }

    #[test]
    fn every_kind_renders_in_every_language() {
        for lang in Lang::ALL {
            for &kind in MailKind::ALL {
                let payload = json!({ "conference": "C", "name": "N", "link": "http://x/r/t", "position": 3,
                    "subject": "News of {conference}", "body": "Dear {name}, the agenda is out." });
                let m = render(kind, lang, &payload);
                assert!(
                    !m.subject.is_empty() && !m.subject.starts_with("mail-"),
                    "{lang} {kind:?}: {}",
                    m.subject
                );
                assert!(!m.text.contains("mail-"), "{lang} {kind:?}: {}", m.text);
                assert!(m.html.contains(&format!("dir=\"{}\"", lang.dir())));
            }
        }
    }

    #[test]
    fn the_organisers_message_is_theirs_with_placeholders_filled_and_escaped() {
        let m = render(
            MailKind::Message,
            Lang::En,
            &json!({ "conference": "Global Conference", "name": "Amal <b>",
                "subject": "{conference}:\r\nBcc: x@example.org", "body": "Dear {name}.\n\nSee <you>." }),
        );
        assert_eq!(
            m.subject, "Global Conference:  Bcc: x@example.org",
            "one line"
        );
        assert!(m.text.contains("Dear Amal <b>.\n\nSee <you>."));
        assert!(m
            .html
            .contains("<p>Dear Amal &lt;b&gt;.</p><p>See &lt;you&gt;.</p>"));
    }

    #[test]
    fn a_conferences_template_replaces_the_wording_but_keeps_the_link() {
        let template = Message {
            subject: "Almost there: {conference}".into(),
            body: "Confirm your place, {name}; you are number {position}.".into(),
        };
        let payload = json!({ "conference": "Mechelen", "name": "Amal", "link": "http://x/r/t", "position": 4 });
        let m = render_with(MailKind::WaitingList, Lang::Fr, &payload, Some(&template));
        assert_eq!(m.subject, "Almost there: Mechelen");
        assert!(m
            .text
            .contains("Confirm your place, Amal; you are number 4."));
        assert!(m.text.contains("\nhttp://x/r/t\n"), "the link stays");
        assert!(m.text.starts_with("Bonjour Amal,"), "{}", m.text);
        let builtin = render(MailKind::WaitingList, Lang::Fr, &payload);
        assert_ne!(builtin.subject, m.subject);
    }

    #[test]
    fn the_verification_email_carries_the_link_in_both_parts() {
        let m = render(
            MailKind::Verification,
            Lang::En,
            &json!({ "conference": "Global Conference on Cities and Migration", "name": "Amal", "link": "http://convene.test/r/verify/abc" }),
        );
        assert!(m
            .subject
            .contains("Global Conference on Cities and Migration"));
        assert!(m.text.starts_with("Dear Amal,"));
        assert!(m.text.contains("\nhttp://convene.test/r/verify/abc\n"));
        assert!(m
            .html
            .contains("<a href=\"http://convene.test/r/verify/abc\">"));
    }

    #[test]
    fn what_people_typed_cannot_inject_markup_or_headers() {
        let m = render(
            MailKind::Verification,
            Lang::En,
            &json!({ "conference": "C\r\nBcc: victim@example.org", "name": "<script>alert(1)</script>", "link": "http://x/\"><script>" }),
        );
        assert!(!m.subject.contains('\n') && !m.subject.contains('\r'));
        assert!(!m.html.contains("<script>"));
        assert!(m.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert_eq!(MailKind::parse("unknown"), None, "no such kind is rendered");
    }

    #[test]
    fn the_summary_is_listed_in_both_parts_and_escaped() {
        let m = render(
            MailKind::Confirmation,
            Lang::Ar,
            &json!({ "conference": "C", "link": "http://x/r/t", "summary": ["<b>Workshop</b> 13:30", "Mechelen"] }),
        );
        assert!(
            m.text.contains("- <b>Workshop</b> 13:30\n- Mechelen\n"),
            "{}",
            m.text
        );
        assert!(m
            .html
            .contains("<li>&lt;b&gt;Workshop&lt;/b&gt; 13:30</li><li>Mechelen</li>"));
        assert!(m.html.contains("dir=\"rtl\""));
    }

    #[test]
    fn a_rejection_carries_the_organisers_reason_escaped() {
        let m = render(
            MailKind::Rejection,
            Lang::En,
            &json!({ "conference": "C", "reason": "The room is full of <mayors>." }),
        );
        assert!(
            m.text
                .contains("The organisers wrote: The room is full of <mayors>."),
            "{}",
            m.text
        );
        assert!(m.html.contains("The room is full of &lt;mayors&gt;."));
    }

    #[test]
    fn the_waiting_list_email_says_the_position() {
        let m = render(
            MailKind::WaitingList,
            Lang::Fr,
            &json!({ "conference": "C", "position": 4 }),
        );
        assert!(m.text.contains('4'), "{}", m.text);
    }
}
