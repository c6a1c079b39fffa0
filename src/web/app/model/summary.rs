//! The Keras-style summary of the model being built, updated on every edit: each layer's name,
//! output shape and parameter count with its formula as real maths (MathML), and the total.

use crate::wording::count;
use crate::exercise::answer::grouped;
use crate::model::{ModelSpec, Shape};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub spec: ModelSpec,
}

#[function_component]
pub fn ModelSummary(props: &Props) -> Html {
    let summary = match props.spec.summary() {
        Ok(summary) => summary,
        Err(error) => {
            let place = error.layer_index().map_or_else(String::new, |i| format!(" (see layer {} above)", i + 1));
            return html! {
                <p id="summary-invalid" class="note">{ format!("No summary: this model cannot be built{place}. Fix it and the table comes back.") }</p>
            };
        }
    };
    html! {
        <div class="summary">
            // Wide (the formulas): on a phone it scrolls in its own box, not the page.
            <div class="table-scroll">
            <table id="summary-table" class="numbers">
                <caption>{ "Model summary" }</caption>
                <thead><tr>
                    <th scope="col" class="text">{ "Layer (type)" }</th>
                    <th scope="col" class="text">{ "Output shape" }</th>
                    <th scope="col">{ "Param #" }</th>
                    <th scope="col" class="text">{ "How the parameters are counted" }</th>
                </tr></thead>
                <tbody>
                    { for summary.layers.iter().enumerate().map(|(i, layer)| html! {
                        <tr class="summary-row" id={format!("summary-{}", i + 1)}>
                            <td class="text">{ format!("{} ({})", layer.name, layer.kind) }</td>
                            <td class="text" title={shape_words(&layer.output_shape)}>{ layer.output_shape.to_string() }</td>
                            <td class="params">{ grouped(layer.params) }</td>
                            <td class="formula">{
                                match layer.formula {
                                    Some(formula) => Html::from_html_unchecked(AttrValue::from(formula.mathml())),
                                    None => html! { <span class="note">{ "no weights" }</span> },
                                }
                            }</td>
                        </tr>
                    }) }
                </tbody>
                <tfoot><tr>
                    <th scope="row" colspan="2" class="text">{ "Total params" }</th>
                    <td id="summary-total" class="params">{ grouped(summary.total_params) }</td>
                    <td></td>
                </tr></tfoot>
            </table>
            </div>
            <p class="note">{
                "Output shape is what one image becomes after the layer: (height, width, channels) while it is still an \
                 image, a single length once flattened. Keras also has a batch axis in front, left out here. \
                 Param # counts the weights and biases the layer learns. A Conv2D layer has (K × K × C_in + 1) × C_out: \
                 one weight per kernel cell and input channel plus a bias, for each of its C_out filters. A Dense layer has \
                 n_in × n_out + n_out: a weight per input and unit, plus a bias per unit. Pooling and Flatten learn nothing."
            }</p>
        </div>
    }
}

/// The shape in words, as a tooltip.
fn shape_words(shape: &Shape) -> String {
    match *shape {
        Shape::Image { height, width, channels } => format!("{height} × {width} pixels, {}", count(channels, "channel")),
        Shape::Flat(n) => format!("{n} numbers in a row"),
    }
}
