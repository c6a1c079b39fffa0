//! A 28 × 28 greyscale digit on a canvas, drawn as MNIST shows it: white ink on black.

use super::byte_image::{Palette, paint};
use std::rc::Rc;
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
        use_effect_with(props.pixels.clone(), move |pixels| paint(&canvas, pixels, 28, 28, Palette::Grey));
    }
    html! { <canvas ref={canvas} class="digit" width="28" height="28" role="img" aria-label={props.label.clone()} /> }
}
