//! A conference's own wording of its papers (the visa invitation letter,
//! the certificate of attendance): the list of kinds and languages, and
//! the editor of one, with its placeholders and a preview for an example
//! delegate, on the page and as the PDF. Without a wording of its own, a
//! paper prints the built-in text. For the conference's organisers.

use super::Desk;
#[cfg(feature = "ssr")]
use super::{answer, open_desk};
use super::{guarded, SignedInAs};
#[cfg(feature = "ssr")]
use crate::api::store;
use crate::back_office::Access;
use crate::components::Frame;
use crate::locale::Locale;
use crate::pages::form::problem_text;
use crate::pages::param;
use crate::submission::{from_request, PaperWordingDraft};
#[cfg(feature = "ssr")]
use convene::account::Action;
use convene::papers::{PaperFacts, PaperKind, PaperWording, PLACEHOLDERS};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// `/admin/conferences/{slug}/paper-wording`
#[component]
pub fn AdminPaperWordingsPage() -> impl IntoView {
    guarded(
        get_paper_wordings(param("slug")),
        |page: PaperWordingsDesk| {
            let locale = Locale::current();
            let c = page.desk.conference;
            let title = c.title.get(locale.lang).to_owned();
            let rows = PaperKind::ALL
                .iter()
                .map(|kind| {
                    let kind = kind.code();
                    // Every interface language: a paper is in the language of
                    // the page it is downloaded from, whatever the conference's.
                    let cells = convene::Lang::ALL
                        .iter()
                        .map(|l| {
                            let own = page.custom.iter().any(|(k, g)| k == kind && g == l.code());
                            let state = locale.t(if own {
                                "admin-template-own"
                            } else {
                                "admin-template-builtin"
                            });
                            let href = locale.href(&convene::paths::admin::paper_wording(
                                &c.slug,
                                kind,
                                l.code(),
                            ));
                            view! { <td><a href=href>{l.native_name()} " · " {state}</a></td> }
                        })
                        .collect_view();
                    view! {
                        <tr>
                            <th scope="row">{locale.t(&format!("paper-{kind}"))}</th>
                            {cells}
                        </tr>
                    }
                })
                .collect_view();
            view! {
                <Frame title=format!("{} · {title}", locale.t("admin-paper-wordings"))>
                    <SignedInAs email=page.signed_in_as.clone()/>
                    <p class="breadcrumb">
                        <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                        <a href=locale.href(&convene::paths::admin::conference(&c.slug))>{title.clone()}</a>
                    </p>
                    <h1>{locale.t("admin-paper-wordings")}</h1>
                    <p>{locale.t("admin-paper-wordings-intro")}</p>
                    <table class="templates"><tbody>{rows}</tbody></table>
                </Frame>
            }
        },
    )
}

/// `/admin/conferences/{slug}/paper-wording/{kind}/{lang}`
#[component]
pub fn AdminPaperWordingPage() -> impl IntoView {
    guarded(
        get_paper_wording(param("slug"), param("kind"), param("lang")),
        |page: PaperWordingDesk| {
            let locale = Locale::current();
            let c = page.desk.conference.clone();
            let lang = page.lang;
            let draft = from_request::<PaperWordingDraft>();
            #[cfg(feature = "ssr")]
            if draft
                .as_ref()
                .is_some_and(|d| d.problems != Default::default())
            {
                crate::pages::set_status(422);
            }
            let (heading, opening, closing, problems) = match draft {
                Some(d) => (d.heading, d.opening, d.closing, d.problems),
                None => (
                    page.wording.heading.clone(),
                    page.wording.opening.clone(),
                    page.wording.closing.clone(),
                    Default::default(),
                ),
            };
            // The preview shows what is typed, even with a problem in it.
            let typed = PaperWording {
                heading: heading.clone(),
                opening: opening.clone(),
                closing: closing.clone(),
            };
            let preview = page.example.text(lang, Some(&typed));
            let problem = |field: &'static str, p: Option<convene::field::Problem>| {
                p.map(|p| view! { <p class="problem" id=format!("field-{field}-problem")>{problem_text(&locale, p)}</p> })
            };
            let (p_heading, p_opening, p_closing) = (
                problem("heading", problems.heading),
                problem("opening", problems.opening),
                problem("closing", problems.closing),
            );
            let placeholders = PLACEHOLDERS
                .iter()
                .map(|p| format!("{{{p}}}"))
                .collect::<Vec<_>>()
                .join(", ");
            let saved = leptos_router::hooks::use_query_map()
                .read_untracked()
                .get("saved")
                .map(|_| view! { <p class="outcome saved" role="status">{locale.t("admin-paper-wording-saved")}</p> });
            let state = locale.t(if page.custom {
                "admin-template-own"
            } else {
                "admin-template-builtin"
            });
            let kind_name = locale.t(&format!("paper-{}", page.kind.code()));
            let list = locale.href(&convene::paths::admin::paper_wordings(&c.slug));
            let action = locale.href(&convene::paths::admin::paper_wording(
                &c.slug,
                page.kind.code(),
                lang.code(),
            ));
            let reset = page.custom.then(|| {
                view! { <button type="submit" name="intent" value="reset">{locale.t("admin-template-reset")}</button> }
            });
            let paragraphs =
                |ps: Vec<String>| ps.into_iter().map(|p| view! { <p>{p}</p> }).collect_view();
            let facts = preview
                .facts
                .into_iter()
                .map(|(label, value)| view! { <tr><th scope="row">{label}</th><td>{value}</td></tr> })
                .collect_view();
            let described = "placeholders paragraphs";
            view! {
                <Frame title=format!("{kind_name} ({}) · {}", lang.native_name(), c.title.get(locale.lang))>
                    <SignedInAs email=page.signed_in_as.clone()/>
                    <p class="breadcrumb">
                        <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                        <a href=locale.href(&convene::paths::admin::conference(&c.slug))>{c.title.get(locale.lang).to_owned()}</a> " › "
                        <a href=list>{locale.t("admin-paper-wordings")}</a>
                    </p>
                    <h1>{kind_name.clone()} " (" {lang.native_name()} ")"</h1>
                    <p>{state}</p>
                    {saved}
                    <form class="registration" method="post" action=action novalidate>
                        <p class="hint" id="placeholders">
                            {locale.t_args("admin-template-placeholders", &[("list", &placeholders)])}
                        </p>
                        <p class="hint" id="paragraphs">{locale.t("admin-paper-wording-paragraphs")}</p>
                        <div class="field">
                            <label for="field-heading">{locale.t("admin-paper-wording-heading")}</label>
                            <input id="field-heading" name="heading" value=heading lang=lang.code() dir=lang.dir()
                                aria-describedby="placeholders" aria-invalid=p_heading.is_some().then_some("true")/>
                            {p_heading}
                        </div>
                        <div class="field">
                            <label for="field-opening">{locale.t("admin-paper-wording-opening")}</label>
                            <textarea id="field-opening" name="opening" rows="10" lang=lang.code() dir=lang.dir()
                                aria-describedby=described aria-invalid=p_opening.is_some().then_some("true")>{opening}</textarea>
                            {p_opening}
                        </div>
                        <div class="field">
                            <label for="field-closing">{locale.t("admin-paper-wording-closing")}</label>
                            <textarea id="field-closing" name="closing" rows="5" lang=lang.code() dir=lang.dir()
                                aria-describedby=described aria-invalid=p_closing.is_some().then_some("true")>{closing}</textarea>
                            {p_closing}
                        </div>
                        <button type="submit" name="intent" value="preview">{locale.t("admin-message-preview")}</button>
                        " "
                        <button type="submit" name="intent" value="pdf" formtarget="_blank">{locale.t("admin-paper-wording-preview-pdf")}</button>
                        " "
                        <button type="submit" name="intent" value="save" class="primary">{locale.t("admin-template-save")}</button>
                        " "
                        {reset}
                    </form>
                    <section class="preview" aria-labelledby="preview-title">
                        <h2 id="preview-title">{locale.t("admin-message-preview")}</h2>
                        <p class="hint">{locale.t("admin-paper-wording-preview-hint")}</p>
                        <div class="paper" lang=lang.code() dir=lang.dir()>
                            <h3>{preview.heading}</h3>
                            {paragraphs(preview.before)}
                            <table class="paper-facts"><tbody>{facts}</tbody></table>
                            {paragraphs(preview.after)}
                        </div>
                    </section>
                </Frame>
            }
        },
    )
}

/// A conference's paper wordings: which kinds and languages have their own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaperWordingsDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    /// (kind, language code) with the conference's own wording.
    pub custom: Vec<(String, String)>,
}

/// The list of a conference's paper wordings, for its organisers.
#[server]
pub async fn get_paper_wordings(slug: String) -> Result<Access<PaperWordingsDesk>, ServerFnError> {
    let store = store()?;
    answer(
        async {
            let (desk, account) = open_desk(&store, &slug, Action::EditConference).await?;
            Ok(PaperWordingsDesk {
                custom: store.paper_wordings(&slug).await?,
                desk,
                signed_in_as: account.email,
            })
        }
        .await,
    )
}

/// One kind of paper in one language: its wording (the conference's own
/// or the built-in one) and the example delegate the preview shows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PaperWordingDesk {
    pub desk: Desk,
    pub signed_in_as: String,
    pub kind: PaperKind,
    pub lang: convene::Lang,
    pub wording: PaperWording,
    pub custom: bool,
    pub example: PaperFacts,
}

/// The editor of one kind of paper in one language, for the conference's
/// organisers; `NotFound` for a kind or language that does not exist.
#[server]
pub async fn get_paper_wording(
    slug: String,
    kind: String,
    lang: String,
) -> Result<Access<PaperWordingDesk>, ServerFnError> {
    use crate::back_office::Denied;
    let store = store()?;
    answer(
        async {
            let (desk, account) = open_desk(&store, &slug, Action::EditConference).await?;
            let kind = PaperKind::parse(&kind).ok_or(Denied::NotFound)?;
            let lang = convene::Lang::parse(&lang).map_err(|_| Denied::NotFound)?;
            let own = store.paper_wording(&slug, kind, lang).await?;
            Ok(PaperWordingDesk {
                custom: own.is_some(),
                wording: own.unwrap_or_else(|| PaperWording::builtin(kind, lang)),
                example: PaperFacts::example(kind, desk.conference.clone(), lang),
                desk,
                signed_in_as: account.email,
                kind,
                lang,
            })
        }
        .await,
    )
}
