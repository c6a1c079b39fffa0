//! MNIST download progress, then the shapes as the tutorial prints them; or why the data could
//! not be loaded, with Retry.

use crate::vocabulary;
use crate::web::app::state::page::Downloads;
use crate::data::{DataChoice, FILE_NAMES};
use crate::model::digit_groups::thousands;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    /// Which MNIST: the full set or the light one a class link can choose.
    pub data: DataChoice,
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
                <p id="data-choice">{ loaded_words(props.data, downloaded(&props.downloads)) }</p>
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
                { format!("Downloading {} ({started} of {} files, {:.1} MB)", name(props.data), FILE_NAMES.len(), loaded as f64 / 1e6) }
            </label>
            <progress id="download-progress" max={total.max(1).to_string()} value={loaded.to_string()} />
        </div>
    }
}

fn name(data: DataChoice) -> &'static str {
    match data {
        DataChoice::Full => "MNIST",
        DataChoice::Light => "MNIST, light",
    }
}

/// The bytes the four files came to (from the network or the browser's cache), once known.
fn downloaded(downloads: &Downloads) -> Option<u64> {
    let totals: Option<Vec<u64>> = downloads.values().map(|(_, total)| *total).collect();
    totals.filter(|t| t.len() == FILE_NAMES.len()).map(|t| t.iter().sum())
}

/// What is loaded, and for the light set why it is smaller.
fn loaded_words(data: DataChoice, bytes: Option<u64>) -> String {
    let (train, test) = data.images();
    let size = bytes.map_or_else(String::new, |b| format!(" ({:.1} MB)", b as f64 / 1e6));
    let what = format!("{} training and {} test images of 28 × 28 pixels, one grey channel", thousands(train), thousands(test));
    match data {
        DataChoice::Full => format!("MNIST is loaded{size}: {what}."),
        DataChoice::Light => format!(
            "The light MNIST is loaded{size}: the first {what}, chosen by this page's link so a class on one network downloads under a third as much. One epoch on it reaches about 96 %; all 60 000 reach a little more."
        ),
    }
}
