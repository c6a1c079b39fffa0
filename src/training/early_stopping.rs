//! Early stopping as Keras does it with `EarlyStopping(monitor="val_loss", patience=n,
//! restore_best_weights=True)`: after each epoch, a validation loss lower than every one before
//! is the new best (its weights are kept aside); otherwise one more epoch has waited, and after
//! `n` such epochs in a row the run ends and takes the best epoch's weights back. A run that
//! ends by running all its epochs keeps its last weights, as in Keras.
//!
//! Generic over what "the weights" are, so the rule is tested without a network.

use super::events::{EarlyStop, EpochSummary};

/// Watches the validation loss epoch by epoch.
pub struct Watch<W> {
    patience: usize,
    best: Option<(usize, f32, W)>,
    waited: usize,
}

impl<W> Watch<W> {
    /// Stops after `patience` epochs (at least 1) without improvement.
    pub fn new(patience: usize) -> Self {
        Self { patience: patience.max(1), best: None, waited: 0 }
    }

    /// Epoch `epoch` (1-based) ended with `val_loss`; `weights` gives its weights, taken only when
    /// they are the best so far. Returns the stop when this epoch used up the patience. A NaN or
    /// infinite loss is never an improvement.
    pub fn epoch_ended(&mut self, epoch: usize, val_loss: f32, weights: impl FnOnce() -> W) -> Option<EarlyStop> {
        let improved = val_loss.is_finite() && self.best.as_ref().is_none_or(|(_, best, _)| val_loss < *best);
        if improved {
            self.best = Some((epoch, val_loss, weights()));
            self.waited = 0;
            return None;
        }
        self.waited += 1;
        if self.waited < self.patience {
            return None;
        }
        let (best_epoch, best_val_loss) = self.best.as_ref().map_or((epoch, val_loss), |(e, l, _)| (*e, *l));
        Some(EarlyStop { after_epoch: epoch, patience: self.patience, best_epoch, best_val_loss })
    }

    /// The best epoch's weights, once the watch has said stop (none when no epoch had a finite
    /// validation loss: the model then keeps its last weights).
    pub fn into_best_weights(self) -> Option<W> {
        self.best.map(|(_, _, weights)| weights)
    }
}

/// The epoch (1-based) with the lowest finite validation loss, the first of equals: the one
/// early stopping would keep. `None` when no epoch has a finite one.
pub fn lowest_val_loss(epochs: &[EpochSummary]) -> Option<usize> {
    let mut best: Option<(usize, f32)> = None;
    for e in epochs.iter().filter(|e| e.val_loss.is_finite()) {
        if best.is_none_or(|(_, loss)| e.val_loss < loss) {
            best = Some((e.epoch, e.val_loss));
        }
    }
    best.map(|(epoch, _)| epoch)
}
