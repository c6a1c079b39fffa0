//! The page: one yew component per file, one folder per section of the page (setup, model,
//! training, evaluation, runs, draw, my_digits, inside, share), with what several sections share
//! apart: `state/` (reducers), `storage/` (IndexedDB), `browser/` (small browser helpers),
//! `widgets/` (shared pieces of the page) and `worker_bridge/` (the page's side of the worker).
//! `App` owns the page state and the worker, and gives every section the worker and the
//! learner's digits through contexts.

mod browser;
mod draw;
mod evaluation;
mod footer;
mod header;
mod inside;
mod model;
mod my_digits;
mod runs;
mod setup;
mod share;
mod state;
mod storage;
mod training;
mod widgets;
mod worker_bridge;

use crate::protocol::{BackendKind, InspectRequest, ToWorker, TrainRequest};
use draw::compare_panel::ComparePanel;
use draw::draw_panel::DrawPanel;
use evaluation::section::EvaluationSection;
use footer::StartOver;
use header::{build_status::BuildStatus, class_banner::ClassBanner, offline_status::OfflineStatus, table_of_contents::TableOfContents};
use inside::feature_maps::FeatureMaps;
use inside::filters_panel::FiltersPanel;
use inside::kernel_editor::KernelEditor;
use crate::exercise::hidden::{HiddenViews, asked_count, hidden_views};
use model::section::ModelSection;
use model::step_storage;
use my_digits::panel::MyDigitsPanel;
use runs::kept_model_actions::ResumeOrder;
use runs::runs_table::RunsPanel;
use setup::section::SetupSection;
use share::section::ShareSection;
use state::digit_book::DigitBook;
use state::draw_order::{DrawAction, DrawOrder};
use state::lab::{Lab, LabAction};
use state::page::{PageAction, PageState};
use training::section::TrainingSection;
use widgets::tutorial_text::{Part, TutorialText};
use worker_bridge::context::WorkerContext;
use worker_bridge::worker_handle::{WorkerHandle, choose_backend, restart_by_hand, start_worker};
use yew::prelude::*;

#[function_component]
pub fn App() -> Html {
    let state = use_reducer(PageState::default);
    let worker = use_mut_ref(WorkerHandle::default);
    let on_backend = {
        let (worker, dispatch) = (worker.clone(), state.dispatcher());
        Callback::from(move |choice: Option<BackendKind>| choose_backend(worker.clone(), dispatch.clone(), choice))
    };
    // Set when Train or Resume sends a run, cleared once the page's run has ended: a double
    // click lands twice before the page re-renders (the disabled button comes too late), and the
    // second request would be refused by the worker as if the run had failed.
    let run_sent = use_mut_ref(|| false);
    {
        let run_sent = run_sent.clone();
        // The serial too: a run refused at once may end before the page renders it running.
        use_effect_with((state.run.running, state.run.serial), move |&(running, _)| {
            if !running {
                *run_sent.borrow_mut() = false;
            }
        });
    }
    let on_train = {
        let (worker, dispatch, run_sent) = (worker.clone(), state.dispatcher(), run_sent.clone());
        Callback::from(move |request: TrainRequest| {
            if run_sent.replace(true) {
                return;
            }
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
        Callback::from(move |(request, pixels): (u64, Vec<f32>)| {
            state::inside::remember_drawing(request, &pixels);
            worker.borrow().send(ToWorker::Predict { request, pixels })
        })
    };
    let worker_context = {
        let worker = worker.clone();
        let send = use_memo((), move |_| Callback::from(move |message: ToWorker| worker.borrow().send(message)));
        WorkerContext { send: (*send).clone(), generation: state.worker_generation }
    };
    let on_resume = {
        let (worker, dispatch) = (worker.clone(), state.dispatcher());
        Callback::from(move |(request, epochs, checkpoint): ResumeOrder| {
            if run_sent.replace(true) {
                return;
            }
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
    {
        // The first worker loads the data the lab's link chose; a link opened on the open page
        // that asks for other data gets a fresh worker that loads it.
        let (worker, dispatch) = (worker.clone(), state.dispatcher());
        use_effect_with(lab.data, move |&data| {
            let before = worker.borrow_mut().data.replace(data);
            match before {
                None => start_worker(worker, dispatch),
                Some(before) if before != data => restart_by_hand(worker, dispatch),
                Some(_) => {}
            }
        });
    }
    // The course's progress, kept once for the page: the model section shows the steps; the
    // summary and the runs table hide the count the open step asks, and the views under the
    // drawing keep back what it asks (through a context, as they sit several levels down).
    let progress = use_state(step_storage::load);
    let asked_count = asked_count(&progress);
    let hidden = hidden_views(&progress);
    // A step's "try it" that changes the drawing, passed on to the drawing panel.
    let draw_order = use_state(|| None::<DrawOrder>);
    let on_draw = {
        let draw_order = draw_order.clone();
        Callback::from(move |action: DrawAction| {
            let serial = draw_order.map_or(1, |order| order.serial + 1);
            draw_order.set(Some(DrawOrder { serial, action }));
        })
    };
    let run = state.run.clone();
    // Training and fine-tuning share the worker's one run slot.
    let busy = run.running || state.fine_tuning_running();
    // A class link shows the sections its teacher chose; the data section also shows whenever
    // it has a problem to say (the data or the worker), so no failure goes unsaid.
    let class = lab.class.clone();
    let shows = |section: usize| class.as_ref().is_none_or(|c| c.shows(section));
    let shown: Vec<bool> = (1..=7).map(|section| shows(section)).collect();
    let setup_shown = shows(1) || state.data_error.is_some() || state.worker_problem.is_some();
    html! {
        <ContextProvider<WorkerContext> context={worker_context}>
        <ContextProvider<UseReducerHandle<DigitBook>> context={book}>
        <ContextProvider<HiddenViews> context={hidden}>
        <main>
            <header>
                <h1>{ "ConvLab" }</h1>
                <p class="tagline">{ "Train a convolutional network on MNIST, in your browser." }</p>
                <OfflineStatus />
                <BuildStatus />
                if let Some(class) = &class {
                    <ClassBanner class={class.clone()} full_lab={lab.full_lab_fragment()} />
                }
            </header>
            <TableOfContents shown={shown} />
            if setup_shown {
            <SetupSection backend={state.backend.clone()} on_backend={on_backend} {busy} downloads={state.downloads.clone()}
                shapes={state.shapes.clone()} samples={state.data_samples.clone()} data_error={state.data_error.clone()} on_retry_data={on_retry_data}
                worker_problem={state.worker_problem.clone()} {on_restart} data={lab.data}
                one_core_fallback={state.one_core_fallback.clone()} />
            }
            if shows(2) {
                <ModelSection lab={lab.clone()} run={run.clone()} inside={state.inside.clone()} progress={progress.clone()} {on_draw} />
            }
            if shows(3) {
                <TrainingSection lab={lab.clone()} ready={state.data_ready()} {busy} {on_train} {on_stop} run={run.clone()} />
            }
            if shows(4) {
                <EvaluationSection run={run.clone()} inside={state.inside.clone()} on_inspect={on_inspect.clone()} data_ready={state.data_ready()} />
            }
            if shows(5) {
                <RunsPanel run={run.clone()} backend={state.backend.clone()} {on_resume} {asked_count}
                    can_train={state.data_ready() && !busy} model_refused={state.model_refused.clone()} answering={state.answering.clone()} />
            }
            if shows(6) {
            <section class="panel" aria-labelledby="draw-title">
                <h2 id="draw-title">{ "6. Draw a digit" }</h2>
                <DrawPanel {on_predict} prediction={state.prediction.clone()} answering={state.answering.clone()}
                    model_problem={state.model_problem.clone()} failure={state.prediction_failure.clone()}
                    worker_stopped={state.worker_problem.as_ref().is_some_and(|p| !p.restarting)}
                    saliency={state.inside.drawing.as_ref().map(|d| std::rc::Rc::<[u8]>::from(d.saliency.magnitude.levels.as_slice()))}
                    inside={state.inside.clone()} order={*draw_order} />
                <ComparePanel prediction={state.prediction.clone()} compared={state.compared.clone()} />
                <h3 id="my-digits-title">{ "My digits: teach it your handwriting" }</h3>
                <MyDigitsPanel answer={state.digits_answer.clone()} answering={state.answering.clone()} fine_tuning={state.fine_tuning.clone()}
                    can_fine_tune={state.data_ready() && !busy} {on_fine_tune} />
                <h3 id="maps-title" tabindex="-1">{ "Inside the network: feature maps" }</h3>
                <TutorialText part={Part::Inside} />
                <FeatureMaps inside={state.inside.clone()} on_inspect={on_inspect.clone()} />
                <h3 id="filters-title">{ "The first layer's filters" }</h3>
                <FiltersPanel inside={state.inside.clone()} {on_inspect} />
                <h3 id="own-kernel-title">{ "Your own kernel" }</h3>
                <KernelEditor inside={state.inside.clone()} />
            </section>
            }
            if shows(7) {
                <ShareSection lab={lab.clone()} />
            }
        </main>
        <footer class="panel" aria-labelledby="start-over-title"><StartOver /></footer>
        </ContextProvider<HiddenViews>>
        </ContextProvider<UseReducerHandle<DigitBook>>>
        </ContextProvider<WorkerContext>>
    }
}
