//! A 28 × 28 greyscale digit on a canvas, drawn as MNIST shows it: white ink on black.

use std::rc::Rc;
use wasm_bindgen::Clamped;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// 784 grey levels, row-major.
    pub pixels: Rc<Vec<u8>>,
    #[prop_or_default]
    pub label: AttrValue,
}

#[function_component]
pub fn DigitImage(props: &Props) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        use_effect_with(props.pixels.clone(), move |pixels| paint(&canvas, pixels));
    }
    html! { <canvas ref={canvas} class="digit" width="28" height="28" role="img" aria-label={props.label.clone()} /> }
}

fn paint(canvas: &NodeRef, pixels: &[u8]) {
    let Some(canvas) = canvas.cast::<HtmlCanvasElement>() else { return };
    let Ok(Some(context)) = canvas.get_context("2d") else { return };
    let context: CanvasRenderingContext2d = wasm_bindgen::JsCast::unchecked_into(context);
    let rgba: Vec<u8> = pixels.iter().flat_map(|&v| [v, v, v, 255]).collect();
    if let Ok(image) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), 28, 28) {
        let _ = context.put_image_data(&image, 0.0, 0.0);
    }
}
