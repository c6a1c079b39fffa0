//! Training, evaluation and prediction: ConvLab's own loop on burn, device-agnostic, with only
//! async reads from the device so the same code runs on WebGPU in a browser worker.

mod error;
mod evaluate;
mod events;
mod hyperparameters;
mod init;
mod trainer;

pub use error::TrainingError;
pub use evaluate::{Evaluation, evaluate, predict};
pub use events::{BatchProgress, EpochSummary, FinishedSummary, TrainingEvent, ValidationProgress};
pub use hyperparameters::Hyperparameters;
pub use trainer::{Clock, Trainer, VALIDATION_BATCH};
