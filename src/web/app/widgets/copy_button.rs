//! A Copy button with its status line, for the share link and the Keras script.

use crate::web::app::browser::clipboard;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// What is copied.
    pub text: AttrValue,
    /// The field showing `text`, selected when the browser refuses to copy.
    pub field_id: AttrValue,
    pub id: AttrValue,
    pub status_id: AttrValue,
    pub label: AttrValue,
}

#[function_component]
pub fn CopyButton(props: &Props) -> Html {
    let copied = use_state(|| None::<bool>);
    {
        // A new text has not been copied yet.
        let copied = copied.clone();
        use_effect_with(props.text.clone(), move |_| copied.set(None));
    }
    let on_copy = {
        let (copied, text, field_id) = (copied.clone(), props.text.clone(), props.field_id.clone());
        Callback::from(move |_: MouseEvent| {
            let (copied, text, field_id) = (copied.clone(), text.clone(), field_id.clone());
            spawn_local(async move { copied.set(Some(clipboard::copy(&text, &field_id).await)) });
        })
    };
    html! {
        <>
            <button type="button" id={props.id.clone()} onclick={on_copy}>{ props.label.clone() }</button>
            <span class="note" role="status" id={props.status_id.clone()}>{
                match *copied {
                    Some(true) => "Copied.",
                    Some(false) => "Your browser did not allow copying; the text is selected, press Ctrl+C (⌘C).",
                    None => "",
                }
            }</span>
        </>
    }
}
