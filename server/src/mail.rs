//! The mail worker: claims due outbox messages, renders them, sends them
//! with lettre over SMTP (or into `.eml` files when no SMTP server is
//! configured), and records each attempt.
//!
//! Messages are sent concurrently over the transport's connection pool: one
//! connection sending one message at a time manages about 20 a second here
//! (see [`IN_PARALLEL`]).

use convene::mail::{header_safe, render_with, MailKind};
use convene::store::{Attempt, Claimed, Store};
use convene::Lang;
use futures::StreamExt;
use lettre::message::header::ContentType;
use lettre::message::{Attachment, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::PoolConfig;
use lettre::{AsyncFileTransport, AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::path::PathBuf;
use std::time::Duration;

/// Messages claimed at a time, and sent at once (each over a connection
/// of its own, kept open between messages). A message spends most of its
/// time waiting on the network: lettre leaves Nagle's algorithm on, so the
/// end of each message waits for the server's delayed acknowledgement,
/// about 40 ms on Linux. Thirty-two connections stay under the limit of
/// common relays (Postfix allows fifty per client).
const BATCH: i64 = 200;
const IN_PARALLEL: usize = 32;

/// Where mail goes.
#[derive(Clone)]
pub enum Mailer {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    /// No SMTP server: each message is written as an .eml file here.
    Files(PathBuf),
}

#[derive(Debug, thiserror::Error)]
pub enum MailConfigError {
    #[error("SMTP_URL is not valid ({0}): use smtp://host:port or smtps://user:password@host")]
    SmtpUrl(String),
    #[error("MAIL_FROM {0:?} is not an address such as \"Convene <convene@example.org>\"")]
    From(String),
    #[error("cannot create the mail folder {path}: {source}")]
    Folder {
        path: String,
        source: std::io::Error,
    },
}

impl Mailer {
    /// SMTP when a URL is given, else files in `folder`.
    pub fn new(smtp_url: Option<&str>, folder: PathBuf) -> Result<Mailer, MailConfigError> {
        match smtp_url {
            Some(url) => AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                .map(|builder| {
                    Mailer::Smtp(
                        builder
                            .timeout(Some(Duration::from_secs(20)))
                            .pool_config(PoolConfig::new().max_size(IN_PARALLEL as u32))
                            .build(),
                    )
                })
                // lettre's message may quote the URL, password included.
                .map_err(|_| MailConfigError::SmtpUrl(convene::store::redact(url))),
            None => {
                std::fs::create_dir_all(&folder).map_err(|source| MailConfigError::Folder {
                    path: folder.display().to_string(),
                    source,
                })?;
                Ok(Mailer::Files(folder))
            }
        }
    }

    pub fn describe(&self) -> String {
        match self {
            Mailer::Smtp(_) => "SMTP".to_owned(),
            Mailer::Files(folder) => format!("files in {}", folder.display()),
        }
    }
}

pub fn parse_from(value: &str) -> Result<Mailbox, MailConfigError> {
    value
        .parse()
        .map_err(|_| MailConfigError::From(value.to_owned()))
}

/// What a confirmation adds to its message, read when it is sent: the
/// lines of its summary and the delegate's calendar.
struct Extras {
    summary: Vec<String>,
    calendar: Option<String>,
    /// The delegate's pass, while confirmed: its code goes in the words,
    /// its QR in the HTML.
    pass: Option<convene::registration::PassCode>,
}

/// The summary and calendar of a message that tells a delegate their
/// registration holds; `None` for other messages. An error is temporary
/// (the database may answer again).
async fn extras(
    store: &Store,
    claimed: &Claimed,
    kind: MailKind,
    payload: &serde_json::Value,
) -> Result<Option<Extras>, String> {
    let (true, Some(registration)) = (kind.with_summary(), claimed.registration_id) else {
        return Ok(None);
    };
    let facts = store
        .mail_facts(registration)
        .await
        .map_err(|e| e.to_string())?;
    let Some(facts) = facts else { return Ok(None) };
    let Some(agenda) = store
        .agenda(&facts.conference)
        .await
        .map_err(|e| e.to_string())?
    else {
        return Ok(None);
    };
    let lang = Lang::parse(&claimed.lang).unwrap_or_default();
    let held: Vec<&convene::Session> = facts
        .held
        .iter()
        .filter_map(|slug| agenda.sessions.iter().find(|s| s.slug.as_str() == slug))
        .collect();
    let summary = convene::mail::summary(&agenda, &held, lang);
    let site = payload
        .get("site")
        .and_then(serde_json::Value::as_str)
        .unwrap_or("");
    let calendar =
        convene::ics::registration_calendar(&agenda, &held, lang, site, chrono::Utc::now());
    Ok(Some(Extras {
        summary,
        calendar: Some(calendar),
        pass: facts.pass,
    }))
}

/// Builds the message of an outbox row.
fn message(
    from: &Mailbox,
    claimed: &Claimed,
    kind: MailKind,
    mut payload: serde_json::Value,
    extras: Option<Extras>,
    template: Option<&convene::mail::Message>,
) -> Result<Message, String> {
    let lang = Lang::parse(&claimed.lang).unwrap_or_default();
    let calendar = extras.as_ref().and_then(|e| e.calendar.clone());
    let pass = extras.as_ref().and_then(|e| e.pass.clone());
    if let (Some(extras), Some(object)) = (extras, payload.as_object_mut()) {
        object.insert("summary".into(), extras.summary.into());
        if let Some(pass) = &pass {
            object.insert("pass".into(), pass.grouped().into());
        }
    }
    let rendered = render_with(kind, lang, &payload, template);
    let to: Mailbox = header_safe(&claimed.recipient)
        .parse()
        .map_err(|e| format!("recipient: {e}"))?;
    let alternative = match pass {
        None => MultiPart::alternative_plain_html(rendered.text, rendered.html),
        // The HTML and the QR picture it shows, related.
        Some(pass) => MultiPart::alternative()
            .singlepart(SinglePart::plain(rendered.text))
            .multipart(
                MultiPart::related()
                    .singlepart(SinglePart::html(rendered.html))
                    .singlepart(
                        Attachment::new_inline(convene::mail::PASS_QR_CID.to_owned()).body(
                            convene::qr::png(pass.as_str(), 6),
                            ContentType::parse("image/png").map_err(|e| e.to_string())?,
                        ),
                    ),
            ),
    };
    let body = match calendar {
        None => alternative,
        Some(calendar) => MultiPart::mixed().multipart(alternative).singlepart(
            Attachment::new("registration.ics".to_owned()).body(
                calendar,
                ContentType::parse("text/calendar; charset=utf-8; method=PUBLISH")
                    .map_err(|e| e.to_string())?,
            ),
        ),
    };
    Message::builder()
        .from(from.clone())
        .to(to)
        .subject(rendered.subject)
        .message_id(Some(claimed.message_id.clone()))
        .multipart(body)
        .map_err(|e| format!("cannot build the message: {e}"))
}

/// Sends one message and says how it went.
async fn send(store: &Store, mailer: &Mailer, from: &Mailbox, claimed: &Claimed) -> Attempt {
    let Some(kind) = MailKind::parse(&claimed.kind) else {
        return Attempt::Permanent(format!("unknown kind of message {:?}", claimed.kind));
    };
    let payload: serde_json::Value = match serde_json::from_str(&claimed.payload) {
        Ok(payload) => payload,
        Err(e) => return Attempt::Permanent(format!("unreadable payload: {e}")),
    };
    let extras = match extras(store, claimed, kind, &payload).await {
        Ok(extras) => extras,
        Err(e) => return Attempt::Temporary(e),
    };
    // The conference's own wording of this kind, if it has one, and the
    // delegate's name, as they are when the message leaves.
    let mut payload = payload;
    let template = match claimed.registration_id {
        Some(registration) => match store.mail_context(registration, kind, &claimed.lang).await {
            Ok((template, name)) => {
                if let (Some(name), Some(object)) = (name, payload.as_object_mut()) {
                    object.entry("name").or_insert(name.into());
                }
                template
            }
            Err(e) => return Attempt::Temporary(e.to_string()),
        },
        None => None,
    };
    let message = match message(from, claimed, kind, payload, extras, template.as_ref()) {
        Ok(message) => message,
        // Sending it again would not help.
        Err(reason) => return Attempt::Permanent(reason),
    };
    match mailer {
        Mailer::Smtp(transport) => match transport.send(message).await {
            Ok(_) => Attempt::Sent,
            Err(e) if e.is_permanent() => Attempt::Permanent(e.to_string()),
            // 4xx answers, refused connections, timeouts: the server may be back later.
            Err(e) => Attempt::Temporary(e.to_string()),
        },
        Mailer::Files(folder) => match AsyncFileTransport::<Tokio1Executor>::new(folder)
            .send(message)
            .await
        {
            Ok(_) => Attempt::Sent,
            Err(e) => Attempt::Temporary(e.to_string()),
        },
    }
}

/// Sends what is due at `now`, batch after batch, until nothing is; returns
/// how many attempts were made.
pub async fn deliver_due(
    store: &Store,
    mailer: &Mailer,
    from: &Mailbox,
    now: chrono::DateTime<chrono::Utc>,
) -> usize {
    let mut attempts = 0;
    loop {
        let batch = match store.claim_due(BATCH, now).await {
            Ok(batch) => batch,
            Err(error) => {
                tracing::warn!(%error, "cannot claim mail");
                return attempts;
            }
        };
        if batch.is_empty() {
            return attempts;
        }
        attempts += batch.len();
        // Attempts are recorded as they end, those ended meanwhile in one
        // write: a write per message would queue the sends behind the
        // database. The recorder runs beside the sends (joined, not after
        // them), so a send waiting for its database reply is never left
        // unpolled holding a connection the recorder needs.
        let (ended, mut to_record) = tokio::sync::mpsc::unbounded_channel();
        let sending = async move {
            futures::stream::iter(batch)
                .for_each_concurrent(IN_PARALLEL, |claimed| {
                    let ended = ended.clone();
                    async move {
                        let attempt = send(store, mailer, from, &claimed).await;
                        match &attempt {
                            Attempt::Sent => {
                                tracing::debug!(id = claimed.id, kind = claimed.kind, "mail sent")
                            }
                            Attempt::Temporary(e) => {
                                tracing::warn!(id = claimed.id, error = e, "mail deferred")
                            }
                            Attempt::Permanent(e) => {
                                tracing::error!(id = claimed.id, error = e, "mail failed")
                            }
                        }
                        let _ = ended.send((claimed, attempt));
                    }
                })
                .await;
            // Dropping the last sender ends the recorder.
        };
        let recording = async {
            while let Some(first) = to_record.recv().await {
                let mut batch = vec![first];
                while let Ok(more) = to_record.try_recv() {
                    batch.push(more);
                }
                let attempts = batch.iter().map(|(claimed, attempt)| (claimed, attempt));
                if let Err(error) = store.record_attempts(attempts, chrono::Utc::now()).await {
                    // The leases run out and the messages are tried again.
                    tracing::warn!(%error, "cannot record mail attempts");
                }
            }
        };
        futures::join!(sending, recording);
    }
}

/// The worker's loop: delivers what is due every second, for as long as
/// the server runs. Stopped mid-send, a message is sent again once its lease
/// runs out (with the same Message-ID).
pub async fn run(store: Store, mailer: Mailer, from: Mailbox) {
    let mut tick = tokio::time::interval(Duration::from_secs(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut seconds = 0u64;
    loop {
        tick.tick().await;
        // Once a minute: the reminders before conferences that are due.
        if seconds.is_multiple_of(60) {
            if let Err(error) = store.queue_reminders(chrono::Utc::now()).await {
                tracing::warn!(%error, "reminders could not be queued; trying again in a minute");
            }
        }
        seconds += 1;
        deliver_due(&store, &mailer, &from, chrono::Utc::now()).await;
    }
}
