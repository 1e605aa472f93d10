//! Outcome documents on the public site: a scope's list (on the home,
//! topic and conference pages), a document's page with its file in each
//! language and the posts that refer to it.

use super::loaded;
use super::param;
use crate::admin::size_label;
use crate::api::DocumentView;
use crate::components::Frame;
use crate::locale::Locale;
use convene::documents::Document;
use convene::i18n::long_date;
use convene::scope::Scope;
use leptos::prelude::*;

/// A document's files, one link per language.
fn file_links(document: &Document) -> impl IntoView {
    document
        .files
        .iter()
        .map(|(lang, file)| {
            let href = convene::paths::file(&file.hash, &file.name);
            let label = format!("{} · PDF, {}", lang.native_name(), size_label(file.size));
            view! {
                <li><a href=href hreflang=lang.code() type=file.content_type.clone() download=file.name.clone()>{label}</a></li>
            }
        })
        .collect_view()
}

/// The outcome documents of `scope`, if it has any.
#[component]
pub fn DocumentsSection(scope: Scope) -> impl IntoView {
    let locale = Locale::current();
    view! {
        <Suspense>
            {Suspend::new(async move {
                let Ok(documents) = crate::api::list_documents(scope).await else {
                    return None;
                };
                if documents.is_empty() {
                    return None;
                }
                let items = documents
                    .iter()
                    .map(|d| {
                        let href = locale.href(&convene::paths::document(&d.slug));
                        let date = long_date(locale.lang, d.adopted_on);
                        view! {
                            <li class="document-card">
                                <a href=href lang=d.title.lang_of(locale.lang).code()>{d.title.get(locale.lang).to_owned()}</a>
                                <span class="dates">{date}</span>
                            </li>
                        }
                    })
                    .collect_view();
                Some(view! {
                    <section class="documents">
                        <h2>{locale.t("documents-title")}</h2>
                        <ul class="documents">{items}</ul>
                    </section>
                })
            })}
        </Suspense>
    }
}

/// `/documents/{slug}`
#[component]
pub fn DocumentPage() -> impl IntoView {
    let locale = Locale::current();
    loaded(
        crate::api::get_document(param("slug")),
        move |view: DocumentView| {
            let d = view.document;
            let title = d.title.get(locale.lang).to_owned();
            let date = long_date(locale.lang, d.adopted_on);
            let conference = d.conference.as_ref().zip(view.conference.as_ref()).map(|(slug, name)| {
            let href = locale.href(&convene::paths::conference(slug));
            view! { <p class="conference"><a href=href lang=name.lang_of(locale.lang).code()>{name.get(locale.lang).to_owned()}</a></p> }
        });
            let posts = view
            .posts
            .iter()
            .map(|(slug, title)| {
                let href = locale.href(&convene::paths::news(slug));
                view! { <li><a href=href lang=title.lang_of(locale.lang).code()>{title.get(locale.lang).to_owned()}</a></li> }
            })
            .collect_view();
            let about = (!view.posts.is_empty()).then(|| {
                view! {
                    <section>
                        <h2>{locale.t("documents-posts")}</h2>
                        <ul>{posts}</ul>
                    </section>
                }
            });
            view! {
                <Frame title=title.clone()>
                    <leptos_meta::Meta name="description" content=title.clone()/>
                    <article class="document">
                        <h1 lang=d.title.lang_of(locale.lang).code()>{title}</h1>
                        <p class="dates">{locale.t_args("documents-adopted", &[("date", &date)])}</p>
                        {conference}
                        <h2>{locale.t("documents-files")}</h2>
                        <ul class="files">{file_links(&d)}</ul>
                        {about}
                    </article>
                </Frame>
            }
        },
    )
}

/// A post's documents, listed on its page.
pub fn post_documents(locale: &Locale, documents: &[Document]) -> impl IntoView {
    (!documents.is_empty()).then(|| {
        let items = documents
            .iter()
            .map(|d| {
                let href = locale.href(&convene::paths::document(&d.slug));
                view! {
                    <li>
                        <a href=href lang=d.title.lang_of(locale.lang).code()>{d.title.get(locale.lang).to_owned()}</a>
                        <ul class="files">{file_links(d)}</ul>
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="documents">
                <h2>{locale.t("documents-title")}</h2>
                <ul>{items}</ul>
            </section>
        }
    })
}
