//! Where the keyboard pen is: a ring over the canvas the size of the pen's tip.

use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The pen's position as fractions of the canvas side.
    pub x: f64,
    pub y: f64,
    pub down: bool,
    pub used: bool,
}

/// A ring the size of the pen's tip (filled while the pen is down), shown while the canvas has
/// keyboard focus.
#[function_component]
pub fn PenCursor(props: &Props) -> Html {
    html! {
        <div class="pen-layer" aria-hidden="true">
            <span id="pen-cursor" class={classes!("pen-cursor", props.down.then_some("down"), props.used.then_some("used"))}
                style={format!("left: {:.2}%; top: {:.2}%", props.x * 100.0, props.y * 100.0)} />
        </div>
    }
}
