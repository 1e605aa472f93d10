//! Emails as delegates read them: a subject, a plain-text part and an HTML
//! part, in the delegate's language, from an outbox row's kind and payload.
//!
//! The wording is in the catalogue (`mail-{kind}-subject`, `mail-{kind}-body`);
//! placeholders are filled from the payload. Everything that came from a
//! person is escaped in the HTML part, and no line break can reach a header.

use crate::escape::markup as escape_html;
use crate::i18n::{t, t_args, Lang};
use serde_json::Value;

/// The kinds of message the outbox holds.
pub const KINDS: [&str; 7] = [
    "verification",
    "confirmation",
    "waiting_list",
    "awaiting_approval",
    "private_link",
    "cancellation",
    "promotion",
];

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rendered {
    /// One line, safe for a header.
    pub subject: String,
    pub text: String,
    pub html: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum MailError {
    #[error("unknown kind of message {0:?}")]
    UnknownKind(String),
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

/// Renders an outbox message.
pub fn render(kind: &str, lang: Lang, payload: &Value) -> Result<Rendered, MailError> {
    if !KINDS.contains(&kind) {
        return Err(MailError::UnknownKind(kind.to_owned()));
    }
    let conference = header_safe(field(payload, "conference"));
    let name = header_safe(field(payload, "name"));
    let link = field(payload, "link");
    let position = payload
        .get("position")
        .and_then(Value::as_i64)
        .map(|p| p.to_string())
        .unwrap_or_default();
    let args = [
        ("conference", conference.as_str()),
        ("name", name.as_str()),
        ("position", position.as_str()),
    ];
    let subject = header_safe(&t_args(lang, &format!("mail-{kind}-subject"), &args));
    let body = t_args(lang, &format!("mail-{kind}-body"), &args);
    let greeting = if name.is_empty() {
        t(lang, "mail-greeting-plain")
    } else {
        t_args(lang, "mail-greeting", &args)
    };
    let closing = t(lang, "mail-closing");

    let mut text = format!("{greeting}\n\n{body}\n");
    if !link.is_empty() {
        text.push_str(&format!("\n{link}\n"));
    }
    text.push_str(&format!("\n{closing}\n"));

    let paragraphs: String = body
        .split("\n\n")
        .map(|p| format!("<p>{}</p>", escape_html(p)))
        .collect();
    let button = if link.is_empty() {
        String::new()
    } else {
        let link = escape_html(link);
        format!("<p><a href=\"{link}\">{link}</a></p>")
    };
    let html = format!(
        "<!DOCTYPE html><html lang=\"{code}\" dir=\"{dir}\"><head><meta charset=\"utf-8\"><title>{title}</title></head>\
         <body style=\"font-family: sans-serif; line-height: 1.5\"><p>{greeting}</p>{paragraphs}{button}<p>{closing}</p></body></html>",
        code = lang.code(),
        dir = lang.dir(),
        title = escape_html(&subject),
        greeting = escape_html(&greeting),
        closing = escape_html(&closing),
    );
    Ok(Rendered {
        subject,
        text,
        html,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn every_kind_renders_in_every_language() {
        for lang in Lang::ALL {
            for kind in KINDS {
                let m = render(kind, lang, &json!({ "conference": "C", "name": "N", "link": "http://x/r/t", "position": 3 }))
                    .unwrap();
                assert!(
                    !m.subject.is_empty() && !m.subject.starts_with("mail-"),
                    "{lang} {kind}: {}",
                    m.subject
                );
                assert!(!m.text.contains("mail-"), "{lang} {kind}: {}", m.text);
                assert!(m.html.contains(&format!("dir=\"{}\"", lang.dir())));
            }
        }
    }

    #[test]
    fn the_verification_email_carries_the_link_in_both_parts() {
        let m = render(
            "verification",
            Lang::En,
            &json!({ "conference": "Global Conference on Cities and Migration", "name": "Amal", "link": "http://convene.test/r/verify/abc" }),
        )
        .unwrap();
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
            "verification",
            Lang::En,
            &json!({ "conference": "C\r\nBcc: victim@example.org", "name": "<script>alert(1)</script>", "link": "http://x/\"><script>" }),
        )
        .unwrap();
        assert!(!m.subject.contains('\n') && !m.subject.contains('\r'));
        assert!(!m.html.contains("<script>"));
        assert!(m.html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        assert!(render("unknown", Lang::En, &json!({})).is_err());
    }

    #[test]
    fn the_waiting_list_email_says_the_position() {
        let m = render(
            "waiting_list",
            Lang::Fr,
            &json!({ "conference": "C", "position": 4 }),
        )
        .unwrap();
        assert!(m.text.contains('4'), "{}", m.text);
    }
}
