//! Moving keyboard focus when the element that had it disappears or is disabled, so it never
//! falls back to the page's `<body>`.

use wasm_bindgen::JsCast;
use web_sys::{Element, FocusOptions, HtmlElement};
use yew::NodeRef;

/// Focuses the element behind `node`, if it is rendered.
pub fn focus(node: &NodeRef) {
    if let Some(element) = node.cast::<HtmlElement>() {
        let _ = element.focus();
    }
}

/// Focuses the element with this id, if there is one.
pub fn focus_id(id: &str) {
    if let Some(element) = document().and_then(|d| d.get_element_by_id(id)).and_then(|e| e.dyn_into::<HtmlElement>().ok()) {
        let _ = element.focus();
    }
}

/// Focuses without scrolling the page, for focus moved by something other than the learner's
/// own key press (a run that ended while they read elsewhere).
pub fn focus_quietly(node: &NodeRef) {
    if let Some(element) = node.cast::<HtmlElement>() {
        let options = FocusOptions::new();
        options.set_prevent_scroll(true);
        let _ = element.focus_with_options(&options);
    }
}

/// True when focus is on `node`'s element, or lost (on `<body>`, or nowhere).
pub fn is_on_or_lost(node: &NodeRef) -> bool {
    let Some(document) = document() else { return false };
    let active: Option<Element> = document.active_element();
    match active {
        None => true,
        Some(active) => {
            node.get().is_some_and(|n| n.is_same_node(Some(active.as_ref())))
                || document.body().is_some_and(|b| b.is_same_node(Some(active.as_ref())))
        }
    }
}

fn document() -> Option<web_sys::Document> {
    web_sys::window()?.document()
}
