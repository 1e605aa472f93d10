//! Badges for a selection of confirmed delegates: the given name large,
//! the family name, organisation and country, the pass's QR and code, and
//! the category as a band of its colour with its name.

use super::{render, PaperError};
use convene::onsite::{ink, BadgeColours, BadgeLine};
use convene::registration::country::CountryCode;
use convene::Lang;
use serde_json::json;

/// How badges are printed: one A6 badge a page, or four to an A4 sheet
/// with cut lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sheet {
    A6,
    A4,
}

impl Sheet {
    /// `a4` is four to a sheet; anything else is A6.
    pub fn parse(code: &str) -> Sheet {
        if code == "a4" {
            Sheet::A4
        } else {
            Sheet::A6
        }
    }
}

/// Whether a name is written in Arabic script: its badge lays it out right
/// to left.
fn arabic(text: &str) -> bool {
    text.chars().any(|c| {
        matches!(c, '\u{0600}'..='\u{06FF}' | '\u{0750}'..='\u{077F}' | '\u{08A0}'..='\u{08FF}' | '\u{FB50}'..='\u{FDFF}' | '\u{FE70}'..='\u{FEFF}')
    })
}

/// The PDF of `lines`' badges for conference `conference` (its title in
/// `lang`), with category and country names in `lang` and the categories'
/// `colours`.
pub async fn badges(
    conference: &str,
    lines: &[BadgeLine],
    colours: &BadgeColours,
    sheet: Sheet,
    lang: Lang,
) -> Result<Vec<u8>, PaperError> {
    let mut files = Vec::with_capacity(lines.len());
    let badges: Vec<serde_json::Value> = lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            // A module a pixel, drawn without smoothing: 2,000 of them
            // take a fraction of the memory of 2,000 vector drawings.
            let qr = format!("/qr/{i}.png");
            files.push((qr.clone(), convene::qr::png(line.pass.as_str(), 1)));
            let colour = colours.of(line.category);
            let name = format!("{} {}", line.given_name, line.family_name);
            json!({
                "given": line.given_name,
                "family": line.family_name,
                "organisation": line.organisation,
                "country": CountryCode::parse(&line.country)
                    .map(|c| c.name(lang).to_owned())
                    .unwrap_or_else(|_| line.country.clone()),
                "category": convene::i18n::t(lang, &line.category.key()),
                "colour": colour,
                "ink": ink(colour),
                "qr": qr,
                "code": line.pass.grouped(),
                "lang": if arabic(&name) { "ar" } else { lang.code() },
            })
        })
        .collect();
    let data = json!({
        "title": convene::i18n::t_args(lang, "badges-title", &[("conference", conference)]),
        "conference": conference,
        "lang": lang.code(),
        "sheet": match sheet { Sheet::A4 => "a4", Sheet::A6 => "a6" },
        "badges": badges,
    });
    render(include_str!("badges.typ"), data, files).await
}
