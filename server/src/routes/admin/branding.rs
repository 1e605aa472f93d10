//! A conference's face saved from the back office: the banner, the logo
//! and each host's and partner's logo made into their sizes first (each
//! refused beside its field when it is not a picture that fits), the
//! accent colour checked for contrast, then all kept at once.

use crate::routes::{may, render, see_other, Refusal, Staff};
use crate::state::AppState;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use axum::Extension;
use convene::branding::{FaceEdit, FaceField, FaceForm};
use convene::pictures::Shape;
use convene::store::FacePictures;
use convene_app::submission::FaceDraft;
use convene_app::Locale;

/// POST /admin/conferences/{slug}/face
pub async fn save_face(
    staff: Staff<may::EditConference>,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    request: Request,
) -> Result<Response, Refusal> {
    let agenda = (state.store)
        .editable_agenda(&slug)
        .await?
        .ok_or(Refusal::NotFound)?;
    let c = &agenda.conference;
    let names = c.organisations();
    let (pairs, files) = super::form_parts(&state, request).await?;
    let form = FaceForm::from_pairs(pairs, names.len());
    let mut problems = vec![];
    let (mut banner, mut logo, mut logos) = (None, None, vec![]);
    for (field, _name, bytes) in files {
        let (shape, at) = match field.as_str() {
            "banner" => (Shape::Banner, FaceField::Banner),
            "logo" => (Shape::Logo, FaceField::Logo),
            other => match other
                .strip_prefix("org_logo_")
                .and_then(|i| i.parse::<usize>().ok())
                .filter(|i| *i < names.len())
            {
                Some(i) => (Shape::Logo, FaceField::OrganisationLogo(i)),
                None => return Err(Refusal::Unprocessable),
            },
        };
        match crate::pictures::make(bytes, shape).await {
            Ok(made) => match at {
                FaceField::Banner => banner = Some(made),
                FaceField::Logo => logo = Some(made),
                FaceField::OrganisationLogo(i) => logos.push((i, made)),
                _ => {}
            },
            Err(problem) => problems.push((at, problem)),
        }
    }
    let edit = match FaceEdit::parse(&form, &c.languages) {
        Ok(edit) if problems.is_empty() => edit,
        parsed => {
            problems.extend(parsed.err().unwrap_or_default());
            let draft = FaceDraft { form, problems };
            return Ok(render(&state, uri, headers, locale, draft).await);
        }
    };
    let pictures = FacePictures {
        banner: banner.as_ref(),
        logo: logo.as_ref(),
        organisations: logos.iter().map(|(i, m)| (*i, m)).collect(),
    };
    let saved = (state.store)
        .save_face(
            &slug,
            &names,
            &edit,
            &pictures,
            Some(staff.account.id),
            chrono::Utc::now(),
        )
        .await?;
    crate::routes::found(saved)?;
    let page = convene::paths::admin::face(&slug);
    Ok(see_other(&locale.href(&format!("{page}?saved=1"))))
}
