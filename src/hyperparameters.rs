//! What the learner sets before pressing Train; the defaults are the tutorial's.
//!
//! Plain data with no dependencies, beside `model` and `training` rather than in either: the
//! training loop reads it, and a model's files (the share link, the Keras script, the weights
//! file's header) carry it. `training` re-exports it, as `training::Hyperparameters`.

use serde::{Deserialize, Serialize};

/// At most this many epochs.
pub const MAX_EPOCHS: usize = 1000;
/// A batch or training subset larger than MNIST's training set makes no sense.
pub const MAX_IMAGES: usize = 60_000;
/// Adam's step size must lie in `MIN_LEARNING_RATE..=MAX_LEARNING_RATE`: below, nothing is
/// learnt in any number of epochs; above, every run diverges at once (and 1e308 overflows the
/// weights on the first step).
pub const MIN_LEARNING_RATE: f64 = 1e-6;
pub const MAX_LEARNING_RATE: f64 = 10.0;

/// Training settings. Missing fields in JSON take their default, so the page may send only what
/// the learner changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct Hyperparameters {
    /// Passes over the training set (the tutorial: 5).
    pub epochs: usize,
    /// Images per gradient step (Keras' default: 32).
    pub batch_size: usize,
    /// Adam's step size (Keras' default: 0.001).
    pub learning_rate: f64,
    /// Seeds the weight initialisation and the shuffling: same seed, same backend, same run.
    pub seed: u64,
    /// Train on the first `n` training images only (a quick run); `None`: all 60 000.
    pub train_subset: Option<usize>,
    /// Distort each training image the way people draw (`crate::augment`); off in the tutorial.
    /// Records and links from before this setting existed read as off.
    pub augment: bool,
    /// Keras' `EarlyStopping(monitor="val_loss", patience=n, restore_best_weights=True)`: end the
    /// run once the validation loss has not improved for `n` epochs in a row, and keep the
    /// weights of its best epoch. `None` (the tutorial, and records from before it existed):
    /// every epoch runs.
    pub early_stopping: Option<usize>,
}

impl Default for Hyperparameters {
    fn default() -> Self {
        Self {
            epochs: 5,
            batch_size: 32,
            learning_rate: 1e-3,
            seed: 42,
            train_subset: None,
            augment: false,
            early_stopping: None,
        }
    }
}

impl Hyperparameters {
    /// Checks the values a form or a link can get wrong against the limits above; the message
    /// says which one, its allowed range and the value given.
    pub fn validate(&self) -> Result<(), String> {
        let whole = |name: &str, value: usize, max: usize| {
            if (1..=max).contains(&value) {
                Ok(())
            } else {
                Err(format!("{name} must be between 1 and {max}, not {value}"))
            }
        };
        whole("epochs", self.epochs, MAX_EPOCHS)?;
        whole("batch size", self.batch_size, MAX_IMAGES)?;
        if let Some(subset) = self.train_subset {
            whole("the training subset (images)", subset, MAX_IMAGES)?;
        }
        if let Some(patience) = self.early_stopping {
            whole("early stopping's patience (epochs)", patience, MAX_EPOCHS)?;
        }
        // NaN fails the range test too.
        if !(MIN_LEARNING_RATE..=MAX_LEARNING_RATE).contains(&self.learning_rate) {
            return Err(format!(
                "learning rate must be between {MIN_LEARNING_RATE} and {MAX_LEARNING_RATE}, not {}; \
                 the tutorial uses 0.001",
                readable(self.learning_rate)
            ));
        }
        Ok(())
    }
}

/// A number as a learner would write it: `1e308` rather than 309 digits.
fn readable(value: f64) -> String {
    let magnitude = value.abs();
    if value.is_finite() && (magnitude >= 1e6 || (magnitude > 0.0 && magnitude < 1e-4)) {
        format!("{value:e}")
    } else {
        value.to_string()
    }
}
