//! Languages, translated content and the catalogue of interface strings.
//!
//! Interface strings live in Fluent files, `locales/{en,fr,ar}.ftl`, compiled
//! into the binary; a test checks that every key exists in every language.
//! Conference content (titles, descriptions) is [`Localized`]: it carries the
//! translations it has and falls back to its original language.

use chrono::{Datelike, NaiveDate};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::LazyLock;

/// A language the interface speaks.
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    En,
    Fr,
    Ar,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown language {0:?}: use en, fr or ar")]
pub struct UnknownLang(pub String);

impl Lang {
    pub const ALL: [Lang; 3] = [Lang::En, Lang::Fr, Lang::Ar];

    pub fn parse(code: &str) -> Result<Lang, UnknownLang> {
        match code {
            "en" => Ok(Lang::En),
            "fr" => Ok(Lang::Fr),
            "ar" => Ok(Lang::Ar),
            other => Err(UnknownLang(other.to_owned())),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::Ar => "ar",
        }
    }

    /// The writing direction, for `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            _ => "ltr",
        }
    }

    /// What separates the items of a list in a line ("Mayor, City of
    /// Mechelen"): Arabic writes its own comma.
    pub fn comma(self) -> &'static str {
        match self {
            Lang::Ar => "، ",
            _ => ", ",
        }
    }

    /// The language's own name, as the language switcher shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Fr => "Français",
            Lang::Ar => "العربية",
        }
    }

    /// The best language for an `Accept-Language` header (RFC 9110 §12.5.4),
    /// or `None` when it names none that we speak.
    pub fn from_accept_language(header: &str) -> Option<Lang> {
        let mut best: Option<(Lang, f32)> = None;
        for item in header.split(',') {
            let mut parts = item.trim().split(';');
            let tag = parts.next().unwrap_or("").trim().to_ascii_lowercase();
            let quality = parts
                .find_map(|p| {
                    p.trim()
                        .strip_prefix("q=")
                        .map(|q| q.parse::<f32>().unwrap_or(0.0))
                })
                .unwrap_or(1.0);
            let primary = tag.split('-').next().unwrap_or("");
            if let Ok(lang) = Lang::parse(primary) {
                if quality > 0.0 && best.is_none_or(|(_, q)| quality > q) {
                    best = Some((lang, quality));
                }
            }
        }
        best.map(|(lang, _)| lang)
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A text in its original language with any translations it has.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Localized {
    pub original: Lang,
    pub text: BTreeMap<Lang, String>,
}

impl Localized {
    /// A text that exists in one language only.
    pub fn new(original: Lang, text: impl Into<String>) -> Localized {
        Localized {
            original,
            text: BTreeMap::from([(original, text.into())]),
        }
    }

    pub fn with(mut self, lang: Lang, text: impl Into<String>) -> Localized {
        self.text.insert(lang, text.into());
        self
    }

    /// The text in `lang`, or in the original language when it has no translation.
    pub fn get(&self, lang: Lang) -> &str {
        self.text
            .get(&lang)
            .or_else(|| self.text.get(&self.original))
            .map(String::as_str)
            .unwrap_or("")
    }

    /// Whether `name` is this text in one of its languages, ignoring case:
    /// how an organiser's typed topic or track finds the existing one.
    pub fn is_named(&self, name: &str) -> bool {
        let wanted = name.to_lowercase();
        self.text.values().any(|t| t.to_lowercase() == wanted)
    }

    /// The language `get(lang)` actually answers in, for a `lang` attribute.
    pub fn lang_of(&self, lang: Lang) -> Lang {
        if self.text.contains_key(&lang) {
            lang
        } else {
            self.original
        }
    }
}

const SOURCES: [(Lang, &str); 3] = [
    (Lang::En, include_str!("../locales/en.ftl")),
    (Lang::Fr, include_str!("../locales/fr.ftl")),
    (Lang::Ar, include_str!("../locales/ar.ftl")),
];

type Bundle = FluentBundle<FluentResource>;

static BUNDLES: LazyLock<Vec<(Lang, Bundle)>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|(lang, source)| {
            let resource =
                FluentResource::try_new(source.to_string()).unwrap_or_else(|(_, errors)| {
                    panic!("locales/{lang}.ftl does not parse: {errors:?}")
                });
            let mut bundle =
                Bundle::new_concurrent(vec![lang.code().parse().expect("language id")]);
            // Isolation marks would end up inside attributes and titles; the
            // pages isolate embedded text with <bdi> where it matters.
            bundle.set_use_isolating(false);
            bundle
                .add_resource(resource)
                .unwrap_or_else(|errors| panic!("locales/{lang}.ftl: {errors:?}"));
            (*lang, bundle)
        })
        .collect()
});

fn bundle(lang: Lang) -> &'static Bundle {
    &BUNDLES
        .iter()
        .find(|(l, _)| *l == lang)
        .expect("every language has a bundle")
        .1
}

/// The interface string `key` in `lang`, with its arguments filled in.
/// A key missing from the catalogue shows as itself (the catalogue test
/// keeps that from happening).
pub fn t_args(lang: Lang, key: &str, args: &[(&str, &str)]) -> String {
    let bundle = bundle(lang);
    let Some(pattern) = bundle.get_message(key).and_then(|m| m.value()) else {
        tracing::warn!(key, %lang, "missing interface string");
        return key.to_owned();
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        fluent_args.set(*name, FluentValue::from(*value));
    }
    let mut errors = vec![];
    let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
    if !errors.is_empty() {
        tracing::warn!(key, %lang, ?errors, "interface string could not be formatted");
    }
    text.into_owned()
}

/// Whether the catalogue has `key` (for optional strings such as country names).
pub fn has(lang: Lang, key: &str) -> bool {
    bundle(lang).has_message(key)
}

/// The interface string `key` in `lang`.
pub fn t(lang: Lang, key: &str) -> String {
    t_args(lang, key, &[])
}

/// Every key of a language's catalogue, for the completeness test and tools.
pub fn catalogue_keys(lang: Lang) -> Vec<String> {
    let source = SOURCES.iter().find(|(l, _)| *l == lang).expect("source").1;
    let resource = FluentResource::try_new(source.to_string()).expect("catalogue parses");
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

/// "Thursday 16 November 2017" in the interface language.
pub fn long_date(lang: Lang, date: NaiveDate) -> String {
    let weekday = t(
        lang,
        &format!("weekday-{}", date.weekday().number_from_monday()),
    );
    let month = t(lang, &format!("month-{}", date.month()));
    let day = date.day().to_string();
    let year = date.year().to_string();
    t_args(
        lang,
        "date-long",
        &[
            ("weekday", &weekday),
            ("day", &day),
            ("month", &month),
            ("year", &year),
        ],
    )
}

/// "16–17 November 2017", or across months and years when it must.
pub fn date_range(lang: Lang, start: NaiveDate, end: NaiveDate) -> String {
    let month = |d: NaiveDate| t(lang, &format!("month-{}", d.month()));
    if start == end {
        return format!("{} {} {}", start.day(), month(start), start.year());
    }
    if start.year() == end.year() && start.month() == end.month() {
        format!(
            "{}–{} {} {}",
            start.day(),
            end.day(),
            month(start),
            start.year()
        )
    } else if start.year() == end.year() {
        format!(
            "{} {} – {} {} {}",
            start.day(),
            month(start),
            end.day(),
            month(end),
            end.year()
        )
    } else {
        format!(
            "{} {} {} – {} {} {}",
            start.day(),
            month(start),
            start.year(),
            end.day(),
            month(end),
            end.year()
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_key_exists_in_every_language() {
        let english: BTreeSet<String> = catalogue_keys(Lang::En).into_iter().collect();
        assert!(english.len() > 40, "the catalogue looks empty");
        for lang in [Lang::Fr, Lang::Ar] {
            let other: BTreeSet<String> = catalogue_keys(lang).into_iter().collect();
            let missing: Vec<_> = english.difference(&other).collect();
            let extra: Vec<_> = other.difference(&english).collect();
            assert!(missing.is_empty(), "{lang} lacks {missing:?}");
            assert!(extra.is_empty(), "{lang} has keys English lacks: {extra:?}");
        }
    }

    /// Every key the code names where it asks for a text (`t("…")`,
    /// `t_args(lang, "…", …)`, `locale.t("…")`) is in the catalogue, which
    /// the test above holds the same in every language: a key typed wrong
    /// would show as the key itself on a page. Keys made at run time
    /// (`format!("status-{}", …)`) are not seen here.
    #[test]
    fn every_key_the_code_names_is_in_the_catalogue() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut named = BTreeSet::new();
        let mut files = vec![];
        for folder in ["src", "app/src", "server/src"] {
            let mut stack = vec![root.join(folder)];
            while let Some(dir) = stack.pop() {
                for entry in std::fs::read_dir(&dir).expect("a source folder") {
                    let path = entry.expect("an entry").path();
                    if path.is_dir() {
                        stack.push(path);
                    } else if path.extension().is_some_and(|e| e == "rs") {
                        files.push(path);
                    }
                }
            }
        }
        for file in &files {
            let code = std::fs::read_to_string(file).expect("a source file");
            for (at, _) in code
                .match_indices("t(")
                .chain(code.match_indices("t_args("))
            {
                // A call of `t` or `t_args`, not of a name that ends in t.
                let before = code[..at].chars().next_back();
                if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                    continue;
                }
                let args = &code[at..];
                let args = &args[args.find('(').unwrap() + 1..];
                let first = args.split(')').next().unwrap_or("");
                // The key: the first string literal among the first two arguments.
                let key = first
                    .splitn(3, ',')
                    .take(2)
                    .map(str::trim)
                    .find(|a| a.starts_with('"'))
                    .map(|a| a.trim_matches('"'));
                if let Some(key) = key.filter(|k| {
                    !k.is_empty()
                        && k.chars().all(|c| {
                            c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'
                        })
                }) {
                    named.insert(key.to_owned());
                }
            }
        }
        assert!(
            named.len() > 100,
            "only {} keys found in {} files",
            named.len(),
            files.len()
        );
        let missing: Vec<_> = named.iter().filter(|k| !has(Lang::En, k)).collect();
        assert!(
            missing.is_empty(),
            "named in the code, not in the catalogue: {missing:?}"
        );
    }

    #[test]
    fn every_message_formats_without_error_in_every_language() {
        for lang in Lang::ALL {
            for key in catalogue_keys(lang) {
                let text = t_args(
                    lang,
                    &key,
                    &[
                        ("time", "09:00"),
                        ("abbr", "CET"),
                        ("city", "X"),
                        ("zone", "Z"),
                        ("name", "N"),
                        ("weekday", "W"),
                        ("day", "1"),
                        ("month", "M"),
                        ("year", "2017"),
                        ("count", "2"),
                        ("title", "T"),
                        ("topic", "T"),
                        ("language", "L"),
                        ("max", "10"),
                        ("conference", "C"),
                        ("position", "1"),
                    ],
                );
                assert!(!text.is_empty(), "{lang}: {key} is empty");
                assert_ne!(text, key, "{lang}: {key} did not resolve");
            }
        }
    }

    #[test]
    fn accept_language_picks_the_best_we_speak() {
        assert_eq!(
            Lang::from_accept_language("fr-BE,fr;q=0.9,en;q=0.8"),
            Some(Lang::Fr)
        );
        assert_eq!(
            Lang::from_accept_language("de-DE,ar;q=0.5,en;q=0.4"),
            Some(Lang::Ar)
        );
        assert_eq!(
            Lang::from_accept_language("en;q=0.2, ar-LB"),
            Some(Lang::Ar)
        );
        assert_eq!(Lang::from_accept_language("de, nl;q=0.9"), None);
        assert_eq!(Lang::from_accept_language("fr;q=0"), None);
        assert_eq!(Lang::from_accept_language(""), None);
    }

    #[test]
    fn localized_text_falls_back_to_its_original() {
        let title =
            Localized::new(Lang::En, "Opening ceremony").with(Lang::Fr, "Cérémonie d'ouverture");
        assert_eq!(title.get(Lang::Fr), "Cérémonie d'ouverture");
        assert_eq!(title.get(Lang::Ar), "Opening ceremony");
        assert_eq!(title.lang_of(Lang::Ar), Lang::En);
    }

    #[test]
    fn dates_read_naturally_in_each_language() {
        let d = NaiveDate::from_ymd_opt(2017, 11, 16).unwrap();
        assert_eq!(long_date(Lang::En, d), "Thursday 16 November 2017");
        assert_eq!(long_date(Lang::Fr, d), "jeudi 16 novembre 2017");
        assert!(long_date(Lang::Ar, d).contains("الخميس"));
        let e = NaiveDate::from_ymd_opt(2017, 11, 17).unwrap();
        assert_eq!(date_range(Lang::En, d, e), "16–17 November 2017");
        assert_eq!(date_range(Lang::Fr, d, e), "16–17 novembre 2017");
    }
}
