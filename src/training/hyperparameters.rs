//! What the learner sets before pressing Train; the defaults are the tutorial's.

use serde::{Deserialize, Serialize};

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
}

impl Default for Hyperparameters {
    fn default() -> Self {
        Self {
            epochs: 5,
            batch_size: 32,
            learning_rate: 1e-3,
            seed: 42,
            train_subset: None,
        }
    }
}

impl Hyperparameters {
    /// Checks the values a form can get wrong; the message says which one and why.
    pub fn validate(&self) -> Result<(), String> {
        if self.epochs == 0 {
            return Err("epochs must be at least 1".into());
        }
        if self.batch_size == 0 {
            return Err("batch size must be at least 1".into());
        }
        if !(self.learning_rate.is_finite() && self.learning_rate > 0.0) {
            return Err(format!(
                "learning rate must be a positive number, not {}",
                self.learning_rate
            ));
        }
        if self.train_subset == Some(0) {
            return Err("the training subset must hold at least 1 image".into());
        }
        Ok(())
    }
}
