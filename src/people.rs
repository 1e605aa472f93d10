//! A speaker's profile as an organiser types it in the back office, and
//! what it parses into, every problem beside its field at once. Position,
//! organisation, biography and the portrait's text are written per
//! language of the conference; the first written is the original.

use crate::agenda::PersonLink;
use crate::field::{clean, PersonName, Problem, ShortText, WebAddress};
use crate::i18n::{Lang, Localized};
use serde::{Deserialize, Serialize};

/// Links a profile lists, at most.
pub const MAX_LINKS: usize = 4;
/// A biography's length, at most, in characters per language.
pub const MAX_BIO: usize = 3000;

/// The profile form's fields, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct ProfileForm {
    pub name: String,
    /// Per language: (code, text).
    pub positions: Vec<(String, String)>,
    pub organisations: Vec<(String, String)>,
    pub bios: Vec<(String, String)>,
    pub alts: Vec<(String, String)>,
    /// (label, address), in the order of the form's rows.
    pub links: Vec<(String, String)>,
    /// "on": shown on the public site.
    pub public: String,
    /// "on": the portrait is taken away.
    pub remove_photo: String,
}

/// Where a problem is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ProfileField {
    Name,
    Position(Lang),
    Organisation(Lang),
    Bio(Lang),
    Alt(Lang),
    LinkLabel(usize),
    LinkUrl(usize),
    Photo,
}

impl ProfileField {
    /// The id of the field's input, for its label and its problem.
    pub fn id(self) -> String {
        match self {
            ProfileField::Name => "field-name".into(),
            ProfileField::Position(l) => format!("field-position-{l}"),
            ProfileField::Organisation(l) => format!("field-organisation-{l}"),
            ProfileField::Bio(l) => format!("field-bio-{l}"),
            ProfileField::Alt(l) => format!("field-alt-{l}"),
            ProfileField::LinkLabel(i) => format!("field-link-label-{i}"),
            ProfileField::LinkUrl(i) => format!("field-link-url-{i}"),
            ProfileField::Photo => "field-photo".into(),
        }
    }
}

impl ProfileForm {
    /// From a posted body: `position_en`, `bio_fr`, `link_label_0`,
    /// `link_url_0`… and the other fields by name.
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> ProfileForm {
        let mut form = ProfileForm::default();
        let mut labels = vec![String::new(); MAX_LINKS];
        let mut urls = vec![String::new(); MAX_LINKS];
        for (name, value) in pairs {
            match name.as_str() {
                "name" => form.name = value,
                "public" => form.public = value,
                "remove_photo" => form.remove_photo = value,
                other => {
                    let row = |prefix: &str| {
                        other
                            .strip_prefix(prefix)
                            .and_then(|i| i.parse::<usize>().ok())
                            .filter(|i| *i < MAX_LINKS)
                    };
                    if let Some(i) = row("link_label_") {
                        labels[i] = value;
                        continue;
                    }
                    if let Some(i) = row("link_url_") {
                        urls[i] = value;
                        continue;
                    }
                    let texts = [
                        ("position_", &mut form.positions),
                        ("organisation_", &mut form.organisations),
                        ("bio_", &mut form.bios),
                        ("alt_", &mut form.alts),
                    ];
                    for (prefix, texts) in texts {
                        if let Some(lang) = other.strip_prefix(prefix) {
                            // Sent twice: the later one, as for every field.
                            texts.retain(|(l, _)| l != lang);
                            texts.push((lang.to_owned(), value.clone()));
                        }
                    }
                }
            }
        }
        form.links = labels.into_iter().zip(urls).collect();
        form
    }

    /// The form of a stored person, to change them.
    pub fn of(person: &crate::Person) -> ProfileForm {
        let texts = |text: &Option<Localized>| -> Vec<(String, String)> {
            text.iter()
                .flat_map(|t| t.text.iter())
                .map(|(lang, t)| (lang.code().to_owned(), t.clone()))
                .collect()
        };
        let mut links: Vec<(String, String)> = person
            .links
            .iter()
            .map(|l| (l.label.clone(), l.url.to_string()))
            .collect();
        links.resize(MAX_LINKS, (String::new(), String::new()));
        ProfileForm {
            name: person.name.clone(),
            positions: texts(&person.position),
            organisations: texts(&person.organisation),
            bios: texts(&person.bio),
            alts: texts(&person.photo.as_ref().and_then(|p| p.alt.clone())),
            links,
            public: if person.public {
                "on".into()
            } else {
                String::new()
            },
            remove_photo: String::new(),
        }
    }

    /// What was typed in `lang` in one of the per-language fields.
    pub fn text(texts: &[(String, String)], lang: Lang) -> &str {
        texts
            .iter()
            .find(|(code, _)| code == lang.code())
            .map_or("", |(_, t)| t.as_str())
    }

    pub fn link(&self, row: usize) -> (&str, &str) {
        self.links
            .get(row)
            .map_or(("", ""), |(l, u)| (l.as_str(), u.as_str()))
    }
}

/// A profile that parsed: what the store keeps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ProfileEdit {
    pub name: String,
    pub position: Option<Localized>,
    pub organisation: Option<Localized>,
    pub bio: Option<Localized>,
    /// The portrait's text; kept with the portrait.
    pub alt: Option<Localized>,
    pub links: Vec<PersonLink>,
    pub public: bool,
    pub remove_photo: bool,
}

impl ProfileEdit {
    /// Parses `form` for a conference in `languages`; `has_photo`: a
    /// portrait is kept or being sent, which then needs its text in at
    /// least one language.
    pub fn parse(
        form: &ProfileForm,
        languages: &[Lang],
        has_photo: bool,
    ) -> Result<ProfileEdit, Vec<(ProfileField, Problem)>> {
        let mut problems = vec![];
        let name = PersonName::parse(&form.name)
            .map_err(|p| problems.push((ProfileField::Name, p)))
            .ok();
        let mut texts = |values: &[(String, String)],
                         field: fn(Lang) -> ProfileField,
                         parse: fn(&str) -> Result<String, Problem>| {
            let mut text: Option<Localized> = None;
            for &lang in languages {
                let value = ProfileForm::text(values, lang);
                if value.trim().is_empty() {
                    continue;
                }
                match parse(value) {
                    Ok(value) => {
                        text = Some(match text.take() {
                            None => Localized::new(lang, value),
                            Some(t) => t.with(lang, value),
                        })
                    }
                    Err(p) => problems.push((field(lang), p)),
                }
            }
            text
        };
        let line = |v: &str| ShortText::<200>::parse(v).map(|t| t.as_str().to_owned());
        let position = texts(&form.positions, ProfileField::Position, line);
        let organisation = texts(&form.organisations, ProfileField::Organisation, line);
        let bio = texts(&form.bios, ProfileField::Bio, bio);
        let alt = texts(&form.alts, ProfileField::Alt, |v| {
            ShortText::<300>::parse(v).map(|t| t.as_str().to_owned())
        });
        let remove_photo = form.remove_photo == "on";
        if has_photo && !remove_photo && alt.is_none() {
            if let Some(&first) = languages.first() {
                problems.push((ProfileField::Alt(first), Problem::Required));
            }
        }
        let mut links = vec![];
        for (i, (label, url)) in form.links.iter().enumerate().take(MAX_LINKS) {
            if label.trim().is_empty() && url.trim().is_empty() {
                continue;
            }
            let label = ShortText::<60>::parse_optional(label)
                .map_err(|p| problems.push((ProfileField::LinkLabel(i), p)))
                .ok()
                .flatten();
            match WebAddress::parse(url) {
                Ok(url) => links.push(PersonLink {
                    label: label.map(|l| l.as_str().to_owned()).unwrap_or_default(),
                    url,
                }),
                Err(p) => problems.push((ProfileField::LinkUrl(i), p)),
            }
        }
        match name {
            Some(name) if problems.is_empty() => Ok(ProfileEdit {
                name: name.as_str().to_owned(),
                position,
                organisation,
                bio,
                alt,
                links,
                public: form.public == "on",
                remove_photo,
            }),
            _ => Err(problems),
        }
    }
}

/// A biography: paragraphs of plain text (line breaks kept), no other
/// control characters, at most [`MAX_BIO`] characters.
fn bio(value: &str) -> Result<String, Problem> {
    let value = value.trim().replace("\r\n", "\n");
    let without_breaks: String = value
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    clean(&without_breaks, MAX_BIO)?;
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> ProfileForm {
        ProfileForm::from_pairs(pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())))
    }

    #[test]
    fn a_profile_in_two_languages_parses() {
        let f = form(&[
            ("name", "Bart Somers"),
            ("position_en", "Mayor of Mechelen"),
            ("position_fr", "Bourgmestre de Malines"),
            ("organisation_en", "City of Mechelen"),
            (
                "bio_fr",
                "Bourgmestre depuis 2001.\r\n\r\nPrix du meilleur maire du monde.",
            ),
            ("alt_en", "Drawn portrait"),
            ("link_label_0", ""),
            ("link_url_0", "https://www.mechelen.be/"),
            ("public", "on"),
        ]);
        let edit = ProfileEdit::parse(&f, &[Lang::En, Lang::Fr], true).unwrap();
        let position = edit.position.unwrap();
        assert_eq!(position.original, Lang::En);
        assert_eq!(position.get(Lang::Fr), "Bourgmestre de Malines");
        let bio = edit.bio.unwrap();
        assert_eq!(bio.original, Lang::Fr);
        assert_eq!(
            bio.get(Lang::Fr),
            "Bourgmestre depuis 2001.\n\nPrix du meilleur maire du monde."
        );
        assert_eq!(edit.links[0].text(), "www.mechelen.be");
        assert!(edit.public);
    }

    #[test]
    fn every_problem_is_beside_its_field() {
        let f = form(&[
            ("name", ""),
            ("position_fr", "a\u{7}b"),
            ("link_label_1", "Site"),
            ("link_url_1", "javascript:alert(1)"),
            ("link_url_2", "www.example.org"),
        ]);
        let problems = ProfileEdit::parse(&f, &[Lang::En, Lang::Fr], true).unwrap_err();
        assert_eq!(
            problems,
            [
                (ProfileField::Name, Problem::Required),
                (ProfileField::Position(Lang::Fr), Problem::ControlCharacters),
                (ProfileField::Alt(Lang::En), Problem::Required),
                (ProfileField::LinkUrl(1), Problem::NotALink),
                (ProfileField::LinkUrl(2), Problem::NotALink),
            ]
        );
        // Without a portrait, no text for it is needed.
        let f = form(&[("name", "Parks Tau")]);
        assert!(ProfileEdit::parse(&f, &[Lang::En], false).is_ok());
    }
}
