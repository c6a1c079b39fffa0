//! One channel shown large, with what made it: for a convolution the K × K × C_in kernel of its
//! filter (asked of the worker once per model and layer), for a pooling layer what pooling does.
//! Any pixel of it can be picked, to see how that one value was computed.

use super::cell_panel::CellPanel;
use super::cell_picker::CellPicker;
use crate::wording::a_number;
use crate::web::app::widgets::byte_image::{ByteImage, Palette};
use crate::web::app::state::inside::{InsideView, next_request};
use crate::inspect::{CellIndex, KernelImages, Quantised};
use crate::model::{LayerSpec, Shape};
use crate::protocol::{InspectRequest, InspectTopic};
use std::rc::Rc;
use yew::prelude::*;

/// Input channels of a kernel drawn at most (a wide layer says how many more there are).
const MAX_KERNEL_CHANNELS: usize = 128;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The layer's index in the model, its Keras name and settings, and its output shape.
    pub layer: usize,
    pub name: AttrValue,
    pub spec: LayerSpec,
    pub shape: Shape,
    /// The name of the layer below ("the input digit" for the first).
    pub below: AttrValue,
    pub channel: usize,
    pub map: Quantised,
    pub inside: Rc<InsideView>,
    /// The drawing request whose maps are shown.
    pub drawing: u64,
    pub on_inspect: Callback<InspectRequest>,
    pub on_close: Callback<MouseEvent>,
}

#[function_component]
pub fn ChannelDetail(props: &Props) -> Html {
    let asked = use_state(|| None::<u64>);
    // The pixel picked to be explained: (row, column).
    let picked = use_state(|| None::<(usize, usize)>);
    let kernels = props.inside.kernels.get(&props.layer).cloned();
    {
        // Ask for the layer's kernels once per model, unless they are here already.
        let (asked, on_inspect, layer) = (asked.clone(), props.on_inspect.clone(), props.layer);
        let wanted = matches!(props.spec, LayerSpec::Conv2D { .. }) && kernels.is_none();
        use_effect_with((props.inside.model_id(), layer, wanted), move |&(_, layer, wanted)| {
            if wanted {
                let request = next_request();
                asked.set(Some(request));
                on_inspect.emit(InspectRequest::Kernels { request, layer });
            }
        });
    }
    let Shape::Image { height, width, .. } = props.shape else { return html! {} };
    let (name, channel) = (&props.name, props.channel);
    let origin = match &props.spec {
        LayerSpec::Conv2D { activation, .. } => match (&kernels, asked.and_then(|r| props.inside.failure(InspectTopic::Kernels, r))) {
            (Some(kernels), _) => kernel_view(kernels, channel, &props.below, activation.name()),
            (None, Some(message)) => html! { <p class="error" role="alert">{ message }</p> },
            (None, None) => html! { <p class="note">{ "Reading the kernel…" }</p> },
        },
        LayerSpec::MaxPooling2D { pool_size } => html! {
            <p class="note" id="pooling-note">{ format!(
                "Max pooling has no kernel and learns nothing: each pixel here is the largest of {} × {pool_size} \
                 block of channel {channel} of {}, so the map keeps where a pattern was strongest at 1/{pool_size} of the \
                 height and width.", a_number(*pool_size as u64), props.below
            ) }</p>
        },
        LayerSpec::Dropout { .. } => html! {
            <p class="note" id="dropout-note">{ format!(
                "Dropout learns nothing and, when predicting, passes {} on unchanged: this map is channel {channel} of it. \
                 Only while training does it zero inputs at random.", props.below
            ) }</p>
        },
        LayerSpec::BatchNormalization => html! {
            <p class="note" id="batch-norm-note">{ format!(
                "BatchNormalization shifts and scales channel {channel} of {}: each value x becomes \
                 (x − moving mean) / √(moving variance + 0.001) × γ + β, with γ and β learnt and the mean and \
                 variance averaged over the training batches. Pick a pixel to see it worked out.", props.below
            ) }</p>
        },
        _ => html! {},
    };
    html! {
        <div class="channel-detail" id="channel-detail">
            <div class="channel-large">
                <CellPicker levels={Rc::<[u8]>::from(props.map.levels.as_slice())} {width} {height}
                    palette={Palette::for_values(&props.map)} label={format!("{name} channel {channel}")} picked={*picked}
                    on_pick={{
                        let picked = picked.clone();
                        Callback::from(move |at| picked.set(Some(at)))
                    }} />
                // Announced when another channel opens; the value panel below says its own result.
                <p class="note" aria-live="polite">{ format!("{name}, channel {channel}: {height} × {width}, values {:.3} to {:.3}", props.map.min, props.map.max) }</p>
                <button type="button" class="small secondary" id="channel-detail-close" onclick={props.on_close.clone()}>{ "Close" }</button>
            </div>
            <div class="channel-origin">{ origin }</div>
            if let Some((row, col)) = *picked {
                <CellPanel layer={props.layer} name={props.name.clone()} below={props.below.clone()}
                    cell={CellIndex::Image { channel, row, col }}
                    drawing={props.drawing} inside={props.inside.clone()} />
            }
        </div>
    }
}

/// Filter `filter` of a convolution: one K × K image per input channel, on one colour scale.
fn kernel_view(kernels: &KernelImages, filter: usize, below: &str, activation: &str) -> Html {
    let Some(weights) = kernels.filters.get(filter) else { return html! {} };
    let k = kernels.kernel_size;
    let shown = kernels.in_channels.min(MAX_KERNEL_CHANNELS);
    let palette = Palette::signed(&weights.weights);
    html! {
        <>
            <p class="note" id="kernel-caption">{ format!(
                "Made by filter {filter} of {}: {} × {k} × {} kernel (weights {:.3} to {:.3}, red positive, blue negative) and \
                 a bias of {:.3}. At every position it multiplies the {k} × {k} window of {} of {below} by \
                 these weights, adds everything up with the bias and applies {activation}.",
                kernels.name, a_number(k as u64), kernels.in_channels, weights.weights.min, weights.weights.max, weights.bias,
                if kernels.in_channels == 1 { "its one channel".to_string() } else { format!("each of the {} channels", kernels.in_channels) }
            ) }</p>
            // It scrolls when a layer has many input channels: focusable, so a keyboard can too.
            <div class="kernel-grid" id="kernel-grid" role="group" aria-label={format!("the kernels of filter {filter}")} tabindex="0">
                { for (0..shown).map(|c| html! {
                    <ByteImage levels={Rc::<[u8]>::from(kernels.kernel(filter, c))} width={k as u32} height={k as u32} palette={palette}
                        class="kernel" label={format!("kernel of filter {filter} for input channel {c}")} />
                }) }
            </div>
            if shown < kernels.in_channels {
                <p class="note">{ format!("The first {shown} of {} input channels.", kernels.in_channels) }</p>
            }
        </>
    }
}
