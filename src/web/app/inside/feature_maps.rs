//! Feature maps: what every layer of the answering model makes of the latest drawing, live.
//! Convolution and pooling outputs as one small image per channel, Flatten as a sentence, Dense
//! layers as bars (the last one's ten logits), and why the top class won, laid back onto the
//! last image layer's maps. A channel clicked (or Enter) is shown large with its kernel.

use crate::wording::a_number;
use crate::web::app::browser::clock::now_ms;
use crate::web::app::widgets::byte_image::{ByteImage, Palette};
use super::cell_panel::CellPanel;
use super::channel_detail::ChannelDetail;
use super::channel_grid::ChannelGrid;
use super::field_slider::FieldSlider;
use crate::web::app::state::inside::{DrawingInside, InsideView, drawing_pixels};
use super::logit_bars::LogitBars;
use crate::inspect::{CellIndex, LayerValues, Quantised};
use crate::model::Shape;
use crate::protocol::{InspectRequest, InspectTopic};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub inside: Rc<InsideView>,
    pub on_inspect: Callback<InspectRequest>,
}

#[function_component]
pub fn FeatureMaps(props: &Props) -> Html {
    // The channel shown large: (layer index, channel).
    let selected = use_state(|| None::<(usize, usize)>);
    // The last layer's unit whose score is explained.
    let unit = use_state(|| None::<usize>);
    let container = use_node_ref();
    {
        // When a drawing's maps are on the page (after the maps' canvases, painted in their own
        // effects, which run first): the benchmark reads it against the stroke's end.
        let container = container.clone();
        use_effect_with(props.inside.drawing.as_ref().map(|d| d.request), move |_| {
            if let Some(element) = container.cast::<web_sys::Element>() {
                let _ = element.set_attribute("data-shown-at", &format!("{:.1}", now_ms()));
            }
        });
    }
    let failure = props.inside.latest_failure(InspectTopic::Drawing);
    let Some(drawing) = props.inside.drawing.clone() else {
        return html! {
            <div id="feature-maps" class="feature-maps">
                if let Some(failure) = failure {
                    <p class="error" role="alert" id="maps-failure">{ &failure.message }</p>
                } else {
                    <p class="note" id="maps-empty">{ "Draw a digit above: what each layer makes of it appears here." }</p>
                }
            </div>
        };
    };
    let failure = failure.filter(|f| f.request > drawing.request);
    let spec = props.inside.model.as_ref().filter(|(tag, _)| tag.id == drawing.model.id).map(|(_, spec)| spec.clone());
    let layers = drawing.maps.layers.iter().enumerate().map(|(index, layer)| {
        let title = format!("{} → {}", layer.name, layer.shape);
        match (&layer.values, layer.shape) {
            (LayerValues::Channels(channels), Shape::Image { height, width, .. }) => {
                let on_select = {
                    let (selected, unit) = (selected.clone(), unit.clone());
                    Callback::from(move |channel: usize| {
                        let again = *selected == Some((index, channel));
                        selected.set((!again).then_some((index, channel)));
                        // One value up close at a time.
                        unit.set(None);
                    })
                };
                let chosen = selected.filter(|(l, c)| *l == index && *c < channels.len());
                let detail = chosen.zip(spec.as_ref().and_then(|s| s.layers.get(index).cloned())).map(|((_, channel), layer_spec)| {
                    let below = index.checked_sub(1).map_or_else(|| "the input digit".to_string(), |i| drawing.maps.layers[i].name.clone());
                    let on_close = {
                        let selected = selected.clone();
                        Callback::from(move |_: MouseEvent| selected.set(None))
                    };
                    html! {
                        <ChannelDetail key={format!("{index}-{channel}")} layer={index} name={layer.name.clone()} spec={layer_spec} shape={layer.shape} below={below}
                            channel={channel} map={channels[channel].clone()} inside={props.inside.clone()} drawing={drawing.request}
                            on_inspect={props.on_inspect.clone()} {on_close} />
                    }
                });
                html! {
                    <>
                        <ChannelGrid id={format!("maps-{}", layer.name)} {title} noun={format!("{} channel", layer.name)}
                            channels={Rc::new(channels.clone())} width={width as u32} height={height as u32}
                            selected={chosen.map(|(_, c)| c)} on_select={Some(on_select)} />
                        { detail.unwrap_or_default() }
                    </>
                }
            }
            (LayerValues::Flattened, _) => html! {
                <p class="layer-line" id={format!("maps-{}", layer.name)}>
                    <strong>{ title }</strong>{ ": the maps above laid out in one row of numbers, channel after channel. \
                        Nothing is computed; the next layer sees every value at once." }
                </p>
            },
            (LayerValues::Units(values), _) if index + 1 == drawing.maps.layers.len() => html! {
                <div class="layer-maps">
                    <h4 class="layer-title">{ format!("{title}: the logits") }</h4>
                    <p class="note">{ "One score per digit, before softmax turns them into the probabilities beside your drawing: \
                        the highest wins. Press a score to see how it was added up." }</p>
                    <LogitBars id="logits" values={values.clone()} top={Some(usize::from(drawing.maps.top_class))}
                        selected={*unit} on_select={{
                            let (unit, selected) = (unit.clone(), selected.clone());
                            Callback::from(move |u: usize| {
                                unit.set((*unit != Some(u)).then_some(u));
                                selected.set(None);
                            })
                        }} />
                    if let Some(chosen) = *unit {
                        <CellPanel layer={index} name={layer.name.clone()} below={below_name(&drawing, index)}
                            cell={CellIndex::Unit { unit: chosen, top: DENSE_TERMS }} drawing={drawing.request}
                            inside={props.inside.clone()} image={flattened_image(&drawing)} />
                    }
                </div>
            },
            (LayerValues::Units(values), _) => {
                let strip = Quantised::new(values);
                html! {
                    <div class="layer-maps">
                        <h4 class="layer-title">{ title }</h4>
                        <ByteImage levels={Rc::<[u8]>::from(strip.levels.as_slice())} width={values.len() as u32} height={1}
                            palette={Palette::for_values(&strip)} class="units"
                            label={format!("the {} outputs of {} as one strip", values.len(), layer.name)} />
                    </div>
                }
            }
            _ => html! {},
        }
    });
    html! {
        <div id="feature-maps" class="feature-maps" ref={container} data-request={drawing.request.to_string()}>
            <p class="note" id="maps-timing">{ format!(
                "Your latest drawing inside {}, computed in {:.1} ms. Bright is a strong answer, black none; blue and red \
                 maps have negative values (blue) as well as positive ones (red). Press a channel to see it large, then a pixel of it to see how that value was computed.",
                drawing.model.name, drawing.compute_ms
            ) }</p>
            if let Some(failure) = failure {
                <p class="error" role="alert" id="maps-failure">{ &failure.message }</p>
            }
            { for layers }
            { contributions(&drawing) }
            if let Some((spec, pixels)) = spec.clone().zip(drawing_pixels(drawing.request)) {
                <FieldSlider {spec} {pixels} names={drawing.maps.layers.iter().map(|l| l.name.clone()).collect::<Rc<[String]>>()} />
            }
        </div>
    }
}

/// How many of a Dense unit's largest terms the panel lists.
const DENSE_TERMS: usize = 10;

/// The layer below layer `index`, in words.
fn below_name(drawing: &DrawingInside, index: usize) -> String {
    index.checked_sub(1).map_or_else(|| "the input digit".to_string(), |i| drawing.maps.layers[i].name.clone())
}

/// The image the last layer reads, flattened: its name, height and width.
fn flattened_image(drawing: &DrawingInside) -> Option<(AttrValue, usize, usize)> {
    let parts = drawing.maps.contributions.as_ref()?;
    let Shape::Image { height, width, .. } = parts.shape else { return None };
    let name = parts.source.map_or("the input digit".to_string(), |i| drawing.maps.layers[i].name.clone());
    Some((name.into(), height, width))
}

/// Why the top class won: the last layer's weight × input for it, on the maps it read.
fn contributions(drawing: &DrawingInside) -> Html {
    let Some(parts) = &drawing.maps.contributions else { return html! {} };
    let Shape::Image { height, width, .. } = parts.shape else { return html! {} };
    let source = parts.source.map_or("the input digit", |i| drawing.maps.layers[i].name.as_str());
    let notes: Vec<String> = parts.channel_sums.iter().map(|s| format!("adds {s:+.2} to the score")).collect();
    html! {
        <div class="contributions">
            <h4 class="layer-title">{ format!("Why {}: what each map of {source} adds to its score", a_number(parts.class as u64)) }</h4>
            <p class="note">{ format!(
                "The last layer's score for {} is a sum: every value of {source} times its weight for {}, plus a bias of {:.2}. \
                 Red places pushed the answer towards {}, blue ones away from it.",
                parts.class, parts.class, parts.bias, parts.class
            ) }</p>
            <ChannelGrid id="maps-contributions" title={format!("{source} × weights for {}", parts.class)}
                noun={format!("contribution of {source} channel")} channels={Rc::new(parts.channels.clone())}
                width={width as u32} height={height as u32} signed={true} notes={Rc::new(notes)} />
        </div>
    }
}
