//! A session's materials in its editor: the livestream and recording
//! links, with when each shows; its documents, each removable; and a form
//! to add one, a PDF or a link, in one of the conference's languages.

use crate::locale::Locale;
use crate::pages::form::problem_text;
use crate::submission::{from_request, MaterialDraft, WatchDraft};
use convene::field::Problem;
use convene::materials::{MaterialField, MaterialKind, Source, WatchField, LIVE_BEFORE};
use convene::{Conference, Session};
use leptos::prelude::*;

fn problem_view(locale: &Locale, id: &str, problem: Option<Problem>) -> Option<impl IntoView> {
    problem.map(
        |p| view! { <p class="problem" id=format!("{id}-problem")>{problem_text(locale, p)}</p> },
    )
}

pub(super) fn materials_section(locale: &Locale, c: &Conference, s: &Session) -> AnyView {
    let lang = locale.lang;
    let watch = from_request::<WatchDraft>();
    let material = from_request::<MaterialDraft>();
    #[cfg(feature = "ssr")]
    if watch.is_some() || material.is_some() {
        crate::pages::set_status(422);
    }
    let m = &s.materials;
    let (livestream, recording, watch_problems) = match watch {
        Some(d) => (d.livestream, d.recording, d.problems),
        None => (
            m.livestream
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            m.recording
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default(),
            vec![],
        ),
    };
    let watch_problem = |field| {
        watch_problems
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, p)| *p)
    };
    let (form, problems) = match material {
        Some(d) => (d.form, d.problems),
        None => (Default::default(), vec![]),
    };
    let problem = |field| problems.iter().find(|(f, _)| *f == field).map(|(_, p)| *p);
    let opens = crate::admin::at_venue(&c.zone, s.starts_at - LIVE_BEFORE);
    let closes = crate::admin::at_venue(&c.zone, s.ends_at);
    let watch_action = locale.href(&format!(
        "{}/watch",
        convene::paths::admin::session(&c.slug, &s.slug)
    ));
    let add_action = locale.href(&format!(
        "{}/materials",
        convene::paths::admin::session(&c.slug, &s.slug)
    ));
    let documents = m
        .documents
        .iter()
        .map(|d| {
            let delete = locale.href(&format!(
                "{}/materials/{}/delete",
                convene::paths::admin::session(&c.slug, &s.slug),
                d.id
            ));
            let kind = locale.t(&format!("material-{}", d.kind.code()));
            let what = match &d.source {
                Source::File { name, .. } => name.clone(),
                Source::Link(url) => url.to_string(),
            };
            view! {
                <tr data-material=d.id.to_string()>
                    <td>{kind}</td>
                    <td>{d.lang.native_name()}</td>
                    <td><a href=d.source.href() lang=d.lang.code()>{d.title.clone()}</a></td>
                    <td dir="ltr">{what}</td>
                    <td>
                        <form method="post" action=delete>
                            <button type="submit">{locale.t("admin-room-delete")}</button>
                        </form>
                    </td>
                </tr>
            }
        })
        .collect_view();
    let kinds = MaterialKind::ALL
        .iter()
        .map(|k| {
            let selected = form.kind == k.code();
            view! { <option value=k.code() selected=selected>{locale.t(&format!("material-{}", k.code()))}</option> }
        })
        .collect_view();
    let languages = c
        .languages
        .iter()
        .map(|l| {
            let selected = form.lang == l.code() || (form.lang.is_empty() && *l == lang);
            view! { <option value=l.code() selected=selected>{l.native_name()}</option> }
        })
        .collect_view();
    view! {
        <section class="materials" id="materials">
            <h2>{locale.t("admin-materials")}</h2>
            <form class="registration" method="post" action=watch_action novalidate>
                <div class="field">
                    <label for="field-livestream">{locale.t("admin-materials-livestream")}</label>
                    <p class="hint" id="field-livestream-hint">
                        {locale.t_args("admin-materials-livestream-hint", &[("from", &opens), ("to", &closes)])}
                    </p>
                    <input id="field-livestream" name="livestream" type="url" dir="ltr" value=livestream
                        placeholder="https://" aria-describedby="field-livestream-hint"/>
                    {problem_view(locale, "field-livestream", watch_problem(WatchField::Livestream))}
                </div>
                <div class="field">
                    <label for="field-recording">{locale.t("admin-materials-recording")}</label>
                    <p class="hint" id="field-recording-hint">
                        {locale.t_args("admin-materials-recording-hint", &[("from", &closes)])}
                    </p>
                    <input id="field-recording" name="recording" type="url" dir="ltr" value=recording
                        placeholder="https://" aria-describedby="field-recording-hint"/>
                    {problem_view(locale, "field-recording", watch_problem(WatchField::Recording))}
                </div>
                <button type="submit">{locale.t("admin-materials-save-links")}</button>
            </form>
            <h3>{locale.t("admin-materials-documents")}</h3>
            <table class="documents"><tbody>{documents}</tbody></table>
            <form class="registration" method="post" action=add_action enctype="multipart/form-data" novalidate>
                <div class="field">
                    <label for="field-material-kind">{locale.t("admin-materials-kind")}</label>
                    <select id="field-material-kind" name="kind">{kinds}</select>
                    {problem_view(locale, "field-material-kind", problem(MaterialField::Kind))}
                </div>
                <div class="field">
                    <label for="field-material-lang">{locale.t("admin-materials-lang")}</label>
                    <select id="field-material-lang" name="lang">{languages}</select>
                    {problem_view(locale, "field-material-lang", problem(MaterialField::Lang))}
                </div>
                <div class="field">
                    <label for="field-material-title">{locale.t("admin-materials-title")}</label>
                    <input id="field-material-title" name="title" value=form.title.clone() maxlength="200"/>
                    {problem_view(locale, "field-material-title", problem(MaterialField::Title))}
                </div>
                <div class="field">
                    <label for="field-material-file">{locale.t("admin-materials-file")}</label>
                    <input id="field-material-file" type="file" name="file" accept="application/pdf"/>
                </div>
                <div class="field">
                    <label for="field-material-url">{locale.t("admin-materials-url")}</label>
                    <input id="field-material-url" name="url" type="url" dir="ltr" value=form.url.clone() placeholder="https://"/>
                    {problem_view(locale, "field-material-source", problem(MaterialField::Source))}
                </div>
                <button type="submit">{locale.t("admin-materials-add")}</button>
            </form>
        </section>
    }
    .into_any()
}
