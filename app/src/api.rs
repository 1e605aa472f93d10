//! The public site's and the delegates' server functions: the pages' way
//! to the data (the back office's sit beside their pages, in `admin`).
//! Each takes the [`Store`] from context, calls the core and maps its
//! error to one the page can show without revealing anything of the
//! database.
//!
//! [`Store`]: convene::store::Store

use convene::registration::{FormSetup, RegistrationView};
use convene::{Agenda, Conference, Topic};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub(crate) fn store() -> Result<convene::store::Store, ServerFnError> {
    use_context::<convene::store::Store>()
        .ok_or_else(|| ServerFnError::new("no database in context"))
}

#[cfg(feature = "ssr")]
pub(crate) fn unavailable(error: convene::store::StoreError) -> ServerFnError {
    tracing_error(&error);
    ServerFnError::new("the database is unavailable")
}

#[cfg(feature = "ssr")]
fn tracing_error(error: &convene::store::StoreError) {
    leptos::logging::error!("store: {error}");
}

/// Published topics.
#[server]
pub async fn list_topics() -> Result<Vec<Topic>, ServerFnError> {
    store()?.topics().await.map_err(unavailable)
}

/// Published conferences, all or of one topic.
#[server]
pub async fn list_conferences(topic: Option<String>) -> Result<Vec<Conference>, ServerFnError> {
    store()?
        .conferences(topic.as_deref())
        .await
        .map_err(unavailable)
}

/// A published conference with its agenda; `None` when there is none by that slug.
#[server]
pub async fn get_agenda(slug: String) -> Result<Option<Agenda>, ServerFnError> {
    store()?.agenda(&slug).await.map_err(unavailable)
}

/// The registration of a private link, with its conference's form to
/// change it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkPage {
    pub registration: RegistrationView,
    pub form: FormPage,
    /// The pass's QR code (SVG), while confirmed.
    pub pass_qr: Option<String>,
}

/// The registration of a private link; `None` for a link that names none.
#[server]
pub async fn get_registration(token: String) -> Result<Option<LinkPage>, ServerFnError> {
    let Some(mut registration) = store()?
        .registration_by_link(&token)
        .await
        .map_err(unavailable)?
    else {
        return Ok(None);
    };
    // A cancelled or turned-down registration's link says so, and shows
    // none of the details it was given.
    use convene::registration::Status;
    if matches!(registration.status, Status::Cancelled | Status::Rejected) {
        registration.details = Default::default();
        registration.sessions.clear();
    }
    let form = get_form(registration.conference.to_string(), None, Some(token)).await?;
    let pass_qr = registration
        .pass
        .as_ref()
        .map(|pass| convene::qr::svg(pass.as_str()));
    Ok(form.map(|form| LinkPage {
        registration,
        form,
        pass_qr,
    }))
}

/// A published conference, without its agenda.
#[server]
pub async fn get_conference(slug: String) -> Result<Option<Conference>, ServerFnError> {
    store()?.conference(&slug).await.map_err(unavailable)
}

/// What a registration form needs: the conference, what its form asks and
/// offers, and the address of the invitation it was opened with, if valid.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct FormPage {
    pub conference: Conference,
    pub setup: FormSetup,
    pub invited: Option<String>,
    /// The day passport details given for the visa letter are deleted.
    pub passports_deleted_on: chrono::NaiveDate,
}

/// The form of a conference, for a new registration (`manage` is `None`) or
/// to change the registration of a private link.
#[server]
pub async fn get_form(
    slug: String,
    invitation: Option<String>,
    manage: Option<String>,
) -> Result<Option<FormPage>, ServerFnError> {
    let store = store()?;
    let Some(conference) = store.conference(&slug).await.map_err(unavailable)? else {
        return Ok(None);
    };
    let Some(setup) = store
        .form_setup(&slug, manage.as_deref(), chrono::Utc::now())
        .await
        .map_err(unavailable)?
    else {
        return Ok(None);
    };
    let invited = match invitation {
        Some(token) => store
            .invitation(&slug, &token)
            .await
            .map_err(unavailable)?
            .map(|i| i.email),
        None => None,
    };
    let retention = use_context::<convene::registration::PassportRetention>().unwrap_or_default();
    Ok(Some(FormPage {
        passports_deleted_on: retention.deleted_on(conference.ends_on),
        conference,
        setup,
        invited,
    }))
}

/// A page of a scope's posts: the newest first, and whether
/// older ones follow.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewsPage {
    pub posts: Vec<convene::news::Post>,
    pub page: u32,
    pub older: bool,
}

/// The posts whose time has come, page `page` (from 1).
#[server]
pub async fn list_posts(
    scope: convene::scope::Scope,
    page: u32,
) -> Result<NewsPage, ServerFnError> {
    let (posts, older) = store()?
        .published_posts(&scope, chrono::Utc::now(), page)
        .await
        .map_err(unavailable)?;
    Ok(NewsPage {
        posts,
        page: page.max(1),
        older,
    })
}

/// A post whose time has come, with its body as sanitised HTML in `lang`
/// (or the original language, when it has no translation).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostPage {
    pub post: convene::news::Post,
    pub body_html: String,
    /// Its conference's title, when it has one.
    pub conference: Option<convene::Localized>,
    /// The post before and after it in its first topic: address, title.
    pub older: Option<(convene::Slug, convene::Localized)>,
    pub newer: Option<(convene::Slug, convene::Localized)>,
    /// The outcome documents it refers to.
    pub documents: Vec<convene::documents::Document>,
}

/// An outcome document as its page shows it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentView {
    pub document: convene::documents::Document,
    /// Its conference's title, when it has one.
    pub conference: Option<convene::Localized>,
    /// The posts that refer to it: address, title.
    pub posts: Vec<(convene::Slug, convene::Localized)>,
}

/// The public outcome documents of `scope`, newest first.
#[server]
pub async fn list_documents(
    scope: convene::scope::Scope,
) -> Result<Vec<convene::documents::Document>, ServerFnError> {
    store()?.documents(&scope).await.map_err(unavailable)
}

/// A public outcome document, with the posts that refer to it.
#[server]
pub async fn get_document(slug: String) -> Result<Option<DocumentView>, ServerFnError> {
    let store = store()?;
    let Some(document) = store.document(&slug, true).await.map_err(unavailable)? else {
        return Ok(None);
    };
    let conference = match &document.conference {
        Some(c) => store
            .conference(c.as_str())
            .await
            .map_err(unavailable)?
            .map(|c| c.title),
        None => None,
    };
    let posts = store
        .posts_about(&slug, chrono::Utc::now())
        .await
        .map_err(unavailable)?;
    Ok(Some(DocumentView {
        document,
        conference,
        posts,
    }))
}

#[server]
pub async fn get_post(slug: String, lang: String) -> Result<Option<PostPage>, ServerFnError> {
    let Some(post) = store()?
        .post(&slug, chrono::Utc::now())
        .await
        .map_err(unavailable)?
    else {
        return Ok(None);
    };
    let lang = convene::Lang::parse(&lang).unwrap_or_default();
    // Stored bodies were parsed when written; one that no longer parses
    // is shown empty rather than unsanitised.
    let body_html = convene::news::Markdown::parse(post.body.get(lang))
        .map(|body| convene::news::markdown::to_html(&body))
        .unwrap_or_default();
    let store = store()?;
    let conference = match &post.conference {
        Some(slug) => store
            .conference(slug.as_str())
            .await
            .map_err(unavailable)?
            .map(|c| c.title),
        None => None,
    };
    let topic = post.topics.first().map(|t| t.slug.as_str());
    let (older, newer) = store
        .post_neighbours(post.slug.as_str(), topic, chrono::Utc::now())
        .await
        .map_err(unavailable)?;
    let documents = store
        .post_documents(post.slug.as_str())
        .await
        .map_err(unavailable)?;
    Ok(Some(PostPage {
        post,
        body_html,
        conference,
        older,
        newer,
        documents,
    }))
}
