//! Test images with the model's answer: each digit, its true and predicted class, and its ten
//! probabilities as a small bar strip (read out in full to screen readers).

use crate::wording::a_number;
use crate::web::app::widgets::digit_image::DigitImage;
use crate::protocol::TestImage;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub images: Rc<Vec<TestImage>>,
}

#[function_component]
pub fn TestImageList(props: &Props) -> Html {
    html! {
        <ol class="test-images" id="cell-images">
            { for props.images.iter().map(|image| {
                let p = &image.probabilities;
                let predicted = (0..p.len()).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap_or(0);
                let right = usize::from(image.label) == predicted;
                let spoken: Vec<String> = p.iter().enumerate().map(|(k, v)| format!("{k}: {:.1} %", v * 100.0)).collect();
                html! {
                    <li class={classes!("test-image", if right { "right" } else { "wrong" })}>
                        <DigitImage pixels={Rc::new(image.pixels.clone())} label={format!("test image {}", image.index)} />
                        <span class="caption">
                            { format!("#{}: {}, read as {} ({:.1} %)", image.index, a_number(u64::from(image.label)), predicted, p[predicted] * 100.0) }
                        </span>
                        <span class="mini-probabilities" role="img" aria-label={format!("probabilities, {}", spoken.join(", "))}>
                            { for p.iter().enumerate().map(|(k, v)| html! {
                                <span class={classes!("mini-bar", (k == predicted).then_some("top"), (k == usize::from(image.label)).then_some("label"))}
                                    style={format!("height: {:.0}%", (v * 100.0).max(2.0))} title={format!("{k}: {:.1} %", v * 100.0)} />
                            }) }
                        </span>
                    </li>
                }
            }) }
        </ol>
    }
}
