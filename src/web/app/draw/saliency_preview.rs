//! The 28 × 28 image the model sees, with a switch that lays the saliency of the latest answer
//! over it: which pixels would change the top class's score most if they changed.

use crate::web::app::widgets::byte_image::{ByteImage, Palette};
use crate::web::app::widgets::digit_image::DigitImage;
use std::rc::Rc;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The preview's 784 grey levels; `None` while nothing is drawn.
    pub pixels: Option<Rc<Vec<u8>>>,
    /// 784 levels of |∂ score / ∂ pixel| for the latest answer, when there is one.
    pub saliency: Option<Rc<[u8]>>,
}

#[function_component]
pub fn SaliencyPreview(props: &Props) -> Html {
    let shown = use_state(|| false);
    let on_toggle = {
        let shown = shown.clone();
        Callback::from(move |event: Event| shown.set(event.target_unchecked_into::<HtmlInputElement>().checked()))
    };
    html! {
        <>
            if let Some(pixels) = props.pixels.clone() {
                <div id="draw-preview" class="preview">
                    <DigitImage pixels={pixels} label="the drawing as 28 × 28 pixels" />
                    if let Some(saliency) = props.saliency.clone().filter(|_| *shown) {
                        <ByteImage levels={saliency} width={28} height={28} palette={Palette::Heat} class="saliency-overlay"
                            label="saliency: the pixels that sway the answer most, in orange" />
                    }
                </div>
            } else {
                <div id="draw-preview" class="preview empty" />
            }
            <label class="toggle">
                <input type="checkbox" id="saliency-toggle" checked={*shown} onchange={on_toggle} />
                { " Show saliency" }
            </label>
            if *shown {
                <p class="note" id="saliency-note">{
                    "Orange marks the pixels whose change would move the score of the top class most (the gradient of that \
                     score with respect to each pixel): where the model looks to decide."
                }</p>
            }
        </>
    }
}
