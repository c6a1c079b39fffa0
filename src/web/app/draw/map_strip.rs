//! The strip beside the canvas: for each image layer of the answering model, the few channels
//! that answer the current drawing most strongly, small and live, so a learner drawing slowly
//! sees the maps change without leaving the pen. All the maps stay in their grid further down,
//! one button away.

use crate::inspect::{LayerValues, most_active_channels};
use crate::model::Shape;
use crate::web::app::browser::focus::focus_id;
use crate::web::app::state::inside::InsideView;
use crate::web::app::widgets::byte_image::ByteImage;
use std::rc::Rc;
use yew::prelude::*;

/// How many channels of each layer the strip shows.
const SHOWN: usize = 4;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub inside: Rc<InsideView>,
    /// True while the canvas is blank: the maps of a wiped drawing are not shown.
    pub empty: bool,
}

#[function_component]
pub fn MapStrip(props: &Props) -> Html {
    // The full grid keeps its place in the section; the button moves the reader (and focus) there.
    let on_all = Callback::from(|_: MouseEvent| {
        // Its heading to the top of the screen (below the table of contents), then focus on it.
        if let Some(heading) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("maps-title")) {
            heading.scroll_into_view();
        }
        focus_id("maps-title");
    });
    let drawing = props.inside.drawing.as_ref().filter(|_| !props.empty);
    let rows = drawing.into_iter().flat_map(|drawing| {
        drawing.maps.layers.iter().filter_map(|layer| {
            let (LayerValues::Channels(channels), Shape::Image { height, width, .. }) = (&layer.values, layer.shape) else {
                return None;
            };
            let chosen = most_active_channels(channels, SHOWN);
            let listed = chosen.iter().map(|c| c.to_string()).collect::<Vec<_>>().join(",");
            Some(html! {
                <li class="strip-layer" id={format!("strip-{}", layer.name)} data-channels={listed}>
                    <span class="strip-name">{ &layer.name }</span>
                    <span class="strip-maps">
                        { for chosen.iter().map(|&c| html! {
                            <ByteImage levels={Rc::<[u8]>::from(channels[c].levels.as_slice())} width={width as u32}
                                height={height as u32} class="map strip-map"
                                label={format!("{} channel {c}, one of its most active", layer.name)} />
                        }) }
                    </span>
                </li>
            })
        }).collect::<Vec<_>>()
    });
    html! {
        // Focusable from a guided step that drew a digit, so the learner lands on its maps.
        <div id="map-strip" class="map-strip" tabindex="-1" role="group" aria-labelledby="map-strip-title" data-request={drawing.map(|d| d.request.to_string())}>
            <h3 class="strip-title" id="map-strip-title">{ "Most active maps" }</h3>
            if drawing.is_some() {
                <ul class="strip-layers">{ for rows }</ul>
            } else {
                <p class="note">{ "Draw: the maps of each layer that answer most strongly appear here." }</p>
            }
            <button id="all-maps" onclick={on_all}>{ "All maps" }</button>
        </div>
    }
}
