//! A person's profile in the back office: position, organisation and
//! biography in each of the conference's languages, a portrait with its
//! text, links, and whether the public site shows them yet; below, the
//! profile as the public sees it, in each language.

use super::agenda::{get_agenda_desk, AgendaDesk};
use super::{guarded, SignedInAs};
use crate::components::picture::PictureView;
use crate::components::Frame;
use crate::locale::Locale;
use crate::pages::form::problem_text;
use crate::pages::{param, NotFound};
use crate::submission::{from_request, ProfileDraft};
use convene::people::{ProfileField, ProfileForm, MAX_LINKS};
use convene::pictures::Shape;
use convene::{Lang, Person};
use leptos::prelude::*;

#[component]
pub fn AdminPersonPage() -> impl IntoView {
    let person = param("person");
    guarded(get_agenda_desk(param("slug")), move |desk: AgendaDesk| {
        let locale = Locale::current();
        let lang = locale.lang;
        let agenda = desk.agenda;
        let c = agenda.conference.clone();
        let Some(p) = agenda.person(&person).cloned() else {
            return view! { <NotFound/> }.into_any();
        };
        let draft = from_request::<ProfileDraft>();
        #[cfg(feature = "ssr")]
        if draft.is_some() {
            crate::pages::set_status(422);
        }
        let (form, problems) = match draft {
            Some(d) => (d.form, d.problems),
            None => (ProfileForm::of(&p), vec![]),
        };
        let problems = std::sync::Arc::new(problems);
        let problem = move |field: ProfileField| {
            problems
                .iter()
                .find(|(f, _)| *f == field)
                .map(|(_, problem)| {
                    let id = format!("{}-problem", field.id());
                    view! { <p class="problem" id=id>{problem_text(&locale, *problem)}</p> }
                })
        };
        let described =
            |field: ProfileField, has: bool| has.then(|| format!("{}-problem", field.id()));
        let saved = leptos_router::hooks::use_query_map()
            .read_untracked()
            .get("saved")
            .map(|_| view! { <p class="outcome saved" role="status">{locale.t("admin-profile-saved")}</p> });
        let languages = c
            .languages
            .iter()
            .map(|&l| {
                let code = l.code();
                let text_field = |field: ProfileField, name: &str, label: &str, value: &str, max: &str| {
                    let id = field.id();
                    let has = problem(field).is_some();
                    view! {
                        <div class="field">
                            <label for=id.clone()>{locale.t(label)}</label>
                            <input id=id.clone() name=format!("{name}_{code}") value=value.to_owned() maxlength=max.to_owned()
                                aria-describedby=described(field, has) aria-invalid=has.then_some("true")/>
                            {problem(field)}
                        </div>
                    }
                };
                let bio_id = ProfileField::Bio(l).id();
                let bio_has = problem(ProfileField::Bio(l)).is_some();
                view! {
                    <fieldset lang=code dir=l.dir()>
                        <legend>{l.native_name()}</legend>
                        {text_field(ProfileField::Position(l), "position", "admin-profile-position",
                            ProfileForm::text(&form.positions, l), "200")}
                        {text_field(ProfileField::Organisation(l), "organisation", "admin-profile-organisation",
                            ProfileForm::text(&form.organisations, l), "200")}
                        <div class="field">
                            <label for=bio_id.clone()>{locale.t("admin-profile-bio")}</label>
                            <textarea id=bio_id.clone() name=format!("bio_{code}") rows="6"
                                aria-describedby=described(ProfileField::Bio(l), bio_has)>
                                {ProfileForm::text(&form.bios, l).to_owned()}
                            </textarea>
                            {problem(ProfileField::Bio(l))}
                        </div>
                        {text_field(ProfileField::Alt(l), "alt", "admin-profile-alt",
                            ProfileForm::text(&form.alts, l), "300")}
                    </fieldset>
                }
            })
            .collect_view();
        let links = (0..MAX_LINKS)
            .map(|i| {
                let (label, url) = form.link(i);
                let (label_id, url_id) = (ProfileField::LinkLabel(i).id(), ProfileField::LinkUrl(i).id());
                view! {
                    <div class="link-row">
                        <div class="field">
                            <label for=label_id.clone()>{locale.t("admin-profile-link-label")}</label>
                            <input id=label_id name=format!("link_label_{i}") value=label.to_owned() maxlength="60"/>
                            {problem(ProfileField::LinkLabel(i))}
                        </div>
                        <div class="field">
                            <label for=url_id.clone()>{locale.t("admin-profile-link-url")}</label>
                            <input id=url_id name=format!("link_url_{i}") type="url" value=url.to_owned() dir="ltr"
                                placeholder="https://"/>
                            {problem(ProfileField::LinkUrl(i))}
                        </div>
                    </div>
                }
            })
            .collect_view();
        let (min_w, min_h) = Shape::Portrait.minimum();
        let current = p.photo.clone().map(|picture| {
            view! {
                <PictureView picture width=96 class="portrait"/>
                <p>
                    <input type="checkbox" id="field-remove-photo" name="remove_photo" value="on"/>
                    " "
                    <label for="field-remove-photo">{locale.t("admin-profile-remove-photo")}</label>
                </p>
            }
        });
        let action = locale.href(&convene::paths::admin::person(&c.slug, &p.slug));
        let title = c.title.get(lang).to_owned();
        let public = form.public == "on";
        let preview = preview(&locale, &c.languages, &p);
        view! {
            <Frame title=format!("{} · {title}", p.name)>
                <SignedInAs email=desk.signed_in_as.clone()/>
                <p class="breadcrumb">
                    <a href=locale.href(convene::paths::admin::HOME)>{locale.t("admin-title")}</a> " › "
                    <a href=locale.href(&convene::paths::admin::conference(&c.slug))>{title.clone()}</a> " › "
                    <a href=locale.href(&convene::paths::admin::agenda(&c.slug))>{locale.t("admin-agenda")}</a>
                </p>
                <h1>{p.name.clone()}</h1>
                {saved}
                <form class="registration profile" method="post" action=action enctype="multipart/form-data" novalidate>
                    <div class="field">
                        <label for="field-name">{locale.t("admin-person-name")}</label>
                        <input id="field-name" name="name" value=form.name.clone() maxlength="200"/>
                        {problem(ProfileField::Name)}
                    </div>
                    <p class="hint">{locale.t("admin-profile-languages")}</p>
                    {languages}
                    <fieldset class="field">
                        <legend>{locale.t("admin-profile-photo")}</legend>
                        {current}
                        <label for="field-photo">{locale.t("admin-profile-photo-file")}</label>
                        <p class="hint" id="field-photo-hint">
                            {locale.t_args("admin-profile-photo-hint", &[("width", &min_w.to_string()), ("height", &min_h.to_string())])}
                        </p>
                        <input id="field-photo" type="file" name="photo" accept="image/jpeg,image/png,image/webp"
                            aria-describedby="field-photo-hint"/>
                        {problem(ProfileField::Photo)}
                    </fieldset>
                    <fieldset class="field">
                        <legend>{locale.t("admin-profile-links")}</legend>
                        {links}
                    </fieldset>
                    <p>
                        <input type="checkbox" id="field-public" name="public" value="on" checked=public/>
                        " "
                        <label for="field-public">{locale.t("admin-profile-public")}</label>
                    </p>
                    <button type="submit" class="primary">{locale.t("admin-profile-save")}</button>
                </form>
                {preview}
            </Frame>
        }
        .into_any()
    })
}

/// The profile as stored, as the public pages show it, in each language.
fn preview(locale: &Locale, languages: &[Lang], p: &Person) -> impl IntoView {
    let cards = languages
        .iter()
        .map(|&l| {
            let photo = p.photo.clone().map(|picture| {
                let alt = picture.alt(l).to_owned();
                view! {
                    <PictureView picture width=96 class="portrait"/>
                    <p class="hint">{locale.t("admin-profile-alt")} ": " <span lang=l.code()>{alt}</span></p>
                }
            });
            let bio = p.bio.as_ref().map(|b| b.get(l).to_owned()).unwrap_or_default();
            view! {
                <article class="person" lang=l.code() dir=l.dir()>
                    <h3>{l.native_name()}</h3>
                    {photo}
                    <p><strong>{p.name.clone()}</strong></p>
                    <p class="affiliation">{p.affiliation(l)}</p>
                    <p class="bio">{bio}</p>
                </article>
            }
        })
        .collect_view();
    let shown = if p.public {
        locale.t("admin-profile-shown")
    } else {
        locale.t("admin-profile-hidden")
    };
    view! {
        <section class="preview" aria-labelledby="preview-title">
            <h2 id="preview-title">{locale.t("admin-profile-preview")}</h2>
            <p class="hint" data-public=p.public.to_string()>{shown}</p>
            <div class="preview-cards">{cards}</div>
        </section>
    }
}
