//! A runs-table row's model buttons: use the run's kept model for drawing, download it as a
//! `.convlab` file, and resume the run when it was stopped (its checkpoint is kept).

use crate::web::app::worker_bridge::context::use_worker;
use crate::web::app::browser::file_download::download_bytes;
use crate::web::app::storage::{answering_choice, runs};
use crate::exercise::run_record::RunRecord;
use crate::protocol::{ToWorker, TrainRequest};
use crate::training::EpochSummary;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// What Resume hands to the page: the request, the epochs already done, the checkpoint.
pub type ResumeOrder = (TrainRequest, Vec<EpochSummary>, Vec<u8>);

#[derive(Properties, PartialEq)]
pub struct Props {
    pub run: RunRecord,
    /// Whether a checkpoint is kept (only for a stopped run).
    pub resumable: bool,
    /// Off while a run trains or the data is not loaded.
    pub can_resume: bool,
    pub on_resume: Callback<ResumeOrder>,
    pub on_problem: Callback<String>,
}

#[function_component]
pub fn KeptModelActions(props: &Props) -> Html {
    let worker = use_worker();
    let id = props.run.id.unwrap_or_default();
    // Reads the kept files, then hands them to `then`; a missing model is said as a problem.
    let with_files = |then: std::rc::Rc<dyn Fn(Vec<u8>, Option<Vec<u8>>)>| {
        let on_problem = props.on_problem.clone();
        Callback::from(move |_: MouseEvent| {
            let (then, on_problem) = (then.clone(), on_problem.clone());
            spawn_local(async move {
                match runs::get_model(id).await {
                    Ok(Some((model, checkpoint))) => then(model, checkpoint),
                    Ok(None) => on_problem.emit(format!("Run {id}'s model is not kept in this browser.")),
                    Err(message) => on_problem.emit(message),
                }
            });
        })
    };
    let on_use = {
        let on_worker = worker.send.clone();
        with_files(std::rc::Rc::new(move |file, _| {
            answering_choice::remember(Some(id));
            on_worker.emit(ToWorker::UseModel { name: answering_choice::model_name(id), file });
        }))
    };
    let on_download = {
        let on_problem = props.on_problem.clone();
        with_files(std::rc::Rc::new(move |file, _| {
            if let Err(message) = download_bytes(&format!("convlab-run-{id}.convlab"), "application/octet-stream", &file) {
                on_problem.emit(message);
            }
        }))
    };
    let on_resume = {
        let (on_resume, on_problem, run) = (props.on_resume.clone(), props.on_problem.clone(), props.run.clone());
        with_files(std::rc::Rc::new(move |_, checkpoint| match checkpoint.clone() {
            Some(checkpoint) => {
                let request = TrainRequest {
                    spec: run.spec.clone(),
                    hyperparameters: run.hyperparameters.clone(),
                    validation_subset: Some(run.validation_images),
                    drill: None,
                    extra_digits: None,
                };
                on_resume.emit((request, run.epochs.clone(), checkpoint));
            }
            None => on_problem.emit(format!("Run {id} has no checkpoint to resume from.")),
        }))
    };
    html! {
        <span class="kept-actions">
            <button type="button" class="small" id={format!("run-{id}-use")} onclick={on_use}
                aria-label={format!("Use for drawing: run {id}'s model")}>{ "Use for drawing" }</button>
            <button type="button" class="small" id={format!("run-{id}-download")} onclick={on_download}
                aria-label={format!("Download model of run {id}")}>{ "Download model" }</button>
            if props.resumable {
                <button type="button" class="small" id={format!("run-{id}-resume")} onclick={on_resume}
                    disabled={!props.can_resume} aria-label={format!("Resume run {id}")}>{ "Resume" }</button>
            }
        </span>
    }
}
