//! A conference's face in the back office: its banner and logo, its accent
//! colour, and its hosts' and partners' links and logos; below, the
//! conference page's top as the public will see it.

use super::agenda::{get_agenda_desk, AgendaDesk};
use super::{guarded, SignedInAs};
use crate::components::picture::PictureView;
use crate::components::Frame;
use crate::locale::Locale;
use crate::pages::form::problem_text;
use crate::pages::param;
use crate::submission::{from_request, FaceDraft};
use convene::branding::{FaceField, FaceForm};
use convene::pictures::Shape;
use leptos::prelude::*;

#[component]
pub fn AdminFacePage() -> impl IntoView {
    guarded(get_agenda_desk(param("slug")), move |desk: AgendaDesk| {
        let locale = Locale::current();
        let lang = locale.lang;
        let c = desk.agenda.conference.clone();
        let names = c.organisations();
        let draft = from_request::<FaceDraft>();
        #[cfg(feature = "ssr")]
        if draft.is_some() {
            crate::pages::set_status(422);
        }
        let (form, problems) = match draft {
            Some(d) => (d.form, d.problems),
            None => (FaceForm::of(&c.face, &names), vec![]),
        };
        let problems = std::sync::Arc::new(problems);
        let problem = move |field: FaceField| {
            problems.iter().find(|(f, _)| *f == field).map(|(_, p)| {
                view! { <p class="problem" id=format!("{}-problem", field.id())>{problem_text(&locale, *p)}</p> }
            })
        };
        let hint = move |shape: Shape| {
            let (w, h) = shape.minimum();
            locale.t_args(
                "admin-face-picture-hint",
                &[("width", &w.to_string()), ("height", &h.to_string())],
            )
        };
        let current = move |picture: Option<convene::pictures::Picture>,
                            width: u32,
                            remove: String,
                            id: String| {
            picture.map(|picture| {
                view! {
                    <PictureView picture width/>
                    <p>
                        <input type="checkbox" id=id.clone() name=remove value="on"/>
                        " " <label for=id>{locale.t("admin-face-remove")}</label>
                    </p>
                }
            })
        };
        let organisations = names
            .iter()
            .enumerate()
            .map(|(i, name)| {
                let kept = c.face.of(name).and_then(|o| o.logo.clone());
                let (url_id, logo_id) = (FaceField::OrganisationUrl(i).id(), FaceField::OrganisationLogo(i).id());
                let role = if i < c.hosts.len() { "admin-face-host" } else { "admin-face-partner" };
                view! {
                    <fieldset class="field organisation">
                        <legend>{name.clone()} " · " {locale.t(role)}</legend>
                        {current(kept, 96, format!("org_remove_{i}"), format!("field-org-remove-{i}"))}
                        <div class="field">
                            <label for=url_id.clone()>{locale.t("admin-face-org-url")}</label>
                            <input id=url_id name=format!("org_url_{i}") type="url" dir="ltr"
                                value=form.urls.get(i).cloned().unwrap_or_default() placeholder="https://"/>
                            {problem(FaceField::OrganisationUrl(i))}
                        </div>
                        <div class="field">
                            <label for=logo_id.clone()>{locale.t("admin-face-org-logo")}</label>
                            <input id=logo_id name=format!("org_logo_{i}") type="file"
                                accept="image/png,image/jpeg,image/webp,image/svg+xml"/>
                            {problem(FaceField::OrganisationLogo(i))}
                        </div>
                    </fieldset>
                }
            })
            .collect_view();
        let banner_alts = c
            .languages
            .iter()
            .map(|&l| {
                let field = FaceField::BannerAlt(l);
                let typed = form
                    .banner_alts
                    .iter()
                    .find(|(code, _)| code == l.code())
                    .map(|(_, t)| t.clone())
                    .unwrap_or_default();
                view! {
                    <div class="field" lang=l.code() dir=l.dir()>
                        <label for=field.id()>{l.native_name()}</label>
                        <input id=field.id() name=format!("banner_alt_{}", l.code()) value=typed maxlength="300"/>
                        {problem(field)}
                    </div>
                }
            })
            .collect_view();
        let saved = leptos_router::hooks::use_query_map()
            .read_untracked()
            .get("saved")
            .map(|_| view! { <p class="outcome saved" role="status">{locale.t("admin-face-saved")}</p> });
        let action = locale.href(&convene::paths::admin::face(&c.slug));
        let title = c.title.get(lang).to_owned();
        let preview = crate::pages::conference::Masthead(crate::pages::conference::MastheadProps {
            conference: c.clone(),
        });
        view! {
            <Frame title=format!("{} · {title}", locale.t("admin-face"))>
                <SignedInAs email=desk.signed_in_as.clone()/>
                <p class="breadcrumb">
                    <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                    <a href=locale.href(&convene::paths::admin::conference(&c.slug))>{title.clone()}</a>
                </p>
                <h1>{locale.t("admin-face")}</h1>
                {saved}
                <form class="registration face" method="post" action=action enctype="multipart/form-data" novalidate>
                    <fieldset class="field">
                        <legend>{locale.t("admin-face-banner")}</legend>
                        {current(c.face.banner.clone(), 320, "remove_banner".into(), "field-remove-banner".into())}
                        <label for="field-banner">{locale.t("admin-face-new-picture")}</label>
                        <p class="hint">{hint(Shape::Banner)}</p>
                        <input id="field-banner" name="banner" type="file" accept="image/png,image/jpeg,image/webp"/>
                        {problem(FaceField::Banner)}
                        <p class="hint">{locale.t("admin-face-banner-alt")}</p>
                        {banner_alts}
                    </fieldset>
                    <fieldset class="field">
                        <legend>{locale.t("admin-face-logo")}</legend>
                        {current(c.face.logo.clone(), 96, "remove_logo".into(), "field-remove-logo".into())}
                        <label for="field-logo">{locale.t("admin-face-new-picture")}</label>
                        <p class="hint">{hint(Shape::Logo)}</p>
                        <input id="field-logo" name="logo" type="file" accept="image/png,image/jpeg,image/webp,image/svg+xml"/>
                        {problem(FaceField::Logo)}
                    </fieldset>
                    <div class="field">
                        <label for="field-accent">{locale.t("admin-face-accent")}</label>
                        <p class="hint" id="field-accent-hint">{locale.t("admin-face-accent-hint")}</p>
                        <input id="field-accent" name="accent" value=form.accent.clone() maxlength="7" dir="ltr"
                            placeholder="#0B5CAD" aria-describedby="field-accent-hint"/>
                        {problem(FaceField::Accent)}
                    </div>
                    <h2>{locale.t("admin-face-organisations")}</h2>
                    {organisations}
                    <button type="submit" class="primary">{locale.t("admin-face-save")}</button>
                </form>
                <section class="preview" aria-labelledby="preview-title">
                    <h2 id="preview-title">{locale.t("admin-face-preview")}</h2>
                    <div style=c.face.style()>{preview}</div>
                </section>
            </Frame>
        }
        .into_any()
    })
}
