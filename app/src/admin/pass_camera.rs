//! The phone's camera as a pass reader, an island on the check-in desk.
//! Where the browser has a `BarcodeDetector` (Chrome on Android, for one)
//! and a camera, a button opens it; a QR code it reads is typed into the
//! desk's field and sent, as a USB scanner does. Elsewhere, and without
//! JavaScript, the button stays hidden and the field works as before.
//!
//! The page is sent and comes back with each scan, so the camera is kept
//! on across pages (in the tab's session storage) until "Stop" is pressed.
//! The code just sent is not sent again for ten seconds: a pass still held
//! up is answered once, not once a frame (the desk would say "already
//! checked in" anyway, but the first answer would scroll away).

use leptos::prelude::*;

#[island]
pub fn PassCamera(
    start: String,
    stop: String,
    /// What to do while the camera is on.
    hint: String,
    /// The camera could not be opened.
    denied: String,
) -> impl IntoView {
    // Hydrated (effects run only in the browser), and able to read QR codes.
    let (hydrated, set_hydrated) = signal(false);
    let (supported, set_supported) = signal(false);
    let scanning = RwSignal::new(false);
    let (problem, set_problem) = signal(None::<String>);
    let video = NodeRef::<leptos::html::Video>::new();
    Effect::new(move |_| {
        set_hydrated.set(true);
        #[cfg(feature = "hydrate")]
        if browser::supported() {
            set_supported.set(true);
            scanning.set(browser::kept_on());
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = set_supported;
    });
    Effect::new(move |_| {
        let on = scanning.get();
        let element = video.get();
        #[cfg(feature = "hydrate")]
        match (on, element) {
            (true, Some(element)) => browser::scan(element, scanning, set_problem, denied.clone()),
            (false, element) => browser::stop(element),
            (true, None) => {}
        }
        #[cfg(not(feature = "hydrate"))]
        let _ = (on, element, set_problem, &denied);
    });
    let toggle = move |_| {
        let on = !scanning.get_untracked();
        #[cfg(feature = "hydrate")]
        browser::keep(on);
        set_problem.set(None);
        scanning.set(on);
    };
    view! {
        <div class="pass-camera" hidden=move || !supported.get()
            data-ready=move || hydrated.get().then_some("true")
            data-camera=move || if scanning.get() { "on" } else { "off" }>
            <button type="button" on:click=toggle aria-pressed=move || scanning.get().to_string()>
                {move || if scanning.get() { stop.clone() } else { start.clone() }}
            </button>
            <video node_ref=video muted=true playsinline=true hidden=move || !scanning.get()></video>
            <p role="status" class="hint">
                {move || problem.get().or_else(|| scanning.get().then(|| hint.clone()))}
            </p>
        </div>
    }
}

#[cfg(feature = "hydrate")]
mod browser {
    use leptos::prelude::*;
    use wasm_bindgen::{JsCast, JsValue};
    use wasm_bindgen_futures::JsFuture;
    use web_sys::{HtmlInputElement, HtmlVideoElement, MediaStreamTrack, Window};

    /// The tab's memory that the camera is on.
    const KEEP: &str = "convene-camera";
    /// The code sent last, and when: "{code} {milliseconds}".
    const LAST: &str = "convene-camera-last";
    const AGAIN_AFTER_MS: f64 = 10_000.0;

    fn get(target: &JsValue, name: &str) -> Result<JsValue, JsValue> {
        js_sys::Reflect::get(target, &JsValue::from_str(name))
    }

    pub fn supported() -> bool {
        let Some(window) = web_sys::window() else {
            return false;
        };
        let detector =
            js_sys::Reflect::has(&window, &JsValue::from_str("BarcodeDetector")).unwrap_or(false);
        detector && window.navigator().media_devices().is_ok()
    }

    fn storage() -> Option<web_sys::Storage> {
        web_sys::window()?.session_storage().ok()?
    }

    pub fn kept_on() -> bool {
        storage()
            .and_then(|s| s.get_item(KEEP).ok().flatten())
            .is_some_and(|v| v == "on")
    }

    pub fn keep(on: bool) {
        if let Some(s) = storage() {
            let _ = if on {
                s.set_item(KEEP, "on")
            } else {
                s.remove_item(KEEP)
            };
        }
    }

    /// Turns the camera off (its light too).
    pub fn stop(video: Option<HtmlVideoElement>) {
        let Some(video) = video else { return };
        if let Some(stream) = video.src_object() {
            for track in stream.get_tracks().iter() {
                if let Ok(track) = track.dyn_into::<MediaStreamTrack>() {
                    track.stop();
                }
            }
        }
        video.set_src_object(None);
    }

    pub fn scan(
        video: HtmlVideoElement,
        scanning: RwSignal<bool>,
        set_problem: WriteSignal<Option<String>>,
        denied: String,
    ) {
        leptos::task::spawn_local(async move {
            if run(&video, scanning).await.is_err() {
                stop(Some(video));
                keep(false);
                scanning.set(false);
                set_problem.set(Some(denied));
            }
        });
    }

    async fn pause(window: &Window, ms: i32) {
        let promise = js_sys::Promise::new(&mut |resolve, _| {
            let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        });
        let _ = JsFuture::from(promise).await;
    }

    /// Opens the back camera, and reads its picture five times a second
    /// until a QR code is seen (then sends it) or the camera is stopped.
    async fn run(video: &HtmlVideoElement, scanning: RwSignal<bool>) -> Result<(), JsValue> {
        let window = web_sys::window().ok_or(JsValue::NULL)?;
        let wanted = js_sys::Object::new();
        js_sys::Reflect::set(&wanted, &"facingMode".into(), &"environment".into())?;
        let constraints = web_sys::MediaStreamConstraints::new();
        constraints.set_video(&wanted);
        let media = window.navigator().media_devices()?;
        let stream: web_sys::MediaStream =
            JsFuture::from(media.get_user_media_with_constraints(&constraints)?)
                .await?
                .dyn_into()?;
        video.set_src_object(Some(&stream));
        if !scanning.get_untracked() {
            stop(Some(video.clone()));
            return Ok(());
        }
        JsFuture::from(video.play()?).await?;
        let class: js_sys::Function = get(&window, "BarcodeDetector")?.dyn_into()?;
        let options = js_sys::Object::new();
        js_sys::Reflect::set(
            &options,
            &"formats".into(),
            &js_sys::Array::of1(&"qr_code".into()),
        )?;
        let detector = js_sys::Reflect::construct(&class, &js_sys::Array::of1(&options))?;
        let detect: js_sys::Function = get(&detector, "detect")?.dyn_into()?;
        while scanning.get_untracked() {
            pause(&window, 200).await;
            if !scanning.get_untracked() {
                break;
            }
            // A picture not ready yet reads as nothing.
            let Ok(promise) = detect
                .call1(&detector, video)
                .and_then(|p| p.dyn_into::<js_sys::Promise>())
            else {
                continue;
            };
            let Ok(found) = JsFuture::from(promise).await else {
                continue;
            };
            let code = js_sys::Array::from(&found)
                .iter()
                .find_map(|barcode| get(&barcode, "rawValue").ok()?.as_string());
            if let Some(code) = code.filter(|code| !just_sent(code)) {
                return send(&code);
            }
        }
        Ok(())
    }

    fn just_sent(code: &str) -> bool {
        let last = storage().and_then(|s| s.get_item(LAST).ok().flatten());
        let Some((sent, at)) = last.as_deref().and_then(|l| l.rsplit_once(' ')) else {
            return false;
        };
        sent == code
            && at
                .parse::<f64>()
                .is_ok_and(|at| js_sys::Date::now() - at < AGAIN_AFTER_MS)
    }

    /// Types `code` into the desk's field and sends its form, as a scanner's
    /// Enter would.
    fn send(code: &str) -> Result<(), JsValue> {
        let document = web_sys::window()
            .and_then(|w| w.document())
            .ok_or(JsValue::NULL)?;
        let field: HtmlInputElement = document
            .get_element_by_id("field-code")
            .ok_or(JsValue::NULL)?
            .dyn_into()?;
        field.set_value(code);
        if let Some(s) = storage() {
            let _ = s.set_item(LAST, &format!("{code} {}", js_sys::Date::now()));
        }
        field.form().ok_or(JsValue::NULL)?.request_submit()
    }
}
