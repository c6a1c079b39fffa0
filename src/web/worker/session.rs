//! One training run inside the worker: step the trainer, report each event, let Stop in between
//! batches, then evaluate on the test images and predict the tutorial's grid.

use super::yield_now::yield_now;
use super::TrainingWorker;
use crate::data::Mnist;
use crate::protocol::{FromWorker, GRID_FIRST, GRID_LEN, GridDigit, TrainRequest};
use crate::training::{Clock, Trainer, VALIDATION_BATCH, evaluate, predict};
use burn::prelude::Device;
use gloo_worker::{HandlerId, WorkerScope};
use std::cell::Cell;
use std::rc::Rc;
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Runs `request` to its end (or to Stop); every outcome is reported to the page.
pub async fn train(
    scope: WorkerScope<TrainingWorker>,
    id: HandlerId,
    request: TrainRequest,
    data: Arc<Mnist>,
    device: Device,
    stop: Rc<Cell<bool>>,
) {
    if let Err(message) = run(&scope, id, request, data, device, stop).await {
        scope.respond(id, FromWorker::TrainingFailed(message));
    }
}

async fn run(
    scope: &WorkerScope<TrainingWorker>,
    id: HandlerId,
    request: TrainRequest,
    full: Arc<Mnist>,
    device: Device,
    stop: Rc<Cell<bool>>,
) -> Result<(), String> {
    let data = match request.validation_subset {
        Some(n) if n < full.test.len() => Arc::new(Mnist { train: full.train.clone(), test: full.test.take(n) }),
        _ => full.clone(),
    };
    let clock: Clock = Box::new(now_ms);
    let mut trainer = Trainer::new(&request.spec, request.hyperparameters, data.clone(), &device, clock)
        .map_err(|e| format!("Training could not start: {e}"))?;
    loop {
        if stop.get() {
            trainer.stop();
        }
        match trainer.step().await.map_err(|e| format!("Training failed: {e}"))? {
            Some(event) => scope.respond(id, FromWorker::Training(event)),
            None => break,
        }
        yield_now().await;
    }

    let model = trainer.model();
    let device = trainer.inference_device();
    let result = evaluate(&model, &data.test, VALIDATION_BATCH, &device)
        .await
        .map_err(|e| format!("Evaluation failed: {e}"))?;
    scope.respond(id, FromWorker::TestResult { loss: result.loss, accuracy: result.accuracy, images: data.test.len() });

    // The grid always shows test images 100–149 of the full test set, as in the tutorial.
    let indices: Vec<usize> = (GRID_FIRST..GRID_FIRST + GRID_LEN).filter(|&i| i < full.test.len()).collect();
    let probabilities = predict(&model, &full.test.scaled_pixels(&indices), &device)
        .await
        .map_err(|e| format!("Prediction failed: {e}"))?;
    let grid = indices
        .iter()
        .zip(probabilities)
        .map(|(&index, p)| GridDigit {
            index,
            label: full.test.label(index),
            prediction: argmax(&p),
            pixels: full.test.image(index).to_vec(),
        })
        .collect();
    scope.respond(id, FromWorker::PredictionGrid(grid));
    Ok(())
}

fn argmax(p: &[f32; 10]) -> u8 {
    (0..10).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap_or(0) as u8
}

/// Milliseconds from the worker's clock (`std::time::Instant` panics on wasm).
fn now_ms() -> f64 {
    js_sys::global()
        .unchecked_into::<web_sys::WorkerGlobalScope>()
        .performance()
        .map_or(0.0, |p| p.now())
}
