//! The registration form's island: each field is checked as the delegate
//! leaves it, by the same parsers the server uses
//! ([`convene::registration::check_input`]), and its problem is shown
//! beside it the way the server shows it. Without JavaScript nothing
//! changes: the server checks everything when the form is sent.

use leptos::prelude::*;

/// `messages`: each problem's catalogue key with its text in the page's
/// language (`{max}` where a limit goes).
#[island]
pub fn LiveChecks(messages: Vec<(String, String)>) -> impl IntoView {
    Effect::new(move |_| {
        #[cfg(feature = "hydrate")]
        browser::attach(messages.clone());
        #[cfg(not(feature = "hydrate"))]
        let _ = &messages;
    });
    view! { <span hidden data-live-checks=""></span> }
}

#[cfg(feature = "hydrate")]
mod browser {
    use convene::field::Problem;
    use convene::registration::check_input;
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    use web_sys::{Element, Event, HtmlInputElement, HtmlSelectElement};

    /// The passport fields, checked only when the letter is asked for.
    const VISA: [&str; 4] = [
        "passport_name",
        "nationality",
        "passport_number",
        "date_of_birth",
    ];

    pub fn attach(messages: Vec<(String, String)>) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Ok(forms) = document.query_selector_all("form.registration") else {
            return;
        };
        for i in 0..forms.length() {
            let Some(form) = forms.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            if form.has_attribute("data-live") {
                continue;
            }
            let _ = form.set_attribute("data-live", "");
            let messages = messages.clone();
            let on_leave = Closure::<dyn FnMut(Event)>::new(move |event: Event| {
                if let Some(target) = event.target().and_then(|t| t.dyn_into::<Element>().ok()) {
                    check(&target, &messages);
                }
            });
            let _ = form
                .add_event_listener_with_callback("focusout", on_leave.as_ref().unchecked_ref());
            // The listener lives as long as the page.
            on_leave.forget();
        }
    }

    fn today() -> chrono::NaiveDate {
        let now = js_sys::Date::new_0();
        chrono::NaiveDate::from_ymd_opt(
            now.get_full_year() as i32,
            now.get_month() + 1,
            now.get_date(),
        )
        .unwrap_or_default()
    }

    /// The input's name and value, if it is one the form checks.
    fn name_and_value(target: &Element) -> Option<(String, String)> {
        let name = target.get_attribute("name")?;
        if let Some(input) = target.dyn_ref::<HtmlInputElement>() {
            if input.read_only() || input.type_() == "checkbox" || input.type_() == "radio" {
                return None;
            }
            return Some((name, input.value()));
        }
        target
            .dyn_ref::<HtmlSelectElement>()
            .map(|select| (name, select.value()))
    }

    fn visa_asked(target: &Element) -> bool {
        target
            .closest("form")
            .ok()
            .flatten()
            .and_then(|form| form.query_selector("[name=visa_letter]").ok().flatten())
            .and_then(|el| el.dyn_into::<HtmlInputElement>().ok())
            .is_some_and(|checkbox| checkbox.checked())
    }

    fn check(target: &Element, messages: &[(String, String)]) {
        let Some((name, value)) = name_and_value(target) else {
            return;
        };
        let Some(field) = target.closest(".field").ok().flatten() else {
            return;
        };
        let marked = field.class_list().contains("invalid");
        let mut problem = check_input(&name, &value, today());
        if VISA.contains(&name.as_str()) && !visa_asked(target) {
            problem = None;
        }
        // A field left empty on the way through is not a mistake yet; the
        // server says so when the form is sent.
        if value.trim().is_empty() && !marked {
            problem = None;
        }
        let text = problem.map(|p| {
            let (key, max) = match p {
                Problem::TooLong { max } => (p.key(), max.to_string()),
                other => (other.key(), String::new()),
            };
            messages
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, text)| text.replace("{max}", &max))
                .unwrap_or_default()
        });
        show(target, &field, text);
    }

    /// Shows or clears the problem beside the field, as the server renders it.
    fn show(target: &Element, field: &Element, text: Option<String>) {
        let id = target.id();
        let problem_id = format!("{id}-problem");
        let existing = field
            .query_selector(&format!("#{problem_id}"))
            .ok()
            .flatten();
        let hint = field
            .query_selector(&format!("#{id}-hint"))
            .ok()
            .flatten()
            .map(|_| format!("{id}-hint"));
        match text {
            Some(text) => {
                let p = match existing {
                    Some(p) => p,
                    None => {
                        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
                            return;
                        };
                        let Ok(p) = document.create_element("p") else {
                            return;
                        };
                        p.set_class_name("problem");
                        p.set_id(&problem_id);
                        let _ = field.append_child(&p);
                        p
                    }
                };
                p.set_text_content(Some(&text));
                let _ = field.class_list().add_1("invalid");
                let _ = target.set_attribute("aria-invalid", "true");
                let described = hint.map_or(problem_id.clone(), |h| format!("{h} {problem_id}"));
                let _ = target.set_attribute("aria-describedby", &described);
            }
            None => {
                if let Some(p) = existing {
                    p.remove();
                }
                let _ = field.class_list().remove_1("invalid");
                let _ = target.remove_attribute("aria-invalid");
                match hint {
                    Some(h) => {
                        let _ = target.set_attribute("aria-describedby", &h);
                    }
                    None => {
                        let _ = target.remove_attribute("aria-describedby");
                    }
                }
            }
        }
    }
}
