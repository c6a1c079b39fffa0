//! Every finished training run, recorded in IndexedDB: a table to compare them, a chart that
//! overlays their validation accuracy, delete, and CSV export.

use super::file_download::download;
use super::focus::{focus, focus_id};
use super::line_chart::{LineChart, Series};
use super::run_store;
use super::state::RunView;
use crate::exercise::answer::grouped;
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
}

/// The record of `run` once it has its test result and has ended, else `None`.
fn record_of(run: &RunView, backend: Option<&BackendReport>) -> Option<RunRecord> {
    let (request, (loss, accuracy, images)) = (run.request.as_ref()?, run.test?);
    if run.running {
        return None;
    }
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
        stopped: run.finished.as_ref().is_some_and(|f| f.stopped),
        epochs: run.epochs.clone(),
        test_loss: loss,
        test_accuracy: accuracy,
    })
}

/// Reads every stored run into `runs` (or the reason into `problem`).
fn reload(runs: UseStateHandle<Rc<Vec<RunRecord>>>, problem: UseStateHandle<Option<String>>) {
    spawn_local(async move {
        match run_store::all().await {
            Ok((list, 0)) => runs.set(Rc::new(list)),
            Ok((list, skipped)) => {
                runs.set(Rc::new(list));
                problem.set(Some(format!("{skipped} stored runs could not be read and are not shown.")));
            }
            Err(message) => problem.set(Some(message)),
        }
    });
}

#[function_component]
pub fn RunsPanel(props: &Props) -> Html {
    let runs = use_state(|| Rc::new(Vec::<RunRecord>::new()));
    let problem = use_state(|| None::<String>);
    // The serial number of the last run recorded. Effects may skip intermediate states (yew
    // runs them after a batch of renders), so a run is known by its serial, not by "running".
    let recorded = use_mut_ref(|| 0u32);
    // A deleted run's id and row: once its row is gone, focus goes to the Delete button now in
    // that row (or the last row's), or to the heading when no run is left.
    let deleted = use_mut_ref(|| None::<(u32, usize)>);
    let heading = use_node_ref();
    {
        let (runs, deleted, heading) = (runs.clone(), deleted.clone(), heading.clone());
        use_effect(move || {
            let gone = matches!(*deleted.borrow(), Some((id, _)) if !runs.iter().any(|r| r.id == Some(id)));
            if gone && let Some((_, row)) = deleted.borrow_mut().take() {
                match runs.get(row).or(runs.last()) {
                    Some(next) => focus_id(&format!("run-{}-delete", next.id.unwrap_or_default())),
                    None => focus(&heading),
                }
            }
        });
    }
    {
        let (runs, problem) = (runs.clone(), problem.clone());
        use_effect_with((), move |_| reload(runs, problem));
    }
    {
        let (runs, problem, backend) = (runs.clone(), problem.clone(), props.backend.clone());
        use_effect_with(props.run.clone(), move |run| {
            if run.serial == *recorded.borrow() {
                return;
            }
            if let Some(record) = record_of(run, backend.as_ref()) {
                *recorded.borrow_mut() = run.serial;
                spawn_local(async move {
                    match run_store::add(&record).await {
                        Ok(_) => reload(runs, problem),
                        Err(message) => problem.set(Some(message)),
                    }
                });
            }
        });
    }
    let on_export = {
        let (runs, problem) = (runs.clone(), problem.clone());
        Callback::from(move |_: MouseEvent| {
            if let Err(message) = download("convlab-runs.csv", "text/csv", &to_csv(&runs)) {
                problem.set(Some(message));
            }
        })
    };
    let rows = runs.iter().enumerate().map(|(row, run)| {
        let id = run.id.unwrap_or_default();
        let on_delete = {
            let (runs, problem, deleted) = (runs.clone(), problem.clone(), deleted.clone());
            Callback::from(move |_: MouseEvent| {
                *deleted.borrow_mut() = Some((id, row));
                let (runs, problem) = (runs.clone(), problem.clone());
                spawn_local(async move {
                    match run_store::delete(id).await {
                        Ok(()) => reload(runs, problem),
                        Err(message) => problem.set(Some(message)),
                    }
                });
            })
        };
        let hyper = &run.hyperparameters;
        let model = Preset::matching(&run.spec).map_or_else(|| run.model_code(), |p| p.label().to_string());
        let optional = |v: Option<f64>, digits: usize| v.map_or_else(|| "–".to_string(), |v| format!("{v:.digits$}"));
        html! {
            <tr class="run-row" id={format!("run-{id}")}>
                <td>{ id }</td>
                <td class="text model-code">{ model }{ if run.stopped { " (stopped)" } else { "" } }</td>
                <td>{ grouped(run.params) }</td>
                <td class="text">{ &run.backend }</td>
                <td class="text settings">{ format!(
                    "{} epoch{}, batch {}, learning rate {}, seed {}, {} training images",
                    hyper.epochs, if hyper.epochs == 1 { "" } else { "s" }, hyper.batch_size, hyper.learning_rate, hyper.seed, grouped(run.train_images())
                ) }</td>
                <td>{ optional(run.seconds_per_epoch(), 1) }</td>
                <td>{ optional(run.samples_per_sec(), 0) }</td>
                <td class="accuracy">{ format!("{:.2} %", run.test_accuracy * 100.0) }</td>
                <td><button type="button" class="small remove" id={format!("run-{id}-delete")} onclick={on_delete}
                    aria-label={format!("Delete run {id}")}>{ "Delete" }</button></td>
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
            <p class="note">{
                "Every finished training run is kept in this browser, so you can compare models and settings. Params is the \
                 model's parameter count; s/epoch the wall time of one epoch, validation included; samples/s the training \
                 images processed per second; test accuracy the share of validation images the final model classifies right."
            }</p>
            if let Some(message) = &*problem {
                <p class="error" role="alert" id="runs-problem">{ message }</p>
            }
            if runs.is_empty() {
                <p class="note" id="runs-empty">{ "No runs yet: press Train, and the run appears here when it ends." }</p>
            } else {
                <div class="table-scroll">
                    <table id="runs-table" class="numbers">
                        <thead><tr>
                            <th scope="col">{ "run" }</th><th scope="col" class="text">{ "model" }</th><th scope="col">{ "params" }</th>
                            <th scope="col" class="text">{ "backend" }</th><th scope="col" class="text">{ "settings" }</th>
                            <th scope="col">{ "s/epoch" }</th><th scope="col">{ "samples/s" }</th><th scope="col">{ "test accuracy" }</th>
                            <th scope="col"><span class="visually-hidden">{ "delete" }</span></th>
                        </tr></thead>
                        <tbody>{ for rows }</tbody>
                    </table>
                </div>
                <div class="runs-chart">
                    <LineChart id="runs-chart" title="Validation accuracy per epoch, all runs" {x_max} {series} y_limit={1.0} />
                </div>
                <div class="buttons">
                    <button type="button" id="runs-export" class="secondary" onclick={on_export}>{ "Export as CSV" }</button>
                </div>
            }
        </section>
    }
}
