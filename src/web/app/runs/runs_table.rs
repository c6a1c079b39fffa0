//! Every finished training run, recorded in IndexedDB: a table to compare them, a chart that
//! overlays their validation accuracy, delete, and CSV export.

use crate::web::app::storage::answering_choice;
use crate::web::app::worker_bridge::context::use_worker;
use crate::protocol::ToWorker;
use crate::vocabulary;
use crate::web::app::widgets::meaning::Meaning;
use crate::wording::settings_words;
use crate::web::app::browser::file_download::download;
use crate::web::app::browser::focus::{focus, focus_id};
use super::kept_model_actions::{KeptModelActions, ResumeOrder};
use super::class_board::ClassBoard;
use super::model_files::ModelFiles;
use super::result_card_panel::ResultCardPanel;
use crate::web::app::widgets::line_chart::{LineChart, Series, YAxis};
use crate::web::app::storage::changes::{self, Change};
use crate::web::app::storage::runs;
use crate::web::app::state::page::RunView;
use crate::exercise::answer::grouped;
use crate::web::app::widgets::hidden_answer::hidden_answer;
use crate::exercise::builder::Preset;
use crate::exercise::run_record::RunRecord;
use crate::exercise::runs_csv::to_csv;
use crate::protocol::{BackendKind, BackendReport};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Colours for the overlaid curves (CSS classes run-0 … run-7), cycled.
const COLOURS: [&str; 8] = ["run-0", "run-1", "run-2", "run-3", "run-4", "run-5", "run-6", "run-7"];

#[derive(Properties, PartialEq)]
pub struct Props {
    pub run: Rc<RunView>,
    pub backend: Option<BackendReport>,
    /// Resume a stopped run from its checkpoint.
    pub on_resume: Callback<ResumeOrder>,
    /// Whether a run could start now (data loaded, no run going).
    pub can_train: bool,
    /// Why a model could not be kept, loaded or resumed.
    pub model_refused: Option<String>,
    /// The name of the model answering drawings (`None` until the worker has one).
    pub answering: Option<String>,
    /// The count the open guided step asks for, and its number: a run's parameters equal to
    /// it are hidden until the step is answered (a dense baseline run would give step 9 away).
    #[prop_or_default]
    pub asked_count: Option<(usize, usize)>,
}

/// The record of `run` once it has ended with its test result, or diverged; else `None`.
fn record_of(run: &RunView, backend: Option<&BackendReport>) -> Option<RunRecord> {
    let request = run.request.as_ref()?;
    if run.running || (run.test.is_none() && !run.diverged) {
        return None;
    }
    let images = run.test.map_or_else(|| request.validation_subset.unwrap_or(10_000), |(_, _, images)| images);
    let backend = match backend {
        Some(BackendReport { kind: BackendKind::WebGpu, adapter, .. }) => format!("WebGPU ({})", adapter.as_deref().unwrap_or("unknown adapter")),
        Some(BackendReport { kind: BackendKind::Cpu, .. }) => "CPU".to_string(),
        None => "unknown".to_string(),
    };
    Some(RunRecord {
        id: None,
        finished_at: String::from(js_sys::Date::new_0().to_iso_string()),
        params: request.spec.summary().map_or(0, |s| s.total_params),
        spec: request.spec.clone(),
        hyperparameters: request.hyperparameters.clone(),
        validation_images: images,
        backend,
        learner_digits: request.learner_digits(),
        stopped: run.finished.as_ref().is_some_and(|f| f.stopped),
        diverged: run.diverged.then(|| run.failure.clone().unwrap_or_default()),
        epochs: run.epochs.clone(),
        partial_epoch: run.finished.as_ref().and_then(|f| f.partial_epoch.clone()),
        early_stop: run.finished.as_ref().and_then(|f| f.early_stop.clone()),
        test_loss: run.test.map(|(loss, _, _)| loss),
        test_accuracy: run.test.map(|(_, accuracy, _)| accuracy),
    })
}

/// The stored runs, the ids of records that cannot be read, and the kept models as
/// (run id, bytes, has a checkpoint).
#[derive(Clone, Default, PartialEq)]
struct Stored {
    runs: Rc<Vec<RunRecord>>,
    unreadable: Rc<Vec<u32>>,
    kept: Rc<Vec<(u32, u64, bool)>>,
}

/// Every stored run and kept model. Both are read before either is shown, so a row never
/// appears without its kept model.
async fn read_stored() -> Result<Stored, String> {
    let (runs, unreadable) = runs::all().await?;
    let kept = runs::model_sizes().await?;
    Ok(Stored { runs: Rc::new(runs), unreadable: Rc::new(unreadable), kept: Rc::new(kept) })
}

/// Reads the store into `stored`; `problem` becomes `outcome`'s error, or the read's.
async fn show_stored(stored: UseStateHandle<Stored>, problem: UseStateHandle<Option<String>>, outcome: Result<(), String>) {
    match read_stored().await {
        Ok(read) => {
            stored.set(read);
            problem.set(outcome.err());
        }
        Err(message) => problem.set(Some(message)),
    }
}

/// Reads the store into `stored` (or the reason into `problem`).
fn reload(stored: UseStateHandle<Stored>, problem: UseStateHandle<Option<String>>) {
    spawn_local(show_stored(stored, problem, Ok(())));
}

/// A deleted run's id and table row, kept until its row is gone (for the focus).
type Deleted = Rc<std::cell::RefCell<Option<(u32, usize)>>>;

/// Deletes stored run `id` (in table row `row`), then reloads the table.
fn delete_callback(id: u32, row: usize, deleted: &Deleted, stored: &UseStateHandle<Stored>, problem: &UseStateHandle<Option<String>>) -> Callback<MouseEvent> {
    let (stored, problem, deleted) = (stored.clone(), problem.clone(), deleted.clone());
    Callback::from(move |_: MouseEvent| {
        *deleted.borrow_mut() = Some((id, row));
        let (stored, problem) = (stored.clone(), problem.clone());
        spawn_local(async move {
            match runs::delete(id).await {
                Ok(()) => reload(stored, problem),
                Err(message) => problem.set(Some(message)),
            }
        });
    })
}

#[function_component]
pub fn RunsPanel(props: &Props) -> Html {
    let stored = use_state(Stored::default);
    let problem = use_state(|| None::<String>);
    // The serial number of the last run recorded. Effects may skip intermediate states (yew
    // runs them after a batch of renders), so a run is known by its serial, not by "running".
    let recorded = use_mut_ref(|| 0u32);
    // A deleted run's id and row: once its row is gone, focus goes to the Delete button now in
    // that row (or the last row's), or to the heading when no run is left.
    let deleted: Deleted = use_mut_ref(|| None::<(u32, usize)>);
    let heading = use_node_ref();
    {
        let (stored, deleted, heading) = (stored.clone(), deleted.clone(), heading.clone());
        use_effect(move || {
            // Readable runs first, then unreadable records, as the table lists them.
            let ids: Vec<u32> = stored.runs.iter().filter_map(|r| r.id).chain(stored.unreadable.iter().copied()).collect();
            let gone = matches!(*deleted.borrow(), Some((id, _)) if !ids.contains(&id));
            if gone && let Some((_, row)) = deleted.borrow_mut().take() {
                match ids.get(row).or(ids.last()) {
                    Some(next) => focus_id(&format!("run-{next}-delete")),
                    None => focus(&heading),
                }
            }
        });
    }
    {
        let (stored, problem) = (stored.clone(), problem.clone());
        use_effect_with((), move |_| {
            reload(stored.clone(), problem.clone());
            // Another tab recorded or deleted a run: show what the store holds now.
            let listener = changes::listen(Change::Runs, move || reload(stored.clone(), problem.clone()));
            move || drop(listener)
        });
    }
    {
        let (stored, problem, backend) = (stored.clone(), problem.clone(), props.backend.clone());
        use_effect_with(props.run.clone(), move |run| {
            if run.serial == *recorded.borrow() {
                return;
            }
            if let Some(record) = record_of(run, backend.as_ref()) {
                *recorded.borrow_mut() = run.serial;
                let files = run.kept.clone();
                let answers = files.is_some() && !run.diverged;
                spawn_local(async move {
                    match runs::add(&record).await {
                        Ok(id) => {
                            // The run's figures are saved even when its model cannot be.
                            let kept = match files {
                                Some(files) => runs::put_model(id, &files.model, files.checkpoint.as_deref()).await,
                                None => Ok(()),
                            };
                            // The run's model answers drawings now; after a reload it still will.
                            if kept.is_ok() && answers {
                                answering_choice::remember(Some(id));
                            }
                            show_stored(stored, problem, kept).await;
                        }
                        Err(message) => problem.set(Some(message)),
                    }
                });
            }
        });
    }
    use_restored_answering(props.answering.is_some());
    // The run whose result card is open.
    let card_for = use_state(|| None::<u32>);
    let runs = stored.runs.clone();
    let kept = stored.kept.clone();
    let on_export = {
        let (runs, problem) = (runs.clone(), problem.clone());
        Callback::from(move |_: MouseEvent| {
            if let Err(message) = download("convlab-runs.csv", "text/csv", &to_csv(&runs)) {
                problem.set(Some(message));
            }
        })
    };
    let on_problem = {
        let problem = problem.clone();
        Callback::from(move |message: String| problem.set(Some(message)))
    };
    let rows = runs.iter().enumerate().map(|(row, run)| {
        let id = run.id.unwrap_or_default();
        let model_cell = kept.iter().find(|(k, _, _)| *k == id).map(|&(_, _, resumable)| html! {
            <KeptModelActions run={run.clone()} resumable={resumable && run.stopped} can_resume={props.can_train} on_resume={props.on_resume.clone()} on_problem={on_problem.clone()} />
        });
        let on_delete = delete_callback(id, row, &deleted, &stored, &problem);
        let hyper = &run.hyperparameters;
        let model = Preset::matching(&run.spec).map_or_else(|| run.model_code(), |p| p.label().to_string());
        let optional = |v: Option<f64>, digits: usize| v.map_or_else(|| "–".to_string(), |v| format!("{v:.digits$}"));
        html! {
            <tr class="run-row" id={format!("run-{id}")}>
                <td data-label="run">{ id }</td>
                <td class="text model-code" data-label="model">{ model }{ match run.ending_words().as_str() { "" => String::new(), ending => format!(" ({ending})") } }</td>
                <td class="params" data-label="params">{
                    match props.asked_count {
                        Some((step, asked)) if asked == run.params => hidden_answer(step),
                        _ => html! { grouped(run.params) },
                    }
                }</td>
                <td class="text settings" data-label="settings">{ settings_words(hyper, run.train_images(), run.learner_digits) }</td>
                <td data-label="s/epoch" title={format!("trained on {}", run.backend)}>{ optional(run.seconds_per_epoch(), 1) }</td>
                <td data-label="images/s">{ optional(run.samples_per_sec(), 0) }</td>
                <td class="accuracy" data-label="test accuracy" title={run.diverged.clone()}>{
                    run.test_accuracy.map_or_else(|| "– (diverged)".to_string(), |a| format!("{:.2} %", a * 100.0))
                }</td>
                <td class="text kept-model" data-label="kept model">{ model_cell.unwrap_or_else(|| html! { { "–" } }) }</td>
                <td class="row-actions">
                    if run.test_accuracy.is_some() {
                        <button type="button" class="small secondary" id={format!("run-{id}-card")} aria-label={format!("Result card of run {id}")}
                            onclick={{ let card_for = card_for.clone(); Callback::from(move |_: MouseEvent| card_for.set(Some(id))) }}>{ "Card" }</button>
                    }
                    <button type="button" class="small remove" id={format!("run-{id}-delete")} onclick={on_delete}
                        aria-label={format!("Delete run {id}")}>{ "Delete" }</button>
                </td>
            </tr>
        }
    });
    let unreadable = stored.unreadable.iter().enumerate().map(|(i, &id)| {
        html! {
            <tr class="run-row unreadable" id={format!("run-{id}")}>
                <td>{ id }</td>
                <td class="text" colspan="7">{ "This stored record cannot be read (it may come from another version of ConvLab)." }</td>
                <td><button type="button" class="small remove" id={format!("run-{id}-delete")} onclick={delete_callback(id, runs.len() + i, &deleted, &stored, &problem)}
                    aria-label={format!("Delete unreadable run {id}")}>{ "Delete" }</button></td>
            </tr>
        }
    });
    let series: Vec<Series> = runs
        .iter()
        .enumerate()
        .map(|(i, run)| Series { label: format!("run {}", run.id.unwrap_or_default()), points: run.val_accuracy_curve(), class: COLOURS[i % COLOURS.len()], dots: true })
        .collect();
    let x_max = runs.iter().map(|r| r.epochs.len()).max().unwrap_or(1) as f64;
    html! {
        <section class="panel" aria-labelledby="runs-title" id="runs">
            <h2 id="runs-title" ref={heading} tabindex="-1">{ "5. Your runs" }</h2>
            <p class="note">{ "Every finished training run is kept in this browser, so you can compare models and settings." }</p>
            <Meaning id="runs-meaning" about="the runs table's figures" text={vocabulary::RUNS_FIGURES} />
            if let Some(message) = &*problem {
                <p class="error" role="alert" id="runs-problem">{ message }</p>
            }
            if let Some(message) = &props.model_refused {
                <p class="error" role="alert" id="model-refused">{ message }</p>
            }
            <ModelFiles kept={kept.len()} kept_bytes={kept.iter().map(|(_, bytes, _)| bytes).sum::<u64>()} on_problem={on_problem.clone()} />
            if runs.is_empty() && stored.unreadable.is_empty() {
                <p class="note" id="runs-empty">{ "No runs yet: press Train, and the run appears here when it ends." }</p>
            } else {
                <div class="table-scroll">
                    <table id="runs-table" class="numbers">
                        <thead><tr>
                            <th scope="col">{ "run" }</th><th scope="col" class="text">{ "model" }</th><th scope="col">{ "params" }</th>
                            <th scope="col" class="text">{ "settings" }</th>
                            <th scope="col">{ "s/epoch" }</th><th scope="col">{ "images/s" }</th><th scope="col">{ "test accuracy" }</th>
                            <th scope="col" class="text">{ "kept model" }</th>
                            <th scope="col"><span class="visually-hidden">{ "delete" }</span></th>
                        </tr></thead>
                        <tbody>{ for rows }{ for unreadable }</tbody>
                    </table>
                </div>
                <div class="runs-chart">
                    <LineChart id="runs-chart" title="val_accuracy per epoch (on the test images), all runs" {x_max} {series} y_axis={YAxis::Accuracy} />
                </div>
                <div class="buttons">
                    <button type="button" id="runs-export" class="secondary" onclick={on_export}>{ "Export as CSV" }</button>
                </div>
            }
            if let Some(run) = card_for.and_then(|id| runs.iter().find(|r| r.id == Some(id))) {
                <ResultCardPanel key={run.id.unwrap_or_default().to_string()} run={run.clone()}
                    on_close={{ let card_for = card_for.clone(); Callback::from(move |()| card_for.set(None)) }} />
            }
            <ClassBoard />
        </section>
    }
}

/// Once the worker has a model answering (the pre-trained one, after a reload or a restart), the
/// run's model remembered as answering before is given back to it, so the learner's choice
/// survives. A remembered run that was deleted is forgotten.
#[hook]
fn use_restored_answering(worker_answers: bool) {
    let worker = use_worker();
    let restored_for = use_mut_ref(|| None::<u32>);
    use_effect_with((worker_answers, worker.generation), move |&(answers, generation)| {
        if answers && *restored_for.borrow() != Some(generation) {
            *restored_for.borrow_mut() = Some(generation);
            if let Some(id) = answering_choice::remembered() {
                let on_worker = worker.send.clone();
                spawn_local(async move {
                    match runs::get_model(id).await {
                        Ok(Some((file, _))) => on_worker.emit(ToWorker::UseModel { name: answering_choice::model_name(id), file }),
                        Ok(None) => answering_choice::remember(None),
                        Err(_) => {}
                    }
                });
            }
        }
    });
}
