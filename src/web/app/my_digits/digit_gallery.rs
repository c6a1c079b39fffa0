//! The kept digits, a row per digit 0–9, each as the model sees it with its Delete button. The
//! newest of each digit are shown first; past [`SHOWN`] a line says how many more there are.

use crate::web::app::widgets::digit_image::DigitImage;
use crate::web::app::storage::digits::KeptDigit;
use crate::wording::how_many;
use std::rc::Rc;
use yew::prelude::*;

/// Digits shown per label (the rest stay kept, exported and checked).
const SHOWN: usize = 40;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub digits: Rc<Vec<KeptDigit>>,
    /// Delete the digit with this id.
    pub on_delete: Callback<u32>,
}

#[function_component]
pub fn DigitGallery(props: &Props) -> Html {
    html! {
        <div id="digit-gallery" class="digit-gallery">
            { for (0..10u8).map(|label| {
                let of_label: Vec<(usize, &KeptDigit)> =
                    props.digits.iter().filter(|k| k.digit.label == label).enumerate().collect();
                if of_label.is_empty() {
                    return html! {};
                }
                let hidden = of_label.len().saturating_sub(SHOWN);
                html! {
                    <div class="gallery-row" id={format!("gallery-{label}")}>
                        <h4 class="gallery-title">{ how_many(label, of_label.len()) }</h4>
                        <ul class="gallery">
                            { for of_label.iter().rev().take(SHOWN).map(|(n, kept)| item(label, n + 1, kept, &props.on_delete)) }
                        </ul>
                        if hidden > 0 {
                            <p class="note">{ format!("and {hidden} older, not shown (they are kept, exported and checked)") }</p>
                        }
                    </div>
                }
            }) }
        </div>
    }
}

fn item(label: u8, number: usize, kept: &KeptDigit, on_delete: &Callback<u32>) -> Html {
    let (id, on_delete) = (kept.id, on_delete.clone());
    html! {
        <li class="gallery-item" key={id.to_string()}>
            <DigitImage pixels={Rc::new(kept.digit.levels())} label={format!("Your {label} number {number}")} />
            <button type="button" class="small" id={format!("my-digit-{id}-delete")}
                aria-label={format!("Delete your {label} number {number}")} onclick={Callback::from(move |_: MouseEvent| on_delete.emit(id))}>
                { "Delete" }
            </button>
        </li>
    }
}
