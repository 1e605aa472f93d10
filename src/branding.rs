//! A conference's face: its banner and logo, an accent colour, and its
//! hosts' and partners' links and logos. The hosts and partners are named
//! in the conference's settings; the face adds to each name, so renaming
//! one there leaves its link and logo behind (the face's page lists the
//! names as they stand).

use crate::field::{Problem, WebAddress};
use crate::pictures::Picture;
use serde::{Deserialize, Serialize};

/// The least contrast the accent must have with white, both ways it is
/// used: white text on it (buttons), and it as text on white (links).
/// WCAG's for body text.
pub const MIN_CONTRAST: f64 = 4.5;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Face {
    /// Across the top of the conference's page, 3 by 1.
    pub banner: Option<Picture>,
    pub logo: Option<Picture>,
    /// `#RRGGBB`; the site's own blue when `None`.
    pub accent: Option<String>,
    pub organisations: Vec<Organisation>,
}

/// A host or partner, as the face adds to its name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Organisation {
    pub name: String,
    pub url: Option<WebAddress>,
    pub logo: Option<Picture>,
}

impl Face {
    /// What the face holds for a host or partner named `name`.
    pub fn of(&self, name: &str) -> Option<&Organisation> {
        self.organisations.iter().find(|o| o.name == name)
    }

    /// The page's style for the accent: `--accent: #1F5FA8`.
    pub fn style(&self) -> Option<String> {
        self.accent.as_ref().map(|a| format!("--accent: {a}"))
    }
}

/// An accent colour as typed: empty for the site's own; otherwise a colour
/// dark enough to read (see [`MIN_CONTRAST`]).
pub fn parse_accent(typed: &str) -> Result<Option<String>, Problem> {
    if typed.trim().is_empty() {
        return Ok(None);
    }
    let colour = crate::onsite::parse_colour(typed)?;
    if crate::onsite::contrast(&colour, "#FFFFFF") < MIN_CONTRAST {
        return Err(Problem::LowContrast);
    }
    Ok(Some(colour))
}

/// The face form's fields, for problems beside them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FaceField {
    Banner,
    Logo,
    Accent,
    BannerAlt(crate::Lang),
    /// The n-th host or partner (hosts first).
    OrganisationUrl(usize),
    OrganisationLogo(usize),
}

impl FaceField {
    pub fn id(self) -> String {
        match self {
            FaceField::Banner => "field-banner".into(),
            FaceField::Logo => "field-logo".into(),
            FaceField::Accent => "field-accent".into(),
            FaceField::BannerAlt(l) => format!("field-banner-alt-{l}"),
            FaceField::OrganisationUrl(i) => format!("field-org-url-{i}"),
            FaceField::OrganisationLogo(i) => format!("field-org-logo-{i}"),
        }
    }
}

/// The face form as typed (its files apart).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct FaceForm {
    pub accent: String,
    /// What the banner shows, per language: (code, text); all empty for a
    /// banner that only decorates. (A logo needs none: it is shown beside
    /// its own name.)
    pub banner_alts: Vec<(String, String)>,
    pub remove_banner: bool,
    pub remove_logo: bool,
    /// Per host then partner: its web address, and whether its logo goes.
    pub urls: Vec<String>,
    pub remove_logos: Vec<bool>,
}

impl FaceForm {
    pub fn from_pairs(pairs: impl IntoIterator<Item = (String, String)>, names: usize) -> FaceForm {
        let mut form = FaceForm {
            urls: vec![String::new(); names],
            remove_logos: vec![false; names],
            ..FaceForm::default()
        };
        for (name, value) in pairs {
            let row = |prefix: &str| {
                name.strip_prefix(prefix)
                    .and_then(|i| i.parse::<usize>().ok())
                    .filter(|i| *i < names)
            };
            match name.as_str() {
                "accent" => form.accent = value,
                "remove_banner" => form.remove_banner = value == "on",
                "remove_logo" => form.remove_logo = value == "on",
                _ => {
                    if let Some(lang) = name.strip_prefix("banner_alt_") {
                        form.banner_alts.retain(|(l, _)| l != lang);
                        form.banner_alts.push((lang.to_owned(), value));
                    } else if let Some(i) = row("org_url_") {
                        form.urls[i] = value;
                    } else if let Some(i) = row("org_remove_") {
                        form.remove_logos[i] = value == "on";
                    }
                }
            }
        }
        form
    }

    /// The form of a conference's face, its hosts and partners `names`.
    pub fn of(face: &Face, names: &[String]) -> FaceForm {
        FaceForm {
            accent: face.accent.clone().unwrap_or_default(),
            banner_alts: face
                .banner
                .iter()
                .flat_map(|b| b.alt.iter())
                .flat_map(|alt| alt.text.iter())
                .map(|(l, t)| (l.code().to_owned(), t.clone()))
                .collect(),
            remove_banner: false,
            remove_logo: false,
            urls: names
                .iter()
                .map(|n| {
                    face.of(n)
                        .and_then(|o| o.url.as_ref())
                        .map(ToString::to_string)
                        .unwrap_or_default()
                })
                .collect(),
            remove_logos: vec![false; names.len()],
        }
    }
}

/// A face form that parsed (its files are checked apart, by the picture
/// maker).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FaceEdit {
    pub accent: Option<String>,
    pub banner_alt: Option<crate::Localized>,
    pub remove_banner: bool,
    pub remove_logo: bool,
    /// Per host then partner.
    pub urls: Vec<Option<WebAddress>>,
    pub remove_logos: Vec<bool>,
}

impl FaceEdit {
    /// Parses `form` for a conference in `languages`.
    pub fn parse(
        form: &FaceForm,
        languages: &[crate::Lang],
    ) -> Result<FaceEdit, Vec<(FaceField, Problem)>> {
        let mut problems = vec![];
        let accent = parse_accent(&form.accent)
            .map_err(|p| problems.push((FaceField::Accent, p)))
            .ok()
            .flatten();
        let mut banner_alt: Option<crate::Localized> = None;
        for &lang in languages {
            let typed = form
                .banner_alts
                .iter()
                .find(|(l, _)| l == lang.code())
                .map_or("", |(_, t)| t.as_str());
            match crate::field::ShortText::<300>::parse_optional(typed) {
                Ok(None) => {}
                Ok(Some(alt)) => {
                    banner_alt = Some(match banner_alt.take() {
                        None => crate::Localized::new(lang, alt.as_str()),
                        Some(t) => t.with(lang, alt.as_str()),
                    })
                }
                Err(p) => problems.push((FaceField::BannerAlt(lang), p)),
            }
        }
        let urls = form
            .urls
            .iter()
            .enumerate()
            .map(|(i, url)| {
                if url.trim().is_empty() {
                    return None;
                }
                WebAddress::parse(url)
                    .map_err(|p| problems.push((FaceField::OrganisationUrl(i), p)))
                    .ok()
            })
            .collect();
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(FaceEdit {
            accent,
            banner_alt,
            remove_banner: form.remove_banner,
            remove_logo: form.remove_logo,
            urls,
            remove_logos: form.remove_logos.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_accent_must_read_on_white() {
        assert_eq!(parse_accent(""), Ok(None));
        assert_eq!(parse_accent("#1f5fa8"), Ok(Some("#1F5FA8".into())));
        // Yellow and light blue: white text on them cannot be read.
        assert_eq!(parse_accent("#FFD700"), Err(Problem::LowContrast));
        assert_eq!(parse_accent("#66AAFF"), Err(Problem::LowContrast));
        assert_eq!(parse_accent("blue"), Err(Problem::NotAColour));
    }

    #[test]
    fn the_face_form_checks_each_organisation_s_link() {
        let pairs = [
            ("accent", "#0B5CAD"),
            ("org_url_0", "https://www.mechelen.be/"),
            ("org_url_1", "not a link"),
            ("org_remove_2", "on"),
            ("org_url_9", "https://ignored.example.org/"),
        ]
        .map(|(n, v)| (n.to_string(), v.to_string()));
        let form = FaceForm::from_pairs(pairs, 3);
        assert_eq!(form.remove_logos, [false, false, true]);
        assert_eq!(
            FaceEdit::parse(&form, &[crate::Lang::En]),
            Err(vec![(FaceField::OrganisationUrl(1), Problem::NotALink)])
        );
    }
}
