//! Every address the program writes, in one place: the secret links of a
//! registration and an account (the store writes them into emails, the
//! pages post to them, the server answers them), the public site's pages
//! and the back office's ([`admin`]). Each gives the path; an email's link
//! is the site's public address followed by it ([`link`]). The router's
//! patterns (`/r/{token}`, `:slug`) name the same paths, in the syntax of
//! axum and Leptos; a page's address in the visitor's language is
//! `Locale::href` of its path.

use std::fmt::Display;

/// The site's public address (no trailing slash), in the pages' context:
/// a page that prints a whole address (a calendar to subscribe to, an
/// embed's snippet) reads it there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SiteAddress(pub String);

impl SiteAddress {
    /// `path` on this site, for `webcal://` (a calendar program's
    /// subscription) rather than `http(s)://`.
    pub fn webcal(&self, path: &str) -> String {
        let rest = self
            .0
            .strip_prefix("https://")
            .or_else(|| self.0.strip_prefix("http://"))
            .unwrap_or(&self.0);
        format!("webcal://{rest}{path}")
    }
}

/// The public address `base` (no trailing slash) followed by `path`.
pub fn link(base: &str, path: &str) -> String {
    format!("{base}{path}")
}

/// The page of an emailed verification link, whose button confirms.
pub fn verify(token: &str) -> String {
    format!("/r/verify/{token}")
}

/// A registration's private link: its page.
pub fn private(token: &str) -> String {
    format!("/r/{token}")
}

/// A private link's visa invitation letter and certificate of attendance.
pub fn paper(token: &str, kind: crate::papers::PaperKind) -> String {
    format!("/r/{token}/{}.pdf", kind.code())
}

/// The public page that tells whether a letter or certificate is genuine.
pub fn verify_paper(code: &str) -> String {
    format!("/verify/{code}")
}

/// Where the private link's page posts its changes.
pub fn change(token: &str) -> String {
    format!("/r/{token}/change")
}

/// Where the private link's page posts a cancellation.
pub fn cancel(token: &str) -> String {
    format!("/r/{token}/cancel")
}

/// A private link's own agenda: every session with its star; `mine`,
/// only the delegate's.
pub fn my_agenda(token: &str, mine: bool) -> String {
    if mine {
        format!("/r/{token}/agenda?mine=1")
    } else {
        format!("/r/{token}/agenda")
    }
}

/// Where a star's form posts.
pub fn stars(token: &str) -> String {
    format!("/r/{token}/stars")
}

/// A registration's calendar feed: its number and its key
/// (`my_agenda::calendar_key`), never the private link.
pub fn my_calendar(id: i64, key: &str) -> String {
    format!("/my-agenda/{id}/{key}/calendar.ics")
}

/// The registration form opened from a personal invitation.
pub fn invitation(conference: &str, token: &str) -> String {
    format!("/conferences/{conference}/register?invitation={token}")
}

/// The page of an emailed password reset link.
pub fn password_reset(token: &str) -> String {
    format!("/admin/reset/{token}")
}

// The public site's pages.

/// The read API's list of conferences.
pub const API: &str = "/api/conferences";

/// A conference's agenda as a calendar.
pub fn agenda_calendar(slug: impl Display) -> String {
    format!("/conferences/{slug}/agenda.ics")
}

/// A conference's schedule for other tools: Frab XML, the schedule JSON
/// and xCal.
pub fn schedule(slug: impl Display, format: crate::schedule::Format) -> String {
    format!("/conferences/{slug}/{}", format.file_name())
}

/// The public list of a conference's participants.
pub fn participants(slug: impl Display) -> String {
    format!("/conferences/{slug}/participants")
}

/// The embeddable agenda of a conference, and the embeddable list of a
/// topic's upcoming conferences (`None`: all topics). `lang` is the
/// parent site's language.
pub fn embed_agenda(slug: impl Display, lang: crate::Lang) -> String {
    format!("/embed/conferences/{slug}/agenda?lang={}", lang.code())
}

pub fn embed_upcoming(topic: Option<&str>, lang: crate::Lang) -> String {
    match topic {
        Some(topic) => format!("/embed/topics/{topic}/upcoming?lang={}", lang.code()),
        None => format!("/embed/upcoming?lang={}", lang.code()),
    }
}

/// One session as a calendar.
pub fn session_calendar(slug: impl Display, session: impl Display) -> String {
    format!("/conferences/{slug}/sessions/{session}/calendar.ics")
}

/// A conference's page.
pub fn conference(slug: impl Display) -> String {
    format!("/conferences/{slug}")
}

/// A conference's agenda.
pub fn agenda(slug: impl Display) -> String {
    format!("/conferences/{slug}/agenda")
}

/// One session of a conference's agenda.
pub fn session(slug: impl Display, session: impl Display) -> String {
    format!("/conferences/{slug}/sessions/{session}")
}

/// A conference's people.
pub fn people(slug: impl Display) -> String {
    format!("/conferences/{slug}/people")
}

/// One person of a conference.
pub fn person(slug: impl Display, person: impl Display) -> String {
    format!("/conferences/{slug}/people/{person}")
}

/// What a conference does with a delegate's data.
pub fn privacy(slug: impl Display) -> String {
    format!("/conferences/{slug}/privacy")
}

/// A conference's registration form, where it posts too.
pub fn register(slug: impl Display) -> String {
    format!("/conferences/{slug}/register")
}

/// "Check your email", after a registration.
pub fn register_sent(slug: impl Display) -> String {
    format!("/conferences/{slug}/register/sent")
}

/// One post.
pub fn news(slug: impl Display) -> String {
    format!("/news/{slug}")
}

/// An outcome document's page.
pub fn document(slug: impl Display) -> String {
    format!("/documents/{slug}")
}

/// A kept file: its hash, then a name to save it under (made of the
/// uploaded name's letters and digits, so the address needs no escaping).
pub fn file(hash: &str, name: &str) -> String {
    let (stem, extension) = name.rsplit_once('.').unwrap_or((name, ""));
    let stem = crate::slug::Slug::from_title(stem, "file");
    let extension: String = extension
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(8)
        .collect::<String>()
        .to_ascii_lowercase();
    match extension.as_str() {
        "" => format!("/files/{hash}/{stem}"),
        extension => format!("/files/{hash}/{stem}.{extension}"),
    }
}

/// A topic's conferences.
pub fn topic(topic: impl Display) -> String {
    format!("/topics/{topic}")
}

/// The feed of a scope's news (and of its conferences, when it has any),
/// in one format.
pub fn feed(scope: &crate::scope::Scope, format: crate::feed::Format) -> String {
    use crate::scope::Scope;
    let extension = format.code();
    match scope {
        Scope::Site => format!("/feed.{extension}"),
        Scope::Topic(topic) => format!("/topics/{topic}/feed.{extension}"),
        Scope::Conference(slug) => format!("/conferences/{slug}/feed.{extension}"),
    }
}

/// The back office's pages and posts.
pub mod admin {
    use std::fmt::Display;

    /// The signed-in account's conferences.
    pub const HOME: &str = "/admin";
    pub const SIGN_IN: &str = "/admin/sign-in";
    pub const SIGN_OUT: &str = "/admin/sign-out";
    /// The first run.
    pub const SETUP: &str = "/admin/setup";
    /// Asking for a password reset link.
    pub const RESET: &str = "/admin/reset";
    pub const NEW_CONFERENCE: &str = "/admin/new-conference";
    /// The posts an account may write.
    pub const NEWS: &str = "/admin/news";
    /// A new post's form, where it posts too.
    pub const NEW_POST: &str = "/admin/news/new";

    /// One post's form, where it posts its changes.
    pub fn post(slug: impl Display) -> String {
        format!("/admin/news/posts/{slug}")
    }

    /// Where a post's removal posts.
    pub fn delete_post(slug: impl Display) -> String {
        format!("/admin/news/posts/{slug}/delete")
    }

    /// The outcome documents an account may change.
    pub const DOCUMENTS: &str = "/admin/documents";
    /// A new document's form, where it posts too.
    pub const NEW_DOCUMENT: &str = "/admin/documents/new";

    /// One document's form, where it posts its changes.
    pub fn document(slug: impl Display) -> String {
        format!("/admin/documents/edit/{slug}")
    }

    /// Where a document's removal posts.
    pub fn delete_document(slug: impl Display) -> String {
        format!("/admin/documents/edit/{slug}/delete")
    }

    /// A conference's page in the back office.
    pub fn conference(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}")
    }

    /// A conference's settings, where its settings forms post.
    pub fn settings(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/settings")
    }

    /// The agenda editor.
    pub fn agenda(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/agenda")
    }

    /// One session in the agenda editor, where it posts its changes.
    pub fn session(slug: impl Display, session: impl Display) -> String {
        format!("/admin/conferences/{slug}/agenda/{session}")
    }

    /// A new session, where its form posts.
    pub fn new_session(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/new-session")
    }

    /// Where a room is added.
    pub fn rooms(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/rooms")
    }

    /// Where a person is added.
    pub fn people(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/people")
    }

    /// A conference's face (banner, logos, colour), and where it is saved.
    pub fn face(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/face")
    }

    /// A person's profile, and where it is saved.
    pub fn person(slug: impl Display, person: impl Display) -> String {
        format!("/admin/conferences/{slug}/people/{person}")
    }

    /// The registration table.
    pub fn registrations(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/registrations")
    }

    /// One registration.
    pub fn registration(slug: impl Display, id: impl Display) -> String {
        format!("/admin/conferences/{slug}/registrations/{id}")
    }

    /// The mail room.
    pub fn mail(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/mail")
    }

    /// The conference's wordings of its emails.
    pub fn templates(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/templates")
    }

    /// Invitations.
    pub fn invitations(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/invitations")
    }

    /// Who changed what.
    pub fn audit(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/audit")
    }

    /// One kind of email in one language, where its editor posts.
    pub fn template(slug: impl Display, kind: impl Display, lang: impl Display) -> String {
        format!("/admin/conferences/{slug}/templates/{kind}/{lang}")
    }

    /// Writing to the delegates a filter finds (its query follows).
    pub fn write(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/write")
    }

    /// Where a session's delete button posts.
    pub fn delete_session(slug: impl Display, session: impl Display) -> String {
        format!("/admin/conferences/{slug}/agenda/{session}/delete")
    }

    /// Where a person's role in a session is taken away.
    pub fn take_role(
        slug: impl Display,
        session: impl Display,
        person: impl Display,
        role: &str,
    ) -> String {
        format!("/admin/conferences/{slug}/agenda/{session}/roles/{person}/{role}/delete")
    }

    /// Where a session's roles are given.
    pub fn roles(slug: impl Display, session: impl Display) -> String {
        format!("/admin/conferences/{slug}/agenda/{session}/roles")
    }

    /// Where a room's delete button posts.
    pub fn delete_room(slug: impl Display, room: impl Display) -> String {
        format!("/admin/conferences/{slug}/rooms/{room}/delete")
    }

    /// Where a person's delete button posts.
    pub fn delete_person(slug: impl Display, person: impl Display) -> String {
        format!("/admin/conferences/{slug}/people/{person}/delete")
    }

    /// Where the settings page opens the conference on the site.
    pub fn publish(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/publish")
    }

    /// Where the settings page takes it off.
    pub fn unpublish(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/unpublish")
    }

    /// Where the settings page copies it to new dates.
    pub fn copy(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/copy")
    }

    /// Where a question of the organisers' own is added.
    pub fn questions(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/questions")
    }

    /// Where a question's remove button posts.
    pub fn delete_question(slug: impl Display, code: impl Display) -> String {
        format!("/admin/conferences/{slug}/questions/{code}/delete")
    }

    /// Where the mail room tries the failed messages again.
    pub fn retry_failed(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/mail/retry-failed")
    }

    /// Where the mail room sends one message again.
    pub fn resend(slug: impl Display, id: impl Display) -> String {
        format!("/admin/conferences/{slug}/mail/{id}/resend")
    }

    /// Where the table's selection is approved or turned down.
    pub fn bulk(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/registrations/bulk")
    }

    /// The table as a spreadsheet: `csv` or `xlsx` (its filter follows).
    pub fn export(slug: impl Display, extension: &str) -> String {
        format!("/admin/conferences/{slug}/registrations.{extension}")
    }

    /// A registration's letter or certificate, for its organisers.
    pub fn paper(slug: impl Display, id: impl Display, kind: crate::papers::PaperKind) -> String {
        format!(
            "/admin/conferences/{slug}/registrations/{id}/{}.pdf",
            kind.code()
        )
    }

    /// Where organisers withdraw an issued letter or certificate.
    pub fn withdraw_paper(slug: impl Display, paper: impl Display) -> String {
        format!("/admin/conferences/{slug}/papers/{paper}/withdraw")
    }

    /// The colours of the badges' category bands (the page; it posts here).
    pub fn badge_colours(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/badge-colours")
    }

    /// What the conference shares: which categories the public list of
    /// participants shows, the snippets that embed its agenda elsewhere,
    /// and its schedule's exports.
    pub fn sharing(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/sharing")
    }

    /// The wording of a conference's letters and certificates: which kinds
    /// and languages have their own.
    pub fn paper_wordings(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/paper-wording")
    }

    /// One kind of paper's wording in one language.
    pub fn paper_wording(slug: impl Display, kind: impl Display, lang: impl Display) -> String {
        format!("/admin/conferences/{slug}/paper-wording/{kind}/{lang}")
    }

    /// The badges of the table's selection (its filter follows as a query).
    pub fn badges(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/badges.pdf")
    }

    /// Where a staff action on one registration posts: approve, reject,
    /// cancel, promote, note.
    pub fn staff_action(slug: impl Display, id: impl Display, action: &str) -> String {
        format!("/admin/conferences/{slug}/registrations/{id}/{action}")
    }

    /// Where the invited who have not registered are reminded.
    pub fn remind_invited(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/invitations/remind")
    }

    /// The check-in desk: scan a pass or search a name (the page; a scan
    /// posts here too).
    pub fn check_in(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/check-in")
    }

    /// Where a desk takes a check-in back.
    pub fn undo_check_in(slug: impl Display) -> String {
        format!("/admin/conferences/{slug}/check-in/undo")
    }
}
