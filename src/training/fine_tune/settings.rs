//! How a fine-tuning run is set up; the defaults are what the page's button uses.

use serde::{Deserialize, Serialize};

use crate::training::{MAX_LEARNING_RATE, MIN_LEARNING_RATE};

/// Fine-tuning takes at most this many steps: it is meant to be short.
pub const MAX_FINE_TUNE_STEPS: usize = 5_000;
/// At least this many digits of the learner's are needed.
pub const MIN_DIGITS: usize = 10;
/// The MNIST test images measured before and after are spread over the whole test set.
pub const MNIST_TEST_SET: usize = 10_000;

/// Fine-tuning settings. Missing fields in JSON take their default.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct FineTuneSettings {
    /// Gradient steps (a few hundred: ~15 s in a browser on the CPU).
    pub steps: usize,
    /// Images per step.
    pub batch_size: usize,
    /// Adam's step size: ten times smaller than the tutorial's, so the model moves towards the
    /// learner's digits without forgetting MNIST.
    pub learning_rate: f64,
    /// The share of each batch taken from the learner's digits (at least one), the rest from
    /// MNIST's training images, which keeps the model from forgetting them.
    pub learner_share: f64,
    /// Every `hold_out_every`-th digit of each class is kept aside to measure on (see
    /// [`super::hold_out`]).
    pub hold_out_every: usize,
    /// MNIST test images measured before and after: this many, evenly spread over the 10 000
    /// (every 5th for 2 000: both halves of the test set, whose writers differ).
    pub mnist_test_images: usize,
    /// Distort the batches' images as the augmentation of a training run does.
    pub augment: bool,
    /// Seeds the choice of images and their distortion.
    pub seed: u64,
}

impl Default for FineTuneSettings {
    fn default() -> Self {
        Self {
            steps: 300,
            batch_size: 32,
            learning_rate: 1e-4,
            learner_share: 0.5,
            hold_out_every: 5,
            mnist_test_images: 2_000,
            augment: true,
            seed: 42,
        }
    }
}

impl FineTuneSettings {
    /// The learner's digits in each batch: `learner_share` of it, at least one, at most all.
    pub fn learner_per_batch(&self) -> usize {
        ((self.batch_size as f64 * self.learner_share).round() as usize).clamp(1, self.batch_size)
    }

    /// Checks each value against its range; the message names it, the range and the value.
    pub fn validate(&self) -> Result<(), String> {
        let whole = |name: &str, value: usize, min: usize, max: usize| {
            if (min..=max).contains(&value) {
                Ok(())
            } else {
                Err(format!(
                    "{name} must be between {min} and {max}, not {value}"
                ))
            }
        };
        whole("the fine-tuning steps", self.steps, 1, MAX_FINE_TUNE_STEPS)?;
        whole("the batch size", self.batch_size, 1, 1_024)?;
        whole(
            "every how many digits one is kept aside",
            self.hold_out_every,
            2,
            100,
        )?;
        whole(
            "the MNIST test images",
            self.mnist_test_images,
            1,
            MNIST_TEST_SET,
        )?;
        if !(MIN_LEARNING_RATE..=MAX_LEARNING_RATE).contains(&self.learning_rate) {
            return Err(format!(
                "the learning rate must be between {MIN_LEARNING_RATE} and {MAX_LEARNING_RATE}, not {}",
                self.learning_rate
            ));
        }
        if !(self.learner_share > 0.0 && self.learner_share <= 1.0) {
            return Err(format!(
                "the share of your digits in a batch must be above 0 and at most 1, not {}",
                self.learner_share
            ));
        }
        Ok(())
    }
}
