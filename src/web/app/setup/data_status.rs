//! MNIST download progress, then the shapes as the tutorial prints them; or why the data could
//! not be loaded, with Retry.

use crate::vocabulary;
use crate::web::app::state::page::Downloads;
use crate::data::FILE_NAMES;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub downloads: Rc<Downloads>,
    pub shapes: Option<(String, String)>,
    /// Why the data could not be loaded.
    pub error: Option<String>,
    pub on_retry: Callback<MouseEvent>,
}

#[function_component]
pub fn DataStatus(props: &Props) -> Html {
    if let Some((train, test)) = &props.shapes {
        return html! {
            <div class="data-ready">
                <p>{ "MNIST is loaded: 60 000 training and 10 000 test images of 28 × 28 pixels, one grey channel." }</p>
                <p id="data-split">{ vocabulary::DATA_SPLIT }</p>
                <pre id="data-shapes">{ format!("{train} {test}") }</pre>
            </div>
        };
    }
    if let Some(error) = &props.error {
        return html! {
            <div class="data-error">
                <p class="error" id="data-error" role="alert">{ error }</p>
                <button type="button" id="data-retry" onclick={props.on_retry.clone()}>{ "Retry" }</button>
            </div>
        };
    }
    // Known totals only: until every file has answered, the bar shows what is known so far.
    let loaded: u64 = props.downloads.values().map(|(l, _)| l).sum();
    let total: u64 = props.downloads.values().filter_map(|(_, t)| *t).sum();
    let started = props.downloads.len();
    html! {
        <div class="download">
            <label for="download-progress">
                { format!("Downloading MNIST ({started} of {} files, {:.1} MB)", FILE_NAMES.len(), loaded as f64 / 1e6) }
            </label>
            <progress id="download-progress" max={total.max(1).to_string()} value={loaded.to_string()} />
        </div>
    }
}
