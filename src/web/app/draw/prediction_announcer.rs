//! The drawing's answer for screen readers: a polite live region that says the top class once
//! the answer to a finished stroke (or an uploaded picture) arrives, not at every pointer move.

use super::probability_bars::top_class;
use crate::web::app::state::page::Answer;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub answer: Option<Answer>,
    /// The request whose answer should be announced: the first after a stroke ended.
    pub announce: Option<u64>,
}

#[function_component]
pub fn PredictionAnnouncer(props: &Props) -> Html {
    let text = props.answer.as_ref().filter(|a| Some(a.request) == props.announce).map(|answer| {
        let p = &answer.probabilities;
        let top = top_class(p);
        format!("Prediction: {top}, {:.0} % sure", p.get(top).copied().unwrap_or(0.0) * 100.0)
    });
    html! {
        <p id="draw-announcement" class="visually-hidden" aria-live="polite" aria-atomic="true">{ text }</p>
    }
}
