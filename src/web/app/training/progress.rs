//! A Keras-like progress line for the epoch in progress, and how the run ended.

use crate::web::app::state::page::RunView;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct Props {
    pub run: Rc<RunView>,
}

#[function_component]
pub fn TrainingProgress(props: &Props) -> Html {
    let run = &props.run;
    let batch_size = run.request.as_ref().map_or(32, |r| r.hyperparameters.batch_size);
    let line = run.last_batch.as_ref().map(|b| {
        let remaining = (b.batches - b.batch) * batch_size;
        let eta = if b.samples_per_sec > 0.0 { remaining as f64 / b.samples_per_sec } else { 0.0 };
        html! {
            <div class="progress">
                <label for="batch-progress">{ format!("Epoch {}/{} — batch {} of {}", b.epoch, b.epochs, b.batch, b.batches) }</label>
                <progress id="batch-progress" max={b.batches.to_string()} value={b.batch.to_string()} />
                <p id="batch-metrics" class="metrics">
                    { format!("loss: {:.4} — accuracy: {:.4} — {:.0} samples/s — ETA {}", b.loss, b.accuracy, b.samples_per_sec, clock(eta)) }
                </p>
            </div>
        }
    });
    html! {
        <div class="training-progress" aria-live="polite">
            { for line }
            if let Some(v) = &run.validating {
                <p class="note">{ format!("Validating epoch {} on the test images: {} of {}", v.epoch, v.done, v.total) }</p>
            }
            if let (Some(at), None, true) = (run.stopping_at, &run.finished, run.running) {
                <p class="note">{ format!("Stopping: the worker got Stop after {at} steps…") }</p>
            }
            if let Some(f) = &run.finished {
                <p id="run-status" class="note">{
                    if f.stopped { format!("Stopped after {} steps ({} full epochs){}.", f.steps, f.epochs_completed,
                        run.stopping_at.map(|at| format!("; Stop reached the worker after step {at}")).unwrap_or_default()) }
                    else { format!("Done: {} epochs, {} steps.", f.epochs_completed, f.steps) }
                }</p>
            }
            if let Some((first, last)) = &run.memory {
                <p id="memory-line" class="note">{ format!(
                    "Worker memory: wasm heap {:.1} MB at step {}, {:.1} MB at step {}{}",
                    first.wasm_heap_bytes as f64 / 1e6, first.steps, last.wasm_heap_bytes as f64 / 1e6, last.steps,
                    match (first.device_allocations, last.device_allocations) {
                        (Some(a), Some(b)) => format!("; device allocations {a} → {b}"),
                        _ => String::new(),
                    }
                ) }</p>
            }
            if let Some(message) = &run.failure {
                <p id="training-error" class="error" role="alert">{ message }</p>
            }
        </div>
    }
}

/// Seconds as m:ss.
fn clock(seconds: f64) -> String {
    let s = seconds.round() as u64;
    format!("{}:{:02}", s / 60, s % 60)
}
