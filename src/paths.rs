//! The addresses of a registration's and an account's secret links, in one
//! place: the store writes them into emails, the pages post to them, the
//! server answers them. Each gives the path; an email's link is the site's
//! public address followed by it ([`link`]). (The router's patterns,
//! `/r/{token}` and the like, name the same paths.)

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

/// Where the private link's page posts its changes.
pub fn change(token: &str) -> String {
    format!("/r/{token}/change")
}

/// Where the private link's page posts a cancellation.
pub fn cancel(token: &str) -> String {
    format!("/r/{token}/cancel")
}

/// The registration form opened from a personal invitation.
pub fn invitation(conference: &str, token: &str) -> String {
    format!("/conferences/{conference}/register?invitation={token}")
}

/// The page of an emailed password reset link.
pub fn password_reset(token: &str) -> String {
    format!("/admin/reset/{token}")
}
