//! Outcome documents: what a conference adopted or published (the Mechelen
//! Declaration, the MC2CM outcome paper), each a record of its own with a
//! title and a date, the conference it came from, and a file per language.
//! Posts refer to them. Files are uploaded in the back office and kept by
//! the store, addressed by the hash of their bytes ([`upload`], behind
//! `ssr`, checks them; [`pdf`] reads and writes PDFs).

use crate::conference_edit::parse_slug;
use crate::field::{Problem, ShortText};
use crate::i18n::{Lang, Localized};
use crate::slug::Slug;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod pdf;
#[cfg(feature = "ssr")]
pub mod upload;

/// A file the store keeps: the SHA-256 of its bytes (hex), which is its
/// address, its type and its size.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoredFile {
    pub hash: String,
    pub content_type: String,
    pub size: i64,
    /// The name it was uploaded with, for saving it.
    pub name: String,
}

/// An outcome document as the public reads it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub slug: Slug,
    pub title: Localized,
    /// Adopted or published on.
    pub adopted_on: NaiveDate,
    /// The conference it came from.
    pub conference: Option<Slug>,
    /// One file per language it exists in.
    pub files: Vec<(Lang, StoredFile)>,
}

impl Document {
    /// The file in `lang`, or in the first language it has.
    pub fn file_in(&self, lang: Lang) -> Option<&(Lang, StoredFile)> {
        self.files
            .iter()
            .find(|(l, _)| *l == lang)
            .or_else(|| self.files.first())
    }
}

/// The document form's fields, as typed (the files come beside them).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DocumentForm {
    /// Per language: (code, title).
    pub titles: Vec<(String, String)>,
    pub adopted_on: String,
    /// A conference's slug; empty for none.
    pub conference: String,
    /// Its address, `/documents/{slug}`; empty: made from the title.
    pub slug: String,
}

impl DocumentForm {
    /// From a posted form's text fields: `title_en`, `adopted_on`…
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>) -> DocumentForm {
        let mut form = DocumentForm::default();
        for (name, value) in pairs {
            match name.as_str() {
                "adopted_on" => form.adopted_on = value,
                "conference" => form.conference = value,
                "slug" => form.slug = value,
                other => {
                    if let Some(lang) = other.strip_prefix("title_") {
                        form.titles.push((lang.to_owned(), value));
                    }
                }
            }
        }
        form
    }

    pub fn title_in(&self, lang: Lang) -> &str {
        self.titles
            .iter()
            .find(|(code, _)| code == lang.code())
            .map_or("", |(_, title)| title.as_str())
    }

    /// The form of a stored document, to change it.
    pub fn of(document: &Document) -> DocumentForm {
        DocumentForm {
            titles: document
                .title
                .text
                .iter()
                .map(|(lang, t)| (lang.code().to_owned(), t.clone()))
                .collect(),
            adopted_on: document.adopted_on.format("%Y-%m-%d").to_string(),
            conference: document
                .conference
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            slug: document.slug.to_string(),
        }
    }
}

/// A field of the document form, for its problem.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum DocumentField {
    Title(Lang),
    AdoptedOn,
    Conference,
    Slug,
    File(Lang),
}

/// A document as the form parses it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocumentEdit {
    /// The titles written, the first (in the site's order) the original.
    pub title: Localized,
    pub adopted_on: NaiveDate,
    pub conference: Option<Slug>,
    /// `None`: made from the title by the store.
    pub slug: Option<Slug>,
}

impl DocumentEdit {
    pub fn parse(form: &DocumentForm) -> Result<DocumentEdit, Vec<(DocumentField, Problem)>> {
        let mut problems = vec![];
        let mut title: Option<Localized> = None;
        for lang in Lang::ALL {
            let typed = form.title_in(lang);
            if typed.trim().is_empty() {
                continue;
            }
            match ShortText::<300>::parse(typed) {
                Ok(text) => {
                    let text = text.as_str().to_owned();
                    title = Some(match title {
                        None => Localized::new(lang, text),
                        Some(title) => title.with(lang, text),
                    });
                }
                Err(problem) => problems.push((DocumentField::Title(lang), problem)),
            }
        }
        if title.is_none() && problems.is_empty() {
            problems.push((DocumentField::Title(Lang::ALL[0]), Problem::Required));
        }
        let adopted_on = NaiveDate::parse_from_str(form.adopted_on.trim(), "%Y-%m-%d")
            .map_err(|_| {
                let problem = match form.adopted_on.trim() {
                    "" => Problem::Required,
                    _ => Problem::NotADay,
                };
                problems.push((DocumentField::AdoptedOn, problem));
            })
            .ok();
        let conference = match form.conference.trim() {
            "" => None,
            typed => Slug::parse(typed)
                .map_err(|_| problems.push((DocumentField::Conference, Problem::ChooseOne)))
                .ok(),
        };
        let slug = match form.slug.trim() {
            "" => None,
            typed => parse_slug(typed)
                .map_err(|p| problems.push((DocumentField::Slug, p)))
                .ok(),
        };
        match (title, adopted_on) {
            (Some(title), Some(adopted_on)) if problems.is_empty() => Ok(DocumentEdit {
                title,
                adopted_on,
                conference,
                slug,
            }),
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(pairs: &[(&str, &str)]) -> DocumentForm {
        DocumentForm::from_pairs(pairs.iter().map(|(n, v)| (n.to_string(), v.to_string())))
    }

    #[test]
    fn a_document_parses_with_its_titles_and_day() {
        let edit = DocumentEdit::parse(&form(&[
            ("title_en", "Mechelen Declaration on Cities and Migration"),
            (
                "title_fr",
                "Déclaration de Malines sur les villes et les migrations",
            ),
            ("adopted_on", "2017-11-17"),
            ("conference", "mechelen-2017"),
        ]))
        .unwrap();
        assert_eq!(edit.title.original, Lang::En);
        assert_eq!(
            edit.title.get(Lang::Fr),
            "Déclaration de Malines sur les villes et les migrations"
        );
        assert_eq!(edit.adopted_on.to_string(), "2017-11-17");
        assert_eq!(edit.conference.unwrap().as_str(), "mechelen-2017");
    }

    #[test]
    fn each_problem_is_beside_its_field() {
        let problems = DocumentEdit::parse(&form(&[
            ("title_en", "A <b> \u{202E} title"),
            ("adopted_on", "17/11/2017"),
            ("slug", "Not an address"),
        ]))
        .unwrap_err();
        let fields: Vec<DocumentField> = problems.iter().map(|(f, _)| *f).collect();
        assert_eq!(
            fields,
            [
                DocumentField::Title(Lang::En),
                DocumentField::AdoptedOn,
                DocumentField::Slug
            ]
        );
        let none = DocumentEdit::parse(&form(&[("adopted_on", "2017-11-17")])).unwrap_err();
        assert_eq!(none, [(DocumentField::Title(Lang::En), Problem::Required)]);
    }
}
