//! A 28 × 28 greyscale digit on a canvas, drawn as MNIST shows it: white ink on black.

use super::byte_image::ByteImage;
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
    html! { <ByteImage levels={Rc::<[u8]>::from(props.pixels.as_slice())} width={28} height={28} class="digit" label={props.label.clone()} /> }
}
