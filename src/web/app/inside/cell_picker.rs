//! One channel shown large, as a button whose pixels can be picked: a click or tap picks the
//! pixel under it; from the keyboard, the arrow keys move a visible cursor and Enter (or Space)
//! picks the pixel under the cursor.

use crate::web::app::widgets::byte_image::{ByteImage, Palette};
use std::rc::Rc;
use web_sys::{Element, KeyboardEvent};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub levels: Rc<[u8]>,
    pub width: usize,
    pub height: usize,
    pub palette: Palette,
    /// What the map is, e.g. "conv2d channel 3".
    pub label: AttrValue,
    /// The pixel picked last: (row, column).
    pub picked: Option<(usize, usize)>,
    pub on_pick: Callback<(usize, usize)>,
}

#[function_component]
pub fn CellPicker(props: &Props) -> Html {
    let (width, height) = (props.width.max(1), props.height.max(1));
    let cursor = use_state(|| props.picked.unwrap_or((height / 2, width / 2)));
    let focused = use_state(|| false);
    // The button, read through a ref: yew delegates events to the page's root, so the event's
    // current target is that root, not the button.
    let button = use_node_ref();
    let onclick = {
        let (cursor, on_pick, button) = (cursor.clone(), props.on_pick.clone(), button.clone());
        Callback::from(move |e: MouseEvent| {
            // A click from the keyboard (Enter, Space) has no pointer: it picks the cursor's pixel.
            let at = match button.cast::<Element>() {
                Some(button) if e.detail() > 0 => {
                    // The image fills the button inside its border (no padding).
                    let rect = button.get_bounding_client_rect();
                    let (left, top) = (rect.left() + f64::from(button.client_left()), rect.top() + f64::from(button.client_top()));
                    let (inner_width, inner_height) = (f64::from(button.client_width()), f64::from(button.client_height()));
                    let share = |offset: f64, size: f64, cells: usize| {
                        ((offset / size.max(1.0)) * cells as f64).floor().clamp(0.0, (cells - 1) as f64) as usize
                    };
                    let row = share(f64::from(e.client_y()) - top, inner_height, height);
                    let col = share(f64::from(e.client_x()) - left, inner_width, width);
                    (row, col)
                }
                _ => *cursor,
            };
            cursor.set(at);
            on_pick.emit(at);
        })
    };
    let onkeydown = {
        let cursor = cursor.clone();
        Callback::from(move |e: KeyboardEvent| {
            let (row, col) = *cursor;
            let moved = match e.key().as_str() {
                "ArrowUp" => (row.saturating_sub(1), col),
                "ArrowDown" => ((row + 1).min(height - 1), col),
                "ArrowLeft" => (row, col.saturating_sub(1)),
                "ArrowRight" => (row, (col + 1).min(width - 1)),
                "Home" => (row, 0),
                "End" => (row, width - 1),
                _ => return,
            };
            e.prevent_default();
            cursor.set(moved);
        })
    };
    let onfocus = {
        let focused = focused.clone();
        Callback::from(move |_: FocusEvent| focused.set(true))
    };
    let onblur = {
        let focused = focused.clone();
        Callback::from(move |_: FocusEvent| focused.set(false))
    };
    let box_at = |(row, col): (usize, usize)| {
        format!(
            "top: {:.3}%; left: {:.3}%; width: {:.3}%; height: {:.3}%",
            row as f64 * 100.0 / height as f64,
            col as f64 * 100.0 / width as f64,
            100.0 / width as f64,
            100.0 / height as f64
        )
    };
    let (row, col) = *cursor;
    html! {
        <div class="cell-picker-box">
            <button type="button" class="cell-picker" id="value-picker" ref={button} {onclick} {onkeydown} {onfocus} {onblur}
                aria-label={format!("{}: pick a value to explain. Cursor on row {row}, column {col}.", props.label)}
                aria-describedby="value-picker-hint">
                <ByteImage levels={props.levels.clone()} width={width as u32} height={height as u32} palette={props.palette}
                    class="map-large" label={format!("{}, large", props.label)} />
                if let Some(picked) = props.picked {
                    <span class="cell-mark picked" style={box_at(picked)} aria-hidden="true" />
                }
                if *focused {
                    <span class="cell-mark cursor" id="value-cursor" data-row={row.to_string()} data-col={col.to_string()}
                        style={box_at((row, col))} aria-hidden="true" />
                }
            </button>
            <p class="note" id="value-picker-hint">{ "Tap a pixel to see how it was computed. With the keyboard: arrow keys \
                move the cursor, Enter explains the value under it." }</p>
        </div>
    }
}
