//! A conference's settings as the back office changes them: the form as
//! typed, and the settings it parses into. The same form creates a
//! conference (then it also asks for the address, its slug) and edits one.
//! Content (title, description, privacy text) is typed in each of the
//! conference's languages; the first language is the original and
//! required, the others fall back to it.

use crate::field::{clean, is_bidi_override, Problem, ShortText};
use crate::i18n::{Lang, Localized};
use crate::registration::country::CountryCode;
use crate::registration::{Category, RegistrationMode};
use crate::slug::Slug;
use crate::zone::VenueZone;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Hosts and partners a conference lists, at most.
pub const MAX_NAMES: usize = 30;

/// Topics a conference is listed under, at most.
pub const MAX_TOPICS: usize = 10;

/// The settings form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ConferenceForm {
    /// Only when creating or copying a conference.
    pub slug: String,
    /// Per language code: (code, text).
    pub titles: Vec<(String, String)>,
    pub descriptions: Vec<(String, String)>,
    pub privacy: Vec<(String, String)>,
    pub starts_on: String,
    pub ends_on: String,
    pub zone: String,
    pub venue: String,
    pub city: String,
    pub country: String,
    /// One per line.
    pub hosts: String,
    pub partners: String,
    /// Codes of the checked languages.
    pub languages: Vec<String>,
    pub mode: String,
    /// Empty: no limit.
    pub capacity: String,
    /// Days registration opens and closes; empty: no limit.
    pub opens_on: String,
    pub closes_on: String,
    /// Codes of the checked participant categories.
    pub categories: Vec<String>,
    /// Topic names, one per line.
    pub topics: String,
}

fn day_text(day: Option<NaiveDate>) -> String {
    day.map(|d| d.to_string()).unwrap_or_default()
}

fn text_in(texts: &[(String, String)], lang: Lang) -> &str {
    texts
        .iter()
        .find(|(l, _)| l == lang.code())
        .map(|(_, t)| t.as_str())
        .unwrap_or("")
}

impl ConferenceForm {
    /// From a posted body: `title_en`, `description_fr`, `privacy_ar`,
    /// `languages` (repeated) and the other fields by name.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> ConferenceForm {
        let mut form = ConferenceForm::default();
        for (name, value) in pairs {
            match name.as_str() {
                "slug" => form.slug = value,
                "starts_on" => form.starts_on = value,
                "ends_on" => form.ends_on = value,
                "zone" => form.zone = value,
                "venue" => form.venue = value,
                "city" => form.city = value,
                "country" => form.country = value,
                "hosts" => form.hosts = value,
                "partners" => form.partners = value,
                "languages" => form.languages.push(value),
                "mode" => form.mode = value,
                "capacity" => form.capacity = value,
                "opens_on" => form.opens_on = value,
                "closes_on" => form.closes_on = value,
                "categories" => form.categories.push(value),
                "topics" => form.topics = value,
                other => {
                    if let Some(lang) = other.strip_prefix("title_") {
                        form.titles.push((lang.to_owned(), value));
                    } else if let Some(lang) = other.strip_prefix("description_") {
                        form.descriptions.push((lang.to_owned(), value));
                    } else if let Some(lang) = other.strip_prefix("privacy_") {
                        form.privacy.push((lang.to_owned(), value));
                    }
                }
            }
        }
        form
    }

    /// The form filled with a conference's settings as stored.
    pub fn of(settings: &ConferenceSettings) -> ConferenceForm {
        let texts = |l: &Localized| {
            Lang::ALL
                .iter()
                .filter_map(|lang| {
                    l.text
                        .get(lang)
                        .map(|t| (lang.code().to_owned(), t.clone()))
                })
                .collect()
        };
        ConferenceForm {
            slug: String::new(),
            titles: texts(&settings.title),
            descriptions: texts(&settings.description),
            privacy: texts(&settings.privacy),
            starts_on: settings.starts_on.to_string(),
            ends_on: settings.ends_on.to_string(),
            zone: settings.zone.name().to_owned(),
            venue: settings.venue.clone(),
            city: settings.city.clone(),
            country: settings.country.as_str().to_owned(),
            hosts: settings.hosts.join("\n"),
            partners: settings.partners.join("\n"),
            languages: settings
                .languages
                .iter()
                .map(|l| l.code().to_owned())
                .collect(),
            mode: settings.mode.code().to_owned(),
            capacity: settings.capacity.map(|c| c.to_string()).unwrap_or_default(),
            opens_on: day_text(settings.window.opens_on),
            closes_on: day_text(settings.window.closes_on),
            categories: settings
                .categories
                .iter()
                .map(|c| c.code().to_owned())
                .collect(),
            topics: settings.topics.join("\n"),
        }
    }

    pub fn title(&self, lang: Lang) -> &str {
        text_in(&self.titles, lang)
    }

    pub fn description(&self, lang: Lang) -> &str {
        text_in(&self.descriptions, lang)
    }

    pub fn privacy_text(&self, lang: Lang) -> &str {
        text_in(&self.privacy, lang)
    }

    pub fn has_language(&self, lang: Lang) -> bool {
        self.languages.iter().any(|l| l == lang.code())
    }

    pub fn has_category(&self, category: Category) -> bool {
        self.categories.iter().any(|c| c == category.code())
    }
}

/// The form's fields, for problems beside them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ConferenceField {
    Slug,
    Title(Lang),
    Description(Lang),
    Privacy(Lang),
    StartsOn,
    EndsOn,
    Zone,
    Venue,
    City,
    Country,
    Hosts,
    Partners,
    Languages,
    Mode,
    Capacity,
    OpensOn,
    ClosesOn,
    Categories,
    Topics,
}

/// Every problem of a form, each beside its field.
pub type Problems = Vec<(ConferenceField, Problem)>;

/// A conference's settings that passed every rule.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ConferenceSettings {
    pub title: Localized,
    pub description: Localized,
    pub privacy: Localized,
    pub starts_on: NaiveDate,
    pub ends_on: NaiveDate,
    pub zone: VenueZone,
    pub venue: String,
    pub city: String,
    pub country: CountryCode,
    pub hosts: Vec<String>,
    pub partners: Vec<String>,
    /// The first is the original language of its texts.
    pub languages: Vec<Lang>,
    pub mode: RegistrationMode,
    pub capacity: Option<u32>,
    pub window: crate::registration::RegistrationWindow,
    /// At least one.
    pub categories: Vec<Category>,
    /// The names of the topics it is listed under, in its first language.
    pub topics: Vec<String>,
}

/// A long text with paragraphs: line breaks allowed, other control
/// characters and bidi overrides not.
pub(crate) fn paragraphs(value: &str, max: usize) -> Result<Option<String>, Problem> {
    let value = value.trim().replace("\r\n", "\n");
    if value.is_empty() {
        return Ok(None);
    }
    if value
        .chars()
        .any(|c| (c.is_control() && c != '\n') || is_bidi_override(c))
    {
        return Err(Problem::ControlCharacters);
    }
    if value.chars().count() > max {
        return Err(Problem::TooLong { max });
    }
    Ok(Some(value))
}

/// Names, one per line, each of `max_chars` at most; empty lines and
/// repeats are skipped.
pub(crate) fn names(
    value: &str,
    max_chars: usize,
    max_names: usize,
) -> Result<Vec<String>, Problem> {
    let mut names: Vec<String> = vec![];
    for line in value.lines().filter(|l| !l.trim().is_empty()) {
        let name = clean(line, max_chars)?;
        if !names.contains(&name) {
            names.push(name);
        }
    }
    if names.len() > max_names {
        return Err(Problem::TooLong { max: max_names });
    }
    Ok(names)
}

/// A day written as 2017-11-16.
fn day(value: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(value.trim(), "%Y-%m-%d").ok()
}

/// The address of a new conference (or copy).
pub fn parse_slug(value: &str) -> Result<Slug, Problem> {
    Slug::parse(value.trim()).map_err(|_| Problem::NotASlug)
}

/// The first day of a copy, as typed.
pub fn parse_day(value: &str) -> Result<NaiveDate, Problem> {
    day(value).ok_or(Problem::NotADay)
}

impl ConferenceSettings {
    /// Parses the form, reporting every problem at once. With `new`, the
    /// slug is asked too (and returned).
    pub fn parse(
        form: &ConferenceForm,
        new: bool,
    ) -> Result<(ConferenceSettings, Option<Slug>), Problems> {
        use ConferenceField as F;
        let mut problems = vec![];
        let slug = if new {
            match parse_slug(&form.slug) {
                Ok(slug) => Some(slug),
                Err(p) => {
                    problems.push((F::Slug, p));
                    None
                }
            }
        } else {
            None
        };
        let languages: Vec<Lang> = Lang::ALL
            .into_iter()
            .filter(|l| form.has_language(*l))
            .collect();
        if languages.is_empty() {
            problems.push((F::Languages, Problem::ChooseOne));
        }
        let original = languages.first().copied().unwrap_or_default();
        let mut title = Localized::new(original, "");
        let mut description = Localized::new(original, "");
        let mut privacy = Localized::new(original, "");
        for lang in &languages {
            let first = *lang == original;
            match ShortText::<300>::parse_optional(form.title(*lang)) {
                Ok(Some(t)) => title = title.with(*lang, t.as_str()),
                Ok(None) if first => problems.push((F::Title(*lang), Problem::Required)),
                Ok(None) => {}
                Err(p) => problems.push((F::Title(*lang), p)),
            }
            match paragraphs(form.description(*lang), 10_000) {
                Ok(Some(t)) => description = description.with(*lang, t),
                Ok(None) => {}
                Err(p) => problems.push((F::Description(*lang), p)),
            }
            match paragraphs(form.privacy_text(*lang), 20_000) {
                Ok(Some(t)) => privacy = privacy.with(*lang, t),
                Ok(None) if first => problems.push((F::Privacy(*lang), Problem::Required)),
                Ok(None) => {}
                Err(p) => problems.push((F::Privacy(*lang), p)),
            }
        }
        let starts_on = day(&form.starts_on);
        if starts_on.is_none() {
            problems.push((F::StartsOn, Problem::NotADay));
        }
        let ends_on = day(&form.ends_on);
        if ends_on.is_none() {
            problems.push((F::EndsOn, Problem::NotADay));
        }
        if let (Some(s), Some(e)) = (starts_on, ends_on) {
            if e < s {
                problems.push((F::EndsOn, Problem::LastDayBeforeFirst));
            }
        }
        let zone = VenueZone::parse(form.zone.trim()).ok();
        if zone.is_none() {
            problems.push((F::Zone, Problem::NotAZone));
        }
        let mut one_line = |value: &str, field| match clean(value, 200) {
            Ok(v) => v,
            Err(p) => {
                problems.push((field, p));
                String::new()
            }
        };
        let venue = one_line(&form.venue, F::Venue);
        let city = one_line(&form.city, F::City);
        let country = match CountryCode::parse(form.country.trim()) {
            Ok(c) => Some(c),
            Err(p) => {
                problems.push((F::Country, p));
                None
            }
        };
        let hosts = names(&form.hosts, 200, MAX_NAMES).unwrap_or_else(|p| {
            problems.push((F::Hosts, p));
            vec![]
        });
        let partners = names(&form.partners, 200, MAX_NAMES).unwrap_or_else(|p| {
            problems.push((F::Partners, p));
            vec![]
        });
        let categories: Vec<Category> = Category::ALL
            .iter()
            .copied()
            .filter(|c| form.has_category(*c))
            .collect();
        if categories.is_empty() {
            problems.push((F::Categories, Problem::ChooseOne));
        }
        let topics = names(&form.topics, 60, MAX_TOPICS).unwrap_or_else(|p| {
            problems.push((F::Topics, p));
            vec![]
        });
        let mode = RegistrationMode::parse(form.mode.trim());
        if mode.is_none() {
            problems.push((F::Mode, Problem::ChooseOne));
        }
        let capacity = match form.capacity.trim() {
            "" => None,
            n => match n.parse::<u32>() {
                Ok(n) if n > 0 => Some(n),
                _ => {
                    problems.push((F::Capacity, Problem::NotANumber));
                    None
                }
            },
        };
        let mut optional_day = |value: &str, field| match value.trim() {
            "" => None,
            typed => {
                let parsed = day(typed);
                if parsed.is_none() {
                    problems.push((field, Problem::NotADay));
                }
                parsed
            }
        };
        let opens_on = optional_day(&form.opens_on, F::OpensOn);
        let closes_on = optional_day(&form.closes_on, F::ClosesOn);
        if let (Some(o), Some(c)) = (opens_on, closes_on) {
            if c < o {
                problems.push((F::ClosesOn, Problem::LastDayBeforeFirst));
            }
        }
        let window = crate::registration::RegistrationWindow {
            opens_on,
            closes_on,
        };
        match (starts_on, ends_on, zone, country, mode) {
            (Some(starts_on), Some(ends_on), Some(zone), Some(country), Some(mode))
                if problems.is_empty() =>
            {
                Ok((
                    ConferenceSettings {
                        title,
                        description,
                        privacy,
                        starts_on,
                        ends_on,
                        zone,
                        venue,
                        city,
                        country,
                        hosts,
                        partners,
                        languages,
                        mode,
                        capacity,
                        window,
                        categories,
                        topics,
                    },
                    slug,
                ))
            }
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests;
