//! The agenda editor's island: as the organiser changes a field, the
//! session as typed is checked against the rest of the agenda by the
//! server ([`crate::admin::check_session`], the same health rules as the
//! panel), and what saving it would cause is listed under the form.
//! Without JavaScript nothing changes: the warnings show after saving.

use leptos::prelude::*;

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
