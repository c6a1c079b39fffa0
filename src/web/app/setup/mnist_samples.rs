//! The data itself: the first training images of MNIST with their labels, as the worker decoded
//! them, and what dividing by 255 (the tutorial's first preprocessing step) does to one pixel.

use crate::protocol::MnistSample;
use crate::web::app::widgets::digit_image::DigitImage;
use crate::wording::a_number;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub samples: Rc<Vec<MnistSample>>,
}

#[function_component]
pub fn MnistSamples(props: &Props) -> Html {
    let Some(first) = props.samples.first() else { return html! {} };
    // A grey pixel of the first image shows the division best: not 0, not 255.
    let (at, level) = first.pixels.iter().enumerate().min_by_key(|(_, l)| (i32::from(**l) - 128).abs()).map_or((0, 0), |(i, &l)| (i, l));
    let (row, column) = (at / 28, at % 28);
    html! {
        <div class="mnist-samples">
            <h3 id="samples-title">{ format!("The first {} training images, with their labels", props.samples.len()) }</h3>
            <ul id="mnist-samples" class="sample-grid">
                { for props.samples.iter().enumerate().map(|(i, sample)| html! {
                    <li class="sample">
                        <DigitImage pixels={Rc::new(sample.pixels.clone())} label={format!("training image {i}: {}", a_number(u64::from(sample.label)))} />
                        <span class="sample-label" aria-hidden="true">{ sample.label }</span>
                    </li>
                }) }
            </ul>
            <div class="scale" id="pixel-scale">
                <span class="swatch" style={format!("background: rgb({level}, {level}, {level})")} aria-hidden="true" />
                <p>{ format!(
                    "Each pixel is stored as a whole number from 0 (black) to 255 (white). The pixel in row {row}, column {column} \
                     of the first image ({}) is {level}; divided by 255 it becomes {:.3}: the network reads numbers between 0 and 1, \
                     the same picture on a smaller scale.",
                    a_number(u64::from(first.label)), f32::from(level) / 255.0
                ) }</p>
            </div>
        </div>
    }
}
