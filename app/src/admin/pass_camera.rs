//! The phone's camera as a pass reader on the check-in desk: the reader's
//! markup, in the visitor's language, and the small script that runs it
//! (`pass_camera.js`, which says what it does). Hidden until the script
//! finds a browser that reads QR codes; without JavaScript it stays hidden
//! and the desk's field works as before.
//!
//! A plain script rather than an island, so that the camera's code is sent
//! to the desk alone and not in every visitor's WASM (ARCHITECTURE.md, "The
//! camera reader").

use leptos::prelude::*;

#[component]
pub fn PassCamera(
    start: String,
    stop: String,
    /// What to do while the camera is on.
    hint: String,
    /// The camera could not be opened.
    denied: String,
) -> impl IntoView {
    let label = start.clone();
    view! {
        <div class="pass-camera" hidden=true data-camera="off" data-start=start
            data-stop=stop data-hint=hint data-denied=denied>
            <button type="button" aria-pressed="false">{label}</button>
            <video muted=true playsinline=true hidden=true></video>
            <p role="status" class="hint"></p>
        </div>
        // With the page's nonce, or the page's policy blocks it; inner
        // HTML, as the script's text is not to be escaped.
        <script nonce=leptos::nonce::use_nonce() inner_html=include_str!("pass_camera.js")></script>
    }
}
