//! What the server hands a page after a form post, in the request's
//! extensions: the form as typed with its problems, or what a verification
//! did. (Posts are handled by the server; the page only shows the outcome,
//! so the form works without JavaScript and keeps what was typed.)

use convene::registration::{FieldErrors, RegistrationForm};

/// A registration form that did not parse.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Submission {
    pub form: RegistrationForm,
    pub errors: FieldErrors,
    /// Too many registrations from the visitor's network just now: the
    /// form comes back as typed, to be sent again in a few minutes.
    pub throttled: bool,
}

/// The private link's changes were saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ChangesSaved;

/// What following a verification link did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum VerifyResult {
    Confirmed,
    Waiting(i64),
    AwaitingApproval,
    Expired,
    /// Used already (a second click): the first did its work.
    Used,
    /// No such link.
    Invalid,
}

/// A value the server put in the request, if any.
pub fn from_request<T: Clone + Send + Sync + 'static>() -> Option<T> {
    #[cfg(feature = "ssr")]
    {
        leptos::prelude::use_context::<http::request::Parts>()
            .and_then(|p| p.extensions.get::<T>().cloned())
    }
    #[cfg(not(feature = "ssr"))]
    {
        None
    }
}

/// A sign-in that did not succeed: the address as typed (never the
/// password), and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignInRefused {
    pub email: String,
    pub why: SignInProblem,
}

/// Why a sign-in did not go through.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignInProblem {
    /// Wrong address or password (which, is not said).
    Wrong,
    /// Too many attempts from here: wait before trying again.
    Throttled,
    /// Too many passwords being checked at this moment: send it again shortly.
    Busy,
}

/// A first-run form that did not parse.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FirstRunRefused {
    pub email: String,
    /// The setup code as typed.
    pub code: String,
    pub code_problem: Option<convene::field::Problem>,
    pub email_problem: Option<convene::field::Problem>,
    pub password_problem: Option<convene::field::Problem>,
}

/// A password reset was asked for (the page says the same whether the
/// address has an account or not), or refused for asking too often.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResetRequested {
    pub throttled: bool,
}

/// A new password through a reset link that did not parse.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResetRefused {
    pub problem: convene::field::Problem,
}

/// A session edit that did not parse, or that the store refused.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct SessionRefused {
    pub form: convene::session_edit::SessionForm,
    pub problems: Vec<(convene::session_edit::SessionField, convene::field::Problem)>,
    /// The limit would be below the seats held: how many are.
    pub held: Option<i64>,
}

/// A session's changes were saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionSavedNote;

/// What inviting a pasted list did: how many were invited, and the pieces
/// that were no address (nobody was invited then).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct InvitationsSent {
    pub invited: usize,
    pub not_addresses: Vec<String>,
    pub pasted: String,
}

/// What a check-in desk's post did (a scan, a search's "check in", an
/// undo), and the desk's name, kept for the next scan.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeskDone {
    pub answer: convene::onsite::DeskAnswer,
    pub desk: String,
}

/// What saving a conference's badge colours did: saved, or refused with
/// the colours as typed and each field's problem.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ColoursDone {
    Saved,
    Refused {
        typed: Vec<(convene::registration::Category, String)>,
        problems: Vec<(convene::registration::Category, convene::field::Problem)>,
    },
}

/// The conference's sharing saved (the categories of its list of
/// participants).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SharingSaved;

/// A letter or certificate the private link asked for and was not given,
/// and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaperRefused(pub convene::papers::Refused);

/// Conference settings that did not parse, or that the store refused.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ConferenceRefused {
    pub form: convene::conference_edit::ConferenceForm,
    pub problems: Vec<(
        convene::conference_edit::ConferenceField,
        convene::field::Problem,
    )>,
    /// The capacity would be below the confirmed registrations: how many
    /// are.
    pub confirmed: Option<i64>,
}

/// A conference's settings were saved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ConferenceSavedNote;

/// A copy of a conference that could not be made: what was typed and
/// what to fix.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CopyRefused {
    pub slug: String,
    pub starts_on: String,
    pub slug_problem: Option<convene::field::Problem>,
    pub day_problem: Option<convene::field::Problem>,
}

/// Delegates chose the session that was to be deleted: how many.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionChosen {
    pub by: i64,
}

/// A session was deleted.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SessionDeletedNote;

/// A room that could not be added: what was typed and what to fix.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoomRefused {
    pub name: String,
    pub capacity: String,
    pub problems: Vec<(convene::session_edit::RoomField, convene::field::Problem)>,
}

/// Promoting from the waiting list found no free seat.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NoSeatLeft;

/// A message to delegates as typed, with what to fix, or its preview as
/// the first delegate will read it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct MessageDraft {
    pub subject: String,
    pub body: String,
    pub problems: convene::mail::MessageProblems,
    /// (to, subject, text) of the first recipient's email.
    pub preview: Option<(String, String, String)>,
}

/// An email wording as typed, with what to fix, or to preview.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TemplateDraft {
    pub subject: String,
    pub body: String,
    pub problems: convene::mail::MessageProblems,
}

/// A paper's wording as typed, with what to fix (or to preview).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PaperWordingDraft {
    pub heading: String,
    pub opening: String,
    pub closing: String,
    pub problems: convene::papers::WordingProblems,
}

/// A person that could not be added: what was typed and what to fix.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PersonRefused {
    pub name: String,
    pub affiliation: String,
    pub name_problem: Option<convene::field::Problem>,
    pub affiliation_problem: Option<convene::field::Problem>,
}

/// A question that could not be added: what was typed and what to fix.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QuestionRefused {
    pub form: convene::registration::questions::QuestionForm,
    pub problems: convene::registration::questions::QuestionProblems,
}

/// A post as typed, with what to fix, or with its preview.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PostDraft {
    pub form: convene::news::PostForm,
    pub problems: Vec<(convene::news::PostField, convene::field::Problem)>,
    /// Per language written: (language, title, teaser, body as sanitised
    /// HTML), as the public will read it.
    pub preview: Vec<(convene::Lang, String, String, String)>,
}

/// A conference's face as typed (its files must be chosen again), with
/// what to fix.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FaceDraft {
    pub form: convene::branding::FaceForm,
    pub problems: Vec<(convene::branding::FaceField, convene::field::Problem)>,
}

/// A session's livestream and recording as typed, with what to fix.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct WatchDraft {
    pub livestream: String,
    pub recording: String,
    pub problems: Vec<(convene::materials::WatchField, convene::field::Problem)>,
}

/// A session's document as typed (its file must be chosen again), with
/// what to fix.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MaterialDraft {
    pub form: convene::materials::MaterialForm,
    pub problems: Vec<(convene::materials::MaterialField, convene::field::Problem)>,
}

/// A profile as typed (its portrait must be chosen again), with what to
/// fix.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ProfileDraft {
    pub form: convene::people::ProfileForm,
    pub problems: Vec<(convene::people::ProfileField, convene::field::Problem)>,
}

/// A document's form as typed (its files must be chosen again), with what
/// to fix.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocumentDraft {
    pub form: convene::documents::DocumentForm,
    pub problems: Vec<(convene::documents::DocumentField, convene::field::Problem)>,
}
