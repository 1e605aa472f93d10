//! The agenda editor's island: as the organiser changes a field, the
//! session as typed is checked against the rest of the agenda by the
//! server ([`check_session`], beside it: the same health rules as the
//! panel), and what saving it would cause is listed under the form.
//! Without JavaScript nothing changes: the warnings show after saving.

#[cfg(feature = "ssr")]
use super::answer;
#[cfg(feature = "ssr")]
use crate::api::store;
use crate::back_office::Access;
#[cfg(feature = "ssr")]
use convene::account::Action;
use leptos::prelude::*;

/// What the agenda would say of a session as its organiser types it, in
/// `lang`: the problems that keep it from being saved, or the warnings
/// saving it would cause (a room or a person twice at once, a day outside
/// the conference's, more seats than the room holds). `session` is the
/// edited session's slug, empty for a new one. The editor's island asks
/// as fields change; it reads and stores nothing.
#[server]
pub async fn check_session(
    slug: String,
    session: String,
    lang: String,
    // The editor's fields as the form would post them (urlencoded).
    fields: String,
) -> Result<Access<Vec<String>>, ServerFnError> {
    let store = store()?;
    answer(check_typed(&store, &slug, &session, &lang, &fields).await)
}

/// `check_session`'s work, with `?`: the door, the agenda, the texts.
#[cfg(feature = "ssr")]
async fn check_typed(
    store: &convene::store::Store,
    slug: &str,
    session: &str,
    lang: &str,
    fields: &str,
) -> Result<Vec<String>, crate::back_office::Denied> {
    use crate::back_office::{admit, Denied};
    use convene::session_edit::SessionEdit;
    // The door only: the editor's island asks as fields change.
    admit(
        store,
        &super::request_headers(),
        Some(slug),
        Action::EditConference,
    )
    .await?;
    let agenda = store.editable_agenda(slug).await?.ok_or(Denied::NotFound)?;
    let current = match session {
        "" => None,
        s => Some(
            agenda
                .sessions
                .iter()
                .find(|x| x.slug.as_str() == s)
                .ok_or(Denied::NotFound)?
                .slug
                .clone(),
        ),
    };
    let locale = crate::locale::Locale {
        lang: convene::Lang::parse(lang).unwrap_or_default(),
        prefixed: false,
    };
    // A title not typed yet is not a mistake yet: the session is checked
    // as "this session" until it has one.
    let first = agenda
        .conference
        .languages
        .first()
        .copied()
        .unwrap_or_default();
    let mut form = convene::session_edit::SessionForm::from_pairs(
        form_urlencoded::parse(fields.as_bytes()).into_owned(),
    );
    if form.title(first).trim().is_empty() {
        form.titles.retain(|(l, _)| l != first.code());
        form.titles
            .push((first.code().to_owned(), locale.t("admin-this-session")));
    }
    let texts = match SessionEdit::parse(&form, &agenda) {
        Ok(edit) => {
            let (agenda, warnings) = edit.as_saved(&agenda, current.as_ref());
            warnings
                .iter()
                .map(|w| crate::agenda_health::warning_text(&locale, &agenda, w))
                .collect()
        }
        Err(problems) => problems
            .into_iter()
            .map(|(field, problem)| {
                format!(
                    "{}: {}",
                    crate::agenda_health::session_field_label(&locale, field),
                    crate::pages::form::problem_text(&locale, problem)
                )
            })
            .collect(),
    };
    Ok(texts)
}

/// `session`: the edited session's slug, empty for a new one.
#[island]
pub fn SessionChecks(
    slug: String,
    session: String,
    lang: String,
    /// "Saving this session as typed:" and the sentence for no warning.
    heading: String,
    none: String,
) -> impl IntoView {
    let (found, set_found) = signal(None::<Vec<String>>);
    // Effects run only in the browser: `ready` marks the checks listening.
    let (ready, set_ready) = signal(false);
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        browser::attach(slug.clone(), session.clone(), lang.clone(), set_found);
        #[cfg(not(feature = "hydrate"))]
        let _ = (&slug, &session, &lang, set_found);
        set_ready.set(true);
    });
    view! {
        <div class="live-health" aria-live="polite" data-session-checks=""
            data-ready=move || ready.get().then_some("true")>
            {move || found.get().map(|texts| {
                if texts.is_empty() {
                    view! { <p class="outcome saved">{none.clone()}</p> }.into_any()
                } else {
                    let items = texts.into_iter().map(|t| view! { <li>{t}</li> }).collect_view();
                    view! { <p>{heading.clone()}</p> <ul class="warnings">{items}</ul> }.into_any()
                }
            })}
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use crate::back_office::Access;
    use leptos::prelude::*;
    use std::cell::Cell;
    use std::rc::Rc;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{Event, FormData, HtmlFormElement, UrlSearchParams};

    pub fn attach(
        slug: String,
        session: String,
        lang: String,
        found: WriteSignal<Option<Vec<String>>>,
    ) {
        let Some(form) = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.query_selector("[data-session-checks]").ok().flatten())
            .and_then(|el| el.closest("form").ok().flatten())
            .and_then(|f| f.dyn_into::<HtmlFormElement>().ok())
        else {
            return;
        };
        // Answers can come back out of order: only the latest is shown.
        let asked = Rc::new(Cell::new(0u32));
        let on_change = {
            let form = form.clone();
            Closure::<dyn FnMut(Event)>::new(move |_: Event| {
                let Ok(data) = FormData::new_with_form(&form) else {
                    return;
                };
                let Ok(params) = UrlSearchParams::new_with_str_sequence_sequence(&data) else {
                    return;
                };
                let fields: String = params.to_string().into();
                let n = asked.get() + 1;
                asked.set(n);
                let asked = asked.clone();
                let (slug, session, lang) = (slug.clone(), session.clone(), lang.clone());
                leptos::task::spawn_local(async move {
                    let answer = crate::admin::check_session(slug, session, lang, fields).await;
                    if asked.get() != n {
                        return;
                    }
                    if let Ok(Access::Granted(texts)) = answer {
                        found.set(Some(texts));
                    }
                });
            })
        };
        let _ = form.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        // The listener lives as long as the page.
        on_change.forget();
    }
}
