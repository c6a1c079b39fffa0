//! One training run inside the worker: step the trainer, report each event, let Stop in between
//! batches, then evaluate on the test images (keeping each image's answer for the confusion
//! matrix) and predict the tutorial's grid.

use super::TrainingWorker;
use super::answering::AnsweringModel;
use super::clock::now_ms;
use super::yield_now::yield_now;
use crate::data::Mnist;
use crate::inspect::evaluate_with_predictions;
use crate::model::weights::Pretrained;
use crate::protocol::{Drill, FromWorker, GRID_FIRST, GRID_LEN, GridDigit, InspectReply, MemoryReport, TrainRequest};
use crate::training::{Checkpoint, CheckpointError, Clock, Hyperparameters, Trainer, TrainingError, memory, predict, with_learner_digits};
use burn::prelude::Device;
use gloo_worker::{HandlerId, WorkerScope};
use std::cell::Cell;
use std::rc::Rc;

/// Shared between a run and the worker's message handler: Stop sets `stop`, the run counts `steps`.
#[derive(Default)]
pub struct RunControl {
    pub stop: Cell<bool>,
    pub steps: Cell<usize>,
}
use std::sync::Arc;
use wasm_bindgen::JsCast;

/// Memory is reported every this many steps.
const MEMORY_REPORT_STEPS: usize = 100;
/// The model answering drawings is refreshed every this many steps while training.
const PUBLISH_STEPS: usize = 50;

/// How a run ended, for what the worker does next.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Finished or stopped, evaluated and reported.
    Ended,
    Failed,
    /// The loss became NaN or infinite: its model is unusable.
    Diverged,
}

/// Why a run ended early.
enum Failure {
    Diverged(String),
    Other(String),
}

impl From<String> for Failure {
    fn from(message: String) -> Self {
        Failure::Other(message)
    }
}

/// Runs `request` to its end (or to Stop); every outcome is reported to the page. `publish`
/// makes a model answer drawings; `counted` receives the model whose confusion matrix was sent.
#[allow(clippy::too_many_arguments)]
pub async fn train(
    scope: WorkerScope<TrainingWorker>,
    id: HandlerId,
    request: TrainRequest,
    checkpoint: Option<Vec<u8>>,
    data: Arc<Mnist>,
    device: Device,
    control: Rc<RunControl>,
    publish: impl Fn(AnsweringModel),
    counted: impl Fn(AnsweringModel),
) -> Outcome {
    match run(&scope, id, request, checkpoint, data, device, &control, &publish, &counted).await {
        Ok(()) => Outcome::Ended,
        Err(Failure::Diverged(message)) => {
            scope.respond(id, FromWorker::Diverged(message));
            Outcome::Diverged
        }
        Err(Failure::Other(message)) => {
            scope.respond(id, FromWorker::TrainingFailed(message));
            Outcome::Failed
        }
    }
}

#[allow(clippy::too_many_arguments)]
async fn run(
    scope: &WorkerScope<TrainingWorker>,
    id: HandlerId,
    request: TrainRequest,
    checkpoint: Option<Vec<u8>>,
    full: Arc<Mnist>,
    device: Device,
    control: &RunControl,
    publish: &dyn Fn(AnsweringModel),
    counted: &dyn Fn(AnsweringModel),
) -> Result<(), Failure> {
    // The page checks too, but a request can come from elsewhere: refuse before allocating.
    memory::check(&request.spec, &request.hyperparameters).map_err(|e| format!("Training could not start: {e}"))?;
    let (data, hyperparameters) = run_data(&full, &request)?;
    let clock: Clock = Box::new(now_ms);
    let mut trainer = match checkpoint {
        None => Trainer::new(&request.spec, hyperparameters, data.clone(), &device, clock)
            .map_err(|e| format!("Training could not start: {e}"))?,
        Some(bytes) => resume(&bytes, &request, data.clone(), &device, clock)?,
    };
    let mut steps = trainer.steps();
    let mut stopped = false;
    loop {
        if control.stop.get() {
            trainer.stop();
        }
        let step = trainer.step().await.map_err(|e| match e {
            TrainingError::Diverged { .. } => Failure::Diverged(format!("Training stopped: {e}.")),
            e => Failure::Other(format!("Training failed: {e}")),
        })?;
        match step {
            Some(event) => {
                if let crate::training::TrainingEvent::Batch(_) = event {
                    steps += 1;
                    control.steps.set(steps);
                    run_drill(request.drill, steps);
                    if steps % MEMORY_REPORT_STEPS == 0 {
                        scope.respond(id, FromWorker::Memory(memory_report(steps, &device)));
                    }
                    if steps % PUBLISH_STEPS == 0 {
                        publish(in_training(&trainer, &request.spec, steps));
                    }
                }
                if let crate::training::TrainingEvent::Finished(summary) = &event {
                    stopped = summary.stopped;
                }
                scope.respond(id, FromWorker::Training(event));
            }
            None => break,
        }
        yield_now().await;
    }
    scope.respond(id, FromWorker::Memory(memory_report(steps, &device)));
    // A stopped run keeps where it stands, to be resumed; read before anything else moves on.
    let checkpoint = if stopped { Some(trainer.checkpoint().await.and_then(|c| c.encode())) } else { None };

    let model = trainer.model();
    let device = trainer.inference_device();
    let name = format!("your model, trained for {}", crate::wording::count(steps as usize, "step"));
    let answering = AnsweringModel::new(model.clone(), device.clone(), request.spec.clone(), name);
    publish(answering.clone());
    // One pass over the test images gives both the test result and the confusion matrix.
    let result = evaluate_with_predictions(&model, &data.test, &device)
        .await
        .map_err(|e| format!("Evaluation failed: {e}"))?;
    // Kept before the test result is shown, so the page stores it with the run's record.
    for message in keep(&model, &request, &result.evaluation, checkpoint).await {
        scope.respond(id, message);
    }
    let (loss, accuracy) = (result.evaluation.loss, result.evaluation.accuracy);
    scope.respond(id, FromWorker::TestResult { loss, accuracy, images: data.test.len() });
    let matrix = result.confusion;
    scope.respond(id, FromWorker::Inspect(InspectReply::Confusion { request: None, model: answering.tag.clone(), matrix, loss, accuracy }));
    counted(answering);

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

/// The run's data and the settings its trainer gets: the learner's digits after the training
/// images when asked for (the subset then already applied), the test images cut to the
/// validation subset. The training split is copied at most once.
fn run_data(full: &Arc<Mnist>, request: &TrainRequest) -> Result<(Arc<Mnist>, Hyperparameters), String> {
    let (with_digits, hyperparameters) = match &request.extra_digits {
        Some(digits) => {
            let (data, hyper) = with_learner_digits(full, &request.hyperparameters, digits)
                .map_err(|e| format!("Training could not start: your digits cannot be used: {e}"))?;
            (Some(data), hyper)
        }
        None => (None, request.hyperparameters.clone()),
    };
    let data = match request.validation_subset {
        Some(n) if n < full.test.len() => {
            let train = with_digits.map_or_else(|| full.train.clone(), |data| data.train);
            Arc::new(Mnist { train, test: full.test.take(n) })
        }
        _ => with_digits.map_or_else(|| full.clone(), Arc::new),
    };
    Ok((data, hyperparameters))
}

/// Goes on with a stopped run from its checkpoint file.
fn resume(bytes: &[u8], request: &TrainRequest, data: Arc<Mnist>, device: &Device, clock: Clock) -> Result<Trainer, Failure> {
    let refuse = |e: CheckpointError| format!("The stopped run cannot go on: {e}");
    let checkpoint = Checkpoint::decode(bytes).map_err(refuse)?;
    checkpoint.expect_spec(&request.spec).map_err(refuse)?;
    Ok(Trainer::resume(&checkpoint, data, device, clock).map_err(refuse)?)
}

/// The run's final model as a `.convlab` file, and a stopped run's checkpoint. Both are read
/// from the device asynchronously, so runs trained on WebGPU are kept too. A checkpoint that
/// could not be written is said, and the model is still kept.
async fn keep(
    model: &crate::model::Network,
    request: &TrainRequest,
    result: &crate::training::Evaluation,
    checkpoint: Option<Result<Vec<u8>, CheckpointError>>,
) -> Vec<FromWorker> {
    let about = Pretrained {
        spec: request.spec.clone(),
        hyperparameters: request.hyperparameters.clone(),
        test_accuracy: Some(result.accuracy),
        test_loss: Some(result.loss),
    };
    let mut messages = Vec::new();
    let checkpoint = checkpoint.transpose().unwrap_or_else(|e| {
        messages.push(FromWorker::ModelRefused(format!("This stopped run cannot be resumed later: {e}. Its model and figures are kept.")));
        None
    });
    messages.push(match about.encode_async(model).await {
        Ok(model) => FromWorker::Kept { model, checkpoint },
        Err(e) => FromWorker::ModelRefused(format!("This run's model could not be kept: {e}. The run's figures are recorded.")),
    });
    messages
}

/// The failure drills of the end-to-end tests (see `protocol::Drill`).
fn run_drill(drill: Option<Drill>, steps: usize) {
    match drill {
        Some(Drill::PanicAfter(n)) if steps >= n => panic!("failure drill: panic after {steps} batches"),
        Some(Drill::ExhaustMemoryAfter(n)) if steps >= n => {
            // Reserve (without touching) 256 MB blocks until the allocator fails: Rust then
            // aborts exactly as when a real model outgrows the 4 GB of wasm32 memory.
            let mut held = Vec::new();
            loop {
                held.push(Vec::<u8>::with_capacity(256 << 20));
                // Keeps the optimiser from proving the blocks unused and dropping the calls.
                std::hint::black_box(&mut held);
            }
        }
        Some(Drill::PanicInComputeThreadAfter(n)) if steps >= n => {
            // A job on rayon's pool: there, one of the pool's threads panics and traps, while
            // this thread waits for it.
            #[cfg(feature = "threads")]
            rayon::scope(|scope| scope.spawn(move |_| panic!("failure drill: a compute thread panics after {steps} batches")));
            panic!("failure drill: a compute thread panics after {steps} batches");
        }
        _ => {}
    }
}

fn in_training(trainer: &Trainer, spec: &crate::model::ModelSpec, steps: usize) -> AnsweringModel {
    let name = format!("your model, in training ({} so far)", crate::wording::count(steps as usize, "step"));
    AnsweringModel::new(trainer.model(), trainer.inference_device(), spec.clone(), name)
}

fn argmax(p: &[f32; 10]) -> u8 {
    (0..10).max_by(|&a, &b| p[a].total_cmp(&p[b])).unwrap_or(0) as u8
}

fn memory_report(steps: usize, device: &Device) -> MemoryReport {
    let heap = wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map_or(0, |m| m.buffer().unchecked_into::<js_sys::ArrayBuffer>().byte_length() as u64);
    let pool = device.memory_pool_usage();
    MemoryReport {
        steps,
        wasm_heap_bytes: heap,
        device_allocations: pool.as_ref().map(|p| p.number_allocs),
        device_bytes_reserved: pool.as_ref().map(|p| p.bytes_reserved),
    }
}
