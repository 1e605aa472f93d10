//! Back-office accounts: passwords as they are chosen, the role an account
//! holds in a conference, and what each role may do there.

use crate::field::Problem;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::sync::LazyLock;

crate::coded_enum! {
    /// What an account is in one conference.
    pub enum StaffRole {
        /// Everything about that conference.
        Organiser = "organiser",
        /// Registrations, mail and check-in; not the agenda or the settings.
        Staff = "staff",
        /// Communication: the conference's news, and nothing of its
        /// registrations.
        Editor = "editor",
    }
}

/// What a back-office request wants to do, for the one permission check.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Action {
    /// See the conference's registrations, counts and mail.
    ViewRegistrations,
    /// Approve, reject, cancel, write to delegates.
    ManageRegistrations,
    /// Let delegates in at the check-in desk, and take a check-in back.
    CheckIn,
    /// The agenda and the conference's settings.
    EditConference,
    /// Write, publish and remove the conference's posts (a post of no
    /// conference: administrators).
    WritePosts,
    /// What belongs to no one conference: creating and copying
    /// conferences. Administrators only.
    Administer,
}

/// A signed-in account.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Account {
    pub id: i64,
    pub email: String,
    /// All conferences and all accounts.
    pub administrator: bool,
}

impl Account {
    /// Whether this account may do `action` in a conference where it holds
    /// `role` (`None`: no role there).
    pub fn may(&self, role: Option<StaffRole>, action: Action) -> bool {
        if self.administrator {
            return true;
        }
        matches!(
            (role, action),
            (
                Some(StaffRole::Organiser),
                Action::ViewRegistrations
                    | Action::ManageRegistrations
                    | Action::CheckIn
                    | Action::EditConference
                    | Action::WritePosts
            ) | (
                Some(StaffRole::Staff),
                Action::ViewRegistrations | Action::ManageRegistrations | Action::CheckIn
            ) | (Some(StaffRole::Editor), Action::WritePosts)
        )
    }
}

impl Account {
    /// Whether this account sees passport details where it holds `role`
    /// (the export's columns, a visa letter, withdrawing a paper):
    /// organisers and administrators, never staff or editors.
    pub fn sees_passports(&self, role: Option<StaffRole>) -> bool {
        self.administrator || role == Some(StaffRole::Organiser)
    }
}

/// The passwords people use most (8 characters or more), from zxcvbn's
/// frequency list (`scripts/common-passwords`).
static COMMON: LazyLock<HashSet<&'static str>> =
    LazyLock::new(|| include_str!("common-passwords.txt").lines().collect());

/// A password as an account holder chooses it: at least 8 characters, long
/// ones welcome, none of the passwords people use most.
#[derive(Clone, PartialEq, Eq)]
pub struct NewPassword(String);

impl NewPassword {
    pub const MIN: usize = 8;
    pub const MAX: usize = 1024;

    pub fn parse(value: &str) -> Result<NewPassword, Problem> {
        let length = value.chars().count();
        if length < Self::MIN {
            return Err(Problem::PasswordTooShort { min: Self::MIN });
        }
        if length > Self::MAX {
            return Err(Problem::TooLong { max: Self::MAX });
        }
        if COMMON.contains(value.to_lowercase().as_str()) {
            return Err(Problem::PasswordCommon);
        }
        Ok(NewPassword(value.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Never printed: a password does not reach logs by mistake.
impl std::fmt::Debug for NewPassword {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("NewPassword(***)")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_and_common_passwords_are_refused() {
        assert_eq!(
            NewPassword::parse("seven77"),
            Err(Problem::PasswordTooShort { min: 8 })
        );
        for common in ["password", "12345678", "Football", "iloveyou"] {
            assert_eq!(
                NewPassword::parse(common),
                Err(Problem::PasswordCommon),
                "{common}"
            );
        }
        assert!(NewPassword::parse("Mechelen declaration 2017").is_ok());
        assert!(NewPassword::parse(&"long ".repeat(200)).is_ok());
        assert_eq!(
            NewPassword::parse(&"x".repeat(1025)),
            Err(Problem::TooLong { max: 1024 })
        );
        assert_eq!(
            format!("{:?}", NewPassword::parse("a secret phrase").unwrap()),
            "NewPassword(***)"
        );
    }

    #[test]
    fn roles_allow_what_the_issue_says() {
        let account = |administrator| Account {
            id: 1,
            email: "a@example.org".into(),
            administrator,
        };
        let (member, admin) = (account(false), account(true));
        for action in [
            Action::ViewRegistrations,
            Action::ManageRegistrations,
            Action::EditConference,
        ] {
            assert!(admin.may(None, action));
            assert!(member.may(Some(StaffRole::Organiser), action));
            assert!(!member.may(None, action));
        }
        assert!(member.may(Some(StaffRole::Staff), Action::ManageRegistrations));
        assert!(!member.may(Some(StaffRole::Staff), Action::EditConference));
        assert!(member.may(Some(StaffRole::Editor), Action::WritePosts));
        assert!(member.may(Some(StaffRole::Organiser), Action::WritePosts));
        assert!(!member.may(Some(StaffRole::Staff), Action::WritePosts));
        assert!(member.may(Some(StaffRole::Staff), Action::CheckIn));
        assert!(!member.may(Some(StaffRole::Editor), Action::CheckIn));
        for action in [
            Action::ViewRegistrations,
            Action::ManageRegistrations,
            Action::EditConference,
            Action::Administer,
        ] {
            assert!(!member.may(Some(StaffRole::Editor), action), "{action:?}");
        }
        assert!(admin.may(None, Action::Administer));
        assert!(!member.may(Some(StaffRole::Organiser), Action::Administer));
    }
}
