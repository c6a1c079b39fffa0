//! A run from scratch that also learns from the learner's own digits: they are added after
//! MNIST's training images (after the subset, when the run trains on one), so every epoch sees
//! each of them once, like any MNIST image.

use super::Hyperparameters;
use crate::data::{DigitsError, LabelledDigits, Mnist};

/// The data and settings a [`super::Trainer`] gets for a run with the learner's `digits`: the
/// training split is the run's MNIST images followed by the digits, and since the subset is
/// already applied there, the settings ask for no subset. Malformed digits are refused; none
/// at all change nothing.
pub fn with_learner_digits(
    data: &Mnist,
    hyper: &Hyperparameters,
    digits: &LabelledDigits,
) -> Result<(Mnist, Hyperparameters), DigitsError> {
    let extra = digits.to_split()?;
    if extra.is_empty() {
        return Ok((data.clone(), hyper.clone()));
    }
    let data = data.with_extra_training(hyper.train_subset, &extra);
    Ok((
        data,
        Hyperparameters {
            train_subset: None,
            ..hyper.clone()
        },
    ))
}
