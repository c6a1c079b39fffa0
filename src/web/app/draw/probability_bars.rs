//! The ten class probabilities as bars, the top class highlighted.

use crate::wording::a_number;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub probabilities: Rc<Vec<f32>>,
    /// The request this answers (tests wait on it).
    pub request: u64,
    /// How long the model itself took, in the worker.
    pub compute_ms: f64,
    /// From the end of the last stroke to this answer on screen, for the benchmark and the curious.
    pub latency_ms: Option<f64>,
}

/// The most probable class (0 for an empty list).
pub fn top_class(probabilities: &[f32]) -> usize {
    (0..probabilities.len()).max_by(|&a, &b| probabilities[a].total_cmp(&probabilities[b])).unwrap_or(0)
}

#[function_component]
pub fn ProbabilityBars(props: &Props) -> Html {
    let p = &props.probabilities;
    let top = top_class(p);
    html! {
        <div id="probabilities" data-top={top.to_string()} data-request={props.request.to_string()}
             data-compute-ms={format!("{:.2}", props.compute_ms)}
             data-latency-ms={props.latency_ms.map(|l| format!("{l:.1}"))}>
            <p class="top-class">{ format!("It looks like {} ({:.1} %)", a_number(top as u64), p[top] * 100.0) }</p>
            <ul class="bars">
                { for p.iter().enumerate().map(|(digit, &probability)| html! {
                    <li class={classes!("bar", (digit == top).then_some("top"))}>
                        <span class="digit">{ digit }</span>
                        <span class="track"><span class="fill" style={format!("--share: {:.1}%", probability * 100.0)} /></span>
                        <span class="value">{ format!("{:.1} %", probability * 100.0) }</span>
                    </li>
                }) }
            </ul>
            <p class="note" id="answer-timing">
                { format!("The model answered in {:.1} ms", props.compute_ms) }
                { props.latency_ms.map(|l| format!("; {l:.0} ms from the end of your stroke to these bars.")).unwrap_or_else(|| ".".into()) }
            </p>
        </div>
    }
}
