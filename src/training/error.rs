//! Why training, evaluation or prediction could not run.

use thiserror::Error;

use super::memory::{MemoryError, MemoryPlan};

/// A training, evaluation or prediction failure, worded for the page.
#[derive(Debug, Error)]
pub enum TrainingError {
    #[error("the model cannot be built: {0}")]
    Spec(#[from] crate::model::SpecError),
    #[error("invalid hyperparameters: {0}")]
    Hyperparameters(String),
    #[error("{0}")]
    Input(String),
    /// A read-back from the device failed (on WebGPU: device lost, out of memory, ...).
    #[error("the device failed: {0}")]
    Device(String),
    /// The run would need more memory than a browser tab has (see [`super::memory`]).
    #[error("{}", MemoryError::TooLarge(*.0))]
    Memory(MemoryPlan),
}

impl From<MemoryError> for TrainingError {
    fn from(error: MemoryError) -> Self {
        match error {
            MemoryError::InvalidModel(e) => Self::Spec(e),
            MemoryError::TooLarge(plan) => Self::Memory(plan),
        }
    }
}

#[cfg(feature = "compute")]
impl TrainingError {
    pub(crate) fn device(e: impl std::fmt::Display) -> Self {
        Self::Device(e.to_string())
    }
}
