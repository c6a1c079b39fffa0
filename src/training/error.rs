//! Why training, evaluation or prediction could not run.

use thiserror::Error;

use super::memory::{MemoryError, MemoryPlan};

/// Above this learning rate a divergence is blamed on the learning rate itself.
const LARGE_LEARNING_RATE: f64 = 0.01;

/// A training, evaluation or prediction failure, worded for the page.
#[derive(Debug, Error)]
pub enum TrainingError {
    #[error("the model cannot be built: {0}")]
    Spec(#[from] crate::model::SpecError),
    #[error("invalid hyperparameters: {0}")]
    Hyperparameters(String),
    #[error("{0}")]
    Input(String),
    /// The learner's digits cannot be used (malformed, too few, none to hold out).
    #[error("{0}")]
    Digits(#[from] crate::data::DigitsError),
    /// A read-back from the device failed (on WebGPU: device lost, out of memory, ...).
    #[error("the device failed: {0}")]
    Device(String),
    /// The run would need more memory than a browser tab has (see [`super::memory`]).
    #[error("{}", MemoryError::TooLarge(*.0))]
    Memory(MemoryPlan),
    /// A batch's loss was NaN or infinite: the weights have overflowed and training cannot
    /// recover, so the run ends. `epoch` and `batch` are 1-based.
    #[error(
        "the loss became {} at epoch {epoch}, batch {batch}: {}",
        loss_name(*loss),
        divergence_advice(*learning_rate)
    )]
    Diverged {
        epoch: usize,
        batch: usize,
        loss: f32,
        learning_rate: f64,
    },
}

impl From<MemoryError> for TrainingError {
    fn from(error: MemoryError) -> Self {
        match error {
            MemoryError::InvalidModel(e) => Self::Spec(e),
            MemoryError::TooLarge(plan) => Self::Memory(plan),
        }
    }
}

fn loss_name(loss: f32) -> &'static str {
    if loss.is_nan() {
        "NaN"
    } else if loss > 0.0 {
        "infinite"
    } else {
        "minus infinity"
    }
}

fn divergence_advice(learning_rate: f64) -> String {
    if learning_rate > LARGE_LEARNING_RATE {
        format!("the learning rate {learning_rate} is far too large; try 0.001")
    } else {
        "the weights grew until the numbers overflowed; try a smaller learning rate (the \
         tutorial uses 0.001) or a smaller model"
            .to_string()
    }
}

#[cfg(feature = "compute")]
impl TrainingError {
    pub(crate) fn device(e: impl std::fmt::Display) -> Self {
        Self::Device(e.to_string())
    }
}
