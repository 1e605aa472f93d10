//! Server functions: the pages' way to the data. Each takes the [`Store`]
//! from context, calls the core and maps its error to one the page can show
//! without revealing anything of the database.
//!
//! [`Store`]: convene::store::Store

use convene::registration::{FormSetup, RegistrationView};
use convene::{Agenda, Conference, Topic};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
fn store() -> Result<convene::store::Store, ServerFnError> {
    use_context::<convene::store::Store>()
        .ok_or_else(|| ServerFnError::new("no database in context"))
}

#[cfg(feature = "ssr")]
fn unavailable(error: convene::store::StoreError) -> ServerFnError {
    tracing_error(&error);
    ServerFnError::new("the database is unavailable")
}

#[cfg(feature = "ssr")]
fn tracing_error(error: &convene::store::StoreError) {
    leptos::logging::error!("store: {error}");
}

/// Published topics.
#[server]
pub async fn list_topics() -> Result<Vec<Topic>, ServerFnError> {
    store()?.topics().await.map_err(unavailable)
}

/// Published conferences, all or of one topic.
#[server]
pub async fn list_conferences(topic: Option<String>) -> Result<Vec<Conference>, ServerFnError> {
    store()?
        .conferences(topic.as_deref())
        .await
        .map_err(unavailable)
}

/// A published conference with its agenda; `None` when there is none by that slug.
#[server]
pub async fn get_agenda(slug: String) -> Result<Option<Agenda>, ServerFnError> {
    store()?.agenda(&slug).await.map_err(unavailable)
}

/// The registration of a private link, with its conference's form to
/// change it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkPage {
    pub registration: RegistrationView,
    pub form: FormPage,
}

/// The registration of a private link; `None` for a link that names none.
#[server]
pub async fn get_registration(token: String) -> Result<Option<LinkPage>, ServerFnError> {
    let Some(mut registration) = store()?
        .registration_by_link(&token)
        .await
        .map_err(unavailable)?
    else {
        return Ok(None);
    };
    // A cancelled or turned-down registration's link says so, and shows
    // none of the details it was given.
    use convene::registration::Status;
    if matches!(registration.status, Status::Cancelled | Status::Rejected) {
        registration.details = Default::default();
        registration.sessions.clear();
    }
    let form = get_form(registration.conference.to_string(), None, Some(token)).await?;
    Ok(form.map(|form| LinkPage { registration, form }))
}

/// A published conference, without its agenda.
#[server]
pub async fn get_conference(slug: String) -> Result<Option<Conference>, ServerFnError> {
    store()?.conference(&slug).await.map_err(unavailable)
}

/// What a registration form needs: the conference, what its form asks and
/// offers, and the address of the invitation it was opened with, if valid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormPage {
    pub conference: Conference,
    pub setup: FormSetup,
    pub invited: Option<String>,
    /// The day passport details given for the visa letter are deleted.
    pub passports_deleted_on: chrono::NaiveDate,
}

/// The form of a conference, for a new registration (`manage` is `None`) or
/// to change the registration of a private link.
#[server]
pub async fn get_form(
    slug: String,
    invitation: Option<String>,
    manage: Option<String>,
) -> Result<Option<FormPage>, ServerFnError> {
    let store = store()?;
    let Some(conference) = store.conference(&slug).await.map_err(unavailable)? else {
        return Ok(None);
    };
    let Some(setup) = store
        .form_setup(&slug, manage.as_deref(), chrono::Utc::now())
        .await
        .map_err(unavailable)?
    else {
        return Ok(None);
    };
    let invited = match invitation {
        Some(token) => store
            .invitation(&slug, &token)
            .await
            .map_err(unavailable)?
            .map(|i| i.email),
        None => None,
    };
    let retention = use_context::<convene::registration::PassportRetention>().unwrap_or_default();
    Ok(Some(FormPage {
        passports_deleted_on: retention.deleted_on(conference.ends_on),
        conference,
        setup,
        invited,
    }))
}

/// A conference as the back office lists it, with the account's role
/// there (`None` for an administrator without one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Desk {
    pub conference: Conference,
    pub role: Option<convene::account::StaffRole>,
    /// Whether the public site shows it.
    pub published: bool,
}

/// The back office's first page: who is signed in, and their conferences.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct BackOffice {
    pub account: convene::account::Account,
    pub desks: Vec<Desk>,
}

/// A conference's page in the back office: its registrations by status.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConferenceDesk {
    pub desk: Desk,
    /// The signed-in account's address, for "signed in as".
    pub signed_in_as: String,
    pub counts: Vec<(convene::registration::Status, i64)>,
    pub dashboard: convene::desk::Dashboard,
    /// Whether the account may edit the agenda and settings.
    pub can_edit: bool,
}

/// The request's own headers, where its session cookie is.
#[cfg(feature = "ssr")]
fn request_headers() -> http::HeaderMap {
    use_context::<http::request::Parts>()
        .map(|parts| parts.headers)
        .unwrap_or_default()
}

/// The conferences of the signed-in account: all of them for an
/// administrator, else those it holds a role in.
#[server]
pub async fn get_back_office() -> Result<crate::back_office::Access<BackOffice>, ServerFnError> {
    use crate::back_office::Access;
    let store = store()?;
    let Some(account) = crate::back_office::signed_in(&store, &request_headers())
        .await
        .map_err(unavailable)?
    else {
        return Ok(Access::SignIn);
    };
    let memberships = store.memberships(account.id).await.map_err(unavailable)?;
    let desks = store
        .all_conferences()
        .await
        .map_err(unavailable)?
        .into_iter()
        .filter_map(|(conference, published)| {
            let role = memberships
                .iter()
                .find(|m| m.conference == conference.slug.as_str())
                .map(|m| m.role);
            (role.is_some() || account.administrator).then_some(Desk {
                conference,
                role,
                published,
            })
        })
        .collect();
    Ok(Access::Granted(BackOffice { account, desks }))
}

/// One conference's page in the back office, for its organisers and staff
/// and the administrators.
#[server]
pub async fn get_conference_desk(
    slug: String,
) -> Result<crate::back_office::Access<ConferenceDesk>, ServerFnError> {
    use crate::back_office::Access;
    use convene::account::Action;
    let store = store()?;
    let Some(account) = crate::back_office::signed_in(&store, &request_headers())
        .await
        .map_err(unavailable)?
    else {
        return Ok(Access::SignIn);
    };
    let role = store
        .role_in(account.id, &slug)
        .await
        .map_err(unavailable)?;
    if !account.may(role, Action::ViewRegistrations) {
        return Ok(Access::Forbidden);
    }
    let Some((conference, published)) = store
        .editable_conference(&slug)
        .await
        .map_err(unavailable)?
    else {
        return Ok(Access::NotFound);
    };
    let counts = store
        .registration_counts(&slug)
        .await
        .map_err(unavailable)?;
    let dashboard = store.dashboard(&slug).await.map_err(unavailable)?;
    let can_edit = account.may(role, Action::EditConference);
    Ok(Access::Granted(ConferenceDesk {
        desk: Desk {
            conference,
            role,
            published,
        },
        signed_in_as: account.email,
        counts,
        dashboard,
        can_edit,
    }))
}

/// Whether the first-run page is open: no account exists yet.
#[server]
pub async fn first_run_open() -> Result<Option<bool>, ServerFnError> {
    let n = store()?.account_count().await.map_err(unavailable)?;
    Ok(Some(n == 0))
}

/// A conference's registration table in the back office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegistrationsDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    pub page: convene::desk::RegistrationPage,
    /// The sessions with seats, for the session filter: (slug, title).
    pub sessions: Vec<(String, convene::Localized)>,
}

/// One registration in the back office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RegistrationDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    pub detail: convene::desk::RegistrationDetail,
    /// The conference's questions, to show each answer by its label.
    pub questions: Vec<convene::questions::Question>,
}

/// The signed-in account and its role in `slug`, if it may do `action`
/// there; else what to answer instead.
#[cfg(feature = "ssr")]
async fn allowed<T>(
    store: &convene::store::Store,
    slug: &str,
    action: convene::account::Action,
) -> Result<
    Result<
        (
            convene::account::Account,
            Option<convene::account::StaffRole>,
        ),
        crate::back_office::Access<T>,
    >,
    ServerFnError,
> {
    use crate::back_office::Access;
    let Some(account) = crate::back_office::signed_in(store, &request_headers())
        .await
        .map_err(unavailable)?
    else {
        return Ok(Err(Access::SignIn));
    };
    let role = store.role_in(account.id, slug).await.map_err(unavailable)?;
    if !account.may(role, action) {
        return Ok(Err(Access::Forbidden));
    }
    Ok(Ok((account, role)))
}

/// The store, the conference's desk and the signed-in account, if it may
/// do `action` in `slug`; else what to answer.
#[cfg(feature = "ssr")]
async fn opened<T>(
    slug: &str,
    action: convene::account::Action,
) -> Result<
    Result<(convene::store::Store, Desk, convene::account::Account), crate::back_office::Access<T>>,
    ServerFnError,
> {
    use crate::back_office::Access;
    let store = store()?;
    let (account, role) = match allowed(&store, slug, action).await? {
        Ok(granted) => granted,
        Err(refused) => return Ok(Err(refused)),
    };
    let Some((conference, published)) =
        store.editable_conference(slug).await.map_err(unavailable)?
    else {
        return Ok(Err(Access::NotFound));
    };
    let desk = Desk {
        conference,
        role,
        published,
    };
    Ok(Ok((store, desk, account)))
}

/// A page of a conference's registrations, by the table's filter.
#[server]
pub async fn get_registrations(
    slug: String,
    filter: convene::desk::RegistrationFilter,
) -> Result<crate::back_office::Access<RegistrationsDesk>, ServerFnError> {
    use crate::back_office::Access;
    let (store, desk, account) =
        match opened(&slug, convene::account::Action::ViewRegistrations).await? {
            Ok(opened) => opened,
            Err(refused) => return Ok(refused),
        };
    let Some(page) = store
        .search_registrations(&slug, &filter)
        .await
        .map_err(unavailable)?
    else {
        return Ok(Access::NotFound);
    };
    let sessions = store
        .form_setup(&slug, None, chrono::Utc::now())
        .await
        .map_err(unavailable)?
        .map(|setup| {
            setup
                .sessions
                .into_iter()
                .map(|s| (s.slug.to_string(), s.title))
                .collect()
        })
        .unwrap_or_default();
    Ok(Access::Granted(RegistrationsDesk {
        desk,
        signed_in_as: account.email,
        page,
        sessions,
    }))
}

/// One registration of a conference in full. Passport details are shown
/// only to organisers and administrators.
#[server]
pub async fn get_registration_detail(
    slug: String,
    id: i64,
) -> Result<crate::back_office::Access<RegistrationDesk>, ServerFnError> {
    use crate::back_office::Access;
    use convene::account::StaffRole;
    let (store, desk, account) =
        match opened(&slug, convene::account::Action::ViewRegistrations).await? {
            Ok(opened) => opened,
            Err(refused) => return Ok(refused),
        };
    let Some(mut detail) = store
        .registration_detail(&slug, id)
        .await
        .map_err(unavailable)?
    else {
        return Ok(Access::NotFound);
    };
    let questions = store
        .questions(&slug)
        .await
        .map_err(unavailable)?
        .unwrap_or_default();
    if !account.administrator && desk.role == Some(StaffRole::Staff) {
        let d = &mut detail.view.details;
        d.passport_name.clear();
        d.nationality.clear();
        d.passport_number.clear();
        d.date_of_birth.clear();
    }
    Ok(Access::Granted(RegistrationDesk {
        desk,
        signed_in_as: account.email,
        detail,
        questions,
    }))
}

/// Whether a password reset link can still be used.
#[server]
pub async fn reset_link_open(token: String) -> Result<Option<bool>, ServerFnError> {
    store()?
        .password_reset_open(&token, chrono::Utc::now())
        .await
        .map(Some)
        .map_err(unavailable)
}

/// A conference's mail room: its messages, newest first.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MailDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    pub state: String,
    pub messages: Vec<convene::desk::LoggedMail>,
    /// How many of the conference's messages are in each state.
    pub counts: Vec<(String, i64)>,
}

/// The messages of a conference (the last 500, in one state or all), for
/// its organisers and staff.
#[server]
pub async fn get_mail(
    slug: String,
    state: String,
) -> Result<crate::back_office::Access<MailDesk>, ServerFnError> {
    use crate::back_office::Access;
    let (store, desk, account) =
        match opened(&slug, convene::account::Action::ViewRegistrations).await? {
            Ok(opened) => opened,
            Err(refused) => return Ok(refused),
        };
    let state = if convene::desk::MAIL_STATES.contains(&state.as_str()) {
        state
    } else {
        String::new()
    };
    let messages = store
        .conference_mail(&slug, (!state.is_empty()).then_some(state.as_str()), 500)
        .await
        .map_err(unavailable)?;
    let counts = store
        .conference_mail_counts(&slug)
        .await
        .map_err(unavailable)?;
    Ok(Access::Granted(MailDesk {
        desk,
        signed_in_as: account.email,
        state,
        messages,
        counts,
    }))
}

/// A conference's agenda in the back office, with its health.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AgendaDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    pub agenda: Agenda,
    pub warnings: Vec<convene::health::Warning>,
}

/// The agenda and its warnings, for the conference's organisers (staff
/// do not edit the agenda).
#[server]
pub async fn get_agenda_desk(
    slug: String,
) -> Result<crate::back_office::Access<AgendaDesk>, ServerFnError> {
    use crate::back_office::Access;
    let store = store()?;
    let (account, role) =
        match allowed(&store, &slug, convene::account::Action::EditConference).await? {
            Ok(granted) => granted,
            Err(refused) => return Ok(refused),
        };
    let Some((_, published)) = store
        .editable_conference(&slug)
        .await
        .map_err(unavailable)?
    else {
        return Ok(Access::NotFound);
    };
    let Some(agenda) = store.editable_agenda(&slug).await.map_err(unavailable)? else {
        return Ok(Access::NotFound);
    };
    let warnings = convene::health::check(&agenda);
    Ok(Access::Granted(AgendaDesk {
        desk: Desk {
            conference: agenda.conference.clone(),
            role,
            published,
        },
        signed_in_as: account.email,
        agenda,
        warnings,
    }))
}

/// What the agenda would say of a session as its organiser types it, in
/// `lang`: the problems that keep it from being saved, or the warnings
/// saving it would cause (a room or a person twice at once, a day outside
/// the conference's, more seats than the room holds). `session` is the
/// edited session's slug, empty for a new one. The editor's island asks
/// as fields change; it reads and stores nothing.
#[server]
pub async fn check_session(
    slug: String,
    session: String,
    lang: String,
    // The editor's fields as the form would post them (urlencoded).
    fields: String,
) -> Result<crate::back_office::Access<Vec<String>>, ServerFnError> {
    use crate::back_office::Access;
    use convene::session_edit::SessionEdit;
    let store = store()?;
    if let Err(refused) = allowed(&store, &slug, convene::account::Action::EditConference).await? {
        return Ok(refused);
    }
    let Some(agenda) = store.editable_agenda(&slug).await.map_err(unavailable)? else {
        return Ok(Access::NotFound);
    };
    let current = match session.as_str() {
        "" => None,
        s => match agenda.sessions.iter().find(|x| x.slug.as_str() == s) {
            Some(found) => Some(found.slug.clone()),
            None => return Ok(Access::NotFound),
        },
    };
    let locale = crate::locale::Locale {
        lang: convene::Lang::parse(&lang).unwrap_or_default(),
        prefixed: false,
    };
    // A title not typed yet is not a mistake yet: the session is checked
    // as "this session" until it has one.
    let first = agenda
        .conference
        .languages
        .first()
        .copied()
        .unwrap_or_default();
    let mut form = convene::session_edit::SessionForm::from_pairs(
        form_urlencoded::parse(fields.as_bytes()).into_owned(),
    );
    if form.title(first).trim().is_empty() {
        form.titles.retain(|(l, _)| l != first.code());
        form.titles
            .push((first.code().to_owned(), locale.t("admin-this-session")));
    }
    let texts = match SessionEdit::parse(&form, &agenda) {
        Ok(edit) => {
            let (agenda, warnings) = edit.as_saved(&agenda, current.as_ref());
            warnings
                .iter()
                .map(|w| crate::agenda_health::warning_text(&locale, &agenda, w))
                .collect()
        }
        Err(problems) => problems
            .into_iter()
            .map(|(field, problem)| {
                format!(
                    "{}: {}",
                    crate::agenda_health::session_field_label(&locale, field),
                    crate::pages::form::problem_text(&locale, problem)
                )
            })
            .collect(),
    };
    Ok(Access::Granted(texts))
}

/// A conference's audit log in the back office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct AuditDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    pub lines: Vec<convene::desk::AuditLine>,
}

/// Who changed what in a conference, for its organisers.
#[server]
pub async fn get_audit(
    slug: String,
) -> Result<crate::back_office::Access<AuditDesk>, ServerFnError> {
    use crate::back_office::Access;
    let (store, desk, account) =
        match opened(&slug, convene::account::Action::EditConference).await? {
            Ok(opened) => opened,
            Err(refused) => return Ok(refused),
        };
    let lines = store.audit_trail(&slug, 500).await.map_err(unavailable)?;
    Ok(Access::Granted(AuditDesk {
        desk,
        signed_in_as: account.email,
        lines,
    }))
}

/// A conference's invitations in the back office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct InvitationsDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    /// (address, when invited, registered)
    pub invitations: Vec<(String, chrono::DateTime<chrono::Utc>, bool)>,
}

/// Who was invited to a conference and who registered, for its organisers
/// and staff.
#[server]
pub async fn get_invitations(
    slug: String,
) -> Result<crate::back_office::Access<InvitationsDesk>, ServerFnError> {
    use crate::back_office::Access;
    let (store, desk, account) =
        match opened(&slug, convene::account::Action::ManageRegistrations).await? {
            Ok(opened) => opened,
            Err(refused) => return Ok(refused),
        };
    let invitations = store.invitations(&slug).await.map_err(unavailable)?;
    Ok(Access::Granted(InvitationsDesk {
        desk,
        signed_in_as: account.email,
        invitations,
    }))
}

/// A conference's settings in the back office.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SettingsDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    pub settings: convene::conference_edit::ConferenceSettings,
    /// The organiser's own questions on the form.
    pub questions: Vec<convene::questions::Question>,
    /// Administrators may copy the conference (a copy is a new conference).
    pub may_copy: bool,
}

/// A conference's settings, for its organisers.
#[server]
pub async fn get_conference_settings(
    slug: String,
) -> Result<crate::back_office::Access<SettingsDesk>, ServerFnError> {
    use crate::back_office::Access;
    let (store, desk, account) =
        match opened(&slug, convene::account::Action::EditConference).await? {
            Ok(opened) => opened,
            Err(refused) => return Ok(refused),
        };
    let Some((settings, _)) = store
        .conference_settings(&slug)
        .await
        .map_err(unavailable)?
    else {
        return Ok(Access::NotFound);
    };
    let questions = store
        .questions(&slug)
        .await
        .map_err(unavailable)?
        .unwrap_or_default();
    Ok(Access::Granted(SettingsDesk {
        desk,
        signed_in_as: account.email,
        settings,
        questions,
        may_copy: account.administrator,
    }))
}

/// The page to create a conference, for administrators: who is signed in.
#[server]
pub async fn get_new_conference() -> Result<crate::back_office::Access<String>, ServerFnError> {
    use crate::back_office::Access;
    let store = store()?;
    match crate::back_office::signed_in(&store, &request_headers())
        .await
        .map_err(unavailable)?
    {
        None => Ok(Access::SignIn),
        Some(account) if account.administrator => Ok(Access::Granted(account.email)),
        Some(_) => Ok(Access::Forbidden),
    }
}

/// Writing to the delegates a filter finds: how many it reaches.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct WriteDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    pub filter: convene::desk::RegistrationFilter,
    pub recipients: usize,
}

/// The message page for a filter of the table, for organisers and staff.
#[server]
pub async fn get_write(
    slug: String,
    filter: convene::desk::RegistrationFilter,
) -> Result<crate::back_office::Access<WriteDesk>, ServerFnError> {
    use crate::back_office::Access;
    let (store, desk, account) =
        match opened(&slug, convene::account::Action::ManageRegistrations).await? {
            Ok(opened) => opened,
            Err(refused) => return Ok(refused),
        };
    let Some((recipients, _)) = store
        .recipients(&slug, &filter)
        .await
        .map_err(unavailable)?
    else {
        return Ok(Access::NotFound);
    };
    Ok(Access::Granted(WriteDesk {
        desk,
        signed_in_as: account.email,
        filter,
        recipients: recipients.len(),
    }))
}

/// A conference's email wordings: which kinds and languages have their own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplatesDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    /// (kind, language code) with the conference's own wording.
    pub custom: Vec<(String, String)>,
}

/// The list of a conference's email wordings, for organisers and staff.
#[server]
pub async fn get_templates(
    slug: String,
) -> Result<crate::back_office::Access<TemplatesDesk>, ServerFnError> {
    use crate::back_office::Access;
    let (store, desk, account) =
        match opened(&slug, convene::account::Action::ManageRegistrations).await? {
            Ok(opened) => opened,
            Err(refused) => return Ok(refused),
        };
    let custom = store.templates(&slug).await.map_err(unavailable)?;
    Ok(Access::Granted(TemplatesDesk {
        desk,
        signed_in_as: account.email,
        custom,
    }))
}

/// One kind of email in one language: its wording (the conference's own
/// or the built-in one) and a real name for the preview.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TemplateDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    pub kind: String,
    pub lang: convene::Lang,
    pub wording: convene::desk::Message,
    pub custom: bool,
    /// What the preview fills the placeholders (and the summary) with.
    pub sample: serde_json::Value,
    /// Whose registration the preview shows; `None`: an example, as no
    /// one has registered yet.
    pub sample_of: Option<String>,
}

/// The editor of one kind of email in one language, for organisers and
/// staff; `NotFound` for a kind that cannot be changed.
#[server]
pub async fn get_template(
    slug: String,
    kind: String,
    lang: String,
) -> Result<crate::back_office::Access<TemplateDesk>, ServerFnError> {
    use crate::back_office::Access;
    let (store, desk, account) =
        match opened(&slug, convene::account::Action::ManageRegistrations).await? {
            Ok(opened) => opened,
            Err(refused) => return Ok(refused),
        };
    let editable = convene::mail::EDITABLE.iter().any(|(k, _)| *k == kind);
    let Some(lang) = convene::Lang::parse(&lang).ok().filter(|_| editable) else {
        return Ok(Access::NotFound);
    };
    let own = store
        .template(&slug, &kind, lang.code())
        .await
        .map_err(unavailable)?;
    let Some(agenda) = store.editable_agenda(&slug).await.map_err(unavailable)? else {
        return Ok(Access::NotFound);
    };
    let registration = store
        .sample_registration(&slug, lang.code())
        .await
        .map_err(unavailable)?;
    let (sample, sample_of) = preview_payload(&agenda, &kind, lang, registration);
    Ok(Access::Granted(TemplateDesk {
        desk,
        signed_in_as: account.email,
        custom: own.is_some(),
        wording: own.unwrap_or_else(|| convene::mail::builtin(&kind, lang)),
        kind,
        lang,
        sample,
        sample_of,
    }))
}

/// The payload a preview renders, as the outbox would hold it for the
/// registration (its name, place in line, sessions and summary), or for
/// an example delegate when there is none. The link is never a real one.
#[cfg(feature = "ssr")]
fn preview_payload(
    agenda: &Agenda,
    kind: &str,
    lang: convene::Lang,
    registration: Option<convene::store::SampleRegistration>,
) -> (serde_json::Value, Option<String>) {
    let held: Vec<&convene::Session> = registration
        .iter()
        .flat_map(|r| &r.held)
        .filter_map(|slug| agenda.sessions.iter().find(|s| s.slug.as_str() == slug))
        .collect();
    // A session with seats stands in when the registration holds none.
    let session = held
        .first()
        .copied()
        .or_else(|| agenda.sessions.iter().find(|s| s.seats.is_some()))
        .map(|s| s.title.get(lang).to_owned())
        .unwrap_or_else(|| convene::i18n::t(lang, "admin-template-sample-session"));
    let name = registration.as_ref().map(|r| r.name.clone());
    let mut payload = serde_json::json!({
        "conference": agenda.conference.title.get(lang),
        "name": name.clone().unwrap_or_else(|| convene::i18n::t(lang, "admin-template-sample-name")),
        "position": registration.as_ref().and_then(|r| r.position).unwrap_or(1),
        "session": session,
        "days": convene::store::REMINDER_DAYS[0],
        "link": "https://…/r/…",
    });
    if convene::mail::WITH_SUMMARY.contains(&kind) {
        payload["summary"] = convene::mail::summary(agenda, &held, lang).into();
    }
    (payload, name)
}
