//! How a BatchNormalization layer computes one value when predicting: the value below, shifted
//! by the channel's moving mean, divided by its spread, then scaled by γ and shifted by β.

use crate::inspect::cell_batch_norm::BatchNormCell;
use crate::inspect::cell_numbers::{batch_norm_decimals, fixed};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub cell: BatchNormCell,
    /// The layer below's name.
    pub below: AttrValue,
}

#[function_component]
pub fn BatchNormValue(props: &Props) -> Html {
    let cell = &props.cell;
    let d = batch_norm_decimals(cell);
    let n = |value: f32| fixed(value, d);
    let row = |label: String, value: String, id: Option<&'static str>| html! {
        <tr><th scope="row">{ label }</th><td {id}>{ value }</td></tr>
    };
    html! {
        <div class="batch-norm-value" id="batch-norm-value">
            <p class="note">{ format!(
                "BatchNormalization learns a scale γ and a shift β for channel {} and, while training, averaged the \
                 channel's mean and variance over the batches. Predicting, it puts the value of {} back on the scale \
                 the channel had in training, then scales and shifts it.",
                cell.channel, props.below
            ) }</p>
            <table class="cell-steps" id="value-steps">
                <tbody>
                    { row(format!("The value of {} here, x", props.below), n(cell.input), None) }
                    { row("Moving mean".into(), n(cell.moving_mean), None) }
                    { row(format!("√(moving variance {} + ε {})", fixed(cell.moving_variance, d), cell.epsilon), n(cell.spread), None) }
                    { row("(x − mean) / √(variance + ε)".into(), n(cell.normalised), None) }
                    { row("× γ".into(), n(cell.gamma), None) }
                    { row("+ β".into(), n(cell.beta), None) }
                    <tr class="result-row">
                        <th scope="row">{ "The value" }</th>
                        <td id="value-result" data-value={cell.result.to_string()}>{ n(cell.result) }</td>
                    </tr>
                </tbody>
            </table>
        </div>
    }
}
