//! A Keras-like progress line for the epoch in progress, the time left for the whole run, how
//! the run ended, and (tucked away under "About this machine") what the worker did: when Stop
//! reached it and how its memory grew.

use crate::training::FinishedSummary;
use crate::training::time_left::time_left;
use crate::web::app::state::page::RunView;
use crate::wording::{capitalised, count, duration};
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
        let left = time_left(b, batch_size, run.epochs.last().map(|e| e.seconds));
        // The whole run first: with 5 epochs, the time of this epoch alone would promise too little.
        // Once the run has ended, "time left" would promise more of it.
        let time = left.filter(|_| run.finished.is_none()).map(|t| {
            if b.epochs > 1 {
                format!("{} left for the whole run (epoch {} of {}; this epoch: {}).",
                    capitalised(&duration(t.whole_run)), b.epoch, b.epochs, duration(t.this_epoch))
            } else {
                format!("{} left.", capitalised(&duration(t.whole_run)))
            }
        });
        html! {
            <div class="progress">
                <label for="batch-progress">{ format!("Epoch {} of {} — batch {} of {}", b.epoch, b.epochs, b.batch, b.batches) }</label>
                <progress id="batch-progress" max={b.batches.to_string()} value={b.batch.to_string()} />
                <p id="batch-metrics" class="metrics">
                    { format!("loss: {:.4} — accuracy: {:.4} — {:.0} images/s", b.loss, b.accuracy, b.samples_per_sec) }
                </p>
                if let Some(time) = time {
                    <p id="time-left" class="note">{ time }</p>
                }
            </div>
        }
    });
    let machine_notes = machine_notes(run);
    html! {
        <div class="training-progress" aria-live="polite">
            { for line }
            if let Some(v) = &run.validating {
                <p class="note">{ format!("Validating epoch {} on the test images: {} of {}", v.epoch, v.done, v.total) }</p>
            }
            if let (Some(_), None, true) = (run.stopping_at, &run.finished, run.running) {
                <p class="note">{ "Stopping after the batch in progress…" }</p>
            }
            if let Some(f) = &run.finished {
                <p id="run-status" class="note">{
                    if f.stopped { stopped_words(f) }
                    else if let Some(stop) = &f.early_stop {
                        format!("Done: stopped early after {}, {}; weights of epoch {}.", count(f.epochs_completed, "epoch"), count(f.steps, "step"), stop.best_epoch)
                    }
                    else { format!("Done: {}, {}.", count(f.epochs_completed, "epoch"), count(f.steps, "step")) }
                }</p>
            }
            if let Some(message) = &run.failure {
                <p id="training-error" class="error" role="alert">{ message }</p>
            }
            if !machine_notes.is_empty() {
                <details class="about-machine" id="run-machine">
                    <summary>{ "About this machine" }</summary>
                    { for machine_notes }
                </details>
            }
        </div>
    }
}

/// The worker's side of the run, for the curious: when Stop reached it, and its memory.
fn machine_notes(run: &RunView) -> Vec<Html> {
    let mut notes = Vec::new();
    if let Some(at) = run.stopping_at {
        notes.push(html! { <p id="stop-reached" class="note">{ format!("Stop reached the worker after step {at}; it finishes the batch in progress and no other.") }</p> });
    }
    if let Some((first, last)) = &run.memory {
        notes.push(html! { <p id="memory-line" class="note">{ format!(
            "Worker memory: wasm heap {:.1} MB at step {}, {:.1} MB at step {}{}",
            first.wasm_heap_bytes as f64 / 1e6, first.steps, last.wasm_heap_bytes as f64 / 1e6, last.steps,
            match (first.device_allocations, last.device_allocations) {
                (Some(a), Some(b)) => format!("; device allocations {a} → {b}"),
                _ => String::new(),
            }
        ) }</p> });
    }
    notes
}

/// How a stopped run ended and what it kept, so Stop never looks like losing the run.
fn stopped_words(f: &FinishedSummary) -> String {
    let when = match &f.partial_epoch {
        Some(p) => format!("in epoch {} after batch {} of {}", p.epoch, p.batch, p.batches),
        None => format!("with {} complete", count(f.epochs_completed, "epoch")),
    };
    format!(
        "Stopped after {}, {when}. Nothing is lost: the model as it stood after that step answers \
         your drawings and is tested on the test images, and 5. Runs keeps the run (Resume goes \
         on from there).",
        count(f.steps, "step")
    )
}
