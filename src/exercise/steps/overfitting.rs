//! The course's lesson on overfitting: the tutorial model trained long on few images (1 000
//! images, 15 epochs), then with dropout, then with early stopping, and the rules that judge
//! the learner's predictions against those runs' epoch summaries.
//!
//! Time budget (the lesson must fit in about 3 minutes on a 2-core laptop): one run trains
//! 15 epochs × 1 000 images = 15 000 samples, about 19 s at the ~800 samples/s measured in the
//! browser, and validates 15 × 2 000 images, which the forward pass alone does several times
//! faster (under 15 s), plus the final test on the same 2 000: under 40 s a run, so the three
//! runs of the lesson (without dropout, with it, with early stopping) take about 2 minutes.

use crate::model::ModelSpec;
use crate::training::early_stopping::{Watch, lowest_val_loss};
use crate::training::{EpochSummary, Hyperparameters};

/// Training images of the lesson's runs: few enough for the model to learn them by heart.
pub const LESSON_IMAGES: usize = 1_000;
/// Epochs of the lesson's runs: long enough for the validation loss to turn up.
pub const LESSON_EPOCHS: usize = 15;
/// Test images the lesson's runs validate on (a fifth of the test set, to keep runs short).
pub const LESSON_VALIDATION_IMAGES: usize = 2_000;
/// Early stopping's patience in the lesson.
pub const LESSON_PATIENCE: usize = 3;

/// The lesson's training settings, keeping the learner's others (batch size, learning rate,
/// seed): every epoch runs, without augmentation, so the curves show overfitting.
pub fn lesson_run(settings: &Hyperparameters) -> Hyperparameters {
    Hyperparameters { epochs: LESSON_EPOCHS, train_subset: Some(LESSON_IMAGES), augment: false, early_stopping: None, ..settings.clone() }
}

/// The lesson's settings with early stopping at [`LESSON_PATIENCE`].
pub fn lesson_run_with_early_stopping(settings: &Hyperparameters) -> Hyperparameters {
    Hyperparameters { early_stopping: Some(LESSON_PATIENCE), ..lesson_run(settings) }
}

/// Which of the lesson's runs a run is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LessonRun {
    /// The tutorial model, overfitting.
    Plain,
    /// The tutorial with dropout after each pooling.
    Dropout,
}

/// Which lesson run a run of `spec` with `settings` is: the lesson's images and epochs, no
/// augmentation, no early stopping (the one with it is only checked by reading its table).
pub fn lesson_run_kind(spec: &ModelSpec, settings: &Hyperparameters) -> Option<LessonRun> {
    let lesson = settings.epochs == LESSON_EPOCHS
        && settings.train_subset == Some(LESSON_IMAGES)
        && !settings.augment
        && settings.early_stopping.is_none();
    if !lesson {
        None
    } else if *spec == ModelSpec::tutorial() {
        Some(LessonRun::Plain)
    } else if *spec == ModelSpec::tutorial_with_dropout() {
        Some(LessonRun::Dropout)
    } else {
        None
    }
}

/// Whether `epochs` are a whole lesson run: every epoch there (not stopped) with finite losses.
pub fn is_complete(epochs: &[EpochSummary]) -> bool {
    epochs.len() == LESSON_EPOCHS && epochs.iter().all(|e| e.val_loss.is_finite() && e.loss.is_finite())
}

/// What the validation loss does over the run, for the first step of the lesson.
pub const CURVE_OPTIONS: [&str; 3] = [
    "It is still falling at the last epoch: more epochs would help.",
    "It is lowest somewhere in the middle, then rises while training accuracy keeps climbing.",
    "It stays flat from the first epoch: there is nothing more to learn.",
];
/// What a run of the lesson usually does (the answer said when there is no run).
pub const USUAL_CURVE: usize = 1;

/// A validation loss that moves less than this share of the first epoch's over the run is flat.
const FLAT_SHARE: f32 = 0.05;

/// Which of [`CURVE_OPTIONS`] describes the run's validation loss. Flat when it never moves
/// more than 5 % of the first epoch's value; otherwise "lowest in the middle" when its lowest
/// epoch comes at least 2 epochs before the last (a rise over the last epoch alone is noise),
/// and "still falling" when the lowest is one of the last two. `None` without a finite loss.
pub fn curve_choice(epochs: &[EpochSummary]) -> Option<usize> {
    let lowest = lowest_val_loss(epochs)?;
    let losses: Vec<f32> = epochs.iter().map(|e| e.val_loss).filter(|l| l.is_finite()).collect();
    let (low, high) = losses.iter().fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), &l| (lo.min(l), hi.max(l)));
    let last = epochs.last()?.epoch;
    Some(if high - low < FLAT_SHARE * losses[0].abs() {
        2
    } else if lowest + 2 <= last {
        1
    } else {
        0
    })
}

/// The gap between training and validation accuracy, for the dropout step.
pub const GAP_OPTIONS: [&str; 3] = [
    "Wider: dropout makes the model learn the training images even better.",
    "Narrower: training accuracy ends lower or validation accuracy higher, or both.",
    "About the same: dropout changes nothing that the accuracies show.",
];
/// What dropout usually does to the gap.
pub const USUAL_GAP: usize = 1;

/// Gaps closer than this (in accuracy, 0 to 1) are "about the same": half a point. Dropout
/// narrows the lesson run's gap by 1 to 2 points (measured natively: 7.5 points without it,
/// 5.7 to 6.5 with it, whose runs vary), mostly by a lower training accuracy.
pub const SAME_GAP: f32 = 0.005;

/// The last epoch's accuracy minus its val_accuracy (both as shares).
pub fn last_gap(epochs: &[EpochSummary]) -> Option<f32> {
    let last = epochs.last()?;
    let gap = last.accuracy - last.val_accuracy;
    gap.is_finite().then_some(gap)
}

/// Which of [`GAP_OPTIONS`] describes the dropout run's gap against the plain run's.
pub fn gap_choice(plain: &[EpochSummary], dropout: &[EpochSummary]) -> Option<usize> {
    let change = last_gap(dropout)? - last_gap(plain)?;
    Some(if change.abs() < SAME_GAP {
        2
    } else if change > 0.0 {
        0
    } else {
        1
    })
}

/// What early stopping at `patience` would have done to a run with these epochs: the epoch after
/// which the run ends and the epoch whose weights it keeps, by the same watch that training uses.
/// A run that never waits `patience` epochs ends with its last and keeps its last weights.
pub fn stop_and_kept(epochs: &[EpochSummary], patience: usize) -> Option<(usize, usize)> {
    let mut watch = Watch::<()>::new(patience);
    for e in epochs {
        if let Some(stop) = watch.epoch_ended(e.epoch, e.val_loss, || ()) {
            return Some((stop.after_epoch, stop.best_epoch));
        }
    }
    let last = epochs.last()?.epoch;
    Some((last, last))
}
