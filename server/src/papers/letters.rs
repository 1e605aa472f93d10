//! A visa invitation letter and a certificate of attendance, set from
//! what the store says of them (`PaperFacts`) in one language and the
//! conference's wording (`PaperFacts::text`), with the verification
//! address and its QR code.

use super::{render, PaperError};
use convene::i18n::{long_date, t, t_args};
use convene::papers::{PaperFacts, PaperWording};
use convene::Lang;
use serde_json::json;

/// Whether a paper is real or an organiser's preview of a wording, which
/// says "Example" across the page so that it cannot pass for one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mark {
    Real,
    Example,
}

/// The PDF of a letter or certificate in `lang`, in `wording` (`None`:
/// the built-in one); `site` is the address the verification link starts
/// with.
pub async fn paper(
    facts: &PaperFacts,
    lang: Lang,
    wording: Option<&PaperWording>,
    site: &str,
    mark: Mark,
) -> Result<Vec<u8>, PaperError> {
    let c = &facts.conference;
    let text = facts.text(lang, wording);
    let country = convene::registration::CountryCode::parse(&c.country)
        .map(|country| country.name(lang).to_owned())
        .unwrap_or_else(|_| c.country.clone());
    let verify_url =
        convene::paths::link(site, &convene::paths::verify_paper(facts.verify.as_str()));
    let data = json!({
        "title": format!("{} · {}", t(lang, &format!("paper-{}", facts.kind.code())), facts.reference),
        "lang": lang.code(),
        "conference": c.title.get(lang),
        "place": format!("{}, {}, {country}", c.venue, c.city),
        "reference": facts.reference,
        "issued": long_date(lang, facts.issued_on),
        "heading": text.heading,
        "before": text.before,
        "facts": text.facts.into_iter().map(|(k, v)| vec![k, v]).collect::<Vec<_>>(),
        "after": text.after,
        "verify_text": t_args(lang, "paper-verify", &[("reference", &facts.reference)]),
        "verify_url": verify_url,
        "signatory": t_args(lang, "paper-for-the-organisers", &[("host", &text.host)]),
        "signature_hint": t(lang, "paper-signature"),
        "example": (mark == Mark::Example).then(|| t(lang, "paper-example")),
    });
    let qr = convene::qr::svg(&verify_url).into_bytes();
    render(
        include_str!("paper.typ"),
        data,
        vec![("/verify.svg".to_owned(), qr)],
    )
    .await
}
