//! The tutorial's visualisation: test images 100 to 149, each titled "label / prediction",
//! green when right and red when wrong.

use crate::web::app::widgets::digit_image::DigitImage;
use crate::protocol::GridDigit;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub digits: Rc<Vec<GridDigit>>,
}

#[function_component]
pub fn PredictionGrid(props: &Props) -> Html {
    let wrong = props.digits.iter().filter(|d| d.label != d.prediction).count();
    html! {
        <>
            <div id="prediction-grid" class="grid">
                { for props.digits.iter().map(|d| {
                    let right = d.label == d.prediction;
                    let title = format!("{} / {}", d.label, d.prediction);
                    html! {
                        <figure class={classes!("cell", if right { "right" } else { "wrong" })}>
                            <DigitImage pixels={Rc::new(d.pixels.clone())} label={format!("test image {}", d.index)} />
                            <figcaption>{ title }</figcaption>
                        </figure>
                    }
                }) }
            </div>
            <p class="note">{ format!("Each title is \"label / prediction\"; {wrong} of {} are wrong.", props.digits.len()) }</p>
        </>
    }
}
