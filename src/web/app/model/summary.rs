//! The Keras-style summary of the model being built, updated on every edit: each layer's name,
//! output shape and parameter count with its formula as real maths (MathML), and the total.
//! A cell that would give away what the open guided step asks reads "?" until it is answered.

use crate::wording::count;
use crate::exercise::answer::grouped;
use crate::exercise::hidden::HiddenCells;
use crate::web::app::widgets::hidden_answer::hidden_answer;
use crate::model::{ModelSpec, Shape};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub spec: ModelSpec,
    /// The cells to hide until the open step is answered.
    #[prop_or_default]
    pub hidden: Option<HiddenCells>,
}

/// A hidden cell: "?" on screen, and in words for everyone (the number is not in the page).
fn hidden_cell(hidden: &HiddenCells) -> Html {
    hidden_answer(hidden.step)
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
    let hidden = props.hidden.as_ref();
    let hides = |list: fn(&HiddenCells) -> &Vec<usize>, i: usize| hidden.filter(|h| list(h).contains(&i));
    html! {
        <div class="summary">
            // On a phone each layer becomes a card (www/style.css), labelled from data-label.
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
                            <td class="text layer-name">{ format!("{} ({})", layer.name, layer.kind) }</td>
                            if let Some(hidden) = hides(|h| &h.shapes, i) {
                                <td class="text" data-label="Output shape">{ hidden_cell(hidden) }</td>
                            } else {
                                <td class="text" data-label="Output shape" title={shape_words(&layer.output_shape)}>{ layer.output_shape.to_string() }</td>
                            }
                            if let Some(hidden) = hides(|h| &h.params, i) {
                                <td class="params" data-label="Param #">{ hidden_cell(hidden) }</td>
                                <td class="formula" data-label="Counted as">{ hidden_cell(hidden) }</td>
                            } else {
                                <td class="params" data-label="Param #">{ grouped(layer.params) }</td>
                                <td class="formula" data-label="Counted as">{
                                    match layer.formula {
                                        Some(formula) => Html::from_html_unchecked(AttrValue::from(formula.mathml())),
                                        None => html! { <span class="note">{ match layer.kind.why_no_parameters() {
                                            Some(why) => format!("none: {why}"),
                                            None => "none".to_string(),
                                        } }</span> },
                                    }
                                }</td>
                            }
                        </tr>
                    }) }
                </tbody>
                <tfoot><tr>
                    <th scope="row" colspan="2" class="text">{ "Total params" }</th>
                    <td id="summary-total" class="params">{
                        match hidden.filter(|h| h.total) {
                            Some(hidden) => hidden_cell(hidden),
                            None => html! { grouped(summary.total_params) },
                        }
                    }</td>
                    <td class="formula"></td>
                </tr>
                // Keras' two lines under the total; hidden with it, since they add up to it.
                { for [("Trainable params", "summary-trainable", summary.trainable_params),
                       ("Non-trainable params", "summary-non-trainable", summary.non_trainable_params)].map(|(label, id, n)| html! {
                    <tr>
                        <th scope="row" colspan="2" class="text">{ label }</th>
                        <td {id} class="params">{
                            match hidden.filter(|h| h.total) {
                                Some(hidden) => hidden_cell(hidden),
                                None => html! { grouped(n) },
                            }
                        }</td>
                        <td class="formula"></td>
                    </tr>
                }) }
                </tfoot>
            </table>
            </div>
            <p class="note">{
                "Output shape is what one image becomes after the layer: (height, width, channels) while it is still an \
                 image, a single length once flattened. Keras also has a batch axis in front, left out here. \
                 Param # counts the weights and biases the layer learns. A Conv2D layer has (K × K × C_in + 1) × C_out: \
                 one weight per kernel cell and input channel plus a bias, for each of its C_out filters. A Dense layer has \
                 n_in × n_out + n_out: a weight per input and unit, plus a bias per unit. BatchNormalization has 4 per \
                 channel: γ and β, which training learns, and a moving mean and variance, which it only averages \
                 (Keras counts those as non-trainable). Pooling, Flatten and Dropout learn nothing."
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
