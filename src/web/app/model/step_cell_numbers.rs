//! The numbers a "what is this cell's value?" step gives the learner to work with: the 3 × 3
//! patch of a digit (ink cells shaded, as on the canvas), the kernel laid on it, and the bias.

use crate::exercise::steps::CellSum;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub cell: CellSum,
}

/// A whole number with a typographic minus, as the rest of the page writes them.
fn signed(n: i32) -> String {
    n.to_string().replace('-', "−")
}

/// One 3 × 3 square of whole numbers; `ink` shades the cells that are 1.
fn square(id: &str, title: &str, values: &[i32; 9], ink: bool) -> Html {
    let cells = values.iter().map(|&v| {
        html! { <span class={classes!("num", (ink && v > 0).then_some("ink"), (v < 0).then_some("negative"))}>{ signed(v) }</span> }
    });
    html! {
        <div class="number-grid" id={id.to_string()}>
            <p class="grid-title">{ title }</p>
            <div class="num-grid" role="group" aria-label={title.to_string()} style="grid-template-columns: repeat(3, auto)">{ for cells }</div>
        </div>
    }
}

#[function_component]
pub fn StepCellNumbers(props: &Props) -> Html {
    let cell = props.cell;
    html! {
        <div class="step-cell-numbers">
            { square("step-patch", "Patch of the digit", &cell.patch, true) }
            <span class="times" aria-hidden="true">{ "×" }</span>
            { square("step-kernel", "Kernel", &cell.kernel, false) }
            <p class="step-bias" id="step-bias">{ "Bias: " }<strong>{ signed(cell.bias) }</strong></p>
        </div>
    }
}
