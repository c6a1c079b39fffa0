//! Where training runs, in plain words, with the learner's override; the machine's details
//! (adapter, threads, what the browser offers) under "About this machine".

use super::browser_features::BrowserFeatures;
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
        return html! { <p id="backend-plain" class="backend pending">{ "Finding out whether this computer's graphics card can train…" }</p> };
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
            <p id="backend-plain" class="backend">{ &report.plain }</p>
            <label>
                { "Train on " }
                <select id="backend-choice" onchange={on_change} disabled={props.busy}
                    title={props.busy.then_some("You can change this once the run has ended")}>
                    <option value="auto" selected=true>{ "the automatic choice" }</option>
                    <option value="webgpu" disabled={!report.webgpu_ready}>{ "the graphics card (WebGPU)" }</option>
                    <option value="cpu">{ "the processor (CPU)" }</option>
                </select>
            </label>
            <details class="about-machine" id="setup-machine">
                <summary>{ "About this machine" }</summary>
                <p id="backend-line" class="note">{ &report.summary }</p>
                <p class="note">{
                    "WebGPU is how a web page reaches the graphics card. A software imitation of one (SwiftShader, llvmpipe) \
                     is slower than the processor itself, so the page then trains on the processor. Threads are how many \
                     processor cores train at once: several only where the site is served with the headers that allow it."
                }</p>
                <BrowserFeatures />
            </details>
        </div>
    }
}
