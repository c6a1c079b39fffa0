//! The drawing canvas itself, shared by the three ways to draw on it (pointer, keyboard,
//! picture): its size, the pen it paints with, wiping it, and reading it back as the 28 × 28
//! digit the model sees.

use crate::drawing::{Digit28, NothingToPredict, ink_from_rgba, preprocess};
use wasm_bindgen::JsCast;
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, PointerEvent};
use yew::NodeRef;

/// Canvas side in CSS and canvas pixels: ten canvas pixels per MNIST pixel.
pub const SIDE: u32 = 280;
/// A pen about an eighth of a digit's height, like MNIST's strokes.
const PEN_WIDTH: f64 = 22.0;

/// The canvas's 2D context with the pen set up, or `None` before the canvas exists.
pub fn context(canvas: &NodeRef) -> Option<CanvasRenderingContext2d> {
    let canvas = canvas.cast::<HtmlCanvasElement>()?;
    let context: CanvasRenderingContext2d = canvas.get_context("2d").ok()??.unchecked_into();
    context.set_line_width(PEN_WIDTH);
    context.set_line_cap("round");
    context.set_line_join("round");
    context.set_stroke_style_str("black");
    Some(context)
}

/// Paints the whole canvas white: paper, as the preprocessing expects.
pub fn clear(context: &CanvasRenderingContext2d) {
    context.set_fill_style_str("white");
    context.fill_rect(0.0, 0.0, SIDE as f64, SIDE as f64);
}

/// The canvas' drawing made into the 28 × 28 digit the model sees; `None` without a canvas.
pub fn digit_on(canvas: &NodeRef) -> Option<Result<Digit28, NothingToPredict>> {
    let context = context(canvas)?;
    let image = context.get_image_data(0.0, 0.0, SIDE as f64, SIDE as f64).ok()?;
    let side = SIDE as usize;
    Some(ink_from_rgba(&image.data(), side, side).and_then(|ink| preprocess(&ink, side, side)))
}

/// The pointer's position in canvas pixels, whatever size CSS gives the canvas.
pub fn position(canvas: &NodeRef, event: &PointerEvent) -> (f64, f64) {
    let Some(element) = canvas.cast::<HtmlCanvasElement>() else { return (0.0, 0.0) };
    let rect = element.get_bounding_client_rect();
    let scale = SIDE as f64 / rect.width().max(1.0);
    ((event.client_x() as f64 - rect.left()) * scale, (event.client_y() as f64 - rect.top()) * scale)
}
