//! Why training, evaluation or prediction could not run.

use thiserror::Error;

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
}

#[cfg(feature = "compute")]
impl TrainingError {
    pub(crate) fn device(e: impl std::fmt::Display) -> Self {
        Self::Device(e.to_string())
    }
}
