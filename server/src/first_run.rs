//! The first run's setup code. While no account exists, `/admin/setup`
//! makes the first administrator; the code keeps that page from being
//! anyone's who reaches it first (a scanner, or a page that rebinds its
//! own name to this server's address). It is made at start-up when no
//! account exists, printed in the server's log for whoever runs it, and
//! forgotten once used. Each instance has its own.

use rand::Rng;
use std::sync::{Arc, Mutex};

/// Letters and digits that cannot be mistaken for one another.
const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";

#[derive(Clone, Debug, Default)]
pub struct SetupCode(Arc<Mutex<Option<String>>>);

impl SetupCode {
    /// A new code, as printed: `ABCD-EFGH-JKLM`.
    pub fn new() -> SetupCode {
        let mut rng = rand::rng();
        let code: String = (0..12)
            .map(|i| {
                let c = ALPHABET[rng.random_range(0..ALPHABET.len())] as char;
                if i > 0 && i % 4 == 0 {
                    format!("-{c}")
                } else {
                    c.to_string()
                }
            })
            .collect();
        SetupCode(Arc::new(Mutex::new(Some(code))))
    }

    /// The code, while it is unused.
    pub fn shown(&self) -> Option<String> {
        self.0.lock().ok().and_then(|code| code.clone())
    }

    /// Whether `typed` is the code, as typed by a person: any case, with
    /// or without the hyphens and spaces.
    pub fn matches(&self, typed: &str) -> bool {
        let plain = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_ascii_alphanumeric())
                .map(|c| c.to_ascii_uppercase())
                .collect()
        };
        self.shown()
            .is_some_and(|code| !typed.is_empty() && plain(&code) == plain(typed))
    }

    /// Used: it opens nothing any more.
    pub fn forget(&self) {
        if let Ok(mut code) = self.0.lock() {
            *code = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_code_matches_as_typed_and_once() {
        let code = SetupCode::new();
        let shown = code.shown().unwrap();
        assert_eq!(shown.len(), 14, "{shown}");
        assert!(code.matches(&shown.to_lowercase().replace('-', " ")));
        assert!(!code.matches(""));
        assert!(!code.matches("AAAA-AAAA-AAAA") || shown == "AAAA-AAAA-AAAA");
        code.forget();
        assert!(!code.matches(&shown));
        assert!(!SetupCode::default().matches(""));
    }
}
