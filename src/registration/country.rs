//! Countries: ISO 3166-1 alpha-2 codes with their names in each language of
//! the interface, from Debian's iso-codes (`countries.tsv`, written by
//! `scripts/countries`).

use crate::field::Problem;
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

const TABLE: &str = include_str!("../countries.tsv");

/// Rows of the table: code, then the name in English, French and Arabic,
/// read once (a page of the back office names fifty countries).
static ROWS: LazyLock<Vec<[&'static str; 4]>> = LazyLock::new(|| {
    TABLE
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| {
            let mut cells = line.split('\t');
            let mut next = || cells.next().unwrap_or("");
            [next(), next(), next(), next()]
        })
        .collect()
});

/// The sorted lists of [`countries`], made once per language.
static SORTED: [LazyLock<Vec<(&'static str, &'static str)>>; 3] = [
    LazyLock::new(|| sorted(Lang::En)),
    LazyLock::new(|| sorted(Lang::Fr)),
    LazyLock::new(|| sorted(Lang::Ar)),
];

/// The row of a code. (A scan of 250 short codes: a map would cost the
/// WASM client more bytes than it saves time.)
fn row(code: &str) -> Option<&'static [&'static str; 4]> {
    ROWS.iter().find(|row| row[0] == code)
}

fn column(lang: Lang) -> usize {
    match lang {
        Lang::En => 1,
        Lang::Fr => 2,
        Lang::Ar => 3,
    }
}

/// An ISO 3166-1 alpha-2 code of a country that exists, such as BE or LB.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode([u8; 2]);

impl CountryCode {
    pub fn parse(value: &str) -> Result<CountryCode, Problem> {
        let value = value.trim();
        // Chosen from a list: nothing chosen is "choose one".
        if value.is_empty() {
            return Err(Problem::ChooseOne);
        }
        let upper = value.to_ascii_uppercase();
        match upper.as_bytes() {
            [a, b] if row(&upper).is_some() => Ok(CountryCode([*a, *b])),
            _ => Err(Problem::ChooseOne),
        }
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).expect("ASCII letters")
    }

    /// The country's name in `lang`.
    pub fn name(&self, lang: Lang) -> &'static str {
        row(self.as_str()).map_or("", |row| row[column(lang)])
    }
}

impl TryFrom<String> for CountryCode {
    type Error = Problem;
    fn try_from(value: String) -> Result<Self, Problem> {
        CountryCode::parse(&value)
    }
}

impl From<CountryCode> for String {
    fn from(value: CountryCode) -> String {
        value.as_str().to_owned()
    }
}

/// Every country as (code, name in `lang`), in the alphabetical order of
/// that language's names (accents do not count: "Égypte" comes before
/// "Espagne"), as a country list is read.
pub fn countries(lang: Lang) -> Vec<(&'static str, &'static str)> {
    SORTED[column(lang) - 1].clone()
}

fn sorted(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let mut list: Vec<(String, &str, &str)> = ROWS
        .iter()
        .map(|row| (sort_key(row[column(lang)]), row[0], row[column(lang)]))
        .collect();
    list.sort();
    list.into_iter()
        .map(|(_, code, name)| (code, name))
        .collect()
}

/// Lowercase, without combining marks (accents, and Arabic's short vowels
/// and shadda, which dictionaries ignore when sorting).
fn sort_key(name: &str) -> String {
    name.nfd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_country_has_a_name_in_every_language() {
        assert!(ROWS.len() >= 249);
        for lang in Lang::ALL {
            let list = countries(lang);
            assert_eq!(list.len(), ROWS.len());
            assert!(list
                .iter()
                .all(|(code, name)| code.len() == 2 && !name.is_empty()));
        }
        let lb = CountryCode::parse("lb").unwrap();
        assert_eq!(lb.as_str(), "LB");
        assert_eq!(lb.name(Lang::En), "Lebanon");
        assert_eq!(lb.name(Lang::Fr), "Liban");
        assert_eq!(lb.name(Lang::Ar), "لبنان");
    }

    #[test]
    fn codes_that_are_no_country_are_refused() {
        assert_eq!(CountryCode::parse(" "), Err(Problem::ChooseOne));
        assert_eq!(CountryCode::parse("XX"), Err(Problem::ChooseOne));
        assert_eq!(CountryCode::parse("BEL"), Err(Problem::ChooseOne));
        assert_eq!(CountryCode::parse("<b"), Err(Problem::ChooseOne));
    }

    #[test]
    fn lists_are_in_the_order_of_their_language() {
        let fr: Vec<&str> = countries(Lang::Fr).into_iter().map(|(_, n)| n).collect();
        let position = |name: &str| fr.iter().position(|n| *n == name).unwrap();
        assert!(position("Égypte") < position("Espagne"));
        assert!(position("Allemagne") < position("Belgique"));
        assert_eq!(countries(Lang::En)[0].1, "Afghanistan");
    }
}
