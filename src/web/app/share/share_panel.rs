//! The shareable link: the page's URL fragment always holds the current model, training settings
//! and seed (replaced in place, so the history does not fill up), and a read-only field with a
//! Copy button shows the link. Opening such a link restores the design (see `lab_state.rs`).

use crate::web::app::widgets::copy_button::CopyButton;
use wasm_bindgen::JsValue;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The fragment for the current model and settings; `None` when the model cannot be built
    /// or is too large for a link.
    pub fragment: Option<String>,
    /// Leave the address bar alone (it holds a broken link the learner has not acted on yet).
    #[prop_or_default]
    pub hold: bool,
}

/// The current page's address without its query and fragment.
fn page_address() -> String {
    let location = web_sys::window().map(|w| w.location());
    let part = |f: fn(&web_sys::Location) -> Result<String, JsValue>| location.as_ref().and_then(|l| f(l).ok()).unwrap_or_default();
    format!("{}{}", part(web_sys::Location::origin), part(web_sys::Location::pathname))
}

/// Puts `fragment` in the address bar, keeping the query (e.g. test drills) as it is.
fn replace_fragment(fragment: &str) {
    let Some(window) = web_sys::window() else { return };
    let search = window.location().search().unwrap_or_default();
    let path = window.location().pathname().unwrap_or_default();
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&format!("{path}{search}#{fragment}")));
    }
}

#[function_component]
pub fn SharePanel(props: &Props) -> Html {
    use_effect_with((props.fragment.clone(), props.hold), move |(fragment, hold)| {
        if let (Some(fragment), false) = (fragment, hold) {
            replace_fragment(fragment);
        }
    });
    let link = props.fragment.as_ref().map(|f| format!("{}#{f}", page_address()));
    html! {
        <div class="share">
            <h3>{ "Share this model" }</h3>
            <p class="note">{ "The page's address always holds your model, training settings and seed: bookmark it or send it, and opening it brings them back." }</p>
            if let Some(link) = link {
                <div class="copy-row">
                    <label class="field grow" for="share-link">{ "Link" }</label>
                    <input id="share-link" type="text" readonly=true value={link.clone()} />
                    <CopyButton text={link} field_id="share-link" id="share-copy" status_id="share-status" label="Copy" />
                </div>
            } else {
                <p class="note" id="share-paused">{ "No link while the model cannot be built (or is too large to share); the address keeps the last valid design." }</p>
            }
        </div>
    }
}
