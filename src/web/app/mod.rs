//! The page: one yew component per file. `App` owns the page state and the worker bridge.

mod backend_line;
mod clipboard;
mod copy_button;
mod crash_listener;
mod data_status;
mod digit_image;
mod draw_panel;
mod epoch_table;
mod file_download;
mod focus;
mod guided_steps;
mod image_upload;
mod keras_panel;
mod keyboard_pen;
mod lab_state;
mod layer_editor;
mod line_chart;
mod model_builder;
mod model_section;
mod model_summary;
mod prediction_announcer;
mod prediction_grid;
mod probability_bars;
mod run_store;
mod runs_panel;
mod share_panel;
mod state;
mod training_charts;
mod training_controls;
mod training_progress;
mod tutorial_text;

use crate::protocol::{BackendKind, ToWorker, TrainRequest};
use crate::web::json_codec::Json;
use crate::web::worker_link::WorkerLink;
use backend_line::BackendLine;
use crash_listener::CrashListener;
use data_status::DataStatus;
use draw_panel::DrawPanel;
use epoch_table::EpochTable;
use gloo_worker::{Spawnable, WorkerBridge};
use keras_panel::KerasPanel;
use lab_state::{Lab, LabAction};
use model_section::ModelSection;
use prediction_grid::PredictionGrid;
use runs_panel::RunsPanel;
use share_panel::SharePanel;
use state::{PageAction, PageState};
use std::cell::RefCell;
use std::rc::Rc;
use training_charts::TrainingCharts;
use training_controls::TrainingControls;
use training_progress::TrainingProgress;
use tutorial_text::{Part, TutorialText};
use yew::prelude::*;

/// Where wasm-bindgen put the worker's module, relative to the page.
const WORKER_SCRIPT: &str = "./pkg/convlab-worker.js";
/// Where the page serves MNIST from.
const DATA_URL: &str = "./data/";
/// The pre-trained tutorial model that answers drawings first (see README to regenerate it).
const MODEL_URL: &str = "./model/tutorial.bin";

/// The live worker, and what must be resent to a fresh one after a crash.
#[derive(Default)]
struct WorkerHandle {
    bridge: Option<WorkerBridge<WorkerLink>>,
    backend_override: Option<BackendKind>,
    _crashes: Option<CrashListener>,
}

impl WorkerHandle {
    fn send(&self, message: ToWorker) {
        if let Some(bridge) = &self.bridge {
            bridge.send(message);
        }
    }
}

/// Spawns a worker and asks it to start; a crash replaces it with a fresh one.
fn start_worker(handle: Rc<RefCell<WorkerHandle>>, dispatch: UseReducerDispatcher<PageState>) {
    let channel = crash_listener::unique_name();
    let on_message = dispatch.clone();
    let bridge = WorkerLink::spawner()
        .encoding::<Json>()
        .callback(move |message| on_message.dispatch(PageAction::Worker(message)))
        .spawn(WORKER_SCRIPT);
    bridge.send(ToWorker::Start {
        data_url: absolute_url(DATA_URL),
        model_url: absolute_url(MODEL_URL),
        panic_channel: channel.clone(),
    });
    let weak = Rc::downgrade(&handle);
    let crashes = CrashListener::new(&channel, move |message| {
        let Some(handle) = weak.upgrade() else { return };
        dispatch.dispatch(PageAction::WorkerCrashed(message));
        // The listener belongs to the handle: replace it only after this call returns.
        let (handle, dispatch) = (handle.clone(), dispatch.clone());
        wasm_bindgen_futures::spawn_local(async move { start_worker(handle, dispatch) });
    });
    let mut current = handle.borrow_mut();
    current.bridge = Some(bridge);
    current._crashes = crashes;
    if let Some(kind) = current.backend_override {
        current.send(ToWorker::ChooseBackend(Some(kind)));
    }
}

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(PageState::default);
    let worker = use_mut_ref(WorkerHandle::default);
    {
        let (worker, dispatch) = (worker.clone(), state.dispatcher());
        use_effect_with((), move |_| start_worker(worker, dispatch));
    }
    let on_backend = {
        let worker = worker.clone();
        Callback::from(move |choice: Option<BackendKind>| {
            worker.borrow_mut().backend_override = choice;
            worker.borrow().send(ToWorker::ChooseBackend(choice));
        })
    };
    let on_train = {
        let (worker, dispatch) = (worker.clone(), state.dispatcher());
        Callback::from(move |request: TrainRequest| {
            dispatch.dispatch(PageAction::TrainRequested(request.clone()));
            worker.borrow().send(ToWorker::Train(request));
        })
    };
    let on_stop = {
        let worker = worker.clone();
        Callback::from(move |_| worker.borrow().send(ToWorker::Stop))
    };
    let on_predict = {
        let worker = worker.clone();
        Callback::from(move |(request, pixels): (u64, Vec<f32>)| worker.borrow().send(ToWorker::Predict { request, pixels }))
    };
    let lab = use_reducer(Lab::from_location);
    let on_hyper = {
        let lab = lab.clone();
        Callback::from(move |hyper| lab.dispatch(LabAction::Hyper(hyper)))
    };
    let run = state.run.clone();
    html! {
        <main>
            <header>
                <h1>{ "ConvLab" }</h1>
                <p class="tagline">{ "Train a convolutional network on MNIST, in your browser." }</p>
            </header>
            <section class="panel" aria-labelledby="setup-title">
                <h2 id="setup-title">{ "1. The machine and the data" }</h2>
                <TutorialText part={Part::Data} />
                <BackendLine report={state.backend.clone()} on_choose={on_backend} />
                <DataStatus downloads={state.downloads.clone()} shapes={state.shapes.clone()} />
                if let Some(error) = &state.error {
                    <p class="error" id="error" role="alert">{ error }</p>
                }
            </section>
            <ModelSection lab={lab.clone()} />
            <section class="panel" aria-labelledby="train-title">
                <h2 id="train-title">{ "3. Training" }</h2>
                <TutorialText part={Part::Training} />
                <TrainingControls ready={state.data_ready()} running={run.running} {on_train} {on_stop}
                    spec={lab.spec.clone()} initial={lab.hyper.clone()} {on_hyper} />
                <TrainingProgress run={run.clone()} />
                <EpochTable epochs={run.epochs.clone()} />
                <TrainingCharts run={run.clone()} />
            </section>
            <section class="panel" aria-labelledby="results-title">
                <h2 id="results-title">{ "4. Evaluation and visualisation" }</h2>
                <TutorialText part={Part::Evaluation} />
                if let Some((loss, accuracy, images)) = run.test {
                    <pre id="test-result">{ format!("Test loss: {loss:.4}\nTest accuracy: {accuracy:.4}") }</pre>
                    <p class="note">{ format!("On {images} test images the network has never trained on.") }</p>
                } else {
                    <p class="note">{ "After training, the model is evaluated on the test images, and test images 100 to 149 are shown with its predictions." }</p>
                }
                if let Some(grid) = run.grid.clone() {
                    <PredictionGrid digits={grid} />
                }
            </section>
            <RunsPanel run={run.clone()} backend={state.backend.clone()} />
            <section class="panel" aria-labelledby="draw-title">
                <h2 id="draw-title">{ "6. Draw a digit" }</h2>
                <DrawPanel {on_predict} prediction={state.prediction.clone()} answering={state.answering.clone()} />
            </section>
            <section class="panel" aria-labelledby="share-title">
                <h2 id="share-title">{ "7. Share and export" }</h2>
                <SharePanel fragment={lab.fragment()} />
                <KerasPanel spec={lab.spec.clone()} hyper={lab.hyper.clone()} />
                <h3>{ "Beyond images" }</h3>
                <TutorialText part={Part::Beyond} />
            </section>
        </main>
    }
}

/// The worker runs from a blob URL, so relative URLs must be made absolute first.
fn absolute_url(relative: &str) -> String {
    let href = web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default();
    web_sys::Url::new_with_base(relative, &href).map(|u| u.href()).unwrap_or_else(|_| relative.to_string())
}
