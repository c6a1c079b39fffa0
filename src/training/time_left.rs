//! How long a run has left, from its latest batch report: the rest of this epoch at the speed
//! it trains now, then every later epoch at the time the last finished one took (its
//! validation included), or at the training speed alone before one has finished.

use super::BatchProgress;

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TimeLeft {
    /// Seconds until this epoch's training part ends.
    pub this_epoch: f64,
    /// Seconds until the whole run (every epoch) ends.
    pub whole_run: f64,
}

/// `None` before the speed is known. `last_epoch_seconds` is the wall time of the last
/// finished epoch of this run, validation included.
pub fn time_left(progress: &BatchProgress, batch_size: usize, last_epoch_seconds: Option<f64>) -> Option<TimeLeft> {
    if !(progress.samples_per_sec > 0.0) {
        return None;
    }
    let per_batch = batch_size.max(1) as f64 / progress.samples_per_sec;
    let this_epoch = progress.batches.saturating_sub(progress.batch) as f64 * per_batch;
    let later_epochs = progress.epochs.saturating_sub(progress.epoch) as f64;
    let per_epoch = last_epoch_seconds.filter(|s| *s > 0.0).unwrap_or(progress.batches as f64 * per_batch);
    Some(TimeLeft { this_epoch, whole_run: this_epoch + later_epochs * per_epoch })
}
