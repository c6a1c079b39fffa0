//! "Upload an image of a digit": the other way to give the model a digit, besides drawing. The
//! picture is decoded in the page, scaled to fit the canvas, made dark ink on white, and painted
//! onto the canvas, which then goes through the same preprocessing and prediction as a drawing.
//! A file that is not a picture leaves the drawing as it was and says so.

use super::canvas::{SIDE, clear, context};
use crate::drawing::{fit, ink_on_white, shows_a_mark};
use wasm_bindgen::{Clamped, JsCast};
use wasm_bindgen_futures::{JsFuture, spawn_local};
use web_sys::{CanvasRenderingContext2d, File, HtmlCanvasElement, HtmlInputElement, ImageBitmap, ImageData};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The drawing canvas the picture is painted onto.
    pub canvas: NodeRef,
    /// The picture is on the canvas: predict it.
    pub on_painted: Callback<()>,
}

#[function_component]
pub fn ImageUpload(props: &Props) -> Html {
    let problem = use_state(|| None::<String>);
    let onchange = {
        let (canvas, on_painted, problem) = (props.canvas.clone(), props.on_painted.clone(), problem.clone());
        Callback::from(move |event: Event| {
            let input: HtmlInputElement = event.target_unchecked_into();
            let Some(file) = input.files().and_then(|files| files.get(0)) else { return };
            // Choosing the same file again is a change too.
            input.set_value("");
            let (canvas, on_painted, problem) = (canvas.clone(), on_painted.clone(), problem.clone());
            spawn_local(async move {
                match paint(&canvas, &file).await {
                    Ok(()) => {
                        problem.set(None);
                        on_painted.emit(());
                    }
                    Err(message) => problem.set(Some(message)),
                }
            });
        })
    };
    html! {
        <div class="upload">
            <label for="digit-upload">{ "Upload an image of a digit" }</label>
            <input id="digit-upload" type="file" accept="image/*" {onchange}
                aria-describedby={problem.as_ref().map(|_| "upload-problem")} />
            if let Some(message) = &*problem {
                <p id="upload-problem" class="error" role="alert">{ message }</p>
            }
        </div>
    }
}

/// Decodes `file` and paints it onto the canvas; on any failure the canvas is left untouched.
async fn paint(canvas: &NodeRef, file: &File) -> Result<(), String> {
    let unreadable = || format!("\"{}\" could not be read as an image. Choose a PNG, JPEG or other picture of one digit; your drawing is unchanged.", file.name());
    let window = web_sys::window().ok_or("no window")?;
    let promise = window.create_image_bitmap_with_blob(file).map_err(|_| unreadable())?;
    let bitmap: ImageBitmap = JsFuture::from(promise).await.map_err(|_| unreadable())?.unchecked_into();
    let (width, height) = (bitmap.width(), bitmap.height());
    if width == 0 || height == 0 {
        return Err(unreadable());
    }
    let (x, y, w, h) = fit(width, height, SIDE);
    // The picture at its size on the canvas, over white (transparent parts are paper).
    let scratch: HtmlCanvasElement = window
        .document()
        .and_then(|d| d.create_element("canvas").ok())
        .ok_or("the page cannot make a canvas")?
        .unchecked_into();
    scratch.set_width(w);
    scratch.set_height(h);
    let scratch_context: CanvasRenderingContext2d = scratch
        .get_context("2d")
        .ok()
        .flatten()
        .ok_or("the page cannot draw on a canvas")?
        .unchecked_into();
    scratch_context.set_fill_style_str("white");
    scratch_context.fill_rect(0.0, 0.0, w as f64, h as f64);
    scratch_context
        .draw_image_with_image_bitmap_and_dw_and_dh(&bitmap, 0.0, 0.0, w as f64, h as f64)
        .map_err(|_| unreadable())?;
    bitmap.close();
    let mut pixels = scratch_context.get_image_data(0.0, 0.0, w as f64, h as f64).map_err(|_| unreadable())?.data().0;
    if !shows_a_mark(&pixels) {
        return Err(format!("\"{}\" shows no digit: it is all one shade, or nearly. Choose a picture of one digit, dark on light or light on dark; your drawing is unchanged.", file.name()));
    }
    ink_on_white(&mut pixels);
    let picture = ImageData::new_with_u8_clamped_array_and_sh(Clamped(&pixels), w, h).map_err(|_| unreadable())?;
    let context = context(canvas).ok_or("the drawing canvas is not there")?;
    clear(&context);
    context.put_image_data(&picture, x as f64, y as f64).map_err(|_| unreadable())?;
    Ok(())
}
