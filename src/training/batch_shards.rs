//! A batch's gradients computed in shards, one per compute thread, each on its own autodiff
//! graph, then summed: data parallelism inside one step.
//!
//! Why: at batch 32 a step is a few hundred operations of well under a millisecond each. When
//! each of those is split across the threads, every one of them wakes the other threads and waits
//! for them (in a browser they sleep in `Atomics.wait`), and the second thread adds little.
//! Split the batch instead and each thread runs whole forward and backward passes on its part
//! with one join per step.
//!
//! The sum is the full batch's gradient: each shard's mean loss is weighted by its share of the
//! batch, so the weighted losses add up to the batch's mean loss and their gradients to its
//! gradient (to float rounding). A model with BatchNormalization is the exception: in training
//! it normalises with statistics across the batch's images, so its batches go through whole, as
//! in Keras (shards would each normalise by their own few images).

use burn::module::{Module, ModuleMapper, ModuleVisitor, Param};
use burn::nn::loss::CrossEntropyLoss;
use burn::optim::GradientsParams;
use burn::prelude::*;

use crate::model::network::BatchStatistics;
use crate::model::{Mode, Network};

use super::evaluate::correct_count;

/// The fewest images a shard gets, so that with many threads a shard's operations stay large
/// enough to be worth a thread; spare threads still help inside the shards' operations. A choice,
/// not a measurement: this machine has two threads, so only two shards of 16 were measured.
pub const MIN_SHARD_IMAGES: usize = 8;

/// How many shards a batch of `batch` images is split into with `threads` compute threads.
pub fn shard_count(batch: usize, threads: usize) -> usize {
    threads.min(batch / MIN_SHARD_IMAGES).max(1)
}

/// The sizes of `shards` consecutive shards of `batch` images, as even as they can be.
pub fn shard_sizes(batch: usize, shards: usize) -> Vec<usize> {
    let shards = shards.clamp(1, batch.max(1));
    (0..shards).map(|i| batch / shards + usize::from(i < batch % shards)).collect()
}

/// What one batch gave: the gradient of its mean loss, that loss and the images classified right.
pub struct BatchGradients {
    pub grads: GradientsParams,
    pub loss: Tensor<1>,
    pub correct: Tensor<1, Int>,
    /// What BatchNormalization layers saw, in [`Mode::Training`] (then there is one shard).
    pub statistics: BatchStatistics,
}

/// The gradients of `loss_fn`'s mean over the batch with respect to `model`'s parameters,
/// computed in `shards` shards (one is the plain forward and backward pass; always one for a
/// model whose training mixes the batch's images, see [`Network::mixes_batch`]), with the layers
/// behaving as in `mode`.
pub fn batch_gradients(
    model: &Network,
    loss_fn: &CrossEntropyLoss,
    images: Tensor<4>,
    labels: Tensor<1, Int>,
    shards: usize,
    mode: Mode,
) -> BatchGradients {
    let batch = images.dims()[0];
    let whole = mode == Mode::Training && model.mixes_batch();
    let sizes = shard_sizes(batch, if whole { 1 } else { shards });
    if sizes.len() == 1 {
        return shard_gradients(model, loss_fn, images, labels, 1.0, mode);
    }
    let mut start = 0;
    let work: Vec<_> = sizes
        .iter()
        .map(|&size| {
            let part = (
                images.clone().narrow(0, start, size),
                labels.clone().narrow(0, start, size),
                size as f64 / batch as f64,
                // Fresh leaves: shards sharing the parameters' autodiff nodes would share one
                // graph, and burn runs one graph's backward passes one at a time.
                model.clone().map(&mut FreshLeaves),
            );
            start += size;
            part
        })
        .collect();
    let mut parts = run_shards(work, |(images, labels, weight, shard_model)| {
        shard_gradients(&shard_model, loss_fn, images, labels, weight, mode)
    });
    let mut total = parts.remove(0);
    for part in parts {
        let mut adder = AddGradients { total: &mut total.grads, part: part.grads };
        model.visit(&mut adder);
        total.loss = total.loss + part.loss;
        total.correct = total.correct + part.correct;
    }
    total
}

/// Forward and backward on one shard, its mean loss weighted by `weight`.
fn shard_gradients(
    model: &Network,
    loss_fn: &CrossEntropyLoss,
    images: Tensor<4>,
    labels: Tensor<1, Int>,
    weight: f64,
    mode: Mode,
) -> BatchGradients {
    let (logits, statistics) = match mode {
        Mode::Training => model.forward_training(images),
        Mode::Inference => (model.forward(images), BatchStatistics::default()),
    };
    let correct = correct_count(logits.clone(), labels.clone());
    let mut loss = loss_fn.forward(logits, labels);
    if weight != 1.0 {
        loss = loss * weight;
    }
    let grads = GradientsParams::from_grads(loss.backward(), model);
    BatchGradients { grads, loss: loss.detach(), correct, statistics }
}

/// Each shard on a thread of rayon's pool, results in shard order.
#[cfg(any(not(target_arch = "wasm32"), feature = "threads"))]
fn run_shards<W: Send, R: Send>(work: Vec<W>, shard: impl Fn(W) -> R + Sync + Send) -> Vec<R> {
    use rayon::prelude::*;
    work.into_par_iter().with_max_len(1).map(shard).collect()
}

/// The single-threaded worker has one thread and never asks for more than one shard.
#[cfg(all(target_arch = "wasm32", not(feature = "threads")))]
fn run_shards<W, R>(work: Vec<W>, shard: impl Fn(W) -> R) -> Vec<R> {
    work.into_iter().map(shard).collect()
}

/// Gives every tracked parameter a new autodiff leaf holding the same values, with the same
/// parameter id (so the gradients still name the model's parameters).
struct FreshLeaves;

impl ModuleMapper for FreshLeaves {
    fn map_float<const D: usize>(&mut self, param: Param<Tensor<D>>) -> Param<Tensor<D>> {
        let (id, tensor, mapper) = param.consume();
        let tensor = if tensor.is_require_grad() { tensor.detach().require_grad() } else { tensor };
        Param::from_mapped_value(id, tensor, mapper)
    }
}

/// Adds one shard's gradients into the total, parameter by parameter.
struct AddGradients<'a> {
    total: &'a mut GradientsParams,
    part: GradientsParams,
}

impl ModuleVisitor for AddGradients<'_> {
    fn visit_float<const D: usize>(&mut self, param: &Param<Tensor<D>>) {
        let Some(part) = self.part.remove::<D>(param.id) else { return };
        let sum = match self.total.remove::<D>(param.id) {
            Some(total) => total + part,
            None => part,
        };
        self.total.register(param.id, sum);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_the_batch_evenly() {
        assert_eq!(shard_sizes(32, 2), vec![16, 16]);
        assert_eq!(shard_sizes(33, 4), vec![9, 8, 8, 8]);
        assert_eq!(shard_sizes(5, 1), vec![5]);
        assert_eq!(shard_sizes(3, 8), vec![1, 1, 1]);
        for batch in 1..100 {
            for shards in 1..10 {
                let sizes = shard_sizes(batch, shards);
                assert_eq!(sizes.iter().sum::<usize>(), batch);
                assert!(sizes.iter().max().unwrap() - sizes.iter().min().unwrap() <= 1);
            }
        }
    }

    #[test]
    fn one_shard_per_thread_while_shards_keep_enough_images() {
        assert_eq!(shard_count(32, 1), 1);
        assert_eq!(shard_count(32, 2), 2);
        assert_eq!(shard_count(32, 16), 4);
        assert_eq!(shard_count(128, 16), 16);
        assert_eq!(shard_count(15, 2), 1);
        assert_eq!(shard_count(1, 8), 1);
    }
}
