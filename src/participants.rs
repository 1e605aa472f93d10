//! The public list of a conference's participants: the confirmed delegates
//! who agreed to be listed when they registered, of the categories its
//! organisers turned on (none by default, so no list). Each shows name,
//! function, organisation, country and category, never an email or
//! anything else of the registration.

use crate::registration::country::CountryCode;
use crate::registration::Category;
use serde::{Deserialize, Serialize};

/// A listed delegate, as the public list shows them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Participant {
    pub given_name: String,
    pub family_name: String,
    pub function: String,
    pub organisation: String,
    /// ISO 3166 code.
    pub country: String,
    pub category: Category,
}

impl Participant {
    /// What a search looks in: the name, function and organisation,
    /// lower case and without accents.
    pub fn search_text(&self) -> String {
        crate::desk::search_text(&[
            &self.given_name,
            &self.family_name,
            &self.function,
            &self.organisation,
        ])
    }
}

/// The categories a conference's list shows, as its organisers chose.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ListedCategories(pub Vec<Category>);

impl ListedCategories {
    /// From the organisers' form: a ticked `listed-{code}` per category.
    /// Names of no category are ignored.
    pub fn parse(pairs: &[(String, String)]) -> ListedCategories {
        ListedCategories(
            Category::ALL
                .iter()
                .copied()
                .filter(|c| {
                    let name = format!("listed-{}", c.code());
                    pairs.iter().any(|(n, v)| *n == name && !v.is_empty())
                })
                .collect(),
        )
    }

    /// Whether there is a list at all.
    pub fn any(&self) -> bool {
        !self.0.is_empty()
    }

    pub fn has(&self, category: Category) -> bool {
        self.0.contains(&category)
    }
}

/// Rows a page of the list holds.
pub const PER_PAGE: usize = 50;
/// A search longer than this is cut: no name is longer.
const MAX_QUERY: usize = 100;

/// The list's search and filters, as its GET form sends them. Values that
/// name nothing are ignored, so a stale link still opens the list.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ParticipantFilter {
    pub q: String,
    pub category: String,
    pub country: String,
    /// 1 is the first.
    pub page: String,
}

impl ParticipantFilter {
    pub fn category(&self) -> Option<Category> {
        Category::parse(self.category.trim())
    }

    pub fn country(&self) -> Option<CountryCode> {
        CountryCode::parse(&self.country).ok()
    }

    pub fn page(&self) -> usize {
        self.page.trim().parse().unwrap_or(1).clamp(1, 10_000)
    }

    /// The search's words, folded like the participants' text.
    fn words(&self) -> Vec<String> {
        let q: String = self.q.chars().take(MAX_QUERY).collect();
        crate::desk::search_text(&[&q])
            .split_whitespace()
            .map(str::to_owned)
            .collect()
    }

    /// Whether `p` is one this filter asks for: every word of the search
    /// in their name, function or organisation, and of the category and
    /// country chosen.
    pub fn admits(&self, p: &Participant) -> bool {
        let words = self.words();
        let text = if words.is_empty() {
            String::new()
        } else {
            p.search_text()
        };
        self.category().is_none_or(|c| c == p.category)
            && self.country().is_none_or(|c| c.as_str() == p.country)
            && words.iter().all(|w| text.contains(w.as_str()))
    }

    /// The query string of this filter at another page, values escaped.
    pub fn query_at(&self, page: usize) -> String {
        let mut query: Vec<String> = [
            ("q", self.q.as_str()),
            ("category", self.category.as_str()),
            ("country", self.country.as_str()),
        ]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={}", crate::desk::percent_encode(v)))
        .collect();
        query.push(format!("page={page}"));
        query.join("&")
    }
}

/// One page of a conference's list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ParticipantPage {
    /// The categories shown, for the filter.
    pub categories: Vec<Category>,
    /// The countries of everyone listed, for the filter.
    pub countries: Vec<String>,
    /// How many the filter admits, over every page.
    pub total: usize,
    pub rows: Vec<Participant>,
}

impl ParticipantPage {
    /// The page `filter` asks for from everyone listed (sorted by family
    /// name).
    pub fn of(
        listed: Vec<Participant>,
        categories: Vec<Category>,
        filter: &ParticipantFilter,
    ) -> ParticipantPage {
        let mut countries: Vec<String> = listed.iter().map(|p| p.country.clone()).collect();
        countries.sort();
        countries.dedup();
        let admitted: Vec<Participant> = listed.into_iter().filter(|p| filter.admits(p)).collect();
        let total = admitted.len();
        let rows = admitted
            .into_iter()
            .skip((filter.page() - 1) * PER_PAGE)
            .take(PER_PAGE)
            .collect();
        ParticipantPage {
            categories,
            countries,
            total,
            rows,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(given: &str, family: &str, org: &str, country: &str, c: Category) -> Participant {
        Participant {
            given_name: given.into(),
            family_name: family.into(),
            function: "Mayor".into(),
            organisation: org.into(),
            country: country.into(),
            category: c,
        }
    }

    #[test]
    fn a_search_finds_every_word_without_accents_and_filters_narrow() {
        let all = vec![
            person(
                "Zoë",
                "Müller",
                "City of Bern",
                "CH",
                Category::MayorOrGovernor,
            ),
            person(
                "Ana",
                "García",
                "UCLG",
                "ES",
                Category::InternationalOrganisation,
            ),
            person(
                "Omar",
                "Haddad",
                "Municipality of Tyre",
                "LB",
                Category::MayorOrGovernor,
            ),
        ];
        let page = |f: ParticipantFilter| {
            ParticipantPage::of(all.clone(), vec![], &f)
                .rows
                .into_iter()
                .map(|p| p.family_name)
                .collect::<Vec<_>>()
        };
        let q = |q: &str| ParticipantFilter {
            q: q.into(),
            ..Default::default()
        };
        assert_eq!(page(q("zoe muller")), ["Müller"]);
        assert_eq!(page(q("GARCIA uclg")), ["García"]);
        assert_eq!(page(q("of")), ["Müller", "Haddad"]);
        assert!(page(q("zoe haddad")).is_empty());
        let mayors = ParticipantFilter {
            category: "mayor_or_governor".into(),
            country: "LB".into(),
            ..Default::default()
        };
        assert_eq!(page(mayors), ["Haddad"]);
        // A filter naming nothing is no filter.
        let stale = ParticipantFilter {
            category: "astronaut".into(),
            ..Default::default()
        };
        assert_eq!(page(stale).len(), 3);
        let countries = ParticipantPage::of(all.clone(), vec![], &Default::default()).countries;
        assert_eq!(countries, ["CH", "ES", "LB"]);
    }

    #[test]
    fn pages_hold_fifty() {
        let all: Vec<_> = (0..120)
            .map(|i| person("A", &format!("{i:03}"), "X", "BE", Category::Academia))
            .collect();
        let at = |page: &str| {
            ParticipantPage::of(
                all.clone(),
                vec![],
                &ParticipantFilter {
                    page: page.into(),
                    ..Default::default()
                },
            )
        };
        assert_eq!(at("1").rows.len(), 50);
        assert_eq!(at("3").rows.len(), 20);
        assert_eq!(at("3").rows[0].family_name, "100");
        assert_eq!(at("9").rows.len(), 0);
        assert_eq!(at("x").total, 120);
    }

    #[test]
    fn the_organisers_form_ticks_categories() {
        let pairs = vec![
            ("listed-academia".to_owned(), "on".to_owned()),
            ("listed-press".to_owned(), "on".to_owned()),
            ("listed-nobody".to_owned(), "on".to_owned()),
        ];
        let listed = ListedCategories::parse(&pairs);
        assert_eq!(listed.0, [Category::Academia, Category::Press]);
        assert!(listed.any() && listed.has(Category::Press));
        assert!(!ListedCategories::parse(&[]).any());
    }
}
