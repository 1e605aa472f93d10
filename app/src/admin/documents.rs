//! Outcome documents in the back office: the list of those an account may
//! change (its conferences'; every one for administrators), and the form
//! of one, with a PDF per language. Its door is [`Writer`], as for posts.

#[cfg(feature = "ssr")]
use super::news::Writer;
use super::{guarded, SignedInAs};
#[cfg(feature = "ssr")]
use crate::api::store;
use crate::back_office::Access;
use crate::components::Frame;
use crate::locale::Locale;
use crate::pages::form::problem_text;
use crate::pages::param;
use crate::submission::{from_request, DocumentDraft};
use convene::documents::{Document, DocumentField, DocumentForm};
use convene::{Lang, Localized, Slug};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// The documents an account may change.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentsDesk {
    pub signed_in_as: String,
    pub documents: Vec<Document>,
}

/// One document's form: the document (`None` for a new one), where it
/// may be put.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DocumentEditor {
    pub signed_in_as: String,
    pub document: Option<Document>,
    pub form: DocumentForm,
    pub conferences: Vec<(Slug, Localized)>,
    pub whole_site: bool,
}

#[server]
pub async fn get_documents_desk() -> Result<Access<DocumentsDesk>, ServerFnError> {
    let store = store()?;
    super::answer(
        async {
            let writer = Writer::of(&store, &super::request_headers()).await?;
            let documents = store
                .all_documents()
                .await?
                .into_iter()
                .filter(|d| writer.may_write(d.conference.as_ref()))
                .collect();
            Ok(DocumentsDesk {
                signed_in_as: writer.account.email,
                documents,
            })
        }
        .await,
    )
}

/// The form of the document `slug` (empty: a new document).
#[server]
pub async fn get_document_editor(slug: String) -> Result<Access<DocumentEditor>, ServerFnError> {
    use crate::back_office::Denied;
    let store = store()?;
    super::answer(
        async {
            let writer = Writer::of(&store, &super::request_headers()).await?;
            let document = match slug.as_str() {
                "" => None,
                slug => {
                    let document = store.document(slug, false).await?.ok_or(Denied::NotFound)?;
                    if !writer.may_write(document.conference.as_ref()) {
                        return Err(Denied::Forbidden);
                    }
                    Some(document)
                }
            };
            Ok(DocumentEditor {
                signed_in_as: writer.account.email.clone(),
                form: document.as_ref().map(DocumentForm::of).unwrap_or_default(),
                document,
                whole_site: writer.account.administrator,
                conferences: writer
                    .conferences
                    .into_iter()
                    .map(|(slug, title, _)| (slug, title))
                    .collect(),
            })
        }
        .await,
    )
}

/// A file's size as people read it.
pub fn size_label(bytes: i64) -> String {
    if bytes < 1024 * 1024 {
        format!("{} KB", (bytes + 1023) / 1024)
    } else {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    }
}

/// `/admin/documents`
#[component]
pub fn AdminDocumentsPage() -> impl IntoView {
    guarded(get_documents_desk(), |desk: DocumentsDesk| {
        let locale = Locale::current();
        let rows = desk
            .documents
            .iter()
            .map(|d| {
                let href = locale.href(&convene::paths::admin::document(&d.slug));
                let languages = d
                    .files
                    .iter()
                    .map(|(lang, _)| lang.native_name())
                    .collect::<Vec<_>>()
                    .join(", ");
                view! {
                    <tr>
                        <td><a href=href lang=d.title.lang_of(locale.lang).code()>{d.title.get(locale.lang).to_owned()}</a></td>
                        <td>{d.adopted_on.to_string()}</td>
                        <td>{d.conference.as_ref().map(ToString::to_string).unwrap_or_default()}</td>
                        <td>{languages}</td>
                    </tr>
                }
            })
            .collect_view();
        view! {
            <Frame title=locale.t("admin-documents")>
                <SignedInAs email=desk.signed_in_as.clone()/>
                <p class="breadcrumb">
                    <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a>
                </p>
                <h1>{locale.t("admin-documents")}</h1>
                <p><a class="button" href=locale.href(convene::paths::admin::NEW_DOCUMENT)>{locale.t("admin-document-new")}</a></p>
                <table class="documents">
                    <thead>
                        <tr>
                            <th scope="col">{locale.t("admin-post-title")}</th>
                            <th scope="col">{locale.t("admin-document-adopted")}</th>
                            <th scope="col">{locale.t("admin-post-conference")}</th>
                            <th scope="col">{locale.t("admin-document-files")}</th>
                        </tr>
                    </thead>
                    <tbody>{rows}</tbody>
                </table>
            </Frame>
        }
    })
}

/// `/admin/documents/new`
#[component]
pub fn AdminNewDocumentPage() -> impl IntoView {
    guarded(get_document_editor(String::new()), document_form)
}

/// `/admin/documents/edit/{slug}`
#[component]
pub fn AdminDocumentPage() -> impl IntoView {
    guarded(get_document_editor(param("slug")), document_form)
}

fn document_form(editor: DocumentEditor) -> impl IntoView {
    let locale = Locale::current();
    let draft = from_request::<DocumentDraft>();
    #[cfg(feature = "ssr")]
    if draft.as_ref().is_some_and(|d| !d.problems.is_empty()) {
        crate::pages::set_status(422);
    }
    let (form, problems) = match draft {
        Some(d) => (d.form, d.problems),
        None => (editor.form.clone(), vec![]),
    };
    let problem = move |field: DocumentField, id: &str| {
        problems.iter().find(|(f, _)| *f == field).map(|(_, p)| {
            let id = format!("{id}-problem");
            view! { <p class="problem" id=id>{problem_text(&locale, *p)}</p> }
        })
    };
    let action = match &editor.document {
        Some(d) => locale.href(&convene::paths::admin::document(&d.slug)),
        None => locale.href(convene::paths::admin::NEW_DOCUMENT),
    };
    let languages = Lang::ALL
        .into_iter()
        .map(|lang| {
            let code = lang.code();
            let (title_id, file_id) = (format!("field-title-{code}"), format!("field-file-{code}"));
            let current = editor
                .document
                .as_ref()
                .and_then(|d| d.files.iter().find(|(l, _)| *l == lang))
                .map(|(_, file)| {
                    let href = convene::paths::file(&file.hash, &file.name);
                    view! { <p class="hint"><a href=href>{file.name.clone()}</a> " · " {size_label(file.size)}</p> }
                });
            view! {
                <fieldset lang=code dir=lang.dir()>
                    <legend>{lang.native_name()}</legend>
                    <div class="field">
                        <label for=title_id.clone()>{locale.t("admin-post-title")}</label>
                        <input id=title_id.clone() name=format!("title_{code}") value=form.title_in(lang).to_owned() maxlength="300"/>
                        {problem(DocumentField::Title(lang), &title_id)}
                    </div>
                    <div class="field">
                        <label for=file_id.clone()>{locale.t("admin-document-file")}</label>
                        {current}
                        <input id=file_id.clone() type="file" name=format!("file_{code}") accept="application/pdf,.pdf"/>
                        {problem(DocumentField::File(lang), &file_id)}
                    </div>
                </fieldset>
            }
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
    let removal = editor.document.as_ref().map(|d| {
        let href = locale.href(&convene::paths::admin::delete_document(&d.slug));
        view! {
            <form method="post" action=href class="danger">
                <button type="submit">{locale.t("admin-document-delete")}</button>
            </form>
        }
    });
    let public = editor.document.as_ref().map(|d| {
        let href = locale.href(&convene::paths::document(&d.slug));
        view! { <p><a href=href>{locale.t("admin-document-public")}</a></p> }
    });
    let saved = leptos_router::hooks::use_query_map()
        .read_untracked()
        .get("saved")
        .map(
            |_| view! { <p class="outcome saved" role="status">{locale.t("admin-document-saved")}</p> },
        );
    let title = match &editor.document {
        Some(d) => d.title.get(locale.lang).to_owned(),
        None => locale.t("admin-document-new"),
    };
    view! {
        <Frame title=format!("{title} · {}", locale.t("admin-documents"))>
            <SignedInAs email=editor.signed_in_as.clone()/>
            <p class="breadcrumb">
                <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                <a href=locale.href(convene::paths::admin::DOCUMENTS)>{locale.t("admin-documents")}</a>
            </p>
            <h1>{title.clone()}</h1>
            {saved}
            {public}
            <form class="registration" method="post" action=action enctype="multipart/form-data" novalidate>
                <p class="hint">{locale.t("admin-document-files-hint")}</p>
                {languages}
                <div class="field">
                    <label for="field-adopted-on">{locale.t("admin-document-adopted")}</label>
                    <input id="field-adopted-on" type="date" name="adopted_on" value=form.adopted_on.clone()/>
                    {problem(DocumentField::AdoptedOn, "field-adopted-on")}
                </div>
                <div class="field">
                    <label for="field-conference">{locale.t("admin-post-conference")}</label>
                    <select id="field-conference" name="conference">{none}{conferences}</select>
                    {problem(DocumentField::Conference, "field-conference")}
                </div>
                <div class="field">
                    <label for="field-slug">{locale.t("admin-document-slug")}</label>
                    <input id="field-slug" name="slug" value=form.slug.clone() dir="ltr"/>
                    {problem(DocumentField::Slug, "field-slug")}
                </div>
                <button type="submit" class="primary">{locale.t("admin-post-save")}</button>
            </form>
            {removal}
        </Frame>
    }
}
