//! The two layers that act differently while training and predicting: Dropout and Keras'
//! BatchNormalization, with the batch statistics a training step hands back.

use burn::module::Param;
use burn::prelude::*;
use burn::tensor::Distribution;
use burn::tensor::module::{batch_norm, batch_norm_train};

use super::Mode;

/// Zeroes inputs at random while training (see [`LayerSpec::Dropout`]); nothing when predicting.
#[derive(Module, Debug)]
pub struct DropoutBlock {
    #[module(skip)]
    pub(super) rate: f64,
}

/// Keras' BatchNormalization: per channel (image) or unit (vector) a scale γ and shift β, which
/// gradient steps train, and the moving mean and variance, which [`Network::with_moving_statistics`]
/// averages after each step and predictions use. The moving statistics are parameters without
/// gradients so that burnpack saves them with the rest.
#[derive(Module, Debug)]
pub struct BatchNormBlock {
    pub(super) gamma: Param<Tensor<1>>,
    pub(super) beta: Param<Tensor<1>>,
    pub(super) moving_mean: Param<Tensor<1>>,
    pub(super) moving_variance: Param<Tensor<1>>,
}

/// Keras' BatchNormalization defaults. The moving statistics follow
/// moving = MOMENTUM × moving + (1 − MOMENTUM) × batch statistic (burn's own `BatchNorm` weighs
/// the other way round: its momentum is the new statistic's weight).
pub const BATCH_NORM_MOMENTUM: f64 = 0.99;
pub const BATCH_NORM_EPSILON: f64 = 1e-3;

/// The mean and (biased) variance each BatchNormalization layer saw in a training batch, by
/// layer index: what [`Network::with_moving_statistics`] averages into the moving statistics.
#[derive(Clone, Debug, Default)]
pub struct BatchStatistics {
    pub(super) layers: Vec<(usize, Tensor<1>, Tensor<1>)>,
}

impl BatchStatistics {
    /// Whether no layer recorded statistics (a model without BatchNormalization).
    pub fn is_empty(&self) -> bool {
        self.layers.is_empty()
    }
}

/// `moving` × momentum + `batch` × (1 − momentum), as a parameter with the same id and no
/// gradient (gradient steps never change it).
pub(super) fn moved(moving: &Param<Tensor<1>>, batch: Tensor<1>) -> Param<Tensor<1>> {
    let value = moving.val().detach() * BATCH_NORM_MOMENTUM + batch.detach() * (1.0 - BATCH_NORM_MOMENTUM);
    Param::initialized(moving.id, value)
}

impl DropoutBlock {
    /// While training each value is kept with probability 1 − rate and scaled by 1/(1 − rate),
    /// so its expected value is unchanged; predicting passes `x` through.
    pub(super) fn forward<const D: usize>(&self, x: Tensor<D>, mode: Mode) -> Tensor<D> {
        if mode == Mode::Inference || self.rate == 0.0 {
            return x;
        }
        let keep = 1.0 - self.rate;
        let kept = x.random_like(Distribution::Bernoulli(keep));
        x * kept / keep
    }
}

impl BatchNormBlock {
    /// Normalises over every axis but the channels (axis 1): batch × height × width for images,
    /// the batch for vectors.
    pub(super) fn forward<const D: usize>(&self, x: Tensor<D>, mode: Mode) -> (Tensor<D>, Option<(Tensor<1>, Tensor<1>)>) {
        let (gamma, beta) = (self.gamma.val(), self.beta.val());
        match mode {
            Mode::Training => {
                let batch = batch_norm_train(x, gamma, beta, BATCH_NORM_EPSILON);
                (batch.output, Some((batch.mean, batch.variance)))
            }
            Mode::Inference => {
                // Detached: fine-tuning runs in this mode and must not train them.
                let (mean, variance) = (self.moving_mean.val().detach(), self.moving_variance.val().detach());
                (batch_norm(x, gamma, beta, mean, variance, BATCH_NORM_EPSILON), None)
            }
        }
    }
}
