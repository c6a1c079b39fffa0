//! One gradient step on a batch, shared by the training run and fine-tuning: forward,
//! cross-entropy, backward, Adam's update, then one read from the device for the loss and the
//! count of right answers, queued after the update so the device never waits for the host.
//! On a pool of compute threads the batch is split into shards, one per thread
//! ([`batch_shards`](super::batch_shards)).

use burn::nn::loss::CrossEntropyLoss;
use burn::prelude::*;
use burn::tensor::Transaction;

use super::TrainingError;
use super::adam::AdamOptimizer;
use super::batch_shards::{BatchGradients, batch_gradients, shard_count};
use super::evaluate::read_f64;
use crate::model::{Mode, Network};
use crate::model::network::{cpu_threads, on_cpu_backend};

/// What a step measured on its batch.
pub(crate) struct StepFigures {
    /// The batch's mean loss; may be NaN or infinite (the caller says where it diverged).
    pub loss: f64,
    /// Images of the batch classified right.
    pub correct: u64,
}

/// Updates `model` by one step on `images`/`labels`, its layers behaving as in `mode` (a training
/// run trains; fine-tuning keeps Dropout off and BatchNormalization's moving statistics as they
/// are). The updated model comes back even when the read fails, so a caller keeps a model to show
/// after an error.
pub(crate) async fn gradient_step(
    model: Network,
    optim: &mut AdamOptimizer,
    loss_fn: &CrossEntropyLoss,
    learning_rate: f64,
    images: Tensor<4>,
    labels: Tensor<1, Int>,
    mode: Mode,
) -> (Network, Result<StepFigures, TrainingError>) {
    let (model, loss_value, correct) = on_compute_threads(move || {
        let shards = shard_count(images.dims()[0], compute_threads(&images));
        let BatchGradients { grads, loss, correct, statistics } = batch_gradients(&model, loss_fn, images, labels, shards, mode);
        (optim.step(learning_rate, model, grads).with_moving_statistics(statistics), loss, correct)
    });
    let figures = async {
        let data = Transaction::default()
            .register(loss_value)
            .register(correct)
            .execute_async()
            .await
            .map_err(TrainingError::device)?;
        Ok(StepFigures { loss: read_f64(&data[0])?, correct: read_f64(&data[1])? as u64 })
    }
    .await;
    (model, figures)
}

/// Runs `work` on one of rayon's threads where burn's CPU backend computes on a pool (natively,
/// and in the browser's threaded worker). burn's kernels then start their parallel jobs from
/// inside the pool, where an idle thread steals them, instead of each one being handed in from
/// outside and waking a sleeping thread: a step has hundreds of small jobs at batch 32, and a
/// wake-up costs the most in a browser, where threads sleep in `Atomics.wait`.
#[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
fn on_compute_threads<R: Send>(work: impl FnOnce() -> R + Send) -> R {
    rayon::scope(|_| work())
}

/// The single-threaded worker has no pool: the work runs here.
#[cfg(all(target_arch = "wasm32", not(feature = "threads")))]
fn on_compute_threads<R>(work: impl FnOnce() -> R) -> R {
    work()
}

/// The threads a step on `images`' device computes with: the CPU backend's pool; WebGPU's work
/// is queued on the device from one thread, so it takes the batch whole.
fn compute_threads(images: &Tensor<4>) -> usize {
    if on_cpu_backend(images) { cpu_threads() } else { 1 }
}
