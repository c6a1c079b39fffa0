//! Which of the learner's digits are kept aside to measure on, never trained on.

use super::MIN_DIGITS;
use crate::data::{CLASSES, DigitsError};

/// Indices into the learner's digits, each in ascending order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HeldOutSplit {
    pub train: Vec<usize>,
    pub held_out: Vec<usize>,
}

/// Within each class, in the order the digits were given, every `every`-th digit is held out
/// (the 5th, 10th, … for 5). A class with fewer than `every` digits but at least two holds out
/// its last, so each class the learner drew twice is measured; a class with a single digit
/// keeps it for training (measuring on it would leave nothing to learn that class from).
pub fn hold_out(labels: &[u8], every: usize) -> HeldOutSplit {
    let every = every.max(2);
    let mut by_class: [Vec<usize>; CLASSES] = Default::default();
    for (i, &label) in labels.iter().enumerate() {
        by_class[usize::from(label).min(CLASSES - 1)].push(i);
    }
    let mut held_out = Vec::new();
    for class in &by_class {
        let regular: Vec<usize> = class
            .iter()
            .skip(every - 1)
            .step_by(every)
            .copied()
            .collect();
        if regular.is_empty() && class.len() >= 2 {
            held_out.extend(class.last());
        } else {
            held_out.extend(regular);
        }
    }
    held_out.sort_unstable();
    let train = (0..labels.len())
        .filter(|i| held_out.binary_search(i).is_err())
        .collect();
    HeldOutSplit { train, held_out }
}

/// The rule for the learner's digits, as the page states it. [`check_digits`] enforces exactly
/// this; both come from here so the page cannot promise one thing and refuse another.
pub fn digits_rule() -> String {
    format!(
        "To fine-tune, keep at least {MIN_DIGITS} digits, with two or more of at least one kind: of each kind you drew \
         twice or more, some are kept aside to measure on (every 5th, or the last when you drew 2 to 4). A few of each \
         kind work best."
    )
}

/// Whether the learner's digits (their labels, in the order kept) can be fine-tuned on, and
/// if so which are held out: at least [`MIN_DIGITS`] digits, and some class drawn at least
/// twice so that [`hold_out`] keeps at least one aside. The page greys its button with this and
/// the fine-tuner refuses with it.
pub fn check_digits(labels: &[u8], every: usize) -> Result<HeldOutSplit, DigitsError> {
    if labels.len() < MIN_DIGITS {
        return Err(DigitsError::TooFew { have: labels.len(), need: MIN_DIGITS });
    }
    let split = hold_out(labels, every);
    if split.held_out.is_empty() {
        let present = (0..CLASSES as u8).filter(|c| labels.contains(c)).collect();
        return Err(DigitsError::NothingToHoldOut { present });
    }
    Ok(split)
}
