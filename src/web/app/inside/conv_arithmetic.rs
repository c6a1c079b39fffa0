//! How a Conv2D layer computes one value: per input channel the sum of K × K products (one
//! channel's grids shown at a time when there are several), the channels added up, the bias,
//! and the activation.

use super::kernel_terms::KernelTerms;
use crate::inspect::cell_arithmetic::ConvCell;
use crate::inspect::cell_numbers::{conv_decimals, fixed};
use crate::model::Activation;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub cell: ConvCell,
    /// The layer's input in words: "your digit", or the layer below's name.
    pub below: AttrValue,
}

#[function_component]
pub fn ConvArithmetic(props: &Props) -> Html {
    let cell = &props.cell;
    let k = cell.kernel_size;
    let many = cell.channels.len() > 1;
    // The channel whose K × K grids are shown: the one adding most, until the learner picks one.
    let largest = cell.channels.iter().enumerate().max_by(|a, b| a.1.sum.abs().total_cmp(&b.1.sum.abs())).map_or(0, |(i, _)| i);
    let open = use_state(|| None::<usize>);
    let shown = open.unwrap_or(largest).min(cell.channels.len().saturating_sub(1));
    let decimals = conv_decimals(cell);
    let source = |channel: usize| {
        if many { format!("channel {channel} of {}", props.below) } else { props.below.to_string() }
    };
    let intro = format!(
        "Filter {} lays its {k} × {k} kernel on {} with its top-left weight on row {}, column {}, multiplies each value by \
         the weight on top of it and adds the products up{}.{}",
        cell.filter,
        if many { format!("each of the {} channels of {}", cell.channels.len(), props.below) } else { props.below.to_string() },
        cell.top,
        cell.left,
        if many { ", channel by channel" } else { "" },
        if cell.top < 0 || cell.left < 0 { " A negative row or column lies in the padding, outside the image." } else { "" }
    );
    let sums = many.then(|| {
        html! {
            <div class="channel-sums">
                <p class="note" id="channel-sums-hint">{ format!(
                    "Each button is one input channel with the sum of its {} products. Press one to see its arithmetic.", k * k
                ) }</p>
                <ul class="sum-buttons" aria-describedby="channel-sums-hint">
                    { for cell.channels.iter().map(|c| {
                        let (open, channel) = (open.clone(), c.channel);
                        let pressed = channel == shown;
                        html! {
                            <li>
                                <button type="button" class={classes!("small", "sum-button", if pressed { "selected" } else { "secondary" })}
                                    aria-pressed={pressed.to_string()} onclick={Callback::from(move |_: MouseEvent| open.set(Some(channel)))}>
                                    <span class="channel-name">{ format!("ch {channel}") }</span>
                                    <span class="channel-value" data-value={c.sum.to_string()}>{ fixed(c.sum, decimals) }</span>
                                </button>
                            </li>
                        }
                    }) }
                </ul>
            </div>
        }
    });
    let terms = cell.channels.get(shown).cloned();
    html! {
        <div class="conv-arithmetic" id="conv-arithmetic">
            <p class="note">{ intro }</p>
            { sums.unwrap_or_default() }
            if let Some(terms) = terms {
                if many { <p class="grid-heading">{ format!("Input channel {shown}, up close:") }</p> }
                <KernelTerms {terms} kernel_size={k} source={source(shown)} sum_decimals={decimals} />
            }
            <table class="cell-steps" id="value-steps">
                <tbody>
                    <tr>
                        <th scope="row">{ if many { format!("The {} channel sums added up", cell.channels.len()) } else { "The sum".to_string() } }</th>
                        <td id="value-total" data-value={cell.total.to_string()}>{ fixed(cell.total, decimals) }</td>
                    </tr>
                    <tr>
                        <th scope="row">{ "+ the filter's bias" }</th>
                        <td id="value-bias" data-value={cell.bias.to_string()}>{ fixed(cell.bias, decimals) }</td>
                    </tr>
                    <tr>
                        <th scope="row">{ "= before the activation" }</th>
                        <td id="value-pre" data-value={cell.pre_activation.to_string()}>{ fixed(cell.pre_activation, decimals) }</td>
                    </tr>
                    <tr class="result-row">
                        <th scope="row">{ activation_words(cell.activation) }</th>
                        <td id="value-result" data-value={cell.result.to_string()}>{ fixed(cell.result, decimals) }</td>
                    </tr>
                </tbody>
            </table>
        </div>
    }
}

/// What the activation does, in a learner's words.
fn activation_words(activation: Activation) -> String {
    match activation {
        Activation::Relu => "ReLU (negative → 0, positive stays) gives the value".into(),
        Activation::Sigmoid => "sigmoid (squeezed between 0 and 1) gives the value".into(),
        Activation::Tanh => "tanh (squeezed between −1 and 1) gives the value".into(),
        Activation::Linear | Activation::Softmax => "no activation: the value is".into(),
    }
}
