//! Which backend trains and why, with the learner's override.

use crate::protocol::{BackendKind, BackendReport};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Option<BackendReport>,
    pub on_choose: Callback<Option<BackendKind>>,
    /// A run or a fine-tuning is going: the choice may start another worker, so it waits.
    pub busy: bool,
}

#[function_component]
pub fn BackendLine(props: &Props) -> Html {
    let Some(report) = &props.report else {
        return html! { <p id="backend-line" class="backend pending">{ "Looking for a WebGPU adapter…" }</p> };
    };
    let on_change = {
        let on_choose = props.on_choose.clone();
        Callback::from(move |event: Event| {
            let select: HtmlSelectElement = event.target_unchecked_into();
            on_choose.emit(match select.value().as_str() {
                "webgpu" => Some(BackendKind::WebGpu),
                "cpu" => Some(BackendKind::Cpu),
                _ => None,
            });
        })
    };
    html! {
        <div class="backend-row">
            <p id="backend-line" class="backend">{ &report.summary }</p>
            <label>
                { "Train on " }
                <select id="backend-choice" onchange={on_change} disabled={props.busy}
                    title={props.busy.then_some("You can change this once the run has ended")}>
                    <option value="auto" selected=true>{ "the automatic choice" }</option>
                    <option value="webgpu" disabled={!report.webgpu_ready}>{ "WebGPU" }</option>
                    <option value="cpu">{ "the CPU" }</option>
                </select>
            </label>
        </div>
    }
}
