//! The news desk's posts: a new post, a post's changes (or its preview)
//! and its removal. Whether the account may write is decided by the
//! post's conference, which is in the form, not the address: the door is
//! [`Writer`], the same check as the desk's pages, after the origin's.

use crate::routes::{render, see_other, FromThisSite, Refusal};
use crate::state::AppState;
use axum::extract::{Path, Request, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use axum::Extension;
use convene::documents::upload::{Accept, Upload};
use convene::field::Problem;
use convene::news::{markdown, PostEdit, PostField, PostForm, PostRecord};
use convene::store::{ImageChange, PostSaved};
use convene_app::admin::Writer;
use convene_app::submission::PostDraft;
use convene_app::Locale;

type Answer = Result<Response, Refusal>;

/// POST /admin/news/new: writes a new post (or previews it).
pub async fn create_post(
    _: FromThisSite,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    uri: Uri,
    headers: HeaderMap,
    request: Request,
) -> Answer {
    let writer = Writer::of(&state.store, &headers).await?;
    let parts = super::form_parts(&state, request).await?;
    save(&state, writer, None, locale, uri, headers, parts).await
}

/// POST /admin/news/posts/{slug}: saves a post's changes (or previews them).
pub async fn save_post(
    _: FromThisSite,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    request: Request,
) -> Answer {
    let writer = Writer::of(&state.store, &headers).await?;
    let record = state
        .store
        .post_record(&slug)
        .await?
        .ok_or(Refusal::NotFound)?;
    if !writer.may_write(record.post.conference.as_ref()) {
        return Err(Refusal::Forbidden);
    }
    let parts = super::form_parts(&state, request).await?;
    save(&state, writer, Some(&record), locale, uri, headers, parts).await
}

/// Parses the form; renders it again with its problems or its preview,
/// or saves it and shows the saved post's form.
async fn save(
    state: &AppState,
    writer: Writer,
    existing: Option<&PostRecord>,
    locale: Locale,
    uri: Uri,
    headers: HeaderMap,
    (pairs, files): super::Parts,
) -> Answer {
    let preview = pairs.iter().any(|(n, v)| n == "intent" && v == "preview");
    let form = PostForm::from_pairs(pairs);
    // The picture, checked before anything else is stored.
    let mut image = None;
    let mut problems = vec![];
    for (field, name, bytes) in files {
        if field != "image" {
            return Err(Refusal::Unprocessable);
        }
        match Upload::parse(&name, bytes, Accept::Image) {
            Ok(upload) => image = Some(upload),
            Err(problem) => problems.push((PostField::Image, problem)),
        }
    }
    let change = match (&image, form.remove_image == "on") {
        (Some(upload), _) => ImageChange::Set(upload),
        (None, true) => ImageChange::Remove,
        (None, false) => ImageChange::Keep,
    };
    let pictured = match change {
        ImageChange::Set(_) => true,
        ImageChange::Remove => false,
        ImageChange::Keep => existing.is_some_and(|r| r.post.image.is_some()),
    };
    let chosen = convene::Slug::parse(form.conference.trim()).ok();
    let edit = match PostEdit::parse(&form, writer.zone(chosen.as_ref())) {
        Ok(edit) => {
            // Only where the account may write: its conferences, or the
            // whole site for an administrator.
            if !writer.may_write(edit.conference.as_ref()) {
                problems.push((PostField::Conference, Problem::ChooseOne));
            }
            // A picture says in words what it shows, in each language.
            if pictured {
                problems.extend(edit.missing_alts());
            }
            Some(edit)
        }
        Err(found) => {
            problems.extend(found);
            None
        }
    };
    let edit = match edit {
        Some(edit) if problems.is_empty() && !preview => edit,
        edit => {
            let preview = match (&edit, problems.is_empty()) {
                (Some(edit), true) => shown(edit),
                _ => vec![],
            };
            let draft = PostDraft {
                problems,
                preview,
                form,
            };
            return Ok(render(state, uri, headers, locale, draft).await);
        }
    };
    let account = Some(writer.account.id);
    let now = chrono::Utc::now();
    let saved = match existing {
        None => state.store.create_post(&edit, change, account, now).await?,
        Some(record) => {
            let slug = record.post.slug.as_str();
            (state.store)
                .update_post(slug, &edit, change, account, now)
                .await?
        }
    };
    match saved {
        PostSaved::Saved(address) => {
            let page = convene::paths::admin::post(&address);
            Ok(see_other(&locale.href(&format!("{page}?saved=1"))))
        }
        PostSaved::SlugTaken => {
            let draft = PostDraft {
                form,
                problems: vec![(PostField::Slug, Problem::SlugTaken)],
                preview: vec![],
            };
            Ok(render(state, uri, headers, locale, draft).await)
        }
        PostSaved::NotFound => Err(Refusal::NotFound),
    }
}

/// The post as the public will read it, in each language written.
fn shown(edit: &PostEdit) -> Vec<(convene::Lang, String, String, String)> {
    edit.texts
        .iter()
        .map(|(lang, text)| {
            (
                *lang,
                text.title.clone(),
                text.teaser.clone(),
                markdown::to_html(&text.body),
            )
        })
        .collect()
}

/// POST /admin/news/posts/{slug}/delete: removes a post.
pub async fn delete_post(
    _: FromThisSite,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    headers: HeaderMap,
) -> Answer {
    let writer = Writer::of(&state.store, &headers).await?;
    let record = state
        .store
        .post_record(&slug)
        .await?
        .ok_or(Refusal::NotFound)?;
    if !writer.may_write(record.post.conference.as_ref()) {
        return Err(Refusal::Forbidden);
    }
    let account = Some(writer.account.id);
    let removed = state
        .store
        .delete_post(&slug, account, chrono::Utc::now())
        .await?;
    crate::routes::found(removed)?;
    Ok(see_other(&locale.href(convene::paths::admin::NEWS)))
}
