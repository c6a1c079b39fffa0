//! What fine-tuning reports: plain serde data, sent by the worker to the page as is.

use serde::{Deserialize, Serialize};

use crate::training::BatchProgress;

/// The two figures measured before and after fine-tuning.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct FineTuneFigures {
    /// Accuracy on the learner's held-out digits (never trained on): the gain.
    pub held_out_accuracy: f32,
    pub held_out_loss: f32,
    /// Accuracy on the MNIST test images measured: what was forgotten, if anything.
    pub mnist_accuracy: f32,
    pub mnist_loss: f32,
}

/// A finished fine-tuning: the figures before and after, and what they were measured on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FineTuneReport {
    pub before: FineTuneFigures,
    pub after: FineTuneFigures,
    pub steps: usize,
    /// The learner's digits trained on and those kept aside to measure on.
    pub train_digits: usize,
    pub held_out_digits: usize,
    /// The held-out digits' labels, in the order kept (so the page can say which they were).
    #[serde(default)]
    pub held_out_labels: Vec<u8>,
    /// MNIST test images measured (spread over the test set).
    pub mnist_test_images: usize,
    /// Classes the learner gave no digit of: the model learnt nothing new about them.
    pub missing_classes: Vec<u8>,
}

/// Which measurement a [`FineTuneEvent::Measuring`] belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Moment {
    Before,
    After,
}

/// One report from `FineTuner::step`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum FineTuneEvent {
    /// Part of a measurement was done: `done` of `total` images (held-out digits, then MNIST).
    Measuring {
        moment: Moment,
        done: usize,
        total: usize,
    },
    /// The figures before any step.
    Before(FineTuneFigures),
    /// A step was done; `epoch` is always 1 of 1, `batch` the step, `batches` the steps.
    Step(BatchProgress),
    /// All steps done and the figures measured again. Later steps return `None`.
    Finished(FineTuneReport),
    /// Stop ended it after `steps` steps; the model it started from is unchanged.
    Stopped { steps: usize },
}
