//! A small image of byte levels (a feature map, a kernel, a heat map) on a canvas, painted with
//! `ImageData`; the canvas is kept across updates and repainted only when the levels change.
//! CSS scales it up with crisp pixels.

pub use crate::inspect::Palette;
use std::rc::Rc;
use wasm_bindgen::Clamped;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// `width × height` levels, row-major.
    pub levels: Rc<[u8]>,
    pub width: u32,
    pub height: u32,
    #[prop_or(Palette::Grey)]
    pub palette: Palette,
    #[prop_or_default]
    pub class: Classes,
    /// What the image shows, for screen readers.
    #[prop_or_default]
    pub label: AttrValue,
}

#[function_component]
pub fn ByteImage(props: &Props) -> Html {
    let canvas = use_node_ref();
    {
        let canvas = canvas.clone();
        let painted = (props.levels.clone(), props.width, props.height, props.palette);
        use_effect_with(painted, move |(levels, width, height, palette)| paint(&canvas, levels, *width, *height, *palette));
    }
    html! {
        <canvas ref={canvas} class={props.class.clone()} width={props.width.to_string()} height={props.height.to_string()}
            role="img" aria-label={props.label.clone()} />
    }
}

/// Paints `levels` into the canvas in `canvas` (which has `width × height` pixels).
fn paint(canvas: &NodeRef, levels: &[u8], width: u32, height: u32, palette: Palette) {
    let Some(canvas) = canvas.cast::<HtmlCanvasElement>() else { return };
    let Ok(Some(context)) = canvas.get_context("2d") else { return };
    let context: CanvasRenderingContext2d = wasm_bindgen::JsCast::unchecked_into(context);
    if levels.len() != (width * height) as usize {
        return;
    }
    let rgba = palette.paint(levels);
    if let Ok(image) = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&rgba), width, height) {
        let _ = context.put_image_data(&image, 0.0, 0.0);
    }
}
