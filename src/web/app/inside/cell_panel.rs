//! "One value, explained": asks the worker how one output value of a layer comes about on the
//! drawing whose maps are shown, and shows the arithmetic beside what the network computed,
//! with the pixels of the digit the value sees. It asks again when the drawing, the model or
//! the worker changes.

use super::batch_norm_value::BatchNormValue;
use super::conv_arithmetic::ConvArithmetic;
use super::dense_terms::DenseTerms;
use super::field_on_digit::FieldOnDigit;
use super::pool_window::PoolWindow;
use crate::inspect::cell_numbers::{fixed, result_decimals};
use crate::inspect::{CellArithmetic, CellIndex, CellRequest};
use crate::protocol::{InspectRequest, InspectTopic, ToWorker};
use crate::web::app::browser::drills::Drills;
use crate::web::app::state::inside::{InsideView, drawing_pixels, next_request};
use crate::web::app::worker_bridge::context::use_worker;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The layer's index in the model and its Keras name.
    pub layer: usize,
    pub name: AttrValue,
    /// The layer below in words ("the input digit" for the first).
    pub below: AttrValue,
    /// The value: a pixel of a channel, or a Dense unit.
    pub cell: CellIndex,
    /// The drawing request whose maps are shown.
    pub drawing: u64,
    pub inside: Rc<InsideView>,
    /// For a Dense unit reading a flattened image: the image's name, height and width.
    #[prop_or_default]
    pub image: Option<(AttrValue, usize, usize)>,
}

#[function_component]
pub fn CellPanel(props: &Props) -> Html {
    let worker = use_worker();
    let asked = use_state(|| None::<u64>);
    let pixels = drawing_pixels(props.drawing);
    {
        let (asked, send) = (asked.clone(), worker.send.clone());
        let layers = props.inside.model.as_ref().map_or(0, |(_, spec)| spec.layers.len());
        let key = (props.drawing, props.inside.model_id(), worker.generation, props.layer, props.cell);
        let pixels = pixels.clone();
        use_effect_with(key, move |&(_, _, _, layer, cell)| {
            let Some(pixels) = pixels else { return };
            // The failure drill asks about a layer the model does not have.
            let layer = if Drills::from_page().fail_cells { layers + 30 } else { layer };
            let request = next_request();
            asked.set(Some(request));
            let cell = CellRequest { layer, cell };
            send.emit(ToWorker::Inspect(InspectRequest::Cell { request, pixels: pixels.to_vec(), cell }));
        });
    }
    let title_place = match props.cell {
        CellIndex::Image { channel, row, col } => format!("{}, channel {channel}, row {row}, column {col}", props.name),
        CellIndex::Unit { unit, .. } => format!("{}, the score (logit) of {unit}", props.name),
    };
    let title = format!("One value, explained: {title_place}");
    let current = props.inside.cell.as_ref().filter(|c| Some(c.request) == *asked);
    let body = match (current, asked.and_then(|r| props.inside.failure(InspectTopic::Cell, r)), &pixels) {
        (_, _, None) => html! { <p class="note">{ "Draw the digit again to see how this value is computed." }</p> },
        (_, Some(message), _) => html! { <p class="error" role="alert" id="value-failure">{ message }</p> },
        (None, None, _) => html! { <p class="note" id="value-waiting">{ "Working it out…" }</p> },
        (Some(view), None, Some(pixels)) => {
            let e = &view.explanation;
            let arithmetic = match &e.arithmetic {
                CellArithmetic::Conv(cell) => html! { <ConvArithmetic cell={cell.clone()} below={props.below.clone()} /> },
                CellArithmetic::Pool(cell) => html! { <PoolWindow cell={cell.clone()} below={props.below.clone()} /> },
                CellArithmetic::Dense(unit) => html! { <DenseTerms unit={unit.clone()} below={props.below.clone()} image={props.image.clone()} /> },
                CellArithmetic::BatchNorm(cell) => html! { <BatchNormValue cell={cell.clone()} below={props.below.clone()} /> },
            };
            let (ours, theirs) = (e.arithmetic.result(), e.network_value);
            let decimals = result_decimals(&e.arithmetic);
            let agree = (ours - theirs).abs() <= 1e-4 * theirs.abs().max(1.0);
            html! {
                <>
                    <div class="cell-parts">
                        <div class="cell-arithmetic">{ arithmetic }</div>
                        <FieldOnDigit pixels={pixels.clone()} field={e.field} id="value-field" />
                    </div>
                    <p class={classes!("cell-agree", (!agree).then_some("differ"))} id="value-agree">
                        { "The network computed " }
                        <strong id="value-network" data-value={theirs.to_string()}>{ fixed(theirs, decimals) }</strong>
                        { if matches!(props.cell, CellIndex::Unit { .. }) { " for this score, " } else { " here in its feature map, " } }
                        { if agree { "the same value as the arithmetic above." } else { "not quite the arithmetic above: the difference is the network's rounding." } }
                        <span class="note">{ format!(" (Worked out by {} in {:.1} ms.)", view.model.name, view.compute_ms) }</span>
                    </p>
                    <p class="visually-hidden" aria-live="polite">{ format!(
                        "{}: the arithmetic gives {}{}", title_place, fixed(ours, decimals),
                        if agree { ", the network's value." } else { "." }
                    ) }</p>
                </>
            }
        }
    };
    html! {
        <section class="cell-panel" id="value-panel" aria-labelledby="value-title" data-request={asked.map(|r| r.to_string())}>
            <h5 id="value-title">{ title }</h5>
            { body }
        </section>
    }
}
