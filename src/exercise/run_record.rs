//! A finished training run as ConvLab records it, so runs can be compared, reloaded and
//! exported. Plain serde data: the page stores it as JSON in IndexedDB.

use serde::{Deserialize, Serialize};

use crate::model::ModelSpec;
use crate::model::share_link::encode_model;
use crate::training::{EarlyStop, EpochSummary, Hyperparameters, PartialEpoch};

/// MNIST's training set size, used when no subset was asked for.
pub const TRAIN_IMAGES: usize = 60_000;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    /// The store's key; `None` until stored (and then left out of the JSON, so the store can
    /// number it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<u32>,
    /// When the run finished, as an ISO 8601 time.
    pub finished_at: String,
    pub spec: ModelSpec,
    /// Epochs, batch size, learning rate, seed and training subset.
    pub hyperparameters: Hyperparameters,
    /// Test images used for validation and the final test.
    pub validation_images: usize,
    pub params: usize,
    /// Which backend trained, e.g. "CPU" or "WebGPU (nvidia)".
    pub backend: String,
    /// How many of the learner's own digits were added to the training images (0 in records
    /// from before they could be).
    #[serde(default)]
    pub learner_digits: usize,
    /// True when Stop ended the run before its last epoch.
    pub stopped: bool,
    /// Why training ended early when its loss stopped being a finite number (NaN or
    /// infinite); such a run has no test figures. Absent in records from before it existed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub diverged: Option<String>,
    /// One entry per completed epoch: the curves.
    pub epochs: Vec<EpochSummary>,
    /// The epoch Stop cut short, with its training figures so far; absent otherwise (and in
    /// records from before it existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub partial_epoch: Option<PartialEpoch>,
    /// Early stopping ended the run, and the model kept the weights of its best epoch; absent
    /// otherwise (and in records from before it existed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub early_stop: Option<EarlyStop>,
    /// The final model on the test images; `None` for a diverged run.
    pub test_loss: Option<f32>,
    pub test_accuracy: Option<f32>,
}

impl RunRecord {
    /// The model in the share link's compact form, e.g. `c32.k3.same.relu-p2-…`.
    pub fn model_code(&self) -> String {
        encode_model(&self.spec)
    }

    /// How the run ended, in a word for tables: "", "stopped", "stopped early" or "diverged".
    pub fn ending(&self) -> &'static str {
        match (&self.diverged, self.stopped, &self.early_stop) {
            (Some(_), _, _) => "diverged",
            (None, true, _) => "stopped",
            (None, false, Some(_)) => "stopped early",
            (None, false, None) => "",
        }
    }

    /// How the run ended, in words for the page: "", "diverged", "stopped", where Stop cut an
    /// epoch short ("stopped in epoch 2, after batch 44 of 200"), or where early stopping ended
    /// it ("stopped early after epoch 7, weights of epoch 4").
    pub fn ending_words(&self) -> String {
        match (self.ending(), &self.partial_epoch, &self.early_stop) {
            ("stopped", Some(p), _) => format!("stopped in epoch {}, after batch {} of {}", p.epoch, p.batch, p.batches),
            ("stopped early", _, Some(e)) => format!("stopped early after epoch {}, weights of epoch {}", e.after_epoch, e.best_epoch),
            (ending, _, _) => ending.to_string(),
        }
    }

    pub fn train_images(&self) -> usize {
        self.hyperparameters.train_subset.unwrap_or(TRAIN_IMAGES)
    }

    /// Mean wall time per completed epoch, validation included; `None` before any epoch ended.
    pub fn seconds_per_epoch(&self) -> Option<f64> {
        mean(self.epochs.iter().map(|e| e.seconds))
    }

    /// Mean training throughput over the completed epochs; for a run stopped in its first
    /// epoch, that epoch's throughput so far.
    pub fn samples_per_sec(&self) -> Option<f64> {
        mean(self.epochs.iter().map(|e| e.samples_per_sec)).or_else(|| {
            let p = self.partial_epoch.as_ref()?;
            (p.train_seconds > 0.0).then(|| p.samples as f64 / p.train_seconds)
        })
    }

    /// (epoch, validation accuracy) per completed epoch, for the overlay chart.
    pub fn val_accuracy_curve(&self) -> Vec<(f64, f64)> {
        self.epochs
            .iter()
            .map(|e| (e.epoch as f64, e.val_accuracy as f64))
            .collect()
    }
}

fn mean(values: impl Iterator<Item = f64>) -> Option<f64> {
    let (sum, count) = values.fold((0.0, 0usize), |(sum, count), v| (sum + v, count + 1));
    (count > 0).then(|| sum / count as f64)
}
