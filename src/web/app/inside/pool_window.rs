//! How a MaxPooling2D layer computes one value: its window of the layer below, with the largest
//! value (the one it keeps) marked.

use super::number_grid::NumberGrid;
use crate::inspect::cell_arithmetic::PoolCell;
use crate::inspect::cell_numbers::{fixed, pool_decimals};
use crate::wording::a_number;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub cell: PoolCell,
    /// The layer below's name.
    pub below: AttrValue,
}

#[function_component]
pub fn PoolWindow(props: &Props) -> Html {
    let cell = &props.cell;
    let p = cell.pool_size;
    let decimals = pool_decimals(cell);
    html! {
        <div class="pool-window" id="pool-window">
            <p class="note">{ format!(
                "Max pooling adds nothing up and has no weights: it looks at {} × {p} window of channel {} of {} (rows {}–{}, \
                 columns {}–{}) and keeps the largest value.",
                a_number(p as u64), cell.channel, props.below, cell.top, cell.top + p - 1, cell.left, cell.left + p - 1
            ) }</p>
            <NumberGrid values={cell.window.iter().map(|v| Some(*v)).collect::<Vec<_>>()} side={p} {decimals} class="window"
                title={format!("the {p} × {p} window")} marked={Some((cell.winner, AttrValue::from("the largest, kept")))} />
            <table class="cell-steps" id="value-steps">
                <tbody>
                    <tr class="result-row">
                        <th scope="row">{ "The largest (outlined) is the value" }</th>
                        <td id="value-result" data-value={cell.result.to_string()}>{ fixed(cell.result, decimals) }</td>
                    </tr>
                </tbody>
            </table>
        </div>
    }
}
