//! The news desk: the posts an account may write (its conferences' posts;
//! every post for administrators, who alone write posts of the whole
//! site), and the form of one post, in each language, with a preview as
//! the public will read it. Editors see this and nothing of registrations.

use super::{guarded, SignedInAs};
#[cfg(feature = "ssr")]
use crate::api::store;
use crate::back_office::Access;
use crate::components::Frame;
use crate::locale::Locale;
use crate::pages::form::problem_text;
use crate::pages::param;
use crate::submission::{from_request, PostDraft};
use convene::news::{PostField, PostForm, PostKind, PostRecord};
use convene::{Lang, Localized, Slug};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The posts an account may write, and where it may write new ones.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NewsDesk {
    pub signed_in_as: String,
    pub posts: Vec<PostRecord>,
    pub now: chrono::DateTime<chrono::Utc>,
}

/// One post's form: the post (`None` for a new one), where it may be put.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PostEditor {
    pub signed_in_as: String,
    pub record: Option<PostRecord>,
    pub form: PostForm,
    /// The conferences the account may write for.
    pub conferences: Vec<(Slug, Localized)>,
    /// Whether it may write posts of no conference (administrators).
    pub whole_site: bool,
    /// The outcome documents a post may refer to.
    pub documents: Vec<(Slug, Localized)>,
}

/// Where the signed-in account may write: the conferences (with their
/// venue's zone), and whether the whole site too.
#[cfg(feature = "ssr")]
pub struct Writer {
    pub account: convene::account::Account,
    pub conferences: Vec<(Slug, Localized, convene::VenueZone)>,
}

#[cfg(feature = "ssr")]
impl Writer {
    /// The signed-in account, if it may write somewhere: `Forbidden`
    /// otherwise (staff who handle registrations only).
    pub async fn of(
        store: &convene::store::Store,
        headers: &http::HeaderMap,
    ) -> Result<Writer, crate::back_office::Denied> {
        use crate::back_office::{signed_in, Denied};
        use convene::account::Action;
        let account = signed_in(store, headers).await?.ok_or(Denied::SignIn)?;
        let memberships = store.memberships(account.id).await?;
        let conferences: Vec<_> = store
            .all_conferences()
            .await?
            .into_iter()
            .filter(|(c, _)| {
                let role = memberships
                    .iter()
                    .find(|m| m.conference == c.slug.as_str())
                    .map(|m| m.role);
                account.may(role, Action::WritePosts)
            })
            .map(|(c, _)| (c.slug, c.title, c.zone))
            .collect();
        if conferences.is_empty() && !account.administrator {
            return Err(Denied::Forbidden);
        }
        Ok(Writer {
            account,
            conferences,
        })
    }

    /// Whether it may write a post of `conference` (`None`: the whole
    /// site's, administrators only).
    pub fn may_write(&self, conference: Option<&Slug>) -> bool {
        match conference {
            None => self.account.administrator,
            Some(slug) => self.conferences.iter().any(|(s, _, _)| s == slug),
        }
    }

    /// The clock a post of `conference` is scheduled on.
    pub fn zone(&self, conference: Option<&Slug>) -> convene::VenueZone {
        conference
            .and_then(|slug| self.conferences.iter().find(|(s, _, _)| s == slug))
            .map(|(_, _, zone)| *zone)
            .unwrap_or_else(convene::news::site_zone)
    }
}

/// The posts the signed-in account may write, drafts and scheduled first.
#[server]
pub async fn get_news_desk() -> Result<Access<NewsDesk>, ServerFnError> {
    let store = store()?;
    super::answer(
        async {
            let writer = Writer::of(&store, &super::request_headers()).await?;
            let posts = store
                .post_records()
                .await?
                .into_iter()
                .filter(|r| writer.may_write(r.post.conference.as_ref()))
                .collect();
            Ok(NewsDesk {
                signed_in_as: writer.account.email,
                posts,
                now: chrono::Utc::now(),
            })
        }
        .await,
    )
}

/// The form of the post `slug` (empty: a new post).
#[server]
pub async fn get_post_editor(slug: String) -> Result<Access<PostEditor>, ServerFnError> {
    use crate::back_office::Denied;
    let store = store()?;
    super::answer(
        async {
            let writer = Writer::of(&store, &super::request_headers()).await?;
            let record = match slug.as_str() {
                "" => None,
                slug => {
                    let record = store.post_record(slug).await?.ok_or(Denied::NotFound)?;
                    if !writer.may_write(record.post.conference.as_ref()) {
                        return Err(Denied::Forbidden);
                    }
                    Some(record)
                }
            };
            let form = match &record {
                Some(record) => PostForm::of(record, writer.zone(record.post.conference.as_ref())),
                None => PostForm {
                    kind: PostKind::News.code().to_owned(),
                    token: convene::store::new_form_token(),
                    ..PostForm::default()
                },
            };
            let documents = store
                .all_documents()
                .await?
                .into_iter()
                .map(|d| (d.slug, d.title))
                .collect();
            Ok(PostEditor {
                documents,
                signed_in_as: writer.account.email.clone(),
                whole_site: writer.account.administrator,
                conferences: writer
                    .conferences
                    .into_iter()
                    .map(|(slug, title, _)| (slug, title))
                    .collect(),
                record,
                form,
            })
        }
        .await,
    )
}

/// A post's state as the desk says it: draft, scheduled or published.
fn state(locale: &Locale, record: &PostRecord, now: chrono::DateTime<chrono::Utc>) -> String {
    match record.publish_at {
        None => locale.t("admin-post-draft"),
        Some(at) => {
            let when = at.format("%Y-%m-%d %H:%M UTC").to_string();
            let key = if at <= now {
                "admin-post-published"
            } else {
                "admin-post-scheduled"
            };
            locale.t_args(key, &[("when", &when)])
        }
    }
}

/// `/admin/news`
#[component]
pub fn AdminNewsPage() -> impl IntoView {
    guarded(get_news_desk(), |desk: NewsDesk| {
        let locale = Locale::current();
        let rows = desk
            .posts
            .iter()
            .map(|record| {
                let post = &record.post;
                let href = locale.href(&convene::paths::admin::post(&post.slug));
                let conference = post
                    .conference
                    .as_ref()
                    .map(ToString::to_string)
                    .unwrap_or_else(|| locale.t("admin-post-whole-site"));
                view! {
                    <tr>
                        <td><a href=href lang=post.title.lang_of(locale.lang).code()>{post.title.get(locale.lang).to_owned()}</a></td>
                        <td>{locale.t(&format!("news-kind-{}", post.kind.code()))}</td>
                        <td>{conference}</td>
                        <td>{state(&locale, record, desk.now)}</td>
                    </tr>
                }
            })
            .collect_view();
        let empty = desk
            .posts
            .is_empty()
            .then(|| view! { <p class="empty">{locale.t("news-none")}</p> });
        view! {
            <Frame title=locale.t("admin-news")>
                <SignedInAs email=desk.signed_in_as.clone()/>
                <p class="breadcrumb">
                    <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a>
                </p>
                <h1>{locale.t("admin-news")}</h1>
                <p><a class="button" href=locale.href(convene::paths::admin::NEW_POST)>{locale.t("admin-post-new")}</a></p>
                {empty}
                <table class="posts">
                    <thead>
                        <tr>
                            <th scope="col">{locale.t("admin-post-title")}</th>
                            <th scope="col">{locale.t("admin-post-kind")}</th>
                            <th scope="col">{locale.t("admin-post-conference")}</th>
                            <th scope="col">{locale.t("admin-post-state")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </Frame>
        }
    })
}

/// `/admin/news/new`: a new post.
#[component]
pub fn AdminNewPostPage() -> impl IntoView {
    guarded(get_post_editor(String::new()), post_form)
}

/// `/admin/news/posts/{slug}`: a post's changes.
#[component]
pub fn AdminPostPage() -> impl IntoView {
    guarded(get_post_editor(param("slug")), post_form)
}

/// The post form: as stored, or as typed with its problems (and the
/// preview, when asked).
fn post_form(editor: PostEditor) -> impl IntoView {
    let locale = Locale::current();
    let draft = from_request::<PostDraft>();
    #[cfg(feature = "ssr")]
    if draft.as_ref().is_some_and(|d| !d.problems.is_empty()) {
        crate::pages::set_status(422);
    }
    let (form, problems, preview) = match draft {
        Some(d) => (d.form, d.problems, d.preview),
        None => (editor.form.clone(), vec![], vec![]),
    };
    let problem = move |field: PostField, id: &str| {
        problems.iter().find(|(f, _)| *f == field).map(|(_, p)| {
            let id = format!("{id}-problem");
            view! { <p class="problem" id=id>{problem_text(&locale, *p)}</p> }
        })
    };
    let action = match &editor.record {
        Some(record) => locale.href(&convene::paths::admin::post(&record.post.slug)),
        None => locale.href(convene::paths::admin::NEW_POST),
    };
    let languages = Lang::ALL
        .into_iter()
        .map(|lang| {
            let code = lang.code();
            let (title_id, teaser_id, body_id, alt_id) = (
                format!("field-title-{code}"),
                format!("field-teaser-{code}"),
                format!("field-body-{code}"),
                format!("field-alt-{code}"),
            );
            view! {
                <fieldset lang=code dir=lang.dir()>
                    <legend>{lang.native_name()}</legend>
                    <div class="field">
                        <label for=title_id.clone()>{locale.t("admin-post-title")}</label>
                        <input id=title_id.clone() name=format!("title_{code}") value=form.title_in(lang).to_owned() maxlength="200"/>
                        {problem(PostField::Title(lang), &title_id)}
                    </div>
                    <div class="field">
                        <label for=teaser_id.clone()>{locale.t("admin-post-teaser")}</label>
                        <textarea id=teaser_id.clone() name=format!("teaser_{code}") rows="2">{form.teaser_in(lang).to_owned()}</textarea>
                        {problem(PostField::Teaser(lang), &teaser_id)}
                    </div>
                    <div class="field">
                        <label for=body_id.clone()>{locale.t("admin-post-body")}</label>
                        <textarea id=body_id.clone() name=format!("body_{code}") rows="12">{form.body_in(lang).to_owned()}</textarea>
                        {problem(PostField::Body(lang), &body_id)}
                    </div>
                    <div class="field">
                        <label for=alt_id.clone()>{locale.t("admin-post-alt")}</label>
                        <input id=alt_id.clone() name=format!("alt_{code}") value=form.alt_in(lang).to_owned() maxlength="300"/>
                        {problem(PostField::Alt(lang), &alt_id)}
                    </div>
                </fieldset>
            }
        })
        .collect_view();
    let kinds = PostKind::ALL
        .iter()
        .map(|kind| {
            let selected = form.kind == kind.code();
            view! { <option value=kind.code() selected=selected>{locale.t(&format!("news-kind-{}", kind.code()))}</option> }
        })
        .collect_view();
    let none = editor.whole_site.then(|| {
        let selected = form.conference.is_empty();
        view! { <option value="" selected=selected>{locale.t("admin-post-whole-site")}</option> }
    });
    let conferences = editor
        .conferences
        .iter()
        .map(|(slug, title)| {
            let selected = form.conference == slug.as_str();
            view! { <option value=slug.to_string() selected=selected>{title.get(locale.lang).to_owned()}</option> }
        })
        .collect_view();
    let documents = editor
        .documents
        .iter()
        .map(|(slug, title)| {
            let checked = form.documents.iter().any(|d| d == slug.as_str());
            let id = format!("field-document-{slug}");
            view! {
                <li>
                    <input type="checkbox" id=id.clone() name="documents" value=slug.to_string() checked=checked/>
                    " "
                    <label for=id lang=title.lang_of(locale.lang).code()>{title.get(locale.lang).to_owned()}</label>
                </li>
            }
        })
        .collect_view();
    let preview = (!preview.is_empty()).then(|| {
        let parts = preview
            .into_iter()
            .map(|(lang, title, teaser, body_html)| {
                view! {
                    <article class="post" lang=lang.code() dir=lang.dir()>
                        <h3>{title}</h3>
                        <p class="teaser">{teaser}</p>
                        <div class="body" inner_html=body_html></div>
                    </article>
                }
            })
            .collect_view();
        view! {
            <section class="preview" aria-labelledby="preview-title">
                <h2 id="preview-title">{locale.t("admin-message-preview")}</h2>
                {parts}
            </section>
        }
    });
    let current = editor
        .record
        .as_ref()
        .and_then(|r| r.post.image.as_ref())
        .map(|image| {
            view! {
                <p>
                    <img class="thumbnail" src=image.path() alt=image.alt.get(locale.lang).to_owned() width="160"/>
                </p>
                <p>
                    <input type="checkbox" id="field-remove-image" name="remove_image" value="on"/>
                    " "
                    <label for="field-remove-image">{locale.t("admin-post-remove-image")}</label>
                </p>
            }
        });
    let removal = editor.record.as_ref().map(|record| {
        let href = locale.href(&convene::paths::admin::delete_post(&record.post.slug));
        view! {
            <form method="post" action=href class="danger">
                <button type="submit">{locale.t("admin-post-delete")}</button>
            </form>
        }
    });
    let updated = editor.record.as_ref().map(|record| {
        let when = record
            .post
            .updated_at
            .format("%Y-%m-%d %H:%M UTC")
            .to_string();
        view! { <p class="hint">{locale.t_args("admin-post-updated", &[("when", &when)])}</p> }
    });
    let saved = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("saved")
        .map(
            |_| view! { <p class="outcome saved" role="status">{locale.t("admin-post-saved")}</p> },
        );
    let title = match &editor.record {
        Some(record) => record.post.title.get(locale.lang).to_owned(),
        None => locale.t("admin-post-new"),
    };
    view! {
        <Frame title=format!("{title} · {}", locale.t("admin-news"))>
            <SignedInAs email=editor.signed_in_as.clone()/>
            <p class="breadcrumb">
                <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                <a href=locale.href(convene::paths::admin::NEWS)>{locale.t("admin-news")}</a>
            </p>
            <h1>{title.clone()}</h1>
            {saved}
            {updated}
            <form class="registration" method="post" action=action enctype="multipart/form-data" novalidate>
                <input type="hidden" name="token" value=form.token.clone()/>
                <p class="hint">{locale.t("admin-post-languages")}</p>
                {languages}
                <div class="field">
                    <label for="field-kind">{locale.t("admin-post-kind")}</label>
                    <select id="field-kind" name="kind">{kinds}</select>
                    {problem(PostField::Kind, "field-kind")}
                </div>
                <div class="field">
                    <label for="field-kind-label">{locale.t("admin-post-kind-label")}</label>
                    <input id="field-kind-label" name="kind_label" value=form.kind_label.clone() maxlength="60"/>
                    {problem(PostField::KindLabel, "field-kind-label")}
                </div>
                <div class="field">
                    <label for="field-conference">{locale.t("admin-post-conference")}</label>
                    <select id="field-conference" name="conference">{none}{conferences}</select>
                    {problem(PostField::Conference, "field-conference")}
                </div>
                <div class="field">
                    <label for="field-topics">{locale.t("admin-post-topics")}</label>
                    <textarea id="field-topics" name="topics" rows="3">{form.topics.clone()}</textarea>
                    {problem(PostField::Topics, "field-topics")}
                </div>
                <fieldset class="field">
                    <legend>{locale.t("admin-post-image")}</legend>
                    {current}
                    <label for="field-image">{locale.t("admin-post-image-file")}</label>
                    <input id="field-image" type="file" name="image" accept="image/png,image/jpeg,image/webp"/>
                    {problem(PostField::Image, "field-image")}
                </fieldset>
                <fieldset class="field">
                    <legend>{locale.t("admin-post-documents")}</legend>
                    <ul class="choices">{documents}</ul>
                    {problem(PostField::Documents, "field-documents")}
                </fieldset>
                <div class="field">
                    <label for="field-slug">{locale.t("admin-post-slug")}</label>
                    <input id="field-slug" name="slug" value=form.slug.clone() dir="ltr"/>
                    {problem(PostField::Slug, "field-slug")}
                </div>
                <p class="hint" id="publish-hint">{locale.t("admin-post-publish-hint")}</p>
                <div class="field">
                    <label for="field-publish-day">{locale.t("admin-post-publish-day")}</label>
                    <input id="field-publish-day" type="date" name="publish_day" value=form.publish_day.clone()
                        aria-describedby="publish-hint"/>
                    {problem(PostField::PublishDay, "field-publish-day")}
                </div>
                <div class="field">
                    <label for="field-publish-time">{locale.t("admin-post-publish-time")}</label>
                    <input id="field-publish-time" type="time" name="publish_time" value=form.publish_time.clone()
                        aria-describedby="publish-hint"/>
                    {problem(PostField::PublishTime, "field-publish-time")}
                </div>
                <button type="submit" name="intent" value="preview">{locale.t("admin-message-preview")}</button>
                " "
                <button type="submit" name="intent" value="save" class="primary">{locale.t("admin-post-save")}</button>
            </form>
            {preview}
            {removal}
        </Frame>
    }
}
