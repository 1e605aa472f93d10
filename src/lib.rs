//! Convene's core: the domain shared by the server and the WASM client.
//!
//! Types here parse rather than validate: a [`Slug`], a [`VenueZone`] or a
//! [`Lang`] that exists is a valid one. Rendering that needs no HTTP (ICS,
//! Atom, the agenda's layout) lives here too. Behind the `ssr` feature,
//! [`store`] keeps everything in SQLite or PostgreSQL. No HTTP, no Leptos.

/// The conversions of a parsed string type (`Type(String)` with
/// `Type::parse(&str) -> Result<Type, Error>`): from and into `String`, as
/// serde uses them, and `Display`.
#[macro_export]
macro_rules! string_newtype {
    ($type:ident, $error:ty) => {
        impl TryFrom<String> for $type {
            type Error = $error;
            fn try_from(value: String) -> Result<Self, Self::Error> {
                $type::parse(&value)
            }
        }

        impl From<$type> for String {
            fn from(value: $type) -> String {
                value.0
            }
        }

        impl std::fmt::Display for $type {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

/// An enum stored and posted as a short code (`Status::Confirmed` is
/// `"confirmed"`): `code()`, `parse(code)` and `ALL`, and serde by code.
#[macro_export]
macro_rules! coded_enum {
    ($(#[$meta:meta])* pub enum $name:ident { $($(#[$vmeta:meta])* $variant:ident = $code:literal,)+ }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
        pub enum $name {
            $($(#[$vmeta])* #[serde(rename = $code)] $variant,)+
        }

        impl $name {
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            pub fn code(self) -> &'static str {
                match self {
                    $($name::$variant => $code,)+
                }
            }

            pub fn parse(code: &str) -> Option<$name> {
                Self::ALL.iter().copied().find(|v| v.code() == code)
            }
        }
    };
}

pub mod account;
pub mod agenda;
pub mod branding;
pub mod conference;
pub mod conference_edit;
pub mod demo;
pub mod desk;
pub mod documents;
pub mod escape;
pub mod feed;
pub mod field;
pub mod health;
pub mod i18n;
pub mod ics;
pub mod mail;
pub mod materials;
pub mod my_agenda;
pub mod news;
pub mod onsite;
pub mod papers;
pub mod participants;
pub mod paths;
pub mod people;
pub mod pictures;
#[cfg(feature = "ssr")]
pub mod qr;
pub mod registration;
pub mod schedule;
pub mod scope;
pub mod session_edit;
pub mod slug;
pub mod zone;

#[cfg(feature = "ssr")]
pub mod password;
#[cfg(feature = "ssr")]
pub mod store;
#[cfg(feature = "ssr")]
pub mod xlsx;

pub use agenda::{
    Agenda, Day, Person, PersonRef, Role, Room, Row, Session, SessionKind, SessionRole, Track,
};
pub use conference::{Conference, Topic};
pub use i18n::{Lang, Localized};
pub use slug::Slug;
pub use zone::VenueZone;
