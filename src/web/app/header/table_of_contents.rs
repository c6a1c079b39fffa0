//! A sticky row of links to the notebook's sections, in their order, and a "Draw a digit" link
//! at the top: drawing is the sixth of seven sections, several screens down.
//!
//! The links are real `<a href="#…">` (Tab reaches them, Enter follows them), but following one
//! scrolls by script instead of changing the address: the fragment holds the share link
//! (`#model=…`), and a `hashchange` there applies a model.

use wasm_bindgen::JsCast;
use web_sys::HtmlElement;
use yew::prelude::*;

/// Each section's heading id (set where the section is rendered) and its short name.
const SECTIONS: [(&str, &str); 7] = [
    ("setup-title", "Data"),
    ("model-title", "Model"),
    ("train-title", "Train"),
    ("results-title", "Evaluate"),
    ("runs-title", "Runs"),
    ("draw-title", "Draw"),
    ("share-title", "Share"),
];

/// Scrolls to the heading `id` and moves the keyboard focus there, so Tab goes on from it.
fn go_to(id: &'static str) -> Callback<MouseEvent> {
    Callback::from(move |event: MouseEvent| {
        event.prevent_default();
        let Some(heading) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id(id)) else { return };
        let Ok(heading) = heading.dyn_into::<HtmlElement>() else { return };
        if !heading.has_attribute("tabindex") {
            let _ = heading.set_attribute("tabindex", "-1");
        }
        heading.scroll_into_view();
        let _ = heading.focus();
    })
}

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Which of the seven sections show (a class link may hide some).
    pub shown: Vec<bool>,
}

#[function_component]
pub fn TableOfContents(props: &Props) -> Html {
    let shown = |i: usize| props.shown.get(i).copied().unwrap_or(true);
    html! {
        <>
            if shown(5) {
                <p class="jump"><a id="jump-draw" href="#draw-title" onclick={go_to("draw-title")}>{ "Draw a digit" }</a>
                    { " — the pre-trained model answers at once; or start at the top and train your own." }</p>
            }
            <nav class="toc" aria-label="Sections">
                <ol>
                    { for SECTIONS.iter().enumerate().filter(|(i, _)| shown(*i)).map(|(i, (id, name))| html! {
                        <li><a href={format!("#{id}")} id={format!("toc-{id}")} onclick={go_to(id)}>
                            <span class="toc-number">{ i + 1 }</span>{ *name }
                        </a></li>
                    }) }
                </ol>
            </nav>
        </>
    }
}
