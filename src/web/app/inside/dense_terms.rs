//! How a Dense unit computes its value: its largest terms (input × weight) listed, the others
//! added up in one line, the bias, and on the last layer the logit and its probability.

use crate::inspect::cell_dense::DenseUnit;
use crate::inspect::cell_numbers::{dense_decimals, fixed, shared_decimals};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub unit: DenseUnit,
    /// The layer below's name.
    pub below: AttrValue,
    /// When the unit reads a flattened image: its name, height and width, to say where each
    /// input lies.
    #[prop_or_default]
    pub image: Option<(AttrValue, usize, usize)>,
}

#[function_component]
pub fn DenseTerms(props: &Props) -> Html {
    let u = &props.unit;
    let decimals = dense_decimals(u);
    let value_decimals = shared_decimals(u.top.iter().map(|c| c.value));
    let weight_decimals = shared_decimals(u.top.iter().map(|c| c.weight));
    // Where each input lies: a channel and (row, column) of the flattened image, or its number.
    let place = |input: usize| match &props.image {
        Some((_, height, width)) => {
            let plane = height * width;
            format!("ch {} ({}, {})", input / plane, input % plane / width, input % width)
        }
        None => format!("#{input}"),
    };
    // The values the unit reads: a flattened image's maps are named as maps, not as "flatten".
    let (inputs_words, source) = match &props.image {
        Some((name, height, width)) => (
            format!(
                "the {} values of {name}'s {} maps ({height} × {width} each, laid in one row by Flatten)",
                u.inputs,
                u.inputs / (height * width).max(1)
            ),
            "input: ch (row, col)".to_string(),
        ),
        None => (format!("the {} values of {}", u.inputs, props.below), "input #".to_string()),
    };
    let others = u.inputs.saturating_sub(u.top.len());
    let named = if props.image.is_some() { ", each input by its channel, then its row and column in the map" } else { "" };
    html! {
        <div class="dense-terms" id="dense-terms">
            <p class="note">{ format!(
                "This score multiplies each of {inputs_words} by its own weight and adds all {} products up. The {} \
                 products that count most are listed{named}; the other {others} are added up in one line.",
                u.inputs, u.top.len()
            ) }</p>
            <div class="table-scroll" role="group" aria-label="the largest products" tabindex="0">
                <table class="numbers dense-table">
                    <thead>
                        <tr><th scope="col">{ source }</th><th scope="col">{ "value" }</th><th scope="col">{ "× weight" }</th><th scope="col">{ "= product" }</th></tr>
                    </thead>
                    <tbody>
                        { for u.top.iter().map(|c| html! {
                            <tr>
                                <th scope="row">{ place(c.input) }</th>
                                <td>{ fixed(c.value, value_decimals) }</td>
                                <td>{ fixed(c.weight, weight_decimals) }</td>
                                <td class="product" data-value={c.product.to_string()}>{ fixed(c.product, decimals) }</td>
                            </tr>
                        }) }
                        <tr>
                            <th scope="row" colspan="3">{ format!("the other {others} products together") }</th>
                            <td class="product" id="dense-others" data-value={u.others_sum.to_string()}>{ fixed(u.others_sum, decimals) }</td>
                        </tr>
                    </tbody>
                </table>
            </div>
            <table class="cell-steps" id="value-steps">
                <tbody>
                    <tr>
                        <th scope="row">{ format!("All {} products added up", u.inputs) }</th>
                        <td id="value-total" data-value={u.sum.to_string()}>{ fixed(u.sum, decimals) }</td>
                    </tr>
                    <tr>
                        <th scope="row">{ "+ the unit's bias" }</th>
                        <td id="value-bias" data-value={u.bias.to_string()}>{ fixed(u.bias, decimals) }</td>
                    </tr>
                    <tr class="result-row">
                        <th scope="row">{ if u.probability.is_some() { "= the score (logit)" } else { "= the value" } }</th>
                        <td id="value-result" data-value={u.result.to_string()}>{ fixed(u.result, decimals) }</td>
                    </tr>
                    if let Some(p) = u.probability {
                        <tr>
                            <th scope="row">{ "softmax over all ten scores gives the probability" }</th>
                            <td id="value-probability" data-value={p.to_string()}>{ format!("{:.1} %", p * 100.0) }</td>
                        </tr>
                    }
                </tbody>
            </table>
        </div>
    }
}
