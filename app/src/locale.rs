//! The language of the request and the links that keep it.
//!
//! The server decides the language before routing (a `/fr` or `/ar` prefix,
//! then the remembered choice, then Accept-Language, then English), strips
//! the prefix and puts a [`Locale`] in the request's extensions. Pages read it
//! with [`Locale::current`] and build links with [`Locale::href`], so a
//! visitor who chose a language by its prefix stays in it.

use convene::Lang;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Locale {
    pub lang: Lang,
    /// Whether the URL carried the language (`/fr/...`).
    pub prefixed: bool,
}

impl Locale {
    /// The request's locale (English outside a request).
    pub fn current() -> Locale {
        #[cfg(feature = "ssr")]
        {
            use leptos::prelude::use_context;
            if let Some(locale) = use_context::<Locale>() {
                return locale;
            }
            if let Some(parts) = use_context::<http::request::Parts>() {
                if let Some(locale) = parts.extensions.get::<Locale>() {
                    return *locale;
                }
            }
        }
        Locale::default()
    }

    /// A site path (starting with `/`) in this locale.
    pub fn href(&self, path: &str) -> String {
        if self.prefixed {
            prefixed(self.lang, path)
        } else {
            path.to_owned()
        }
    }

    pub fn t(&self, key: &str) -> String {
        convene::i18n::t(self.lang, key)
    }

    pub fn t_args(&self, key: &str, args: &[(&str, &str)]) -> String {
        convene::i18n::t_args(self.lang, key, args)
    }
}

/// `path` in `lang`, explicitly: what the language switcher links to.
pub fn prefixed(lang: Lang, path: &str) -> String {
    if path == "/" {
        format!("/{}", lang.code())
    } else {
        format!("/{}{}", lang.code(), path)
    }
}

/// The request's path, without the language prefix.
pub fn current_path() -> String {
    #[cfg(feature = "ssr")]
    {
        if let Some(parts) = leptos::prelude::use_context::<http::request::Parts>() {
            return parts.uri.path().to_owned();
        }
    }
    "/".to_owned()
}
