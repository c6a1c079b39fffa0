//! Section 1, "The machine and the data": which backend trains, the MNIST download, and what
//! to do when the worker is lost.

use super::backend_line::BackendLine;
use super::data_status::DataStatus;
use crate::data::DataChoice;
use super::mnist_samples::MnistSamples;
use crate::protocol::{BackendKind, BackendReport, MnistSample};
use crate::web::app::state::page::{Downloads, WorkerProblem};
use crate::web::app::widgets::tutorial_text::{Part, TutorialText};
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub backend: Option<BackendReport>,
    /// The learner's choice of backend (`None`: let the page choose).
    pub on_backend: Callback<Option<BackendKind>>,
    /// A run or a fine-tuning is going: the backend cannot change now.
    pub busy: bool,
    pub downloads: Rc<Downloads>,
    pub shapes: Option<(String, String)>,
    pub samples: Rc<Vec<MnistSample>>,
    pub data_error: Option<String>,
    pub on_retry_data: Callback<MouseEvent>,
    pub worker_problem: Option<WorkerProblem>,
    pub on_restart: Callback<MouseEvent>,
    /// Why training uses one core where the page could use them all.
    pub one_core_fallback: Option<String>,
    /// The data the page's link chose.
    pub data: DataChoice,
}

#[function_component]
pub fn SetupSection(props: &Props) -> Html {
    html! {
        <section class="panel" aria-labelledby="setup-title">
            <h2 id="setup-title">{ "1. The machine and the data" }</h2>
            <TutorialText part={Part::Data} />
            // A worker that never started finds out nothing: no "finding out…" beside its failure.
            if props.backend.is_some() || props.worker_problem.is_none() {
                <BackendLine report={props.backend.clone()} on_choose={props.on_backend.clone()} busy={props.busy} />
            }
            if let Some(why) = &props.one_core_fallback {
                <p class="note" id="one-core-fallback" role="status">{ why }</p>
            }
            <DataStatus data={props.data} downloads={props.downloads.clone()} shapes={props.shapes.clone()}
                error={props.data_error.clone()} on_retry={props.on_retry_data.clone()} />
            <MnistSamples samples={props.samples.clone()} />
            if let Some(problem) = &props.worker_problem {
                <div class="worker-problem">
                    <p class="error" id="worker-problem" role="alert">{ &problem.message }</p>
                    if problem.restarting {
                        <p class="note">{ "A fresh worker is starting; the data comes from the browser's cache." }</p>
                    } else {
                        <button type="button" id="worker-restart" onclick={props.on_restart.clone()}>{ "Start the worker again" }</button>
                    }
                </div>
            }
        </section>
    }
}
