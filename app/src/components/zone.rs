//! The zone toggle, an island: a button that shows every time on the page
//! in the viewer's own zone, and back.
//!
//! The page is rendered with venue times; each carries its UTC instants in
//! `data-start` / `data-end`. Converting needs the browser's zone, so it can
//! only happen in the browser: the island rewrites those elements' text and
//! keeps the venue text to restore it. Without JavaScript the button stays
//! hidden and the venue times, which are always right, remain.

use leptos::prelude::*;

#[island]
pub fn ZoneToggle(
    show_mine: String,
    show_venue: String,
    /// "{time}, your time ({zone})" in the page's language.
    yours: String,
    lang: String,
) -> impl IntoView {
    let (local, set_local) = signal(false);
    let (ready, set_ready) = signal(false);
    // Effects run only in the browser: `ready` marks the island hydrated.
    Effect::new(move |_| set_ready.set(true));
    Effect::new(move |_| {
        let show_local = local.get();
        #[cfg(feature = "hydrate")]
        browser::show_times(show_local, &yours, &lang);
        #[cfg(not(feature = "hydrate"))]
        let _ = (show_local, &yours, &lang);
    });
    view! {
        <button
            type="button"
            class="zone-toggle"
            data-zone-toggle=""
            data-ready=move || ready.get().then_some("true")
            hidden=move || !ready.get()
            aria-pressed=move || local.get().to_string()
            on:click=move |_| set_local.update(|on| *on = !*on)
        >
            {move || if local.get() { show_venue.clone() } else { show_mine.clone() }}
        </button>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use wasm_bindgen::{JsCast, JsValue};
    use web_sys::Element;

    /// The viewer's IANA zone, as the browser knows it.
    fn viewer_zone() -> String {
        let format =
            js_sys::Intl::DateTimeFormat::new(&js_sys::Array::new(), &js_sys::Object::new());
        js_sys::Reflect::get(&format.resolved_options(), &JsValue::from_str("timeZone"))
            .ok()
            .and_then(|v| v.as_string())
            .unwrap_or_default()
    }

    fn hh_mm(date: &js_sys::Date) -> String {
        format!("{:02}:{:02}", date.get_hours(), date.get_minutes())
    }

    fn local_day(date: &js_sys::Date) -> String {
        format!(
            "{:04}-{:02}-{:02}",
            date.get_full_year(),
            date.get_month() + 1,
            date.get_date()
        )
    }

    pub fn show_times(local: bool, template: &str, lang: &str) {
        let Some(document) = web_sys::window().and_then(|w| w.document()) else {
            return;
        };
        let Ok(nodes) = document.query_selector_all("time[data-start]") else {
            return;
        };
        let zone = viewer_zone();
        for i in 0..nodes.length() {
            let Some(el) = nodes.item(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
                continue;
            };
            if local {
                if el.get_attribute("data-venue").is_none() {
                    let _ = el.set_attribute("data-venue", &el.text_content().unwrap_or_default());
                }
                let Some(start) = el.get_attribute("data-start") else {
                    continue;
                };
                let start = js_sys::Date::new(&JsValue::from_str(&start));
                let mut time = hh_mm(&start);
                if let Some(end) = el.get_attribute("data-end") {
                    time = format!(
                        "{time}–{}",
                        hh_mm(&js_sys::Date::new(&JsValue::from_str(&end)))
                    );
                }
                // Far from the venue a session can fall on another day.
                if el.get_attribute("data-day").as_deref() != Some(local_day(&start).as_str()) {
                    let options = js_sys::Object::new();
                    let _ = js_sys::Reflect::set(&options, &"weekday".into(), &"short".into());
                    let _ = js_sys::Reflect::set(&options, &"day".into(), &"numeric".into());
                    let _ = js_sys::Reflect::set(&options, &"month".into(), &"short".into());
                    let day: String = start.to_locale_date_string(lang, &options).into();
                    time = format!("{day} {time}");
                }
                let (time, zone) = if lang == "ar" {
                    // Keep "17:00–18:15" and "Asia/Tokyo" left to right in Arabic.
                    (
                        format!("\u{2066}{time}\u{2069}"),
                        format!("\u{2066}{zone}\u{2069}"),
                    )
                } else {
                    (time, zone.clone())
                };
                let text = template.replace("{time}", &time).replace("{zone}", &zone);
                el.set_text_content(Some(&text));
                let _ = el.set_attribute("data-shown", "local");
            } else if let Some(venue) = el.get_attribute("data-venue") {
                el.set_text_content(Some(&venue));
                let _ = el.set_attribute("data-shown", "venue");
            }
        }
    }
}
