//! The page: one yew component per file. `App` owns the page state and the worker bridge.

mod backend_line;
mod byte_image;
mod channel_detail;
mod channel_grid;
mod clipboard;
mod compare_panel;
mod confusion_panel;
mod copy_button;
mod crash_listener;
mod data_status;
mod database;
mod drills;
mod digit_check;
mod digit_gallery;
mod digit_image;
mod digit_score_table;
mod digit_set_files;
mod digit_store;
mod draw_panel;
mod epoch_table;
mod feature_maps;
mod file_download;
mod fine_tune_panel;
mod focus;
mod guided_steps;
mod image_upload;
mod filters_panel;
mod inside_state;
mod keras_panel;
mod kept_model_actions;
mod keyboard_pen;
mod lab_state;
mod label_bar;
mod layer_editor;
mod line_chart;
mod logit_bars;
mod model_builder;
mod model_files;
mod model_section;
mod model_summary;
mod my_digits_panel;
mod my_digits_state;
mod offline_status;
mod prediction_announcer;
mod prediction_grid;
mod probability_bars;
mod progress_pacer;
mod run_store;
mod runs_panel;
mod saliency_preview;
mod share_panel;
mod state;
mod table_of_contents;
mod test_image_list;
mod training_charts;
mod training_controls;
mod training_progress;
mod tutorial_text;
mod worker_handle;

use crate::protocol::{BackendKind, InspectRequest, ToWorker, TrainRequest};
use backend_line::BackendLine;
use compare_panel::ComparePanel;
use confusion_panel::ConfusionPanel;
use data_status::DataStatus;
use draw_panel::DrawPanel;
use epoch_table::EpochTable;
use feature_maps::FeatureMaps;
use filters_panel::FiltersPanel;
use keras_panel::KerasPanel;
use lab_state::{Lab, LabAction};
use model_section::ModelSection;
use my_digits_panel::MyDigitsPanel;
use my_digits_state::DigitBook;
use prediction_grid::PredictionGrid;
use runs_panel::RunsPanel;
use share_panel::SharePanel;
use state::{PageAction, PageState};
use training_charts::TrainingCharts;
use training_controls::TrainingControls;
use training_progress::TrainingProgress;
use tutorial_text::{Part, TutorialText};
use worker_handle::{WorkerHandle, choose_backend, restart_by_hand, start_worker};
use yew::prelude::*;

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(PageState::default);
    let worker = use_mut_ref(WorkerHandle::default);
    {
        let (worker, dispatch) = (worker.clone(), state.dispatcher());
        use_effect_with((), move |_| start_worker(worker, dispatch));
    }
    let on_backend = {
        let (worker, dispatch) = (worker.clone(), state.dispatcher());
        Callback::from(move |choice: Option<BackendKind>| choose_backend(worker.clone(), dispatch.clone(), choice))
    };
    let on_train = {
        let (worker, dispatch) = (worker.clone(), state.dispatcher());
        Callback::from(move |request: TrainRequest| {
            dispatch.dispatch(PageAction::TrainRequested(request.clone()));
            worker.borrow().send(ToWorker::Train(request));
        })
    };
    let on_retry_data = {
        let (worker, dispatch) = (worker.clone(), state.dispatcher());
        Callback::from(move |_: MouseEvent| {
            dispatch.dispatch(PageAction::DataRetry);
            worker.borrow().send(ToWorker::RetryData);
        })
    };
    let on_restart = {
        let (worker, dispatch) = (worker.clone(), state.dispatcher());
        Callback::from(move |_: MouseEvent| restart_by_hand(worker.clone(), dispatch.clone()))
    };
    let on_stop = {
        let worker = worker.clone();
        Callback::from(move |_| worker.borrow().send(ToWorker::Stop))
    };
    let on_predict = {
        let worker = worker.clone();
        Callback::from(move |(request, pixels): (u64, Vec<f32>)| worker.borrow().send(ToWorker::Predict { request, pixels }))
    };
    let on_worker = {
        let worker = worker.clone();
        Callback::from(move |message: ToWorker| worker.borrow().send(message))
    };
    let on_resume = {
        let (worker, dispatch) = (worker.clone(), state.dispatcher());
        Callback::from(move |(request, epochs, checkpoint): kept_model_actions::ResumeOrder| {
            dispatch.dispatch(PageAction::ResumeRequested { request: request.clone(), epochs });
            worker.borrow().send(ToWorker::Resume { request, checkpoint });
        })
    };
    let on_fine_tune = {
        let dispatch = state.dispatcher();
        Callback::from(move |request: u64| dispatch.dispatch(PageAction::FineTuneRequested { request }))
    };
    let on_inspect = {
        let worker = worker.clone();
        Callback::from(move |request: InspectRequest| worker.borrow().send(ToWorker::Inspect(request)))
    };
    let lab = use_reducer(Lab::from_location);
    let book = use_reducer(DigitBook::default);
    let on_hyper = {
        let lab = lab.clone();
        Callback::from(move |hyper| lab.dispatch(LabAction::Hyper(hyper)))
    };
    {
        // A link opened while the page is open (pasted into the address bar) applies at once.
        let lab = lab.clone();
        use_effect_with((), move |_| {
            let listener = web_sys::window().map(|window| {
                gloo_events::EventListener::new(&window, "hashchange", move |_| lab.dispatch(LabAction::FromLocation))
            });
            move || drop(listener)
        });
    }
    let run = state.run.clone();
    // Training and fine-tuning share the worker's one run slot.
    let busy = run.running || state.fine_tuning_running();
    html! {
        <main>
            <header>
                <h1>{ "ConvLab" }</h1>
                <p class="tagline">{ "Train a convolutional network on MNIST, in your browser." }</p>
                <offline_status::OfflineStatus />
            </header>
            <table_of_contents::TableOfContents />
            <section class="panel" aria-labelledby="setup-title">
                <h2 id="setup-title">{ "1. The machine and the data" }</h2>
                <TutorialText part={Part::Data} />
                <BackendLine report={state.backend.clone()} on_choose={on_backend} {busy} />
                <DataStatus downloads={state.downloads.clone()} shapes={state.shapes.clone()}
                    error={state.data_error.clone()} on_retry={on_retry_data} />
                if let Some(problem) = &state.worker_problem {
                    <div class="worker-problem">
                        <p class="error" id="worker-problem" role="alert">{ &problem.message }</p>
                        if problem.restarting {
                            <p class="note">{ "A fresh worker is starting; the data comes from the browser's cache." }</p>
                        } else {
                            <button type="button" id="worker-restart" onclick={on_restart}>{ "Start the worker again" }</button>
                        }
                    </div>
                }
            </section>
            <ModelSection lab={lab.clone()} />
            <section class="panel" aria-labelledby="train-title">
                <h2 id="train-title">{ "3. Training" }</h2>
                <TutorialText part={Part::Training} />
                <TrainingControls key={lab.loaded.to_string()} ready={state.data_ready()} running={busy} {on_train} {on_stop}
                    spec={lab.spec.clone()} initial={lab.hyper.clone()} {on_hyper} book={book.clone()} />
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
                <h3 id="confusion-title">{ "Where the model errs: the confusion matrix" }</h3>
                <TutorialText part={Part::Confusion} />
                <ConfusionPanel inside={state.inside.clone()} on_inspect={on_inspect.clone()} data_ready={state.data_ready()}
                    worker_generation={state.worker_generation} />
            </section>
            <RunsPanel run={run.clone()} backend={state.backend.clone()} on_worker={on_worker.clone()} {on_resume}
                can_train={state.data_ready() && !busy} model_refused={state.model_refused.clone()} />
            <section class="panel" aria-labelledby="draw-title">
                <h2 id="draw-title">{ "6. Draw a digit" }</h2>
                <DrawPanel {on_predict} prediction={state.prediction.clone()} answering={state.answering.clone()}
                    model_problem={state.model_problem.clone()} failure={state.prediction_failure.clone()}
                    worker_generation={state.worker_generation}
                    saliency={state.inside.drawing.as_ref().map(|d| std::rc::Rc::<[u8]>::from(d.saliency.magnitude.levels.as_slice()))}
                    book={book.clone()} />
                <ComparePanel on_worker={on_worker.clone()} prediction={state.prediction.clone()} compared={state.compared.clone()} />
                <h3 id="my-digits-title">{ "My digits: teach it your handwriting" }</h3>
                <MyDigitsPanel {book} {on_worker} answer={state.digits_answer.clone()} answering={state.answering.clone()}
                    worker_generation={state.worker_generation} fine_tuning={state.fine_tuning.clone()}
                    can_fine_tune={state.data_ready() && !busy} {on_fine_tune} />
                <h3 id="maps-title">{ "Inside the network: feature maps" }</h3>
                <TutorialText part={Part::Inside} />
                <FeatureMaps inside={state.inside.clone()} on_inspect={on_inspect.clone()} />
                <h3 id="filters-title">{ "The first layer's filters" }</h3>
                <FiltersPanel inside={state.inside.clone()} {on_inspect} worker_generation={state.worker_generation} />
            </section>
            <section class="panel" aria-labelledby="share-title">
                <h2 id="share-title">{ "7. Share and export" }</h2>
                <SharePanel fragment={lab.fragment()} hold={lab.link_problem.is_some()} />
                <KerasPanel spec={lab.spec.clone()} hyper={lab.hyper.clone()} />
                <h3>{ "Beyond images" }</h3>
                <TutorialText part={Part::Beyond} />
            </section>
        </main>
    }
}
