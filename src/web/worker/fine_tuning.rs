//! Fine-tuning in the worker (issue 14): step the fine-tuner, report each event, let Stop and
//! drawings in between steps, and hand back the fine-tuned model to answer drawings.
//!
//! It runs on the CPU backend, where the model that answers drawings lives: the fine-tuned copy
//! then answers at once, with no read-back from a GPU (a blocking one panics on wasm), and a
//! few hundred steps take ~15 s there.

use super::TrainingWorker;
use super::answering::AnsweringModel;
use super::clock::now_ms;
use super::session::RunControl;
use super::yield_now::yield_now;
use crate::data::{LabelledDigits, Mnist};
use crate::protocol::FromWorker;
use crate::training::{FineTuneEvent, FineTuneSettings, FineTuner, TrainingError};
use gloo_worker::{HandlerId, WorkerScope};
use std::sync::Arc;

/// What a fine-tuning is asked to do.
pub struct FineTuneJob {
    pub request: u64,
    pub digits: LabelledDigits,
    pub settings: FineTuneSettings,
    /// The model answering drawings when it was asked: fine-tuning starts from a copy.
    pub start: AnsweringModel,
    pub data: Arc<Mnist>,
}

/// Runs `job` to its end or to Stop, reporting every event. When it finishes, `publish` makes
/// the fine-tuned model answer drawings, and then the report is sent.
pub async fn fine_tune(scope: WorkerScope<TrainingWorker>, id: HandlerId, job: FineTuneJob, control: &RunControl, publish: impl Fn(AnsweringModel)) {
    let request = job.request;
    let failed = |message: String| FromWorker::FineTuneFailed { request, message };
    let start = &job.start;
    let mut tuner = match FineTuner::new(&start.network, &job.digits, job.data, job.settings, &start.device, Box::new(now_ms)) {
        Ok(tuner) => tuner,
        Err(e) => {
            scope.respond(id, failed(format!("Fine-tuning could not start: {e}.")));
            return;
        }
    };
    loop {
        if control.stop.get() {
            tuner.stop();
        }
        let event = match tuner.step().await {
            Ok(Some(event)) => event,
            Ok(None) => return,
            Err(e) => {
                scope.respond(id, failed(failure_message(&e)));
                return;
            }
        };
        match event {
            FineTuneEvent::Finished(report) => {
                let name = format!("fine-tuned on your digits ({}, from {})", crate::wording::count(report.steps as usize, "step"), start.tag.name);
                publish(AnsweringModel::new(tuner.model(), tuner.inference_device(), start.spec.clone(), name));
                scope.respond(id, FromWorker::FineTuned { request, report });
                return;
            }
            FineTuneEvent::Step(_) => control.steps.set(tuner.steps()),
            _ => {}
        }
        scope.respond(id, FromWorker::FineTuning { request, event });
        yield_now().await;
    }
}

fn failure_message(error: &TrainingError) -> String {
    match error {
        TrainingError::Diverged { batch, .. } => format!(
            "Fine-tuning stopped at step {batch}: its loss stopped being a finite number, so the model it was making is unusable. The model that answered before still answers; try a smaller learning rate."
        ),
        e => format!("Fine-tuning failed: {e}. The model that answered before still answers."),
    }
}
