//! Which of the learner's digits are kept aside to measure on, never trained on.

use crate::data::CLASSES;

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
