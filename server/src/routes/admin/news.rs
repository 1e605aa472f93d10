//! The news desk's posts: a new post, a post's changes (or its preview)
//! and its removal. Whether the account may write is decided by the
//! post's conference, which is in the form, not the address: the door is
//! [`Writer`], the same check as the desk's pages, after the origin's.

use crate::routes::{render, see_other, FromThisSite, Refusal};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, Uri};
use axum::response::Response;
use axum::Extension;
use convene::field::Problem;
use convene::news::{markdown, PostEdit, PostField, PostForm};
use convene::store::PostSaved;
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
    body: axum::body::Bytes,
) -> Answer {
    let writer = Writer::of(&state.store, &headers).await?;
    save(&state, writer, None, locale, uri, headers, &body).await
}

/// POST /admin/news/posts/{slug}: saves a post's changes (or previews them).
pub async fn save_post(
    _: FromThisSite,
    State(state): State<AppState>,
    Extension(locale): Extension<Locale>,
    Path(slug): Path<String>,
    uri: Uri,
    headers: HeaderMap,
    body: axum::body::Bytes,
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
    save(&state, writer, Some(&slug), locale, uri, headers, &body).await
}

/// Parses the form; renders it again with its problems or its preview,
/// or saves it and shows the saved post's form.
async fn save(
    state: &AppState,
    writer: Writer,
    existing: Option<&str>,
    locale: Locale,
    uri: Uri,
    headers: HeaderMap,
    body: &[u8],
) -> Answer {
    let pairs: Vec<(String, String)> = form_urlencoded::parse(body).into_owned().collect();
    let preview = pairs.iter().any(|(n, v)| n == "intent" && v == "preview");
    let form = PostForm::from_pairs(pairs);
    let chosen = convene::Slug::parse(form.conference.trim()).ok();
    let parsed = PostEdit::parse(&form, writer.zone(chosen.as_ref())).and_then(|edit| {
        // Only where the account may write: its conferences, or the whole
        // site for an administrator.
        match writer.may_write(edit.conference.as_ref()) {
            true => Ok(edit),
            false => Err(vec![(PostField::Conference, Problem::ChooseOne)]),
        }
    });
    let edit = match parsed {
        Ok(edit) if !preview => edit,
        parsed => {
            let draft = PostDraft {
                problems: parsed.as_ref().err().cloned().unwrap_or_default(),
                preview: parsed.map(|edit| shown(&edit)).unwrap_or_default(),
                form,
            };
            return Ok(render(state, uri, headers, locale, draft).await);
        }
    };
    let account = Some(writer.account.id);
    let now = chrono::Utc::now();
    let saved = match existing {
        None => state.store.create_post(&edit, account, now).await?,
        Some(slug) => state.store.update_post(slug, &edit, account, now).await?,
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
