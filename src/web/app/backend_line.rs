//! Which backend trains, and why.

use crate::protocol::BackendReport;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub report: Option<BackendReport>,
}

#[function_component]
pub fn BackendLine(props: &Props) -> Html {
    match &props.report {
        Some(report) => html! { <p id="backend-line" class="backend">{ &report.summary }</p> },
        None => html! { <p id="backend-line" class="backend pending">{ "Looking for a WebGPU adapter…" }</p> },
    }
}
