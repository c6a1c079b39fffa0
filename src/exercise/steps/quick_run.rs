//! The course's quick run (one epoch on 6 400 images of the tutorial model) and what is judged
//! against it: the test-accuracy range, and the digit pair its confusion matrix mixes up most.

use crate::model::ModelSpec;
use crate::training::Hyperparameters;

/// The training images of the course's quick run: one epoch on this many images.
pub const QUICK_RUN_IMAGES: usize = 6_400;

/// The training settings of the course's quick run, keeping the learner's other settings.
pub fn quick_run(settings: &Hyperparameters) -> Hyperparameters {
    Hyperparameters { epochs: 1, train_subset: Some(QUICK_RUN_IMAGES), ..settings.clone() }
}

/// Whether a run of `spec` with `settings` is the course's quick run of the tutorial model
/// (with or without augmentation), the run the accuracy step is judged against.
pub fn is_quick_run(spec: &ModelSpec, settings: &Hyperparameters) -> bool {
    *spec == ModelSpec::tutorial() && settings.epochs == 1 && settings.train_subset == Some(QUICK_RUN_IMAGES)
}

/// The test-accuracy ranges offered for a quick run, as (label, lowest, highest) in shares.
pub const ACCURACY_RANGES: [(&str, f32, f32); 5] = [
    ("below 80 %", 0.0, 0.80),
    ("80 % to 90 %", 0.80, 0.90),
    ("90 % to 95 %", 0.90, 0.95),
    ("95 % to 98 %", 0.95, 0.98),
    ("98 % or more", 0.98, 1.01),
];

/// The range a quick run of the tutorial model usually reaches, said when there is no run.
pub const USUAL_QUICK_RUN_RANGE: usize = 2;

/// The range `accuracy` (a share, 0 to 1) falls in.
pub fn accuracy_range(accuracy: f32) -> usize {
    ACCURACY_RANGES.iter().position(|&(_, low, high)| accuracy >= low && accuracy < high).unwrap_or(ACCURACY_RANGES.len() - 1)
}

/// The digit pairs offered for the confusion step; the last option is "another pair".
pub const PAIRS: [(usize, usize); 5] = [(4, 9), (3, 5), (2, 7), (1, 7), (5, 6)];

pub(super) const PAIR_OPTIONS: [&str; 6] = ["4 and 9", "3 and 5", "2 and 7", "1 and 7", "5 and 6", "another pair"];

/// The pair the pre-trained model mixes up most, said when the learner has no matrix.
pub const USUAL_PAIR: usize = 0;

/// The unordered pairs of digits mixed up most often in `counts[true][predicted]`, both ways
/// added up; several when tied, none when there are no mistakes.
pub fn most_confused(counts: &[[u32; 10]; 10]) -> Vec<(usize, usize)> {
    let pairs = (0..10).flat_map(|a| (a + 1..10).map(move |b| (a, b)));
    let mixed = |(a, b): (usize, usize)| counts[a][b] + counts[b][a];
    let most = pairs.clone().map(mixed).max().unwrap_or(0);
    if most == 0 {
        return Vec::new();
    }
    pairs.filter(|&pair| mixed(pair) == most).collect()
}

/// Whether option `choice` of the confusion step names a pair that `counts` mixes up most
/// ("another pair" is right when none of the offered pairs is among them).
pub fn pair_choice_is_right(choice: usize, counts: &[[u32; 10]; 10]) -> bool {
    let most = most_confused(counts);
    match PAIRS.get(choice) {
        Some(pair) => most.contains(pair),
        None => choice == PAIRS.len() && !most.is_empty() && most.iter().all(|pair| !PAIRS.contains(pair)),
    }
}
