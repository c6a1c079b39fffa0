//! The page: one yew component per file. `App` owns the page state and the worker bridge.

mod backend_line;
mod data_status;
mod state;

use crate::protocol::ToWorker;
use crate::web::worker::TrainingWorker;
use backend_line::BackendLine;
use data_status::DataStatus;
use gloo_worker::Spawnable;
use state::PageState;
use yew::prelude::*;

/// Where wasm-bindgen put the worker's module, relative to the page.
const WORKER_SCRIPT: &str = "./pkg/convlab-worker.js";
/// Where the page serves MNIST from.
const DATA_URL: &str = "./data/";

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(PageState::default);
    let bridge = use_mut_ref(|| None);
    {
        let state = state.clone();
        use_effect_with((), move |_| {
            let dispatch = state.dispatcher();
            let worker = TrainingWorker::spawner().callback(move |msg| dispatch.dispatch(msg)).spawn(WORKER_SCRIPT);
            let data_url = absolute_url(DATA_URL);
            worker.send(ToWorker::Start { data_url });
            *bridge.borrow_mut() = Some(worker);
        });
    }
    html! {
        <main>
            <header>
                <h1>{ "ConvLab" }</h1>
                <p class="tagline">{ "Train a convolutional network on MNIST, in your browser." }</p>
            </header>
            <section class="panel" aria-labelledby="setup-title">
                <h2 id="setup-title">{ "1. The machine and the data" }</h2>
                <BackendLine report={state.backend.clone()} />
                <DataStatus downloads={state.downloads.clone()} shapes={state.shapes.clone()} />
                if let Some(error) = &state.error {
                    <p class="error" id="error" role="alert">{ error }</p>
                }
            </section>
        </main>
    }
}

/// The worker runs from a blob URL, so relative URLs must be made absolute first.
fn absolute_url(relative: &str) -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    web_sys::Url::new_with_base(relative, &href).map(|u| u.href()).unwrap_or_else(|_| relative.to_string())
}
