//! Filters: the first convolution's kernels as small images, asked of the worker whenever
//! another model answers, so they change while a run trains (its model is republished every
//! 50 steps).

use crate::wording::count;
use crate::web::app::worker_bridge::context::use_worker;
use super::channel_grid::ChannelGrid;
use crate::web::app::state::inside::{InsideView, next_request};
use crate::inspect::Quantised;
use crate::model::LayerSpec;
use crate::protocol::{InspectRequest, InspectTopic};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub inside: Rc<InsideView>,
    pub on_inspect: Callback<InspectRequest>,
}

#[function_component]
pub fn FiltersPanel(props: &Props) -> Html {
    let worker = use_worker();
    let asked = use_state(|| None::<u64>);
    let first_conv = props
        .inside
        .model
        .as_ref()
        .and_then(|(_, spec)| spec.layers.iter().position(|l| matches!(l, LayerSpec::Conv2D { .. })));
    {
        let (asked, on_inspect) = (asked.clone(), props.on_inspect.clone());
        use_effect_with((props.inside.model_id(), first_conv, worker.generation), move |&(model, layer, _)| {
            if let (Some(_), Some(layer)) = (model, layer) {
                let request = next_request();
                asked.set(Some(request));
                on_inspect.emit(InspectRequest::Kernels { request, layer });
            }
        });
    }
    let body = match (first_conv, first_conv.and_then(|l| props.inside.kernels.get(&l))) {
        (None, _) if props.inside.model.is_some() => {
            html! { <p class="note" id="filters-none">{ "The model that answers has no convolution, so no filters to show." }</p> }
        }
        (_, Some(kernels)) => {
            let k = kernels.kernel_size as u32;
            // The first layer reads one grey channel: one K × K image per filter.
            let channels: Vec<Quantised> = kernels.filters.iter().map(|f| f.weights.clone()).collect();
            let notes: Vec<String> = kernels.filters.iter().map(|f| format!("bias {:+.3}", f.bias)).collect();
            let (model, name) = (props.inside.model.as_ref().map_or("", |(tag, _)| tag.name.as_str()), &kernels.name);
            html! {
                <>
                    <p class="note" id="filters-caption">{ format!(
                        "{} of {name} in {model}, each {k} × {k} (red: positive weights, blue: negative). Each one \
                         answers where the drawing matches its pattern: look for strokes and edges at one angle, light on one \
                         side and dark on the other.", match kernels.filters.len() { 1 => "The one filter".to_string(), n => format!("The {n} filters") }
                    ) }</p>
                    <ChannelGrid id="filters" title={format!("{name}: {} of {k} × {k}", count(kernels.filters.len(), "kernel"))}
                        noun={format!("{name} filter")} channels={Rc::new(channels)} width={k} height={k}
                        signed={true} notes={Rc::new(notes)} />
                </>
            }
        }
        _ => match asked.and_then(|r| props.inside.failure(InspectTopic::Kernels, r)) {
            Some(message) => html! { <p class="error" role="alert" id="filters-failure">{ message }</p> },
            None => html! { <p class="note">{ "Reading the filters…" }</p> },
        },
    };
    html! { <div class="filters" id="filters-panel">{ body }</div> }
}
