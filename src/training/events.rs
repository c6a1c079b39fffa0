//! What the trainer reports; plain serde data, sent by the worker to the page as is.

use serde::{Deserialize, Serialize};

/// One report from [`super::Trainer::step`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type")]
pub enum TrainingEvent {
    /// A training batch was done.
    Batch(BatchProgress),
    /// A chunk of the end-of-epoch validation was done (it is split so Stop stays responsive).
    Validating(ValidationProgress),
    /// An epoch ended, validation included.
    Epoch(EpochSummary),
    /// Training ended: all epochs done, or stopped. Later steps return `None`.
    Finished(FinishedSummary),
}

/// Progress within an epoch, like the Keras progress bar.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchProgress {
    /// 1-based epoch.
    pub epoch: usize,
    pub epochs: usize,
    /// 1-based batch within the epoch, of `batches`.
    pub batch: usize,
    pub batches: usize,
    /// Mean loss over the epoch's samples so far (what Keras shows).
    #[serde(deserialize_with = "float_or_nan")]
    pub loss: f32,
    /// Accuracy over the epoch's samples so far.
    #[serde(deserialize_with = "float_or_nan")]
    pub accuracy: f32,
    /// Loss of this batch alone.
    #[serde(deserialize_with = "float_or_nan")]
    pub batch_loss: f32,
    /// Samples trained on in this epoch so far.
    pub samples: usize,
    /// Training throughput in this epoch so far.
    pub samples_per_sec: f64,
}

/// Progress of the validation at the end of an epoch.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ValidationProgress {
    pub epoch: usize,
    /// Test images evaluated so far, of `total`.
    pub done: usize,
    pub total: usize,
}

/// The end of an epoch, like the Keras line "loss: … accuracy: … val_loss: … val_accuracy: …".
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EpochSummary {
    pub epoch: usize,
    pub epochs: usize,
    #[serde(deserialize_with = "float_or_nan")]
    pub loss: f32,
    #[serde(deserialize_with = "float_or_nan")]
    pub accuracy: f32,
    /// May be NaN or infinite when the weights overflowed in the epoch's last batch.
    #[serde(deserialize_with = "float_or_nan")]
    pub val_loss: f32,
    #[serde(deserialize_with = "float_or_nan")]
    pub val_accuracy: f32,
    /// Wall time of the epoch, validation included.
    pub seconds: f64,
    /// Wall time of the training part alone.
    pub train_seconds: f64,
    /// Training samples per second (training part alone).
    pub samples_per_sec: f64,
}

/// How training ended.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FinishedSummary {
    /// True when [`super::Trainer::stop`] ended it early.
    pub stopped: bool,
    /// Epochs completed, validation included.
    pub epochs_completed: usize,
    /// Gradient steps taken in all.
    pub steps: usize,
    /// The epoch Stop cut short, when it cut one: its training figures up to the last batch
    /// done. Absent when the run ended at an epoch's end (and in reports from before it existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial_epoch: Option<PartialEpoch>,
    /// Early stopping ended the run (see `Hyperparameters::early_stopping`): the model has the
    /// weights of the best epoch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub early_stop: Option<EarlyStop>,
}

/// How and why a run stopped early, for the epoch table and the run's record.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct EarlyStop {
    /// The last epoch trained (1-based).
    pub after_epoch: usize,
    /// Epochs in a row without a lower validation loss (the patience).
    pub patience: usize,
    /// The epoch whose weights the model keeps, and its validation loss.
    pub best_epoch: usize,
    pub best_val_loss: f32,
}

/// An epoch that Stop ended before its validation: what its batches so far measured. Its
/// validation figures do not exist (the model was never measured on the test images at this
/// point of the epoch), so it is not an [`EpochSummary`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PartialEpoch {
    /// 1-based epoch.
    pub epoch: usize,
    pub epochs: usize,
    /// Batches done of the epoch's `batches`.
    pub batch: usize,
    pub batches: usize,
    /// Running mean loss and accuracy over the epoch's batches done.
    #[serde(deserialize_with = "float_or_nan")]
    pub loss: f32,
    #[serde(deserialize_with = "float_or_nan")]
    pub accuracy: f32,
    /// Training images seen in this epoch.
    pub samples: usize,
    /// Wall time of the epoch's training so far.
    pub train_seconds: f64,
}

/// JSON has no NaN or infinity: serde_json writes them as `null`. Reads `null` back as NaN, so
/// an event with a non-finite loss still crosses from the worker to the page (and into the
/// stored runs) instead of failing to decode.
fn float_or_nan<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<f32, D::Error> {
    Ok(Option::<f32>::deserialize(deserializer)?.unwrap_or(f32::NAN))
}
