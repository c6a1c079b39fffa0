//! Training, evaluation and prediction: ConvLab's own loop on burn, device-agnostic, with only
//! async reads from the device so the same code runs on WebGPU in a browser worker.
//!
//! The settings (`crate::hyperparameters`, re-exported here), their limits, the events and the
//! memory estimate (`memory`) are plain data, so the page uses them without burn; the loop
//! itself needs the `compute` feature.

#[cfg(feature = "compute")]
pub mod adam;
#[cfg(feature = "compute")]
pub mod batch_shards;
#[cfg(feature = "compute")]
pub mod checkpoint;
pub mod early_stopping;
mod error;
#[cfg(feature = "compute")]
pub(crate) mod evaluate;
mod events;
pub mod fine_tune;
#[cfg(feature = "compute")]
mod gradient_step;
mod learner_digits;
#[cfg(feature = "compute")]
mod init;
pub mod memory;
pub mod time_left;
#[cfg(feature = "compute")]
pub(crate) mod trainer;
#[cfg(feature = "compute")]
mod training_core;

pub use error::TrainingError;
#[cfg(feature = "compute")]
pub use evaluate::{Evaluation, evaluate, predict};
#[cfg(feature = "compute")]
pub use fine_tune::FineTuner;
pub use fine_tune::{FineTuneEvent, FineTuneFigures, FineTuneReport, FineTuneSettings};
pub use events::{BatchProgress, EarlyStop, EpochSummary, FinishedSummary, PartialEpoch, TrainingEvent, ValidationProgress};
pub use crate::hyperparameters::{
    Hyperparameters, MAX_EPOCHS, MAX_IMAGES, MAX_LEARNING_RATE, MIN_LEARNING_RATE,
};
pub use learner_digits::with_learner_digits;
pub use memory::{MemoryError, MemoryPlan, VALIDATION_BATCH};
#[cfg(feature = "compute")]
pub use checkpoint::{Checkpoint, CheckpointError, Position};
#[cfg(feature = "compute")]
pub use trainer::{Clock, Trainer};
