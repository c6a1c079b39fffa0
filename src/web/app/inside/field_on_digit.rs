//! The receptive field of one value: a small copy of the learner's digit as the model sees it
//! (28 × 28), with a box around the pixels the value depends on, and its size in words; both
//! kept back while a guided step asks for a field of that size.

use crate::exercise::hidden::HiddenViews;
use crate::model::receptive_field::InputRect;
use crate::wording::article;
use crate::web::app::widgets::byte_image::{ByteImage, Palette};
use std::rc::Rc;
use yew::prelude::*;

const SIDE: usize = 28;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The drawing as the model read it: 784 values in 0..1, row-major.
    pub pixels: Rc<[f32]>,
    pub field: InputRect,
    /// The caption's id (the page shows this figure in the value panel and by the slider).
    pub id: AttrValue,
}

#[function_component]
pub fn FieldOnDigit(props: &Props) -> Html {
    let levels = digit_levels(&props.pixels);
    let f = props.field;
    let hidden = use_context::<HiddenViews>().unwrap_or_default();
    if hidden.hides_field(f.height) || hidden.hides_field(f.width) {
        return html! {
            <figure class="cell-field">
                <div class="field-digit">
                    <ByteImage {levels} width={SIDE as u32} height={SIDE as u32} palette={Palette::Grey} class="field-image"
                        label="your digit as the model reads it, 28 × 28" />
                </div>
                <figcaption class="note" id={props.id.clone()}>{ format!("How much of your digit this value sees is {}.", hidden.label()) }</figcaption>
            </figure>
        };
    }
    let percent = |n: usize| n as f64 * 100.0 / SIDE as f64;
    let style = format!(
        "top: {:.3}%; left: {:.3}%; width: {:.3}%; height: {:.3}%",
        percent(f.top),
        percent(f.left),
        percent(f.width),
        percent(f.height)
    );
    let whole = f.height == SIDE && f.width == SIDE;
    let words = if whole {
        "This value sees all 28 × 28 pixels of your digit: a change anywhere can change it.".to_string()
    } else {
        format!(
            "This value sees {} {} × {} patch of your digit (rows {}–{}, columns {}–{}, in the box). Pixels outside the \
             box cannot change it.",
            article(f.height as u64),
            f.height,
            f.width,
            f.top,
            f.top + f.height - 1,
            f.left,
            f.left + f.width - 1
        )
    };
    html! {
        <figure class="cell-field">
            <div class="field-digit">
                <ByteImage {levels} width={SIDE as u32} height={SIDE as u32} palette={Palette::Grey} class="field-image"
                    label="your digit as the model reads it, 28 × 28" />
                <span class="field-box" {style} aria-hidden="true" />
            </div>
            <figcaption class="note" id={props.id.clone()} data-height={f.height.to_string()} data-width={f.width.to_string()}>
                { words }
            </figcaption>
        </figure>
    }
}

/// The digit as the model reads it (values 0..1) as grey levels to draw.
pub(super) fn digit_levels(pixels: &[f32]) -> Rc<[u8]> {
    pixels.iter().map(|p| (p.clamp(0.0, 1.0) * 255.0).round() as u8).collect()
}
