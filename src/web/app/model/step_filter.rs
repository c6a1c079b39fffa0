//! The learned filter the preset step asks about: its map of the learner's drawing, large
//! enough to compare with the classic kernels' maps, and which filter of which layer it is.

use crate::inspect::Quantised;
use crate::web::app::widgets::byte_image::{ByteImage, Palette};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// The first layer's Keras name and the filter's number in it.
    pub layer: AttrValue,
    pub filter: usize,
    pub map: Quantised,
}

#[function_component]
pub fn StepFilter(props: &Props) -> Html {
    let side = (props.map.levels.len() as f64).sqrt() as u32;
    let name = format!("filter {} of {}", props.filter, props.layer);
    html! {
        <figure class="step-filter" id="step-filter" data-filter={props.filter.to_string()}
            data-values={props.map.values().iter().map(|v| format!("{v:.5}")).collect::<Vec<_>>().join(",")}>
            <ByteImage levels={Rc::<[u8]>::from(props.map.levels.as_slice())} width={side} height={side}
                palette={Palette::for_values(&props.map)} class="map-large" label={format!("the map {name} makes of your drawing")} />
            <figcaption class="note">{ format!("The question is about {name} (channel {} in its grid under 6. Draw a digit): its map of your latest drawing.", props.filter) }</figcaption>
        </figure>
    }
}
