//! A visa invitation letter and a certificate of attendance, set from
//! what the store says of them (`PaperFacts`) in one language, with the
//! verification address and its QR code.

use super::{render, PaperError};
use convene::i18n::{date_range, long_date, t, t_args};
use convene::papers::{PaperFacts, PaperKind};
use convene::Lang;
use serde_json::json;

/// The PDF of a letter or certificate in `lang`; `site` is the address the
/// verification link starts with.
pub async fn paper(facts: &PaperFacts, lang: Lang, site: &str) -> Result<Vec<u8>, PaperError> {
    let c = &facts.conference;
    let host = if c.hosts.is_empty() {
        c.title.get(lang).to_owned()
    } else {
        c.hosts.join(", ")
    };
    let conference = c.title.get(lang).to_owned();
    let dates = date_range(lang, c.starts_on, c.ends_on);
    let country = convene::registration::CountryCode::parse(&c.country)
        .map(|country| country.name(lang).to_owned())
        .unwrap_or_else(|_| c.country.clone());
    let name = match &facts.passport {
        Some(passport) => passport.passport_name.as_str().to_owned(),
        None => format!("{} {}", facts.given_name, facts.family_name),
    };
    let args = [
        ("host", host.as_str()),
        ("name", name.as_str()),
        ("organisation", facts.organisation.as_str()),
        ("conference", conference.as_str()),
        ("venue", c.venue.as_str()),
        ("city", c.city.as_str()),
        ("dates", dates.as_str()),
    ];
    let say = |key: &str| t_args(lang, key, &args);
    let (heading, before, facts_table, after) = match facts.kind {
        PaperKind::Letter => {
            let passport = facts.passport.as_ref();
            let table = passport
                .map(|p| {
                    vec![
                        (t(lang, "paper-passport-name"), p.passport_name.to_string()),
                        (
                            t(lang, "paper-nationality"),
                            p.nationality.name(lang).to_owned(),
                        ),
                        (
                            t(lang, "paper-passport-number"),
                            p.passport_number.as_str().to_owned(),
                        ),
                        (
                            t(lang, "paper-date-of-birth"),
                            long_date(lang, p.date_of_birth),
                        ),
                    ]
                })
                .unwrap_or_default();
            (
                t(lang, "paper-letter-heading"),
                vec![
                    t(lang, "paper-letter-addressee"),
                    say("paper-letter-invite"),
                    say("paper-letter-confirmed"),
                ],
                table,
                vec![say("paper-letter-purpose")],
            )
        }
        PaperKind::Certificate => {
            let days = facts
                .days
                .iter()
                .map(|d| long_date(lang, *d))
                .collect::<Vec<_>>()
                .join("; ");
            (
                t(lang, "paper-certificate-heading"),
                vec![say("paper-certificate-text")],
                vec![(t(lang, "paper-days"), days)],
                vec![t(lang, "paper-certificate-issued-again")],
            )
        }
    };
    let verify_url =
        convene::paths::link(site, &convene::paths::verify_paper(facts.verify.as_str()));
    let data = json!({
        "title": format!("{} · {}", t(lang, &format!("paper-{}", facts.kind.code())), facts.reference),
        "lang": lang.code(),
        "conference": conference,
        "place": format!("{}, {}, {country}", c.venue, c.city),
        "reference": facts.reference,
        "issued": long_date(lang, facts.issued_on),
        "heading": heading,
        "before": before,
        "facts": facts_table.into_iter().map(|(k, v)| vec![k, v]).collect::<Vec<_>>(),
        "after": after,
        "verify_text": t_args(lang, "paper-verify", &[("reference", &facts.reference)]),
        "verify_url": verify_url,
        "signatory": t_args(lang, "paper-for-the-organisers", &[("host", &host)]),
        "signature_hint": t(lang, "paper-signature"),
    });
    let qr = convene::qr::svg(&verify_url).into_bytes();
    render(
        include_str!("paper.typ"),
        data,
        vec![("/verify.svg".to_owned(), qr)],
    )
    .await
}
