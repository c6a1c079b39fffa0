//! Under the canvas: "Collect my digits" turns on the label buttons, one per digit 0–9 (the keys
//! 0–9 on the drawing area do the same). Pressing one keeps the drawing with that label in the
//! browser and wipes the canvas for the next; a polite live region says what was kept, or why it
//! could not be (the drawing then stays).

use crate::web::app::state::digit_book::KeepNote;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub collecting: bool,
    pub on_collect: Callback<bool>,
    /// Keep the drawing as this digit.
    pub on_label: Callback<u8>,
    pub note: Option<KeepNote>,
}

#[function_component]
pub fn LabelBar(props: &Props) -> Html {
    let toggle = {
        let (on_collect, collecting) = (props.on_collect.clone(), props.collecting);
        Callback::from(move |_: MouseEvent| on_collect.emit(!collecting))
    };
    html! {
        <div class="label-bar">
            <button type="button" id="my-digits-mode" aria-pressed={props.collecting.to_string()} onclick={toggle}>
                { "Collect my digits" }
            </button>
            if props.collecting {
                <div class="label-buttons" role="group" aria-labelledby="label-question">
                    <p id="label-question" class="note">{ "Which digit is it? Press it to keep your drawing (or type 0–9 in the drawing area):" }</p>
                    { for (0..10u8).map(|label| {
                        let on_label = props.on_label.clone();
                        html! {
                            <button type="button" id={format!("keep-{label}")} class="label-button"
                                aria-label={format!("Keep as {label}")} onclick={Callback::from(move |_: MouseEvent| on_label.emit(label))}>
                                { label }
                            </button>
                        }
                    }) }
                </div>
                <p id="keep-note" class={classes!("keep-note", props.note.as_ref().filter(|n| n.failed).map(|_| "error"))}
                    role="status" aria-live="polite">
                    { props.note.as_ref().map(|n| n.text.clone()).unwrap_or_default() }
                </p>
            }
        </div>
    }
}
