//! One line under the title that says whether ConvLab works offline yet. The service worker is
//! registered by `www/app-loader.js` (only in a `cargo xtask dist` build), which keeps what it
//! knows in `window.convlabOffline` (`{ state, text }`) and fires `convlab-offline` on the window
//! when that changes; this component only shows it.

use js_sys::Reflect;
use wasm_bindgen::JsValue;
use yew::prelude::*;

/// The loader's current `(state, text)`, if it has said anything.
fn read() -> Option<(String, String)> {
    let window = web_sys::window()?;
    let status = Reflect::get(&window, &JsValue::from_str("convlabOffline")).ok()?;
    if !status.is_object() {
        return None;
    }
    let field = |name: &str| Reflect::get(&status, &JsValue::from_str(name)).ok().and_then(|v| v.as_string());
    Some((field("state")?, field("text")?))
}

#[function_component]
pub fn OfflineStatus() -> Html {
    let status = use_state(read);
    {
        let status = status.clone();
        use_effect_with((), move |_| {
            // What changed between the first render and now.
            status.set(read());
            let listener = web_sys::window()
                .map(|window| gloo_events::EventListener::new(&window, "convlab-offline", move |_| status.set(read())));
            move || drop(listener)
        });
    }
    match &*status {
        Some((state, text)) => html! { <p id="offline-status" class={classes!("offline-status", state.clone())} role="status">{ text }</p> },
        None => html! {},
    }
}
